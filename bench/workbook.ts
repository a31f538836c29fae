import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { importDocument } from "../core/import/index.ts";
import { readDocument } from "../core/readers/detect.ts";
import { readCanonicalWorkbook } from "../core/workbook/read.ts";
import { writeWorkbook } from "../core/workbook/write.ts";
import { toXlsx } from "../test/support/office.ts";
import { FIXTURES_DIR } from "../test/support/fixtures.ts";

// The canonical roadmap workbook per fixture: writing it, reading it back (the whole import of the
// workbook), and what recognising it costs every other .xlsx upload (the check that says «not a
// canonical workbook»). Median of N runs after a warm-up.

const WARMUP = 3;
const RUNS = 15;
const opts = { defaultTimezone: "Europe/Moscow" };

async function median(run: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < WARMUP; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const ms = (n: number) => `${n.toFixed(2)} ms`;

export async function bench(): Promise<void> {
  for (const f of fs.readdirSync(FIXTURES_DIR).filter((x) => x.endsWith(".txt")).sort()) {
    const doc = await readDocument(f, fs.readFileSync(path.join(FIXTURES_DIR, f)));
    const result = importDocument(doc, opts);
    const workbook = await writeWorkbook(result, { identity: null });
    const write = await median(() => writeWorkbook(result, { identity: null }));
    const read = await median(() => readCanonicalWorkbook(workbook, opts));
    const other = await toXlsx(doc);
    const check = await median(() => readCanonicalWorkbook(other, opts));
    console.log(
      `${f.padEnd(44)} ${String(result.items.length).padStart(3)} items  write ${ms(write).padStart(9)}  read back ${ms(read).padStart(9)}  ` +
        `not-a-workbook check on its .xlsx ${ms(check).padStart(8)}  (${(workbook.length / 1024).toFixed(0)} KB)`,
    );
  }
}
