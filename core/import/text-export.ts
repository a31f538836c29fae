import type { DocumentBlock, SourceDocument, SourceTable, TableCell } from "../types.ts";
import { cleanCell, cleanParagraph } from "./markup.ts";
import { cellOfLine, isCellLine, isOneLineTable, isPipeRow, isPipeSeparator, oneLineCells, pipeCells, rowsOfCells } from "./text-tables.ts";
import { maxOf } from "../arrays.ts";

// A plain-text export of a Word document, or text a coordinator pasted → SourceDocument.
//   - a line with a tab is a table row, its tab-separated cells holding HTML or Markdown;
//   - consecutive table lines form one table; blank lines between them are page breaks inside the
//     table (the rows split there are merged back by the table importer), a prose line ends it;
//   - the same for a Markdown pipe table («| a | b |», its «|---|» line skipped), for cells each on its own
//     line ending in «|» (a blank line ends a row), and for a table flattened onto one line with « | »
//     (text-tables.ts finds the rows);
//   - any other non-blank line is a paragraph; a **bold** span left open runs on over the next lines
//     (multi-line headings), so it becomes one paragraph.

export function readTextExport(fileName: string, text: string): SourceDocument {
  const lines = text.replace(/^\ufeff/, "").split(/\r\n|\r|\n/);
  const blocks: DocumentBlock[] = [];
  let table: { rows: TableCell[][]; rowNumbers: number[]; kind: "tab" | "pipe" } | null = null;

  const closeTable = () => {
    if (table && table.rows.length) blocks.push({ type: "table", table: padded(table) });
    table = null;
  };
  const addRow = (kind: "tab" | "pipe", raw: string[], line: number) => {
    if (table && table.kind !== kind) closeTable();
    table ??= { rows: [], rowNumbers: [], kind };
    table.rows.push(raw.map((c) => ({ text: cleanCell(c) })));
    table.rowNumbers.push(line);
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.includes("\t")) {
      // cells copied from Excel: a cell with a line break comes in quotes over several lines
      let cells = tabCells(line);
      let end = i;
      for (let raw = line; cells === null && end + 1 < lines.length && end - i < 50 && quoteGoesOn(lines[end + 1]!); ) cells = tabCells((raw += `\n${lines[++end]!}`));
      addRow("tab", cells ?? line.split("\t"), i + 1);
      if (cells) i = end;
      continue;
    }
    if (isPipeSeparator(line)) continue;
    const open = table as { kind: string } | null; // (assigned in the closures above)
    // (a Markdown table's rows may go without the outer pipes once its «---|---» line has been seen)
    const inPipeTable = (open?.kind === "pipe" && /(?<!\\)\|/.test(line)) || (line.includes("|") && isPipeSeparator(lines[i + 1] ?? ""));
    if (!inPipeTable && isOneLineTable(line)) {
      closeTable();
      const rows = rowsOfCells(oneLineCells(line));
      blocks.push({ type: "table", table: padded({ rows: rows.map((r) => r.map((c) => ({ text: cleanCell(c) }))), rowNumbers: rows.map(() => i + 1) }) });
      continue;
    }
    if (inPipeTable || isPipeRow(line)) {
      addRow("pipe", pipeCells(line), i + 1);
      continue;
    }
    if (!line.trim()) continue; // blank: a paragraph gap or a page break inside a table
    // a merged section row pasted without its tabs («2. Работа с кадрами») between rows of the table
    if (open?.kind === "tab" && isSectionLine(line) && nextFilled(lines, i)?.includes("\t")) {
      addRow("tab", [line], i + 1);
      continue;
    }
    closeTable();
    if (isCellLine(line) && isCellLine(lines[i + 1] ?? "")) {
      i = readCellLines(lines, i, blocks) - 1;
      continue;
    }
    let raw = line;
    const first = i;
    while (openBold(raw) && i + 1 < lines.length && lines[i + 1]!.trim() && !lines[i + 1]!.includes("\t")) {
      i++;
      raw += `\n${lines[i]!}`;
    }
    const clean = cleanParagraph(raw);
    if (clean) blocks.push({ type: "paragraph", text: clean, line: first + 1 });
  }
  closeTable();
  return { fileName, format: "txt", blocks };
}

