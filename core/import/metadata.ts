import type { DocumentBlock, ImportedRoadmap, ImportWarningOut, IsoDate, SourceDocument, SourceTable } from "../types.ts";
import { schoolFlagsIn, schoolKey, sameSchoolKey } from "../schools.ts";
import { oneLine } from "./markup.ts";
import { findController, findCurators } from "./order-text.ts";
import { guessRegion } from "./regions.ts";
import { findSchoolYear } from "./school-year.ts";

// What a roadmap says about itself: title, the order's number and date, the authority, the years it
// covers, its time zone, who controls it, the schools it names and their curators.

/** The roadmap part of the import result, before it has a database id. */
type Metadata = Omit<ImportedRoadmap, "id">;

export interface MetadataOptions {
  year?: number | null;
  timezone?: string | null;
  defaultTimezone: string;
  /** years of the roadmap's year sections («2020 год»), when its table has them */
  sectionYears?: number[];
  /** years written in the roadmap table's deadline cells, used when nothing else names the years */
  deadlineYears?: number[];
  /** the block the roadmap table starts at, for its heading */
  roadmapBlock?: number | null;
  /** the roadmap's own tables, left out of the order's text */
  roadmapTables?: SourceTable[];
}

type Paragraph = Extract<DocumentBlock, { type: "paragraph" }>;

