import { describe, expect, it } from "vitest";
import { parseDeadline } from "../core/deadline/parse.ts";
import { importDocument } from "../core/import/index.ts";
import { importProse } from "../core/import/prose.ts";
import { findSchoolYear, schoolYearsIn } from "../core/import/school-year.ts";
import type { DeadlineContext, ImportResult, SourceDocument, TableCell } from "../core/types.ts";

// A plan «на 2025/2026 учебный год» dates its bare months (September–December 2025, January–August 2026) and its
// «в течение года» (1 September 2025 – 31 May 2026); a month with no year anywhere stays unknown.

const opts = { defaultTimezone: "Europe/Moscow" };
const cells = (...texts: string[]): TableCell[] => texts.map((text) => ({ text }));
const p = (text: string) => ({ type: "paragraph" as const, text });
const tableOf = (...rows: TableCell[][]) => ({ type: "table" as const, table: { rows, rowNumbers: rows.map((_, i) => i + 1) } });
const doc = (blocks: SourceDocument["blocks"], fileName = "plan.docx"): SourceDocument => ({ fileName, format: "docx", blocks });
const due = (r: ImportResult, key: string) => {
  const item = r.items.find((i) => i.key === key);
  if (!item) throw new Error(`no item ${key}`);
  return item.deadline;
};
const yearWarnings = (r: ImportResult) => r.warnings.filter((w) => /год/.test(w.message));

const HEADER = cells("№ п/п", "Мероприятие", "Сроки", "Ответственные");

