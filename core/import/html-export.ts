import iconv from "iconv-lite";
import type { DocumentBlock, SourceDocument, TableCell } from "../types.ts";
import { decodeEntities } from "./markup.ts";
import { maxOf } from "../arrays.ts";

// A web page → SourceDocument: an order copied from a legal-information site or a school's page, pasted
// HTML, Word's «save as web page» (.htm, or .mht: one MIME file). Paragraphs are the text between block
// elements; tables keep their merges (rowspan → `mergedFromAbove` like a .docx vMerge, colspan → the text in
// the first column); a table used for layout (one cell, or tables inside its cells) is unwrapped.
// A tolerant parser: unclosed <p>, <td>, <tr> and <li> close where the next one starts, as browsers do.

/** HTML (a page, a fragment with a table) or a web archive (.mht), by its first characters or its tables. */
export function looksLikeWebPage(text: string): boolean {
  const head = text.slice(0, 2048).trimStart().toLowerCase();
  if (/^(?:<!doctype html|<html|<\?xml[^>]*>\s*<html)/.test(head) || isMht(head)) return true;
  // pasted HTML: tables in markup, not a tab-separated text whose cells carry <p> and <br>
  const tds = text.match(/<t[dh][\s>]/gi)?.length ?? 0;
  return /<table[\s>]/i.test(text) && tds >= 2 && (text.match(/\t/g)?.length ?? 0) < tds;
}

const isMht = (head: string) => /^mime-version:.*\n(?:.*\n)*?content-type:\s*multipart\/related/.test(head.replace(/\r/g, ""));

export function readWebPage(fileName: string, text: string): SourceDocument {
  const head = text.slice(0, 2048).trimStart().toLowerCase();
  const html = isMht(head) ? (mhtHtml(text) ?? "") : text;
  return { fileName, format: "html", blocks: blocksOf(parse(html)) };
}

// ——— .mht: the HTML part of a MIME web archive ———

function mhtHtml(text: string): string | null {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(text)?.[1];
  if (!boundary) return null;
  for (const part of text.split(`--${boundary}`)) {
    const split = /\r?\n\r?\n/.exec(part);
    if (!split) continue;
    const headers = part.slice(0, split.index).toLowerCase();
    if (!/content-type:\s*text\/html/.test(headers)) continue;
    const body = part.slice(split.index + split[0].length);
    const encoding = /content-transfer-encoding:\s*([\w-]+)/.exec(headers)?.[1] ?? "";
    const charset = /charset="?([\w-]+)/.exec(headers)?.[1] ?? "utf-8";
    const bytes =
      encoding === "base64"
        ? Buffer.from(body.replace(/\s+/g, ""), "base64")
        : encoding === "quoted-printable"
          ? Buffer.from(body.replace(/=\r?\n/g, "").replace(/=([0-9a-f]{2})/gi, (_w, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1")
          : Buffer.from(body, "latin1");
    return iconv.encodingExists(charset) ? iconv.decode(bytes, charset) : bytes.toString("utf8");
  }
  return null;
}

// ——— a tolerant tree ———

interface Element {
  tag: string;
  attrs: string;
  children: Node[];
  parent: Element | null;
}
type Node = Element | string;

const VOID = new Set(["br", "hr", "img", "meta", "link", "input", "col", "wbr", "area", "base", "source", "param"]);
const BLOCK = new Set([
  "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "section", "article",
  "header", "footer", "main", "nav", "aside", "center", "address", "form", "fieldset", "caption", "body", "html", "figure", "hr",
]);
/** Start tags that close an open <p>. */
const CLOSES_P = new Set(["p", "div", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "section", "article", "center", "hr"]);
const TABLE_PARTS = new Set(["table", "tbody", "thead", "tfoot", "tr", "td", "th"]);

function parse(html: string): Element {
  const source = html
    .replace(/<!--[\s\S]*?(?:-->|$)/g, "")
    .replace(/<![a-z][^>]*>|<\?[^>]*>/gi, "") // <!DOCTYPE …>, <?xml …?>
    .replace(/<!\[[^\]]*\]>/g, "") // Word's <![if !supportLists]> … <![endif]>: keep what is between
    .replace(/<(script|style|xml|head|title|noscript|template)(?:\s[^>]*)?>[\s\S]*?<\/\1\s*>/gi, "");
  const root: Element = { tag: "#root", attrs: "", children: [], parent: null };
  let top = root;
  const open = (tag: string) => {
    for (let e: Element | null = top; e; e = e.parent) {
      if (e.tag === tag) return e;
      if (e.tag === "table" && tag !== "table") return null; // never close across a table
    }
    return null;
  };
  const closeTo = (e: Element) => (top = e.parent ?? root);

  for (const m of source.matchAll(/<(\/?)([a-zA-Z][\w:.-]*)((?:"[^"]*"|'[^']*'|[^'">])*)>|([^<]+|<)/g)) {
    if (m[4] !== undefined) {
      top.children.push(m[4]);
      continue;
    }
    const tag = m[2]!.toLowerCase();
    if (m[1]) {
      const e = open(tag);
      if (e) closeTo(e);
      continue;
    }
    if (CLOSES_P.has(tag)) {
      const p = open("p");
      if (p) closeTo(p);
    }
    if (tag === "td" || tag === "th") {
      const cell = open("td") ?? open("th");
      if (cell) closeTo(cell);
      if (!open("tr") && open("table")) top = push(top, "tr", "");
    } else if (tag === "tr") {
      const row = open("tr");
      if (row) closeTo(row);
    } else if (tag === "li") {
      const li = open("li");
      if (li) closeTo(li);
    }
    const e = push(top, tag, m[3] ?? "");
    if (!VOID.has(tag) && !m[3]?.trim().endsWith("/")) top = e;
  }
  return root;
}

