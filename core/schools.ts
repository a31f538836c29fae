import type { SchoolFlags } from "./types.ts";

// School identity and Cyrillic search text.
//
// A school is written many ways: «МКОУ «СОШ №3 г.Бодайбо»», «МКОУ «СОШ № 3»», «Средняя
// общеобразовательная школа №3 г. Бодайбо». Its key is `type|number|place`:
//   - type: сош, оош, нош, гимназия, лицей, интернат, цо, or the generic школа;
//     the legal form (МБОУ, МКОУ, МОУ…) and «им. …» are ignored;
//   - number: «№ 3» → 3 (empty when the school has none);
//   - place: the stem of the town or village («г.Бодайбо» → бодайб, «с. Албазино» → албазин,
//     «Мамаканская СОШ» → мамакан), so case and adjective forms meet.
// When a numbered school's name gives no place, the authority's district is implied: an order of the Bodaibo
// authority that says «СОШ № 3» means the one in Bodaibo. `schoolKey(name, district)` fills the
// place from the district's name; without a district the place stays empty and `sameSchool`
// treats an empty place as "any place" (a wildcard), never the other way round.
// A school with neither number nor place is keyed by its remaining words.

const TYPES: Array<[RegExp, string]> = [
  [/средн\S*\s+общеобразовательн\S*\s+(?:\S+\s+)?школ/, "сош"],
  [/основн\S*\s+общеобразовательн\S*\s+(?:\S+\s+)?школ/, "оош"],
  [/начальн\S*\s+общеобразовательн\S*\s+(?:\S+\s+)?школ/, "нош"],
  [/(?:^|[^а-я])сош(?![а-я])/, "сош"],
  [/(?:^|[^а-я])оош(?![а-я])/, "оош"],
  [/(?:^|[^а-я])нош(?![а-я])/, "нош"],
  [/школа-интернат|школы-интернат/, "интернат"],
  [/гимнази/, "гимназия"],
  [/(?:^|[^а-я])лице[йяею]/, "лицей"],
  [/центр\S*\s+образовани|(?:^|[^а-я])цо(?![а-я])/, "цо"],
  [/(?:^|[^а-я])школ[аыеу]?(?![а-я])/, "школа"],
];

const PLACE_PREFIX =
  /(?:^|[^а-я])(?:ж\.?\s*д\.?\s*ст|пгт|пос|рп|дер|ст|г|с|п|д|х)\.\s*([а-я][а-я]*(?:-[а-я0-9]+)?)|(?:^|[^а-я])(?:город|села|село|поселок|поселка|деревня|деревни|станция)\s+([а-я][а-я]*(?:-[а-я0-9]+)?)/;
const PLACE_ADJECTIVE = /([а-я]{3,})(?:ская|ской|ский|ское|ская)\s+(?:сош|оош|нош|средн|основн|начальн|школ|гимнази|лице)/;
const ENDINGS = ["ского", "ской", "ский", "ская", "ское", "ском", "ого", "ому", "ой", "ый", "ий", "ая", "ое", "о", "а", "е", "и", "ы", "у", "я"];

/** Lower-cased, ё→е, single spaces: the text of every `search` column (SQLite's LOWER folds only ASCII). */
export function searchText(s: string): string {
  return s.toLowerCase().replace(/ё/g, "е").replace(/\s+/g, " ").trim();
}

