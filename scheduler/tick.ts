import type { Clock } from "../core/clock.ts";
import type { Db } from "../services/db.ts";
import type { Outbox } from "../services/outbox.ts";
import type { Logger } from "../services/logger.ts";
import { toLang, translator } from "../services/i18n.ts";
import type { DueDigest, DueReminder } from "../core/reminders.ts";
import { anyoneInDaytime, loadWorkCalendar, planDue, stillToSend, type Planned } from "./plan.ts";
import { groupedReminderMessages, type ReminderGroup } from "./messages.ts";
import { Subjects } from "./subjects.ts";
import { digestHead } from "./digest-head.ts";
import { buildDigest } from "../services/digest.ts";
import { onBehalfLine } from "../services/cover.ts";
import { buildDigestOverview } from "../services/digest-overview.ts";
import { digestMessage } from "../views/digest.ts";
import { overviewKeyboard } from "../views/digest-overview.ts";
import { approvalDeliveries } from "./approvals.ts";
import { reviewDeliveries } from "./reviews.ts";
import { absenceDeliveries } from "./absence-notices.ts";
import { blockedDeliveries } from "./blocked.ts";
import { deliverAll, deliveryContext, type ClaimSpec, type Delivery, type DeliveryStep, type RunTotals } from "./claims.ts";

// tick = plan → claim → send → record, for everything the bot sends on its own: reminders and
// escalations, digests, review notices, postponement requests, and the notices that someone
// blocked the bot. scheduler/claims.ts holds the one delivery path they all take.

export type TickStep = DeliveryStep;

export interface TickDeps {
  db: Db;
  outbox: Outbox;
  /** written into claims: which process holds them (each run adds its own number) */
  instanceId?: string;
  logger?: Logger;
  /**
   * At most this many messages per tick (default 1,200: 40 s at 30 messages/s); the rest waits for
   * the next tick (`left` says how many).
   */
  maxMessages?: number;
  /** when claims are taken and judged stale: the real clock; default `now` running on */
  clock?: Clock;
  /** open assignments planned at once (default: scheduler/plan.ts PLAN_PAGE) */
  planPageSize?: number;
  /** tests: called at each named step; throwing there simulates a crash */
  faults?: (step: TickStep, keys: readonly string[]) => void;
}

export interface TickResult extends RunTotals {
  /** entries planned (a reminder per kind and recipient, a notice per reviewer …), sent or not */
  planned: number;
}

/**
 * Groups reminders into messages: one per recipient (and tick), holding each of their
 * assignments' reminders of the day — all kinds of one assignment together.
 */
function groupReminders(open: Planned[]): { reminders: DueReminder[][][]; digests: DueDigest[] } {
  const people = new Map<number, Map<string, DueReminder[]>>();
  const digests: DueDigest[] = [];
  for (const p of open) {
    if (p.kind === "digest") {
      digests.push(p);
      continue;
    }
    let mine = people.get(p.recipient.personId);
    if (!mine) people.set(p.recipient.personId, (mine = new Map<string, DueReminder[]>()));
    const k = `${p.assignmentId}|${p.localDate}`;
    const list = mine.get(k);
    if (list) list.push(p);
    else mine.set(k, [p]);
  }
  return { reminders: [...people.values()].map((m) => [...m.values()]), digests };
}

const reminderClaim = (r: DueReminder): ClaimSpec => ({
  key: r.key,
  kind: r.kind,
  personId: r.recipient.personId,
  roadmapId: r.roadmapId,
  assignmentId: r.assignmentId,
  checkpoint: r.checkpoint ?? r.period,
  localDate: r.localDate,
});

