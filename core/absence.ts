import type { IsoDate } from "./types.ts";
import { parseDeadline } from "./deadline/parse.ts";
import { addDays, addWorkingDays, daysBetween, nextWorkingDay, type WorkCalendar } from "./working-days.ts";

// «Я в отпуске»: the pure side of an absence — reading the dates as people write them, and what an
// absence does to an assignment's reminders (core/reminders.ts applies it; scheduler/plan.ts loads it).
//
// While the executor is away:
//   - with a stand-in, the executor's reminders go to the stand-in (escalations as usual: someone covers);
//   - without one, the executor's reminders wait: one that fell in the absence comes on the first
//     working day back (only the latest of each deadline), and no escalation is sent for a deadline
//     the absence touched until RETURN_GRACE working days after that day — the same grace the
//     roadmap gives anyone (`escalateAfterWorkingDays`, 3 by default), counted from the return.

export interface AbsenceSpan {
  /** first day away (local, ISO) */
  from: IsoDate;
  /** last day away (local, ISO) */
  to: IsoDate;
}

/** The longest absence one can set at once. */
const MAX_ABSENCE_DAYS = 366;

type AbsenceDatesError = "unreadable" | "end_before_start" | "past" | "too_long";

export type AbsenceDates = { ok: true; from: IsoDate; to: IsoDate } | { ok: false; error: AbsenceDatesError };

const EXPLICIT_YEAR = /\d{4}|\d{1,2}[./]\d{1,2}[./]\d{2}(?!\d)/;
const RANGE = /^\s*(?:с\s+|from\s+)?(\d{1,2})[./](\d{1,2})(?:[./](\d{2,4}))?\s*(?:[-–—]|по|до|to|till|until)\s*(\d{1,2})[./](\d{1,2})(?:[./](\d{2,4}))?\s*$/i;

/**
 * «с 1 по 14 июля», «1–14 июля», «до 14.07», «по 14 июля», «01.07–14.07.2027» → the days away.
 * A bare end («до 14.07») starts today; a start before today is today. Without a year the next such
 * dates are meant (in December «с 25.12 по 10.01» runs into next January).
 */
export function parseAbsenceDates(text: string, today: IsoDate): AbsenceDates {
  const t = text.trim().toLowerCase().replace(/\s+/g, " ");
  if (!t || t.length > 80) return { ok: false, error: "unreadable" };
  // «с 14.07 по 01.07»: the deadline reader would take it as a range over the new year; people mean a mistake
  const numeric = RANGE.exec(t);
  if (numeric && !numeric[3] && !numeric[6]) {
    const [d1, m1, d2, m2] = [numeric[1], numeric[2], numeric[4], numeric[5]].map(Number) as [number, number, number, number];
    if (m1 * 100 + d1 > m2 * 100 + d2 && !(m1 >= 10 && m2 <= 3)) return { ok: false, error: "end_before_start" };
  }
  const days = /^(?:с\s+)?(\d{1,2})\s*(?:[-–—]|по|до)\s*(\d{1,2})\s+[а-яё]+/.exec(t);
  if (days && Number(days[1]) > Number(days[2])) return { ok: false, error: "end_before_start" };
  const year = Number(today.slice(0, 4));
  let read = readRange(t, year);
  if (!read) return { ok: false, error: "unreadable" };
  if (read.to < today && !EXPLICIT_YEAR.test(t)) read = readRange(t, year + 1) ?? read;
  if (read.from !== null && read.from > read.to) return { ok: false, error: "end_before_start" };
  if (read.to < today) return { ok: false, error: "past" };
  const from = read.from === null || read.from < today ? today : read.from;
  if (daysBetween(from, read.to) > MAX_ABSENCE_DAYS) return { ok: false, error: "too_long" };
  return { ok: true, from, to: read.to };
}

function readRange(text: string, year: number): { from: IsoDate | null; to: IsoDate } | null {
  const parsed = parseDeadline(text, { years: [year] });
  if (parsed.warnings.length > 0) return null;
  const s = parsed.schedule;
  if (s.kind === "date" && s.due) return { from: null, to: s.due };
  if (s.kind === "window" && s.start && s.due) return { from: s.start, to: s.due };
  return null;
}

/** The absence a day falls in, if any. */
export function absenceOn<T extends AbsenceSpan>(spans: readonly T[] | undefined, day: IsoDate): T | null {
  for (const s of spans ?? []) if (s.from <= day && day <= s.to) return s;
  return null;
}

/** Do two spans share a day? */
export function overlaps(a: AbsenceSpan, b: AbsenceSpan): boolean {
  return a.from <= b.to && b.from <= a.to;
}

/** The first working day after the absence. */
export function returnDay(cal: WorkCalendar, span: AbsenceSpan): IsoDate {
  return nextWorkingDay(cal, span.to);
}

/** Working days after the return before an escalation about a deadline in the absence may go. */
export const RETURN_GRACE_DEFAULT = 3;

/**
 * The day an escalation about `deadline` (nominally on `day`) may go, given absences without a
 * stand-in: a deadline the absence touched is escalated at the earliest `grace` working days after
 * the return.
 */
export function escalationDayAfter(cal: WorkCalendar, spans: readonly AbsenceSpan[], deadline: IsoDate, day: IsoDate, grace: number): IsoDate {
  let out = day;
  for (const s of [...spans].sort((a, b) => a.from.localeCompare(b.from))) {
    if (s.from <= out && s.to >= deadline) {
      const after = addWorkingDays(cal, returnDay(cal, s), grace);
      if (after > out) out = after;
    }
  }
  return out;
}

/** The earliest day the planner must look back to, for reminders an absence moved. */
export function lookBackFrom(spans: readonly AbsenceSpan[] | undefined, from: IsoDate): IsoDate {
  let out = from;
  for (const s of spans ?? []) if (s.from < out) out = s.from;
  // a deadline before the absence whose escalation fell in it
  return out === from ? from : addDays(out, -45);
}
