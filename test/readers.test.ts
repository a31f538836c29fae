import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import JSZip from "jszip";
import { Document, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalMergeType } from "docx";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importDocument } from "../core/import/index.ts";
import { readTextExport } from "../core/import/text-export.ts";
import { DocumentError, readDocument } from "../core/readers/detect.ts";
import { detectDelimiter } from "../core/readers/csv.ts";
import type { ImportResult, SourceDocument, SourceTable } from "../core/types.ts";
import { originalTable, roadmapTableIndex, toDocx, toXlsx } from "./support/office.ts";
import { roadmapIdentity } from "../services/roadmap-store.ts";
import { FIXTURES_DIR } from "./support/fixtures.ts";

// Readers of the binary and CSV formats, and the refusals of what Веха cannot read.

const cell = (text: string, opts: { columnSpan?: number; verticalMerge?: "restart" | "continue" } = {}) =>
  new TableCell({
    children: text.split("\n").map((l) => new Paragraph(l)),
    ...(opts.columnSpan ? { columnSpan: opts.columnSpan } : {}),
    ...(opts.verticalMerge ? { verticalMerge: opts.verticalMerge === "restart" ? VerticalMergeType.RESTART : VerticalMergeType.CONTINUE } : {}),
  });

function tables(doc: SourceDocument): SourceTable[] {
  return doc.blocks.flatMap((b) => (b.type === "table" ? [b.table] : []));
}
const texts = (t: SourceTable) => t.rows.map((r) => r.map((c) => c.text));

async function refusal(fileName: string, bytes: Buffer): Promise<DocumentError> {
  try {
    await readDocument(fileName, bytes);
  } catch (e) {
    if (e instanceof DocumentError) return e;
    throw e;
  }
  throw new Error(`${fileName} was read, not refused`);
}

describe(".docx", () => {
  it("reads paragraphs and tables in order, with merges, line breaks and automatic numbering", async () => {
    const doc = new Document({
      numbering: {
        config: [
          {
            reference: "points",
            levels: [
              { level: 0, format: LevelFormat.DECIMAL, text: "%1." },
              { level: 1, format: LevelFormat.DECIMAL, text: "%1.%2." },
            ],
          },
        ],
      },
      sections: [
        {
          children: [
            new Paragraph({ text: "Информационно-методическому кабинету:", numbering: { reference: "points", level: 0 } }),
            new Paragraph({ text: "Провести анализ ВПР.", numbering: { reference: "points", level: 1 } }),
            new Paragraph({ text: "Провести семинар.", numbering: { reference: "points", level: 1 } }),
            new Paragraph({ text: "Контроль оставляю за собой.", numbering: { reference: "points", level: 0 } }),
            new Paragraph({ children: [new TextRun("Срок:"), new TextRun({ text: "май 2023", break: 1 })] }),
            new Table({
              rows: [
                new TableRow({ children: [cell("№"), cell("Мероприятие"), cell("Срок"), cell("Ответственный")] }),
                new TableRow({ children: [cell("Мониторинг", { columnSpan: 4 })] }),
                new TableRow({ children: [cell("17."), cell("Анализ итогов 2022 года"), cell("Февраль-март 2023"), cell("Е.А. Полухина", { verticalMerge: "restart" })] }),
                new TableRow({ children: [cell("18."), cell("Анализ ВПР\nпо школам"), cell("Июль 2023"), cell("", { verticalMerge: "continue" })] }),
                new TableRow({ children: [cell("19."), cell("Анализ ГИА", { columnSpan: 2 }), cell("", { verticalMerge: "continue" })] }),
              ],
            }),
          ],
        },
      ],
    });
    const read = await readDocument("order.docx", await Packer.toBuffer(doc));
    expect(read.format).toBe("docx");
    expect(read.blocks.slice(0, 5)).toEqual([
      { type: "paragraph", text: "1. Информационно-методическому кабинету:" },
      { type: "paragraph", text: "1.1. Провести анализ ВПР." },
      { type: "paragraph", text: "1.2. Провести семинар." },
      { type: "paragraph", text: "2. Контроль оставляю за собой." },
      { type: "paragraph", text: "Срок:\nмай 2023" },
    ]);
    const [t] = tables(read);
    expect(texts(t!)).toEqual([
      ["№", "Мероприятие", "Срок", "Ответственный"],
      ["Мониторинг", "", "", ""], // a section row stays one filled cell
      ["17.", "Анализ итогов 2022 года", "Февраль-март 2023", "Е.А. Полухина"],
      ["18.", "Анализ ВПР\nпо школам", "Июль 2023", "Е.А. Полухина"],
      ["19.", "Анализ ГИА", "", "Е.А. Полухина"], // the span keeps «Ответственный» in column 4
    ]);
    expect(t!.rows.map((r) => r[3]!.mergedFromAbove ?? false)).toEqual([false, false, false, true, true]);
    expect(t!.rows[2]!.some((c) => c.mergedFromAbove)).toBe(false);
  });
});

