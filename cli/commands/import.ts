import fs from "node:fs/promises";
import path from "node:path";
import { DateTime, IANAZone } from "luxon";
import { systemClock } from "../../core/clock.ts";
import { ImportError } from "../../core/import/index.ts";
import { DocumentError } from "../../core/readers/errors.ts";
import { LIMITS, tooLarge } from "../../core/readers/limits.ts";
import { writeWorkbook } from "../../core/workbook/index.ts";
import type { ImportResult } from "../../core/types.ts";
import { importWorker } from "../../services/import/worker.ts";
import { loadConfig } from "../../services/config.ts";
import type { ResolveSummary } from "../../services/assign.ts";
import { roadmapIdentity, type SaveImportOutcome } from "../../services/roadmap-store.ts";
import { InputError, UsageError, type CliCommand } from "../io.ts";

// `import <file> [--year YYYY] [--tz IANA] [--json] [--save] [--active-from YYYY-MM-DD] [--workbook out.xlsx] [--new-roadmap]`
// Without --save nothing is stored and the database is not even opened. The file may be the canonical
// roadmap workbook (known by its header row); --workbook writes one. With --save a new version
// of a saved roadmap updates it (the same order, or an edited document without an order number
// that matches it closely: services/reimport.ts); --new-roadmap saves such a document as a
// separate roadmap instead.

export interface ImportArgs {
  file: string;
  year: number | null;
  tz: string | null;
  json: boolean;
  save: boolean;
  activeFrom: string | null;
  /** where to write the canonical roadmap workbook */
  workbook: string | null;
  /** save as a separate roadmap even when the document looks like an edited version of a saved one */
  newRoadmap: boolean;
}

const USAGE = "usage: import <file> [--year YYYY] [--tz IANA] [--json] [--save] [--active-from YYYY-MM-DD] [--workbook out.xlsx] [--new-roadmap]";

export function parseImportArgs(argv: string[]): ImportArgs {
  const args: ImportArgs = { file: "", year: null, tz: null, json: false, save: false, activeFrom: null, workbook: null, newRoadmap: false };
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
      case "--new-roadmap":
        if (inline !== undefined) throw new UsageError(`import: ${name} takes no value (${USAGE})`);
        args[name === "--json" ? "json" : name === "--save" ? "save" : "newRoadmap"] = true;
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
      case "--workbook": {
        const v = value();
        if (!v.trim()) throw new UsageError(`import: --workbook needs a file name (${USAGE})`);
        args.workbook = v;
        break;
      }
      default:
        throw new UsageError(`import: unknown option ${name} (${USAGE})`);
    }
  }
  if (args.newRoadmap && !args.save) throw new UsageError(`import: --new-roadmap only makes sense with --save (${USAGE})`);
  if (files.length === 0) throw new UsageError(`import: which file? (${USAGE})`);
  if (files.length > 1) throw new UsageError(`import: one file at a time (got ${files.length}) (${USAGE})`);
  args.file = files[0]!;
  if (args.workbook && path.resolve(args.workbook) === path.resolve(args.file)) {
    throw new UsageError("import: --workbook must name another file than the one imported");
  }
  return args;
}

