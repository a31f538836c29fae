import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fullNameNominative, findPersonNames, phraseNominative, surnameNominative } from "../core/names.ts";
import { cleanCellText, parseResponsible, readResponsible, shortPersonName } from "../core/parties.ts";
import { importDocument } from "../core/import/index.ts";
import type { SourceDocument } from "../core/types.ts";
import { appointmentLine, findController, findCurators } from "../core/import/order-text.ts";
import { importProse, parseExecutor } from "../core/import/prose.ts";
import { FIXTURES_DIR } from "./support/fixtures.ts";

const FIXTURES = FIXTURES_DIR;
const fixtureLines = (name: string) =>
  readFileSync(join(FIXTURES, name), "utf8")
    .split("\n")
    .map((l) => l.replace(/\*\*/g, "").trim())
    .filter(Boolean);

/** «[kind] name {position} (note)» — one compact string per party, so a table row reads like the cell. */
const show = (text: string) =>
  parseResponsible(text).map((p) => `[${p.kind}] ${p.name}${p.position ? ` {${p.position}}` : ""}${p.note ? ` ${p.note}` : ""}`);

describe("parseResponsible: every responsible cell of the table fixtures", () => {
  // Skovorodino («Ответственный исполнитель»)
  const skovorodino: Array<[string, string[]]> = [
    ["Руководители ОО", ["[role] Руководители ОО"]],
    [
      "Специалисты Управления образования, руководители ОО, педагогические работники",
      ["[organization] Управление образования", "[role] Руководители ОО", "[role] Педагогические работники"],
    ],
    ["<p>Руководители ОО, педагогические работники</p>", ["[role] Руководители ОО", "[role] Педагогические работники"]],
    [
      "<p>Руководители ОО, Управление образования, РМС, РМО</p>",
      ["[role] Руководители ОО", "[organization] Управление образования", "[organization] РМС", "[organization] РМО"],
    ],
    ["<p>Руководители ОО, Управление образования (контроль)</p>", ["[role] Руководители ОО", "[organization] Управление образования (контроль)"]],
    ["<p>Руководители ОО, Управление образования</p>", ["[role] Руководители ОО", "[organization] Управление образования"]],
    ["<p>Руководители ОО</p>", ["[role] Руководители ОО"]],
    ["Управление образования", ["[organization] Управление образования"]],
    ["Специалисты Управления образования", ["[organization] Управление образования"]],
    ["Специалисты Управления образования, руководители ОО", ["[organization] Управление образования", "[role] Руководители ОО"]],
    ["Е.А. Полухина, главный специалист", ["[person] Полухина Е.А. {главный специалист}"]],
    ["О.В. Бутусова, заместитель начальника", ["[person] Бутусова О.В. {заместитель начальника}"]],
    ["О.В. Бутусова, А.В. Гребенюк", ["[person] Бутусова О.В.", "[person] Гребенюк А.В."]],
    ["О.В. Бутусова", ["[person] Бутусова О.В."]],
    ["Управление образования, руководители ОО", ["[organization] Управление образования", "[role] Руководители ОО"]],
  ];
  // Bagan («Ответственные исполнители»)
  const bagan: Array<[string, string[]]> = [
    ["МКУ «Управление образованием Баганского района»", ["[organization] МКУ «Управление образованием Баганского района»"]],
    [
      "НИПКиПРО, НИМРО, ОЦДК, ИМОО МКУ «Управление образованием Баганского района»",
      ["[organization] НИПКиПРО", "[organization] НИМРО", "[organization] ОЦДК", "[organization] ИМОО МКУ «Управление образованием Баганского района»"],
    ],
    ["Минобразования НСО, НИМРО", ["[organization] Минобразования НСО", "[organization] НИМРО"]],
    [
      "НИПКиПРО, ИМОО Управление образованием Баганского район",
      ["[organization] НИПКиПРО", "[organization] ИМОО Управление образованием Баганского район"],
    ],
    ["ТПМПК Карасукская", ["[organization] ТПМПК Карасукская"]],
    ["Минобразования, НИМРО, МОУО, ОО", ["[organization] Минобразования", "[organization] НИМРО", "[organization] МОУО", "[role] ОО"]],
    ["Управление образованием Баганского района", ["[organization] Управление образованием Баганского района"]],
    ["НИМРО", ["[organization] НИМРО"]],
    // the cell's closing quote is missing in the original
    ["МКУ «Управление образованием Баганского района", ["[organization] МКУ «Управление образованием Баганского района"]],
    ["МОУО", ["[organization] МОУО"]],
    ["ОО", ["[role] ОО"]],
    ["ОО, МОУО", ["[role] ОО", "[organization] МОУО"]],
    ["МОУО, ОО", ["[organization] МОУО", "[role] ОО"]],
    ["НИМРО, МОУО", ["[organization] НИМРО", "[organization] МОУО"]],
    [
      "МОУО, ОО, НИМРО, Благотворительный фонд «Ты можешь!»",
      ["[organization] МОУО", "[role] ОО", "[organization] НИМРО", "[organization] Благотворительный фонд «Ты можешь!»"],
    ],
    ["ОЦДК", ["[organization] ОЦДК"]],
    [
      "ПМПК Баганского района. ОЦДК, филиал Карасукской ПМПК",
      ["[organization] ПМПК Баганского района", "[organization] ОЦДК", "[organization] Филиал Карасукской ПМПК"],
    ],
    ["МОУО,ОО", ["[organization] МОУО", "[role] ОО"]],
    ["ОЦДК, МОУО", ["[organization] ОЦДК", "[organization] МОУО"]],
    ["МКУ «Управление образованием Баганского района», ОО", ["[organization] МКУ «Управление образованием Баганского района»", "[role] ОО"]],
  ];
  // Bolshebereznikovsky («Исполнители»), whole cells after page-break continuations are joined
  const bolshebereznikovsky: Array<[string, string[]]> = [
    [
      "Отдел по работе с учреждениями образования и МКУ «ЦИМО МОУ»",
      ["[organization] Отдел по работе с учреждениями образования", "[organization] МКУ «ЦИМО МОУ»"],
    ],
    [
      "Отдел по работе с учреждениями образования и МКУ «ЦИМО МОУ» Большеберезниковского муниципального района",
      ["[organization] Отдел по работе с учреждениями образования", "[organization] МКУ «ЦИМО МОУ» Большеберезниковского муниципального района"],
    ],
    [
      "Отдел по работе с учреждениями образования и МКУ «ЦИМО МОУ» Большеберезниковского муниципального района, ОО района",
      [
        "[organization] Отдел по работе с учреждениями образования",
        "[organization] МКУ «ЦИМО МОУ» Большеберезниковского муниципального района",
        "[role] ОО района",
      ],
    ],
  ];
  for (const [group, rows] of [
    ["Skovorodino", skovorodino],
    ["Bagan", bagan],
    ["Bolshebereznikovsky", bolshebereznikovsky],
  ] as const) {
    it.each(rows)(`${group}: %s`, (cell, expected) => {
      expect(show(cell)).toEqual(expected);
    });
  }

  it("covers every distinct responsible cell of the fixtures", () => {
    // the table above must not fall behind the fixtures: each real cell is listed there
    const listed = new Set([...skovorodino, ...bagan, ...bolshebereznikovsky].map(([c]) => cleanCellText(c)));
    const cells = new Set<string>();
    const collect = (file: string, column: (cells: string[]) => string | undefined) => {
      const lines = readFileSync(join(FIXTURES, file), "utf8").split("\n");
      const header = lines.findIndex((l) => /^№/.test(l));
      for (const line of lines.slice(header + 1)) {
        const c = line.split("\t");
        if (!/^\d+\.?$/.test(c[0]!.trim())) continue; // numbered rows; continuation fragments are merged by the table reader
        if (c.every((x) => /^\s*\d*\s*$/.test(x))) continue; // the column-number row «1 2 3 4»
        const v = column(c);
        if (v && v.trim()) cells.add(cleanCellText(v));
      }
    };
    collect("skovorodino-2023-roadmap.txt", (c) => c[4]);
    collect("bagan-2024-roadmap.txt", (c) => c[3]);
    collect("bolshebereznikovsky-2020-2022-program.txt", (c) => c[3]);
    const fragments = new Set(["Специалисты Управления", "Отдел по работе с учреждениями образования и", "Отдел по работе с учреждениями образования и МКУ «ЦИМО МОУ» Большеберезниковского"]);
    const missing = [...cells].filter((c) => !listed.has(c) && !fragments.has(c) && !/Благотворительный фонд «Т/.test(c));
    expect(missing).toEqual([]);
    expect(cells.size).toBeGreaterThan(25);
  });
});

