import fs from "node:fs/promises";
import { loadConfig } from "../../services/config.ts";
import { openDb } from "../../services/db.ts";
import { importPeopleCsv, PeopleCsvError } from "../../services/people-csv.ts";
import { InputError, UsageError, type CliCommand } from "../io.ts";

// people import <file.csv> — columns ФИО;Должность;Организация;Роль;Школа

const USAGE = "usage: people import <file.csv>";

export const run: CliCommand = async (argv, io) => {
  const [sub, file, ...extra] = argv;
  if (sub !== "import" || !file || extra.length > 0) throw new UsageError(USAGE);
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (e) {
    throw new InputError(`people import: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const cfg = loadConfig(io.env);
  const db = await openDb(cfg.DATABASE_URL);
  try {
    const s = await importPeopleCsv(db, bytes);
    for (const e of s.errors) io.err(`row ${e.row}: ${e.message}`);
    if (s.rows === 0) throw new InputError(`people import: ${file}: no people read${s.errors.length ? " (see the rows above)" : ""}`);
    io.out(`${s.rows} people: ${s.created} added, ${s.updated} updated; ${s.assignmentsFilled} assignments filled${s.errors.length ? `; ${s.errors.length} rows skipped` : ""}`);
  } catch (e) {
    if (e instanceof PeopleCsvError) throw new InputError(`people import: ${file}: ${e.message}`);
    throw e;
  } finally {
    await db.$disconnect();
  }
};
