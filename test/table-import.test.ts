import { describe, expect, it } from "vitest";
import { cleanCell, cleanParagraph, decodeEntities } from "../core/import/markup.ts";
import { readTextExport } from "../core/import/text-export.ts";
import { findHeader, matchHeader } from "../core/import/table.ts";
import { assignKeys, itemNumber } from "../core/import/keys.ts";
import { dateIn, yearsIn } from "../core/import/metadata.ts";
import { guessRegion, REGIONS } from "../core/import/regions.ts";
import { ImportError, importDocument } from "../core/import/index.ts";
import type { SourceDocument, SourceTable, TableCell } from "../core/types.ts";

const opts = { defaultTimezone: "Europe/Moscow" };
const row = (...cells: string[]) => cells.join("\t");
const text = (...lines: string[]) => lines.join("\n");
const cells = (...texts: string[]): TableCell[] => texts.map((t) => ({ text: t }));
const doc = (blocks: SourceDocument["blocks"]): SourceDocument => ({ fileName: "t.docx", format: "docx", blocks });
const table = (rows: TableCell[][]): SourceTable => ({ rows, rowNumbers: rows.map((_, i) => i + 1) });

const HEAD = ["Приказ", "31.03.2023", "№ 7", "Об утверждении дорожной карты на 2023 год"];
const HEADER = row("№", "Наименование мероприятия", "Результат", "Срок", "Ответственный исполнитель");

describe("markup", () => {
  it("turns HTML paragraphs, <br> and lists into lines, decoding entities", () => {
    expect(cleanCell("<p>Первый&nbsp;абзац</p> <p>Второй<br>строка</p>")).toBe("Первый абзац\nВторой\nстрока");
    expect(cleanCell('<ul style="x"> <li>-создание условий;</li> <li>развитие &laquo;кадров&raquo;</li></ul>')).toBe(
      "- создание условий;\n- развитие «кадров»",
    );
    expect(decodeEntities("&#171;А&#xBB; &amp; &unknown;")).toBe("«А» & &unknown;");
  });
  it("strips Markdown marks, escapes and links, and collapses spaces", () => {
    expect(cleanParagraph("**П Р И К А З Ы В А Ю:**")).toBe("П Р И К А З Ы В А Ю:");
    expect(cleanParagraph("### **Заголовок**")).toBe("Заголовок");
    expect(cleanParagraph("план ([http://a.ru/x\\_y.pdf](http://a.ru/x_y.pdf))")).toBe("план (http://a.ru/x_y.pdf)");
    // escaped twice, as in the Bodaibo export
    expect(cleanParagraph("([http://a.ru/x\\\\_y.pdf](http://a.ru/x_y.pdf))")).toBe("(http://a.ru/x_y.pdf)");
    expect(cleanParagraph("см. [сайт](http://a.ru)   и  <https://b.ru/1>")).toBe("см. сайт (http://a.ru) и https://b.ru/1");
  });
});

describe("readTextExport", () => {
  it("groups table lines across page-break blank lines and keeps each row's line number", () => {
    const d = readTextExport("x.txt", text("Заголовок", "", row("а", "б"), "", row("в", "г", "д"), "Текст после", row("е", "ж")));
    expect(d.format).toBe("txt");
    expect(d.blocks.map((b) => b.type)).toEqual(["paragraph", "table", "paragraph", "table"]);
    const t = d.blocks[1]!;
    if (t.type !== "table") throw new Error("table expected");
    expect(t.table.rowNumbers).toEqual([3, 5]);
    expect(t.table.rows.map((r) => r.map((c) => c.text))).toEqual([
      ["а", "б", ""],
      ["в", "г", "д"],
    ]);
    expect(d.blocks[2]).toEqual({ type: "paragraph", text: "Текст после", line: 6 });
  });
  it("joins a bold heading written over several lines into one paragraph", () => {
    const d = readTextExport("x.txt", text("**План мероприятий", "по сопровождению школ**", "Следующий"));
    expect(d.blocks).toEqual([
      { type: "paragraph", text: "План мероприятий по сопровождению школ", line: 1 },
      { type: "paragraph", text: "Следующий", line: 3 },
    ]);
  });
});

