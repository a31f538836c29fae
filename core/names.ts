// People's names as orders write them, back to the nominative «Фамилия И.О.».
// Orders put names in whatever case the sentence needs: «возложить на … О.В. Бутусову» (accusative),
// «Руководителям … Кудряшовой Е.А.» (dative), «назначить … Расческину Ольгу Дмитриевну». Pure functions.

export type GrammaticalCase = "nom" | "gen" | "dat" | "acc" | "ins" | "pre";
export type Gender = "m" | "f";

export interface NameHint {
  /** the case the sentence puts the name in, when the caller knows it («возложить на» → acc) */
  grammaticalCase?: GrammaticalCase | null;
}

export interface PersonNameMatch {
  /** offsets of the name in the searched text */
  start: number;
  end: number;
  /** the name as written */
  written: string;
  /** «Расческина О.Д.» */
  short: string;
  /** «Расческина Ольга Дмитриевна» when the first name and patronymic are written out, else null */
  full: string | null;
  surname: string;
  gender: Gender | null;
}

const UPPER = "А-ЯЁ";
const LOWER = "а-яё";
const SURNAME = `[${UPPER}][${LOWER}]+(?:-[${UPPER}][${LOWER}]+)?`;
const WORD_RE = new RegExp(`^${SURNAME}$`);

// ---------- patronymics and first names ----------

interface Reading {
  gender: Gender;
  grammaticalCase: GrammaticalCase | null;
}

/** What a patronymic's ending says: «Дмитриевну» → feminine accusative. */
function readPatronymic(word: string): Reading | null {
  const w = word.toLowerCase();
  const f = /(?:овн|евн|ичн)(а|ы|е|у|ой)$/.exec(w);
  if (f) {
    const c = ({ а: "nom", ы: "gen", е: "dat", у: "acc", ой: "ins" } as const)[f[1] as "а" | "ы" | "е" | "у" | "ой"];
    return { gender: "f", grammaticalCase: c };
  }
  const m = /(?:ович|евич|ич)(а|у|ем|е)?$/.exec(w);
  if (m && w.length > 4) {
    const end = m[1] ?? "";
    const c = ({ "": "nom", а: "gen", у: "dat", ем: "ins", е: "pre" } as const)[end as "" | "а" | "у" | "ем" | "е"];
    return { gender: "m", grammaticalCase: c };
  }
  return null;
}

function isPatronymic(word: string): boolean {
  return WORD_RE.test(word) && readPatronymic(word) !== null;
}

function patronymicNominative(word: string, r: Reading): string {
  if (r.gender === "f") return word.replace(/(овн|евн|ичн)(а|ы|е|у|ой)$/i, "$1а");
  return word.replace(/(ич)(а|у|ем|е)?$/i, "$1");
}

function firstNameNominative(word: string, r: Reading): string {
  const c = r.grammaticalCase;
  if (!c || c === "nom") return word;
  if (r.gender === "f") {
    // Ольгу/Ольги/Ольге/Ольгой → Ольга; Наталью/Натальи → Наталья; Марию/Марии → Мария
    if (/и[юие]$/i.test(word) || /ией$/i.test(word)) return word.replace(/(и)(ю|и|е|ей)$/i, "$1я");
    if (/ь[юие]$/i.test(word) || /ьей$/i.test(word)) return word.replace(/(ь)(ю|и|е|ей)$/i, "$1я");
    if (/[ую]$/i.test(word)) return word.replace(/у$/i, "а").replace(/ю$/i, "я");
    if (/(ой|ей)$/i.test(word)) return word.replace(/ой$/i, "а").replace(/ей$/i, "я");
    if (/[ыие]$/i.test(word)) return word.replace(/[ыие]$/i, "а");
    return word;
  }
  // masculine: Александра/Александру/Александром → Александр; Андрея → Андрей; Игоря → Игорь
  if (/(ем|ом)$/i.test(word)) return restoreSoft(word.slice(0, -2), word.endsWith("ем"));
  if (/[ау]$/i.test(word)) return word.slice(0, -1);
  if (/[яюе]$/i.test(word)) return restoreSoft(word.slice(0, -1), true);
  return word;
}

/** A soft stem gets «й» after a vowel (Андрей), «ь» after a consonant (Игорь). */
function restoreSoft(stem: string, soft: boolean): string {
  if (!soft) return stem;
  return /[аеёиоуыэюя]$/i.test(stem) ? `${stem}й` : `${stem}ь`;
}

