import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { DateTime } from "luxon";
import type { Prisma } from "@prisma/client";
import type { Db } from "../db.ts";
import type { Translator } from "../i18n.ts";
import { byPages, PAGE } from "../paging.ts";
import { barChartHeight, CHART_WIDTH, doneOverTimeChart, LINE_CHART_HEIGHT, progressChart, schoolsChart } from "../charts.ts";
import { loadDoneOverTime, maxShownEvidence, openProgress, RoadmapNotFound, SHOWN_EVIDENCE, type ProgressPages, type ProgressSummary } from "../progress.ts";
import { exportFileName, LinkedFiles, type ExportContext, type ExportFormat, type LinkedFile } from "./common.ts";
export { EXPORT_FORMATS } from "./common.ts";
import { writeXlsx, type RowPages } from "./xlsx.ts";

// One entry point for the CLI and the chat: load the figures once, write the files.
// The rows are never all in memory: each format reads them from the database a page at a time
// (services/progress.ts openProgress) and the .xlsx is streamed to its file as they come.

/** What a format's writer gets: the figures loaded once, the rows in pages, the section chart rendered once for all formats. */
interface WriteInput {
  db: Db;
  req: ExportRequest;
  progress: ProgressPages;
  ctx: ExportContext;
  today: string;
  sections: () => { png: Buffer; width: number; height: number };
  /** the stored files the export links to (collected while the rows are read) */
  linked: LinkedFiles;
}

interface Written {
  rows: number;
  /** the .docx: its lists were cut short (common.ts NOTE_LIST_MAX) */
  capped?: boolean;
}

const HAS_EVIDENCE: Prisma.AssignmentWhereInput = { evidence: { some: SHOWN_EVIDENCE } };

/** The rows of `progress` in pages, each page's linked files noted on the way. */
function rowPages(progress: ProgressPages, linked: LinkedFiles): RowPages {
  return async function* (only) {
    for await (const page of progress.pages(only === "evidence" ? HAS_EVIDENCE : undefined)) {
      linked.add(page);
      yield page;
    }
  };
}

