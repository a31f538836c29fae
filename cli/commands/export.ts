import fs from "node:fs/promises";
import path from "node:path";
import { DateTime } from "luxon";
import { systemClock } from "../../core/clock.ts";
import { loadConfig } from "../../services/config.ts";
import type { Lang, Translator } from "../../services/i18n.ts";
import type { Db } from "../../services/db.ts";
import { InputError, UsageError, usageError, type CliCommand } from "../io.ts";
import { isExportFormat, type ExportFormat } from "../../services/export/common.ts";

// `export <roadmap id> --format xlsx|docx|workbook [--out file] [--with-files] [--lang ru|en]`
// (`--lang`, taken by cli/run.ts for every command, is also the language of the document)
// Writes the monitoring table or the analytic note; prints the file's path. `--format workbook`
// writes the saved roadmap's canonical workbook instead (as /edit's «Скачать для правки»): edited
// and imported again (`import <file> --save` or in chat) it updates that roadmap. With --with-files
// the evidence files are copied into a folder next to it («<name>-files/») and the links point
// there, so the office can move the report with its folder and still open every file.

export interface ExportArgs {
  roadmapId: number;
  /** a report format, or the roadmap's canonical workbook */
  format: ExportFormat | "workbook";
  out: string | null;
  withFiles: boolean;
  lang: Lang;
}

export function parseExportArgs(argv: string[], tr: Translator): ExportArgs {
  const usage = tr.t("cli-usage-export");
  const ids: string[] = [];
  let format: string | null = null;
  let out: string | null = null;
  let withFiles = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith("--")) {
      ids.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const name = eq > 0 ? a.slice(0, eq) : a;
    const inline = eq > 0 ? a.slice(eq + 1) : undefined;
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === "" || (inline === undefined && v.startsWith("--"))) throw usageError(tr, tr.t("cli-needs-value", { command: "export", option: name }), usage);
      return v;
    };
    switch (name) {
      case "--format":
        format = value();
        break;
      case "--with-files":
        if (inline !== undefined) throw new UsageError(tr.t("cli-takes-no-value", { command: "export", option: name }));
        withFiles = true;
        break;
      case "--out":
        out = value();
        break;
      default:
        throw usageError(tr, tr.t("cli-unknown-option", { command: "export", option: name }), usage);
    }
  }
  if (ids.length === 0) throw usageError(tr, tr.t("cli-export-which"), usage);
  if (ids.length > 1) throw new UsageError(tr.t("cli-export-one-id", { ids: ids.join(", ") }));
  const id = ids[0]!;
  if (!/^\d+$/.test(id) || Number(id) < 1 || !Number.isSafeInteger(Number(id))) throw new UsageError(tr.t("cli-export-bad-id", { value: id }));
  if (format === null) throw usageError(tr, tr.t("cli-export-format-required"), usage);
  if (format !== "workbook" && !isExportFormat(format)) throw new UsageError(tr.t("cli-export-bad-format", { value: format }));
  if (format === "workbook" && withFiles) throw new UsageError(tr.t("cli-export-with-files-workbook"));
  return { roadmapId: Number(id), format, out, withFiles, lang: tr.lang };
}

