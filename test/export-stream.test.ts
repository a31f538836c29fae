import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import mammoth from "mammoth";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotHarness } from "./support/bot-harness.ts";
import { openDb, type Db } from "../services/db.ts";
import { translator } from "../services/i18n.ts";
import { PAGE } from "../services/paging.ts";
import { writeExport } from "../services/export/index.ts";
import { NOTE_LIST_MAX } from "../services/export/common.ts";
import { LARGE_EXPORT_ROWS } from "../handlers/export.ts";

// The export of a big roadmap (issue 12): the .xlsx is streamed to a file from rows read a page at
// a time. Here 5,000 assignments (more than a page, more than SQLite's default 999 parameters):
// the file opens with exceljs' reader and holds every row, its three sheets and the charts; no SQL
// statement binds more than a page of values, however many rows; the chat says a big export is
// being prepared and sends the files from disk; the note's lists stop at NOTE_LIST_MAX and say so.

const ITEMS = 50;
const SCHOOLS = 100;
const NOW = "2024-06-10T12:00:00+07:00";
const STATUSES = ["not_started", "in_progress", "submitted", "verified", "returned", "postponed", "cancelled"];
const ru = translator("ru");
/**
 * The export worker's heap in the memory-limit test (MB). The rows are streamed, so an export's heap
 * hardly grows with them (a roadmap of one row needs 24–32 MB, 58,000 rows fit in 48): no roadmap a
 * test can seed needs clearly more than a small one, and the limit is set below what any export needs.
 */
const EXPORT_LIMIT_MB = 16;

let h: BotHarness;
let roadmapId: number;

async function chunked<T>(rows: T[], create: (chunk: T[]) => Promise<unknown>, size = 2_000): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await create(rows.slice(i, i + size));
}

/** `count` more schools, each given every item of the roadmap (with a person, a status, evidence on the done ones). */
async function addSchools(db: Db, from: number, count: number): Promise<void> {
  await db.organization.createMany({ data: Array.from({ length: count }, (_, i) => ({ name: `МБОУ СОШ № ${from + i + 1}`, kind: "school", schoolKey: `stream-${from + i}` })) });
  const schools = await db.organization.findMany({ where: { schoolKey: { startsWith: "stream-" } }, orderBy: { id: "asc" }, select: { id: true }, skip: from });
  await chunked(
    schools.map((s, i) => ({ fullName: `Исполнитель ${from + i + 1}`, shortName: `Исполнитель ${from + i + 1}`, organizationId: s.id })),
    (data) => db.person.createMany({ data }),
  );
  const people = await db.person.findMany({ where: { organizationId: { in: schools.map((s) => s.id) } }, select: { id: true, organizationId: true } });
  const personOf = new Map(people.map((p) => [p.organizationId, p.id]));
  const items = await db.item.findMany({ where: { roadmapId, deadlineKind: "date" }, orderBy: { position: "asc" }, select: { id: true } });
  await chunked(
    items.flatMap((item, i) =>
      schools.map((s, k) => {
        const status = STATUSES[(i + k) % STATUSES.length]!;
        return { itemId: item.id, schoolId: s.id, personId: personOf.get(s.id)!, status, doneAt: status === "verified" ? new Date("2024-03-01T05:00:00Z") : null };
      }),
    ),
    (data) => db.assignment.createMany({ data }),
  );
  const done = await db.assignment.findMany({ where: { status: { in: ["verified", "submitted"] }, evidence: { none: {} } }, select: { id: true } });
  await chunked(done, (chunk) =>
    db.evidence.createMany({
      data: chunk.map((a, n) => (n % 2 ? { assignmentId: a.id, kind: "link", url: `https://edu.example/${a.id}`, status: "accepted" } : { assignmentId: a.id, kind: "file", fileName: `Справка ${a.id}.pdf`, storagePath: `evidence/${a.id}.pdf`, status: "submitted" })),
    }),
  );
}

