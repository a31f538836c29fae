import { DateTime } from "luxon";
import type { Db } from "../db.ts";
import type { Translator } from "../i18n.ts";
import { barChartHeight, CHART_WIDTH, doneOverTimeChart, LINE_CHART_HEIGHT, progressChart, schoolsChart } from "../charts.ts";
import { loadDoneOverTime, loadProgress, RoadmapNotFound, type Progress } from "../progress.ts";
import { exportFileName, type ExportContext, type ExportFormat } from "./common.ts";
export { EXPORT_FORMATS } from "./common.ts";
import { buildDocx } from "./docx.ts";
import { buildXlsx } from "./xlsx.ts";

// One entry point for the CLI and the chat: load the figures once, build the file.

/** What a format's builder gets: the figures loaded once, and the section chart rendered once for all formats. */
interface BuildInput {
  db: Db;
  req: ExportRequest;
  progress: Progress;
  ctx: ExportContext;
  today: string;
  sections: () => { png: Buffer; width: number; height: number };
}

/** How each format's file is built (the formats: EXPORT_FORMATS in ./common.ts, which the CLI and /export read). */
const BUILDERS = {
  xlsx: async ({ req, progress, ctx, sections }: BuildInput) => {
    const charts = [sections()];
    if (progress.bySchool.length > 0) charts.push({ png: schoolsChart(progress.bySchool, req.tr), width: CHART_WIDTH, height: barChartHeight(progress.bySchool.length) });
    return buildXlsx(progress, ctx, charts);
  },
  docx: async ({ db, req, progress, ctx, today, sections }: BuildInput) => {
    const points = await loadDoneOverTime(db, { roadmapId: req.roadmapId, ...(req.schoolIds ? { schoolIds: req.schoolIds } : {}) });
    return buildDocx(progress, ctx, {
      sections: sections(),
      overTime: { png: doneOverTimeChart(points, req.tr, { total: progress.totals.total - progress.totals.cancelled, until: today }), width: CHART_WIDTH, height: LINE_CHART_HEIGHT },
    });
  },
} satisfies Record<ExportFormat, (input: BuildInput) => Promise<Buffer>>;

export { RoadmapNotFound };
export { linkedFiles } from "./common.ts";
export class NothingToExport extends Error {
  constructor(
    readonly roadmapTitle: string,
    readonly narrowed: boolean,
  ) {
    super(`nothing to export in roadmap «${roadmapTitle}»${narrowed ? " for these schools" : ""}`);
  }
}

export interface ExportRequest {
  roadmapId: number;
  formats: readonly ExportFormat[];
  tr: Translator;
  now: Date;
  dataDir: string;
  /** a curator's schools; omitted for the whole roadmap */
  schoolIds?: number[];
  /** link evidence files to this folder next to the export (the caller copies them: see linkedFiles) */
  filesDir?: string;
}

interface ExportFile {
  format: ExportFormat;
  fileName: string;
  buffer: Buffer;
}

export interface ExportOutcome {
  progress: Progress;
  today: string;
  files: ExportFile[];
}

export async function exportRoadmap(db: Db, req: ExportRequest): Promise<ExportOutcome> {
  const head = await db.roadmap.findUnique({ where: { id: req.roadmapId }, select: { timezone: true } });
  if (!head) throw new RoadmapNotFound(`roadmap ${req.roadmapId} not found`);
  // "Today" is the roadmap's own local day: an item due today is not overdue in Yakutsk at 23:00 UTC.
  const today = DateTime.fromJSDate(req.now, { zone: head.timezone }).toISODate()!;
  const progress = await loadProgress(db, { roadmapId: req.roadmapId, today, ...(req.schoolIds ? { schoolIds: req.schoolIds } : {}) });
  if (progress.rows.length === 0) throw new NothingToExport(progress.roadmap.title, req.schoolIds !== undefined);

  const schoolNames = req.schoolIds
    ? (await db.organization.findMany({ where: { id: { in: req.schoolIds } }, select: { name: true }, orderBy: { name: "asc" } })).map((o) => o.name)
    : null;
  const ctx: ExportContext = { tr: req.tr, today, dataDir: req.dataDir, schoolNames, filesDir: req.filesDir ?? null };
  // the section chart goes into both files: render it once
  let sectionChart: { png: Buffer; width: number; height: number } | null = null;
  const sections = () => (sectionChart ??= { png: progressChart(progress.bySection, req.tr), width: CHART_WIDTH, height: barChartHeight(progress.bySection.length) });
  const files: ExportFile[] = [];
  for (const format of req.formats) {
    const buffer = await BUILDERS[format]({ db, req, progress, ctx, today, sections });
    files.push({ format, fileName: exportFileName(req.roadmapId, today, format), buffer });
  }
  return { progress, today, files };
}
