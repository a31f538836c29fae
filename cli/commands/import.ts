import fs from "node:fs/promises";
import path from "node:path";
import { DateTime, IANAZone } from "luxon";
import { systemClock } from "../../core/clock.ts";
import { ImportError } from "../../core/import/index.ts";
import { DocumentError } from "../../core/readers/errors.ts";
import { LIMITS, tooLarge } from "../../core/readers/limits.ts";
import type { ImportResult } from "../../core/types.ts";
import { importWorker } from "../../services/import/worker.ts";
import { loadConfig } from "../../services/config.ts";
import type { ResolveSummary } from "../../services/assign.ts";
import type { SaveImportOutcome } from "../../services/roadmap-store.ts";
import { InputError, UsageError, type CliCommand } from "../io.ts";

// `import <file> [--year YYYY] [--tz IANA] [--json] [--save] [--active-from YYYY-MM-DD]`
// Without --save nothing is stored and the database is not even opened.

export interface ImportArgs {
  file: string;
  year: number | null;
  tz: string | null;
  json: boolean;
  save: boolean;
  activeFrom: string | null;
}

const USAGE = "usage: import <file> [--year YYYY] [--tz IANA] [--json] [--save] [--active-from YYYY-MM-DD]";

export function parseImportArgs(argv: string[]): ImportArgs {
  const args: ImportArgs = { file: "", year: null, tz: null, json: false, save: false, activeFrom: null };
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith("--") || a === "--") {
      if (a !== "--") files.push(a);
      continue;
    }
    const [name, inline] = a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith("--"))) throw new UsageError(`import: ${name} needs a value (${USAGE})`);
      return v;
    };
    switch (name) {
      case "--json":
      case "--save":
        if (inline !== undefined) throw new UsageError(`import: ${name} takes no value (${USAGE})`);
        args[name === "--json" ? "json" : "save"] = true;
        break;
      case "--year": {
        const v = value();
        if (!/^\d{4}$/.test(v) || Number(v) < 1990 || Number(v) > 2100) throw new UsageError(`import: --year must be a year like 2024, not "${v}"`);
        args.year = Number(v);
        break;
      }
      case "--tz": {
        const v = value();
        if (!IANAZone.isValidZone(v)) throw new UsageError(`import: --tz must be an IANA timezone like Asia/Yakutsk, not "${v}"`);
        args.tz = v;
        break;
      }
      case "--active-from": {
        const v = value();
        if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || !DateTime.fromISO(v).isValid) throw new UsageError(`import: --active-from must be a date YYYY-MM-DD, not "${v}"`);
        args.activeFrom = v;
        break;
      }
      default:
        throw new UsageError(`import: unknown option ${name} (${USAGE})`);
    }
  }
  if (files.length === 0) throw new UsageError(`import: which file? (${USAGE})`);
  if (files.length > 1) throw new UsageError(`import: one file at a time (got ${files.length}) (${USAGE})`);
  args.file = files[0]!;
  return args;
}

export const run: CliCommand = async (argv, io) => {
  const args = parseImportArgs(argv);
  const cfg = loadConfig(io.env);
  const bytes = await readFile(args.file);
  let result: ImportResult;
  try {
    // in the import worker, as in the bot: a hostile file meets the same time and memory limits
    result = await importWorker().import(path.basename(args.file), bytes, { year: args.year, timezone: args.tz, defaultTimezone: cfg.DEFAULT_TIMEZONE });
  } catch (e) {
    if (e instanceof ImportError || e instanceof DocumentError) throw new InputError(`import: ${e.message}`);
    throw e;
  }
  if (result.items.length === 0) {
    throw new InputError(`import: ${args.file}: nothing recognisable — no roadmap table and no numbered points with tasks were found`);
  }
  let saved: SaveImportOutcome | null = null;
  let resolved: ResolveSummary | null = null;
  let activeFrom: string | null = null;
  if (args.save) {
    // loaded only when saving: a preview must not touch (or create) the database
    const { openDb } = await import("../../services/db.ts");
    const { saveImport } = await import("../../services/roadmap-store.ts");
    const { resolveAssignments } = await import("../../services/assign.ts");
    activeFrom = args.activeFrom ?? DateTime.fromJSDate(systemClock.now()).setZone(result.roadmap.timezone).toISODate()!;
    const db = await openDb(cfg.DATABASE_URL);
    try {
      saved = await saveImport(db, result, { activeFrom, sourceName: path.basename(args.file) });
      // responsible parties → assignments (services/assign.ts), as after a save in the chat; unresolved ones wait for /assign
      resolved = await resolveAssignments(db, saved.roadmapId);
    } finally {
      await db.$disconnect();
    }
    result.roadmap.id = saved.roadmapId;
  }
  if (args.json) io.out(JSON.stringify(result, null, 2));
  else io.out(summary(result, saved, resolved, activeFrom));
};

