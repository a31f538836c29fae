import { describe, expect, it } from "vitest";
import { Resvg } from "@resvg/resvg-js";
import { barChartHeight, CHART_WIDTH, MAX_BARS, doneOverTimeChart, escapeXml, LINE_CHART_HEIGHT, progressChart, renderSvg, schoolsChart, wrapLabel } from "../services/charts.ts";
import { glyphDefs, svgText } from "../services/chart-text.ts";
import { translator } from "../services/i18n.ts";
import { emptyCounts, type ProgressCounts } from "../services/progress.ts";

const ru = translator("ru");

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.subarray(12, 16).toString("ascii")).toBe("IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Non-white pixels of a PNG (decoded back through resvg's <image> support). */
function inkOf(png: Buffer): number {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${pngSize(png).width}" height="${pngSize(png).height}"><image href="data:image/png;base64,${png.toString("base64")}" width="100%" height="100%"/></svg>`;
  const px = new Resvg(svg, { background: "#ffffff", font: { loadSystemFonts: false } }).render().pixels;
  let n = 0;
  for (let i = 0; i < px.length; i += 4) if (px[i]! < 200 || px[i + 1]! < 200 || px[i + 2]! < 200) n++;
  return n;
}

function label(s: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60"><text x="10" y="40" font-family="DejaVu Sans" font-size="32">${escapeXml(s)}</text></svg>`;
}

const counts = (c: Partial<ProgressCounts>): ProgressCounts => {
  const out = { ...emptyCounts(), ...c };
  out.total = out.done + out.inProgress + out.submitted + out.overdue + out.notStarted + out.returned + out.postponed + out.cancelled;
  out.percentDone = out.total ? Math.round((out.done * 100) / (out.total - out.cancelled)) : 0;
  return out;
};

describe("Cyrillic labels", () => {
  it("render with the bundled font and vanish without it (no system fonts)", () => {
    const withFont = inkOf(renderSvg(label("Школа № 1")));
    const withoutFont = inkOf(renderSvg(label("Школа № 1"), { fonts: false }));
    expect(withoutFont).toBe(0);
    expect(withFont).toBeGreaterThan(200);
  });

  it("draws different letters differently (not the same missing-glyph box)", () => {
    const a = renderSvg(label("ШЩЖ"));
    const b = renderSvg(label("ЯЮЁ"));
    expect(inkOf(a)).toBeGreaterThan(100);
    expect(a.equals(b)).toBe(false);
    expect(Math.abs(inkOf(a) - inkOf(b))).toBeGreaterThan(10);
  });
});

describe("chart text as the font's outlines", () => {
  const drawn = (s: string) => {
    const t = svgText(10, 40, s, { size: 32 });
    return `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60">${glyphDefs(t)}${t}</svg>`;
  };

  it("needs no font loaded by resvg and inks about as much as resvg's own text", () => {
    for (const s of ["Школа № 1", "ЁёЙй «ы»"]) {
      const ours = inkOf(renderSvg(drawn(s), { fonts: false }));
      const theirs = inkOf(renderSvg(label(s)));
      expect(ours, s).toBeGreaterThan(200);
      expect(Math.abs(ours - theirs) / theirs, s).toBeLessThan(0.15);
    }
    expect(renderSvg(drawn("ШЩЖ"), { fonts: false }).equals(renderSvg(drawn("ЯЮЁ"), { fonts: false }))).toBe(false);
  });
});

describe("charts", () => {
  const sections = [
    { sectionId: 1, title: "Организационно-управленческие мероприятия", counts: counts({ done: 3, inProgress: 2, overdue: 1 }) },
    { sectionId: 2, title: "Мониторинг деятельности <ШНОР> & «500+»", counts: counts({ notStarted: 4, submitted: 1 }) },
    { sectionId: null, title: null, counts: counts({ cancelled: 1, postponed: 1, returned: 1 }) },
  ];

  it("progress per section is a PNG of the stated size with labels drawn", () => {
    const png = progressChart(sections, ru);
    expect(pngSize(png)).toEqual({ width: CHART_WIDTH, height: barChartHeight(3) });
    expect(inkOf(png)).toBeGreaterThan(5000);
  });

  it("per school: long names are wrapped and cut, the chart grows with the schools", () => {
    const name = "Муниципальное общеобразовательное бюджетное учреждение «Основная общеобразовательная школа с. Албазино имени Героя Советского Союза»";
    const lines = wrapLabel(name, 44, 2);
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => l.length <= 44)).toBe(true);
    expect(lines[1]!.endsWith("…")).toBe(true);
    const schools = Array.from({ length: 12 }, (_, i) => ({ schoolId: i + 1, name: `${name} № ${i + 1}`, counts: counts({ done: i, overdue: 1 }) }));
    const png = schoolsChart(schools, ru);
    expect(pngSize(png)).toEqual({ width: CHART_WIDTH, height: barChartHeight(12) });
  });

  it("stops at MAX_BARS bars so Telegram still takes the photo (width + height ≤ 10,000)", () => {
    const schools = Array.from({ length: MAX_BARS + 30 }, (_, i) => ({ schoolId: i + 1, name: `Школа № ${i + 1}`, counts: counts({ done: 1 }) }));
    const size = pngSize(schoolsChart(schools, ru));
    expect(size).toEqual({ width: CHART_WIDTH, height: barChartHeight(MAX_BARS + 30) });
    expect(size.height).toBe(barChartHeight(MAX_BARS + 1));
    expect(size.width + size.height).toBeLessThanOrEqual(10_000);
  });

  it("escapes document text for XML (an ampersand or angle bracket does not break the SVG)", () => {
    expect(escapeXml(`<a & "b">`)).toBe("&lt;a &amp; &quot;b&quot;&gt;");
    expect(() => progressChart(sections, ru)).not.toThrow();
  });

  it("done over time is a PNG of the stated size; empty data still renders", () => {
    const png = doneOverTimeChart(
      [
        { date: "2023-03-31", done: 1 },
        { date: "2023-05-06", done: 4 },
      ],
      ru,
      { total: 10, until: "2023-05-10" },
    );
    expect(pngSize(png)).toEqual({ width: CHART_WIDTH, height: LINE_CHART_HEIGHT });
    const empty = doneOverTimeChart([], ru);
    expect(pngSize(empty)).toEqual({ width: CHART_WIDTH, height: LINE_CHART_HEIGHT });
    expect(inkOf(png)).toBeGreaterThan(inkOf(empty));
  });

  it("labels in English too", () => {
    const png = progressChart(sections, translator("en"));
    expect(pngSize(png).width).toBe(CHART_WIDTH);
  });
});