/** Reminders and digests due at `now`, as deliveries. */
function reminderDeliveries(db: Db, languages: Map<number, string | null>, open: Planned[], subjects: Subjects, now: Date): Delivery[] {
  const { reminders, digests } = groupReminders(open);
  const trOf = (personId: number) => translator(toLang(languages.get(personId) ?? null));
  // a person's digests of this tick are one message: the roadmap's digest when there is one, an
  // overview of them all when there are several (each keeps its claim, settled by that message)
  const digestsOf = new Map<number, DueDigest[]>();
  // a digest a stand-in gets for an away colleague goes on its own, saying whose it is
  const covering: DueDigest[] = [];
  for (const d of digests) {
    if (d.onBehalfOf) {
      covering.push(d);
      continue;
    }
    const mine = digestsOf.get(d.recipient.personId);
    if (mine) mine.push(d);
    else digestsOf.set(d.recipient.personId, [d]);
  }
  const digestClaims = (mine: DueDigest[]): ClaimSpec[] =>
    mine.map((d) => ({ key: d.key, kind: "digest", personId: d.recipient.personId, roadmapId: d.roadmapId, localDate: d.localDate }));
  /** The reminder groups of `person` whose claims this run owns (an assignment deleted meanwhile: left out). */
  const ownedGroups = async (person: DueReminder[][], owned: Set<string>): Promise<ReminderGroup[]> => {
    await subjects.need(person.flatMap((group) => group.filter((r) => owned.has(r.key)).map((r) => r.assignmentId)));
    const groups: ReminderGroup[] = [];
    for (const group of person) {
      const mine = group.filter((r) => owned.has(r.key));
      const subject = mine.length > 0 ? subjects.get(mine[0]!.assignmentId) : undefined;
      if (subject) groups.push({ reminders: mine, subject });
    }
    return groups;
  };
  const digestOnly = async (mine: DueDigest[], owned: Set<string>) => {
    const due = mine.filter((d) => owned.has(d.key));
    if (due.length === 0) return null;
    const { recipient } = due[0]!;
    const tr = trOf(recipient.personId);
    if (due.length === 1) {
      const d = due[0]!;
      // one message: the chart with the digest as its caption, or the text with the chart a button away
      const lead = d.onBehalfOf ? onBehalfLine(tr, d.onBehalfOf) : undefined;
      const digest = await buildDigest(db, { personId: recipient.personId, roadmapId: d.roadmapId, now, tr, schoolIds: d.schoolIds, chart: "caption", ...(lead ? { lead } : {}) });
      return { chatId: recipient.chatId!, personId: recipient.personId, ...digestMessage(tr, digest, d.roadmapId) };
    }
    const overview = await buildDigestOverview(db, { personId: recipient.personId, roadmaps: due.map((d) => ({ roadmapId: d.roadmapId, schoolIds: d.schoolIds })), now, tr });
    const keyboard = overviewKeyboard(tr, overview);
    return { chatId: recipient.chatId!, personId: recipient.personId, text: overview.text, ...(keyboard ? { keyboard } : {}) };
  };
  const out: Delivery[] = covering.map((d) => ({ claims: digestClaims([d]), priority: true, render: (owned) => digestOnly([d], new Set(owned.map((c) => c.key))) }));
  for (const person of reminders) {
    const personId = person[0]![0]!.recipient.personId;
    // a roadmap's first digest goes whole, on its own: it says what was overdue at activation
    const mine = digestsOf.get(personId)?.some((d) => d.first) ? undefined : digestsOf.get(personId);
    if (mine) digestsOf.delete(personId);
    const claims = person.flatMap((group) => group.map(reminderClaim));
    if (!mine) {
      out.push({ claims, render: async (owned) => groupedReminderMessages(trOf(personId), await ownedGroups(person, new Set(owned.map((c) => c.key)))) });
      continue;
    }
    // a digest and reminders in one tick (a deputy head who is also an executor or curator): ONE
    // message, the reminders with the digest's figures at their head, settling both claims; sent in
    // the digests' share, like the digest it carries
    out.push({
      claims: [...digestClaims(mine), ...claims],
      priority: true,
      render: async (owned) => {
        const keys = new Set(owned.map((c) => c.key));
        const groups = await ownedGroups(person, keys);
        const due = mine.filter((d) => keys.has(d.key));
        // one of them went already (a run that died half-way): the other alone
        if (groups.length === 0) return digestOnly(mine, keys);
        const tr = trOf(personId);
        const head = due.length > 0 ? await digestHead(db, tr, { personId, roadmaps: due.map((d) => ({ roadmapId: d.roadmapId, schoolIds: d.schoolIds })), now }) : null;
        return groupedReminderMessages(tr, groups, head ? { head, keys: due.map((d) => d.key) } : undefined);
      },
    });
  }
  for (const mine of digestsOf.values()) {
    out.push({
      claims: digestClaims(mine),
      // built only when about to go (a few at a time: memory), sent before the reminders
      priority: true,
      render: (owned) => digestOnly(mine, new Set(owned.map((c) => c.key))),
    });
  }
  return out;
}

/** The share of every tick's messages kept for digests: 300 of 1,200 (10 s at 30 a second). */
const DIGEST_SHARE = 0.25;

const claimsOf = (list: Delivery[]) => list.reduce((n, d) => n + d.claims.length, 0);

/** One scheduler run at `now`. */
export async function tick(deps: TickDeps, now: Date): Promise<TickResult> {
  const { db, logger } = deps;
  const ctx = deliveryContext(deps, now);
  const deliveries: Delivery[] = [];
  const subjects = new Subjects(db);
  let planned = 0;
  let calendar;
  if (await anyoneInDaytime(db, now, logger)) {
    // planned a page of assignments at a time; most of what is planned is already sent (a
    // reminder stays current all its day): each page keeps only new, let-go or stale claims. A
    // person's reminders from every page are grouped into their one message after the last page.
    const plan = await planDue(db, now, { logger, pageSize: deps.planPageSize, keep: (page) => stillToSend(db, page, ctx.clock.now()) });
    calendar = plan.calendar;
    const reminders = reminderDeliveries(db, plan.languages, plan.kept, subjects, now);
    // evidence waiting for review: one batched message per reviewer (scheduler/reviews.ts)
    const reviews = await reviewDeliveries(db, now);
    planned += plan.planned + claimsOf(reviews);
    deliveries.push(...reminders, ...reviews);
    deps.faults?.("planned", plan.kept.map((p) => p.key));
  }
  calendar ??= await loadWorkCalendar(db);
  // postponement requests waiting for a decision, and who blocked the bot: day and night
  const notices = [...(await approvalDeliveries(db, now, calendar)), ...(await blockedDeliveries(db, now)), ...(await absenceDeliveries(db, now))];
  planned += claimsOf(notices);
  deliveries.push(...notices);
  const maxMessages = deps.maxMessages ?? 1200;
  const totals = await deliverAll(ctx, deliveries, {
    maxMessages,
    reserved: Math.ceil(maxMessages * DIGEST_SHARE),
  });
  return { planned, ...totals };
}
