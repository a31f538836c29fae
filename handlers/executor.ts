import type { InlineKeyboardButton, InlineKeyboardMarkup } from "telegraf/types";
import type { BotContext } from "../bot/context.ts";
import { replyHtml } from "../bot/reply.ts";
import type { ButtonContext, CommandContext, PersonContext } from "../bot/roles.ts";
import { beginStep, currentStep, endStep } from "../bot/steps.ts";
import { stepText } from "../bot/state.ts";
import { packCallback, type CallbackOf } from "../views/callbacks.ts";
import { escapeHtml, formatDate, htmlOfEntities } from "../services/format.ts";
import { logFailure } from "../services/logger.ts";
import {
  checkPostpone,
  dueOf,
  groupForExecutor,
  listPersonAssignments,
  loadAssignment,
  markDone,
  markInProgress,
  addEvidence,
  answersByCheckin,
  recordCheckin,
  postponeExample,
  todayFor,
  type AssignmentView,
  type ChangeOutcome,
} from "../services/assignments.ts";
import { keyLabel, severalRoadmaps } from "../services/items.ts";
import { isFinal } from "../core/status.ts";
import { clipAtWord } from "../core/clip.ts";
import { snoozeReminder } from "../services/snooze.ts";
import { isReminderList, redrawReminderPage } from "./reminder-pages.ts";
import { COMMENT_MAX, actingAs, cardOf, parseHttpUrl, refusalText, resolveKey, sendCard, type ExecutorAction } from "./executor-common.ts";

// The executor: /my, /item, /done, /progress, /evidence and the card's buttons.

const CANCEL_BUTTON = packCallback({ kind: "cancel" });

/** /my: the person's open work, a button per item. */
export async function myCommand(ctx: CommandContext): Promise<void> {
  const list = await listPersonAssignments(ctx.deps.db, ctx.person.id);
  const page = await myPage(ctx, list, 0);
  await replyHtml(ctx, page.text, page.keyboard);
}

/** An item's button in /my: its card, with the card's buttons. */
export async function myItemPressed(ctx: ButtonContext, data: CallbackOf<"my-open">): Promise<void> {
  const a = await loadAssignment(ctx.deps.db, data.assignmentId);
  if (!a || a.item.removedAt || a.item.roadmap.status === "archived") {
    await ctx.answerCbQuery(ctx.tr.t("bot-button-outdated"));
    return;
  }
  // their own, or a colleague's they stand in for
  if (!(await actingAs(ctx, a))) {
    await ctx.answerCbQuery(ctx.tr.t("exec-button-not-yours"), { show_alert: true });
    return;
  }
  await ctx.answerCbQuery();
  await sendCard(ctx, a);
}

/** «Ещё» under /my: the same message shows the next ten (the list as it is now). */
export async function myPagePressed(ctx: ButtonContext, data: CallbackOf<"my-page">): Promise<void> {
  const list = await listPersonAssignments(ctx.deps.db, ctx.person.id);
  const page = await myPage(ctx, list, data.page);
  await ctx.answerCbQuery();
  try {
    await ctx.editMessageText(page.text, { parse_mode: "HTML", link_preview_options: { is_disabled: true }, ...(page.keyboard ? { reply_markup: page.keyboard } : {}) });
  } catch (err) {
    // the message is too old to edit, or unchanged: the page comes as a new message
    ctx.deps.logger.debug({ err }, "/my page not edited in place");
    await replyHtml(ctx, page.text, page.keyboard);
  }
}

/** /item, /done, /progress, /evidence: `<key> [the rest]`. */
export function keyCommand(action: ExecutorAction): (ctx: CommandContext) => Promise<void> {
  return async (ctx) => {
    const payload = ctx.payload.trim();
    const keyText = payload.split(/\s+/)[0] ?? "";
    const rest = payload.slice(keyText.length).trim();
    if (!keyText) {
      await replyHtml(ctx, ctx.tr.t(`exec-usage-${action}`));
      return;
    }
    // check what can be checked before looking anything up: bad input changes nothing
    const problem = checkRest(ctx, action, rest);
    if (problem) {
      await replyHtml(ctx, problem);
      return;
    }
    const a = await resolveKey(ctx, keyText, action, rest);
    if (a) await perform(ctx, action, a, rest);
  };
}

