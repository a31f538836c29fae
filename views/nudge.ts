import type { Translator } from "../services/i18n.ts";
import type { Keyboard } from "../services/outbox.ts";
import { attachedNotDone, type ProgressRow } from "../services/progress.ts";
import { clip } from "../services/verification.ts";
import { packCallback } from "./callbacks.ts";

/** «Напомнить» buttons under one message, at most. */
const MAX_NUDGES = 20;

/**
 * «Напомнить» under a digest or /school: one per поручение whose executor can be reminded now
 * (overdue, or evidence attached but not marked done); null when there is none.
 */
export function nudgeKeyboard(tr: Translator, rows: ProgressRow[]): Keyboard | null {
  const buttons = rows
    .filter((r) => r.assignmentId !== null && r.executor && (r.shown === "overdue" || attachedNotDone(r)))
    .slice(0, MAX_NUDGES)
    .map((r) => [{ text: clip(tr.t("nudge-button", { key: r.itemKey, who: r.executor!.name }), 60), callback_data: packCallback({ kind: "nudge", assignmentId: r.assignmentId! }) }]);
  return buttons.length > 0 ? { inline_keyboard: buttons } : null;
}