describe("the school year of a plan", () => {
  it("a school's ГИА plan titled «на 2025/2026 учебный год»: months fall in the right calendar year", () => {
    const r = importDocument(
      doc([
        p("Утверждаю"),
        p("Директор МБОУ «СОШ № 2 с. Красное»"),
        p("Приказ от 29.08.2025 № 112-о"),
        p("План мероприятий по подготовке к государственной итоговой аттестации обучающихся 9 и 11 классов на 2025/2026 учебный год"),
        tableOf(
          HEADER,
          cells("1", "Анализ результатов ГИА-2025 на заседаниях методических объединений", "Сентябрь", "Руководители ШМО"),
          cells("2", "Проведение пробного итогового сочинения", "Ноябрь", "Заместитель директора по УВР"),
          cells("3", "Итоговое собеседование по русскому языку", "Февраль", "Заместитель директора по УВР"),
          cells("4", "Пробные экзамены по выбору", "Декабрь, март", "Учителя-предметники"),
          cells("5", "Родительские собрания по вопросам ГИА", "Октябрь – апрель", "Классные руководители"),
          cells("6", "Консультации для обучающихся", "В течение года", "Учителя-предметники"),
          cells("7", "Оформление информационного стенда «ГИА-2026»", "до 15.01", "Заместитель директора по УВР"),
          cells("8", "Анализ результатов ГИА-2026, отчёт на педсовете", "Август", "Заместитель директора по УВР"),
          cells("9", "Мониторинг посещаемости консультаций", "II полугодие", "Классные руководители"),
        ),
      ]),
      opts,
    );
    expect(r.roadmap.years).toEqual([2025, 2026]);
    expect(due(r, "1")).toMatchObject({ kind: "date", due: "2025-09-30" });
    expect(due(r, "2")).toMatchObject({ kind: "date", due: "2025-11-30" });
    expect(due(r, "3")).toMatchObject({ kind: "date", due: "2026-02-28" });
    expect(due(r, "4")).toMatchObject({ kind: "multi", checkpoints: ["2025-12-31", "2026-03-31"] });
    expect(due(r, "5")).toMatchObject({ kind: "window", start: "2025-10-01", due: "2026-04-30" });
    expect(due(r, "6")).toMatchObject({ kind: "ongoing", start: "2025-09-01", due: "2026-05-31" });
    expect(due(r, "7")).toMatchObject({ kind: "date", due: "2026-01-15" });
    expect(due(r, "8")).toMatchObject({ kind: "date", due: "2026-08-31" });
    expect(due(r, "9")).toMatchObject({ kind: "window", start: "2026-01-01", due: "2026-05-31" });
    // the year is known, not guessed: nothing to warn about
    expect(yearWarnings(r)).toEqual([]);
  });

  it("«2025-2026 уч. год» in the caption above the table", () => {
    const r = importDocument(
      doc([
        p("ОТДЕЛ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ВЕРХНЕКЕТСКОГО РАЙОНА"),
        p("ПРИКАЗ"),
        p("01.09.2025 № 301"),
        p("Об организации работы со школами с низкими образовательными результатами"),
        p("ПРИКАЗЫВАЮ:"),
        p("1. Утвердить план мероприятий (приложение)."),
        p("План мероприятий по повышению качества образования в ШНОР, 2025-2026 уч. год"),
        tableOf(
          HEADER,
          cells("1", "Самодиагностика школ по модели «500+»", "Октябрь", "Руководители ОО"),
          cells("2", "Семинар для управленческих команд", "Январь", "Отдел образования"),
          cells("3", "Методическое сопровождение ШНОР", "В течение учебного года", "РМК"),
        ),
      ]),
      opts,
    );
    expect(due(r, "1")).toMatchObject({ due: "2025-10-31" });
    expect(due(r, "2")).toMatchObject({ due: "2026-01-31" });
    expect(due(r, "3")).toMatchObject({ kind: "ongoing", start: "2025-09-01", due: "2026-05-31" });
    expect(yearWarnings(r)).toEqual([]);
  });

  it("«на 2025–2026 учебный год» in the order's text, and a title that names no year", () => {
    const r = importDocument(
      doc([
        p("КОМИТЕТ ПО ОБРАЗОВАНИЮ АДМИНИСТРАЦИИ ЗМЕИНОГОРСКОГО РАЙОНА"),
        p("ПРИКАЗ"),
        p("15.08.2025 № 88"),
        p("О мерах по подготовке к ВПР"),
        p("В целях повышения объективности оценочных процедур"),
        p("ПРИКАЗЫВАЮ:"),
        p("1. Утвердить план-график подготовки к всероссийским проверочным работам на 2025–2026 учебный год (приложение)."),
        p("План-график подготовки к ВПР"),
        tableOf(
          HEADER,
          cells("1", "Анализ результатов ВПР 2025 года", "Сентябрь – октябрь", "Руководители ОО"),
          cells("2", "Проведение ВПР", "Апрель – май", "Руководители ОО"),
          cells("3", "Консультирование учителей", "Постоянно", "ИМЦ"),
        ),
      ]),
      opts,
    );
    expect(r.roadmap.years).toEqual([2025, 2026]);
    expect(due(r, "1")).toMatchObject({ kind: "window", start: "2025-09-01", due: "2025-10-31" });
    expect(due(r, "2")).toMatchObject({ kind: "window", start: "2026-04-01", due: "2026-05-31" });
    expect(due(r, "3")).toMatchObject({ kind: "ongoing", start: "2025-09-01", due: "2026-05-31" });
  });

  it("a section row «2025/2026 учебный год» above the rows of a bare spreadsheet", () => {
    const r = importDocument(
      {
        fileName: "график.xlsx",
        format: "xlsx",
        blocks: [
          tableOf(
            cells("№", "Мероприятие", "Срок", "Ответственный"),
            cells("2025/2026 учебный год", "", "", ""),
            cells("1", "Входная диагностика по математике", "Сентябрь", "Учителя математики"),
            cells("2", "Промежуточная диагностика", "Март", "Учителя математики"),
          ),
        ],
      },
      opts,
    );
    expect(due(r, "1")).toMatchObject({ due: "2025-09-30" });
    expect(due(r, "2")).toMatchObject({ due: "2026-03-31" });
  });

  it("a plan for a school year as a prose order: «Срок: декабрь», «в течение года»", () => {
    const r = importDocument(
      doc([
        p("УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ГОРОДА ТАРЫ"),
        p("ПРИКАЗ"),
        p("02.09.2025 № 415"),
        p("Об организации работы по повышению функциональной грамотности на 2025/2026 учебный год"),
        p("ПРИКАЗЫВАЮ:"),
        p("1. Руководителям общеобразовательных организаций провести школьный этап диагностики функциональной грамотности. Срок: декабрь."),
        p("2. Методистам ИМЦ организовать сопровождение педагогов в течение года."),
        p("3. Руководителям ОО представить отчёт о результатах диагностики. Срок: до 20 февраля."),
        p("Начальник управления"),
        p("Е.В. Кравец"),
      ]),
      opts,
    );
    expect(due(r, "1")).toMatchObject({ kind: "date", due: "2025-12-31" });
    expect(due(r, "2")).toMatchObject({ kind: "ongoing", start: "2025-09-01", due: "2026-05-31" });
    expect(due(r, "3")).toMatchObject({ kind: "date", due: "2026-02-20" });
    expect(yearWarnings(r)).toEqual([]);
  });

  it("a prose block «в 2025/2026 учебном году:» dates the bare months of its sub-points; «в 2026 году:» its own", () => {
    const { items, warnings } = importProse(
      [
        "ПРИКАЗЫВАЮ:",
        "3. Руководителям ОО в 2025/2026 учебном году:",
        "3.1. организовать работу школьных методических объединений;",
        "3.2. провести пробные экзамены. Срок: март.",
        "3.3. провести педагогический совет по итогам I полугодия. Срок: декабрь.",
        "4. Управлению образования в 2026 году:",
        "4.1. провести муниципальный семинар. Срок: октябрь.",
      ].map((text, i) => ({ text, line: i + 1 })),
      { years: [2025, 2026], orderDate: "2025-09-01" },
    );
    const at = (key: string) => items.find((i) => i.key === key)!.deadline;
    expect(at("3.1")).toMatchObject({ kind: "window", start: "2025-09-01", due: "2026-05-31" });
    expect(at("3.2")).toMatchObject({ kind: "date", due: "2026-03-31" });
    expect(at("3.3")).toMatchObject({ kind: "date", due: "2025-12-31" });
    expect(at("4.1")).toMatchObject({ kind: "date", due: "2026-10-31" });
    expect(warnings.filter((w) => /год/.test(w.message))).toEqual([]);
  });

  it("a month with no year anywhere stays unknown with the warning it has always had", () => {
    const r = importDocument(
      doc([
        p("План работы методического объединения учителей начальных классов"),
        tableOf(HEADER, cells("1", "Заседание МО: анализ входных работ", "Октябрь", "Руководитель МО")),
      ]),
      opts,
    );
    expect(due(r, "1").kind).toBe("unknown");
    expect(r.warnings.map((w) => w.message)).toContain("в сроке «Октябрь» не указан год");
  });

  it("a school year looked back on («по итогам 2024/2025 учебного года») does not make a plan a school year's", () => {
    const r = importDocument(
      doc([
        p("ПРИКАЗ"),
        p("20.01.2025 № 12"),
        p("Об утверждении дорожной карты на 2025 год"),
        p("По итогам 2024/2025 учебного года и в целях повышения качества образования"),
        tableOf(HEADER, cells("1", "Совещание руководителей", "Март", "Отдел образования"), cells("2", "Мониторинг", "В течение года", "Отдел образования")),
      ]),
      opts,
    );
    expect(r.roadmap.years).toEqual([2025]);
    expect(due(r, "1")).toMatchObject({ due: "2025-03-31" });
    expect(due(r, "2")).toMatchObject({ kind: "ongoing", start: "2025-01-01", due: "2025-12-31" });
  });

  it("a programme over several years is not one school year's plan, whatever its order says", () => {
    const r = importDocument(
      doc([
        p("ПРИКАЗ"),
        p("10.09.2024 № 300"),
        p("Об утверждении программы повышения качества образования на 2024-2027 годы"),
        p("1. Утвердить программу и план мероприятий на 2024/2025 учебный год."),
        tableOf(HEADER, cells("1", "Мониторинг", "Постоянно", "Отдел образования")),
      ]),
      opts,
    );
    expect(r.roadmap.years).toEqual([2024, 2025, 2026, 2027]);
    expect(due(r, "1")).toMatchObject({ kind: "ongoing", start: "2024-01-01", due: "2027-12-31" });
  });

  it("`--year` wins over a school year that disagrees with it", () => {
    const blocks = [
      p("План работы на 2025/2026 учебный год"),
      tableOf(HEADER, cells("1", "Педсовет", "Март", "Директор")),
    ];
    expect(due(importDocument(doc(blocks), { ...opts, year: 2026 }), "1")).toMatchObject({ due: "2026-03-31" });
    expect(due(importDocument(doc(blocks), { ...opts, year: 2030 }), "1")).toMatchObject({ due: "2030-03-31" });
  });
});

