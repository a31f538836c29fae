import fontkit from "@pdf-lib/fontkit";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import zlib from "node:zlib";
import { PDFDocument, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import type { SourceDocument } from "../../core/types.ts";
import { originalTable, roadmapTableIndex, type OfficeTable } from "./office.ts";

// A fixture's text export printed to PDF the way Word does it: A4, paragraphs wrapped with a first-line
// indent, tables with ruled cells (stroked horizontal lines, vertical borders as thin filled boxes, no
// line between vertically merged cells), wrapped cell text, a row moved whole to the next page with the
// header row repeated there, page numbers at the bottom. Text is real text (DejaVu Sans, embedded).

const require = createRequire(import.meta.url);
const FONT = path.join(path.dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf/DejaVuSans.ttf");

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { left: 85, right: 42, top: 57, bottom: 57 };
const BODY = { size: 12, leading: 14, indent: 35 };
const CELL = { size: 10, pad: 3 };
/** The roadmap's header row (repeated at the top of each page, as Word's «repeat header row» does). */
const isHeader = (r: string[]) => r.some((c) => /мероприят|описание/i.test(c)) && r.some((c) => /срок|период/i.test(c));

export interface PdfOptions {
  /** draw no lines at all (a table laid out by tab stops or an invisible-border table) */
  noRules?: boolean;
}

export async function toPdf(doc: SourceDocument, opts: PdfOptions = {}): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const font = await pdf.embedFont(fs.readFileSync(FONT), { subset: true });
  const w = new Writer(pdf, font, opts);
  const roadmap = roadmapTableIndex(doc);
  doc.blocks.forEach((b, i) => {
    if (b.type === "paragraph") for (const line of b.text.split("\n")) w.paragraph(line);
    else w.table(i === roadmap ? originalTable(b.table) : { rows: b.table.rows.map((r) => r.map((c) => c.text)), merges: [] });
  });
  w.finish();
  return Buffer.from(await pdf.save());
}

class Writer {
  private page!: PDFPage;
  private y = 0;
  private pages = 0;
  /** a table too wide for a portrait page turns the rest of the document to landscape, as a Word section does */
  private landscape = false;
  private get pageSize(): [number, number] {
    return this.landscape ? [A4.height, A4.width] : [A4.width, A4.height];
  }
  private get textWidth(): number {
    return this.pageSize[0] - MARGIN.left - MARGIN.right;
  }

  constructor(
    private readonly pdf: PDFDocument,
    private readonly font: PDFFont,
    private readonly opts: PdfOptions,
  ) {
    this.newPage();
  }

  private newPage(): void {
    this.page = this.pdf.addPage(this.pageSize);
    this.pages++;
    this.y = this.pageSize[1] - MARGIN.top;
  }

  finish(): void {
    this.pdf.getPages().forEach((p, i) => {
      if (i === 0) return;
      const label = String(i + 1);
      p.drawText(label, { x: p.getWidth() / 2 - this.font.widthOfTextAtSize(label, 10) / 2, y: 30, size: 10, font: this.font });
    });
  }

  paragraph(text: string): void {
    const t = text.trim();
    if (!t) return;
    const lines = wrap(t, this.font, BODY.size, this.textWidth, BODY.indent);
    lines.forEach((line, k) => {
      if (this.y - BODY.leading < MARGIN.bottom) this.newPage();
      this.y -= BODY.leading;
      this.page.drawText(line, { x: MARGIN.left + (k === 0 ? BODY.indent : 0), y: this.y + 3, size: BODY.size, font: this.font });
    });
    this.y -= 3;
  }

  table(t: OfficeTable): void {
    const cols = Math.max(...t.rows.map((r) => r.length));
    // a row with text in its first cell only is a section row: one cell across the table, as Word merges it
    const spans = t.rows.map((r) => cols > 2 && !!r[0]?.trim() && r.slice(1).every((c) => !c.trim()));
    // a table too narrow for its longest words gets a smaller font, as an author would set it
    const body = t.rows.filter((_, i) => !spans[i]);
    let size = CELL.size;
    let widths = columnWidths(body, cols, this.textWidth, this.font, size);
    while (!widths && size > 8) widths = columnWidths(body, cols, this.textWidth, this.font, (size -= 0.5));
    if (!widths && !this.landscape) {
      this.landscape = true;
      this.newPage();
      size = CELL.size;
      while (!widths && size > 8) widths = columnWidths(body, cols, this.textWidth, this.font, (size -= 0.5));
    }
    // still too long (a link): the link is cut at the cell's edge, as Word does
    widths ??= columnWidths(body, cols, this.textWidth, this.font, size, true);
    if (!widths) throw new Error("toPdf: the table's words do not fit the page");
    const leading = size * 1.15;
    const xs = [MARGIN.left];
    for (const wd of widths) xs.push(xs.at(-1)! + wd);
    const header = t.rows.findIndex(isHeader);
    const layout = t.rows.map((r, rIdx) =>
      r.map((c, ci) => (t.merges[rIdx]?.[ci] === "continue" ? [] : wrapCell(c, this.font, size, spans[rIdx] ? this.textWidth : widths[ci]!))),
    );
    const heights = layout.map((r) => Math.max(1, ...r.map((c) => c.length)) * leading + 2 * CELL.pad);
    this.y -= 4;
    let top = true;
    const drawRow = (r: number) => {
      if (this.y - heights[r]! < MARGIN.bottom) {
        bottomLine();
        this.newPage();
        if (header >= 0 && header < r) {
          drawRowAt(header, true);
        }
        top = true;
      }
      drawRowAt(r, top);
      top = false;
    };
    const drawRowAt = (r: number, pageTop: boolean) => {
      const h = heights[r]!;
      const y0 = this.y;
      for (let c = 0; c < cols; c++) {
        const cont = t.merges[r]?.[c] === "continue" && !pageTop;
        if (!this.opts.noRules && !cont) this.page.drawLine({ start: { x: xs[c]!, y: y0 }, end: { x: xs[c + 1]!, y: y0 }, thickness: 0.5, color: rgb(0, 0, 0) });
        (layout[r]![c] ?? []).forEach((line, k) => {
          this.page.drawText(line, { x: xs[c]! + CELL.pad, y: y0 - CELL.pad - (k + 1) * leading + size * 0.25, size, font: this.font });
        });
      }
      if (!this.opts.noRules) {
        for (const x of spans[r] ? [xs[0]!, xs.at(-1)!] : xs) this.page.drawRectangle({ x: x - 0.25, y: y0 - h, width: 0.5, height: h, color: rgb(0, 0, 0) });
      }
      this.y -= h;
    };
    // the bottom line of the table, or of its part on a page (a row's own line is the one above it)
    const bottomLine = () => {
      if (!this.opts.noRules) this.page.drawLine({ start: { x: xs[0]!, y: this.y }, end: { x: xs.at(-1)!, y: this.y }, thickness: 0.5, color: rgb(0, 0, 0) });
    };
    t.rows.forEach((_, r) => drawRow(r));
    bottomLine();
    this.y -= 8;
  }
}

/** Column widths by how much text each column holds (a «№» column stays narrow), each wide enough for its longest word; null when they cannot all be. */
function columnWidths(rows: string[][], cols: number, total: number, font: PDFFont, size: number, cutWords = false): number[] | null {
  const least = Array.from({ length: cols }, (_, c) =>
    Math.max(12, ...rows.flatMap((r) => (r[c] ?? "").split(/\s+/).filter((w) => !cutWords || !/[/.:]\w/.test(w)).map((w) => font.widthOfTextAtSize(w, size)))) + 2 * CELL.pad + 4,
  );
  const weight = Array.from({ length: cols }, (_, c) => {
    const lens = rows.map((r) => (r[c] ?? "").length).filter((n) => n > 0);
    const avg = lens.length ? lens.reduce((a, b) => a + b, 0) / lens.length : 2;
    return Math.min(60, Math.max(4, avg)) + 6;
  });
  const spare = total - least.reduce((a, b) => a + b, 0);
  if (spare < 0) return null;
  const sum = weight.reduce((a, b) => a + b, 0);
  return least.map((l, c) => l + (weight[c]! / sum) * spare);
}

function wrapCell(text: string, font: PDFFont, size: number, width: number): string[] {
  return text.split("\n").flatMap((l) => (l.trim() ? wrap(l.trim(), font, size, width - 2 * CELL.pad, 0) : []));
}

/** Greedy word wrap; a word wider than the line is cut. */
function wrap(text: string, font: PDFFont, size: number, width: number, indent: number): string[] {
  const out: string[] = [];
  let line = "";
  let room = width - indent;
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) <= room) {
      line = next;
      continue;
    }
    if (line) {
      out.push(line);
      room = width;
    }
    let w = word;
    while (font.widthOfTextAtSize(w, size) > room) {
      let k = w.length - 1;
      while (k > 1 && font.widthOfTextAtSize(w.slice(0, k), size) > room) k--;
      out.push(w.slice(0, k));
      w = w.slice(k);
      room = width;
    }
    line = w;
  }
  if (line) out.push(line);
  return out;
}

/** A one-page "scan": a picture of a page and no text layer. */
export async function scannedPdf(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const png = await pdf.embedPng(grayPng(200, 280));
  const page = pdf.addPage([A4.width, A4.height]);
  page.drawImage(png, { x: 0, y: 0, width: A4.width, height: A4.height });
  return Buffer.from(await pdf.save());
}

function grayPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grayscale
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) raw[y * (width + 1) + 1 + x] = (x * 7 + y * 13) % 256; // a picture's noise
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", zlib.deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}