/** A card's button, on a card or a reminder. */
export async function cardPressed(ctx: ButtonContext, parsed: CallbackOf<"card">): Promise<void> {
  const a = await loadAssignment(ctx.deps.db, parsed.assignmentId);
  if (!a || a.item.removedAt || a.item.roadmap.status === "archived") {
    await ctx.answerCbQuery(ctx.tr.t("bot-button-outdated"));
    return;
  }
  // the executor, or a colleague standing in for them while they are away
  const acting = await actingAs(ctx, a);
  if (!acting) {
    await ctx.answerCbQuery(ctx.tr.t("exec-button-not-yours"), { show_alert: true });
    return;
  }
  if ((parsed.action === "done" || parsed.action === "prog") && answersByCheckin(a, todayFor(a, ctx.deps.clock.now()))) {
    const r = await recordCheckin(ctx.deps.db, { assignmentId: a.id, personId: ctx.person.id, at: ctx.deps.clock.now(), done: parsed.action === "done", ...acting });
    if (!r.ok) return buttonChange(ctx, a, r, "exec-checkin-toast");
    await ctx.answerCbQuery(ctx.tr.t("exec-checkin-toast"));
    await refreshCard(ctx, r.assignment);
    return;
  }
  switch (parsed.action) {
    case "done":
      return buttonChange(ctx, a, await markDone(ctx.deps.db, { assignmentId: a.id, personId: ctx.person.id, at: ctx.deps.clock.now(), loaded: a, ...acting }), "exec-done-toast");
    case "prog":
      return buttonChange(
        ctx,
        a,
        await markInProgress(ctx.deps.db, { assignmentId: a.id, personId: ctx.person.id, at: ctx.deps.clock.now(), loaded: a, ...acting }),
        "exec-progress-toast",
      );
    case "ev": {
      if (isFinal(a.status)) {
        await ctx.answerCbQuery(ctx.tr.t("bot-button-outdated"));
        await refreshCard(ctx, a);
        return;
      }
      await beginStep(ctx, { kind: "evidence", assignmentId: a.id, at: ctx.deps.clock.now().toISOString() });
      await ctx.answerCbQuery();
      await replyHtml(ctx, ctx.tr.t("exec-evidence-ask", { key: escapeHtml(a.item.key) }), cancelKeyboard(ctx));
      return;
    }
    case "more": {
      // a new deadline is the executor's to ask for (or the coordinator's to set)
      if (acting.onBehalfOf) {
        await ctx.answerCbQuery(ctx.tr.t("away-standin-no-postpone"), { show_alert: true });
        return;
      }
      const check = await checkPostpone(ctx.deps.db, a.id, ctx.person.id);
      if (!check.ok) {
        await ctx.answerCbQuery(refusalText(ctx, check).slice(0, 190), { show_alert: true });
        await refreshCard(ctx, a);
        return;
      }
      await beginStep(ctx, { kind: "postpone-date", assignmentId: a.id, at: ctx.deps.clock.now().toISOString() });
      await ctx.answerCbQuery();
      const due = dueOf(a);
      await replyHtml(
        ctx,
        ctx.tr.t("exec-postpone-ask-date", {
          key: escapeHtml(a.item.key),
          due: due ? formatDate(ctx.tr, due) : ctx.tr.t("exec-no-due"),
          example: postponeExample(a, ctx.deps.clock.now()),
        }),
        cancelKeyboard(ctx),
      );
      return;
    }
  }
}

