import type { DeadlineContext, ImportedItem, ImportWarningOut, ResponsibleParty, Schedule } from "../types.ts";
import { parseDeadline } from "../deadline/parse.ts";
import { monthOf } from "../deadline/words.ts";
import { findPersonNames, phraseNominative } from "../names.ts";
import { cleanCellText, commaInNumbers, isSchoolRole, parseResponsible, readResponsible, splitTopLevel, tidy } from "../parties.ts";
import { SuffixedKeys } from "./keys.ts";
import { APPOINT } from "./order-text.ts";
import { isInfinitive, splitDeadline, stripEnd, type Split } from "./prose-deadline.ts";

export { splitDeadline } from "./prose-deadline.ts";

// Orders without a roadmap table (Bodaibo, Borovsk): the numbered points that tell someone to do something are
// the items. «1. Информационно-методическому кабинету (Мурашова Е.Ю.):» names the executor of 1.1…1.6;
// «3. Руководителям … в 2023-2024 учебном году:» gives its sub-points their deadline; a protocol's decisions
// («… - срок 01.09.2021») become items П1…

interface ProseParagraph {
  text: string;
  line?: number;
}

export interface ProseContext {
  years: number[];
  orderDate: string | null;
  /** «на 2025/2026 учебный год» → 2025 (see DeadlineContext.schoolYear) */
  schoolYear?: number | null;
}

export interface ProseResult {
  items: ImportedItem[];
  warnings: ImportWarningOut[];
}

interface Para {
  text: string;
  line: number | null;
}

interface Bullet {
  text: string;
  line: number | null;
}

interface Point {
  number: string;
  parts: number[];
  text: string;
  line: number | null;
  bullets: Bullet[];
  parent: Point | null;
  children: Point[];
}

/** «3.1.», «4.Контроль», «1. Информационно…» — small numbers only, so «14.06.2023» is not a point. */
const POINT = /^([1-9]\d?(?:\.[1-9]\d?){0,3})[.)](?!\d)\s*(.*)$/u;
/** A second point glued onto a line: «… (прилагается). 3.2.Предоставить …». */
const GLUED_POINT = /(?<=[.;:]\s+)(?=[1-9]\d?(?:\.[1-9]\d?)+\.\s*[А-ЯЁа-яё])/u;
/** «- …», «• …», «а) …»: a list entry under a point. */
const BULLET = /^(?:[-–—•·]|[а-яё]\))\s*/u;
const ORDER_START = /^(?:приказываю|постановляю|распоряжаюсь|обязываю|решил[аи]?)\s*:?\s*$/iu;
const DECISIONS = /^(?:решения|решили|решение|постановили|поручения|поручено)\s*:?\s*$/iu;
const PROTOCOL_TITLE = /^протокол(?![а-яё])/iu;
const ANNEX = /^приложение(?![а-яё])/iu;
const PLAN_TITLE = /^(?:план\s+мероприятий|дорожная\s+карта|«?дорожная\s+карта|комплекс\s+мер|перечень\s+мероприятий|мероприятия\s+по)/iu;
/** The lines that close an order: the signatory's position, an annex, a heading. */
const CLOSING =
  /^(?:начальник|заведующ|руководител|министр|директор|исполняющ|и\.\s*о\.|врио|глава|председател|заместител|приложени|исп\.|тел\.|с\s+приказом\s+ознакомлен)/iu;

const CONTROL = /^контроль\s+(?:за\s+|над\s+)?(?:исполнени|выполнени|реализаци|ходом)/iu;
/** Points that decide rather than instruct: not items. */
const NOT_INSTRUCTION =
  /^(?:утвердить|одобрить|принять\s+к\s+сведению|признать\s+утратившим|считать\s+утратившим|отменить|внести\s+(?:в\s+\S+\s+)?изменени|ввести\s+в\s+действие)/iu;

/** The index (in words) of the first infinitive, or -1. */
function firstInfinitive(text: string): { index: number; offset: number } {
  const re = /[А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)*/gu;
  let i = 0;
  for (let m = re.exec(text); m; m = re.exec(text), i++) {
    if (isInfinitive(m[0])) return { index: i, offset: m.index };
  }
  return { index: -1, offset: -1 };
}

