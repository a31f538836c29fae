// Which action of the saved roadmap is which row of a new version of the document.
//
// A re-import must keep statuses, evidence and history with the action, not with its number:
// a row inserted at 2 renumbers everything after it. So old and new items are matched by what
// they say — the title first, then the section, result, deadline and responsible parties — with
// the neighbours and the position as context for rows that read alike (the same activity
// repeated in each year's section). Rows whose title is unique and unchanged are matched
// outright; the rest by a maximum-weight assignment (Hungarian algorithm), so one good pair
// never steals the partner of a better one. Pure: no database.

import { append } from "./arrays.ts";

export interface MatchItem {
  key: string;
  title: string;
  section?: string | null;
  result?: string | null;
  deadline?: string | null;
  responsible?: string | null;
  /** an old item the previous version had already dropped: it may come back, but a live one is preferred */
  removed?: boolean;
}

export interface MatchPair {
  /** index into the old list */
  old: number;
  /** index into the new list */
  fresh: number;
  /** 0…1+: content similarity plus context */
  score: number;
}

export interface ItemMatch {
  pairs: MatchPair[];
  /** old indexes matched to nothing (removed from the document) */
  unmatchedOld: number[];
  /** new indexes matched to nothing (new rows) */
  unmatchedNew: number[];
}

/** Below this title similarity two rows are different actions, whatever their context. */
const MIN_TITLE = 0.5;
/** From this title similarity on, rows are the same action wherever they stand; below it only in the same place. */
const SURE_TITLE = 0.75;
/** A component of look-alike rows larger than this is paired greedily (the Hungarian step is cubic). */
const MAX_EXACT = 400;
/** Above this many (old × new) pairs left after the exact matches, rows are compared within a band around their place. */
const MAX_PAIRS = 200_000;

/** A row reduced for comparing: its words and letter triples as sorted ids (multisets compare by merging). */
interface Prepared {
  norm: string;
  section: string;
  stems: Int32Array;
  numbers: Set<string>;
  trigrams: Int32Array;
  other: Int32Array;
}

/** Word and trigram ids shared by both sides of one comparison. */
class Vocabulary {
  readonly #ids = new Map<string, number>();
  sorted(tokens: string[]): Int32Array {
    const out = new Int32Array(tokens.length);
    for (const [i, t] of tokens.entries()) {
      let id = this.#ids.get(t);
      if (id === undefined) {
        id = this.#ids.size;
        this.#ids.set(t, id);
      }
      out[i] = id;
    }
    return out.sort();
  }
}

