import type { ResponsibleParty } from "./types.ts";
import { findPersonNames, phraseNominative, type NameHint, type PersonNameMatch } from "./names.ts";

// Responsible parties: a «Ответственный» / «Исполнители» cell → people, roles in every school, and bodies.
// «Е.А. Полухина, главный специалист» is one person with a position; «Руководители ОО, Управление образования
// (контроль)» is a role and an organisation with a note.

/** A role that every school has: the party is that role in each school of the roadmap. */
const ROLE_LEAD =
  /^(?:все\s+)?(?:руководител|директор|заместител|зам\.|педагог|учител|классн|социальн\S*\s+педагог|психолог|логопед|дефектолог|тьютор|библиотекар|школьн|управленческ|администраци\S*\s+(?:оо|школ|образовательн|общеобразовательн)|ответственн|кураторы(?![а-яё])|оо(?![а-яё])|образовательн\S*\s+(?:организац|учрежден)|общеобразовательн\S*\s+(?:организац|учрежден)|школ[ыа]?(?![а-яё])|шнор(?![а-яё])|шнсу(?![а-яё]))/iu;
/** Schools in general («ОО», «школ», «образовательных организаций»): a singular role with them is still every school's. */
const SCHOOLS = /(?<![А-ЯЁа-яё])(?:ОО|ОУ|ШНОР|ШНСУ|школ[а-яё]*|образовательн[а-яё]*\s+(?:организац|учрежден)[а-яё]*|общеобразовательн[а-яё]*\s+(?:организац|учрежден)[а-яё]*)(?![А-ЯЁа-яё])/iu;
/** The first word is plural: «руководители», «педагогические работники», «учителя». */
/** A post that every school has, even written in the singular: «Заместитель директора по УВР», «Педагог-психолог». */
const SCHOOL_POST =
  /^(?:директор[а-яё]*(?:\s|$)|(?:заместител[а-яё]*|зам\.)\s*директор|педагог|учител|классн|социальн\S*\s+педагог|психолог|логопед|дефектолог|тьютор|библиотекар)/iu;
/** Words of the authority, not of a school: «Заместитель начальника управления». */
const AUTHORITY = /начальник|управлени|отдел(?![а-яё]*\s+школ)|министерств|комитет|департамент/iu;
const PLURAL_LEAD = /^[А-ЯЁа-яё-]*(?:[иы]|ые|ие|теля|ра)(?![А-ЯЁа-яё])/iu;
/** A specific school or body named inside a phrase. */
const NAMED_BODY = /«|"|№|(?<![А-ЯЁа-яё])(?:МБОУ|МКОУ|МОУ|МАОУ|ГБОУ|МКУ|МБУ|ГАУ|ГКУ|ГБУ|СОШ|ООШ)(?![А-ЯЁа-яё])/u;

/** Notes kept beside a party: «(контроль)», «(по согласованию)». */
const NOTE = /^\(\s*(?:контрол|по\s+согласовани|согласовани|координ|соисполнит|ответствен|в\s+част|свод|общ\S*\s+руковод|по\s+компетенц|при\s+участи|по\s+запрос|по\s+необходим)[^()]*\)$/i;

/** People of a body («Специалисты Управления образования») are that body. */
const STAFF_OF = /^(?:[Сс]пециалист|[Сс]отрудник|[Мм]етодист|[Рр]аботник)[а-яё]*\s+(?=[А-ЯЁ])/u;

/** Strips markup a cell may carry (HTML from text exports, Markdown bold) and entities. */
export function cleanCellText(text: string): string {
  return text
    .replace(/<br\s*\/?>|<\/(?:p|li|div)>/gi, "\n")
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&laquo;/g, "«")
    .replace(/&raquo;/g, "»")
    .replace(/&amp;/g, "&")
    .replace(/\*\*|__/g, "")
    .replace(/\\([_*.\-()[\]])/g, "$1")
    .replace(/[ \t\u00a0]+/g, " ")
    .replace(/ *\n */g, "\n")
    .trim();
}

function capitalize(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}

export function tidy(s: string): string {
  return s
    .replace(/\s+/g, " ")
    .replace(/^[\s,;:.–—-]+|[\s,;:–—-]+$/g, "")
    .trim();
}

