import type { DeadlineContext } from "../types.ts";
import { iso, yearOf } from "./calendar.ts";
import { WHOLE_PERIOD } from "./keywords.ts";
import type { Period } from "./periods.ts";

// What the roadmap around a cell says when the cell itself does not: the year of a bare month, the span of «постоянно».

const plausibleYear = (y: unknown): y is number => typeof y === "number" && Number.isInteger(y) && y >= 1900 && y <= 2199;

/** The context as callers may pass it (a missing order date as "", a year as NaN) made safe to reckon with. */
export function saneContext(ctx: DeadlineContext | null | undefined): DeadlineContext {
  const c = ctx ?? {};
  const orderDate = typeof c.orderDate === "string" && /^\d{4}-\d{2}-\d{2}$/.test(c.orderDate) && plausibleYear(yearOf(c.orderDate)) ? c.orderDate : null;
  return {
    sectionYear: plausibleYear(c.sectionYear) ? c.sectionYear : null,
    years: Array.isArray(c.years) ? c.years.filter(plausibleYear) : [],
    orderDate,
  };
}

/** The years a cell's dates should fall in: its section's, else the roadmap's. */
export function contextYears(ctx: DeadlineContext): number[] {
  if (ctx.sectionYear != null) return [ctx.sectionYear];
  return ctx.years ?? [];
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

/** «учебный год» without years: the one the order was signed for (an order from June on looks at the next). */
export function defaultSchoolYear(ctx: DeadlineContext): number | null {
  if (ctx.orderDate) {
    const y = yearOf(ctx.orderDate);
    return Number(ctx.orderDate.slice(5, 7)) >= 6 ? y : y - 1;
  }
  return defaultYear(ctx);
}

/** What «постоянно», «в течение года», «весь период» run over when no dates are said. */
export function ongoingPeriod(norm: string, ctx: DeadlineContext): Period | null {
  const years = ctx.years ?? [];
  if (/учебн/.test(norm)) {
    const y = defaultSchoolYear(ctx);
    if (y !== null) return { start: iso(y, 9, 1), end: iso(y + 1, 5, 31), exact: false };
  }
  if (ctx.sectionYear != null && !WHOLE_PERIOD.test(norm)) {
    return { start: iso(ctx.sectionYear, 1, 1), end: iso(ctx.sectionYear, 12, 31), exact: false };
  }
  if (years.length > 0) {
    return { start: iso(Math.min(...years), 1, 1), end: iso(Math.max(...years), 12, 31), exact: false };
  }
  const y = defaultYear(ctx);
  return y === null ? null : { start: iso(y, 1, 1), end: iso(y, 12, 31), exact: false };
}