const MAX_VERB_POSITION = 8;

function capitalize(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}

/** A period said once for a whole block: «в 2023-2024 учебном году», «в 2023 году». */
const PERIOD_PHRASE =
  /(в\s+\d{4}\s*[-–—/]\s*(?:\d{4}|\d{2})\s+(?:учебн[а-яё]+|уч\.)\s*год[а-яё]*|в\s+течение\s+\d{4}\s*[-–—/]\s*(?:\d{4}|\d{2})\s+(?:учебного|уч\.)\s*года|в\s+течение\s+\d{4}\s+года|в\s+\d{4}\s*[-–—]\s*\d{4}\s*(?:гг?\.|годах|годы)|в\s+\d{4}\s+(?:году|г\.))/iu;

/** Separates a block's period («в 2023-2024 учебном году») from a header's text. */
function splitPeriod(text: string): Split {
  const m = PERIOD_PHRASE.exec(text);
  if (!m) return { title: stripEnd(text), phrase: null };
  const title = `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`;
  return { title: stripEnd(tidy(title)), phrase: m[1]!.trim() };
}

function prepare(paragraphs: ProseParagraph[]): Para[] {
  const out: Para[] = [];
  for (const p of paragraphs) {
    // a soft line break inside a paragraph may start a point of its own; continuation lines are joined back later
    for (const raw of cleanCellText(p.text ?? "").split("\n")) {
      const text = raw.replace(/^#+\s*/u, "").trim();
      if (!text) continue;
      for (const piece of text.split(GLUED_POINT)) {
        if (piece.trim()) out.push({ text: piece.trim(), line: p.line ?? null });
      }
    }
  }
  return out;
}

function normalizeHeading(s: string): string {
  return s.replace(/[\s*]+/g, "").toLowerCase();
}

interface Body {
  points: Point[];
  /** lines ending in «:» before any point (a protocol's «Руководителям …:») */
  leads: Para[];
  end: number;
}

/** Reads numbered points from `start` until the order's closing lines. */
function readBody(paras: Para[], start: number, stopAt: (p: Para) => boolean): Body {
  const points: Point[] = [];
  const latest = new Map<string, { point: Point; at: number }>();
  const leads: Para[] = [];
  let current: Point | null = null;
  let i = start;
  for (; i < paras.length; i++) {
    const p = paras[i]!;
    if (stopAt(p)) break;
    const num = POINT.exec(p.text);
    if (num && num[2]!.trim()) {
      const parts = num[1]!.split(".").map(Number);
      const point: Point = { number: num[1]!, parts, text: num[2]!.trim(), line: p.line, bullets: [], parent: null, children: [] };
      point.parent = findParent(latest, parts);
      point.parent?.children.push(point);
      latest.set(parts.join("."), { point, at: points.length });
      points.push(point);
      current = point;
      continue;
    }
    if (!current) {
      if (p.text.endsWith(":")) leads.push(p);
      continue;
    }
    const listOpen = current.text.endsWith(":") || current.bullets.length > 0;
    const bullet = BULLET.test(p.text);
    if (/^срок/iu.test(p.text)) {
      const last = current.bullets[current.bullets.length - 1];
      if (last) last.text = `${last.text} ${p.text}`;
      else current.text = `${current.text} ${p.text}`;
    } else if (bullet || (listOpen && !CLOSING.test(p.text))) {
      current.bullets.push({ text: p.text.replace(BULLET, "").trim(), line: p.line });
    } else if (/^[а-яё(«"]/u.test(p.text) || (!CLOSING.test(p.text) && /[^.;:!?]$/u.test(lastLine(current)))) {
      // a line the export wrapped: it goes on the sentence above («…в срок до» / «15 апреля 2026 года …»)
      const last = current.bullets[current.bullets.length - 1];
      if (last) last.text = `${last.text} ${p.text}`;
      else current.text = `${current.text} ${p.text}`;
    } else {
      break; // «Начальник», a signature, the annex: the order's points are over
    }
  }
  return { points, leads, end: i };
}

function lastLine(point: Point): string {
  return (point.bullets[point.bullets.length - 1]?.text ?? point.text).trimEnd();
}

/** The latest point whose number begins this one's («3» or «3.1» for «3.1.2»): found by number, not by a scan back. */
function findParent(latest: Map<string, { point: Point; at: number }>, parts: number[]): Point | null {
  let parent: { point: Point; at: number } | null = null;
  for (let len = 1; len < parts.length; len++) {
    const q = latest.get(parts.slice(0, len).join("."));
    if (q && (!parent || q.at > parent.at)) parent = q;
  }
  return parent?.point ?? null;
}

// ---------- executors ----------

const DATIVE_WORD = /(?:у|ю|ам|ям|ому|ему|ым|им|ой|ем|е|и)$/iu;
const ABBREVIATION = /^[А-ЯЁ]{2,}/u;
const SINGULAR: Array<[RegExp, string]> = [
  [/^руководител/iu, "руководитель"],
  [/^директор/iu, "директор"],
  [/^заведующ/iu, "заведующий"],
  [/^заместител/iu, "заместитель"],
];

function lowerFirst(s: string): string {
  return s.length > 1 && /[а-яё]/u.test(s[1]!) ? s[0]!.toLowerCase() + s.slice(1) : s;
}

/** A comma or semicolon between parties (not inside «школ № 1, 3, 5»). */
const listSeparator = (t: string, i: number) => t[i] === ";" || (t[i] === "," && !commaInNumbers(t, i));

/** The party a header addresses: «Информационно-методическому кабинету (Мурашова Е.Ю.)», «Руководителям ОО». */
export function parseExecutor(header: string, grammaticalCase: "dat" | "acc" = "dat"): ResponsibleParty[] {
  const text = tidy(header.replace(/:\s*$/u, ""));
  if (!text) return [];
  const pairs = [...text.matchAll(/\(([^()]*)\)/gu)];
  if (pairs.length > 1) {
    // «Руководителям МБОУ «СОШ № 5» (Петров И.И.), МБОУ «ООШ № 2» (Сидорова Е.В.)»: one person per school
    const headWord = /^[а-яё]+(?:\s+[а-яё]+)*?\s+(?=[А-ЯЁ]{2,})/iu.exec(text);
    const headNom = headWord ? phraseNominative(tidy(headWord[0]), grammaticalCase) : "";
    const singular = SINGULAR.find(([re]) => re.test(headNom))?.[1] ?? "";
    const body = headWord ? text.slice(headWord[0].length) : text;
    const parties: ResponsibleParty[] = [];
    for (const el of splitTopLevel(body, (t, i) => (listSeparator(t, i) ? 1 : /^\s+и\s+(?=[А-ЯЁ])/u.exec(t.slice(i))?.[0].length ?? 0))) {
      const name = findPersonNames(el)[0];
      const org = tidy(name ? `${el.slice(0, name.start)} ${el.slice(name.end)}`.replace(/\(\s*\)/g, "") : el);
      if (name) parties.push({ text: el, kind: "person", name: name.short, note: null, position: tidy(`${singular} ${org}`) || null });
      else parties.push({ text: el, kind: "organization", name: org, note: null });
    }
    if (parties.length) return parties;
  }
  const paren = /\(([^()]*)\)/u.exec(text);
  if (paren) {
    const head = tidy(text.slice(0, paren.index));
    const inside = paren[1]!;
    const headNom = phraseNominative(head, grammaticalCase);
    const elements = splitTopLevel(inside, (t, i) => (listSeparator(t, i) ? 1 : 0));
    const parties: ResponsibleParty[] = [];
    for (const el of elements) {
      const name = findPersonNames(el)[0];
      const rest = name ? tidy(`${el.slice(0, name.start)} ${el.slice(name.end)}`) : "";
      if (name && elements.length === 1) {
        parties.push({ text, kind: "person", name: name.short, note: null, position: headNom ? lowerFirst(headNom) : null });
      } else if (name) {
        const singular = SINGULAR.find(([re]) => re.test(headNom))?.[1];
        const position = tidy(`${singular ?? ""} ${rest}`) || null;
        parties.push({ text: el, kind: "person", name: name.short, note: null, position });
      } else if (elements.length > 1 || /[«"]|[А-ЯЁ]{2,}/u.test(el)) {
        parties.push({ text: el, kind: "organization", name: tidy(el), note: null });
      }
    }
    if (parties.length) return parties;
  }
  // «Школе-консультанту МКОУ «Мамаканская СОШ», куратору МКОУ «СОШ №3»»: the apposition after the comma is not a party
  const joins: string[] = [];
  const split = splitTopLevel(
    text,
    (t, i) => {
      const m = /^(?:,\s*|\s+и\s+)(?=[А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)?(?:\s|$))/u.exec(t.slice(i));
      if (!m) return 0;
      const next = /^[А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)?/u.exec(t.slice(i + m[0].length))![0];
      return DATIVE_WORD.test(next) && !/^(?:имеющ|находящ|функционир|работающ|показывающ|демонстрир)/iu.test(next) ? m[0].length : 0;
    },
    joins,
  );
  const segments = joinBodyNames(split, joins);
  const parties: ResponsibleParty[] = [];
  for (const seg of segments) {
    if (/^куратор/iu.test(seg)) continue;
    const nom = phraseNominative(seg, grammaticalCase);
    const names = findPersonNames(nom);
    if (names.length) {
      parties.push(...parseResponsible(nom, { grammaticalCase }).map((p) => ({ ...p, text: seg })));
      continue;
    }
    if (isSchoolRole(nom)) {
      parties.push({ text: seg, kind: "role", name: capitalize(nom), note: null });
      continue;
    }
    // «Школа-консультант МКОУ «Мамаканская СОШ»»: the body is what follows the common noun
    const body = /(?:^|\s)([А-ЯЁ]{2,}[А-ЯЁа-яё]*\s*[«"].*)$/u.exec(nom);
    parties.push({ text: seg, kind: "organization", name: capitalize(tidy(body ? body[1]! : nom)), note: null });
  }
  return parties;
}

/** A body addressed in the dative whose name lists what it governs: «Отделу образования, опеки и попечительства». */
const BODY_HEAD_DATIVE = /^(?:министерству|управлению|отделу|комитету|департаменту|агентству|главному\s+управлению)\s/iu;
/** A noun in the dative: a party of its own («методической службе», «школам»), not the genitive of a body's field. */
const DATIVE_NOUN = /(?:у|ю|е|ам|ям)$/iu;
const ADJECTIVE = /(?:ой|ей|ого|его|ому|ему|ых|их|ым|им)$/iu;

/** The first word of a phrase that is not an adjective: «молодёжной политики» → «политики». */
function firstNoun(phrase: string): string {
  const words = phrase.match(/[А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)*/gu) ?? [];
  return words.find((w) => !ADJECTIVE.test(w)) ?? words[0] ?? "";
}

/**
 * «Министерству образования, науки и молодёжной политики края», «Комитету по образованию, культуре и спорту»: the
 * segments after a body's head that go on its name (lowercase, in the genitive; or, after «по …», in its case)
 * join it back; a segment in the dative is a party of its own («Управлению образования, методической службе»).
 */
function joinBodyNames(segments: string[], joins: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const head = segments[i]!;
    out.push(head);
    if (!BODY_HEAD_DATIVE.test(`${head} `)) continue;
    const byField = /\sпо\s+[а-яё]+$/iu.test(head);
    let name = head;
    while (i + 1 < segments.length) {
      const seg = segments[i + 1]!;
      if (!/^[а-яё]/u.test(seg) || BODY_HEAD_DATIVE.test(`${seg} `) || isSchoolRole(seg)) break;
      if (!byField && DATIVE_NOUN.test(firstNoun(seg))) break;
      name += `${/и/u.test(joins[i] ?? "") ? " и " : ", "}${seg}`;
      i++;
    }
    out[out.length - 1] = name;
  }
  return out;
}

/** «Рекомендовать руководителям ОО обеспечить …», «Обязать руководителей ОО провести …»: the executor sits between two verbs. */
const DELEGATE = /^(рекомендовать|поручить|предложить|обязать)\s+/iu;

interface ExecutorSplit {
  /** the executor's words as written, or null */
  executor: string | null;
  grammaticalCase: "dat" | "acc";
  /** where the instruction proper starts in the text */
  titleFrom: number;
}

/** «Руководителям ОО в соответствии с приказом … обеспечить»: the circumstance belongs to the instruction, not the executor. */
const CIRCUMSTANCE = /\s(?:в\s+соответствии|согласно|на\s+основании|во\s+исполнение|в\s+целях|в\s+рамках|с\s+целью|в\s+связи|по\s+итогам|с\s+уч[её]том|в\s+ходе)(?![а-яё])/iu;

/** Where the executor's words end: before the verb, or before a circumstance said ahead of it. */
function executorEnd(head: string): number {
  const m = CIRCUMSTANCE.exec(head);
  return m ? m.index : head.length;
}

/** A point that names its executor before the verb: «Руководителям ОО обеспечить …» → «Руководителям ОО». */
function splitExecutor(text: string): ExecutorSplit {
  const delegate = DELEGATE.exec(text);
  if (delegate) {
    const rest = text.slice(delegate[0].length);
    const verb = firstInfinitive(rest);
    if (verb.index > 0) {
      const grammaticalCase = /^обязать/iu.test(delegate[1]!) ? "acc" : "dat";
      const end = executorEnd(rest.slice(0, verb.offset));
      return { executor: tidy(rest.slice(0, end)), grammaticalCase, titleFrom: delegate[0].length + end };
    }
    return { executor: null, grammaticalCase: "dat", titleFrom: 0 };
  }
  const { index, offset } = firstInfinitive(text);
  const head = index > 0 ? text.slice(0, offset) : index < 0 ? text : "";
  const first = /^[А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)?/u.exec(head.trim())?.[0];
  const none: ExecutorSplit = { executor: null, grammaticalCase: "dat", titleFrom: 0 };
  if (!first) return none;
  if (!ABBREVIATION.test(first) && !(DATIVE_WORD.test(first) && /^[А-ЯЁ]/u.test(first))) return none;
  if (/^(?:в|во|на|до|по|с|со)$/iu.test(first)) return none;
  const end = executorEnd(head);
  return { executor: tidy(head.slice(0, end)), grammaticalCase: "dat", titleFrom: index > 0 ? (end < head.length ? end : offset) : 0 };
}

// ---------- items ----------

const EVIDENCE_PAREN = /\(((?:протокол|приказ|аналитическ\S*\s+справк|справк|отч[её]т|информаци|пресс-релиз|письм)[^()]*)\)\s*$/iu;
const SUBMIT = /^(?:предоставить|представить|направить|подготовить\s+и\s+(?:направить|представить))(?:\s|$)/iu;
/** «представлять … аналитическую справку», «направить отчет …»: the report form the point names. */
const SUBMIT_ANYWHERE = /(?:^|\s)(?:пред(?:о)?ставл|представ|направ|подготов|разместить|размещать)[а-яё]*\s/iu;
const REPORT_FORM = /(?:аналитическ[а-яё]+\s+справк[а-яё]*|информационн[а-яё]+\s+справк[а-яё]*|справк[а-яё]*|отч[её]т[а-яё]*|протокол[а-яё]*|пресс-релиз[а-яё]*)(?:\s+(?:о|об|по)\s+[^,;.]+)?/iu;

interface Build {
  items: ImportedItem[];
  used: Set<string>;
  suffixes: SuffixedKeys;
  warnings: ImportWarningOut[];
  ctx: ProseContext;
}

/** A phrase with a month, a day or a quarter and no year of its own: «Срок: март», «до 15.06», «II квартал». */
function wantsYear(phrase: string): boolean {
  if (/(?:19|20)\d\d/u.test(phrase)) return false;
  if (/\d{1,2}\.\d{1,2}|квартал|полугоди|четверт/iu.test(phrase)) return true;
  return (phrase.toLowerCase().match(/[а-яё]+/gu) ?? []).some((w) => monthOf(w) !== null);
}

/**
 * The deadline of an item. `around` is the period of the block it stands in («3. Руководителям ОО в 2025/2026
 * учебном году:»): a month the item names without a year falls in it (a school year: Sep–Dec its first year).
 */
function schedule(b: Build, phrase: string | null, key: string, line: number | null, around: string | null = null): Schedule {
  if (!phrase) return { text: "", kind: "none", start: null, due: null, checkpoints: [], every: null };
  let ctx: DeadlineContext = { years: b.ctx.years, orderDate: b.ctx.orderDate, sectionYear: null, schoolYear: b.ctx.schoolYear ?? null };
  if (around && around !== phrase && wantsYear(phrase)) {
    const block = parseDeadline(around, ctx).schedule;
    if (block.start && block.due) {
      const sy = Number(block.start.slice(0, 4));
      const schoolYear = block.start.endsWith("-09-01") && block.due === `${sy + 1}-05-31`;
      ctx = schoolYear ? { ...ctx, schoolYear: sy } : { ...ctx, sectionPeriod: { start: block.start, end: block.due } };
    }
  }
  const parsed = parseDeadline(phrase, ctx);
  for (const message of parsed.warnings) b.warnings.push({ item: key, row: line, message });
  return parsed.schedule;
}

interface Inherited {
  executor: ResponsibleParty[];
  period: string | null;
}

function addItem(
  b: Build,
  opts: {
    key: string;
    number: string | null;
    section: string | null;
    title: string;
    phrase: string | null;
    line: number | null;
    inherited: Inherited;
    /** the period of the block the item stands in, for a month it names without a year */
    around: string | null;
    responsible: ResponsibleParty[] | null;
    evidence: string | null;
    flags: string[];
  },
): void {
  const key = uniqueKey(b, opts.key, opts.line);
  const flags = [...opts.flags];
  let phrase = opts.phrase;
  if (!phrase && opts.inherited.period) {
    phrase = opts.inherited.period;
    flags.push("inherited:deadline");
  }
  const deadline = schedule(b, phrase, key, opts.line, opts.around);
  if (deadline.kind === "none") b.warnings.push({ item: key, row: opts.line, message: `у пункта ${key} не указан срок` });
  const responsible = opts.responsible ?? opts.inherited.executor;
  if (!responsible.length) b.warnings.push({ item: key, row: opts.line, message: `у пункта ${key} не указан исполнитель` });
  let title = capitalize(opts.title);
  let evidence = opts.evidence;
  const ev = EVIDENCE_PAREN.exec(title);
  if (ev && !evidence) {
    evidence = capitalize(ev[1]!.trim());
  }
  const form = !evidence && SUBMIT_ANYWHERE.test(title) ? REPORT_FORM.exec(title) : null;
  if (form) evidence = capitalize(phraseNominative(form[0].trim(), "acc"));
  if (!title) title = key;
  b.items.push({ key, number: opts.number, section: opts.section, title, result: null, deadline, responsible, evidence, flags });
}

/** order: points instruct («Провести …»); plan: an annex's list of activities («Проведение …») — every leaf counts. */
type Mode = "order" | "plan";

function walk(b: Build, points: Point[], keyPrefix: string, section: string | null, base: Inherited, mode: Mode = "order"): void {
  for (const point of points) {
    if (point.parent) continue;
    visit(b, point, keyPrefix, section, base, mode);
  }
}

function visit(b: Build, point: Point, keyPrefix: string, section: string | null, inherited: Inherited, mode: Mode): void {
  const key = `${keyPrefix}${point.number}`;
  const labelled = takeLabelledResponsible(point.text);
  for (const message of labelled.doubts) b.warnings.push({ item: key, row: point.line, message });
  const own = splitDeadline(labelled.text);
  const text = own.title;
  // curator appointments become roadmap.curators (order-text.ts), not items
  if (CONTROL.test(text) || NOT_INSTRUCTION.test(text) || APPOINT.exec(text)?.index === 0) return;

  const verb = firstInfinitive(text);
  const split = splitExecutor(text);
  // the verb comes early, or right after an executor however long its list of schools
  const actionable = mode === "plan" || (verb.index >= 0 && (verb.index <= MAX_VERB_POSITION || split.titleFrom > 0));
  const executor = split.executor ? parseExecutor(splitPeriod(split.executor).title, split.grammaticalCase) : [];
  const period = own.phrase ?? splitPeriod(point.text).phrase;
  const next: Inherited = {
    executor: labelled.responsible ?? (executor.length ? executor : inherited.executor),
    period: period ?? inherited.period,
  };

  if (point.children.length) {
    // a header or an intro: its sub-points are the items
    if (point.bullets.length) b.warnings.push({ item: key, row: point.line, message: `в пункте ${key} есть текст без номера между подпунктами; он не стал пунктом` });
    for (const child of point.children) visit(b, child, keyPrefix, section, next, mode);
    return;
  }

  const bulletSplits = point.bullets.map((bl) => ({ ...bl, ...splitDeadline(bl.text) }));
  const title = actionable && split.titleFrom > 0 && verb.index >= 0 ? text.slice(split.titleFrom).trim() : text;
  if (bulletSplits.some((s) => s.phrase)) {
    // «- анализ … – в срок до 11.06.2020 г.;»: each dash with its own deadline is an item
    const lead = stripEnd(title);
    const submit = SUBMIT.test(lead);
    bulletSplits.forEach((s, n) => {
      const bulletKey = `${key}.${n + 1}`;
      addItem(b, {
        key: bulletKey,
        number: null,
        section,
        title: `${lead}: ${s.title}`,
        phrase: s.phrase ?? own.phrase,
        line: s.line,
        inherited: next,
        around: next.period,
        responsible: null,
        evidence: submit ? capitalize(phraseNominative(s.title, "acc")) : null,
        flags: ["unnumbered"],
      });
    });
    return;
  }
  if (!actionable) {
    b.warnings.push({ item: key, row: point.line, message: `пункт ${key} не похож на поручение и не стал мероприятием: «${text.slice(0, 60)}»` });
    return;
  }
  const full = point.bullets.length ? `${stripEnd(title)}: ${point.bullets.map((bl) => stripEnd(bl.text)).join("; ")}` : title;
  addItem(b, {
    key,
    number: point.number,
    section,
    title: full,
    phrase: own.phrase,
    line: point.line,
    inherited: { executor: next.executor, period: period ?? inherited.period },
    around: inherited.period,
    responsible: null,
    evidence: null,
    flags: [],
  });
}

/** «(ответственный: Иванова И.И., срок: апрель 2024)», «Ответственные – руководители ОО.» written inside a point. */
const LABELLED = /(^|[(,;.]\s*|\s)(?:ответственн[а-яё]*(?:\s+исполнител[а-яё]*)?|исполнител[а-яё]*)\s*[:–—-]\s*([^;()]+?)(?=\s*(?:[;)]|,\s*срок|\.\s*срок|\.?\s*$))/iu;

function takeLabelledResponsible(text: string): { text: string; responsible: ResponsibleParty[] | null; doubts: string[] } {
  const m = LABELLED.exec(text);
  if (!m) return { text, responsible: null, doubts: [] };
  const { parties: responsible, warnings: doubts } = readResponsible(m[2]!);
  if (!responsible.length) return { text, responsible: null, doubts: [] };
  const keep = m[1]!.startsWith("(") ? "(" : " ";
  const rest = `${text.slice(0, m.index)}${keep}${text.slice(m.index + m[0].length)}`
    .replace(/\(\s*[,;]\s*/gu, "(")
    .replace(/\(\s*\)/gu, "")
    .replace(/\s+([.;,)])/gu, "$1")
    .replace(/\s{2,}/gu, " ")
    .trim();
  return { text: rest, responsible, doubts };
}

/** The protocol's title as its section: «Протокол совещания … от 26.05.2021». */
function protocolSection(paras: Para[], from: number, to: number): string {
  for (let i = from; i < to; i++) {
    if (!PROTOCOL_TITLE.test(paras[i]!.text)) continue;
    const parts: string[] = [];
    for (let j = i; j < Math.min(to, i + 8); j++) {
      const t = paras[j]!.text;
      parts.push(t);
      if (/^от\s+\d/iu.test(t) || /\sот\s+\d{1,2}\.\d{1,2}\.\d{2,4}/u.test(t)) break;
    }
    const s = tidy(parts.join(" "));
    return s.replace(/^ПРОТОКОЛ/u, "Протокол");
  }
  return "Решения";
}

/**
 * Items from an order's prose: its numbered points (sub-points, dash bullets with their own deadlines)
 * and, when a protocol follows, the protocol's decisions keyed П1…
 */
export function importProse(paragraphs: Array<{ text: string; line?: number }>, ctx: ProseContext): ProseResult {
  const paras = prepare(paragraphs);
  const used = new Set<string>();
  const b: Build = { items: [], used, suffixes: new SuffixedKeys(used, suffixed), warnings: [], ctx };
  const orderStart = paras.findIndex((p) => ORDER_START.test(normalizeHeading(p.text).replace(/:$/, "")) || ORDER_START.test(p.text.replace(/\*/g, "").trim()));
  const decisionsAt = paras.findIndex((p, i) => i > orderStart && DECISIONS.test(p.text.replace(/\*/g, "").trim()));

  const stopOrder = (p: Para) => DECISIONS.test(p.text) || PROTOCOL_TITLE.test(p.text);
  if (orderStart >= 0 || decisionsAt < 0) {
    const body = readBody(paras, orderStart + 1, stopOrder);
    walk(b, body.points, "", null, { executor: [], period: null });
  }

  // an annex with the plan as a numbered list («Приложение … План мероприятий …»)
  const annexAt = paras.findIndex((p, i) => i > orderStart && orderStart >= 0 && ANNEX.test(p.text) && (decisionsAt < 0 || i < decisionsAt));
  if (annexAt >= 0) {
    const until = decisionsAt >= 0 ? decisionsAt : paras.length;
    const title = paras.slice(annexAt, Math.min(until, annexAt + 8)).find((p) => PLAN_TITLE.test(p.text));
    const body = readBody(paras, annexAt + 1, (p) => stopOrder(p) || (p !== paras[annexAt] && /^приложение/iu.test(p.text)));
    walk(b, body.points, "", title ? tidy(title.text) : tidy(paras[annexAt]!.text), { executor: [], period: null }, "plan");
  }

  if (decisionsAt >= 0) {
    const section = protocolSection(paras, Math.max(0, orderStart), decisionsAt);
    const body = readBody(paras, decisionsAt + 1, () => false);
    const lead = body.leads[body.leads.length - 1];
    const executor = lead ? parseExecutor(lead.text) : [];
    walk(b, body.points, "П", section, { executor, period: null });
  }
  return { items: b.items, warnings: b.warnings };
}

const LETTERS = "абвгдежзиклмнопрстуфхцчшщэюя";

/** «1а», …, «1я», «1а1», …: the keys a number written twice gets. */
function suffixed(key: string, n: number): string {
  return `${key}${LETTERS[n % LETTERS.length]}${n >= LETTERS.length ? Math.floor(n / LETTERS.length) : ""}`;
}

/** A number written twice (two lists both starting at 1) still gets a key of its own: «1а». */
function uniqueKey(b: Build, key: string, line: number | null): string {
  if (!b.used.has(key)) {
    b.used.add(key);
    return key;
  }
  const unique = b.suffixes.next(key, 0);
  b.used.add(unique);
  b.warnings.push({ item: unique, row: line, message: `номер пункта ${key} повторяется: пункту дан ключ ${unique}` });
  return unique;
}
