# A chat import the bot was working on when it stopped (a crash or a restart), told at the next start.
import-recovery-parsing = ⚠️ The bot restarted while reading the file «{ $file }», before the preview was ready. Nothing was saved. Please send the file again — I am waiting for it. If this happens again, the file is probably too large or damaged: save it again (.docx or .xlsx) or split it.
import-recovery-preview = ⚠️ The bot restarted before it could show the preview of «{ $file }». Here it is:
import-recovery-not-saved = ⚠️ The bot restarted while saving «{ $file }». The roadmap was <b>not saved</b>; nothing changed. Press Save again (here or under the preview) or Cancel.
import-recovery-saved = ℹ️ The bot restarted right after saving «{ $file }», before it could answer. The save went through:
import-recovery-saving-now = Saving is already under way, please wait a moment.
