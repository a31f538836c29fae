import type { Clock } from "../core/clock.ts";
import type { Db } from "../services/db.ts";
import type { Outbox } from "../services/outbox.ts";
import type { Logger } from "../services/logger.ts";
import { toLang, translator } from "../services/i18n.ts";
import { byPages } from "../services/paging.ts";
import { effectiveDue, toStatus } from "../core/status.ts";
import type { DueDigest, DueReminder } from "../core/reminders.ts";
import { anyoneInDaytime, loadPlanningState, loadWorkCalendar, stillToSend, planFromState, type Planned, type PlanningState } from "./plan.ts";
import { groupedReminderMessages, type ReminderGroup, type ReminderSubject } from "./messages.ts";
import { addressName } from "../core/names.ts";
import { buildDigest } from "../services/digest.ts";
import { buildDigestOverview } from "../services/digest-overview.ts";
import { nudgeKeyboard } from "../views/nudge.ts";
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

/** The items behind the claimed reminders, read a page at a time once the claims are known. */
class Subjects {
  #map = new Map<number, ReminderSubject>();
  constructor(private readonly db: Db) {}

  get(id: number): ReminderSubject | undefined {
    return this.#map.get(id);
  }

  async load(assignmentIds: number[]): Promise<void> {
    const ids = [...new Set(assignmentIds)].filter((id) => !this.#map.has(id));
    if (ids.length === 0) return;
    const activeRoadmaps = await this.db.roadmap.count({ where: { status: "active" } });
    const rows = await byPages(ids, (page) =>
      this.db.assignment.findMany({
        where: { id: { in: page } },
        select: {
          id: true,
          status: true,
          dueOverride: true,
          personId: true,
          person: { select: { shortName: true, fullName: true } },
          school: { select: { name: true, shortName: true } },
          item: { select: { key: true, title: true, deadlineDue: true, deadlineText: true, result: true, evidenceRequirement: true, roadmap: { select: { id: true, title: true } } } },
          _count: { select: { evidence: true } },
        },
      }),
    );
    for (const a of rows) {
      this.#map.set(a.id, {
        assignmentId: a.id,
        // with several roadmaps running, keys are typed as «<roadmap id>/<key>»
        itemKey: activeRoadmaps > 1 ? `${a.item.roadmap.id}/${a.item.key}` : a.item.key,
        itemTitle: a.item.title,
        due: effectiveDue(a.item.deadlineDue, a.dueOverride),
        status: toStatus(a.status),
        executorName: a.person?.shortName ?? null,
        executorAddress: a.person ? addressName(a.person.fullName) : null,
        executorId: a.personId,
        schoolName: a.school ? (a.school.shortName ?? a.school.name) : null,
        deadlineText: a.item.deadlineText,
        result: a.item.result,
        evidenceRequirement: a.item.evidenceRequirement,
        roadmapTitle: activeRoadmaps > 1 ? a.item.roadmap.title : null,
        evidenceCount: a._count.evidence,
      });
    }
  }
}

/** Reminders and digests due at `now`, as deliveries. */
function reminderDeliveries(db: Db, state: PlanningState, open: Planned[], subjects: Subjects, now: Date): Delivery[] {
  const { reminders, digests } = groupReminders(open);
  const trOf = (personId: number) => translator(toLang(state.languages.get(personId) ?? null));
  const out: Delivery[] = [];
  for (const person of reminders) {
    out.push({
      claims: person.flatMap((group) => group.map(reminderClaim)),
      render: async (owned) => {
        const ownedKeys = new Set(owned.map((c) => c.key));
        const groups: ReminderGroup[] = [];
        for (const group of person) {
          const mine = group.filter((r) => ownedKeys.has(r.key));
          const subject = mine.length > 0 ? subjects.get(mine[0]!.assignmentId) : undefined;
          // an assignment deleted meanwhile: its reminders are gone, the others still go
          if (subject) groups.push({ reminders: mine, subject });
        }
        return groupedReminderMessages(trOf(person[0]![0]!.recipient.personId), groups);
      },
    });
  }
  // a person's digests of this tick are one message: the roadmap's digest when there is one, an
  // overview of them all when there are several (each keeps its claim, settled by that message)
  const digestsOf = new Map<number, DueDigest[]>();
  for (const d of digests) {
    const mine = digestsOf.get(d.recipient.personId);
    if (mine) mine.push(d);
    else digestsOf.set(d.recipient.personId, [d]);
  }
  for (const mine of digestsOf.values()) {
    const { recipient } = mine[0]!;
    out.push({
      claims: mine.map((d) => ({ key: d.key, kind: "digest", personId: recipient.personId, roadmapId: d.roadmapId, localDate: d.localDate })),
      // built only when about to go (a few at a time: memory), sent before the reminders
      priority: true,
      render: async (owned) => {
        const keys = new Set(owned.map((c) => c.key));
        const due = mine.filter((d) => keys.has(d.key));
        const tr = trOf(recipient.personId);
        if (due.length === 1) {
          const d = due[0]!;
          const digest = await buildDigest(db, { personId: recipient.personId, roadmapId: d.roadmapId, now, tr, schoolIds: d.schoolIds });
          const keyboard = nudgeKeyboard(tr, digest.attached);
          return { chatId: recipient.chatId!, personId: recipient.personId, text: digest.text, ...(keyboard ? { keyboard } : {}), photo: digest.chart ? { fileName: "progress.png", data: digest.chart } : undefined };
        }
        const overview = await buildDigestOverview(db, { personId: recipient.personId, roadmaps: due.map((d) => ({ roadmapId: d.roadmapId, schoolIds: d.schoolIds })), now, tr });
        const keyboard = overviewKeyboard(tr, overview);
        return { chatId: recipient.chatId!, personId: recipient.personId, text: overview.text, ...(keyboard ? { keyboard } : {}) };
      },
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
  const reminderSet = new Set<Delivery>();
  let planned = 0;
  let calendar;
  if (await anyoneInDaytime(db, now, logger)) {
    const state = await loadPlanningState(db, logger);
    calendar = state.calendar;
    const plan = planFromState(state, now);
    // most of what is planned is already sent (a reminder stays current all its day): one query
    // leaves those out, so only new, let-go or stale claims are attempted
    const open = await stillToSend(db, plan, ctx.clock.now());
    const reminders = reminderDeliveries(db, state, open, subjects, now);
    for (const d of reminders) reminderSet.add(d);
    // evidence waiting for review: one batched message per reviewer (scheduler/reviews.ts)
    const reviews = await reviewDeliveries(db, now);
    planned += plan.length + claimsOf(reviews);
    deliveries.push(...reminders, ...reviews);
    deps.faults?.("planned", plan.map((p) => p.key));
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
    // the items behind the claimed reminders, in a few queries rather than one per message
    beforeSend: (claimed) => subjects.load(claimed.filter(({ d }) => reminderSet.has(d)).flatMap(({ owned }) => owned.flatMap((c) => (c.assignmentId ? [c.assignmentId] : [])))),
  });
  return { planned, ...totals };
}