/**
 * Splits at top level (outside «…», "…" and (…)) wherever `at(text, i)` returns a separator length. `joins`, when
 * given, receives the separator written between each two parts returned («,», « и », a line break).
 */
export function splitTopLevel(text: string, at: (text: string, i: number) => number, joins?: string[]): string[] {
  const parts: string[] = [];
  const seps: string[] = [];
  let depthQ = 0;
  let depthP = 0;
  let ascii = false;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "«") depthQ++;
    else if (ch === "»") depthQ = Math.max(0, depthQ - 1);
    else if (ch === '"') ascii = !ascii;
    else if (ch === "(") depthP++;
    else if (ch === ")") depthP = Math.max(0, depthP - 1);
    if (depthQ || depthP || ascii) continue;
    const n = at(text, i);
    if (n > 0) {
      parts.push(text.slice(from, i));
      seps.push(text.slice(i, i + n));
      from = i + n;
      i += n - 1;
    }
  }
  parts.push(text.slice(from));
  const out: string[] = [];
  let pending = "";
  parts.forEach((raw, k) => {
    const part = tidy(raw);
    if (part) {
      if (out.length && joins) joins.push(pending);
      out.push(part);
      pending = "";
    }
    pending += seps[k] ?? "";
  });
  return out;
}

const AND_NEXT = /^\s+и\s+(?=[А-ЯЁA-Z]|педагог|руководител|заместител|учител|специалист|классн|социальн|школ|образовательн|общеобразовательн)/u;

/**
 * A comma inside a list of numbers, not between parties: «9, 11 классов», «9-х, 11-х классов», «ОО № 1, 3, 5»,
 * «ст. 28, 29», «каб. 12, 14».
 */
export function commaInNumbers(text: string, i: number): boolean {
  return text[i] === "," && /\d(?:-[а-яё]{1,3})?\s*$/u.test(text.slice(Math.max(0, i - 8), i)) && /^\s*\d/u.test(text.slice(i + 1, i + 4));
}

function separatorAt(text: string, i: number): number {
  const ch = text[i]!;
  if (ch === "," && commaInNumbers(text, i)) return 0;
  if (ch === "\n" || ch === ";" || ch === ",") return 1;
  // «МКУ «ЦРО» / руководители ОО»; a slash without spaces stays («МОУО/ОО», «ДО/ОО»)
  if (ch === "/" && /\s$/u.test(text.slice(0, i)) && /^\s/u.test(text.slice(i + 1))) return 1;
  if (ch === " ") {
    const m = AND_NEXT.exec(text.slice(i));
    if (m) return m[0].length;
  }
  if (ch === ".") {
    // «ПМПК Баганского района. ОЦДК» splits; «Е.А. Полухина», «им. И. Самохина», «г. Бодайбо» do not
    const before = /([А-ЯЁа-яё]+)$/u.exec(text.slice(0, i))?.[1] ?? "";
    const after = /^\s+[А-ЯЁ]/u.test(text.slice(i + 1));
    const word = before.length >= 4 || /^[А-ЯЁ]{2,}$/u.test(before);
    if (after && word) return 1;
  }
  return 0;
}

/** Takes trailing notes «(контроль)» off a segment. */
function takeNote(segment: string): { rest: string; note: string | null } {
  const notes: string[] = [];
  let rest = segment.trim();
  for (;;) {
    const m = /\([^()]*\)\s*$/.exec(rest);
    if (!m || !NOTE.test(m[0].trim())) break;
    notes.unshift(m[0].trim().replace(/\s+/g, " "));
    rest = rest.slice(0, m.index).trim();
  }
  // «– по согласованию» written without brackets
  const bare = /\s*[–—-]?\s*(?<![А-ЯЁа-яё])(по\s+согласованию)\s*$/iu.exec(rest);
  if (bare && bare.index > 0) {
    notes.unshift(`(${bare[1]!.toLowerCase()})`);
    rest = rest.slice(0, bare.index).trim();
  }
  return { rest, note: notes.length ? notes.join(" ") : null };
}

/** Whether a phrase names a role that every school has («Руководители ОО», «педагогические работники»). */
export function isSchoolRole(phrase: string): boolean {
  const p = phrase.trim();
  if (!ROLE_LEAD.test(p) || NAMED_BODY.test(p)) return false;
  return PLURAL_LEAD.test(p) || SCHOOLS.test(p) || (SCHOOL_POST.test(p) && !AUTHORITY.test(p));
}

