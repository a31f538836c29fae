# Coordinator: where to start (the checklist of /start and /help; views/setup.ts)
setup-header = <b>Setting up the bot — { $done } of { $total } done</b>
setup-line-done = ✅ { $n }. { $text }
setup-line-next = 👉 <b>{ $n }. { $text }</b>
    { $how }
setup-line-later = ▫️ { $n }. { $text }
setup-import = Upload the roadmap
setup-import-how = Send /import, then the order's file with the roadmap (.docx, .xlsx, .pdf, .csv), or paste the table as text.
setup-import-done = Roadmap uploaded
setup-save = Check the preview and save
setup-save-how = The preview of “{ $file }” is waiting for your decision: check deadlines and responsible parties, fix what is marked and press “Save” under the preview (the button below shows it again). To upload the file again: /import.
setup-save-done = Roadmaps saved: { $count }
setup-people = Load the list of people
setup-people-how = Press “People list template”, fill in the file (one row per person) and send it here. Roles: executor, curator, deputy, coordinator; for a curator, list their schools in the “Школа” column separated by “|”.
setup-people-done = People list loaded: { $count } in the directory
setup-invites = Send invitations
setup-invites-who = Not invited yet: { $count } — { $names }{ $more ->
    [0] {""}
   *[other] {" "}and { $more } more
}.
setup-invites-how = Press the button with a name (or send /invite <i>full name</i>) and forward the link to that person. Who has joined: /people.
setup-invites-expired = Of these, { $count } had an invitation that expired — they need a new link.
setup-invites-pending = Waiting to join by the link sent: { $count }.
setup-invites-done = Invitations sent: { $joined } of { $total } joined{ $pending ->
    [0] {""}
   *[other] , { $pending } waiting to join
}
setup-activate = The roadmap comes into force
setup-activate-how = A roadmap comes into force the moment it is saved: no reminder is sent for deadlines before that date; the preview and the first digest say how many actions are already overdue.
setup-activate-how-draft = Roadmap { $id } ({ $roadmap }) is saved as a draft and sends no reminders. To bring it into force, send /import, the same file, and press “Save”.
setup-activate-done = Roadmap { $id } ({ $roadmap }) in force since { $date }
setup-activate-done-several = Roadmaps in force: { $count }
setup-complete = Setup complete: { $roadmaps } roadmaps in force, { $joined } of { $total } people joined. Who has not joined yet: /people.
setup-next = Next step of the setup: <b>{ $text }</b> — details in /start.
setup-button-preview = Show the preview
setup-button-template = People list template
setup-button-invite = Invite: { $name }
setup-template-file = people.csv
setup-template-caption = People list template: columns ФИО (full name); Должность (position); Организация (organisation); Роль (role); Школа (school). One row per person; roles: executor, curator, deputy, coordinator (several separated by commas); for a curator, their schools in “Школа” separated by “|”. Send the filled file here.
setup-invite-joined = { $name } has already joined the bot.
setup-invite-gone = This person is no longer in the directory. The list: /people.
