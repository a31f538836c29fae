import iconv from "iconv-lite";
import type { Column, Columns } from "../../core/import/table.ts";
import { findRoadmapSegments } from "../../core/import/table.ts";
import { itemNumber } from "../../core/import/keys.ts";
import { oneLine } from "../../core/import/markup.ts";
import type { ImportResult, SourceDocument, SourceTable } from "../../core/types.ts";

// Transformations of a fixture's roadmap table that must not change what is imported from it (metamorphic
// tests): other header words, columns moved, empty and note columns, a column-number row, other numbering,
// and the same document re-emitted as Markdown, HTML, tab text, cell-per-line and one-line text.

/** The roadmap table of a document as plain strings, with its header row and what each column holds. */
export interface Roadmap {
  /** index of the table block in the document */
  block: number;
  rows: string[][];
  header: number;
  columns: Columns;
}

export function roadmapOf(doc: SourceDocument): Roadmap {
  const seg = findRoadmapSegments(doc.blocks)[0];
  if (!seg) throw new Error(`${doc.fileName}: no roadmap table`);
  const block = doc.blocks.findIndex((b) => b.type === "table" && b.table === seg.table);
  // the header is the last filled row above the segment's first row that is not a column-number row
  let header = seg.start - 1;
  while (header > 0 && seg.table.rows[header]!.every((c, i) => !c.text.trim() || itemNumber(c.text) === String(i + 1))) header--;
  return { block, rows: seg.table.rows.map((r) => r.map((c) => c.text)), header, columns: seg.columns };
}

/** The document with its roadmap table replaced. */
export function withRoadmap(doc: SourceDocument, rm: Roadmap): SourceDocument {
  const table: SourceTable = { rows: rm.rows.map((r) => r.map((text) => ({ text }))) };
  return { ...doc, blocks: doc.blocks.map((b, i) => (i === rm.block ? { type: "table", table } : b)) };
}

const copy = (rm: Roadmap): Roadmap => ({ ...rm, rows: rm.rows.map((r) => r.slice()), columns: { ...rm.columns } });

/** Header words per column role (the roles the table has); other columns keep theirs. */
export function renameHeaders(rm: Roadmap, words: Partial<Record<Column, string>>): Roadmap {
  const out = copy(rm);
  for (const [role, word] of Object.entries(words) as Array<[Column, string]>) {
    const at = rm.columns[role];
    if (at !== undefined) out.rows[rm.header]![at] = word;
  }
  return out;
}

/** Every header cell replaced by a word that means nothing. */
export function nonsenseHeaders(rm: Roadmap, seed = 1): Roadmap {
  const out = copy(rm);
  const syllables = ["бра", "кул", "зот", "мек", "фыр", "дин", "шао", "лоп", "вук", "тэр", "xq", "ом"];
  out.rows[rm.header] = out.rows[rm.header]!.map((_, i) => {
    let s = "";
    for (let k = 0; k < 3; k++) s += syllables[(seed * 7 + i * 5 + k * 3) % syllables.length];
    return s[0]!.toUpperCase() + s.slice(1);
  });
  return out;
}

const isColumnNumbers = (r: string[]) => r.length > 2 && r.every((t, i) => itemNumber(t) === String(i + 1));

/**
 * Columns in a new order: `order[i]` is the old index of new column i. A row of one filled cell (a section
 * row, merged across the table in the original) keeps its text in the first cell; a column-number row
 * stays 1, 2, 3.
 */
export function reorderColumns(rm: Roadmap, order: number[]): Roadmap {
  const out = copy(rm);
  out.rows = rm.rows.map((r) => {
    const filled = r.filter((t) => t.trim());
    if (filled.length === 1 && r[0]!.trim()) return r.slice();
    if (isColumnNumbers(r)) return r.slice();
    return order.map((i) => r[i] ?? "");
  });
  const columns: Columns = {};
  for (const [role, at] of Object.entries(rm.columns) as Array<[keyof Columns, number]>) columns[role] = order.indexOf(at);
  out.columns = columns;
  return out;
}

/** A column inserted at `at`: empty, or holding `header` and a few short notes. */
export function insertColumn(rm: Roadmap, at: number, header = "", notes: string[] = []): Roadmap {
  const out = copy(rm);
  let n = 0;
  out.rows = rm.rows.map((r, i) => {
    const numbered = i > rm.header && itemNumber(r[rm.columns.number ?? 0] ?? "") !== null;
    const text = i === rm.header ? header : numbered && notes.length && i % 3 === 0 ? notes[n++ % notes.length]! : "";
    return [...r.slice(0, at), text, ...r.slice(at)];
  });
  const columns: Columns = {};
  for (const [role, c] of Object.entries(rm.columns) as Array<[keyof Columns, number]>) columns[role] = c >= at ? c + 1 : c;
  out.columns = columns;
  return out;
}

