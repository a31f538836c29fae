import fs from "node:fs";
import type ExcelJS from "exceljs";
import { DateTime } from "luxon";
import { loadExcelJs } from "../../core/readers/xlsx.ts";
import { formatDate } from "../format.ts";
import { BUCKETS, bucketOf, type Bucket, type ProgressCounts, type ProgressRow, type ProgressSummary } from "../progress.ts";
import { evidenceLink, executorText, isoToDate, shownEvidence, statusWord, verificationText, xmlSafe, type ExportContext } from "./common.ts";

// The monitoring table as the office sends it upward: the roadmap's own columns first
// (№, мероприятие, результат, срок, ответственный), then what the chat collected.
// One row per assignment: an item fanned out to schools gets a row per school.
//
// Written with exceljs' streaming WorkbookWriter straight to a file: each row is committed (written
// and compressed) as soon as it is made, the rows come from the database a page at a time, so
// memory stays flat whatever the number of rows (100,000 for a region). Sheets are written one
// after the other (a zip entry at a time): the rows, the summary, then the evidence in a second
// read of the pages that have any. The streaming writer cannot place pictures; the summary's
// charts are put in as the drawing part the in-memory writer makes (see placeCharts).

/** Light fills for the status cell (ARGB), matching the chart colours. */
const STATUS_FILL: Record<Bucket, string> = {
  done: "FFC8E6C9",
  submitted: "FFBBDEFB",
  inProgress: "FFFFF59D",
  notStarted: "FFECEFF1",
  overdue: "FFFFCDD2",
  returned: "FFFFE0B2",
  postponed: "FFE1BEE7",
  cancelled: "FFF5F5F5",
};

const DATE_FORMAT = "dd.mm.yyyy";
/** A weekly check-in item may collect dozens of files: the items sheet shows the latest three. */
const MAX_EVIDENCE_COLUMNS = 3;

function clean(v: ExcelJS.CellValue): ExcelJS.CellValue {
  if (typeof v === "string") return xmlSafe(v);
  if (v && typeof v === "object" && "hyperlink" in v) return { ...v, text: xmlSafe(v.text) };
  return v;
}

interface Column {
  id: string;
  width: number;
  wrap?: boolean;
  date?: boolean;
}

const COLUMNS: Column[] = [
  { id: "number", width: 7 },
  { id: "title", width: 50, wrap: true },
  { id: "result", width: 36, wrap: true },
  { id: "deadline", width: 18, wrap: true },
  { id: "responsible", width: 28, wrap: true },
  { id: "key", width: 8 },
  { id: "status", width: 14 },
  { id: "executor", width: 22, wrap: true },
  { id: "school", width: 30, wrap: true },
  { id: "due", width: 13, date: true },
  { id: "done", width: 13, date: true },
  { id: "evidence", width: 40, wrap: true },
  { id: "verification", width: 28, wrap: true },
  { id: "comment", width: 32, wrap: true },
];

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDE3EA" } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin", color: { argb: "FFBDBDBD" } },
  left: { style: "thin", color: { argb: "FFBDBDBD" } },
  bottom: { style: "thin", color: { argb: "FFBDBDBD" } },
  right: { style: "thin", color: { argb: "FFBDBDBD" } },
};

// The rows' styles, one object each, shared by every cell that has it: exceljs' style registry
// knows an object it has seen (a WeakMap) and skips working out its XML again, which is most of
// the time spent on a row. The objects are never changed after (no cell.font = … on a row).
const TOP: Partial<ExcelJS.Alignment> = { vertical: "top", wrapText: true };
const ROW_STYLE: Partial<ExcelJS.Style> = { alignment: TOP };
const CELL: Partial<ExcelJS.Style> = { alignment: TOP, border: THIN };
const CELL_DATE: Partial<ExcelJS.Style> = { ...CELL, numFmt: DATE_FORMAT };
const CELL_LINK: Partial<ExcelJS.Style> = { ...CELL, font: { color: { argb: "FF1565C0" }, underline: true } };
const CELL_STATUS = Object.fromEntries(Object.entries(STATUS_FILL).map(([bucket, argb]) => [bucket, { ...CELL, fill: { type: "pattern", pattern: "solid", fgColor: { argb } } }])) as Record<
  Bucket,
  Partial<ExcelJS.Style>
