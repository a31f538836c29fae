import type { DocumentBlock, SourceDocument, SourceTable, TableCell } from "../types.ts";
import { DocumentError } from "./errors.ts";
import { attrOf, child, childrenOf, findRoot, parseXml, tagOf, textOf, type XNode } from "./xml.ts";
import { Numbering } from "./docx-numbering.ts";
import { countTags, LIMITS, tooLarge } from "./limits.ts";
import { SafeZip } from "./zip.ts";
import { append } from "../arrays.ts";

// .docx → paragraphs and tables in document order (word/document.xml).
// Merges: a horizontally merged cell (gridSpan) keeps its text in its first grid column and
// leaves the spanned columns empty, so an item row keeps every cell at its column index and a
// section row stays "one filled cell". A vertical-merge continuation gets the text of the cell
// above with `mergedFromAbove: true` — the importer then inherits it without a warning.

// Containers whose content is read as if it were inline (content controls, tracked insertions, …).
const TRANSPARENT = new Set(["w:sdt", "w:sdtContent", "w:customXml", "w:smartTag", "w:ins", "w:moveTo", "w:hyperlink", "w:fldSimple", "w:dir", "w:bdo"]);

export async function readDocx(fileName: string, input: Buffer | SafeZip): Promise<SourceDocument> {
  const zip = input instanceof SafeZip ? input : SafeZip.open(fileName, input);
  const partName = mainDocumentPart(zip);
  const xml = partName ? zip.text(partName) : undefined;
  if (xml === undefined) throw new DocumentError("unreadable", fileName, "the Word document has no body (word/document.xml is missing)");
  checkCounts(fileName, xml);
  const parsed = parseXml(xml);
  const body = parsed && findRoot(parsed, "w:document") && child(findRoot(parsed, "w:document")!, "w:body");
  if (!body) throw new DocumentError("unreadable", fileName, "the Word document is damaged (its XML cannot be read)");
  const numberingXml = zip.text("word/numbering.xml");
  const stylesXml = zip.text("word/styles.xml");
  const numbering = new Numbering(numberingXml ? parseXml(numberingXml) : null, stylesXml ? parseXml(stylesXml) : null);
  const blocks: DocumentBlock[] = [];
  readBlocks(childrenOf(body), numbering, blocks);
  return { fileName, format: "docx", blocks };
}

/** Paragraphs, rows and cells counted in the XML text before a tree is built of it (four million empty paragraphs fit in 25 MB). */
function checkCounts(fileName: string, xml: string): void {
  for (const [tag, limit] of [["w:p", "paragraphs"], ["w:tr", "rows"], ["w:tc", "cells"]] as const) {
    if (countTags(xml, tag, LIMITS[limit]) > LIMITS[limit]) throw tooLarge(fileName, limit, LIMITS[limit]);
  }
}

/** The main part of a Word package: word/document.xml, or wherever _rels/.rels points (some generators rename it). */
export function mainDocumentPart(zip: SafeZip): string | null {
  if (zip.has("word/document.xml")) return "word/document.xml";
  const rels = zip.text("_rels/.rels");
  const target = rels && /<Relationship\b[^>]*Type="[^"]*\/officeDocument"[^>]*>/.exec(rels)?.[0];
  const name = target && /Target="\/?([^"]+)"/.exec(target)?.[1];
  return name && name.endsWith(".xml") && !name.startsWith("xl/") && zip.has(name) ? name : null;
}

function readBlocks(nodes: XNode[], numbering: Numbering, out: DocumentBlock[]): void {
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag === "w:p") {
      const text = paragraphText(node, numbering).trim();
      if (text) out.push({ type: "paragraph", text });
    } else if (tag === "w:tbl") {
      const frame = layoutFrame(node);
      if (frame) readBlocks(childrenOf(frame), numbering, out);
      else out.push({ type: "table", table: readTable(node, numbering) });
    } else if (TRANSPARENT.has(tag)) {
      readBlocks(childrenOf(node), numbering, out);
    }
  }
}

/** A one-cell table that only frames other content (a layout box holding the real table): its cell. */
function layoutFrame(tbl: XNode): XNode | undefined {
  const rows = collect(tbl, "w:tr");
  if (rows.length !== 1) return undefined;
  const cells = collect(rows[0]!, "w:tc");
  if (cells.length !== 1) return undefined;
  return childrenOf(cells[0]!).some((c) => tagOf(c) === "w:tbl") ? cells[0] : undefined;
}

/** The text of one paragraph: its automatic number (if any), then its runs; breaks become "\n". */
function paragraphText(p: XNode, numbering: Numbering): string {
  const pPr = child(p, "w:pPr");
  const prefix = pPr ? numbering.labelFor(pPr) : "";
  const text = runsText(childrenOf(p));
  if (!prefix) return text;
  // Word shows the number of an empty numbered paragraph: a «№» cell is often nothing else
  if (!text.trim()) return prefix === "-" ? text : prefix;
  return `${prefix} ${text.trimStart()}`;
}

