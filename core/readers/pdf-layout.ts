import type { DocumentBlock, TableCell } from "../types.ts";
import { append, maxOf, minOf } from "../arrays.ts";
import { borderlessTable, pageLayout, type ColumnLayout } from "./pdf-columns.ts";

// One PDF page's text pieces and ruling lines → paragraphs and tables, in reading order.
// Coordinates are PDF user space (y grows upwards).
//   - Tables: the ruling lines a word processor draws around cells. Lines that touch form a grid; its
//     distinct x's are the column edges and its y's the row edges. Where an inner edge is missing the
//     cells are merged: across (the text stays in the first column, the rest empty, as the .docx reader
//     does) or down (the lower places get the text with `mergedFromAbove`). Text is put in the cell that
//     holds its start; a cell's lines are joined with "\n".
//   - Everything else is prose: pieces on one baseline make a line, lines make paragraphs (a new one
//     after a wider gap, at a first-line indent, or after a line that stops short of the right margin).
//   - A page without a ruled table may hold one drawn without borders: pdf-columns.ts finds it by alignment.
//   - A page number alone at the top or bottom of the page is left out.

export interface TextPiece {
  text: string;
  x: number;
  /** baseline */
  y: number;
  width: number;
  /** font size */
  size: number;
}

export interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface PageContent {
  width: number;
  height: number;
  pieces: TextPiece[];
  /** horizontal and vertical ruling lines */
  rules: Segment[];
}

/** A table found on a page: its rows and where it stands (to tell a table continued on the next page). */
interface PageTable {
  type: "table";
  rows: TableCell[][];
  columns: number[];
  top: number;
}

interface PageParagraph {
  type: "paragraph";
  text: string;
  top: number;
  /** starts at a first-line indent */
  indented: boolean;
  /** how much room its last line left before the right margin (a page break may have cut it there) */
  room: number;
  /** the width of its first word (had it fitted in the room above, the paragraph would not go on here) */
  firstWord: number;
  size: number;
}

export type PageBlock = PageParagraph | PageTable;

const EPS = 2; // points: edges closer than this are one edge

/** The pages' blocks; a page without ruled tables may hold a table drawn without borders (pdf-columns.ts). */
export function layoutPages(pages: PageContent[]): PageBlock[][] {
  const grids = pages.map((p) => findGrids(p.rules));
  const own = pages.map((p, i) => (grids[i]!.length ? null : pageLayout(p.pieces)));
  // how far text reaches on pages of each width (a table's last column may reach the margin)
  const reach = new Map<number, number>();
  for (const p of pages) {
    const w = Math.round(p.width);
    reach.set(w, Math.max(reach.get(w) ?? -Infinity, maxOf(p.pieces.filter((x) => x.text.trim()).map((x) => x.x + x.width))));
  }
  // a table's first or last page may have too few rows to show its columns: the next page's (or the last) show them
  return pages.map((p, i) =>
    layoutPage(p, grids[i]!, grids[i]!.length ? null : (own[i] ?? own[i - 1] ?? own[i + 1] ?? null), reach.get(Math.round(p.width))!),
  );
}

function layoutPage(page: PageContent, grids: Grid[], columns: ColumnLayout | null, right: number): PageBlock[] {
  const inTable = new Set<TextPiece>();
  const blocks: PageBlock[] = [];
  for (const g of grids) {
    const table = fillGrid(g, page.pieces, inTable);
    if (table) blocks.push(table);
  }
  const borderless = columns ? borderlessTable({ pieces: page.pieces, right }, columns, (ls, edge) => paragraphsOf(ls, edge).join("\n")) : null;
  if (borderless) {
    blocks.push({ type: "table", rows: borderless.table.rows, columns: borderless.table.layout.columns, top: borderless.table.top });
    for (const p of borderless.taken) inTable.add(p);
  }
  const prose = page.pieces.filter((p) => !inTable.has(p) && p.text.trim());
  for (const para of paragraphs(lines(prose), page)) blocks.push(para);
  return blocks.sort((a, b) => b.top - a.top);
}

// ---- grids -------------------------------------------------------------------------------------

interface Grid {
  xs: number[];
  ys: number[]; // descending (top first)
  h: Segment[];
  v: Segment[];
}