function normalise(name: string): string {
  return searchText(name)
    .replace(/[«»"“”„']/g, " ")
    .replace(/\s+(?:им\.|имени)\s.*$/, "") // «им. Н.К. Магницкого» names a person, not a place
    .replace(/\s+/g, " ")
    .trim();
}

/** The stem of a place name, so «Сковородино» and «Сковородинского (округа)» meet. */
function placeStem(word: string): string {
  const w = searchText(word).replace(/[«»"“”„'.,()]/g, "");
  if (/\d$/.test(w)) return w; // «Боровск-1» is not «Боровск»
  for (const e of ENDINGS) if (w.endsWith(e) && w.length - e.length >= 3) return w.slice(0, -e.length);
  return w;
}

/** The place of an authority («… администрации МО г. Бодайбо и района», «… Баганского района») as a stem, or null. */
export function districtPlace(authority: string | null | undefined): string | null {
  if (!authority) return null;
  const a = normalise(authority);
  const town = /(?:^|[^а-я])(?:г|с|п)\.\s*([а-я][а-я-]*)/.exec(a) ?? /(?:^|[^а-я])(?:город[а]?|село|села)\s+([а-я][а-я-]*)/.exec(a);
  if (town) return placeStem(town[1]!);
  // the last «<adjective> района/округа» that is not a generic word («… образования муниципального района «Боровский район»»)
  const matches = [...a.matchAll(/([а-я-]{4,})\s+(?:муниципальн\S*\s+)?(?:района|район|округа|округ|р-на|р-н)(?![а-я])/g)]
    .map((m) => m[1]!)
    .filter((w) => !/^(?:образовани|муниципальн|администраци|городск|сельск)/.test(w));
  const last = matches.at(-1);
  return last ? placeStem(last) : null;
}

/**
 * The normalised identity of a school, or null when the name is not a school
 * («Управление образования», «НИМРО»). `district` is the authority's name (or its place stem).
 */
export function schoolKey(name: string, district?: string | null): string | null {
  const n = normalise(name);
  const type = TYPES.find(([re]) => re.test(n))?.[1];
  if (!type) return null;
  const number = /№\s*(\d+[а-я]?)(?![0-9])/.exec(n)?.[1] ?? /(?:сош|оош|нош|школа|гимназия|лицей)\s*(\d+)(?![0-9])/.exec(n)?.[1] ?? "";
  const explicit = PLACE_PREFIX.exec(n);
  let place = explicit ? placeStem((explicit[1] ?? explicit[2])!) : "";
  if (!place) {
    const adjective = PLACE_ADJECTIVE.exec(n);
    if (adjective && !/^(?:средн|основн|начальн|общеобразовательн)/.test(adjective[1]!)) place = placeStem(adjective[1]!);
  }
  if (!place && number && district) place = districtPlace(district) ?? (/\s/.test(district.trim()) ? "" : placeStem(district));
  if (!number && !place) {
    // no number, no place: the remaining words are all there is to tell it apart
    const rest = n
      .replace(/(?:^|\s)[мгчн][а-я]{0,3}(?:оу|бу|ку|ау)(?=\s|$)/g, " ") // the legal form: МБОУ, МКОУ, МОБУ, ГБОУ…
      .replace(/[^а-я0-9 ]/g, " ")
      .replace(/\s+/g, " ")
      .trim();
    return `${type}||~${rest}`;
  }
  return `${type}|${number}|${place}`;
}

function placesMatch(a: string, b: string): boolean {
  if (a === b || a === "" || b === "") return true;
  if (a.startsWith("~") || b.startsWith("~")) return false;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  // «боров» (Боровского района) meets «боровск»; «боровск» does not meet «боровск-1»
  if (short.length >= 4 && long.startsWith(short) && /^[а-я]*$/.test(long.slice(short.length))) return true;
  // one slipped letter in a long place name is a typo, not another village: the Skovorodino
  // order writes «Сквородино» where the people list says «Сковородино»
  return short.length >= 6 && a[0] === b[0] && /^[а-я-]+$/.test(a + b) && withinOneEdit(a, b);
}

/** Damerau-Levenshtein distance ≤ 1: one letter added, dropped, changed or two swapped. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  const [shorter, longer] = a.length < b.length ? [a, b] : [b, a];
  return shorter.slice(i) === longer.slice(i + 1);
}

/** Is a school (by its key) in the district of this authority? Its key's place must be the district's own. */
export function keyInDistrict(key: string | null, authority: string | null | undefined): boolean {
  const district = districtPlace(authority);
  const place = key?.split("|")[2] ?? "";
  return district !== null && place !== "" && !place.startsWith("~") && placesMatch(place, district);
}

/** Do two school keys name the same school? Empty places match any place; the generic «школа» matches any type. */
export function sameSchoolKey(a: string, b: string): boolean {
  if (a === b) return true;
  const [ta, na, pa] = a.split("|") as [string, string, string];
  const [tb, nb, pb] = b.split("|") as [string, string, string];
  if (na !== nb) return false;
  if (ta !== tb && ta !== "школа" && tb !== "школа") return false;
  if (!na && (pa === "" || pb === "")) return false; // a numberless school needs its place to be told apart
  return placesMatch(pa, pb);
}

/** Are two names the same school (within one authority's district, when given)? */
export function sameSchool(a: string, b: string, district?: string | null): boolean {
  const ka = schoolKey(a, district);
  const kb = schoolKey(b, district);
  return ka !== null && kb !== null && sameSchoolKey(ka, kb);
}

const FLAG_PHRASES: Array<[RegExp, "shnor" | "shnsu" | "risk"]> = [
  [/шнор|низкими\s+(?:образовательными\s+)?результатами|низкими\s+результатами\s+обучения|низкие\s+образовательные\s+результаты/g, "shnor"],
  [/шнсу|неблагоприятных\s+(?:социальных\s+)?условиях/g, "shnsu"],
  [/групп\S*\s+риска|зон\S*\s+риска|рисками\s+снижения/g, "risk"],
];

/**
 * ШНОР / ШНСУ / «группа риска» flags of the named schools, as a document states them: a school
 * listed in the brackets right after the phrase («… перечень школ с низкими образовательными
 * результатами … (МБОУ СОШ № 1 …, МБОУ СОШ с. Албазино)» → ШНОР). A school merely mentioned near
 * such words («… вышла из перечня школ с низкими образовательными результатами») gets nothing.
 */
export function schoolFlagsIn(texts: string[], schools: string[], district?: string | null): SchoolFlags[] {
  const keyed = schools.map((s) => ({ school: s, key: schoolKey(s, district) })).filter((s): s is { school: string; key: string } => s.key !== null);
  const flags = new Map<string, Omit<SchoolFlags, "school">>();
  const flagList = (list: string, flag: "shnor" | "shnsu" | "risk") => {
    for (const part of list.split(/[,;]|\s+и\s+/)) {
      const key = schoolKey(part, district);
      const school = key && keyed.find((s) => sameSchoolKey(s.key, key));
      if (school) flags.set(school.school, { ...flags.get(school.school), [flag]: true });
    }
  };
  for (const text of texts) {
    const t = searchText(text);
    // «… в перечень … с низкими образовательными результатами включена МКОУ «СОШ №3 г. Бодайбо».», «… ШНОР: …»
    for (const [re, flag] of FLAG_PHRASES) {
      for (const m of t.matchAll(re)) {
        const after = t.slice(m.index + m[0].length, m.index + m[0].length + 400);
        const trigger = /^[^.():]{0,80}?(?:\s(?:включен[аоы]?|вошл[аио]|относ[ия]тся|является|являются)\s*:?|:)\s*/.exec(after);
        if (trigger) flagList(after.slice(trigger[0].length, sentenceEnd(after, trigger[0].length)), flag);
      }
    }
    for (const group of t.matchAll(/\(([^()]*(?:\([^()]*\)[^()]*)*)\)/g)) {
      // the phrase that introduces the list: the last one in the 200 characters before the bracket
      const before = t.slice(Math.max(0, group.index - 200), group.index);
      let best: { at: number; flag: "shnor" | "shnsu" | "risk" } | null = null;
      for (const [re, flag] of FLAG_PHRASES) {
        for (const m of before.matchAll(re)) if (!best || m.index > best.at) best = { at: m.index, flag };
      }
      if (!best || /\(|\)/.test(before.slice(best.at))) continue; // another bracket in between: not this list's phrase
      flagList(group[1]!, best.flag);
    }
  }
  return [...flags].map(([school, f]) => ({ school, ...f }));
}

/** Where the sentence ends: a full stop not closing an abbreviation («г.», «с.», «им.», initials). */
function sentenceEnd(text: string, from: number): number {
  const re = /(?<![\s.(«"][а-яё]{1,3})\.(?:\s|$)/g;
  re.lastIndex = from;
  const m = re.exec(text);
  return m ? m.index : text.length;
}
