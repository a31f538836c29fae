import { describe, expect, it } from "vitest";
import { ImportError, importDocument } from "../core/import/index.ts";
import { letterMark, looksLikeAction, looksLikeDeadline, looksLikeEvidence, looksLikeParties, looksLikeResult, romanValue } from "../core/import/cells.ts";
import { readTextExport } from "../core/import/text-export.ts";
import { readDocument } from "../core/readers/detect.ts";
import type { ImportedItem, ImportResult } from "../core/types.ts";

// Plans of action of shapes the fixtures do not have, written as offices write them: a school's ГИА plan,
// a plan-graph without numbers, a regional roadmap in stages, header words never seen, no header at all,
// lettered sub-items, «Раздел 2.», a PDF-like table with split rows — and tables that are not roadmaps.

const opts = { defaultTimezone: "Europe/Moscow" };
const tab = (...rows: string[][]) => rows.map((r) => r.join("\t")).join("\n");
const text = (...lines: string[]) => lines.join("\n");
const run = (t: string, fileName = "plan.txt"): ImportResult => importDocument(readTextExport(fileName, t), opts);
const read = async (fileName: string, t: string): Promise<ImportResult> => importDocument(await readDocument(fileName, Buffer.from(t)), opts);
const deadline = (i: ImportedItem) => [i.deadline.kind, i.deadline.start, i.deadline.due];
const parties = (i: ImportedItem) => i.responsible.map((p) => `${p.kind}:${p.name}`);
const row = (r: ImportResult, key: string) => {
  const found = r.items.find((i) => i.key === key);
  if (!found) throw new Error(`no item ${key} among ${r.items.map((i) => i.key).join(", ")}`);
  return found;
};

describe("what a cell holds", () => {
  it("deadlines, parties, actions, results, evidence, numbers", () => {
    for (const t of ["Март 2024", "до 15.06.2023 г.", "В течение года (по заявкам)", "II квартал 2026", "1 раз в четверть", "Ежемесячно до 5 числа", "по мере необходимости"]) {
      expect(looksLikeDeadline(t), t).toBe(true);
    }
    for (const t of ["Анализ итогов 2022 года", "Руководители ОО", "По графику федерального оператора и региона, утверждённому министерством"]) {
      expect(looksLikeDeadline(t), t).toBe(false);
    }
    for (const t of ["Е.А. Полухина, главный специалист", "Руководители ОО, Управление образования (контроль)", "Минобразования НСО, НИМРО", "Отдел по работе с учреждениями образования", "Сидорова А.А. учителя-предметники"]) {
      expect(looksLikeParties(t), t).toBe(true);
    }
    for (const t of ["Проведение семинара для учителей", "Март 2024", "Аналитическая справка"]) expect(looksLikeParties(t), t).toBe(false);
    for (const t of ["Проведение мониторинга", "Анализ итогов", "Провести семинар", "Выездные совещания", "Информационно-методическая поддержка педагогов", "Проводим семинар"]) {
      expect(looksLikeAction(t), t).toBe(true);
    }
    for (const t of ["Аналитическая справка", "Руководители ОО", "Образовательные организации", "Март 2024"]) expect(looksLikeAction(t), t).toBe(false);
    expect(looksLikeResult("Проведена самодиагностика рисков")).toBe(true);
    expect(looksLikeResult("Обучено не менее 10 руководителей")).toBe(true);
    expect(looksLikeEvidence("Ссылка на сайт МКУ «Управление образованием»")).toBe(true);
    expect([romanValue("IV."), romanValue("XII"), romanValue("І"), romanValue("ИВ"), romanValue("")]).toEqual([4, 12, 1, null, null]);
    expect([letterMark("а)"), letterMark("б."), letterMark("(в)"), letterMark("ы)"), letterMark("1)")]).toEqual(["а", "б", "в", null, null]);
  });
});

