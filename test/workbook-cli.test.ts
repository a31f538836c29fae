import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { main } from "../cli/run.ts";
import { openDb } from "../services/db.ts";
import type { ImportResult } from "../core/types.ts";
import { importDocument } from "../core/import/index.ts";
import { readDocument } from "../core/readers/detect.ts";
import { importWorkbookUpload } from "../core/workbook/index.ts";
import { resolveAssignments } from "../services/assign.ts";
import { saveImport } from "../services/roadmap-store.ts";
import { savedRoadmapResult, savedRoadmapWorkbook } from "../services/roadmap-workbook.ts";
import { createEmptyDatabase, createTestDb, type TestDb } from "./support/db.ts";
import { FIXTURES_DIR } from "./support/fixtures.ts";

// `import <file> --workbook out.xlsx` and importing the workbook back, from the command line and over a
// saved roadmap (statuses and evidence stay with their keys).

const SKOVORODINO = path.join(FIXTURES_DIR, "skovorodino-2023-roadmap.txt");
const BOLSHE = path.join(FIXTURES_DIR, "bolshebereznikovsky-2020-2022-program.txt");
let dir: string;
const drops: Array<() => Promise<void>> = [];
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "vekha-workbook-cli-"));
});
afterAll(async () => {
  for (const drop of drops) await drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** An empty database of the suite's kind (the CLI migrates it): its DATABASE_URL. */
async function freshDatabase(): Promise<string> {
  const empty = await createEmptyDatabase();
  drops.push(empty.drop);
  return empty.url;
}

async function cli(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  // without --save nothing opens it
  const url = env.DB ?? `file:${path.join(dir, `never-${Math.random().toString(36).slice(2)}.db`)}`;
  const code = await main(["import", ...args, "--lang", "en"], {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env: { DATABASE_URL: url, DEFAULT_TIMEZONE: "Europe/Moscow", ...env },
  });
  return { code, stdout: out.join("\n"), stderr: err.join("\n"), dbFile: url.slice("file:".length) };
}

async function editCell(file: string, key: string, column: number, value: string, out: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0]!;
  let found = false;
  ws.eachRow((row, r) => {
    if (r > 1 && String(row.getCell(1).value) === key) {
      row.getCell(column).value = value;
      found = true;
    }
  });
  if (!found) throw new Error(`no row ${key}`);
  await wb.xlsx.writeFile(out);
}

describe("import --workbook", () => {
  it("writes the workbook; importing it (any name) gives the same items; a changed «Срок» comes back changed", async () => {
    const out = path.join(dir, "skov.xlsx");
    const first = await cli([SKOVORODINO, "--json", "--workbook", out]);
    expect(first.code).toBe(0);
    expect(first.stderr).toBe("");
    const original = JSON.parse(first.stdout) as ImportResult;
    expect(fs.existsSync(out)).toBe(true);

    // renamed: the header row decides, not the name
    const renamed = path.join(dir, "карта от коллег.dat");
    fs.copyFileSync(out, renamed);
    const back = await cli([renamed, "--json"]);
    expect(back.code).toBe(0);
    const json = JSON.parse(back.stdout) as ImportResult;
    expect(json.origin).toBe("workbook");
    expect(json.items).toEqual(original.items);
    expect({ ...json.roadmap, identity: undefined }).toEqual(original.roadmap);

    const edited = path.join(dir, "skov-edited.xlsx");
    await editCell(out, "12", 5, "до 20 октября 2023 года", edited);
    const changed = JSON.parse((await cli([edited, "--json"])).stdout) as ImportResult;
    expect(changed.items.find((i: { key: string }) => i.key === "12")!.deadline).toMatchObject({ kind: "date", due: "2023-10-20" });
    expect(changed.items.filter((i: { key: string }) => i.key !== "12")).toEqual(original.items.filter((i: { key: string }) => i.key !== "12"));
  });

  it("the summary names the written file; errors keep the contract's exit codes", async () => {
    const out = path.join(dir, "b.xlsx");
    const ok = await cli([BOLSHE, "--workbook", out]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`workbook written: ${out}`);

    const noValue = await cli([BOLSHE, "--workbook"]);
    expect(noValue.code).toBe(2);
    expect(noValue.stderr).toMatch(/--workbook needs a value/);
    const itself = await cli([out, "--workbook", out]);
    expect(itself.code).toBe(2);

    const noFolder = await cli([BOLSHE, "--workbook", path.join(dir, "no-such-folder", "x.xlsx")]);
    expect(noFolder.code).toBe(1);
    expect(noFolder.stderr).toMatch(/cannot write the workbook/);
    expect(noFolder.stderr.trim().includes("\n")).toBe(false);

    // a workbook with its header and nothing under it
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("x").addRow(["Ключ", "Раздел", "№", "Мероприятие", "Срок", "Ответственные", "Результат", "Подтверждение"]);
    const empty = path.join(dir, "empty.xlsx");
    await wb.xlsx.writeFile(empty);
    const r = await cli([empty, "--json"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/no rows/);
  });

  it("--save of the edited workbook updates the roadmap saved from the document", async () => {
    const db = await freshDatabase();
    const out = path.join(dir, "saved.xlsx");
    const first = await cli([SKOVORODINO, "--save", "--json", "--active-from", "2023-04-01", "--workbook", out], { DB: db });
    expect(first.code).toBe(0);
    const id = (JSON.parse(first.stdout) as ImportResult).roadmap.id;
    const edited = path.join(dir, "saved-edited.xlsx");
    await editCell(out, "3", 4, "Переименованное мероприятие", edited);
    const second = await cli([edited, "--save"], { DB: db });
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(new RegExp(`saved: roadmap ${id} \\(updated in place\\): 0 added, 1 changed, 0 renumbered, 0 removed`));
    // the correction is in the item's history (no person: the command line)
    const handle = await openDb(db);
    try {
      const changes = await handle.itemChange.findMany({ include: { item: { select: { key: true } } } });
      expect(changes.map((c) => [c.item.key, c.field, c.newText, c.byPersonId])).toEqual([["3", "title", "Переименованное мероприятие", null]]);
    } finally {
      await handle.$disconnect();
    }
  });
});

describe("export <id> --format workbook", () => {
  it("writes a saved roadmap's workbook; edited and imported with --save, it updates that roadmap; a wrong id is exit 1", async () => {
    const db = await freshDatabase();
    const first = await cli([SKOVORODINO, "--save", "--json", "--active-from", "2023-04-01"], { DB: db });
    const id = (JSON.parse(first.stdout) as ImportResult).roadmap.id!;
    const run = async (args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await main(["export", ...args, "--lang", "en"], { out: (t) => out.push(t), err: (t) => err.push(t), env: { DATABASE_URL: db, DEFAULT_TIMEZONE: "Europe/Moscow" } });
      return { code, stdout: out.join("\n"), stderr: err.join("\n") };
    };
    const file = path.join(dir, "from-saved.xlsx");
    const written = await run([String(id), "--format", "workbook", "--out", file]);
    expect(written).toMatchObject({ code: 0, stdout: file, stderr: "" });
    const edited = path.join(dir, "from-saved-edited.xlsx");
    await editCell(file, "5", 5, "до 20 декабря 2023", edited);
    const back = await cli([edited, "--save"], { DB: db });
    expect(back.code).toBe(0);
    expect(back.stdout).toMatch(new RegExp(`saved: roadmap ${id} \\(updated in place\\): 0 added, 1 changed, 0 renumbered, 0 removed`));

    expect((await run(["999", "--format", "workbook", "--out", file])).code).toBe(1);
    expect((await run([String(id), "--format", "workbook", "--with-files"])).code).toBe(2);
  }, 60_000);
});

describe("re-importing the workbook of a saved roadmap", () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createTestDb();
  });
  afterEach(async () => t.close());

  it("updates that roadmap — even one known only by its content — keeping statuses and evidence by key", async () => {
    // no order number: the roadmap's identity is its content, which the edit changes
    const doc = await readDocument("plan.csv", Buffer.from(
      "№;Мероприятие;Срок;Ответственный\n1;Провести совещание руководителей;март 2024;Руководители ОО\n2;Подготовить отчёт о результатах ВПР;до 15.05.2024;Иванова А.А.\n3;Организовать курсы повышения квалификации;в течение 2024 года;Руководители ОО\n",
    ));
    const result = importDocument(doc, { defaultTimezone: "Europe/Moscow" });
    expect(result.roadmap.orderNumber).toBeNull();
    const saved = await saveImport(t.db, result, { activeFrom: "2024-01-10", sourceName: "plan.csv", now: new Date("2024-01-10T00:00:00Z") });
    await resolveAssignments(t.db, saved.roadmapId);
    const item2 = await t.db.item.findFirstOrThrow({ where: { roadmapId: saved.roadmapId, key: "2" }, include: { assignments: true } });
    const a = item2.assignments[0]!;
    await t.db.assignment.update({ where: { id: a.id }, data: { status: "in_progress" } });
    await t.db.evidence.create({ data: { assignmentId: a.id, kind: "link", url: "https://school.example/report" } });

    const wbFile = await savedRoadmapWorkbook(t.db, saved.roadmapId);
    expect(wbFile!.fileName).toBe(`vekha-${saved.roadmapId}-pravka.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(wbFile!.bytes as unknown as ArrayBuffer);
    wb.worksheets[0]!.getRow(3).getCell(5).value = "до 31.05.2024";
    const edited = Buffer.from(await wb.xlsx.writeBuffer());

    const back = await importWorkbookUpload("что-угодно.xlsx", edited, { defaultTimezone: "Europe/Moscow" });
    expect(back!.items.find((i) => i.key === "2")!.deadline.due).toBe("2024-05-31");
    const again = await saveImport(t.db, back!, { activeFrom: "2024-02-01", sourceName: "что-угодно.xlsx" });
    expect(again).toMatchObject({ roadmapId: saved.roadmapId, created: false, itemsAdded: 0, itemsUpdated: 1, itemsRemoved: 0 });
    expect(await t.db.roadmap.count()).toBe(1);
    const after = await t.db.assignment.findUniqueOrThrow({ where: { id: a.id }, include: { evidence: true, item: true } });
    expect(after.status).toBe("in_progress");
    expect(after.evidence.map((e) => e.url)).toEqual(["https://school.example/report"]);
    expect(after.item).toMatchObject({ key: "2", deadlineDue: "2024-05-31", id: item2.id });
    // and the saved roadmap reads as the workbook said
    const stored = await savedRoadmapResult(t.db, saved.roadmapId);
    expect(stored!.items.map((i) => i.deadline.due)).toEqual(back!.items.map((i) => i.deadline.due));
  });
});
