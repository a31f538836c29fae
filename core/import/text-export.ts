import type { DocumentBlock, SourceDocument, SourceTable, TableCell } from "../types.ts";
import { cleanCell, cleanParagraph } from "./markup.ts";

// A plain-text export of a Word document → SourceDocument.
//   - a line with a tab is a table row, its tab-separated cells holding HTML or Markdown;
//   - consecutive table lines form one table; blank lines between them are page breaks inside the
//     table (the rows split there are merged back by the table importer), a prose line ends it;
//   - any other non-blank line is a paragraph; a **bold** span left open runs on over the next lines
//     (multi-line headings), so it becomes one paragraph.

export function readTextExport(fileName: string, text: string): SourceDocument {
  const lines = text.replace(/^\ufeff/, "").split(/\r\n|\r|\n/);
  const blocks: DocumentBlock[] = [];
  let table: { rows: TableCell[][]; rowNumbers: number[] } | null = null;

  const closeTable = () => {
    if (table && table.rows.length) blocks.push({ type: "table", table: padded(table) });
    table = null;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.includes("\t")) {
      table ??= { rows: [], rowNumbers: [] };
      table.rows.push(line.split("\t").map((raw) => ({ text: cleanCell(raw) })));
      table.rowNumbers.push(i + 1);
      continue;
    }
    if (!line.trim()) continue; // blank: a paragraph gap or a page break inside a table
    closeTable();
    let raw = line;
    const first = i;
    while (openBold(raw) && i + 1 < lines.length && lines[i + 1]!.trim() && !lines[i + 1]!.includes("\t")) {
      i++;
      raw += `\n${lines[i]!}`;
    }
    const clean = cleanParagraph(raw);
    if (clean) blocks.push({ type: "paragraph", text: clean, line: first + 1 });
  }
  closeTable();
  return { fileName, format: "txt", blocks };
}

/** An odd number of `**` marks: the bold span goes on to the next line. */
function openBold(s: string): boolean {
  return ((s.match(/\*\*/g)?.length ?? 0) & 1) === 1;
}

/** Every row as wide as the widest, like the other readers give. */
function padded(t: { rows: TableCell[][]; rowNumbers: number[] }): SourceTable {
  const width = Math.max(...t.rows.map((r) => r.length));
  for (const r of t.rows) while (r.length < width) r.push({ text: "" });
  return { rows: t.rows, rowNumbers: t.rowNumbers };
}
