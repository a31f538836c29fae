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
  const keys: string[] = [];
  let base = "0"; // the key the next unnumbered row hangs from
  let letter = 0;
  for (const r of rows) {
    let key: string;
    if (r.number !== null) {
      key = repeated && r.sectionMarker ? `${r.sectionMarker}.${r.number}` : r.number;
      if (used.has(key)) key = withLetter(key, 0, used); // a number written twice in one section
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

function withLetter(base: string, from: number, used: Set<string>): string {
  for (let i = from; i < LETTERS.length; i++) {
    const k = `${base}${LETTERS[i]}`;
    if (!used.has(k)) return k;
  }
  // more than 28 rows hang from one key: fall back to a counter
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}
