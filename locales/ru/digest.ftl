# Еженедельная сводка (scheduler/digest.ts)
digest-title = Сводка по дорожной карте ({ $title }) на { $date }
digest-title-schools = Ваши школы: { $schools }
digest-title-schools-count = Ваши школы: { $count } (каждая — на диаграмме)
digest-counts = { $total } { $total ->
    [one] поручение
    [few] поручения
   *[many] поручений
} по { $items } { $items ->
    [one] мероприятию
   *[other] мероприятиям
}: выполнено { $done } · в работе { $inProgress } · на проверке { $submitted } · просрочено { $overdue } · не начато { $notStarted } · <b>{ $percent } %</b>
digest-overdue-heading = Просрочено { $count ->
    [one] { $count } поручение
    [few] { $count } поручения
   *[many] { $count } поручений
} по { $items ->
    [one] { $items } мероприятию
   *[other] { $items } мероприятиям
}:
digest-overdue-item = { $key } «{ $title }» — просрочено на { $days ->
    [one] { $days } день
    [few] { $days } дня
   *[many] { $days } дней
}
digest-due-soon-heading = Срок в ближайшие 14 дней: { $count ->
    [one] { $count } поручение
    [few] { $count } поручения
   *[many] { $count } поручений
} по { $items ->
    [one] { $items } мероприятию
   *[other] { $items } мероприятиям
}:
digest-due-soon-item = { $key } «{ $title }» — срок { $date }
digest-evidence-heading = Ждут Вашей проверки: { $count ->
    [one] { $count } поручение
    [few] { $count } поручения
   *[many] { $count } поручений
}
digest-evidence-line = { $key } «{ $title }» — { $who }
digest-evidence-where = Принять или вернуть на доработку — в /verify.
digest-attached-heading = Приложено, не отмечено выполненным: { $count ->
    [one] { $count } поручение
    [few] { $count } поручения
   *[many] { $count } поручений
}
digest-attached-item = { $key } «{ $title }»
digest-more-assignments = …и ещё { $count ->
    [one] { $count } поручение
    [few] { $count } поручения
   *[many] { $count } поручений
}
digest-overdue-at-activation = { $count ->
    [one] { $count } мероприятие было просрочено уже на дату запуска ({ $date }).
    [few] { $count } мероприятия были просрочены уже на дату запуска ({ $date }).
   *[many] { $count } мероприятий были просрочены уже на дату запуска ({ $date }).
}
digest-no-deadline = Без срока (по мере необходимости или не указан): { $count } { $count ->
    [one] мероприятие
    [few] мероприятия
   *[many] мероприятий
}
digest-unrecognised = Срок не распознан: { $keys }
digest-unassigned = Без исполнителя: { $count } { $count ->
    [one] поручение
    [few] поручения
   *[many] поручений
}
digest-more = …и ещё { $count }
digest-nothing = Пока нет мероприятий с исполнителями.
digest-no-executor = исполнитель не назначен
# Сводка по нескольким дорожным картам одним сообщением (services/digest-overview.ts)
digest-overview-title = Сводка по дорожным картам на { $date }
digest-overview-count = { $count } { $count ->
    [one] дорожная карта
    [few] дорожные карты
   *[many] дорожных карт
}
digest-overview-total-overdue = просрочено { $count } { $count ->
    [one] поручение
    [few] поручения
   *[many] поручений
}
digest-overview-total-no-overdue = просроченных поручений нет
digest-overview-total-review = на Вашей проверке { $count }
digest-overview-order = Первыми идут карты с просроченными поручениями и поручениями на Вашей проверке.
digest-overview-name-authority = { $name } — { $authority }
digest-overview-schools = Ваши школы: { $count }
digest-overview-figures = выполнено { $done } из { $total } { $total ->
    [one] поручения
   *[other] поручений
} ({ $percent } %)
digest-overview-overdue = просрочено { $count }
digest-overview-no-overdue = просрочек нет
digest-overview-review = на Вашей проверке { $count }
digest-overview-nothing = пока нет мероприятий с исполнителями
digest-overview-detail = /digest { $id }
digest-overview-more = …и ещё { $count } { $count ->
    [one] дорожная карта
    [few] дорожные карты
   *[many] дорожных карт
} (номера: { $ids })
digest-overview-where = Подробная сводка с диаграммой по карте — командой /digest с номером карты (например, /digest { $id }) или кнопкой ниже.
digest-overview-button = Карта { $id }: { $name }
# curators away with nobody standing in (services/cover.ts): their schools' escalations and evidence wait
digest-curators-away-heading = Кураторы в отпуске без замены: { $count }
digest-curator-away = • { $name } ({ $schools }) — в отпуске до { $date }; просрочки и подтверждения этих школ ждут возвращения куратора.
digest-chart-button = Показать диаграмму
digest-chart-caption = Диаграмма исполнения: { $title }, на { $date }
# a digest and reminders in one tick: one message, the digest's figures at its head (scheduler/digest-head.ts)
digest-head-figures = Итого: { $figures }.
digest-head-button = Сводка полностью
digest-head-where = Сводка по каждой карте — кнопками ниже или командой /digest.
