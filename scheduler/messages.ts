import type { DueReminder, Recipient } from "../core/reminders.ts";
import type { AssignmentReminderKind } from "../core/kinds.ts";
import type { Status } from "../core/status.ts";
import { daysBetween } from "../core/working-days.ts";
import { periodById } from "../core/checkins.ts";
import { initialsFirst } from "../core/names.ts";
import { itemCard, type CardClips } from "../views/cards.ts";
import { escapeHtml, formatDate } from "../services/format.ts";
import type { Translator } from "../services/i18n.ts";
import { TEXT_LIMIT } from "../services/telegram-text.ts";
import type { Keyboard } from "../services/outbox.ts";
import { packCallback } from "../views/callbacks.ts";
import type { MessagePart } from "./claims.ts";
import { onBehalfLine } from "../services/cover.ts";
import type { DigestHead } from "./digest-head.ts";

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

/**
 * What a message says about one reminder: a planned DueReminder, or the same facts rebuilt from
 * its claim when a page of a sent message is drawn again (scheduler/reminder-pages.ts).
 */
export type ReminderFacts = Pick<DueReminder, "kind" | "localDate" | "deadline" | "daysOverdue" | "every" | "period" | "covering" | "onBehalfOf" | "key"> & {
  recipient: Pick<Recipient, "personId" | "chatId">;
};

const PRE_DEADLINE: AssignmentReminderKind[] = ["due", "before_1d", "before_7d"];

/** The header lines for one message: all kinds of one assignment on one day together. */
function reminderHeader(tr: Translator, group: readonly ReminderFacts[], subject: ReminderSubject, hint = true): string[] {
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
    // asked after its period («до 5 числа» asks about May in June): the period said in full
    const asked = checkin.period && checkin.every ? periodById(checkin.every, checkin.period) : null;
    lines.push(
      asked && asked.end < checkin.localDate
        ? tr.t("reminder-checkin-past", { start: formatDate(tr, asked.start), end: formatDate(tr, asked.end) })
        : tr.t(`reminder-checkin-${checkin.every ?? "month"}`),
    );
    lines.push(tr.t("reminder-checkin-note"));
  }
  return lines;
}

/** The recipient is the assignment's executor, or stands in for them (an escalation goes to a curator or deputy head instead). */
function forExecutor(group: readonly ReminderFacts[], subject: ReminderSubject): boolean {
  return subject.executorId == null || subject.executorId === group[0]!.recipient.personId || !!group[0]!.covering;
}

/** The card's buttons and «Напомнить завтра» (while the work is open; a stand-in's reminder is not snoozed). */
function withSnooze(tr: Translator, keyboard: Keyboard, subject: ReminderSubject, covering: boolean): Keyboard {
  if (keyboard.inline_keyboard.length === 0 || subject.status === "submitted" || covering) return keyboard;
  const snooze = { text: tr.t("reminder-button-snooze"), callback_data: packCallback({ kind: "snooze", assignmentId: subject.assignmentId }) };
  return { inline_keyboard: [...keyboard.inline_keyboard, [snooze]] };
}

/** The executor is greeted as in an office: «Елена Андреевна, добрый день!» (once per message). */
function greeting(tr: Translator, group: readonly ReminderFacts[], subject: ReminderSubject): string | null {
  return forExecutor(group, subject) && !group[0]!.covering && subject.executorAddress ? tr.t("reminder-greeting", { name: escapeHtml(subject.executorAddress) }) : null;
}

/** The card a reminder carries: the deadline it is about (a multi item's checkpoint), else the one that counts. */
function reminderCard(tr: Translator, reminder: ReminderFacts, subject: ReminderSubject, schoolName: string | null, clips?: CardClips): { text: string; keyboard: Keyboard } {
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
  }, clips);
}

/** One assignment's reminder: its header lines and its card (and the greeting when it is alone). */
function reminderBlock(tr: Translator, group: readonly ReminderFacts[], subject: ReminderSubject, greet = true, hint = true, clips?: CardClips): { text: string; keyboard: Keyboard } {
  const first = group[0]!;
  const card = reminderCard(tr, first, subject, subject.schoolName, clips);
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
  reminders: readonly ReminderFacts[];
  subject: ReminderSubject;
}

/**
 * Items (cards) on one page of a person's reminder message. The message is one, whatever the
 * number of items: «◀ / ▶» under it redraw it in place with the next five (handlers/reminder-pages.ts).
 * Five cards with their labelled buttons are 20 rows of buttons: about what a phone shows well.
 */
const REMINDERS_PER_PAGE = 5;
const SEPARATOR = "\n\n— — —\n\n";