describe("a school's ГИА plan: «Содержание работы | Сроки | Ответственные | Отметка о выполнении», Roman sections", () => {
  const r = run(
    text(
      "ПЛАН мероприятий по подготовке к государственной итоговой аттестации выпускников 9 и 11 классов в 2025/2026 учебном году",
      tab(
        ["№ п/п", "Содержание работы", "Сроки", "Ответственные", "Отметка о выполнении"],
        ["I. Нормативно-правовое и информационное обеспечение", "", "", "", ""],
        ["1.", "Изучение нормативных документов по организации ГИА-2026", "Сентябрь 2025", "Заместитель директора по УВР", ""],
        ["2.", "Формирование базы данных выпускников 9 и 11 классов", "до 15.11.2025", "Заместитель директора по УВР, классные руководители", "выполнено"],
        ["3.", "Оформление информационного стенда «Готовимся к ГИА»", "Октябрь 2025", "Сидорова А.А., заместитель директора", ""],
        ["II. Работа с педагогическими кадрами", "", "", "", ""],
        ["1.", "Проведение пробных экзаменов в формате ОГЭ и ЕГЭ", "Декабрь 2025, март 2026", "Учителя-предметники", "выполнено"],
        ["2.", "Анализ результатов ВПР и диагностических работ", "Октябрь 2025 – май 2026", "Руководители ШМО", ""],
        ["III. Работа с родителями", "", "", "", ""],
        ["1.", "Родительские собрания по вопросам подготовки к ГИА", "Ноябрь 2025, февраль 2026", "Классные руководители", ""],
      ),
    ),
  );

  it("numbering restarts in each Roman section: keys «I.1» … «III.1»", () => {
    expect(r.items.map((i) => [i.key, i.number, i.section?.slice(0, 5)])).toEqual([
      ["I.1", "1", "I. Но"],
      ["I.2", "2", "I. Но"],
      ["I.3", "3", "I. Но"],
      ["II.1", "1", "II. Р"],
      ["II.2", "2", "II. Р"],
      ["III.1", "1", "III. "],
    ]);
  });
  it("reads deadlines and parties, and leaves the «Отметка о выполнении» column out", () => {
    expect(deadline(row(r, "I.2"))).toEqual(["date", null, "2025-11-15"]);
    expect(deadline(row(r, "II.1"))).toEqual(["multi", "2025-12-01", "2026-03-31"]);
    expect(deadline(row(r, "II.2"))).toEqual(["window", "2025-10-01", "2026-05-31"]);
    expect(parties(row(r, "I.2"))).toEqual(["role:Заместитель директора по УВР", "role:Классные руководители"]);
    expect(parties(row(r, "I.3"))).toEqual(["person:Сидорова А.А."]);
    expect(r.items.every((i) => i.result === null && i.evidence === null)).toBe(true);
    expect(JSON.stringify(r.items)).not.toMatch(/выполнено/);
  });
});

describe("a school's plan-graph without a number column", () => {
  it("numbers the rows by position and reads every column by its cells", () => {
    const r = run(
      text(
        "План-график мероприятий МБОУ «СОШ № 2» по повышению качества образования на 2026 год",
        tab(
          ["Содержание работы", "Сроки", "Ответственные", "Отметка о выполнении"],
          ["Проведение педагогического совета «Качество образования: проблемы и перспективы»", "Январь 2026", "Директор Иванова М.П.", ""],
          ["Организация индивидуальных консультаций для обучающихся группы риска", "Еженедельно", "Учителя-предметники", ""],
          ["Посещение уроков с целью контроля объективности оценивания", "Февраль – апрель 2026", "Заместитель директора по УВР", "+"],
        ),
      ),
    );
    expect(r.items.map((i) => [i.key, i.number, deadline(i), parties(i)])).toEqual([
      ["1", null, ["date", null, "2026-01-31"], ["person:Иванова М.П."]],
      ["2", null, ["recurring", "2026-01-01", "2026-12-31"], ["role:Учителя-предметники"]],
      ["3", null, ["window", "2026-02-01", "2026-04-30"], ["role:Заместитель директора по УВР"]],
    ]);
  });
});

