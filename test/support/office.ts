import ExcelJS from "exceljs";
import { Document, Packer, Paragraph, Table, TableCell, TableRow, VerticalMergeType } from "docx";
import type { SourceDocument, SourceTable } from "../../core/types.ts";

// Rebuilds a fixture's text export as the office's original: a .docx (its prose and its tables) or
// an .xlsx (the order on one sheet, the roadmap on another). Two things the text export lost are
// put back: rows split by a page break become one row again, and a result, deadline or
// responsible cell the export left empty under a filled one becomes a real vertical merge.

const MERGED_COLUMNS = /результат|срок|период|ответствен|исполнител/i;

/** The roadmap table: the one whose header names both the action and its deadline. */
export function roadmapTableIndex(doc: SourceDocument): number {
  return doc.blocks.findIndex(
    (b) => b.type === "table" && b.table.rows.some((r) => r.some((c) => /мероприят|описание/i.test(c.text)) && r.some((c) => /срок|период/i.test(c.text))),
  );
}

export interface OfficeTable {
  rows: string[][];
  /** per row and column: "restart" | "continue" | undefined */
  merges: Array<Array<"restart" | "continue" | undefined>>;
}

/** The roadmap table as it was in Word: page-break rows joined back, merged cells marked. */
export function originalTable(table: SourceTable): OfficeTable {
  const rows: string[][] = [];
  const numbered: boolean[] = [];
  table.rows.forEach((r, i) => {
    const texts = r.map((c) => c.text);
    const gap = i > 0 && (table.rowNumbers?.[i] ?? 0) - (table.rowNumbers?.[i - 1] ?? 0) > 1;
    if (gap && !texts[0] && rows.length && numbered.at(-1)) {
      // a row split by a page break: its cells continue the cells above
      const prev = rows.at(-1)!;
      texts.forEach((t, c) => (prev[c] = [prev[c] ?? "", t].filter(Boolean).join(" ")));
      return;
    }
    rows.push(texts);
    numbered.push(/^\d{1,3}(?:\.\d{1,3})*\.?$/.test((texts[0] ?? "").trim())); // «17.», «2.1» — not «2020 год»
  });
  const header = rows.findIndex((r) => r.some((c) => /мероприят|описание/i.test(c)) && r.some((c) => /срок|период/i.test(c)));
  const columns = (rows[header] ?? []).map((h, c) => (c > 1 && MERGED_COLUMNS.test(h) ? c : -1)).filter((c) => c >= 0);
  const merges = rows.map((r) => r.map(() => undefined as "restart" | "continue" | undefined));
  for (let i = header + 2; i < rows.length; i++) {
    if (!numbered[i] || !numbered[i - 1]) continue;
    for (const c of columns) {
      if (rows[i]![c] || !(rows[i - 1]![c] || merges[i - 1]![c] === "continue")) continue;
      merges[i]![c] = "continue";
      if (!merges[i - 1]![c]) merges[i - 1]![c] = "restart";
    }
  }
  return { rows, merges };
}

export async function toDocx(doc: SourceDocument): Promise<Buffer> {
  const roadmap = roadmapTableIndex(doc);
  const children: Array<Paragraph | Table> = [];
  doc.blocks.forEach((b, i) => {
    if (b.type === "paragraph") {
      for (const line of b.text.split("\n")) children.push(new Paragraph(line));
      return;
    }
    const t: OfficeTable = i === roadmap ? originalTable(b.table) : { rows: b.table.rows.map((r) => r.map((c) => c.text)), merges: [] };
    children.push(
      new Table({
        rows: t.rows.map(
          (r, ri) =>
            new TableRow({
              children: r.map((text, ci) => {
                const m = t.merges[ri]?.[ci];
                return new TableCell({
                  children: (m === "continue" ? [""] : text.split("\n")).map((l) => new Paragraph(l)),
                  ...(m ? { verticalMerge: m === "restart" ? VerticalMergeType.RESTART : VerticalMergeType.CONTINUE } : {}),
                });
              }),
            }),
        ),
      }),
    );
    children.push(new Paragraph(""));
  });
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

/** `roadmap`: the block of the roadmap table, when its header words are not the usual ones. */
export async function toXlsx(doc: SourceDocument, roadmap = roadmapTableIndex(doc)): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const order = wb.addWorksheet("Приказ");
  for (const b of doc.blocks.slice(0, roadmap)) if (b.type === "paragraph") order.addRow([b.text]);
  const block = doc.blocks[roadmap];
  if (block?.type === "table") {
    const sheet = wb.addWorksheet("План");
    const t = originalTable(block.table);
    t.rows.forEach((r, ri) => sheet.addRow(r.map((text, ci) => (t.merges[ri]?.[ci] === "continue" ? null : text))));
    // a merge runs from its "restart" row down through its "continue" rows (sheet rows are 1-based)
    t.merges.forEach((row, ri) =>
      row.forEach((m, ci) => {
        if (m !== "restart") return;
        let end = ri;
        while (t.merges[end + 1]?.[ci] === "continue") end++;
        sheet.mergeCells(ri + 1, ci + 1, end + 1, ci + 1);
      }),
    );
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
