# Deputy head: /roadmap and /digest
deputy-not-allowed = This command is available to the deputy heads who control a roadmap and to coordinators.
deputy-no-roadmaps = There are no active roadmaps under your control.
deputy-unknown-roadmap = There is no roadmap “{ $id }” among those available to you.
deputy-choose-roadmap = Please choose a roadmap:
deputy-roadmap-header = <b>{ $title }</b> (roadmap { $id })
deputy-counts = { $total } { $total ->
    [one] assignment
   *[other] assignments
} for { $items } { $items ->
    [one] action
   *[other] actions
}: done { $done } · in progress { $inProgress } · under review { $submitted } · overdue { $overdue } · not started { $notStarted } · <b>{ $percent }%</b>
deputy-by-section = <b>By section</b>
deputy-by-school = <b>By school</b>
deputy-by-school-lagging = <b>By school: { $shown } of { $total }, the most overdue first</b>
deputy-no-section = No section
deputy-more-schools = …and { $count } more schools. The full report: /export.
