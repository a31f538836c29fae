import { createRequire } from "node:module";
import type { DocumentBlock, SourceDocument, TableCell } from "../types.ts";
import { DocumentError } from "./errors.ts";
import { Budget, LIMITS, tooLarge } from "./limits.ts";

// Legacy Word (.doc, Word 97–2003 binary) → paragraphs and tables, like the .docx reader gives.
// word-extractor (pure JS) opens the OLE2 container and reassembles the text from its pieces; the table
// structure is read here from the paragraph properties (PAPX) it leaves aside: a paragraph mark inside a
// table (sprmPFInTable) ends a line of a cell, a \x07 ends a cell, and the paragraph carrying sprmPFTtp
// ends a row. Field codes (\x13 code \x14 result \x15) keep their result only.

const require = createRequire(import.meta.url);
// word-extractor is CommonJS without types
const WordOleExtractor = require("word-extractor/lib/word-ole-extractor.js") as new () => OleExtractor;
const BufferReader = require("word-extractor/lib/buffer-reader.js") as new (b: Buffer) => unknown;

interface Piece {
  startCp: number;
  endCp: number;
  startFilePos: number;
  bpc: number;
  text: string;
}

interface OleExtractor {
  _pieces: Piece[];
  _boundaries: { ccpText: number };
  extract(reader: unknown): Promise<unknown>;
  writeParagraphProperties(buffer: Buffer, tableBuffer: Buffer): void;
}

/** A run of paragraphs with the same properties, by file position (PAPX FKP entries). */
interface ParagraphRun {
  start: number;
  end: number;
  inTable: boolean;
  rowEnd: boolean;
}

const SPRM_IN_TABLE = 0x2416;
const SPRM_TTP = 0x2417;

export async function readDoc(fileName: string, bytes: Buffer): Promise<SourceDocument> {
  if (bytes.length > LIMITS.fileBytes) throw tooLarge(fileName, "fileBytes", LIMITS.fileBytes);
  const runs: ParagraphRun[] = [];
  const extractor = new WordOleExtractor();
  const original = extractor.writeParagraphProperties.bind(extractor);
  let encrypted = false;
  extractor.writeParagraphProperties = (buffer, tableBuffer) => {
    encrypted = (buffer.readUInt16LE(0x0a) & 0x0100) !== 0; // FIB fEncrypted: the text is noise without the password
    readParagraphRuns(buffer, tableBuffer, runs);
    original(buffer, tableBuffer);
  };
  try {
    await extractor.extract(new BufferReader(bytes));
  } catch {
    throw new DocumentError("legacy_word", fileName, "this old Word file (.doc) cannot be read: save it as .docx and send it again");
  }
  if (encrypted) throw new DocumentError("unreadable", fileName, "the document is password-protected: remove the password, save it and send it again");
  const ccp = extractor._boundaries.ccpText;
  if (ccp > LIMITS.textChars) throw tooLarge(fileName, "textChars", LIMITS.textChars);
  runs.sort((a, b) => a.start - b.start);
  return { fileName, format: "doc", blocks: buildBlocks(fileName, extractor._pieces, ccp, runs) };
}

/** The paragraph property runs: PlcBtePapx in the table stream → 512-byte PAPX FKP pages in the WordDocument stream. */
function readParagraphRuns(word: Buffer, table: Buffer, out: ParagraphRun[]): void {
  const fc = word.readUInt32LE(0x0102);
  const lcb = word.readUInt32LE(0x0106);
  const count = (lcb - 4) / 8;
  if (!Number.isInteger(count) || count <= 0 || fc + lcb > table.length) return;
  const plc = table.subarray(fc, fc + lcb);
  for (let i = 0; i < count; i++) {
    const pn = plc.readUInt32LE((count + 1) * 4 + i * 4) & 0x3fffff;
    const page = word.subarray(pn * 512, pn * 512 + 512);
    if (page.length < 512) continue;
    const crun = page.readUInt8(511);
    for (let j = 0; j < crun; j++) {
      const run: ParagraphRun = { start: page.readUInt32LE(j * 4), end: page.readUInt32LE((j + 1) * 4), inTable: false, rowEnd: false };
      const at = page.readUInt8((crun + 1) * 4 + j * 13) * 2;
      if (at === 0) {
        out.push(run);
        continue;
      }
      const cb = page.readUInt8(at);
      const grpprl = cb !== 0 ? page.subarray(at + 1, at + 2 * cb) : page.subarray(at + 2, at + 2 + 2 * page.readUInt8(at + 1));
      forEachSprm(grpprl, 2, (sprm, value) => {
        if (sprm === SPRM_IN_TABLE) run.inTable = value !== 0;
        if (sprm === SPRM_TTP && value !== 0) run.rowEnd = run.inTable = true;
      });
      out.push(run);
    }
  }
}

