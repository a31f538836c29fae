# Reports: .xlsx/.docx export, charts, the /export command

## Status groups in charts and the summary
export-bucket-done = done
export-bucket-submitted = awaiting review
export-bucket-inProgress = in progress
export-bucket-notStarted = not started
export-bucket-overdue = overdue
export-bucket-returned = returned
export-bucket-postponed = postponed
export-bucket-cancelled = cancelled
export-no-section = No section

## Charts
export-chart-sections-title = Progress by section
export-chart-schools-title = Progress by school
export-chart-schools-lagging-title = Schools with the most overdue work: { $shown } of { $total }
export-chart-time-title = Assignments done over time (cumulative)
export-chart-time-axis = date
export-chart-time-total = assignments in all: { $total }
export-chart-bar-value = { $done } of { $total } ({ $percent }%)
export-chart-more = …and { $count } more (the full list is in the .xlsx table)
export-chart-empty = No data yet

## .xlsx workbook
export-sheet-items = Progress
export-sheet-summary = Summary
export-sheet-evidence = Evidence
export-col-number = No.
export-col-title = Action
export-col-result = Expected result
export-col-deadline = Deadline
export-col-responsible = Responsible
export-col-key = Key
export-col-status = Status
export-col-executor = Executor
export-col-school = School
export-col-due = Due date
export-col-done = Date done
export-col-evidence = Evidence
export-col-verification = Review
export-col-comment = Last comment
export-col-evidence-date = Date
export-col-evidence-status = Review
export-evidence-status-accepted = accepted
export-evidence-status-submitted = awaiting review
export-unassigned = not assigned
export-verification-accepted = accepted{ $by ->
    [none] {""}
   *[other] : { $by }
}{ $date ->
    [none] {""}
   *[other] , { $date }
}
export-verification-returned = returned{ $by ->
    [none] {""}
   *[other] : { $by }
}{ $date ->
    [none] {""}
   *[other] , { $date }
}{ $comment ->
    [none] {""}
   *[other] {" "}— { $comment }
}
export-verification-pending = awaiting review
export-summary-title = Progress summary: { $title }
export-summary-date = As of { $date }
export-summary-scope = Schools: { $schools }
export-summary-by-section = By section
export-summary-by-school = By school
export-summary-total = Total
export-summary-col-name = Name
export-summary-col-total = Assignments
export-summary-col-percent = % done
export-summary-col-items = Actions
export-summary-col-items-done = Actions done
export-evidence-file = file: { $name }

## Analytic note .docx
export-note-title = Analytic note
export-note-subtitle = on the execution of “{ $title }”
export-note-order = { $authority }, order of { $date } No. { $number }
export-note-period = Period: { $from } to { $to }
export-note-date = As of { $date }
export-note-scope = Covers the schools: { $schools }.
export-note-totals-heading = Totals
export-note-totals = The roadmap has { $items ->
    [one] { $items } action
   *[other] { $items } actions
}; split by schools and executors, { $rows ->
    [one] { $rows } assignment
   *[other] { $rows } assignments
}. Fully done: { $itemsDone ->
    [one] { $itemsDone } action
   *[other] { $itemsDone } actions
}; { $done } of { $live } assignments done ({ $percent }%).
export-note-buckets = Awaiting review — { $submitted }, in progress — { $inProgress }, not started — { $notStarted }, overdue — { $overdue }, returned — { $returned }, postponed — { $postponed }, cancelled — { $cancelled }.
export-note-unassigned = No executor for { $count ->
    [one] { $count } assignment
   *[other] { $count } assignments
}.
export-note-sections-heading = Progress by section
export-note-section-line = { $title }: { $done } of { $total } done ({ $percent }%){ $overdue ->
    [0] {""}
   *[other] , overdue — { $overdue }
}.
export-note-schools-heading = Progress by school
export-note-overdue-heading = Overdue actions
export-note-overdue-none = Nothing is overdue.
export-note-overdue-line = item { $number } “{ $title }” — due { $due }; { $count ->
    [1] executor
   *[other] executors
}: { $executor }
export-note-executors-more = and { $count } more
export-note-done-heading = Actions done and their evidence
export-note-done-none = Nothing is done yet.
export-note-done-line = item { $number } “{ $title }” — { $executor }, { $date }
export-note-evidence-none = no evidence attached
export-note-overdue-more = The list is shortened: the first { $shown } of { $total } overdue actions are shown. The full list is in the monitoring table (.xlsx), sheet “Progress”, status “overdue”.
export-note-done-more = The list is shortened: the first { $shown } of { $total } assignments done are shown. The full list with the evidence is in the monitoring table (.xlsx), sheets “Progress” and “Evidence”.
export-note-chart-heading = Progress over time
export-note-signature = Prepared automatically by Vekha from the executors' reports.

## The /export command
export-choose-roadmap = Choose the roadmap to export:
export-no-rights = Reports are available to the coordinator, the deputy head and curators. If you need a report, please ask the coordinator.
export-no-roadmaps = There are no active roadmaps to export.
export-nothing = The roadmap “{ $title }” has no actions to export{ $schools ->
    [none] {""}
   *[other] {" "}for your schools
}.
export-unknown-roadmap = Roadmap not found. It may have been deleted.
export-too-large = The report on this roadmap did not fit in the memory the bot sets aside for exports ({ $mb } MB), so its preparation was stopped — no files were sent. Please tell the bot's administrator: they can set aside more memory for exports or export the report on the server.
export-caption-xlsx = Progress monitoring: { $title } (as of { $date })
export-caption-docx = Analytic note: { $title } (as of { $date })
export-note-shortened = The note's lists of overdue actions and assignments done are shortened to { $max } lines; the full lists are in the monitoring table (.xlsx).
export-preparing = Preparing the export: { $total } assignments for { $items } actions. It will take a while — the table and the note will follow in the next messages.
export-file-base = vekha-{ $id }-{ $date }
export-caption-files = Evidence files: { $count }. Unpack the archive into the folder where the table and the note are — their links open these files.
export-files-too-big = The evidence files are too large to send through Telegram. The coordinator can export the report with its files on the server: <code>npm run -s cli -- export { $id } --format xlsx --with-files</code>
