# "I am away" (handlers/absence.ts)
cmd-away = I am away: dates and who covers
away-described = from { $from } to { $to }, { $standIn ->
    [none] no stand-in
   *[other] covered by { $standIn }
}
away-note = away until { $to }, { $standIn ->
    [none] no stand-in
   *[other] covered by { $standIn }
}
away-button-menu = I am away
away-button-back = I am back
away-button-cancel = Cancel the absence
away-button-no-stand-in = No stand-in
away-current = Your absence is set: { $what }.
away-current-other = { $name } is away: { $what }.
away-ask-dates = When will you be away? Write the dates, e.g. "1–14.07", "до 14.07" or "01.07–14.07.2027".
away-ask-dates-other = When will { $name } be away? Write the dates, e.g. "1–14.07", "до 14.07" or "01.07–14.07.2027".
away-dates-unreadable = The dates could not be read. Write them e.g. as "01.07–14.07", "до 14.07" or "01.07–14.07.2027".
away-dates-end-before-start = The end comes before the start. Check the dates and write them again.
away-dates-past = These dates are past (today is { $today }). Write the dates of an absence to come.
away-dates-too-long = An absence can be set for a year at most. Write shorter dates.
away-ask-stand-in = Away from { $from } to { $to }. Who covers? Choose a colleague or type their name. "No stand-in": reminders wait for the return.
away-stand-in-unknown = "{ $name }" is not in the people list. Choose a colleague with a button or type the name as the list has it.
away-stand-in-several = Several people in the list are called "{ $name }". Type the full name or choose a colleague with a button.
away-person-unknown = "{ $name }" is not in the people list. Check the name (the list: /people).
away-person-several = Several people in the list are called "{ $name }". Type the full name.
away-error-unknown-person = This person is no longer in the list: the absence was not saved.
away-error-unknown-stand-in = This colleague is no longer in the list. Choose another or "No stand-in".
away-error-self-stand-in = Nobody can cover for themselves. Choose a colleague or "No stand-in".
away-error-overlap = An absence is already set for these dates: from { $from } to { $to }. The new one was not saved; to change the dates, cancel the old one first (/away).
away-saved = Absence set: { $what }. { $standIn ->
    [none] Reminders wait for your return; curators are not told of deadlines missed meanwhile.
   *[other] Reminders for that time go to your stand-in.
}
away-saved-other = Absence set: { $name }, { $what }.
away-set-notice = A coordinator set your absence: { $what }. If the dates are wrong, press /away.
away-stand-in-notice = You are covering: { $name } is away from { $from } to { $to }. Meanwhile the reminders of their assignments come to you, and their buttons act on those assignments.
away-stand-in-notice-reviews = Overdue work at their schools and evidence sent for confirmation will come to you as well; you may confirm it and decide on postponements for those schools until { $to } inclusive.
away-stand-in-released = Cover ended: { $name } is back. Their reminders no longer come to you.
away-ended = Welcome back! Reminders come to you again.
away-called-off = The absence is cancelled.
away-ended-other = Absence ended: { $name }.
away-ended-notice = A coordinator ended your absence: reminders come to you again.
away-nothing-to-end = No absence is set: nothing to end.
away-standin-no-postpone = Only the executor can ask for a new deadline. You can mark it done or attach evidence.
away-start-notice = Your absence set by a coordinator begins today: from { $from } to { $to }. Meanwhile reminders go to your stand-in or wait for your return.
# a stand-in for a curator or deputy head away: escalations, review notices (services/cover.ts)
cover-on-behalf = On behalf of { $name } (away until { $date }).
