import type { Token } from "./tokens.ts";
import { isFiller, isHalfWord, isQuarterWord, isSchoolWord, isTermWord, isUntilWord, monthOf, ordinalOf, seasonOf } from "./words.ts";

// Tokens → parts: each part is one point in time («июнь 2023», «15.06.2021», «I квартал») or a range of two.
// Years are not resolved here: a point keeps y = null when the text gives none next to it.

export type Point =
  /** `soft`: a day reckoned, not written («3 декада» → 31), so it is moved to the month's last day without a warning */
  | { kind: "date"; y: number | null; m: number; d: number; raw: string; soft?: boolean }
  | { kind: "month"; y: number | null; m: number }
  | { kind: "quarter"; y: number | null; q: number }
  /** a half-year; `school`: of a school year (September–December, January–May), y its calendar year */
  | { kind: "half"; y: number | null; h: number; school?: boolean }
  /** a school term (четверть): 1 Sep–Oct, 2 Nov–Dec, 3 Jan–Mar, 4 Apr–May of calendar year y */
  | { kind: "term"; y: number | null; t: number }
  | { kind: "year"; y: number | null }
  /** a school year starting in September of y */
  | { kind: "school"; y: number | null };

export interface Part {
  from: Point;
  to: Point | null;
  /** «до …», «не позднее …», «к …»: a deadline, not a span */
  until: boolean;
  /** «с сентября 2023»: a start with no end said */
  since: boolean;
}

export interface Scan {
  parts: Part[];
  /** words and numbers that were not understood */
  leftovers: string[];
  /** «Март 2023 2022»: a second year straight after the first */
  doubleYears: { first: number; second: number; point: Point }[];
}

const ORDINAL_SUFFIXES = new Set(["й", "го", "е", "ое", "ом", "м", "ого", "ый", "ий", "ей", "я", "ая"]);

