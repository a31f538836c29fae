import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { importDocument } from "../core/import/index.ts";
import { assignKeys, SuffixedKeys, type KeySource } from "../core/import/keys.ts";
import { importProse } from "../core/import/prose.ts";
import type { ImportResult, SourceDocument } from "../core/types.ts";
import { readCanonicalWorkbook } from "../core/workbook/read.ts";
import { writeWorkbook } from "../core/workbook/write.ts";

// Item keys where numbers repeat: the same keys as a plain scan from the first suffix would give (the keys the
// importer has always made), found without rescanning — a plan whose every point is numbered «1.1.» must not
// take minutes (the time itself is in bench/import-keys.ts).

const LETTERS = "абвгдежзиклмнопрстуфхцчшщэюя";

/** The key assignment as it was written first (a scan per key): the reference the fast one must agree with. */
function scannedKeys(rows: KeySource[]): string[] {
  const seen = new Set<string>();
  let repeated = false;
  for (const r of rows) {
    if (r.number === null) continue;
    if (seen.has(r.number)) repeated = true;
    seen.add(r.number);
  }
  const withLetter = (base: string, from: number, used: Set<string>): string => {
    for (let i = from; i < LETTERS.length; i++) if (!used.has(`${base}${LETTERS[i]}`)) return `${base}${LETTERS[i]}`;
    for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
  };
  const used = new Set<string>();
  const keys: string[] = [];
  let base = "0";
  let letter = 0;
  for (const r of rows) {
    let key: string;
    if (r.number !== null) {
      key = repeated && r.sectionMarker ? `${r.sectionMarker}.${r.number}` : r.number;
      if (used.has(key)) key = withLetter(key, 0, used);
      base = key;
      letter = 0;
    } else {
      key = withLetter(base, letter, used);
      letter = LETTERS.indexOf(key.slice(-1)) + 1;
    }
    used.add(key);
    keys.push(key);
  }
  return keys;
}

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("table keys where numbers repeat", () => {
  it("agree with a scan from the first letter on a thousand random plans (repeats, unnumbered rows, sections)", () => {
    for (let seed = 1; seed <= 1000; seed++) {
      const next = random(seed);
      const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)]!;
      const numbers = ["1", "2", "1.1", "1.2", "2.1", "3", "1а", "1б", "1-2"];
      const sections = [null, "2021", "II", "2"];
      let section: string | null = null;
      const rows: KeySource[] = [];
      const length = 1 + Math.floor(next() * 80);
      for (let i = 0; i < length; i++) {
        if (next() < 0.05) section = pick(sections);
        // runs of unnumbered rows past 28 letters now and then
        const r = next();
        rows.push({ number: r < 0.35 ? null : pick(numbers), sectionMarker: section });
        if (r > 0.98) for (let k = 0; k < 40; k++) rows.push({ number: null, sectionMarker: section });
      }
      expect(assignKeys(rows), `seed ${seed}`).toEqual(scannedKeys(rows));
    }
  });

  it("2 000 rows all numbered «1.1»: every key unique, the same as a scan gives («1.1», «1.1а» … «1.1я», «1.1-2» …)", () => {
    const rows: KeySource[] = Array.from({ length: 2000 }, () => ({ number: "1.1", sectionMarker: null }));
    const keys = assignKeys(rows);
    expect(new Set(keys).size).toBe(2000);
    expect(keys.slice(0, 3)).toEqual(["1.1", "1.1а", "1.1б"]);
    expect(keys[29]).toBe("1.1-2");
    expect(keys).toEqual(scannedKeys(rows));
  });

  it("2 000 unnumbered rows under one item hang from it («1а» … «1я», «1-2» …)", () => {
    const rows: KeySource[] = [{ number: "1", sectionMarker: null }, ...Array.from({ length: 2000 }, () => ({ number: null, sectionMarker: null }))];
    const keys = assignKeys(rows);
    expect(new Set(keys).size).toBe(2001);
    expect(keys).toEqual(scannedKeys(rows));
  });

  it("a district's plan-graph pasted with every row numbered «1.1.» imports with a key per row", () => {
    const months = ["сентябрь", "октябрь", "ноябрь", "декабрь", "январь", "февраль", "март", "апрель", "май"];
    const lines = ["№ п/п\tСодержание работы\tСроки\tИсполнители", ...Array.from({ length: 600 }, (_, i) => `1.1.\tСовещание с заместителями директоров по УВР № ${i + 1}\t${months[i % 9]} 2025 г.\tМКУ «Центр оценки качества»`)];
    const doc: SourceDocument = { fileName: "plan.txt", format: "txt", blocks: [{ type: "table", table: { rows: lines.map((l) => l.split("\t").map((text) => ({ text }))) } }] };
    const r = importDocument(doc, { defaultTimezone: "Asia/Irkutsk" });
    expect(r.items).toHaveLength(600);
    expect(new Set(r.items.map((i) => i.key)).size).toBe(600);
    expect(r.items.slice(28, 31).map((i) => i.key)).toEqual(["1.1я", "1.1-2", "1.1-3"]);
  });
});