const ORDER_WORD = /^п\s*р\s*и\s*к\s*а\s*з$|^приказ$|^распоряжение$|^постановление$/i;
const DECREE_WORD = /^(?:п\s*р\s*и\s*к\s*а\s*з\s*ы\s*в\s*а\s*ю|постановляю|обязываю|предлагаю)\s*:?\s*$/i;
const ORDER_TITLE = /^(?:об?|о)\s+[а-яё]/i;
const ROADMAP_HEADING = /план|дорожн|комплекс\s+мер|программ|мероприят/i;
/** a line that cites another act: its date and number are not the order's */
const CITING = /в\s+соответствии|согласно|на\s+основании|во\s+исполнение|в\s+целях|приказом|распоряжением|постановлением/i;
const MONTHS = ["январ", "феврал", "март", "апрел", "ма[йя]", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"];

export interface MetadataResult {
  meta: Metadata;
  warnings: ImportWarningOut[];
  /** «на 2025/2026 учебный год» → 2025: the deadline context of a school year's plan (not part of the JSON) */
  schoolYear: number | null;
  /** the first day of the roadmap's own period as the document (or `--year`) states it; null when its years are a guess */
  periodStart: IsoDate | null;
}

export function readMetadata(doc: SourceDocument, opts: MetadataOptions): MetadataResult {
  const warnings: ImportWarningOut[] = [];
  const paragraphs = doc.blocks.filter((b): b is Paragraph => b.type === "paragraph");
  const head = headParagraphs(paragraphs);

  const orderDate = findOrderDate(head) ?? findAppendixOrder(paragraphs)?.date ?? null;
  const orderNumber = findOrderNumber(head) ?? findAppendixOrder(paragraphs)?.number ?? null;
  const authority = findAuthority(paragraphs);
  const orderTitle = head.map((p) => p.text).find((t) => ORDER_TITLE.test(t) && t.length > 20) ?? null;
  const heading = roadmapHeading(doc.blocks, opts.roadmapBlock ?? null);
  // «План мероприятий» above the table says less than the order's «Об утверждении плана … по повышению …»
  const named = heading && orderTitle && isGenericHeading(heading) ? orderTitle : heading;
  const title = oneLine(named ?? orderTitle ?? firstSentence(paragraphs, authority) ?? doc.fileName.replace(/\.[^.]+$/, ""));

  let schoolYear = findSchoolYear({
    titles: [heading, orderTitle, title],
    text: paragraphs.map((p) => p.text),
    sectionRows: sectionRowTexts(opts.roadmapTables ?? []),
  });
  // `--year` wins; a school year that disagrees with it is dropped
  if (opts.year && schoolYear !== null && opts.year !== schoolYear && opts.year !== schoolYear + 1) schoolYear = null;

  let years: number[];
  let periodStart: IsoDate | null = null;
  if (opts.year) {
    years = [opts.year];
    periodStart = `${opts.year}-01-01`;
  } else {
    const found = new Set<number>([...(opts.sectionYears ?? []), ...yearsIn(heading), ...yearsIn(orderTitle), ...yearsIn(title)]);
    years = [...found].sort((a, b) => a - b);
    // a school year's plan covers both of its calendar years; a programme over more years is no school year's plan
    if (schoolYear !== null && years.every((y) => y === schoolYear || y === schoolYear! + 1)) years = [schoolYear, schoolYear + 1];
    else schoolYear = null;
    if (years.length) periodStart = schoolYear !== null ? `${schoolYear}-09-01` : `${years[0]}-01-01`;
    if (!years.length && opts.deadlineYears?.length) years = [...opts.deadlineYears];
    if (!years.length && orderDate) {
      years = [Number(orderDate.slice(0, 4))];
      warnings.push({ item: null, row: null, message: `год дорожной карты не указан: принят год приказа ${years[0]}` });
    }
  }

  let timezone = opts.timezone ?? null;
  if (!timezone) {
    const guess = guessRegion(allTexts(doc));
    timezone = guess?.zone ?? opts.defaultTimezone;
    if (!guess) warnings.push({ item: null, row: null, message: `регион не определён: часовой пояс ${opts.defaultTimezone}` });
  }

  const texts = orderLines(doc, opts.roadmapTables ?? []);
  const schools = findSchools(allTexts(doc), authority);
  const schoolFlags = schoolFlagsIn(allTexts(doc), schools, authority);
  return {
    meta: {
      title,
      orderNumber,
      orderDate,
      authority,
      years,
      timezone,
      controller: findController(texts),
      schools,
      curators: findCurators(texts),
      ...(schoolFlags.length ? { schoolFlags } : {}),
    },
    warnings,
    schoolYear,
    periodStart,
  };
}

/** Rows of the roadmap's tables with at most two different texts: section and stage rows, a caption row. */
function sectionRowTexts(tables: SourceTable[]): string[] {
  const out: string[] = [];
  for (const t of tables) {
    for (const row of t.rows) {
      const filled = [...new Set(row.map((c) => c.text.trim()).filter(Boolean))];
      if (filled.length >= 1 && filled.length <= 2) out.push(filled.join(" "));
    }
  }
  return out;
}

/** The order's head: everything before its title, its decree word or the first table (at most 20 paragraphs). */
function headParagraphs(paragraphs: Paragraph[]): Paragraph[] {
  const out: Paragraph[] = [];
  for (const p of paragraphs.slice(0, 20)) {
    if (DECREE_WORD.test(p.text) || (ORDER_TITLE.test(p.text) && p.text.length > 20)) {
      out.push(p); // the title itself is part of the head
      break;
    }
    out.push(p);
  }
  return out;
}

function findOrderDate(head: Paragraph[]): IsoDate | null {
  for (const p of head) {
    if (p.text.length > 80 || CITING.test(p.text)) continue;
    const d = dateIn(p.text);
    if (d) return d;
  }
  return null;
}

function findOrderNumber(head: Paragraph[]): string | null {
  for (const p of head) {
    if (p.text.length > 80 || CITING.test(p.text)) continue;
    const m = /№\s*([0-9][0-9A-Za-zА-Яа-яёЁ\-/.]*)/.exec(p.text);
    if (m) return m[1]!.replace(/[.\-/]+$/, "");
  }
  return null;
}

/** «… от 31.03.2023 № 120» in an appendix's heading, for documents without an order head. */
function findAppendixOrder(paragraphs: Paragraph[]): { date: IsoDate | null; number: string } | null {
  for (const p of paragraphs) {
    const m = /от\s+(\S+(?:\s+\S+){0,3}?)\s*(?:г\.?|года)?\s*№\s*([0-9][0-9A-Za-zА-Яа-яёЁ\-/]*)/i.exec(p.text);
    // only an appendix's own heading, not an order cited in the preamble («В соответствии с приказом от …»)
    if (m && p.text.length < 250 && /^(?:приложени|утвержд|к\s+приказу)/i.test(p.text.trim())) {
      const date = dateIn(m[1]!);
      if (date) return { date, number: m[2]!.replace(/[-/]+$/, "") };
    }
  }
  return null;
}

/** «31.03.2023», «от 10.06.2021», «01.06.2021 г.», «31 марта 2023 г.», «от «31» марта 2023» → ISO. */
export function dateIn(text: string): IsoDate | null {
  const numeric = /(?<!\d)(\d{1,2})\s*\.\s*(\d{1,2})\s*\.\s*(\d{4}|\d{2})(?!\d)/.exec(text);
  if (numeric) return iso(Number(numeric[3]!.length === 2 ? `20${numeric[3]}` : numeric[3]), Number(numeric[2]), Number(numeric[1]));
  const words = /(?<!\d)[«"]?(\d{1,2})[»"]?\s+([а-яё]+)\s+(\d{4})/i.exec(text);
  if (words) {
    const month = MONTHS.findIndex((m) => new RegExp(`^${m}`, "i").test(words[2]!));
    if (month >= 0) return iso(Number(words[3]), month + 1, Number(words[1]));
  }
  return null;
}

function iso(y: number, m: number, d: number): IsoDate | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1990 || y > 2100) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null;
  return date.toISOString().slice(0, 10);
}