describe("parseResponsible: splitting and notes", () => {
  it.each([
    ["Руководители ОО и педагогические работники", ["[role] Руководители ОО", "[role] Педагогические работники"]],
    ["заместители директоров по УВР", ["[role] Заместители директоров по УВР"]],
    ["руководители общеобразовательных организаций", ["[role] Руководители общеобразовательных организаций"]],
    ["МБОУ СОШ № 1", ["[organization] МБОУ СОШ № 1"]],
    ["НИМРО (по согласованию)", ["[organization] НИМРО (по согласованию)"]],
    ["РМО – по согласованию", ["[organization] РМО (по согласованию)"]],
    ["Руководители ШНОР\n(по согласованию)", ["[role] Руководители ШНОР (по согласованию)"]],
    ["ИРО,\n(по согласованию)", ["[organization] ИРО (по согласованию)"]],
    ["Управление образования (Иванова И.И.)", ["[person] Иванова И.И. {Управление образования}"]],
    ["Тылкин В.В. Четвериков А.В.", ["[person] Тылкин В.В.", "[person] Четвериков А.В."]],
    ["Е.А. Полухина, главный специалист; О.В. Бутусова", ["[person] Полухина Е.А. {главный специалист}", "[person] Бутусова О.В."]],
    ["Руководители ОО\nНИМРО", ["[role] Руководители ОО", "[organization] НИМРО"]],
    ["МКУ «ЦРО» / руководители ОО", ["[organization] МКУ «ЦРО»", "[role] Руководители ОО"]],
    ["Министерство образования и науки Амурской области", ["[organization] Министерство образования и науки Амурской области"]],
    ["<p>ГАУ ДПО «АМИРО», РМО</p>", ["[organization] ГАУ ДПО «АМИРО»", "[organization] РМО"]],
    ["Руководитель МКУ «Ресурсный центр»", ["[organization] Руководитель МКУ «Ресурсный центр»"]],
    ["Иванова И.И. – главный специалист", ["[person] Иванова И.И. {главный специалист}"]],
    ["Заместитель начальника Иванова И.И.", ["[person] Иванова И.И. {заместитель начальника}"]],
    ["Иванова Ирина Ивановна, методист МКУ «ИМЦ»", ["[person] Иванова И.И. {методист МКУ «ИМЦ»}"]],
    // a plural post before several names is each one's, in the singular
    ["Методисты ИМЦ (Сидорова Е.П., Орлов А.В.)", ["[person] Сидорова Е.П. {методист ИМЦ}", "[person] Орлов А.В. {методист ИМЦ}"]],
    ["Главные специалисты УО Иванова А.А., Петрова Б.Б.", ["[person] Иванова А.А. {главный специалист УО}", "[person] Петрова Б.Б. {главный специалист УО}"]],
    ["Педагоги-психологи (Иванова А.А., Петрова Б.Б.)", ["[person] Иванова А.А. {педагог-психолог}", "[person] Петрова Б.Б. {педагог-психолог}"]],
    ["Заместители директоров по УВР Иванова А.А., Петрова Б.Б.", ["[person] Иванова А.А. {заместитель директора по УВР}", "[person] Петрова Б.Б. {заместитель директора по УВР}"]],
    ["Специалисты УО Иванова А.А., Петрова Б.Б., директор Сидоров В.В.", ["[person] Иванова А.А. {специалист УО}", "[person] Петрова Б.Б. {специалист УО}", "[person] Сидоров В.В. {директор}"]],
    ["Иванова И.И., Петрова П.П. (по согласованию)", ["[person] Иванова И.И.", "[person] Петрова П.П. (по согласованию)"]],
    ["E.A. Полухина", ["[person] Полухина Е.А."]],
    ["Все ОО", ["[role] Все ОО"]],
    ["Классные руководители, учителя-предметники", ["[role] Классные руководители", "[role] Учителя-предметники"]],
    ["Администрация ОО", ["[role] Администрация ОО"]],
    ["Муниципальный координатор", ["[organization] Муниципальный координатор"]],
    ["Учителя начальных классов, русского языка и математики", ["[role] Учителя начальных классов, русского языка и математики"]],
    ["Заместители директоров по УВР, ВР", ["[role] Заместители директоров по УВР, ВР"]],
    ["Руководители ОО, РМО", ["[role] Руководители ОО", "[organization] РМО"]],
    // posts every school has, even in the singular; the authority's posts are not
    ["Зам. директора по УВР", ["[role] Зам. директора по УВР"]],
    ["Заместитель директора по ВР, педагог-психолог", ["[role] Заместитель директора по ВР", "[role] Педагог-психолог"]],
    ["Классный руководитель", ["[role] Классный руководитель"]],
    ["Директор", ["[role] Директор"]],
    ["Заместитель начальника управления образования", ["[organization] Заместитель начальника управления образования"]],
    // a school named after someone is not a person
    ["МБОУ СОШ с. Тахтамыгда им. Н.К. Магницкого", ["[organization] МБОУ СОШ с. Тахтамыгда им. Н.К. Магницкого"]],
    ["МОУ СОШ имени Ивана Петровича Сидорова", ["[organization] МОУ СОШ имени Ивана Петровича Сидорова"]],
  ])("%s", (cell, expected) => {
    expect(show(cell)).toEqual(expected);
  });

  it("keeps the cell's text on each party", () => {
    const [person] = parseResponsible("Е.А. Полухина, главный специалист");
    expect(person).toEqual({ text: "Е.А. Полухина, главный специалист", kind: "person", name: "Полухина Е.А.", note: null, position: "главный специалист" });
    const parties = parseResponsible("Руководители ОО, Управление образования (контроль)");
    expect(parties[1]).toMatchObject({ text: "Управление образования (контроль)", name: "Управление образования", note: "(контроль)" });
  });

  it("initials typed without the space after the surname are still a person", () => {
    expect(parseResponsible("ИвановаТ.П.")).toEqual([{ text: "Иванова Т.П.", kind: "person", name: "Иванова Т.П.", note: null, position: null }]);
    expect(parseResponsible("Петров С.С., директор; СидороваН.В., методист").map((p) => [p.kind, p.name, p.position])).toEqual([
      ["person", "Петров С.С.", "директор"],
      ["person", "Сидорова Н.В.", "методист"],
    ]);
  });

  it("a person named in brackets after their body: the title goes before the body («методист ИМЦ»)", () => {
    expect(parseResponsible("ИМЦ (методист Козлова Е.В.)").map((p) => [p.name, p.position])).toEqual([["Козлова Е.В.", "методист ИМЦ"]]);
    expect(parseResponsible("РМО учителей математики (руководитель Сидоров А.А.)").map((p) => [p.name, p.position])).toEqual([["Сидоров А.А.", "руководитель РМО учителей математики"]]);
    expect(parseResponsible("Комитет образования (Петрова С.В.)").map((p) => [p.name, p.position])).toEqual([["Петрова С.В.", "Комитет образования"]]);
  });

  it("gives no party for an empty or dashed cell", () => {
    expect(parseResponsible("")).toEqual([]);
    expect(parseResponsible("  —  ")).toEqual([]);
    expect(parseResponsible("<p></p>")).toEqual([]);
  });
});

