import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { importDocument } from "../core/import/index.ts";
import { readTextExport } from "../core/import/text-export.ts";
import type { ImportResult } from "../core/types.ts";
import { applyDraftEdit, draftContext, parseEdit } from "../core/workbook/edit.ts";
import { needsHuman } from "../core/workbook/layout.ts";
import { readCanonicalWorkbook } from "../core/workbook/read.ts";
import { writeWorkbook } from "../core/workbook/write.ts";
import { FIXTURES_DIR } from "./support/fixtures.ts";

// A programme approved after its own start (2020–2022, signed in June 2021): its deadlines before the order are
// how it was written, not doubts — one roadmap line says how many there are, no item is flagged for a human.
// A deadline before the programme's own period, and every other doubt, keep their own warning.

const opts = { defaultTimezone: "Europe/Moscow" };
const tab = (...rows: string[][]) => rows.map((r) => r.join("\t")).join("\n");
const run = (text: string): ImportResult => importDocument(readTextExport("plan.txt", text), opts);
const beforeOrder = (r: ImportResult) => r.warnings.filter((w) => /раньше даты приказа/.test(w.message));
const lateLine = (r: ImportResult) => r.warnings.filter((w) => w.item === null && /^программа утверждена после начала своего срока/.test(w.message));

describe("the Bolshebereznikovsky programme (2020–2022, approved 10 June 2021)", () => {
  const name = "bolshebereznikovsky-2020-2022-program.txt";
  const r = importDocument(readTextExport(name, fs.readFileSync(path.join(FIXTURES_DIR, name), "utf8")), opts);

  it("says once that it was approved after its start, counting the 23 items due before the order", () => {
    expect(lateLine(r)).toEqual([{ item: null, row: null, message: "программа утверждена после начала своего срока: 23 мероприятия со сроком до даты приказа (10 июня 2021)" }]);
    expect(beforeOrder(r)).toEqual([]);
  });

  it("those items do not wait for a human in the preview", () => {
    const n = needsHuman(r.items, r.warnings);
    expect(n.check).toEqual([]);
    expect(n.check).not.toContain("2020.1");
  });

  it("the line survives the canonical workbook; a deadline moved there is recounted", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeWorkbook(r, { identity: null })) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    for (let row = 2; row <= ws.rowCount; row++) {
      if (["2020.1", "2020.2"].includes(String(ws.getCell(row, 1).value))) ws.getCell(row, 5).value = "сентябрь 2021 года"; // after the order now
      if (String(ws.getCell(row, 1).value) === "2022.1") ws.getCell(row, 5).value = "март 2021 года"; // before it, within the programme
    }
    const back = (await readCanonicalWorkbook(Buffer.from(await wb.xlsx.writeBuffer()), opts))!;
    expect(lateLine(back).map((w) => w.message)).toEqual(["программа утверждена после начала своего срока: 22 мероприятия со сроком до даты приказа (10 июня 2021)"]);
    expect(beforeOrder(back).filter((w) => w.item !== null)).toEqual([]);
    expect(needsHuman(back.items, back.warnings).check).toEqual([]);
  });

  it("a deadline retyped in chat before the order is counted in the line, not flagged on the item", () => {
    const at = r.items.findIndex((i) => i.key === "2022.1");
    const edited = applyDraftEdit(r, at, parseEdit("deadline", "апрель 2021 года", draftContext(r, at)));
    expect(lateLine(edited).map((w) => w.message)).toEqual(["программа утверждена после начала своего срока: 24 мероприятия со сроком до даты приказа (10 июня 2021)"]);
    expect(beforeOrder(edited)).toEqual([]);
    expect(needsHuman(edited.items, edited.warnings).check).toEqual([]);
  });
});