/** How each format's file is written (the formats: EXPORT_FORMATS in ./common.ts, which the CLI and /export read). */
const WRITERS = {
  xlsx: async (file: string, { db, req, progress, ctx, sections, linked }: WriteInput): Promise<Written> => {
    const { summary } = progress;
    const charts = [sections()];
    if (summary.bySchool.length > 0) charts.push({ png: schoolsChart(summary.bySchool, req.tr), width: CHART_WIDTH, height: barChartHeight(summary.bySchool.length) });
    const most = await maxShownEvidence(db, { roadmapId: req.roadmapId, ...(req.schoolIds ? { schoolIds: req.schoolIds } : {}) });
    return writeXlsx(file, { summary, pages: rowPages(progress, linked), maxShownEvidence: most, charts }, ctx);
  },
  docx: async (file: string, { db, req, progress, ctx, today, sections, linked }: WriteInput): Promise<Written> => {
    const { summary } = progress;
    // the docx library (about 9 MB once loaded) on the first .docx: an instance that never writes one never holds it
    const { buildDocx, NoteLists } = await import("./docx.ts");
    const lists = new NoteLists();
    let rows = 0;
    for await (const page of rowPages(progress, linked)()) {
      lists.add(page);
      rows += page.length;
      // a turn of the event loop per page: the bot keeps answering, and V8 collects the page read
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    const points = await loadDoneOverTime(db, { roadmapId: req.roadmapId, ...(req.schoolIds ? { schoolIds: req.schoolIds } : {}) });
    const buffer = await buildDocx(summary, lists, ctx, {
      sections: sections(),
      overTime: { png: doneOverTimeChart(points, req.tr, { total: summary.totals.total - summary.totals.cancelled, until: today }), width: CHART_WIDTH, height: LINE_CHART_HEIGHT },
    });
    await fs.writeFile(file, buffer);
    return { rows, capped: lists.capped };
  },
} satisfies Record<ExportFormat, (file: string, input: WriteInput) => Promise<Written>>;

export { RoadmapNotFound };
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

interface WrittenFile {
  format: ExportFormat;
  fileName: string;
  /** where it was written */
  path: string;
  bytes: number;
  /** the .docx: its lists of overdue and done work were cut short (the .xlsx has every row) */
  capped: boolean;
}

export interface WrittenExport {
  summary: ProgressSummary;
  today: string;
  /** rows of the .xlsx (or of the note, when only the note was written) */
  rows: number;
  files: WrittenFile[];
  /** the stored evidence files the reports link to (what goes into their files folder) */
  linked: LinkedFile[];
}

export interface WriteOptions {
  /** where each format's file goes; default: `dir`/<its file name> */
  fileFor?: (format: ExportFormat, fileName: string) => string;
  /** a folder for the files (when fileFor is not given) */
  dir?: string;
  /** called once the figures are known, before the rows are read (the chat says a big export takes a while) */
  onSummary?: (summary: ProgressSummary) => Promise<void> | void;
}

/** The schools' names in the database's order; a long list a page at a time (then sorted here). */
async function namesOf(db: Db, ids: number[]): Promise<string[]> {
  const read = (page: number[]) => db.organization.findMany({ where: { id: { in: page } }, select: { name: true }, orderBy: { name: "asc" } });
  if (ids.length <= PAGE) return (await read(ids)).map((o) => o.name);
  return (await byPages(ids, read)).map((o) => o.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Writes the export's files (one per format) and says what is in them. */
export async function writeExport(db: Db, req: ExportRequest, opts: WriteOptions): Promise<WrittenExport> {
  const head = await db.roadmap.findUnique({ where: { id: req.roadmapId }, select: { timezone: true } });
  if (!head) throw new RoadmapNotFound(`roadmap ${req.roadmapId} not found`);
  // "Today" is the roadmap's own local day: an item due today is not overdue in Yakutsk at 23:00 UTC.
  const today = DateTime.fromJSDate(req.now, { zone: head.timezone }).toISODate()!;
  const progress = await openProgress(db, { roadmapId: req.roadmapId, today, ...(req.schoolIds ? { schoolIds: req.schoolIds } : {}) });
  const { summary } = progress;
  if (summary.totals.total === 0) throw new NothingToExport(summary.roadmap.title, req.schoolIds !== undefined);
  await opts.onSummary?.(summary);

  const schoolNames = req.schoolIds ? await namesOf(db, req.schoolIds) : null;
  const ctx: ExportContext = { tr: req.tr, today, dataDir: req.dataDir, schoolNames, filesDir: req.filesDir ?? null };
  // the section chart goes into both files: render it once
  let sectionChart: { png: Buffer; width: number; height: number } | null = null;
  const sections = () => (sectionChart ??= { png: progressChart(summary.bySection, req.tr), width: CHART_WIDTH, height: barChartHeight(summary.bySection.length) });
  const files: WrittenFile[] = [];
  let rows = 0;
  // every format reads the rows afresh; the linked files are the same each time
  let linked = new LinkedFiles();
  for (const format of req.formats) {
    const fileName = exportFileName(req.roadmapId, today, format);
    const file = opts.fileFor ? opts.fileFor(format, fileName) : path.join(opts.dir ?? ".", fileName);
    linked = new LinkedFiles();
    const out = await WRITERS[format](file, { db, req, progress, ctx, today, sections, linked });
    if (format === "xlsx" || files.length === 0) rows = out.rows;
    files.push({ format, fileName, path: file, bytes: (await fs.stat(file)).size, capped: out.capped ?? false });
  }
  return { summary, today, rows, files, linked: linked.list() };
}

interface ExportFile {
  format: ExportFormat;
  fileName: string;
  buffer: Buffer;
}

export interface ExportOutcome {
  summary: ProgressSummary;
  today: string;
  rows: number;
  files: ExportFile[];
}

/** The export's files in memory: for small exports and tests (the CLI and the chat send files from disk: writeExport). */
export async function exportRoadmap(db: Db, req: ExportRequest): Promise<ExportOutcome> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "vekha-export-"));
  try {
    const out = await writeExport(db, req, { dir });
    const files = await Promise.all(out.files.map(async (f) => ({ format: f.format, fileName: f.fileName, buffer: await fs.readFile(f.path) })));
    return { summary: out.summary, today: out.today, rows: out.rows, files };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
