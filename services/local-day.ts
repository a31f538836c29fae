import { DateTime } from "luxon";

// The local calendar day of an instant in a zone, as `DateTime.fromJSDate(at, { zone }).toISODate()`
// gives it — for the rows of an export (100,000 of them, each with a done date, a verification
// date, evidence dates). Luxon works a zone's offset out through Intl's formatToParts on every call:
// a sixth of an export's time. Offsets change only at transitions, which fall on a quarter hour
// (UTC) in every zone: the offset is read once for each quarter hour an instant falls in, and the
// day follows by arithmetic. A quarter whose two ends disagree (a transition inside it) asks luxon.

const QUARTER = 15 * 60_000;
/** remembered offsets (minutes) by zone and quarter; cleared when it grows past this */
const MAX_REMEMBERED = 200_000;
const offsets = new Map<string, number | null>();

function offsetAt(zone: string, ms: number): number | null {
  const dt = DateTime.fromMillis(ms, { zone });
  return dt.isValid ? dt.offset : null;
}

function quarterOffset(zone: string, quarter: number): number | null {
  const key = `${zone} ${quarter}`;
  const known = offsets.get(key);
  if (known !== undefined) return known;
  const start = offsetAt(zone, quarter * QUARTER);
  const end = offsetAt(zone, quarter * QUARTER + QUARTER - 1);
  const offset = start !== null && start === end ? start : null;
  if (offsets.size >= MAX_REMEMBERED) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

/** `DateTime.fromJSDate(at, { zone }).toISODate()`, without working the zone out again for every instant. */
export function localDayOf(at: Date, zone: string): string | null {
  const ms = at.getTime();
  const offset = Number.isFinite(ms) ? quarterOffset(zone, Math.floor(ms / QUARTER)) : null;
  if (offset === null) return DateTime.fromJSDate(at, { zone }).toISODate();
  const local = new Date(ms + offset * 60_000);
  const year = local.getUTCFullYear();
  // beyond four-digit years luxon writes the sign and six digits: leave those to it
  if (year < 1 || year > 9999) return DateTime.fromJSDate(at, { zone }).toISODate();
  return local.toISOString().slice(0, 10);
}
