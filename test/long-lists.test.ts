import { lineTo, moveTo, PDFDocument, StandardFonts, stroke } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { append, maxOf, minOf } from "../core/arrays.ts";
import { importDocument } from "../core/import/index.ts";
import { readDocument } from "../core/readers/detect.ts";

// No list a document can make long is spread into a call's arguments (`Math.max(...xs)`, `push(...xs)`): past a
// hundred thousand or so values that throws a RangeError, and the import would fail on a file that is merely big.

describe("maxOf, minOf, append", () => {
  it("take a million values", () => {
    const xs = Array.from({ length: 1_000_000 }, (_, i) => (i * 7919) % 1_000_003);
    expect(maxOf(xs)).toBe(xs.reduce((a, b) => (b > a ? b : a)));
    expect(minOf(xs)).toBe(0);
    const out = [1];
    append(out, xs);
    expect(out).toHaveLength(1_000_001);
  });
  it("say `empty` for an empty list, like Math.max() and Math.min() do", () => {
    expect(maxOf([])).toBe(-Infinity);
    expect(minOf([])).toBe(Infinity);
    expect(Math.max(0, maxOf([]))).toBe(0);
    expect(maxOf([-3, -1, -2])).toBe(-1);
  });
});

describe("a PDF that draws one path of 250 000 points (a chart, a signature stamp traced as vectors)", () => {
  it("is read: its text comes through, the path is just not a table's ruling", async () => {
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    const page = pdf.addPage([595, 842]);
    // a squiggle under the text: one moveTo and 250 000 lineTo in a single path
    const path = [moveTo(60, 600)];
    for (let i = 1; i <= 250_000; i++) path.push(lineTo(60 + (i % 470), 600 + (i % 7)));
    page.pushOperators(...path.slice(0, 1));
    for (let i = 1; i < path.length; i += 10_000) page.pushOperators(...path.slice(i, i + 10_000));
    page.pushOperators(stroke());
    page.drawText("1. Provesti monitoring do 15.05.2025", { x: 60, y: 700, size: 12, font });
    const bytes = Buffer.from(await pdf.save());
    const doc = await readDocument("plan.pdf", bytes);
    expect(doc.blocks.some((b) => b.type === "paragraph" && /monitoring/.test(b.text))).toBe(true);
    expect(() => importDocument(doc, { defaultTimezone: "Europe/Moscow" })).not.toThrow(RangeError);
  });
});
