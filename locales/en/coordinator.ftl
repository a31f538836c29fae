# Coordinator: import, people, invitations, assignments
coordinator-not-allowed = This command is available to coordinators only.
coordinator-import-ask = Please send the roadmap file (.docx, .doc, .xlsx, .csv, a .pdf with text or a .txt export) or a people list as CSV (ФИО;Должность;Организация;Роль;Школа). I will show a preview before saving. You can also paste the table as text right into the chat.
coordinator-import-too-big = The file is larger than { $mb } MB, which a bot cannot download. Please save the document without extra attachments or split it.
coordinator-import-error-empty = The file is empty. Please send a document with the roadmap.
coordinator-import-error-legacy_word = This old-format Word document could not be read. Please save it as .docx (File → Save as) and send it again.
coordinator-import-error-legacy_excel = This is an old Excel workbook (.xls). Please save it as .xlsx and send it again.
coordinator-import-error-pdf = No text could be read from this PDF: it looks like a scan without a text layer (or the file is damaged). Please send the original document (.docx, .doc or .xlsx) or a PDF saved from Word.
coordinator-import-error-mismatch = The file's content does not match its extension. Please open it and save it again as .docx or .xlsx.
coordinator-import-error-unreadable = The file is damaged or unreadable. Please save the document again and resend it.
coordinator-import-error-unsupported = This format is not supported. Please send .docx, .doc, .xlsx, .csv, a .pdf with text or .txt.
coordinator-import-error-too_large = The document is too large to be a roadmap: { $limit ->
    [fileBytes] the file is over { $max } MB
    [zipParts] the archive has more than { $max } parts
    [unpackedBytes] it unpacks to more than { $max } MB
    [xmlPartBytes] one of its parts unpacks to more than { $max } MB
    [paragraphs] it has more than { $max } paragraphs
    [rows] its tables have more than { $max } rows
    [sheetRows] its sheets have more than { $max } rows
    [cells] its tables have more than { $max } cells
    [textChars] it has more than { $max } characters of text
    [pages] it has more than { $max } pages
    [time] it could not be read within { $max } s
    [memory] reading it needs more than { $max } MB of memory
   *[other] it is over the allowed size
}. Please send just the roadmap (the order with its table of actions) as a separate file.
coordinator-import-error-nothing_found = The document has neither a table of actions nor order points with assignments. Please check it is the right file.
coordinator-import-error-empty_document = The document has no text. Please send a document with the roadmap.
coordinator-import-paste-name = Table from a message
coordinator-import-paste-no-table = The pasted text has no table of actions. Please paste the whole table with its header row (№, action, deadline, responsible), or send the document file.
coordinator-import-paste-maybe-cut = The message is close to Telegram's length limit. If the table was longer, Telegram split it into several messages and I read only the first one — please check the number of actions in the preview. A long table is safer sent as a file.
coordinator-import-photo = This is a photo; a document file is needed (.docx, .doc, .xlsx, .csv, .pdf or .txt). Please send it via Attach → File.
coordinator-import-unavailable = The file could not be fetched from Telegram. Please send it again.
coordinator-import-superseded = This preview was replaced by a newer one, from the file you sent later. Please save the latest preview.
coordinator-import-outdated = This preview is no longer current. Please send /import and the file again.
coordinator-import-cancelled = Import cancelled; nothing was saved.
coordinator-import-saved = The roadmap is saved (roadmap { $id }) and active from today. Items: { $added }. Assignments created: { $assignments }; without an executor: { $unresolved } — see /unassigned.
coordinator-import-updated = Roadmap { $id } is updated: { $added } added, { $updated } changed, { $removed } removed. New assignments: { $assignments }; without an executor: { $unresolved } — see /unassigned.
coordinator-button-save = Save
coordinator-button-cancel = Cancel
coordinator-preview-title = <b>Preview: { $title }</b>
coordinator-preview-order = Order No. { $number } of { $date }; { $authority }; time zone { $timezone }
coordinator-preview-counts = Items: <b>{ $items }</b>; sections: { $sections }
coordinator-preview-sections = Sections:
coordinator-preview-section = { $title } — { $count ->
    [one] { $count } item
   *[other] { $count } items
}
coordinator-preview-no-section = no section — { $count ->
    [one] { $count } item
   *[other] { $count } items
}
coordinator-preview-keys = Keys: { $keys }
coordinator-preview-controller = Controlled by: { $name }
coordinator-preview-overdue = ⚠️ Already overdue today: { $count ->
    [one] { $count } item
   *[other] { $count } items
}: { $keys }. No reminders will be sent for them; the first digest lists them.
coordinator-preview-overdue-none = Nothing is overdue today.
coordinator-preview-role-document = { $roles } → assignments for { $count } schools named in the document: { $schools }
coordinator-preview-role-directory = { $roles } → assignments for every school in the directory ({ $count }): { $schools }
coordinator-preview-role-missing = the directory has nobody in { $several ->
    [yes] these roles
   *[no] this role
} at { $count ->
    [one] { $count } school
   *[other] { $count } schools
} — their assignments go to /unassigned
coordinator-preview-role-quoted = “{ $role }”
coordinator-preview-role-no-schools = { $roles } → the directory has no schools yet: load the people list with their schools (CSV), then assign executors with /unassigned.
coordinator-preview-role-same = { $roles } → the same { $count } schools
coordinator-preview-unresolved = No executor found in the directory: { $count ->
    [one] { $count } item, by party:
   *[other] { $count } items, by party:
}
coordinator-preview-warnings = Notes from reading the document: { $count }
coordinator-preview-question = Save the roadmap?
coordinator-people-empty = The people directory is empty. Upload a list via /import (CSV) or invite someone: /invite Full Name.
coordinator-people-header = People in the directory: { $count }. ✅ — joined the bot, ⏳ — not yet, ⛔ — blocked the bot.
coordinator-people-linked = ✅
coordinator-people-not-linked = ⏳
coordinator-people-unreachable = ⛔
coordinator-role-executor = executor
coordinator-role-curator = curator
coordinator-role-deputy = deputy head
coordinator-role-coordinator = coordinator
coordinator-people-usage = To change the directory: /people remove <i>full name</i> — open assignments go to /unassigned; /people replace <i>full name</i> -&gt; <i>full name</i> — assignments, roles and schools pass to the new person.
coordinator-people-removed = { $name } is removed from the directory. { $moved } open assignments are now without an executor — see /unassigned.
coordinator-people-replaced = { $name } is replaced by { $replacement }: { $moved } open assignments passed on, with the roles and schools.
coordinator-people-error-unknown_person = “{ $name }” is not in the directory.
coordinator-people-error-ambiguous_person = Several people match “{ $name }”: { $candidates }. Please write the full name.
coordinator-people-error-unknown_replacement = “{ $replacement }” is not in the directory. Invite them first: /invite Full Name.
coordinator-people-error-ambiguous_replacement = Several people match “{ $replacement }”: { $candidates }. Please write the full name.
coordinator-people-error-same_person = A person cannot replace themselves.
coordinator-people-imported = People list loaded: { $rows } rows, { $created } new, { $updated } updated. Assignments that got an executor: { $filled }.
coordinator-people-row-errors = Rows with errors: { $count }
coordinator-people-csv-error-empty = The people list could not be read: the file is empty. Fill in the template (header row: ФИО;Должность;Организация;Роль;Школа) and send it again.
coordinator-people-csv-error-unreadable = The people list could not be read: the file does not look like a CSV table. Save it from Excel as “CSV (semicolon delimited)” and send it again.
coordinator-people-csv-error-no_name_column = The people list could not be read: the first row has no “ФИО” column. The first row should be: ФИО;Должность;Организация;Роль;Школа.
coordinator-people-row = • row { $row }: { $problem }
coordinator-people-row-no_name = no full name (ФИО)
coordinator-people-row-unknown_role = unknown role “{ $roles }” (use: executor, curator, deputy, coordinator)
coordinator-people-none = The file has no rows with people: under the header row, write one person per row and send the file again.
coordinator-invite-usage = Please write the full name, e.g. /invite Иванова Мария Петровна
coordinator-invite-bad-name = A name may contain only letters, spaces, dots and hyphens, 150 characters at most.
coordinator-invite-ambiguous = Several people match this name: { $names }. Please write the full name.
coordinator-invite-unknown = “{ $name }” is not in the directory. For a new person, please write surname, first name and patronymic.
coordinator-invite-link = Invitation for <b>{ $name }</b> (valid { $days } days, single use):
    { $link }
    Forward the link to this person: it is how the bot will recognise them.