/** «2. Работа с педагогическими кадрами», «II. Основной этап», «Раздел 3. …», «2024 год»: a short heading, not prose. */
function isSectionLine(line: string): boolean {
  const t = line.trim();
  if (t.length > 200 || /[.;:]$/.test(t)) return false;
  return /^(?:(?:\d{1,2}|[IVXLC]+)\.?\s+[А-ЯЁ«"]|(?:раздел|этап|часть|блок)\s+\S|(?:19|20)\d\d\s*(?:год|г\.?)\s*$)/i.test(t);
}

function nextFilled(lines: string[], i: number): string | undefined {
  for (let j = i + 1; j < lines.length; j++) if (lines[j]!.trim()) return lines[j];
  return undefined;
}

/**
 * Cells each on a line of its own ending in «|», from line `from`: a blank line ends a row; with no blank
 * lines at all the rows are found from the column of item numbers. Returns the line after the table.
 */
function readCellLines(lines: string[], from: number, blocks: DocumentBlock[]): number {
  const rows: Array<{ cells: string[]; line: number }> = [];
  let current: { cells: string[]; line: number } | null = null;
  let blankRows = false;
  let i = from;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.trim()) {
      if (current) blankRows = true;
      current = null;
      continue;
    }
    if (!isCellLine(line)) break;
    if (!current) rows.push((current = { cells: [], line: i + 1 }));
    current.cells.push(cellOfLine(line));
  }
  const grouped = blankRows ? rows : rowsOfCells(rows.flatMap((r) => r.cells)).map((cells) => ({ cells, line: from + 1 }));
  const table = { rows: grouped.map((r) => r.cells.map((c) => ({ text: cleanCell(c) }))), rowNumbers: grouped.map((r) => r.line) };
  if (table.rows.length) blocks.push({ type: "table", table: padded(table) });
  return i;
}

/** A line inside a quoted cell: no tab before the quote that closes it. */
function quoteGoesOn(line: string): boolean {
  const tab = line.indexOf("\t");
  const quote = line.indexOf('"');
  return tab < 0 || (quote >= 0 && quote < tab);
}

/**
 * A tab-separated row whose cells may be quoted as Excel copies them («"Анализ\nрезультатов"», «""» for a
 * quote inside); null while a quoted cell is still open at the end of the text.
 */
function tabCells(raw: string): string[] | null {
  if (!raw.includes('"')) return raw.split("\t");
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    if (raw[i] === '"') {
      let j = i + 1;
      let text = "";
      for (;;) {
        const q = raw.indexOf('"', j);
        if (q < 0) return null;
        text += raw.slice(j, q);
        if (raw[q + 1] === '"') {
          text += '"';
          j = q + 2;
          continue;
        }
        j = q + 1;
        break;
      }
      if (j < raw.length && raw[j] !== "\t") {
        // a quote that only opens the words («"Точка роста" в школах»): the cell as written
        const tab = raw.indexOf("\t", j);
        text = raw.slice(i, tab < 0 ? raw.length : tab);
        j = tab < 0 ? raw.length : tab;
      }
      cells.push(text);
      i = j;
    } else {
      const tab = raw.indexOf("\t", i);
      cells.push(raw.slice(i, tab < 0 ? raw.length : tab));
      i = tab < 0 ? raw.length : tab;
    }
    if (i >= raw.length) return cells;
    i++; // past the tab
    if (i === raw.length) return [...cells, ""];
  }
}

/** An odd number of `**` marks: the bold span goes on to the next line. */
function openBold(s: string): boolean {
  return ((s.match(/\*\*/g)?.length ?? 0) & 1) === 1;
}

/** Every row as wide as the widest, like the other readers give. */
function padded(t: { rows: TableCell[][]; rowNumbers: number[] }): SourceTable {
  const width = maxOf(t.rows.map((r) => r.length));
  for (const r of t.rows) while (r.length < width) r.push({ text: "" });
  return { rows: t.rows, rowNumbers: t.rowNumbers };
}