/** Job titles are common nouns: «Заместитель начальника Иванова И.И.» → position «заместитель начальника». */
const JOB_TITLE = /^(?:заместител|начальник|директор|главн|ведущ|старш|специалист|методист|руководител|заведующ|консультант|инспектор|председател|советник|педагог|учител|эксперт|секретар|куратор|координатор)/iu;

function personParty(text: string, name: PersonNameMatch, rest: string, note: string | null): ResponsibleParty {
  let position = tidy(rest.replace(/[()]/g, " "));
  if (JOB_TITLE.test(position)) position = position[0]!.toLowerCase() + position.slice(1);
  return { text, kind: "person", name: name.short, note, position: position || null };
}

/** A plural role every school has («учителя-предметники», «классные руководители»): a party of its own beside a name. */
function isPluralRole(text: string): boolean {
  return PLURAL_LEAD.test(text) && isSchoolRole(text);
}

/** A capitalised word left beside a name that is no job title: a surname whose initials went to its neighbour. */
const LONE_SURNAME = /^[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?$/u;

/**
 * Several people in one segment written with spaces only («Сидорова А.А. Орлова В.В.», «директор Иванов И.И.
 * заместитель директора Петрова А.А.»): the words between two names go to the name they sit beside by the
 * segment's own pattern (positions before the names, or after them); a plural role between or after is a party.
 */
function severalPeople(rest: string, names: PersonNameMatch[], note: string | null, doubts: Doubts): ResponsibleParty[] {
  const between = (a: number, b: number) => tidy(rest.slice(a, b).replace(/[()]/g, " "));
  const lead = between(0, names[0]!.start);
  const gaps = names.slice(1).map((n, k) => between(names[k]!.end, n.start));
  let tail = between(names.at(-1)!.end, rest.length);
  const roles: string[] = [];
  if (tail && isPluralRole(tail)) {
    roles.push(tail);
    tail = "";
  }
  const positions: Array<string | null> = names.map(() => null);
  if (lead) positions[0] = lead;
  if (tail) positions[names.length - 1] = tail;
  // «директор Иванов И.И. завуч Петрова А.А.»: positions stand before the names; «Иванов И.И. директор Петрова А.А. завуч»: after
  const before = !!lead || !tail;
  gaps.forEach((gap, k) => {
    if (!gap) return;
    if (isPluralRole(gap)) {
      roles.push(gap);
      return;
    }
    const [owner, other] = before ? [k + 1, k] : [k, k + 1];
    const taken = !!positions[owner];
    const to = !taken ? owner : !positions[other] ? other : owner;
    // words between two names with nothing else to tell whose they are
    if ((!lead && !tail) || taken) doubts.push(`неясно, чья должность «${gap}»; принято: ${names[to]!.short}`);
    positions[to] = positions[to] ? `${positions[to]}; ${gap}` : gap;
  });
  if (tail && names.length > 1 && !lead && !gaps.some(Boolean)) {
    doubts.push(`неясно, чья должность «${tail}»; принято: ${names.at(-1)!.short}`);
  }
  // «Методисты ИМЦ (Сидорова Е.П., Орлов А.В.)»: a post in the plural before the names is each one's
  const shared = lead && !tail && !gaps.some(Boolean) ? singularPost(lead) : null;
  if (shared) positions.fill(shared);
  const people = names.map((n, k) => personParty(n.written, n, positions[k] ?? "", note));
  return [...people, ...roles.map((r): ResponsibleParty => ({ text: r, kind: "role", name: capitalize(r), note }))];
}

/**
 * «главные специалисты УО» → «главный специалист УО»: a post in the plural said of one person; null
 * when the words do not open with a plural post (its adjectives, then the noun).
 */
export function singularPost(post: string): string | null {
  const words = post.split(/\s+/);
  let k = 0;
  while (k < words.length - 1 && /[а-яё]{2,}(?:ые|ие)$/iu.test(words[k]!)) k++;
  // «педагоги-психологи»: each part of a compound
  const parts = (words[k] ?? "").split("-").map(singularNoun);
  if (parts.some((p) => p === null)) return null;
  const adjectives = words.slice(0, k).map((w) => w.replace(/ые$/iu, "ый").replace(/ие$/iu, "ий"));
  // «заместители директоров» → «заместитель директора»
  const rest = words.slice(k + 1).map((w) => w.replace(/^директоров$/iu, "директора"));
  const one = [...adjectives, parts.join("-"), ...rest].join(" ");
  return one[0]!.toLowerCase() + one.slice(1);
}

function singularNoun(noun: string): string | null {
  if (/тел[ия]$/iu.test(noun)) return noun.replace(/[ия]$/u, "ь");
  if (PEOPLE_PLURAL.test(noun) && !/[цй][ыи]$/iu.test(noun)) return noun.slice(0, -1);
  return null;
}

/** «Заместитель директора по ВР социальный педагог»: a second post after an abbreviation, without a comma. */
const SECOND_POST = /(?<=\s(?:[А-ЯЁ]{2,5}|[А-ЯЁ]{2,5}\)))\s+(?=(?:социальн[а-яё]*\s+педагог|педагог|учител|классн[а-яё]*\s+руководител|заместител|зам\.|психолог|логопед|дефектолог|тьютор|библиотекар|советник)[а-яё-]*(?:\s|$))/giu;

