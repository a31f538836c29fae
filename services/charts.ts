import { Resvg } from "@resvg/resvg-js";
import type { Translator } from "./i18n.ts";
import { BUCKETS, type Bucket, type DonePoint, type ProgressCounts, type SchoolProgress, type SectionProgress } from "./progress.ts";
import { FONT_FILES, glyphDefs, svgText, type TextStyle } from "./chart-text.ts";

// PNG charts for /roadmap, /export and the weekly digest: SVG drawn here, rendered by
// resvg; their text is drawn as the outlines of the DejaVu font files from the dejavu-fonts-ttf
// package (services/chart-text.ts). System fonts are never loaded, so Cyrillic labels look the
// same on every server (and never as boxes).

const FONT_FAMILY = "DejaVu Sans";

/** Every chart is this wide; bar charts grow in height with their rows (see barChartHeight). */
export const CHART_WIDTH = 1000;
export const LINE_CHART_HEIGHT = 500;

const TOP = 96;
const ROW = 40;
const BOTTOM = 24;
/** The height of a bar chart with n bars. */
/**
 * Telegram refuses photos whose width + height exceed 10,000 px: past MAX_BARS bars the
 * chart stops, and one more row says how many were left out.
 */
export const MAX_BARS = 120;
export function barChartHeight(n: number): number {
  const rows = n > MAX_BARS ? MAX_BARS + 1 : Math.max(n, 1);
  return TOP + rows * ROW + BOTTOM;
}

const BUCKET_COLOURS: Record<Bucket, string> = {
  done: "#2e7d32",
  submitted: "#1e88e5",
  inProgress: "#f9a825",
  notStarted: "#b0bec5",
  overdue: "#d32f2f",
  returned: "#ef6c00",
  postponed: "#8e24aa",
  cancelled: "#e0e0e0",
};