/** Each property (sprm) of a grpprl with its first operand byte; the operand size is in the sprm's spra bits. */
function forEachSprm(b: Buffer, from: number, fn: (sprm: number, value: number) => void): void {
  let at = from;
  while (at + 2 <= b.length) {
    const sprm = b.readUInt16LE(at);
    at += 2;
    const spra = sprm >> 13;
    const size = [1, 1, 2, 4, 2, 2, -1, 3][spra]!;
    const value = at < b.length ? b.readUInt8(at) : 0;
    fn(sprm, value);
    if (size >= 0) at += size;
    else if (sprm === 0xd608) at += b.readUInt16LE(at) + 1; // sprmTDefTable: a two-byte length
    else at += (at < b.length ? b.readUInt8(at) : 0) + 1;
  }
}

function runAt(runs: ParagraphRun[], fc: number): ParagraphRun | undefined {
  let lo = 0;
  let hi = runs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = runs[mid]!;
    if (fc < r.start) hi = mid - 1;
    else if (fc >= r.end) lo = mid + 1;
    else return r;
  }
  return undefined;
}

function buildBlocks(fileName: string, pieces: Piece[], ccp: number, runs: ParagraphRun[]): DocumentBlock[] {
  const budget = new Budget(fileName);
  const blocks: DocumentBlock[] = [];
  let rows: TableCell[][] = [];
  let row: TableCell[] = [];
  let lines: string[] = [];
  let text = "";
  // field nesting: true while inside a field's code (before its \x14 separator)
  const fields: boolean[] = [];

  const closeTable = () => {
    if (row.length) {
      rows.push(row);
      row = [];
    }
    if (!rows.length) return;
    const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
    for (const r of rows) while (r.length < width) r.push({ text: "" });
    blocks.push({ type: "table", table: { rows, rowNumbers: rows.map((_, i) => i + 1) } });
    rows = [];
  };
  const line = () => {
    const t = clean(text);
    text = "";
    return t;
  };

  for (const piece of pieces) {
    if (piece.startCp >= ccp) break;
    const end = Math.min(piece.endCp, ccp);
    for (let cp = piece.startCp; cp < end; cp++) {
      const ch = piece.text[cp - piece.startCp]!;
      const code = ch.charCodeAt(0);
      if (code === 0x13) {
        fields.push(true);
        continue;
      }
      if (code === 0x14) {
        if (fields.length) fields[fields.length - 1] = false;
        continue;
      }
      if (code === 0x15) {
        fields.pop();
        continue;
      }
      if (fields.includes(true)) continue;
      if (ch !== "\r" && ch !== "\x07" && ch !== "\n" && ch !== "\x0c") {
        text += ch;
        continue;
      }
      const run = runAt(runs, piece.startFilePos + (cp - piece.startCp) * piece.bpc);
      if (run?.rowEnd || (ch === "\n" && !run)) {
        // the row-end mark (word-extractor writes it as "\n")
        text = "";
        budget.add("rows");
        budget.add("cells", row.length);
        rows.push(row);
        row = [];
      } else if (ch === "\x07") {
        const t = line();
        if (t) lines.push(t);
        row.push({ text: lines.join("\n") });
        lines = [];
      } else if (run?.inTable) {
        const t = line();
        if (t) lines.push(t);
      } else {
        closeTable();
        const t = line();
        if (t) {
          budget.add("paragraphs");
          blocks.push({ type: "paragraph", text: t });
        }
      }
    }
  }
  const t = line();
  if (t) blocks.push({ type: "paragraph", text: t });
  closeTable();
  return blocks;
}

/** Word's special characters in running text: line breaks, tabs, hyphens; objects and marks dropped. */
function clean(s: string): string {
  return s
    .replace(/\x0b/g, "\n")
    .replace(/\t/g, " ")
    .replace(/\x1e/g, "-")
    .replace(/[\x00-\x08\x1f]/g, "")
    .replace(/[ \u00a0]+/g, " ")
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .join("\n");
}