// ---------- surnames ----------

const POSSESSIVE = /(ов|ев|ёв|ин|ын)$/i; // Бутусов, Кудряшов, Ваулин

/** Guess gender and case from a surname's ending alone (names written with initials only). */
function readSurname(s: string, hint: GrammaticalCase | null): Reading | null {
  const w = s.toLowerCase();
  const fem = (c: GrammaticalCase | null): Reading => ({ gender: "f", grammaticalCase: c });
  const masc = (c: GrammaticalCase | null): Reading => ({ gender: "m", grammaticalCase: c });
  if (/(ов|ев|ёв|ин|ын)ой$/.test(w) || /(ск|цк)ой$/.test(w)) return fem(hint && hint !== "nom" && hint !== "acc" ? hint : "dat");
  if (/(ск|цк)ая$/.test(w)) return fem("nom");
  if (/(ск|цк)ую$/.test(w)) return fem("acc");
  if (/(ск|цк)(ого|ому|им)$/.test(w)) return masc(w.endsWith("ого") ? "gen" : w.endsWith("ому") ? "dat" : "ins");
  if (/(ов|ев|ёв|ин|ын)ым$/.test(w)) return masc("ins");
  if (/(ов|ев|ёв|ин|ын)у$/.test(w)) {
    // «на … Бутусову» is a woman; «Директору … Иванову» a man
    if (hint === "acc") return fem("acc");
    if (hint === "dat") return masc("dat");
    return fem("acc");
  }
  if (/(ов|ев|ёв|ин|ын)а$/.test(w)) {
    if (hint === "acc" || hint === "gen") return masc(hint);
    return fem("nom");
  }
  if (POSSESSIVE.test(w)) return masc("nom");
  if (/(ск|цк)ий$/.test(w)) return masc("nom");
  return null;
}

/** A surname in the given gender and case → its nominative. Indeclinable surnames stay as written. */
export function surnameNominative(surname: string, gender: Gender | null, grammaticalCase: GrammaticalCase | null): string {
  if (surname.includes("-")) {
    return surname
      .split("-")
      .map((part) => surnameNominative(part, gender, grammaticalCase))
      .join("-");
  }
  let g = gender;
  let c = grammaticalCase;
  if (!g) {
    const r = readSurname(surname, c);
    if (!r) return surname;
    g = r.gender;
    c = c ?? r.grammaticalCase;
  }
  if (!c || c === "nom") return surname;
  const s = surname;
  const w = s.toLowerCase();
  const cut = (n: number, add: string) => s.slice(0, s.length - n) + add;
  if (g === "f") {
    if (/(ов|ев|ёв|ин|ын)(ой|у)$/.test(w)) return cut(w.endsWith("ой") ? 2 : 1, "а");
    if (/(ск|цк)(ой|ую)$/.test(w)) return cut(2, "ая");
    if (/ую$/.test(w)) return cut(2, "ая");
    if (c !== "acc" && /[^аеёиоуыэюя]ой$/.test(w) && w.length > 4) return cut(2, "ая");
    // a woman's surname ending in a consonant does not decline (Бобер, Гребенюк)
    if (/[бвгджзклмнпрстфхцчшщ]$/.test(w)) return s;
    if (c === "acc" && /[^аеёиоуыэюя]у$/.test(w)) return cut(1, "а");
    if (c === "acc" && /ю$/.test(w)) return cut(1, "я");
    if (c === "gen" && /[^аеёиоуыэюя]ы$/.test(w)) return cut(1, "а");
    return s;
  }
  // masculine
  if (/(ко|ых|их|аго|яго)$/.test(w)) return s;
  if (/(ск|цк)(ого|ому|им|ом)$/.test(w)) return cut(w.endsWith("им") || w.endsWith("ом") ? 2 : 3, "ий");
  if (/(ов|ев|ёв|ин|ын)(а|у|ым|е)$/.test(w)) return cut(w.endsWith("ым") ? 2 : 1, "");
  if (/(ого|ому)$/.test(w)) return cut(3, "ой");
  if (/(его|ему)$/.test(w)) return cut(3, "ий");
  if (/ым$/.test(w)) return cut(2, "ый");
  if (c === "ins" && /[^аеёиоуыэюя](ом)$/.test(w)) return cut(2, "");
  if (c === "ins" && /ем$/.test(w)) return restoreSoft(cut(2, ""), true);
  if (c === "dat" && /[бвгджзклмнпрстфхцчшщ]у$/.test(w)) return cut(1, "");
  if ((c === "gen" || c === "acc") && /[бвгджзклмнпрстфхцчшщ]а$/.test(w)) return cut(1, "");
  if ((c === "gen" || c === "acc") && /я$/.test(w) && w.length > 3) return restoreSoft(cut(1, ""), true);
  if (c === "dat" && /ю$/.test(w) && w.length > 3) return restoreSoft(cut(1, ""), true);
  // what is left does not decline: Зубченко, Седых, Дурново, Шоу
  return s;
}