/** «Напомнить завтра» on a reminder: it comes again on the person's next working day, at the send hour. */
export async function snoozePressed(ctx: ButtonContext, data: CallbackOf<"snooze">): Promise<void> {
  const r = await snoozeReminder(ctx.deps.db, { assignmentId: data.assignmentId, personId: ctx.person.id, now: ctx.deps.clock.now() });
  if (!r.ok) {
    const id = r.error === "not_yours" ? "exec-button-not-yours" : r.error === "closed" ? "exec-snooze-closed" : "bot-button-outdated";
    await ctx.answerCbQuery(ctx.tr.t(id), { show_alert: r.error === "not_yours" });
    return;
  }
  const time = `${String(r.hour).padStart(2, "0")}:00`;
  await ctx.answerCbQuery(ctx.tr.t("exec-snoozed", { date: formatDate(ctx.tr, r.day), time }));
  // what stays in the chat says which поручение, and the weekday («завтра» on a Friday is Monday)
  const weekday = new Date(`${r.day}T00:00:00Z`).getUTCDay() || 7;
  await replyHtml(ctx, ctx.tr.t("exec-snoozed-message", { key: escapeHtml(r.itemKey), weekday, date: formatDate(ctx.tr, r.day), time }));
}

/** «Отмена» on a question the bot asked. */
export async function questionCancelled(ctx: ButtonContext): Promise<void> {
  await endStep(ctx);
  await ctx.answerCbQuery();
  await ctx.editMessageText(ctx.tr.t("exec-cancelled")).catch(logFailure(ctx.deps.logger, "marking the question cancelled"));
}

/** The roadmap chosen for a key that several roadmaps have. */
export async function roadmapPicked(ctx: ButtonContext, data: CallbackOf<"pick">): Promise<void> {
  const step = await currentStep(ctx);
  const a = await loadAssignment(ctx.deps.db, data.assignmentId);
  if (!step || step.kind !== "pick" || !a || a.personId !== ctx.person.id) {
    await ctx.answerCbQuery(ctx.tr.t("bot-button-outdated"));
    return;
  }
  await endStep(ctx);
  await ctx.answerCbQuery();
  await perform(ctx, step.action as ExecutorAction, a, stepText(step, "rest"));
}

export function cancelKeyboard(ctx: BotContext) {
  return { inline_keyboard: [[{ text: ctx.tr.t("exec-button-cancel"), callback_data: CANCEL_BUTTON }]] };
}

/** What is wrong with the text after the key, before anything is looked up. */
function checkRest(ctx: BotContext, action: ExecutorAction, rest: string): string | null {
  if (rest.length > COMMENT_MAX) return ctx.tr.t("bot-message-too-long", { max: COMMENT_MAX });
  if (action === "evidence" && !rest) return ctx.tr.t("exec-usage-evidence");
  if ((action === "evidence" || (action === "done" && rest)) && !parseHttpUrl(rest)) return ctx.tr.t("exec-bad-link");
  return null;
}

async function perform(ctx: PersonContext, action: ExecutorAction, a: AssignmentView, rest: string, acting: { onBehalfOf?: number } = {}): Promise<void> {
  const { db, clock } = ctx.deps;
  const base = { assignmentId: a.id, personId: ctx.person.id, at: clock.now(), ...acting };
  const key = escapeHtml(a.item.key);
  if ((action === "done" || action === "progress") && answersByCheckin(a, todayFor(a, clock.now()))) {
    const url = action === "done" && rest ? parseHttpUrl(rest) : null;
    const r = await recordCheckin(db, {
      ...base,
      done: action === "done",
      comment: action === "progress" ? rest || null : null,
      evidence: url ? { kind: "link", url } : null,
    });
    if (!r.ok) return void (await replyHtml(ctx, refusalText(ctx, r)));
    await sendCard(ctx, r.assignment, ctx.tr.t("exec-checkin-saved", { key, date: formatDate(ctx.tr, r.periodStart) }));
    return;
  }
  switch (action) {
    case "item":
      await sendCard(ctx, a);
      return;
    case "done": {
      const url = rest ? parseHttpUrl(rest) : null;
      const outcome = await markDone(db, { ...base, evidence: url ? { kind: "link", url } : null });
      if (!outcome.ok) return void (await replyHtml(ctx, refusalText(ctx, outcome)));
      await endStep(ctx);
      if (outcome.checkpoint && outcome.to !== "submitted") {
        const next = dueOf(outcome.assignment);
        const text = ctx.tr.t("exec-checkpoint-done", { key, date: formatDate(ctx.tr, outcome.checkpoint), next: next ? formatDate(ctx.tr, next) : "" });
        await sendCard(ctx, outcome.assignment, text);
        return;
      }
      const id = outcome.from === outcome.to ? "exec-evidence-added" : doneMessage(outcome.assignment);
      await sendCard(ctx, outcome.assignment, ctx.tr.t(id, { key }) + attachHint(ctx, outcome.assignment));
      return;
    }
    case "progress": {
      const outcome = await markInProgress(db, { ...base, comment: rest || null });
      if (!outcome.ok) return void (await replyHtml(ctx, refusalText(ctx, outcome)));
      await sendCard(ctx, outcome.assignment, ctx.tr.t(rest ? "exec-progress-noted-comment" : "exec-progress-noted", { key }));
      return;
    }
    case "evidence": {
      const url = parseHttpUrl(rest)!;
      const outcome = await addEvidence(db, { ...base, evidence: { kind: "link", url } });
      if (!outcome.ok) return void (await replyHtml(ctx, refusalText(ctx, outcome)));
      await sendCard(ctx, outcome.assignment, ctx.tr.t("exec-evidence-added", { key }));
      return;
    }
  }
}