>;

/** The row's own style (exceljs has it, its types do not). */
function styleRow(row: ExcelJS.Row): void {
  (row as unknown as { style: Partial<ExcelJS.Style> }).style = ROW_STYLE;
}

/** Excel refuses sheet names over 31 characters or with []:*?/\ */
function sheetName(s: string): string {
  return s.replace(/[[\]:*?/\\]/g, " ").slice(0, 31);
}


/**
 * The streaming writer has no back-pressure: a committed row is queued in memory until the zip
 * compresses it, and that happens only when the event loop turns (zlib and the file are
 * asynchronous; SQLite answers without letting it turn). So after each page the writer waits until
 * what is queued for the sheet (exceljs' buffer, and the stream archiver reads it through) is
 * under a megabyte: memory stays flat however many rows follow.
 */
const MAX_QUEUED = 1 << 20;

/** archiver's PassThrough (readable-stream 2: no writableLength) */
interface Piped {
  _writableState?: { length: number };
  _readableState?: { length: number };
}

interface QueuedStream {
  buffers?: Array<{ length: number }>;
  pipes?: Piped[];
}

function queued(ws: Sheet): number {
  const s = (ws as unknown as { stream: QueuedStream }).stream;
  let n = 0;
  for (const b of s.buffers ?? []) n += b.length;
  for (const p of s.pipes ?? []) n += (p._writableState?.length ?? 0) + (p._readableState?.length ?? 0);
  return n;
}

async function drained(ws: Sheet): Promise<void> {
  // at least one turn of the event loop per page, more while the zip is behind
  do await new Promise((resolve) => setTimeout(resolve, 0));
  while (queued(ws) > MAX_QUEUED);
}

/** What the rows sheets read: the rows in document order, a page at a time (services/progress.ts openProgress). */
export type RowPages = (only?: "evidence") => AsyncIterable<ProgressRow[]>;

type Sheet = ExcelJS.Worksheet;

function styleHeader(row: ExcelJS.Row, fill: (n: number) => ExcelJS.Fill = () => HEADER_FILL): void {
  row.font = { bold: true };
  row.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  row.eachCell((cell, n) => {
    cell.fill = fill(n);
    cell.border = THIN;
  });
}

async function itemsSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, p: ProgressSummary, pages: RowPages, ctx: ExportContext, maxShown: number): Promise<number> {
  const { tr } = ctx;
  const maxEvidence = Math.min(MAX_EVIDENCE_COLUMNS, Math.max(1, maxShown));
  // The first piece of evidence fills «Подтверждение»; more go to extra columns, each its own link.
  const columns = [...COLUMNS];
  for (let i = 2; i <= maxEvidence; i++) columns.splice(columns.findIndex((c) => c.id === "verification"), 0, { id: `evidence-${i}`, width: 30, wrap: true });
  const header = columns.map((c) => (c.id.startsWith("evidence-") ? `${tr.t("export-col-evidence")} ${c.id.slice("evidence-".length)}` : tr.t(`export-col-${c.id}`)));

  const ws = wb.addWorksheet(sheetName(tr.t("export-sheet-items")), { views: [{ state: "frozen", ySplit: 1, xSplit: 2 }] });
  keepTooltips(ws);
  ws.columns = columns.map((c) => ({ key: c.id, width: c.width }));
  const head = ws.addRow(header);
  styleHeader(head);
  head.commit();
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };

  const col = (id: string) => columns.findIndex((c) => c.id === id) + 1;
  let written = 0;
  for await (const page of pages()) {
    for (const r of page) {
      // the latest few here; every piece is on the evidence sheet
      const evidence = shownEvidence(r)
        .slice(-MAX_EVIDENCE_COLUMNS)
        .map((e) => evidenceLink(tr, e, ctx));
      const values: Record<string, ExcelJS.CellValue> = {
        // a plain number sorts and filters as one; «2.1», «9а» stay text
        number: r.itemNumber && /^\d{1,6}$/.test(r.itemNumber) ? Number(r.itemNumber) : (r.itemNumber ?? ""),
        title: r.title,
        result: r.result ?? "",
        deadline: r.deadlineText ?? "",
        responsible: r.responsibleText ?? "",
        key: r.itemKey,
        status: statusWord(tr, r),
        executor: executorText(tr, r),
        school: r.school?.name ?? "",
        due: isoToDate(r.due),
        done: isoToDate(r.doneOn),
        verification: verificationText(tr, r, p.roadmap.timezone),
        comment: r.lastComment?.text ?? "",
      };
      evidence.forEach((e, i) => {
        values[i === 0 ? "evidence" : `evidence-${i + 1}`] = e.target ? { text: e.text, hyperlink: e.target, tooltip: e.target } : e.text;
      });
      const row = ws.addRow(columns.map((c) => clean(values[c.id] ?? "")));
      styleRow(row);
      for (const c of columns) {
        const cell = row.getCell(col(c.id));
        const link = (c.id === "evidence" || c.id.startsWith("evidence-")) && cell.value && typeof cell.value === "object" && "hyperlink" in cell.value;
        cell.style = c.date ? CELL_DATE : link ? CELL_LINK : CELL;
      }
      row.getCell(col("status")).style = CELL_STATUS[bucketOf(r)];
      row.commit();
      written++;
    }
    await drained(ws);
  }
  ws.commit();
  return written;
}

