import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import mammoth from "mammoth";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../cli/run.ts";
import { createTestDb, type TestDb } from "./support/db.ts";
import { translator } from "../services/i18n.ts";
import { exportRoadmap } from "../services/export/index.ts";
import { FIXTURES_DIR } from "./support/fixtures.ts";

// The five real roadmaps, saved by the importer (with its assignments), then exported: every item
// appears under its own key, long official texts survive, and the note names the order.

const FIXTURES = FIXTURES_DIR;
const files = fs.readdirSync(FIXTURES).filter((f) => f.endsWith(".txt")).sort();

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.close();
});

interface Imported {
  roadmap: { id: number; title: string; orderNumber: string | null };
  items: Array<{ key: string; number: string | null; title: string }>;
}

async function importSaved(file: string): Promise<Imported> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(["import", path.join(FIXTURES, file), "--save", "--json", "--active-from", "2024-01-01"], {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    env: { DATABASE_URL: t.url },
  });
  expect(code, err.join("\n")).toBe(0);
  return JSON.parse(out.join("\n")) as Imported;
}

it("finds the five fixtures", () => {
  expect(files).toHaveLength(5);
});

describe.each(files)("%s", (file) => {
  it("exports every imported item under its key, in both formats", async () => {
    const imported = await importSaved(file);
    const out = await exportRoadmap(t.db, { roadmapId: imported.roadmap.id, formats: ["xlsx", "docx"], tr: translator("ru"), now: new Date("2024-06-01T06:00:00Z"), dataDir: t.dir });

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(out.files[0]!.buffer as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("Исполнение")!;
    const keys: string[] = [];
    const titles: string[] = [];
    ws.eachRow((row, n) => {
      if (n === 1) return;
      keys.push(String(row.getCell(6).value));
      titles.push(String(row.getCell(2).value));
    });
    // one row per assignment (a role fans out to schools), one for an item nobody has yet; document order
    const stored = await t.db.item.findMany({ where: { roadmapId: imported.roadmap.id, removedAt: null }, orderBy: { position: "asc" }, select: { key: true, title: true, _count: { select: { assignments: true } } } });
    expect(stored.map((i) => i.key)).toEqual(imported.items.map((i) => i.key));
    const times = (i: (typeof stored)[number]) => Math.max(1, i._count.assignments);
    expect(keys).toEqual(stored.flatMap((i) => Array<string>(times(i)).fill(i.key)));
    expect(titles).toEqual(stored.flatMap((i) => Array<string>(times(i)).fill(i.title)));

    const { value } = await mammoth.extractRawText({ buffer: out.files[1]!.buffer });
    expect(value).toContain("АНАЛИТИЧЕСКАЯ СПРАВКА");
    expect(value).toContain(imported.roadmap.title);
    if (imported.roadmap.orderNumber) expect(value).toContain(`№ ${imported.roadmap.orderNumber}`);
    expect(value).toMatch(new RegExp(`Всего в дорожной карте ${imported.items.length} мероприят`));
  });
});
