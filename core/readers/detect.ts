import path from "node:path";
import type { SourceDocument } from "../types.ts";
import { readTextExport } from "../import/text-export.ts";
import { looksLikeWebPage, readWebPage } from "../import/html-export.ts";
import { decodeText, readCsvText } from "./csv.ts";
import { readDoc } from "./doc.ts";
import { readOdt } from "./odt.ts";
import { readPdf } from "./pdf.ts";
import { mainDocumentPart, readDocx } from "./docx.ts";
import { DocumentError } from "./errors.ts";
import { LIMITS, tooLarge } from "./limits.ts";
import { readXlsx } from "./xlsx.ts";
import { SafeZip } from "./zip.ts";

// One entry point for every format. The content decides, not the name: offices rename files,
// and "roadmap.docx" that is really a text file must get a clear answer instead of a parser crash.
//
//   ZIP with word/document.xml   → .docx (whatever the name says)
//   ZIP with xl/workbook.xml     → .xlsx
//   ZIP of OpenDocument text     → .odt
//   other ZIP (.ods, …)          → unsupported
//   ZIP that cannot be opened    → unreadable
//   OLE2 (D0 CF 11 E0)           → .doc (legacy Word, read by doc.ts; unreadable: legacy_word) / legacy_excel
//   {\rtf                        → legacy_word (Word's "save as" for old formats)
//   %PDF                         → PDF with a text layer; a scan or a damaged PDF → pdf
//   OLE2 with EncryptedPackage    → unreadable (password-protected .docx/.xlsx)
//   Word/Excel 2003 XML          → legacy_word / legacy_excel (often named .doc/.xls)
//   HTML, MHT ("web page")       → its paragraphs and tables (often named .doc; pasted HTML too)
//   images                       → unsupported
//   text named .docx/.xlsx/…     → mismatch
//   other binary bytes           → unreadable
//   text named .csv/.tsv         → CSV; any other text → the plain-text export reader

export { DocumentError,  } from "./errors.ts";

const BINARY_NAMES = new Set([".docx", ".xlsx", ".doc", ".xls", ".pdf", ".odt", ".ods", ".rtf", ".zip"]);
const SAVE_AS_DOCX = "save it as .docx (or .xlsx) and send it again";

/** The document's paragraphs and tables; a DocumentError (with its code) when it cannot or must not be read. */
export async function readDocument(fileName: string, bytes: Buffer): Promise<SourceDocument> {
  return checkSize(await readAny(fileName, bytes));
}

async function readAny(fileName: string, bytes: Buffer): Promise<SourceDocument> {
  const ext = path.extname(fileName).toLowerCase();
  if (bytes.length === 0) throw new DocumentError("empty", fileName, "the file is empty");
  if (bytes.length > LIMITS.fileBytes) throw tooLarge(fileName, "fileBytes", LIMITS.fileBytes);

  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    return readZip(fileName, bytes);
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    // a password-protected .docx/.xlsx is an OLE2 container too, not an old format
    if (hasUtf16(bytes, "EncryptedPackage")) {
      return fail(fileName, "unreadable", "the document is password-protected: remove the password, save it and send it again");
    }
    const excel = ext === ".xls" || (ext !== ".doc" && hasUtf16(bytes, "Workbook"));
    if (excel) return fail(fileName, "legacy_excel", "this is an old Excel file (.xls): save it as .xlsx and send it again");
    return readDoc(fileName, bytes);
  }
  if (bytes.subarray(0, 5).toString("latin1") === "{\\rtf") {
    return fail(fileName, "legacy_word", `this is an RTF document: ${SAVE_AS_DOCX}`);
  }
  if (bytes.subarray(0, 1024).toString("latin1").includes("%PDF-")) return readPdf(fileName, bytes);
  if (isImage(bytes)) return fail(fileName, "unsupported", `this is an image, not a document: ${SAVE_AS_DOCX}`);
  if (!looksLikeText(bytes)) {
    return fail(fileName, "unreadable", "the file is not a document Веха can read (.docx, .xlsx, .csv or text)");
  }
  const { text } = decodeText(bytes);
  if (text.length > LIMITS.textChars) throw tooLarge(fileName, "textChars", LIMITS.textChars);
  if (!text.trim()) throw new DocumentError("empty", fileName, "the file is empty");
  const head = text.slice(0, 2048).trimStart().toLowerCase();
  // a web page (Word's «save as web page» too, whose head names Word) or pasted HTML: its paragraphs and tables
  if (looksLikeWebPage(text)) return readWebPage(fileName, text);
  // Word's and Excel's other "save as" text formats: their markup is not a text export
  if (/progid="word\.document"|<w:worddocument/.test(head)) return fail(fileName, "legacy_word", `this is a Word 2003 XML document: ${SAVE_AS_DOCX}`);
  if (/progid="excel\.sheet"|<ss:workbook|urn:schemas-microsoft-com:office:spreadsheet/.test(head)) {
    return fail(fileName, "legacy_excel", "this is an Excel 2003 XML workbook: save it as .xlsx and send it again");
  }
  if (BINARY_NAMES.has(ext)) {
    return fail(fileName, "mismatch", `the file is named ${ext} but holds plain text: open it in Word or Excel, ${SAVE_AS_DOCX}`);
  }
  if (ext === ".csv" || ext === ".tsv") return readCsvText(fileName, text);
  return readTextExport(fileName, text);
}

