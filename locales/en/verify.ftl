# Checking evidence and deciding on postponements
verify-button-accept = Accept
verify-button-return = Return for rework
verify-evidence-link = 🔗 { $url }
verify-evidence-file = 📎 file { $name }
verify-evidence-photo = 🖼 photo { $name }
verify-evidence-none = no evidence attached
verify-entry = <b>{ $key }.</b> { $title }
verify-entry-who = <b>{ $key }.</b> { $title } — { $who }
verify-notify-header = { $count ->
    [one] { $count } assignment was submitted for review
   *[other] { $count } assignments were submitted for review
} ({ $files ->
    [one] { $files } piece of evidence
   *[other] { $files } pieces of evidence
}).
verify-notify-header-bare = { $count ->
    [one] { $count } assignment was submitted for review.
   *[other] { $count } assignments were submitted for review.
}
verify-notify-more = …and { $count } more.
verify-notify-footer = To accept or return for rework, open /verify.
verify-told-accepted = ✅ Your evidence for item <b>{ $key }</b> “{ $title }” was accepted. Thank you!
verify-told-returned = ↩️ Item <b>{ $key }</b> “{ $title }” was returned for rework.
    Reviewer's comment: { $comment }
    Open /item { $key } to attach new evidence.
verify-list-empty = Nothing is waiting for your decision right now: no evidence, no postponement requests.
verify-postpone-header = { $count ->
    [one] { $count } postponement request is waiting for your decision.
   *[other] { $count } postponement requests are waiting for your decision.
}
verify-list-header = { $count ->
    [one] { $count } assignment is waiting for review.
   *[other] { $count } assignments are waiting for review.
}
verify-list-more = The first { $shown } are shown. The rest will appear once these are decided.
verify-ask-comment = Please write in one message what needs to be reworked in item <b>{ $key }</b>. The executor will receive your comment.
verify-accepted = Accepted: the assignment for action <b>{ $key }</b>.
verify-accepted-toast = Accepted
verify-returned = The assignment for action <b>{ $key }</b> was returned for rework with your comment.
verify-comment-empty = The comment cannot be empty. Please write what needs to be reworked.
verify-comment-too-long = The comment is too long: { $max } characters at most.
verify-error-not_found = This item can no longer be found. Open /verify to see the current list.
verify-error-forbidden = Decisions on this item are made by the school's curator, the deputy head or a coordinator.
verify-error-not_submitted = This item has already been decided, or the executor changed its status. Open /verify to see the current list.
verify-error-empty_comment = The comment cannot be empty. Please write what needs to be reworked.
verify-not-allowed = /verify is available to curators, deputy heads and coordinators.
verify-executor-not-told = The executor has not joined the bot yet and will see the decision when they do.

# Postponement
postpone-button-approve = Approve
postpone-button-refuse = Refuse
postpone-request = ⏳ A request to move the deadline of item <b>{ $key }</b> “{ $title }”.
    Executor: { $who }
    Current deadline: { $due }
    New deadline: <b>{ $requested }</b>
    Reason: { $reason }
postpone-request-again = A reminder: this request has been waiting for your decision for { $days ->
    [one] { $days } working day
   *[other] { $days } working days
}.
postpone-no-due = not set
postpone-ask-reason = Please write in one message why the postponement of item <b>{ $key }</b> is refused. The executor will receive it.
postpone-approved = The postponement of item <b>{ $key }</b> is approved: new deadline { $due }.
postpone-approved-toast = Approved
postpone-refused = The postponement of item <b>{ $key }</b> is refused; the executor has received the reason.
postpone-told-approved = ✅ The postponement of item <b>{ $key }</b> “{ $title }” was approved. New deadline: <b>{ $due }</b>.
postpone-told-refused = ❌ The postponement of item <b>{ $key }</b> “{ $title }” was refused. The deadline stays { $due }.
    Reason: { $reason }
postpone-reason-empty = The reason cannot be empty. Please write why the postponement is not possible.
postpone-error-not_found = This postponement request can no longer be found.
postpone-error-forbidden = Postponements are decided by the school's curator, the deputy head or a coordinator.
postpone-error-decided = This request has already been decided.
postpone-error-closed = The item is already done or cancelled: there is no deadline to move.
postpone-error-empty_reason = The reason cannot be empty. Please write why the postponement is not possible.
