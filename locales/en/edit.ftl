# Correcting an import: /edit, the workbook to edit, what needs a human in the preview
edit-usage = Correct an item: /edit <i>key</i> (with several roadmaps /edit <i>roadmap id/key</i>, e.g. /edit 2/17). To correct many things at once use the workbook: «Download to edit».
edit-no-roadmaps = No roadmap has been saved yet. Import one with /import.
edit-key-unknown = There is no item with the key «{ $key }» in the running roadmaps or in the preview.
edit-key-ambiguous = The key «{ $key }» is in several roadmaps. Which item do you want to correct?
edit-draft-label = Preview
edit-card-saved = <b>Item { $key }</b> — roadmap { $id }: { $roadmap }
edit-card-draft = <b>Item { $key }</b> — preview, not saved yet
edit-card-title = Item: { $text }
edit-card-deadline = Deadline: { $text }
edit-card-responsible = Responsible: { $text }
edit-card-empty = —
edit-card-history = <b>History of changes:</b>
edit-card-history-row = { $date }, { $who }: { $field } «{ $old }» → «{ $new }»
edit-card-history-who-unknown = coordinator
edit-card-question = What do you want to correct?
edit-field-deadline = Deadline
edit-field-responsible = Responsible
edit-field-title = Title
edit-ask-deadline = Send the new deadline of item { $key } as you would write it in the document: «до 15.06.2024», «март–апрель 2024», «ежемесячно до 5 числа», «в течение года».
    Now: { $current }
edit-ask-responsible = Send the parties responsible for item { $key }, separated by semicolons or commas: names, positions, organisations. For example: «Сидорова А.А.; руководители ОО; МКУ ИМЦ».
    Now: { $current }
edit-ask-title = Send the new title of item { $key }.
    Now: { $current }
edit-text-empty = Please send the text — or press «Cancel».
edit-text-too-long = The text is longer than { $max } characters. Please shorten it.
edit-preview-head = <b>Item { $key }: { $field }</b>
edit-preview-old = Was: { $text }
edit-preview-new = Will be: { $text }
edit-preview-understood = Understood as: { $text }
edit-preview-party = • { $name } — { $kind }
edit-preview-no-parties = ❗ No responsible party found.
edit-preview-warning = ⚠️ { $text }
edit-preview-question = Save?
edit-party-person = person
edit-party-role = position (in every school)
edit-party-organization = organisation
edit-deadline-date = { $due }
edit-deadline-window = from { $start } to { $due }
edit-deadline-window-open = by { $due }
edit-deadline-multi = checkpoints: { $dates }
edit-deadline-recurring = { $every ->
    [week] weekly
    [month] monthly
   *[quarter] quarterly
}{ $period }
edit-deadline-ongoing = ongoing{ $period }
edit-deadline-on_demand = on demand{ $period }
edit-deadline-none = no deadline
edit-deadline-unknown = ❓ deadline not understood: it will be stored as written, and the item stays under «Deadline not understood»
edit-deadline-period = { " " }(from { $start } to { $due })
edit-saved = ✅ Saved. Item { $key }, { $field }: «{ $old }» → «{ $new }». The change is in the item's history (/edit { $key }).
edit-saved-assignments = Assignments: { $created } new, { $retired } withdrawn; { $unresolved } without an executor — see /unassigned.
edit-saved-draft = ✅ Corrected in the preview: item { $key }, { $field }. The updated preview is below.
edit-unchanged = The text is the same as before: nothing changed.
edit-outdated = This correction is no longer current. Start again: /edit <i>key</i>.
edit-cancelled = Correction cancelled, nothing changed.
edit-not-allowed = Only coordinators can correct items.
edit-workbook-caption = The roadmap to edit. Correct the cells and send the file back here — I will show the preview again, and «Save» stores it. Cells worth checking are yellow, with the reason in the cell's note. Better leave the «Ключ» column and the «Дорожная карта» sheet as they are.
edit-workbook-none = This roadmap no longer exists.
edit-button-workbook = Download to edit
edit-button-workbook-of = Download to edit · { $id }
edit-button-save = Save
edit-button-cancel = Cancel
edit-button-fix-deadline = { $key } · Deadline
edit-button-fix-responsible = { $key } · Responsible
edit-button-fix-check = { $key } · Check
# What needs a human: the preview's first line
fix-lead = <b>Needs your attention</b> — { $parts }
fix-part-deadline = Deadline not understood: { $count }
fix-part-responsible = No responsible party: { $count }
fix-part-check = Check: { $count }
fix-keys-deadline = • Deadline not understood: { $keys }
fix-keys-deadline-written = • Deadline not understood (as written in the document):
fix-keys-responsible = • No responsible party: { $keys }
fix-keys-check = • Check: { $keys }
fix-all-clear = ✅ Every item has its deadline and responsible parties understood.
fix-hint-buttons = Tap a key to correct that item here, or «Download to edit» to correct everything in a spreadsheet.
fix-hint-workbook = The first { $shown } have buttons; to correct many things, use the spreadsheet: «Download to edit».