/** «Выполнено» asked for in words (a reply «готово»): as /done without a link. */
export function markDoneInChat(ctx: PersonContext, a: AssignmentView, acting: { onBehalfOf?: number } = {}): Promise<void> {
  return perform(ctx, "done", a, "", acting);
}

function doneMessage(a: AssignmentView): "exec-done-submitted" | "exec-done-closed" {
  return a.item.roadmap.needsVerification ? "exec-done-submitted" : "exec-done-closed";
}

function attachHint(ctx: BotContext, a: AssignmentView): string {
  return a._count.evidence === 0 ? `\n${ctx.tr.t("exec-done-attach-hint")}` : "";
}

/** After a button: a toast, and the card redrawn in place with its new status. */
async function buttonChange(ctx: ButtonContext, a: AssignmentView, outcome: ChangeOutcome, toastId: string): Promise<void> {
  if (!outcome.ok) {
    await ctx.answerCbQuery(refusalText(ctx, outcome).slice(0, 190), { show_alert: true });
    await refreshCard(ctx, a);
    return;
  }
  const toast =
    outcome.checkpoint && outcome.to !== "submitted"
      ? "exec-checkpoint-toast"
      : outcome.to === "submitted"
        ? doneMessage(outcome.assignment) + "-toast"
        : toastId;
  await ctx.answerCbQuery(ctx.tr.t(toast, { key: a.item.key, date: outcome.checkpoint ? formatDate(ctx.tr, outcome.checkpoint) : "" }));
  await refreshCard(ctx, outcome.assignment, false);
  if (outcome.to === "submitted" && outcome.from !== outcome.to && outcome.assignment._count.evidence === 0) {
    await replyHtml(ctx, ctx.tr.t("exec-done-attach-hint"));
  }
}

/** Redraws the card the button was on (a reminder keeps its header: only the buttons change then). */
async function refreshCard(ctx: BotContext, a: AssignmentView, reload = true): Promise<void> {
  // an outcome's assignment is already fresh; one read before a refusal may not be
  const message = ctx.callbackQuery?.message;
  // a reminder of several items: its page is drawn again, every item on it as it is now
  if (message && ctx.person && isReminderList(message) && (await redrawReminderPage(ctx, ctx.person.id, message.message_id, a.id))) return;
  const fresh = (reload ? await loadAssignment(ctx.deps.db, a.id) : null) ?? a;
  const card = await cardOf(ctx, fresh);
  if (!message) return;
  // the card part is redrawn with its new status; a header above it (a reminder's, a
  // confirmation's) is kept with its markup
  const firstLine = plain(card.text.split("\n")[0] ?? "");
  const text = "text" in message && typeof message.text === "string" ? message.text : "";
  const entities = "entities" in message ? message.entities : undefined;
  const at = firstLine ? text.indexOf(firstLine) : -1;
  try {
    if (at >= 0) {
      const header = htmlOfEntities(text.slice(0, at), entities);
      await ctx.editMessageText(header + card.text, {
        parse_mode: "HTML",
        reply_markup: card.keyboard,
        link_preview_options: { is_disabled: true },
      });
    } else {
      await ctx.editMessageReplyMarkup(card.keyboard);
    }
  } catch (err) {
    // "message is not modified" and the like: the card stays as it is
    ctx.deps.logger.debug({ err }, "card not redrawn");
  }
}