export const run: CliCommand = async (argv, io) => {
  const tr = io.tr;
  const args = parseExportArgs(argv, tr);
  const cfg = loadConfig(io.env);
  const { openDb } = await import("../../services/db.ts");
  const { NothingToExport, RoadmapNotFound } = await import("../../services/export/index.ts");
  const { exportInWorker, ExportTooLarge } = await import("../../services/export/worker.ts");
  const { exportFileName } = await import("../../services/export/common.ts");
  const db = await openDb(cfg.DATABASE_URL);
  const dataDir = path.resolve(cfg.dataDir);
  try {
    if (args.format === "workbook") return io.out(await writeSavedWorkbook(db, tr, args.roadmapId, args.out));
    const format = args.format;
    let outcome;
    // the folder's name follows the file's, known before the export (the default name needs the roadmap's day)
    const { filesFolderFor: filesDirFor } = await import("../../services/export/files.ts");
    const tz = (await db.roadmap.findUnique({ where: { id: args.roadmapId }, select: { timezone: true } }))?.timezone ?? "UTC";
    const planned = args.out ?? exportFileName(args.roadmapId, DateTime.fromJSDate(systemClock.now(), { zone: tz }).toISODate()!, format);
    // written beside the target under a temporary name and renamed when whole: a failed export leaves no half file
    let target = path.resolve(planned);
    let partial: string | null = null;
    const PARTIAL = `.partial-${process.pid}`;
    try {
      // in a worker thread with its own heap limit (EXPORT_MEMORY_MB), as in chat
      outcome = await exportInWorker(
        cfg.DATABASE_URL,
        {
          roadmapId: args.roadmapId,
          formats: [format],
          tr,
          now: systemClock.now(),
          dataDir,
          ...(args.withFiles ? { filesDir: filesDirFor(planned) } : {}),
        },
        {
          memoryMb: cfg.EXPORT_MEMORY_MB,
          // without --out the name is the export's own (the roadmap's day as the export sees it)
          where: { ...(args.out ? { file: args.out } : {}), suffix: PARTIAL },
          onFile: (file) => {
            partial = file;
            target = file.slice(0, -PARTIAL.length);
          },
        },
      );
      await fs.rename(partial!, target);
      partial = null;
    } catch (e) {
      if (e instanceof RoadmapNotFound) throw new InputError(tr.t("cli-export-no-roadmap", { id: String(args.roadmapId) }));
      if (e instanceof NothingToExport) throw new InputError(tr.t("cli-export-nothing", { id: String(args.roadmapId), title: e.roadmapTitle }));
      if (e instanceof ExportTooLarge) throw new InputError(tr.t("cli-export-too-large", { mb: e.memoryMb, more: e.memoryMb * 2 }));
      const code = (e as NodeJS.ErrnoException).code;
      if (partial && code && /^E[A-Z]+$/.test(code) && (e as NodeJS.ErrnoException).syscall) throw new InputError(tr.t("cli-cannot-write", { command: "export", file: target, detail: code }));
      throw e;
    } finally {
      if (partial) await fs.rm(partial, { force: true });
    }
    if (args.withFiles) {
      const dir = path.join(path.dirname(target), filesDirFor(target));
      const files = outcome.linked;
      const missing: string[] = [];
      if (files.length > 0) await fs.mkdir(dir, { recursive: true });
      for (const f of files) {
        try {
          await fs.copyFile(path.resolve(dataDir, f.storagePath), path.join(dir, f.name));
        } catch {
          missing.push(f.storagePath);
        }
      }
      if (missing.length > 0) io.err(tr.t("cli-export-files-missing", { count: missing.length, dir: dataDir, files: `${missing.slice(0, 5).join(", ")}${missing.length > 5 ? ", …" : ""}` }));
    }
    io.out(target);
  } finally {
    await db.$disconnect();
  }
};

/** The saved roadmap's canonical workbook, written to `out` (default: its name in chat); returns the path. */
async function writeSavedWorkbook(db: Db, tr: Translator, roadmapId: number, out: string | null): Promise<string> {
  const { savedRoadmapWorkbook } = await import("../../services/roadmap-workbook.ts");
  const wb = await savedRoadmapWorkbook(db, roadmapId);
  if (!wb) throw new InputError(tr.t("cli-export-no-roadmap", { id: String(roadmapId) }));
  const target = path.resolve(out ?? wb.fileName);
  try {
    await fs.writeFile(target, wb.bytes);
  } catch (e) {
    throw new InputError(tr.t("cli-cannot-write", { command: "export", file: target, detail: (e as NodeJS.ErrnoException).code ?? (e as Error).message }));
  }
  return target;
}