export function scanParts(tokens: Token[]): Scan {
  const parts: Part[] = [];
  const leftovers: string[] = [];
  const doubleYears: Scan["doubleYears"] = [];
  let pendingDash = false;
  let sawFrom = false;
  let until = false;
  /** the part still open for «… - …» (closed by a separator or a new point without a dash) */
  let open: Part | null = null;
  let lastPoint: Point | null = null;
  let i = 0;

  const peek = (n = 0): Token | undefined => tokens[i + n];
  const wordAt = (n: number): string | null => {
    const t = tokens[i + n];
    return t && t.k === "word" ? t.w : null;
  };

  // «2023/24», «2023-2024 учебного года» at the cursor: the school year's two calendar years and its length in tokens
  const schoolYearAhead = (): { y1: number; y2: number; length: number } | null => {
    const t = peek();
    if (t?.k === "ypair") return { y1: t.y1, y2: t.y2, length: 1 };
    const second = peek(2);
    if (t?.k !== "year" || peek(1)?.k !== "dash" || second?.k !== "year") return null;
    let j = 3;
    while (wordAt(j) !== null && /^(г|гг)$/.test(wordAt(j)!)) j++;
    return wordAt(j) !== null && isSchoolWord(wordAt(j)!) ? { y1: t.y, y2: second.y, length: j + 1 } : null;
  };

  // A year written right after a point belongs to it; a second one is a typo («Март 2023 2022»).
  const bindYear = (p: Point): void => {
    const school = p.kind === "month" || p.kind === "date" || p.kind === "term" || p.kind === "half" ? schoolYearAhead() : null;
    if (school) {
      // «май 2023/24 учебного года», «2 полугодие 2023-2024 учебного года»: autumn in the first year, the rest in the second
      const autumn =
        p.kind === "term" ? p.t <= 2 : p.kind === "half" ? p.h === 1 : p.kind === "month" || p.kind === "date" ? p.m >= 9 : false;
      p.y = autumn ? school.y1 : school.y2;
      if (p.kind === "half") p.school = true;
      i += school.length;
      return;
    }
    // «май, 2024»: a comma between a month and its year (but «март, 2024-2025 …» is a list)
    if (peek()?.k === "sep" && peek()!.raw === "," && peek(1)?.k === "year" && peek(2)?.k !== "dash") i++;
    let t = peek();
    if (!t || t.k !== "year") return;
    p.y = t.y;
    i++;
    // «2023 г. 2022»: skip «г», «года» between the two
    let j = 0;
    while (wordAt(j) !== null && isFiller(wordAt(j)!) && /^(г|гг|год|года|году)$/.test(wordAt(j)!)) j++;
    t = peek(j);
    if (t && t.k === "year") {
      doubleYears.push({ first: p.y, second: t.y, point: p });
      i += j + 1;
    }
  };

  const add = (p: Point): void => {
    lastPoint = p;
    if (pendingDash && open && open.to === null) {
      open.to = p;
    } else {
      open = { from: p, to: null, until, since: sawFrom };
      parts.push(open);
      until = false;
    }
    pendingDash = false;
  };

  const wordAtAbs = (pos: number): string | null => {
    const t = tokens[pos];
    return t && t.k === "word" ? t.w : null;
  };

  // After a number or an ordinal at `base`: skip «-й», «-го» to reach «квартал», «полугодие», a month.
  type Unit = { unit: "quarter" | "half" | "term" | "month" | "decade" | "week"; m?: number; skip: number };
  const unitAfter = (base: number): Unit | null => {
    let j = 1;
    if (tokens[base + j]?.k === "dash" && wordAtAbs(base + j + 1) !== null && ORDINAL_SUFFIXES.has(wordAtAbs(base + j + 1)!)) j += 2;
    else if (wordAtAbs(base + j) !== null && ORDINAL_SUFFIXES.has(wordAtAbs(base + j)!)) j += 1;
    const w = wordAtAbs(base + j);
    if (w === null) return null;
    if (isQuarterWord(w)) return { unit: "quarter", skip: j };
    if (isHalfWord(w)) return { unit: "half", skip: j };
    if (isTermWord(w)) return { unit: "term", skip: j };
    const m = monthOf(w);
    if (m !== null && j === 1) return { unit: "month", m, skip: j };
    // «первая декада сентября», «2 неделя марта»
    const ofMonth = wordAtAbs(base + j + 1) === null ? null : monthOf(wordAtAbs(base + j + 1)!);
    if (ofMonth !== null && /^декад/.test(w)) return { unit: "decade", m: ofMonth, skip: j + 1 };
    if (ofMonth !== null && /^недел/.test(w)) return { unit: "week", m: ofMonth, skip: j + 1 };
    return null;
  };
  const numberAt = (pos: number): number | null => {
    const t = tokens[pos];
    if (t?.k === "num") return t.n;
    return t?.k === "word" ? ordinalOf(t.w) : null;
  };
  // «I–II квартал», «1-15 сентября», «с 1 по 15 сентября», «15 и 30 сентября»: the first number borrows the unit after the second
  const unitOf = (base: number): Unit | null => {
    const own = unitAfter(base);
    if (own) return own;
    const link = tokens[base + 1];
    const linked = link?.k === "dash" || link?.k === "sep" || (link?.k === "word" && /^(по|до|и)$/.test(link.w));
    if (linked && numberAt(base + 2) !== null) {
      const borrowed = unitAfter(base + 2);
      if (borrowed) return { ...borrowed, skip: 0 };
    }
    return null;
  };

  /** A number or an ordinal at i-1: a quarter, a half-year or a day of a month, else not understood. */
  const numbered = (n: number, raw: string, isOrdinalWord: boolean): void => {
    const base = i - 1;
    // «2 раза в год»: how often, not when
    if (wordAtAbs(base + 1) === "раз" || wordAtAbs(base + 1) === "раза") {
      i = base + 2;
      return;
    }
    const unit = unitOf(base);
    let p: Point | null = null;
    if (unit?.unit === "quarter" && n >= 1 && n <= 4) p = { kind: "quarter", y: null, q: n };
    else if (unit?.unit === "half" && n >= 1 && n <= 2) p = { kind: "half", y: null, h: n };
    else if (unit?.unit === "term" && n >= 1 && n <= 4) p = { kind: "term", y: null, t: n };
    else if (unit?.unit === "decade" && n >= 1 && n <= 3) p = { kind: "date", y: null, m: unit.m!, d: n === 3 ? 31 : n * 10, raw, soft: true };
    else if (unit?.unit === "week" && n >= 1 && n <= 5) p = { kind: "date", y: null, m: unit.m!, d: n * 7, raw, soft: true };
    else if (unit?.unit === "month" && !isOrdinalWord && n >= 1 && n <= 31) p = { kind: "date", y: null, m: unit.m!, d: n, raw };
    if (!p || !unit) {
      leftovers.push(raw);
      return;
    }
    i = base + unit.skip + 1;
    bindYear(p);
    add(p);
  };

  while (i < tokens.length) {
    const t = tokens[i]!;
    i++;
    switch (t.k) {
      case "date": {
        const p: Point = { kind: "date", y: t.y, m: t.m, d: t.d, raw: t.raw };
        if (p.y === null) bindYear(p);
        add(p);
        break;
      }
      case "ypair":
        add({ kind: "school", y: t.y1 });
        break;
      case "year": {
        // «2023-2024 учебный год», «2023 - 2024 уч. г.»
        const next = peek(1);
        if (peek()?.k === "dash" && next?.k === "year") {
          let j = 2;
          while (wordAt(j) !== null && /^(г|гг)$/.test(wordAt(j)!)) j++;
          if (wordAt(j) !== null && isSchoolWord(wordAt(j)!)) {
            i += j + 1;
            add({ kind: "school", y: t.y });
            break;
          }
        }
        add({ kind: "year", y: t.y });
        // «2023 2022» with no month: the second is a typo too
        if (peek()?.k === "year") {
          const second = peek() as { y: number };
          if (lastPoint) doubleYears.push({ first: t.y, second: second.y, point: lastPoint });
          i++;
        }
        break;
      }
      case "num":
        numbered(t.n, t.raw, false);
        break;
      case "word": {
        const w = t.w;
        const m = monthOf(w);
        if (m !== null) {
          const p: Point = { kind: "month", y: null, m };
          bindYear(p);
          add(p);
          break;
        }
        const season = seasonOf(w);
        if (season) {
          // a range of its months; the year written after it is the last month's («зима 2024»: Dec 2023 – Feb 2024)
          add({ kind: "month", y: null, m: season[0] });
          pendingDash = true;
          const end: Point = { kind: "month", y: null, m: season[1] };
          bindYear(end);
          add(end);
          break;
        }
        const ord = ordinalOf(w);
        if (ord !== null) {
          numbered(ord, t.raw, true);
          break;
        }
        if (/^(конц|окончани|итог|завершени)/.test(w)) {
          // «до конца года», «до конца 2023 года», «до конца учебного года», «по итогам учебного года»
          if (peek()?.k === "year") break; // the year becomes its own point
          if (wordAt(0) !== null && isSchoolWord(wordAt(0)!)) {
            i++;
            add({ kind: "school", y: null });
            break;
          }
          if (wordAt(0) !== null && /^год/.test(wordAt(0)!)) {
            i++;
            add({ kind: "year", y: null });
            break;
          }
          break;
        }
        if (/^начал/.test(w)) {
          // «до начала учебного года», «к началу 2024-2025 учебного года»: 1 September
          const start: Point = { kind: "date", y: null, m: 9, d: 1, raw: t.raw };
          if (wordAt(0) !== null && isSchoolWord(wordAt(0)!)) {
            i++;
            add(start);
          } else if (schoolYearAhead()) {
            bindYear(start);
            add(start);
          }
          break;
        }
        if (w === "с" || w === "со") {
          sawFrom = true;
          break;
        }
        // (a cast: TypeScript does not see that add() reassigns `open`)
        if ((w === "по" || w === "до") && sawFrom && (open as Part | null)?.to === null) {
          pendingDash = true;
          sawFrom = false;
          break;
        }
        if (isUntilWord(w) && parts.length === 0) {
          until = true;
          break;
        }
        if (isSchoolWord(w)) break;
        if (isFiller(w)) break;
        leftovers.push(t.raw);
        break;
      }
      case "dash":
        if (open) pendingDash = true;
        break;
      case "sep":
        open = null;
        pendingDash = false;
        sawFrom = false;
        break;
    }
  }
  return { parts, leftovers, doubleYears };
}