/** Text from documents goes into SVG (XML): escape it. */
export function escapeXml(s: string): string {
  // control characters (pasted from Word) are not allowed in XML at all
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
    .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

/** Splits a long label into at most `lines` lines of at most `width` characters, ending in «…» where cut. */
export function wrapLabel(text: string, width: number, lines = 2): string[] {
  const all: string[] = [];
  let line = "";
  for (const word of text.replace(/\s+/g, " ").trim().split(" ").filter(Boolean)) {
    // a word longer than a line is split hard
    const pieces = word.match(new RegExp(`.{1,${width}}`, "gu")) ?? [word];
    for (const piece of pieces) {
      const next = line ? `${line} ${piece}` : piece;
      if (next.length <= width) line = next;
      else {
        all.push(line);
        line = piece;
      }
    }
  }
  if (line) all.push(line);
  if (all.length <= lines) return all;
  const kept = all.slice(0, lines);
  const last = kept[lines - 1]!;
  kept[lines - 1] = `${last.length >= width ? last.slice(0, width - 1) : last}…`;
  return kept;
}

/**
 * resvg keeps each render's pixels (4 bytes a pixel: 4–20 MB a chart) in native memory that V8
 * does not know about, freed only when the JavaScript objects around them are collected
 * (thx/resvg-js#216; 2.7, still an alpha, tells V8 through napi's adjust_external_memory). A tick
 * building 300 digests allocates little on the JavaScript heap, so nothing was collected and the
 * charts' pixels piled up: 1 GB for 300 charts of 20 schools. An ArrayBuffer of the same size
 * tells V8 the same (ArrayBuffers count as external memory): past a few dozen MB it collects,
 * and the renders' native memory goes with the collection. Its pages are never written.
 */
function tellV8AboutNative(bytes: number): void {
  void new ArrayBuffer(bytes);
}

/** Renders an SVG to PNG with the bundled fonts only. `fonts: false` is for tests that prove the font matters. */
export function renderSvg(svg: string, opts: { fonts?: boolean } = {}): Buffer {
  const resvg = new Resvg(svg, {
    background: "#ffffff",
    font: { loadSystemFonts: false, fontFiles: opts.fonts === false ? [] : FONT_FILES, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
  });
  const image = resvg.render();
  tellV8AboutNative(image.width * image.height * 4);
  return image.asPng();
}

function text(x: number, y: number, s: string, style: Partial<TextStyle> = {}): string {
  // control characters (pasted from Word) have no glyph
  return svgText(x, y, s.replace(/[\u0000-\u001F\uFFFE\uFFFF]/g, ""), { size: 14, ...style });
}

function svgDoc(width: number, height: number, body: string[]): string {
  const content = body.join("\n");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" fill="#212121">
${glyphDefs(content)}
<rect width="100%" height="100%" fill="#ffffff"/>
${content}
</svg>`;
}

function legend(tr: Translator, buckets: Bucket[], y: number): string[] {
  const out: string[] = [];
  let x = 20;
  for (const b of buckets) {
    const label = tr.t(`export-bucket-${b}`);
    out.push(`<rect x="${x}" y="${y - 11}" width="14" height="14" fill="${BUCKET_COLOURS[b]}" stroke="#9e9e9e" stroke-width="0.5"/>`);
    out.push(text(x + 20, y, label, { size: 13 }));
    x += 20 + label.length * 8 + 22;
  }
  return out;
}

interface Bar {
  label: string;
  counts: ProgressCounts;
}

function stackedBars(tr: Translator, title: string, all: Bar[]): Buffer {
  const height = barChartHeight(all.length);
  const bars = all.slice(0, MAX_BARS);
  const labelWidth = 330;
  const x0 = 20 + labelWidth + 10;
  const barMax = CHART_WIDTH - x0 - 150;
  const max = Math.max(1, ...bars.map((b) => b.counts.total));
  const used = BUCKETS.filter((k) => bars.some((b) => b.counts[k] > 0));
  const body: string[] = [text(20, 32, title, { size: 19, bold: true }), ...legend(tr, used.length ? used : ["notStarted"], 66)];
  if (bars.length === 0) body.push(text(20, TOP + 24, tr.t("export-chart-empty"), { fill: "#757575" }));
  bars.forEach((bar, i) => {
    const top = TOP + i * ROW;
    const lines = wrapLabel(bar.label, 44, 2);
    const firstY = top + (lines.length === 1 ? 24 : 16);
    lines.forEach((l, n) => body.push(text(20, firstY + n * 16, l, { size: 13 })));
    let x = x0;
    for (const k of BUCKETS) {
      const n = bar.counts[k];
      if (n === 0) continue;
      const w = (n / max) * barMax;
      body.push(`<rect x="${x.toFixed(1)}" y="${top + 8}" width="${w.toFixed(1)}" height="24" fill="${BUCKET_COLOURS[k]}"/>`);
      if (w >= 22) body.push(text(x + w / 2, top + 25, String(n), { size: 12, anchor: "middle", fill: k === "notStarted" || k === "cancelled" || k === "inProgress" ? "#212121" : "#ffffff" }));
      x += w;
    }
    const c = bar.counts;
    body.push(text(x + 8, top + 25, tr.t("export-chart-bar-value", { done: c.done, total: c.total, percent: c.percentDone }), { size: 13 }));
  });
  if (all.length > bars.length) body.push(text(20, TOP + bars.length * ROW + 24, tr.t("export-chart-more", { count: all.length - bars.length }), { fill: "#757575" }));
  return renderSvg(svgDoc(CHART_WIDTH, height, body));
}

/** Stacked bars by status, one per section, in document order. Size: CHART_WIDTH × barChartHeight(sections). */
export function progressChart(sections: SectionProgress[], tr: Translator, title = tr.t("export-chart-sections-title")): Buffer {
  return stackedBars(
    tr,
    title,
    sections.map((s) => ({ label: s.title ?? tr.t("export-no-section"), counts: s.counts })),
  );
}

/** A chart of the schools that lag most when a chat cannot show all (services/school-list.ts) says so. */
export function schoolsTitle(tr: Translator, shown: number, total: number): string {
  return shown < total ? tr.t("export-chart-schools-lagging-title", { shown, total }) : tr.t("export-chart-schools-title");
}

/** Stacked bars by status, one per school. Size: CHART_WIDTH × barChartHeight(schools). */
export function schoolsChart(schools: SchoolProgress[], tr: Translator, title = tr.t("export-chart-schools-title")): Buffer {
  return stackedBars(
    tr,
    title,
    schools.map((s) => ({ label: s.name, counts: s.counts })),
  );
}

function niceStep(max: number): number {
  const raw = Math.max(1, max) / 5;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return Math.max(1, (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p);
}

function dayNumber(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;
}

function shortDate(day: number): string {
  const d = new Date(day * 86_400_000);
  return `${String(d.getUTCDate()).padStart(2, "0")}.${String(d.getUTCMonth() + 1).padStart(2, "0")}.${String(d.getUTCFullYear()).slice(2)}`;
}

/**
 * Cumulative done assignments over time as a step line, up to `until` (e.g. today);
 * `total` draws the target line. Size: CHART_WIDTH × LINE_CHART_HEIGHT.
 */
export function doneOverTimeChart(points: DonePoint[], tr: Translator, opts: { total?: number; until?: string; title?: string } = {}): Buffer {
  const W = CHART_WIDTH;
  const H = LINE_CHART_HEIGHT;
  const left = 70;
  const right = W - 45;
  const top = 70;
  const bottom = H - 60;
  const body: string[] = [text(20, 32, opts.title ?? tr.t("export-chart-time-title"), { size: 19, bold: true })];
  if (points.length === 0) {
    body.push(text(20, top + 30, tr.t("export-chart-empty"), { fill: "#757575" }));
    return renderSvg(svgDoc(W, H, body));
  }
  const first = dayNumber(points[0]!.date);
  const last = Math.max(dayNumber(points.at(-1)!.date), opts.until ? dayNumber(opts.until) : 0, first + 1);
  const yMaxValue = Math.max(opts.total ?? 0, ...points.map((p) => p.done), 1);
  const step = niceStep(yMaxValue);
  const yMax = Math.ceil(yMaxValue / step) * step;
  const xs = (day: number) => left + ((day - first) / (last - first)) * (right - left);
  const ys = (v: number) => bottom - (v / yMax) * (bottom - top);

  for (let v = 0; v <= yMax; v += step) {
    body.push(`<line x1="${left}" y1="${ys(v).toFixed(1)}" x2="${right}" y2="${ys(v).toFixed(1)}" stroke="#eeeeee"/>`);
    body.push(text(left - 8, ys(v) + 5, String(v), { size: 12, anchor: "end", fill: "#616161" }));
  }
  const ticks = Math.min(8, last - first);
  for (let i = 0; i <= ticks; i++) {
    const day = Math.round(first + ((last - first) * i) / ticks);
    body.push(`<line x1="${xs(day).toFixed(1)}" y1="${bottom}" x2="${xs(day).toFixed(1)}" y2="${bottom + 5}" stroke="#9e9e9e"/>`);
    body.push(text(xs(day), bottom + 22, shortDate(day), { size: 12, anchor: "middle", fill: "#616161" }));
  }
  body.push(`<line x1="${left}" y1="${bottom}" x2="${right}" y2="${bottom}" stroke="#616161"/>`);
  body.push(`<line x1="${left}" y1="${top}" x2="${left}" y2="${bottom}" stroke="#616161"/>`);
  body.push(text(left, bottom + 46, tr.t("export-chart-time-axis"), { size: 12, fill: "#616161" }));

  if (opts.total !== undefined && opts.total > 0) {
    body.push(`<line x1="${left}" y1="${ys(opts.total).toFixed(1)}" x2="${right}" y2="${ys(opts.total).toFixed(1)}" stroke="#9e9e9e" stroke-dasharray="6 4"/>`);
    body.push(text(right, ys(opts.total) - 6, tr.t("export-chart-time-total", { total: opts.total }), { size: 12, anchor: "end", fill: "#616161" }));
  }
  // Step line: the count holds until the next day something changed.
  let d = `M ${xs(first).toFixed(1)} ${ys(0).toFixed(1)}`;
  for (const p of points) {
    const x = xs(dayNumber(p.date)).toFixed(1);
    d += ` H ${x} V ${ys(p.done).toFixed(1)}`;
  }
  d += ` H ${xs(last).toFixed(1)}`;
  body.push(`<path d="${d}" fill="none" stroke="${BUCKET_COLOURS.done}" stroke-width="3"/>`);
  const end = points.at(-1)!;
  body.push(text(xs(last) - 4, ys(end.done) - 8, String(end.done), { size: 13, anchor: "end", bold: true, fill: BUCKET_COLOURS.done }));
  return renderSvg(svgDoc(W, H, body));
}