describe("header detection", () => {
  it("recognises column synonyms and prefixes in any order", () => {
    expect(
      matchHeader(["№ п/п", "Описание мероприятий", "Сроки реализации", "Ответственные исполнители", "Планируемые результаты", "Информационное сопровождение"]),
    ).toEqual({ number: 0, title: 1, deadline: 2, responsible: 3, result: 4, evidence: 5 });
    expect(matchHeader(["№ п/п", "Период реализации отдельного действия", "Наименование мероприятия", "Исполнители"])).toEqual({
      number: 0,
      deadline: 1,
      title: 2,
      responsible: 3,
    });
    expect(matchHeader(["№№", "Содержание работы", "Планируемый срок", "Ответственные за исполнение", "Форма отчетности"])).toEqual({
      number: 0,
      title: 1,
      deadline: 2,
      responsible: 3,
      evidence: 4,
    });
    expect(matchHeader(["Форма подтверждения", "Мероприятие", "Ожидаемый результат", "Срок"])).toEqual({
      evidence: 0,
      title: 1,
      result: 2,
      deadline: 3,
    });
  });
  it("passes over passport and «Актуальность / Цель / Задачи» rows", () => {
    const t = table([
      cells("Наименование программы", "Муниципальная программа поддержки школ"),
      cells("Срок действия программы", "2020 - 2022 гг."),
      cells("", "Актуальность", "В округе имеются школы"),
      cells("", "Ожидаемые результаты", "-рост мотивации"),
      cells("№", "Мероприятие", "Срок", "Ответственный"),
    ]);
    expect(findHeader(t)).toEqual({ row: 4, span: 1, columns: { number: 0, title: 1, deadline: 2, responsible: 3 } });
  });
  it("does not glue a passport row onto the header below it", () => {
    const t = table([cells("Цель", "Повышение качества", "", ""), cells("№", "Мероприятие", "Срок", "Ответственный"), cells("1", "Анализ", "Май", "ОО")]);
    expect(findHeader(t)).toEqual({ row: 1, span: 1, columns: { number: 0, title: 1, deadline: 2, responsible: 3 } });
    const u = table([cells("Ожидаемый результат", "", "", ""), cells("№", "Наименование мероприятия", "Сроки", "Исполнители"), cells("1", "Анализ", "Май", "ОО")]);
    expect(findHeader(u)?.row).toBe(1);
  });
  it("reads a header split over two rows", () => {
    const t = table([cells("№", "Наименование", "Срок", ""), cells("п/п", "мероприятия", "исполнения", "Ответственный"), cells("1", "Анализ", "Май 2023", "ОО")]);
    expect(findHeader(t)).toEqual({ row: 0, span: 2, columns: { number: 0, title: 1, deadline: 2, responsible: 3 } });
  });
});

describe("a deadline in «начало | окончание» sub-columns", () => {
  it("reads the sub-header as part of the header and the two cells as one range", () => {
    const header = cells("№", "Мероприятие", "Срок", "", "Ответственный");
    const sub = cells("", "", "начало", "окончание", "");
    const t = table([
      header,
      sub,
      cells("1", "2", "3", "4", "5"),
      cells("1", "Анализ", "01.03.2024", "31.05.2024", "МОУО"),
      header, // repeated on the next page with its sub-header
      sub,
      cells("2", "Отчёт", "", "20.12.2024", "ОО"),
    ]);
    expect(findHeader(t)).toEqual({ row: 0, span: 2, columns: { number: 0, title: 1, deadline: 2, deadlineTo: 3, responsible: 4 } });
    const d = doc([{ type: "table", table: t }]);
    const r = importDocument(d, opts);
    expect(r.items.map((i) => [i.key, i.deadline.text, i.deadline.kind, i.deadline.start, i.deadline.due])).toEqual([
      ["1", "01.03.2024 – 31.05.2024", "window", "2024-03-01", "2024-05-31"],
      ["2", "20.12.2024", "date", null, "2024-12-20"],
    ]);
  });
});

describe("keys", () => {
  it("keeps unique numbers, prefixes repeating ones with the section marker, letters unnumbered rows", () => {
    expect(itemNumber("17.")).toBe("17");
    expect(itemNumber("1.2.")).toBe("1.2");
    expect(itemNumber("Итого")).toBeNull();
    expect(
      assignKeys([
        { number: "1", sectionMarker: null },
        { number: "9", sectionMarker: null },
        { number: null, sectionMarker: null },
        { number: null, sectionMarker: null },
        { number: "10", sectionMarker: null },
      ]),
    ).toEqual(["1", "9", "9а", "9б", "10"]);
    expect(
      assignKeys([
        { number: "1", sectionMarker: "2020" },
        { number: "2", sectionMarker: "2020" },
        { number: "1", sectionMarker: "2021" },
        { number: null, sectionMarker: "2021" },
      ]),
    ).toEqual(["2020.1", "2020.2", "2021.1", "2021.1а"]);
  });
});

