import fs from "node:fs";
import path from "node:path";
import { findController, findCurators } from "../core/import/order-text.ts";
import { importProse } from "../core/import/prose.ts";
import { parseResponsible } from "../core/parties.ts";
import { FIXTURES_DIR } from "../test/support/fixtures.ts";

// `npm run bench -- prose`: the two prose orders imported (points, executors, deadlines), their controller and
// curators read, and every responsible cell of the table fixtures parsed; ms per run after warm-up.

const FIXTURES = FIXTURES_DIR;

function paragraphs(file: string) {
  return fs
    .readFileSync(path.join(FIXTURES, file), "utf8")
    .split("\n")
    .map((text, i) => ({ text: text.replace(/\*\*/g, ""), line: i + 1 }))
    .filter((p) => p.text.trim());
}

function time(label: string, runs: number, fn: () => void): void {
  for (let i = 0; i < 20; i++) fn(); // warm-up
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) fn();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6 / runs;
  console.log(`${label.padEnd(44)} ${ms.toFixed(3)} ms`);
}

export async function bench(): Promise<void> {
  const orders = [
    { file: "bodaibo-2023-order.txt", ctx: { years: [2023, 2024], orderDate: "2023-06-14" } },
    { file: "borovsk-2021-order.txt", ctx: { years: [2021], orderDate: "2021-06-01" } },
  ];
  for (const { file, ctx } of orders) {
    const ps = paragraphs(file);
    const texts = ps.map((p) => p.text);
    const n = importProse(ps, ctx).items.length;
    time(`importProse ${file} (${n} items)`, 200, () => importProse(ps, ctx));
    time(`findController+findCurators ${file}`, 200, () => {
      findController(texts);
      findCurators(texts);
    });
  }
  const cells: string[] = [];
  for (const file of ["skovorodino-2023-roadmap.txt", "bagan-2024-roadmap.txt", "bolshebereznikovsky-2020-2022-program.txt"]) {
    for (const line of fs.readFileSync(path.join(FIXTURES, file), "utf8").split("\n")) {
      const c = line.split("\t");
      if (c.length >= 4 && /^\d+\.?$/.test(c[0]!.trim())) cells.push(file.startsWith("bagan") ? c[3]! : c[c.length - 1]!);
    }
  }
  time(`parseResponsible × ${cells.length} table cells`, 200, () => {
    for (const c of cells) parseResponsible(c);
  });
}
