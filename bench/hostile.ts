import { performance } from "node:perf_hooks";
import { DocumentError } from "../core/readers/errors.ts";
import { ImportWorker } from "../services/import/worker.ts";
import { csvOfRows, docxOfParagraphs, xlsxOfRows } from "../test/support/hostile.ts";

// Hostile uploads through the import worker: how long until each is refused, the longest the main
// thread's event loop waited meanwhile (what another user's /my would wait for), and the process's
// peak RSS (the worker included). Targets: refused within 30 s, under 1 GB, the event loop free.

const FILES: Array<[string, string, () => Promise<Buffer>]> = [
  ["zip bomb .docx (300 MB of XML)", "bomb.docx", () => docxOfParagraphs("<w:p><w:r><w:t>Анализ результатов ВПР и подготовка отчёта</w:t></w:r></w:p>", 4_000_000)],
  ["the same, its sizes declared as 4 KB", "liar.docx", () => docxOfParagraphs("<w:p><w:r><w:t>Анализ результатов ВПР и подготовка отчёта</w:t></w:r></w:p>", 4_000_000, 4096)],
  [".docx of 4 million paragraphs", "paragraphs.docx", () => docxOfParagraphs("<w:p/>", 4_000_000)],
  [".xlsx of a million rows", "million.xlsx", () => xlsxOfRows(1_000_000)],
  [".xlsx of 20 000 rows", "rows.xlsx", () => xlsxOfRows(20_000)],
  [".csv of 250 000 rows", "rows.csv", async () => csvOfRows(250_000)],
  ["15 000 points all numbered «1.1.» (slow import)", "slow.docx", () => docxOfParagraphs("<w:p><w:r><w:t>1.1. Провести анализ результатов ВПР в срок до 15 мая 2023 г.</w:t></w:r></w:p>", 15_000)],
];

export async function bench(): Promise<void> {
  const worker = new ImportWorker();
  try {
    await worker.import("warm.txt", Buffer.from("1. Провести совещание в срок до 15 мая 2023 г."), { defaultTimezone: "Europe/Moscow" }).catch(() => undefined);
    for (const [label, name, make] of FILES) {
      const bytes = await make();
      let longest = 0;
      let last = performance.now();
      const timer = setInterval(() => {
        const now = performance.now();
        longest = Math.max(longest, now - last);
        last = now;
      }, 10);
      const t0 = performance.now();
      const outcome = await worker.import(name, bytes, { defaultTimezone: "Europe/Moscow" }).then(
        (r) => `read: ${r.items.length} items`,
        (e: unknown) => (e instanceof DocumentError ? `refused (${e.detail?.limit ?? e.code})` : `failed: ${String(e)}`),
      );
      clearInterval(timer);
      const kb = Math.round(bytes.length / 1024);
      console.log(`${label.padEnd(48)} ${String(kb).padStart(6)} KB  ${outcome.padEnd(26)} in ${(performance.now() - t0).toFixed(0).padStart(6)} ms; event loop waited at most ${longest.toFixed(0)} ms`);
    }
  } finally {
    await worker.close();
  }
  console.log(`peak RSS of the process (worker included): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}
