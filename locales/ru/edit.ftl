# Исправление результата загрузки: /edit, файл для правки, что требует внимания в предпросмотре
edit-usage = Исправить мероприятие: /edit <i>ключ</i> (при нескольких картах — /edit <i>номер карты/ключ</i>, например /edit 2/17). Поправить сразу многое удобнее в файле — кнопка «Скачать для правки».
edit-no-roadmaps = Сохранённых дорожных карт пока нет. Загрузите карту через /import.
edit-key-unknown = Мероприятия с ключом «{ $key }» нет ни в действующих картах, ни в предпросмотре.
edit-key-ambiguous = Ключ «{ $key }» есть в нескольких картах. Какое мероприятие исправить?
edit-draft-label = Предпросмотр
edit-card-saved = <b>Мероприятие { $key }</b> — карта { $id }: { $roadmap }
edit-card-draft = <b>Мероприятие { $key }</b> — предпросмотр, ещё не сохранено
edit-card-title = Мероприятие: { $text }
edit-card-deadline = Срок: { $text }
edit-card-responsible = Ответственные: { $text }
edit-card-empty = —
edit-card-history = <b>История изменений:</b>
edit-card-history-row = { $date }, { $who }: { $field } «{ $old }» → «{ $new }»
edit-card-history-who-unknown = координатор
edit-card-question = Что исправить?
edit-field-deadline = Срок
edit-field-responsible = Ответственные
edit-field-title = Название
edit-ask-deadline = Пришлите новый срок мероприятия { $key } так, как написали бы его в документе: «до 15.06.2024», «март–апрель 2024», «ежемесячно до 5 числа», «в течение года».
    Сейчас: { $current }
edit-ask-responsible = Пришлите ответственных за мероприятие { $key } через точку с запятой или запятую: ФИО, должности, организации. Например: «Сидорова А.А.; руководители ОО; МКУ ИМЦ».
    Сейчас: { $current }
edit-ask-title = Пришлите новое название мероприятия { $key }.
    Сейчас: { $current }
edit-text-empty = Пришлите, пожалуйста, текст — или нажмите «Отмена».
edit-text-too-long = Текст длиннее { $max } символов. Сократите его, пожалуйста.
edit-preview-head = <b>Мероприятие { $key }: { $field }</b>
edit-preview-old = Было: { $text }
edit-preview-new = Будет: { $text }
edit-preview-understood = Понято так: { $text }
edit-preview-party = • { $name } — { $kind }
edit-preview-no-parties = ❗ Ни одного ответственного не найдено.
edit-preview-warning = ⚠️ { $text }
edit-preview-question = Сохранить?
edit-party-person = человек
edit-party-role = должность (в каждой школе)
edit-party-organization = организация
edit-deadline-date = { $due }
edit-deadline-window = с { $start } по { $due }
edit-deadline-window-open = по { $due }
edit-deadline-multi = контрольные даты: { $dates }
edit-deadline-recurring = { $every ->
    [week] еженедельно
    [month] ежемесячно
   *[quarter] ежеквартально
}{ $period }
edit-deadline-ongoing = постоянно{ $period }
edit-deadline-on_demand = по мере необходимости{ $period }
edit-deadline-none = без срока
edit-deadline-unknown = ❓ срок не распознан: так и будет записан, а мероприятие останется в списке «Не понят срок»
edit-deadline-period = { " " }(с { $start } по { $due })
edit-saved = ✅ Сохранено. Мероприятие { $key }, { $field }: «{ $old }» → «{ $new }». Изменение записано в историю мероприятия (/edit { $key }).
edit-saved-assignments = Поручения: новых { $created }, снято { $retired }; без исполнителя { $unresolved } — см. /unassigned.
edit-saved-draft = ✅ Исправлено в предпросмотре: мероприятие { $key }, { $field }. Ниже — обновлённый предпросмотр.
edit-unchanged = Текст тот же, что и был: ничего не изменилось.
edit-outdated = Это исправление уже неактуально. Начните заново: /edit <i>ключ</i>.
edit-cancelled = Исправление отменено, ничего не изменилось.
edit-not-allowed = Исправлять мероприятия могут только координаторы.
edit-workbook-caption = Дорожная карта для правки. Исправьте ячейки и пришлите файл сюда же — я снова покажу предпросмотр, а сохранит его кнопка «Сохранить». Жёлтым отмечены ячейки, которые стоит проверить: замечание — в примечании к ячейке. Столбец «Ключ» и лист «Дорожная карта» лучше не менять.
edit-workbook-none = Этой дорожной карты больше нет.
edit-button-workbook = Скачать для правки
edit-button-workbook-of = Скачать для правки · { $id }
edit-button-save = Сохранить
edit-button-cancel = Отмена
edit-button-fix-deadline = { $key } · Срок
edit-button-fix-responsible = { $key } · Ответственные
edit-button-fix-check = { $key } · Проверить
# Что требует внимания: первая строка предпросмотра
fix-lead = <b>Требует внимания</b> — { $parts }
fix-part-deadline = Не понят срок: { $count }
fix-part-responsible = Без ответственного: { $count }
fix-part-check = Проверьте: { $count }
fix-keys-deadline = • Не понят срок: { $keys }
fix-keys-deadline-written = • Не понят срок (как записано в документе):
fix-keys-responsible = • Без ответственного: { $keys }
fix-keys-check = • Проверьте: { $keys }
fix-all-clear = ✅ У всех мероприятий распознаны сроки и ответственные.
fix-hint-buttons = Нажмите на ключ, чтобы исправить мероприятие здесь, или «Скачать для правки», чтобы исправить всё в таблице.
fix-hint-workbook = Кнопками — первые { $shown }; исправить многое удобнее в таблице: «Скачать для правки».
