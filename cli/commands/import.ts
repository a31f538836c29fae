import fs from "node:fs/promises";
import path from "node:path";
import { DateTime, IANAZone } from "luxon";
import { systemClock } from "../../core/clock.ts";
import { ImportError } from "../../core/import/index.ts";
import { DocumentError } from "../../core/readers/errors.ts";
import { limitArgs, LIMITS, tooLarge } from "../../core/readers/limits.ts";
import { writeWorkbook } from "../../core/workbook/index.ts";
import type { DeadlineKind, ImportResult } from "../../core/types.ts";
import { importWorker } from "../../services/import/worker.ts";
import { loadConfig } from "../../services/config.ts";
import type { ResolveSummary } from "../../services/assign.ts";
import { roadmapIdentity, type SaveImportOutcome } from "../../services/roadmap-store.ts";
import { formatDate, roadmapName } from "../../services/format.ts";
import type { Translator } from "../../services/i18n.ts";
import { InputError, UsageError, usageError, type CliCommand } from "../io.ts";
import { warningText } from "../../services/import-warnings.ts";

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

export function parseImportArgs(argv: string[], tr: Translator): ImportArgs {
  const usage = tr.t("cli-usage-import");
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
      if (v === undefined || (inline === undefined && v.startsWith("--"))) throw usageError(tr, tr.t("cli-needs-value", { command: "import", option: name }), usage);
      return v;
    };
    switch (name) {
      case "--json":
      case "--save":
      case "--new-roadmap":
        if (inline !== undefined) throw usageError(tr, tr.t("cli-takes-no-value", { command: "import", option: name }), usage);
        args[name === "--json" ? "json" : name === "--save" ? "save" : "newRoadmap"] = true;
        break;
      case "--year": {
        const v = value();
        if (!/^\d{4}$/.test(v) || Number(v) < 1990 || Number(v) > 2100) throw new UsageError(tr.t("cli-import-bad-year", { value: v }));
        args.year = Number(v);
        break;
      }
      case "--tz": {
        const v = value();
        if (!IANAZone.isValidZone(v)) throw new UsageError(tr.t("cli-import-bad-tz", { value: v }));
        args.tz = v;
        break;
      }
      case "--active-from": {
        const v = value();
        if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || !DateTime.fromISO(v).isValid) throw new UsageError(tr.t("cli-import-bad-active-from", { value: v }));
        args.activeFrom = v;
        break;
      }
      case "--workbook": {
        const v = value();
        if (!v.trim()) throw usageError(tr, tr.t("cli-import-workbook-name"), usage);
        args.workbook = v;
        break;
      }
      default:
        throw usageError(tr, tr.t("cli-unknown-option", { command: "import", option: name }), usage);
    }
  }
  if (args.newRoadmap && !args.save) throw usageError(tr, tr.t("cli-import-new-roadmap-needs-save"), usage);
  if (files.length === 0) throw usageError(tr, tr.t("cli-import-which-file"), usage);
  if (files.length > 1) throw usageError(tr, tr.t("cli-import-one-file", { count: files.length }), usage);
  args.file = files[0]!;
  if (args.workbook && path.resolve(args.workbook) === path.resolve(args.file)) {
    throw new UsageError(tr.t("cli-import-workbook-same"));
  }
  return args;
}

export const run: CliCommand = async (argv, io) => {
  const tr = io.tr;
  const args = parseImportArgs(argv, tr);
  const cfg = loadConfig(io.env);
  const bytes = await readBytes(tr, args.file);
  let result: ImportResult;
  try {
    // in the import worker, as in the bot: a hostile file meets the same time and memory limits
    result = await importWorker().import(path.basename(args.file), bytes, { year: args.year, timezone: args.tz, defaultTimezone: cfg.DEFAULT_TIMEZONE });
  } catch (e) {
    if (e instanceof ImportError || e instanceof DocumentError) throw new InputError(documentProblem(tr, args.file, e));
    // the reader failed in a way nobody named (a document shaped like nothing seen yet): still this file's problem
    throw new InputError(tr.t("cli-import-could-not-read", { file: args.file, detail: firstLine(e) }));
  }
  if (result.items.length === 0) throw new InputError(tr.t("cli-import-nothing", { file: args.file }));
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
  if (args.workbook) await saveWorkbook(tr, args.workbook, result);
  if (args.json) io.out(JSON.stringify(result, null, 2));
  else io.out(summary(tr, result, saved, resolved, activeFrom) + (args.workbook ? `\n${tr.t("cli-import-workbook-written", { file: args.workbook })}` : ""));
  const changes = saved && !args.json ? savedChanges(tr, saved, updatedTitle) : [];
  if (changes.length > 0) io.out(changes.join("\n"));
};