/** Lower case, ё→е, letters and digits only, one space. */
export function normaliseText(s: string | null | undefined): string {
  return (s ?? "")
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/<[^>]*>/g, " ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * Word stems: Russian words differ in their endings («отчёт», «отчёта», «отчёты»), so a word
 * counts by its first six letters; short function words («в», «по», «и») are dropped, numbers kept.
 */
function stems(norm: string): string[] {
  const out: string[] = [];
  for (const w of norm.split(" ")) {
    if (!w) continue;
    if (/^\p{N}+$/u.test(w)) out.push(w);
    else if (w.length >= 3) out.push(w.slice(0, 6));
  }
  return out;
}

function trigrams(norm: string): string[] {
  const out: string[] = [];
  const s = ` ${norm} `;
  for (let i = 0; i + 3 <= s.length; i++) out.push(s.slice(i, i + 3));
  return out;
}

function prepare(item: MatchItem, vocab: Vocabulary): Prepared {
  const norm = normaliseText(item.title);
  const st = stems(norm);
  return {
    norm,
    section: normaliseText(item.section),
    stems: vocab.sorted(st),
    numbers: new Set(st.filter((w) => /^\p{N}+$/u.test(w))),
    trigrams: vocab.sorted(trigrams(norm)),
    other: vocab.sorted(stems(normaliseText([item.section, item.result, item.deadline, item.responsible].filter(Boolean).join(" ")))),
  };
}

/** Sørensen–Dice over two multisets given as sorted ids. */
function dice(a: Int32Array, b: Int32Array): number {
  if (a.length === 0 && b.length === 0) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      common++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return (2 * common) / (a.length + b.length);
}

/** How alike two titles are, 0…1: words and letters; a number changed («9 классов» → «11 классов») makes another action. */
function titleSimilarity(a: Prepared, b: Prepared): number {
  if (a.norm === b.norm) return 1;
  let sim = 0.5 * dice(a.stems, b.stems) + 0.5 * dice(a.trigrams, b.trigrams);
  const lost = [...a.numbers].some((n) => !b.numbers.has(n));
  const gained = [...b.numbers].some((n) => !a.numbers.has(n));
  if (lost && gained) sim *= 0.5;
  return sim;
}

/** Title mostly, the other fields a little: they tell apart the same activity in two year sections. */
function contentSimilarity(a: Prepared, b: Prepared, title: number): number {
  if (a.other.length === 0 && b.other.length === 0) return title;
  return 0.8 * title + 0.2 * dice(a.other, b.other);
}

/** Matches old items to new ones. `byKey`: the keys are the identity (the canonical workbook). */
export function matchItems(old: MatchItem[], fresh: MatchItem[], opts: { byKey?: boolean } = {}): ItemMatch {
  if (opts.byKey) return matchByKey(old, fresh);
  const vocab = new Vocabulary();
  const po = old.map((o) => prepare(o, vocab));
  const pn = fresh.map((n) => prepare(n, vocab));
  const pairs: MatchPair[] = [];
  const usedOld = new Set<number>();
  const usedNew = new Set<number>();

  // 1. unchanged and found once on each side: the same action, wherever it moved — first the
  // title in its section (the same activity in each year's section), then the title alone
  for (const by of [(p: Prepared) => `${p.norm}\u0000${p.section}`, (p: Prepared) => p.norm]) {
    const oldBy = groupBy(old.map((_, i) => i).filter((i) => !usedOld.has(i) && po[i]!.norm), (i) => by(po[i]!));
    const newBy = groupBy(fresh.map((_, i) => i).filter((i) => !usedNew.has(i) && pn[i]!.norm), (i) => by(pn[i]!));
    for (const [k, os] of oldBy) {
      const ns = newBy.get(k);
      if (os.length !== 1 || ns?.length !== 1) continue;
      pairs.push({ old: os[0]!, fresh: ns[0]!, score: 1 });
      usedOld.add(os[0]!);
      usedNew.add(ns[0]!);
    }
  }
  const anchorOf = new Map(pairs.map((p) => [p.old, p.fresh]));

  // 2. the rest: every pair alike enough, scored with its context
  const liveOrder = old.map((o, i) => (o.removed ? -1 : i)).filter((i) => i >= 0);
  const liveRank = new Map(liveOrder.map((i, r) => [i, r]));
  const titleMemo = new Map<number, number>();
  const titleSim = (o: number, n: number): number => {
    const k = o * (fresh.length + 1) + n;
    let v = titleMemo.get(k);
    if (v === undefined) {
      v = titleSimilarity(po[o]!, pn[n]!);
      titleMemo.set(k, v);
    }
    return v;
  };
  /** do the rows before (after) these two read alike too? */
  const neighbourAgreement = (o: number, n: number): number => {
    const rank = liveRank.get(o);
    if (rank === undefined) return 0;
    let sum = 0;
    for (const d of [-1, 1]) {
      const on = liveOrder[rank + d];
      const nn = n + d;
      if (on === undefined || nn < 0 || nn >= fresh.length) {
        // both at the same end of the document
        if (on === undefined && (nn < 0 || nn >= fresh.length)) sum += 1;
        continue;
      }
      if (anchorOf.get(on) === nn) sum += 1;
      else {
        const s = titleSim(on, nn);
        if (s >= 0.6) sum += s;
      }
    }
    return sum / 2;
  };
  const restOld = old.map((_, i) => i).filter((i) => !usedOld.has(i));
  const restNew = fresh.map((_, i) => i).filter((i) => !usedNew.has(i));
  // a document rewritten throughout: each row is compared with the rows around its place only,
  // so the work stays bounded (a row moved far and reworded too then counts as removed and new)
  const band = restOld.length * restNew.length > MAX_PAIRS ? Math.ceil(MAX_PAIRS / (2 * restOld.length)) : Infinity;
  const candidates: MatchPair[] = [];
  for (const [ri, o] of restOld.entries()) {
    const centre = Math.round((ri * restNew.length) / Math.max(1, restOld.length));
    const from = band === Infinity ? 0 : Math.max(0, centre - band);
    const to = band === Infinity ? restNew.length : Math.min(restNew.length, centre + band + 1);
    for (let j = from; j < to; j++) {
      const n = restNew[j]!;
      const title = titleSim(o, n);
      if (title < MIN_TITLE) continue;
      const rank = liveRank.get(o);
      const closeness = rank === undefined ? 0 : Math.max(0, 1 - 5 * Math.abs(rank / Math.max(1, liveOrder.length) - n / Math.max(1, fresh.length)));
      const neighbours = neighbourAgreement(o, n);
      const sameKey = old[o]!.key === fresh[n]!.key;
      // «Мониторинг ВПР» → «Мониторинг ГИА» may be an edit of the row or another action: only an
      // edit where it stands (the same neighbours, the same place or number), never across the document
      if (title < SURE_TITLE && neighbours < 0.5 && closeness < 0.75 && !sameKey) continue;
      // the other fields (often the same in every row: «Руководители ОО») only tell look-alikes apart
      const score = contentSimilarity(po[o]!, pn[n]!, title) + 0.15 * neighbours + 0.05 * closeness + (sameKey ? 0.05 : 0) - (old[o]!.removed ? 0.03 : 0);
      candidates.push({ old: o, fresh: n, score });
    }
  }
  for (const p of assignPairs(candidates)) {
    pairs.push(p);
    usedOld.add(p.old);
    usedNew.add(p.fresh);
  }
  pairs.sort((a, b) => a.fresh - b.fresh);
  return {
    pairs,
    unmatchedOld: old.map((_, i) => i).filter((i) => !usedOld.has(i)),
    unmatchedNew: fresh.map((_, i) => i).filter((i) => !usedNew.has(i)),
  };
}

function matchByKey(old: MatchItem[], fresh: MatchItem[]): ItemMatch {
  const byKey = new Map(old.map((o, i) => [o.key, i]));
  const pairs: MatchPair[] = [];
  const unmatchedNew: number[] = [];
  for (const [n, item] of fresh.entries()) {
    const o = byKey.get(item.key);
    if (o === undefined) unmatchedNew.push(n);
    else {
      pairs.push({ old: o, fresh: n, score: 1 });
      byKey.delete(item.key);
    }
  }
  return { pairs, unmatchedOld: [...byKey.values()].sort((a, b) => a - b), unmatchedNew };
}

function groupBy(indexes: number[], keyOf: (i: number) => string): Map<string, number[]> {
  const m = new Map<string, number[]>();
  for (const i of indexes) {
    const k = keyOf(i);
    const list = m.get(k);
    if (list) list.push(i);
    else m.set(k, [i]);
  }
  return m;
}

/** The pairs that maximise the total score, each item used once: per group of rows that compete for each other. */
export function assignPairs(candidates: MatchPair[]): MatchPair[] {
  const out: MatchPair[] = [];
  for (const group of components(candidates)) {
    const olds = [...new Set(group.map((p) => p.old))];
    const news = [...new Set(group.map((p) => p.fresh))];
    if (olds.length === 1 || news.length === 1) {
      out.push(group.reduce((best, p) => (p.score > best.score ? p : best)));
    } else if (Math.max(olds.length, news.length) > MAX_EXACT) {
      append(out, greedy(group));
    } else {
      append(out, hungarian(group, olds, news));
    }
  }
  return out;
}

/** Connected groups of the candidate graph (old and new items linked by a candidate pair). */
function components(candidates: MatchPair[]): MatchPair[][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    let c = x;
    while (c !== r) {
      const next = parent.get(c)!;
      parent.set(c, r);
      c = next;
    }
    return r;
  };
  for (const p of candidates) {
    const a = `o${p.old}`;
    const b = `n${p.fresh}`;
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  }
  const groups = new Map<string, MatchPair[]>();
  for (const p of candidates) {
    const r = find(`o${p.old}`);
    const list = groups.get(r);
    if (list) list.push(p);
    else groups.set(r, [p]);
  }
  return [...groups.values()];
}

