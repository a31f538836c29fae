import type { DeadlineKind, Every } from "./kinds.ts";
import type { IsoDate } from "./types.ts";
import { addDays, daysBetween, isoWeekday } from "./working-days.ts";

// Check-in periods of ongoing and recurring items: the scheduler asks about a period on its last
// working day, and the executor's answer is stored under the period's id (Checkin.period).

export interface CheckinPeriod {
  /** what Checkin.period stores: "2023-06" for a month, a week's Monday, a quarter's first day */
  id: string;
  start: IsoDate;
  end: IsoDate;
}

/** How often an item is asked about: an ongoing one monthly, a recurring one by its rhythm (monthly when it names none). */
export function checkinEvery(kind: DeadlineKind, every: Every | null): Every {
  return kind === "ongoing" ? "month" : (every ?? "month");
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The period containing `day`. */
export function checkinPeriod(every: Every, day: IsoDate): CheckinPeriod {
  if (every === "week") {
    const monday = addDays(day, 1 - isoWeekday(day));
    return { id: monday, start: monday, end: addDays(monday, 6) };
  }
  const step = every === "month" ? 1 : 3;
  const y = Number(day.slice(0, 4));
  let m = Number(day.slice(5, 7));
  if (step === 3) m -= (m - 1) % 3;
  const start = `${y}-${pad(m)}-01`;
  const [ny, nm] = m + step > 12 ? [y + 1, m + step - 12] : [y, m + step];
  const end = addDays(`${ny}-${pad(nm)}-01`, -1);
  return { id: every === "month" ? start.slice(0, 7) : start, start, end };
}

/** The period a Checkin.period id names. */
export function periodById(every: Every, id: string): CheckinPeriod {
  return checkinPeriod(every, id.length === 7 ? `${id}-01` : id);
}

/** The periods from the one containing `from` to the first that starts after `to`, in order. */
export function checkinPeriods(every: Every, from: IsoDate, to: IsoDate): CheckinPeriod[] {
  const out: CheckinPeriod[] = [];
  for (let p = checkinPeriod(every, from); p.start <= to; p = checkinPeriod(every, addDays(p.end, 1))) out.push(p);
  return out;
}

/**
 * The day a period's question is due: its last day, or — when the text names a day («до 5 числа»,
 * «по пятницам»; `day` an ISO weekday for weeks, a day of the month otherwise) — that day nearest to
 * the period's end: «ежемесячно до 5 числа» asks about May on 5 June, «до 25 числа» about May on 25 May,
 * «ежеквартально до 10 числа» about the second quarter on 10 July. A tie goes to the day after.
 */
export function askDay(every: Every, day: number | null, period: CheckinPeriod): IsoDate {
  if (day === null) return period.end;
  if (every === "week") {
    const inWeek = addDays(period.start, day - 1);
    const next = addDays(inWeek, 7);
    return daysBetween(inWeek, period.end) < daysBetween(period.end, next) ? inWeek : next;
  }
  const inLast = dayOfMonth(period.end, day);
  const next = dayOfMonth(addDays(period.end, 1), day);
  return daysBetween(inLast, period.end) < daysBetween(period.end, next) ? inLast : next;
}

/**
 * The period an answer given on `today` belongs to: the one containing it, or — when the text names
 * a day — the one whose question is nearest in time (on 3 June «до 5 числа» is about May).
 */
export function answeredPeriod(every: Every, day: number | null, today: IsoDate): CheckinPeriod {
  const here = checkinPeriod(every, today);
  if (day === null) return here;
  let best = here;
  let gap = Infinity;
  for (const p of [checkinPeriod(every, addDays(here.start, -1)), here, checkinPeriod(every, addDays(here.end, 1))]) {
    const d = Math.abs(daysBetween(today, askDay(every, day, p)));
    if (d < gap) [best, gap] = [p, d];
  }
  return best;
}

/** Day `day` of the month of `inMonth`, or the month's last day when it is shorter. */
function dayOfMonth(inMonth: IsoDate, day: number): IsoDate {
  const last = checkinPeriod("month", inMonth).end;
  return `${inMonth.slice(0, 8)}${pad(Math.min(day, Number(last.slice(8, 10))))}`;
}