/** «1 | 2 | 3 | …» printed under the header. */
export function addColumnNumberRow(rm: Roadmap): Roadmap {
  const out = copy(rm);
  const width = rm.rows[rm.header]!.length;
  out.rows.splice(rm.header + 1, 0, Array.from({ length: width }, (_, i) => String(i + 1)));
  return out;
}

const ROMAN: Array<[number, string]> = [
  [40, "XL"],
  [10, "X"],
  [9, "IX"],
  [5, "V"],
  [4, "IV"],
  [1, "I"],
];
export function roman(n: number): string {
  let s = "";
  for (const [v, r] of ROMAN)
    while (n >= v) {
      s += r;
      n -= v;
    }
  return s;
}

/** Every written item number rewritten: «17.» → `style(17)`. */
export function renumber(rm: Roadmap, style: (n: number) => string): Roadmap {
  const out = copy(rm);
  const at = rm.columns.number ?? 0;
  for (let i = rm.header + 1; i < out.rows.length; i++) {
    if (isColumnNumbers(out.rows[i]!)) continue;
    const n = itemNumber(out.rows[i]![at] ?? "");
    if (n !== null && /^\d+$/.test(n) && out.rows[i]!.filter((t) => t.trim()).length > 1) out.rows[i]![at] = style(Number(n));
  }
  return out;
}

/**
 * Numbering that restarts in each section, the sections headed «I. …», «II. …»: the existing section rows
 * get a Roman numeral, items before the first section (or, without sections, each run of `chunk` items) get
 * a section row of their own. Returns the table and, per old item number, the key the contract then asks
 * for («II.3»).
 */
export function restartPerSection(rm: Roadmap, chunk = 12): { roadmap: Roadmap; keyOf: Map<string, string> } {
  const out = copy(rm);
  const at = rm.columns.number ?? 0;
  const width = rm.rows[rm.header]!.length;
  const rows: string[][] = rm.rows.slice(0, rm.header + 1).map((r) => r.slice());
  const keyOf = new Map<string, string>();
  let section = 0;
  let n = 0;
  const open = (title: string) => {
    section++;
    n = 0;
    const row = Array<string>(width).fill("");
    row[0] = `${roman(section)}. ${title}`;
    rows.push(row);
  };
  const isSectionRow = (r: string[]) => r.filter((t) => t.trim()).length === 1 && !!r[0]!.trim() && itemNumber(r[0]!) === null;
  const hasSections = rm.rows.slice(rm.header + 1).some(isSectionRow);
  for (let i = rm.header + 1; i < rm.rows.length; i++) {
    const r = rm.rows[i]!.slice();
    if (isSectionRow(r)) {
      open(r[0]!.trim());
      continue;
    }
    const num = isColumnNumbers(r) ? null : itemNumber(r[at] ?? "");
    if (num !== null && r.filter((t) => t.trim()).length > 1) {
      if (section === 0 || (!hasSections && n === chunk)) open(`Мероприятия, часть ${section + 1}`);
      n++;
      r[at] = `${n}.`;
      keyOf.set(num, `${roman(section)}.${n}`);
    }
    rows.push(r);
  }
  out.rows = rows;
  return { roadmap: out, keyOf };
}

/** The keys a restarted numbering gives: numbered items by `keyOf`, an unnumbered one the key above plus a letter. */
export function restartedKeys(r: ImportResult, keyOf: Map<string, string>): string[] {
  const letters = "абвгдежзиклмн";
  let last = "0";
  let letter = 0;
  return r.items.map((i) => {
    if (i.number !== null) {
      last = keyOf.get(i.number) ?? `?${i.number}`;
      letter = 0;
      return last;
    }
    return `${last}${letters[letter++]}`;
  });
}

/** Items as the tests compare them: what a coordinator relies on, free of line-break differences. */
export function summary(r: ImportResult) {
  return r.items.map((i) => ({
    key: i.key,
    section: i.section,
    title: oneLine(i.title),
    result: i.result === null ? null : oneLine(i.result),
    evidence: i.evidence === null ? null : oneLine(i.evidence),
    deadline: { kind: i.deadline.kind, start: i.deadline.start, due: i.deadline.due, checkpoints: i.deadline.checkpoints, every: i.deadline.every },
    responsible: i.responsible.map((p) => `${p.kind}:${p.name}${p.note ? ` ${p.note}` : ""}`),
  }));
}

// ——— the same document as text a coordinator pastes ———

type Cells = string[][];