/** The canonical roadmap workbook of this import; after --save it names the saved roadmap. */
async function saveWorkbook(tr: Translator, file: string, result: ImportResult): Promise<void> {
  const bytes = await writeWorkbook(result, { identity: roadmapIdentity(result), roadmapId: result.roadmap.id });
  try {
    await fs.writeFile(file, bytes);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new InputError(tr.t("cli-import-workbook-no-folder", { folder: path.dirname(file) }));
    if (code === "EISDIR") throw new InputError(tr.t("cli-import-workbook-is-directory", { file }));
    if (code === "EACCES" || code === "EPERM") throw new InputError(tr.t("cli-import-workbook-no-permission", { file }));
    throw new InputError(tr.t("cli-import-workbook-failed", { file, detail: (e as Error).message }));
  }
}

async function readBytes(tr: Translator, file: string): Promise<Buffer> {
  try {
    // a file over the size limit is refused before it is read into memory
    if ((await fs.stat(file)).size > LIMITS.fileBytes) throw new InputError(documentProblem(tr, file, tooLarge(path.basename(file), "fileBytes", LIMITS.fileBytes)));
    return await fs.readFile(file);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new InputError(tr.t("cli-import-file-not-found", { file }));
    if (code === "EISDIR") throw new InputError(tr.t("cli-import-is-directory", { file }));
    if (code === "EACCES") throw new InputError(tr.t("cli-import-no-permission", { file }));
    throw new InputError(tr.t("cli-cannot-read", { command: "import", file, detail: (e as Error).message }));
  }
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split("\n")[0]!.trim();
}

/** The one line on a document Веха cannot read, by the reader's code (its English message is for logs). */
function documentProblem(tr: Translator, file: string, e: DocumentError | ImportError): string {
  const name = e instanceof DocumentError ? e.fileName : path.basename(file);
  if (e instanceof ImportError) {
    // the canonical workbook with its header row and nothing under it
    if (/workbook has its header but no rows/.test(e.message)) return tr.t("cli-import-error-workbook-empty", { file: name });
    return tr.t(`cli-import-error-${e.code}`, { file: name });
  }
  // reasons the code does not tell apart: a password (else «unreadable»), a scan (else a damaged PDF)
  if (/password-protected/.test(e.message)) return tr.t("cli-import-error-password", { file: name });
  if (e.code === "pdf" && /no text layer/.test(e.message)) return tr.t("cli-import-error-pdf-scan", { file: name });
  return tr.t(`cli-import-error-${e.code}`, { file: name, ext: path.extname(name) || "?", ...limitArgs(e.detail) });
}

const DEADLINE_KIND_IDS = {
  date: "cli-deadline-kind-date",
  window: "cli-deadline-kind-window",
  multi: "cli-deadline-kind-multi",
  recurring: "cli-deadline-kind-recurring",
  ongoing: "cli-deadline-kind-ongoing",
  on_demand: "cli-deadline-kind-on_demand",
  none: "cli-deadline-kind-none",
  unknown: "cli-deadline-kind-unknown",
} as const satisfies Record<DeadlineKind, string>;