async function seed(db: Db): Promise<number> {
  const roadmap = await db.roadmap.create({ data: { identity: "stream", title: "Региональная дорожная карта", orderNumber: "7", orderDate: "2024-01-10", timezone: "Asia/Novosibirsk", status: "active", activeFrom: "2024-01-15", contentHash: "s" } });
  const section = await db.section.create({ data: { roadmapId: roadmap.id, title: "Мониторинг", position: 0 } });
  await db.item.createMany({
    data: Array.from({ length: ITEMS }, (_, i) => ({ roadmapId: roadmap.id, sectionId: section.id, key: String(i + 1), number: String(i + 1), title: `Мероприятие ${i + 1}`, deadlineKind: "date", deadlineDue: i % 2 ? "2024-12-20" : "2024-05-20", position: i })),
  });
  // one item nobody is assigned to: a row of its own
  await db.item.create({ data: { roadmapId: roadmap.id, sectionId: section.id, key: "99", number: "99", title: "Мероприятие без исполнителя", deadlineKind: "none", position: ITEMS } });
  roadmapId = roadmap.id;
  await addSchools(db, 0, SCHOOLS);
  return roadmap.id;
}

// ---- every SQL statement Prisma sends, with its number of bound values (both adapters) ----
type Queryable = { queryRaw: (q: { sql: string; args: unknown[] }) => Promise<unknown>; executeRaw: (q: { sql: string; args: unknown[] }) => Promise<unknown> };
const statements: Array<{ sql: string; params: number }> = [];
const originals: Array<[{ connect: () => Promise<Queryable> }, () => Promise<Queryable>]> = [];
function recordStatements(): void {
  for (const proto of [PrismaBetterSQLite3.prototype, PrismaPg.prototype] as unknown as Array<{ connect: () => Promise<Queryable> }>) {
    const connect = proto.connect;
    originals.push([proto, connect]);
    proto.connect = async function (this: unknown) {
      const adapter = await connect.call(this);
      for (const m of ["queryRaw", "executeRaw"] as const) {
        const run = adapter[m].bind(adapter);
        adapter[m] = (q) => {
          statements.push({ sql: q.sql, params: q.args.length });
          return run(q);
        };
      }
      return adapter;
    };
  }
}

