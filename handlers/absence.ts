import type { InlineKeyboardButton, InlineKeyboardMarkup } from "telegraf/types";
import type { BotContext } from "../bot/context.ts";
import { replyHtml } from "../bot/reply.ts";
import type { ButtonContext, CommandContext, MessageContext, PersonContext } from "../bot/roles.ts";
import { beginStep, endStep } from "../bot/steps.ts";
import { stepText, type ChatStep } from "../bot/state.ts";
import { hasRole } from "../core/roles.ts";
import { parseAbsenceDates, type AbsenceDates } from "../core/absence.ts";
import { initialsFirst } from "../core/names.ts";
import { packCallback, type CallbackOf } from "../views/callbacks.ts";
import { escapeHtml, formatDate } from "../services/format.ts";
import { toLang, translator, type Translator } from "../services/i18n.ts";
import { findPeople, personById } from "../services/people.ts";
import { currentAbsence, endAbsence, hasOpenWork, personToday, setAbsence, standInCandidates, type AbsenceView, type SetAbsenceOutcome } from "../services/absence.ts";
import { decidesForOthers } from "../services/cover.ts";
import { cancelKeyboard } from "./executor.ts";

// «Я в отпуске»: /away (and the button under /start) — the dates as people write them, then
// the stand-in as buttons (colleagues of the same organisation or schools first) or «Без замены»;
// «Я вернулся(ась)» ends it. A coordinator sets one for someone else with /away <ФИО>: that
// person is told, and so is the stand-in whenever one is appointed or released. What an absence
// does to reminders: core/absence.ts.

/** What is said of dates that do not do, and of an absence that cannot be saved. */
const DATES_PROBLEM = {
  unreadable: "away-dates-unreadable",
  end_before_start: "away-dates-end-before-start",
  past: "away-dates-past",
  too_long: "away-dates-too-long",
} as const satisfies Record<Extract<AbsenceDates, { ok: false }>["error"], string>;
const SAVE_PROBLEM = {
  unknown_person: "away-error-unknown-person",
  unknown_stand_in: "away-error-unknown-stand-in",
  self_stand_in: "away-error-self-stand-in",
  overlap: "away-error-overlap",
} as const satisfies Record<Extract<SetAbsenceOutcome, { ok: false }>["error"], string>;

/** Stand-in buttons offered at most (a name can be typed instead). */
const CANDIDATES = 8;

const today = (ctx: BotContext, personId: number) => personToday(ctx.deps.db, personId, ctx.deps.clock.now(), ctx.deps.config.DEFAULT_TIMEZONE);

/** «Е.А. Полухина» */
const nameOf = (p: { shortName: string }) => escapeHtml(initialsFirst(p.shortName));

/** What is set, in words: «с 1 июля 2027 по 14 июля 2027, замещает Е.А. Полухина» (or «без замены»). */
function described(tr: Translator, a: Pick<AbsenceView, "from" | "to" | "standIn">): string {
  return tr.t("away-described", {
    from: formatDate(tr, a.from),
    to: formatDate(tr, a.to),
    standIn: a.standIn ? nameOf(a.standIn) : "none",
  });
}

/** «Я вернулся(ась)» while away, «Отменить отпуск» before it begins. */
function endKeyboard(tr: Translator, a: AbsenceView, day: string): InlineKeyboardMarkup {
  const label = a.from <= day ? "away-button-back" : "away-button-cancel";
  return { inline_keyboard: [[{ text: tr.t(label), callback_data: packCallback({ kind: "away-end", personId: a.personId }) }]] };
}

/** The button under /start: «Я в отпуске», or «Я вернулся(ась)» while away. */
export async function awayButton(ctx: BotContext, personId: number): Promise<InlineKeyboardButton | null> {
  const day = await today(ctx, personId);
  const a = await currentAbsence(ctx.deps.db, personId, day);
  if (a && a.from <= day) return { text: ctx.tr.t("away-button-back"), callback_data: packCallback({ kind: "away-end", personId }) };
  // a coordinator with no work of their own has nothing to hand over (/away still works); a curator or
  // deputy head hands over what they hear of and decide on (services/cover.ts)
  if (!(await hasOpenWork(ctx.deps.db, personId)) && !(await decidesForOthers(ctx.deps.db, personId))) return null;
  return { text: ctx.tr.t("away-button-menu"), callback_data: packCallback({ kind: "away-menu" }) };
}

