import { DateTime } from "luxon";
import type { Db } from "../services/db.ts";
import type { Outbox } from "../services/outbox.ts";
import { loadReviewRouting, reviewersOf, translatorFor } from "../services/verification.ts";
import { onBehalfLine } from "../services/cover.ts";
import { loadRequest, RAISE_AFTER_WORKING_DAYS, RAISE_HOUR, requestText } from "../services/postpone.ts";
import { postponeKeyboard } from "../views/review.ts";
import { addWorkingDays, workingDaysBetween, type WorkCalendar } from "../core/working-days.ts";
import { sendTime } from "../core/reminders.ts";
import { deliverAll, deliveryContext, type Delivery } from "./claims.ts";
import { byPages } from "../services/paging.ts";
import { loadWorkCalendar } from "./plan.ts";

// Postponement requests («Нужно больше времени») waiting for a decision, through the one delivery
// path (scheduler/claims.ts): a new request goes to whoever decides at once (the executor's
// conversation asks for that right away, the tick catches up whatever that missed); an
// unanswered one is raised again after two working days, from 09:00 local on a working day.
// Each raise is a claim `approval|q<request>|<local day>|p<decider>`; `lastRaisedAt` is written
// in the transaction that records a delivered raise. On the day of a raise the request stays
// planned, so a decider whose message failed (or whose claim a crash left) still gets it.

export interface PlannedApproval {
  kind: "approval_reminder";
  sendAt: string;
  localDate: string;
  roadmapId: number;
  itemKey: string;
  itemNumber: string | null;
  requestId: number;
  /** null for the first notice of a request */
  waitingDays: number | null;
  recipient: { personId: number; name: string; chatId: string | null };
  key: string;
}

/** The raises due at `now` (also what `plan` lists as `approval_reminder`). */
export async function approvalsDue(db: Db, now: Date, cal: WorkCalendar, only?: { requestId: number }): Promise<PlannedApproval[]> {
  const pending = await db.postponeRequest.findMany({
    where: { status: "pending", ...(only ? { id: only.requestId } : {}), assignment: { item: { removedAt: null, roadmap: { status: { not: "archived" } } } } },
    select: {
      id: true,
      createdAt: true,
      lastRaisedAt: true,
      assignment: { select: { schoolId: true, personId: true, item: { select: { key: true, number: true, roadmapId: true, roadmap: { select: { timezone: true } } } } } },
    },
    orderBy: { id: "asc" },
  });
  if (pending.length === 0) return [];
  // a decider away: their stand-in is asked instead (services/cover.ts)
  const routing = await loadReviewRouting(db, { now });
  const out: PlannedApproval[] = [];
  for (const r of pending) {
    const item = r.assignment.item;
    const zone = item.roadmap.timezone;
    const local = DateTime.fromJSDate(now, { zone });
    if (!local.isValid) continue;
    const today = local.toISODate();
    let waitingDays: number | null = null;
    if (r.lastRaisedAt !== null) {
      const lastDay = DateTime.fromJSDate(r.lastRaisedAt, { zone }).toISODate()!;
      const dueDay = addWorkingDays(cal, lastDay, RAISE_AFTER_WORKING_DAYS);
      const raisedToday = lastDay === today;
      if (!raisedToday && (today < dueDay || !cal.isWorkingDay(today) || local.hour < RAISE_HOUR)) continue;
      // a request raised again says how long it has waited (a first notice sent again today says nothing)
      const waited = workingDaysBetween(cal, DateTime.fromJSDate(r.createdAt, { zone }).toISODate()!, today);
      waitingDays = waited > 0 ? waited : null;
    }
    const who = reviewersOf(routing, { schoolId: r.assignment.schoolId, roadmapId: item.roadmapId, personId: r.assignment.personId });
    for (const p of who?.people ?? []) {
      if (!p.chatId || p.unreachable) continue;
      out.push({
        kind: "approval_reminder",
        // a first notice goes at once; a repeated one from the raise hour
        sendAt: r.lastRaisedAt === null ? local.toISO({ suppressMilliseconds: true }) : sendTime(today, RAISE_HOUR, zone),
        localDate: today,
        roadmapId: item.roadmapId,
        itemKey: item.key,
        itemNumber: item.number,
        requestId: r.id,
        waitingDays,
        recipient: { personId: p.id, name: "", chatId: p.chatId },
        key: `approval|q${r.id}|${today}|p${p.id}`,
      });
    }
  }
  const ids = [...new Set(out.map((o) => o.recipient.personId))];
  const names = new Map((await byPages(ids, (page) => db.person.findMany({ where: { id: { in: page } }, select: { id: true, shortName: true } }))).map((p) => [p.id, p.shortName]));
  for (const o of out) o.recipient.name = names.get(o.recipient.personId) ?? "";
  return out;
}

/** The raises due at `now`, one message per decider and request. */
export async function approvalDeliveries(db: Db, now: Date, cal: WorkCalendar, only?: { requestId: number }): Promise<Array<Delivery & { requestId: number }>> {
  const routing = await loadReviewRouting(db, { now });
  return (await approvalsDue(db, now, cal, only)).map((a) => ({
    requestId: a.requestId,
    claims: [{ key: a.key, kind: a.kind, personId: a.recipient.personId, roadmapId: a.roadmapId, localDate: a.localDate }],
    render: async () => {
      const r = await loadRequest(db, a.requestId);
      // decided meanwhile: nothing to raise
      if (!r || r.status !== "pending") return null;
      // a stand-in is not in the routing's people: found among the request's deciders, with for whom
      const decider = reviewersOf(routing, { schoolId: r.assignment.schoolId, roadmapId: r.assignment.item.roadmapId, personId: r.assignment.personId })?.people.find(
        (p) => p.id === a.recipient.personId,
      );
      const tr = translatorFor(decider ?? routing.people.get(a.recipient.personId));
      const text = requestText(tr, r, a.waitingDays);
      return {
        chatId: a.recipient.chatId!,
        personId: a.recipient.personId,
        text: decider?.onBehalfOf ? `${onBehalfLine(tr, decider.onBehalfOf)}\n\n${text}` : text,
        keyboard: postponeKeyboard(tr, r.id),
      };
    },
    settle: async (tx, _owned, delivered, at) => {
      if (delivered) await tx.postponeRequest.updateMany({ where: { id: a.requestId, status: "pending" }, data: { lastRaisedAt: at } });
    },
  }));
}

/**
 * Raises what is due at `now` (what the tick does; tests call it alone). Returns how many
 * requests reached at least one decider.
 */
export async function raisePendingPostponements(db: Db, outbox: Outbox, now: Date, calendar?: WorkCalendar): Promise<number> {
  const cal = calendar ?? (await loadWorkCalendar(db));
  const deliveries = await approvalDeliveries(db, now, cal);
  const ctx = deliveryContext({ db, outbox }, now);
  const raised = new Set<number>();
  await deliverAll(ctx, deliveries, { onOutcome: (d, o) => o.outcome === "sent" && raised.add((d as (typeof deliveries)[number]).requestId) });
  return raised.size;
}

/** Tells the deciders about a new request at once (the executor's conversation calls it after creating one). */
export async function notifyPostponeRequest(db: Db, outbox: Outbox, requestId: number, now: Date): Promise<number> {
  const deliveries = await approvalDeliveries(db, now, await loadWorkCalendar(db), { requestId });
  return (await deliverAll(deliveryContext({ db, outbox }, now), deliveries)).sent;
}