// What Word itself writes and the docx library does not: content controls, tracked changes, fields,
// hyperlinks, hidden text, text boxes, auto-numbered № cells, gridBefore, legacy hMerge, nested tables.
async function wordPackage(body: string, opts: { numbering?: string; mainPart?: string; styles?: string } = {}): Promise<Buffer> {
  const ns = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"`;
  const main = opts.mainPart ?? "word/document.xml";
  const zip = new JSZip();
  zip.file("[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`);
  zip.file(
    "_rels/.rels",
    `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${main}"/></Relationships>`,
  );
  zip.file(main, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${ns}><w:body>${body}<w:sectPr/></w:body></w:document>`);
  if (opts.numbering) zip.file("word/numbering.xml", `<?xml version="1.0"?><w:numbering ${ns}>${opts.numbering}</w:numbering>`);
  if (opts.styles) zip.file("word/styles.xml", `<?xml version="1.0"?><w:styles ${ns}>${opts.styles}</w:styles>`);
  return zip.generateAsync({ type: "nodebuffer" });
}
const p = (inner: string, pPr = "") => `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ""}${inner}</w:p>`;
const r = (text: string, rPr = "") => `<w:r>${rPr ? `<w:rPr>${rPr}</w:rPr>` : ""}<w:t xml:space="preserve">${text}</w:t></w:r>`;
const tc = (inner: string, tcPr = "") => `<w:tc>${tcPr ? `<w:tcPr>${tcPr}</w:tcPr>` : ""}${inner}</w:tc>`;
const numbered = `<w:numPr><w:ilvl w:val="0"/><w:numId w:val="7"/></w:numPr>`;

describe(".docx as Word writes it", () => {
  it("reads the visible text only, in order", async () => {
    const body = [
      p(r("Приказ ") + `<w:ins w:id="1">${r("&#8470; 120")}</w:ins>` + `<w:del w:id="2"><w:r><w:delText>№ 119</w:delText></w:r></w:del>`),
      `<w:sdt><w:sdtPr/><w:sdtContent>${p(r("от 31.03.2023"))}</w:sdtContent></w:sdt>`,
      p(`<w:hyperlink r:id="x" xmlns:r="r">${r("сайт школы")}</w:hyperlink>` + r(" и ") + r("скрытое", "<w:vanish/>") + r("видимое")),
      p(`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${r("5")}<w:r><w:fldChar w:fldCharType="end"/></w:r>`),
      p(r("Срок:") + `<w:r><w:tab/><w:t>май 2023</w:t><w:br/><w:t>вторая строка</w:t></w:r>`),
      p(`<w:r><mc:AlternateContent><mc:Choice><w:drawing>рамка</w:drawing></mc:Choice><mc:Fallback><w:pict>рамка</w:pict></mc:Fallback></mc:AlternateContent></w:r>` + r("Текст рядом с рамкой")),
      p(""),
    ].join("");
    const read = await readDocument("order.docx", await wordPackage(body));
    expect(read.blocks).toEqual([
      { type: "paragraph", text: "Приказ № 120" },
      { type: "paragraph", text: "от 31.03.2023" },
      { type: "paragraph", text: "сайт школы и видимое" },
      { type: "paragraph", text: "5" },
      { type: "paragraph", text: "Срок: май 2023\nвторая строка" },
      { type: "paragraph", text: "Текст рядом с рамкой" },
    ]);
  });

  it("numbers auto-numbered cells and keeps every cell at its grid column", async () => {
    const numbering = `<w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="7"><w:abstractNumId w:val="3"/></w:num>`;
    const row = (...cells: string[]) => `<w:tr>${cells.join("")}</w:tr>`;
    const body =
      `<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>` +
      row(tc(p(r("№"))), tc(p(r("Мероприятие"))), tc(p(r("Срок"))), tc(p(r("Ответственный")))) +
      row(tc(p("", numbered)), tc(p(r("Анализ ВПР")) + p(r("по школам"))), tc(p(r("Май 2023")), `<w:vMerge w:val="restart"/>`), tc(p(r("НИМРО")))) +
      `<w:sdt><w:sdtContent>` + row(tc(p("", numbered)), tc(p(r("Семинар"))), tc(p(""), `<w:vMerge/>`), tc(`<w:tbl>${row(tc(p(r("Иванова И.И."))), tc(p(r("методист"))))}</w:tbl>`)) + `</w:sdtContent></w:sdt>` +
      `<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>${tc(p(r("Раздел")), `<w:hMerge w:val="restart"/>`)}${tc(p(""), `<w:hMerge/>`)}${tc(p(""))}</w:tr>` +
      `</w:tbl>`;
    const read = await readDocument("plan.docx", await wordPackage(body, { numbering, mainPart: "word/document2.xml" }));
    const [t] = tables(read);
    expect(texts(t!)).toEqual([
      ["№", "Мероприятие", "Срок", "Ответственный"],
      ["1.", "Анализ ВПР\nпо школам", "Май 2023", "НИМРО"],
      ["2.", "Семинар", "Май 2023", "Иванова И.И. методист"],
      ["", "Раздел", "", ""],
    ]);
    expect(t!.rows[2]![2]!.mergedFromAbove).toBe(true);
  });
});

describe(".docx numbering by style", () => {
  it("numbers points whose paragraph style carries the list, through basedOn, with the level the paragraph gives", async () => {
    const numbering = `<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl></w:abstractNum><w:num w:numId="4"><w:abstractNumId w:val="1"/></w:num>`;
    const styles = `<w:style w:type="paragraph" w:styleId="Point"><w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr></w:style><w:style w:type="paragraph" w:styleId="SubPoint"><w:basedOn w:val="Point"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Plain"/>`;
    const body = [
      p(r("Директору МКОУ «СОШ № 3»:"), `<w:pStyle w:val="Point"/>`),
      p(r("провести анализ ВПР;"), `<w:pStyle w:val="SubPoint"/>`),
      p(r("провести семинар."), `<w:pStyle w:val="SubPoint"/>`),
      p(r("Контроль оставляю за собой."), `<w:pStyle w:val="Point"/>`),
      p(r("Начальник"), `<w:pStyle w:val="Plain"/>`),
    ].join("");
    const read = await readDocument("order.docx", await wordPackage(body, { numbering, styles }));
    expect(read.blocks.map((b) => (b.type === "paragraph" ? b.text : ""))).toEqual([
      "3. Директору МКОУ «СОШ № 3»:",
      "3.1. провести анализ ВПР;",
      "3.2. провести семинар.",
      "4. Контроль оставляю за собой.",
      "Начальник",
    ]);
  });
});

