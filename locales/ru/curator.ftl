# Куратор: /school и /overdue
curator-not-allowed = Эта команда доступна кураторам, заместителям руководителя и координаторам.
curator-school-usage = Напишите часть названия школы, например: /school СОШ № 1
curator-school-not-found = Школа «{ $text }» не найдена среди доступных Вам.
curator-school-choose = Найдено школ: { $count }. Выберите нужную:
curator-school-header = <b>{ $school }</b>
curator-roadmap-header = <i>{ $title }</i> (карта { $id }): выполнено { $done } из { $total } { $total ->
    [one] поручения
   *[other] поручений
} по { $items } { $items ->
    [one] мероприятию
   *[other] мероприятиям
}, { $percent } %
curator-school-empty = Поручений у этой школы пока нет.
curator-due = срок { $date }
curator-no-due = без срока
curator-no-executor = исполнитель не назначен ({ $party })
curator-evidence-link = 🔗 { $url }
curator-evidence-file = 📎 { $name }
curator-evidence-status-submitted = на проверке
curator-evidence-status-accepted = принято
curator-evidence-status-returned = возвращено
curator-evidence-status-attached = приложено, не отмечено выполненным
curator-status-late = { $status } ({ $overdue })
curator-overdue-none = Просроченных поручений нет.
curator-overdue-header = { $count ->
    [one] Просрочено { $count } поручение
    [few] Просрочено { $count } поручения
   *[other] Просрочено { $count } поручений
} { $items ->
    [one] по { $items } мероприятию.
   *[other] по { $items } мероприятиям.
}
curator-overdue-roadmap = <i>{ $title }</i> (карта { $id }): { $count ->
    [one] { $count } поручение
    [few] { $count } поручения
   *[other] { $count } поручений
}
curator-overdue-item = <b>{ $key }.</b> { $title } · { $due } · { $days ->
    [one] просрочено на { $days } день
    [few] просрочено на { $days } дня
   *[other] просрочено на { $days } дней
}
curator-overdue-more = …и ещё { $items ->
    [one] { $items } мероприятие
    [few] { $items } мероприятия
   *[other] { $items } мероприятий
} (поручений: { $rows }). Подробно по школе — /school <i>название</i>.
curator-schools-all = все школы ({ $count })
curator-schools-except = все школы, кроме: { $schools } (итого { $count } { $count ->
    [one] школа
    [few] школы
   *[other] школ
})
curator-schools-some = { $count } { $count ->
    [one] школа
    [few] школы
   *[other] школ
}: { $schools }
curator-schools-legend = Школы ({ $count }): { $schools }
curator-overdue-no-executor = без исполнителя: { $parties }
curator-school-finished = Выполнено или отменено { $count ->
    [one] { $count } мероприятие
    [few] { $count } мероприятия
   *[many] { $count } мероприятий
}: { $keys }
curator-school-more = …и ещё { $items ->
    [one] { $items } мероприятие
    [few] { $items } мероприятия
   *[many] { $items } мероприятий
}: они не поместились в одно сообщение. Полный список по школе — в отчёте /export.
# «Напомнить»: напоминание исполнителю сейчас (services/nudge.ts)
nudge-button = Напомнить: { $key } · { $who }
nudge-told = 🔔 { $who } просит Вас обратить внимание на это поручение.
nudge-told-attached = 🔔 { $who } напоминает: подтверждение приложено, но поручение не отмечено выполненным. Если работа сделана, нажмите «Выполнено».
nudge-sent = Напоминание отправлено: { $who }, мероприятие { $key }.
nudge-sent-toast = Напоминание отправлено
nudge-not-delivered = Напоминание не доставлено: у исполнителя ({ $who }) аккаунт ещё не подключён к боту.
nudge-error-already = Сегодня об этом поручении уже напоминали. Следующее напоминание можно отправить завтра.
nudge-error-forbidden = Напомнить исполнителю может куратор школы, заместитель руководителя или координатор.
nudge-error-not_found = Это поручение больше не найдено.
nudge-error-no_executor = У этого поручения нет исполнителя — напоминать некому. Назначьте его командой /assign.
nudge-error-closed = Поручение уже выполнено или отменено: напоминать не нужно.
