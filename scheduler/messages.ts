import type { DueReminder } from "../core/reminders.ts";
import type { AssignmentReminderKind } from "../core/kinds.ts";
import type { Status } from "../core/status.ts";
import { daysBetween } from "../core/working-days.ts";
import { itemCard } from "../views/cards.ts";
import { escapeHtml, formatDate } from "../services/format.ts";
import type { Translator } from "../services/i18n.ts";
import type { OutgoingMessage } from "../services/outbox.ts";

// Reminder texts: a short header saying why the bot writes, then the item card with its buttons,
// so a reminder works exactly like /item in the chat.

export interface ReminderSubject {
  assignmentId: number;
  itemKey: string;
  itemTitle: string;
  /** the due date that counts now (a postponement's, else the item's) */
  due: string | null;
  status: Status;
  executorName: string | null;
  /** the executor's person id: anyone else (a curator, a deputy head) gets no executor buttons */
  executorId?: number | null;
  schoolName: string | null;
  deadlineText?: string | null;
  result?: string | null;
  evidenceRequirement?: string | null;
  roadmapTitle?: string | null;
  evidenceCount?: number;
}

const PRE_DEADLINE: AssignmentReminderKind[] = ["due", "before_1d", "before_7d"];

/** The header lines for one message: all kinds of one assignment on one day together. */
function reminderHeader(tr: Translator, group: readonly DueReminder[], subject: ReminderSubject): string[] {
  const kinds = new Set(group.map((r) => r.kind));
  const first = group[0]!;
  const lines: string[] = [];
  const pre = group.find((r) => PRE_DEADLINE.includes(r.kind));
  if (pre?.deadline) {
    const date = formatDate(tr, pre.deadline);
    const left = daysBetween(pre.localDate, pre.deadline);
    lines.push(left <= 0 ? tr.t("reminder-today", { date }) : left === 1 ? tr.t("reminder-tomorrow", { date }) : tr.t("reminder-days-left", { days: left, date }));
    // `due` moved off a day off: says both «сегодня» and the real date
    if (kinds.has("due") && left > 0) lines.push(tr.t("reminder-day-off-note"));
  }
  if (kinds.has("window_open") && !pre) lines.push(tr.t("reminder-window-open", { date: formatDate(tr, first.deadline) }));
  if (kinds.has("overdue")) lines.push(tr.t("reminder-overdue", { date: formatDate(tr, group.find((r) => r.kind === "overdue")!.deadline) }));
  const esc = group.find((r) => r.kind === "escalation");
  if (esc) {
    lines.push(tr.t("reminder-escalation", { days: esc.daysOverdue ?? 0, date: formatDate(tr, esc.deadline) }));
    if (subject.executorName) lines.push(tr.t("reminder-escalation-who", { executor: escapeHtml(subject.executorName) }));
    if (!forExecutor(group, subject)) lines.push(tr.t("reminder-escalation-hint"));
  }
  const checkin = group.find((r) => r.kind === "checkin");
  if (checkin) {
    lines.push(tr.t(`reminder-checkin-${checkin.every ?? "month"}`));
    lines.push(tr.t("reminder-checkin-note"));
  }
  return lines;
}

/** The recipient is the assignment's executor (an escalation goes to a curator or deputy head instead). */
function forExecutor(group: readonly DueReminder[], subject: ReminderSubject): boolean {
  return subject.executorId == null || subject.executorId === group[0]!.recipient.personId;
}

export function reminderMessage(tr: Translator, group: readonly DueReminder[], subject: ReminderSubject): OutgoingMessage {
  const first = group[0]!;
  const card = itemCard(tr, {
    assignmentId: subject.assignmentId,
    itemKey: subject.itemKey,
    itemTitle: subject.itemTitle,
    // the deadline this reminder is about (a multi item's checkpoint), else the one that counts
    due: first.deadline ?? subject.due,
    status: subject.status,
    deadlineText: subject.deadlineText ?? null,
    result: subject.result ?? null,
    evidenceRequirement: subject.evidenceRequirement ?? null,
    schoolName: subject.schoolName,
    roadmapTitle: subject.roadmapTitle ?? null,
    evidenceCount: subject.evidenceCount ?? 0,
    today: first.localDate,
  });
  const header = reminderHeader(tr, group, subject).map((l) => `<b>${l}</b>`);
  return {
    chatId: first.recipient.chatId!,
    personId: first.recipient.personId,
    text: [...header, "", card.text].join("\n"),
    // the card's buttons act on the executor's own assignment: to anyone else they only answer «not yours»
    keyboard: forExecutor(group, subject) ? card.keyboard : { inline_keyboard: [] },
  };
}
