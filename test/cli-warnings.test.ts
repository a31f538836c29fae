import { describe, expect, it } from "vitest";
import { warningText } from "../services/import-warnings.ts";
import { parseDeadline } from "../core/deadline/parse.ts";
import type { DeadlineContext } from "../core/types.ts";
import { translator } from "../services/i18n.ts";

// The importer writes its warnings in Russian (core/); the CLI reads them back into locale keys
// (services/import-warnings.ts). The warnings here are core's own, made by core: Russian must come out exactly
// as core wrote it (the locale's copy has not drifted), English with no Russian word outside the
// quoted document text.

const ru = translator("ru");
const en = translator("en");
const outsideQuotes = (s: string) => {
  let out = s;
  for (let before = ""; before !== out; ) {
    before = out;
    out = out.replace(/«[^«»]*»/g, "");
  }
  return out;
};

const ctx: DeadlineContext = { years: [2023], orderDate: "2023-03-31" };
const cases: Array<[string, DeadlineContext]> = [
  ["Мар\nт 2023 2022", ctx], // a word split by a line break, two years
  ["Февраль 2023", ctx], // before the order
  ["31.06.2023", ctx], // no such date: one is taken
  ["01.09.2032", ctx], // a year far from the roadmap's
  ["декабрь 2023 - март 2023", ctx], // written backwards
  ["июнь 2023 (ориентировочно)", ctx], // leftovers
  ["абракадабра", ctx], // not understood
  ["срок 0.09.2021", { years: [2021], orderDate: "2021-06-01" }], // incomplete
  ["Март", { years: [2020, 2021, 2022], orderDate: "2021-02-10" }], // the year is a guess
  ["Март", {}], // no year anywhere
];

describe("the importer's warnings on the command line", () => {
  const warnings = cases.flatMap(([text, c]) => parseDeadline(text, c).warnings);

  it("core made one or more warnings of each kind", () => {
    expect(warnings.length).toBeGreaterThanOrEqual(cases.length);
  });

  it.each(warnings)("%s", (w) => {
    expect(warningText(ru, w)).toBe(w);
    const english = warningText(en, w);
    expect(english).not.toBe(w);
    expect(outsideQuotes(english)).not.toMatch(/[А-Яа-яЁё]/);
  });

  it("a warning nobody taught the CLI is printed as core wrote it", () => {
    expect(warningText(en, "совсем новое предупреждение")).toBe("совсем новое предупреждение");
  });

  it("dates inside a warning are the operator's", () => {
    expect(warningText(en, "срок «Февраль 2023» раньше даты приказа (31 марта 2023)")).toBe("the deadline «Февраль 2023» is before the order's date (31 March 2023)");
  });
});
