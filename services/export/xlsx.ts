import ExcelJS from "exceljs";
import { DateTime } from "luxon";
import { formatDate } from "../format.ts";
import { BUCKETS, bucketOf, type Bucket, type Progress, type ProgressCounts } from "../progress.ts";
import { evidenceLink, executorText, isoToDate, shownEvidence, statusWord, verificationText, xmlSafe, type ExportContext } from "./common.ts";

// The monitoring table as the office sends it upward: the roadmap's own columns first
// (№, мероприятие, результат, срок, ответственный), then what the chat collected.
// One row per assignment: an item fanned out to schools gets a row per school.

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

/** Excel refuses sheet names over 31 characters or with []:*?/\ */
function sheetName(s: string): string {
  return s.replace(/[[\]:*?/\\]/g, " ").slice(0, 31);
}

function itemsSheet(wb: ExcelJS.Workbook, p: Progress, ctx: ExportContext): void {
  const { tr } = ctx;
  const maxEvidence = Math.min(MAX_EVIDENCE_COLUMNS, Math.max(1, ...p.rows.map((r) => shownEvidence(r).length)));
  // The first piece of evidence fills «Подтверждение»; more go to extra columns, each its own link.
  const columns = [...COLUMNS];
  for (let i = 2; i <= maxEvidence; i++) columns.splice(columns.findIndex((c) => c.id === "verification"), 0, { id: `evidence-${i}`, width: 30, wrap: true });
  const header = columns.map((c) => (c.id.startsWith("evidence-") ? `${tr.t("export-col-evidence")} ${c.id.slice("evidence-".length)}` : tr.t(`export-col-${c.id}`)));

  const ws = wb.addWorksheet(sheetName(tr.t("export-sheet-items")), { views: [{ state: "frozen", ySplit: 1, xSplit: 2 }] });
  ws.columns = columns.map((c) => ({ key: c.id, width: c.width }));
  const head = ws.addRow(header);
  head.font = { bold: true };
  head.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  head.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.border = THIN;
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };

  const col = (id: string) => columns.findIndex((c) => c.id === id) + 1;
  for (const r of p.rows) {
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
    row.alignment = { vertical: "top", wrapText: true };
    for (const c of columns) {
      const cell = row.getCell(col(c.id));
      cell.border = THIN;
      if (c.date) cell.numFmt = DATE_FORMAT;
      if (c.id === "evidence" || c.id.startsWith("evidence-")) {
        if (cell.value && typeof cell.value === "object" && "hyperlink" in cell.value) cell.font = { color: { argb: "FF1565C0" }, underline: true };
      }
    }
    row.getCell(col("status")).fill = { type: "pattern", pattern: "solid", fgColor: { argb: STATUS_FILL[bucketOf(r)] } };
  }
}

/** Every piece of evidence, one per row: the complete list the items sheet points to. */
function evidenceSheet(wb: ExcelJS.Workbook, p: Progress, ctx: ExportContext): void {
  const { tr } = ctx;
  const ws = wb.addWorksheet(sheetName(tr.t("export-sheet-evidence")), { views: [{ state: "frozen", ySplit: 1 }] });
  const ids = ["key", "number", "title", "school", "executor", "evidence-date", "evidence", "evidence-status"] as const;
  ws.columns = [8, 7, 50, 30, 22, 13, 50, 16].map((width) => ({ width }));
  const head = ws.addRow(ids.map((id) => tr.t(`export-col-${id}`)));
  head.font = { bold: true };
  head.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  head.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.border = THIN;
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ids.length } };
  for (const r of p.rows) {
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
      row.alignment = { vertical: "top", wrapText: true };
      row.eachCell({ includeEmpty: true }, (cell) => (cell.border = THIN));
      row.getCell(6).numFmt = DATE_FORMAT;
      if (link.target) row.getCell(7).font = { color: { argb: "FF1565C0" }, underline: true };
    }
  }
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

function countTable(ws: ExcelJS.Worksheet, ctx: ExportContext, title: string, groups: Array<{ name: string; counts: ProgressCounts }>, total: ProgressCounts | null): void {
  ws.addRow([]);
  const t = ws.addRow([title]);
  t.font = { bold: true, size: 12 };
  const head = ws.addRow(countHeader(ctx));
  head.font = { bold: true };
  head.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  head.eachCell((cell, n) => {
    cell.fill = n >= 3 && n <= 2 + BUCKETS.length ? { type: "pattern", pattern: "solid", fgColor: { argb: STATUS_FILL[BUCKETS[n - 3]!] } } : HEADER_FILL;
    cell.border = THIN;
  });
  const add = (name: string, c: ProgressCounts, bold = false) => {
    const row = ws.addRow([xmlSafe(name), ...COUNT_COLUMNS.map((k) => c[k])]);
    row.alignment = { vertical: "top", wrapText: true };
    if (bold) row.font = { bold: true };
    row.eachCell((cell) => (cell.border = THIN));
  };
  for (const g of groups) add(g.name, g.counts);
  if (total) add(ctx.tr.t("export-summary-total"), total, true);
}

export interface SheetChart {
  png: Buffer;
  width: number;
  height: number;
}

/** Charts below the tables, 800 px wide; a default row is 20 px high. */
function addCharts(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet, charts: SheetChart[]): void {
  let row = ws.rowCount + 2;
  for (const c of charts) {
    const width = 800;
    const height = Math.round((c.height * width) / c.width);
    const id = wb.addImage({ buffer: c.png as unknown as ExcelJS.Buffer, extension: "png" });
    ws.addImage(id, { tl: { col: 0, row }, ext: { width, height } });
    row += Math.ceil(height / 20) + 1;
  }
}

function summarySheet(wb: ExcelJS.Workbook, p: Progress, ctx: ExportContext, charts: SheetChart[]): void {
  const { tr } = ctx;
  const ws = wb.addWorksheet(sheetName(tr.t("export-sheet-summary")));
  ws.columns = [{ width: 60 }, ...COUNT_COLUMNS.map(() => ({ width: 13 }))];
  const title = ws.addRow([xmlSafe(tr.t("export-summary-title", { title: p.roadmap.title }))]);
  title.font = { bold: true, size: 14 };
  ws.addRow([tr.t("export-summary-date", { date: formatDate(tr, ctx.today) })]);
  if (ctx.schoolNames) ws.addRow([xmlSafe(tr.t("export-summary-scope", { schools: ctx.schoolNames.join("; ") }))]);
  countTable(
    ws,
    ctx,
    tr.t("export-summary-by-section"),
    p.bySection.map((s) => ({ name: s.title ?? tr.t("export-no-section"), counts: s.counts })),
    p.totals,
  );
  if (p.bySchool.length > 0) countTable(ws, ctx, tr.t("export-summary-by-school"), p.bySchool.map((s) => ({ name: s.name, counts: s.counts })), null);
  addCharts(wb, ws, charts);
}

/** The monitoring workbook: sheet 1 the rows, sheet 2 the counts per section and per school. */
export async function buildXlsx(p: Progress, ctx: ExportContext, charts: SheetChart[] = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Веха";
  wb.created = new Date(`${ctx.today}T00:00:00Z`);
  itemsSheet(wb, p, ctx);
  summarySheet(wb, p, ctx, charts);
  evidenceSheet(wb, p, ctx);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