// ---------- finding names in text ----------

interface Token {
  text: string;
  start: number;
  end: number;
  /** an initial «Е.» */
  initial: boolean;
  /** a capitalised word that may be a name */
  word: boolean;
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const re = new RegExp(`([${UPPER}])\\.|${SURNAME}|[^\\s]`, "gu");
  let depth = 0; // inside «…» a name is part of a school's name («школа им. И. Самохина»)
  let ascii = false;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const t = m[0];
    if (t === "«") depth++;
    else if (t === "»") depth = Math.max(0, depth - 1);
    else if (t === '"' || t === "“" || t === "”") ascii = !ascii;
    const quoted = depth > 0 || ascii;
    const initial = !quoted && m[1] !== undefined;
    // a capitalised word glued after a letter (the «Средняя» of «г.Средняя») is still a word
    const word = !quoted && !initial && WORD_RE.test(t);
    out.push({ text: t, start: m.index, end: m.index + t.length, initial, word });
  }
  return out;
}

function initialsAt(tokens: Token[], i: number): number {
  let n = 0;
  while (n < 2 && tokens[i + n]?.initial) n++;
  // «Полухина Е.А» with the last dot lost: a lone capital glued to the first initial
  const lone = tokens[i + n];
  if (n === 1 && lone && /^[А-ЯЁ]$/u.test(lone.text) && lone.start === tokens[i]!.end && !/^[А-ЯЁа-яё]/u.test(tokens[i + n + 1]?.text ?? "")) {
    lone.initial = true;
    n++;
  }
  return n;
}

/** Words that are capitalised but never a surname before initials. */
const NOT_SURNAME = new Set(["Срок", "Директор", "Директору", "Начальник", "Приказ", "Тел", "Исп", "Управление", "Отдел", "Министр"]);

/**
 * Every person's name in a text: «Е.А. Полухина», «Кудряшовой Е.А.», «М.А.Танаеву», «Бобер Ларису Павловну».
 * Names inside «…» (a school «им. И. Самохина») are not people.
 */
export function findPersonNames(text: string, hint: NameHint = {}): PersonNameMatch[] {
  // initials typed with Latin look-alikes («E.A. Полухина» with a Latin E) are Cyrillic; same length, same offsets
  const cyr = text.replace(/(?<![A-Za-z])[ABEKMHOPCTX](?=\.)/g, (ch) => LATIN_TO_CYRILLIC[ch] ?? ch);
  return findNames(cyr, hint);
}

const LATIN_TO_CYRILLIC: Record<string, string> = { A: "А", B: "В", E: "Е", K: "К", M: "М", H: "Н", O: "О", P: "Р", C: "С", T: "Т", X: "Х" };

