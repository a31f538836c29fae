# Access: invitations and strangers
start-stranger =
    Hello! This is Vekha, the bot that runs the roadmaps of the education authority.
    Access is given by a personal invitation link. To get one, please contact the roadmap coordinator at your education authority.
start-welcome-back = { $name ->
    [none] Hello!
   *[other] Hello, { $name }!
} Your assignments: /my, all commands: /help.
start-linked = { $name ->
    [none] Hello!
   *[other] Hello, { $name }!
} Your account is now connected to Vekha as “{ $record }”.
start-invite-unknown = This invitation link was not found. Please ask the coordinator for a new one.
start-invite-used = This invitation link has already been used. If it was not you, tell the coordinator and ask for a new link.
start-invite-expired = This invitation link has expired (links are valid for 14 days). Please ask the coordinator for a new one.
start-invite-not-needed = Your account is already connected. Your assignments: /my.
start-relinked-notice = { $name } has connected the bot from another Telegram account with a new invitation. The previous account is disconnected.
start-moved-notice = The Telegram account that was connected to “{ $before }” is now connected to “{ $name }” by an invitation. If this is a mistake, send a new invitation.
start-stranger-told = The coordinators have been told that you would like to join.
start-stranger-again = The coordinators already know that you would like to join. Once you are connected, the bot will greet you.
knock-notice = { $name } would like to join the bot.
knock-button = Invite as…
knock-choose = Who in the directory is writing as “{ $name }”?
knock-nobody = Everyone in the directory already has an account connected. Add the person to the directory (/people) and press the button again.
knock-linked = Done: the account “{ $name }” is connected to the bot as “{ $record }”. The welcome has been sent.
knock-already-done = Already done: the account “{ $name }” is connected to the bot as “{ $record }”.
knock-person-linked = Another account is already connected to this person. Choose someone else or send them an invitation link.
