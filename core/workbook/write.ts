import type ExcelJS from "exceljs";
import type { ImportResult } from "../types.ts";
import { UNREAD_DEADLINE } from "../deadline/parse.ts";
import { loadExcelJs } from "../readers/xlsx.ts";
import { COLUMNS, HEADER, ITEMS_SHEET, ROADMAP_FIELDS, ROADMAP_SHEET, STORED_SHEET, responsibleCell, warningField, type ItemField, type RoadmapField } from "./layout.ts";

// An ImportResult → the canonical roadmap workbook: the items on the first sheet (doubtful cells
// filled yellow, the warning as the cell's note), the roadmap's fields on the second, and on a hidden
// third sheet the result as understood, so a cell the coordinator leaves alone reads back exactly
// as it was (a parse of the written text could differ in a detail: a guessed year, a party's position).

export interface WorkbookOptions {
  /** the roadmap's stored identity (services/roadmap-store roadmapIdentity): re-importing updates that roadmap */
  identity: string | null;
  /** the saved roadmap's id, for people: «Номер карты в Вехе» */
  roadmapId?: number | null;
}

const DOUBT_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } };
const WIDTHS: Record<ItemField, number> = { key: 9, section: 28, number: 7, title: 60, deadline: 22, responsible: 36, result: 36, evidence: 30 };
/** under Excel's 32,767 characters a cell */
const CHUNK = 30_000;

export async function writeWorkbook(result: ImportResult, opts: WorkbookOptions): Promise<Buffer> {
  const wb = new (await loadExcelJs()).Workbook();
  wb.creator = "Веха";
  writeItems(wb.addWorksheet(ITEMS_SHEET, { views: [{ state: "frozen", ySplit: 1 }] }), result);
  writeRoadmap(wb.addWorksheet(ROADMAP_SHEET), result, opts);
  const stored = wb.addWorksheet(STORED_SHEET);
  stored.state = "veryHidden";
  const json = JSON.stringify({ version: 1, result });
  for (let i = 0, row = 1; i < json.length; i += CHUNK, row++) stored.getCell(row, 1).value = json.slice(i, i + CHUNK);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function writeItems(ws: ExcelJS.Worksheet, result: ImportResult): void {
  ws.columns = COLUMNS.map((f) => ({ width: WIDTHS[f], style: { alignment: { wrapText: true, vertical: "top" } } }));
  // keys and numbers stay text when someone types «1.10» or «17» into them
  ws.getColumn(1).numFmt = "@";
  ws.getColumn(3).numFmt = "@";
  const header = ws.addRow([...HEADER]);
  header.font = { bold: true };
  const doubts = new Map<string, string[]>();
  const doubt = (key: string, field: ItemField, message: string) => {
    const at = `${key}\u0000${field}`;
    doubts.set(at, [...(doubts.get(at) ?? []), message]);
  };
  for (const w of result.warnings) if (w.item !== null) doubt(w.item, warningField(w.message), w.message);
  for (const item of result.items) {
    if (item.responsible.length === 0 && !doubts.has(`${item.key}\u0000responsible`)) doubt(item.key, "responsible", "ответственный не указан");
    if (item.deadline.kind === "unknown" && !doubts.has(`${item.key}\u0000deadline`)) doubt(item.key, "deadline", UNREAD_DEADLINE);
  }
  for (const item of result.items) {
    const values: Record<ItemField, string> = {
      key: item.key,
      section: item.section ?? "",
      number: item.number ?? "",
      title: item.title,
      deadline: item.deadline.text,
      responsible: responsibleCell(item),
      result: item.result ?? "",
      evidence: item.evidence ?? "",
    };
    const row = ws.addRow(COLUMNS.map((f) => values[f]));
    COLUMNS.forEach((f, i) => {
      const notes = doubts.get(`${item.key}\u0000${f}`);
      if (!notes) return;
      const cell = row.getCell(i + 1);
      cell.fill = DOUBT_FILL;
      cell.note = [...new Set(notes)].join("\n");
    });
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: HEADER.length } };
}

/** How the second sheet shows each roadmap field (the reader parses the same forms back). */
function roadmapValues(result: ImportResult, opts: WorkbookOptions): Record<RoadmapField, string> {
  const r = result.roadmap;
  return {
    title: r.title,
    orderNumber: r.orderNumber ?? "",
    orderDate: r.orderDate ? r.orderDate.split("-").reverse().join(".") : "",
    authority: r.authority ?? "",
    timezone: r.timezone,
    controller: r.controller ?? "",
    years: r.years.join(", "),
    schools: r.schools.join("\n"),
    curators: curatorsText(r.curators),
    identity: opts.identity ?? "",
    roadmapId: opts.roadmapId ? String(opts.roadmapId) : "",
  };
}

export function curatorsText(curators: ImportResult["roadmap"]["curators"]): string {
  return curators.map((c) => `${c.school} — ${c.curator}`).join("\n");
}

function writeRoadmap(ws: ExcelJS.Worksheet, result: ImportResult, opts: WorkbookOptions): void {
  ws.columns = [
    { width: 24, style: { alignment: { vertical: "top" } } },
    { width: 90, style: { alignment: { wrapText: true, vertical: "top" } } },
  ];
  ws.getColumn(2).numFmt = "@";
  const values = roadmapValues(result, opts);
  for (const [field, label] of ROADMAP_FIELDS) {
    const row = ws.addRow([label, values[field]]);
    row.getCell(1).font = { bold: true };
  }
  const general = result.warnings.filter((w) => w.item === null).map((w) => w.message);
  if (general.length) {
    const cell = ws.getCell(1, 2);
    cell.fill = DOUBT_FILL;
    cell.note = [...new Set(general)].join("\n");
  }
}
