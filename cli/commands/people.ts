import fs from "node:fs/promises";
import { loadConfig } from "../../services/config.ts";
import { openDb } from "../../services/db.ts";
import type { Translator } from "../../services/i18n.ts";
import { importPeopleCsv, PeopleCsvError } from "../../services/people-csv.ts";
import { InputError, usageError, type CliCommand } from "../io.ts";

// people import <file.csv> — columns ФИО;Должность;Организация;Роль;Школа

export const run: CliCommand = async (argv, io) => {
  const tr = io.tr;
  const [sub, file, ...extra] = argv;
  if (sub !== "import" || !file || extra.length > 0) throw usageError(tr, tr.t("cli-bad-arguments", { command: "people" }), tr.t("cli-usage-people"));
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (e) {
    throw new InputError(tr.t("cli-cannot-read", { command: "people import", file, detail: (e as NodeJS.ErrnoException).code ?? (e as Error).message }));
  }
  const cfg = loadConfig(io.env);
  const db = await openDb(cfg.DATABASE_URL);
  try {
    const s = await importPeopleCsv(db, bytes);
    for (const e of s.errors) io.err(tr.t("cli-people-row", { row: String(e.row), message: rowProblem(tr, e.message) }));
    if (s.rows === 0) throw new InputError(tr.t(s.errors.length ? "cli-people-none-see-rows" : "cli-people-none", { file }));
    const skipped = s.errors.length ? `; ${tr.t("cli-people-skipped", { count: s.errors.length })}` : "";
    io.out(tr.t("cli-people-summary", { count: s.rows, created: s.created, updated: s.updated, filled: s.assignmentsFilled }) + skipped);
  } catch (e) {
    if (e instanceof PeopleCsvError) throw new InputError(tr.t("cli-people-file-error", { file, message: fileProblem(tr, e.message) }));
    throw e;
  } finally {
    await db.$disconnect();
  }
};

// services/people-csv.ts says what is wrong in English, for the logs; the operator reads it in their language

function rowProblem(tr: Translator, message: string): string {
  if (message.startsWith("no name")) return tr.t("cli-people-row-no-name");
  const role = /^unknown role "(.*)" \(/.exec(message);
  if (role) return tr.t("cli-people-row-unknown-role", { role: role[1]! });
  return message;
}

function fileProblem(tr: Translator, message: string): string {
  if (message === "the file is empty") return tr.t("cli-people-file-empty");
  if (message.startsWith("no ФИО column")) return tr.t("cli-people-no-name-column");
  const csv = /^not a readable CSV: (.*)$/.exec(message);
  if (csv) return tr.t("cli-people-not-csv", { detail: csv[1]! });
  return message;
}
