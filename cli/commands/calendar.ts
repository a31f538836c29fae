import fs from "node:fs/promises";
import { InputError, UsageError, type CliCommand } from "../io.ts";
import { loadConfig } from "../../services/config.ts";

// `calendar load <file> --year YYYY`: a coordinator feeds the year's production calendar
// (transferred working days and days off) as CSV `date;рабочий|выходной[;note]` or JSON.
const USAGE = "usage: calendar load <file.csv|file.json> --year YYYY";

export const run: CliCommand = async (argv, io) => {
  const [sub, ...rest] = argv;
  let file: string | undefined;
  let year: number | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === "--year") year = Number(rest[++i]);
    else if (a.startsWith("--year=")) year = Number(a.slice(7));
    else if (!file && !a.startsWith("--")) file = a;
    else throw new UsageError(`calendar: unexpected argument "${a}"\n${USAGE}`);
  }
  if (sub !== "load" || !file) throw new UsageError(USAGE);
  if (!year || !Number.isInteger(year) || year < 2000 || year > 2100) throw new UsageError(`calendar: --year YYYY is required\n${USAGE}`);
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch (e) {
    throw new InputError(`calendar: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const { CalendarFormatError } = await import("../../core/working-days.ts");
  const { loadProductionCalendar } = await import("../../scheduler/production-calendar.ts");
  const { openDb } = await import("../../services/db.ts");
  const db = await openDb(loadConfig(io.env).DATABASE_URL);
  try {
    const days = await loadProductionCalendar(db, year, text);
    const working = days.filter((d) => d.isWorking).length;
    io.out(`${year}: ${days.length} days loaded (${working} working, ${days.length - working} off)`);
  } catch (e) {
    if (e instanceof CalendarFormatError) throw new InputError(`calendar: ${file}: ${e.message}`);
    throw e;
  } finally {
    await db.$disconnect();
  }
};