describe("names back to the nominative «Фамилия И.О.»", () => {
  it.each([
    ["Расческину Ольгу Дмитриевну", "Расческина О.Д."],
    ["Кудряшовой Е.А.", "Кудряшова Е.А."],
    ["Бобер Ларису Павловну", "Бобер Л.П."],
    ["Е.А. Полухина", "Полухина Е.А."],
    ["Зубченко Елену Вячеславовну", "Зубченко Е.В."],
    ["Селезневу Елену Михайловну", "Селезнева Е.М."],
    ["Матюшенко Светлану Сергеевну", "Матюшенко С.С."],
    ["Полетаеву Наталью Николаевну", "Полетаева Н.Н."],
    ["Мурашова Е.Ю.", "Мурашова Е.Ю."],
    ["Корабельниковой А.В.", "Корабельникова А.В."],
    ["Ваулиной А.В.", "Ваулина А.В."],
    ["С.Е.Наумова", "Наумова С.Е."],
    ["Н. П. Кустова", "Кустова Н.П."],
    ["А. Нестерова", "Нестерова А."],
    ["Аникеев Александр Сергеевич", "Аникеев А.С."],
    ["Тылкина Владимира Владимировича", "Тылкин В.В."],
    ["Иванову Петру Сергеевичу", "Иванов П.С."],
    ["Петровым Игорем Андреевичем", "Петров И.А."],
    ["Гайдая Игоря Андреевича", "Гайдай И.А."],
    ["Вишневскую Анну Петровну", "Вишневская А.П."],
    ["Вишневского Петра Ильича", "Вишневский П.И."],
    ["Седых Ольгу Ивановну", "Седых О.И."],
    ["Черных Ивана Петровича", "Черных И.П."],
    ["Шевченко Тараса Григорьевича", "Шевченко Т.Г."],
    ["Бобра Ивана Павловича", "Бобр И.П."],
    ["Гребенюку Олегу Ивановичу", "Гребенюк О.И."],
    ["Римскую-Корсакову Анну Петровну", "Римская-Корсакова А.П."],
    ["Петрова-Водкина Кузьму Сергеевича", "Петров-Водкин К.С."],
    ["Ольгу Дмитриевну Расческину", "Расческина О.Д."],
    ["Полухина Е.А", "Полухина Е.А."],
    ["Полухина Е. А.", "Полухина Е.А."],
    ["не имя", null],
    ["МКОУ «СОШ № 3»", null],
  ])("%s → %s", (written, short) => {
    expect(shortPersonName(written)).toBe(short);
  });

  it("reads the case the sentence gives: «на … Бутусову» is a woman, «Директору Иванову» a man", () => {
    expect(shortPersonName("О.В. Бутусову", { grammaticalCase: "acc" })).toBe("Бутусова О.В.");
    expect(shortPersonName("Иванову И.И.", { grammaticalCase: "dat" })).toBe("Иванов И.И.");
    expect(shortPersonName("Иванова И.И.", { grammaticalCase: "acc" })).toBe("Иванов И.И.");
    expect(shortPersonName("Иванова И.И.")).toBe("Иванова И.И.");
    expect(shortPersonName("Бобер Л.П.", { grammaticalCase: "acc" })).toBe("Бобер Л.П.");
    expect(shortPersonName("Зубченко Е.В.", { grammaticalCase: "dat" })).toBe("Зубченко Е.В.");
  });

  it("full names come back whole", () => {
    expect(fullNameNominative("Расческину Ольгу Дмитриевну")).toBe("Расческина Ольга Дмитриевна");
    expect(fullNameNominative("Бобер Ларису Павловну")).toBe("Бобер Лариса Павловна");
    expect(fullNameNominative("Полетаеву Наталью Николаевну")).toBe("Полетаева Наталья Николаевна");
    expect(fullNameNominative("Гайдая Игоря Андреевича")).toBe("Гайдай Игорь Андреевич");
    expect(fullNameNominative("Е.А. Полухина")).toBeNull();
  });

  it("surnames by gender and case", () => {
    expect(surnameNominative("Кудряшовой", "f", "dat")).toBe("Кудряшова");
    expect(surnameNominative("Бутусову", "f", "acc")).toBe("Бутусова");
    expect(surnameNominative("Бутусову", "m", "dat")).toBe("Бутусов");
    expect(surnameNominative("Бобер", "f", "acc")).toBe("Бобер");
    expect(surnameNominative("Бобера", "m", "gen")).toBe("Бобер");
    expect(surnameNominative("Зубченко", "f", "acc")).toBe("Зубченко");
    expect(surnameNominative("Седых", "m", "dat")).toBe("Седых");
    expect(surnameNominative("Вишневской", "f", "ins")).toBe("Вишневская");
    expect(surnameNominative("Вишневским", "m", "ins")).toBe("Вишневский");
    expect(surnameNominative("Толстого", "m", "gen")).toBe("Толстой");
  });

  it("a name inside a school's quoted name is not a person", () => {
    const line = "МОУ «Средняя общеобразовательная школа д. Абрамовское им. И. Самохина» – Селезневу Елену Михайловну";
    expect(findPersonNames(line).map((m) => m.short)).toEqual(["Селезнева Е.М."]);
  });

  it("initials go with the right surname in a row of names", () => {
    expect(findPersonNames("Тылкин В.В. Четвериков А.В.").map((m) => m.short)).toEqual(["Тылкин В.В.", "Четвериков А.В."]);
    expect(findPersonNames("Минобразования О.В. Бутусова").map((m) => m.short)).toEqual(["Бутусова О.В."]);
  });

  it("noun phrases return to the nominative", () => {
    expect(phraseNominative("Информационно-методическому кабинету", "dat")).toBe("Информационно-методический кабинет");
    expect(phraseNominative("Руководителям образовательных организаций", "dat")).toBe("Руководители образовательных организаций");
    expect(phraseNominative("Директору МКОУ «СОШ № 3»", "dat")).toBe("Директор МКОУ «СОШ № 3»");
    expect(phraseNominative("Школе-консультанту МКОУ «Мамаканская СОШ»", "dat")).toBe("Школа-консультант МКОУ «Мамаканская СОШ»");
    expect(phraseNominative("Управлению образования", "dat")).toBe("Управление образования");
    expect(phraseNominative("Педагогическим работникам", "dat")).toBe("Педагогические работники");
    expect(phraseNominative("заместителя директора МОУ «СОШ №4»", "acc")).toBe("заместитель директора МОУ «СОШ №4»");
    expect(phraseNominative("директора МОУ «Ноосферная школа»", "acc")).toBe("директор МОУ «Ноосферная школа»");
    expect(phraseNominative("главного специалиста", "gen")).toBe("главный специалист");
    expect(phraseNominative("заведующую отделом образования", "acc")).toBe("заведующая отделом образования");
  });
});

