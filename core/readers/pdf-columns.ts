import type { TableCell } from "../types.ts";
import { maxOf, minOf } from "../arrays.ts";
import type { TextPiece } from "./pdf-layout.ts";

// A table drawn without ruling lines (borders set to none, or laid out by tab stops), rebuilt from how its text
// lines up: a number column at the left («1.», «2.», «3.1»), and column starts shared by the numbered lines.
// Only where the alignment is clear — at least three numbered rows filling at least three columns, every line
// from the first numbered row to the last starting at a column (or a short section row across the table) — is
// it a table; anything else stays prose. A page with too few rows of its own (the table's first or last page)
// may use the columns of the table on the page next to it.

export interface CellLine {
  text: string;
  x: number;
  right: number;
  y: number;
  size: number;
}

interface Chunk extends CellLine {
  pieces: TextPiece[];
}

interface Baseline {
  y: number;
  size: number;
  chunks: Chunk[];
}

/** Where a borderless table's columns start, and its text size: what the next page's part is checked against. */
export interface ColumnLayout {
  columns: number[];
  size: number;
}

export interface BorderlessTable {
  rows: TableCell[][];
  layout: ColumnLayout;
  top: number;
}

/** What a number column holds: «1», «1.», «3.1», «2)»; a row may also start with «IV.» or «а)». */
const ARABIC = /^\d{1,3}(?:\.\d{1,3})*[.)]?$/;
const ROW_MARK = /^(?:\d{1,3}(?:\.\d{1,3})*[.)]?|[IVXLC]{1,6}\.?|[а-яё]\))$/u;

const ALIGN = 3; // points: a line «starts at» a column this close to it
const MIN_ROWS = 3;
const MIN_COLUMNS = 3;

/** Pieces on one baseline, split where a gap is wider than a word gap. */
function baselines(pieces: TextPiece[]): Baseline[] {
  const sorted = pieces.filter((p) => p.text.trim()).sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: TextPiece[][] = [];
  for (const p of sorted) {
    const g = groups.at(-1);
    if (g && Math.abs(g[0]!.y - p.y) <= Math.max(1, Math.min(g[0]!.size, p.size) * 0.4)) g.push(p);
    else groups.push([p]);
  }
  return groups.map((g) => {
    g.sort((a, b) => a.x - b.x);
    const size = maxOf(g.map((p) => p.size));
    const chunks: Chunk[] = [];
    for (const p of g) {
      const last = chunks.at(-1);
      if (last && p.x - last.right <= Math.max(3, size * 0.45)) {
        last.text += p.x - last.right > p.size * 0.15 && !last.text.endsWith(" ") && !p.text.startsWith(" ") ? ` ${p.text}` : p.text;
        last.right = Math.max(last.right, p.x + p.width);
        last.pieces.push(p);
      } else chunks.push({ text: p.text, x: p.x, right: p.x + p.width, y: p.y, size: p.size, pieces: [p] });
    }
    for (const c of chunks) c.text = c.text.replace(/\s+/g, " ").trim();
    return { y: g[0]!.y, size, chunks };
  });
}

/** Sorted column starts: x's where chunks begin at least `least` times, those within ALIGN of a run's first taken as one. */
function columnStarts(xs: number[], least: number): number[] {
  const sorted = [...xs].sort((a, b) => a - b);
  const out: number[] = [];
  let run: number[] = [];
  const flush = () => {
    if (run.length >= least) out.push(run[0]!);
    run = [];
  };
  for (const x of sorted) {
    if (run.length && x - run[0]! > ALIGN) flush();
    run.push(x);
  }
  flush();
  return out;
}

const numberedAt = (b: Baseline, x: number) => b.chunks.length >= 2 && ARABIC.test(b.chunks[0]!.text) && Math.abs(b.chunks[0]!.x - x) <= ALIGN;

/** The column layout of a page's numbered lines, when it is clear. */
function layoutOf(all: Baseline[]): ColumnLayout | null {
  const numbered = all.filter((b) => b.chunks.length >= 2 && ARABIC.test(b.chunks[0]!.text));
  if (numbered.length < MIN_ROWS) return null;
  // the number column: the numbers start together, left of everything else on their lines
  const starts = columnStarts(
    numbered.map((b) => b.chunks[0]!.x),
    Math.ceil(numbered.length * 0.8),
  );
  if (starts.length !== 1) return null;
  const size = numbered[0]!.size;
  if (numbered.some((b) => Math.abs(b.size - size) >= 0.6)) return null;
  const others = columnStarts(
    numbered.flatMap((b) => b.chunks.slice(1).map((c) => c.x)),
    2,
  ).filter((x) => x > starts[0]! + ALIGN);
  const columns = [starts[0]!, ...others];
  if (columns.length < MIN_COLUMNS) return null;
  // a table, not a numbered list with something after each point: several numbered lines fill three columns or more
  if (numbered.filter((b) => b.chunks.length >= MIN_COLUMNS).length < MIN_ROWS) return null;
  return { columns, size };
}

type Fit = "row" | "span" | "no";

/** How a line sits in the columns: each chunk at a column start and within it («row»), one line across the table from the first column («span»), or neither. */
function fit(b: Baseline, l: ColumnLayout): Fit {
  if (Math.abs(b.size - l.size) >= 0.6) return "no";
  let row = true;
  for (const c of b.chunks) {
    const k = columnAt(l, c.x);
    const next = l.columns[k + 1];
    if (k < 0 || (next !== undefined && c.right > next - 1)) row = false;
  }
  if (row) return "row";
  return b.chunks.length === 1 && columnAt(l, b.chunks[0]!.x) === 0 ? "span" : "no";
}