/** The words around a name: «ИМЦ (методист Козлова Е.В.)» → «методист ИМЦ», not «ИМЦ методист». */
function positionAround(before: string, after: string): string {
  const inParens = /^(.*?)\(\s*([^()]*)$/u.exec(before);
  const closed = /^\s*\)/.exec(after);
  if (inParens && closed && JOB_TITLE.test(inParens[2]!.trim())) return tidy(`${inParens[2]} ${inParens[1]} ${after.slice(closed[0].length)}`);
  return tidy(before + " " + after);
}

/** One segment of a cell → a party. */
function classify(segment: string, hint: NameHint, doubts: Doubts): ResponsibleParty[] {
  const text = tidy(segment);
  const { rest, note } = takeNote(text);
  const names = findPersonNames(rest, hint);
  if (names.length > 1) return severalPeople(rest, names, note, doubts);
  if (names.length === 1) {
    const n = names[0]!;
    const after = tidy(rest.slice(n.end));
    // «Сидорова А.А. учителя-предметники»: a person and a role in one cell
    if (after && isPluralRole(after)) {
      return [personParty(n.written, n, rest.slice(0, n.start), null), { text: after, kind: "role", name: capitalize(after), note }];
    }
    const position = positionAround(rest.slice(0, n.start), rest.slice(n.end));
    // «Сидорова А.А. Орлова»: whose initials are these?
    if (LONE_SURNAME.test(position) && !JOB_TITLE.test(position)) {
      const initials = n.short.slice(n.surname.length).trim();
      doubts.push(`неясно, к какой фамилии относятся инициалы «${initials}»: «${position}» или «${n.surname}»`);
    }
    return [personParty(text, n, position, note)];
  }
  if (isSchoolRole(rest)) {
    const posts = rest.split(SECOND_POST).map(tidy).filter(Boolean);
    if (posts.length > 1 && posts.every(isSchoolRole)) {
      doubts.push(`должности разделены по догадке: ${posts.map((x) => `«${x}»`).join(", ")}`);
      return posts.map((x, k) => ({ text: x, kind: "role", name: capitalize(x), note: k === posts.length - 1 ? note : null }));
    }
    return [{ text, kind: "role", name: capitalize(tidy(rest)), note }];
  }
  const staff = STAFF_OF.exec(rest);
  const body = staff ? phraseNominative(rest.slice(staff[0].length), "gen") : rest;
  return [{ text, kind: "organization", name: capitalize(tidy(body)), note }];
}

/** Doubts about how a cell was split, for the coordinator (Russian, without the cell: the caller quotes it). */
type Doubts = string[];

export interface ResponsibleReading {
  parties: ResponsibleParty[];
  /** each a warning in Russian quoting the cell: a split the importer is not sure of */
  warnings: string[];
}

