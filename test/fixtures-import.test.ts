import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readTextExport } from "../core/import/text-export.ts";
import { importDocument } from "../core/import/index.ts";
import { importProse } from "../core/import/prose.ts";
import type { ImportResult } from "../core/types.ts";
import { FIXTURES_DIR } from "./support/fixtures.ts";

// The five real roadmaps through the text path: readTextExport → importDocument.

const DIR = FIXTURES_DIR;
const load = (name: string) => readTextExport(`${name}.txt`, fs.readFileSync(path.join(DIR, `${name}.txt`), "utf8"));
const run = (name: string): ImportResult => importDocument(load(name), { defaultTimezone: "Europe/Moscow" });
const item = (r: ImportResult, key: string) => {
  const found = r.items.find((i) => i.key === key);
  if (!found) throw new Error(`no item ${key}`);
  return found;
};
const range = (from: number, to: number, prefix = "") => Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`);

describe("Skovorodino 2023 roadmap", () => {
  const r = run("skovorodino-2023-roadmap");

  it("has 30 items, 1–16 before any section and two named sections", () => {
    expect(r.items.map((i) => i.key)).toEqual(range(1, 30));
    expect(r.items.slice(0, 16).every((i) => i.section === null)).toBe(true);
    expect(new Set(r.items.map((i) => i.section))).toEqual(
      new Set([
        null,
        "Мониторинг деятельности школ с низкими образовательными результатами и школ, функционирующих в неблагоприятных социальных условиях",
        "Совершенствование инфраструктуры школ с низкими образовательными результатами",
      ]),
    );
    expect(item(r, "17").section).toMatch(/^Мониторинг/);
    expect(item(r, "28").section).toMatch(/^Совершенствование инфраструктуры/);
    expect(r.items.every((i) => i.number === i.key)).toBe(true);
  });

  it("reads the order's metadata", () => {
    expect(r.roadmap).toMatchObject({
      id: null,
      orderNumber: "120",
      orderDate: "2023-03-31",
      years: [2023],
      timezone: "Asia/Yakutsk",
      controller: "Бутусова О.В.",
    });
    expect(r.roadmap.title).toMatch(/^Комплекс мер \(«дорожной карты»\), направленных .* на 2023 год$/);
    expect(r.roadmap.authority).toBe("УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ СКОВОРОДИНСКОГО МУНИЦИПАЛЬНОГО ОКРУГА");
    // the ШНОР / ШНСУ lists of the «Актуальность» cell
    expect(r.roadmap.schools).toEqual(
      expect.arrayContaining(["МБОУ СОШ № 1 г. Сквородино", "МБОУ СОШ с. Албазино", "МБОУ СОШ с. Джалинда", "МБОУ ООШ ж.д. ст. Мадалан"]),
    );
  });

  it("cleans HTML cells and merges rows split by a page break", () => {
    expect(item(r, "4").title).toBe(
      "Участие в мероприятиях по оценке методических и предметных компетенций педагогических работников\nУчастие в интенсиве «Я Учитель» на платформе «Яндекс.Учебник»",
    );
    expect(item(r, "8").title).toBe("Разработка среднесрочных программ развития школ, вошедших в перечень ШНОР по итогам 2022 года");
    expect(item(r, "8").result).toMatch(/^Проведена самодиагностика рисков зон в работе ОО, изучены риски/);
    expect(item(r, "19").title).toBe("Анализ эффективности выполнения ОО планов по ликвидации образовательных дефицитов обучающихся");
    expect(item(r, "27").result).toBe("Привлечение общественности по решению вопросов по повышению качества образования");
    expect(item(r, "27").responsible.map((p) => p.text)).toEqual(["Специалисты Управления образования"]);
    expect(r.items.every((i) => !/[<>]|&[a-z]+;|\*\*/.test(i.title + (i.result ?? "")))).toBe(true);
  });

  it("fills cells the original merged with the row above, with a warning each", () => {
    expect(item(r, "3").flags).toEqual(["inherited:result", "inherited:deadline", "inherited:responsible"]);
    expect(item(r, "3").deadline).toMatchObject({ text: "По графику", kind: "on_demand" });
    expect(item(r, "18").flags).toEqual(["inherited:result", "inherited:responsible"]);
    expect(item(r, "18").responsible.map((p) => p.name)).toEqual(["Полухина Е.А."]);
    expect(item(r, "19").flags).toEqual(["inherited:result", "inherited:responsible"]);
    expect(item(r, "23").flags).toEqual(["inherited:result", "inherited:responsible"]);
    expect(item(r, "23").responsible.map((p) => p.name)).toEqual(["Бутусова О.В.", "Гребенюк А.В."]);
    const flagged = r.items.filter((i) => i.flags.some((f) => f.startsWith("inherited:")));
    expect(flagged.map((i) => i.key)).toEqual(["3", "18", "19", "23"]);
    // one warning per row, naming every cell taken from above
    const names: Record<string, string> = { result: "«Результат»", deadline: "«Срок»", responsible: "«Ответственный»" };
    for (const i of flagged) {
      const taken = i.flags.filter((f) => f.startsWith("inherited:")).map((f) => names[f.slice("inherited:".length)]!);
      const mine = r.warnings.filter((w) => w.item === i.key && /из строки выше/.test(w.message));
      expect(mine).toHaveLength(1);
      for (const n of taken) expect(mine[0]!.message).toContain(n);
    }
    expect(r.warnings.find((w) => w.item === "3")?.message).toBe(
      "пустые ячейки «Результат», «Срок» и «Ответственный» взяты из строки выше (п. 2): в оригинале ячейки, видимо, были объединены",
    );
    expect(r.warnings.find((w) => w.item === "3")?.row).toBe(48);
  });

  it("parses deadlines with the roadmap's year", () => {
    expect(item(r, "17").deadline).toMatchObject({ kind: "window", start: "2023-02-01", due: "2023-03-31" });
    expect(item(r, "5").deadline).toMatchObject({ kind: "date", due: "2023-06-30" });
    expect(item(r, "7").deadline.kind).toBe("multi");
    expect(item(r, "30").deadline.kind).toBe("ongoing");
    expect(r.warnings.some((w) => w.item === "28")).toBe(true); // «Март 2023 2022»
  });
});

describe("Bagan 2024 roadmap", () => {
  const r = run("bagan-2024-roadmap");

  it("has 36 items: 1–35 and the unnumbered row after 9", () => {
    expect(r.items.map((i) => i.key)).toEqual([...range(1, 9), "9а", ...range(10, 35)]);
    expect(item(r, "9а")).toMatchObject({ number: null, flags: ["unnumbered"], title: "Проведение мероприятий по обмену опытом директоров для ШНОР Баганского района" });
    expect(r.warnings.some((w) => w.item === "9а" && w.row === 59)).toBe(true);
    expect(r.items.every((i) => i.section === null)).toBe(true);
  });

  it("reads every column, the evidence included", () => {
    const first = item(r, "1");
    expect(first.deadline).toMatchObject({ text: "Март 2024", kind: "date", due: "2024-03-31" });
    expect(first.result).toBe("Назначен муниципальный координатор и координаторы общеобразовательных организаций");
    expect(first.evidence).toMatch(/^Ссылка на сайт МКУ «Управление образованием Баганского района»/);
    expect(item(r, "4").evidence).toMatch(/в информационно-телекоммуникационной сети «Интернет»$/);
  });

  it("joins «Еженедельно в» + «течение года» split over two text rows", () => {
    const w = item(r, "21");
    expect(w.title).toMatch(/^Организация участия руководителей ШНОР и школ «группы риска» в вебинарах ФИОКО/);
    expect(w.deadline).toMatchObject({ text: "Еженедельно в течение года", kind: "recurring", every: "week", start: "2024-01-01", due: "2024-12-31" });
    expect(w.result).toBe("В методических вебинарах ФИОКО приняли участие не менее 50% ШНОР и школ «группы риска»");
    expect(item(r, "34").title).toMatch(/«Школа Минпросвещения России», региональные инновационные площадки\)$/);
  });

  it("inherits the empty deadline of 28 and the empty result of 16", () => {
    expect(item(r, "28").flags).toEqual(["inherited:deadline"]);
    expect(item(r, "28").deadline.text).toBe("В течение года, по запросу");
    expect(item(r, "16").flags).toEqual(["inherited:result"]);
    expect(item(r, "16").evidence).toBeNull();
  });

  it("reads the order's metadata", () => {
    expect(r.roadmap).toMatchObject({ orderNumber: "102-а", orderDate: "2024-03-29", years: [2024], timezone: "Asia/Novosibirsk" });
    expect(r.roadmap.title).toMatch(/^План мероприятий \(«Дорожная карта»\) по сопровождению школ/);
    expect(r.roadmap.authority).toBe("МУНИЦИПАЛЬНОЕ КАЗЁННОЕ УЧРЕЖДЕНИЕ «УПРАВЛЕНИЕ ОБРАЗОВАНИЕМ БАГАНСКОГО РАЙОНА»");
  });

  it("takes no item from the order's numbered points or the abbreviation list", () => {
    expect(r.items.some((i) => /^Утвердить|Контроль за исполнением|Используемые сокращения/.test(i.title))).toBe(false);
  });
});

describe("Bolshebereznikovsky 2020–2022 programme", () => {
  const r = run("bolshebereznikovsky-2020-2022-program");

  it("has 43 items in three year sections, keyed by year", () => {
    expect(r.items.map((i) => i.key)).toEqual([...range(1, 17, "2020."), ...range(1, 13, "2021."), ...range(1, 13, "2022.")]);
    const bySection = (s: string) => r.items.filter((i) => i.section === s).length;
    expect([bySection("2020 год"), bySection("2021 год"), bySection("2022 год")]).toEqual([17, 13, 13]);
    expect(item(r, "2021.1").number).toBe("1");
  });

  it("skips the passport and the column-number row, reads the period column", () => {
    expect(r.items.some((i) => /Наименование программы|Разработчик/.test(i.title))).toBe(false);
    expect(item(r, "2020.1").deadline).toMatchObject({ text: "май 2020 года", due: "2020-05-31" });
    expect(item(r, "2020.4").title).toBe(
      "Определение общественного совета по проведению независимой оценки качества образовательной деятельности организаций, расположенных на территориях муниципальных образований, и утверждение положения о нем (Приказ)",
    );
    expect(item(r, "2020.4").responsible.map((p) => p.text).join(", ")).toMatch(/муниципального района$/);
  });

  it("gives «В течение года» the section's year", () => {
    expect(item(r, "2020.16").deadline).toMatchObject({ kind: "ongoing", start: "2020-01-01", due: "2020-12-31" });
    expect(item(r, "2022.13").deadline).toMatchObject({ kind: "ongoing", start: "2022-01-01", due: "2022-12-31" });
  });

  it("reads the order's metadata", () => {
    expect(r.roadmap).toMatchObject({ orderNumber: "59-б", orderDate: "2021-06-10", years: [2020, 2021, 2022], timezone: "Europe/Moscow" });
    expect(r.roadmap.title).toMatch(/^Об утверждении муниципальной Программы поддержки школ .* на 2020 - 2022 годы$/);
  });
});

describe("prose orders (items from the prose importer)", () => {
  for (const [name, meta, keys] of [
    [
      "bodaibo-2023-order",
      { orderNumber: "490", orderDate: "2023-06-14", years: [2023, 2024], timezone: "Asia/Irkutsk" },
      [...range(1, 6, "3."), "4.1.1", "4.1.2", ...range(2, 8, "4."), "5.1", "5.2", ...range(1, 3, "6.")],
    ],
    [
      "borovsk-2021-order",
      { orderNumber: "320", orderDate: "2021-06-01", years: [2021], timezone: "Europe/Moscow" },
      [...range(1, 6, "1."), "3.1", ...range(1, 3, "3.2."), ...range(1, 15, "П")],
    ],
  ] as const) {
    it(`${name}: no roadmap table, so the items are exactly the prose importer's`, () => {
      const d = load(name);
      expect(d.blocks.every((b) => b.type === "paragraph")).toBe(true);
      const r = run(name);
      expect(r.roadmap).toMatchObject(meta);
      expect(r.items.map((i) => i.key)).toEqual(keys);
      const paragraphs = d.blocks.flatMap((b) => (b.type === "paragraph" ? [{ text: b.text, line: b.line }] : []));
      expect(r.items).toEqual(importProse(paragraphs, { years: [...meta.years], orderDate: meta.orderDate }).items);
    });
  }

  it("an empty roadmap table (a blank template) does not hide the order's own points", () => {
    const d = load("borovsk-2021-order");
    const blank = { rows: [["№", "Мероприятие", "Срок", "Ответственный"].map((text) => ({ text }))] };
    const r = importDocument({ ...d, blocks: [...d.blocks, { type: "table", table: blank }] }, { defaultTimezone: "Europe/Moscow" });
    expect(r.items).toEqual(run("borovsk-2021-order").items);
  });

  it("Borovsk: 7 curator links (6 people), and the schools the order names", () => {
    const r = run("borovsk-2021-order");
    expect(r.roadmap.curators).toHaveLength(7);
    expect(new Set(r.roadmap.curators.map((c) => c.curator)).size).toBe(6);
    expect(r.roadmap.schools).toEqual(expect.arrayContaining(["МОУ «Средняя общеобразовательная школа г. Ермолино»", "МОУ «Основная общеобразовательная школа д. Коростелево»"]));
  });

  it("Bodaibo: one school for «МКОУ «СОШ № 3»» and «МКОУ «СОШ №3 г.Бодайбо»»", () => {
    const schools = run("bodaibo-2023-order").roadmap.schools;
    expect(schools.filter((s) => /СОШ\s*№\s*3/.test(s))).toHaveLength(1);
    expect(schools).toEqual(expect.arrayContaining(["МКОУ «Мамаканская СОШ»", "МКОУ «ООШ № 4 г.Бодайбо»"]));
  });
});
