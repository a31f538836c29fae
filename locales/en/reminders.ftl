# Scheduler reminders
reminder-days-left = { $days ->
    [one] { $days } day left until the deadline: { $date }.
   *[other] { $days } days left until the deadline: { $date }.
}
reminder-tomorrow = The deadline is tomorrow: { $date }.
reminder-today = The deadline is today: { $date }.
reminder-day-off-note = The deadline falls on a day off: today is the last working day before it.
reminder-window-open = The period for this action starts now. Deadline: { $date }.
reminder-overdue = The deadline passed on { $date }. Please mark it done or ask for more time.
reminder-escalation = { $days ->
    [one] Overdue by { $days } working day (deadline { $date }).
   *[other] Overdue by { $days } working days (deadline { $date }).
}
reminder-escalation-who = Executor: { $executor }
reminder-escalation-hint = Please contact the executor: only they can mark the item done or ask for more time.
reminder-escalation-where = { $count ->
    [one] { $count } assignment not done:
   *[other] { $count } assignments not done:
}
reminder-escalation-more = …and { $count ->
    [one] { $count } more assignment
   *[other] { $count } more assignments
}, the full list is in /overdue
reminder-checkin-month = What was done this month? Set the status and attach evidence if you have it.
reminder-checkin-week = What was done this week? Set the status and attach evidence if you have it.
reminder-checkin-quarter = What was done this quarter? Set the status and attach evidence if you have it.
reminder-checkin-past = What was done from { $start } to { $end }? Set the status and attach evidence if you have it.
reminder-checkin-note = This check-in does not close the action.
delivery-blocked = { $name } has blocked the bot: messages are no longer delivered. Assign someone else, contact them, or invite them again with /invite.
reminder-button-snooze = Remind me tomorrow
reminder-greeting = Good day, { $name }!
reminder-group-title = { $count ->
    [one] Reminder: { $count } assignment
   *[other] Reminders: { $count } assignments
}
reminder-escalation-title = { $count ->
    [one] Overdue with executors: { $count } assignment
   *[other] Overdue with executors: { $count } assignments
}
reminder-group-button = { $key } · { $label }
reminder-covering = You are covering for { $executor }, away until { $date }. A reminder about their assignment.
reminder-page = Page { $page } of { $pages }: assignments { $from }–{ $to } of { $count }.
reminder-page-more = { $count } more { $count ->
    [one] assignment
   *[other] assignments
} { $pages ->
    [1] on the next page: «Page { $next } ▶» under this message opens it.
   *[other] on the next pages: «◀» and «▶» under this message turn them.
}
reminder-page-prev = ◀ Page { $page }
reminder-page-next = Page { $page } ▶
reminder-page-gone = This message can no longer be paged. Your assignments are in /my.