describe("programmes of other districts approved after their start", () => {
  it("a 2024–2026 programme with year sections, signed in March 2025: 2024's deadlines fold, a typo year and other doubts stay", () => {
    const r = run(
      [
        "ПОСТАНОВЛЕНИЕ",
        "администрации Краснохолмского муниципального округа",
        "от 17.03.2025 № 214",
        "Об утверждении муниципальной программы «Развитие образования Краснохолмского муниципального округа на 2024–2026 годы»",
        "План мероприятий программы",
        tab(
          ["№ п/п", "Наименование мероприятия", "Срок исполнения", "Ответственный исполнитель"],
          ["2024 год", "", "", ""],
          ["1", "Проведение мониторинга образовательных результатов", "Март 2024 года", "Отдел образования"],
          ["2", "Семинар для заместителей директоров по УВР", "Октябрь 2024 года", "МКУ «ИМЦ»"],
          ["3", "Анализ результатов ГИА", "Август 2024 года", "Отдел образования"],
          ["2025 год", "", "", ""],
          ["1", "Совещание руководителей ОО", "Февраль 2025 года", "Отдел образования"],
          ["2", "Курсы повышения квалификации учителей математики", "Май 2023 года", "МКУ «ИМЦ»"],
          ["3", "Муниципальный конкурс педагогического мастерства", "когда получится", "МКУ «ИМЦ»"],
          ["4", "Пробный ОГЭ по математике", "Апрель 2025 года", "Руководители ОО"],
        ),
      ].join("\n"),
    );
    expect(r.roadmap.orderDate).toBe("2025-03-17");
    expect(lateLine(r).map((w) => w.message)).toEqual(["программа утверждена после начала своего срока: 4 мероприятия со сроком до даты приказа (17 марта 2025)"]);
    // «Май 2023» lies before the programme itself: that one is a doubt about the item
    expect(beforeOrder(r).map((w) => w.item)).toEqual(["2025.2"]);
    expect(needsHuman(r.items, r.warnings)).toMatchObject({ unknownDeadline: ["2025.3"], check: ["2025.2"] });
  });

  it("a school's plan for 2025/2026 signed on 20 September: «до 1 сентября» folds, a date in August stays", () => {
    const r = run(
      [
        "Приказ МБОУ «СОШ № 4» от 20.09.2025 № 118-о",
        "План мероприятий по подготовке к ГИА на 2025/2026 учебный год",
        tab(
          ["№", "Содержание работы", "Сроки", "Ответственные"],
          ["1", "Утверждение списка выпускников 9 и 11 классов", "до 01.09.2025", "Заместитель директора по УВР"],
          ["2", "Анализ результатов ГИА-2025", "до 25.08.2025", "Заместитель директора по УВР"],
          ["3", "Родительское собрание для выпускников", "октябрь", "Классные руководители 9, 11 классов"],
        ),
      ].join("\n"),
    );
    expect(lateLine(r).map((w) => w.message)).toEqual(["программа утверждена после начала своего срока: 1 мероприятие со сроком до даты приказа (20 сентября 2025)"]);
    expect(beforeOrder(r).map((w) => w.item)).toEqual(["2"]);
  });

  it("a plan whose year is only the order's (a guess) keeps each warning", () => {
    const r = run(
      [
        "Приказ управления образования от 01.06.2021 № 77",
        "План мероприятий по повышению качества образования",
        tab(["№", "Мероприятие", "Срок", "Ответственный"], ["1", "Анализ результатов ВПР", "март", "Руководители ОО"], ["2", "Августовское совещание", "август", "Отдел образования"]),
      ].join("\n"),
    );
    expect(lateLine(r)).toEqual([]);
    expect(beforeOrder(r).map((w) => w.item)).toEqual(["1"]);
  });

  it("a plan signed before its start says nothing of the kind", () => {
    const r = run(
      [
        "Приказ от 25.12.2025 № 301",
        "Дорожная карта по повышению качества образования на 2026 год",
        tab(["№", "Мероприятие", "Срок", "Ответственный"], ["1", "Анализ результатов ВПР", "май 2026", "Руководители ОО"]),
      ].join("\n"),
    );
    expect(lateLine(r)).toEqual([]);
  });
});