/** Every piece of evidence, one per row: the complete list the items sheet points to. */
async function evidenceSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, p: ProgressSummary, pages: RowPages, ctx: ExportContext): Promise<void> {
  const { tr } = ctx;
  const ws = wb.addWorksheet(sheetName(tr.t("export-sheet-evidence")), { views: [{ state: "frozen", ySplit: 1 }] });
  keepTooltips(ws);
  const ids = ["key", "number", "title", "school", "executor", "evidence-date", "evidence", "evidence-status"] as const;
  ws.columns = [8, 7, 50, 30, 22, 13, 50, 16].map((width) => ({ width }));
  const head = ws.addRow(ids.map((id) => tr.t(`export-col-${id}`)));
  styleHeader(head);
  head.commit();
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ids.length } };
  // only the assignments that have any: a second, narrower read
  for await (const page of pages("evidence")) {
    for (const r of page) {
      for (const e of shownEvidence(r)) {
        const link = evidenceLink(tr, e, ctx);
        const row = ws.addRow([
          r.itemKey,
          r.itemNumber ?? "",
          xmlSafe(r.title),
          xmlSafe(r.school?.name ?? ""),
          xmlSafe(executorText(tr, r)),
          isoToDate(DateTime.fromJSDate(e.createdAt, { zone: p.roadmap.timezone }).toISODate()),
          link.target ? { text: xmlSafe(link.text), hyperlink: link.target, tooltip: link.target } : xmlSafe(link.text),
          tr.t(`export-evidence-status-${e.status === "accepted" ? "accepted" : "submitted"}`),
        ]);
        styleRow(row);
        row.eachCell({ includeEmpty: true }, (cell, n) => (cell.style = n === 6 ? CELL_DATE : n === 7 && link.target ? CELL_LINK : CELL));
        row.commit();
      }
    }
    await drained(ws);
  }
  ws.commit();
}

const COUNT_COLUMNS = ["total", ...BUCKETS, "percentDone", "items", "itemsDone"] as const satisfies ReadonlyArray<keyof ProgressCounts>;

function countHeader(ctx: ExportContext): string[] {
  const { tr } = ctx;
  return [
    tr.t("export-summary-col-name"),
    ...COUNT_COLUMNS.map((k) => {
      if (k === "total") return tr.t("export-summary-col-total");
      if (k === "percentDone") return tr.t("export-summary-col-percent");
      if (k === "items") return tr.t("export-summary-col-items");
      if (k === "itemsDone") return tr.t("export-summary-col-items-done");
      return tr.t(`export-bucket-${k}`);
    }),
  ];
}

/** A sheet being written, and how many rows it has (the streaming writer commits them as they come). */
interface Writing {
  ws: Sheet;
  rows: number;
}

function add(w: Writing, values: ExcelJS.CellValue[]): ExcelJS.Row {
  w.rows++;
  return w.ws.addRow(values);
}

