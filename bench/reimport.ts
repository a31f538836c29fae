import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { matchItems, type MatchItem } from "../core/item-match.ts";
import type { ImportResult, ImportedItem } from "../core/types.ts";
import { openDb } from "../services/db.ts";
import { saveImport } from "../services/roadmap-store.ts";

// Re-import of a new version of a roadmap: how fast old and new items are matched
// (core/item-match.ts) and how often the match is right, on invented roadmaps of 100–2,000
// items — every activity repeated in three year sections (the hard case: rows that read
// alike) — with 5 % rows inserted, 5 % removed, 10 % reworded and a few moved. Then the whole
// re-import saved to SQLite.

const VERBS = ["Проведение", "Организация", "Подготовка", "Анализ", "Мониторинг", "Разработка", "Участие в", "Обеспечение", "Корректировка", "Изучение"];
const OBJECTS = ["результатов ВПР", "итогов ГИА", "программ антирисковых мер", "методических семинаров", "курсов повышения квалификации", "педагогических советов", "родительских собраний", "стажировок управленческих команд", "среднесрочных программ развития", "планов повышения качества", "сетевого взаимодействия", "профессиональных дефицитов"];
const WHO = ["учителей математики", "учителей русского языка", "учителей начальных классов", "руководителей ОО", "педагогов-психологов", "классных руководителей", "обучающихся 9 классов", "родителей обучающихся"];
const WHERE = ["в школах с низкими результатами", "в ШНСУ", "в ОО района", "на базе школ-тьюторов", "с участием АМИРО", "по итогам четверти"];

/** A small deterministic generator: the same roadmap every run. */
export function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Row {
  id: number;
  item: ImportedItem;
}

export function roadmap(n: number, rand: () => number): Row[] {
  const perYear = Math.ceil(n / 3);
  const titles: string[] = [];
  const seen = new Set<string>();
  while (titles.length < perYear) {
    const pick = <T>(a: T[]) => a[Math.floor(rand() * a.length)]!;
    const t = `${pick(VERBS)} ${pick(OBJECTS)} ${pick(WHO)} ${pick(WHERE)}`;
    if (!seen.has(t)) {
      seen.add(t);
      titles.push(t);
    }
  }
  const rows: Row[] = [];
  for (const year of [2024, 2025, 2026]) {
    for (const [i, title] of titles.entries()) {
      if (rows.length >= n) break;
      rows.push({ id: rows.length, item: item(`${year}.${i + 1}`, title, year) });
    }
  }
  return rows;
}

function item(key: string, title: string, year: number): ImportedItem {
  return {
    key,
    number: key.split(".")[1] ?? key,
    section: `${year} год`,
    title,
    result: "Аналитическая справка",
    deadline: { text: `Декабрь ${year}`, kind: "date", start: null, due: `${year}-12-31`, checkpoints: [`${year}-12-31`], every: null },
    responsible: [{ text: "Руководители ОО", kind: "role", name: "Руководители ОО", note: null }],
    evidence: null,
    flags: [],
  };
}

/** The next version: rows inserted, removed, reworded and moved; keys renumbered per year as a document would. */
export function edit(rows: Row[], rand: () => number): Row[] {
  const out: Row[] = [];
  let fresh = 1_000_000;
  for (const r of rows) {
    const x = rand();
    if (x < 0.05) continue; // removed
    if (x < 0.1) out.push({ id: fresh++, item: { ...r.item, title: `Новое мероприятие ${fresh}: круглый стол для ${WHO[fresh % WHO.length]}` } }); // inserted before
    const reworded = rand() < 0.1 ? { ...r.item, title: r.item.title.replace(/^(\S+)/, "$1 и сопровождение").replace(/ в /, " во всех ") } : r.item;
    out.push({ id: r.id, item: reworded });
  }
  // a few rows moved a little within their year
  for (let k = 0; k < out.length / 50; k++) {
    const i = Math.floor(rand() * (out.length - 3));
    [out[i], out[i + 2]] = [out[i + 2]!, out[i]!];
  }
  const counters = new Map<string, number>();
  return out.map((r) => {
    const year = r.item.section!.slice(0, 4);
    const n = (counters.get(year) ?? 0) + 1;
    counters.set(year, n);
    return { id: r.id, item: { ...r.item, key: `${year}.${n}`, number: String(n) } };
  });
}

export const toMatch = (i: ImportedItem): MatchItem => ({ key: i.key, title: i.title, section: i.section, result: i.result, deadline: i.deadline.text, responsible: i.responsible.map((p) => p.text).join("; ") });

function result(rows: Row[]): ImportResult {
  return {
    roadmap: { id: null, title: "Синтетическая дорожная карта", orderNumber: "1", orderDate: "2024-01-10", authority: "Управление образования", years: [2024, 2025, 2026], timezone: "Europe/Moscow", controller: null, schools: [], curators: [] },
    items: rows.map((r) => r.item),
    warnings: [],
  };
}

export async function bench(): Promise<void> {
  for (const n of [100, 300, 1000, 2000]) {
    const rand = rng(n);
    const v1 = roadmap(n, rand);
    const v2 = edit(v1, rand);
    const runs = n >= 1000 ? 7 : 15;
    const times: number[] = [];
    let m = matchItems(v1.map((r) => toMatch(r.item)), v2.map((r) => toMatch(r.item))); // warm-up
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      m = matchItems(v1.map((r) => toMatch(r.item)), v2.map((r) => toMatch(r.item)));
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    let right = 0;
    let wrong = 0;
    for (const p of m.pairs) {
      if (v1[p.old]!.id === v2[p.fresh]!.id) right++;
      else wrong++;
    }
    const survivors = v2.filter((r) => r.id < 1_000_000).length;
    const missed = survivors - right;
    console.log(
      `${String(n).padStart(5)} items → ${v2.length}: match median ${times[Math.floor(times.length / 2)]!.toFixed(1)} ms; ` +
        `${right}/${survivors} kept actions found (${((100 * right) / survivors).toFixed(1)} %), ${wrong} wrong pairs, ${missed} missed`,
    );
  }

  // the whole re-import of 1,000 items against SQLite
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vekha-bench-reimport-"));
  const db = await openDb(`file:${path.join(dir, "bench.db")}`);
  try {
    const rand = rng(7);
    const v1 = roadmap(1000, rand);
    const v2 = edit(v1, rand);
    await saveImport(db, result(v1), { activeFrom: "2024-01-15", sourceName: "v1.docx" });
    const same = performance.now();
    await saveImport(db, result(v1), { activeFrom: "2024-01-15", sourceName: "v1.docx" });
    console.log(`save of the same version again, 1000 items: ${(performance.now() - same).toFixed(0)} ms`);
    const t0 = performance.now();
    const out = await saveImport(db, result(v2), { activeFrom: "2024-01-15", sourceName: "v2.docx" });
    console.log(
      `save of a new version, 1000 items: ${(performance.now() - t0).toFixed(0)} ms (${out.itemsAdded} added, ${out.itemsRemoved} removed, ${out.itemsMoved} renumbered, ${out.itemsUpdated} changed)`,
    );
  } finally {
    await db.$disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
