import { DocumentError } from "./errors.ts";

// How big a document Веха reads. A real roadmap is a few hundred rows in a file of a few megabytes;
// these bounds are ten to a hundred times that, and low enough that a hostile file (a zip bomb, four
// million empty paragraphs, a million-row sheet) is refused before a parser holds it in memory.
// Each is checked before the expensive step it protects, and a refusal names the limit it hit.

export const LIMITS = {
  /** bytes of the file itself: Telegram lets a bot download 20 MB, the CLI takes the same */
  fileBytes: 20 * 1024 * 1024,
  /** parts of a .docx/.xlsx/.odt package (a real one has 10–100) */
  zipParts: 2_000,
  /** bytes of every part unpacked, as the archive declares them and as really inflated */
  unpackedBytes: 100 * 1024 * 1024,
  /** bytes of one XML part that is parsed (document.xml, a worksheet, content.xml) */
  xmlPartBytes: 25 * 1024 * 1024,
  /** paragraphs of a document (a 300-page order has about 10 000) */
  paragraphs: 20_000,
  /** table rows with text, all tables and sheets together (a large regional plan has about 1 000) */
  rows: 5_000,
  /** table cells, all tables and sheets together */
  cells: 100_000,
  /** row elements of a spreadsheet, empty formatted ones included (Excel writes those for borders and heights) */
  sheetRows: 50_000,
  /** characters of a text, CSV or legacy Word file's text (a 20 MB file in Windows-1251) */
  textChars: 20 * 1024 * 1024,
  /** pages of a PDF */
  pages: 500,
} as const;

export type LimitKind = keyof typeof LIMITS | "time" | "memory";

/** The refusal for a document over one of the limits: code `too_large`, the limit named. */
export function tooLarge(fileName: string, limit: LimitKind, max: number): DocumentError {
  return new DocumentError("too_large", fileName, `the document is too large to be a roadmap: ${LIMIT_TEXT[limit](max)}`, { limit, max });
}

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
const LIMIT_TEXT: Record<LimitKind, (max: number) => string> = {
  fileBytes: (n) => `the file is over ${mb(n)}`,
  zipParts: (n) => `the archive has more than ${n} parts`,
  unpackedBytes: (n) => `its contents unpack to more than ${mb(n)}`,
  xmlPartBytes: (n) => `one of its parts unpacks to more than ${mb(n)}`,
  paragraphs: (n) => `it has more than ${n} paragraphs`,
  rows: (n) => `its tables have more than ${n} rows`,
  sheetRows: (n) => `its sheets have more than ${n} rows`,
  cells: (n) => `its tables have more than ${n} cells`,
  textChars: (n) => `its text is longer than ${n} characters`,
  pages: (n) => `it has more than ${n} pages`,
  time: (n) => `it could not be read within ${n} s`,
  memory: (n) => `reading it needs more than ${n} MB of memory`,
};

/** Counts what a reader produces and refuses once a limit is passed. */
export class Budget {
  private counts = { paragraphs: 0, rows: 0, cells: 0 };
  constructor(readonly fileName: string) {}
  add(kind: "paragraphs" | "rows" | "cells", n = 1): void {
    this.counts[kind] += n;
    if (this.counts[kind] > LIMITS[kind]) throw tooLarge(this.fileName, kind, LIMITS[kind]);
  }
}

/** How many `<tag …>` elements an XML text holds, counting no further than just past `stopAfter`. */
export function countTags(xml: string, tag: string, stopAfter = Infinity): number {
  const re = new RegExp(`<${tag}[\\s>/]`, "g");
  let n = 0;
  while (re.exec(xml) && n <= stopAfter) n++;
  return n;
}

const BYTE_LIMITS = new Set<string>(["fileBytes", "unpackedBytes", "xmlPartBytes"]);

/** The variables of a `too_large` message: which limit, and its value (bytes as whole megabytes). */
export function limitArgs(detail: { limit: string; max: number } | null): { limit: string; max: number } {
  if (!detail) return { limit: "other", max: 0 };
  return { limit: detail.limit, max: BYTE_LIMITS.has(detail.limit) ? Math.round(detail.max / 1024 / 1024) : detail.max };
}