describe("a regional roadmap in stages: «II. Основной этап | январь – май 2026 г.»", () => {
  const r = run(
    text(
      "Дорожная карта реализации проекта адресной поддержки школ в Энской области",
      tab(
        ["№", "Наименование мероприятия", "Срок", "Ответственный исполнитель", "Ожидаемый результат"],
        ["I.", "Подготовительный этап", "сентябрь – декабрь 2025 г.", "", ""],
        ["1.", "Формирование перечня школ – участников проекта", "октябрь", "Министерство образования области", "Утверждён перечень школ"],
        ["2.", "Назначение кураторов школ", "", "ИРО", "Издан приказ о назначении кураторов"],
        ["II.", "Основной этап", "январь – май 2026 г.", "", ""],
        ["1.", "Разработка антирисковых программ", "март", "Руководители ОО", "Программы размещены на сайтах ОО"],
        ["2.", "Выездные консультации кураторов", "в течение этапа", "Кураторы ОО", "Проведено не менее 2 консультаций"],
        ["3.", "Мониторинг реализации программ", "", "ИРО", "Аналитическая справка"],
      ),
    ),
  );

  it("a stage row is a section, not an item; numbering restarts in each stage", () => {
    expect(r.items.map((i) => [i.key, i.section])).toEqual([
      ["I.1", "I. Подготовительный этап"],
      ["I.2", "I. Подготовительный этап"],
      ["II.1", "II. Основной этап"],
      ["II.2", "II. Основной этап"],
      ["II.3", "II. Основной этап"],
    ]);
  });
  it("the stage's period is the context of its rows: the year of a bare month, «в течение этапа», an empty deadline", () => {
    expect(deadline(row(r, "I.1"))).toEqual(["date", null, "2025-10-31"]);
    expect(deadline(row(r, "II.1"))).toEqual(["date", null, "2026-03-31"]);
    expect(deadline(row(r, "II.2"))).toEqual(["ongoing", "2026-01-01", "2026-05-31"]);
    expect(row(r, "II.3")).toMatchObject({ flags: ["inherited:deadline"], deadline: { kind: "window", start: "2026-01-01", due: "2026-05-31" } });
    expect(r.warnings.some((w) => w.item === "II.3" && /период раздела/.test(w.message))).toBe(true);
    expect(r.warnings.filter((w) => w.item === "I.1" && /не указан год/.test(w.message))).toEqual([]);
  });
  it("a stage over two years puts each bare month in the year inside the stage", () => {
    const two = run(
      text(
        "Дорожная карта",
        tab(
          ["№", "Наименование мероприятия", "Срок", "Ответственный исполнитель"],
          ["I этап (сентябрь 2025 – май 2026)", "", "", ""],
          ["1", "Диагностика профессиональных дефицитов педагогов", "ноябрь", "ИРО"],
          ["2", "Курсы повышения квалификации", "март", "ИРО"],
        ),
      ),
    );
    expect(two.items.map((i) => [i.key, deadline(i)])).toEqual([
      ["1", ["date", null, "2025-11-30"]],
      ["2", ["date", null, "2026-03-31"]],
    ]);
  });
});

