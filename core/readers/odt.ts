import type { DocumentBlock, SourceDocument, TableCell } from "../types.ts";
import { DocumentError } from "./errors.ts";
import { countTags, LIMITS, tooLarge } from "./limits.ts";
import { attrOf, childrenOf, findRoot, parseXml, tagOf, textOf, type XNode } from "./xml.ts";
import type { SafeZip } from "./zip.ts";
import { append } from "../arrays.ts";

// OpenDocument text (.odt: LibreOffice, «МойОфис», Р7-Офис) → paragraphs and tables, like the .docx
// reader gives. content.xml holds the body: text:p / text:h paragraphs, lists, sections, and
// table:table with rows of table:table-cell; a cell spanning rows or columns leaves
// table:covered-table-cell in the places it covers — a covered place under the cell is a vertical merge
// (`mergedFromAbove` with its text), one to its right is empty, as in the .docx reader.

/** Containers read through as if their content stood in their place. */
const TRANSPARENT = new Set(["text:section", "text:list", "text:list-item", "text:list-header", "text:index-body", "text:table-of-content", "office:forms"]);
const ROW_GROUPS = new Set(["table:table-header-rows", "table:table-rows", "table:table-row-group"]);
/** Repeated empty rows or cells (a spreadsheet-like table formatted far down): read once. */
const MAX_REPEAT = 50;

export function readOdt(fileName: string, zip: SafeZip): SourceDocument {
  const xml = zip.text("content.xml");
  if (xml === undefined) throw new DocumentError("unreadable", fileName, "the OpenDocument file has no content (content.xml is missing)");
  for (const [tags, limit] of [[["text:p", "text:h"], "paragraphs"], [["table:table-row"], "rows"], [["table:table-cell"], "cells"]] as const) {
    const n = tags.reduce((sum, t) => sum + countTags(xml, t, LIMITS[limit]), 0);
    if (n > LIMITS[limit]) throw tooLarge(fileName, limit, LIMITS[limit]);
  }
  const parsed = parseXml(xml);
  const content = parsed && findRoot(parsed, "office:document-content");
  const body = content && childrenOf(content).find((c) => tagOf(c) === "office:body");
  const text = body && childrenOf(body).find((c) => tagOf(c) === "office:text");
  if (!text) throw new DocumentError("unreadable", fileName, "the OpenDocument file is damaged (its content cannot be read)");
  const blocks: DocumentBlock[] = [];
  readBlocks(childrenOf(text), blocks);
  return { fileName, format: "odt", blocks };
}

function readBlocks(nodes: XNode[], out: DocumentBlock[]): void {
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag === "text:p" || tag === "text:h") {
      const t = tidy(inlineText(childrenOf(node)));
      if (t) out.push({ type: "paragraph", text: t });
    } else if (tag === "table:table") {
      out.push({ type: "table", table: { rows: readTable(node), rowNumbers: [] } });
      const last = out.at(-1)!;
      if (last.type === "table") last.table.rowNumbers = last.table.rows.map((_, i) => i + 1);
    } else if (TRANSPARENT.has(tag)) {
      readBlocks(childrenOf(node), out);
    }
  }
}

function readTable(table: XNode): TableCell[][] {
  const rows: TableCell[][] = [];
  // per column: the text of a cell spanning rows, and how many rows below it still covers
  const spans = new Map<number, { text: string; left: number }>();
  for (const tr of tableRows(table)) {
    const repeat = Math.min(MAX_REPEAT, Number(attrOf(tr, "table:number-rows-repeated") ?? 1) || 1);
    const row: TableCell[] = [];
    for (const tc of childrenOf(tr)) {
      const tag = tagOf(tc);
      if (tag !== "table:table-cell" && tag !== "table:covered-table-cell") continue;
      const times = Math.min(MAX_REPEAT, Number(attrOf(tc, "table:number-columns-repeated") ?? 1) || 1);
      for (let k = 0; k < times; k++) {
        const col = row.length;
        if (tag === "table:covered-table-cell") {
          const span = spans.get(col);
          if (span && span.left > 0) {
            span.left--;
            row.push({ text: span.text, mergedFromAbove: true });
          } else row.push({ text: "" });
          continue;
        }
        const text = cellText(tc);
        row.push({ text });
        const down = Number(attrOf(tc, "table:number-rows-spanned") ?? 1) || 1;
        if (down > 1) spans.set(col, { text, left: down - 1 });
        const across = Number(attrOf(tc, "table:number-columns-spanned") ?? 1) || 1;
        // the places to the right come as covered cells: they must not take this cell's rows-span
        for (let c = col + 1; c < col + across; c++) spans.delete(c);
      }
    }
    for (let r = 0; r < repeat; r++) rows.push(r === 0 ? row : row.map((c) => ({ ...c })));
  }
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  for (const r of rows) while (r.length < width) r.push({ text: "" });
  // trailing empty rows and columns a repeated formatting left behind
  while (rows.length && rows.at(-1)!.every((c) => !c.text)) rows.pop();
  return rows;
}

function tableRows(node: XNode): XNode[] {
  const out: XNode[] = [];
  for (const c of childrenOf(node)) {
    const tag = tagOf(c);
    if (tag === "table:table-row") out.push(c);
    else if (ROW_GROUPS.has(tag)) append(out, tableRows(c));
  }
  return out;
}

/** A cell's paragraphs (and any table nested in it) as non-empty lines. */
function cellText(tc: XNode): string {
  const lines: string[] = [];
  const visit = (nodes: XNode[]) => {
    for (const n of nodes) {
      const tag = tagOf(n);
      if (tag === "text:p" || tag === "text:h") {
        for (const l of inlineText(childrenOf(n)).split("\n")) {
          const t = l.replace(/[ \u00a0]+/g, " ").trim();
          if (t) lines.push(t);
        }
      } else if (tag === "table:table") {
        for (const r of readTable(n)) {
          const t = r.map((c) => c.text.replace(/\n/g, " ")).filter(Boolean).join(" ");
          if (t) lines.push(t);
        }
      } else if (TRANSPARENT.has(tag)) visit(childrenOf(n));
    }
  };
  visit(childrenOf(tc));
  return lines.join("\n");
}

/** The text of a paragraph's content: spans, links, spaces (text:s), tabs and line breaks; notes left out. */
function inlineText(nodes: XNode[]): string {
  let s = "";
  for (const n of nodes) {
    const t = textOf(n);
    if (t !== undefined) {
      s += t;
      continue;
    }
    const tag = tagOf(n);
    if (tag === "text:s") s += " ".repeat(Math.min(100, Number(attrOf(n, "text:c") ?? 1) || 1));
    else if (tag === "text:tab") s += " ";
    else if (tag === "text:line-break") s += "\n";
    else if (tag === "text:span" || tag === "text:a" || tag === "text:meta" || tag === "text:ruby-base") s += inlineText(childrenOf(n));
    // text:note (footnotes), text:bookmark*, draw:* frames, office:annotation: not the paragraph's text
  }
  return s;
}

function tidy(s: string): string {
  return s
    .split("\n")
    .map((l) => l.replace(/[ \u00a0\t]+/g, " ").trim())
    .filter(Boolean)
    .join("\n");
}