/** Items on one page of /my; «Ещё» shows the next ones. */
const MY_PAGE = 10;
const MY_LINE_TITLE = 110;
const MY_BUTTON_TITLE = 40;
const MY_GROUPS = ["overdue", "soon", "later", "undated", "submitted"] as const;

/** /my, page `page` (from 0): overdue, due in 7 days, later, without a date, and on review, a button per item. */
async function myPage(ctx: BotContext, list: AssignmentView[], page: number): Promise<{ text: string; keyboard?: InlineKeyboardMarkup }> {
  if (list.length === 0) return { text: ctx.tr.t("my-empty") };
  const several = await severalRoadmaps(ctx.deps.db);
  const g = groupForExecutor(list, ctx.deps.clock.now());
  const ordered = MY_GROUPS.flatMap((group) => g[group].map((a) => ({ group, a })));
  const pages = Math.ceil(ordered.length / MY_PAGE);
  const at = Math.min(Math.max(page, 0), pages - 1);
  const shown = ordered.slice(at * MY_PAGE, (at + 1) * MY_PAGE);
  // a school director's work is all at one school: named once above, not on every line
  const schools = new Set(list.map((a) => a.school?.name ?? null));
  const oneSchool = schools.size === 1 ? [...schools][0]! : null;
  const out: string[] = [oneSchool ? ctx.tr.t("my-header-school", { count: list.length, school: escapeHtml(oneSchool) }) : ctx.tr.t("my-header", { count: list.length })];
  const rows: InlineKeyboardButton[][] = [];
  let group: string | null = null;
  for (const { group: gr, a } of shown) {
    if (gr !== group) {
      group = gr;
      out.push("", ctx.tr.t(`my-${gr}`, { count: g[gr].length }));
    }
    out.push(myLine(ctx, a, several, oneSchool === null));
    const label = `${keyLabel(a, several)} · ${clipAtWord(a.item.title, MY_BUTTON_TITLE)}`;
    rows.push([{ text: label, callback_data: packCallback({ kind: "my-open", assignmentId: a.id }) }]);
  }
  if (pages > 1) {
    out.push("", ctx.tr.t("my-shown", { from: at * MY_PAGE + 1, to: at * MY_PAGE + shown.length, count: ordered.length }));
    const next = at + 1 < pages ? at + 1 : 0;
    rows.push([{ text: ctx.tr.t(next > 0 ? "my-button-more" : "my-button-first"), callback_data: packCallback({ kind: "my-page", page: next }) }]);
  }
  out.push("", ctx.tr.t("my-footer"));
  return { text: out.join("\n"), keyboard: { inline_keyboard: rows } };
}

function myLine(ctx: BotContext, a: AssignmentView, several: boolean, withSchool: boolean): string {
  const due = dueOf(a);
  const parts = [`<b>${escapeHtml(keyLabel(a, several))}</b> ${escapeHtml(clipAtWord(a.item.title, MY_LINE_TITLE))}`];
  if (due) parts.push(ctx.tr.t("my-due", { date: formatDate(ctx.tr, due) }));
  else if (a.item.deadlineText) parts.push(escapeHtml(clipAtWord(a.item.deadlineText, 60)));
  if (a.school && withSchool) parts.push(escapeHtml(clipAtWord(a.school.name, 60)));
  if (a.status !== "not_started" && a.status !== "submitted") parts.push(`<i>${ctx.tr.t(`status-${a.status}`)}</i>`);
  return `• ${parts.join(" · ")}`;
}

function plain(html: string): string {
  return html
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}
