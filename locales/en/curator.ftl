# Curator: /school and /overdue
curator-not-allowed = This command is available to curators, deputy heads and coordinators.
curator-school-usage = Please write part of the school's name, e.g. /school СОШ № 1
curator-school-not-found = No school “{ $text }” among those available to you.
curator-school-choose = { $count } schools found. Please choose one:
curator-school-header = <b>{ $school }</b>
curator-roadmap-header = <i>{ $title }</i> (roadmap { $id }): { $done } of { $total } { $total ->
    [one] assignment
   *[other] assignments
} done for { $items } { $items ->
    [one] action
   *[other] actions
}, { $percent }%
curator-school-empty = This school has no assignments yet.
curator-due = due { $date }
curator-no-due = no deadline
curator-no-executor = no executor assigned ({ $party })
curator-evidence-link = 🔗 { $url }
curator-evidence-file = 📎 { $name }
curator-evidence-status-submitted = under review
curator-evidence-status-accepted = accepted
curator-evidence-status-returned = returned
curator-evidence-status-attached = attached, not marked done
curator-status-late = { $status } ({ $overdue })
curator-overdue-none = Nothing is overdue.
curator-overdue-header = { $count ->
    [one] { $count } assignment is overdue
   *[other] { $count } assignments are overdue
} { $items ->
    [one] in { $items } item.
   *[other] in { $items } items.
}
curator-overdue-roadmap = <i>{ $title }</i> (roadmap { $id }): { $count ->
    [one] { $count } assignment
   *[other] { $count } assignments
}
curator-overdue-item = <b>{ $key }.</b> { $title } · { $due } · { $days ->
    [one] { $days } day overdue
   *[other] { $days } days overdue
}
curator-overdue-more = …and { $items ->
    [one] { $items } more item
   *[other] { $items } more items
} ({ $rows } assignments). Details per school: /school <i>name</i>.
curator-schools-all = all schools ({ $count })
curator-schools-except = all schools but { $schools } ({ $count } { $count ->
    [one] school
   *[other] schools
})
curator-schools-some = { $count } { $count ->
    [one] school
   *[other] schools
}: { $schools }
curator-schools-legend = Schools ({ $count }): { $schools }
curator-overdue-no-executor = without an executor: { $parties }
curator-school-finished = Done or cancelled: { $count ->
    [one] { $count } action
   *[other] { $count } actions
}: { $keys }
curator-school-more = …and { $items ->
    [one] { $items } more action
   *[other] { $items } more actions
} that did not fit into one message. The school's full list is in the /export report.
# «Remind»: remind the executor now (services/nudge.ts)
nudge-button = Remind: { $key } · { $who }
nudge-told = 🔔 { $who } asks you to look at this assignment.
nudge-told-attached = 🔔 { $who } reminds you: evidence is attached, but the assignment is not marked done. If the work is done, press “Done”.
nudge-sent = Reminder sent: { $who }, action { $key }.
nudge-sent-toast = Reminder sent
nudge-not-delivered = { $who } has not joined the bot yet, so the reminder was not delivered.
nudge-error-already = This assignment was already reminded about today. The next reminder can go tomorrow.
nudge-error-forbidden = The school's curator, a deputy head or a coordinator may remind an executor.
nudge-error-not_found = This assignment is no longer found.
nudge-error-no_executor = This assignment has no executor, so there is nobody to remind. Assign one with /assign.
nudge-error-closed = The assignment is already done or cancelled: no reminder needed.
