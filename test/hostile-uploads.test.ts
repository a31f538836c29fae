import fs from "node:fs";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { DocumentError } from "../core/readers/errors.ts";
import { ImportWorker } from "../services/import/worker.ts";
import { BotHarness, type TestUser } from "./support/bot-harness.ts";
import { csvOfRows, docxOfParagraphs, xlsxOfRows } from "./support/hostile.ts";
import { fixturePath } from "./support/fixtures.ts";

// Hostile uploads (built here, never committed): each is refused with one line naming the limit it hit,
// within 30 s and under 1 GB, in a worker thread, while other users' commands are answered.

const GB = 1024 ** 3;
const opts = { defaultTimezone: "Europe/Moscow" };

const HOSTILE: Array<{ name: string; make: () => Promise<Buffer>; limit: string; says: RegExp }> = [
  {
    // 300 MB of XML in a 1.5 MB file
    name: "zip-bomb.docx",
    make: () => docxOfParagraphs("<w:p><w:r><w:t>Анализ результатов ВПР и подготовка отчёта</w:t></w:r></w:p>", 4_000_000),
    limit: "unpackedBytes",
    says: /в распакованном виде он больше 100 МБ/,
  },
  { name: "paragraphs.docx", make: () => docxOfParagraphs("<w:p/>", 4_000_000), limit: "paragraphs", says: /больше 20\s000 абзацев/ },
  { name: "million-rows.xlsx", make: () => xlsxOfRows(1_000_000), limit: "unpackedBytes", says: /в распакованном виде он больше 100 МБ/ },
  { name: "rows.csv", make: async () => csvOfRows(250_000), limit: "rows", says: /больше 5\s000 строк/ },
];

// each file is built once, for both describes
const built = new Map<string, Promise<Buffer>>();
for (const h of HOSTILE) {
  const make = h.make;
  h.make = () => {
    if (!built.has(h.name)) built.set(h.name, make());
    return built.get(h.name)!;
  };
}

function peakRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

describe("hostile files in the import worker", () => {
  const worker = new ImportWorker();
  afterAll(() => worker.close());

  it.each(HOSTILE)("$name is refused as too_large ($limit)", async ({ name, make, limit }) => {
    const bytes = await make();
    const error = await worker.import(name, bytes, opts).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DocumentError);
    expect((error as DocumentError).code).toBe("too_large");
    expect((error as DocumentError).detail?.limit).toBe(limit);
    expect((error as DocumentError).message).toMatch(/^[^\n]+: the document is too large to be a roadmap: /);
    expect(peakRss()).toBeLessThan(GB);
  }, 60_000);

  it("a zip bomb whose directory lies about its sizes is stopped while inflating", async () => {
    // the same 300 MB declared as 4 KB: only counting the inflated bytes catches it
    const bytes = await docxOfParagraphs("<w:p><w:r><w:t>Анализ результатов ВПР и подготовка отчёта</w:t></w:r></w:p>", 4_000_000, 4096);
    const error = await worker.import("liar.docx", bytes, opts).catch((e: unknown) => e);
    expect((error as DocumentError).detail?.limit).toBe("xmlPartBytes");
    expect(peakRss()).toBeLessThan(GB);
  }, 60_000);

  it("a job over its time limit is ended, the event loop stays free meanwhile, and the next job gets a new worker", async () => {
    // the limit is far below what the job needs on any machine: 19 500 points (just under the paragraph
    // limit) take seconds to read, and the job must be ended at 0.3 s (reported as «1 s»)
    const limits = { timeMs: 300, memoryMb: 512 };
    const slow = new ImportWorker(limits);
    try {
      const bytes = await docxOfParagraphs("<w:p><w:r><w:t>1.1. Провести анализ результатов ВПР в срок до 15 мая 2023 г.</w:t></w:r></w:p>", 19_500);
      let ticks = 0;
      let longestGap = 0;
      let last = performance.now();
      const timer = setInterval(() => {
        const now = performance.now();
        longestGap = Math.max(longestGap, now - last);
        last = now;
        ticks++;
      }, 20);
      const error = await slow.import("slow.docx", bytes, opts).catch((e: unknown) => e);
      clearInterval(timer);
      expect((error as DocumentError).code).toBe("too_large");
      expect((error as DocumentError).detail).toEqual({ limit: "time", max: 1 });
      expect(ticks).toBeGreaterThan(10);
      expect(longestGap).toBeLessThan(1000); // generous: the point is that nothing waits for the parse
      limits.timeMs = 20_000; // the worker reads its limits per job: the next one gets the usual time
      const ok = await slow.import("skovorodino.txt", fs.readFileSync(fixturePath("skovorodino-2023-roadmap.txt")), opts);
      expect(ok.items).toHaveLength(30);
    } finally {
      await slow.close();
    }
  }, 30_000);

  it("a worker over its memory limit is ended and the upload refused with the limit", async () => {
    const small = new ImportWorker({ timeMs: 20_000, memoryMb: 24 });
    try {
      // a workbook of 4,000 rows needs 48–64 MB to read (a CSV of as many rows fits in 24 MB since
      // the worker no longer loads exceljs for it): twice the limit, not at its edge
      const error = await small.import("rows.xlsx", await xlsxOfRows(4_000), opts).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DocumentError);
      expect((error as DocumentError).detail).toEqual({ limit: "memory", max: 24 });
      // the limit is the job's, not the worker's start: a small file goes through a fresh worker
      const ok = await small.import("rows.csv", csvOfRows(3), opts);
      expect(ok.items).toHaveLength(3);
    } finally {
      await small.close();
    }
  }, 30_000);
});

describe("hostile uploads in chat", () => {
  let h: BotHarness;
  afterEach(async () => {
    await h?.stop();
  });

  let messageId = 9_000_000;
  function push(user: TestUser, body: Record<string, unknown>): number {
    return h.api.pushUpdate({
      message: { message_id: messageId++, date: Math.floor(h.clock.now().getTime() / 1000), chat: user.chat, from: user.from, ...body },
    });
  }

  it.each(HOSTILE)("$name is refused with the limit it hit while another user's /my is answered", async ({ name, make, says }) => {
    h = await BotHarness.start({ adminIds: ["4242"], now: "2023-06-01T09:00:00+09:00" });
    const coord = h.user({ id: 4242 });
    const { user: other } = await h.linkedUser("Полухина Елена Андреевна");
    await coord.command("/import");
    const file = h.api.addFile(await make(), name.split(".").pop());
    const upload = push(coord, { document: { ...file, file_name: name, mime_type: "application/octet-stream" } });
    const my = push(other, { text: "/my", entities: [{ type: "bot_command", offset: 0, length: 3 }] });
    await h.waitHandled(my, 30_000);
    await h.waitHandled(upload, 30_000);
    expect(other.replies().length).toBeGreaterThan(0);
    const answer = coord.replies().at(-1)!.text;
    expect(answer).toMatch(/^Документ слишком велик для дорожной карты: /);
    expect(answer).toMatch(says);
    expect(peakRss()).toBeLessThan(GB);
    expect(await h.db.pendingImport.count()).toBe(0);
  }, 90_000);
});
