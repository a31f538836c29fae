# The command line (cli/): everything the operator reads in the terminal. --json output is not translated.

## Common (cli/run.ts, cli/io.ts)
cli-usage-head = usage: npm run -s cli -- <command> [--lang ru|en]
cli-usage-import = import <file> [--year YYYY] [--tz IANA] [--json] [--save] [--active-from YYYY-MM-DD] [--workbook out.xlsx] [--new-roadmap]
cli-usage-person = person add --name "…" [--position "…"] [--org "…"] [--role executor|curator|deputy|coordinator] [--school "…"]… [--roadmap ID]… [--contact-for "…"] [--json]
cli-usage-people = people import <file.csv>
cli-usage-roadmaps = roadmaps [--json]
cli-usage-plan = plan --at <ISO datetime with offset> [--json]
cli-usage-tick = tick --at <ISO datetime with offset>
cli-usage-export = export <roadmap id> --format xlsx|docx|workbook [--out file] [--with-files]
cli-usage-calendar = calendar load <file.csv|file.json> --year YYYY
cli-problem-usage = { $problem } (usage: { $usage })
cli-lang-unknown = --lang: language "{ $lang }" is not supported, use ru or en
cli-lang-missing = --lang: give a language, ru or en
cli-unknown-command = unknown command "{ $command }".
cli-unknown-option = { $command }: unknown option { $option }
cli-needs-value = { $command }: { $option } needs a value
cli-takes-no-value = { $command }: { $option } takes no value
cli-bad-arguments = { $command }: missing or wrong arguments
cli-unexpected-argument = { $command }: unexpected argument "{ $argument }"
cli-database-busy = the database is busy (another process holds it): try again in a minute
cli-unexpected-error = unexpected error: { $detail }
cli-internal-error = internal error: { $detail }
cli-config-bad-zone = { $name }: not a known IANA timezone (e.g. Europe/Moscow or Asia/Yakutsk)
cli-config-bad-database-url = DATABASE_URL: must be a file: URL (e.g. file:./data/vekha.db) or a postgresql:// URL
cli-db-damaged = database { $where } is damaged or not an SQLite database ({ $reason }): restore it from a backup, or set DATABASE_URL to another file
cli-db-cannot-open = database { $where } cannot be opened ({ $reason }): check that it is a file this user may read and write, in a folder it may write, or set DATABASE_URL to another file
cli-db-read-only = database { $where } is read-only ({ $reason }): let this user write the file and its folder
cli-db-disk-full = database { $where }: the disk is full ({ $reason }): free some space
cli-db-folder = database { $where }: its folder cannot be created or used ({ $reason }): set DATABASE_URL to a file in a writable folder
cli-db-pg-unreachable = DATABASE_URL: { $where } cannot be reached ({ $reason }): start PostgreSQL or correct the host and port
cli-db-pg-timeout = DATABASE_URL: { $where } did not answer in time ({ $reason }): check the server, or raise connect_timeout in the URL
cli-db-pg-tls = DATABASE_URL: { $where } refused the TLS connection ({ $reason }): check sslmode and the certificates in the URL
cli-db-pg-password = DATABASE_URL: { $where } refused the user and password ({ $reason }): correct them in the URL
cli-db-pg-no-database = DATABASE_URL: { $where } has no such database ({ $reason }): create it (createdb) or correct the URL
cli-db-pg-rights = DATABASE_URL: { $where } does not let this user create tables ({ $reason }): grant the user rights on the database or its schema
cli-db-pg-starting = DATABASE_URL: { $where } is starting up or shutting down ({ $reason }): try again in a moment
cli-db-pg-connections = DATABASE_URL: { $where } has no free connections ({ $reason }): lower connection_limit in the URL or raise max_connections
cli-bot-token-missing = BOT_TOKEN: required to run the bot (get one from @BotFather)
cli-cannot-read = { $command }: cannot read { $file }: { $detail }
cli-cannot-write = { $command }: cannot write { $file }: { $detail }