coordinator-assign-usage = Format: /assign <i>key</i> <i>full name or organisation</i> [<i>school</i>]. E.g. /assign 17 Иванова Мария Петровна СОШ № 1. To assign every open assignment of an organisation: /assign <i>organisation</i> <i>full name</i>.
coordinator-assign-error-unknown_item = There is no item with the key “{ $key }”. Keys are shown in /unassigned and on the cards.
coordinator-assign-error-ambiguous_item = The key “{ $key }” exists in several roadmaps: { $candidates }. Please name the roadmap, e.g. 2/17.
coordinator-assign-error-unknown_assignee = “{ $name }” is not in the directory. Add the person via /invite or a CSV list.
coordinator-assign-error-ambiguous_assignee = Several people match “{ $name }”: { $candidates }. Please write the full name.
coordinator-assign-error-no_contacts = The organisation “{ $name }” has no contact people. Please assign a specific person.
coordinator-assign-error-unknown_school = The school “{ $school }” was not found, or several match: { $candidates }
coordinator-assign-error-nothing_open = “{ $key }” has no open assignments without an executor.
coordinator-assign-done = Assigned: { $names } — items { $keys } ({ $count } assignments).
coordinator-unassigned-none = Every assignment has an executor.
coordinator-unassigned-header = Assignments without an executor: { $count } (items: { $items })
coordinator-unassigned-more = …and { $items ->
    [one] { $items } more item
   *[other] { $items } more items
} ({ $rows } assignments). Assign the ones shown and the list gets shorter.
coordinator-unassigned-hint = To assign: /assign <i>key</i> <i>full name</i> [<i>school</i>] — without a school the person gets the item at every school; every assignment of an organisation at once: /assign <i>organisation</i> <i>full name</i>.
# /roadmaps and the CLI's roadmaps
roadmap-status-draft = draft
roadmap-status-active = active
roadmap-status-archived = archived
roadmaps-none = No roadmaps yet. Load the first one: /import.
roadmaps-header = { $count ->
    [one] { $count } roadmap
   *[other] { $count } roadmaps
}
roadmaps-line = <b>Roadmap { $id }</b> · { $name } · { $status }
roadmaps-counts = { $items } { $items ->
    [one] action
   *[other] actions
}, { $assignments } { $assignments ->
    [one] assignment
   *[other] assignments
}{ $unassigned ->
    [0] {""}
   *[other] , without an executor — { $unassigned }
}
roadmaps-cli-line = { $id }  { $status }  { $name } · { $items } { $items ->
    [one] action
   *[other] actions
} · { $assignments } { $assignments ->
    [one] assignment
   *[other] assignments
}, without an executor — { $unassigned }
coordinator-invite-replaced = This person's previous invite link no longer works: send them this one.
