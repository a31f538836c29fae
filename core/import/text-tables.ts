import { itemNumber } from "./keys.ts";
import { maxOf } from "../arrays.ts";

// Tables a coordinator pastes as text, besides tab-separated lines:
//   - a Markdown pipe table: «| № | Мероприятие | Срок |», a «|---|---|» line under the header;
//   - each cell on its own line ending in «|», rows apart by blank lines (or not at all);
//   - a whole table flattened onto one line with « | » between cells.
// The last two may lose where rows end: the row width is then found from the column of item numbers.

/** A line of a Markdown table: starts with «|», or has a «|» and a «---|---» line under it. */
export function isPipeRow(line: string): boolean {
  const t = line.trim();
  return t.length > 1 && t.startsWith("|") && t.indexOf("|", 1) > 0;
}

/** «|---|:---:|», «--- | ---»: the line under a Markdown header. */
export function isPipeSeparator(line: string): boolean {
  const t = line.trim();
  return /^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?$/.test(t) || /^\|\s*:?-+:?\s*\|$/.test(t);
}

/** The raw cells of one Markdown row (a «\|» inside a cell is not a border). */
export function pipeCells(line: string): string[] {
  let t = line.trim();
  if (t.startsWith("|")) t = t.slice(1);
  if (t.endsWith("|") && !t.endsWith("\\|")) t = t.slice(0, -1);
  return t.split(/(?<!\\)\|/).map((c) => c.trim());
}

/** «Анализ ВПР |», «|»: a cell standing on its own line. */
export function isCellLine(line: string): boolean {
  const t = line.trim();
  if (t === "|") return true; // an empty cell
  return t.endsWith("|") && !t.endsWith("\\|") && !t.startsWith("|") && !t.slice(0, -1).includes(" | ");
}

export const cellOfLine = (line: string) => line.trim().slice(0, -1).trim();

/**
 * A table flattened onto one line: at least six « | » separators, and not a Markdown row («| a | b |»);
 * a line that opens with «|» but does not close with one starts with an empty cell.
 */
export function isOneLineTable(line: string): boolean {
  const t = line.trim();
  if (t.startsWith("|") && t.endsWith("|")) return false;
  let n = 0;
  for (let i = t.indexOf(" | "); i >= 0 && n < 6; i = t.indexOf(" | ", i + 3)) n++;
  return n >= 6;
}

export function oneLineCells(line: string): string[] {
  const t = line.trim();
  const cells = t.replace(/\s*\|$/, "").split(/\s?(?<!\\)\|\s?/);
  return cells.map((c) => c.trim());
}

/**
 * Cells in reading order → rows, when nothing marks where a row ends. The width is the one whose column of
 * item numbers (going up) holds the most numbers — a width twice the true one finds half of them — and,
 * among those, numbers on the largest share of rows — half the true width finds them on every other row.
 * None found: one row.
 */
export function rowsOfCells(cells: string[]): string[][] {
  const width = rowWidth(cells);
  if (!width) return [cells];
  const rows: string[][] = [];
  for (let i = 0; i < cells.length; i += width) {
    const row = cells.slice(i, i + width);
    while (row.length < width) row.push("");
    rows.push(row);
  }
  return rows;
}

function rowWidth(cells: string[]): number | null {
  const n = cells.length;
  const found: Array<{ width: number; count: number; share: number }> = [];
  for (let w = 2; w <= Math.min(20, Math.floor(n / 2)); w++) {
    const rows = Math.ceil(n / w);
    for (let o = 0; o < w; o++) {
      let count = 0;
      let rising = 0;
      let last = -1;
      for (let k = 0; k < rows; k++) {
        const num = itemNumber(cells[k * w + o] ?? "");
        if (num === null) continue;
        count++;
        const first = Number(num.split(".")[0]);
        if (first >= last) rising++;
        last = first;
      }
      if (count >= 2 && rising >= count * 0.8) found.push({ width: w, count, share: count / rows });
    }
  }
  const most = Math.max(0, maxOf(found.map((f) => f.count)));
  const best = found.filter((f) => f.count >= most * 0.9 && f.share >= 0.3).sort((a, b) => b.share - a.share || a.width - b.width)[0];
  return best?.width ?? null;
}