describe("finding the school year in the text", () => {
  it.each([
    ["План работы на 2025/2026 учебный год", [{ year: 2025, forPlan: true }]],
    ["на 2025-2026 уч. год", [{ year: 2025, forPlan: true }]],
    ["на 2025–2026 учебный год", [{ year: 2025, forPlan: true }]],
    ["в 2025/26 учебном году", [{ year: 2025, forPlan: false }]],
    ["2025 - 2026 уч.г.", [{ year: 2025, forPlan: false }]],
    ["по итогам 2024/2025 учебного года", []],
    ["Анализ работы за 2024-2025 учебный год", []],
    ["на 2025-2027 годы", []],
    ["2025-2026 гг.", []],
    ["от 12.03.2025-2026 уч", []],
  ])("%s", (text, expected) => {
    expect(schoolYearsIn(text)).toEqual(expected);
  });

  it("the nearest source decides; several different school years decide nothing", () => {
    expect(findSchoolYear({ titles: ["План на 2025/2026 учебный год"], text: ["на 2024/2025 учебный год"], sectionRows: [] })).toBe(2025);
    expect(findSchoolYear({ titles: [null], text: ["в 2023-2024 учебном году"], sectionRows: [] })).toBeNull();
    expect(findSchoolYear({ titles: [], text: [], sectionRows: ["2025/2026 учебный год", "2026/2027 учебный год"] })).toBeNull();
  });
});

