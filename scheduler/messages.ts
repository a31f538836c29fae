import type { DueReminder } from "../core/reminders.ts";
import type { AssignmentReminderKind } from "../core/kinds.ts";
import type { Status } from "../core/status.ts";
import { daysBetween } from "../core/working-days.ts";
import { initialsFirst } from "../core/names.ts";
import { itemCard } from "../views/cards.ts";
import { escapeHtml, formatDate } from "../services/format.ts";
import type { Translator } from "../services/i18n.ts";
import { TEXT_LIMIT } from "../services/telegram-text.ts";
import type { Keyboard } from "../services/outbox.ts";
import { packCallback } from "../views/callbacks.ts";
import type { MessagePart } from "./claims.ts";
import { onBehalfLine } from "../services/cover.ts";

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
  /** how the executor is addressed («Елена Андреевна»), null when only initials are known */
  executorAddress?: string | null;
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
function reminderHeader(tr: Translator, group: readonly DueReminder[], subject: ReminderSubject, hint = true): string[] {
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
    if (!forExecutor(group, subject) && hint) lines.push(tr.t("reminder-escalation-hint"));
  }
  const checkin = group.find((r) => r.kind === "checkin");
  if (checkin) {
    lines.push(tr.t(`reminder-checkin-${checkin.every ?? "month"}`));
    lines.push(tr.t("reminder-checkin-note"));
  }
  return lines;
}

/** The recipient is the assignment's executor, or stands in for them (an escalation goes to a curator or deputy head instead). */
function forExecutor(group: readonly DueReminder[], subject: ReminderSubject): boolean {
  return subject.executorId == null || subject.executorId === group[0]!.recipient.personId || !!group[0]!.covering;
}

/** The card's buttons and «Напомнить завтра» (while the work is open; a stand-in's reminder is not snoozed). */
function withSnooze(tr: Translator, keyboard: Keyboard, subject: ReminderSubject, covering: boolean): Keyboard {
  if (keyboard.inline_keyboard.length === 0 || subject.status === "submitted" || covering) return keyboard;
  const snooze = { text: tr.t("reminder-button-snooze"), callback_data: packCallback({ kind: "snooze", assignmentId: subject.assignmentId }) };
  return { inline_keyboard: [...keyboard.inline_keyboard, [snooze]] };
}

/** The executor is greeted as in an office: «Елена Андреевна, добрый день!» (once per message). */
function greeting(tr: Translator, group: readonly DueReminder[], subject: ReminderSubject): string | null {
  return forExecutor(group, subject) && !group[0]!.covering && subject.executorAddress ? tr.t("reminder-greeting", { name: escapeHtml(subject.executorAddress) }) : null;
}

/** The card a reminder carries: the deadline it is about (a multi item's checkpoint), else the one that counts. */
function reminderCard(tr: Translator, reminder: DueReminder, subject: ReminderSubject, schoolName: string | null): { text: string; keyboard: Keyboard } {
  return itemCard(tr, {
    assignmentId: subject.assignmentId,
    itemKey: subject.itemKey,
    itemTitle: subject.itemTitle,
    due: reminder.deadline ?? subject.due,
    status: subject.status,
    deadlineText: subject.deadlineText ?? null,
    result: subject.result ?? null,
    evidenceRequirement: subject.evidenceRequirement ?? null,
    schoolName,
    roadmapTitle: subject.roadmapTitle ?? null,
    evidenceCount: subject.evidenceCount ?? 0,
    today: reminder.localDate,
  });
}

/** One assignment's reminder: its header lines and its card (and the greeting when it is alone). */
function reminderBlock(tr: Translator, group: readonly DueReminder[], subject: ReminderSubject, greet = true, hint = true): { text: string; keyboard: Keyboard } {
  const first = group[0]!;
  const card = reminderCard(tr, first, subject, subject.schoolName);
  // the news in bold; the notes under it (a day off, who the executor is, what a check-in means) plain
  const header = reminderHeader(tr, group, subject, hint).map((l, i) => (i === 0 ? `<b>${l}</b>` : l));
  // a stand-in's reminder says whose work it is
  if (first.covering) header.unshift(tr.t("reminder-covering", { executor: escapeHtml(initialsFirst(first.covering.name)), date: formatDate(tr, first.covering.until) }));
  if (first.onBehalfOf) header.unshift(onBehalfLine(tr, first.onBehalfOf)); // an escalation to a curator's stand-in
  const hello = greet ? greeting(tr, group, subject) : null;
  if (hello) header.unshift(hello, "");
  return {
    text: [...header, "", card.text].join("\n"),
    // the card's buttons act on the executor's own assignment: to anyone else they only answer «not yours»
    keyboard: forExecutor(group, subject) ? withSnooze(tr, card.keyboard, subject, !!first.covering) : { inline_keyboard: [] },
  };
}

/** One assignment's reminders of a tick, and what they are about. */
export interface ReminderGroup {
  reminders: readonly DueReminder[];
  subject: ReminderSubject;
}

/** Items in one grouped message at most: Telegram shows a long keyboard badly (and allows 100 buttons). */
const ITEMS_PER_MESSAGE = 10;
const SEPARATOR = "\n\n— — —\n\n";

/**
 * A curator's or deputy head's escalations, one list per item and deadline: the same мероприятие
 * overdue at six schools is one card with the schools and executors under it, not six cards.
 */