describe(".docx layout", () => {
  it("unwraps a one-cell frame around the real table", async () => {
    const inner = `<w:tbl><w:tr>${tc(p(r("№")))}${tc(p(r("Мероприятие")))}</w:tr><w:tr>${tc(p(r("1.")))}${tc(p(r("Анализ")))}</w:tr></w:tbl>`;
    const read = await readDocument("framed.docx", await wordPackage(`<w:tbl><w:tr>${tc(p(r("План")) + inner + p(""))}</w:tr></w:tbl>`));
    expect(read.blocks[0]).toEqual({ type: "paragraph", text: "План" });
    expect(texts(tables(read)[0]!)).toEqual([["№", "Мероприятие"], ["1.", "Анализ"]]);
  });
});

describe(".xlsx", () => {
  it("reads merged ranges like .docx and dates as the office sees them", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("План");
    ws.addRow(["План мероприятий на 2023 год"]);
    ws.mergeCells("A1:D1");
    ws.addRow(["№", "Мероприятие", "Срок", "Ответственный"]);
    ws.addRow(["Мониторинг"]);
    ws.mergeCells("A3:D3");
    ws.addRow([1, "Анализ итогов", new Date(Date.UTC(2023, 5, 15)), "Руководители ОО"]);
    ws.addRow([2, { richText: [{ text: "Анализ " }, { text: "ВПР", font: { bold: true } }] }, new Date(Date.UTC(2023, 6, 1)), ""]);
    ws.getCell("C5").numFmt = "mmmm yyyy";
    ws.mergeCells("D4:D5");
    ws.addRow([]);
    ws.addRow(["3.", "Семинар\r\nдля директоров", "Постоянно", "НИМРО"]);
    // formatting far away adds no columns or rows
    ws.getCell("Z5000").numFmt = "0.00";
    ws.getCell("Z5000").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } };
    const read = await readDocument("plan.xlsx", Buffer.from(await wb.xlsx.writeBuffer()));
    expect(read.format).toBe("xlsx");
    expect(read.blocks[0]).toEqual({ type: "paragraph", text: "План мероприятий на 2023 год", line: 1 }); // a title row above the table is prose
    const [t] = tables(read);
    expect(texts(t!)).toEqual([
      ["№", "Мероприятие", "Срок", "Ответственный"],
      ["Мониторинг", "", "", ""],
      ["1", "Анализ итогов", "15.06.2023", "Руководители ОО"],
      ["2", "Анализ ВПР", "июль 2023", "Руководители ОО"],
      ["3.", "Семинар\nдля директоров", "Постоянно", "НИМРО"],
    ]);
    expect(t!.rows[3]![3]!.mergedFromAbove).toBe(true);
    expect(t!.rows[1]![1]!.mergedFromAbove).toBeUndefined();
    expect(t!.rowNumbers).toEqual([2, 3, 4, 5, 7]); // the blank row is skipped, numbers stay the sheet's
  });
});

