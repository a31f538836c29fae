import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importDocument } from "../core/import/index.ts";
import { readTextExport } from "../core/import/text-export.ts";
import { readDocument } from "../core/readers/detect.ts";
import type { ImportResult, SourceDocument } from "../core/types.ts";
import { FIXTURES_DIR } from "./support/fixtures.ts";
import {
  addColumnNumberRow,
  asCellPerLine,
  asHtml,
  asMarkdown,
  asMht,
  asOneLine,
  asTabText,
  insertColumn,
  nonsenseHeaders,
  renameHeaders,
  renumber,
  reorderColumns,
  restartedKeys,
  restartPerSection,
  roadmapOf,
  roman,
  summary,
  withRoadmap,
  type Roadmap,
} from "./support/metamorphic.ts";
import { toDocx, toXlsx } from "./support/office.ts";

// Metamorphic tests: each table fixture, its roadmap table transformed in ways that change nothing a
// coordinator relies on — other header words (real synonyms and nonsense), columns moved, an empty and a
// note column, a column-number row, other numbering — and the document re-emitted as the text forms a
// coordinator pastes. Each must give the fixture's items: count, keys, titles, deadlines, parties.

const opts = { defaultTimezone: "Europe/Moscow" };
const load = (name: string): SourceDocument => readTextExport(`${name}.txt`, fs.readFileSync(path.join(FIXTURES_DIR, `${name}.txt`), "utf8"));
const run = (doc: SourceDocument): ImportResult => importDocument(doc, opts);
const read = async (fileName: string, content: string | Buffer) => run(await readDocument(fileName, Buffer.isBuffer(content) ? content : Buffer.from(content)));

const reversed = (w: number) => Array.from({ length: w }, (_, i) => w - 1 - i);
/** the action first, then the rest in a new order: a shape several regions use */
const rotated = (w: number) => Array.from({ length: w }, (_, i) => (i + 1) % w);

function transformations(rm: Roadmap): Array<[string, Roadmap]> {
  const w = rm.rows[rm.header]!.length;
  return [
    [
      "header words replaced by other real ones (1)",
      renameHeaders(rm, { number: "п/п", title: "Содержание работы", deadline: "Дата", responsible: "Кто отвечает", result: "Ожидаемый эффект", evidence: "Форма отчёта" }),
    ],
    ["header words replaced by other real ones (2)", renameHeaders(rm, { title: "Вид деятельности", deadline: "Период", responsible: "Исполнители (соисполнители)" })],
    ["header words replaced by other real ones (3)", renameHeaders(rm, { number: "#", title: "Что делаем", deadline: "Когда", responsible: "Кто отвечает" })],
    ["header words replaced by nonsense", nonsenseHeaders(rm)],
    ["header words replaced by other nonsense", nonsenseHeaders(rm, 5)],
    ["columns in reverse order", reorderColumns(rm, reversed(w))],
    ["columns in reverse order, nonsense header", nonsenseHeaders(reorderColumns(rm, reversed(w)))],
    ["columns rotated, nonsense header", nonsenseHeaders(reorderColumns(rm, rotated(w)))],
    ["an empty column in the middle", insertColumn(rm, 2)],
    ["an empty column, nonsense header", nonsenseHeaders(insertColumn(rm, 2))],
    ["a «Примечание» column at the end", insertColumn(rm, w, "Примечание", ["выполнено", "перенесено на май"])],
    ["an «Отметка о выполнении» column after the number", insertColumn(rm, 1, "Отметка о выполнении", ["выполнено", "+"])],
    ["a note column, nonsense header", nonsenseHeaders(insertColumn(rm, w, "", ["выполнено", "перенесено на май"]))],
    ["a column-number row", addColumnNumberRow(rm)],
    ["a column-number row, nonsense header", nonsenseHeaders(addColumnNumberRow(rm))],
    ["numbered «1.»", renumber(rm, (n) => `${n}.`)],
    ["numbered «1)»", renumber(rm, (n) => `${n})`)],
    ["numbered «1», nonsense header", nonsenseHeaders(renumber(rm, (n) => String(n)))],
  ];
}

