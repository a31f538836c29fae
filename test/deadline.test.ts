import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseDeadline } from "../core/deadline/parse.ts";
import type { DeadlineContext, DeadlineKind, Every, Schedule } from "../core/types.ts";
import { FIXTURES_DIR } from "./support/fixtures.ts";

// Every deadline phrase of the five fixtures, with the schedule it must give, then the variants offices write.

const FIXTURES = FIXTURES_DIR;
const fixtureText = (name: string) => fs.readFileSync(path.join(FIXTURES, `${name}.txt`), "utf8");

type Expected = Omit<Schedule, "text">;
const date = (due: string): Expected => ({ kind: "date", start: null, due, checkpoints: [due], every: null });
const window = (start: string, due: string): Expected => ({ kind: "window", start, due, checkpoints: [due], every: null });
const multi = (start: string | null, ...checkpoints: string[]): Expected => ({
  kind: "multi", start, due: checkpoints.at(-1)!, checkpoints, every: null,
});
const span = (kind: DeadlineKind, start: string | null, due: string | null, every: Every | null = null): Expected => ({
  kind, start, due, checkpoints: [], every,
});
const year = (y: number) => [`${y}-01-01`, `${y}-12-31`] as const;

interface Case {
  text: string;
  expected: Expected;
  /** the warnings, each as a substring, in order; none when absent */
  warnings?: string[];
}

const SKOVORODINO: DeadlineContext = { years: [2023], orderDate: "2023-03-31" };
const BAGAN: DeadlineContext = { years: [2024], orderDate: "2024-03-29" };
const BOLSHE = (sectionYear: number): DeadlineContext => ({ sectionYear, years: [2020, 2021, 2022], orderDate: "2021-06-10" });
const BODAIBO: DeadlineContext = { years: [2023, 2024], orderDate: "2023-06-14" };
const BOROVSK: DeadlineContext = { years: [2021], orderDate: "2021-06-01" };

const BEFORE_BOLSHE_ORDER = "раньше даты приказа (10 июня 2021)";

