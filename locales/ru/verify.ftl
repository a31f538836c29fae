# Проверка подтверждений и решения о переносе сроков
verify-button-accept = Принять
verify-button-return = Вернуть на доработку
verify-evidence-link = 🔗 { $url }
verify-evidence-file = 📎 файл { $name }
verify-evidence-photo = 🖼 фото { $name }
verify-evidence-none = подтверждение не приложено
verify-entry = <b>{ $key }.</b> { $title }
verify-entry-who = <b>{ $key }.</b> { $title } — { $who }
verify-notify-header = { $count ->
    [one] На проверку поступило { $count } поручение
    [few] На проверку поступило { $count } поручения
   *[other] На проверку поступило { $count } поручений
} ({ $files ->
    [one] { $files } подтверждение
    [few] { $files } подтверждения
   *[other] { $files } подтверждений
}).
verify-notify-header-bare = { $count ->
    [one] На проверку поступило { $count } поручение.
    [few] На проверку поступило { $count } поручения.
   *[other] На проверку поступило { $count } поручений.
}
verify-notify-more = …и ещё { $count }.
verify-notify-footer = Чтобы принять или вернуть на доработку, откройте /verify.
verify-told-accepted = ✅ Подтверждение по мероприятию <b>{ $key }</b> «{ $title }» принято. Спасибо!
verify-told-returned = ↩️ Мероприятие <b>{ $key }</b> «{ $title }» возвращено Вам на доработку.
    Комментарий проверяющего: { $comment }
    Откройте /item { $key }, чтобы приложить новое подтверждение.
verify-list-empty = Сейчас нет подтверждений и просьб о переносе срока, ожидающих Вашего решения.
verify-postpone-header = { $count ->
    [one] Ожидает решения { $count } просьба о переносе срока.
    [few] Ожидают решения { $count } просьбы о переносе срока.
   *[other] Ожидают решения { $count } просьб о переносе срока.
}
verify-list-header = { $count ->
    [one] Ждёт проверки { $count } поручение.
    [few] Ждут проверки { $count } поручения.
   *[other] Ждут проверки { $count } поручений.
}
verify-list-more = Показаны первые { $shown }. Остальные появятся после решения по этим.
verify-ask-comment = Напишите одним сообщением, что нужно доработать по мероприятию <b>{ $key }</b>. Комментарий получит исполнитель.
verify-accepted = Принято: поручение по мероприятию <b>{ $key }</b>.
verify-accepted-toast = Принято
verify-returned = Поручение по мероприятию <b>{ $key }</b> возвращено на доработку с Вашим комментарием.
verify-comment-empty = Комментарий не может быть пустым. Напишите, что нужно доработать.
verify-comment-too-long = Комментарий слишком длинный: не больше { $max } символов.
verify-error-not_found = Это поручение больше не найдено. Откройте /verify, чтобы увидеть актуальный список.
verify-error-forbidden = Решение по этому поручению принимает куратор школы, заместитель руководителя или координатор.
verify-error-not_submitted = По этому поручению решение уже принято или исполнитель изменил статус. Откройте /verify, чтобы увидеть актуальный список.
verify-error-empty_comment = Комментарий не может быть пустым. Напишите, что нужно доработать.
verify-not-allowed = Команда /verify доступна кураторам, заместителям руководителя и координаторам.
verify-executor-not-told = Исполнитель пока не подключён к боту и узнает о решении при входе.

# Перенос срока
postpone-button-approve = Одобрить
postpone-button-refuse = Отклонить
postpone-request = ⏳ Просьба о переносе срока по мероприятию <b>{ $key }</b> «{ $title }».
    Исполнитель: { $who }
    Текущий срок: { $due }
    Новый срок: <b>{ $requested }</b>
    Причина: { $reason }
postpone-request-again = Напоминаем: просьба ждёт Вашего решения уже { $days ->
    [one] { $days } рабочий день
    [few] { $days } рабочих дня
   *[other] { $days } рабочих дней
}.
postpone-no-due = не указан
postpone-ask-reason = Напишите одним сообщением причину отказа по мероприятию <b>{ $key }</b>. Её получит исполнитель.
postpone-approved = Перенос срока по мероприятию <b>{ $key }</b> одобрен: новый срок { $due }.
postpone-approved-toast = Одобрено
postpone-refused = Перенос срока по мероприятию <b>{ $key }</b> отклонён, причина отправлена исполнителю.
postpone-told-approved = ✅ Перенос срока по мероприятию <b>{ $key }</b> «{ $title }» одобрен. Новый срок: <b>{ $due }</b>.
postpone-told-refused = ❌ Перенос срока по мероприятию <b>{ $key }</b> «{ $title }» отклонён. Срок прежний: { $due }.
    Причина: { $reason }
postpone-reason-empty = Причина не может быть пустой. Напишите, почему перенос невозможен.
postpone-error-not_found = Эта просьба о переносе больше не найдена.
postpone-error-forbidden = Решение о переносе принимает куратор школы, заместитель руководителя или координатор.
postpone-error-decided = По этой просьбе решение уже принято.
postpone-error-closed = Поручение уже выполнено или отменено: переносить срок больше не нужно.
postpone-error-empty_reason = Причина не может быть пустой. Напишите, почему перенос невозможен.
