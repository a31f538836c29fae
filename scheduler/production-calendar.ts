import type { Db } from "../services/db.ts";
import { parseProductionCalendar, type CalendarOverride } from "../core/working-days.ts";

// A coordinator loads the year's production calendar (transfers of working days and days off),
// as CSV or JSON (see parseProductionCalendar). Loading a year replaces that year's rows only.

export async function loadProductionCalendar(db: Db, year: number, text: string): Promise<CalendarOverride[]> {
  const days = parseProductionCalendar(year, text);
  await db.$transaction([
    db.calendarDay.deleteMany({ where: { date: { gte: `${year}-01-01`, lte: `${year}-12-31` } } }),
    ...days.map((d) => db.calendarDay.create({ data: { date: d.date, isWorking: d.isWorking, note: d.note ?? null } })),
  ]);
  return days;
}