describe("header words never seen, or no header at all", () => {
  const rows = [
    ["1", "Проведение совещания с руководителями ОО по итогам ВПР", "Январь 2026", "Начальник отдела образования Петрова Н.В."],
    ["2", "Организация обучения учителей математики на курсах повышения квалификации", "Февраль-март 2026", "МКУ «ИМЦ»"],
    ["3", "Анализ результатов пробного ОГЭ", "Апрель 2026", "Методисты МКУ «ИМЦ»"],
  ];
  const expected = [
    ["1", ["date", null, "2026-01-31"], ["person:Петрова Н.В."]],
    ["2", ["window", "2026-02-01", "2026-03-31"], ["organization:МКУ «ИМЦ»"]],
    ["3", ["date", null, "2026-04-30"], ["organization:МКУ «ИМЦ»"]],
  ];
  for (const [what, header] of [
    ["«Графа 1 … Графа 4»", [["Графа 1", "Графа 2", "Графа 3", "Графа 4"]]],
    ["nonsense words", [["Кукуруза", "Ыщзх", "abc", "—"]]],
    ["no header row", []],
  ] as const) {
    it(`${what}: the table is still a roadmap, its columns found by their cells`, () => {
      const r = run(text("План работы на 2026 год", tab(...header.map((h) => [...h]), ...rows)));
      expect(r.items.map((i) => [i.key, deadline(i), parties(i)])).toEqual(expected);
      expect(r.items[2]!.title).toBe("Анализ результатов пробного ОГЭ");
    });
  }
  it("a school's events, named not by verbs («Неделя математики», «Педагогический совет»), with no number and no header", () => {
    const r = run(
      text(
        "План работы школы на 2026 год",
        tab(
          ["Педагогический совет «Итоги полугодия»", "январь 2026", "директор школы"],
          ["Неделя математики", "февраль 2026", "учителя математики"],
          ["Родительское собрание для выпускников 9 классов", "март 2026", "классные руководители"],
        ),
      ),
    );
    expect(r.items.map((i) => [i.key, i.title, deadline(i)[2], parties(i)])).toEqual([
      ["1", "Педагогический совет «Итоги полугодия»", "2026-01-31", ["role:Директор школы"]],
      ["2", "Неделя математики", "2026-02-28", ["role:Учителя математики"]],
      ["3", "Родительское собрание для выпускников 9 классов", "2026-03-31", ["role:Классные руководители"]],
    ]);
  });
  it("two columns of dates side by side, headed by nothing known: the deadline runs from one to the other", () => {
    const r = run(
      text(
        "План на 2026 год",
        tab(
          ["Ф1", "Ф2", "Ф3", "Ф4", "Ф5"],
          ["1", "Анализ результатов ВПР", "01.04.2026", "30.05.2026", "ИМЦ"],
          ["2", "Совещание с руководителями ОО", "01.06.2026", "15.06.2026", "Отдел образования"],
          ["3", "Курсы повышения квалификации для учителей", "01.09.2026", "30.11.2026", "ИРО"],
        ),
      ),
    );
    expect(r.items.map(deadline)).toEqual([
      ["window", "2026-04-01", "2026-05-30"],
      ["window", "2026-06-01", "2026-06-15"],
      ["window", "2026-09-01", "2026-11-30"],
    ]);
  });
  it("«Что делаем | Когда | Кто отвечает | Что получится»: the last is the result", () => {
    const r = run(
      text(
        "План на 2026 год",
        tab(
          ["#", "Что делаем", "Когда", "Кто отвечает", "Что получится"],
          ["1", "Проводим семинар для заместителей директоров", "март 2026", "Иванова И.И.", "Проведён семинар, не менее 20 участников"],
          ["2", "Готовим аналитическую справку по итогам ВПР", "май 2026", "Петров П.П., методист", "Справка направлена в ОО"],
        ),
      ),
    );
    expect(r.items.map((i) => [i.key, i.title, deadline(i)[2], parties(i), i.result])).toEqual([
      ["1", "Проводим семинар для заместителей директоров", "2026-03-31", ["person:Иванова И.И."], "Проведён семинар, не менее 20 участников"],
      ["2", "Готовим аналитическую справку по итогам ВПР", "2026-05-31", ["person:Петров П.П."], "Справка направлена в ОО"],
    ]);
  });
  it("a known header with one column of unknown words: that column is read by its cells", () => {
    const r = run(
      text(
        "План на 2026 год",
        tab(
          ["№", "Мероприятие", "Срок", "Кого назначить"],
          ["1", "Семинар для учителей", "Март 2026", "Руководители ОО"],
          ["2", "Отчёт о работе", "Май 2026", "Отдел образования"],
        ),
      ),
    );
    expect(r.items.map(parties)).toEqual([["role:Руководители ОО"], ["organization:Отдел образования"]]);
  });
});