describe("table rows → items", () => {
  it("reads sections, skips column-number rows, merges page-break continuations and inherits merged cells", () => {
    const d = readTextExport(
      "t.txt",
      text(
        ...HEAD,
        "План мероприятий на 2023 год",
        HEADER,
        row("1", "2", "3", "4", "5"),
        row("1.", "<p>Анализ итогов</p>", "Справка", "Февраль-март 2023", "Е.А. Полухина, главный специалист"),
        row("2.", "Анализ ВПР", "", "Июль 2023", ""),
        "",
        row("", "по всем предметам", "", "", ""),
        row("Мониторинг школ", "", "", "", ""),
        row("3.", "Аудит программ", "Рекомендации", "Еженедельно в", "Руководители ОО"),
        "",
        row("", "", "", "течение года", ""),
        row("4.", "Аудит отчётов", "", "", "Руководители ОО"),
        row("", "Обмен опытом директоров", "Проведено 2 мероприятия", "Апрель 2023", "МОУО"),
      ),
    );
    const r = importDocument(d, opts);
    expect(r.items.map((i) => i.key)).toEqual(["1", "2", "3", "4", "4а"]);
    const [one, two, three, four, extra] = r.items;
    expect(one!.section).toBeNull();
    expect(two!.title).toBe("Анализ ВПР по всем предметам");
    expect(two!.flags).toEqual(["inherited:result", "inherited:responsible"]);
    expect(two!.result).toBe("Справка");
    expect(two!.responsible[0]!.name).toBe("Полухина Е.А.");
    expect(r.warnings.filter((w) => w.item === "2").map((w) => [w.row, w.message])).toEqual([
      [9, expect.stringMatching(/^пустые ячейки «Результат» и «Ответственный» взяты из строки выше/)],
    ]);
    expect(three!.section).toBe("Мониторинг школ");
    expect(three!.deadline).toMatchObject({ text: "Еженедельно в течение года", kind: "recurring", every: "week" });
    // a section row breaks the original's vertical merges: nothing is inherited across it
    expect(four!.flags).toEqual(["inherited:result", "inherited:deadline"]);
    expect(four!.deadline.text).toBe("Еженедельно в течение года");
    expect(extra).toMatchObject({ number: null, title: "Обмен опытом директоров", flags: ["unnumbered"], section: "Мониторинг школ" });
    expect(r.warnings.some((w) => w.item === "4а" && w.row === 17 && /без номера/.test(w.message))).toBe(true);
  });

  it("uses year sections for keys and for deadlines without a year", () => {
    const d = readTextExport(
      "t.txt",
      text(
        ...HEAD.slice(0, 3),
        "Об утверждении программы на 2020 - 2021 годы",
        row("№ п/п", "Период реализации", "Наименование мероприятия", "Исполнители"),
        row("2020 год", "", "", ""),
        row("1", "Май", "Создание группы", "Отдел образования"),
        row("2", "В течение года", "Публикации", "Отдел образования"),
        row("2021 год", "", "", ""),
        row("1", "Январь", "Актуализация", "Отдел образования"),
      ),
    );
    const r = importDocument(d, opts);
    expect(r.roadmap.years).toEqual([2020, 2021]);
    expect(r.items.map((i) => [i.key, i.number, i.section])).toEqual([
      ["2020.1", "1", "2020 год"],
      ["2020.2", "2", "2020 год"],
      ["2021.1", "1", "2021 год"],
    ]);
    expect(r.items[0]!.deadline.due).toBe("2020-05-31");
    expect(r.items[1]!.deadline).toMatchObject({ kind: "ongoing", start: "2020-01-01", due: "2020-12-31" });
    expect(r.items[2]!.deadline.due).toBe("2021-01-31");
  });

  it("keeps .docx merges silent, continues a table split by a page break, and never takes prose points", () => {
    const header = cells("№", "Мероприятие", "Срок", "Ответственный");
    const d = doc([
      ...HEAD.map((t) => ({ type: "paragraph" as const, text: t })),
      { type: "paragraph", text: "1. Утвердить дорожную карту." },
      { type: "paragraph", text: "2. Контроль оставляю за собой." },
      { type: "table", table: table([header, cells("1", "Анализ", "Май 2023", "ОО"), [{ text: "2" }, { text: "Аудит" }, { text: "Май 2023", mergedFromAbove: true }, { text: "МОУО" }]]) },
      { type: "table", table: table([cells("3", "Семинар", "Июнь 2023", "ОО")]) },
    ]);
    const r = importDocument(d, opts);
    expect(r.items.map((i) => i.key)).toEqual(["1", "2", "3"]);
    expect(r.items[1]!.flags).toEqual(["inherited:deadline"]);
    expect(r.warnings.filter((w) => w.item === "2")).toEqual([]);
    expect(r.items[2]!.title).toBe("Семинар");
  });

  it("tells a new unnumbered action from a page-break continuation", () => {
    const d = doc([
      {
        type: "table",
        table: table([
          cells("№", "Мероприятие", "Срок", "Ответственный"),
          cells("1", "Семинар для директоров", "Ежемесячно в", "МОУО"),
          cells("", "Анализ посещаемости", "течение года", ""),
          cells("2", "Вебинар", "Май 2023", "ОО"),
          cells("", "Консультации родителей", "в течение года", "ОО"),
        ]),
      },
    ]);
    const r = importDocument(d, { ...opts, year: 2023 });
    expect(r.items.map((i) => [i.key, i.title, i.deadline.text])).toEqual([
      ["1", "Семинар для директоров Анализ посещаемости", "Ежемесячно в течение года"],
      ["2", "Вебинар", "Май 2023"],
      ["2а", "Консультации родителей", "в течение года"],
    ]);
    expect(r.items[2]!.flags).toEqual(["unnumbered"]);
  });

  it("reads «1 | Организационные мероприятия» above «1.1» as a section", () => {
    const d = doc([
      {
        type: "table",
        table: table([
          cells("№ п/п", "Наименование мероприятия", "Срок", "Ответственный"),
          cells("1.", "Организационные мероприятия", "", ""),
          cells("1.1.", "Приказ о кураторах", "Май 2023", "МОУО"),
          cells("1.2.", "Совещание", "", ""),
          cells("2.", "Методическое сопровождение", "", ""),
          cells("2.1.", "Семинар", "Июнь 2023", "ОО"),
        ]),
      },
    ]);
    const r = importDocument(d, { ...opts, year: 2023 });
    expect(r.items.map((i) => [i.key, i.section])).toEqual([
      ["1.1", "1. Организационные мероприятия"],
      ["1.2", "1. Организационные мероприятия"],
      ["2.1", "2. Методическое сопровождение"],
    ]);
    // 1.2 inherits from 1.1, not from the heading
    expect(r.items[1]).toMatchObject({ flags: ["inherited:deadline", "inherited:responsible"], deadline: { due: "2023-05-31" } });
  });

  it("reads a .docx sub-row under a merged number into the same item", () => {
    const merged = (text: string): TableCell => ({ text, mergedFromAbove: true });
    const d = doc([
      {
        type: "table",
        table: table([
          cells("№", "Мероприятие", "Срок", "Ответственный"),
          cells("1", "Мониторинг", "Март 2023", "ОО"),
          [merged("1"), merged("Мониторинг"), { text: "Октябрь 2023" }, { text: "ОО" }],
          cells("2", "Отчёт", "Декабрь 2023", "МОУО"),
        ]),
      },
    ]);
    const r = importDocument(d, opts);
    expect(r.items.map((i) => [i.key, i.title, i.deadline.text, i.responsible.map((p) => p.text)])).toEqual([
      ["1", "Мониторинг", "Март 2023 Октябрь 2023", ["ОО"]],
      ["2", "Отчёт", "Декабрь 2023", ["МОУО"]],
    ]);
    expect(r.items[0]!.deadline.checkpoints).toEqual(["2023-03-31", "2023-10-31"]);
  });

  it("prefixes repeated numbers by section ordinal when sections have no year, skipping a repeated header", () => {
    const d = doc([
      {
        type: "table",
        table: table([
          cells("№", "Мероприятие", "Срок", "Ответственный"),
          cells("Организационные меры", "", "", ""),
          cells("1", "Приказ", "Май 2023", "ОО"),
          cells("№", "Мероприятие", "Срок", "Ответственный"), // the header repeated on a new page
          cells("Методические меры", "", "", ""),
          cells("1", "Семинар", "Июнь 2023", "ОО"),
        ]),
      },
    ]);
    expect(importDocument(d, { ...opts, year: 2023 }).items.map((i) => i.key)).toEqual(["1.1", "2.1"]);
  });
});