const fixtures: { name: string; ctx: DeadlineContext; cases: Case[] }[] = [
  {
    name: "skovorodino-2023-roadmap",
    ctx: SKOVORODINO,
    cases: [
      { text: "По мере необходимости", expected: span("on_demand", null, null) },
      { text: "По графику", expected: span("on_demand", null, null) },
      { text: "<p>В установленные графиком ГАУ ДПО «АМИРО» сроки</p>", expected: span("on_demand", null, null) },
      { text: "<p>Июнь 2023</p>", expected: date("2023-06-30") },
      { text: "<p>Март-декабрь 2023</p>", expected: window("2023-03-01", "2023-12-31") },
      { text: "<p>Март 2023 Декабрь 2023</p>", expected: multi("2023-03-01", "2023-03-31", "2023-12-31") },
      { text: "<p>Март-апрель 2023</p>", expected: window("2023-03-01", "2023-04-30") },
      { text: "Апрель-декабрь 2023", expected: window("2023-04-01", "2023-12-31") },
      { text: "Март-апрель 2023 Апрель-декабрь 2023", expected: multi("2023-03-01", "2023-04-30", "2023-12-31") },
      { text: "Март-декабрь 2023", expected: window("2023-03-01", "2023-12-31") },
      { text: "Март 2023", expected: date("2023-03-31") },
      { text: "Весь период", expected: span("ongoing", ...year(2023)) },
      { text: "В течение года", expected: span("ongoing", ...year(2023)) },
      { text: "Февраль-март 2023", expected: window("2023-02-01", "2023-03-31") },
      { text: "Июль 2023", expected: date("2023-07-31") },
      { text: "Сентябрь 2023", expected: date("2023-09-30") },
      { text: "Август 2023", expected: date("2023-08-31") },
      { text: "Октябрь 2023", expected: date("2023-10-31") },
      { text: "Май-июнь 2023", expected: window("2023-05-01", "2023-06-30") },
      { text: "Ноябрь 2023", expected: date("2023-11-30") },
      { text: "Сентябрь-октябрь 2023", expected: window("2023-09-01", "2023-10-31") },
      { text: "Апрель-май 2023", expected: window("2023-04-01", "2023-05-31") },
      {
        text: "Март 2023 2022",
        expected: date("2023-03-31"),
        warnings: ["в сроке «Март 2023 2022» два года подряд (2023 и 2022): принят 2023"],
      },
      { text: "Постоянно", expected: span("ongoing", ...year(2023)) },
    ],
  },
  {
    name: "bagan-2024-roadmap",
    ctx: BAGAN,
    cases: [
      { text: "Март 2024", expected: date("2024-03-31") },
      { text: "Март-декабрь 2024", expected: window("2024-03-01", "2024-12-31") },
      { text: "Март, апрель", expected: multi("2024-03-01", "2024-03-31", "2024-04-30") },
      { text: "Март- июль 2024", expected: window("2024-03-01", "2024-07-31") },
      { text: "Март-ноябрь", expected: window("2024-03-01", "2024-11-30") },
      { text: "Апрель 2024", expected: date("2024-04-30") },
      { text: "Апрель 2024, октябрь 2024", expected: multi("2024-04-01", "2024-04-30", "2024-10-31") },
      { text: "Апрель – сентябрь 2024", expected: window("2024-04-01", "2024-09-30") },
      { text: "Апрель-май", expected: window("2024-04-01", "2024-05-31") },
      { text: "Апрель 2024, сентябрь 2024", expected: multi("2024-04-01", "2024-04-30", "2024-09-30") },
      { text: "Август – сентябрь 2024", expected: window("2024-08-01", "2024-09-30") },
      { text: "Сентябрь-октябрь 2024", expected: window("2024-09-01", "2024-10-31") },
      { text: "Октябрь-ноябрь 2024", expected: window("2024-10-01", "2024-11-30") },
      { text: "Ноябрь-декабрь 2024", expected: window("2024-11-01", "2024-12-31") },
      { text: "Октябрь - декабрь 2024", expected: window("2024-10-01", "2024-12-31") },
      { text: "По графику федерального оператора", expected: span("on_demand", null, null) },
      // split over two text rows in the export; the importer joins them with a line break or a space
      { text: "Еженедельно в\nтечение года", expected: span("recurring", ...year(2024), "week") },
      { text: "В течение года (по заявкам)", expected: span("on_demand", ...year(2024)) },
      { text: "В течение года", expected: span("ongoing", ...year(2024)) },
      { text: "В течение года, по запросу", expected: span("on_demand", ...year(2024)) },
      { text: "В течение года, по согласованию с ОО", expected: span("on_demand", ...year(2024)) },
    ],
  },
  {
    name: "bolshebereznikovsky-2020-2022-program",
    ctx: BOLSHE(2020),
    // the programme was approved in June 2021: its whole 2020 section lies before the order
    cases: [
      ["май 2020 года", date("2020-05-31")],
      ["Апрель 2020 года - декабрь 2020 года", window("2020-04-01", "2020-12-31")],
      ["Май 2020 года", date("2020-05-31")],
      ["Апрель - май 2020 года", window("2020-04-01", "2020-05-31")],
      ["Сентябрь - ноябрь 2020 года", window("2020-09-01", "2020-11-30")],
      ["Сентябрь 2020 года; ноябрь 2020 года", multi("2020-09-01", "2020-09-30", "2020-11-30")],
      ["Май - июнь 2020 года; август 2020 года - октябрь 2020 года", multi("2020-05-01", "2020-06-30", "2020-10-31")],
      ["май 2020 года - декабрь 2020 года", window("2020-05-01", "2020-12-31")],
      ["Апрель 2020 года - июнь 2020 года; сентябрь 2020 года - ноябрь 2020 года", multi("2020-04-01", "2020-06-30", "2020-11-30")],
      ["Август 2020 года - сентябрь 2020 года", window("2020-08-01", "2020-09-30")],
      ["Декабрь 2020 года", date("2020-12-31")],
      ["В течение года", span("ongoing", ...year(2020))],
    ].map(([text, expected]) => ({ text: text as string, expected: expected as Expected, warnings: [BEFORE_BOLSHE_ORDER] })),
  },
  ...[2021, 2022].map((y) => {
    // in 2021 only what ends before 10 June 2021 warns
    const w = (endsEarly: boolean) => (y === 2021 && endsEarly ? [BEFORE_BOLSHE_ORDER] : undefined);
    const cases: Case[] = [
      { text: `Январь ${y} года`, expected: date(`${y}-01-31`), warnings: w(true) },
      { text: `Январь ${y} года - февраль ${y} года`, expected: window(`${y}-01-01`, `${y}-02-28`), warnings: w(true) },
      { text: `Январь ${y} года - декабрь ${y} года`, expected: window(`${y}-01-01`, `${y}-12-31`) },
      { text: `Февраль ${y} года - март ${y} года`, expected: window(`${y}-02-01`, `${y}-03-31`), warnings: w(true) },
      { text: `Февраль ${y} года`, expected: date(`${y}-02-28`), warnings: w(true) },
      {
        text: `Февраль ${y} года; июнь ${y} года; ноябрь ${y} года`,
        expected: multi(`${y}-02-01`, `${y}-02-28`, `${y}-06-30`, `${y}-11-30`),
        warnings: w(true),
      },
      {
        text: `Апрель ${y} года - июнь ${y} года; сентябрь ${y} года - ноябрь ${y} года`,
        expected: multi(`${y}-04-01`, `${y}-06-30`, `${y}-11-30`),
      },
      { text: `Декабрь ${y} года`, expected: date(`${y}-12-31`) },
      { text: "В течение года", expected: span("ongoing", ...year(y)) },
    ];
    if (y === 2021) cases.push({ text: "Август 2021 года - сентябрь 2021 года", expected: window("2021-08-01", "2021-09-30") });
    return { name: "bolshebereznikovsky-2020-2022-program", ctx: BOLSHE(y), cases };
  }),
  {
    name: "bodaibo-2023-order",
    ctx: BODAIBO,
    cases: [
      { text: "в 2023-2024 учебном году", expected: window("2023-09-01", "2024-05-31") },
      { text: "в 2023 -2024 учебном году", expected: window("2023-09-01", "2024-05-31") },
      { text: "в 2023- 2024 учебном году", expected: window("2023-09-01", "2024-05-31") },
      { text: "Срок: июнь 2023г.", expected: date("2023-06-30") },
      { text: "в срок до 01.09.2023г.", expected: date("2023-09-01") },
      { text: "Срок: 2023-2024 г.;", expected: window("2023-01-01", "2024-12-31") },
      { text: "Срок исполнения: постоянно.", expected: span("ongoing", "2023-01-01", "2024-12-31") },
      { text: "Срок: 01.09.2023г.;", expected: date("2023-09-01") },
      { text: "Срок: до 01.09.2023г.;", expected: date("2023-09-01") },
    ],
  },
  {
    name: "borovsk-2021-order",
    ctx: BOROVSK,
    cases: [
      { text: "в срок до 15.06.2021 г.", expected: date("2021-06-15") },
      { text: "в срок до 01.09.2021 г.", expected: date("2021-09-01") },
      {
        text: "в срок до 11.06.2020 г.",
        expected: date("2020-06-11"),
        warnings: ["срок «в срок до 11.06.2020 г.» раньше даты приказа (1 июня 2021)"],
      },
      { text: "в срок до 01.09 2021 г.", expected: date("2021-09-01") },
      { text: "срок до 01.06.2021", expected: date("2021-06-01") },
      { text: "срок 01.09.2021", expected: date("2021-09-01") },
      { text: "срок 01.09 .2021", expected: date("2021-09-01") },
      { text: "срок 15.09.2021", expected: date("2021-09-15") },
      { text: "постоянно", expected: span("ongoing", ...year(2021)) },
      { text: "постоянно .", expected: span("ongoing", ...year(2021)) },
      {
        text: "срок 0.09.2021",
        expected: date("2021-09-01"),
        warnings: ["в сроке «срок 0.09.2021» дата «0.09.2021» неполная: принято 1 сентября 2021"],
      },
      { text: "срок 01.09.2021.", expected: date("2021-09-01") },
      { text: "в течение года", expected: span("ongoing", ...year(2021)) },
    ],
  },
];