describe("lettered sub-items and «Раздел 2.»", () => {
  it("«а)», «б)» in the number column or opening the action are sub-items keyed under their parent", () => {
    const r = run(
      text(
        "План мероприятий на 2026 год",
        tab(
          ["№", "Мероприятие", "Срок", "Ответственный"],
          ["1.", "Совещание директоров", "Январь 2026", "Отдел образования"],
          ["2.", "Проведение мониторинга качества подготовки обучающихся:", "", ""],
          ["а)", "ВПР в 4–8 классах", "Апрель 2026", "Руководители ОО"],
          ["б)", "региональные диагностические работы", "Октябрь 2026", "Руководители ОО"],
          ["3.", "Подведение итогов года", "Декабрь 2026", "Отдел образования"],
          ["", "а) совещание по итогам года", "Декабрь 2026", "Отдел образования"],
        ),
      ),
    );
    expect(r.items.map((i) => [i.key, i.number, i.title, deadline(i)[2]])).toEqual([
      ["1", "1", "Совещание директоров", "2026-01-31"],
      ["2а", "2а", "Проведение мониторинга качества подготовки обучающихся: ВПР в 4–8 классах", "2026-04-30"],
      ["2б", "2б", "Проведение мониторинга качества подготовки обучающихся: региональные диагностические работы", "2026-10-31"],
      ["3", "3", "Подведение итогов года", "2026-12-31"],
      ["3а", "3а", "совещание по итогам года", "2026-12-31"],
    ]);
    expect(r.items.every((i) => i.flags.length === 0)).toBe(true);
    expect(r.warnings.filter((w) => w.item !== null)).toEqual([]);
  });
  it("«Раздел 1.», «Раздел 2.» with numbering restarting: keys «1.1», «2.1»", () => {
    const r = run(
      text(
        "План мероприятий на 2026 год",
        tab(
          ["№", "Мероприятие", "Срок", "Ответственный"],
          ["Раздел 1. Организационные мероприятия", "", "", ""],
          ["1.", "Совещание директоров", "Январь 2026", "Отдел образования"],
          ["2.", "Приказ о назначении кураторов", "Февраль 2026", "Отдел образования"],
          ["Раздел 2. Методическое сопровождение", "", "", ""],
          ["1.", "Семинар для учителей математики", "Март 2026", "ИМЦ"],
        ),
      ),
    );
    expect(r.items.map((i) => [i.key, i.section])).toEqual([
      ["1.1", "Раздел 1. Организационные мероприятия"],
      ["1.2", "Раздел 1. Организационные мероприятия"],
      ["2.1", "Раздел 2. Методическое сопровождение"],
    ]);
  });
});

describe("messy tables, as a PDF reader gives them", () => {
  it("an extra empty column and rows cut in two are read as the items they are", () => {
    const r = run(
      text(
        "План мероприятий на 2026 год",
        tab(
          ["№", "Мероприятие", "", "Срок", "Ответственный"],
          ["1.", "Проведение совещания с руководителями", "", "Январь 2026", "Отдел"],
          ["", "ОО по итогам ВПР", "", "", "образования"],
          ["2.", "Организация курсов повышения", "", "Февраль-март", "МКУ «ИМЦ»"],
          ["", "квалификации для учителей", "", "2026", ""],
        ),
      ),
    );
    expect(r.items.map((i) => [i.key, i.title, deadline(i), parties(i)])).toEqual([
      ["1", "Проведение совещания с руководителями ОО по итогам ВПР", ["date", null, "2026-01-31"], ["organization:Отдел образования"]],
      ["2", "Организация курсов повышения квалификации для учителей", ["window", "2026-02-01", "2026-03-31"], ["organization:МКУ «ИМЦ»"]],
    ]);
  });
});