let dir: string;
beforeAll(async () => {
  h = await BotHarness.start({ adminIds: ["4242"], now: NOW });
  await seed(h.db);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "vekha-stream-test-"));
}, 300_000);
afterAll(async () => {
  for (const [proto, connect] of originals) proto.connect = connect;
  await h?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const rowsExpected = async () => (await h.db.assignment.count({ where: { item: { roadmapId } } })) + 1;

describe("an export of 5,000 assignments", () => {
  it("is streamed to a file that exceljs reads back whole: every row in document order, the three sheets, the charts", async () => {
    const out = await writeExport(h.db, { roadmapId, formats: ["xlsx", "docx"], tr: ru, now: new Date(NOW), dataDir: dir }, { dir });
    const expected = await rowsExpected();
    expect(expected).toBeGreaterThan(LARGE_EXPORT_ROWS - 1);
    expect(out.rows).toBe(expected);
    const xlsx = out.files.find((f) => f.format === "xlsx")!;
    expect(xlsx.path).toBe(path.join(dir, `vekha-${roadmapId}-2024-06-10.xlsx`));
    expect(fs.statSync(xlsx.path).size).toBe(xlsx.bytes);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx.path);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Исполнение", "Сводка", "Подтверждения"]);
    const items = wb.getWorksheet("Исполнение")!;
    const keys: string[] = [];
    const schools: string[] = [];
    items.eachRow((row, n) => {
      if (n === 1) return;
      keys.push(String(row.getCell(6).value));
      schools.push(String(row.getCell(9).value ?? ""));
    });
    expect(keys).toHaveLength(expected);
    // document order: an item's rows together, items by position, the unassigned one last
    const stored = await h.db.assignment.findMany({ where: { item: { roadmapId } }, orderBy: [{ item: { position: "asc" } }, { id: "asc" }], select: { item: { select: { key: true } }, school: { select: { name: true } } } });
    expect(keys).toEqual([...stored.map((a) => a.item.key), "99"]);
    expect(schools.slice(0, -1)).toEqual(stored.map((a) => a.school!.name));
    // a header of its own, status colours and links on the streamed rows
    expect(items.getRow(1).getCell(6).value).toBe("Ключ");
    expect(items.getRow(2).getCell(2).alignment?.wrapText).toBe(true);
    expect(items.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });

    const summary = wb.getWorksheet("Сводка")!;
    let total: ExcelJS.CellValue = null;
    summary.eachRow((row) => {
      if (row.getCell(1).value === "Итого") total = row.getCell(2).value;
    });
    expect(total).toBe(expected);
    const images = summary.getImages();
    expect(images).toHaveLength(2);
    for (const image of images) {
      const media = wb.getImage(Number(image.imageId));
      expect(media.extension).toBe("png");
      expect(Buffer.from(media.buffer as unknown as Uint8Array).subarray(1, 4).toString("ascii")).toBe("PNG");
    }
    expect(images[0]!.range.tl.nativeRow).toBeGreaterThan(summary.rowCount);

    const evidence = wb.getWorksheet("Подтверждения")!;
    const pieces = await h.db.evidence.count({ where: { status: { not: "returned" }, assignment: { item: { roadmapId } } } });
    expect(evidence.rowCount - 1).toBe(pieces);
    const firstLink = evidence.getRow(2).getCell(7).value as ExcelJS.CellHyperlinkValue;
    expect(firstLink.hyperlink).toMatch(/^(https:\/\/edu\.example\/|file:)/);

    // a valid package: the drawing is declared and its pictures are in it
    const zip = await JSZip.loadAsync(fs.readFileSync(xlsx.path));
    expect(await zip.file("[Content_Types].xml")!.async("string")).toContain('PartName="/xl/drawings/drawing2.xml"');
    const rels = await zip.file("xl/drawings/_rels/drawing2.xml.rels")!.async("string");
    for (const [, target] of rels.matchAll(/Target="\.\.\/(media\/[^"]+)"/g)) expect(zip.file(`xl/${target}`)).not.toBeNull();
    expect(await zip.file("xl/worksheets/_rels/sheet2.xml.rels")!.async("string")).toContain("../drawings/drawing2.xml");

    // the note: whole counts, lists cut at NOTE_LIST_MAX with a word on where the rest is
    const docx = out.files.find((f) => f.format === "docx")!;
    expect(docx.capped).toBe(true);
    const { value } = await mammoth.extractRawText({ path: docx.path });
    const doneRows = await h.db.assignment.count({ where: { item: { roadmapId }, status: "verified" } });
    expect(value.replace(/\s/g, " ")).toContain(`исполнено ${doneRows.toLocaleString("ru-RU").replace(/\s/g, " ")} из`);
    expect(value).toContain(`Перечень сокращён: показаны первые ${NOTE_LIST_MAX} из`);
    expect(value).toContain("в таблице мониторинга (.xlsx)");
    // an overdue item of a hundred schools names thirty executors, then how many more
    const overdueLine = value.split("\n").find((l) => l.startsWith("п. 1 «Мероприятие 1» — срок"))!;
    expect(overdueLine.match(/Исполнитель \d+ \(/g)).toHaveLength(30);
    expect(overdueLine).toMatch(/; и ещё \d+$/);
    expect(value.match(/ — Исполнитель \d+ \(МБОУ СОШ № \d+\), 1 марта 2024/g)).toHaveLength(NOTE_LIST_MAX);
  }, 300_000);

  it("tells the chat a big export is being prepared, then sends the files (from disk) whole", async () => {
    const coordinator = h.user({ id: 4242 });
    const replies = await coordinator.command("/export", { timeoutMs: 240_000 });
    expect(replies[0]!.text).toMatch(/^Готовлю выгрузку: 5\s?0\d\d поручени/);
    const docs = h.api.calls.filter((c) => c.method === "sendDocument" && String(c.params.chat_id) === "4242").map((c) => ({ ...c.files.document!, caption: String(c.params.caption ?? "") }));
    expect(docs.map((d) => d.name)).toEqual([`vekha-${roadmapId}-2024-06-10.xlsx`, `vekha-${roadmapId}-2024-06-10.docx`]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(docs[0]!.data as unknown as ArrayBuffer);
    expect(wb.getWorksheet("Исполнение")!.rowCount - 1).toBe(await rowsExpected());
    expect(docs[1]!.caption).toContain(`сокращены до ${NOTE_LIST_MAX} строк`);
    // the temporary folder is gone once sent
    expect(fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith("vekha-export-") && fs.existsSync(path.join(os.tmpdir(), f, docs[0]!.name)))).toEqual([]);
  }, 300_000);

  it("reads the rows a page at a time: more rows make more statements, never a statement with more bound values", async () => {
    recordStatements();
    const measure = async () => {
      const db = await openDb(h.deps.config.DATABASE_URL);
      statements.length = 0;
      try {
        const out = await writeExport(db, { roadmapId, formats: ["xlsx"], tr: ru, now: new Date(NOW), dataDir: dir }, { dir });
        return { rows: out.rows, count: statements.length, most: Math.max(...statements.map((s) => s.params)) };
      } finally {
        await db.$disconnect();
      }
    };
    const before = await measure();
    await addSchools(h.db, SCHOOLS, SCHOOLS);
    const after = await measure();
    expect(after.rows).toBe(before.rows + ITEMS * SCHOOLS);
    expect(after.rows).toBe(await rowsExpected());
    // a page's worth of ids at most (a page of assignments, their relations), at 5,000 rows as at 10,000
    expect(before.most).toBeLessThanOrEqual(PAGE + 10);
    expect(after.most).toBeLessThanOrEqual(PAGE + 10);
    // twice the rows, about twice the pages: the rows are read in pages, not in one statement
    expect(after.count).toBeGreaterThan(before.count + (ITEMS * SCHOOLS) / PAGE);
  }, 300_000);

  it("over its worker's memory limit is ended and answered politely, nothing sent or left behind; the next export gets a fresh worker", async () => {
    // a roadmap of one item at one school beside the big one: the export after the refusal
    const small = await h.db.roadmap.create({ data: { identity: "small", title: "Малая дорожная карта", timezone: "Asia/Novosibirsk", status: "active", activeFrom: "2024-01-15", contentHash: "m" } });
    const section = await h.db.section.create({ data: { roadmapId: small.id, title: "Раздел", position: 0 } });
    const item = await h.db.item.create({ data: { roadmapId: small.id, sectionId: section.id, key: "1", number: "1", title: "Отчёт", deadlineKind: "date", deadlineDue: "2024-05-20", position: 0 } });
    const school = await h.db.organization.findFirstOrThrow({ where: { schoolKey: "stream-0" } });
    await h.db.assignment.create({ data: { itemId: item.id, schoolId: school.id, status: "in_progress" } });
    const coordinator = h.user({ id: 4242 });
    const documents = () => h.api.calls.filter((c) => c.method === "sendDocument" && String(c.params.chat_id) === "4242").length;
    const sent = documents();
    const usual = h.deps.config.EXPORT_MEMORY_MB;
    h.deps.config.EXPORT_MEMORY_MB = EXPORT_LIMIT_MB;
    try {
      const replies = await coordinator.command(`/export ${roadmapId}`, { timeoutMs: 240_000 });
      expect(replies.at(-1)!.text).toBe(
        `Отчёт по этой дорожной карте не уместился в память, отведённую боту для выгрузок (${EXPORT_LIMIT_MB} МБ), и его подготовка остановлена — файлы не отправлены. Пожалуйста, сообщите администратору бота: он может отвести под выгрузки больше памяти или выгрузить отчёт на сервере.`,
      );
      expect(documents()).toBe(sent);
      expect(fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith("vekha-export-") && fs.readdirSync(path.join(os.tmpdir(), f)).some((n) => n.startsWith(`vekha-${roadmapId}-`)))).toEqual([]);
      // the limit read per export, as a changed EXPORT_MEMORY_MB would be after a restart: the next export gets a fresh worker
      h.deps.config.EXPORT_MEMORY_MB = usual;
      await coordinator.command(`/export ${small.id}`, { timeoutMs: 240_000 });
      const docs = h.api.calls.filter((c) => c.method === "sendDocument" && String(c.params.chat_id) === "4242").slice(sent);
      expect(docs.map((c) => c.files.document!.name)).toEqual([`vekha-${small.id}-2024-06-10.xlsx`, `vekha-${small.id}-2024-06-10.docx`]);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(docs[0]!.files.document!.data as unknown as ArrayBuffer);
      expect(wb.getWorksheet("Исполнение")!.rowCount).toBe(2);
    } finally {
      h.deps.config.EXPORT_MEMORY_MB = usual;
    }
  }, 300_000);
});