function check(c: Case, ctx: DeadlineContext): void {
  const { schedule, warnings } = parseDeadline(c.text, ctx);
  const { text: _text, ...got } = schedule;
  expect(got, c.text).toEqual(c.expected);
  const want = c.warnings ?? [];
  expect(warnings, `${c.text}: ${warnings.join(" | ")}`).toHaveLength(want.length);
  want.forEach((w, i) => expect(warnings[i]).toContain(w));
}

describe("every deadline phrase of the fixtures", () => {
  for (const fx of fixtures) {
    describe(`${fx.name}${fx.ctx.sectionYear ? ` (${fx.ctx.sectionYear})` : ""}`, () => {
      for (const c of fx.cases) {
        it(JSON.stringify(c.text), () => {
          // the phrase is really in the document (markup and the export's line break aside)
          const plain = c.text.replace(/<\/?p>/g, "").split("\n")[0]!;
          expect(fixtureText(fx.name)).toContain(plain);
          check(c, fx.ctx);
        });
      }
    });
  }

  // The tables' deadline columns, read straight from the files: no cell is missing from the cases above.
  const tables = [
    { name: "skovorodino-2023-roadmap", header: "Сроки реализации мероприятий" },
    { name: "bagan-2024-roadmap", header: "Сроки реализации" },
    { name: "bolshebereznikovsky-2020-2022-program", header: "Период реализации отдельного действия" },
  ];
  for (const t of tables) {
    it(`covers every cell of the deadline column of ${t.name}`, () => {
      const lines = fixtureText(t.name).split("\n");
      const head = lines.findIndex((l) => l.includes("\t") && l.split("\t").includes(t.header));
      expect(head).toBeGreaterThan(0);
      const col = lines[head]!.split("\t").indexOf(t.header);
      const known = fixtures.filter((f) => f.name === t.name).flatMap((f) => f.cases.map((c) => c.text.replace(/<\/?p>/g, "")));
      let cells = 0;
      for (const line of lines.slice(head + 1)) {
        const cell = line.split("\t")[col]?.replace(/<\/?p>/g, "").trim();
        if (!cell || /^\d+$/.test(cell)) continue; // empty, or the «1 2 3 4» column-number row
        cells++;
        expect(known.some((k) => k.includes(cell)), `${t.name}: «${cell}» has no case`).toBe(true);
      }
      expect(cells).toBeGreaterThan(20);
    });
  }

  // The prose orders: every «Срок: …», «в срок до …», «- срок …», «- постоянно», «в … учебном году» in the files.
  const PROSE_DEADLINE =
    /Срок(?: исполнения)?: [^;\n]+|в срок до [\d. ]+г\.|срок(?: до)? [\d. ]+\d|[-–] постоянно|[-–] в течение года|в 20\d\d ?- ?20\d\d учебном году/g;
  for (const name of ["bodaibo-2023-order", "borovsk-2021-order"]) {
    it(`covers every deadline phrase in the prose of ${name}`, () => {
      const known = fixtures.filter((f) => f.name === name).flatMap((f) => f.cases.map((c) => c.text));
      const found = [...fixtureText(name).matchAll(PROSE_DEADLINE)].map((m) => m[0]);
      for (const phrase of found) {
        expect(known.some((k) => phrase.includes(k) || k.includes(phrase)), `${name}: «${phrase}» has no case`).toBe(true);
      }
      expect(found.length).toBeGreaterThan(6);
    });
  }
});

