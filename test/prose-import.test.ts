import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { importProse, splitDeadline } from "../core/import/prose.ts";
import { findController, findCurators } from "../core/import/order-text.ts";
import type { ImportedItem } from "../core/types.ts";
import { FIXTURES_DIR } from "./support/fixtures.ts";

const FIXTURES = FIXTURES_DIR;

/** A fixture as paragraphs: non-empty lines, Markdown bold stripped, line numbers kept. */
function paragraphs(name: string): Array<{ text: string; line: number }> {
  return readFileSync(join(FIXTURES, name), "utf8")
    .split("\n")
    .map((text, i) => ({ text: text.replace(/\*\*/g, ""), line: i + 1 }))
    .filter((p) => p.text.trim());
}

const BODAIBO = { years: [2023, 2024], orderDate: "2023-06-14" };
const BOROVSK = { years: [2021], orderDate: "2021-06-01" };

const names = (item: ImportedItem) => item.responsible.map((p) => `${p.kind}:${p.name}`);
const byKey = (items: ImportedItem[]) => new Map(items.map((i) => [i.key, i]));

describe("Bodaibo order (prose, points 3–6)", () => {
  const { items, warnings } = importProse(paragraphs("bodaibo-2023-order.txt"), BODAIBO);
  const items_ = byKey(items);

  it("has the 20 items of points 3–6 and nothing from the report after the order", () => {
    expect(items.map((i) => i.key)).toEqual([
      "3.1", "3.2", "3.3", "3.4", "3.5", "3.6",
      "4.1.1", "4.1.2", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7", "4.8",
      "5.1", "5.2", "6.1", "6.2", "6.3",
    ]);
    expect(items.every((i) => i.number === i.key && i.section === null && i.result === null)).toBe(true);
  });

  it("the report text after the order yields no items", () => {
    const all = paragraphs("bodaibo-2023-order.txt");
    const reportStart = all.findIndex((p) => p.text.startsWith("### "));
    expect(reportStart).toBeGreaterThan(0);
    expect(importProse(all.slice(reportStart), BODAIBO).items).toEqual([]);
    expect(items.every((i) => i.title && !i.title.includes("Мамаканская СОШ» является куратором"))).toBe(true);
  });

  it("titles drop the number and the deadline phrase; wrapped lines are joined", () => {
    expect(items_.get("3.1")!.title).toBe(
      "Реализовать среднесрочную программу развития образовательной организации, включающую механизмы повышения качества преподавания, управления, улучшение условий организации образовательного процесса",
    );
    expect(items_.get("3.4")!.title).toBe(
      "Реализовать модель наставничества с учителями, в том числе: вовлечение педагогов школ в деятельность районной школы «Молодого педагога», «Школы наставничества»",
    );
    expect(items_.get("4.1.1")!.title).toBe("Назначить ответственных за реализацию мер по работе с факторами риска");
    expect(items_.get("4.2")!.title).toBe("Организовать работу с учащимися с рисками учебной неуспешности в рамках реализации программы антирисковых мер");
    expect(items_.get("4.3")!.title).toBe("Обеспечить объективность текущего и промежуточного оценивания обучающихся");
    // «в мае 2023г.» inside the text is not a deadline
    expect(items_.get("3.6")!.title).toMatch(/представленный на региональном уровне в мае 2023г$/);
  });

  it("4.1.2 keeps its list of risk factors (bullets without deadlines of their own)", () => {
    const t = items_.get("4.1.2")!.title;
    expect(t.startsWith("Обеспечить разработку плана мероприятий по всем выявленным факторам риска: Низкая адаптивность образовательного процесса")).toBe(true);
    expect(t).toContain("Высокий уровень деструктивных педагогических практик");
    expect(t.endsWith("Дефицит педагогических кадров")).toBe(true);
  });

  it.each([
    ["3.1", "window", "2023-09-01", "2024-05-31", true],
    ["3.6", "window", "2023-09-01", "2024-05-31", true],
    ["4.1.1", "date", null, "2023-06-30", false],
    ["4.1.2", "date", null, "2023-09-01", false],
    ["4.2", "window", "2023-01-01", "2024-12-31", false],
    ["4.3", "ongoing", "2023-01-01", "2024-12-31", false],
    ["4.4", "window", "2023-09-01", "2024-05-31", true],
    ["4.6", "date", null, "2023-09-01", false],
    ["4.7", "date", null, "2023-09-01", false],
    ["4.8", "window", "2023-09-01", "2024-05-31", true],
    ["5.2", "window", "2023-09-01", "2024-05-31", true],
    ["6.3", "window", "2023-09-01", "2024-05-31", true],
  ] as const)("%s: deadline %s %s…%s (inherited: %s)", (key, kind, start, due, inherited) => {
    const item = items_.get(key)!;
    expect(item.deadline.kind).toBe(kind);
    expect(item.deadline.start).toBe(start);
    expect(item.deadline.due).toBe(due);
    expect(item.flags.includes("inherited:deadline")).toBe(inherited);
  });

  it("deadline texts are the phrases as written", () => {
    expect(items_.get("4.1.1")!.deadline.text).toBe("Срок: июнь 2023г.");
    expect(items_.get("4.1.2")!.deadline.text).toBe("в срок до 01.09.2023г.");
    expect(items_.get("4.2")!.deadline.text).toBe("Срок: 2023-2024 г.");
    expect(items_.get("4.3")!.deadline.text).toBe("Срок исполнения: постоянно");
    expect(items_.get("3.1")!.deadline.text).toBe("в 2023-2024 учебном году");
  });

  it("executors come from the enclosing point, back in the nominative", () => {
    expect(names(items_.get("3.1")!)).toEqual([
      "person:Кудряшова Е.А.",
      "person:Корабельникова А.В.",
      "person:Ваулина А.В.",
      "organization:МКОУ «Перевозовская СОШ»",
    ]);
    expect(names(items_.get("3.5")!)).toEqual(names(items_.get("3.1")!));
    expect(items_.get("4.1.1")!.responsible).toEqual([
      { text: "Директору МКОУ «СОШ № 3» (Кудряшова Е.А.)", kind: "person", name: "Кудряшова Е.А.", note: null, position: "директор МКОУ «СОШ № 3»" },
    ]);
    expect(names(items_.get("4.8")!)).toEqual(["person:Кудряшова Е.А."]);
    expect(names(items_.get("5.1")!)).toEqual(["organization:МКОУ «Мамаканская СОШ»"]);
    expect(names(items_.get("6.2")!)).toEqual(["person:Биликтуева Т.О."]);
  });

  it("approval, «take note» and control points are not items; no doubts to report", () => {
    expect(items.some((i) => /^(Принять к сведению|Одобрить|Контроль)/.test(i.title))).toBe(false);
    expect(warnings).toEqual([]);
  });
});