function push(parent: Element, tag: string, attrs: string): Element {
  const e: Element = { tag, attrs, children: [], parent };
  parent.children.push(e);
  return e;
}

// ——— tree → blocks ———

const spaces = (s: string) => s.replace(/[\s\u00a0\u200b\ufeff]+/g, " ");

function blocksOf(root: Element): DocumentBlock[] {
  const blocks: DocumentBlock[] = [];
  let para = "";
  const flush = () => {
    const t = spaces(decodeEntities(para)).trim();
    if (t) blocks.push({ type: "paragraph", text: t });
    para = "";
  };
  const walk = (e: Element, bold: boolean) => {
    for (const c of e.children) {
      if (typeof c === "string") {
        para += c;
        continue;
      }
      if (c.tag === "table") {
        flush();
        if (isLayout(c)) for (const cell of cellsOf(c)) walk(cell, bold);
        else {
          const caption = c.children.find((x): x is Element => typeof x !== "string" && x.tag === "caption");
          if (caption) blocks.push({ type: "paragraph", text: cellText(caption).replace(/\n/g, " ") });
          const rows = tableRows(c);
          if (rows.length) blocks.push({ type: "table", table: { rows } });
        }
        flush();
        continue;
      }
      if (c.tag === "br") {
        // a heading broken over lines in bold is one paragraph; elsewhere a <br> ends a line
        if (bold) para += " ";
        else flush();
        continue;
      }
      const block = BLOCK.has(c.tag);
      if (block) flush();
      walk(c, bold || c.tag === "b" || c.tag === "strong" || /^h\d$/.test(c.tag));
      if (block) flush();
    }
  };
  walk(root, false);
  flush();
  return blocks;
}

/** The rows of a table (those of its <thead>, <tbody>, <tfoot> in order), not of tables inside it. */
function rowElements(table: Element): Element[] {
  const out: Element[] = [];
  const visit = (e: Element) => {
    for (const c of e.children) {
      if (typeof c === "string") continue;
      if (c.tag === "tr") out.push(c);
      else if (c.tag === "tbody" || c.tag === "thead" || c.tag === "tfoot") visit(c);
    }
  };
  visit(table);
  return out;
}

function cellsOf(table: Element): Element[] {
  return rowElements(table).flatMap((r) => r.children.filter((c): c is Element => typeof c !== "string" && (c.tag === "td" || c.tag === "th")));
}

/** A table that only lays out a page: a single cell, or tables inside its cells. */
function isLayout(table: Element): boolean {
  const cells = cellsOf(table);
  if (cells.length === 1) return true;
  const nested = (e: Element): boolean => e.children.some((c) => typeof c !== "string" && (c.tag === "table" || nested(c)));
  return cells.some(nested);
}

const span = (attrs: string, name: string) => {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*["']?(\\d+)`, "i").exec(attrs);
  return Math.min(50, Math.max(1, m ? Number(m[1]) : 1));
};

/** Rows of cells with merges resolved, as the .docx reader gives them. */
function tableRows(table: Element): TableCell[][] {
  const rows: TableCell[][] = [];
  const pending = new Map<number, { text: string; left: number }>(); // column → a rowspan still running
  const carry = (row: TableCell[], col: number): boolean => {
    const p = pending.get(col);
    if (!p) return false;
    row[col] = { text: p.text, mergedFromAbove: true };
    if (--p.left === 0) pending.delete(col);
    return true;
  };
  for (const tr of rowElements(table)) {
    const row: TableCell[] = [];
    let col = 0;
    for (const td of tr.children) {
      if (typeof td === "string" || (td.tag !== "td" && td.tag !== "th")) continue;
      while (carry(row, col)) col++;
      const text = cellText(td);
      const across = span(td.attrs, "colspan");
      const down = span(td.attrs, "rowspan");
      for (let k = 0; k < across; k++) {
        row[col + k] = { text: k === 0 ? text : "" };
        if (down > 1) pending.set(col + k, { text: k === 0 ? text : "", left: down - 1 });
      }
      col += across;
    }
    for (const c of [...pending.keys()].sort((a, b) => a - b)) if (c >= col || row[c] === undefined) carry(row, c);
    for (let c = 0; c < row.length; c++) row[c] ??= { text: "" };
    if (row.length) rows.push(row);
  }
  const width = Math.max(0, maxOf(rows.map((r) => r.length)));
  for (const r of rows) while (r.length < width) r.push({ text: "" });
  return rows;
}

/** A cell's text: its paragraphs and <br> as lines, list items as «- » lines, a table inside as lines. */
function cellText(cell: Element): string {
  let out = "";
  const walk = (e: Element) => {
    for (const c of e.children) {
      if (typeof c === "string") {
        out += spaces(decodeEntities(c));
        continue;
      }
      if (c.tag === "br") {
        out += "\n";
        continue;
      }
      if (c.tag === "li") out += "\n- ";
      else if (BLOCK.has(c.tag) || TABLE_PARTS.has(c.tag)) out += "\n";
      if (c.tag === "td" || c.tag === "th") out += " ";
      walk(c);
      if (BLOCK.has(c.tag) || c.tag === "tr") out += "\n";
    }
  };
  walk(cell);
  return out
    .split("\n")
    .map((l) => l.replace(/\s+/g, " ").trim())
    .filter((l) => l && l !== "-")
    .join("\n");
}