function findNames(text: string, hint: NameHint): PersonNameMatch[] {
  const tokens = tokenize(text);
  const used = new Set<number>();
  const out: PersonNameMatch[] = [];
  const c = hint.grammaticalCase ?? null;

  // full names first: «Расческину Ольгу Дмитриевну», «Ольга Дмитриевна Расческина»
  for (let i = 0; i + 2 < tokens.length; i++) {
    const [a, b, d] = [tokens[i]!, tokens[i + 1]!, tokens[i + 2]!];
    if (!a.word || !b.word || !d.word) continue;
    let surname: Token, first: Token, patr: Token;
    if (isPatronymic(d.text) && !isPatronymic(b.text)) [surname, first, patr] = [a, b, d];
    else if (isPatronymic(b.text) && !isPatronymic(a.text)) [first, patr, surname] = [a, b, d];
    else continue;
    if (NOT_SURNAME.has(surname.text) || namedAfter(text, a.start)) continue;
    const r = readPatronymic(patr.text)!;
    const nomSurname = surnameNominative(surname.text, r.gender, r.grammaticalCase);
    const nomFirst = firstNameNominative(first.text, r);
    const nomPatr = patronymicNominative(patr.text, r);
    out.push({
      start: a.start,
      end: d.end,
      written: text.slice(a.start, d.end),
      short: `${nomSurname} ${first.text[0]}.${patr.text[0]}.`,
      full: `${nomSurname} ${nomFirst} ${nomPatr}`,
      surname: nomSurname,
      gender: r.gender,
    });
    used.add(i).add(i + 1).add(i + 2);
    i += 2;
  }

  for (let i = 0; i < tokens.length; i++) {
    if (used.has(i) || !tokens[i]!.initial) continue;
    const n = initialsAt(tokens, i);
    const initials = tokens.slice(i, i + n).map((t) => `${t.text[0]}.`).join("");
    const before = tokens[i - 1];
    const after = tokens[i + n];
    const afterIsSurname =
      !!after && after.word && !used.has(i + n) && !NOT_SURNAME.has(after.text) && /^\s*$/.test(text.slice(tokens[i + n - 1]!.end, after.start));
    const beforeIsSurname =
      !!before && before.word && !used.has(i - 1) && !NOT_SURNAME.has(before.text) && /^\s+$/.test(text.slice(before.end, tokens[i]!.start));
    // «Тылкин В.В. Четвериков А.В.»: the initials belong behind when the next word has initials of its own
    const nextHasOwn = afterIsSurname && initialsAt(tokens, i + n + 1) > 0;
    let surname: Token | null = null;
    let from = i;
    let to = i + n - 1;
    if (afterIsSurname && !(beforeIsSurname && nextHasOwn)) {
      surname = after!;
      to = i + n;
    } else if (beforeIsSurname) {
      surname = before!;
      from = i - 1;
    }
    if (namedAfter(text, tokens[from]!.start)) {
      i = Math.max(i, to); // the whole name after «им.» belongs to the school
      continue;
    }
    if (!surname) continue;
    const r = readSurname(surname.text, c);
    const nom = surnameNominative(surname.text, r?.gender ?? null, c ?? r?.grammaticalCase ?? null);
    out.push({
      start: tokens[from]!.start,
      end: tokens[to]!.end,
      written: text.slice(tokens[from]!.start, tokens[to]!.end),
      short: `${nom} ${initials}`,
      full: null,
      surname: nom,
      gender: r?.gender ?? null,
    });
    for (let k = from; k <= to; k++) used.add(k);
    i = to;
  }
  return out.sort((x, y) => x.start - y.start);
}

/** «МБОУ СОШ с. Тахтамыгда им. Н.К. Магницкого»: a school named after someone, not a person. */
function namedAfter(text: string, start: number): boolean {
  return /(?:^|[^а-яё])(?:им\.|имени)\s*$/iu.test(text.slice(0, start));
}

/** A full name in any case → the nominative full name («Бобер Ларису Павловну» → «Бобер Лариса Павловна»), or null. */
export function fullNameNominative(text: string): string | null {
  return findPersonNames(text).find((m) => m.full)?.full ?? null;
}

// ---------- noun phrases: «Руководителям …» → «Руководители …», «заместителя директора» → «заместитель директора» ----------

const ADJ_END = /(ому|ему|ого|его|ую|юю|ым|им|ых|их|ой|ей)$/i;
const HARD_PAIR = /[гкхжшчщ]$/i; // «методический», not «методичесный»

function adjectiveNominative(word: string, c: GrammaticalCase): string | null {
  const m = ADJ_END.exec(word);
  if (!m) return null;
  const end = m[1]!.toLowerCase();
  const stem = word.slice(0, word.length - end.length);
  const soft = HARD_PAIR.test(stem);
  switch (end) {
    case "ому":
    case "ого":
      return stem + (soft ? "ий" : "ый");
    case "ему":
    case "его":
      return `${stem}ий`;
    case "ую":
      return `${stem}ая`;
    case "юю":
      return `${stem}яя`;
    case "ым":
    case "ых":
      return c === "dat" && end === "ых" ? null : `${stem}ые`;
    case "им":
    case "их":
      return c === "dat" && end === "их" ? null : `${stem}ие`;
    case "ой":
      return c === "dat" || c === "gen" || c === "ins" ? `${stem}ая` : null;
    case "ей":
      if (c !== "dat" && c !== "gen") return null;
      return /[жшчщ]$/i.test(stem) ? `${stem}ая` : `${stem}яя`;
  }
  return null;
}

