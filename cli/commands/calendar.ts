import fs from "node:fs/promises";
import type { Translator } from "../../services/i18n.ts";
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
    if (e instanceof CalendarFormatError) throw new InputError(tr.t("cli-calendar-bad-file", { file, message: formatProblem(tr, e.message) }));
    throw e;
  } finally {
    await db.$disconnect();
  }
};

/** core/working-days.ts says what is wrong with the file in English (for the logs): in the operator's language. */
function formatProblem(tr: Translator, message: string): string {
  const where = (w: string) => {
    const line = /^line (\d+)$/.exec(w);
    if (line) return tr.t("cli-calendar-line", { n: line[1]! });
    const entry = /^entry (\d+)$/.exec(w);
    return entry ? tr.t("cli-calendar-entry", { n: entry[1]! }) : w;
  };
  let m: RegExpExecArray | null;
  if ((m = /^(.+): "(.*)" is not a date$/.exec(message))) return tr.t("cli-calendar-not-a-date", { where: where(m[1]!), text: m[2]! });
  if ((m = /^(.+): (\S+) is not in (\d{4})$/.exec(message))) return tr.t("cli-calendar-other-year", { where: where(m[1]!), date: m[2]!, year: m[3]! });
  if ((m = /^not valid JSON: (.*)$/.exec(message))) return tr.t("cli-calendar-bad-json", { detail: m[1]! });
  if ((m = /^entry (\d+): needs "date" and "isWorking"$/.exec(message))) return tr.t("cli-calendar-entry-fields", { where: where(`entry ${m[1]!}`) });
  if ((m = /^"(\w+)" must be a list of dates$/.exec(message))) return tr.t("cli-calendar-not-list", { field: m[1]! });
  if ((m = /^line (\d+): say "рабочий" or "выходной" after the date$/.exec(message))) return tr.t("cli-calendar-word", { where: where(`line ${m[1]!}`) });
  return message;
}
