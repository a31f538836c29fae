import { DateTime } from "luxon";
import type { Db } from "../services/db.ts";
import { loadReviewRouting, reviewersOf } from "../services/verification.ts";
import { RAISE_AFTER_WORKING_DAYS } from "../services/postpone.ts";
import { addWorkingDays, type WorkCalendar } from "../core/calendar.ts";
import { sendTime } from "../core/reminders.ts";

// `approval_reminder` entries for `plan`: the postponement requests that services/postpone.ts
// `raisePendingPostponements` (called by every tick, de-duplicated by `lastRaisedAt`) would raise
// at this instant. Read-only: the tick itself leaves the sending to postpone.ts.

/** postpone.ts raises from 09:00 local on a working day. */
const RAISE_HOUR = 9;

export interface PlannedApproval {
  kind: "approval_reminder";
  sendAt: string;
  localDate: string;
  roadmapId: number;
  itemKey: string;
  itemNumber: string | null;
  requestId: number;
  recipient: { personId: number; name: string; chatId: string | null };
  key: string;
}

export async function approvalsDue(db: Db, now: Date, cal: WorkCalendar): Promise<PlannedApproval[]> {
  const pending = await db.postponeRequest.findMany({
    where: { status: "pending", assignment: { item: { removedAt: null, roadmap: { status: { not: "archived" } } } } },
    select: {
      id: true,
      lastRaisedAt: true,
      assignment: { select: { schoolId: true, personId: true, item: { select: { key: true, number: true, roadmapId: true, roadmap: { select: { timezone: true } } } } } },
    },
    orderBy: { id: "asc" },
  });
  if (pending.length === 0) return [];
  const routing = await loadReviewRouting(db);
  const out: PlannedApproval[] = [];
  for (const r of pending) {
    const item = r.assignment.item;
    const zone = item.roadmap.timezone;
    const local = DateTime.fromJSDate(now, { zone });
    const today = local.toISODate()!;
    if (r.lastRaisedAt !== null) {
      const dueDay = addWorkingDays(cal, DateTime.fromJSDate(r.lastRaisedAt, { zone }).toISODate()!, RAISE_AFTER_WORKING_DAYS);
      if (today < dueDay || !cal.isWorkingDay(today) || local.hour < RAISE_HOUR) continue;
    }
    const who = reviewersOf(routing, { schoolId: r.assignment.schoolId, roadmapId: item.roadmapId, personId: r.assignment.personId });
    for (const p of who?.people ?? []) {
      if (!p.chatId || p.unreachable) continue;
      out.push({
        kind: "approval_reminder",
        // a first notice goes at once; a repeated one from the raise hour
        sendAt: r.lastRaisedAt === null ? local.toISO({ suppressMilliseconds: true })! : sendTime(today, RAISE_HOUR, zone),
        localDate: today,
        roadmapId: item.roadmapId,
        itemKey: item.key,
        itemNumber: item.number,
        requestId: r.id,
        recipient: { personId: p.id, name: "", chatId: p.chatId },
        key: `approval|q${r.id}|${today}|p${p.id}`,
      });
    }
  }
  const names = new Map(
    (await db.person.findMany({ where: { id: { in: [...new Set(out.map((o) => o.recipient.personId))] } }, select: { id: true, shortName: true } })).map((p) => [p.id, p.shortName]),
  );
  for (const o of out) o.recipient.name = names.get(o.recipient.personId) ?? "";
  return out;
}
