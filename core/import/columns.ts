import { itemNumber } from "./keys.ts";
import { letterMark, looksLikeAction, looksLikeDeadline, looksLikeEvidence, looksLikeParties, looksLikeResult, romanValue } from "./cells.ts";
import { maxOf } from "../arrays.ts";

// Which column holds what, judged by the cells (the header's words, when known, weigh in):
//   - a column of dates, months, quarters, «в течение года» is the deadline;
//   - a column of people, posts and bodies is the responsible;
//   - the column whose cells start like actions («Проведение…», «Анализ…», «Провести…») is the action,
//     unless they read as results («Проведена…», «Аналитическая справка»);
//   - `1`, `1.1`, `I.`, `2)`, `а)` is the number;
//   - what remains and holds text is the result, or the evidence when it speaks of links and sites.
// Every assignment of number / action / deadline / responsible to distinct columns is scored and the best
// one taken; a column headed «Примечание» or «Отметка о выполнении» takes no role, nor does an empty one.

type Role = "number" | "title" | "result" | "deadline" | "responsible" | "evidence";
type Assignment = Partial<Record<Role | "deadlineTo", number>>;

export interface ColumnStats {
  /** share of the rows with this cell filled */
  fill: number;
  /** shares of the filled cells that look like … */
  number: number;
  deadline: number;
  parties: number;
  action: number;
  result: number;
  evidence: number;
  avgLength: number;
}

/** What the header says of a column: a role, «a note» (take no role), or nothing known. */
export type HeaderHint = Role | "note" | null;

const SAMPLE_ROWS = 120;

export function isNumberCell(text: string): boolean {
  const t = text.trim();
  return t !== "" && (itemNumber(t) !== null || romanValue(t) !== null || letterMark(t) !== null);
}

/** Per column: how its filled cells look. `rows` are data rows (section rows and the like already left out). */
export function columnStats(rows: string[][], width: number): ColumnStats[] {
  const sample = rows.length > SAMPLE_ROWS ? rows.slice(0, SAMPLE_ROWS) : rows;
  const stats: ColumnStats[] = [];
  for (let c = 0; c < width; c++) {
    let filled = 0;
    const s = { number: 0, deadline: 0, parties: 0, action: 0, result: 0, evidence: 0, length: 0 };
    for (const r of sample) {
      const t = (r[c] ?? "").trim();
      if (!t) continue;
      filled++;
      s.length += t.length;
      if (t.length <= 8 && isNumberCell(t)) {
        s.number++;
        continue;
      }
      if (looksLikeDeadline(t)) s.deadline++;
      if (looksLikeParties(t)) s.parties++;
      if (looksLikeAction(t)) s.action++;
      if (looksLikeResult(t)) s.result++;
      if (looksLikeEvidence(t)) s.evidence++;
    }
    const share = (n: number) => (filled ? n / filled : 0);
    stats.push({
      fill: sample.length ? filled / sample.length : 0,
      number: share(s.number),
      deadline: share(s.deadline),
      parties: share(s.parties),
      action: share(s.action),
      result: share(s.result),
      evidence: share(s.evidence),
      avgLength: filled ? s.length / filled : 0,
    });
  }
  return stats;
}

const CORE: Role[] = ["number", "title", "deadline", "responsible"];
/** below this a column is not taken for the role on its cells alone */
const FLOOR: Record<string, number> = { number: 0.5, title: 0.3, deadline: 0.4, responsible: 0.4 };
const HEADER_WEIGHT = 1;

/** How well a column fits a role by its cells (0…1, a little more for the action). */
function contentScore(s: ColumnStats, role: Role, longest: number): number {
  if (s.fill < 0.05) return 0;
  switch (role) {
    case "number":
      return s.avgLength <= 8 ? s.number * Math.min(1, s.fill * 2) : 0;
    case "deadline":
      return s.deadline;
    case "responsible":
      return s.parties;
    case "title":
      // the longest verb phrases; a column of results («Проведена…», «Справка») is not the action
      return s.action - 0.5 * s.result - 0.3 * s.deadline - 0.3 * s.parties + 0.2 * (longest ? s.avgLength / longest : 0);
    default:
      return 0;
  }
}

export interface Guess {
  columns: Assignment;
  /** how each core role scored by content (for the decision whether this is a roadmap at all) */
  scores: Partial<Record<Role, number>>;
}

