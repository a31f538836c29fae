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