## import
cli-import-bad-year = import: --year must be a year like 2024, not "{ $value }"
cli-import-bad-tz = import: --tz must be an IANA timezone like Asia/Yakutsk, not "{ $value }"
cli-import-bad-active-from = import: --active-from must be a date YYYY-MM-DD, not "{ $value }"
cli-import-workbook-name = import: --workbook needs a file name
cli-import-new-roadmap-needs-save = import: --new-roadmap only makes sense with --save
cli-import-which-file = import: which file?
cli-import-one-file = import: one file at a time (got { $count })
cli-import-workbook-same = import: --workbook must name another file than the one imported
cli-import-file-not-found = import: file not found: { $file }
cli-import-is-directory = import: { $file } is a directory, not a file
cli-import-no-permission = import: no permission to read { $file }
cli-import-could-not-read = import: { $file }: could not be read ({ $detail })
cli-import-nothing = import: { $file }: nothing recognisable — no roadmap table and no numbered points with tasks were found
cli-import-error-empty = import: { $file }: the file is empty
cli-import-error-password = import: { $file }: the document is password-protected: remove the password, save it and import it again
cli-import-error-legacy_word = import: { $file }: an old Word format (RTF, Word 2003, .doc) could not be read: save it as .docx and import it again
cli-import-error-legacy_excel = import: { $file }: an old Excel format: save it as .xlsx and import it again
cli-import-error-pdf = import: { $file }: the PDF is damaged and cannot be read: send the original .docx, .doc or .xlsx
cli-import-error-pdf-scan = import: { $file }: the PDF has no text layer (a scan): send the original .docx, .doc or .xlsx, or a PDF saved from Word
cli-import-error-mismatch = import: { $file }: the file is named { $ext } but holds plain text: open it in Word or Excel and save it as .docx
cli-import-error-unreadable = import: { $file }: the file is damaged or unreadable: save the document again (and check it was fully downloaded)
cli-import-error-unsupported = import: { $file }: this format is not supported: use .docx, .doc, .xlsx, .csv, a .pdf with text, .txt, .md or .html
cli-import-error-too_large = import: { $file }: the document is too large to be a roadmap: { $limit ->
    [fileBytes] the file is over { $max } MB
    [zipParts] the archive has more than { $max } parts
    [unpackedBytes] unpacked, it is over { $max } MB
    [xmlPartBytes] one of its parts is over { $max } MB unpacked
    [paragraphs] it has more than { $max } paragraphs
    [rows] its tables have more than { $max } rows
    [sheetRows] its sheets have more than { $max } rows
    [cells] its tables have more than { $max } cells
    [textChars] it has more than { $max } characters of text
    [pages] it has more than { $max } pages
    [time] it could not be read within { $max } s
    [memory] reading it needs more than { $max } MB of memory
   *[other] it is over the allowed size
}
cli-import-error-nothing_found = import: { $file }: no roadmap found — the document has neither a table of actions nor order points with assignments
cli-import-error-workbook-empty = import: { $file }: the roadmap workbook has its header but no rows under it
cli-import-error-empty_document = import: { $file }: the document has no text
cli-import-workbook-no-folder = import: cannot write the workbook: no folder { $folder }
cli-import-workbook-is-directory = import: cannot write the workbook: { $file } is a directory
cli-import-workbook-no-permission = import: cannot write the workbook: no permission to write { $file }
cli-import-workbook-failed = import: cannot write the workbook { $file }: { $detail }

cli-import-untitled = (untitled)
cli-import-timezone = timezone { $zone }
cli-import-years = { $count ->
    [one] year
   *[other] years
} { $years }
cli-import-controller = controller: { $name }
cli-import-items = { $count } { $count ->
    [one] item
   *[other] items
}
cli-import-section = { $count } in «{ $section }»
cli-import-no-section = { $count } without a section
cli-import-deadlines = deadlines: { $list }
cli-import-deadline-count = { $count } { $kind }
cli-deadline-kind-date = date
cli-deadline-kind-window = window
cli-deadline-kind-multi = multi-stage
cli-deadline-kind-recurring = recurring
cli-deadline-kind-ongoing = ongoing
cli-deadline-kind-on_demand = on demand
cli-deadline-kind-none = none
cli-deadline-kind-unknown = not understood
cli-import-schools = schools: { $schools }, curator links: { $curators }
cli-import-warnings = { $count } { $count ->
    [one] warning
   *[other] warnings
}:
cli-import-no-warnings = no warnings
cli-import-warning-item = item { $item }
cli-import-warning-row = row { $row }
cli-import-saved-new = saved: roadmap { $id } (new): { $added } added; active from { $date }
cli-import-saved-updated = saved: roadmap { $id } (updated in place): { $added } added, { $changed } changed, { $moved } renumbered, { $removed } removed; active from { $date }
cli-import-assignments = assignments: { $created } created, { $assigned } of them with a person; { $unresolved } in all without a person
cli-import-assignments-filled = assignments: { $created } created, { $assigned } of them with a person; { $filled } earlier ones got a person; { $unresolved } in all without a person
cli-import-not-saved = not saved (add --save to store it)
cli-import-workbook-written = workbook written: { $file }
cli-import-matched-similar = this document has no order number of its own but matches roadmap { $id } «{ $title }» closely: that roadmap was updated (--new-roadmap saves such a document as a separate roadmap)
cli-import-matched-similar-untitled = this document has no order number of its own but matches roadmap { $id } closely: that roadmap was updated (--new-roadmap saves such a document as a separate roadmap)
cli-import-renumbered = { $count } items took new numbers; their statuses and evidence moved with them
cli-import-list-moved = moved ({ $count }):
cli-import-list-added = new ({ $count }):
cli-import-list-removed = removed ({ $count }):
cli-import-list-restored = back in the document ({ $count }):
cli-import-list-reworded = reworded ({ $count }):
cli-import-list-more = … and { $count } more