const FIXTURES = ["skovorodino-2023-roadmap", "bagan-2024-roadmap", "bolshebereznikovsky-2020-2022-program"];

for (const name of FIXTURES) {
  describe(`${name}, transformed`, () => {
    const doc = load(name);
    const base = run(doc);
    const expected = summary(base);
    const rm = roadmapOf(doc);

    it("is a roadmap read by its header (the baseline)", () => {
      expect(expected.length).toBeGreaterThan(25);
      expect(base.items.filter((i) => i.deadline.kind !== "none").length).toBeGreaterThan(20);
    });

    for (const [what, table] of transformations(rm)) {
      it(`${what}: the same items`, () => {
        expect(summary(run(withRoadmap(doc, table)))).toEqual(expected);
      });
    }

    it("numbered I., II., III.: the same items and keys, the Roman numeral kept as the number", () => {
      const r = run(withRoadmap(doc, renumber(rm, (n) => `${roman(n)}.`)));
      expect(summary(r)).toEqual(expected);
      const numbered = r.items.filter((i) => i.number !== null);
      expect(numbered.map((i) => i.number)).toEqual(base.items.filter((i) => i.number !== null).map((i) => roman(Number(i.number))));
    });

    if (name !== "bolshebereznikovsky-2020-2022-program") {
      // (the programme's numbering already restarts in each year section: keys «2021.3»)
      it("numbering restarting in each section «I. …», «II. …»: keys «II.3», everything else the same", () => {
        const { roadmap, keyOf } = restartPerSection(rm);
        const r = run(withRoadmap(doc, roadmap));
        expect(r.items.map((i) => i.key)).toEqual(restartedKeys(base, keyOf));
        expect(r.items.every((i) => /^[IVX]+\. /.test(i.section ?? ""))).toBe(true);
        const strip = (s: ReturnType<typeof summary>) => s.map(({ key: _k, section: _s, ...rest }) => rest);
        expect(strip(summary(r))).toEqual(strip(expected));
      });
    }

    const forms: Array<[string, string, () => string | Buffer]> = [
      ["a Markdown pipe table (.md)", "plan.md", () => asMarkdown(doc)],
      ["an HTML page (.html)", "plan.html", () => asHtml(doc)],
      ["Word's «save as web page» (.htm)", "plan.htm", () => asHtml(doc, { wordExport: true })],
      ["Word's web archive (.mht, Windows-1251, quoted-printable)", "plan.mht", () => asMht(asHtml(doc, { wordExport: true }))],
      ["Word's web page named .doc", "plan.doc", () => asHtml(doc, { wordExport: true })],
      ["tab-separated text without markup", "plan.txt", () => asTabText(doc)],
      ["each cell on its own line ending in «|»", "plan.txt", () => asCellPerLine(doc)],
      ["the table flattened onto one line with « | »", "plan.txt", () => asOneLine(doc)],
    ];
    for (const [what, fileName, emit] of forms) {
      it(`as ${what}: the same items and roadmap`, async () => {
        const r = await read(fileName, emit());
        expect(summary(r)).toEqual(expected);
        expect(r.roadmap).toEqual(base.roadmap);
      });
    }

    it("as Markdown with a nonsense header and reordered columns: the same items", async () => {
      const w = rm.rows[rm.header]!.length;
      const r = await read("plan.md", asMarkdown(withRoadmap(doc, nonsenseHeaders(reorderColumns(rm, reversed(w))))));
      expect(summary(r)).toEqual(expected);
    });

    it("as .docx and .xlsx with a nonsense header and a note column: the same items", async () => {
      const w = rm.rows[rm.header]!.length;
      const changed = withRoadmap(doc, nonsenseHeaders(insertColumn(rm, w, "", ["выполнено", "перенесено на май"])));
      for (const [fileName, bytes] of [
        ["plan.docx", await toDocx(changed)],
        ["plan.xlsx", await toXlsx(changed, rm.block)],
      ] as const) {
        const got = summary(await read(fileName, bytes));
        expect(got.map((i) => i.key), fileName).toEqual(expected.map((i) => i.key));
        expect(got.map((i) => [i.deadline, i.responsible]), fileName).toEqual(expected.map((i) => [i.deadline, i.responsible]));
      }
    });
  });
}
