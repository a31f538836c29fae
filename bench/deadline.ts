import fs from "node:fs";
import path from "node:path";
import { parseDeadline } from "../core/deadline/parse.ts";
import type { DeadlineContext } from "../core/types.ts";
import { FIXTURES_DIR } from "../test/support/fixtures.ts";

// `npm run bench -- deadline`: every deadline phrase of the fixtures parsed ×1000; µs per phrase.

const FIXTURES = FIXTURES_DIR;
const TABLE_HEADERS = ["Сроки реализации мероприятий", "Сроки реализации", "Период реализации отдельного действия"];
const PROSE = /Срок(?: исполнения)?: [^;\n]+|в срок до [\d. ]+г\.|срок(?: до)? [\d. ]+\d|[-–] постоянно|[-–] в течение года|в 20\d\d ?- ?20\d\d учебном году/g;

function fixturePhrases(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  for (const file of fs.readdirSync(FIXTURES).filter((f) => f.endsWith(".txt")).sort()) {
    const body = fs.readFileSync(path.join(FIXTURES, file), "utf8");
    const lines = body.split("\n");
    const head = lines.findIndex((l) => l.includes("\t") && l.split("\t").some((c) => TABLE_HEADERS.includes(c)));
    if (head >= 0) {
      const col = lines[head]!.split("\t").findIndex((c) => TABLE_HEADERS.includes(c));
      for (const line of lines.slice(head + 1)) {
        const cell = line.split("\t")[col]?.trim();
        if (cell) out.push({ file, text: cell });
      }
    } else {
      for (const m of body.matchAll(PROSE)) out.push({ file, text: m[0] });
    }
  }
  return out;
}

function ctxFor(file: string): DeadlineContext {
  const y = Number(/(20\d\d)/.exec(file)?.[1] ?? 2023);
  return { years: [y], orderDate: `${y}-03-31` };
}

export async function bench(): Promise<void> {
  const phrases = fixturePhrases();
  const rounds = 1000;
  // warm-up: let the JIT settle, or the first file's phrases pay for it
  for (let i = 0; i < 200; i++) for (const p of phrases) parseDeadline(p.text, ctxFor(p.file));
  const perPhrase: { text: string; us: number }[] = [];
  const t0 = performance.now();
  for (const p of phrases) {
    const ctx = ctxFor(p.file);
    const s = performance.now();
    for (let i = 0; i < rounds; i++) parseDeadline(p.text, ctx);
    perPhrase.push({ text: p.text, us: ((performance.now() - s) * 1000) / rounds });
  }
  const totalMs = performance.now() - t0;
  const mean = perPhrase.reduce((a, b) => a + b.us, 0) / perPhrase.length;
  const sorted = [...perPhrase].sort((a, b) => a.us - b.us);
  const median = sorted[Math.floor(sorted.length / 2)]!.us;
  console.log(`fixture deadline phrases: ${phrases.length}, parsed ×${rounds} in ${totalMs.toFixed(0)} ms`);
  console.log(`per phrase: mean ${mean.toFixed(1)} µs, median ${median.toFixed(1)} µs, max ${sorted.at(-1)!.us.toFixed(1)} µs`);
  for (const p of sorted.slice(-3).reverse()) console.log(`  slowest: ${p.us.toFixed(1)} µs  «${p.text.slice(0, 60)}»`);

  const garbage = "Март-апрель 2023, 01.09 .2021 до конца года; ".repeat(250).slice(0, 10_000);
  const s = performance.now();
  for (let i = 0; i < 100; i++) parseDeadline(garbage, ctxFor("x-2023"));
  console.log(`a 10,000-character cell: ${((performance.now() - s) / 100).toFixed(2)} ms`);
}

if (import.meta.url === `file://${process.argv[1]}`) await bench();