describe("the issue's and the contract's examples", () => {
  const ctx2023: DeadlineContext = { years: [2023], orderDate: "2023-03-01" };
  it.each<[string, DeadlineContext, Expected]>([
    ["Июнь 2023", ctx2023, date("2023-06-30")],
    ["Март-декабрь 2023", ctx2023, window("2023-03-01", "2023-12-31")],
    ["Март 2023 Декабрь 2023", ctx2023, multi("2023-03-01", "2023-03-31", "2023-12-31")],
    ["Май - июнь 2020 года; август 2020 года - октябрь 2020 года", { years: [2020] }, multi("2020-05-01", "2020-06-30", "2020-10-31")],
    ["Еженедельно в течение года", { years: [2024] }, span("recurring", ...year(2024), "week")],
    ["в срок до 15.06.2021 г.", { years: [2021] }, date("2021-06-15")],
    ["Апрель 2024, октябрь 2024", { years: [2024] }, multi("2024-04-01", "2024-04-30", "2024-10-31")],
    ["Март, апрель", { years: [2024] }, multi("2024-03-01", "2024-03-31", "2024-04-30")],
    ["Срок: 2023-2024 г.", ctx2023, window("2023-01-01", "2024-12-31")],
    ["Февраль-март 2023", ctx2023, window("2023-02-01", "2023-03-31")],
  ])("%s", (text, ctx, expected) => check({ text, expected }, ctx));
  it("keeps the text as written, markup gone", () => {
    expect(parseDeadline("<p>Июнь&nbsp;2023</p>", ctx2023).schedule.text).toBe("Июнь 2023");
    expect(parseDeadline("Еженедельно в\nтечение года", ctx2023).schedule.text).toBe("Еженедельно в течение года");
  });
});