describe("parseDeadline in a school year's plan", () => {
  const school: DeadlineContext = { years: [2025, 2026], orderDate: "2025-08-29", schoolYear: 2025 };
  it.each([
    ["Сентябрь", "date", null, "2025-09-30"],
    ["декабрь", "date", null, "2025-12-31"],
    ["январь", "date", null, "2026-01-31"],
    ["август", "date", null, "2026-08-31"],
    ["сентябрь – май", "window", "2025-09-01", "2026-05-31"],
    ["ноябрь-февраль", "window", "2025-11-01", "2026-02-28"],
    ["I полугодие", "window", "2025-09-01", "2025-12-31"],
    ["II полугодие", "window", "2026-01-01", "2026-05-31"],
    ["III четверть", "window", "2026-01-01", "2026-03-31"],
    ["IV квартал", "window", "2025-10-01", "2025-12-31"],
    ["до конца года", "date", null, "2025-12-31"],
    ["ежегодно в мае", "date", null, "2026-05-31"],
    ["в течение года", "ongoing", "2025-09-01", "2026-05-31"],
    ["в течение учебного года", "ongoing", "2025-09-01", "2026-05-31"],
    ["постоянно", "ongoing", "2025-09-01", "2026-05-31"],
    ["март 2025", "date", null, "2025-03-31"],
  ] as const)("%s", (text, kind, start, dueDate) => {
    const r = parseDeadline(text, school);
    expect(r.schedule).toMatchObject({ kind, start, due: dueDate });
    expect(r.warnings.filter((w) => /не указан год/.test(w))).toEqual([]);
  });

  it("a stage's period dates its rows; a month outside it is said", () => {
    const stage: DeadlineContext = { years: [2025, 2026], schoolYear: 2025, sectionPeriod: { start: "2026-01-01", end: "2026-05-31" } };
    expect(parseDeadline("март", stage).schedule.due).toBe("2026-03-31");
    expect(parseDeadline("в течение этапа, постоянно", stage).schedule).toMatchObject({ kind: "ongoing", start: "2026-01-01", due: "2026-05-31" });
    const outside = parseDeadline("декабрь", stage);
    expect(outside.schedule.due).toBe("2025-12-31");
    expect(outside.warnings).toEqual(["в сроке «декабрь» не указан год, и срок вне периода раздела (1 января 2026 – 31 мая 2026): принят 2025"]);
  });

  it("a section's own year still comes first", () => {
    expect(parseDeadline("март", { schoolYear: 2025, sectionYear: 2027 }).schedule.due).toBe("2027-03-31");
  });

  it("bad context values are ignored, not trusted", () => {
    const bad = { schoolYear: Number.NaN, sectionPeriod: { start: "31.05.2026", end: "x" } } as unknown as DeadlineContext;
    expect(parseDeadline("март", bad).schedule.kind).toBe("unknown");
  });
});
