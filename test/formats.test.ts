import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { importDocument } from "../core/import/index.ts";
import { readTextExport } from "../core/import/text-export.ts";
import { DocumentError, readDocument } from "../core/readers/detect.ts";
import type { ImportResult, SourceDocument } from "../core/types.ts";
import { roadmapIdentity } from "../services/roadmap-store.ts";
import { fixturePath } from "./support/fixtures.ts";

// The formats beyond .docx/.xlsx/.csv/.txt: legacy Word (.doc), OpenDocument (.odt) and PDF with a text
// layer. The same document in any of them imports exactly as its text export does.
// test/data/legacy/*.doc|odt are the fixtures rebuilt as .docx by test/support/office.ts and saved by
// LibreOffice (scripts/make-legacy-fixtures.ts regenerates them; the tests need no LibreOffice).

const LEGACY = path.join(path.dirname(fileURLToPath(import.meta.url)), "data/legacy");
const opts = { year: null, timezone: null, defaultTimezone: "Europe/Moscow" };
const clean = (s: string | null) => (s ?? "").replace(/\s+/g, " ").trim();
/** What an import says about each item (warnings aside: a real merge is inherited without one). */
export const itemsView = (r: ImportResult) =>
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