function greedy(group: MatchPair[]): MatchPair[] {
  const out: MatchPair[] = [];
  const o = new Set<number>();
  const n = new Set<number>();
  for (const p of [...group].sort((a, b) => b.score - a.score || a.fresh - b.fresh)) {
    if (o.has(p.old) || n.has(p.fresh)) continue;
    out.push(p);
    o.add(p.old);
    n.add(p.fresh);
  }
  return out;
}

/** Maximum-weight assignment on the group's square matrix (absent pairs weigh 0 and are dropped). */
function hungarian(group: MatchPair[], olds: number[], news: number[]): MatchPair[] {
  const size = Math.max(olds.length, news.length);
  const oi = new Map(olds.map((o, i) => [o, i]));
  const ni = new Map(news.map((n, i) => [n, i]));
  const weight: number[][] = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  const pairAt = new Map<number, MatchPair>();
  let max = 0;
  for (const p of group) {
    const r = oi.get(p.old)!;
    const c = ni.get(p.fresh)!;
    weight[r]![c] = p.score;
    pairAt.set(r * size + c, p);
    if (p.score > max) max = p.score;
  }
  // minimise cost = max − weight (the classic O(n³) potentials method, 1-based)
  const INF = Number.POSITIVE_INFINITY;
  const u = new Array<number>(size + 1).fill(0);
  const v = new Array<number>(size + 1).fill(0);
  const p = new Array<number>(size + 1).fill(0);
  const way = new Array<number>(size + 1).fill(0);
  for (let i = 1; i <= size; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Array<number>(size + 1).fill(INF);
    const used = new Array<boolean>(size + 1).fill(false);
    do {
      used[j0] = true;
      const i0 = p[j0]!;
      let delta = INF;
      let j1 = 0;
      for (let j = 1; j <= size; j++) {
        if (used[j]) continue;
        const cur = max - weight[i0 - 1]![j - 1]! - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= size; j++) {
        if (used[j]) {
          u[p[j]!] = u[p[j]!]! + delta;
          v[j] = v[j]! - delta;
        } else minv[j] = minv[j]! - delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0);
  }
  const out: MatchPair[] = [];
  for (let j = 1; j <= size; j++) {
    const r = p[j]! - 1;
    const pair = pairAt.get(r * size + (j - 1));
    if (pair) out.push(pair);
  }
  return out;
}
