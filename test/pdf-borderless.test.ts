import fs from "node:fs";
import fontkit from "@pdf-lib/fontkit";
import { createRequire } from "node:module";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { importDocument } from "../core/import/index.ts";
import { readTextExport } from "../core/import/text-export.ts";
import { readDocument } from "../core/readers/detect.ts";
import type { ImportResult, SourceDocument } from "../core/types.ts";
import { fixturePath } from "./support/fixtures.ts";
import { toPdf } from "./support/pdf.ts";

// Tables printed without ruling lines (borders set to none, as many schools' plans are): rows and columns come
// back from how the text lines up — a number column at the left, column starts shared by the numbered lines.
// Where the alignment is not clear the page stays prose, its text all there.

const opts = { defaultTimezone: "Europe/Moscow" };
const clean = (s: string | null) => (s ?? "").replace(/\s+/g, " ").trim();
const itemsView = (r: ImportResult) =>
  r.items.map((i) => ({
    key: i.key,
    section: clean(i.section),
    title: clean(i.title),
    result: clean(i.result),
    deadline: i.deadline,
    responsible: i.responsible.map((p) => p.name),
    flags: i.flags.filter((f) => !f.startsWith("inherited:")),
  }));
const tables = (doc: SourceDocument) => doc.blocks.flatMap((b) => (b.type === "table" ? [b.table] : []));
const paragraphText = (doc: SourceDocument) =>
  doc.blocks
    .flatMap((b) => (b.type === "paragraph" ? [b.text] : []))
    .join(" ")
    .replace(/\s+/g, " ");

describe("the table fixtures printed without borders", () => {
  it.each(["bagan-2024-roadmap.txt", "bolshebereznikovsky-2020-2022-program.txt", "skovorodino-2023-roadmap.txt"])(
    "%s: the same items as its text export (wrapped cells, section rows, the header repeated on each page)",
    async (name) => {
      const text = readTextExport(name, fs.readFileSync(fixturePath(name), "utf8"));
      const doc = await readDocument(name.replace(/\.txt$/, ".pdf"), await toPdf(text, { noRules: true }));
      const expected = importDocument(text, opts);
      const got = importDocument(doc, opts);
      expect(itemsView(got)).toEqual(itemsView(expected));
      // (Skovorodino's passport is a two-column table without numbers: it stays prose, and the title is the order's)
      if (!name.startsWith("skovorodino")) expect(got.roadmap).toEqual(expected.roadmap);
    },
    60_000,
  );
});