describe(".csv", () => {
  const rows = [
    ["№", "Мероприятие", "Срок", "Ответственный"],
    ["1", "Анализ итогов 2022 года; рекомендации", "Февраль-март 2023", "Е.А. Полухина, главный специалист"],
    ["2", "Семинар «Ёлки»\nдля директоров", "Май 2023", "Руководители ОО"],
  ];
  const csv = (sep: string) => rows.map((r) => r.map((c) => (c.includes(sep) || c.includes("\n") ? `"${c}"` : c)).join(sep)).join("\r\n") + "\r\n";

  it("reads UTF-8 with a BOM and `;`", async () => {
    const read = await readDocument("plan.csv", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv(";"), "utf8")]));
    expect(read.format).toBe("csv");
    expect(texts(tables(read)[0]!)).toEqual(rows);
  });
  it("reads Windows-1251 with `,`", async () => {
    const bytes = iconv.encode(csv(","), "win1251");
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow(); // really not UTF-8
    const read = await readDocument("plan.csv", bytes);
    expect(texts(tables(read)[0]!)).toEqual(rows);
    expect(tables(read)[0]!.rowNumbers).toEqual([1, 2, 3]); // the line each row starts on
  });
  it("tells the separator by the header line, quotes respected", () => {
    expect(detectDelimiter('№;Мероприятие;Срок\n1;"а, б, в";май')).toBe(";");
    expect(detectDelimiter('№,Мероприятие,Срок\n1,"а; б",май')).toBe(",");
    expect(detectDelimiter("№\tМероприятие\tСрок\n1\tа, б\tмай")).toBe("\t");
  });
});