async function readZip(fileName: string, bytes: Buffer): Promise<SourceDocument> {
  const zip = SafeZip.open(fileName, bytes);
  try {
    if (mainDocumentPart(zip)) return await readDocx(fileName, zip);
    if (zip.has("xl/workbook.xml")) return await readXlsx(fileName, bytes);
  } catch (e) {
    if (e instanceof DocumentError) throw e;
    return fail(fileName, "unreadable", "the file is damaged: a part of the document cannot be unpacked (was it fully downloaded?)");
  }
  const mime = zip.text("mimetype")?.trim() ?? "";
  if (mime === "application/vnd.oasis.opendocument.text") return readOdt(fileName, zip);
  if (mime.includes("opendocument")) {
    return fail(fileName, "unsupported", `this is an OpenDocument file of another kind (.ods, .odp): ${SAVE_AS_DOCX}`);
  }
  // an Office package (or a file named like one) without its main part: damaged, not foreign
  const ext = path.extname(fileName).toLowerCase();
  if (zip.has("[Content_Types].xml") || ext === ".docx" || ext === ".xlsx") {
    return fail(fileName, "unreadable", "the document is damaged: its main part is missing (was it fully downloaded?)");
  }
  return fail(fileName, "unsupported", `this archive is not a Word or Excel document: ${SAVE_AS_DOCX}`);
}

/**
 * Whatever the format, what a reader produced is counted once more: a text export or a PDF is split into
 * paragraphs and rows only by reading it, and the importer after it must not get more than the limits.
 */
function checkSize(doc: SourceDocument): SourceDocument {
  let paragraphs = 0;
  let rows = 0;
  let cells = 0;
  for (const b of doc.blocks) {
    if (b.type === "paragraph") {
      paragraphs++;
      continue;
    }
    for (const r of b.table.rows) {
      rows++;
      cells += r.length;
    }
  }
  if (paragraphs > LIMITS.paragraphs) throw tooLarge(doc.fileName, "paragraphs", LIMITS.paragraphs);
  if (rows > LIMITS.rows) throw tooLarge(doc.fileName, "rows", LIMITS.rows);
  if (cells > LIMITS.cells) throw tooLarge(doc.fileName, "cells", LIMITS.cells);
  return doc;
}

function fail(fileName: string, code: DocumentError["code"], message: string): never {
  throw new DocumentError(code, fileName, message);
}

function startsWith(bytes: Buffer, magic: number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

function hasUtf16(bytes: Buffer, word: string): boolean {
  return bytes.includes(Buffer.from(word, "utf16le"));
}

function isImage(bytes: Buffer): boolean {
  return (
    startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) || // PNG
    startsWith(bytes, [0xff, 0xd8, 0xff]) || // JPEG
    bytes.subarray(0, 4).toString("latin1") === "GIF8"
  );
}

/**
 * Text in UTF-8 or a single-byte Cyrillic encoding: no NUL bytes and hardly any control characters.
 * Random or binary bytes fail this; Windows-1251 Russian passes (its letters are ≥ 0xC0).
 */
function looksLikeText(bytes: Buffer): boolean {
  const sample = bytes.subarray(0, 64 * 1024);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return false;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  if (control > sample.length / 100) return false;
  // in Windows-1251 0x98 is unassigned; random bytes also hit many rare C1 positions
  return decodeText(bytes).encoding === "utf-8" || rareCp1251(sample) < sample.length / 50;
}

function rareCp1251(bytes: Buffer): number {
  let n = 0;
  for (const b of bytes) if (b >= 0x80 && b < 0xc0 && b !== 0xa8 && b !== 0xb8 && b !== 0xab && b !== 0xbb && b !== 0x96 && b !== 0x97 && b !== 0xb9 && b !== 0xa0) n++;
  return n;
}
