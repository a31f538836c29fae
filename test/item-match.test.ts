import { describe, expect, it } from "vitest";
import { assignPairs, matchItems, type MatchItem } from "../core/item-match.ts";

// Old and new versions of a roadmap's rows matched by what they say, not by their numbers.

const row = (key: string, title: string, over: Partial<MatchItem> = {}): MatchItem => ({ key, title, ...over });

/** old key → new key for every matched pair, plus the new rows and the removed ones */
function outcome(old: MatchItem[], fresh: MatchItem[], opts: { byKey?: boolean } = {}) {
  const m = matchItems(old, fresh, opts);
  return {
    moved: Object.fromEntries(m.pairs.map((p) => [old[p.old]!.key, fresh[p.fresh]!.key])),
    added: m.unmatchedNew.map((i) => fresh[i]!.key),
    removed: m.unmatchedOld.map((i) => old[i]!.key),
  };
}

const A = "Проведение мониторинга результатов ВПР в 5–8 классах";
const B = "Подготовить отчёт о реализации программы антирисковых мер";
const C = "Организация методического сопровождения учителей математики";
const D = "Проведение педагогических советов по итогам учебного года";
const X = "Совещание с руководителями ОО по вопросам функциональной грамотности";

describe("matchItems", () => {
  it("a row inserted at 2: the old 2 and 3 become 3 and 4, the new 2 is new", () => {
    expect(outcome([row("1", A), row("2", B), row("3", C)], [row("1", A), row("2", X), row("3", B), row("4", C)])).toEqual({
      moved: { "1": "1", "2": "3", "3": "4" },
      added: ["2"],
      removed: [],
    });
  });

  it("a row removed: the rows after it move up", () => {
    expect(outcome([row("1", A), row("2", B), row("3", C), row("4", D)], [row("1", A), row("2", C), row("3", D)])).toEqual({
      moved: { "1": "1", "3": "2", "4": "3" },
      added: [],
      removed: ["2"],
    });
  });

  it("rows reordered keep their identity", () => {
    expect(outcome([row("1", A), row("2", B), row("3", C)], [row("1", C), row("2", A), row("3", B)]).moved).toEqual({ "1": "2", "2": "3", "3": "1" });
  });

  it("a reworded row renumbered by an insertion is still the same action", () => {
    const old = [row("1", A), row("2", B), row("3", C)];
    const fresh = [row("1", A), row("2", X), row("3", "Подготовить аналитический отчёт о реализации программ антирисковых мер"), row("4", "Организация методического сопровождения учителей математики и физики")];
    expect(outcome(old, fresh)).toEqual({ moved: { "1": "1", "2": "3", "3": "4" }, added: ["2"], removed: [] });
  });

  it("small typos and endings do not break the match", () => {
    const old = [row("1", "Анализ результатов ГИА-2023 и подготовка аналитической справки"), row("2", B)];
    const fresh = [row("1", "Анализ результатов ГИА-2023, подготовка аналитичской справки"), row("2", B)];
    expect(outcome(old, fresh).moved).toEqual({ "1": "1", "2": "2" });
  });

  it("different actions stay different, even under the same key", () => {
    expect(outcome([row("1", A), row("2", B)], [row("1", A), row("2", "Закупка учебного оборудования для кабинета химии")])).toEqual({
      moved: { "1": "1" },
      added: ["2"],
      removed: ["2"],
    });
    // only a number differs: another class, another year — another action
    expect(outcome([row("3", "Пробный ОГЭ по математике в 9 классах")], [row("4", "Пробный ОГЭ по математике в 11 классах")])).toEqual({ moved: {}, added: ["4"], removed: ["3"] });
    expect(outcome([row("3", "Мероприятие 3", { result: "Результат 3" })], [row("4", "Мероприятие 4", { result: "Результат 4" })]).moved).toEqual({});
  });

  it("the same activity in each year's section: a row inserted into one year moves only that year's rows", () => {
    const year = (y: number, titles: string[], from = 1) =>
      titles.map((t, i) => row(`${y}.${i + from}`, t, { section: `${y} год`, deadline: `Март ${y}`, responsible: "Руководители ОО" }));
    const old = [...year(2021, [A, B, C]), ...year(2022, [A, B, C])];
    const fresh = [...year(2021, [A, X, B, C]), ...year(2022, [A, B, C])];
    expect(outcome(old, fresh)).toEqual({
      moved: { "2021.1": "2021.1", "2021.2": "2021.3", "2021.3": "2021.4", "2022.1": "2022.1", "2022.2": "2022.2", "2022.3": "2022.3" },
      added: ["2021.2"],
      removed: [],
    });
  });

  it("look-alike rows are paired as a whole, not greedily", () => {
    // old 0 reads best as new 1, but taking that pair would leave old 1 (which fits only new 1) alone
    const pairs = assignPairs([
      { old: 0, fresh: 1, score: 0.95 },
      { old: 0, fresh: 0, score: 0.9 },
      { old: 1, fresh: 1, score: 0.85 },
      { old: 2, fresh: 2, score: 0.7 },
    ]);
    expect(pairs.map((p) => [p.old, p.fresh]).sort()).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
    ]);
  });

  it("an item the previous version dropped comes back; a live one wins a tie", () => {
    const old = [row("1", A), row("2", B, { removed: true }), row("3", C)];
    expect(outcome(old, [row("1", A), row("2", B), row("3", C)]).moved).toEqual({ "1": "1", "2": "2", "3": "3" });
    const twice = [row("1", A), row("5", D, { removed: true }), row("2", D)];
    expect(outcome(twice, [row("1", A), row("2", D)])).toEqual({ moved: { "1": "1", "2": "2" }, added: [], removed: ["5"] });
  });

  it("by key for the canonical workbook", () => {
    expect(outcome([row("1", A), row("2", B)], [row("1", A), row("2", X), row("3", B)], { byKey: true })).toEqual({ moved: { "1": "1", "2": "2" }, added: ["3"], removed: [] });
  });
});
