import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import mammoth from "mammoth";
import { DateTime } from "luxon";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { main } from "../cli/run.ts";
import { createTestDb, type TestDb } from "./support/db.ts";
import { buildFixture, type Fixture } from "./export-fixture.ts";

// `export <roadmap id> --format xlsx|docx [--out file]` as the contract fixes it.

let dir: string;
let t: TestDb;
let f: Fixture;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "vekha-export-cli-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
beforeEach(async () => {
  t = await createTestDb();
  f = await buildFixture(t.db);
});
afterEach(async () => {
  await t.close();
});

/** `lang` null: the default (Russian), which is also the document's language */
async function cli(args: string[], lang: "ru" | "en" | null = null, env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(["export", ...args, ...(lang ? ["--lang", lang] : [])], { out: (s) => out.push(s), err: (s) => err.push(s), env: { DATABASE_URL: t.url, DATA_DIR: t.dir, ...env } });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

const oneLine = (s: string) => s.length > 0 && !s.trim().includes("\n");

describe("export CLI", () => {
  it.each([
    [[], /which roadmap/],
    [["1"], /--format xlsx or --format docx is required/],
    [["1", "--format", "pdf"], /--format must be xlsx, docx or workbook, not "pdf"/],
    [["1", "--format"], /--format needs a value/],
    [["abc", "--format", "xlsx"], /roadmap id is a number/],
    [["1", "2", "--format", "xlsx"], /one roadmap id at a time/],
    [["1", "--format", "xlsx", "--zip"], /unknown option --zip/],
    [["1", "--format", "xlsx", "--with-files=yes"], /--with-files takes no value/],
    [["1", "--format", "xlsx", "--lang", "de"], /--lang: language "de" is not supported, use ru or en/],
  ])("%j is bad usage (exit 2, one line)", async (args, message) => {
    const r = await cli(args, "en");
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(oneLine(r.stderr)).toBe(true);
    expect(r.stderr).toMatch(message);
  });

  it("an unknown roadmap is an input problem (exit 1, one line)", async () => {
    const r = await cli(["4242", "--format", "xlsx", "--out", path.join(dir, "x.xlsx")], "en");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("export: there is no roadmap 4242");
    const ru = await cli(["4242", "--format", "xlsx", "--out", path.join(dir, "x.xlsx")]);
    expect(ru.code).toBe(1);
    expect(ru.stderr).toBe("export: дорожной карты 4242 нет");
    expect(fs.existsSync(path.join(dir, "x.xlsx"))).toBe(false);
  });

  it("a roadmap with nothing to export is an input problem (exit 1, one line)", async () => {
    const empty = await t.db.roadmap.create({ data: { identity: "empty", title: "Пустая карта", timezone: "Europe/Moscow", contentHash: "e" } });
    const r = await cli([String(empty.id), "--format", "docx", "--out", path.join(dir, "e.docx")], "en");
    expect(r.code).toBe(1);
    expect(oneLine(r.stderr)).toBe(true);
    expect(r.stderr).toMatch(/has no items to export/);
  });

  it("writes the .xlsx to --out and prints its path", async () => {
    const target = path.join(dir, "report.xlsx");
    const r = await cli([String(f.roadmapId), "--format", "xlsx", "--out", target]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toBe(target);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(target);
    const ws = wb.getWorksheet("Исполнение")!;
    expect(ws.rowCount).toBe(1 + 10);
    // run today, every open item of 2023 is past due
    const statuses: string[] = [];
    ws.eachRow((row, n) => n > 1 && statuses.push(String(row.getCell(7).value)));
    expect(statuses).toEqual(["принято", "просрочено", "принято", "на проверке", "просрочено", "просрочено", "просрочено", "просрочено", "отменено", "просрочено"]);
  });

  it("writes the .docx under its default name in the current directory", async () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const r = await cli([String(f.roadmapId), "--format=docx"]);
      expect(r.code).toBe(0);
      const today = DateTime.now().setZone("Asia/Yakutsk").toISODate();
      expect(r.stdout).toBe(path.join(fs.realpathSync(dir), `vekha-${f.roadmapId}-${today}.docx`));
      const { value } = await mammoth.extractRawText({ path: r.stdout });
      expect(value).toContain("АНАЛИТИЧЕСКАЯ СПРАВКА");
    } finally {
      process.chdir(cwd);
    }
  });

  it("--with-files copies evidence files next to the report and links them relatively", async () => {
    const stored = path.join(t.dir, "evidence/2023/analiz-vpr.pdf");
    fs.mkdirSync(path.dirname(stored), { recursive: true });
    fs.writeFileSync(stored, "%PDF-1.4 analiz");
    const target = path.join(dir, "with-files.xlsx");
    const r = await cli([String(f.roadmapId), "--format", "xlsx", "--out", target, "--with-files"]);
    expect(r).toMatchObject({ code: 0, stderr: "", stdout: target });
    const evidence = await t.db.evidence.findFirstOrThrow({ where: { storagePath: "evidence/2023/analiz-vpr.pdf" } });
    const copied = path.join(dir, "with-files-files", `${evidence.id}-Анализ ВПР.pdf`);
    expect(fs.readFileSync(copied, "utf8")).toBe("%PDF-1.4 analiz");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(target);
    const ws = wb.getWorksheet("Исполнение")!;
    const evidenceCol = (ws.getRow(1).values as ExcelJS.CellValue[]).indexOf("Подтверждение");
    const cell = ws.getRow(4).getCell(evidenceCol).value as ExcelJS.CellHyperlinkValue;
    expect(cell.text).toBe("файл: Анализ ВПР.pdf");
    expect(decodeURIComponent(cell.hyperlink)).toBe(`with-files-files/${evidence.id}-Анализ ВПР.pdf`);
  });

  it("--with-files names a missing evidence file on stderr and still writes the report", async () => {
    const target = path.join(dir, "missing.docx");
    const r = await cli([String(f.roadmapId), "--format", "docx", "--out", target, "--with-files"]);
    expect(r.code).toBe(0);
    expect(oneLine(r.stderr)).toBe(true);
    expect(r.stderr).toMatch(/^export: не найден 1 файл подтверждений в .*: evidence\/2023\/analiz-vpr\.pdf$/);
    expect(fs.existsSync(target)).toBe(true);
  });

  it("an export over its worker's memory limit (EXPORT_MEMORY_MB) is an input problem (exit 1, one line), no file left; the next export works", async () => {
    const target = path.join(dir, "limited", "r.xlsx");
    fs.mkdirSync(path.dirname(target), { recursive: true });
    // far below what any export needs (a roadmap of one row needs 24–32 MB)
    const r = await cli([String(f.roadmapId), "--format", "xlsx", "--out", target], null, { EXPORT_MEMORY_MB: "16" });
    expect(r.code).toBe(1);
    expect(oneLine(r.stderr)).toBe(true);
    expect(r.stderr).toBe("export: выгрузка не уместилась в память рабочего потока (16 МБ) и остановлена, файл не записан; задайте больше, например EXPORT_MEMORY_MB=32");
    expect(fs.readdirSync(path.dirname(target))).toEqual([]);
    expect(await cli([String(f.roadmapId), "--format", "xlsx", "--out", target])).toMatchObject({ code: 0, stdout: target });
  });

  it("cannot write into a missing directory: exit 1", async () => {
    const r = await cli([String(f.roadmapId), "--format", "xlsx", "--out", path.join(dir, "no", "such", "dir", "r.xlsx")], "en");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot write .*ENOENT/);
  });
});