/** The head of a body's name that a list of what it governs follows: «Министерство образования, науки и …». */
const BODY_HEAD = /^(?:министерств|управлени|отдел|комитет|департамент|агентств|главное\s+управлени|служб|инспекци)[а-яё]*\s/iu;
/** People in the plural («методисты», «специалисты», «работники»): never the genitive of a body's field. */
const PEOPLE_PLURAL = /(?:ист|ник|тор|тел|[её]р|ант|ент|ец|ог|член|эксперт|ат|ар|ач)[ыи]$/iu;
/** A word in a case other than the nominative: the field a body governs («науки», «молодёжной политики», «культуре»). */
const OBLIQUE_WORD = /^(?:[а-яё-]+(?:ой|ей|ого|его|ому|ему|ых|их|ым|им|ии|ства|ния|тия|ения|ы|и|а|я|у|ю|е|ам|ям))$/iu;
/** Unambiguous oblique forms (an adjective's, «-ства», «-ния», «-ии»): «спорта» alone might be a nominative. */
const SURELY_OBLIQUE = /(?:ой|ей|ого|его|ому|ему|ых|их|ым|ии|ства|ния|тия|ения|ки|ги|хи|ры|ты|ды|ны|ли|ти|сти)$/iu;
/** Nominative forms that end like an oblique one: «служба», «комиссия». */
const NOMINATIVE = /^(?:служба|группа|школа|палата|дума|прокуратура|[а-яё-]+(?:ция|сия|мия|гия|рия|лия|зия|ые|ие|ое|ее|ая|яя|ый|ий))$/iu;

function firstWord(seg: string): string {
  return /^[а-яё]+(?:-[а-яё]+)*/iu.exec(seg)?.[0] ?? "";
}

/** Whether a lowercase segment could go on a body's name: its first word oblique, no role, no person. */
function couldContinueBody(seg: string): boolean {
  const w = firstWord(seg);
  if (!/^[а-яё]/u.test(seg) || !w || NOMINATIVE.test(w) || PEOPLE_PLURAL.test(w)) return false;
  if (isSchoolRole(seg) || findPersonNames(seg).length > 0) return false;
  return OBLIQUE_WORD.test(w);
}

/**
 * «Министерство образования, науки и молодёжной политики края», «Отдел образования, опеки и попечительства»: the
 * segments after a body's head that list what it governs are its name. Sure when the run closes with «и …» or
 * a word that can only be oblique leads it; a guess (said in a warning) otherwise; null when it is no such run.
 */
function bodyContinuation(prev: ResponsibleParty, segments: string[], from: number): { take: number; sure: boolean } | null {
  if (prev.kind !== "organization" || prev.note || !BODY_HEAD.test(`${prev.name} `)) return null;
  let take = 0;
  while (from + take < segments.length && couldContinueBody(segments[from + take]!)) take++;
  if (take === 0) return null;
  const run = segments.slice(from, from + take);
  if (/\sи\s/u.test(run.at(-1)!) || run.every((seg) => SURELY_OBLIQUE.test(firstWord(seg)))) return { take, sure: true };
  return { take, sure: false };
}

/** What is never a party of its own: a lower-case abbreviation («г. Пермь», «ул. Ленина», «каб. 12», «к.п.н.») or a bare number. */
const ATTACHED = /^(?:[а-яё]{1,4}\.(?:[а-яё]{1,3}\.)*(?:\s|$)|\d{1,4}(?:\s*[-–/]\s*\d{1,4})?[а-яё]?$)/u;

/**
 * Splits a responsible cell into parties: commas, semicolons, «и», line breaks — except where the part after a
 * comma is the position of the person before it («Е.А. Полухина, главный специалист») or goes on a body's name.
 */
