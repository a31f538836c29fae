# Reliability: the database is busy with another operation, an answer could not be shown
db-busy-wait = The database is busy with another operation right now (for example, a document loaded from the command line). Your action will be done as soon as it is free — the answer will follow.
error-db-busy = The database is busy with another operation, so the action was not done. Please repeat it in a few minutes.
error-db-busy-partial = The database is busy with another operation, and the action was only partly done. Please check the result and repeat it if needed.
error-saved-no-answer = Your action has been saved, but the answer could not be shown. There is no need to repeat it: it has been recorded.
