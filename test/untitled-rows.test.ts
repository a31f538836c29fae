import { describe, expect, it } from "vitest";
import { readTextExport } from "../core/import/text-export.ts";
import { importDocument } from "../core/import/index.ts";
import { readDocument } from "../core/readers/detect.ts";
import type { ImportResult, SourceDocument } from "../core/types.ts";
import { applyDraftEdit, draftContext, parseEdit } from "../core/workbook/edit.ts";
import { toDocx, toXlsx } from "./support/office.ts";
import { toPdf } from "./support/pdf.ts";

// A numbered row with no action («4 |  |  |  | ») is a slip in the document, not a merged item's row:
// it takes nothing from the row above — neither empty cells nor merged ones — and stays an item flagged
// `untitled` with a warning, in every format. A titled row with empty cells still takes the row above's.

const row = (...cells: string[]) => cells.join("\t");
const opts = { defaultTimezone: "Europe/Moscow" };
const WITHHELD = "у пункта нет названия мероприятия: сроки, ответственные и результат из строки выше в него не перенесены — впишите название или уберите пункт";

const SOURCE = [
  "ОТДЕЛ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ТАШТАГОЛЬСКОГО МУНИЦИПАЛЬНОГО РАЙОНА",
  "ПРИКАЗ",
  "12.09.2025 № 341",
  "Об утверждении плана мероприятий по повышению качества образования на 2025-2026 учебный год",
  "",
  row("№ п/п", "Содержание мероприятия", "Планируемый результат", "Сроки исполнения", "Ответственные"),
  row("1", "Педагогический совет по итогам ГИА", "Протокол педсовета", "октябрь 2025", "Журавлёва Н.П."),
  row("2", "Диагностика затруднений учителей математики", "Аналитическая справка", "ноябрь 2025", "Сафонов Д.И."),
  row("3", "", "", "", ""),
  row("4", "Методический десант в школы", "", "", ""),
  row("5", "", "", "декабрь 2025", "Журавлёва Н.П."),
  row("6", "Пробный ОГЭ по русскому языку", "Отчёт", "февраль 2026", "Сафонов Д.И."),
].join("\n");

const item = (r: ImportResult, key: string) => {
  const found = r.items.find((i) => i.key === key);
  if (!found) throw new Error(`no item ${key}: ${r.items.map((i) => i.key).join(", ")}`);
  return found;
};
const warningsOf = (r: ImportResult, key: string) => r.warnings.filter((w) => w.item === key).map((w) => w.message);

function expectUntitledKept(r: ImportResult): void {
  expect(r.items.map((i) => i.key)).toEqual(["1", "2", "3", "4", "5", "6"]);
  // row 3: nothing of its own, nothing taken from row 2
  const three = item(r, "3");
  expect(three.title).toBe("");
  expect(three.flags).toContain("untitled");
  expect(three.flags.filter((f) => f.startsWith("inherited:"))).toEqual([]);
  expect(three.deadline.kind).toBe("none");
  expect(three.responsible).toEqual([]);
  expect(three.result).toBeNull();
  expect(warningsOf(r, "3")).toContain(WITHHELD);
  // row 4 has a title: its empty cells are the merged cells of row 3 above — which is empty, so nothing
  expect(item(r, "4").flags).not.toContain("untitled");
  // row 5: its own deadline and executor stay; the empty result is not taken from row 4
  const five = item(r, "5");
  expect(five.flags).toContain("untitled");
  expect(five.deadline).toMatchObject({ kind: "date", due: "2025-12-31" });
  expect(five.responsible.map((p) => p.name)).toEqual(["Журавлёва Н.П."]);
  expect(five.result).toBeNull();
  // row 6 is an ordinary item
  expect(item(r, "6")).toMatchObject({ title: "Пробный ОГЭ по русскому языку", result: "Отчёт", flags: [] });
}

describe("a numbered row without a title", () => {
  const text: SourceDocument = readTextExport("tashtagol.txt", SOURCE);

  it("from a text export: kept and flagged, nothing taken from the row above", () => {
    expectUntitledKept(importDocument(text, opts));
  });

  it.each([
    ["docx", toDocx],
    ["xlsx", toXlsx],
    ["pdf", toPdf],
  ] as const)("from a .%s (where the empty cells are real merges with the row above): the same", async (ext, build) => {
    const read = await readDocument(`tashtagol.${ext}`, await build(text));
    if (ext !== "pdf") {
      // the reader saw row 3's cells merged with row 2's, their text carried down
      const rows = read.blocks.flatMap((b) => (b.type === "table" ? b.table.rows : []));
      const three = rows.find((r) => r[0]?.text.trim() === "3")!;
      expect(three.filter((c) => c.mergedFromAbove && c.text).length).toBeGreaterThan(0);
    }
    expectUntitledKept(importDocument(read, opts));
  });

  it("a titled row with empty cells still takes them from the row above (a merged item's row)", () => {
    const source = [
      ...SOURCE.split("\n").slice(0, 6),
      row("1", "Педагогический совет по итогам ГИА", "Протокол", "октябрь 2025", "Журавлёва Н.П."),
      row("2", "Совещание с руководителями школ", "", "", ""),
      row("3", "", "", "", ""),
    ].join("\n");
    const r = importDocument(readTextExport("merged.txt", source), opts);
    expect(item(r, "2")).toMatchObject({ result: "Протокол", deadline: { kind: "date", due: "2025-10-31" } });
    expect(item(r, "2").responsible.map((p) => p.name)).toEqual(["Журавлёва Н.П."]);
    expect(item(r, "2").flags).toEqual(["inherited:result", "inherited:deadline", "inherited:responsible"]);
    // the untitled row under it gets none of that, and says so
    expect(item(r, "3")).toMatchObject({ title: "", result: null, responsible: [], deadline: { kind: "none" }, flags: ["untitled"] });
    expect(warningsOf(r, "3")).toEqual([WITHHELD, "срок не указан", "ответственный не указан"]);
  });

  it("an untitled row with nothing above to take says only that it has no title", () => {
    const source = [...SOURCE.split("\n").slice(0, 6), row("1", "", "", "март 2026", "Сафонов Д.И."), row("2", "Итоговый педсовет", "Протокол", "май 2026", "Журавлёва Н.П.")].join("\n");
    const r = importDocument(readTextExport("first.txt", source), opts);
    expect(item(r, "1").flags).toEqual(["untitled"]);
    expect(warningsOf(r, "1")).toEqual(["у пункта нет названия мероприятия"]);
    expect(item(r, "2").flags).toEqual([]);
  });

  it("the coordinator's title in the preview clears the flag and the warning", () => {
    const r = importDocument(text, opts);
    const at = r.items.findIndex((i) => i.key === "3");
    const edited = applyDraftEdit(r, at, parseEdit("title", "Консультации для учителей физики", draftContext(r, at)));
    expect(item(edited, "3")).toMatchObject({ title: "Консультации для учителей физики", flags: [] });
    expect(warningsOf(edited, "3")).not.toContain(WITHHELD);
  });
});