function countTable(w: Writing, ctx: ExportContext, title: string, groups: Array<{ name: string; counts: ProgressCounts }>, total: ProgressCounts | null): void {
  add(w, []).commit();
  const t = add(w, [title]);
  t.font = { bold: true, size: 12 };
  t.commit();
  const head = add(w, countHeader(ctx));
  styleHeader(head, (n) => (n >= 3 && n <= 2 + BUCKETS.length ? { type: "pattern", pattern: "solid", fgColor: { argb: STATUS_FILL[BUCKETS[n - 3]!] } } : HEADER_FILL));
  head.commit();
  const line = (name: string, c: ProgressCounts, bold = false) => {
    const row = add(w, [xmlSafe(name), ...COUNT_COLUMNS.map((k) => c[k])]);
    row.alignment = { vertical: "top", wrapText: true };
    if (bold) row.font = { bold: true };
    row.eachCell((cell) => (cell.border = THIN));
    row.commit();
  };
  for (const g of groups) line(g.name, g.counts);
  if (total) line(ctx.tr.t("export-summary-total"), total, true);
}

interface SheetChart {
  png: Buffer;
  width: number;
  height: number;
}

// ---- pictures on a streamed sheet ----
// exceljs' WorkbookWriter writes media files (addImage) but no drawing part placing them on a
// sheet. The drawing part below is what its in-memory writer produces for an image anchored by its
// top-left cell with a size in pixels (a oneCellAnchor); the sheet gets `<drawing r:id>` and a
// relationship to it, [Content_Types].xml an Override for it. Tied to exceljs 4.x internals
// (`zip`, `_sheetRelsWriter`, `_writeLegacyData`): test/export-stream.test.ts reads the charts back.

const EMU_PER_PX = 9525;
const REL_DRAWING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing";
const REL_IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image";

interface WriterInternals {
  zip: { append(source: string | Buffer, opts: { name: string }): unknown };
  getImage(id: number): { name: string };
}
interface SheetInternals {
  id: number;
  _sheetRelsWriter: {
    addRelationship(rel: { Target: string; Type: string }): string;
    _writeRelationship(rel: { Target: string; Type: string; TargetMode: string }): string;
    _hyperlinks: Array<{ rId: string; address: string; tooltip?: string }>;
    addHyperlink(h: { address: string; target: string; tooltip?: string }): void;
  };
  _writeLegacyData(): void;
  stream: { write(s: string): void };
}

