import type { KeyboardButton } from "../services/outbox.ts";
import type { ImportResult } from "../core/types.ts";
import { needsHuman } from "../core/workbook/index.ts";
import { escapeHtml } from "../services/format.ts";
import { clip } from "../services/verification.ts";
import type { Translator } from "../services/i18n.ts";
import { packCallback, type EditTarget } from "../views/callbacks.ts";

// The /import preview leads with what needs a human — «Не понят срок: 3 · Без ответственного: 2 ·
// Проверьте: 5» with the keys — and offers a one-tap fix per key (the /edit flow for that field of the
// draft) plus «Скачать для правки» (the canonical workbook) for many. Kept apart from the rest of the
// preview (handlers/coordinator.ts) on purpose.

/** Fix buttons shown at most (the most pressing first); past that the workbook is the easier way. */
const MAX_FIX_BUTTONS = 9;
const KEYS_SHOWN = 25;
/** Unread deadlines quoted one per line; more are listed by key only. */
const DEADLINES_QUOTED = 15;

/** The draft's item as an /edit target (an item index, not its key: always short in callback data). */
function draftTarget(pendingId: number, index: number): EditTarget {
  return { kind: "draft", pendingId, index };
}

function keysText(keys: string[]): string {
  const shown = keys.slice(0, KEYS_SHOWN).join(", ");
  return escapeHtml(keys.length > KEYS_SHOWN ? `${shown}, …` : shown);
}

/** The lead lines of the preview (HTML). */
export function needsHumanText(tr: Translator, result: ImportResult): string {
  const n = needsHuman(result.items, result.warnings);
  const total = n.unknownDeadline.length + n.noResponsible.length + n.check.length;
  if (total === 0) return tr.t("fix-all-clear");
  const parts = [
    tr.t("fix-part-deadline", { count: n.unknownDeadline.length }),
    tr.t("fix-part-responsible", { count: n.noResponsible.length }),
    tr.t("fix-part-check", { count: n.check.length }),
  ].join(" · ");
  const lines = [tr.t("fix-lead", { parts })];
  // few unread deadlines: each with its words as written (what the coordinator corrects); many: the keys
  if (n.unknownDeadline.length > 0 && n.unknownDeadline.length <= DEADLINES_QUOTED) {
    const written = new Map(result.items.map((i) => [i.key, i.deadline.text]));
    lines.push(tr.t("fix-keys-deadline-written"));
    for (const key of n.unknownDeadline) lines.push(`  ${escapeHtml(key)}: «${escapeHtml(clip(written.get(key) ?? "", 100))}»`);
  } else if (n.unknownDeadline.length) lines.push(tr.t("fix-keys-deadline", { keys: keysText(n.unknownDeadline) }));
  if (n.noResponsible.length) lines.push(tr.t("fix-keys-responsible", { keys: keysText(n.noResponsible) }));
  if (n.check.length) lines.push(tr.t("fix-keys-check", { keys: keysText(n.check) }));
  lines.push(tr.t(total <= MAX_FIX_BUTTONS ? "fix-hint-buttons" : "fix-hint-workbook", { shown: MAX_FIX_BUTTONS }));
  return lines.join("\n");
}

/** The preview's extra rows: a button per key to fix (when few) and «Скачать для правки». */
export function fixKeyboardRows(tr: Translator, result: ImportResult, pendingId: number): KeyboardButton[][] {
  const n = needsHuman(result.items, result.warnings);
  const index = new Map(result.items.map((i, at) => [i.key, at]));
  const buttons: KeyboardButton[] = [];
  const total = n.unknownDeadline.length + n.noResponsible.length + n.check.length;
  if (total > 0) {
    // the most pressing first: deadlines nobody understood, items without anyone, then the rest
    const add = (key: string, label: string, data: string) => {
      if (buttons.length < MAX_FIX_BUTTONS) buttons.push({ text: tr.t(label, { key }).slice(0, 60), callback_data: data });
    };
    for (const key of n.unknownDeadline) add(key, "edit-button-fix-deadline", packCallback({ kind: "edit-field", field: "deadline", target: draftTarget(pendingId, index.get(key)!) }));
    for (const key of n.noResponsible) add(key, "edit-button-fix-responsible", packCallback({ kind: "edit-field", field: "responsible", target: draftTarget(pendingId, index.get(key)!) }));
    for (const key of n.check) add(key, "edit-button-fix-check", packCallback({ kind: "edit-menu", target: draftTarget(pendingId, index.get(key)!) }));
  }
  const rows: KeyboardButton[][] = [];
  for (let i = 0; i < buttons.length; i += 2) rows.push(buttons.slice(i, i + 2));
  rows.push([{ text: tr.t("edit-button-workbook"), callback_data: packCallback({ kind: "import-workbook", pendingId }) }]);
  return rows;
}
