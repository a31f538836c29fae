import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { importDocument } from "../core/import/index.ts";
import { readTextExport } from "../core/import/text-export.ts";
import { DocumentError, readDocument } from "../core/readers/detect.ts";
import type { ImportResult, SourceDocument } from "../core/types.ts";
import { roadmapIdentity } from "../services/roadmap-store.ts";
import { fixturePath } from "./support/fixtures.ts";
import { scannedPdf, toPdf } from "./support/pdf.ts";
import { BotHarness } from "./support/bot-harness.ts";
import { main } from "../cli/run.ts";

// The formats beyond .docx/.xlsx/.csv/.txt: legacy Word (.doc), OpenDocument (.odt) and PDF with a text
// layer. The same document in any of them imports exactly as its text export does.
// test/data/legacy/*.doc|odt are the fixtures rebuilt as .docx by test/support/office.ts and saved by
// LibreOffice (scripts/make-legacy-fixtures.ts regenerates them; the tests need no LibreOffice).

const LEGACY = path.join(path.dirname(fileURLToPath(import.meta.url)), "data/legacy");
const opts = { year: null, timezone: null, defaultTimezone: "Europe/Moscow" };
const clean = (s: string | null) => (s ?? "").replace(/\s+/g, " ").trim();
/** What an import says about each item (warnings aside: a real merge is inherited without one). */
const itemsView = (r: ImportResult) =>
  r.items.map((i) => ({
    key: i.key,
    section: clean(i.section),
    title: clean(i.title),
    result: clean(i.result),
    deadline: i.deadline,
    responsible: i.responsible.map((p) => p.name),
    flags: i.flags.filter((f) => !f.startsWith("inherited:")),
  }));

const viaText = (name: string): ImportResult => importDocument(readTextExport(name, fs.readFileSync(fixturePath(name), "utf8")), opts);
const tables = (doc: SourceDocument) => doc.blocks.flatMap((b) => (b.type === "table" ? [b.table] : []));

describe.each(["doc", "odt"])(".%s saved by an office from the fixture's .docx", (format) => {
  it.each(["skovorodino-2023-roadmap.txt", "bagan-2024-roadmap.txt", "bodaibo-2023-order.txt"])("%s imports as its text export does", async (name) => {
    const file = name.replace(/\.txt$/, `.${format}`);
    const doc = await readDocument(file, fs.readFileSync(path.join(LEGACY, file)));
    expect(doc.format).toBe(format);
    const expected = viaText(name);
    const got = importDocument(doc, opts);
    expect(got.items.length).toBeGreaterThan(15);
    expect(itemsView(got)).toEqual(itemsView(expected));
    expect(got.roadmap).toEqual(expected.roadmap);
    expect(roadmapIdentity(got)).toBe(roadmapIdentity(expected));
  });

  it("keeps a table's rows and cells, lines inside a cell included", async () => {
    const file = `bagan-2024-roadmap.${format}`;
    const doc = await readDocument(file, fs.readFileSync(path.join(LEGACY, file)));
    const roadmap = tables(doc).find((t) => t.rows.some((r) => /Описание/.test(r[1]?.text ?? "")))!;
    expect(roadmap).toBeDefined();
    const widths = new Set(roadmap.rows.map((r) => r.length));
    expect(widths.size).toBe(1);
    const row1 = roadmap.rows.find((r) => /^1\.?$/.test(r[0]?.text ?? ""))!;
    expect(row1[1]!.text).toMatch(/^\S/);
    expect(row1.slice(1).filter((c) => c.text).length).toBeGreaterThanOrEqual(3);
  });
});

describe(".doc that cannot be read", () => {
  it("asks for .docx when the Word binary is damaged", async () => {
    const good = fs.readFileSync(path.join(LEGACY, "bodaibo-2023-order.doc"));
    const cut = good.subarray(0, 3000);
    const e = await readDocument("приказ.doc", cut).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DocumentError);
    expect((e as DocumentError).code).toBe("legacy_word");
    expect((e as DocumentError).message).toMatch(/save it as \.docx/);
  });
});

