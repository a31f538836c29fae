import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import mammoth from "mammoth";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "./support/db.ts";
import { buildFixture, type Fixture } from "./export-fixture.ts";
import { translator } from "../services/i18n.ts";
import { exportRoadmap, NothingToExport, RoadmapNotFound } from "../services/export/index.ts";
import { loadProgress } from "../services/progress.ts";
import { evidenceArchive } from "../services/export/files.ts";

// The produced files are opened with reader libraries and checked against the database.

const ru = translator("ru");
const NOW = new Date("2023-05-10T03:00:00Z"); // noon in Yakutsk
const DATA_DIR = "/srv/vekha/data";

let t: TestDb;
let f: Fixture;
beforeEach(async () => {
  t = await createTestDb();
  f = await buildFixture(t.db);
});
afterEach(async () => {
  await t.close();
});

async function xlsx(schoolIds?: number[]) {
  const out = await exportRoadmap(t.db, { roadmapId: f.roadmapId, formats: ["xlsx"], tr: ru, now: NOW, dataDir: DATA_DIR, ...(schoolIds ? { schoolIds } : {}) });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(out.files[0]!.buffer as unknown as ArrayBuffer);
  return { out, wb };
}

function sheetRows(ws: ExcelJS.Worksheet): Array<Record<string, ExcelJS.CellValue>> {
  const header = (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
  const rows: Array<Record<string, ExcelJS.CellValue>> = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const values = row.values as ExcelJS.CellValue[];
    rows.push(Object.fromEntries(header.map((h, i) => [h, values[i + 1] ?? null])));
  });
  return rows;
}

const text = (v: ExcelJS.CellValue) => (v && typeof v === "object" && "text" in v ? String(v.text) : v == null ? "" : String(v));
const link = (v: ExcelJS.CellValue) => (v && typeof v === "object" && "hyperlink" in v ? v.hyperlink : null);