function findGrids(rules: Segment[]): Grid[] {
  const h = mergeCollinear(rules.filter((s) => Math.abs(s.y1 - s.y2) <= EPS && Math.abs(s.x2 - s.x1) > EPS).map(horizontal), "h");
  const v = mergeCollinear(rules.filter((s) => Math.abs(s.x1 - s.x2) <= EPS && Math.abs(s.y2 - s.y1) > EPS).map(vertical), "v");
  // connected components of touching horizontal and vertical lines
  const all = [...h.map((s) => ({ s, kind: "h" as const })), ...v.map((s) => ({ s, kind: "v" as const }))];
  const parent = all.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      if (all[i]!.kind === all[j]!.kind) continue;
      const [hs, vs] = all[i]!.kind === "h" ? [all[i]!.s, all[j]!.s] : [all[j]!.s, all[i]!.s];
      if (touches(hs, vs)) parent[find(i)] = find(j);
    }
  }
  const groups = new Map<number, typeof all>();
  all.forEach((e, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), e]));
  const grids: Grid[] = [];
  for (const group of groups.values()) {
    const gh = group.filter((e) => e.kind === "h").map((e) => e.s);
    const gv = group.filter((e) => e.kind === "v").map((e) => e.s);
    const xs = cluster(gv.map((s) => s.x1));
    const ys = cluster(gh.map((s) => s.y1)).reverse();
    // a lone box (a frame around a paragraph, a page border) is not a table
    if (xs.length < 2 || ys.length < 2 || (xs.length === 2 && ys.length === 2)) continue;
    grids.push({ xs, ys, h: gh, v: gv });
  }
  return grids;
}

const horizontal = (s: Segment): Segment => ({ x1: Math.min(s.x1, s.x2), x2: Math.max(s.x1, s.x2), y1: (s.y1 + s.y2) / 2, y2: (s.y1 + s.y2) / 2 });
const vertical = (s: Segment): Segment => ({ x1: (s.x1 + s.x2) / 2, x2: (s.x1 + s.x2) / 2, y1: Math.min(s.y1, s.y2), y2: Math.max(s.y1, s.y2) });

/** Lines on one level that overlap or meet become one (a border drawn cell by cell, or as a thin box). */
function mergeCollinear(segs: Segment[], kind: "h" | "v"): Segment[] {
  const level = (s: Segment) => (kind === "h" ? s.y1 : s.x1);
  const from = (s: Segment) => (kind === "h" ? s.x1 : s.y1);
  const to = (s: Segment) => (kind === "h" ? s.x2 : s.y2);
  const sorted = [...segs].sort((a, b) => level(a) - level(b) || from(a) - from(b));
  const out: Segment[] = [];
  for (const s of sorted) {
    const last = out.at(-1);
    if (last && Math.abs(level(last) - level(s)) <= EPS && from(s) <= to(last) + EPS) {
      if (kind === "h") last.x2 = Math.max(last.x2, s.x2);
      else last.y2 = Math.max(last.y2, s.y2);
    } else out.push({ ...s });
  }
  return out;
}

function touches(h: Segment, v: Segment): boolean {
  return v.x1 >= h.x1 - EPS && v.x1 <= h.x2 + EPS && h.y1 >= v.y1 - EPS && h.y1 <= v.y2 + EPS;
}

/** Sorted distinct values, those within EPS of each other taken as one. */
function cluster(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  for (const v of sorted) if (!out.length || v - out.at(-1)! > EPS) out.push(v);
  return out;
}

