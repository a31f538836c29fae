import type { PartyKind, ResponsibleParty } from "./types.ts";
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

/** Splits at top level (outside «…», "…" and (…)) wherever `at(text, i)` returns a separator length. */
export function splitTopLevel(text: string, at: (text: string, i: number) => number): string[] {
  const parts: string[] = [];
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
      from = i + n;
      i += n - 1;
    }
  }
  parts.push(text.slice(from));
  return parts.map(tidy).filter(Boolean);
}

const AND_NEXT = /^\s+и\s+(?=[А-ЯЁA-Z]|педагог|руководител|заместител|учител|специалист|классн|социальн|школ|образовательн|общеобразовательн)/u;

function separatorAt(text: string, i: number): number {
  const ch = text[i]!;
  if (ch === "\n" || ch === ";" || ch === ",") return 1;
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

/** One segment of a cell → a party. */
function classify(segment: string, hint: NameHint): ResponsibleParty[] {
  const text = tidy(segment);
  const { rest, note } = takeNote(text);
  const names = findPersonNames(rest, hint);
  if (names.length > 1) return names.map((n) => ({ text: n.written, kind: "person" as PartyKind, name: n.short, note, position: null }));
  if (names.length === 1) {
    const n = names[0]!;
    return [personParty(text, n, rest.slice(0, n.start) + " " + rest.slice(n.end), note)];
  }
  if (isSchoolRole(rest)) return [{ text, kind: "role", name: capitalize(tidy(rest)), note }];
  const staff = STAFF_OF.exec(rest);
  const body = staff ? phraseNominative(rest.slice(staff[0].length), "gen") : rest;
  return [{ text, kind: "organization", name: capitalize(tidy(body)), note }];
}

/**
 * Splits a responsible cell into parties: commas, semicolons, «и», line breaks — except where the part after a
 * comma is the position of the person before it («Е.А. Полухина, главный специалист»).
 */
export function parseResponsible(text: string, hint: NameHint = {}): ResponsibleParty[] {
  const clean = cleanCellText(text ?? "");
  if (!clean || /^[-–—.\s]*$/.test(clean)) return [];
  const segments = splitTopLevel(clean, separatorAt);
  const parties: ResponsibleParty[] = [];
  for (const seg of segments) {
    const prev = parties[parties.length - 1];
    // a lowercase segment after a person with no position yet is that person's position
    const lower = /^[а-яё]/u.test(seg);
    if (prev && prev.kind === "person" && !prev.position && lower && !PLURAL_LEAD.test(seg) && findPersonNames(seg).length === 0) {
      const { rest, note } = takeNote(seg);
      prev.text = `${prev.text}, ${seg}`;
      prev.position = tidy(rest);
      if (note) prev.note = prev.note ? `${prev.note} ${note}` : note;
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
    parties.push(...classify(seg, hint));
  }
  return parties;
}

/** «Расческину Ольгу Дмитриевну» → «Расческина О.Д.»; «Е.А. Полухина» → «Полухина Е.А.»; not a name → null. */
export function shortPersonName(text: string, hint: NameHint = {}): string | null {
  return findPersonNames(cleanCellText(text ?? ""), hint)[0]?.short ?? null;
}