describe("PDF with a text layer (printed from Word: ruled tables, wrapped cells, page breaks)", () => {
  it.each(["skovorodino-2023-roadmap.txt", "bagan-2024-roadmap.txt", "bolshebereznikovsky-2020-2022-program.txt", "bodaibo-2023-order.txt", "borovsk-2021-order.txt"])(
    "%s imports as its text export does",
    async (name) => {
      const text = readTextExport(name, fs.readFileSync(fixturePath(name), "utf8"));
      const doc = await readDocument(name.replace(/\.txt$/, ".pdf"), await toPdf(text));
      expect(doc.format).toBe("pdf");
      const expected = viaText(name);
      const got = importDocument(doc, opts);
      expect(itemsView(got)).toEqual(itemsView(expected));
      expect(got.roadmap).toEqual(expected.roadmap);
      expect(roadmapIdentity(got)).toBe(roadmapIdentity(expected));
    },
    60_000,
  );

  it("a prose order printed to PDF by LibreOffice (no first-line indents, «Срок:» lines) imports as its text export does", async () => {
    const name = "bodaibo-2023-order.txt";
    const doc = await readDocument("bodaibo.pdf", fs.readFileSync(path.join(LEGACY, "bodaibo-2023-order.pdf")));
    const got = importDocument(doc, opts);
    expect(itemsView(got)).toEqual(itemsView(viaText(name)));
    expect(got.roadmap).toEqual(viaText(name).roadmap);
  }, 30_000);

  it("rebuilds merged cells: a cell merged down is inherited without a warning, a row merged across is a section", async () => {
    const name = "skovorodino-2023-roadmap.txt";
    const text = readTextExport(name, fs.readFileSync(fixturePath(name), "utf8"));
    const doc = await readDocument("skovorodino.pdf", await toPdf(text));
    const rows = tables(doc).flatMap((t) => t.rows);
    // a vertical merge inside a page: the lower places carry the text of the cell that starts it
    const merged = rows.flatMap((r, i) => r.flatMap((c, col) => (c.mergedFromAbove && c.text ? [{ i, col, text: c.text }] : [])));
    expect(merged.length).toBeGreaterThanOrEqual(2);
    for (const m of merged) {
      let k = m.i - 1;
      while (rows[k]![m.col]!.mergedFromAbove) k--;
      expect(rows[k]![m.col]!.text).toBe(m.text);
    }
    const section = rows.find((r) => /^Мониторинг деятельности/.test(r[0]?.text ?? ""))!;
    expect(section.slice(1).every((c) => !c.text)).toBe(true);
    // what the text export has to guess (with a warning), the PDF's lines show
    expect(importDocument(doc, opts).warnings.length).toBeLessThan(viaText(name).warnings.length);
  }, 60_000);

  it("refuses a scan (pages that are pictures) with the clear line, and a damaged PDF", async () => {
    const scan = await readDocument("приказ.pdf", await scannedPdf()).catch((e: unknown) => e);
    expect(scan).toBeInstanceOf(DocumentError);
    expect((scan as DocumentError).code).toBe("pdf");
    expect((scan as DocumentError).message).toMatch(/no text layer/);
    const damaged = await readDocument("plan.pdf", Buffer.from("%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n")).catch((e: unknown) => e);
    expect((damaged as DocumentError).code).toBe("pdf");
  }, 30_000);
});