describe("what offices write beyond the fixtures", () => {
  const ctx: DeadlineContext = { years: [2024], orderDate: "2024-01-15" };
  it.each<[string, Expected]>([
    // months in any case and short form
    ["март", date("2024-03-31")],
    ["марта 2024", date("2024-03-31")],
    ["МАРТ 2024", date("2024-03-31")],
    ["мар. 2024", date("2024-03-31")],
    ["сент. 2024", date("2024-09-30")],
    ["в сентябре", date("2024-09-30")],
    ["нояб.", date("2024-11-30")],
    ["в мае 2024 г.", date("2024-05-31")],
    // dashes and «с … по …»
    ["март-май 2024", window("2024-03-01", "2024-05-31")],
    ["март – май 2024", window("2024-03-01", "2024-05-31")],
    ["март — май 2024", window("2024-03-01", "2024-05-31")],
    ["с марта по май 2024 года", window("2024-03-01", "2024-05-31")],
    ["с 01.03.2024 по 15.04.2024", window("2024-03-01", "2024-04-15")],
    ["с 1 марта по 15 апреля 2024 г.", window("2024-03-01", "2024-04-15")],
    // years written every way
    ["2024", window("2024-01-01", "2024-12-31")],
    ["2024 г.", window("2024-01-01", "2024-12-31")],
    ["2024 года", window("2024-01-01", "2024-12-31")],
    ["2024г.", window("2024-01-01", "2024-12-31")],
    ["июнь 2024г.", date("2024-06-30")],
    // days
    ["15.06.2024", date("2024-06-15")],
    ["15.06.24", date("2024-06-15")],
    ["01.09 2024", date("2024-09-01")],
    ["01.09 .2024", date("2024-09-01")],
    ["2024-09-01", date("2024-09-01")],
    ["01/09/2024", date("2024-09-01")],
    ["1 сент. 2024", date("2024-09-01")],
    ["1-15 сентября", window("2024-09-01", "2024-09-15")],
    ["май, 2024", date("2024-05-31")],
    ["в первой декаде сентября 2024", date("2024-09-10")],
    ["3 декада февраля", date("2024-02-29")],
    ["вторая неделя марта", date("2024-03-14")],
    ["с 1 по 15 сентября 2024", window("2024-09-01", "2024-09-15")],
    ["15 и 30 сентября", multi(null, "2024-09-15", "2024-09-30")],
    ["до 01.09", date("2024-09-01")],
    ["не позднее 15.06.2024", date("2024-06-15")],
    ["не позднее 20 мая", date("2024-05-20")],
    ["к 1 сентября", date("2024-09-01")],
    ["к 1 сентября 2024 г.", date("2024-09-01")],
    // quarters and half-years
    ["I квартал 2024", window("2024-01-01", "2024-03-31")],
    ["IV квартал 2024 г.", window("2024-10-01", "2024-12-31")],
    ["2 кв.", window("2024-04-01", "2024-06-30")],
    ["3 квартал", window("2024-07-01", "2024-09-30")],
    ["в 1-м квартале 2024 года", window("2024-01-01", "2024-03-31")],
    ["до конца II квартала", date("2024-06-30")],
    ["I–II квартал 2024", window("2024-01-01", "2024-06-30")],
    ["III - IV кварталы", window("2024-07-01", "2024-12-31")],
    ["1, 2 квартал", multi("2024-01-01", "2024-03-31", "2024-06-30")],
    ["I полугодие 2024", window("2024-01-01", "2024-06-30")],
    ["І квартал", window("2024-01-01", "2024-03-31")], // a Cyrillic «І» for the Roman one
    ["второе полугодие", window("2024-07-01", "2024-12-31")],
    ["в течение 1 полугодия", span("ongoing", "2024-01-01", "2024-06-30")],
    ["2 полугодие 2023/24 уч. года", window("2024-01-01", "2024-05-31")],
    ["четвертый квартал", window("2024-10-01", "2024-12-31")],
    // school terms (четверти)
    ["I четверть", window("2024-09-01", "2024-10-31")],
    ["в IV четверти 2024 г.", window("2024-04-01", "2024-05-31")],
    ["III четверть 2024-2025 учебного года", window("2025-01-01", "2025-03-31")],
    // school years and spans of years
    ["2024-2025 учебный год", window("2024-09-01", "2025-05-31")],
    ["2024/2025 учебный год", window("2024-09-01", "2025-05-31")],
    ["в 2024/25 уч. году", window("2024-09-01", "2025-05-31")],
    ["2024-2025 г.", window("2024-01-01", "2025-12-31")],
    ["сентябрь 2024-2025 учебного года", date("2024-09-30")],
    ["май 2024-2025 учебного года", date("2025-05-31")],
    ["октябрь - декабрь 2024/25 уч. г.", window("2024-10-01", "2024-12-31")],
    ["2024 - 2025 гг.", window("2024-01-01", "2025-12-31")],
    // seasons
    ["весна 2024", window("2024-03-01", "2024-05-31")],
    ["летний период", window("2024-06-01", "2024-08-31")],
    ["лето, осень 2024", multi("2024-06-01", "2024-08-31", "2024-11-30")],
    ["зима 2024", window("2023-12-01", "2024-02-29")],
    // cross-year and several ranges
    ["сентябрь – май 2025", window("2024-09-01", "2025-05-31")],
    ["март 2024 и сентябрь 2024", multi("2024-03-01", "2024-03-31", "2024-09-30")],
    ["15.03.2024, 15.06.2024", multi(null, "2024-03-15", "2024-06-15")],
    ["март-декабрь 2024, апрель 2024", multi("2024-03-01", "2024-04-30", "2024-12-31")],
    // keywords
    ["до конца года", date("2024-12-31")],
    ["до конца 2025 года", date("2025-12-31")],
    ["до конца учебного года", date("2024-05-31")],
    ["до начала учебного года", date("2024-09-01")],
    ["к началу 2024-2025 учебного года", date("2024-09-01")],
    ["ежемесячно", span("recurring", ...year(2024), "month")],
    ["Ежеквартально", span("recurring", ...year(2024), "quarter")],
    ["ежемесячно с сентября по декабрь 2024", span("recurring", "2024-09-01", "2024-12-31", "month")],
    ["еженедельно", span("recurring", ...year(2024), "week")],
    ["1 раз в квартал", span("recurring", ...year(2024), "quarter")],
    ["каждый месяц до 5 числа", { ...span("recurring", ...year(2024), "month"), day: 5 }],
    ["постоянно", span("ongoing", ...year(2024))],
    ["в течение 2024 года", span("ongoing", ...year(2024))],
    ["в течение учебного года", span("ongoing", "2023-09-01", "2024-05-31")],
    ["весь период", span("ongoing", ...year(2024))],
    ["с сентября 2024 года", span("ongoing", "2024-09-01", "2024-12-31")],
    ["с 01.09.2024", span("ongoing", "2024-09-01", "2024-12-31")],
    ["1 раз в полугодие", span("ongoing", ...year(2024))],
    ["по полугодиям", span("ongoing", ...year(2024))],
    ["по итогам полугодия", span("ongoing", ...year(2024))],
    ["ежеполугодно", span("ongoing", ...year(2024))],
    ["по мере необходимости", span("on_demand", null, null)],
    ["по запросу", span("on_demand", null, null)],
    ["по заявкам ОО", span("on_demand", null, null)],
    ["по графику МОУО", span("on_demand", null, null)],
    ["по отдельному графику", span("on_demand", null, null)],
    // asked on the 20th of the quarter's last month (core/checkins.ts askDay: the nearest 20th to its end)
    ["до 20 числа последнего месяца квартала", { ...span("recurring", ...year(2024), "quarter"), day: 20 }],
    ["по утверждённому графику ИМЦ", span("on_demand", null, null)],
    ["согласно утверждённому плану-графику", span("on_demand", null, null)],
    ["в установленные сроки", span("on_demand", null, null)],
    ["в течение 10 рабочих дней после получения результатов", span("on_demand", null, null)],
    ["по факту проведения", span("on_demand", null, null)],
    ["не позднее 5 дней после окончания четверти", span("on_demand", null, null)],
    ["в установленные министерством сроки, в течение года", span("on_demand", ...year(2024))],
    ["По мере необходимости, в течение года", span("on_demand", ...year(2024))],
  ])("%s", (text, expected) => check({ text, expected }, ctx));

  it("takes the year from the section, else the roadmap's only year, else the order's", () => {
    expect(parseDeadline("Март", { sectionYear: 2021, years: [2020, 2021, 2022] }).schedule.due).toBe("2021-03-31");
    expect(parseDeadline("Март", { years: [2022] }).schedule.due).toBe("2022-03-31");
    expect(parseDeadline("Март", { orderDate: "2019-02-01" }).schedule.due).toBe("2019-03-31");
  });

  it.each<[string, Expected]>([
    ["сентябрь 2026 – май 2027", window("2026-09-01", "2027-05-31")],
    ["март-апрель, сентябрь-октябрь 2026", multi("2026-03-01", "2026-04-30", "2026-10-31")],
  ])("%s (a roadmap for 2026–2027)", (text, expected) => check({ text, expected }, { years: [2026, 2027], orderDate: "2026-02-01" }));

  it("a half of a school year lies across two calendar years", () => {
    const r = parseDeadline("1 полугодие 2023-2024 учебного года", { years: [2023, 2024], orderDate: "2023-06-14" });
    expect(r.schedule).toMatchObject(window("2023-09-01", "2023-12-31"));
    expect(r.warnings).toEqual([]);
  });

  it("repeats «ежегодно в мае» in each year of a programme", () => {
    const programme: DeadlineContext = { years: [2020, 2021, 2022], orderDate: "2020-04-15" };
    expect(parseDeadline("ежегодно в мае", programme).schedule).toMatchObject(
      multi("2020-05-01", "2020-05-31", "2021-05-31", "2022-05-31"),
    );
    // in one year's section, once
    expect(parseDeadline("ежегодно в мае", { ...programme, sectionYear: 2021 }).schedule).toMatchObject(date("2021-05-31"));
    expect(parseDeadline("ежегодно", programme).schedule).toMatchObject(span("ongoing", "2020-01-01", "2022-12-31"));
  });

  it("warns when the year of a month is a guess among several", () => {
    const r = parseDeadline("Март", { years: [2020, 2021, 2022], orderDate: "2021-02-10" });
    expect(r.schedule).toMatchObject({ kind: "date", due: "2021-03-31" });
    expect(r.warnings).toEqual(["в сроке «Март» не указан год: принят 2021"]);
  });

  describe("rhythms, terms and «далее ежегодно» in a roadmap for 2025–2026", () => {
    const two: DeadlineContext = { years: [2025, 2026], orderDate: "2025-01-20" };
    const all = (kind: DeadlineKind, every: Every | null = null) => span(kind, "2025-01-01", "2026-12-31", every);
    it.each<[string, Expected]>([
      ["каждый понедельник", { ...all("recurring", "week"), day: 1 }],
      ["по пятницам", { ...all("recurring", "week"), day: 5 }],
      ["не реже 1 раза в месяц", all("recurring", "month")],
      ["до 15 числа", { ...all("recurring", "month"), day: 15 }],
      ["не позднее 5-го числа", { ...all("recurring", "month"), day: 5 }],
      ["не реже 1 раза в квартал", all("recurring", "quarter")],
      ["по итогам каждой четверти", all("recurring", "quarter")],
      ["ежечетвертно", all("recurring", "quarter")],
      ["1 раз в четверть", all("recurring", "quarter")],
      ["по плану работы ОО", span("on_demand", null, null)],
      ["в соответствии с графиком", span("on_demand", null, null)],
      ["в сроки, установленные Минпросвещения России", span("on_demand", null, null)],
      ["по итогам учебного года", date("2025-05-31")],
      ["по итогам 2025 года", date("2025-12-31")],
      ["1-я неделя сентября 2025", date("2025-09-07")],
      ["сентябрь 2025 – май", window("2025-09-01", "2026-05-31")],
      ["до 31.12.2025 (далее – ежегодно)", multi(null, "2025-12-31", "2026-12-31")],
      ["август-сентябрь 2025 г., далее ежегодно", multi("2025-08-01", "2025-09-30", "2026-09-30")],
      ["2 раза в год (декабрь, май)", multi("2025-05-01", "2025-05-31", "2025-12-31", "2026-05-31", "2026-12-31")],
    ])("%s", (text, expected) => check({ text, expected }, two));

    it("months listed in school-year order run into the next year, and the warning names both years", () => {
      const r = parseDeadline("сентябрь, декабрь, март, май", two);
      expect(r.schedule).toMatchObject(multi("2025-09-01", "2025-09-30", "2025-12-31", "2026-03-31", "2026-05-31"));
      expect(r.warnings).toEqual(["в сроке «сентябрь, декабрь, март, май» не указан год: приняты 2025–2026"]);
      // never past the roadmap's last year: in a one-year roadmap the months stay in it
      const one = parseDeadline("октябрь, январь, апрель", { years: [2025], orderDate: "2025-01-20" });
      expect(one.schedule).toMatchObject(multi("2025-01-01", "2025-01-31", "2025-04-30", "2025-10-31"));
    });

    it("keeps the day a rhythm names", () => {
      const day = (text: string) => parseDeadline(text, two).schedule.day;
      expect(day("ежемесячно, до 5 числа")).toBe(5);
      expect(day("ежемесячно до 5 числа месяца, следующего за отчетным")).toBe(5);
      expect(day("до 25 числа каждого месяца")).toBe(25);
      expect(day("ежеквартально, не позднее 10-го числа")).toBe(10);
      expect(day("еженедельно по пятницам")).toBe(5);
      expect(day("по понедельникам")).toBe(1);
      expect(day("еженедельно, по средам")).toBe(3);
      // none named, or two: none kept
      expect(day("ежемесячно")).toBeUndefined();
      expect(day("по понедельникам и пятницам")).toBeUndefined();
      expect(day("до 20.12")).toBeUndefined();
      expect(JSON.stringify(parseDeadline("ежемесячно", two).schedule)).not.toContain("day");
    });

    it("«далее ежегодно» in the roadmap's last year adds nothing", () => {
      expect(parseDeadline("до 31.12.2026, далее ежегодно", two).schedule).toMatchObject(date("2026-12-31"));
    });
  });

  it("gives unknown with a warning when there is no year anywhere", () => {
    const r = parseDeadline("Март", {});
    expect(r.schedule.kind).toBe("unknown");
    expect(r.warnings).toEqual(["в сроке «Март» не указан год"]);
  });
});