describe("Borovsk order and protocol", () => {
  const { items, warnings } = importProse(paragraphs("borovsk-2021-order.txt"), BOROVSK);
  const items_ = byKey(items);

  it("has 25 items: 1.1–1.6, 3.1, 3.2.1–3.2.3, П1–П15", () => {
    expect(items.map((i) => i.key)).toEqual([
      "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "3.1", "3.2.1", "3.2.2", "3.2.3",
      ...Array.from({ length: 15 }, (_, n) => `П${n + 1}`),
    ]);
  });

  it("point 1's executor is the person in brackets, the cabinet her position", () => {
    for (const key of ["1.1", "1.4", "1.6"]) {
      expect(items_.get(key)!.responsible).toEqual([
        { text: "Информационно-методическому кабинету (Мурашова Е.Ю.)", kind: "person", name: "Мурашова Е.Ю.", note: null, position: "информационно-методический кабинет" },
      ]);
    }
  });

  it("«в срок до …» becomes the deadline and leaves the title", () => {
    const i11 = items_.get("1.1")!;
    expect(i11.title).toBe("Провести анализ причин, обусловивших низкие результаты обучения в школах");
    expect(i11.deadline).toMatchObject({ text: "в срок до 15.06.2021 г.", kind: "date", due: "2021-06-15" });
    expect(items_.get("1.5")!.deadline).toMatchObject({ kind: "date", due: "2021-09-01" });
  });

  it("points without a deadline and without a period above them are `none` with a warning", () => {
    for (const key of ["1.4", "1.6", "3.1"]) {
      expect(items_.get(key)!.deadline.kind).toBe("none");
      expect(warnings.some((w) => w.item === key && /не указан срок/.test(w.message))).toBe(true);
    }
  });

  it("3.1 and 3.2 written on one line are two points; 3.2's dashes with deadlines are items 3.2.1–3.2.3", () => {
    expect(items_.get("3.1")!.title).toBe("Разработать и выполнить план мероприятий по выполнению решений Протокола (прилагается)");
    const [a, b, c] = ["3.2.1", "3.2.2", "3.2.3"].map((k) => items_.get(k)!);
    expect(a!.title).toBe(
      "Предоставить в информационно-методический кабинет: анализ контекстных и внутришкольных данных, информации о внутренних и внешних причинах низкого качества образования в школе",
    );
    expect(b!.title).toBe("Предоставить в информационно-методический кабинет: программу развития школы на период от 3до 5 лет");
    expect(a!.deadline).toMatchObject({ kind: "date", due: "2020-06-11" });
    expect(b!.deadline).toMatchObject({ kind: "date", due: "2021-09-01", text: "в срок до 01.09 2021 г." });
    expect(c!.deadline).toMatchObject({ kind: "date", due: "2021-09-01" });
    for (const item of [a!, b!, c!]) {
      expect(item.number).toBeNull();
      expect(item.flags).toContain("unnumbered");
      expect(names(item)).toEqual(["role:Руководители образовательных организаций"]);
    }
    // what is handed in is the evidence
    expect(b!.evidence).toBe("Программа развития школы на период от 3до 5 лет");
    // 11.06.2020 is before the order's own date: a warning names the item
    expect(warnings.some((w) => w.item === "3.2.1" && w.row === 55)).toBe(true);
  });

  it("the protocol's decisions are П1…П15 with their deadlines, under the protocol's section", () => {
    const p = (n: number) => items_.get(`П${n}`)!;
    expect(p(1).number).toBe("1");
    expect(p(1).section).toMatch(/^Протокол совещания руководителей .* от 26\.05\.2021$/);
    expect(p(1).deadline).toMatchObject({ kind: "date", due: "2021-06-01", text: "срок до 01.06.2021" });
    expect(p(2).deadline).toMatchObject({ kind: "date", due: "2021-09-01" });
    expect(p(3).deadline).toMatchObject({ kind: "date", due: "2021-09-01" });
    expect(p(4).deadline).toMatchObject({ kind: "date", due: "2021-09-15" });
    for (const n of [5, 7, 8, 10, 11, 12, 13]) expect(p(n).deadline.kind).toBe("ongoing");
    expect(p(9).deadline).toMatchObject({ kind: "date", due: "2021-09-01" });
    expect(warnings.some((w) => w.item === "П9")).toBe(true); // «срок 0.09.2021»
    expect(p(14).deadline).toMatchObject({ kind: "date", due: "2021-09-01" });
    expect(p(15).deadline.kind).toBe("ongoing");
    expect(p(5).title).toBe("Организовать работу с семьями обучающихся, показывающих низкие результаты обучения");
    expect(p(8).title).toBe("Организовать систематическое взаимное посещение уроков учителей-предметников с целью обмена опытом, освоения лучших практик");
    expect(p(14).title).toBe("Разработать программу развития дополнительного образования в школе");
    for (let n = 1; n <= 15; n++) {
      expect(names(p(n))).toEqual(["role:Руководители образовательных организаций, имеющих низкие образовательные результаты"]);
    }
  });

  it("the agenda, the curator appointments and the control point are not items", () => {
    expect(items.some((i) => /Роль школы|Назначить кураторов|Контроль исполнения/.test(i.title))).toBe(false);
  });

  it("every warning names an item and a line", () => {
    expect(warnings.length).toBeGreaterThan(0);
    for (const w of warnings) {
      expect(w.item).toMatch(/^(?:\d+(?:\.\d+)*|П\d+)$/);
      expect(w.row).toBeGreaterThan(0);
    }
  });
});

