import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import type { SourceDocument, TableCell } from "../types.ts";
import { LIMITS, tooLarge } from "./limits.ts";

// .csv → one table. Offices save CSV from Excel: `;` in Russian locales, `,` elsewhere;
// UTF-8 (often with a BOM) or Windows-1251.

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** UTF-8 (BOM stripped) when the bytes are valid UTF-8, else Windows-1251 — the other encoding Russian offices produce. */
export function decodeText(bytes: Buffer): { text: string; encoding: "utf-8" | "windows-1251" } {
  try {
    const text = utf8.decode(bytes);
    return { text: text.replace(/^\uFEFF/, ""), encoding: "utf-8" };
  } catch {
    return { text: iconv.decode(bytes, "win1251"), encoding: "windows-1251" };
  }
}

/** The separator used in the first lines: the one that splits them most consistently (quotes respected). */
export function detectDelimiter(text: string): ";" | "," | "\t" {
  const lines = text.split(/\r?\n/).filter((l) => l.trim()).slice(0, 20);
  let best: ";" | "," | "\t" = ";";
  let bestScore = -1;
  for (const d of [";", "\t", ","] as const) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const first = counts[0] ?? 0;
    if (first === 0) continue;
    // lines agreeing with the header's count, weighted by how many columns it makes
    const score = counts.filter((c) => c === first).length * 100 + first;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === d && !quoted) n++;
  }
  return n;
}

export function readCsvText(fileName: string, text: string): SourceDocument {
  const delimiter = detectDelimiter(text);
  const records = parse(text, {
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    info: true,
    to: LIMITS.rows + 1, // a longer file is refused below without being parsed to its end
  }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  const rows: TableCell[][] = [];
  const rowNumbers: number[] = [];
  let width = 0;
  let lastLine = 0; // `info.lines` is where a record ends; a quoted cell may span lines
  let cellCount = 0;
  if (records.length > LIMITS.rows) throw tooLarge(fileName, "rows", LIMITS.rows);
  for (const { record, info } of records) {
    const firstLine = lastLine + 1;
    lastLine = info.lines;
    cellCount += record.length;
    if (cellCount > LIMITS.cells) throw tooLarge(fileName, "cells", LIMITS.cells);
    const cells = record.map((t) => ({ text: t.replace(/\r\n?/g, "\n").trim() }));
    if (cells.every((c) => !c.text)) continue;
    rows.push(cells);
    rowNumbers.push(firstLine);
    width = Math.max(width, cells.length);
  }
  for (const r of rows) while (r.length < width) r.push({ text: "" });
  return { fileName, format: "csv", blocks: rows.length ? [{ type: "table", table: { rows, rowNumbers } }] : [] };
}
