import type { DeadlineKind, Every } from "./kinds.ts";
import type { IsoDate } from "./types.ts";
import { addDays, isoWeekday } from "./working-days.ts";

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

/** The periods from the one containing `from` to the first that starts after `to`, in order. */
export function checkinPeriods(every: Every, from: IsoDate, to: IsoDate): CheckinPeriod[] {
  const out: CheckinPeriod[] = [];
  for (let p = checkinPeriod(every, from); p.start <= to; p = checkinPeriod(every, addDays(p.end, 1))) out.push(p);
  return out;
}