describe("SuffixedKeys", () => {
  it("gives the first unused suffix at or after `from`, whatever else is taken meanwhile", () => {
    for (let seed = 1; seed <= 100; seed++) {
      const next = random(seed);
      const used = new Set<string>();
      const suffixed = (base: string, i: number) => `${base}:${i}`;
      const fast = new SuffixedKeys(used, suffixed);
      for (let step = 0; step < 200; step++) {
        const base = ["a", "b", "a:1"][Math.floor(next() * 3)]!;
        if (next() < 0.3) {
          used.add(suffixed(base, Math.floor(next() * 40))); // a key written as is, out of order
          continue;
        }
        const from = next() < 0.6 ? 0 : Math.floor(next() * 30);
        let i = from;
        while (used.has(suffixed(base, i))) i++;
        const got = fast.next(base, from);
        expect(got, `seed ${seed}, step ${step}`).toBe(suffixed(base, i));
        if (next() < 0.9) used.add(got);
      }
    }
  });
});

describe("prose points numbered twice", () => {
  it("two thousand points all «1.1.»: keys «1.1», «1.1а» … «1.1я», «1.1а1» …, each with its warning", () => {
    const paragraphs = [{ text: "ПРИКАЗЫВАЮ:" }, ...Array.from({ length: 2000 }, (_, i) => ({ text: `1.1. Провести собеседование с учителями школы № ${i + 1} в срок до 15 мая 2025 г.`, line: i + 2 }))];
    const r = importProse(paragraphs, { years: [2025], orderDate: "2025-03-01" });
    const keys = r.items.map((i) => i.key);
    expect(keys).toHaveLength(2000);
    expect(new Set(keys).size).toBe(2000);
    const expected = ["1.1", ...Array.from({ length: 1999 }, (_, n) => `1.1${LETTERS[n % 28]}${n >= 28 ? Math.floor(n / 28) : ""}`)];
    expect(keys).toEqual(expected);
    expect(r.warnings.filter((w) => /номер пункта 1\.1 повторяется/.test(w.message))).toHaveLength(1999);
  });

  it("sub-points still find their point when many points come between («3.1» under the latest «3.»)", () => {
    const paragraphs = [
      { text: "ПРИКАЗЫВАЮ:" },
      { text: "1. Руководителям общеобразовательных организаций:" },
      { text: "1.1. Провести пробный ОГЭ по математике в срок до 20 марта 2025 г." },
      { text: "2. Отделу образования (Кузнецова Т.В.):" },
      { text: "2.1. Подготовить аналитическую справку по итогам пробного ОГЭ в срок до 1 апреля 2025 г." },
      { text: "1.2. Направить протоколы в срок до 25 марта 2025 г." },
    ];
    const r = importProse(paragraphs, { years: [2025], orderDate: "2025-03-01" });
    const party = (key: string) => r.items.find((i) => i.key === key)?.responsible.map((p) => p.name);
    expect(r.items.map((i) => i.key)).toEqual(["1.1", "1.2", "2.1"]);
    expect(party("1.2")).toEqual(party("1.1"));
    expect(party("2.1")).toEqual(["Кузнецова Т.В."]);
  });
});

describe("a canonical workbook whose «Ключ» column says the same key on every row", () => {
  it("reads a key per row: «7», «7а» … «7я», «7.2» …, each said in a warning", async () => {
    const item = (n: number): ImportResult["items"][number] => ({
      key: String(n),
      number: String(n),
      section: null,
      title: `Мониторинг посещаемости занятий по подготовке к ГИА, школа № ${n}`,
      result: null,
      deadline: { text: "", kind: "none", start: null, due: null, checkpoints: [], every: null },
      responsible: [],
      evidence: null,
      flags: [],
    });
    const result: ImportResult = {
      roadmap: { id: null, title: "План-график подготовки к ГИА", orderNumber: null, orderDate: null, authority: null, timezone: "Europe/Samara", years: [2025], schools: [], curators: [], controller: null },
      items: Array.from({ length: 200 }, (_, n) => item(n + 1)),
      warnings: [],
    };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeWorkbook(result, { identity: null })) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    for (let r = 2; r <= ws.rowCount; r++) ws.getCell(r, 1).value = "7";
    const back = (await readCanonicalWorkbook(Buffer.from(await wb.xlsx.writeBuffer()), { defaultTimezone: "Europe/Samara" }))!;
    const keys = back.items.map((i) => i.key);
    expect(keys).toEqual(["7", ...LETTERS.split("").map((l) => `7${l}`), ...Array.from({ length: 171 }, (_, n) => `7.${n + 2}`)]);
    expect(back.warnings.filter((w) => /ключ «7» повторяется/.test(w.message))).toHaveLength(199);
  });
});