describe("typos: a best guess and a warning", () => {
  const ctx: DeadlineContext = { years: [2023], orderDate: "2023-03-31" };
  it("a month split by a line break, then two years", () => {
    const r = parseDeadline("Мар\nт 2023 2022", ctx);
    expect(r.schedule).toMatchObject({ text: "Мар т 2023 2022", kind: "date", due: "2023-03-31" });
    expect(r.warnings).toEqual([
      "в сроке «Мар т 2023 2022» слово «Мар т» прочитано как «март»",
      "в сроке «Мар т 2023 2022» два года подряд (2023 и 2022): принят 2023",
    ]);
  });
  it("of two years, the one of the roadmap", () => {
    const r = parseDeadline("Март 2022 2023", ctx);
    expect(r.schedule.due).toBe("2023-03-31");
    expect(r.warnings).toEqual(["в сроке «Март 2022 2023» два года подряд (2022 и 2023): принят 2023"]);
  });
  it("a deadline before the order's own date", () => {
    const r = parseDeadline("Февраль 2023", ctx);
    expect(r.schedule.due).toBe("2023-02-28");
    expect(r.warnings).toEqual(["срок «Февраль 2023» раньше даты приказа (31 марта 2023)"]);
  });
  it("a day the month does not have", () => {
    const r = parseDeadline("31.06.2023", ctx);
    expect(r.schedule.due).toBe("2023-06-30");
    expect(r.warnings).toEqual(["в сроке «31.06.2023» нет такой даты «31.06.2023»: принято 30 июня 2023"]);
  });
  it("a year far from the roadmap's", () => {
    const r = parseDeadline("01.09.2032", ctx);
    expect(r.schedule.due).toBe("2032-09-01");
    expect(r.warnings).toEqual(["в сроке «01.09.2032» год 2032 не из лет дорожной карты (2023)"]);
  });
  it("a range written backwards", () => {
    const r = parseDeadline("декабрь 2023 - март 2023", ctx);
    expect(r.schedule).toMatchObject({ kind: "window", start: "2023-03-01", due: "2023-12-31" });
    expect(r.warnings).toHaveLength(1);
  });
  it("words it cannot read next to a date it can", () => {
    const r = parseDeadline("июнь 2023 (ориентировочно)", ctx);
    expect(r.schedule.due).toBe("2023-06-30");
    expect(r.warnings).toEqual(["в сроке «июнь 2023 (ориентировочно)» не разобрано: «ориентировочно»"]);
  });
});

