# Еженедельная сводка (scheduler/digest.ts)
digest-title = Сводка по дорожной карте «{ $title }» на { $date }
digest-title-schools = Ваши школы: { $schools }
digest-title-schools-count = Ваши школы: { $count } (каждая — на диаграмме)
digest-counts = { $total } { $total ->
    [one] поручение
    [few] поручения
   *[many] поручений
} по { $items } { $items ->
    [one] мероприятию
   *[other] мероприятиям
}: не начато { $notStarted } · в работе { $inProgress } · на проверке { $submitted } · просрочено { $overdue } · выполнено { $done } ({ $percent } %)
digest-overdue-heading = Просрочено ({ $count }):
digest-overdue-line = { $key } «{ $title }» — { $executor }{ $school }: { $days ->
    [one] { $days } день
    [few] { $days } дня
   *[many] { $days } дней
}
digest-due-soon-heading = Срок в ближайшие 14 дней ({ $count }):
digest-due-soon-line = { $key } «{ $title }» — { $date }, { $executor }{ $school }
digest-evidence-heading = Подтверждения ждут проверки ({ $count }):
digest-evidence-line = { $key } «{ $title }» — { $executor }{ $school }
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
