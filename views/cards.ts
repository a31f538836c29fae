import type { Keyboard } from "../services/outbox.ts";
import type { Translator } from "../services/i18n.ts";
import { escapeHtml, formatDate } from "../services/format.ts";
import { isFinal, shownStatus, type Status } from "../core/status.ts";
import { packCallback, type CardAction } from "./callbacks.ts";
import { clipAtWord } from "../core/clip.ts";

// The item card an executor sees in /item and in every reminder (the scheduler builds its
// reminders with it), with the four buttons (their data: views/callbacks.ts, kind "card").

export interface CardAssignment {
  assignmentId: number;
  /** the key as the person should type it (with «<roadmap id>/» when several roadmaps run) */
  itemKey: string;
  itemTitle: string;
  /** effective due date (ISO), the postponed one when approved */
  due: string | null;
  status: Status;
  /** the deadline as the document wrote it */
  deadlineText?: string | null;
  result?: string | null;
  evidenceRequirement?: string | null;
  schoolName?: string | null;
  roadmapTitle?: string | null;
  evidenceCount?: number;
  /** local today (ISO) in the roadmap's zone: shows «просрочено» when past due */
  today?: string | null;
}

function cardCallback(action: CardAction, assignmentId: number): string {
  return packCallback({ kind: "card", action, assignmentId });
}

const TITLE_MAX = 700;
const TEXT_MAX = 400;

/** Document text, cut at a word (core/clip.ts). */
const clip = clipAtWord;

function cardKeyboard(tr: Translator, assignmentId: number, status: Status): Keyboard {
  if (isFinal(status)) return { inline_keyboard: [] };
  const attach = [{ text: tr.t("card-button-evidence"), callback_data: cardCallback("ev", assignmentId) }];
  if (status === "submitted") return { inline_keyboard: [attach] };
  return {
    inline_keyboard: [
      [
        { text: tr.t("card-button-done"), callback_data: cardCallback("done", assignmentId) },
        { text: tr.t("card-button-progress"), callback_data: cardCallback("prog", assignmentId) },
      ],
      [{ text: tr.t("card-button-more-time"), callback_data: cardCallback("more", assignmentId) }],
      attach,
    ],
  };
}

/** How much of the document's texts a card shows: a page of several cards in one message shows less of each. */
export interface CardClips {
  title: number;
  /** the result and the evidence asked for; 0 leaves them out */
  text: number;
}

const FULL: CardClips = { title: TITLE_MAX, text: TEXT_MAX };

/** The card's HTML text (document texts escaped) and its buttons. */
export function itemCard(tr: Translator, a: CardAssignment, clips: CardClips = FULL): { text: string; keyboard: Keyboard } {
  const lines = [tr.t("card-title", { key: escapeHtml(a.itemKey), title: escapeHtml(clip(a.itemTitle, clips.title)) })];
  if (a.roadmapTitle) lines.push(tr.t("card-roadmap", { roadmap: escapeHtml(clip(a.roadmapTitle, 150)) }));
  if (a.schoolName) lines.push(tr.t("card-school", { school: escapeHtml(clip(a.schoolName, 200)) }));
  const shown = a.today ? shownStatus(a.status, a.due, a.today) : a.status;
  if (a.due) {
    const written = a.deadlineText && a.deadlineText.trim() ? ` (${escapeHtml(clip(a.deadlineText, 120))})` : "";
    lines.push(tr.t("card-due", { date: formatDate(tr, a.due) }) + written);
  } else if (a.deadlineText && a.deadlineText.trim()) {
    lines.push(tr.t("card-due-text", { text: escapeHtml(clip(a.deadlineText, 200)) }));
  }
  // late work that has started (or came back, or was moved) says so: «в работе (просрочено)», so «В работе» visibly changes the card
  const late = shown === "overdue" && a.status !== "not_started";
  lines.push(late ? tr.t("card-status-late", { status: tr.t(`status-${a.status}`), overdue: tr.t("status-overdue") }) : tr.t("card-status", { status: tr.t(`status-${shown}`) }));
  if (a.result && clips.text > 0) lines.push(tr.t("card-result", { result: escapeHtml(clip(a.result, clips.text)) }));
  if (a.evidenceRequirement && clips.text > 0) lines.push(tr.t("card-evidence-required", { text: escapeHtml(clip(a.evidenceRequirement, clips.text)) }));
  if (a.evidenceCount) lines.push(tr.t("card-evidence-count", { count: a.evidenceCount }));
  return { text: lines.join("\n"), keyboard: cardKeyboard(tr, a.assignmentId, a.status) };
}
