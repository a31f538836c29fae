import { performance } from "node:perf_hooks";
import { importDocument } from "../core/import/index.ts";
import { readDocument } from "../core/readers/detect.ts";

// Key assignment where numbers repeat: 15 000 prose points all numbered «1.1.», a 4 990-row table all «1.1.», and
// 4 990 unnumbered rows under one item. Before the per-base counters each took tens of seconds (a scan over every
// key already given); now the time should grow linearly: compare the per-item cost at the two sizes.

const opts = { defaultTimezone: "Europe/Moscow" };

function prose(n: number): string {
  return ["ПРИКАЗЫВАЮ:", ...Array.from({ length: n }, () => "1.1. Провести анализ результатов ВПР в срок до 15 мая 2023 г.")].join("\n");
}

function table(n: number, numbered: boolean): string {
  const head = ["№\tМероприятие\tСрок\tОтветственный", "1.\tСовещание руководителей ОО\tапрель 2023\tОтдел образования"];
  const row = numbered ? "1.1.\tПровести анализ результатов ВПР\tмай 2023\tРуководители ОО" : "\tПровести анализ результатов ВПР\tмай 2023\tРуководители ОО";
  return [...head, ...Array.from({ length: n }, () => row)].join("\n");
}

async function time(name: string, text: string): Promise<{ ms: number; items: number }> {
  const doc = await readDocument(name, Buffer.from(text));
  const t0 = performance.now();
  const items = importDocument(doc, opts).items.length;
  return { ms: performance.now() - t0, items };
}

export async function bench(): Promise<void> {
  await time("warm.txt", prose(200));
  for (const [label, name, make, sizes] of [
    ["prose points all «1.1.»", "order.txt", prose, [3000, 15000]],
    ["table rows all «1.1.»", "plan.txt", (n: number) => table(n, true), [1000, 4990]],
    ["unnumbered rows under one item", "plan.txt", (n: number) => table(n, false), [1000, 4990]],
  ] as const) {
    const cells: string[] = [];
    for (const n of sizes) {
      const t = await time(name, make(n));
      cells.push(`${String(t.items).padStart(5)} items ${t.ms.toFixed(0).padStart(6)} ms (${((t.ms / t.items) * 1000).toFixed(0)} µs/item)`);
    }
    console.log(`${label.padEnd(34)} ${cells.join("   ")}`);
  }
}
