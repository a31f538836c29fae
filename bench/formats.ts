import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { importDocument } from "../core/import/index.ts";
import { readTextExport } from "../core/import/text-export.ts";
import { readDocument } from "../core/readers/detect.ts";
import { FIXTURES_DIR } from "../test/support/fixtures.ts";
import { toDocx, toXlsx } from "../test/support/office.ts";
import { toPdf } from "../test/support/pdf.ts";

// Import time per format: bytes → readDocument → importDocument, every fixture in every format Веха reads
// (.txt, .docx, .xlsx, .pdf with a text layer — ruled, and printed without borders — .doc and .odt as LibreOffice saved them). Median of 15 runs
// after 3 warm-ups. Targets: under 200 ms for a PDF or .doc of about 40 items, under 50 ms for the rest.

const LEGACY = path.join(path.dirname(fileURLToPath(import.meta.url)), "../test/data/legacy");
const opts = { year: null, timezone: null, defaultTimezone: "Europe/Moscow" };
const TARGET: Record<string, number> = { pdf: 200, doc: 200 };

async function median(run: () => Promise<unknown>, runs = 15, warmup = 3): Promise<{ median: number; min: number }> {
  for (let i = 0; i < warmup; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, min: times[0]! };
}

export async function bench(): Promise<void> {
  // the first PDF pays for loading pdfjs-dist (once per process, or per import worker)
  const t0 = performance.now();
  await import("pdfjs-dist/legacy/build/pdf.mjs");
  console.log(`loading pdfjs-dist: ${(performance.now() - t0).toFixed(0)} ms (first PDF only)`);
  for (const f of fs.readdirSync(FIXTURES_DIR).filter((n) => n.endsWith(".txt")).sort()) {
    const raw = fs.readFileSync(path.join(FIXTURES_DIR, f));
    const text = readTextExport(f, raw.toString("utf8"));
    const base = f.replace(/\.txt$/, "");
    const files: Array<[string, Buffer]> = [
      ["txt", raw],
      ["docx", await toDocx(text)],
      ["xlsx", await toXlsx(text)],
      ["pdf", await toPdf(text)],
      // the same PDF printed without borders: the table rebuilt from how its text lines up
      ["pdf (no borders)", await toPdf(text, { noRules: true })],
    ];
    for (const ext of ["doc", "odt"]) {
      const p = path.join(LEGACY, `${base}.${ext}`);
      if (fs.existsSync(p)) files.push([ext, fs.readFileSync(p)]);
    }
    const cells: string[] = [];
    let items = 0;
    for (const [ext, bytes] of files) {
      const t = await median(async () => {
        items = importDocument(await readDocument(`${base}.${ext.split(" ")[0]}`, bytes), opts).items.length;
      });
      const over = t.median > (TARGET[ext.split(" ")[0]!] ?? 50) ? " OVER" : "";
      cells.push(`.${ext} ${t.median.toFixed(1)} (min ${t.min.toFixed(1)})${over}`);
    }
    console.log(`${base.padEnd(40)} ${String(items).padStart(3)} items, ms: ${cells.join("  ")}`);
  }
  console.log(`load average while measuring: ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")} on ${os.cpus().length} CPUs (medians grow with it; min is the unloaded cost)`);
}
