import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { translator } from "../services/i18n.ts";

// One vocabulary in every text: «мероприятие» is a row of the roadmap, «поручение» is a
// мероприятие for one executor or school, and a count says which one it counts; one percent format
// per language («45 %» in Russian, «45%» in English); «пункт» is not a word for either.

const dir = (lang: string) => path.resolve(import.meta.dirname, "..", "locales", lang);
const source = (lang: string) =>
  fs
    .readdirSync(dir(lang))
    .filter((f) => f.endsWith(".ftl"))
    .map((f) => fs.readFileSync(path.join(dir(lang), f), "utf8"))
    .join("\n");

describe("one vocabulary in the locales", () => {
  it("writes a percent one way per language", () => {
    expect(source("ru")).not.toMatch(/\$percent \}%/);
    expect(source("en")).not.toMatch(/\$percent \} %/);
  });

  it("calls an item мероприятие and an assignment поручение, never пункт", () => {
    const ru = source("ru")
      .split("\n")
      .filter((l) => !l.startsWith("#") && !l.startsWith("coordinator-import-error-nothing_found"));
    expect(ru.filter((l) => /\bпункт/i.test(l))).toEqual([]);
  });

  it("labels the totals: поручений по мероприятиям, with Russian plurals", () => {
    const ru = translator("ru");
    const counts = { done: 1, inProgress: 0, submitted: 0, overdue: 0, notStarted: 0, percent: 1 };
    expect(ru.t("deputy-counts", { ...counts, total: 146, items: 30 })).toMatch(/^146 поручений по 30 мероприятиям: /);
    expect(ru.t("deputy-counts", { ...counts, total: 21, items: 1 })).toMatch(/^21 поручение по 1 мероприятию: /);
    expect(ru.t("digest-counts", { ...counts, total: 3, items: 2 })).toMatch(/^3 поручения по 2 мероприятиям: .*<b>1 %<\/b>$/);
    // the digest and /roadmap give the same five numbers in the same order and format
    expect(ru.t("digest-counts", { ...counts, total: 146, items: 30 })).toBe(ru.t("deputy-counts", { ...counts, total: 146, items: 30 }));
    expect(ru.t("curator-roadmap-header", { title: "т", id: 1, done: 1, total: 5, items: 2, percent: 20 })).toContain("выполнено 1 из 5 поручений по 2 мероприятиям, 20 %");
    expect(translator("en").t("deputy-counts", { ...counts, total: 146, items: 30 })).toMatch(/^146 assignments for 30 actions: .*1%/);
  });
});

describe("a roadmap's short name", () => {
  it("is its order, number and date, never its full title; without an order the title cut at a word", async () => {
    const { roadmapName } = await import("../services/format.ts");
    const ru = translator("ru");
    const long = "Дорожная карта (план мероприятий) по повышению качества образования в общеобразовательных организациях с низкими образовательными результатами обучающихся на 2023 год";
    expect(roadmapName(ru, { title: long, orderNumber: "123", orderDate: "2023-06-15" })).toBe("Приказ № 123 от 15 июня 2023");
    expect(roadmapName(translator("en"), { title: long, orderNumber: "123", orderDate: "2023-06-15" })).toBe("Order No. 123 of 15 June 2023");
    expect(roadmapName(ru, { title: long, orderNumber: "45-о", orderDate: null })).toBe("Приказ № 45-о");
    const cut = roadmapName(ru, { title: long });
    expect(cut.length).toBeLessThanOrEqual(80);
    expect(cut).toMatch(/^Дорожная карта \(план мероприятий\) по повышению .*[а-я]…$/);
  });
});