## person add
cli-person-name-required = person add: --name is required
cli-person-unknown-role = person add: unknown role "{ $role }" (executor, curator, deputy, coordinator)
cli-person-bad-roadmap = person add: --roadmap takes a roadmap id, got "{ $value }"
cli-person-no-roadmap = person add: no roadmap with id { $id }
cli-person-no-school-close = person add: no school «{ $school }»; close matches: { $close } — give one of them with --school
cli-person-no-school = person add: no school «{ $school }» (schools come from imported roadmaps: import the roadmap first, or check the name)
cli-person-ambiguous = person add: "{ $name }" matches { $count } people ({ $people }): give the full name
cli-person-invite = { $name } (id { $id }): invite valid until { $date }
cli-person-token = token { $token } — send the bot: /start { $token }
cli-person-link = invite link: { $link }
cli-person-replaced = the previous invite link of this person no longer works: send them this one

## people import
cli-people-row = row { $row }: { $message }
cli-people-row-no-name = no name (ФИО)
cli-people-row-unknown-role = unknown role "{ $role }" (исполнитель, куратор, заместитель, координатор)
cli-people-file-empty = the file is empty
cli-people-not-csv = not a readable CSV ({ $detail })
cli-people-no-name-column = no ФИО column in the header (ФИО;Должность;Организация;Роль;Школа)
cli-people-file-error = people import: { $file }: { $message }
cli-people-none = people import: { $file }: no people read
cli-people-none-see-rows = people import: { $file }: no people read (see the rows above)
cli-people-summary = { $count } { $count ->
    [one] person
   *[other] people
}: { $created } added, { $updated } updated; { $filled } assignments filled
cli-people-skipped = { $count } rows skipped

## roadmaps
cli-roadmaps-none = No roadmaps yet. Load the first one: npm run -s cli -- import <file> --save
cli-roadmaps-bad-argument = roadmaps: unknown argument { $argument }

## plan, tick
cli-at-required = { $command }: --at <ISO datetime with offset> is required, e.g. --at 2023-06-15T09:00:00+09:00
cli-at-needs-offset = { $command }: --at needs an offset or Z, e.g. 2023-06-15T09:00:00+09:00
cli-at-not-iso = { $command }: --at "{ $value }" is not an ISO datetime
cli-plan-nothing = nothing to send at { $at }
cli-plan-line = { $sendAt }  { $kind }  roadmap { $roadmap }  { $item } → { $name }
cli-plan-item = item { $key }
cli-plan-digest = digest
cli-plan-no-chat = (no chat)
cli-plan-total = { $count } to send
cli-reminder-kind-window_open = window opens
cli-reminder-kind-before_7d = 7 days before
cli-reminder-kind-before_1d = 1 day before
cli-reminder-kind-due = due today
cli-reminder-kind-overdue = overdue
cli-reminder-kind-escalation = escalation
cli-reminder-kind-checkin = check-in
cli-reminder-kind-digest = digest
cli-reminder-kind-approval_reminder = approval reminder
cli-tick-summary = planned { $planned }, claimed { $claimed }, sent { $sent }, failed { $failed }
cli-tick-no-details = no details
cli-tick-blocked = not delivered: { $count } — the recipient blocked the bot ({ $detail }); marked unreachable, the coordinators are told
cli-tick-refused = not delivered: { $count } — Telegram refused { $count ->
    [one] it
   *[other] them
} ({ $detail }); not retried
cli-tick-failed = not delivered: { $count } — Telegram or the network kept failing ({ $detail }); the next tick retries

## export
cli-export-which = export: which roadmap?
cli-export-one-id = export: one roadmap id at a time (got { $ids })
cli-export-bad-id = export: the roadmap id is a number like 3, not "{ $value }"
cli-export-format-required = export: --format xlsx or --format docx is required
cli-export-bad-format = export: --format must be xlsx, docx or workbook, not "{ $value }"
cli-export-with-files-workbook = export: --with-files goes with a report (xlsx or docx), not with the workbook
cli-export-no-roadmap = export: there is no roadmap { $id }
cli-export-nothing = export: roadmap { $id } («{ $title }») has no items to export
cli-export-too-large = export: the export did not fit in its worker's memory ({ $mb } MB) and was stopped, no file written; allow more, e.g. EXPORT_MEMORY_MB={ $more }
cli-export-files-missing = export: { $count } evidence { $count ->
    [one] file
   *[other] files
} missing from { $dir }: { $files }

