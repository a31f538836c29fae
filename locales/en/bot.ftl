# Bot: common answers, command menus, help, language
bot-private-only = I only work in private messages. Write to me: { $link }
bot-private-only-short = Open a private chat with the bot.
bot-unknown-command = There is no such command. The list of commands: /help.
bot-not-understood = I did not understand the message. What I can do: /help.
bot-button-outdated = This button is outdated. Please open the card again.
bot-not-allowed = This command is not available to you.
bot-message-too-long = The message is too long (more than { $max } characters). Please shorten it.
cmd-start = Start
cmd-help = What the bot can do
cmd-lang = Language: русский / English
cmd-my = My assignments
cmd-item = Item card: /item 17
cmd-done = Mark done: /done 17 [link]
cmd-progress = Mark in progress: /progress 17 [comment]
cmd-evidence = Attach a link: /evidence 17 link
cmd-school = A school's assignments: /school part of the name
cmd-verify = Evidence and postponements to decide
cmd-overdue = Overdue assignments
cmd-roadmap = Roadmap progress
cmd-digest = Weekly digest
cmd-import = Upload a roadmap or a list of people
cmd-edit = Correct an item: /edit 17
cmd-people = People and invitations
cmd-invite = Invite: /invite full name
cmd-assign = Assign: /assign key name or organisation [school]
cmd-unassigned = Assignments without an executor
cmd-roadmaps = All roadmaps: ids, status, counts
cmd-export = Monitoring report
help-executor =
    <b>Your assignments</b>
    /my — open assignments: overdue, due in 7 days, later
    /item <i>key</i> — the item's card with buttons
    /done <i>key</i> [link] — mark done
    /progress <i>key</i> [comment] — mark in progress
    /evidence <i>key</i> <i>link</i> — attach a link as evidence
    Send a file or photo as evidence after pressing “Attach evidence” or as a reply to a card.
    /away — “I am away”: the dates and who covers; meanwhile reminders go to the stand-in or wait for your return
help-curator =
    <b>Curator</b>
    /school <i>part of the name</i> — every assignment of a school
    /verify — evidence and postponement requests waiting for your decision
    /overdue — overdue work of your schools
    /export — report on your schools (.xlsx and .docx)
help-deputy =
    <b>Roadmap control</b>
    /roadmap — progress per section and school
    /verify — evidence and postponement requests waiting for your decision
    /overdue — overdue work
    /digest — weekly digest
    /export — monitoring report (.xlsx and .docx)
help-coordinator =
    <b>Coordinator</b>
    /import — upload a roadmap or a list of people (CSV)
    /roadmaps — all roadmaps: id, status, numbers of actions and assignments
    /edit <i>key</i> — correct an item's deadline, responsible parties or title; /edit — the workbook to edit
    /people — people and invitations
    /people remove <i>full name</i> — take a person out of the directory (their open assignments go to /unassigned)
    /people replace <i>full name</i> -&gt; <i>full name</i> — hand assignments, roles and schools to another person
    /invite <i>full name</i> — an invitation link
    /assign <i>key</i> <i>name or organisation</i> [school] — assign an executor
    /unassigned — assignments without an executor
    /verify — evidence and postponement requests waiting for your decision
    /export — monitoring report
help-footer = Language: /lang. With several active roadmaps, write keys as <i>roadmap number/key</i>, e.g. 2/17.
lang-name = English
lang-choose = Choose a language:
lang-set = Language: English.
bot-file-without-context = To attach a file to an assignment, press “Attach evidence” on its card (/item <i>key</i>) or send the file as a reply to the card or reminder.
bot-link-without-context = To attach a link to an assignment, send /evidence <i>key</i> <i>link</i> (a link starting with http:// or https://), or press “Attach evidence” on the card (/item <i>key</i>) and send the link.