describe("refusals", () => {
  it("refuses an empty file", async () => {
    expect((await refusal("plan.docx", Buffer.alloc(0))).code).toBe("empty");
    expect((await refusal("plan.txt", Buffer.from(" \n\t\n"))).code).toBe("empty");
  });
  it("asks for .docx/.xlsx instead of the old formats and PDF", async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]);
    const doc = await refusal("приказ.doc", ole);
    expect(doc.code).toBe("legacy_word");
    expect(doc.message).toMatch(/save it as \.docx/);
    expect((await refusal("план.xls", ole)).code).toBe("legacy_excel");
    // no telling name: the OLE2 directory names its stream
    expect((await refusal("план", Buffer.concat([ole, Buffer.from("Workbook", "utf16le")]))).code).toBe("legacy_excel");
    expect((await refusal("plan.rtf", Buffer.from("{\\rtf1\\ansi Приказ}"))).code).toBe("legacy_word");
    expect((await refusal("plan.docx", Buffer.from("%PDF-1.7\n%âãÏÓ\n1 0 obj"))).code).toBe("pdf");
  });
  it("tells a password-protected .docx from an old .doc, and refuses Word/Excel 2003 XML", async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600), Buffer.from("EncryptedPackage", "utf16le")]);
    const locked = await refusal("plan.docx", ole);
    expect(locked.code).toBe("unreadable");
    expect(locked.message).toMatch(/password-protected/);
    const word2003 = `<?xml version="1.0"?><?mso-application progid="Word.Document"?><w:wordDocument><w:body>Приказ</w:body></w:wordDocument>`;
    expect((await refusal("plan.doc", Buffer.from(word2003))).code).toBe("legacy_word");
    const excel2003 = `<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>`;
    expect((await refusal("plan.xml", Buffer.from(excel2003))).code).toBe("legacy_excel");
    // a web page named .doc (Word's «save as web page») is read, not refused: see test/import-text-forms.test.ts
    const page = await readDocument("plan.doc", Buffer.from("<!DOCTYPE html><html><body><table><tr><td>1</td><td>Анализ</td></tr></table>"));
    expect(page.blocks).toEqual([{ type: "table", table: { rows: [[{ text: "1" }, { text: "Анализ" }]] } }]);
  });
  it("refuses a text file renamed .docx, a truncated archive and random bytes", async () => {
    const renamed = await refusal("roadmap.docx", Buffer.from("№\tМероприятие\tСрок\n1.\tАнализ\tМай 2023\n"));
    expect(renamed.code).toBe("mismatch");
    expect(renamed.message).toMatch(/^roadmap\.docx: /);

    const real = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph("Приказ")] }] }));
    expect((await refusal("roadmap.docx", real.subarray(0, Math.floor(real.length / 2)))).code).toBe("unreadable");

    let seed = 42;
    const random = Buffer.alloc(4096, 0).map(() => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed >> 16) & 0xff);
    expect((await refusal("roadmap.docx", Buffer.from(random))).code).toBe("unreadable");
    expect((await refusal("roadmap.txt", Buffer.from(random))).code).toBe("unreadable");
  });
  it("damaged .docx and .xlsx files are read or refused as unreadable, never crash", async () => {
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph("Приказ № 120".repeat(200))] }] }));
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("План").addRow(["1", "Анализ".repeat(200), "Май 2023"]);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n);
    for (const [name, good] of [["plan.docx", docx], ["plan.xlsx", xlsx]] as const) {
      for (let i = 0; i < 80; i++) {
        const bad = Buffer.from(good);
        if (i % 2) bad.fill(rnd(256), 30 + rnd(bad.length - 60), undefined); // cut short and padded with junk
        else for (let k = 0; k < 8; k++) bad[30 + rnd(bad.length - 30)] = rnd(256); // flipped bytes
        try {
          await readDocument(name, i % 4 === 1 ? bad.subarray(0, 30 + rnd(bad.length - 30)) : bad);
        } catch (e) {
          expect(e).toBeInstanceOf(DocumentError);
          expect((e as DocumentError).code).toBe("unreadable");
        }
      }
    }
  });

  it("refuses a zip that is no Office document, and an Office zip with broken XML", async () => {
    const ods = new JSZip();
    ods.file("mimetype", "application/vnd.oasis.opendocument.spreadsheet");
    ods.file("content.xml", "<office:document-content/>");
    expect((await refusal("plan.ods", await ods.generateAsync({ type: "nodebuffer" }))).code).toBe("unsupported");
    // an OpenDocument text is read (test/formats.test.ts); one without a body is damaged
    const odt = new JSZip();
    odt.file("mimetype", "application/vnd.oasis.opendocument.text");
    odt.file("content.xml", "<office:document-content/>");
    expect((await refusal("plan.odt", await odt.generateAsync({ type: "nodebuffer" }))).code).toBe("unreadable");

    const broken = new JSZip();
    broken.file("[Content_Types].xml", "<Types/>");
    broken.file("word/document.xml", "<w:document><w:body><w:p><w:r><w:t>Приказ</w:body>");
    expect((await refusal("plan.docx", await broken.generateAsync({ type: "nodebuffer" }))).code).toBe("unreadable");
  });
  it("reads a real .docx whatever its name says", async () => {
    const real = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph("Приказ № 120")] }] }));
    const read = await readDocument("roadmap.xlsx", real);
    expect(read.format).toBe("docx");
    expect(read.blocks).toEqual([{ type: "paragraph", text: "Приказ № 120" }]);
  });
});