/** Without an «Об …» title: the first paragraph of the head that is neither the authority, a date, a number nor a place. */
function firstSentence(paragraphs: Paragraph[], authority: string | null): string | null {
  const found = paragraphs
    .slice(0, 20)
    .find(
      (p) =>
        p.text.length >= 20 &&
        !(authority && authority.includes(oneLine(p.text))) &&
        !ORDER_WORD.test(p.text.trim()) &&
        !/^(?:от\s+)?[\d.«»"\sа-яё]*\d{4}\s*(?:г\.?|года)?\s*(?:№.*)?$/i.test(p.text),
    );
  return found?.text ?? null;
}

/** The paragraphs above «ПРИКАЗ», joined: «Управление образования администрации … округа». */
function findAuthority(paragraphs: Paragraph[]): string | null {
  const at = paragraphs.slice(0, 12).findIndex((p) => ORDER_WORD.test(p.text.trim()));
  if (at > 0) return oneLine(paragraphs.slice(0, at).map((p) => p.text).join(" "));
  const named = paragraphs
    .slice(0, 6)
    .find((p) => /(?:управлени|отдел|комитет|департамент|министерств)[а-яё]*\s+(?:по\s+)?(?:образовани|социальн)/i.test(p.text));
  return named ? (approvedBy(oneLine(named.text)) ?? oneLine(named.text)) : null;
}

// the body's first word in the genitive of an approval stamp, and its nominative
const NOMINATIVE: ReadonlyArray<[RegExp, string]> = [
  [/^(управлени)я$/i, "$1е"],
  [/^(отдел|комитет|департамент)а$/i, "$1"],
  [/^(министерств)а$/i, "$1о"],
];

/**
 * An application's stamp names the body that approved it: «УТВЕРЖДЕН приказом отдела образования
 * администрации … от 12.02.2025 № 45-од» → «отдел образования администрации …» (the body, in the
 * nominative, without the stamp's words and the order's date).
 */
function approvedBy(text: string): string | null {
  const m =
    /^(?:утвержд[её]н[аоы]?\s+)?(?:приказом|распоряжением|постановлением)\s+(.+?)(?:\s+от\s+[«"]?\d.*)?$/i.exec(text) ??
    // «Приложение 1 к приказу отдела образования администрации … от 03.03.2025 № 112»
    /^приложение\s*(?:№\s*)?\d*\s+к\s+(?:приказу|распоряжению|постановлению)\s+(.+?)(?:\s+от\s+[«"]?\d.*)?$/i.exec(text);
  if (!m) return null;
  const [first = "", ...rest] = m[1]!.split(/\s+/);
  const rule = NOMINATIVE.find(([re]) => re.test(first));
  return rule ? [first.replace(rule[0], rule[1]), ...rest].join(" ") : null;
}

/** «План мероприятий», «Дорожная карта на 2025 год»: a heading that names no subject (four words or fewer). */
function isGenericHeading(heading: string): boolean {
  return (heading.match(/[а-яёa-z]{3,}/giu) ?? []).length <= 4;
}

/** The heading just above the roadmap table, when it names a plan and is not set in capitals. */
function roadmapHeading(blocks: DocumentBlock[], at: number | null): string | null {
  if (at === null) return null;
  for (let i = at - 1; i >= 0 && i >= at - 6; i--) {
    const b = blocks[i]!;
    if (b.type === "table") continue;
    if (!b.text.trim()) continue;
    if (!ROADMAP_HEADING.test(b.text)) return null;
    const letters = b.text.replace(/[^а-яёa-z]/gi, "");
    const capitals = b.text.replace(/[^А-ЯЁA-Z]/g, "");
    return capitals.length > letters.length * 0.6 ? null : b.text;
  }
  return null;
}

/** «на 2023 год» → [2023]; «на 2020 - 2022 годы», «в 2023-2024 гг» → every year of the range. */
export function yearsIn(text: string | null): number[] {
  if (!text) return [];
  const out = new Set<number>();
  for (const m of text.matchAll(/(?<!\d)((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)(?!\d)/g)) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (b >= a && b - a <= 10) for (let y = a; y <= b; y++) out.add(y);
  }
  for (const m of text.matchAll(/(?<![\d–—-]\s?)((?:19|20)\d\d)\s*(?:год|году|года|г\.|гг)/gi)) out.add(Number(m[1]));
  return [...out].sort((a, b) => a - b);
}

/**
 * The order's text as lines for the controller and curator finders: its paragraphs, and the rows of small
 * tables among them (a signature block «Начальник | О.В. Губанищева» is often a borderless table).
 */
function orderLines(doc: SourceDocument, roadmapTables: SourceTable[]): string[] {
  const out: string[] = [];
  for (const b of doc.blocks) {
    if (b.type === "paragraph") out.push(b.text);
    else if (!roadmapTables.includes(b.table) && b.table.rows.length <= 3) {
      for (const row of b.table.rows) {
        const line = row.map((c) => oneLine(c.text)).filter(Boolean).join(" ");
        if (line) out.push(line);
      }
    }
  }
  return out;
}

function allTexts(doc: SourceDocument): string[] {
  const out: string[] = [];
  for (const b of doc.blocks) {
    if (b.type === "paragraph") out.push(b.text);
    else for (const row of b.table.rows) for (const c of row) if (c.text) out.push(c.text);
  }
  return out;
}

const LEGAL_FORM = String.raw`(?:МБОУ|МКОУ|МАОУ|МОБУ|МОКУ|МОУ|ГБОУ|ГКОУ|ГОУ|ЧОУ|НОУ)`;
const QUOTED = String.raw`«[^«»\n]*(?:«[^«»\n]*»[^«»\n]*)*»`;
const SCHOOL_TYPE = String.raw`(?:СОШ|ООШ|НОШ|НШДС|[Сс]редняя общеобразовательная школа|[Оо]сновная общеобразовательная школа|[Гг]имназия|[Лл]ицей|[Шш]кола(?:-интернат)?)`;
const PLACE = String.raw`(?:ж\.\s?д\.\s?ст\.|пгт\.?|пос\.|рп\.?|ст\.|г\.|с\.|п\.|д\.)\s*[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё0-9]+)?`;
const NAMED_AFTER = String.raw`(?:им\.|имени)\s*(?:[А-ЯЁ]\.\s*){1,2}[А-ЯЁ][а-яё]+`;
const SCHOOL = new RegExp(
  String.raw`(?<![А-ЯЁа-яё])${LEGAL_FORM}\s+(?:${QUOTED}|${SCHOOL_TYPE}(?:\s*№\s*\d+)?(?:\s+${PLACE})?(?:\s+${NAMED_AFTER})?)`,
  "g",
);

/** Every school the document names with its legal form, once each (the fullest spelling wins). */
function findSchools(texts: string[], authority: string | null): string[] {
  const found: Array<{ name: string; key: string }> = [];
  for (const t of texts) {
    for (const m of oneLine(t).matchAll(SCHOOL)) {
      const name = m[0].replace(/\s+/g, " ").trim();
      const key = schoolKey(name, authority);
      if (!key) continue;
      const same = found.find((f) => sameSchoolKey(f.key, key));
      if (!same) found.push({ name, key });
      else if (name.length > same.name.length) same.name = name;
    }
  }
  return found.map((f) => f.name);
}