function nounNominative(word: string, c: GrammaticalCase): string | null {
  const w = word.toLowerCase();
  const cut = (n: number, add: string) => word.slice(0, word.length - n) + add;
  const consonantBefore = (n: number) => /[бвгджзклмнпрстфхцчшщ]/.test(w[w.length - n - 1] ?? "");
  if (c === "dat") {
    if (/ям$/.test(w)) return cut(2, "и");
    if (/ам$/.test(w)) return cut(2, HARD_PAIR.test(w.slice(0, -2)) ? "и" : "ы");
    if (/ию$/.test(w)) return cut(2, "ие");
    if (/ии$/.test(w)) return cut(2, "ия");
    if (/ству$/.test(w)) return cut(1, "о"); // «Министерству» → «Министерство»
    if (/у$/.test(w) && consonantBefore(1)) return cut(1, "");
    if (/ю$/.test(w) && consonantBefore(1)) return cut(1, "ь");
    if (/е$/.test(w) && consonantBefore(1)) return cut(1, "а");
    return null;
  }
  if (c === "gen" || c === "acc") {
    if (/ей$/.test(w) && w.length > 4) return cut(2, "и");
    if (/ия$/.test(w)) return cut(2, "ие"); // «Управления» → «Управление»
    if (/ства$/.test(w)) return cut(1, "о"); // «Министерства» → «Министерство»
    if (/а$/.test(w) && consonantBefore(1)) return cut(1, "");
    if (/я$/.test(w) && consonantBefore(1)) return cut(1, "ь");
    if (c === "acc" && /у$/.test(w) && consonantBefore(1)) return cut(1, "а");
    return null;
  }
  return null;
}

/**
 * The head of a noun phrase back to the nominative: adjectives up to the first noun, the rest stays
 * («Информационно-методическому кабинету» → «Информационно-методический кабинет»,
 * «заместителя начальника Управления» → «заместитель начальника Управления»).
 */
export function phraseNominative(phrase: string, c: GrammaticalCase): string {
  if (c === "nom") return phrase;
  const re = /[А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)*/g;
  let out = "";
  let last = 0;
  for (let m = re.exec(phrase); m; m = re.exec(phrase)) {
    const gap = phrase.slice(last, m.index);
    if (gap.trim() !== "") break; // a quote, a bracket or a number ends the head
    const word = m[0];
    if (/^[А-ЯЁ]{2,}/.test(word)) break; // an abbreviation (МКОУ) is already a name
    const parts = word.split("-");
    const lastPart = parts[parts.length - 1]!;
    const adjective = adjectiveNominative(lastPart, c);
    const converted = parts.map((p) => adjectiveNominative(p, c) ?? nounNominative(p, c) ?? p);
    out += gap + converted.join("-");
    last = m.index + word.length;
    if (!adjective) break; // the first noun ends the head
  }
  return out + phrase.slice(last);
}

// ---------- addressing a person ----------

/**
 * How a person is addressed in a Russian office: «Елена Андреевна» when the first name and the
 * patronymic are known («Полухина Елена Андреевна», also «Елена Андреевна Полухина»), else the name
 * as known; null when only initials are known («Полухина Е.А.» is for lists, not for «Здравствуйте, …!»).
 */
export function addressName(fullName: string): string | null {
  const words = fullName.trim().split(/\s+/);
  const nominativePatronymic = (w: string | undefined) => !!w && isPatronymic(w) && readPatronymic(w)!.grammaticalCase === "nom";
  if (words.length === 3) {
    if (nominativePatronymic(words[2]) && !nominativePatronymic(words[1])) return `${words[1]} ${words[2]}`;
    if (nominativePatronymic(words[1])) return `${words[0]} ${words[1]}`;
  }
  if (words.some((w) => /^(?:[А-ЯЁA-Z]\.)+$/u.test(w)) || !words[0]) return null;
  return words.join(" ");
}

/** «Полухина Е.А.» → «Е.А. Полухина», as a name is written in running text; anything else as it is. */
export function initialsFirst(shortName: string): string {
  const m = /^(\S+)\s+((?:[А-ЯЁA-Z]\.\s?){1,2})$/u.exec(shortName.trim());
  return m ? `${m[2]!.replace(/\s/g, "")} ${m[1]}` : shortName.trim();
}
