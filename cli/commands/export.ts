import fs from "node:fs/promises";
import path from "node:path";
import { systemClock } from "../../core/clock.ts";
import { loadConfig } from "../../services/config.ts";
import { translator, type Lang } from "../../services/i18n.ts";
import { InputError, UsageError, type CliCommand } from "../io.ts";

// `export <roadmap id> --format xlsx|docx [--out file] [--lang ru|en]`
// Writes the monitoring table or the analytic note; prints the file's path.

const USAGE = "usage: export <roadmap id> --format xlsx|docx [--out file] [--lang ru|en]";

export interface ExportArgs {
  roadmapId: number;
  format: "xlsx" | "docx";
  out: string | null;
  lang: Lang;
}

export function parseExportArgs(argv: string[]): ExportArgs {
  const ids: string[] = [];
  let format: string | null = null;
  let out: string | null = null;
  let lang: Lang = "ru";
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
  if (format !== "xlsx" && format !== "docx") throw new UsageError(`export: --format must be xlsx or docx, not "${format}"`);
  return { roadmapId: Number(id), format, out, lang };
}

export const run: CliCommand = async (argv, io) => {
  const args = parseExportArgs(argv);
  const cfg = loadConfig(io.env);
  const { openDb } = await import("../../services/db.ts");
  const { exportRoadmap, NothingToExport, RoadmapNotFound } = await import("../../services/export/index.ts");
  const db = await openDb(cfg.DATABASE_URL);
  try {
    let outcome;
    try {
      outcome = await exportRoadmap(db, { roadmapId: args.roadmapId, formats: [args.format], tr: translator(args.lang), now: systemClock.now(), dataDir: path.resolve(cfg.dataDir) });
    } catch (e) {
      if (e instanceof RoadmapNotFound) throw new InputError(`export: there is no roadmap ${args.roadmapId}`);
      if (e instanceof NothingToExport) throw new InputError(`export: roadmap ${args.roadmapId} («${e.roadmapTitle}») has no items to export`);
      throw e;
    }
    const file = outcome.files[0]!;
    const target = path.resolve(args.out ?? file.fileName);
    try {
      await fs.writeFile(target, file.buffer);
    } catch (e) {
      throw new InputError(`export: cannot write ${target}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    io.out(target);
  } finally {
    await db.$disconnect();
  }
};
