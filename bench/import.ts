import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { importDocument } from "../core/import/index.ts";
import { readTextExport } from "../core/import/text-export.ts";
import { readDocument } from "../core/readers/detect.ts";
import { openDb } from "../services/db.ts";
import { saveImport } from "../services/roadmap-store.ts";
import { toDocx, toXlsx } from "../test/support/office.ts";
import { FIXTURES_DIR } from "../test/support/fixtures.ts";

// Import time per fixture: file bytes → readDocument → importDocument, median of N runs after a
// warm-up (target: under 50 ms each). Then every fixture as .docx and .xlsx, saving to SQLite
// (first save and an identical re-import), and peak memory.

const FIXTURES = FIXTURES_DIR;
const WARMUP = 5;
const RUNS = 30;
const TARGET_MS = 50;
const opts = { year: null, timezone: null, defaultTimezone: "Europe/Moscow" };

let peakHeap = 0;
function sample(): void {
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
}

async function measure(run: () => Promise<unknown>, runs = RUNS, warmup = WARMUP): Promise<{ median: number; min: number; max: number }> {
  for (let i = 0; i < warmup; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
    sample();
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, min: times[0]!, max: times.at(-1)! };
}

const ms = (n: number) => `${n.toFixed(2)} ms`;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

export async function bench(): Promise<void> {
  const files = fs.readdirSync(FIXTURES).filter((f) => f.endsWith(".txt")).sort();
  for (const f of files) {
    const bytes = fs.readFileSync(path.join(FIXTURES, f));
    let items = 0;
    const t = await measure(async () => {
      items = importDocument(await readDocument(f, bytes), opts).items.length;
    });
    const verdict = t.median < TARGET_MS ? "ok" : `OVER the ${TARGET_MS} ms target`;
    console.log(`${f.padEnd(44)} ${String(items).padStart(3)} items  median ${ms(t.median)}  (min ${ms(t.min)}, max ${ms(t.max)}, ${RUNS} runs)  ${verdict}`);
  }

  // the same documents as the office's .docx and .xlsx (built from the text export, merges restored)
  for (const f of files) {
    const text = readTextExport(f, fs.readFileSync(path.join(FIXTURES, f), "utf8"));
    const row: string[] = [];
    for (const [label, bytes] of [["docx", await toDocx(text)], ["xlsx", await toXlsx(text)]] as const) {
      const file = f.replace(/\.txt$/, `.${label}`);
      const read = await measure(() => readDocument(file, bytes), 15, 3);
      const whole = await measure(async () => importDocument(await readDocument(file, bytes), opts), 15, 3);
      row.push(`.${label} ${String(Math.round(bytes.length / 1024)).padStart(3)} KB: read ${ms(read.median)} (min ${ms(read.min)}), read+import ${ms(whole.median)} (min ${ms(whole.min)})`);
    }
    console.log(`${f.padEnd(44)} ${row.join("   ")}`);
  }

  const name = "skovorodino-2023-roadmap.txt";
  const text = readTextExport(name, fs.readFileSync(path.join(FIXTURES, name), "utf8"));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vekha-bench-import-"));
  try {
    const result = importDocument(text, opts);
    const firstTimes: number[] = [];
    for (let n = 0; n < 5; n++) {
      const fresh = await openDb(`file:${path.join(dir, `first-${n}.db`)}`);
      const t0 = performance.now();
      await saveImport(fresh, result, { activeFrom: "2023-04-01", sourceName: name });
      firstTimes.push(performance.now() - t0);
      await fresh.$disconnect();
    }
    const first = { median: firstTimes.sort((a, b) => a - b)[2]! };
    const db = await openDb(`file:${path.join(dir, "again.db")}`);
    await saveImport(db, result, { activeFrom: "2023-04-01", sourceName: name });
    const again = await measure(() => saveImport(db, result, { activeFrom: "2023-04-01", sourceName: name }), 10, 2);
    await db.$disconnect();
    console.log(`saveImport, ${result.items.length} items: first save median ${ms(first.median)}; identical re-import median ${ms(again.median)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(`load average while measuring: ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")} on ${os.cpus().length} CPUs (medians grow with it; min is the unloaded cost)`);
  console.log(`peak heap used ${mb(peakHeap)}, peak RSS so far ${mb(process.resourceUsage().maxRSS * 1024)}`);
}
