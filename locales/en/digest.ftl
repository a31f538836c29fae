# Weekly digest (scheduler/digest.ts)
digest-title = Roadmap summary ({ $title }) as of { $date }
digest-title-schools-count = Your schools: { $count } (each on the chart)
digest-title-schools = Your schools: { $schools }
digest-counts = { $total } { $total ->
    [one] assignment
   *[other] assignments
} for { $items } { $items ->
    [one] action
   *[other] actions
}: done { $done } · in progress { $inProgress } · under review { $submitted } · overdue { $overdue } · not started { $notStarted } · <b>{ $percent }%</b>
digest-overdue-heading = Overdue: { $count ->
    [one] { $count } assignment
   *[other] { $count } assignments
} for { $items ->
    [one] { $items } action
   *[other] { $items } actions
}:
digest-overdue-item = { $key } “{ $title }” — overdue by { $days ->
    [one] { $days } day
   *[other] { $days } days
}
digest-due-soon-heading = Due in the next 14 days: { $count ->
    [one] { $count } assignment
   *[other] { $count } assignments
} for { $items ->
    [one] { $items } action
   *[other] { $items } actions
}:
digest-due-soon-item = { $key } “{ $title }” — due { $date }
digest-evidence-heading = Waiting for your review: { $count ->
    [one] { $count } assignment
   *[other] { $count } assignments
}
digest-evidence-line = { $key } “{ $title }” — { $who }
digest-evidence-where = Accept or return for rework in /verify.
digest-attached-heading = Attached, not marked done: { $count ->
    [one] { $count } assignment
   *[other] { $count } assignments
}
digest-attached-item = { $key } “{ $title }”
digest-more-assignments = …and { $count ->
    [one] { $count } more assignment
   *[other] { $count } more assignments
}
digest-overdue-at-activation = { $count ->
    [one] { $count } action was already overdue when the roadmap started ({ $date }).
   *[other] { $count } actions were already overdue when the roadmap started ({ $date }).
}
digest-no-deadline = No deadline (on demand or not given): { $count } { $count ->
    [one] action
   *[other] actions
}
digest-unrecognised = Deadline not recognised: { $keys }
digest-unassigned = Without an executor: { $count } { $count ->
    [one] assignment
   *[other] assignments
}
digest-more = …and { $count } more
digest-nothing = No actions with executors yet.
digest-no-executor = no executor assigned
# One message summarising several roadmaps (services/digest-overview.ts)
digest-overview-title = Summary of your roadmaps as of { $date }
digest-overview-count = { $count } { $count ->
    [one] roadmap
   *[other] roadmaps
}
digest-overview-total-overdue = { $count } { $count ->
    [one] assignment
   *[other] assignments
} overdue
digest-overview-total-no-overdue = nothing overdue
digest-overview-total-review = { $count } waiting for your review
digest-overview-order = Roadmaps with overdue work or work waiting for your review come first.
digest-overview-name-authority = { $name } — { $authority }
digest-overview-schools = Your schools: { $count }
digest-overview-figures = done { $done } of { $total } { $total ->
    [one] assignment
   *[other] assignments
} ({ $percent }%)
digest-overview-overdue = overdue { $count }
digest-overview-no-overdue = nothing overdue
digest-overview-review = waiting for your review { $count }
digest-overview-nothing = no actions with executors yet
digest-overview-detail = /digest { $id }
digest-overview-more = …and { $count } more { $count ->
    [one] roadmap
   *[other] roadmaps
} (numbers: { $ids })
digest-overview-where = A roadmap's full summary with its chart: /digest with the roadmap's number (e.g. /digest { $id }) or a button below.
digest-overview-button = Roadmap { $id }: { $name }
# curators away with nobody standing in (services/cover.ts): their schools' escalations and evidence wait
digest-curators-away-heading = Curators away with no stand-in: { $count }
digest-curator-away = • { $name } ({ $schools }) — away until { $date }; these schools' overdue work and evidence wait for the curator's return.
digest-chart-button = Show the chart
digest-chart-caption = Progress chart: { $title }, as of { $date }
# a digest and reminders in one tick: one message, the digest's figures at its head (scheduler/digest-head.ts)
digest-head-figures = In all: { $figures }.
digest-head-button = Full summary
digest-head-where = Each roadmap's summary: the buttons below or /digest.
