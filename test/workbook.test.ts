import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { importDocument } from "../core/import/index.ts";
import { readDocument } from "../core/readers/detect.ts";
import type { ImportResult } from "../core/types.ts";
import { HEADER, ITEMS_SHEET, ROADMAP_SHEET, STORED_SHEET } from "../core/workbook/layout.ts";
import { readCanonicalWorkbook } from "../core/workbook/read.ts";
import { writeWorkbook } from "../core/workbook/write.ts";
import { roadmapIdentity } from "../services/roadmap-store.ts";
import { FIXTURES_DIR } from "./support/fixtures.ts";

// The canonical roadmap workbook: written from an import, opened with a spreadsheet reader (exceljs),
// changed like a coordinator would, read back.

const OPTS = { defaultTimezone: "Europe/Moscow" };
const FIXTURES = fs.readdirSync(FIXTURES_DIR).filter((f) => f.endsWith(".txt"));

async function importFixture(name: string): Promise<ImportResult> {
  const doc = await readDocument(name, fs.readFileSync(path.join(FIXTURES_DIR, name)));
  return importDocument(doc, OPTS);
}

async function open(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

async function save(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The row of the items sheet whose «Ключ» is this key. */
function rowOf(ws: ExcelJS.Worksheet, key: string): ExcelJS.Row {
  for (let r = 2; r <= ws.rowCount; r++) if (String(ws.getCell(r, 1).value) === key) return ws.getRow(r);
  throw new Error(`no row with key ${key}`);
}

const comparable = (r: ImportResult) => ({
  roadmap: { ...r.roadmap, identity: undefined },
  items: r.items,
});

describe("the canonical workbook round-trips every fixture", () => {
  for (const name of FIXTURES) {
    it(`${name}: items, keys, deadlines, parties and roadmap fields come back unchanged`, async () => {
      const result = await importFixture(name);
      const bytes = await writeWorkbook(result, { identity: roadmapIdentity(result) });
      const back = await readCanonicalWorkbook(bytes, OPTS);
      expect(back).not.toBeNull();
      expect(back!.origin).toBe("workbook");
      expect(comparable(back!)).toEqual(comparable(result));
      expect(back!.roadmap.identity).toBe(roadmapIdentity(result));
      // the same doubts, still about the same items
      expect(back!.warnings.map((w) => [w.item, w.message]).sort()).toEqual(result.warnings.map((w) => [w.item, w.message]).sort());
      // and a second trip changes nothing either
      const again = await readCanonicalWorkbook(await writeWorkbook(back!, { identity: back!.roadmap.identity ?? null }), OPTS);
      expect(comparable(again!)).toEqual(comparable(result));
    });
  }

  it("without the hidden sheet (a spreadsheet program dropped it) the visible cells alone give the same keys, titles, deadlines and parties", async () => {
    for (const name of FIXTURES) {
      const result = await importFixture(name);
      const wb = await open(await writeWorkbook(result, { identity: null }));
      wb.removeWorksheet(wb.getWorksheet(STORED_SHEET)!.id);
      const back = (await readCanonicalWorkbook(await save(wb), OPTS))!;
      expect(back.items.map((i) => i.key), name).toEqual(result.items.map((i) => i.key));
      expect(back.items.map((i) => i.title), name).toEqual(result.items.map((i) => i.title));
      expect(back.items.map((i) => [i.key, i.deadline.kind, i.deadline.due]), name).toEqual(result.items.map((i) => [i.key, i.deadline.kind, i.deadline.due]));
      expect(back.items.map((i) => [i.key, i.responsible.map((p) => [p.kind, p.name])]), name).toEqual(
        result.items.map((i) => [i.key, i.responsible.map((p) => [p.kind, p.name])]),
      );
      expect({ ...back.roadmap, schoolFlags: undefined, curators: undefined }).toEqual({ ...result.roadmap, schoolFlags: undefined, curators: undefined });
    }
  });
});

describe("a hidden sheet that came back damaged", () => {
  it("an item of the wrong shape there is read from its visible cells; broken JSON is ignored", async () => {
    const result = await importFixture("skovorodino-2023-roadmap.txt");
    const tampered = structuredClone(result);
    tampered.items[0]!.deadline = { ...tampered.items[0]!.deadline, due: "31 марта", kind: "date" };
    const wb = await open(await writeWorkbook(tampered, { identity: null }));
    const back = (await readCanonicalWorkbook(await save(wb), OPTS))!;
    expect(back.items[0]!.deadline).toEqual(result.items[0]!.deadline);
    expect(back.items.slice(1)).toEqual(result.items.slice(1));

    wb.getWorksheet(STORED_SHEET)!.getCell(1, 1).value = "{not json";
    const again = (await readCanonicalWorkbook(await save(wb), OPTS))!;
    expect(again.items.map((i) => i.key)).toEqual(result.items.map((i) => i.key));
    expect(again.items.map((i) => i.deadline.due)).toEqual(result.items.map((i) => i.deadline.due));
  });
});

describe("the workbook's shape", () => {
  it("has the contract's header, one row per item, the roadmap's fields on the second sheet, and doubtful cells with notes", async () => {
    const result = await importFixture("skovorodino-2023-roadmap.txt");
    // a doubt the coordinator must see: a deadline nobody can read
    result.items[2]!.deadline = { text: "когда получится", kind: "unknown", start: null, due: null, checkpoints: [], every: null };
    result.warnings.push({ item: result.items[2]!.key, row: 40, message: "срок не распознан: «когда получится»" });
    result.items[3]!.responsible = [];
    const wb = await open(await writeWorkbook(result, { identity: "order:x|120|2023-03-31", roadmapId: 7 }));
    const items = wb.worksheets[0]!;
    expect(items.name).toBe(ITEMS_SHEET);
    expect((items.getRow(1).values as unknown[]).slice(1)).toEqual([...HEADER]);
    expect(items.rowCount).toBe(result.items.length + 1);
    const row = rowOf(items, result.items[2]!.key);
    expect(row.getCell(5).value).toBe("когда получится");
    expect(row.getCell(5).note).toContain("срок не распознан");
    expect(rowOf(items, result.items[3]!.key).getCell(6).note).toContain("ответственный не указан");
    expect(rowOf(items, "1").getCell(5).note).toBeUndefined();
    expect(rowOf(items, "17").getCell(6).value).toBe(result.items[16]!.responsible.map((p) => p.text).join("; "));

    const fields = wb.getWorksheet(ROADMAP_SHEET)!;
    const byLabel = new Map<string, unknown>();
    fields.eachRow((r) => byLabel.set(String(r.getCell(1).value), r.getCell(2).value));
    expect(byLabel.get("Номер приказа")).toBe("120");
    expect(byLabel.get("Дата приказа")).toBe("31.03.2023");
    expect(byLabel.get("Часовой пояс")).toBe("Asia/Yakutsk");
    expect(byLabel.get("Контроль")).toBe("Бутусова О.В.");
    expect(byLabel.get("Идентификатор карты")).toBe("order:x|120|2023-03-31");
    expect(byLabel.get("Номер карты в Вехе")).toBe("7");
    expect(wb.getWorksheet(STORED_SHEET)!.state).toBe("veryHidden");
  });
});

describe("a coordinator's changes in the workbook", () => {
  it("a changed deadline, parties, title and a new row are read afresh; untouched rows stay as understood", async () => {
    const result = await importFixture("skovorodino-2023-roadmap.txt");
    const wb = await open(await writeWorkbook(result, { identity: roadmapIdentity(result) }));
    const ws = wb.worksheets[0]!;
    rowOf(ws, "5").getCell(5).value = "до 15.09.2023";
    rowOf(ws, "6").getCell(6).value = "Сидорова А.А. Орлова В.В.; Руководители ОО";
    rowOf(ws, "7").getCell(4).value = "Новое название мероприятия";
    ws.addRow(["31", "", "31", "Дополнительное мероприятие", "ноябрь", "МКУ «ИМЦ»", "", ""]);
    const back = (await readCanonicalWorkbook(await save(wb), OPTS))!;
    const get = (k: string) => back.items.find((i) => i.key === k)!;
    expect(get("5").deadline).toMatchObject({ text: "до 15.09.2023", kind: "date", due: "2023-09-15" });
    expect(get("6").responsible.map((p) => [p.kind, p.name])).toEqual([
      ["person", "Сидорова А.А."],
      ["person", "Орлова В.В."],
      ["role", "Руководители ОО"],
    ]);
    expect(get("7").title).toBe("Новое название мероприятия");
    // «ноябрь» gets the roadmap's year from the second sheet
    expect(get("31").deadline).toMatchObject({ kind: "date", due: "2023-11-30" });
    expect(get("31").responsible[0]).toMatchObject({ kind: "organization" });
    expect(back.items).toHaveLength(31);
    for (const k of ["1", "8", "30"]) expect(get(k)).toEqual(result.items.find((i) => i.key === k));
  });

  it("an unreadable deadline, a repeated key and an empty key are said in warnings; nothing is lost", async () => {
    const result = await importFixture("bagan-2024-roadmap.txt");
    const wb = await open(await writeWorkbook(result, { identity: null }));
    const ws = wb.worksheets[0]!;
    const first = result.items[0]!.key;
    rowOf(ws, first).getCell(5).value = "как только, так сразу";
    ws.addRow([first, "", "", "Повтор ключа", "май 2024", "Руководители ОО", "", ""]);
    ws.addRow(["", "", "", "Строка без ключа", "июнь 2024", "", "", ""]);
    const back = (await readCanonicalWorkbook(await save(wb), OPTS))!;
    expect(back.items).toHaveLength(result.items.length + 2);
    expect(back.items.find((i) => i.key === first)!.deadline.kind).toBe("unknown");
    expect(new Set(back.items.map((i) => i.key)).size).toBe(back.items.length);
    const repeated = back.items.at(-2)!;
    expect(repeated.key).toBe(`${first}а`);
    expect(back.warnings.some((w) => w.item === repeated.key && /повторяется/.test(w.message))).toBe(true);
    const keyless = back.items.at(-1)!;
    expect(back.warnings.some((w) => w.item === keyless.key && /нет ключа/.test(w.message))).toBe(true);
    expect(back.warnings.some((w) => w.item === keyless.key && /ответственный не указан/.test(w.message))).toBe(true);
    expect(back.warnings.some((w) => w.item === first && /срок не распознан/.test(w.message))).toBe(true);
  });

  it("is recognised by its header row whatever the file is called, also with the columns in another order; any other spreadsheet is not", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Лист1");
    ws.addRow(["№", "Ключ", "Мероприятие", "Раздел", "Ответственные", "Срок", "Подтверждение", "Результат"]);
    ws.addRow(["1", "1", "Провести совещание", "", "Иванова А.А.", "до 01.02.2025", "протокол", ""]);
    ws.addRow(["2", "2", "Разработать план", "", "Руководители ОО", "март 2025", "", "план"]);
    const back = (await readCanonicalWorkbook(await save(wb), OPTS))!;
    expect(back.items.map((i) => [i.key, i.title, i.deadline.due, i.evidence, i.result])).toEqual([
      ["1", "Провести совещание", "2025-02-01", "протокол", null],
      ["2", "Разработать план", "2025-03-31", null, "план"],
    ]);
    expect(back.roadmap.timezone).toBe("Europe/Moscow");
    expect(back.warnings.some((w) => w.item === null && /нет листа/.test(w.message))).toBe(true);

    const other = new ExcelJS.Workbook();
    other.addWorksheet("План").addRow(["№", "Мероприятие", "Срок", "Ответственный"]);
    expect(await readCanonicalWorkbook(await save(other), OPTS)).toBeNull();
    expect(await readCanonicalWorkbook(Buffer.from("Ключ;Раздел;№;Мероприятие;Срок;Ответственные;Результат;Подтверждение"), OPTS)).toBeNull();
  });
});
