# A new version of a saved roadmap: the preview says which roadmap it updates and what moves.
reimport-target-identity = 🔁 This is a new version of roadmap { $id } «{ $title }». Save updates it: executors' marks, evidence and history stay with their items, even where an item's number changed.
reimport-target-similar = 🔁 This looks like an edited version of roadmap { $id } «{ $title }»: { $matched } of { $total } items found again. Save updates that roadmap instead of creating a second one; executors' marks, evidence and history stay with their items.
reimport-target-same = 🔁 These items are already saved in roadmap { $id } «{ $title }» and have not changed. Save updates the document's details; executors' marks stay.
reimport-unchanged = Earlier items found in the new version: { $matched }; content changed in { $changed }.
reimport-moved = <b>New numbers ({ $count })</b> — the work moves with the item:
reimport-moved-line = { $from } → { $to }: { $title }
reimport-moved-run = { $from } → { $to }: { $count } { $count ->
    [one] item without marks shifted
   *[other] items without marks shifted
} to new numbers
reimport-added = <b>New items ({ $count }):</b>
reimport-added-line = { $key }: { $title }
reimport-removed = <b>Not in the new version ({ $count })</b> — they will be removed and no longer reminded of; marks and evidence are kept:
reimport-restored = <b>Back in the document ({ $count })</b>, with their earlier marks:
reimport-reworded = <b>Reworded ({ $count }):</b>
reimport-reworded-line = { $key }: «{ $from }» → «{ $to }»
reimport-with-work = assignments with marks: { $count }
reimport-more = …and { $count } more
reimport-saved-moved = Items renumbered: { $count } — their marks and evidence moved to the new numbers.
reimport-saved-similar = This is an edited version of roadmap { $id }: it was updated, no second roadmap was created.