function blocksAsText(doc: SourceDocument, table: (rows: Cells) => string[], paragraph: (t: string) => string = (t) => t): string {
  const out: string[] = [];
  for (const b of doc.blocks) {
    if (b.type === "paragraph") out.push(paragraph(b.text), "");
    else out.push(...table(b.table.rows.map((r) => r.map((c) => c.text))), "");
  }
  return out.join("\n");
}

const flat = (t: string) => t.replace(/\s*\n\s*/g, " ").trim();
const brs = (t: string) => t.trim().replace(/\n/g, "<br>");

export function asMarkdown(doc: SourceDocument): string {
  return blocksAsText(doc, (rows) => {
    const width = Math.max(...rows.map((r) => r.length));
    const line = (r: string[]) => `| ${Array.from({ length: width }, (_, i) => brs(r[i] ?? "").replace(/\|/g, "\\|")).join(" | ")} |`;
    return [line(rows[0]!), `|${" --- |".repeat(width)}`, ...rows.slice(1).map(line)];
  });
}

const esc = (t: string) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function asHtml(doc: SourceDocument, opts: { wordExport?: boolean } = {}): string {
  const body = blocksAsText(
    doc,
    (rows) => [
      opts.wordExport ? `<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse'>` : "<table border=\"1\">",
      ...rows.map(
        (r, i) =>
          ` <tr${opts.wordExport ? ` style='mso-yfti-irow:${i}'` : ""}>${r
            .map((t) =>
              opts.wordExport
                ? `<td width=120 valign=top style='border:solid windowtext 1.0pt'><p class=MsoNormal>${t.split("\n").map((l) => `<span lang=RU>${esc(l)}<o:p></o:p></span>`).join("</p>\n<p class=MsoNormal>")}</p></td>`
                : `<td>${t.split("\n").map(esc).join("<br>")}</td>`,
            )
            .join("")}</tr>`,
      ),
      "</table>",
    ],
    (t) => (opts.wordExport ? `<p class=MsoNormal><span lang=RU>${esc(t)}<o:p></o:p></span></p>` : `<p>${esc(t)}</p>`),
  );
  if (opts.wordExport) {
    return `<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">
<head><meta http-equiv=Content-Type content="text/html; charset=windows-1251"><meta name=ProgId content=Word.Document><meta name=Generator content="Microsoft Word 15">
<!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View></w:WordDocument></xml><![endif]-->
<style><!-- p.MsoNormal {margin:0cm;} --></style></head>
<body lang=RU style='tab-interval:35.4pt'><div class=WordSection1>
${body}
</div></body></html>`;
  }
  return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${esc(doc.fileName)}</title></head><body>\n${body}\n</body></html>`;
}

export function asTabText(doc: SourceDocument): string {
  return blocksAsText(doc, (rows) => rows.map((r) => r.map(flat).join("\t")));
}

/** Each cell on its own line ending in «|»; a blank line after each row. */
export function asCellPerLine(doc: SourceDocument): string {
  return blocksAsText(doc, (rows) => rows.flatMap((r) => [...r.map((t) => `${flat(t)} |`.trimStart()), ""]));
}

/** The roadmap table on one line with « | » between cells (the document's other tables as tab text). */
export function asOneLine(doc: SourceDocument): string {
  const roadmap = roadmapOf(doc).rows.map((r) => r.join("\t")).join("\n");
  return blocksAsText(doc, (rows) =>
    rows.map((r) => r.join("\t")).join("\n") === roadmap ? [rows.map((r) => r.map(flat).join(" | ")).join(" | ")] : rows.map((r) => r.map(flat).join("\t")),
  );
}

/** Word's «single file web page» (.mht): the HTML in Windows-1251, quoted-printable, in a MIME envelope. */
export function asMht(html: string): Buffer {
  const bytes = iconv.encode(html, "win1251");
  let qp = "";
  let line = 0;
  for (const b of bytes) {
    const piece = b === 0x0a ? "\n" : b === 0x0d ? "" : (b >= 33 && b <= 126 && b !== 61) || b === 32 ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, "0")}`;
    if (piece === "\n") line = 0;
    else if (line + piece.length > 75) {
      qp += "=\n";
      line = 0;
    }
    qp += piece;
    line += piece.length;
  }
  const boundary = "----=_NextPart_01DA0000.12345678";
  return Buffer.from(
    [
      "MIME-Version: 1.0",
      `Content-Type: multipart/related; boundary="${boundary}"`,
      "",
      "This document is a Single File Web Page, also known as a Web Archive file.",
      "",
      `--${boundary}`,
      "Content-Location: file:///C:/plan.htm",
      "Content-Transfer-Encoding: quoted-printable",
      'Content-Type: text/html; charset="windows-1251"',
      "",
      qp,
      "",
      `--${boundary}--`,
      "",
    ].join("\r\n"),
    "latin1",
  );
}