describe("in chat", () => {
  it("a coordinator's .doc and text-layer .pdf get the same preview as the .txt (its doubts aside)", async () => {
    const h = await BotHarness.start({ adminIds: ["4242"], now: "2023-06-01T09:00:00+09:00" });
    try {
      const coord = h.user({ id: 4242 });
      const name = "skovorodino-2023-roadmap.txt";
      let messageId = 8_000_000;
      // sent by hand to wait longer than the harness's 5 s: the first PDF also loads pdfjs in the worker
      const upload = async (file: string, bytes: Buffer) => {
        const f = h.api.addFile(bytes, file.split(".").pop());
        const date = Math.floor(h.clock.now().getTime() / 1000);
        const id = h.api.pushUpdate({ message: { message_id: messageId++, date, chat: coord.chat, from: coord.from, document: { ...f, file_name: file } } });
        await h.waitHandled(id, 30_000);
        return coord.lastReply()!;
      };
      const preview = async (file: string, bytes: Buffer) => {
        await coord.command("/import");
        const text = (await upload(file, bytes)).text;
        await coord.press("Отмена");
        // the doubts differ by design (a real merge in the .pdf needs no guess): both the lead that counts
        // them («Требует внимания», up to the first blank line) and the list at the end are left out
        const withoutLead = text.startsWith("<b>Требует внимания</b>") ? text.slice(text.indexOf("\n\n") + 2) : text;
        return withoutLead.split("Замечания при разборе")[0];
      };
      const viaTxt = await preview(name, fs.readFileSync(fixturePath(name)));
      expect(viaTxt).toContain("Мероприятий: <b>30</b>");
      expect(await preview("skovorodino.doc", fs.readFileSync(path.join(LEGACY, "skovorodino-2023-roadmap.doc")))).toBe(viaTxt);
      const pdf = await toPdf(readTextExport(name, fs.readFileSync(fixturePath(name), "utf8")));
      expect(await preview("skovorodino.pdf", pdf)).toBe(viaTxt);
      await coord.command("/import");
      const scan = await upload("скан.pdf", await scannedPdf());
      expect(scan.text).toMatch(/^Из этого PDF не удалось прочитать текст: похоже, это скан/);
    } finally {
      await h.stop();
    }
  }, 60_000);
});

describe("on the command line", () => {
  it("a scan is exit 1 with one line saying so and what to send; a text-layer PDF imports", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vekha-formats-cli-"));
    try {
      const run = async (name: string, bytes: Buffer, lang: "en" | null = null) => {
        const out: string[] = [];
        const err: string[] = [];
        const p = path.join(dir, name);
        fs.writeFileSync(p, bytes);
        const code = await main(["import", p, "--json", ...(lang ? ["--lang", lang] : [])], {
          out: (t) => out.push(t),
          err: (t) => err.push(t),
          env: { DATABASE_URL: `file:${path.join(dir, "never.db")}`, DEFAULT_TIMEZONE: "Europe/Moscow" },
        });
        return { code, out: out.join("\n"), err: err.join("\n") };
      };
      const scan = await run("скан.pdf", await scannedPdf());
      expect(scan.code).toBe(1);
      expect(scan.out).toBe("");
      expect(scan.err.split("\n")).toHaveLength(1);
      expect(scan.err).toMatch(/^import: скан\.pdf: в PDF нет текстового слоя \(это скан\) — нужен исходный \.docx, \.doc или \.xlsx/);
      const pdf = await scannedPdf();
      const en = await run("скан.pdf", pdf, "en");
      expect(en.code).toBe(1);
      expect(en.out).toBe("");
      expect(en.err.split("\n")).toHaveLength(1);
      expect(en.err).toMatch(/^import: скан\.pdf: the PDF has no text layer \(a scan\): send the original \.docx, \.doc or \.xlsx/);
      const name = "borovsk-2021-order.txt";
      const ok = await run("borovsk.pdf", await toPdf(readTextExport(name, fs.readFileSync(fixturePath(name), "utf8"))));
      expect(ok.code).toBe(0);
      expect((JSON.parse(ok.out) as ImportResult).items).toHaveLength(viaText(name).items.length);
      expect(fs.existsSync(path.join(dir, "never.db"))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