async function readFile(file: string): Promise<Buffer> {
  try {
    // a file over the size limit is refused before it is read into memory
    if ((await fs.stat(file)).size > LIMITS.fileBytes) throw new InputError(`import: ${tooLarge(path.basename(file), "fileBytes", LIMITS.fileBytes).message}`);
    return await fs.readFile(file);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new InputError(`import: file not found: ${file}`);
    if (code === "EISDIR") throw new InputError(`import: ${file} is a directory, not a file`);
    if (code === "EACCES") throw new InputError(`import: no permission to read ${file}`);
    throw new InputError(`import: cannot read ${file}: ${(e as Error).message}`);
  }
}

function summary(result: ImportResult, saved: SaveImportOutcome | null, resolved: ResolveSummary | null, activeFrom: string | null): string {
  const r = result.roadmap;
  const lines: string[] = [r.title || "(untitled)"];
  const order = [r.orderNumber && `order № ${r.orderNumber}`, r.orderDate && `of ${r.orderDate}`].filter(Boolean).join(" ");
  lines.push([order, r.authority, `timezone ${r.timezone}`, r.years.length ? `years ${r.years.join(", ")}` : ""].filter(Boolean).join(" · "));
  if (r.controller) lines.push(`controller: ${r.controller}`);
  lines.push(`${result.items.length} items`);
  const bySection = new Map<string, number>();
  for (const i of result.items) bySection.set(i.section ?? "", (bySection.get(i.section ?? "") ?? 0) + 1);
  if (bySection.size > 1 || !bySection.has("")) {
    for (const [s, n] of bySection) lines.push(`  ${n} ${s ? `in «${s}»` : "without a section"}`);
  }
  const kinds = new Map<string, number>();
  for (const i of result.items) kinds.set(i.deadline.kind, (kinds.get(i.deadline.kind) ?? 0) + 1);
  lines.push(`deadlines: ${[...kinds].map(([k, n]) => `${n} ${k}`).join(", ")}`);
  if (r.schools.length || r.curators.length) lines.push(`schools: ${r.schools.length}, curator links: ${r.curators.length}`);
  lines.push(result.warnings.length ? `${result.warnings.length} warnings:` : "no warnings");
  for (const w of result.warnings) {
    const where = [w.item !== null && `item ${w.item}`, w.row !== null && `row ${w.row}`].filter(Boolean).join(", ");
    lines.push(`  ${where ? `${where}: ` : ""}${w.message}`);
  }
  if (saved) {
    lines.push(
      `saved: roadmap ${saved.roadmapId} (${saved.created ? "new" : "updated in place"}): ${saved.itemsAdded} added, ${saved.itemsUpdated} changed, ${saved.itemsRemoved} removed; active from ${activeFrom}`,
    );
    if (resolved) lines.push(`assignments: ${resolved.created} created, ${resolved.filled} filled; ${resolved.unresolved} still without a person`);
  } else {
    lines.push("not saved (add --save to store it)");
  }
  return lines.join("\n");
}