function byItemAndDeadline(groups: readonly ReminderGroup[]): ReminderGroup[][] {
  const lists = new Map<string, ReminderGroup[]>();
  for (const g of groups) {
    const esc = g.reminders.every((r) => r.kind === "escalation") ? g.reminders[0]! : null;
    const key = esc ? `${g.subject.roadmapTitle ?? ""}|${g.subject.itemKey}|${esc.deadline ?? ""}|${esc.daysOverdue ?? 0}|${esc.onBehalfOf?.personId ?? ""}` : `a${g.subject.assignmentId}`;
    lists.set(key, [...(lists.get(key) ?? []), g]);
  }
  return [...lists.values()];
}

const WHO_SHOWN = 15;

/** One item's escalations at several schools: the news, the card without a school, then who is late where. */
function mergedEscalation(tr: Translator, members: readonly ReminderGroup[]): { text: string; keyboard: Keyboard } {
  const esc = members[0]!.reminders[0]!;
  const subject = members[0]!.subject;
  // the schools are listed under the card, so the card names none (nor one executor's evidence)
  const card = reminderCard(tr, esc, { ...subject, evidenceCount: 0 }, null);
  // a region's item overdue at hundreds of schools: the first ones by name, then how many more (the message stays under Telegram's limit)
  const who = members.slice(0, WHO_SHOWN).map((m) => `• ${[m.subject.schoolName, m.subject.executorName].filter((x): x is string => !!x).map((x) => escapeHtml(x.slice(0, 120))).join(" — ")}`);
  if (members.length > WHO_SHOWN) who.push(tr.t("reminder-escalation-more", { count: members.length - WHO_SHOWN }));
  const header = `<b>${tr.t("reminder-escalation", { days: esc.daysOverdue ?? 0, date: formatDate(tr, esc.deadline) })}</b>`;
  return { text: [...(esc.onBehalfOf ? [onBehalfLine(tr, esc.onBehalfOf)] : []), header, "", card.text, tr.t("reminder-escalation-where", { count: members.length }), ...who].join("\n"), keyboard: { inline_keyboard: [] } };
}

/** In a grouped message every button says which item it acts on: «17 · Выполнено». */
function labelled(tr: Translator, key: string, keyboard: Keyboard): Keyboard["inline_keyboard"] {
  return keyboard.inline_keyboard.map((row) => row.map((b) => ({ ...b, text: tr.t("reminder-group-button", { key, label: b.text }) })));
}

/**
 * One person's reminders of one tick as one message: a title, then each item's reminder and card,
 * each item's buttons labelled with its key. One item alone is the plain reminder. A message
 * that would pass Telegram's 4,096 characters (or ten items) is cut between items, so each part
 * carries whole items with their own buttons and knows which reminders it carries.
 */
export function groupedReminderMessages(tr: Translator, groups: readonly ReminderGroup[]): MessagePart[] {
  if (groups.length === 0) return [];
  const first = groups[0]!.reminders[0]!;
  const to = { chatId: first.recipient.chatId!, personId: first.recipient.personId };
  const keysOf = (g: ReminderGroup) => g.reminders.map((r) => r.key);
  if (groups.length === 1) return [{ message: { ...to, ...reminderBlock(tr, groups[0]!.reminders, groups[0]!.subject) }, keys: keysOf(groups[0]!) }];
  // escalations only (a curator's or deputy head's): titled as such, «свяжитесь с исполнителем» said once, not under every item
  const escalations = groups.every((g) => !forExecutor(g.reminders, g.subject));
  const blocks = (escalations ? byItemAndDeadline(groups) : groups.map((g) => [g])).map((members) => ({
    members,
    block: members.length > 1 ? mergedEscalation(tr, members) : reminderBlock(tr, members[0]!.reminders, members[0]!.subject, false, !escalations),
  }));
  const hello = groups.map((g) => greeting(tr, g.reminders, g.subject)).find((h) => h !== null) ?? null;
  const chunks: Array<typeof blocks> = [];
  let current: typeof blocks = [];
  let length = 0;
  // room for the title line
  const budget = TEXT_LIMIT - 200;
  for (const b of blocks) {
    const add = b.block.text.length + SEPARATOR.length;
    if (current.length > 0 && (length + add > budget || current.length >= ITEMS_PER_MESSAGE)) {
      chunks.push(current);
      current = [];
      length = 0;
    }
    current.push(b);
    length += add;
  }
  chunks.push(current);
  return chunks.map((chunk, i) => {
    const titleKey = escalations ? "reminder-escalation-title" : "reminder-group-title";
    const title = chunks.length > 1 ? tr.t(`${titleKey}-part`, { count: groups.length, part: i + 1, parts: chunks.length }) : tr.t(titleKey, { count: groups.length });
    return {
      message: {
        ...to,
        text: [...(hello ? [hello] : []), escalations ? `<b>${title}</b>\n${tr.t("reminder-escalation-hint")}` : `<b>${title}</b>`, chunk.map((b) => b.block.text).join(SEPARATOR)].join("\n\n"),
        keyboard: { inline_keyboard: chunk.flatMap((b) => labelled(tr, b.members[0]!.subject.itemKey, b.block.keyboard)) },
      },
      keys: chunk.flatMap((b) => b.members.flatMap(keysOf)),
    };
  });
}