describe("a school's plan printed without borders", () => {
  const row = (...cells: string[]) => cells.map((text) => ({ text }));
  const plan: SourceDocument = {
    fileName: "plan.docx",
    format: "docx",
    blocks: [
      { type: "paragraph", text: "Муниципальное бюджетное общеобразовательное учреждение «Лицей № 2» г. Саянска" },
      { type: "paragraph", text: "ПРИКАЗ" },
      { type: "paragraph", text: "от 12.09.2025 № 214-о" },
      { type: "paragraph", text: "Об утверждении плана мероприятий по подготовке к государственной итоговой аттестации в 2025/2026 учебном году" },
      { type: "paragraph", text: "ПРИКАЗЫВАЮ:" },
      { type: "paragraph", text: "1. Утвердить план мероприятий по подготовке к ГИА (приложение)." },
      { type: "paragraph", text: "2. Контроль за исполнением приказа оставляю за собой." },
      { type: "paragraph", text: "Директор Е.В. Корнилова" },
      { type: "paragraph", text: "План мероприятий по подготовке к государственной итоговой аттестации выпускников 9 и 11 классов на 2025/2026 учебный год" },
      {
        type: "table",
        table: {
          rows: [
            row("№ п/п", "Содержание работы", "Сроки", "Ответственные", "Форма отчёта"),
            row("I. Организационно-методическая работа", "", "", "", ""),
            row("1.1", "Анализ результатов государственной итоговой аттестации 2025 года на заседаниях школьных методических объединений учителей-предметников", "сентябрь", "Руководители ШМО", "Протоколы заседаний ШМО"),
            row("1.2", "Утверждение плана-графика консультаций для выпускников по предметам, выбранным для сдачи экзаменов", "октябрь", "Заместитель директора по УВР Седых О.Н.", "Приказ, график консультаций"),
            row("1.3", "Проведение педагогического совета «Итоги ГИА-2025 и задачи на новый учебный год»", "октябрь", "Директор, заместитель директора по УВР", "Протокол педсовета"),
            row("", "Изучение нормативных документов по организации ГИА педагогическим коллективом", "ноябрь", "Заместитель директора по УВР", "Лист ознакомления"),
            row("1.4", "Участие учителей в вебинарах регионального центра обработки информации по вопросам подготовки к ГИА", "в течение года", "Учителя-предметники", "Сертификаты участников"),
            row("II. Работа с обучающимися", "", "", "", ""),
            row("2.1", "Проведение пробных экзаменов по русскому языку и математике в форме ОГЭ и ЕГЭ", "декабрь, март", "Заместитель директора по УВР, учителя русского языка и математики", "Аналитическая справка"),
            row("2.2", "Итоговое собеседование по русскому языку для обучающихся 9 классов", "февраль", "Классные руководители 9 классов", "Протокол"),
            row("2.3", "Индивидуальные консультации для обучающихся группы риска по результатам пробных экзаменов", "январь – май", "Учителя-предметники", "Журнал консультаций"),
            row("2.4", "Итоговое сочинение (изложение) для обучающихся 11 классов", "декабрь", "Заместитель директора по УВР", "Протокол"),
            row("III. Работа с родителями", "", "", "", ""),
            row("3.1", "Родительские собрания «Порядок проведения ГИА в 2026 году», ознакомление с нормативными документами под подпись", "ноябрь, март", "Классные руководители 9, 11 классов", "Протоколы собраний"),
            row("3.2", "Индивидуальное информирование родителей обучающихся группы риска о результатах пробных экзаменов", "по итогам пробных экзаменов", "Классные руководители, учителя-предметники", "Лист ознакомления"),
          ],
        },
      },
    ],
  };

  it("reads as the same plan from the document and from its borderless PDF", async () => {
    const doc = await readDocument("план.pdf", await toPdf(plan, { noRules: true }));
    expect(tables(doc)).toHaveLength(1);
    const expected = importDocument(plan, opts);
    const got = importDocument(doc, opts);
    expect(got.items.map((i) => i.key)).toEqual(["1.1", "1.2", "1.3", "1.3а", "1.4", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2"]);
    expect(itemsView(got)).toEqual(itemsView(expected));
    expect(got.roadmap).toEqual(expected.roadmap);
  }, 60_000);

  it("the order's own numbered points above the table stay prose", async () => {
    const doc = await readDocument("план.pdf", await toPdf(plan, { noRules: true }));
    expect(paragraphText(doc)).toContain("1. Утвердить план мероприятий по подготовке к ГИА (приложение).");
    expect(tables(doc)[0]!.rows[0]!.map((c) => c.text)).toEqual(["№ п/п", "Содержание работы", "Сроки", "Ответственные", "Форма отчёта"]);
  }, 60_000);
});

// A page drawn by hand: pieces where we want them.
const require = createRequire(import.meta.url);
const FONT = path.join(path.dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf/DejaVuSans.ttf");

async function pageOf(lines: Array<Array<[number, string]>>, size = 10, leading = 13): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const font = await pdf.embedFont(fs.readFileSync(FONT), { subset: true });
  const page = pdf.addPage([595, 842]);
  lines.forEach((pieces, k) => {
    for (const [x, text] of pieces) page.drawText(text, { x, y: 780 - k * leading, size, font });
  });
  return Buffer.from(await pdf.save());
}

describe("where the alignment is not clear, the page stays prose", () => {
  it("a deadline column centred under its header: no table, every word still there", async () => {
    const centred = (text: string) => 330 - text.length * 2.6;
    const rows: Array<[string, string, string, string]> = [
      ["1.", "Совещание с руководителями ОО", "январь", "Отдел образования"],
      ["2.", "Пробный ОГЭ по математике", "февраль – март", "МКУ «ИМЦ»"],
      ["3.", "Анализ результатов пробного ОГЭ", "апрель", "МКУ «ИМЦ»"],
      ["4.", "Родительские собрания", "в течение года", "Руководители ОО"],
    ];
    const bytes = await pageOf([
      [[85, "План мероприятий по подготовке к ГИА на 2026 год"]],
      [],
      ...rows.map(([n, t, d, r]): Array<[number, string]> => [[85, n], [110, t], [centred(d), d], [420, r]]),
    ]);
    const doc = await readDocument("план.pdf", bytes);
    expect(tables(doc)).toEqual([]);
    for (const [, t, d, r] of rows) for (const s of [t, d, r]) expect(paragraphText(doc)).toContain(s);
  }, 30_000);

  it("a numbered list with a hanging indent (number, then text) is a list, not a two-column table", async () => {
    const bytes = await pageOf([
      [[85, "ПРИКАЗЫВАЮ:"]],
      [[85, "1."], [106, "Руководителям общеобразовательных организаций обеспечить участие"]],
      [[106, "обучающихся 9 классов в пробном ОГЭ в срок до 12 марта 2026 г."]],
      [[85, "2."], [106, "Отделу образования (Кузнецова Т.В.) подготовить аналитическую справку"]],
      [[106, "по итогам пробного ОГЭ в срок до 1 апреля 2026 г."]],
      [[85, "3."], [106, "Контроль за исполнением приказа оставляю за собой."]],
    ]);
    const doc = await readDocument("приказ.pdf", bytes);
    expect(tables(doc)).toEqual([]);
    const r = importDocument(doc, opts);
    expect(r.items.map((i) => [i.key, i.deadline.due])).toEqual([
      ["1", "2026-03-12"],
      ["2", "2026-04-01"],
    ]);
  }, 30_000);
});
