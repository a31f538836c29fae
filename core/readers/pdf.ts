import type { SourceDocument } from "../types.ts";
import { DocumentError } from "./errors.ts";
import { LIMITS, tooLarge } from "./limits.ts";
import { joinPages, layoutPages, type PageContent, type Segment, type TextPiece } from "./pdf-layout.ts";
import { maxOf, minOf } from "../arrays.ts";

// PDF with a text layer → paragraphs and tables (pdf-layout.ts rebuilds them from positions and ruling
// lines). pdfjs-dist's legacy build runs in Node without a worker thread of its own or a canvas; it is
// loaded on the first PDF only. A PDF without text (a scan) is refused: there is nothing to read.

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
let pdfjs: Promise<PdfJs> | null = null;
const load = () => (pdfjs ??= import("pdfjs-dist/legacy/build/pdf.mjs"));

/** Fewer letters than this on average per page: the pages are pictures (a scan), not text. */
const MIN_LETTERS_PER_PAGE = 20;

export async function readPdf(fileName: string, bytes: Buffer): Promise<SourceDocument> {
  const lib = await load();
  const task = lib.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, disableFontFace: true, verbosity: 0, stopAtErrors: false });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (e) {
    await task.destroy();
    if ((e as { name?: string }).name === "PasswordException") {
      throw new DocumentError("unreadable", fileName, "the PDF is password-protected: remove the password, save it and send it again");
    }
    throw new DocumentError("pdf", fileName, "the PDF is damaged and cannot be read: send the original .docx, .doc or .xlsx");
  }
  try {
    if (doc.numPages > LIMITS.pages) throw tooLarge(fileName, "pages", LIMITS.pages);
    const pages: PageContent[] = [];
    let letters = 0;
    let pieces = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [x0, y0, x1, y1] = page.view as [number, number, number, number];
      const text = await page.getTextContent();
      const items: TextPiece[] = [];
      for (const it of text.items) {
        if (!("str" in it) || !it.str) continue;
        const [a, b, , d, e, f] = it.transform as number[];
        if (Math.abs(b!) > Math.abs(a!) * 0.1) continue; // rotated text (a stamp, a margin note)
        letters += it.str.replace(/[^\p{L}\p{N}]/gu, "").length;
        items.push({ text: it.str, x: e! - x0, y: f! - y0, width: it.width, size: Math.abs(d!) || it.height || 10 });
      }
      pieces += items.length;
      if (pieces > LIMITS.cells * 4) throw tooLarge(fileName, "cells", LIMITS.cells);
      const rules = items.length ? ruleSegments(await page.getOperatorList(), lib.OPS, x0, y0) : [];
      pages.push({ width: x1 - x0, height: y1 - y0, pieces: items, rules });
      page.cleanup();
    }
    if (letters < MIN_LETTERS_PER_PAGE * doc.numPages) {
      throw new DocumentError("pdf", fileName, "the PDF has no text layer (a scan): send the original .docx, .doc or .xlsx, or a PDF saved from Word");
    }
    return { fileName, format: "pdf", blocks: joinPages(layoutPages(pages)) };
  } catch (e) {
    if (e instanceof DocumentError) throw e;
    throw new DocumentError("pdf", fileName, "the PDF is damaged and cannot be read: send the original .docx, .doc or .xlsx");
  } finally {
    await doc.destroy();
  }
}

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/**
 * The straight horizontal and vertical lines the page paints (stroked lines, and the edges of filled thin
 * boxes, which is how Word draws cell borders), in page space: the operator list's paths under the
 * current transformation matrix. Clipping paths are not painted and are left out.
 */
function ruleSegments(ops: { fnArray: number[]; argsArray: unknown[] }, OPS: PdfJs["OPS"], x0: number, y0: number): Segment[] {
  const painted = new Set<number>([OPS.stroke, OPS.closeStroke, OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const out: Segment[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = IDENTITY;
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] as unknown[] | null;
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? IDENTITY;
    else if (fn === OPS.transform) ctm = multiply(ctm, args as Matrix);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      if (Array.isArray(args?.[0])) ctm = multiply(ctm, args[0] as Matrix);
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? IDENTITY;
    else if (fn === OPS.constructPath && args && painted.has(args[0] as number)) {
      const data = (args[1] as unknown[] | undefined)?.[0];
      if (data && typeof data === "object" && "length" in data) pathSegments(data as ArrayLike<number>, ctm, x0, y0, out);
    }
  }
  return out;
}

/** The straight segments of one path (moveTo 0, lineTo 1, curveTo 2, quadraticCurveTo 3, closePath 4). */
function pathSegments(d: ArrayLike<number>, m: Matrix, x0: number, y0: number, out: Segment[]): void {
  let start: [number, number] | null = null;
  let at: [number, number] | null = null;
  const poly: Array<[number, number]> = [];
  const flush = () => {
    if (poly.length >= 2) boxOrLines(poly, out);
    poly.length = 0;
  };
  for (let i = 0; i < d.length; ) {
    const op = d[i++];
    if (op === 0) {
      flush();
      at = start = page(apply(m, d[i]!, d[i + 1]!), x0, y0);
      poly.push(at);
      i += 2;
    } else if (op === 1) {
      at = page(apply(m, d[i]!, d[i + 1]!), x0, y0);
      poly.push(at);
      i += 2;
    } else if (op === 2) {
      flush();
      i += 6;
      at = null;
    } else if (op === 3) {
      flush();
      i += 4;
      at = null;
    } else if (op === 4) {
      if (start && at && (start[0] !== at[0] || start[1] !== at[1])) poly.push(start);
      flush();
    } else break;
  }
  flush();
}

const page = ([x, y]: [number, number], x0: number, y0: number): [number, number] => [x - x0, y - y0];

/** A thin filled box stands for one line along its middle; any other polyline gives its straight edges. */
function boxOrLines(poly: Array<[number, number]>, out: Segment[]): void {
  const xs = poly.map((p) => p[0]);
  const ys = poly.map((p) => p[1]);
  const [left, right, top, bottom] = [minOf(xs), maxOf(xs), minOf(ys), maxOf(ys)];
  const w = right - left;
  const h = bottom - top;
  if (poly.length >= 4 && poly.length <= 5 && (w <= 2.5 || h <= 2.5)) {
    if (w <= 2.5) out.push({ x1: (right + left) / 2, x2: (right + left) / 2, y1: top, y2: bottom });
    else out.push({ x1: left, x2: right, y1: (bottom + top) / 2, y2: (bottom + top) / 2 });
    return;
  }
  for (let k = 1; k < poly.length; k++) {
    const [ax, ay] = poly[k - 1]!;
    const [bx, by] = poly[k]!;
    if (Math.abs(ay - by) < 0.5 || Math.abs(ax - bx) < 0.5) out.push({ x1: ax, y1: ay, x2: bx, y2: by });
  }
}
