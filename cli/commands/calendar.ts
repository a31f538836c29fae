import fs from "node:fs/promises";
import { InputError, usageError, type CliCommand } from "../io.ts";
import { loadConfig } from "../../services/config.ts";

// `calendar load <file> --year YYYY`: a coordinator feeds the year's production calendar
// (transferred working days and days off) as CSV `date;рабочий|выходной[;note]` or JSON.
export const run: CliCommand = async (argv, io) => {
  const tr = io.tr;
  const usage = tr.t("cli-usage-calendar");
  const [sub, ...rest] = argv;
  let file: string | undefined;
  let year: number | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === "--year") year = Number(rest[++i]);
    else if (a.startsWith("--year=")) year = Number(a.slice(7));
    else if (!file && !a.startsWith("--")) file = a;
    else throw usageError(tr, tr.t("cli-unexpected-argument", { command: "calendar", argument: a }), usage);
  }
  if (sub !== "load" || !file) throw usageError(tr, tr.t("cli-bad-arguments", { command: "calendar" }), usage);
  if (!year || !Number.isInteger(year) || year < 2000 || year > 2100) throw usageError(tr, tr.t("cli-calendar-year-required"), usage);
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch (e) {
    throw new InputError(tr.t("cli-cannot-read", { command: "calendar", file, detail: (e as NodeJS.ErrnoException).code ?? (e as Error).message }));
  }
  const { CalendarFormatError } = await import("../../core/working-days.ts");
  const { loadProductionCalendar } = await import("../../scheduler/production-calendar.ts");
  const { openDb } = await import("../../services/db.ts");
  const db = await openDb(loadConfig(io.env).DATABASE_URL);
  try {
    const days = await loadProductionCalendar(db, year, text);
    const working = days.filter((d) => d.isWorking).length;
    io.out(tr.t("cli-calendar-loaded", { year: String(year), days: days.length, working, off: days.length - working }));
  } catch (e) {
    if (e instanceof CalendarFormatError) throw new InputError(tr.t("cli-calendar-bad-file", { file, message: e.message }));
    throw e;
  } finally {
    await db.$disconnect();
  }
};
