# Заместитель руководителя: /roadmap и /digest
deputy-not-allowed = Эта команда доступна заместителям руководителя, контролирующим дорожную карту, и координаторам.
deputy-no-roadmaps = Активных дорожных карт под Вашим контролем нет.
deputy-unknown-roadmap = Дорожной карты «{ $id }» среди доступных Вам нет.
deputy-choose-roadmap = Выберите дорожную карту:
deputy-roadmap-header = <b>{ $title }</b> (карта { $id })
deputy-counts = { $total } { $total ->
    [one] поручение
    [few] поручения
   *[many] поручений
} по { $items } { $items ->
    [one] мероприятию
   *[other] мероприятиям
}: выполнено { $done } · в работе { $inProgress } · на проверке { $submitted } · просрочено { $overdue } · не начато { $notStarted } · <b>{ $percent } %</b>
deputy-by-section = <b>По разделам</b>
deputy-by-school = <b>По школам</b>
deputy-by-school-lagging = <b>По школам: { $shown } из { $total }, сначала те, где больше всего просроченного</b>
deputy-no-section = Без раздела
deputy-more-schools = …и ещё школ: { $count }. Полный отчёт — /export.