const columnAt = (l: ColumnLayout, x: number) => l.columns.findIndex((c) => Math.abs(c - x) <= ALIGN);

export interface PageColumns {
  pieces: TextPiece[];
  /** how far the page's text reaches on the right (the table's last column may reach as far) */
  right: number;
}

/** The page's own column layout, if its numbered lines make one. */
export function pageLayout(pieces: TextPiece[]): ColumnLayout | null {
  return layoutOf(baselines(pieces));
}

/**
 * The table without ruling lines on a page, read with `layout` (the page's own, or its neighbour's): the lines
 * from the first numbered row to the last, with the header above and the last row's wrapped lines below.
 * `cell(lines, right)` joins a cell's lines as the ruled reader does. Null when any line there does not fit.
 */
export function borderlessTable(page: PageColumns, layout: ColumnLayout, cell: (lines: CellLine[], right: number) => string): { table: BorderlessTable; taken: Set<TextPiece> } | null {
  const all = baselines(page.pieces);
  const first = all.findIndex((b) => numberedAt(b, layout.columns[0]!));
  if (first < 0) return null;
  let last = first;
  for (let i = first; i < all.length; i++) if (numberedAt(all[i]!, layout.columns[0]!)) last = i;
  const fits = all.map((b) => fit(b, layout));
  const gapOk = (i: number) => all[i - 1]!.y - all[i]!.y <= layout.size * 3.2;
  let spans = 0;
  for (let i = first; i <= last; i++) {
    if (fits[i] === "no" || (i > first && !gapOk(i))) return null;
    spans = fits[i] === "span" ? spans + 1 : 0;
    if (spans > 2) return null; // three lines across the table: a paragraph, not a section row
  }
  // above: the header (and a section row under it); below: the last row's wrapped lines
  let top = first;
  while (top > 0 && fits[top - 1] !== "no" && gapOk(top)) top--;
  while (top < first && fits[top] === "span") top++;
  if (top < first && all[top]!.chunks.length < 2) top = first; // a header names at least two columns
  let bottom = last;
  while (bottom + 1 < all.length && fits[bottom + 1] === "row" && gapOk(bottom + 1)) bottom++;

  const run = all.slice(top, bottom + 1);
  const rows = buildRows(run, layout, edges(run, layout, page.right), cell);
  const taken = new Set<TextPiece>();
  for (const b of run) for (const c of b.chunks) for (const p of c.pieces) taken.add(p);
  return { table: { rows, layout, top: run[0]!.y + run[0]!.size }, taken };
}

/**
 * How far each column's text may reach (where the ruled reader would take the cell's border less its padding):
 * the next column's start less the narrowest gap seen before it; the last column, the page's text edge.
 */
function edges(run: Baseline[], layout: ColumnLayout, pageRight: number): number[] {
  const n = layout.columns.length;
  const widest: number[] = Array.from({ length: n }, () => -Infinity);
  for (const b of run) {
    if (fit(b, layout) !== "row") continue;
    for (const c of b.chunks) {
      const k = columnAt(layout, c.x);
      widest[k] = Math.max(widest[k]!, c.right);
    }
  }
  const gaps = layout.columns.slice(1).map((x, k) => x - widest[k]!).filter((g) => Number.isFinite(g) && g > 0);
  const gap = gaps.length ? minOf(gaps) : 0;
  return layout.columns.map((_, k) => (k + 1 < n ? layout.columns[k + 1]! - gap : Math.max(widest[k]!, pageRight - gap / 2)));
}

interface Draft {
  cells: CellLine[][];
  span: boolean;
  /** what the number column says */
  mark: string;
  /** the baseline of its last line */
  y: number;
}

function buildRows(run: Baseline[], layout: ColumnLayout, rights: number[], cell: (lines: CellLine[], right: number) => string): TableCell[][] {
  const n = layout.columns.length;
  const leading = lineSpacing(run);
  const drafts: Draft[] = [];
  let cur: Draft | null = null;
  for (const b of run) {
    const how = fit(b, layout);
    const col0 = how === "row" ? (b.chunks.find((c) => columnAt(layout, c.x) === 0) ?? null) : null;
    const gap = cur ? cur.y - b.y : Infinity;
    let fresh: boolean;
    if (!cur) fresh = true;
    else if (how === "span") fresh = !(cur.span && gap <= leading * 1.2); // a section title wrapped onto a second line
    else if (cur.span) fresh = true;
    else if (col0) fresh = ROW_MARK.test(col0.text) || cur.mark === "" || ROW_MARK.test(cur.mark); // «№» over «п/п» stays one header cell
    // an unnumbered row: cells starting afresh in several columns after more space than between a cell's lines
    else fresh = b.chunks.length >= 2 && gap > leading * 1.3;
    if (fresh || !cur) {
      cur = { cells: Array.from({ length: n }, () => []), span: how === "span", mark: col0?.text ?? "", y: b.y };
      drafts.push(cur);
    }
    cur.y = b.y;
    for (const c of b.chunks) cur.cells[how === "span" ? 0 : columnAt(layout, c.x)]!.push(c);
  }
  return drafts.map((d) => d.cells.map((ls, k) => ({ text: ls.length ? cell(ls, d.span ? Infinity : rights[k]!) : "" })));
}

/** The usual distance between a cell's lines: the most common gap between one baseline and the next. */
function lineSpacing(run: Baseline[]): number {
  const counts = new Map<number, number>();
  for (let i = 1; i < run.length; i++) {
    const g = Math.round((run[i - 1]!.y - run[i]!.y) * 2) / 2;
    counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  let best = run[0]?.size ?? 10;
  let most = 0;
  for (const [g, c] of counts) if (c > most || (c === most && g < best)) [best, most] = [g, c];
  return best;
}