/**
 * How much of each card a page shows: all of it when five fit Telegram's 4,096 characters, else
 * shorter document texts, fewer schools under a merged escalation, then titles only. A page holds
 * the same items whatever their length, so «▶» always moves on by whole pages.
 */
interface Fit {
  card: CardClips;
  /** schools named under an item overdue at several schools */
  who: number;
  /** a school's or executor's name, at most */
  name: number;
}
const FITS: Fit[] = [
  { card: { title: 700, text: 400 }, who: 15, name: 120 },
  { card: { title: 250, text: 150 }, who: 8, name: 80 },
  { card: { title: 120, text: 0 }, who: 3, name: 60 },
  { card: { title: 60, text: 0 }, who: 1, name: 40 },
];

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

/** One item's escalations at several schools: the news, the card without a school, then who is late where. */
function mergedEscalation(tr: Translator, members: readonly ReminderGroup[], fit: Fit): { text: string; keyboard: Keyboard } {
  const esc = members[0]!.reminders[0]!;
  const subject = members[0]!.subject;
  // the schools are listed under the card, so the card names none (nor one executor's evidence)
  const card = reminderCard(tr, esc, { ...subject, evidenceCount: 0 }, null, fit.card);
  // a region's item overdue at hundreds of schools: the first ones by name, then how many more (the message stays under Telegram's limit)
  const who = members.slice(0, fit.who).map((m) => `• ${[m.subject.schoolName, m.subject.executorName].filter((x): x is string => !!x).map((x) => escapeHtml(x.slice(0, fit.name))).join(" — ")}`);
  if (members.length > fit.who) who.push(tr.t("reminder-escalation-more", { count: members.length - fit.who }));
  const header = `<b>${tr.t("reminder-escalation", { days: esc.daysOverdue ?? 0, date: formatDate(tr, esc.deadline) })}</b>`;
  return { text: [...(esc.onBehalfOf ? [onBehalfLine(tr, esc.onBehalfOf)] : []), header, "", card.text, tr.t("reminder-escalation-where", { count: members.length }), ...who].join("\n"), keyboard: { inline_keyboard: [] } };
}

/** In a grouped message every button says which item it acts on: «17 · Выполнено». */
function labelled(tr: Translator, key: string, keyboard: Keyboard): Keyboard["inline_keyboard"] {
  return keyboard.inline_keyboard.map((row) => row.map((b) => ({ ...b, text: tr.t("reminder-group-button", { key, label: b.text }) })));
}

/** The same order when the message is sent and whenever a page of it is drawn again. */
function inOrder(groups: readonly ReminderGroup[]): ReminderGroup[] {
  return [...groups].sort((a, b) => a.subject.assignmentId - b.subject.assignmentId || a.reminders[0]!.localDate.localeCompare(b.reminders[0]!.localDate));
}

/** The message's items in order, one block each (an item overdue at several schools is one block in a list of escalations). */
function blocksOf(groups: readonly ReminderGroup[]): { sorted: ReminderGroup[]; escalations: boolean; blocks: ReminderGroup[][] } {
  const sorted = inOrder(groups);
  // escalations only (a curator's or deputy head's): titled as such, «свяжитесь с исполнителем» said once, not under every item
  const escalations = sorted.every((g) => !forExecutor(g.reminders, g.subject));
  return { sorted, escalations, blocks: escalations ? byItemAndDeadline(sorted) : sorted.map((g) => [g]) };
}

const pageCount = (blocks: number) => Math.max(1, Math.ceil(blocks / REMINDERS_PER_PAGE));

/** The page (from 0) a press for `page` shows: past the end, the last. */
export function pageFor(groups: readonly ReminderGroup[], page: number): number {
  return Math.min(Math.max(page, 0), pageCount(blocksOf(groups).blocks.length) - 1);
}

/** A single reminder under the week's digest: the greeting, the digest, a separator, the reminder. */
function withDigest(hello: string | null, digest: DigestHead, reminder: string): string {
  return [...(hello ? [hello, ""] : []), digest.text, "", SEPARATOR.trim(), "", reminder].join("\n");
}

/** The page (from 0) that shows this assignment, 0 when none does. */
export function pageShowing(groups: readonly ReminderGroup[], assignmentId: number): number {
  const at = blocksOf(groups).blocks.findIndex((members) => members.some((m) => m.subject.assignmentId === assignmentId));
  return at < 0 ? 0 : Math.floor(at / REMINDERS_PER_PAGE);
}

/** A page of a person's reminder message: its text and buttons, which page it is and of how many. */
export interface ReminderPage {
  text: string;
  keyboard: Keyboard;
  page: number;
  pages: number;
}