export function readResponsible(text: string, hint: NameHint = {}): ResponsibleReading {
  // «ИвановаТ.П.»: initials typed without the space after the surname
  const clean = cleanCellText(text ?? "").replace(/(?<=[а-яё])(?=[А-ЯЁ]\.\s?[А-ЯЁ]\.)/gu, " ");
  if (!clean || /^[-–—.\s]*$/.test(clean)) return { parties: [], warnings: [] };
  const joins: string[] = [];
  const segments = splitTopLevel(clean, separatorAt, joins);
  const parties: ResponsibleParty[] = [];
  const doubts: Doubts = [];
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    const prev = parties[parties.length - 1];
    // «Руководители ШНОР\n(по согласованию)»: a note on a line of its own belongs to the party above it
    const alone = takeNote(seg);
    if (prev && alone.note && !alone.rest) {
      prev.text = `${prev.text} ${seg}`;
      prev.note = prev.note ? `${prev.note} ${alone.note}` : alone.note;
      continue;
    }
    // a lowercase segment after a person with no position yet is that person's position
    const lower = /^[а-яё]/u.test(seg);
    if (prev && prev.kind === "person" && !prev.position && lower && !PLURAL_LEAD.test(seg) && findPersonNames(seg).length === 0) {
      const { rest, note } = takeNote(seg);
      prev.text = `${prev.text}, ${seg}`;
      prev.position = tidy(rest);
      if (note) prev.note = prev.note ? `${prev.note} ${note}` : note;
      continue;
    }
    // «МКУ «ИМЦ», ул. Ленина, 5», «ГАУ ДПО «ИРО», г. Пермь», «Петрова А.А., зам. директора, каб. 12»: an address,
    // a room or a bare number after a comma goes on the party before it
    if (prev && ATTACHED.test(seg) && !isSchoolRole(seg) && findPersonNames(seg).length === 0) {
      prev.text = `${prev.text}, ${seg}`;
      if (prev.kind === "person") prev.position = prev.position ? `${prev.position}, ${seg}` : seg;
      else prev.name = `${prev.name}, ${seg}`;
      continue;
    }
    const body = prev ? bodyContinuation(prev, segments, i) : null;
    if (prev && body) {
      // the run as written: «, науки и молодёжной политики» (a split « и » stays « и »)
      let written = "";
      for (let k = i; k < i + body.take; k++) written += `${/и/u.test(joins[k - 1] ?? "") ? " и " : ", "}${segments[k]}`;
      const { rest, note } = takeNote(written);
      prev.text = `${prev.text}${written}`;
      prev.name = `${prev.name}${rest}`;
      prev.note = note;
      if (!body.sure) doubts.push("запятая прочитана внутри названия одной организации");
      i += body.take - 1;
      continue;
    }
    // «Учителя начальных классов, русского языка и математики», «Заместители директоров по УВР, ВР»:
    // the words after the comma go on enumerating the same role
    const moreOfRole = prev?.kind === "role" && ((lower && !isSchoolRole(seg) && findPersonNames(seg).length === 0) || (/^[А-ЯЁ]{2,4}$/u.test(seg) && /по\s+[А-ЯЁ]{2,4}$/u.test(prev.name)));
    if (prev && moreOfRole) {
      prev.text = `${prev.text}, ${seg}`;
      prev.name = `${prev.name}, ${seg}`;
      continue;
    }
    parties.push(...classify(seg, hint, doubts));
  }
  sharePluralPost(parties);
  const quoted = clean.replace(/\s+/g, " ");
  const cell = quoted.length > 60 ? `${quoted.slice(0, 59)}…` : quoted;
  return { parties, warnings: doubts.map((d) => `в ответственных «${cell}» ${d}; проверьте`) };
}

/**
 * «Главные специалисты УО Иванова А.А., Петрова Б.Б.»: a plural post written before a name is that
 * person's, in the singular, and the post of the names after it that have none of their own.
 */
function sharePluralPost(parties: ResponsibleParty[]): void {
  for (let i = 0; i < parties.length; i++) {
    const p = parties[i]!;
    const one = p.kind === "person" && p.position && p.text.toLowerCase().startsWith(p.position.toLowerCase()) ? singularPost(p.position) : null;
    if (!one) continue;
    p.position = one;
    for (let j = i + 1; j < parties.length && parties[j]!.kind === "person" && !parties[j]!.position; j++) parties[j]!.position = one;
  }
}

/** The parties of a responsible cell (see readResponsible for the doubts about its split). */
export function parseResponsible(text: string, hint: NameHint = {}): ResponsibleParty[] {
  return readResponsible(text, hint).parties;
}

/** «Расческину Ольгу Дмитриевну» → «Расческина О.Д.»; «Е.А. Полухина» → «Полухина Е.А.»; not a name → null. */
export function shortPersonName(text: string, hint: NameHint = {}): string | null {
  return findPersonNames(cleanCellText(text ?? ""), hint)[0]?.short ?? null;
}