/**
 * The best assignment of roles to columns. Hints named by the header are kept (a header that names a
 * column is believed); the other columns are assigned by their cells.
 */
export function assignColumns(stats: ColumnStats[], hints: HeaderHint[]): Guess {
  const longest = Math.max(0, maxOf(stats.map((s) => s.avgLength)));
  const n = stats.length;
  const named = new Map<Role, number>();
  hints.forEach((h, i) => {
    if (h && h !== "note" && !named.has(h)) named.set(h, i);
  });
  const score = (c: number, role: Role): number => {
    const hint = hints[c] ?? null;
    if (hint === "note") return -Infinity;
    if (named.has(role)) return named.get(role) === c ? 10 : -Infinity;
    if (hint && hint !== role && named.get(hint) === c) return -Infinity;
    const s = contentScore(stats[c]!, role, longest);
    return s >= FLOOR[role]! ? s + (hint === role ? HEADER_WEIGHT : 0) : -Infinity;
  };
  const table = CORE.map((role) => Array.from({ length: n }, (_, c) => score(c, role)));

  // every choice of a distinct column (or none) for each core role; the title is required
  let best: { total: number; pick: number[] } = { total: -Infinity, pick: [] };
  const pick: number[] = [];
  const used = new Set<number>();
  const walk = (k: number, total: number) => {
    if (k === CORE.length) {
      if (pick[1]! >= 0 && total > best.total) best = { total, pick: pick.slice() };
      return;
    }
    const role = CORE[k]!;
    if (role !== "title") {
      pick[k] = -1;
      walk(k + 1, total);
    }
    for (let c = 0; c < n; c++) {
      const v = table[k]![c]!;
      if (v === -Infinity || used.has(c)) continue;
      used.add(c);
      pick[k] = c;
      walk(k + 1, total + v);
      used.delete(c);
    }
  };
  walk(0, 0);

  const columns: Assignment = {};
  const scores: Partial<Record<Role, number>> = {};
  CORE.forEach((role, k) => {
    const c = best.pick[k];
    if (c === undefined || c < 0) return;
    columns[role] = c;
    scores[role] = contentScore(stats[c]!, role, longest);
  });
  if (columns.title === undefined) return { columns: {}, scores: {} };

  // two columns of dates side by side: the deadline runs from the first to the second («начало | окончание»)
  const next = columns.deadline === undefined ? undefined : columns.deadline + 1;
  if (next !== undefined && next < n && !Object.values(columns).includes(next) && hints[next] !== "note" && (hints[next] === "deadline" || !hints[next])) {
    if (stats[next]!.deadline >= 0.7 && stats[next]!.fill >= 0.5) columns.deadlineTo = next;
  }
  // what remains and holds text: the result, or the evidence when it speaks of links and publications
  const taken = new Set(Object.values(columns));
  for (const role of ["result", "evidence"] as const) {
    const at = named.get(role);
    if (at !== undefined && !taken.has(at)) {
      columns[role] = at;
      taken.add(at);
    }
  }
  for (let c = 0; c < n; c++) {
    const s = stats[c]!;
    if (taken.has(c) || hints[c] === "note" || s.fill < 0.3) continue;
    if (hints[c] && hints[c] !== "result" && hints[c] !== "evidence") continue; // named for a role already taken
    // a column of short words that read as neither (participants, a class, a mark) is a note
    if (!hints[c] && (s.avgLength < 20 || (s.result < 0.25 && s.evidence < 0.3))) continue;
    const wants: Array<"result" | "evidence"> = s.evidence > s.result && s.evidence >= 0.3 ? ["evidence", "result"] : ["result", "evidence"];
    const role = wants.find((r) => columns[r] === undefined);
    if (!role) continue;
    columns[role] = c;
    taken.add(c);
  }
  return { columns, scores };
}

/**
 * Does a table whose header said nothing look like a roadmap by its cells? An action column, and a deadline
 * column — or, without one, a column of responsible parties beside written numbers.
 */
export function looksLikeRoadmap(guess: Guess, dataRows: number): boolean {
  const s = guess.scores;
  if (dataRows < 2 || s.title === undefined || s.title < 0.4) return false;
  const deadline = s.deadline ?? 0;
  const responsible = s.responsible ?? 0;
  const number = s.number ?? 0;
  return (deadline >= 0.5 && (responsible >= 0.4 || number >= 0.5 || deadline >= 0.7)) || (responsible >= 0.6 && number >= 0.5);
}