describe("executors of the prose orders", () => {
  it.each([
    ["Информационно-методическому кабинету (Мурашова Е.Ю.):", ["[person] Мурашова Е.Ю. {информационно-методический кабинет}"]],
    ["Директору МКОУ «СОШ № 3» (Кудряшова Е.А.)", ["[person] Кудряшова Е.А. {директор МКОУ «СОШ № 3»}"]],
    ["МКУ «Ресурсный центр» (Биликтуева Т.О.)", ["[person] Биликтуева Т.О. {МКУ «Ресурсный центр»}"]],
    [
      "Руководителям образовательных организаций (МКОУ «СОШ №3 г.Бодайбо» Кудряшовой Е.А., МКОУ «ООШ № 4 г.Бодайбо» Корабельниковой А.В., МКОУ «Артемовская СОШ» Ваулиной А.В., МКОУ «Перевозовская СОШ»)",
      [
        "[person] Кудряшова Е.А. {руководитель МКОУ «СОШ №3 г.Бодайбо»}",
        "[person] Корабельникова А.В. {руководитель МКОУ «ООШ № 4 г.Бодайбо»}",
        "[person] Ваулина А.В. {руководитель МКОУ «Артемовская СОШ»}",
        "[organization] МКОУ «Перевозовская СОШ»",
      ],
    ],
    ["Школе-консультанту МКОУ «Мамаканская СОШ», куратору МКОУ «СОШ №3 г.Бодайбо»", ["[organization] МКОУ «Мамаканская СОШ»"]],
    ["Руководителям образовательных организаций:", ["[role] Руководители образовательных организаций"]],
    [
      "Руководителям образовательных организаций, имеющих низкие образовательные результаты:",
      ["[role] Руководители образовательных организаций, имеющих низкие образовательные результаты"],
    ],
    ["Управлению образования", ["[organization] Управление образования"]],
    ["Руководителям ОО, специалистам Управления образования", ["[role] Руководители ОО", "[organization] Специалисты Управления образования"]],
  ])("%s", (header, expected) => {
    const shown = parseExecutor(header).map((p) => `[${p.kind}] ${p.name}${p.position ? ` {${p.position}}` : ""}`);
    expect(shown).toEqual(expected);
  });
});

