# Executor: card, /my, /item, /done, /progress, /evidence, more time
card-title = <b>{ $key }.</b> { $title }
card-roadmap = Roadmap: { $roadmap }
card-school = School: { $school }
card-due = Due: { $date }
card-due-text = Due: { $text }
card-status = Status: { $status }
card-status-late = Status: { $status } ({ $overdue })
card-result = Expected result: { $result }
card-evidence-required = Evidence: { $text }
card-evidence-count = Evidence attached: { $count }
card-button-done = Done
card-button-progress = In progress
card-button-more-time = Need more time
card-button-evidence = Attach evidence
exec-button-cancel = Cancel
my-empty = You have no open assignments.
my-header = <b>Your assignments: { $count }</b>
my-header-school = <b>Your assignments: { $count }</b> · { $school }
my-overdue = <b>Overdue ({ $count })</b>
my-soon = <b>Due in the next 7 days ({ $count })</b>
my-later = <b>Later ({ $count })</b>
my-undated = <b>Ongoing or without a date ({ $count })</b>
my-submitted = <b>Waiting for review ({ $count })</b>
my-due = due { $date }
my-footer = Tap an assignment to open its card with buttons.
my-shown = Assignments { $from }–{ $to } of { $count }.
my-button-more = More
my-button-first = Back to the start
exec-usage-item = Give the item's key: /item 17
exec-usage-done = Give the key and, if you have one, a link to the evidence: /done 17 https://…
exec-usage-progress = Give the key and, if you like, a comment: /progress 17 preparation started
exec-usage-evidence = Give the key and a link: /evidence 17 https://…
exec-key-unknown = There is no item with the key “{ $key }”. The keys of your assignments are in /my.
exec-key-not-yours = Item “{ $key }” is not assigned to you. Your assignments: /my.
exec-key-ambiguous = The key “{ $key }” exists in several roadmaps. Choose one:
exec-refused-not_found = This assignment is no longer in force.
exec-refused-not_yours = This assignment is not yours.
exec-refused-closed = The assignment is already closed (status: { $status }). It cannot be changed.
exec-refused-submitted = The assignment is already waiting for review. You can still attach more evidence.
exec-refused-not_allowed = This cannot be done now (status: { $status }).
exec-refused-pending_request = Your request for more time is already waiting for a decision.
exec-button-not-yours = This button belongs to someone else's assignment.
exec-bad-link = A link starting with http:// or https:// is needed, e.g. https://school1.ru/news/123
exec-done-submitted = Assignment { $key } is marked done and sent for review.
exec-done-closed = Assignment { $key } is marked done.
exec-done-submitted-toast = Sent for review.
exec-done-closed-toast = Marked done.
exec-done-toast = Marked done.
exec-done-attach-hint = Attach evidence: a link, a file or a photo — with “Attach evidence” or as a reply to the card.
exec-progress-noted = Assignment { $key }: in progress.
exec-progress-noted-comment = Assignment { $key }: in progress, comment saved.
exec-progress-toast = Status: in progress.
exec-evidence-added = Evidence for assignment { $key } saved.
exec-evidence-ask = Send the evidence for assignment { $key }: a link, a file (up to 20 MB) or a photo.
exec-evidence-not-a-link = This does not look like a link. Send a link (http:// or https://), a file or a photo.
exec-evidence-unsupported = This kind of message cannot be attached. Send a link, a file or a photo.
exec-evidence-what-link = link
exec-evidence-what-file = file “{ $name }”
exec-evidence-saved = Evidence for assignment { $key } saved ({ $what }). When everything is ready, press “Done”.
exec-evidence-saved-on-review = Evidence for assignment { $key } saved ({ $what }); it will go to the reviewer.
exec-file-too-big = The file is larger than { $max } MB, which the bot cannot accept. Upload it to a website or cloud storage and send the link.
exec-file-too_big = The file is larger than { $max } MB, which the bot cannot accept. Upload it to a website or cloud storage and send the link.
exec-file-empty = The file is empty. Please check it and send it again.
exec-file-unavailable = Could not get the file from Telegram. Please send it again.
exec-cancelled = Cancelled.
exec-no-due = not set
exec-postpone-ask-date = Assignment { $key }, current due date: { $due }. Write the new date, e.g. { $example }.
exec-postpone-bad-date = Could not read the date. Please write it like { $example }.
exec-postpone-date-too-early = The new date must be after { $date }.
exec-postpone-ask-reason = New due date: { $date }. Briefly write the reason.
exec-postpone-ask-reason-text = Please write the reason as text.
exec-postpone-requested = The request to move the due date to { $date } has been sent. I will tell you the decision.
exec-postpone-requested-nobody = The request to move the due date to { $date } is saved. Whoever decides on it has not joined the bot yet: it will reach them as soon as they join, and I will tell you the decision.
exec-checkin-saved = Check-in for item { $key } for the period from { $date } saved. The item is ongoing: a check-in does not close it.
exec-checkin-toast = Check-in for the period saved.
exec-checkpoint-done = The part of assignment { $key } due { $date } is marked done. The next part is due { $next }.
exec-checkpoint-toast = The part due { $date } is marked done.
exec-reply-which-done = This message is about several assignments. Which one is done? Open its card and press «Done».
exec-reply-which = This message is about several assignments. Open the card of the one you mean and reply to it with the link or the file.
exec-snoozed = I will remind you on { $date } at { $time }.
exec-snoozed-message = Assignment { $key }: I will remind you on { $weekday ->
    [1] Monday
    [2] Tuesday
    [3] Wednesday
    [4] Thursday
    [5] Friday
    [6] Saturday
   *[7] Sunday
}, { $date }, at { $time }.
exec-snooze-closed = The assignment is closed: nothing to remind of.