function fillGrid(g: Grid, pieces: TextPiece[], taken: Set<TextPiece>): PageTable | null {
  const rowsN = g.ys.length - 1;
  const colsN = g.xs.length - 1;
  const hasV = (x: number, yTop: number, yBottom: number) => g.v.some((s) => Math.abs(s.x1 - x) <= EPS && s.y1 <= (yTop + yBottom) / 2 && s.y2 >= (yTop + yBottom) / 2);
  const hasH = (y: number, xLeft: number, xRight: number) => g.h.some((s) => Math.abs(s.y1 - y) <= EPS && s.x1 <= (xLeft + xRight) / 2 && s.x2 >= (xLeft + xRight) / 2);
  // the merged region each place belongs to: its top-left place
  const owner: Array<Array<[number, number]>> = [];
  for (let r = 0; r < rowsN; r++) {
    owner.push([]);
    for (let c = 0; c < colsN; c++) {
      const left = c > 0 && !hasV(g.xs[c]!, g.ys[r]!, g.ys[r + 1]!);
      const up = r > 0 && !hasH(g.ys[r]!, g.xs[c]!, g.xs[c + 1]!);
      owner[r]!.push(left ? owner[r]![c - 1]! : up ? owner[r - 1]![c]! : [r, c]);
    }
  }
  // text into the region that holds where it starts
  const texts = new Map<string, TextPiece[]>();
  for (const p of pieces) {
    const px = p.x + Math.min(p.width / 2, 2);
    const py = p.y + p.size * 0.3;
    if (px < g.xs[0]! || px > g.xs[colsN]! || py > g.ys[0]! || py < g.ys[rowsN]!) continue;
    const c = g.xs.findIndex((x, i) => i < colsN && px >= x && px <= g.xs[i + 1]!);
    const r = g.ys.findIndex((y, i) => i < rowsN && py <= y && py >= g.ys[i + 1]!);
    if (c < 0 || r < 0) continue;
    const key = owner[r]![c]!.join(":");
    texts.set(key, [...(texts.get(key) ?? []), p]);
    taken.add(p);
  }
  const text = (r: number, c: number) => {
    // the cell's own right edge, less the padding its text keeps from the left edge
    const ls = lines(texts.get(`${r}:${c}`) ?? []);
    if (!ls.length) return "";
    const right = g.xs[regionEnd(r, c)]! - (minOf(ls.map((l) => l.x)) - g.xs[c]!);
    return paragraphsOf(ls, right).join("\n");
  };
  /** The column where the merged region of place (r, c) ends. */
  const regionEnd = (r: number, c: number) => {
    let end = c + 1;
    while (end < colsN && owner[r]![end]![0] === r && owner[r]![end]![1] === c) end++;
    return end;
  };
  const rows: TableCell[][] = [];
  for (let r = 0; r < rowsN; r++) {
    const row: TableCell[] = [];
    for (let c = 0; c < colsN; c++) {
      const [or, oc] = owner[r]![c]!;
      if (or === r && oc === c) row.push({ text: text(r, c) });
      else if (or < r && oc === c) row.push({ text: text(or, oc), mergedFromAbove: true });
      else row.push(or < r ? { text: "", mergedFromAbove: true } : { text: "" });
    }
    rows.push(row);
  }
  // rows of nothing (a double border's sliver) carry nothing
  const kept = rows.filter((row, r) => row.some((c) => c.text && !c.mergedFromAbove) || g.ys[r]! - g.ys[r + 1]! > 6);
  return kept.length ? { type: "table", rows: kept, columns: g.xs, top: g.ys[0]! } : null;
}

// ---- prose -------------------------------------------------------------------------------------

interface Line {
  text: string;
  x: number;
  right: number;
  y: number;
  size: number;
}

/** Pieces on one baseline, left to right, with a space where the gap between them is a word gap. */
function lines(pieces: TextPiece[]): Line[] {
  const sorted = [...pieces].sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: TextPiece[][] = [];
  for (const p of sorted) {
    const g = groups.at(-1);
    if (g && Math.abs(g[0]!.y - p.y) <= Math.max(1, Math.min(g[0]!.size, p.size) * 0.4)) g.push(p);
    else groups.push([p]);
  }
  const out: Line[] = [];
  for (const g of groups) {
    g.sort((a, b) => a.x - b.x);
    let text = "";
    let end = -Infinity;
    for (const p of g) {
      if (text && p.x - end > p.size * 0.15 && !text.endsWith(" ") && !p.text.startsWith(" ")) text += " ";
      text += p.text;
      end = Math.max(end, p.x + p.width);
    }
    const t = text.replace(/\s+/g, " ").trim();
    if (t) out.push({ text: t, x: g[0]!.x, right: end, y: g[0]!.y, size: maxOf(g.map((p) => p.size)) });
  }
  return out;
}

const PAGE_NUMBER = /^(?:[-–—]\s*)?\d{1,4}(?:\s*[-–—])?$|^(?:страница|стр\.|page)\s*\d+(?:\s*(?:из|of)\s*\d+)?$/i;

function paragraphs(all: Line[], page: PageContent): PageBlock[] {
  const margin = page.height * 0.08;
  const ls = all.filter((l) => !(PAGE_NUMBER.test(l.text) && (l.y < margin || l.y > page.height - margin)));
  if (!ls.length) return [];
  const right = maxOf(ls.map((l) => l.right));
  const left = minOf(ls.map((l) => l.x));
  return groupLines(ls, right).map((g) => ({
    type: "paragraph" as const,
    text: joinLines(g, right),
    top: g[0]!.y + g[0]!.size,
    indented: g[0]!.x > left + g[0]!.size * 0.8,
    room: right - g.at(-1)!.right,
    firstWord: firstWordWidth(g[0]!),
    size: g[0]!.size,
  }));
}

/** A cell's lines as its paragraphs. */
function paragraphsOf(ls: Line[], right: number): string[] {
  return groupLines(ls, right).map((g) => joinLines(g, right));
}