describe("prose rules beyond the fixtures", () => {
  const ctx = { years: [2024], orderDate: "2024-03-01" };
  const run = (lines: string[]) => importProse(lines.map((text, i) => ({ text, line: i + 1 })), ctx);

  it("an executor written before the verb in the same point", () => {
    const { items } = run(["ПРИКАЗЫВАЮ:", "1. Утвердить план мероприятий.", "2. Руководителям ОО обеспечить участие педагогов в вебинарах – в срок до 15.04.2024.", "3. Контроль за исполнением приказа оставляю за собой."]);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ key: "2", title: "Обеспечить участие педагогов в вебинарах" });
    expect(items[0]!.deadline).toMatchObject({ kind: "date", due: "2024-04-15" });
    expect(names(items[0]!)).toEqual(["role:Руководители ОО"]);
  });

  it("«Рекомендовать …», «Обязать …»: the executor sits between the two verbs", () => {
    const { items } = run([
      "ПРИКАЗЫВАЮ:",
      "1. Рекомендовать руководителям общеобразовательных организаций обеспечить реализацию Плана в 2024 году.",
      "2. Обязать руководителей ОО провести самодиагностику. Срок: апрель 2024.",
    ]);
    expect(items.map((i) => [i.key, i.title])).toEqual([
      ["1", "Обеспечить реализацию Плана в 2024 году"],
      ["2", "Провести самодиагностику"],
    ]);
    expect(names(items[0]!)).toEqual(["role:Руководители общеобразовательных организаций"]);
    expect(names(items[1]!)).toEqual(["role:Руководители ОО"]);
    // a point's own «в 2024 году» is its period
    expect(items[0]!.deadline).toMatchObject({ kind: "window", start: "2024-01-01", due: "2024-12-31" });
    expect(items[1]!.deadline).toMatchObject({ kind: "date", due: "2024-04-30" });
  });

  it("a parent only introducing its sub-points is not an item; its period passes down", () => {
    const { items } = run([
      "П Р И К А З Ы В А Ю:",
      "1. Управлению образования в 2024 году:",
      "1.1. провести семинар для заместителей директоров. Срок: март 2024",
      "1.2. организовать мониторинг.",
      "Начальник",
      "И.И. Иванова",
    ]);
    expect(items.map((i) => i.key)).toEqual(["1.1", "1.2"]);
    expect(items[0]!.deadline).toMatchObject({ kind: "date", due: "2024-03-31" });
    expect(items[1]!.flags).toContain("inherited:deadline");
    expect(names(items[1]!)).toEqual(["organization:Управление образования"]);
  });

  it("a numbered point that instructs nobody is reported, not silently dropped", () => {
    const { items, warnings } = run(["ПРИКАЗЫВАЮ:", "1. Информация о работе школ.", "2. Провести совещание – в срок до 01.04.2024."]);
    expect(items.map((i) => i.key)).toEqual(["2"]);
    expect(warnings.some((w) => w.item === "1" && w.row === 2)).toBe(true);
    expect(warnings.some((w) => w.item === "2" && /исполнитель/.test(w.message))).toBe(true);
  });

  it("an order in another district's manner: people in brackets per school, report forms, adverbs of rhythm", () => {
    const lines = [
      "ПРИКАЗЫВАЮ:",
      "1. Утвердить состав муниципальной рабочей группы (приложение 1).",
      "2. Назначить куратором МБОУ «СОШ № 5» Смирнову Анну Петровну, методиста МКУ «ИМЦ».",
      "3. Методисту МКУ «ИМЦ» Смирновой А.П.:",
      "3.1. организовать сопровождение МБОУ «СОШ № 5» в течение 2024 года;",
      "3.2. ежеквартально представлять в Управление образования аналитическую справку о результатах сопровождения.",
      "4. Руководителям МБОУ «СОШ № 5» (Петров И.И.), МБОУ «ООШ № 2» (Сидорова Е.В.) в срок до 01.04.2024 разработать программы антирисковых мер.",
      "5. Контроль за исполнением настоящего приказа возложить на заместителя начальника Управления образования Кузнецова П.П.",
      "Начальник Управления образования",
      "И.И. Соколова",
    ];
    const { items, warnings } = run(lines);
    expect(items.map((i) => [i.key, i.title])).toEqual([
      ["3.1", "Организовать сопровождение МБОУ «СОШ № 5» в течение 2024 года"],
      ["3.2", "Представлять в Управление образования аналитическую справку о результатах сопровождения"],
      ["4", "Разработать программы антирисковых мер"],
    ]);
    expect(warnings).toEqual([]);
    expect(items[0]!.responsible).toEqual([
      { text: "Методисту МКУ «ИМЦ» Смирновой А.П.", kind: "person", name: "Смирнова А.П.", note: null, position: "методист МКУ «ИМЦ»" },
    ]);
    expect(items[1]!.deadline).toMatchObject({ kind: "recurring", every: "quarter" });
    expect(items[1]!.evidence).toBe("Аналитическая справка о результатах сопровождения");
    expect(items[2]!.deadline).toMatchObject({ kind: "date", due: "2024-04-01" });
    expect(items[2]!.responsible.map((p) => [p.name, p.position])).toEqual([
      ["Петров И.И.", "руководитель МБОУ «СОШ № 5»"],
      ["Сидорова Е.В.", "руководитель МБОУ «ООШ № 2»"],
    ]);
    // «возложить на … Кузнецова П.П.» is accusative: a man
    expect(findController(lines)).toBe("Кузнецов П.П.");
    expect(findCurators(lines)).toEqual([{ school: "МБОУ «СОШ № 5»", curator: "Смирнова А.П.", curatorKind: "person", position: "методист МКУ «ИМЦ»" }]);
  });

  it("points separated by soft line breaks inside one paragraph", () => {
    const { items } = importProse(
      [{ text: "ПРИКАЗЫВАЮ:", line: 1 }, { text: "1. Провести анализ ВПР - постоянно.\n2. Организовать семинар для\nучителей – в срок до 01.05.2024.", line: 2 }],
      ctx,
    );
    expect(items.map((i) => [i.key, i.title])).toEqual([
      ["1", "Провести анализ ВПР"],
      ["2", "Организовать семинар для учителей"],
    ]);
  });

  it("curator appointments are not items", () => {
    const { items } = run([
      "ПРИКАЗЫВАЮ:",
      "1. Закрепить школы-тьюторы за ШНОР:",
      "МБОУ СОШ № 1 – МБОУ СОШ с. Албазино;",
      "2. Назначить куратором МБОУ СОШ № 3 Петрову Анну Ивановну, главного специалиста.",
      "3. Провести совещание – в срок до 01.04.2024.",
    ]);
    expect(items.map((i) => i.key)).toEqual(["3"]);
  });

  it("lettered entries with their own deadlines are items too", () => {
    const { items } = run([
      "ПРИКАЗЫВАЮ:",
      "2. Руководителям ОО представить в Управление образования:",
      "а) отчет о реализации программы – в срок до 01.06.2024;",
      "б) аналитическую справку по итогам ВПР – в срок до 01.07.2024.",
    ]);
    expect(items.map((i) => [i.key, i.title, i.deadline.due, i.evidence])).toEqual([
      ["2.1", "Представить в Управление образования: отчет о реализации программы", "2024-06-01", "Отчет о реализации программы"],
      ["2.2", "Представить в Управление образования: аналитическую справку по итогам ВПР", "2024-07-01", "Аналитическая справка по итогам ВПР"],
    ]);
    expect(names(items[0]!)).toEqual(["role:Руководители ОО"]);
  });

  it("an annex with the plan as a numbered list: every activity is an item, labelled executors and deadlines", () => {
    const { items, warnings } = run([
      "ПРИКАЗЫВАЮ:",
      "1. Утвердить план мероприятий (приложение).",
      "2. Контроль за исполнением приказа оставляю за собой.",
      "Начальник управления",
      "И.И. Иванова",
      "Приложение",
      "к приказу от 01.03.2024 № 15",
      "План мероприятий по повышению качества образования на 2024 год",
      "1. Проведение анализа результатов ВПР (ответственный: Петрова А.А., срок: апрель 2024).",
      "2. Организация методических семинаров для учителей. Ответственные – руководители ОО. Срок: в течение года.",
      "3. Мониторинг реализации программ антирисковых мер.",
    ]);
    expect(items.map((i) => [i.key, i.title])).toEqual([
      ["1", "Проведение анализа результатов ВПР"],
      ["2", "Организация методических семинаров для учителей"],
      ["3", "Мониторинг реализации программ антирисковых мер"],
    ]);
    expect(items[0]!.section).toBe("План мероприятий по повышению качества образования на 2024 год");
    expect(items[0]!.deadline).toMatchObject({ kind: "date", due: "2024-04-30" });
    expect(names(items[0]!)).toEqual(["person:Петрова А.А."]);
    expect(items[1]!.deadline.kind).toBe("ongoing");
    expect(names(items[1]!)).toEqual(["role:Руководители ОО"]);
    // no deadline, no executor: both said
    expect(items[2]!.deadline.kind).toBe("none");
    expect(warnings.filter((w) => w.item === "3").map((w) => w.message)).toEqual(["у пункта 3 не указан срок", "у пункта 3 не указан исполнитель"]);
  });

  it("a number written twice gets a key of its own", () => {
    const { items, warnings } = run(["ПРИКАЗЫВАЮ:", "1. Провести совещание - постоянно.", "1. Провести семинар - постоянно."]);
    expect(items.map((i) => i.key)).toEqual(["1", "1а"]);
    expect(items[1]!.number).toBe("1");
    expect(warnings.some((w) => w.item === "1а" && /повторяется/.test(w.message))).toBe(true);
  });

  it("dates and dates-looking lines are not points", () => {
    const { items } = run(["14.06.2023", "№ 490", "ПРИКАЗЫВАЮ:", "1. Провести анализ ВПР - постоянно.", "1 в дело,", "13 экз. копий в ОО,"]);
    expect(items.map((i) => i.key)).toEqual(["1"]);
  });

  it("never throws and never invents items from shuffled fixture lines", () => {
    // a deterministic shuffle of real lines: whatever the order, the result is well-formed
    const lines = [...paragraphs("borovsk-2021-order.txt"), ...paragraphs("bodaibo-2023-order.txt")];
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let round = 0; round < 30; round++) {
      const sample = lines.filter(() => rand() < 0.5).sort(() => rand() - 0.5);
      const { items, warnings } = importProse(sample, ctx);
      const keys = items.map((i) => i.key);
      expect(new Set(keys).size).toBe(keys.length);
      for (const i of items) expect(i.title.length).toBeGreaterThan(0);
      for (const w of warnings) expect(w.message.length).toBeGreaterThan(0);
    }
    expect(importProse([], ctx)).toEqual({ items: [], warnings: [] });
  });

  it.each([
    ["Провести анализ – в срок до 15.06.2021 г.", "Провести анализ", "в срок до 15.06.2021 г."],
    ["программу развития школы на период от 3до 5 лет-в срок до 01.09 2021 г.;", "программу развития школы на период от 3до 5 лет", "в срок до 01.09 2021 г."],
    ["Разработать проект. Срок: 01.09.2023г.;", "Разработать проект", "Срок: 01.09.2023г."],
    ["Работа с семьями - постоянно .", "Работа с семьями", "постоянно"],
    ["Разработать программу в школе срок 01.09.2021.", "Разработать программу в школе", "срок 01.09.2021"],
    ["Реализовать меры - в течение года.", "Реализовать меры", "в течение года"],
    ["в срок до 01.09.2023г. обеспечить разработку плана", "обеспечить разработку плана", "в срок до 01.09.2023г."],
    ["использовать опыт, представленный в мае 2023г.", "использовать опыт, представленный в мае 2023г", null],
    ["учителей-предметников с целью обмена", "учителей-предметников с целью обмена", null],
    ["Провести мониторинг. Срок – до 1 сентября 2024 г.", "Провести мониторинг", "Срок – до 1 сентября 2024 г."],
    ["Провести мониторинг (срок – до 01.09.2024).", "Провести мониторинг", "срок – до 01.09.2024"],
    ["Провести мониторинг. Срок исполнения - ежеквартально.", "Провести мониторинг", "Срок исполнения - ежеквартально"],
  ])("splitDeadline(%s)", (text, title, phrase) => {
    expect(splitDeadline(text)).toEqual({ title, phrase });
  });
});
