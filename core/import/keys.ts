// Item keys (contract: "key"): unique within the roadmap and easy to type.
//   - the number as written when it is unique («17»);
//   - where numbers repeat (year sections restart at 1) the section's year or short marker and a dot («2020.1»);
//   - an unnumbered row: the previous key plus a Cyrillic letter («9а», «9б»).

export interface KeySource {
  /** the number as written, without a trailing dot; null for an unnumbered row */
  number: string | null;
  /** the section's year or short marker («2021», «2», «II»), null before any section */
  sectionMarker: string | null;
}

const LETTERS = "абвгдежзиклмнопрстуфхцчшщэюя";

/** «17.» → «17», «1.1.» → «1.1», «3)» → «3»; null when the cell is not a number. */
export function itemNumber(text: string): string | null {
  const m = /^\s*(\d{1,3}(?:\s*\.\s*\d{1,3})*)\s*[.)]?\s*$/.exec(text);
  return m ? m[1]!.replace(/\s+/g, "") : null;
}

export function assignKeys(rows: KeySource[]): string[] {
  const seen = new Set<string>();
  let repeated = false;
  for (const r of rows) {
    if (r.number === null) continue;
    if (seen.has(r.number)) repeated = true;
    seen.add(r.number);
  }

  const used = new Set<string>();
  const suffixes = new SuffixedKeys(used, (base, i) => (i < LETTERS.length ? `${base}${LETTERS[i]}` : `${base}-${i - LETTERS.length + 2}`));
  const keys: string[] = [];
  let base = "0"; // the key the next unnumbered row hangs from
  let letter = 0;
  for (const r of rows) {
    let key: string;
    if (r.number !== null) {
      key = repeated && r.sectionMarker ? `${r.sectionMarker}.${r.number}` : r.number;
      if (used.has(key)) key = suffixes.next(key, 0); // a number written twice in one section
      base = key;
      letter = 0;
    } else {
      // «9а», «9б», …; past 28 rows hanging from one key, a counter («9-2»)
      key = suffixes.next(base, letter);
      letter = LETTERS.indexOf(key.slice(-1)) + 1;
    }
    used.add(key);
    keys.push(key);
  }
  return keys;
}

/**
 * The first unused key of a base's suffix sequence (`suffixed(base, 0)`, `suffixed(base, 1)`, …) at or after
 * `from`. Remembers per base how far the sequence is known to be used, so 15 000 rows numbered «1.1» cost
 * linear time, not quadratic; the keys are the same as a scan from `from` would give.
 */
export class SuffixedKeys {
  /** base → every suffix below this index is known to be used */
  private readonly usedBelow = new Map<string, number>();

  constructor(
    private readonly used: Set<string>,
    private readonly suffixed: (base: string, index: number) => string,
  ) {}

  next(base: string, from: number): string {
    const known = this.usedBelow.get(base) ?? 0;
    let i = Math.max(from, known);
    while (this.used.has(this.suffixed(base, i))) i++;
    // only a scan that started inside the known-used prefix extends it
    if (from <= known) this.usedBelow.set(base, i);
    return this.suffixed(base, i);
  }
}