describe("messy tables: repeated headers, page numbers, numbers typed into the action cell", () => {
  it("an unknown header repeated on a new page and a page number between the rows are passed over", () => {
    const header = ["Графа 1", "Графа 2", "Графа 3", "Графа 4"];
    const r = run(
      text(
        "План мероприятий на 2026 год",
        tab(
          header,
          ["1.", "Совещание руководителей ОО", "Январь 2026", "Отдел образования"],
          ["", "", "- 2 -", ""],
          header,
          ["2.", "Семинар для учителей математики", "Март 2026", "ИМЦ"],
          ["3.", "Анализ результатов ВПР", "Июнь 2026", "ИМЦ"],
        ),
      ),
    );
    expect(r.items.map((i) => [i.key, i.title, i.deadline.text])).toEqual([
      ["1", "Совещание руководителей ОО", "Январь 2026"],
      ["2", "Семинар для учителей математики", "Март 2026"],
      ["3", "Анализ результатов ВПР", "Июнь 2026"],
    ]);
    expect(r.warnings.filter((w) => w.item !== null)).toEqual([]);
  });
  it("«3. Семинар …» typed into the action cell, without a number column: 3 is the item's number", () => {
    const r = run(
      text(
        "План мероприятий на 2026 год",
        tab(
          ["Мероприятие", "Срок", "Ответственный"],
          ["1. Совещание руководителей ОО", "Январь 2026", "Отдел образования"],
          ["2. Семинар для учителей математики", "Март 2026", "ИМЦ"],
          ["3. Анализ результатов ВПР", "Июнь 2026", "ИМЦ"],
        ),
      ),
    );
    expect(r.items.map((i) => [i.key, i.number, i.title])).toEqual([
      ["1", "1", "Совещание руководителей ОО"],
      ["2", "2", "Семинар для учителей математики"],
      ["3", "3", "Анализ результатов ВПР"],
    ]);
  });
});

describe("tables that are not roadmaps stay out", () => {
  const order = [
    "ПРИКАЗ",
    "от 01.09.2025 № 12",
    "Об организации работы",
    "ПРИКАЗЫВАЮ:",
    "1. Руководителям ОО провести анализ результатов ВПР в срок до 15.10.2025.",
    "2. Методистам ИМЦ организовать семинар для учителей математики в срок до 01.12.2025.",
    "3. Контроль за исполнением приказа оставляю за собой.",
  ];
  const tables: Record<string, string[][]> = {
    "a list of schools": [
      ["№ п/п", "Наименование ОО", "Адрес", "ФИО руководителя", "Телефон"],
      ["1", "МБОУ «СОШ № 1»", "г. Энск, ул. Ленина, 5", "Иванова Мария Петровна", "8 (123) 45-67-89"],
      ["2", "МКОУ «ООШ с. Берёзовка»", "с. Берёзовка, ул. Школьная, 1", "Петров П.П.", "8 (123) 45-11-22"],
      ["3", "МБОУ «Гимназия № 2»", "г. Энск, пр. Мира, 10", "Сидорова А.А.", "8 (123) 45-33-44"],
    ],
    "curators of schools": [
      ["№", "Школа", "Куратор", "Должность"],
      ["1", "МБОУ СОШ № 1", "Иванова М.П.", "методист ИМЦ"],
      ["2", "МКОУ ООШ с. Берёзовка", "Петров П.П.", "заместитель директора МБОУ «Гимназия № 2»"],
      ["3", "МБОУ СОШ № 5", "Сидорова А.А.", "главный специалист управления образования"],
    ],
    "a signature block": [
      ["Начальник управления образования", "", "О.В. Губанищева"],
      ["Исполнитель: Полухина Е.А., тел. 2-22-33", "", ""],
    ],
    "an abbreviation list": [
      ["МОУО", "органы управления образованием муниципальных районов"],
      ["НИМРО", "государственное казённое учреждение «Новосибирский институт мониторинга и развития образования»"],
      ["ОО", "общеобразовательная организация"],
      ["ШНОР", "школы с низкими образовательными результатами"],
    ],
    "a table of target indicators": [
      ["№", "Наименование показателя", "2024 год", "2025 год", "2026 год"],
      ["1", "Доля школ с низкими результатами обучения, %", "12", "10", "8"],
      ["2", "Доля обучающихся, не преодолевших минимальный порог ОГЭ, %", "5", "4", "3"],
      ["3", "Количество педагогов, прошедших курсы, чел.", "20", "25", "30"],
    ],
    "a seminar's programme": [
      ["Время", "Тема выступления", "Выступающий"],
      ["10:00", "Открытие семинара", "Иванова М.П., начальник управления"],
      ["10:15", "Анализ результатов ВПР 2025 года", "Петров П.П., методист"],
      ["11:00", "Обсуждение", "Участники семинара"],
    ],
  };
  for (const [what, rows] of Object.entries(tables)) {
    it(`${what}: the order's own points are the items`, () => {
      const r = run(text(...order, tab(...rows)));
      expect(r.items.map((i) => i.title)).toEqual([
        "Провести анализ результатов ВПР",
        "Организовать семинар для учителей математики",
      ]);
    });
    it(`${what} alone: no roadmap found`, () => {
      expect(() => run(text("Приложение", tab(...rows)))).toThrow(ImportError);
    });
  }
});