export const run: CliCommand = async (argv, io) => {
  const args = parseImportArgs(argv);
  const cfg = loadConfig(io.env);
  const bytes = await readBytes(args.file);
  let result: ImportResult;
  try {
    // in the import worker, as in the bot: a hostile file meets the same time and memory limits
    result = await importWorker().import(path.basename(args.file), bytes, { year: args.year, timezone: args.tz, defaultTimezone: cfg.DEFAULT_TIMEZONE });
  } catch (e) {
    if (e instanceof ImportError || e instanceof DocumentError) throw new InputError(`import: ${e.message}`);
    // the reader failed in a way nobody named (a document shaped like nothing seen yet): still this file's problem
    throw new InputError(`import: ${args.file}: could not be read (${firstLine(e)})`);
  }
  if (result.items.length === 0) {
    throw new InputError(`import: ${args.file}: nothing recognisable — no roadmap table and no numbered points with tasks were found`);
  }
  let saved: SaveImportOutcome | null = null;
  let resolved: ResolveSummary | null = null;
  let activeFrom: string | null = null;
  let updatedTitle: string | null = null;
  if (args.save) {
    // loaded only when saving: a preview must not touch (or create) the database
    const { openDb } = await import("../../services/db.ts");
    const { saveImport } = await import("../../services/roadmap-store.ts");
    const { resolveAssignments } = await import("../../services/assign.ts");
    activeFrom = args.activeFrom ?? DateTime.fromJSDate(systemClock.now()).setZone(result.roadmap.timezone).toISODate()!;
    const db = await openDb(cfg.DATABASE_URL);
    try {
      const { recordWorkbookChanges, textsBeforeSave } = await import("../../services/item-edit.ts");
      // a canonical workbook's corrections go into the items' history, as the chat's /edit does
      const before = result.origin === "workbook" ? await textsBeforeSave(db, roadmapIdentity(result)) : null;
      saved = await saveImport(db, result, { activeFrom, sourceName: path.basename(args.file), ...(args.newRoadmap ? { into: "new" as const } : {}) });
      if (before) await recordWorkbookChanges(db, before, saved.roadmapId, null, systemClock.now());
      if (saved.matchedBy !== null) {
        // an updated roadmap keeps its earlier activation (services/roadmap-store.ts): say the date in force
        const stored = await db.roadmap.findUnique({ where: { id: saved.roadmapId }, select: { title: true, activeFrom: true } });
        updatedTitle = stored?.title ?? null;
        activeFrom = stored?.activeFrom ?? activeFrom;
      }
      // responsible parties → assignments (services/assign.ts), as after a save in the chat; unresolved ones wait for /assign
      resolved = await resolveAssignments(db, saved.roadmapId);
    } finally {
      await db.$disconnect();
    }
    result.roadmap.id = saved.roadmapId;
  }
  if (args.workbook) await saveWorkbook(args.workbook, result);
  if (args.json) io.out(JSON.stringify(result, null, 2));
  else io.out(summary(result, saved, resolved, activeFrom) + (args.workbook ? `\nworkbook written: ${args.workbook}` : ""));
  if (saved && !args.json) io.out(savedChanges(saved, updatedTitle).join("\n"));
};

/** The canonical roadmap workbook of this import; after --save it names the saved roadmap. */
async function saveWorkbook(file: string, result: ImportResult): Promise<void> {
  const bytes = await writeWorkbook(result, { identity: roadmapIdentity(result), roadmapId: result.roadmap.id });
  try {
    await fs.writeFile(file, bytes);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new InputError(`import: cannot write the workbook: no folder ${path.dirname(file)}`);
    if (code === "EISDIR") throw new InputError(`import: cannot write the workbook: ${file} is a directory`);
    if (code === "EACCES" || code === "EPERM") throw new InputError(`import: cannot write the workbook: no permission to write ${file}`);
    throw new InputError(`import: cannot write the workbook ${file}: ${(e as Error).message}`);
  }
}

async function readBytes(file: string): Promise<Buffer> {
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

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split("\n")[0]!.trim();
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
      `saved: roadmap ${saved.roadmapId} (${saved.created ? "new" : "updated in place"}): ${saved.itemsAdded} added, ${saved.itemsUpdated} changed, ${saved.itemsMoved} renumbered, ${saved.itemsRemoved} removed; active from ${activeFrom}`,
    );
    if (resolved) lines.push(`assignments: ${resolved.created} created, ${resolved.filled} filled; ${resolved.unresolved} still without a person`);
  } else {
    lines.push("not saved (add --save to store it)");
  }
  return lines.join("\n");
}


const LIST_MAX = 40;

/** A saved roadmap updated: how it was found, and item by item what moved, came, went or was reworded. */
function savedChanges(saved: SaveImportOutcome, title: string | null): string[] {
  if (saved.created) return [];
  const d = saved.diff;
  const cut = (t: string) => (t.length > 80 ? `${t.slice(0, 79)}…` : t).replace(/\s+/g, " ");
  const lines: string[] = [];
  if (saved.matchedBy === "similar") {
    lines.push(`this document has no order number of its own but matches roadmap ${saved.roadmapId}${title ? ` «${cut(title)}»` : ""} closely: that roadmap was updated (--new-roadmap saves such a document as a separate roadmap)`);
  }
  if (saved.itemsMoved > 0) lines.push(`${saved.itemsMoved} items took new numbers; their statuses and evidence moved with them`);
  const list = (heading: string, rows: string[]) => {
    if (rows.length === 0) return;
    lines.push(`${heading} (${rows.length}):`);
    for (const r of rows.slice(0, LIST_MAX)) lines.push(`  ${r}`);
    if (rows.length > LIST_MAX) lines.push(`  … and ${rows.length - LIST_MAX} more`);
  };
  list("moved", d.moved.map((m) => `${m.from} → ${m.to}: ${cut(m.title)}`));
  list("new", d.added.map((a) => `${a.key}: ${cut(a.title)}`));
  list("removed", d.removed.map((r) => `${r.key}: ${cut(r.title)}`));
  list("back in the document", d.restored.map((m) => `${m.to}: ${cut(m.title)}`));
  list("reworded", d.reworded.map((w) => `${w.key}: «${cut(w.from)}» → «${cut(w.to)}»`));
  return lines;
}