/** /away [dates] — or, for a coordinator, /away <ФИО> for someone else. */
export async function awayCommand(ctx: CommandContext): Promise<void> {
  const payload = ctx.payload.trim();
  if (!payload) return showOrAsk(ctx, ctx.person.id);
  const day = await today(ctx, ctx.person.id);
  const dates = parseAbsenceDates(payload, day);
  if (dates.ok || !hasRole(ctx.person, "coordinator") || /\d/.test(payload)) return answerDates(ctx, ctx.person.id, payload);
  // a coordinator names whom the absence is for
  const found = await findPeople(ctx.deps.db, payload);
  if (found.length !== 1) return void (await replyHtml(ctx, ctx.tr.t(found.length === 0 ? "away-person-unknown" : "away-person-several", { name: escapeHtml(payload) })));
  if (found[0]!.id === ctx.person.id) return showOrAsk(ctx, ctx.person.id);
  return showOrAsk(ctx, found[0]!.id);
}

/** «Я в отпуске» under /start. */
export async function awayMenuPressed(ctx: ButtonContext): Promise<void> {
  await ctx.answerCbQuery();
  await showOrAsk(ctx, ctx.person.id);
}

/** The absence set (with how to end it), else the question «когда?». */
async function showOrAsk(ctx: PersonContext, personId: number): Promise<void> {
  const day = await today(ctx, personId);
  const current = await currentAbsence(ctx.deps.db, personId, day);
  const self = personId === ctx.person.id;
  const person = self ? null : await personById(ctx.deps.db, personId);
  if (current) {
    const id = self ? "away-current" : "away-current-other";
    await replyHtml(ctx, ctx.tr.t(id, { name: person ? nameOf(person) : "", what: described(ctx.tr, current) }), endKeyboard(ctx.tr, current, day));
    return;
  }
  await beginStep(ctx, { kind: "away-dates", personId, at: ctx.deps.clock.now().toISOString() });
  await replyHtml(ctx, self ? ctx.tr.t("away-ask-dates") : ctx.tr.t("away-ask-dates-other", { name: nameOf(person!) }), cancelKeyboard(ctx));
}

/** The dates written: on to the stand-in, or a polite word on what is wrong (the question stays). */
async function answerDates(ctx: PersonContext, personId: number, text: string): Promise<void> {
  const day = await today(ctx, personId);
  const dates = parseAbsenceDates(text, day);
  if (!dates.ok) {
    await beginStep(ctx, { kind: "away-dates", personId, at: ctx.deps.clock.now().toISOString() });
    await replyHtml(ctx, ctx.tr.t(DATES_PROBLEM[dates.error], { today: formatDate(ctx.tr, day) }), cancelKeyboard(ctx));
    return;
  }
  const candidates = await standInCandidates(ctx.deps.db, personId, CANDIDATES);
  const pick = (standInId: number) => packCallback({ kind: "away-pick", personId, standInId, from: dates.from, to: dates.to });
  const rows: InlineKeyboardButton[][] = candidates.map((c) => [{ text: initialsFirst(c.shortName), callback_data: pick(c.id) }]);
  rows.push([{ text: ctx.tr.t("away-button-no-stand-in"), callback_data: pick(0) }]);
  rows.push([{ text: ctx.tr.t("exec-button-cancel"), callback_data: packCallback({ kind: "cancel" }) }]);
  // a name typed instead of a button is an answer too
  await beginStep(ctx, { kind: "away-stand-in", personId, from: dates.from, to: dates.to, at: ctx.deps.clock.now().toISOString() });
  await replyHtml(ctx, ctx.tr.t("away-ask-stand-in", { from: formatDate(ctx.tr, dates.from), to: formatDate(ctx.tr, dates.to) }), { inline_keyboard: rows });
}

/** A message answering «когда?» or «кто замещает?». */
export async function answerAwayStep(ctx: MessageContext, step: ChatStep, next: () => Promise<void>): Promise<void> {
  const text = "text" in ctx.message ? ctx.message.text.trim() : "";
  if (!text) return next();
  const personId = Number(step.personId);
  if (personId !== ctx.person.id && !hasRole(ctx.person, "coordinator")) return next();
  if (step.kind === "away-dates") return answerDates(ctx, personId, text);
  const found = (await findPeople(ctx.deps.db, text)).filter((p) => p.id !== personId);
  if (found.length !== 1) {
    const id = found.length === 0 ? "away-stand-in-unknown" : "away-stand-in-several";
    await replyHtml(ctx, ctx.tr.t(id, { name: escapeHtml(text.slice(0, 100)) }));
    return;
  }
  await save(ctx, { personId, standInId: found[0]!.id, from: stepText(step, "from"), to: stepText(step, "to") });
}