// The same roadmap through the text export and through Word/Excel gives the same items.
describe("a fixture rebuilt as .docx and .xlsx", () => {
  const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES_DIR, name), "utf8");
  const clean = (s: string | null) => (s ?? "").replace(/\s+/g, " ").trim();
  const view = (r: ImportResult) =>
    r.items.map((i) => ({
      key: i.key,
      section: clean(i.section),
      title: clean(i.title),
      result: clean(i.result),
      deadline: i.deadline,
      responsible: i.responsible.map((p) => p.name),
      flags: i.flags.filter((f) => !f.startsWith("inherited:")),
    }));
  const opts = (year: number | null = null) => ({ year, timezone: null, defaultTimezone: "Europe/Moscow" });

  const ALL = ["skovorodino-2023-roadmap.txt", "bagan-2024-roadmap.txt", "bolshebereznikovsky-2020-2022-program.txt", "bodaibo-2023-order.txt", "borovsk-2021-order.txt"];

  it.each(ALL)(
    "%s as .docx (tables with real merges, prose as paragraphs)",
    async (name) => {
      const text = readTextExport(name, fixture(name));
      const viaText = importDocument(text, opts());
      const docx = await toDocx(text);
      const viaDocx = importDocument(await readDocument(name.replace(/\.txt$/, ".docx"), docx), opts());
      expect(viaText.items.length).toBeGreaterThan(0);
      expect(view(viaDocx)).toEqual(view(viaText));
      expect(viaDocx.roadmap).toEqual(viaText.roadmap);
      expect(roadmapIdentity(viaDocx)).toBe(roadmapIdentity(viaText)); // a re-import in another format updates the same roadmap
    },
  );

  it("Skovorodino's merged cells are real merges in the .docx: inherited silently", async () => {
    const name = "skovorodino-2023-roadmap.txt";
    const text = readTextExport(name, fixture(name));
    const doc = await readDocument("skovorodino.docx", await toDocx(text));
    const table = tables(doc).find((t) => t.rows.some((r) => r[0]?.text === "18."))!;
    const row18 = table.rows.find((r) => r[0]?.text === "18.")!;
    expect(row18.map((c) => !!c.mergedFromAbove)).toEqual([false, false, true, false, true]);
    expect(row18[4]!.text).toBe("Е.А. Полухина, главный специалист");
    const warned = (r: ImportResult) => r.warnings.filter((w) => w.item === "18").length;
    const viaText = importDocument(text, opts());
    const viaDocx = importDocument(doc, opts());
    expect(warned(viaText)).toBeGreaterThan(0);
    expect(warned(viaDocx)).toBeLessThan(warned(viaText));
  });

  it.each(["skovorodino-2023-roadmap.txt", "bagan-2024-roadmap.txt"])("%s's roadmap table as a Windows-1251 .csv with `;`", async (name) => {
    const text = readTextExport(name, fixture(name));
    const block = text.blocks[roadmapTableIndex(text)]!;
    if (block.type !== "table") throw new Error("no roadmap table");
    const quote = (c: string) => (/[;"\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
    const csv = originalTable(block.table).rows.map((r) => r.map(quote).join(";")).join("\r\n");
    const viaCsv = await readDocument(name.replace(/\.txt$/, ".csv"), iconv.encode(csv, "win1251"));
    expect(viaCsv.format).toBe("csv");
    // a CSV holds the table only: the year the order would have given comes from --year
    const year = importDocument(text, opts()).roadmap.years[0]!;
    const items = (r: ImportResult) => view(r).map(({ key, title, deadline }) => ({ key, title, deadline }));
    const fromCsv = items(importDocument(viaCsv, opts(year)));
    expect(fromCsv.length).toBeGreaterThan(25);
    expect(fromCsv).toEqual(items(importDocument(text, opts(year))));
  });

  it.each(ALL)("%s as .xlsx (the order on one sheet, the roadmap with merged ranges on another)", async (name) => {
    const text = readTextExport(name, fixture(name));
    const viaText = importDocument(text, opts());
    const xlsx = await readDocument(name.replace(/\.txt$/, ".xlsx"), await toXlsx(text));
    expect(xlsx.format).toBe("xlsx");
    // where the text path had to guess a merge, the spreadsheet has a real merged range
    const guessed = roadmapTableIndex(text) >= 0 && viaText.items.some((i) => i.flags.some((f) => f.startsWith("inherited:")));
    expect(tables(xlsx).some((t) => t.rows.some((r) => r.some((c) => c.mergedFromAbove)))).toBe(guessed);
    const viaXlsx = importDocument(xlsx, opts());
    expect(view(viaXlsx)).toEqual(view(viaText));
    expect(roadmapIdentity(viaXlsx)).toBe(roadmapIdentity(viaText));
  });
});