/** «5. Школам», «2.3.организовать», «4) провести», «II. Этап» — not a date («01.09.2023») */
const NEW_POINT = /^(?:\d{1,2}(?:\.\d{1,2})*[.)]|[IVXLC]{1,5}\.)\s*[«"\p{L}]/u;
const LABEL_LINE = /^(?:срок[а-я]*|ответственн[а-я]*|исполнител[а-я]*)(?:\s+[а-яё]+){0,2}\s*[:–—-]/i;

/**
 * Lines → paragraphs. A line goes on the paragraph above unless the gap above it is wider than line
 * spacing, its size differs, it starts further right than the paragraph's lines (a first-line indent),
 * it starts a numbered point or a «Срок:» line after a finished sentence, or the line above stopped
 * short: the first word of this line would have fitted there, so the writer broke the line, not the
 * wrapping.
 */
function groupLines(ls: Line[], right: number): Line[][] {
  const left = minOf(ls.map((l) => l.x));
  const out: Line[][] = [];
  let cur: Line[] = [];
  for (const l of ls) {
    const prev = cur.at(-1);
    if (prev) {
      const fitted = wouldFit(right - prev.right, firstWordWidth(l), prev.size);
      const indented = l.x > left + l.size * 0.8;
      const gap = prev.y - l.y;
      // after a finished sentence, a numbered point («5.», «2.3.», «4)») or a «Срок:» line starts afresh
      const point = /[.;:!?»)]$/.test(prev.text) && (NEW_POINT.test(l.text) || LABEL_LINE.test(l.text));
      if (fitted || indented || point || gap > prev.size * 1.6 || Math.abs(prev.size - l.size) >= 0.5) {
        out.push(cur);
        cur = [];
      }
    }
    cur.push(l);
  }
  if (cur.length) out.push(cur);
  return out;
}

/** The width of a line's first word, estimated from the line's width per letter. */
function firstWordWidth(l: Line): number {
  return ((l.right - l.x) * l.text.split(" ")[0]!.length) / Math.max(1, l.text.length);
}

/** Would a word have fitted in this room after a space? With a letter's width to spare: an estimate that errs joins two paragraphs rather than cutting one. */
function wouldFit(room: number, word: number, size: number): boolean {
  return size * 0.35 + word <= room - size * 0.6;
}

/** Two parts of one paragraph: a space between them unless the first ends in a hyphen. */
function joinText(a: string, b: string): string {
  return /\p{L}-$/u.test(a) && /^\p{L}/u.test(b) ? a + b : `${a} ${b}`;
}

/**
 * The lines of one paragraph joined with spaces, except where the break is inside a word: after a hyphen
 * («Март-» + «декабрь»), or a line that is one word filling the width (a word too long for a narrow cell
 * is cut there, as Word does).
 */
function joinLines(ls: Line[], right = Infinity): string {
  let s = "";
  let prev: Line | null = null;
  for (const l of ls) {
    if (!prev) s = l.text;
    else {
      const cutWord = !prev.text.includes(" ") && prev.right >= right - prev.size * 0.25 && /[\p{L}\p{N}/._-]$/u.test(prev.text) && /^[\p{Ll}\p{N}/._-]/u.test(l.text);
      const hyphen = /\p{L}-$/u.test(prev.text) && /^\p{L}/u.test(l.text);
      s += cutWord || hyphen ? l.text : ` ${l.text}`;
    }
    prev = l;
  }
  return s;
}

// ---- pages → document ----------------------------------------------------------------------------

/** The pages' blocks as one document: a table that runs on at the top of the next page with the same columns is one table. */
export function joinPages(pages: PageBlock[][]): DocumentBlock[] {
  const out: DocumentBlock[] = [];
  let open: { columns: number[]; rows: TableCell[][] } | null = null;
  let lastParagraph: PageParagraph | null = null;
  for (const blocks of pages) {
    blocks.forEach((b, i) => {
      const carried = lastParagraph;
      lastParagraph = null;
      if (b.type === "paragraph") {
        open = null;
        const prev = out.at(-1);
        // a paragraph cut by the page break goes on at the top of the next page, without an indent
        if (i === 0 && carried && !b.indented && !wouldFit(carried.room, b.firstWord, carried.size) && prev?.type === "paragraph") prev.text = joinText(prev.text, b.text);
        else out.push({ type: "paragraph", text: b.text });
        if (i === blocks.length - 1) lastParagraph = b;
        return;
      }
      const sameColumns = open && open.columns.length === b.columns.length && open.columns.every((x, k) => Math.abs(x - b.columns[k]!) <= 3);
      if (i === 0 && open && sameColumns) {
        append(open.rows, b.rows);
        return;
      }
      const rows = b.rows.map((r) => [...r]);
      out.push({ type: "table", table: { rows } });
      open = { columns: b.columns, rows };
    });
  }
  for (const b of out) if (b.type === "table") b.table.rowNumbers = b.table.rows.map((_, i) => i + 1);
  return out;
}
