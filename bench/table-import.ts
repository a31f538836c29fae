import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { importDocument } from "../core/import/index.ts";
import { readTextExport } from "../core/import/text-export.ts";
import { readDocument } from "../core/readers/detect.ts";
import { FIXTURES_DIR } from "../test/support/fixtures.ts";
import { asCellPerLine, asHtml, asMarkdown, asMht, asOneLine, asTabText, nonsenseHeaders, roadmapOf, withRoadmap } from "../test/support/metamorphic.ts";

// The text path by stage, per fixture: readTextExport (markup → blocks) and importDocument
// (tables/prose → items, deadlines, parties, metadata). Then each table fixture in the text forms a
// coordinator pastes (file bytes → readDocument → importDocument), and with its header words replaced by
// nonsense (columns found by their cells alone). Median of 50 runs after 10 warm-up runs; target under
// 50 ms per document.

const FIXTURES = FIXTURES_DIR;
const WARMUP = 10;
const RUNS = 50;
const TARGET_MS = 50;
const opts = { defaultTimezone: "Europe/Moscow" };

async function median(run: () => unknown): Promise<{ median: number; min: number }> {
  for (let i = 0; i < WARMUP; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, min: times[0]! };
}

export async function bench(): Promise<void> {
  const files = fs.readdirSync(FIXTURES).filter((f) => f.endsWith(".txt")).sort();
  for (const f of files) {
    const text = fs.readFileSync(path.join(FIXTURES, f), "utf8");
    const doc = readTextExport(f, text);
    let items = 0;
    let failed = "";
    const read = await median(() => readTextExport(f, text));
    const imp = await median(() => {
      try {
        items = importDocument(doc, opts).items.length;
      } catch (e) {
        failed = e instanceof Error ? e.message : String(e);
      }
    });
    const note = failed ? `failed: ${failed}` : `${items} items`;
    console.log(`${f.padEnd(44)} read ${read.median.toFixed(2)} ms · import ${imp.median.toFixed(2)} ms (min ${imp.min.toFixed(2)}) · ${note}`);
  }

  console.log("\nthe table fixtures as pasted text forms, read + import (median / min):");
  let worst = 0;
  let worstMin = 0;
  for (const f of files) {
    const doc = readTextExport(f, fs.readFileSync(path.join(FIXTURES, f), "utf8"));
    let rm;
    try {
      rm = roadmapOf(doc);
    } catch {
      continue; // a prose order: no table to re-emit
    }
    const forms: Array<[string, string | Buffer]> = [
      ["plan.md", asMarkdown(doc)],
      ["plan.html", asHtml(doc)],
      ["plan.htm", asHtml(doc, { wordExport: true })],
      ["plan.mht", asMht(asHtml(doc, { wordExport: true }))],
      ["tab.txt", asTabText(doc)],
      ["cells.txt", asCellPerLine(doc)],
      ["oneline.txt", asOneLine(doc)],
      ["nonsense.txt", asTabText(withRoadmap(doc, nonsenseHeaders(rm)))],
    ];
    const cells: string[] = [];
    for (const [name, content] of forms) {
      const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content);
      let items = 0;
      const t = await median(async () => {
        items = importDocument(await readDocument(name, bytes), opts).items.length;
      });
      worst = Math.max(worst, t.median);
      worstMin = Math.max(worstMin, t.min);
      cells.push(`${name.replace(/^plan\./, ".")} ${t.median.toFixed(1)}/${t.min.toFixed(1)} ms (${items})`);
    }
    console.log(`${f.padEnd(44)} ${cells.join(" · ")}`);
  }
  const load = os.loadavg().map((l) => l.toFixed(1)).join(" / ");
  console.log(`worst median ${worst.toFixed(1)} ms, worst min ${worstMin.toFixed(1)} ms: ${worst < TARGET_MS ? "ok" : `OVER the ${TARGET_MS} ms target`}`);
  console.log(`load average while measuring: ${load} on ${os.cpus().length} CPUs (medians grow with it; min is the unloaded cost)`);

  // a wide, long table found by its cells alone: 200 rows, 24 columns (a plan-graph with a column per month)
  const months = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"];
  const header = ["А", "Б", "В", "Г", "Д", ...months.flatMap((m) => [m, ""]).slice(0, 19)];
  const rows = Array.from({ length: 200 }, (_, i) => [
    `${i + 1}.`,
    `Проведение мероприятия номер ${i + 1} по повышению качества образования`,
    `${months[i % 12]} 2026`,
    i % 2 ? "Руководители ОО" : "Отдел образования, ИМЦ",
    `Проведено мероприятие, подготовлена справка ${i + 1}`,
    ...Array.from({ length: 19 }, (_, k) => (k === i % 19 ? "+" : "")),
  ]);
  const wide = [header, ...rows].map((r) => r.join("\t")).join("\n");
  let items = 0;
  const t = await median(async () => {
    items = importDocument(await readDocument("wide.txt", Buffer.from(wide)), opts).items.length;
  });
  console.log(`a 200 × 24 table with an unknown header: ${t.median.toFixed(1)} ms median, ${t.min.toFixed(1)} ms min (${items} items)`);
  console.log(`heap used: ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(1)} MB`);
}
