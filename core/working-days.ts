import type { IsoDate } from "./types.ts";

// Working days of a Russian authority: Monday–Friday minus the public holidays, corrected by
// the year's production calendar (transferred working days and days off). Pure: the overrides
// come in as data (CalendarDay rows, loaded by scheduler/production-calendar.ts).
//
// Dates are plain local days ("YYYY-MM-DD"); arithmetic runs on epoch days, not time zones,
// so a year of planning stays cheap.

/** Public holidays by default (Labour Code art. 112), as "MM-DD". */
const DEFAULT_HOLIDAYS: readonly string[] = [
  "01-01", "01-02", "01-03", "01-04", "01-05", "01-06", "01-07", "01-08",
  "02-23", "03-08", "05-01", "05-09", "06-12", "11-04",
];

export interface CalendarOverride {
  date: IsoDate;
  isWorking: boolean;
  note?: string | null;
}

export interface WorkCalendar {
  isWorkingDay(date: IsoDate): boolean;
}

const DAY_MS = 86_400_000;

function toEpochDay(date: IsoDate): number {
  return Math.floor(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS);
}

/** epoch day → "YYYY-MM-DD": a tick plans a few hundred distinct days, hundreds of thousands of times */
const isoOfDay = new Map<number, IsoDate>();

function fromEpochDay(day: number): IsoDate {
  let iso = isoOfDay.get(day);
  if (iso === undefined) {
    if (isoOfDay.size >= 100_000) isoOfDay.clear();
    isoOfDay.set(day, (iso = new Date(day * DAY_MS).toISOString().slice(0, 10)));
  }
  return iso;
}