function runsText(nodes: XNode[]): string {
  let s = "";
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag === "w:r") {
      if (isHidden(node)) continue;
      for (const part of childrenOf(node)) {
        const t = tagOf(part);
        if (t === "w:t") s += childrenOf(part).map((c) => textOf(c) ?? "").join("");
        else if (t === "w:tab" || t === "w:ptab") s += " ";
        else if (t === "w:br" || t === "w:cr") s += "\n";
        else if (t === "w:noBreakHyphen") s += "-";
      }
    } else if (TRANSPARENT.has(tag)) {
      s += runsText(childrenOf(node));
    }
    // w:del, w:moveFrom, field codes (w:instrText inside runs is skipped above), drawings: not text
  }
  return s;
}

function isHidden(run: XNode): boolean {
  const rPr = child(run, "w:rPr");
  const vanish = rPr && child(rPr, "w:vanish");
  if (!vanish) return false;
  const v = attrOf(vanish, "w:val");
  return v === undefined || (v !== "0" && v !== "false");
}

interface RawCell {
  text: string;
  span: number;
  /** vMerge: "restart", "continue", or none */
  vMerge: "restart" | "continue" | null;
  hMergeContinue: boolean;
}

function readTable(tbl: XNode, numbering: Numbering): SourceTable {
  const rows: TableCell[][] = [];
  // the text of the cell that started a vertical merge, per grid column
  const above = new Map<number, string>();
  for (const tr of collect(tbl, "w:tr")) {
    const row: TableCell[] = [];
    const trPr = child(tr, "w:trPr");
    const before = Number(trPr && child(trPr, "w:gridBefore") ? attrOf(child(trPr, "w:gridBefore")!, "w:val") : 0) || 0;
    for (let i = 0; i < before; i++) row.push({ text: "" });
    for (const tc of collect(tr, "w:tc")) {
      const cell = rawCell(tc, numbering);
      const col = row.length;
      if (cell.hMergeContinue) {
        row.push({ text: "" });
        continue;
      }
      if (cell.vMerge === "continue") {
        row.push({ text: above.get(col) ?? "", mergedFromAbove: true });
      } else {
        above.set(col, cell.text);
        row.push({ text: cell.text });
      }
      for (let i = 1; i < cell.span; i++) row.push(cell.vMerge === "continue" ? { text: "", mergedFromAbove: true } : { text: "" });
    }
    rows.push(row);
  }
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  for (const r of rows) while (r.length < width) r.push({ text: "" });
  return { rows, rowNumbers: rows.map((_, i) => i + 1) };
}

/** Children with this tag, looking through content controls and custom XML wrappers. */
function collect(node: XNode, tag: string): XNode[] {
  const out: XNode[] = [];
  for (const c of childrenOf(node)) {
    const t = tagOf(c);
    if (t === tag) out.push(c);
    else if (t === "w:sdt" || t === "w:sdtContent" || t === "w:customXml") append(out, collect(c, tag));
  }
  return out;
}

function rawCell(tc: XNode, numbering: Numbering): RawCell {
  const tcPr = child(tc, "w:tcPr");
  const gridSpan = tcPr && child(tcPr, "w:gridSpan");
  const vMergeNode = tcPr && child(tcPr, "w:vMerge");
  const hMergeNode = tcPr && child(tcPr, "w:hMerge");
  const vVal = vMergeNode ? attrOf(vMergeNode, "w:val") : undefined;
  const lines: string[] = [];
  cellLines(childrenOf(tc), numbering, lines);
  return {
    text: lines.join("\n"),
    span: Math.max(1, Number(gridSpan ? attrOf(gridSpan, "w:val") : 1) || 1),
    vMerge: vMergeNode ? (vVal === "restart" ? "restart" : "continue") : null,
    hMergeContinue: !!hMergeNode && attrOf(hMergeNode, "w:val") !== "restart",
  };
}

/** A cell's paragraphs (and any table nested in it) as non-empty lines. */
function cellLines(nodes: XNode[], numbering: Numbering, out: string[]): void {
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag === "w:p") {
      for (const line of paragraphText(node, numbering).split("\n")) {
        const t = line.replace(/[ \u00a0]+/g, " ").trim();
        if (t) out.push(t);
      }
    } else if (tag === "w:tbl") {
      for (const row of readTable(node, numbering).rows) {
        const t = row.map((c) => c.text.replace(/\n/g, " ")).filter(Boolean).join(" ");
        if (t) out.push(t);
      }
    } else if (TRANSPARENT.has(tag)) {
      cellLines(childrenOf(node), numbering, out);
    }
  }
}