describe("xlsx", () => {
  it("has one row per assignment plus unassigned items, with the roadmap's own columns first", async () => {
    const { out, wb } = await xlsx();
    expect(out.files[0]!.fileName).toBe(`vekha-${f.roadmapId}-2023-05-10.xlsx`);
    const ws = wb.getWorksheet("Исполнение")!;
    const header = (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1);
    expect(header.slice(0, 5)).toEqual(["№", "Мероприятие", "Ожидаемый результат", "Срок", "Ответственный"]);
    expect(header).toEqual(expect.arrayContaining(["Ключ", "Статус", "Исполнитель", "Школа", "Срок исполнения (дата)", "Дата выполнения", "Подтверждение", "Проверка", "Последний комментарий"]));

    // Against the database: every live assignment once, and each item without one once.
    const assignments = await t.db.assignment.count({ where: { item: { roadmapId: f.roadmapId, removedAt: null } } });
    const bare = await t.db.item.count({ where: { roadmapId: f.roadmapId, removedAt: null, assignments: { none: {} } } });
    const rows = sheetRows(ws);
    expect(rows).toHaveLength(assignments + bare);
    expect(rows.map((r) => r["Ключ"])).toEqual(["1", "2", "2", "3", "4", "5", "6", "6", "7", "8"]);
    expect(rows.map((r) => r["№"])).toEqual([1, 2, 2, 3, 4, 5, 6, 6, 7, 8]);
  });

  it("shows the contract's status words, executors, schools and dates", async () => {
    const { wb } = await xlsx();
    const rows = sheetRows(wb.getWorksheet("Исполнение")!);
    expect(rows.map((r) => r["Статус"])).toEqual(["принято", "в работе", "принято", "на проверке", "не начато", "просрочено", "просрочено", "перенесено", "отменено", "в работе"]);
    const stored = await t.db.assignment.findMany({ where: { item: { roadmapId: f.roadmapId } }, include: { person: true, school: true, item: true }, orderBy: [{ item: { position: "asc" } }, { id: "asc" }] });
    const withAssignment = rows.filter((r) => r["Ключ"] !== "4");
    stored.forEach((a, i) => {
      const row = withAssignment[i]!;
      expect(row["Ключ"]).toBe(a.item.key);
      expect(row["Исполнитель"]).toBe(a.person?.shortName ?? "не назначен");
      expect(text(row["Школа"])).toBe(a.school?.name ?? "");
      if (a.status !== "returned" && a.status !== "not_started") expect(row["Статус"]).toBe(ru.t(`status-${a.status}`));
    });
    const r1 = rows[0]!;
    expect(r1["Дата выполнения"]).toEqual(new Date("2023-03-30T00:00:00Z"));
    expect(r1["Срок исполнения (дата)"]).toEqual(new Date("2023-03-31T00:00:00Z"));
    expect(r1["Проверка"]).toBe("принято: Бутусова О.В., 31 марта 2023");
    expect(r1["Последний комментарий"]).toBe("Принято, спасибо");
    // the postponed row carries its approved date
    expect(rows[7]!["Срок исполнения (дата)"]).toEqual(new Date("2023-06-15T00:00:00Z"));
    expect(rows[4]!["Исполнитель"]).toBe("не назначен");
    expect(text(rows[1]!["Мероприятие"])).toBe("Анализ результатов ВПР <по школам>");
  });

  it("links evidence: web links as they are, files by name to their place under the data directory; refused evidence is left out", async () => {
    const { wb } = await xlsx();
    const rows = sheetRows(wb.getWorksheet("Исполнение")!);
    expect(link(rows[0]!["Подтверждение"])).toBe("https://skovorodino-edu.ru/roadmap-2023");
    expect(text(rows[2]!["Подтверждение"])).toBe("файл: Анализ ВПР.pdf");
    expect(link(rows[2]!["Подтверждение"])).toBe(pathToFileURL(path.join(DATA_DIR, "evidence/2023/analiz-vpr.pdf")).href);
    expect(link(rows[3]!["Подтверждение"])).toBe("https://skovorodino-edu.ru/news/123");
    expect(rows[3]!["Проверка"]).toBe("ожидает проверки");
    // item 5 was returned: its link is not evidence, the review says why
    expect(text(rows[5]!["Подтверждение"])).toBe("");
    expect(rows[5]!["Проверка"]).toBe("возвращено: Бутусова О.В., 20 апреля 2023 — Нет подписи");
  });

  it("puts a second piece of evidence in a column of its own, still clickable", async () => {
    await t.db.evidence.create({ data: { assignmentId: f.assignments.a1!, kind: "link", url: "https://skovorodino-edu.ru/order-120.pdf", status: "accepted" } });
    const { wb } = await xlsx();
    const rows = sheetRows(wb.getWorksheet("Исполнение")!);
    expect(link(rows[0]!["Подтверждение 2"])).toBe("https://skovorodino-edu.ru/order-120.pdf");
    expect(link(rows[0]!["Подтверждение"])).toBe("https://skovorodino-edu.ru/roadmap-2023");
  });

  it("lists every piece of evidence on a sheet of its own; the items sheet keeps the latest three", async () => {
    for (let week = 1; week <= 5; week++) {
      await t.db.evidence.create({ data: { assignmentId: f.assignments.a1!, kind: "link", url: `https://skovorodino-edu.ru/week-${week}`, status: "submitted", createdAt: new Date(`2023-04-0${week}T03:00:00Z`) } });
    }
    const { wb } = await xlsx();
    const items = sheetRows(wb.getWorksheet("Исполнение")!);
    expect(Object.keys(items[0]!).filter((h) => h.startsWith("Подтверждение"))).toEqual(["Подтверждение", "Подтверждение 2", "Подтверждение 3"]);
    expect([1, 2, 3].map((n) => link(items[0]![n === 1 ? "Подтверждение" : `Подтверждение ${n}`]))).toEqual([3, 4, 5].map((w) => `https://skovorodino-edu.ru/week-${w}`));

    const all = sheetRows(wb.getWorksheet("Подтверждения")!);
    // against the database: every evidence row except the refused one
    const stored = await t.db.evidence.count({ where: { status: { not: "returned" }, assignment: { item: { roadmapId: f.roadmapId } } } });
    expect(all).toHaveLength(stored);
    expect(all.filter((r) => r["Ключ"] === "1").map((r) => link(r["Подтверждение"]))).toEqual([
      "https://skovorodino-edu.ru/roadmap-2023",
      ...[1, 2, 3, 4, 5].map((w) => `https://skovorodino-edu.ru/week-${w}`),
    ]);
    const file = all.find((r) => r["Ключ"] === "2")!;
    expect(file).toMatchObject({ "Исполнитель": "Петров С.И.", "Проверка": "принято" });
    expect(text(file["Подтверждение"])).toBe("файл: Анализ ВПР.pdf");
    expect(all.find((r) => r["Ключ"] === "3")!["Проверка"]).toBe("на проверке");
  });

  it("freezes the header, filters, wraps text and colours statuses", async () => {
    const { wb } = await xlsx();
    const ws = wb.getWorksheet("Исполнение")!;
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    expect(ws.getColumn(2).width).toBeGreaterThanOrEqual(40);
    expect(ws.getRow(2).getCell(2).alignment?.wrapText).toBe(true);
    const statusCol = (ws.getRow(1).values as ExcelJS.CellValue[]).indexOf("Статус");
    const fill = (row: number) => (ws.getRow(row).getCell(statusCol).fill as ExcelJS.FillPattern).fgColor?.argb;
    expect(fill(2)).not.toBe(fill(7)); // принято vs просрочено
    expect(fill(7)).toBe(fill(8)); // both просрочено
  });

  it("sums up per section and per school on the summary sheet, matching the figures", async () => {
    const { wb } = await xlsx();
    const ws = wb.getWorksheet("Сводка")!;
    const p = await loadProgress(t.db, { roadmapId: f.roadmapId, today: "2023-05-10" });
    const byName = new Map<string, ExcelJS.CellValue[]>();
    ws.eachRow((row) => {
      const v = row.values as ExcelJS.CellValue[];
      if (typeof v[1] === "string") byName.set(v[1], v.slice(2));
    });
    // Всего, выполнено, на проверке, в работе, не начато, просрочено, возвращено, перенесено, отменено, %, мероприятий, выполнено мероприятий
    expect(byName.get("Итого")).toEqual([10, 2, 1, 2, 1, 2, 0, 1, 1, 22, 8, 1]);
    expect(byName.get("Организационно-управленческие мероприятия")!.slice(0, 2)).toEqual([5, 2]);
    expect(byName.get("Мониторинг деятельности ШНОР")![5]).toBe(p.bySection[1]!.counts.overdue);
    expect(byName.get("МБОУ СОШ № 1 г. Сковородино")!.slice(0, 1)).toEqual([3]);
    expect(byName.has("Исполнение по школам") || byName.has("По школам")).toBe(true);
  });

  it("puts the section and school charts on the summary sheet", async () => {
    const { wb } = await xlsx();
    const images = wb.getWorksheet("Сводка")!.getImages();
    expect(images).toHaveLength(2);
    const media = wb.getImage(Number(images[0]!.imageId));
    expect(media.extension).toBe("png");
    expect(Buffer.from(media.buffer as unknown as Uint8Array).subarray(1, 4).toString("ascii")).toBe("PNG");
  });

  it("narrows a curator's export to their schools", async () => {
    const { wb } = await xlsx([f.schools.s2]);
    const rows = sheetRows(wb.getWorksheet("Исполнение")!);
    expect(rows.map((r) => [r["Ключ"], r["Статус"]])).toEqual([
      ["2", "принято"],
      ["6", "просрочено"],
    ]);
    const summary = wb.getWorksheet("Сводка")!;
    expect(String(summary.getRow(3).getCell(1).value)).toContain("Школы: МОБУ");
  });

  it("writes English headers and status words for an English reader", async () => {
    const out = await exportRoadmap(t.db, { roadmapId: f.roadmapId, formats: ["xlsx"], tr: translator("en"), now: NOW, dataDir: DATA_DIR });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(out.files[0]!.buffer as unknown as ArrayBuffer);
    const rows = sheetRows(wb.getWorksheet("Progress")!);
    expect(rows[5]!["Status"]).toBe("overdue");
  });
});

