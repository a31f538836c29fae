import type ExcelJS from "exceljs";
import type { DocumentBlock, SourceDocument, TableCell } from "../types.ts";
import { DocumentError } from "./errors.ts";
import { countTags, LIMITS, tooLarge } from "./limits.ts";
import { SafeZip } from "./zip.ts";

// .xlsx → per worksheet: the one-cell rows above its table as paragraphs (a title merged across the
// top, an order pasted in column A), then the table. Merged ranges follow the .docx rule: the top-left
// cell keeps the text; cells to its right in the same row are empty; the first column of each
// row below gets the text with `mergedFromAbove: true` (and the rest of that row's span is empty).

/** exceljs (about 20 MB once loaded) on the first workbook read: an instance that only chats and ticks never holds it */
export const loadExcelJs = async (): Promise<typeof ExcelJS> => (await import("exceljs")).default;

const MONTHS = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"];

export async function readXlsx(fileName: string, bytes: Buffer): Promise<SourceDocument> {
  checkSize(fileName, SafeZip.open(fileName, bytes));
  const wb = new (await loadExcelJs()).Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new DocumentError("unreadable", fileName, "the spreadsheet is damaged and cannot be read");
  }
  const blocks: DocumentBlock[] = [];
  for (const ws of wb.worksheets) {
    if (ws.state === "hidden" || ws.state === "veryHidden") continue;
    const rows: TableCell[][] = [];
    const rowNumbers: number[] = [];
    // only rows and columns that hold something: a sheet formatted down to row 1 048 576 is still small
    let width = 0;
    ws.eachRow((row) => row.eachCell((cell, c) => void (cellText(cell.isMerged ? cell.master : cell) && (width = Math.max(width, c)))));
    ws.eachRow((row, r) => {
      const cells: TableCell[] = [];
      for (let c = 1; c <= width; c++) cells.push(readCell(row.getCell(c)));
      if (cells.every((x) => !x.text)) return; // blank lines between blocks carry nothing
      rows.push(cells);
      rowNumbers.push(r);
    });
    // rows above the table that fill one cell (the order's text, a title merged across the top) are prose
    let lead = 0;
    while (lead < rows.length && rows[lead]!.filter((c) => c.text).length <= 1) lead++;
    for (let i = 0; i < lead; i++) {
      const text = rows[i]!.find((c) => c.text)?.text ?? "";
      blocks.push({ type: "paragraph", text, line: rowNumbers[i]! });
    }
    if (rows.length > lead) blocks.push({ type: "table", table: { rows: rows.slice(lead), rowNumbers: rowNumbers.slice(lead) } });
  }
  return { fileName, format: "xlsx", blocks };
}

/**
 * exceljs unpacks every part and builds an object per cell: before it does, every part is inflated under the
 * byte caps (declared sizes can lie) and the sheets' rows and cells are counted in their XML.
 */
function checkSize(fileName: string, zip: SafeZip): void {
  zip.checkAll();
  let rows = 0;
  let cells = 0;
  for (const name of zip.names()) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(name)) continue;
    const xml = zip.text(name) ?? "";
    rows += countTags(xml, "row", LIMITS.sheetRows - rows);
    if (rows > LIMITS.sheetRows) throw tooLarge(fileName, "sheetRows", LIMITS.sheetRows);
    // cells with a value (a number, a shared or an inline string): empty formatted ones cost little
    cells += countTags(xml, "v", LIMITS.cells - cells) + countTags(xml, "is", LIMITS.cells - cells);
    if (cells > LIMITS.cells) throw tooLarge(fileName, "cells", LIMITS.cells);
  }
}

function readCell(cell: ExcelJS.Cell): TableCell {
  if (cell.isMerged && cell.master.address !== cell.address) {
    const master = cell.master;
    const sameColumn = Number(master.col) === Number(cell.col);
    if (Number(master.row) === Number(cell.row)) return { text: "" };
    return sameColumn ? { text: cellText(master), mergedFromAbove: true } : { text: "" };
  }
  return { text: cellText(cell) };
}

/** What the office sees in the cell: dates as «15.06.2023» (or «июнь 2023» when formatted as a month). */
export function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  let raw: unknown = v;
  if (v && typeof v === "object" && "result" in v) raw = (v as { result?: unknown }).result; // formula
  if (raw instanceof Date) return dateText(raw, cell.numFmt ?? "");
  let text: string;
  if (raw === null || raw === undefined) text = "";
  else if (typeof raw === "object" && "richText" in raw) text = (raw as ExcelJS.CellRichTextValue).richText.map((p) => p.text).join("");
  else if (typeof raw === "object" && "text" in raw) text = String((raw as { text?: string | number | null }).text ?? "");
  else if (typeof raw === "object" && "error" in raw) text = "";
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a number, string or boolean by now: ExcelJS's object kinds are read above
  else text = String(raw);
  return text.replace(/\r\n?/g, "\n").replace(/[ \t\u00a0]+/g, " ").replace(/ *\n */g, "\n").trim();
}

function dateText(d: Date, numFmt: string): string {
  // exceljs gives spreadsheet dates as UTC midnights
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const day = d.getUTCDate();
  const fmt = numFmt.toLowerCase().replace(/"[^"]*"|\[[^\]]*\]/g, "");
  if (fmt && !fmt.includes("d") && fmt.includes("m") && fmt.includes("y")) return `${MONTHS[m]} ${y}`;
  return `${String(day).padStart(2, "0")}.${String(m + 1).padStart(2, "0")}.${y}`;
}