function summary(tr: Translator, result: ImportResult, saved: SaveImportOutcome | null, resolved: ResolveSummary | null, activeFrom: string | null): string {
  const r = result.roadmap;
  const lines: string[] = [r.title || tr.t("cli-import-untitled")];
  const order = r.orderNumber || r.orderDate ? roadmapName(tr, r) : "";
  const years = r.years.length ? tr.t("cli-import-years", { count: r.years.length, years: r.years.join(", ") }) : "";
  lines.push([order, r.authority, tr.t("cli-import-timezone", { zone: r.timezone }), years].filter(Boolean).join(" · "));
  if (r.controller) lines.push(tr.t("cli-import-controller", { name: r.controller }));
  lines.push(tr.t("cli-import-items", { count: result.items.length }));
  const bySection = new Map<string, number>();
  for (const i of result.items) bySection.set(i.section ?? "", (bySection.get(i.section ?? "") ?? 0) + 1);
  if (bySection.size > 1 || !bySection.has("")) {
    for (const [s, n] of bySection) lines.push(`  ${s ? tr.t("cli-import-section", { count: n, section: s }) : tr.t("cli-import-no-section", { count: n })}`);
  }
  const kinds = new Map<DeadlineKind, number>();
  for (const i of result.items) kinds.set(i.deadline.kind, (kinds.get(i.deadline.kind) ?? 0) + 1);
  lines.push(tr.t("cli-import-deadlines", { list: [...kinds].map(([k, n]) => tr.t("cli-import-deadline-count", { count: n, kind: tr.t(DEADLINE_KIND_IDS[k]) })).join(", ") }));
  if (r.schools.length || r.curators.length) lines.push(tr.t("cli-import-schools", { schools: r.schools.length, curators: r.curators.length }));
  lines.push(result.warnings.length ? tr.t("cli-import-warnings", { count: result.warnings.length }) : tr.t("cli-import-no-warnings"));
  for (const w of result.warnings) {
    const where = [w.item !== null && tr.t("cli-import-warning-item", { item: w.item }), w.row !== null && tr.t("cli-import-warning-row", { row: String(w.row) })].filter(Boolean).join(", ");
    lines.push(`  ${where ? `${where}: ` : ""}${warningText(tr, w.message)}`);
  }
  if (saved) {
    const date = formatDate(tr, activeFrom);
    lines.push(
      saved.created
        ? tr.t("cli-import-saved-new", { id: String(saved.roadmapId), added: saved.itemsAdded, date })
        : tr.t("cli-import-saved-updated", { id: String(saved.roadmapId), added: saved.itemsAdded, changed: saved.itemsUpdated, moved: saved.itemsMoved, removed: saved.itemsRemoved, date }),
    );
    if (resolved) lines.push(tr.t(resolved.filled > 0 ? "cli-import-assignments-filled" : "cli-import-assignments", { created: resolved.created, assigned: resolved.createdWithPerson, filled: resolved.filled, unresolved: resolved.unresolved }));
  } else {
    lines.push(tr.t("cli-import-not-saved"));
  }
  return lines.join("\n");
}

const LIST_MAX = 40;

/** A saved roadmap updated: how it was found, and item by item what moved, came, went or was reworded. */
function savedChanges(tr: Translator, saved: SaveImportOutcome, title: string | null): string[] {
  if (saved.created) return [];
  const d = saved.diff;
  const cut = (t: string) => (t.length > 80 ? `${t.slice(0, 79)}…` : t).replace(/\s+/g, " ");
  const lines: string[] = [];
  if (saved.matchedBy === "similar") {
    lines.push(title ? tr.t("cli-import-matched-similar", { id: String(saved.roadmapId), title: cut(title) }) : tr.t("cli-import-matched-similar-untitled", { id: String(saved.roadmapId) }));
  }
  if (saved.itemsMoved > 0) lines.push(tr.t("cli-import-renumbered", { count: saved.itemsMoved }));
  const list = (heading: (count: number) => string, rows: string[]) => {
    if (rows.length === 0) return;
    lines.push(heading(rows.length));
    for (const r of rows.slice(0, LIST_MAX)) lines.push(`  ${r}`);
    if (rows.length > LIST_MAX) lines.push(`  ${tr.t("cli-import-list-more", { count: rows.length - LIST_MAX })}`);
  };
  list((count) => tr.t("cli-import-list-moved", { count }), d.moved.map((m) => `${m.from} → ${m.to}: ${cut(m.title)}`));
  list((count) => tr.t("cli-import-list-added", { count }), d.added.map((a) => `${a.key}: ${cut(a.title)}`));
  list((count) => tr.t("cli-import-list-removed", { count }), d.removed.map((r) => `${r.key}: ${cut(r.title)}`));
  list((count) => tr.t("cli-import-list-restored", { count }), d.restored.map((m) => `${m.to}: ${cut(m.title)}`));
  list((count) => tr.t("cli-import-list-reworded", { count }), d.reworded.map((w) => `${w.key}: «${cut(w.from)}» → «${cut(w.to)}»`));
  return lines;
}