describe("docx", () => {
  async function note(schoolIds?: number[]) {
    const out = await exportRoadmap(t.db, { roadmapId: f.roadmapId, formats: ["docx"], tr: ru, now: NOW, dataDir: DATA_DIR, ...(schoolIds ? { schoolIds } : {}) });
    const buffer = out.files[0]!.buffer;
    const { value } = await mammoth.extractRawText({ buffer });
    const zip = await JSZip.loadAsync(buffer);
    return { out, text: value, zip };
  }

  it("titles the over-time chart by what it counts — assignments (поручения), as the note's figures call them, not items", async () => {
    const { text } = await note();
    expect(text).toContain("поручений");
    // the chart's line runs up to the number of assignments, so its title must not say «мероприятий»
    expect(ru.t("export-chart-time-title")).toBe("Выполнено поручений нарастающим итогом");
    expect(translator("en").t("export-chart-time-title")).toContain("Assignments");
  });

  it("is an analytic note with period, totals and % done taken from the database", async () => {
    const { text, out } = await note();
    expect(out.files[0]!.fileName).toBe(`vekha-${f.roadmapId}-2023-05-10.docx`);
    expect(text).toContain("АНАЛИТИЧЕСКАЯ СПРАВКА");
    expect(text).toContain("приказ от 31 марта 2023 № 120");
    expect(text).toContain("Период: с 1 апреля 2023 по 10 мая 2023");
    const items = await t.db.item.count({ where: { roadmapId: f.roadmapId, removedAt: null } });
    expect(text).toContain(`Всего в дорожной карте ${items} мероприятий`);
    expect(text).toContain("исполнено 2 из 9 поручений (22 %)");
    expect(text).toContain("просрочено — 2");
    expect(text).toContain("Организационно-управленческие мероприятия: выполнено 2 из 5 (40 %).");
    expect(text).toContain("3. Исполнение по школам");
    expect(text).toContain("МБОУ СОШ № 1 г. Сковородино: выполнено 0 из 3 (0 %), просрочено — 1.");
    expect(text).toContain("6. Динамика исполнения");
  });

  it("numbers its parts without a school part when no row has a school", async () => {
    await t.db.assignment.updateMany({ where: { item: { roadmapId: f.roadmapId } }, data: { schoolId: null } });
    const { text } = await note();
    expect(text).not.toContain("Исполнение по школам");
    expect(text).toContain("3. Просроченные мероприятия");
    expect(text).toContain("5. Динамика исполнения");
  });

  it("lists overdue items with their executors and done items with their evidence", async () => {
    const { text, zip } = await note();
    expect(text).toMatch(/п\. 5 «Мониторинг посещаемости» — срок 15 апреля 2023; исполнитель: Иванова М\.П\. \(МБОУ СОШ № 1 г\. Сковородино\)/);
    expect(text).toMatch(/п\. 6 «Анализ ОГЭ» — срок 1 апреля 2023; исполнитель: Руководители ОО \(МОБУ/);
    expect(text).not.toMatch(/п\. 8 «Мониторинг в два этапа» — срок/);
    expect(text).toContain("п. 1 «Разработка и утверждение дорожной карты» — Полухина Е.А., 30 марта 2023");
    expect(text).toContain("https://skovorodino-edu.ru/roadmap-2023");
    expect(text).toContain("файл: Анализ ВПР.pdf");
    expect(text).not.toContain("п. 3 «Проведение совещания с руководителями ОО» — Полухина");
    const rels = await zip.file("word/_rels/document.xml.rels")!.async("string");
    expect(rels).toContain('Target="https://skovorodino-edu.ru/roadmap-2023"');
    expect(rels).toContain(pathToFileURL(path.join(DATA_DIR, "evidence/2023/analiz-vpr.pdf")).href);
  });

  it("embeds the charts as PNG images", async () => {
    const { zip } = await note();
    const media = Object.keys(zip.files).filter((n) => n.startsWith("word/media/"));
    expect(media.length).toBe(2);
    const png = await zip.file(media[0]!)!.async("nodebuffer");
    expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
  });

  it("says so when nothing is overdue and nothing is done", async () => {
    await t.db.assignment.updateMany({ where: { item: { roadmapId: f.roadmapId } }, data: { status: "in_progress", dueOverride: "2030-01-01" } });
    const { text } = await note();
    expect(text).toContain("Просроченных мероприятий нет.");
    expect(text).toContain("Выполненных мероприятий пока нет.");
  });

  it("names several executors of one overdue item together", async () => {
    await t.db.assignment.update({ where: { id: f.assignments.a6b! }, data: { status: "in_progress", dueOverride: null } });
    const { text } = await note();
    expect(text).toMatch(/п\. 6 «Анализ ОГЭ» — срок 1 апреля 2023; исполнители: Руководители ОО \(МОБУ[^;]*; Иванова М\.П\. \(МБОУ СОШ № 1/);
  });

  it("a curator's note names their schools", async () => {
    const { text } = await note([f.schools.s1]);
    expect(text).toContain("Справка подготовлена по школам: МБОУ СОШ № 1 г. Сковородино.");
    expect(text).not.toContain("МОБУ «Основная");
    expect(text).toContain("п. 5 «Мониторинг посещаемости» — срок 15 апреля 2023; исполнитель: Иванова М.П. (МБОУ СОШ № 1 г. Сковородино)");
  });
});

describe("text from documents", () => {
  it("drops control characters (pasted from Word) that XML refuses — the charts' SVG included", async () => {
    await t.db.item.updateMany({ where: { roadmapId: f.roadmapId, key: "1" }, data: { title: "Разработка\u0001 дорожной\u000b карты", result: "Приказ\u0007" } });
    await t.db.section.updateMany({ where: { roadmapId: f.roadmapId, position: 0 }, data: { title: "Организационные\u0001 мероприятия" } });
    const out = await exportRoadmap(t.db, { roadmapId: f.roadmapId, formats: ["xlsx", "docx"], tr: ru, now: NOW, dataDir: DATA_DIR });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(out.files[0]!.buffer as unknown as ArrayBuffer);
    const rows = sheetRows(wb.getWorksheet("Исполнение")!);
    expect(text(rows[0]!["Мероприятие"])).toBe("Разработка дорожной карты");
    const { value } = await mammoth.extractRawText({ buffer: out.files[1]!.buffer });
    expect(value).toContain("п. 1 «Разработка дорожной карты»");
    expect(value).toContain("Организационные мероприятия: выполнено 2 из 5");
  });
});

describe("evidence archive", () => {
  it("packs stored files under the folder, names missing ones, and refuses to grow past the limit", async () => {
    const dataDir = path.join(t.dir, "data");
    fs.mkdirSync(path.join(dataDir, "evidence/2023"), { recursive: true });
    fs.writeFileSync(path.join(dataDir, "evidence/2023/analiz-vpr.pdf"), "0123456789");
    await t.db.evidence.create({ data: { assignmentId: f.assignments.a3!, kind: "photo", storagePath: "evidence/2023/photo.jpg", status: "submitted" } });
    const p = await loadProgress(t.db, { roadmapId: f.roadmapId, today: "2023-05-10" });
    const a = await evidenceArchive(p.rows, dataDir, "r-files");
    expect(a).toMatchObject({ files: 1, bytes: 10, tooBig: false, missing: ["evidence/2023/photo.jpg"] });
    const zip = await JSZip.loadAsync(a.zip!);
    expect(Object.keys(zip.files).filter((n) => !n.endsWith("/"))).toEqual([expect.stringMatching(/^r-files\/\d+-Анализ ВПР\.pdf$/)]);
    const small = await evidenceArchive(p.rows, dataDir, "r-files", 5);
    expect(small).toMatchObject({ zip: null, tooBig: true });
  });
});

describe("bad requests", () => {
  it("an unknown roadmap", async () => {
    await expect(exportRoadmap(t.db, { roadmapId: 9999, formats: ["xlsx"], tr: ru, now: NOW, dataDir: DATA_DIR })).rejects.toBeInstanceOf(RoadmapNotFound);
  });

  it("a roadmap with no items, or a curator whose schools have nothing in it", async () => {
    const empty = await t.db.roadmap.create({ data: { identity: "empty", title: "Пустая", timezone: "Europe/Moscow", contentHash: "e" } });
    await expect(exportRoadmap(t.db, { roadmapId: empty.id, formats: ["xlsx"], tr: ru, now: NOW, dataDir: DATA_DIR })).rejects.toBeInstanceOf(NothingToExport);
    const other = await t.db.organization.create({ data: { name: "МКОУ ООШ с. Тахтамыгда", kind: "school" } });
    const err = await exportRoadmap(t.db, { roadmapId: f.roadmapId, formats: ["docx"], tr: ru, now: NOW, dataDir: DATA_DIR, schoolIds: [other.id] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NothingToExport);
    expect((err as NothingToExport).narrowed).toBe(true);
  });
});
