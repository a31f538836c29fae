import fs from "node:fs/promises";
import path from "node:path";
import { DateTime } from "luxon";
import { systemClock } from "../../core/clock.ts";
import { loadConfig } from "../../services/config.ts";
import { translator, type Lang } from "../../services/i18n.ts";
import type { Db } from "../../services/db.ts";
import { InputError, UsageError, type CliCommand } from "../io.ts";
import { isExportFormat, type ExportFormat } from "../../services/export/common.ts";

// `export <roadmap id> --format xlsx|docx|workbook [--out file] [--with-files] [--lang ru|en]`
// Writes the monitoring table or the analytic note; prints the file's path. `--format workbook`
// writes the saved roadmap's canonical workbook instead (as /edit's «Скачать для правки»): edited
// and imported again (`import <file> --save` or in chat) it updates that roadmap. With --with-files
// the evidence files are copied into a folder next to it («<name>-files/») and the links point
// there, so the office can move the report with its folder and still open every file.

const USAGE = "usage: export <roadmap id> --format xlsx|docx|workbook [--out file] [--with-files] [--lang ru|en]";

export interface ExportArgs {
  roadmapId: number;
  /** a report format, or the roadmap's canonical workbook */
  format: ExportFormat | "workbook";
  out: string | null;
  withFiles: boolean;
  lang: Lang;
}

export function parseExportArgs(argv: string[]): ExportArgs {
  const ids: string[] = [];
  let format: string | null = null;
  let out: string | null = null;
  let lang: Lang = "ru";
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
      if (v === undefined || v === "" || (inline === undefined && v.startsWith("--"))) throw new UsageError(`export: ${name} needs a value. ${USAGE}`);
      return v;
    };
    switch (name) {
      case "--format":
        format = value();
        break;
      case "--with-files":
        if (inline !== undefined) throw new UsageError(`export: --with-files takes no value`);
        withFiles = true;
        break;
      case "--out":
        out = value();
        break;
      case "--lang": {
        const v = value();
        if (v !== "ru" && v !== "en") throw new UsageError(`export: --lang must be ru or en, not "${v}"`);
        lang = v;
        break;
      }
      default:
        throw new UsageError(`export: unknown option ${name}. ${USAGE}`);
    }
  }
  if (ids.length === 0) throw new UsageError(`export: which roadmap? ${USAGE}`);
  if (ids.length > 1) throw new UsageError(`export: one roadmap id at a time (got ${ids.join(", ")})`);
  const id = ids[0]!;
  if (!/^\d+$/.test(id) || Number(id) < 1 || !Number.isSafeInteger(Number(id))) throw new UsageError(`export: the roadmap id is a number like 3, not "${id}"`);
  if (format === null) throw new UsageError(`export: --format xlsx or --format docx is required. ${USAGE}`);
  if (format !== "workbook" && !isExportFormat(format)) throw new UsageError(`export: --format must be xlsx, docx or workbook, not "${format}"`);
  if (format === "workbook" && withFiles) throw new UsageError(`export: --with-files goes with a report (xlsx or docx), not with the workbook`);
  return { roadmapId: Number(id), format, out, withFiles, lang };
}

export const run: CliCommand = async (argv, io) => {
  const args = parseExportArgs(argv);
  const cfg = loadConfig(io.env);
  const { openDb } = await import("../../services/db.ts");
  const { writeExport, NothingToExport, RoadmapNotFound } = await import("../../services/export/index.ts");
  const { exportFileName } = await import("../../services/export/common.ts");
  const db = await openDb(cfg.DATABASE_URL);
  const dataDir = path.resolve(cfg.dataDir);
  try {
    if (args.format === "workbook") return io.out(await writeSavedWorkbook(db, args.roadmapId, args.out));
    const format = args.format;
    let outcome;
    // the folder's name follows the file's, known before the export (the default name needs the roadmap's day)
    const { filesFolderFor: filesDirFor } = await import("../../services/export/files.ts");
    const tz = (await db.roadmap.findUnique({ where: { id: args.roadmapId }, select: { timezone: true } }))?.timezone ?? "UTC";
    const planned = args.out ?? exportFileName(args.roadmapId, DateTime.fromJSDate(systemClock.now(), { zone: tz }).toISODate()!, format);
    // written beside the target under a temporary name and renamed when whole: a failed export leaves no half file
    let target = path.resolve(planned);
    let partial: string | null = null;
    try {
      outcome = await writeExport(
        db,
        {
          roadmapId: args.roadmapId,
          formats: [format],
          tr: translator(args.lang),
          now: systemClock.now(),
          dataDir,
          ...(args.withFiles ? { filesDir: filesDirFor(planned) } : {}),
        },
        {
          // without --out the name is the export's own (the roadmap's day as the export sees it)
          fileFor: (_format, fileName) => {
            target = path.resolve(args.out ?? fileName);
            return (partial = `${target}.partial-${process.pid}`);
          },
        },
      );
      await fs.rename(partial!, target);
      partial = null;
    } catch (e) {
      if (e instanceof RoadmapNotFound) throw new InputError(`export: there is no roadmap ${args.roadmapId}`);
      if (e instanceof NothingToExport) throw new InputError(`export: roadmap ${args.roadmapId} («${e.roadmapTitle}») has no items to export`);
      const code = (e as NodeJS.ErrnoException).code;
      if (partial && code && /^E[A-Z]+$/.test(code) && (e as NodeJS.ErrnoException).syscall) throw new InputError(`export: cannot write ${target}: ${code}`);
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
      if (missing.length > 0) io.err(`export: ${missing.length} evidence file(s) missing from ${dataDir}: ${missing.slice(0, 5).join(", ")}${missing.length > 5 ? ", …" : ""}`);
    }
    io.out(target);
  } finally {
    await db.$disconnect();
  }
};

/** The saved roadmap's canonical workbook, written to `out` (default: its name in chat); returns the path. */
async function writeSavedWorkbook(db: Db, roadmapId: number, out: string | null): Promise<string> {
  const { savedRoadmapWorkbook } = await import("../../services/roadmap-workbook.ts");
  const wb = await savedRoadmapWorkbook(db, roadmapId);
  if (!wb) throw new InputError(`export: there is no roadmap ${roadmapId}`);
  const target = path.resolve(out ?? wb.fileName);
  try {
    await fs.writeFile(target, wb.bytes);
  } catch (e) {
    throw new InputError(`export: cannot write ${target}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return target;
}
