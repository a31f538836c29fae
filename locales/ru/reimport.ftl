# A new version of a saved roadmap: the preview says which roadmap it updates and what moves.
reimport-target-identity = 🔁 Это новая редакция дорожной карты { $id } «{ $title }». «Сохранить» обновит её: отметки исполнителей, подтверждения и история останутся при своих мероприятиях, даже если у них сменился номер.
reimport-target-similar = 🔁 Похоже, это исправленная версия дорожной карты { $id } «{ $title }»: найдено мероприятий { $matched } из { $total }. «Сохранить» обновит эту карту, а не создаст вторую; отметки исполнителей, подтверждения и история останутся при своих мероприятиях.
reimport-target-same = 🔁 Эти мероприятия уже сохранены в дорожной карте { $id } «{ $title }» и не изменились. «Сохранить» обновит сведения о документе, отметки исполнителей останутся.
reimport-unchanged = Прежние мероприятия найдены в новой редакции: { $matched }; содержание изменилось у { $changed }.
reimport-moved = <b>Новые номера ({ $count })</b> — работа переходит вместе с мероприятием:
reimport-moved-line = { $from } → { $to }: { $title }
reimport-moved-run = { $from } → { $to }: { $count } { $count ->
    [one] мероприятие без отметок сдвинулось
    [few] мероприятия без отметок сдвинулись
   *[many] мероприятий без отметок сдвинулись
} на новые номера
reimport-added = <b>Новые мероприятия ({ $count }):</b>
reimport-added-line = { $key }: { $title }
reimport-removed = <b>Нет в новой редакции ({ $count })</b> — будут сняты, напоминаний по ним не будет; отметки и подтверждения сохранятся:
reimport-restored = <b>Снова в документе ({ $count })</b>, с прежними отметками:
reimport-reworded = <b>Изменена формулировка ({ $count }):</b>
reimport-reworded-line = { $key }: «{ $from }» → «{ $to }»
reimport-with-work = поручений с отметками: { $count }
reimport-more = …и ещё { $count }
reimport-saved-moved = Перенумеровано мероприятий: { $count } — их отметки и подтверждения перешли к новым номерам.
reimport-saved-similar = Это исправленная версия карты { $id }: она обновлена, вторая карта не создана.