/**
 * One person's reminders of one tick, page `page` (from 0; past the end: the last). One item alone
 * is the plain reminder. Several: a title, then five items a page, each its reminder and card, each
 * card's buttons labelled with its key; under them how many more there are, and «◀ / ▶» (callback
 * `rp:<page>`: the message itself says whose reminders it holds — its claims carry its message id).
 */
export function reminderPage(tr: Translator, groups: readonly ReminderGroup[], page = 0, head: DigestHead | null = null): ReminderPage | null {
  if (groups.length === 0) return null;
  const { sorted, escalations, blocks } = blocksOf(groups);
  const pages = pageCount(blocks.length);
  const at = Math.min(Math.max(page, 0), pages - 1);
  // the week's digest heads the first page (a deputy head's digest and reminders in one message)
  const digest = at === 0 ? head : null;
  if (sorted.length === 1) {
    const one = sorted[0]!;
    if (!digest) return { ...reminderBlock(tr, one.reminders, one.subject), page: 0, pages: 1 };
    const hello = greeting(tr, one.reminders, one.subject);
    // one card: the greeting, the digest, then the reminder, cut to fit (a long document text first)
    let block = { text: "", keyboard: { inline_keyboard: [] } as Keyboard };
    for (const fit of FITS) {
      block = reminderBlock(tr, one.reminders, one.subject, false, true, fit.card);
      if (withDigest(hello, digest, block.text).length <= TEXT_LIMIT) break;
    }
    return { text: withDigest(hello, digest, block.text), keyboard: { inline_keyboard: [...block.keyboard.inline_keyboard, ...digest.rows] }, page: 0, pages: 1 };
  }
  const shown = blocks.slice(at * REMINDERS_PER_PAGE, (at + 1) * REMINDERS_PER_PAGE);
  const before = blocks.slice(0, at * REMINDERS_PER_PAGE).reduce((n, b) => n + b.length, 0);
  const onPage = shown.reduce((n, b) => n + b.length, 0);
  const after = sorted.length - before - onPage;
  const hello = sorted.map((g) => greeting(tr, g.reminders, g.subject)).find((h) => h !== null) ?? null;
  const title = tr.t(escalations ? "reminder-escalation-title" : "reminder-group-title", { count: sorted.length });
  const top = [...(hello ? [hello] : []), ...(digest ? [digest.text + SEPARATOR.trimEnd()] : []), escalations ? `<b>${title}</b>\n${tr.t("reminder-escalation-hint")}` : `<b>${title}</b>`];
  if (pages > 1) top.push(tr.t("reminder-page", { page: at + 1, pages, from: before + 1, to: before + onPage, count: sorted.length }));
  const nav = [
    ...(at > 0 ? [{ text: tr.t("reminder-page-prev", { page: at }), callback_data: packCallback({ kind: "reminder-page", page: at - 1 }) }] : []),
    ...(at < pages - 1 ? [{ text: tr.t("reminder-page-next", { page: at + 2 }), callback_data: packCallback({ kind: "reminder-page", page: at + 1 }) }] : []),
  ];
  let text = "";
  let rows: Keyboard["inline_keyboard"] = [];
  for (const fit of FITS) {
    const drawn = shown.map((members) => ({
      members,
      block: members.length > 1 ? mergedEscalation(tr, members, fit) : reminderBlock(tr, members[0]!.reminders, members[0]!.subject, false, !escalations, fit.card),
    }));
    const more = after > 0 ? [tr.t("reminder-page-more", { count: after, pages: pages - at - 1, next: at + 2 })] : [];
    text = [...top, drawn.map((b) => b.block.text).join(SEPARATOR), ...more].join("\n\n");
    rows = drawn.flatMap((b) => labelled(tr, b.members[0]!.subject.itemKey, b.block.keyboard));
    if (text.length <= TEXT_LIMIT) break;
  }
  const all = [...rows, ...(digest?.rows ?? [])];
  return { text, keyboard: { inline_keyboard: nav.length > 0 ? [...all, nav] : all }, page: at, pages };
}

/**
 * One person's reminders of one tick as ONE message: its first page. Every reminder of the person
 * is settled by it (its claims carry its message id), those on later pages too — and the week's
 * digest when it heads the message.
 */
export function groupedReminderMessages(tr: Translator, groups: readonly ReminderGroup[], digest?: { head: DigestHead; keys: string[] }): MessagePart[] {
  const first = reminderPage(tr, groups, 0, digest?.head ?? null);
  if (!first) return [];
  const r = groups[0]!.reminders[0]!;
  return [
    {
      message: { chatId: r.recipient.chatId!, personId: r.recipient.personId, text: first.text, keyboard: first.keyboard },
      // the digest's claims too, when it heads the message: settled by this one message
      keys: [...groups.flatMap((g) => g.reminders.map((x) => x.key)), ...(digest?.keys ?? [])],
    },
  ];
}