describe("order text: controller and curators", () => {
  it.each([
    ["skovorodino-2023-roadmap.txt", "Бутусова О.В."],
    ["bodaibo-2023-order.txt", "Афиногенова Е.В."],
    ["borovsk-2021-order.txt", "Васильева Т.Д."],
    ["bolshebereznikovsky-2020-2022-program.txt", "Танаева М.А."],
    // «Контроль … оставляю за собой» → the signatory
    ["bagan-2024-roadmap.txt", "Нестерова А."],
  ])("%s → %s", (file, controller) => {
    expect(findController(fixtureLines(file))).toBe(controller);
  });

  it("finds no controller where the order names none", () => {
    expect(findController(["1. Утвердить план.", "Начальник", "И.И. Иванов"])).toBeNull();
    expect(findController(["4. Контроль за исполнением приказа возложить на заместителя начальника управления."])).toBeNull();
  });

  it("takes the signatory for «оставляю за собой»", () => {
    expect(findController(["3. Контроль исполнения приказа оставляю за собой.", "Начальник управления образования", "П.П. Смирнова"])).toBe("Смирнова П.П.");
  });

  it("Borovsk: 7 curator links, 6 people, positions in the nominative", () => {
    const links = findCurators(fixtureLines("borovsk-2021-order.txt"));
    expect(links).toHaveLength(7);
    expect(new Set(links.map((l) => l.curator)).size).toBe(6);
    expect(links.every((l) => l.curatorKind === "person")).toBe(true);
    expect(links.map((l) => l.curator)).toEqual([
      "Расческина О.Д.",
      "Зубченко Е.В.",
      "Селезнева Е.М.",
      "Бобер Л.П.",
      "Матюшенко С.С.",
      "Полетаева Н.Н.",
      "Полетаева Н.Н.",
    ]);
    expect(links[0]).toEqual({
      school: "МОУ «Средняя общеобразовательная школа г. Ермолино»",
      curator: "Расческина О.Д.",
      curatorKind: "person",
      position: "заместитель директора МОУ «Средняя общеобразовательная школа №4 г. Балабаново»",
    });
    expect(links[1]!.position).toBe("директор МОУ «Средняя общеобразовательная ноосферная школа»");
    expect(links[5]!.school).toBe("МОУ «Основная общеобразовательная школа д. Борисово»");
    expect(links[6]!.school).toBe("МОУ «Основная общеобразовательная школа д. Коростелево»");
  });

  it("Bodaibo: a school curates a school", () => {
    expect(findCurators(fixtureLines("bodaibo-2023-order.txt"))).toEqual([
      { school: "МКОУ «СОШ №3 г.Бодайбо»", curator: "МКОУ «Мамаканская СОШ»", curatorKind: "organization", position: null },
    ]);
  });

  it("table fixtures appoint no curators in their prose", () => {
    for (const f of ["skovorodino-2023-roadmap.txt", "bagan-2024-roadmap.txt", "bolshebereznikovsky-2020-2022-program.txt"]) {
      expect(findCurators(fixtureLines(f))).toEqual([]);
    }
  });

  it("appointment lines in other shapes", () => {
    expect(appointmentLine("МБОУ СОШ № 2 – МБОУ СОШ № 1;")).toEqual([
      { school: "МБОУ СОШ № 2", curator: "МБОУ СОШ № 1", curatorKind: "organization", position: null },
    ]);
    expect(appointmentLine("МБОУ «СОШ с. Албазино» - Иванову И.И., методиста МКУ «ИМЦ»")).toEqual([
      { school: "МБОУ «СОШ с. Албазино»", curator: "Иванова И.И.", curatorKind: "person", position: "методист МКУ «ИМЦ»" },
    ]);
    expect(appointmentLine("Иванову И.И., методиста ИМЦ – МБОУ СОШ № 1")).toEqual([
      { school: "МБОУ СОШ № 1", curator: "Иванова И.И.", curatorKind: "person", position: "методист ИМЦ" },
    ]);
    expect(findCurators(["3. Закрепить школы-тьюторы за ШНОР:", "МБОУ СОШ № 1 – МБОУ СОШ с. Албазино;", "МБОУ СОШ № 2 – МБОУ СОШ с. Джалинда.", "4. Контроль оставляю за собой."])).toEqual([
      { school: "МБОУ СОШ с. Албазино", curator: "МБОУ СОШ № 1", curatorKind: "organization", position: null },
      { school: "МБОУ СОШ с. Джалинда", curator: "МБОУ СОШ № 2", curatorKind: "organization", position: null },
    ]);
    expect(findCurators(["2. Закрепить школу-тьютора МБОУ СОШ № 3 за МБОУ ООШ ж.д. ст. Мадалан."])).toEqual([
      { school: "МБОУ ООШ ж.д. ст. Мадалан", curator: "МБОУ СОШ № 3", curatorKind: "organization", position: null },
    ]);
    const inline = findCurators(["2. Назначить куратором МБОУ СОШ № 3: Петрову Анну Ивановну, главного специалиста Управления образования."]);
    expect(inline).toEqual([{ school: "МБОУ СОШ № 3", curator: "Петрова А.И.", curatorKind: "person", position: "главный специалист Управления образования" }]);
  });
});

