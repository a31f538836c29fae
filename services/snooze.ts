import { DateTime } from "luxon";
import type { Db } from "./db.ts";
import { nextWorkingDay, workCalendar } from "../core/working-days.ts";
import { readReminderPolicy, StoredJsonError } from "./stored-json.ts";
import { DEFAULT_POLICY } from "../core/reminders.ts";
import { OPEN_STATUSES } from "../core/status.ts";

// «Напомнить завтра» on a reminder: the executor's reminder of one assignment comes again on their
// next working day at the send hour (the scheduler reads ReminderSnooze: scheduler/plan.ts).

export type SnoozeOutcome = { ok: true; day: string; hour: number; itemKey: string } | { ok: false; error: "not_found" | "not_yours" | "closed" };

export async function snoozeReminder(db: Db, args: { assignmentId: number; personId: number; now: Date }): Promise<SnoozeOutcome> {
  const a = await db.assignment.findUnique({
    where: { id: args.assignmentId },
    select: {
      personId: true,
      status: true,
      person: { select: { timezone: true } },
      item: { select: { key: true, removedAt: true, roadmap: { select: { id: true, status: true, timezone: true, reminderPolicy: true } } } },
    },
  });
  if (!a || a.item.removedAt || a.item.roadmap.status !== "active") return { ok: false, error: "not_found" };
  if (a.personId !== args.personId) return { ok: false, error: "not_yours" };
  if (!(OPEN_STATUSES as readonly string[]).includes(a.status)) return { ok: false, error: "closed" };
  let hour = DEFAULT_POLICY.sendHour;
  try {
    hour = readReminderPolicy(a.item.roadmap).sendHour;
  } catch (e) {
    // a policy that does not read plans nothing anyway; the default hour is said
    if (!(e instanceof StoredJsonError)) throw e;
  }
  const zone = a.person?.timezone && DateTime.local().setZone(a.person.timezone).isValid ? a.person.timezone : a.item.roadmap.timezone;
  const today = DateTime.fromJSDate(args.now, { zone }).toISODate()!;
  const calendar = workCalendar(await db.calendarDay.findMany({ select: { date: true, isWorking: true } }));
  const day = nextWorkingDay(calendar, today);
  await db.reminderSnooze.upsert({
    where: { assignmentId_personId_day: { assignmentId: args.assignmentId, personId: args.personId, day } },
    create: { assignmentId: args.assignmentId, personId: args.personId, day },
    update: {},
  });
  return { ok: true, day, hour, itemKey: a.item.key };
}