## calendar load
cli-calendar-year-required = calendar: --year YYYY is required
cli-calendar-loaded = { $year }: { $days } days loaded ({ $working } working, { $off } off)
cli-calendar-line = line { $n }
cli-calendar-entry = entry { $n }
cli-calendar-not-a-date = { $where }: "{ $text }" is not a date
cli-calendar-other-year = { $where }: { $date } is not in { $year }
cli-calendar-bad-json = not valid JSON: { $detail }
cli-calendar-entry-fields = { $where }: needs "date" and "isWorking"
cli-calendar-not-list = "{ $field }" must be a list of dates
cli-calendar-word = { $where }: say "рабочий" or "выходной" after the date
cli-calendar-bad-file = calendar: { $file }: { $message }

## Import warnings (cli/warnings.ts): core/ writes them in Russian; with --lang en they read in English
cli-warning-unnumbered-row = a row without a number became an item of its own: «{ $title }»
cli-warning-no-numbers = the table has no item numbers: items are numbered in order
cli-warning-no-deadline-column = the table has no deadline column
cli-warning-no-responsible-column = the table has no column of responsible parties
cli-warning-no-title = the item has no title
cli-warning-no-title-withheld = the item has no title: the deadline, responsible and result of the row above were not copied into it — add a title or remove the item
cli-warning-no-deadline = no deadline given
cli-warning-no-responsible = no responsible party given
cli-warning-section-period = no deadline given: the period of section «{ $section }» is taken ({ $period })
cli-warning-inherited = the empty «{ $field }» cell is taken from the row above (item { $from }): the cells were probably merged in the original
cli-warning-inherited-many = the empty «{ $fields }» and «{ $last }» cells are taken from the row above (item { $from }): the cells were probably merged in the original
cli-warning-field-title = Action
cli-warning-field-result = Result
cli-warning-field-deadline = Deadline
cli-warning-field-responsible = Responsible
cli-warning-field-evidence = Evidence
cli-warning-number-repeats = number { $number } repeats
cli-warning-number-repeats-section = number { $number } repeats in section «{ $section }»
cli-warning-point-no-deadline = item { $key } has no deadline
cli-warning-point-no-executor = item { $key } has no executor
cli-warning-point-bullets = item { $key } has unnumbered text between its sub-items; it did not become an item
cli-warning-point-not-task = point { $key } does not look like a task and did not become an item: «{ $text }»
cli-warning-point-number-repeats = item number { $key } repeats: the item got the key { $unique }
cli-warning-year-from-order = the roadmap's year is not stated: the order's year { $year } is taken
cli-warning-no-region = the region is not recognised: timezone { $zone }
cli-warning-approved-late = the programme was approved after its own start: { $count } { $count ->
    [one] item is
   *[other] items are
} due before the order's date ({ $date })
cli-warning-deadline-unread = deadline not understood: «{ $deadline }»
cli-warning-deadline-word = in the deadline «{ $deadline }» the word «{ $written }» is read as «{ $joined }»
cli-warning-deadline-two-years = the deadline «{ $deadline }» has two years in a row ({ $first } and { $second }): { $chosen } is taken
cli-warning-deadline-year-taken = the deadline «{ $deadline }» has no year: { $year } is taken
cli-warning-deadline-no-year = the deadline «{ $deadline }» has no year
cli-warning-deadline-outside-stage = the deadline «{ $deadline }» has no year and falls outside the section's period ({ $start } – { $end }): { $year } is taken
cli-warning-deadline-before-order = the deadline «{ $deadline }» is before the order's date ({ $date })
cli-warning-deadline-far-year = in the deadline «{ $deadline }» the year { $year } is not one of the roadmap's ({ $years })
cli-warning-deadline-leftovers = in the deadline «{ $deadline }» this was not understood: «{ $leftovers }»
cli-warning-deadline-reversed = in the deadline «{ $deadline }» the start is after the end: taken the other way round
cli-warning-deadline-no-such-date = the deadline «{ $deadline }» has no such date «{ $written }»
cli-warning-deadline-no-such-date-taken = the deadline «{ $deadline }» has no such date «{ $written }»: { $date } is taken
cli-warning-deadline-incomplete-date = in the deadline «{ $deadline }» the date «{ $written }» is incomplete: { $date } is taken
cli-warning-workbook-key-repeats = the key «{ $key }» repeats: the row got the key { $unique }
cli-warning-workbook-no-key = the row has no key: it got the key { $unique }
cli-warning-workbook-no-sheet = no «{ $sheet }» sheet: the title, the order and the timezone are not given
cli-warning-workbook-order-date = the order's date «{ $date }» is not understood: write it as 31.03.2023
cli-warning-workbook-timezone = the timezone «{ $zone }» is not understood: { $taken } is taken
cli-warning-workbook-identity = «Идентификатор карты» was changed («{ $identity }»): the roadmap will be found by its order