describe("cells of other districts: bodies with commas, people with spaces, roles beside names", () => {
  const read = (cell: string) => {
    const r = readResponsible(cell);
    return { shown: r.parties.map((p) => `[${p.kind}] ${p.name}${p.position ? ` {${p.position}}` : ""}${p.note ? ` ${p.note}` : ""}`), warnings: r.warnings };
  };

  it.each([
    // a body's name with commas inside is one party
    ["Министерство образования, науки и молодёжной политики края", ["[organization] Министерство образования, науки и молодёжной политики края"]],
    ["Отдел образования, опеки и попечительства", ["[organization] Отдел образования, опеки и попечительства"]],
    ["Комитет по образованию, культуре и спорту администрации района", ["[organization] Комитет по образованию, культуре и спорту администрации района"]],
    ["Департамент образования, науки и молодежной политики Воронежской области", ["[organization] Департамент образования, науки и молодежной политики Воронежской области"]],
    ["Управление образования, здравоохранения и социальной защиты", ["[organization] Управление образования, здравоохранения и социальной защиты"]],
    [
      "Отдел образования, опеки и попечительства, руководители ОО",
      ["[organization] Отдел образования, опеки и попечительства", "[role] Руководители ОО"],
    ],
    [
      "Министерство образования,\nнауки и молодёжной политики края (по согласованию), ИРО",
      ["[organization] Министерство образования, науки и молодёжной политики края (по согласованию)", "[organization] ИРО"],
    ],
    // …but what follows a body in the nominative is a party of its own
    ["Управление образования, методическая служба", ["[organization] Управление образования", "[organization] Методическая служба"]],
    ["Управление образования, муниципальные методические объединения", ["[organization] Управление образования", "[organization] Муниципальные методические объединения"]],
    ["Отдел образования, филиал ИРО", ["[organization] Отдел образования", "[organization] Филиал ИРО"]],
    ["Управление образования, родители", ["[organization] Управление образования", "[organization] Родители"]],
    // several persons with spaces only
    ["А.А. Сидорова В.В. Орлова", ["[person] Сидорова А.А.", "[person] Орлова В.В."]],
    ["Сидорова А.А. Орлова В.В.", ["[person] Сидорова А.А.", "[person] Орлова В.В."]],
    ["Сидорова А.А.Орлова В.В.", ["[person] Сидорова А.А.", "[person] Орлова В.В."]],
    ["Сидорова А.А. Орлова В.В. (по согласованию)", ["[person] Сидорова А.А. (по согласованию)", "[person] Орлова В.В. (по согласованию)"]],
    [
      "директор Иванов И.И. заместитель директора по УВР Петрова А.А.",
      ["[person] Иванов И.И. {директор}", "[person] Петрова А.А. {заместитель директора по УВР}"],
    ],
    ["Иванов И.И. директор Петрова А.А. заместитель директора", ["[person] Иванов И.И. {директор}", "[person] Петрова А.А. {заместитель директора}"]],
    // two roles, with or without a line break
    ["Заместитель директора по ВР, социальный педагог", ["[role] Заместитель директора по ВР", "[role] Социальный педагог"]],
    ["Заместитель директора по ВР,\nсоциальный педагог", ["[role] Заместитель директора по ВР", "[role] Социальный педагог"]],
    ["Заместитель директора по ВР\nсоциальный педагог", ["[role] Заместитель директора по ВР", "[role] Социальный педагог"]],
    // a person and a role in one cell keep both
    ["Сидорова А.А. учителя-предметники", ["[person] Сидорова А.А.", "[role] Учителя-предметники"]],
    ["Сидорова А.А.\nучителя-предметники", ["[person] Сидорова А.А.", "[role] Учителя-предметники"]],
    ["Сидорова А.А. Орлова В.В. классные руководители", ["[person] Сидорова А.А.", "[person] Орлова В.В.", "[role] Классные руководители"]],
    ["зам. директора по УВР Сидорова А.А., учителя-предметники", ["[person] Сидорова А.А. {зам. директора по УВР}", "[role] Учителя-предметники"]],
    // a person with a position before or after stays one person
    ["директор Иванов И.И.", ["[person] Иванов И.И. {директор}"]],
    ["Иванов И.И., директор МБОУ СОШ № 2", ["[person] Иванов И.И. {директор МБОУ СОШ № 2}"]],
    ["Сидорова А.А. учитель математики", ["[person] Сидорова А.А. {учитель математики}"]],
    ["Кравец Е.В. начальник управления образования", ["[person] Кравец Е.В. {начальник управления образования}"]],
  ])("%s", (cell, expected) => {
    const { shown, warnings } = read(cell);
    expect(shown).toEqual(expected);
    expect(warnings).toEqual([]);
  });

  it.each([
    // a comma between numbers is not a separator
    ["Классные руководители 9, 11 классов", ["[role] Классные руководители 9, 11 классов"]],
    ["учителя 5-9 классов", ["[role] Учителя 5-9 классов"]],
    ["Учителя-предметники 9-х, 11-х классов", ["[role] Учителя-предметники 9-х, 11-х классов"]],
    ["Учителя 1 – 4, 5 – 9 классов, заместитель директора по УВР", ["[role] Учителя 1 – 4, 5 – 9 классов", "[role] Заместитель директора по УВР"]],
    ["руководители ОО № 1, 3, 5", ["[organization] Руководители ОО № 1, 3, 5"]],
    ["Руководители ОО №1,3,5", ["[organization] Руководители ОО №1,3,5"]],
    ["Руководители МБОУ СОШ № 2, 7, Отдел образования", ["[organization] Руководители МБОУ СОШ № 2, 7", "[organization] Отдел образования"]],
    ["МБОУ «СОШ № 1, 2»", ["[organization] МБОУ «СОШ № 1, 2»"]],
    ["Классные руководители 9, 11 классов, Иванова И.И.", ["[role] Классные руководители 9, 11 классов", "[person] Иванова И.И."]],
    // an address, a room, a bare number after a comma go on the party before them
    ["ГАУ ДПО «ИРО», г. Пермь", ["[organization] ГАУ ДПО «ИРО», г. Пермь"]],
    ["МКУ «ИМЦ», ул. Ленина, 5", ["[organization] МКУ «ИМЦ», ул. Ленина, 5"]],
    ["Петрова А.А., зам. директора по УВР, каб. 12, 14", ["[person] Петрова А.А. {зам. директора по УВР, каб. 12, 14}"]],
    ["Руководители ОО, п. 3.1, 3.2 приказа", ["[role] Руководители ОО, п. 3.1, 3.2 приказа"]],
    // …but a school's post after a body is still a party of its own
    ["Отдел образования, зам. директора по УВР", ["[organization] Отдел образования", "[role] Зам. директора по УВР"]],
  ])("numbers and abbreviations after a comma: %s", (cell, expected) => {
    const { shown, warnings } = read(cell);
    expect(shown).toEqual(expected);
    expect(warnings).toEqual([]);
  });

  it("a prose executor with a list of school numbers stays one party per school group", () => {
    const shown = (header: string) => parseExecutor(header).map((p) => `[${p.kind}] ${p.name}${p.position ? ` {${p.position}}` : ""}`);
    expect(shown("Классным руководителям 9, 11 классов")).toEqual(["[role] Классные руководители 9, 11 классов"]);
    expect(shown("Руководителям МБОУ СОШ № 1, 3 (Петров И.И.), МБОУ ООШ № 2, 4 (Сидорова Е.В.)")).toEqual([
      "[person] Петров И.И. {руководитель МБОУ СОШ № 1, 3}",
      "[person] Сидорова Е.В. {руководитель МБОУ ООШ № 2, 4}",
    ]);
  });

  it.each([
    ["Сидорова А.А. Орлова", "в ответственных «Сидорова А.А. Орлова» неясно, к какой фамилии относятся инициалы «А.А.»: «Сидорова» или «Орлова»; проверьте"],
    [
      "Сидорова А.А. Орлова В.В. учитель математики",
      "в ответственных «Сидорова А.А. Орлова В.В. учитель математики» неясно, чья должность «учитель математики»; принято: Орлова В.В.; проверьте",
    ],
    ["Сидорова А.А. учитель Орлова В.В.", "в ответственных «Сидорова А.А. учитель Орлова В.В.» неясно, чья должность «учитель»; принято: Орлова В.В.; проверьте"],
    [
      "Заместитель директора по ВР социальный педагог",
      "в ответственных «Заместитель директора по ВР социальный педагог» должности разделены по догадке: «Заместитель директора по ВР», «социальный педагог»; проверьте",
    ],
    ["Управление образования, спорта", "в ответственных «Управление образования, спорта» запятая прочитана внутри названия одной организации; проверьте"],
  ])("an unsure split is said: %s", (cell, warning) => {
    expect(read(cell).warnings).toEqual([warning]);
  });

  it("every responsible cell of the fixtures reads without a doubt", () => {
    const files: Array<[string, number]> = [["skovorodino-2023-roadmap.txt", 4], ["bagan-2024-roadmap.txt", 3], ["bolshebereznikovsky-2020-2022-program.txt", 3]];
    for (const [file, col] of files) {
      for (const line of readFileSync(join(FIXTURES, file), "utf8").split("\n")) {
        const c = line.split("\t");
        if (c.length > col && /^\d+\.?$/.test(c[0]!.trim())) expect(readResponsible(c[col]!).warnings).toEqual([]);
      }
    }
  });

  it("a prose executor addressed in the dative keeps a body's name whole", () => {
    const shown = (header: string) => parseExecutor(header).map((p) => `[${p.kind}] ${p.name}${p.position ? ` {${p.position}}` : ""}`);
    expect(shown("Министерству образования, науки и молодёжной политики края")).toEqual(["[organization] Министерство образования, науки и молодёжной политики края"]);
    expect(shown("Отделу образования, опеки и попечительства (Сидорова А.А.)")).toEqual(["[person] Сидорова А.А. {отдел образования, опеки и попечительства}"]);
    expect(shown("Комитету по образованию, культуре и спорту")).toEqual(["[organization] Комитет по образованию, культуре и спорту"]);
    expect(shown("Управлению образования, методической службе")).toEqual(["[organization] Управление образования", "[organization] Методическая служба"]);
  });

  it("a labelled executor inside a prose point gets its doubts said too", () => {
    const { items, warnings } = importProse(
      [
        { text: "ПРИКАЗЫВАЮ:", line: 1 },
        { text: "1. Провести пробные экзамены (ответственные: Сидорова А.А. Орлова В.В. учитель математики, срок: март 2026).", line: 2 },
      ],
      { years: [2026], orderDate: "2026-01-12" },
    );
    expect(items[0]!.responsible.map((p) => p.name)).toEqual(["Сидорова А.А.", "Орлова В.В."]);
    expect(warnings.filter((w) => /в ответственных/.test(w.message)).map((w) => [w.item, w.row])).toEqual([["1", 2]]);
  });

  it("an import carries the doubts in its warnings, with the item and the row", () => {
    const doc: SourceDocument = {
      fileName: "plan.docx",
      format: "docx",
      blocks: [
        { type: "paragraph", text: "План мероприятий по повышению качества образования на 2026 год" },
        {
          type: "table",
          table: {
            rows: [
              ["№", "Мероприятие", "Срок", "Ответственные"],
              ["1", "Совещание руководителей", "Март", "Министерство образования, науки и молодёжной политики края"],
              ["2", "Пробные экзамены", "Апрель", "Сидорова А.А. Орлова"],
            ].map((r) => r.map((text) => ({ text }))),
            rowNumbers: [10, 11, 12],
          },
        },
      ],
    };
    const r = importDocument(doc, { defaultTimezone: "Europe/Moscow" });
    expect(r.items[0]!.responsible.map((p) => p.name)).toEqual(["Министерство образования, науки и молодёжной политики края"]);
    expect(r.warnings.filter((w) => /в ответственных/.test(w.message))).toEqual([
      { item: "2", row: 12, message: "в ответственных «Сидорова А.А. Орлова» неясно, к какой фамилии относятся инициалы «А.А.»: «Сидорова» или «Орлова»; проверьте" },
    ]);
  });
});
