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
