import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { importDocument } from "../core/import/index.ts";
import { readTextExport } from "../core/import/text-export.ts";
import { FIXTURES_DIR } from "../test/support/fixtures.ts";

// The text path by stage, per fixture: readTextExport (markup → blocks) and importDocument
// (tables/prose → items, deadlines, parties, metadata). Median of 50 runs after 10 warm-up runs.

const FIXTURES = FIXTURES_DIR;
const WARMUP = 10;
const RUNS = 50;

function median(run: () => unknown): number {
  for (let i = 0; i < WARMUP; i++) run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export async function bench(): Promise<void> {
  const files = fs.readdirSync(FIXTURES).filter((f) => f.endsWith(".txt")).sort();
  for (const f of files) {
    const text = fs.readFileSync(path.join(FIXTURES, f), "utf8");
    const doc = readTextExport(f, text);
    let items = 0;
    let failed = "";
    const read = median(() => readTextExport(f, text));
    const imp = median(() => {
      try {
        items = importDocument(doc, { defaultTimezone: "Europe/Moscow" }).items.length;
      } catch (e) {
        failed = e instanceof Error ? e.message : String(e);
      }
    });
    const note = failed ? `failed: ${failed}` : `${items} items`;
    console.log(`${f.padEnd(44)} read ${read.toFixed(2)} ms · import ${imp.toFixed(2)} ms · ${note}`);
  }
  console.log(`heap used: ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(1)} MB`);
}