describe("pasted and published text forms", () => {
  it("a Markdown table with alignment marks, escaped pipes, <br> in cells, without the outer pipes", () => {
    const r = run(
      text(
        "# План мероприятий на 2026 год",
        "",
        "№ | Мероприятие | Срок | Ответственный",
        ":-- | :---------- | :--: | ---:",
        "1. | Семинар «Оценка \\| анализ»<br>для учителей | Март 2026 | **ИМЦ**",
        "2. | Совещание директоров | Май 2026 | Отдел образования",
      ),
      "plan.md",
    );
    expect(r.items.map((i) => [i.key, i.title, i.deadline.due, parties(i)])).toEqual([
      ["1", "Семинар «Оценка | анализ»\nдля учителей", "2026-03-31", ["organization:ИМЦ"]],
      ["2", "Совещание директоров", "2026-05-31", ["organization:Отдел образования"]],
    ]);
  });

  it("cells copied from Excel: a cell with line breaks comes in quotes over several lines", () => {
    const r = run(
      text(
        "План мероприятий на 2026 год",
        "№\tМероприятие\tСрок\tОтветственный",
        '1\t"Анализ результатов ВПР\nпо математике и ""русскому языку"""\tМай 2026\t"Руководители ОО,\nИМЦ"',
        '2\t"Точка роста" в школах района\tИюнь 2026\tОтдел образования',
      ),
    );
    expect(r.items.map((i) => [i.key, i.title, i.deadline.due, parties(i)])).toEqual([
      ["1", "Анализ результатов ВПР\nпо математике и \"русскому языку\"", "2026-05-31", ["role:Руководители ОО", "organization:ИМЦ"]],
      ["2", "\"Точка роста\" в школах района", "2026-06-30", ["organization:Отдел образования"]],
    ]);
  });

  it("cells each on a line of their own without blank lines between rows: rows found from the numbers", () => {
    const cells = [
      ["№", "Мероприятие", "Срок", "Ответственный"],
      ["1", "Семинар для учителей", "Март 2026", "ИМЦ"],
      ["2", "Совещание директоров", "Май 2026", "Отдел образования"],
      ["3", "Анализ результатов ВПР", "Июнь 2026", "ИМЦ"],
    ].flatMap((r) => r.map((c) => `${c} |`));
    const r = run(text("План на 2026 год", ...cells));
    expect(r.items.map((i) => [i.key, i.title, i.deadline.due])).toEqual([
      ["1", "Семинар для учителей", "2026-03-31"],
      ["2", "Совещание директоров", "2026-05-31"],
      ["3", "Анализ результатов ВПР", "2026-06-30"],
    ]);
  });

  it("a table flattened onto one line, with a section row and empty cells", () => {
    const line = [
      ["№", "Мероприятие", "Срок", "Ответственный"],
      ["Организационные меры", "", "", ""],
      ["1.", "Приказ о кураторах", "Январь 2026", "Отдел образования"],
      ["2.", "Совещание директоров", "", "Отдел образования"],
      ["Методические меры", "", "", ""],
      ["3.", "Семинар для учителей", "Март 2026", "ИМЦ"],
    ]
      .flat()
      .join(" | ");
    const r = run(text("План мероприятий на 2026 год", line));
    expect(r.items.map((i) => [i.key, i.section, i.title, i.deadline.due])).toEqual([
      ["1", "Организационные меры", "Приказ о кураторах", "2026-01-31"],
      ["2", "Организационные меры", "Совещание директоров", "2026-01-31"],
      ["3", "Методические меры", "Семинар для учителей", "2026-03-31"],
    ]);
  });

  it("an order copied from a legal-information site: rowspan and colspan, entities, a layout table around it", async () => {
    const html = `<!DOCTYPE html><html><head><title>Приказ № 45</title><style>td{border:1px}</style></head><body>
<table width="100%"><tr><td>
<p align="center"><b>УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ЭНСКОГО РАЙОНА</b></p>
<p align="center">ПРИКАЗ</p>
<p>от 15.01.2026 № 45</p>
<p><b>Об утверждении плана мероприятий<br>по повышению качества образования на 2026 год</b></p>
<p>ПРИКАЗЫВАЮ:</p>
<p>1. Утвердить план мероприятий (приложение).
<p>2. Контроль за исполнением приказа оставляю за собой.
<p align="right">Приложение к приказу от 15.01.2026 № 45</p>
<table border="1" cellpadding="2">
<thead><tr><th>N п/п<th>Вид деятельности<th>Период<th>Кто отвечает</tr></thead>
<tbody>
<tr><td colspan="4">1. Организационная работа</td></tr>
<tr><td>1.1<td>Совещание руководителей&nbsp;ОО &laquo;Итоги ВПР&raquo;<td rowspan="2">Январь&nbsp;&ndash; февраль 2026<td>Отдел образования</tr>
<tr><td>1.2<td>Назначение кураторов<br>ШНОР<td>Отдел образования</tr>
<tr><td colspan="4">2. Методическая работа</td></tr>
<tr><td>2.1<td>Семинар для учителей математики<td>Март 2026<td>ИМЦ, руководители ОО</tr>
</tbody></table>
</td></tr></table></body></html>`;
    const r = await read("prikaz-45.html", html);
    expect(r.roadmap).toMatchObject({ orderNumber: "45", orderDate: "2026-01-15", years: [2026] });
    expect(r.roadmap.title).toMatch(/^Об утверждении плана мероприятий по повышению качества образования на 2026 год$/);
    expect(r.items.map((i) => [i.key, i.section, i.title, deadline(i), parties(i), i.flags])).toEqual([
      ["1.1", "1. Организационная работа", "Совещание руководителей ОО «Итоги ВПР»", ["window", "2026-01-01", "2026-02-28"], ["organization:Отдел образования"], []],
      ["1.2", "1. Организационная работа", "Назначение кураторов\nШНОР", ["window", "2026-01-01", "2026-02-28"], ["organization:Отдел образования"], ["inherited:deadline"]],
      ["2.1", "2. Методическая работа", "Семинар для учителей математики", ["date", null, "2026-03-31"], ["organization:ИМЦ", "role:Руководители ОО"], []],
    ]);
    // the merge was in the page itself: no warning for the inherited deadline
    expect(r.warnings.filter((w) => w.item === "1.2")).toEqual([]);
  });

  it("HTML pasted into a .txt file, and a page without a table whose order has points", async () => {
    const pasted = await read(
      "pasted.txt",
      `<table><tr><td>№</td><td>Мероприятие</td><td>Срок</td><td>Ответственный</td></tr>
<tr><td>1</td><td>Семинар для учителей</td><td>Март 2026</td><td>ИМЦ</td></tr>
<tr><td>2</td><td>Совещание директоров</td><td>Май 2026</td><td>Отдел образования</td></tr></table>`,
    );
    expect(pasted.items.map((i) => [i.key, i.deadline.due])).toEqual([
      ["1", "2026-03-31"],
      ["2", "2026-05-31"],
    ]);
    const prose = await read(
      "order.htm",
      "<html><body><p>ПРИКАЗ</p><p>от 01.09.2025 № 12</p><p>ПРИКАЗЫВАЮ:</p><p>1. Руководителям ОО провести анализ результатов ВПР в срок до 15.10.2025.</p></body></html>",
    );
    expect(prose.items.map((i) => [i.title, i.deadline.due])).toEqual([["Провести анализ результатов ВПР", "2025-10-15"]]);
  });
});