describe("any input", () => {
  const ctx: DeadlineContext = { years: [2023], orderDate: "2023-03-31" };
  it.each(["", "   ", "\n\t", "—", "-", "<p></p>", "???"])("%j is none", (text) => {
    const r = parseDeadline(text, ctx);
    expect(r.schedule.kind).toBe("none");
    expect(r.warnings).toEqual([]);
  });
  it.each(["абракадабра", "см. приложение", "12345", "00.00.0000"])("%j is unknown with one warning", (text) => {
    const r = parseDeadline(text, ctx);
    expect(r.schedule.kind).toBe("unknown");
    expect(r.warnings).toEqual([`срок не распознан: «${text}»`]);
  });
  it("quotes a long text shortened in its warning", () => {
    const r = parseDeadline("ж".repeat(500), ctx);
    expect(r.schedule.kind).toBe("unknown");
    expect(r.warnings[0]!.length).toBeLessThan(100);
  });

  // A seeded generator of deadline-like garbage: the result is always a well-formed schedule.
  const ALPHABET = ["март", "мая", "сент.", "2023", "2024", "г.", "01.09", ".", "-", "–", ",", ";", " ", "\n", "0", "31", "квартал", "I", "по", "с", "до", "учебный", "год", "ежемесячно", "в течение", "по запросу", "ё", "<p>", "&nbsp;", "\t", "9999", "1.1.1", "00.00.0000", "зима", "ежегодно", "2023/24", "І", "конца"];
  function* garbage(seed: number, n: number): Generator<string> {
    let s = seed;
    const next = () => ((s = (s * 1103515245 + 12345) % 2 ** 31), s);
    for (let k = 0; k < n; k++) {
      let out = "";
      const len = next() % 40;
      for (let j = 0; j < len; j++) out += ALPHABET[next() % ALPHABET.length];
      yield out;
    }
  }
  const ISO = /^\d{4}-\d{2}-\d{2}$/;
  it("never throws and keeps the contract's shape on 3000 generated texts", () => {
    for (const text of garbage(42, 3000)) {
      const { schedule: s, warnings } = parseDeadline(text, ctx);
      const where = JSON.stringify(text);
      expect(["date", "window", "multi", "recurring", "ongoing", "on_demand", "none", "unknown"], where).toContain(s.kind);
      for (const d of [s.start, s.due, ...s.checkpoints]) if (d !== null) expect(d, where).toMatch(ISO);
      if (s.kind === "date") expect(s.start, where).toBeNull();
      if (s.kind === "date" || s.kind === "window" || s.kind === "multi") {
        expect(s.checkpoints.at(-1), where).toBe(s.due);
        expect([...s.checkpoints].sort(), where).toEqual(s.checkpoints);
        if (s.start) expect(s.start <= s.due!, where).toBe(true);
      }
      if (s.kind === "window") expect(s.checkpoints, where).toHaveLength(1);
      if (s.kind === "multi") expect(s.checkpoints.length, where).toBeGreaterThan(1);
      if (s.kind === "unknown") expect(warnings.length, where).toBeGreaterThan(0);
      if (s.kind === "recurring") expect(s.every, where).not.toBeNull();
      else expect(s.every, where).toBeNull();
    }
  });
  it("reads 10,000 characters without trouble", () => {
    const long = [...garbage(7, 400)].join(" ").slice(0, 10_000).padEnd(10_000, "х");
    expect(() => parseDeadline(long, ctx)).not.toThrow();
    expect(() => parseDeadline("1".repeat(10_000), ctx)).not.toThrow();
    expect(() => parseDeadline("01.".repeat(3_400), ctx)).not.toThrow();
    expect(parseDeadline("ъ".repeat(10_000), ctx).schedule.kind).toBe("unknown");
  });
  it("survives a context with holes and nonsense in it", () => {
    expect(parseDeadline("Март", { orderDate: "", years: [Number.NaN, 2023] }).schedule).toMatchObject(date("2023-03-31"));
    expect(parseDeadline("Март", { orderDate: "31.03.2023", sectionYear: Number.NaN }).schedule.kind).toBe("unknown");
    expect(parseDeadline("Постоянно", null as unknown as DeadlineContext).schedule).toMatchObject(span("ongoing", null, null));
  });
  it("survives input that is not a string at all", () => {
    expect(parseDeadline(undefined as unknown as string, ctx).schedule.kind).toBe("none");
  });
});
