import type { IsoDate } from "../types.ts";
import { daysInMonth, formatRu, iso, monthEnd, monthStart } from "./dates.ts";
import type { Part, Point } from "./points.ts";

// Points get their years (from the text around them, else from the roadmap) and become calendar periods.

export interface Period {
  start: IsoDate;
  end: IsoDate;
  /** a single day («15.06.2021»): it has no start of its own */
  exact: boolean;
}

/** School terms (четверти) by months: the exact days differ by school, the months do not. */
const TERMS: [number, number][] = [
  [9, 10],
  [11, 12],
  [1, 3],
  [4, 5],
];

/** The month a point starts in, to tell «сентябрь – май» (crosses a new year) from «март – май». */
export function startMonth(p: Point): number {
  switch (p.kind) {
    case "date":
    case "month":
      return p.m;
    case "quarter":
      return (p.q - 1) * 3 + 1;
    case "half":
      return p.school ? (p.h === 1 ? 9 : 1) : (p.h - 1) * 6 + 1;
    case "term":
      return TERMS[p.t - 1]![0];
    case "year":
      return 1;
    case "school":
      return 9;
  }
}

export function endMonth(p: Point): number {
  switch (p.kind) {
    case "date":
    case "month":
      return p.m;
    case "quarter":
      return p.q * 3;
    case "half":
      return p.school ? (p.h === 1 ? 12 : 5) : p.h * 6;
    case "term":
      return TERMS[p.t - 1]![1];
    case "year":
      return 12;
    case "school":
      return 5 + 12;
  }
}

/**
 * Fills in missing years: a range's start takes its end's year (one less when it crosses New Year),
 * any other point the nearest year written to its right («март-апрель, сентябрь-октябрь 2026»), else to its left,
 * else `fallback` (the roadmap's). Returns false when a year is needed and there is none.
 */
export function resolveYears(parts: Part[], fallback: (p: Point) => number | null): boolean {
  const points: Point[] = parts.flatMap((p) => (p.to ? [p.from, p.to] : [p.from]));
  const written = points.map((p) => p.y);
  const nearest = (idx: number): number | null => {
    for (let j = idx + 1; j < written.length; j++) if (written[j] !== null) return written[j]!;
    for (let j = idx - 1; j >= 0; j--) if (written[j] !== null) return written[j]!;
    return null;
  };
  let ok = true;
  let idx = 0;
  for (const part of parts) {
    const fromIdx = idx;
    const toIdx = part.to ? idx + 1 : -1;
    idx += part.to ? 2 : 1;
    if (part.to && part.to.y === null) {
      // «сентябрь 2025 – май»: an end month before the start month is in the year after
      if (part.from.y !== null) part.to.y = endMonth(part.to) < startMonth(part.from) ? part.from.y + 1 : part.from.y;
      else part.to.y = nearest(toIdx) ?? fallback(part.to);
    }
    if (part.from.y === null) {
      if (part.to && part.to.y !== null) {
        // «сентябрь – май 2027»: a start month after the end month is in the year before
        part.from.y = startMonth(part.from) > endMonth(part.to) ? part.to.y - 1 : part.to.y;
      } else {
        part.from.y = nearest(fromIdx) ?? fallback(part.from);
      }
    }
    if (part.from.y === null || (part.to && part.to.y === null)) ok = false;
  }
  return ok;
}

/** The calendar span of a point whose year is known. Fixes impossible days with a note. */
export function periodOf(p: Point, notes: string[]): Period | null {
  const y = p.y;
  // «00.00.0000» and the like: no calendar day to give
  if (y === null || y < 1900 || y > 2199) return null;
  switch (p.kind) {
    case "date": {
      let { d, m } = p;
      const yy = y;
      if (m < 1 || m > 12) {
        if (d >= 1 && d <= 12 && m <= 31) {
          [d, m] = [m, d];
        } else {
          notes.push(`нет такой даты «${p.raw}»`);
          return null;
        }
      }
      const fixed = Math.min(Math.max(d, 1), daysInMonth(yy, m));
      const date = iso(yy, m, fixed);
      if (!p.soft && (fixed !== p.d || m !== p.m)) {
        notes.push(d === 0 ? `дата «${p.raw}» неполная: принято ${formatRu(date)}` : `нет такой даты «${p.raw}»: принято ${formatRu(date)}`);
      }
      return { start: date, end: date, exact: true };
    }
    case "month":
      return { start: monthStart(y, p.m), end: monthEnd(y, p.m), exact: false };
    case "quarter":
      return { start: monthStart(y, (p.q - 1) * 3 + 1), end: monthEnd(y, p.q * 3), exact: false };
    case "half":
    case "term":
      return { start: monthStart(y, startMonth(p)), end: monthEnd(y, endMonth(p)), exact: false };
    case "year":
      return { start: iso(y, 1, 1), end: iso(y, 12, 31), exact: false };
    case "school":
      return { start: iso(y, 9, 1), end: iso(y + 1, 5, 31), exact: false };
  }
}