export function addDays(date: IsoDate, n: number): IsoDate {
  return fromEpochDay(toEpochDay(date) + n);
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: IsoDate): number {
  // epoch day 0 (1970-01-01) was a Thursday
  return ((((toEpochDay(date) + 3) % 7) + 7) % 7) + 1;
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** The calendar: weekends and default holidays, then the overrides win. */
export function workCalendar(overrides: Iterable<CalendarOverride> = [], holidays: readonly string[] = DEFAULT_HOLIDAYS): WorkCalendar {
  const fixed = new Map<IsoDate, boolean>();
  for (const o of overrides) fixed.set(o.date, o.isWorking);
  const holidaySet = new Set(holidays);
  const memo = new Map<IsoDate, boolean>();
  return {
    isWorkingDay(date) {
      let v = memo.get(date);
      if (v === undefined) {
        v = fixed.get(date) ?? (isoWeekday(date) <= 5 && !holidaySet.has(date.slice(5, 10)));
        memo.set(date, v);
      }
      return v;
    },
  };
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(cal: WorkCalendar, date: IsoDate): IsoDate {
  let d = addDays(date, 1);
  while (!cal.isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

export function workingDayOnOrAfter(cal: WorkCalendar, date: IsoDate): IsoDate {
  return cal.isWorkingDay(date) ? date : nextWorkingDay(cal, date);
}

/** `date` itself when it is a working day, else the working day before it. */
export function workingDayOnOrBefore(cal: WorkCalendar, date: IsoDate): IsoDate {
  let d = date;
  while (!cal.isWorkingDay(d)) d = addDays(d, -1);
  return d;
}

/** `n` working days after `date` (n ≥ 1), not counting `date` itself. */
export function addWorkingDays(cal: WorkCalendar, date: IsoDate, n: number): IsoDate {
  let d = date;
  for (let i = 0; i < n; i++) d = nextWorkingDay(cal, d);
  return d;
}

/** Working days in (from, to]: how long something has been overdue in working days. */
export function workingDaysBetween(cal: WorkCalendar, from: IsoDate, to: IsoDate): number {
  let count = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (cal.isWorkingDay(d)) count++;
  return count;
}

// ---- production calendar files ----

export class CalendarFormatError extends Error {}

const WORKING_WORDS = /^(1|true|да|yes|work|working|рабочий|раб|р|рабочий день|перенесённый рабочий|перенесенный рабочий)$/i;
const OFF_WORDS = /^(0|false|нет|no|off|holiday|dayoff|day off|выходной|вых|в|праздник|праздничный|нерабочий|нерабочий день)$/i;

function parseWorkingWord(word: string): boolean | null {
  const w = word.trim();
  if (WORKING_WORDS.test(w)) return true;
  if (OFF_WORDS.test(w)) return false;
  return null;
}

/** "2024-04-27", "27.04.2024", "04-27" / "27.04" (with the year given). */
function parseDay(text: string, year: number): IsoDate | null {
  const t = text.trim();
  let y: number, m: number, d: number;
  let match: RegExpExecArray | null;
  if ((match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t))) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t))) [y, m, d] = [Number(match[3]), Number(match[2]), Number(match[1])];
  else if ((match = /^(\d{1,2})-(\d{1,2})$/.exec(t))) [y, m, d] = [year, Number(match[1]), Number(match[2])];
  else if ((match = /^(\d{1,2})\.(\d{1,2})$/.exec(t))) [y, m, d] = [year, Number(match[2]), Number(match[1])];
  else return null;
  const iso = `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  if (m < 1 || m > 12 || d < 1 || fromEpochDay(toEpochDay(iso)) !== iso) return null;
  return iso;
}

/**
 * A year's production calendar as a coordinator has it, in one of two shapes:
 * - CSV/plain lines `date;working|off[;note]` (`,` or tab also separate; a header line is skipped);
 * - JSON: `[{ "date", "isWorking"|"working", "note"? }]` or `{ "working": [dates], "off": [dates] }`.
 * Only days that differ from the default calendar need to be listed, but listing every day is fine.
 */
export function parseProductionCalendar(year: number, text: string): CalendarOverride[] {
  const trimmed = text.trim().replace(/^\uFEFF/, "");
  const out: CalendarOverride[] = [];
  const push = (dateText: string, isWorking: boolean, note: string | null, where: string) => {
    const date = parseDay(dateText, year);
    if (!date) throw new CalendarFormatError(`${where}: "${dateText}" is not a date`);
    if (Number(date.slice(0, 4)) !== year) throw new CalendarFormatError(`${where}: ${date} is not in ${year}`);
    out.push({ date, isWorking, note });
  };
  if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
    let data: unknown;
    try {
      data = JSON.parse(trimmed);
    } catch (e) {
      throw new CalendarFormatError(`not valid JSON: ${(e as Error).message}`);
    }
    if (Array.isArray(data)) {
      data.forEach((entry, i) => {
        const e = entry as Record<string, unknown>;
        const flag = e.isWorking ?? e.working;
        if (typeof e.date !== "string" || typeof flag !== "boolean") throw new CalendarFormatError(`entry ${i + 1}: needs "date" and "isWorking"`);
        push(e.date, flag, typeof e.note === "string" ? e.note : null, `entry ${i + 1}`);
      });
    } else {
      const e = data as Record<string, unknown>;
      for (const [field, isWorking] of [["working", true], ["off", false]] as const) {
        const list = e[field] ?? [];
        if (!Array.isArray(list)) throw new CalendarFormatError(`"${field}" must be a list of dates`);
        list.forEach((d, i) => push(String(d), isWorking, null, `${field}[${i}]`));
      }
    }
    return out;
  }
  const lines = trimmed.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (!line.trim() || line.trim().startsWith("#")) return;
    const cells = line.split(/[;\t,]/).map((c) => c.trim());
    const isWorking = parseWorkingWord(cells[1] ?? "");
    if (i === 0 && !/\d/.test(cells[0] ?? "")) return; // a header line
    if (isWorking === null) throw new CalendarFormatError(`line ${i + 1}: say "рабочий" or "выходной" after the date`);
    push(cells[0] ?? "", isWorking, cells.slice(2).join(", ") || null, `line ${i + 1}`);
  });
  return out;
}
