import type { DeadlineContext, IsoDate } from "../types.ts";
import { maxOf, minOf } from "../arrays.ts";
import { iso, monthEnd, yearOf } from "./dates.ts";
import { WHOLE_PERIOD, WHOLE_STAGE } from "./keywords.ts";
import type { Period } from "./periods.ts";

// What the roadmap around a cell says when the cell itself does not: the year of a bare month, the span of «постоянно».
//
// Callers (the table and prose importers) fill the context from the document: `sectionYear` from a «2021 год»
// row, `sectionPeriod` from a stage row with its own period («II. Основной этап | январь – май 2026 г.»),
// `schoolYear` from «на 2025/2026 учебный год» in the title, the caption, a section row or the order's text,
// `years` and `orderDate` from the order. The nearer the context, the stronger: section, stage, school year, roadmap.

const plausibleYear = (y: unknown): y is number => typeof y === "number" && Number.isInteger(y) && y >= 1900 && y <= 2199;
const isoDay = (d: unknown): d is IsoDate => typeof d === "string" && /^\d{4}-\d{2}-\d{2}$/.test(d) && plausibleYear(yearOf(d));

/** The context as callers may pass it (a missing order date as "", a year as NaN) made safe to reckon with. */
export function saneContext(ctx: DeadlineContext | null | undefined): DeadlineContext {
  const c = ctx ?? {};
  const p = c.sectionPeriod;
  const sectionPeriod = p && isoDay(p.start) && isoDay(p.end) && p.start <= p.end ? { start: p.start, end: p.end } : null;
  return {
    sectionYear: plausibleYear(c.sectionYear) ? c.sectionYear : null,
    years: Array.isArray(c.years) ? c.years.filter(plausibleYear) : [],
    orderDate: isoDay(c.orderDate) ? c.orderDate : null,
    schoolYear: plausibleYear(c.schoolYear) ? c.schoolYear : null,
    sectionPeriod,
  };
}

/** The years a cell's dates should fall in: its section's, else its school year's, else the roadmap's. */
export function contextYears(ctx: DeadlineContext): number[] {
  if (ctx.sectionYear != null) return [ctx.sectionYear];
  if (ctx.sectionPeriod) {
    const out: number[] = [];
    for (let y = yearOf(ctx.sectionPeriod.start); y <= yearOf(ctx.sectionPeriod.end); y++) out.push(y);
    return out;
  }
  if (ctx.schoolYear != null) return [ctx.schoolYear, ctx.schoolYear + 1];
  return ctx.years ?? [];
}

/** Whether the cell's section, stage or school year settles the year of a bare month (no guess to warn about). */
export function yearIsSettled(ctx: DeadlineContext): boolean {
  return ctx.sectionYear != null || ctx.sectionPeriod != null || ctx.schoolYear != null;
}

/**
 * The year of a point written without one, spanning months `from`…`to` (1–12): the section's year; else the year
 * that puts it inside the stage's period (or nearest to it); else, in a school year, September–December in its
 * first year and January–August in its second; else null (the roadmap's year is a guess: see defaultYear).
 */
export function settledYear(from: number, to: number, ctx: DeadlineContext): number | null {
  if (ctx.sectionYear != null) return ctx.sectionYear;
  const period = ctx.sectionPeriod;
  if (period) {
    let best: number | null = null;
    let bestGap = Infinity;
    for (let y = yearOf(period.start) - 1; y <= yearOf(period.end) + 1; y++) {
      const start = iso(y, from, 1);
      const end = monthEnd(y, to);
      // 0 when the point lies within the period; else how far outside, in days
      const gap = Math.max(0, daysBetween(end, period.start), daysBetween(period.end, start));
      if (gap < bestGap) [best, bestGap] = [y, gap];
    }
    return best;
  }
  if (ctx.schoolYear != null) return from >= 9 ? ctx.schoolYear : ctx.schoolYear + 1;
  return null;
}

function daysBetween(a: IsoDate, b: IsoDate): number {
  return (Date.parse(b) - Date.parse(a)) / 86_400_000;
}

/** A month without a year: the section's year, else the roadmap's only year, else the order's year. */
export function defaultYear(ctx: DeadlineContext): number | null {
  if (ctx.sectionYear != null) return ctx.sectionYear;
  const years = ctx.years ?? [];
  if (years.length === 1) return years[0]!;
  const orderYear = ctx.orderDate ? yearOf(ctx.orderDate) : null;
  if (years.length > 1) return orderYear !== null && years.includes(orderYear) ? orderYear : years[0]!;
  return orderYear;
}

/** «учебный год» without years: the plan's school year, else the one the order was signed for (an order from June on looks at the next). */
export function defaultSchoolYear(ctx: DeadlineContext): number | null {
  if (ctx.schoolYear != null) return ctx.schoolYear;
  if (ctx.orderDate) {
    const y = yearOf(ctx.orderDate);
    return Number(ctx.orderDate.slice(5, 7)) >= 6 ? y : y - 1;
  }
  return defaultYear(ctx);
}

/**
 * A school year runs 1 September to 31 May (the contract's reckoning: the summer months of a plan are dated
 * by month, and «в течение учебного года» should not keep asking for check-ins in the holidays).
 */
function schoolYearPeriod(y: number): Period {
  return { start: iso(y, 9, 1), end: iso(y + 1, 5, 31), exact: false };
}

/** What «постоянно», «в течение года», «весь период» run over when no dates are said. */
export function ongoingPeriod(norm: string, ctx: DeadlineContext): Period | null {
  const years = ctx.years ?? [];
  if (/учебн/.test(norm)) {
    const y = defaultSchoolYear(ctx);
    if (y !== null) return schoolYearPeriod(y);
  }
  if (ctx.sectionYear != null && !WHOLE_PERIOD.test(norm)) {
    return { start: iso(ctx.sectionYear, 1, 1), end: iso(ctx.sectionYear, 12, 31), exact: false };
  }
  // («весь период» alone is the roadmap's; «в течение этапа», «на протяжении всего периода» in a stage are the stage's)
  if (ctx.sectionPeriod && (WHOLE_STAGE.test(norm) || !WHOLE_PERIOD.test(norm))) return { start: ctx.sectionPeriod.start, end: ctx.sectionPeriod.end, exact: false };
  // in a plan for a school year, «в течение года» and «постоянно» are that school year
  if (ctx.schoolYear != null) return schoolYearPeriod(ctx.schoolYear);
  if (years.length > 0) {
    return { start: iso(minOf(years), 1, 1), end: iso(maxOf(years), 12, 31), exact: false };
  }
  const y = defaultYear(ctx);
  return y === null ? null : { start: iso(y, 1, 1), end: iso(y, 12, 31), exact: false };
}
