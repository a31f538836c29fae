import { DateTime } from "luxon";
import type { IsoDate } from "../types.ts";

// Calendar arithmetic for deadlines: plain local days, no zones (a deadline is a day of the district).

const MONTHS_GENITIVE = [
  "января", "февраля", "марта", "апреля", "мая", "июня",
  "июля", "августа", "сентября", "октября", "ноября", "декабря",
];

/** "YYYY-MM-DD" of a day already known to exist (callers clamp the day with daysInMonth). */
export function iso(y: number, m: number, d: number): IsoDate {
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

export function daysInMonth(y: number, m: number): number {
  return DateTime.utc(y, m, 1).daysInMonth!;
}

export function monthStart(y: number, m: number): IsoDate {
  return iso(y, m, 1);
}

export function monthEnd(y: number, m: number): IsoDate {
  // (not endOf("month"): ten times slower, and this runs for every month of every cell)
  return iso(y, m, daysInMonth(y, m));
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** «15 июня 2023»: warnings are read by a Russian coordinator (core has no translator; the words are fixed Russian). */
export function formatRu(date: IsoDate): string {
  const [y, m, d] = date.split("-").map(Number);
  if (!y || !m || !d) return date;
  return `${d} ${MONTHS_GENITIVE[m - 1]} ${y}`;
}
