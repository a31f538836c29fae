import { describe, expect, it } from "vitest";
import {
  addWorkingDays,
  isoWeekday,
  nextWorkingDay,
  parseProductionCalendar,
  workCalendar,
  workingDayOnOrBefore,
  workingDaysBetween,
  CalendarFormatError,
} from "../core/working-days.ts";
import { createTestDb } from "./support/db.ts";
import { loadProductionCalendar } from "../scheduler/production-calendar.ts";
import { loadWorkCalendar } from "../scheduler/plan.ts";

describe("working days", () => {
  const cal = workCalendar();

  it("knows weekdays", () => {
    expect(isoWeekday("2023-03-31")).toBe(5); // Friday
    expect(isoWeekday("2023-04-02")).toBe(7);
    expect(isoWeekday("1970-01-01")).toBe(4);
    expect(isoWeekday("1969-12-29")).toBe(1);
  });

  it("skips weekends and the default public holidays", () => {
    expect(cal.isWorkingDay("2023-03-31")).toBe(true);
    expect(cal.isWorkingDay("2023-04-01")).toBe(false);
    for (const d of ["2023-01-09", "2023-02-22", "2023-03-07", "2023-05-02", "2023-06-13", "2023-11-03"]) expect(cal.isWorkingDay(d), d).toBe(true);
    for (const d of ["2023-01-02", "2023-01-06", "2023-02-23", "2023-03-08", "2023-05-01", "2023-05-09", "2023-06-12", "2024-11-04"]) expect(cal.isWorkingDay(d), d).toBe(false);
  });

  it("moves back to the working day before, forward to the next", () => {
    expect(workingDayOnOrBefore(cal, "2023-06-12")).toBe("2023-06-09"); // Monday holiday → Friday
    expect(workingDayOnOrBefore(cal, "2023-01-08")).toBe("2022-12-30");
    expect(nextWorkingDay(cal, "2023-12-29")).toBe("2024-01-09");
    expect(nextWorkingDay(cal, "2023-03-31")).toBe("2023-04-03");
    expect(addWorkingDays(cal, "2023-04-03", 3)).toBe("2023-04-06");
    expect(addWorkingDays(cal, "2023-05-05", 2)).toBe("2023-05-10"); // 8 May works, 9 May is the holiday
    expect(workingDaysBetween(cal, "2023-03-31", "2023-04-06")).toBe(4);
  });

  it("lets the production calendar win: a transferred working Saturday and a bridge day off", () => {
    const c = workCalendar([
      { date: "2024-04-27", isWorking: true },
      { date: "2024-04-29", isWorking: false },
    ]);
    expect(c.isWorkingDay("2024-04-27")).toBe(true);
    expect(c.isWorkingDay("2024-04-29")).toBe(false);
    expect(nextWorkingDay(c, "2024-04-26")).toBe("2024-04-27");
    expect(nextWorkingDay(c, "2024-04-27")).toBe("2024-04-30");
  });
});

describe("production calendar files", () => {
  it("reads CSV with a header, Russian words and short dates", () => {
    const days = parseProductionCalendar(2024, "Дата;Тип;Примечание\n27.04.2024;рабочий;перенос с 29.04\n04-29;выходной\n2024-12-30;выходной;перенос\n");
    expect(days).toEqual([
      { date: "2024-04-27", isWorking: true, note: "перенос с 29.04" },
      { date: "2024-04-29", isWorking: false, note: null },
      { date: "2024-12-30", isWorking: false, note: "перенос" },
    ]);
  });

  it("reads both JSON shapes", () => {
    expect(parseProductionCalendar(2024, '{"working":["2024-11-02"],"off":["2024-12-31"]}')).toEqual([
      { date: "2024-11-02", isWorking: true, note: null },
      { date: "2024-12-31", isWorking: false, note: null },
    ]);
    expect(parseProductionCalendar(2024, '[{"date":"2024-04-27","isWorking":true,"note":"перенос"}]')).toEqual([{ date: "2024-04-27", isWorking: true, note: "перенос" }]);
  });

  it("refuses dates of another year, impossible dates and unclear words", () => {
    expect(() => parseProductionCalendar(2024, "2023-04-27;рабочий")).toThrow(CalendarFormatError);
    expect(() => parseProductionCalendar(2024, "2024-02-30;рабочий")).toThrow(/not a date/);
    expect(() => parseProductionCalendar(2024, "2024-04-27;может быть")).toThrow(/рабочий/);
  });

  it("stores a year in CalendarDay, replacing that year only", async () => {
    const t = await createTestDb();
    try {
      await loadProductionCalendar(t.db, 2023, "2023-05-08;выходной");
      await loadProductionCalendar(t.db, 2024, "2024-04-27;рабочий\n2024-04-29;выходной");
      await loadProductionCalendar(t.db, 2024, "2024-12-28;рабочий");
      const rows = await t.db.calendarDay.findMany({ orderBy: { date: "asc" } });
      expect(rows.map((r) => [r.date, r.isWorking])).toEqual([
        ["2023-05-08", false],
        ["2024-12-28", true],
      ]);
      const cal = await loadWorkCalendar(t.db);
      expect(cal.isWorkingDay("2023-05-08")).toBe(false);
      expect(cal.isWorkingDay("2024-12-28")).toBe(true);
    } finally {
      await t.close();
    }
  });
});

describe("calendar load on the command line", () => {
  it("loads a file into the database, refuses bad input with exit 1 and bad usage with exit 2", async () => {
    const { main } = await import("../cli/run.ts");
    const fs = await import("node:fs");
    const path = await import("node:path");
    const t = await createTestDb();
    try {
      const good = path.join(t.dir, "2024.csv");
      fs.writeFileSync(good, "Дата;Тип\n27.04.2024;рабочий\n29.04.2024;выходной\n");
      const bad = path.join(t.dir, "bad.csv");
      fs.writeFileSync(bad, "2024-04-27;может быть\n");
      const run = async (args: string[], lang: "ru" | "en" = "en") => {
        const out: string[] = [];
        const err: string[] = [];
        const code = await main([...args, "--lang", lang], { out: (s) => out.push(s), err: (s) => err.push(s), env: { DATABASE_URL: t.url } });
        return { code, out: out.join("\n"), err: err.join("\n") };
      };
      expect(await run(["calendar", "load", good, "--year", "2024"])).toEqual({ code: 0, out: "2024: 2 days loaded (1 working, 1 off)", err: "" });
      expect((await loadWorkCalendar(t.db)).isWorkingDay("2024-04-27")).toBe(true);
      const refused = await run(["calendar", "load", bad, "--year", "2024"]);
      expect(refused.code).toBe(1);
      expect(refused.err).toMatch(/line 1/);
      // in Russian (the default language of the CLI) too
      expect(await run(["calendar", "load", good, "--year", "2024"], "ru")).toEqual({ code: 0, out: "2024: загружено дней: 2 (рабочих 1, выходных 1)", err: "" });
      expect((await run(["calendar", "load", bad, "--year", "2024"], "ru")).err).toBe(`calendar: ${bad}: строка 1: после даты напишите «рабочий» или «выходной»`);
      expect((await run(["calendar", "load", good])).code).toBe(2);
      expect((await run(["calendar", "load", path.join(t.dir, "missing.csv"), "--year", "2024"])).code).toBe(1);
    } finally {
      await t.close();
    }
  });
});
