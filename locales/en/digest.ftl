# Weekly digest (scheduler/digest.ts)
digest-title = Roadmap «{ $title }» summary as of { $date }
digest-title-schools-count = Your schools: { $count } (each on the chart)
digest-title-schools = Your schools: { $schools }
digest-counts = { $total } { $total ->
    [one] assignment
   *[other] assignments
} for { $items } { $items ->
    [one] action
   *[other] actions
}: not started { $notStarted } · in progress { $inProgress } · under review { $submitted } · overdue { $overdue } · done { $done } ({ $percent }%)
digest-overdue-heading = Overdue ({ $count }):
digest-overdue-line = { $key } “{ $title }” — { $executor }{ $school }: { $days ->
    [one] { $days } day
   *[other] { $days } days
}
digest-due-soon-heading = Due in the next 14 days ({ $count }):
digest-due-soon-line = { $key } “{ $title }” — { $date }, { $executor }{ $school }
digest-evidence-heading = Evidence waiting for verification ({ $count }):
digest-evidence-line = { $key } “{ $title }” — { $executor }{ $school }
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