describe("metadata", () => {
  it("reads dates and years as offices write them", () => {
    expect(dateIn("от 10.06.2021")).toBe("2021-06-10");
    expect(dateIn("01.06.2021 г.")).toBe("2021-06-01");
    expect(dateIn("от «31» марта 2023 г.")).toBe("2023-03-31");
    expect(dateIn("31.02.2023")).toBeNull();
    expect(yearsIn("на 2020 - 2022 годы")).toEqual([2020, 2021, 2022]);
    expect(yearsIn("в 2023-2024 гг")).toEqual([2023, 2024]);
    expect(yearsIn("в Баганском районе в 2024 году")).toEqual([2024]);
  });
  it("takes the order from an appendix heading, never from an order cited in the text", () => {
    const cited = readTextExport("t.txt", text("В соответствии с приказом министерства от 24.05.2022 № 1041 «Об утверждении Концепции»", HEADER, row("1.", "Анализ", "", "Май 2023", "ОО")));
    expect(importDocument(cited, opts).roadmap).toMatchObject({ orderDate: null, orderNumber: null });
    const short = readTextExport("t.txt", text("Согласно приказу от 24.05.2022 № 1041", HEADER, row("1.", "Анализ", "", "Май 2023", "ОО")));
    expect(importDocument(short, opts).roadmap).toMatchObject({ orderDate: null, orderNumber: null });
    const appendix = readTextExport("t.txt", text("Приложение к приказу от 31.03.2023 № 120", HEADER, row("1.", "Анализ", "", "Май 2023", "ОО")));
    expect(importDocument(appendix, opts).roadmap).toMatchObject({ orderDate: "2023-03-31", orderNumber: "120" });
  });
  it("guesses the time zone from the region named, only when clear", () => {
    expect(guessRegion(["министерства образования и науки Амурской области"])?.zone).toBe("Asia/Yakutsk");
    expect(guessRegion(["Республики Мордовия", "Республика Мордовия"])?.zone).toBe("Europe/Moscow");
    expect(guessRegion(["Пермского края"])?.zone).toBe("Asia/Yekaterinburg");
    expect(guessRegion(["Камчатского края"])?.zone).toBe("Asia/Kamchatka");
    expect(guessRegion(["Калининградской области"])?.zone).toBe("Europe/Kaliningrad");
    expect(guessRegion(["Томской области"])?.zone).toBe("Asia/Tomsk");
    expect(guessRegion(["Иркутской области", "Новосибирской области"])).toBeNull();
    expect(guessRegion(["школа № 3"])).toBeNull();
  });
  it("knows every region of Russia with a valid zone, UTC+2 to UTC+12", () => {
    expect(REGIONS.length).toBeGreaterThanOrEqual(89);
    const offsets = new Set<number>();
    for (const r of REGIONS) {
      const name = new Intl.DateTimeFormat("en", { timeZone: r.zone, timeZoneName: "longOffset" }).formatToParts(new Date(Date.UTC(2024, 0, 15))).find((p) => p.type === "timeZoneName")!.value;
      offsets.add(Number(/GMT([+-]\d\d)/.exec(name)![1]));
      expect(r.pattern.test(r.name), r.name).toBe(true); // each region is found by its own name
    }
    expect([...offsets].sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });
  it("takes --tz and --year over the document, and the default zone with a warning", () => {
    const d = readTextExport("t.txt", text(...HEAD, "в Иркутской области", HEADER, row("1.", "Анализ", "Справка", "Май", "ОО")));
    const plain = importDocument(d, opts);
    expect(plain.roadmap).toMatchObject({ orderNumber: "7", orderDate: "2023-03-31", years: [2023], timezone: "Asia/Irkutsk" });
    expect(importDocument(d, { ...opts, timezone: "Asia/Omsk", year: 2024 }).roadmap).toMatchObject({ timezone: "Asia/Omsk", years: [2024] });
    const nowhere = readTextExport("t.txt", text(...HEAD, HEADER, row("1.", "Анализ", "Справка", "Май 2023", "ОО")));
    const r = importDocument(nowhere, { defaultTimezone: "Asia/Vladivostok" });
    expect(r.roadmap.timezone).toBe("Asia/Vladivostok");
    expect(r.warnings.some((w) => w.item === null && /часовой пояс/.test(w.message))).toBe(true);
  });
});

describe("tables without written numbers", () => {
  it("numbers rows by position within each section, with one warning, when the number column is empty", () => {
    const d = doc([
      {
        type: "table",
        table: table([
          cells("№", "Мероприятие", "Срок", "Ответственный"),
          cells("", "Анализ", "Май 2023", "ОО"),
          cells("", "Семинар", "", "МОУО"),
          cells("Второй раздел", "", "", ""),
          cells("", "Аудит", "Июнь 2023", "ОО"),
        ]),
      },
    ]);
    const r = importDocument(d, { ...opts, year: 2023 });
    expect(r.items.map((i) => [i.key, i.number, i.flags])).toEqual([
      ["1", null, []],
      ["2", null, ["inherited:deadline"]],
      ["1.1", null, []], // the first section's first row; the rows above it had no section
    ]);
    expect(r.warnings.filter((w) => /нет номеров/.test(w.message))).toHaveLength(1);
  });
  it("numbers rows by position when there is no number column at all", () => {
    const d = doc([{ type: "table", table: table([cells("Мероприятие", "Срок", "Ответственный"), cells("Анализ", "Май 2023", "ОО"), cells("Аудит", "Июнь 2023", "ОО")]) }]);
    const r = importDocument(d, { ...opts, year: 2023 });
    expect(r.items.map((i) => [i.key, i.number, i.flags])).toEqual([
      ["1", null, []],
      ["2", null, []],
    ]);
    expect(r.warnings.some((w) => /нет номеров/.test(w.message))).toBe(false);
    expect(r.warnings.filter((w) => /нет столбца/.test(w.message))).toEqual([]);
    const noResponsible = doc([{ type: "table", table: table([cells("№", "Мероприятие", "Срок", "Результат"), cells("1", "Анализ", "Май 2023", "Справка")]) }]);
    expect(importDocument(noResponsible, { ...opts, year: 2023 }).warnings).toContainEqual({ item: null, row: null, message: "в таблице нет столбца ответственных" });
  });
});

describe("the order around the table", () => {
  it("finds the signatory in a signature block laid out as a table", () => {
    const d = readTextExport(
      "t.txt",
      text(
        ...HEAD,
        "1. Утвердить план.",
        "2. Контроль за исполнением настоящего приказа оставляю за собой.",
        row("Руководитель управления", "", "А.Л. Нестерова"),
        "План мероприятий",
        HEADER,
        row("1.", "Анализ", "Справка", "Май 2023", "ОО"),
      ),
    );
    const r = importDocument(d, opts);
    expect(r.roadmap.controller).toBe("Нестерова А.Л.");
    // «План мероприятий» above the table names no subject: the order's title does
    expect(r.roadmap.title).toBe("Об утверждении дорожной карты на 2023 год");
  });

  it("without an «Об …» title takes the first real sentence of the head", () => {
    const d = readTextExport(
      "t.txt",
      text(
        "**УПРАВЛЕНИЕ ОБРАЗОВАНИЯ",
        "АДМИНИСТРАЦИИ ТАЙШЕТСКОГО РАЙОНА**",
        "ПРИКАЗ",
        "«05» февраля 2024 г. № 15-о",
        "Сопровождение школ с низкими результатами в 2024 году",
        "Приложение 1",
        HEADER,
        row("1.", "Анализ", "Справка", "Май", "ОО"),
      ),
    );
    const r = importDocument(d, opts);
    expect(r.roadmap).toMatchObject({
      title: "Сопровождение школ с низкими результатами в 2024 году",
      authority: "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ТАЙШЕТСКОГО РАЙОНА",
      orderDate: "2024-02-05",
      orderNumber: "15-о",
      years: [2024],
    });
    expect(r.items[0]!.deadline.due).toBe("2024-05-31");
    expect(r.warnings.some((w) => /год дорожной карты/.test(w.message))).toBe(false);
    expect(r.items.map((i) => i.key)).toEqual(["1"]);
  });
});

describe("an application's approval stamp names the authority", () => {
  const stamped = (...head: string[]) =>
    importDocument(readTextExport("t.txt", text(...head, "План мероприятий на 2025 год", HEADER, row("1.", "Анализ", "Справка", "Май", "ОО"))), opts).roadmap;

  it("«УТВЕРЖДЕН приказом отдела образования …» on its own line: the body, in the nominative", () => {
    expect(stamped("УТВЕРЖДЕН", "приказом отдела образования администрации Камышинского района", "от 12.02.2025 № 45-од").authority).toBe(
      "отдел образования администрации Камышинского района",
    );
  });

  it("the stamp on one line with the order's date and number: the date is not part of the body", () => {
    expect(stamped("Утверждена приказом Управления образования администрации города Тынды от 31.03.2023 № 120").authority).toBe(
      "Управление образования администрации города Тынды",
    );
    expect(stamped("Утвержден распоряжением комитета по образованию Администрации района от «5» мая 2025 г.").authority).toBe(
      "комитет по образованию Администрации района",
    );
  });

  it("«Приложение 1 к приказу отдела образования … от … № …» above a workbook's table: the body, in the nominative", () => {
    expect(stamped("Приложение 1 к приказу отдела образования администрации Заречного района от 03.03.2025 № 112").authority).toBe(
      "отдел образования администрации Заречного района",
    );
    expect(stamped("Приложение № 2 к распоряжению Управления образования города Н. от «5» мая 2025 г. № 7").authority).toBe("Управление образования города Н.");
  });

  it("a body named plainly is kept as written", () => {
    expect(stamped("Министерство образования и науки Республики", "Приложение 2").authority).toBe("Министерство образования и науки Республики");
  });
});

describe("a bare table (.xlsx, .csv)", () => {
  it("takes the years from its deadline cells and its title from the file name", () => {
    const d: SourceDocument = {
      fileName: "План 2024.xlsx",
      format: "xlsx",
      blocks: [
        {
          type: "table",
          table: table([
            cells("№", "Мероприятие", "Срок", "Ответственный"),
            cells("1", "Анализ", "Март 2024", "МОУО"),
            cells("2", "Семинары", "В течение года", "ОО"),
          ]),
        },
      ],
    };
    const r = importDocument(d, opts);
    expect(r.roadmap).toMatchObject({ title: "План 2024", years: [2024], orderNumber: null, orderDate: null, authority: null, timezone: "Europe/Moscow" });
    expect(r.items[1]!.deadline).toMatchObject({ kind: "ongoing", start: "2024-01-01", due: "2024-12-31" });
  });

  it("reads the title and the order from the lines above the header", () => {
    const d: SourceDocument = {
      fileName: "roadmap.xlsx",
      format: "xlsx",
      blocks: [
        {
          type: "table",
          table: table([
            cells("", "", "Приложение к приказу Управления образования от 12.02.2025 № 44-од", ""),
            cells("План мероприятий по сопровождению ШНОР в Омской области на 2025 год", "План мероприятий по сопровождению ШНОР в Омской области на 2025 год", "", ""),
            cells("№", "Мероприятие", "Срок", "Ответственный"),
            cells("1", "Анализ", "Март", "МОУО"),
          ]),
        },
      ],
    };
    const r = importDocument(d, opts);
    expect(r.roadmap).toMatchObject({
      title: "План мероприятий по сопровождению ШНОР в Омской области на 2025 год",
      orderDate: "2025-02-12",
      orderNumber: "44-од",
      years: [2025],
      timezone: "Asia/Omsk",
    });
    expect(r.items.map((i) => [i.key, i.deadline.due])).toEqual([["1", "2025-03-31"]]);
  });
});

describe("nothing to import", () => {
  it("throws a typed error for an empty document and for one without a roadmap", () => {
    expect(() => importDocument(doc([]), opts)).toThrow(ImportError);
    try {
      importDocument(readTextExport("t.txt", text("Письмо", "Просим направить сведения.")), opts);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ImportError);
      expect((e as ImportError).code).toBe("nothing_found");
    }
    try {
      importDocument(doc([{ type: "paragraph", text: "  " }]), opts);
      expect.unreachable();
    } catch (e) {
      expect((e as ImportError).code).toBe("empty_document");
    }
  });
});