/** A stand-in's button (or «Без замены»). */
export async function awayPickPressed(ctx: ButtonContext, data: CallbackOf<"away-pick">): Promise<void> {
  if (data.personId !== ctx.person.id && !hasRole(ctx.person, "coordinator")) {
    await ctx.answerCbQuery(ctx.tr.t("exec-button-not-yours"), { show_alert: true });
    return;
  }
  await ctx.answerCbQuery();
  await save(ctx, { personId: data.personId, standInId: data.standInId || null, from: data.from, to: data.to });
}

async function save(ctx: PersonContext, args: { personId: number; standInId: number | null; from: string; to: string }): Promise<void> {
  // the dates are checked again: a button pressed days later, or a hand-made payload
  const day = await today(ctx, args.personId);
  if (args.to < day) {
    await endStep(ctx);
    return void (await replyHtml(ctx, ctx.tr.t("away-dates-past", { today: formatDate(ctx.tr, day) })));
  }
  const from = args.from < day ? day : args.from;
  const res = await setAbsence(ctx.deps.db, { ...args, from, byPersonId: ctx.person.id });
  if (!res.ok) {
    // a stand-in who cannot be: the question stays for another name; an overlap ends it
    if (res.error === "overlap" || res.error === "unknown_person") await endStep(ctx);
    const clash = res.clash ? { from: formatDate(ctx.tr, res.clash.from), to: formatDate(ctx.tr, res.clash.to) } : {};
    return void (await replyHtml(ctx, ctx.tr.t(SAVE_PROBLEM[res.error], clash)));
  }
  await endStep(ctx);
  const a = res.absence;
  const self = a.personId === ctx.person.id;
  await replyHtml(ctx, ctx.tr.t(self ? "away-saved" : "away-saved-other", { name: nameOf(a.person), what: described(ctx.tr, a), standIn: a.standIn ? "some" : "none" }), endKeyboard(ctx.tr, a, day));
  if (!self) await tell(ctx, a.person, (tr) => tr.t("away-set-notice", { what: described(tr, a) }));
  if (a.standIn && a.standIn.id !== ctx.person.id) {
    const reviews = await decidesForOthers(ctx.deps.db, a.personId);
    await tell(ctx, a.standIn, (tr) =>
      [
        tr.t("away-stand-in-notice", { name: nameOf(a.person), from: formatDate(tr, a.from), to: formatDate(tr, a.to) }),
        ...(reviews ? [tr.t("away-stand-in-notice-reviews", { to: formatDate(tr, a.to) })] : []),
      ].join(" "),
    );
  }
}

/** «Я вернулся(ась)» / «Отменить отпуск». */
export async function awayEndPressed(ctx: ButtonContext, data: CallbackOf<"away-end">): Promise<void> {
  const self = data.personId === ctx.person.id;
  if (!self && !hasRole(ctx.person, "coordinator")) {
    await ctx.answerCbQuery(ctx.tr.t("exec-button-not-yours"), { show_alert: true });
    return;
  }
  const day = await today(ctx, data.personId);
  const ended = await endAbsence(ctx.deps.db, { personId: data.personId, today: day, now: ctx.deps.clock.now() });
  if (!ended) {
    await ctx.answerCbQuery(ctx.tr.t("away-nothing-to-end"));
    return;
  }
  const begun = ended.from <= day;
  const said = ctx.tr.t(self ? (begun ? "away-ended" : "away-called-off") : "away-ended-other", { name: nameOf(ended.person) });
  await ctx.answerCbQuery(said.slice(0, 190));
  await replyHtml(ctx, said);
  if (!self) await tell(ctx, ended.person, (tr) => tr.t("away-ended-notice"));
  if (ended.standIn && begun && ended.standIn.id !== ctx.person.id) await tell(ctx, ended.standIn, (tr) => tr.t("away-stand-in-released", { name: nameOf(ended.person) }));
}

/** A notice to someone else in their language (a person who cannot be reached is skipped). */
async function tell(ctx: BotContext, to: AbsenceView["person"], text: (tr: Translator) => string): Promise<void> {
  if (!to.chatId || to.unreachable) return;
  await ctx.deps.outbox.send({ chatId: to.chatId, personId: to.id, text: text(translator(toLang(to.language))) });
}
