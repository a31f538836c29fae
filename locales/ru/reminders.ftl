# Напоминания планировщика (scheduler)
reminder-days-left = { $days ->
    [one] Через { $days } день срок: { $date }.
    [few] Через { $days } дня срок: { $date }.
   *[many] Через { $days } дней срок: { $date }.
}
reminder-tomorrow = Завтра срок: { $date }.
reminder-today = Сегодня срок: { $date }.
reminder-day-off-note = Срок приходится на нерабочий день, сегодня последний рабочий день до него.
reminder-window-open = Начинается период выполнения мероприятия. Срок: { $date }.
reminder-overdue = Срок истёк { $date }. Отметьте выполнение или попросите перенести срок.
reminder-escalation = { $days ->
    [one] Просрочено на { $days } рабочий день (срок { $date }).
    [few] Просрочено на { $days } рабочих дня (срок { $date }).
   *[many] Просрочено на { $days } рабочих дней (срок { $date }).
}
reminder-escalation-who = Исполнитель: { $executor }
reminder-escalation-hint = Свяжитесь с исполнителем: отметить выполнение или попросить перенос срока может только он сам.
reminder-escalation-where = { $count ->
    [one] Не выполнено { $count } поручение:
    [few] Не выполнено { $count } поручения:
   *[many] Не выполнено { $count } поручений:
}
reminder-escalation-more = …и ещё { $count ->
    [one] { $count } поручение
    [few] { $count } поручения
   *[many] { $count } поручений
}, полный список — /overdue
reminder-checkin-month = Что сделано за месяц? Отметьте статус и, если есть, приложите подтверждение.
reminder-checkin-week = Что сделано за неделю? Отметьте статус и, если есть, приложите подтверждение.
reminder-checkin-quarter = Что сделано за квартал? Отметьте статус и, если есть, приложите подтверждение.
reminder-checkin-past = Что сделано за период с { $start } по { $end }? Отметьте статус и, если есть, приложите подтверждение.
reminder-checkin-note = Отметка не закрывает мероприятие.
delivery-blocked = { $name } заблокировал(а) бота: сообщения больше не доставляются. Назначьте другого исполнителя, свяжитесь с сотрудником или пригласите его (её) заново командой /invite.
reminder-button-snooze = Напомнить завтра
reminder-greeting = { $name }, добрый день!
reminder-group-title = { $count ->
    [one] Напоминание: { $count } поручение
    [few] Напоминания: { $count } поручения
   *[many] Напоминания: { $count } поручений
}
reminder-escalation-title = { $count ->
    [one] Просрочено у исполнителей: { $count } поручение
    [few] Просрочено у исполнителей: { $count } поручения
   *[many] Просрочено у исполнителей: { $count } поручений
}
reminder-group-button = { $key } · { $label }
reminder-covering = Вы замещаете коллегу: { $executor }, в отпуске до { $date }. Напоминание по поручению коллеги.
reminder-page = Страница { $page } из { $pages }: поручения { $from }–{ $to } из { $count }.
reminder-page-more = Ещё { $count } { $count ->
    [one] поручение
    [few] поручения
   *[many] поручений
} { $pages ->
    [1] на следующей странице: её открывает кнопка «Стр. { $next } ▶» под сообщением.
   *[other] на следующих страницах: их открывают кнопки «◀» и «▶» под сообщением.
}
reminder-page-prev = ◀ Стр. { $page }
reminder-page-next = Стр. { $page } ▶
reminder-page-gone = Это сообщение больше нельзя листать. Ваши поручения — в /my.