/** The streaming writer drops a hyperlink's tooltip (the in-memory one keeps it): keep it. */
function keepTooltips(ws: Sheet): void {
  const rels = (ws as unknown as SheetInternals)._sheetRelsWriter;
  rels.addHyperlink = (h) => {
    const rId = rels._writeRelationship({ Target: h.target, Type: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink", TargetMode: "External" });
    rels._hyperlinks.push({ rId, address: h.address, ...(h.tooltip ? { tooltip: h.tooltip } : {}) });
  };
}

const xmlAttr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

function drawingXml(anchors: Array<{ rId: string; row: number; width: number; height: number }>): string {
  const pics = anchors.map(
    (a, i) =>
      `<xdr:oneCellAnchor editAs="oneCell"><xdr:from><xdr:col>0</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${a.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
      `<xdr:ext cx="${a.width * EMU_PER_PX}" cy="${a.height * EMU_PER_PX}"/><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="${i + 1}" name="Picture ${i + 1}"/><xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr>` +
      `<xdr:blipFill><a:blip xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:embed="${a.rId}" cstate="print"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>` +
      `<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/></xdr:oneCellAnchor>`,
  );
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">${pics.join("")}</xdr:wsDr>`;
}

function relsXml(rels: Array<{ id: string; type: string; target: string }>): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${xmlAttr(r.target)}"/>`).join("")}</Relationships>`;
}

/** Charts below the tables, 800 px wide; a default row is 20 px high. Call before the sheet is committed. */
function placeCharts(wb: ExcelJS.stream.xlsx.WorkbookWriter, w: Writing, charts: SheetChart[]): void {
  if (charts.length === 0) return;
  const writer = wb as unknown as WriterInternals;
  const sheet = w.ws as unknown as SheetInternals;
  const name = `drawing${sheet.id}`;
  let row = w.rows + 2;
  const anchors = charts.map((c, i) => {
    const width = 800;
    const height = Math.round((c.height * width) / c.width);
    const id = wb.addImage({ buffer: c.png as unknown as ExcelJS.Buffer, extension: "png" });
    const anchor = { rId: `rId${i + 1}`, media: writer.getImage(id).name, row, width, height };
    row += Math.ceil(height / 20) + 1;
    return anchor;
  });
  writer.zip.append(drawingXml(anchors), { name: `xl/drawings/${name}.xml` });
  writer.zip.append(relsXml(anchors.map((a) => ({ id: a.rId, type: REL_IMAGE, target: `../media/${a.media}` }))), { name: `xl/drawings/_rels/${name}.xml.rels` });
  // <drawing> goes where the schema wants it: after the page setup, before <legacyDrawing>
  const legacy = sheet._writeLegacyData.bind(sheet);
  sheet._writeLegacyData = () => {
    const rId = sheet._sheetRelsWriter.addRelationship({ Target: `../drawings/${name}.xml`, Type: REL_DRAWING });
    sheet.stream.write(`<drawing r:id="${rId}"/>`);
    legacy();
  };
  const append = writer.zip.append.bind(writer.zip);
  writer.zip.append = (source, opts) =>
    append(
      opts.name === "[Content_Types].xml"
        ? String(source).replace("</Types>", `<Override PartName="/xl/drawings/${name}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>`)
        : source,
      opts,
    );
}

function summarySheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, p: ProgressSummary, ctx: ExportContext, charts: SheetChart[]): void {
  const { tr } = ctx;
  const w: Writing = { ws: wb.addWorksheet(sheetName(tr.t("export-sheet-summary"))), rows: 0 };
  w.ws.columns = [{ width: 60 }, ...COUNT_COLUMNS.map(() => ({ width: 13 }))];
  const title = add(w, [xmlSafe(tr.t("export-summary-title", { title: p.roadmap.title }))]);
  title.font = { bold: true, size: 14 };
  title.commit();
  add(w, [tr.t("export-summary-date", { date: formatDate(tr, ctx.today) })]).commit();
  if (ctx.schoolNames) add(w, [xmlSafe(tr.t("export-summary-scope", { schools: ctx.schoolNames.join("; ") }))]).commit();
  countTable(
    w,
    ctx,
    tr.t("export-summary-by-section"),
    p.bySection.map((s) => ({ name: s.title ?? tr.t("export-no-section"), counts: s.counts })),
    p.totals,
  );
  if (p.bySchool.length > 0) countTable(w, ctx, tr.t("export-summary-by-school"), p.bySchool.map((s) => ({ name: s.name, counts: s.counts })), null);
  placeCharts(wb, w, charts);
  w.ws.commit();
}

export interface XlsxInput {
  summary: ProgressSummary;
  pages: RowPages;
  /** the most pieces of shown evidence on one row (services/progress.ts maxShownEvidence) */
  maxShownEvidence: number;
  charts: SheetChart[];
}

/**
 * The monitoring workbook, written to `file`: sheet 1 the rows, sheet 2 the counts per section and
 * per school with the charts, sheet 3 every piece of evidence. Returns the number of rows written.
 */
export async function writeXlsx(file: string, input: XlsxInput, ctx: ExportContext): Promise<{ rows: number }> {
  const out = fs.createWriteStream(file);
  const state: { failed: Error | null } = { failed: null };
  out.on("error", (e) => (state.failed ??= e));
  // a path that cannot be written fails here, before any row is read
  await new Promise<void>((resolve, reject) => {
    out.once("open", () => resolve());
    out.once("error", reject);
  });
  const wb = new (await loadExcelJs()).stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = "Веха";
  wb.created = new Date(`${ctx.today}T00:00:00Z`);
  try {
    const rows = await itemsSheet(wb, input.summary, input.pages, ctx, input.maxShownEvidence);
    summarySheet(wb, input.summary, ctx, input.charts);
    await evidenceSheet(wb, input.summary, input.pages, ctx);
    await wb.commit();
    if (state.failed) throw state.failed;
    return { rows };
  } catch (e) {
    out.destroy();
    // a write error (disk full) says more than what it broke downstream
    if (state.failed) throw state.failed;
    throw e;
  }
}
