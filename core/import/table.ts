import type { DocumentBlock, ImportedItem, ImportWarningOut, IsoDate, ParsedDeadline, Schedule, SourceTable, TableCell } from "../types.ts";
import { parseDeadline } from "../deadline/parse.ts";
import { readResponsible } from "../parties.ts";
import { assignKeys, itemNumber } from "./keys.ts";
import { oneLine } from "./markup.ts";
import { assignColumns, columnStats, isNumberCell, looksLikeRoadmap, type HeaderHint } from "./columns.ts";
import { letterMark, looksLikeAction, looksLikeDeadline, looksLikeParties, romanValue } from "./cells.ts";
import { makeSection, sectionHeading, startsLower, type Section } from "./sections.ts";
import { maxOf } from "../arrays.ts";

// Roadmap tables → items.
//
// The roadmap table is found by its header row (column names in any order, synonyms and prefixes), so
// the programme passport and the «Актуальность / Цель / Задачи» tables before it are passed over; a table
// whose header words are new (or that has none) is found by what its cells hold (columns.ts), and the
// columns a known header leaves unnamed are judged the same way.
// Its rows are then read as:
//   - a column-number row («1 2 3 4»), a repeated header or a page number: skipped;
//   - a section row (one filled cell; «I. …», «Раздел 2.»; a stage with its own period «II. Основной этап |
//     январь – май 2026 г.»): starts a section; «2021 год» or a stage's period is the context of the
//     deadlines below (sections.ts);
//   - a numbered row («1», «1.1», «2)», «IV.» where items are numbered so): an item; «а)», «б)» under it are
//     its sub-items «3а», «3б»;
//   - a row without a number that continues the cells above (page break: empty title, text starting in
//     lower case, an unclosed quote above): merged back into the row above with a space;
//   - any other row with content: an item flagged `unnumbered`.
// An empty result, deadline or responsible cell of a numbered row takes the value of the row above (the
// original merged them): flagged `inherited:<field>`, with a warning unless the reader saw the merge itself;
// an empty deadline in a stage takes the stage's period. A numbered row with no action takes nothing (it is
// a slip, not a merged item's row): flagged `untitled`, with a warning saying so.

export type Column = "number" | "title" | "result" | "deadline" | "responsible" | "evidence";
type Field = Exclude<Column, "number">;
/** Where each column is; `deadlineTo`: a deadline split into «начало | окончание» sub-columns ends here. */
export type Columns = Partial<Record<Column | "deadlineTo", number>>;

const FIELDS: Field[] = ["title", "result", "deadline", "responsible", "evidence"];
const INHERITED: Field[] = ["result", "deadline", "responsible"];
const UNTITLED_WITHHELD = "у пункта нет названия мероприятия: сроки, ответственные и результат из строки выше в него не перенесены — впишите название или уберите пункт";
const FIELD_NAMES: Record<Field, string> = {
  title: "Мероприятие",
  result: "Результат",
  deadline: "Срок",
  responsible: "Ответственный",
  evidence: "Подтверждение",
};

// Checked in this order: «Период реализации отдельного действия» is a deadline before it is an action,
// «Ответственные исполнители» a responsible party, «Информационное сопровождение» the evidence.
const SYNONYMS: Array<[Column, RegExp]> = [
  ["number", /^(?:№+|n|no|номер|#)(?:\s*п\s*\/?\s*п)?\.?$|^п\s*\/\s*п$/],
  ["responsible", /^кто (?:отвеча|ответствен|исполня|выполня|делает)/],
  [
    "evidence",
    /^(?:информационн\S* сопровожд|форм\S* (?:подтвержд|отчет|представлени|завершени)|подтвержд|отчетн\S* документ|документ\S* подтвержд|вид (?:отчетн|документ)|ссылк)/,
  ],
  ["responsible", /^(?:ответствен|исполнител|соисполнител)/],
  [
    "deadline",
    /^(?:(?:планируем|предполагаем|ожидаем|установленн)\S*\s+)?(?:срок|период|дат[аы] (?:проведен|исполнен|выполнен)|дата$|время (?:проведен|исполнен)|календарн|когда$)/,
  ],
  ["result", /^(?:результат|ожидаем|планируем|показател|индикатор|целев)/],
  ["title", /^(?:наименовани|мероприяти|описание|содержани|название|перечень мероприят|действи|вид\S* (?:деятельност|работ|мероприят)|что (?:делаем|сделать|нужно сделать))/],
];

/** A column to leave out: a note, a mark of completion filled in later. */
const NOTE_HEADER = /^(?:примечани|прим\.|отметк|комментари|статус|факт(?:ическ)?|подпись|выполнено|информаци\S* о (?:выполнени|исполнени))/;

function headerText(s: string): string {
  return oneLine(s)
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/[«»"“”„'*:]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** What one header cell says of its column. */
function headerHint(cell: string): HeaderHint {
  const t = headerText(cell);
  if (!t || t.length > 90) return null;
  if (NOTE_HEADER.test(t)) return "note";
  return SYNONYMS.find(([, re]) => re.test(t))?.[0] ?? null;
}

/** The columns a header row names; empty when it is not a roadmap header. */
export function matchHeader(cells: string[]): Columns {
  const cols: Columns = {};
  cells.forEach((cell, i) => {
    const hit = headerHint(cell);
    if (hit && hit !== "note" && cols[hit] === undefined) cols[hit] = i;
  });
  return cols;
}

/** A roadmap header names the action and at least two of: number, result, deadline, responsible, evidence. */
function isRoadmapHeader(cols: Columns): boolean {
  if (cols.title === undefined) return false;
  const others = (["number", "result", "deadline", "responsible", "evidence"] as Column[]).filter((c) => cols[c] !== undefined);
  return others.length >= 2 && (cols.deadline !== undefined || cols.responsible !== undefined);
}

const roleCount = (cols: Columns) => Object.keys(cols).length;

export interface HeaderMatch {
  /** index of the header's first row */
  row: number;
  /** rows it takes (a header split over two rows takes 2) */
  span: number;
  columns: Columns;
}

/** The first roadmap header in a table, possibly split over two rows. */
export function findHeader(table: SourceTable): HeaderMatch | null {
  const texts = table.rows.map((r) => r.map((c) => c.text));
  for (let i = 0; i < texts.length; i++) {
    const one = matchHeader(texts[i]!);
    const next = texts[i + 1];
    if (next && roleCount(one) >= 1 && !rowHasNumber(next, one)) {
      // a header split over two rows names more columns joined than either row alone
      const own = matchHeader(next);
      const joined = texts[i]!.map((t, j) => `${t} ${next[j] ?? ""}`.trim());
      const two = matchHeader(joined);
      if (isRoadmapHeader(two) && roleCount(two) > Math.max(roleCount(one), roleCount(own))) {
        return withSubHeader({ row: i, span: 2, columns: two }, texts);
      }
    }
    if (isRoadmapHeader(one)) return withSubHeader({ row: i, span: 1, columns: one }, texts);
  }
  return null;
}

const SUB_HEADER = /^(?:начал|оконч|заверш|план|факт|дата начал|дата оконч|с|по|от|до)(?![а-яё])|^(?:начал|оконч|заверш|план|факт)/i;
const RANGE_START = /^(?:начал|дата начал|с|от)/i;
const RANGE_END = /^(?:оконч|заверш|дата оконч|по|до)/i;

function isSubHeader(cells: string[]): boolean {
  const filled = cells.map(headerText).filter(Boolean);
  return filled.length >= 2 && filled.every((t) => t.length <= 25 && SUB_HEADER.test(t));
}

/**
 * A row of sub-headers under the header («начало | окончание» under «Срок») belongs to it; a deadline
 * split that way is read as one range from both sub-columns.
 */
function withSubHeader(header: HeaderMatch, texts: string[][]): HeaderMatch {
  const sub = texts[header.row + header.span];
  if (!sub || rowHasNumber(sub, header.columns)) return header;
  if (!isSubHeader(sub)) return header;
  const columns = { ...header.columns };
  const at = columns.deadline;
  if (at !== undefined && RANGE_START.test(headerText(sub[at] ?? "")) && RANGE_END.test(headerText(sub[at + 1] ?? ""))) {
    columns.deadlineTo = at + 1;
  }
  return { row: header.row, span: header.span + 1, columns };
}

function rowHasNumber(cells: string[], cols: Columns): boolean {
  const at = cols.number ?? 0;
  return itemNumber(cells[at] ?? "") !== null;
}

/**
 * The roadmap header of a table and where each column is: by the header's words when they name the
 * columns (the columns they do not name are then judged by their cells), else by the cells alone — a
 * table whose header words are new, or that has no header, is a roadmap when its cells look like one.
 */
function findRoadmapTable(table: SourceTable): HeaderMatch | null {
  const texts = table.rows.map((r) => r.map((c) => c.text.trim()));
  const width = Math.max(0, maxOf(texts.map((r) => r.length)));
  const header = findHeader(table);
  if (header) {
    const names = texts.slice(header.row, header.row + header.span).reduce((a, r) => a.map((t, i) => `${t} ${r[i] ?? ""}`.trim()), Array<string>(width).fill(""));
    const hints = names.map(headerHint);
    const data = bodyRows(texts, header.row + header.span);
    const { columns } = assignColumns(columnStats(data, width), hints);
    // the header's own reading stands; the cells only fill what it left unnamed
    const merged: Columns = { ...columns, ...header.columns };
    for (const [role, at] of Object.entries(columns) as Array<[Column, number]>) {
      if (header.columns[role] === undefined && Object.values(header.columns).includes(at)) delete merged[role]; // e.g. the «окончание» sub-column
    }
    return { ...header, columns: merged };
  }
  return headerByContent(texts, width);
}

/** Rows of a table body that carry an item's cells: not empty, not a section row, not a column-number row. */
function bodyRows(texts: string[][], from: number): string[][] {
  const out: string[][] = [];
  for (let i = from; i < texts.length; i++) {
    const r = texts[i]!;
    if (new Set(r.filter(Boolean)).size < 2 || isColumnNumberRow(r)) continue;
    out.push(r);
  }
  return out;
}

function headerByContent(texts: string[][], width: number): HeaderMatch | null {
  const body = bodyRows(texts, 0);
  if (body.length < 2 || width < 2) return null;
  const first = assignColumns(columnStats(body, width), []);
  if (first.columns.title === undefined) return null;
  // the first row that reads as an item, and the header right above it (section and column-number rows between)
  const start = texts.findIndex((r) => fitsItem(r, first.columns));
  if (start < 0) return null;
  let headerRow = -1;
  for (let i = start - 1; i >= 0; i--) {
    const r = texts[i]!;
    const filled = new Set(r.filter(Boolean)).size;
    if (filled === 0 || isColumnNumberRow(r)) continue;
    if (filled === 1 && i === start - 1) continue; // a section row above the first item
    if (filled >= 2 && r.every((t) => t.length <= 120) && !fitsItem(r, first.columns)) headerRow = i;
    break;
  }
  const hints = headerRow < 0 ? [] : texts[headerRow]!.map(headerHint);
  const data = bodyRows(texts, start);
  const guess = assignColumns(columnStats(data, width), hints);
  if (!looksLikeRoadmap(guess, data.length)) return null;
  return headerRow < 0 ? { row: start, span: 0, columns: guess.columns } : { row: headerRow, span: 1, columns: guess.columns };
}

/** Does a row read as an item under these columns: a number, or an action with a deadline or a party? */
function fitsItem(r: string[], cols: Columns): boolean {
  const at = (c: Column) => (cols[c] === undefined ? "" : (r[cols[c]] ?? ""));
  if (new Set(r.filter(Boolean)).size < 2) return false;
  if (cols.number !== undefined && isNumberCell(at("number"))) return true;
  const deadline = looksLikeDeadline(at("deadline"));
  const party = looksLikeParties(at("responsible"));
  return (deadline && party) || (looksLikeAction(at("title")) && (deadline || party));
}

/** A run of rows of one roadmap: the table's rows from `start`, read with `columns`. */
export interface Segment {
  table: SourceTable;
  start: number;
  columns: Columns;
  /** the header row's texts, to pass over where a new page repeats it */
  header?: string[];
}

/**
 * The roadmap tables of a document, in order, as segments: each table with its own header, and the
 * header-less tables that continue one after a page break (same width, nothing but empty prose between).
 */
export function findRoadmapSegments(blocks: DocumentBlock[]): Segment[] {
  const segments: Segment[] = [];
  let open: { columns: Columns; width: number; header?: string[] } | null = null;
  for (const block of blocks) {
    if (block.type === "paragraph") {
      if (block.text.trim()) open = null;
      continue;
    }
    const table = block.table;
    // a table of the same width right after a roadmap, without a header of its own, goes on with it
    if (open && width(table) === open.width && !findHeader(table)) {
      segments.push({ table, start: 0, columns: open.columns, ...(open.header ? { header: open.header } : {}) });
      continue;
    }
    const header = findRoadmapTable(table);
    if (header) {
      const texts = header.span ? table.rows[header.row + header.span - 1]!.map((c) => c.text.trim()) : undefined;
      segments.push({ table, start: header.row + header.span, columns: header.columns, ...(texts ? { header: texts } : {}) });
      open = { columns: header.columns, width: width(table), ...(texts ? { header: texts } : {}) };
    } else {
      open = null;
    }
  }
  return segments;
}

const width = (t: SourceTable) => Math.max(0, maxOf(t.rows.map((r) => r.length)));

export interface TableContext {
  years: number[];
  orderDate: IsoDate | null;
  /** «на 2025/2026 учебный год» → 2025 (see DeadlineContext.schoolYear) */
  schoolYear?: number | null;
}

interface Draft {
  /** the number keys are made of: as written, a Roman numeral as its value, a sub-item «а)» under 3 as «3а» */
  number: string | null;
  /** the number as the document writes it, where it differs («IV») */
  shown?: string;
  /** a lettered sub-item («а)») */
  lettered: boolean;
  /** false where the number is the row's position, not written in the document */
  written: boolean;
  section: Section | null;
  fields: Record<Field, string>;
  /** fields the reader found merged with the cell above (.docx vMerge) */
  merged: Set<Field>;
  /** an untitled row that was given nothing from the row above, where a titled one would have been */
  withheld?: true;
  flags: string[];
  row: number | null;
}

interface DraftWarning {
  draft: Draft | null;
  row: number | null;
  message: string;
}

/** Items of the roadmap segments. */
export function tableItems(segments: Segment[], ctx: TableContext): { items: ImportedItem[]; warnings: ImportWarningOut[]; sections: string[] } {
  const drafts: Draft[] = [];
  const warnings: DraftWarning[] = [];
  const sections: Section[] = [];
  let section: Section | null = null;
  let previous: Draft | null = null; // the row a continuation belongs to
  let lastWasSection = false;

  const startSection = (title: string, period: string | null = null): Section => {
    const started = makeSection(title, sections.length + 1, period);
    sections.push(started);
    previous = null;
    parent = null;
    parentTitle = null;
    lastWasSection = true;
    return started;
  };

  const rows = tableRows(segments);
  const romanItems = numbersAreRoman(rows);
  let parent: string | null = null; // the number lettered sub-items («а)», «б)») hang from
  let parentTitle: string | null = null; // … and its title, when that row is only their heading
  for (let r = 0; r < rows.length; r++) {
    const { cells, cols, row, texts } = rows[r]!;
    const cell = (c: Column): TableCell | undefined => (cols[c] === undefined ? undefined : cells[cols[c]]);
    const numberCell = cell("number");
    const written = numberCell && !numberCell.mergedFromAbove ? numberCell.text.trim() : "";
    let number = itemNumber(written);
    let shown: string | undefined;
    const roman = romanItems ? romanValue(written) : null;
    if (number === null && roman !== null) [number, shown] = [String(roman), written.replace(/[.)]$/, "")];
    let title = cols.title === undefined ? "" : (texts[cols.title] ?? "");
    // «3. Семинар для учителей» in the action cell, the number column empty or missing (Word's numbering
    // typed into the cell, or two columns run together in a PDF): the number is the item's
    const typed = number === null && !written && ownTerms(texts, cols) ? /^(\d{1,3}(?:\.\d{1,3})*)[.)]\s+(?=[А-ЯЁA-Z«"])/.exec(title) : null;
    if (typed) [number, title] = [typed[1]!, title.slice(typed[0].length)];
    // «а)» in the number column, or opening the action: a sub-item of the numbered row above
    // (in the action only when it starts a run, «а)», or goes on with one, and the row has its own deadline or
    // party: a list in a cell split by a page break starts its next row with «б)» too)
    const inTitle = number === null && !written && titleLetterStarts(title, previous, texts, cols) ? /^([а-яё])\)\s+(?=\S)/.exec(title) : null;
    const letter = number === null ? (letterMark(written) ?? inTitle?.[1] ?? null) : null;
    if (letter && parent !== null) {
      number = `${parent}${letter}`;
      if (inTitle) title = title.slice(inTitle[0].length);
      // under a parent that is only a heading, the sub-item says what it is part of
      if (parentTitle) title = `${parentTitle}${/[:;,.—–-]$/.test(parentTitle) ? "" : ":"} ${title}`;
    } else parentTitle = null;
    if (number !== null && !letter && title && onlyNumberAndTitle(texts, cols) && letteredNext(rows[r + 1])) {
      // «2 | Проведение мониторинга:» above «а) | ВПР | …»: a heading of its sub-items, not an item itself
      parent = number;
      parentTitle = oneLine(title);
      continue;
    }

    if (number !== null && !letter && title && headingRow(texts, cols) && subNumbered(number, rows[r + 1])) {
      // «1 | Организационные мероприятия» above «1.1», «1.2»: a numbered section heading (with its period, if any)
      const period = cols.deadline !== undefined && texts[cols.deadline] ? oneLine(texts[cols.deadline]!) : null;
      section = startSection(`${number}. ${oneLine(title)}`, period);
      continue;
    }
    if (number === null) {
      const heading = sectionHeading(texts, cols, numberCell);
      if (heading && !(previous && continues(previous, cells, cols, true))) {
        section = startSection(heading.title, heading.period);
        continue;
      }
      if (previous && (numberCell?.mergedFromAbove || continues(previous, cells, cols))) {
        mergeInto(previous, cells, cols);
        continue;
      }
      if (lastWasSection && section && !heading && onlyTitle(texts, cols) && startsLower(title)) {
        section.title = `${section.title} ${oneLine(title)}`; // a section title split by a page break
        continue;
      }
    }

    const draft: Draft = { number, written: true, lettered: letter !== null && number !== null, section, fields: emptyFields(), merged: new Set(), flags: [], row };
    if (shown !== undefined) draft.shown = shown;
    for (const f of FIELDS) {
      const c = cell(f);
      if (!c) continue;
      draft.fields[f] = f === "title" ? title : c.text.trim();
      if (c.mergedFromAbove && c.text.trim()) draft.merged.add(f);
    }
    drafts.push(draft);
    previous = draft;
    if (number !== null && !letter) parent = number;
    lastWasSection = false;
  }

  if (drafts.some((d) => d.number !== null)) {
    for (const d of drafts) {
      if (d.number !== null) continue;
      d.flags.push("unnumbered");
      warnings.push({ draft: d, row: d.row, message: `строка без номера стала отдельным пунктом: «${quote(d.fields.title || "")}»` });
    }
  } else {
    // no number column, or one left empty (Word's automatic numbering lost on export): number by position
    const counts = new Map<Section | null, number>();
    for (const d of drafts) {
      const n = (counts.get(d.section) ?? 0) + 1;
      counts.set(d.section, n);
      d.number = String(n);
      d.written = false;
    }
    if (drafts.length && hasColumn(segments, "number")) {
      warnings.push({ draft: null, row: null, message: "в таблице нет номеров пунктов: пункты пронумерованы по порядку" });
    }
  }

  for (const [c, name] of [["deadline", "сроков"], ["responsible", "ответственных"]] as const) {
    if (drafts.length && !hasColumn(segments, c)) warnings.push({ draft: null, row: null, message: `в таблице нет столбца ${name}` });
  }
  inheritEmptyCells(drafts, segments, warnings);
  noteDuplicates(drafts, warnings);

  const keys = assignKeys(drafts.map((d) => ({ number: d.number, sectionMarker: d.section?.marker ?? null })));
  const keyOf = new Map(drafts.map((d, i) => [d, keys[i]!]));
  const items: ImportedItem[] = drafts.map((d, i) => {
    const key = keys[i]!;
    const parsed = deadlineIn(d.fields.deadline, d.section, ctx);
    for (const message of parsed.warnings) warnings.push({ draft: d, row: d.row, message });
    if (!d.fields.title) warnings.push({ draft: d, row: d.row, message: d.withheld ? UNTITLED_WITHHELD : "у пункта нет названия мероприятия" });
    if (!d.fields.deadline && hasColumn(segments, "deadline")) warnings.push({ draft: d, row: d.row, message: "срок не указан" });
    const reading = d.fields.responsible ? readResponsible(d.fields.responsible) : { parties: [], warnings: [] };
    for (const message of reading.warnings) warnings.push({ draft: d, row: d.row, message });
    const responsible = reading.parties;
    if (!d.fields.responsible && hasColumn(segments, "responsible")) warnings.push({ draft: d, row: d.row, message: "ответственный не указан" });
    return {
      key,
      number: d.written ? (d.shown ?? d.number) : null,
      section: d.section ? d.section.title : null,
      title: d.fields.title,
      result: d.fields.result || null,
      deadline: parsed.schedule,
      responsible,
      evidence: d.fields.evidence || null,
      flags: d.flags,
    };
  });

  warnings.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)); // in document order; stable within a row
  return {
    items,
    warnings: warnings.map((w) => ({ item: w.draft ? keyOf.get(w.draft) ?? null : null, row: w.row, message: w.message })),
    sections: sections.map((s) => s.title),
  };
}

const periods = new WeakMap<Section, Schedule>();

/**
 * A deadline read in its section's context: the section's year; in a stage with its own period, that period
 * (DeadlineContext.sectionPeriod: the year that puts a bare month inside it, «в течение этапа» is the period).
 */
function deadlineIn(text: string, section: Section | null, ctx: TableContext): ParsedDeadline {
  const base = { sectionYear: section?.year ?? null, years: ctx.years, orderDate: ctx.orderDate, schoolYear: ctx.schoolYear ?? null };
  if (!section?.period) return parseDeadline(text, base);
  let period = periods.get(section);
  if (!period) periods.set(section, (period = parseDeadline(section.period, base).schedule));
  const start = period.start ?? period.due;
  if (!start || !period.due) return parseDeadline(text, base);
  // the stage's period, not the one year it may name, is the context (priority: a section's year comes first)
  return parseDeadline(text, { ...base, sectionYear: null, sectionPeriod: { start, end: period.due } });
}

interface Row {
  cells: TableCell[];
  texts: string[];
  cols: Columns;
  /** the source line/row number */
  row: number;
}

/** The rows of every segment in order, without empty rows, column-number rows and repeated headers. */
function tableRows(segments: Segment[]): Row[] {
  const out: Row[] = [];
  for (const seg of segments) {
    for (let i = seg.start; i < seg.table.rows.length; i++) {
      const cells = seg.table.rows[i]!;
      const texts = cells.map((c) => c.text.trim());
      if (texts.every((t) => !t)) continue;
      if (isColumnNumberRow(texts)) continue;
      if (!rowHasNumber(texts, seg.columns) && (isRoadmapHeader(matchHeader(texts)) || isSubHeader(texts) || sameRow(texts, seg.header))) continue; // repeated on a new page
      if (isPageNumber(texts, seg.columns)) continue;
      const joined = joinDeadlineRange(cells, seg.columns);
      out.push({ cells: joined, texts: joined.map((c) => c.text.trim()), cols: seg.columns, row: seg.table.rowNumbers?.[i] ?? i + 1 });
    }
  }
  return out;
}

const sameRow = (texts: string[], header: string[] | undefined) => !!header && texts.some(Boolean) && texts.every((t, i) => t === (header[i] ?? ""));

/**
 * A row of nothing but a page number («12», «- 3 -», «стр. 4»), as a PDF's page footer leaves inside a table
 * (not in the number column: there it is an item's number whose words went to the rows around it).
 */
function isPageNumber(texts: string[], cols: Columns): boolean {
  const filled = texts.filter(Boolean);
  return filled.length === 1 && !texts[cols.number ?? -1] && /^(?:\d{1,3}|[-–—]\s*\d{1,3}\s*[-–—]|(?:стр\.?|страница)\s*\d{1,3}(?:\s*из\s*\d{1,3})?)$/i.test(filled[0]!);
}

/** «01.03.2024 | 31.05.2024» in «начало | окончание» sub-columns → one deadline cell «01.03.2024 – 31.05.2024». */
function joinDeadlineRange(cells: TableCell[], cols: Columns): TableCell[] {
  const from = cols.deadline;
  const to = cols.deadlineTo;
  if (from === undefined || to === undefined) return cells;
  const a = cells[from] ?? { text: "" };
  const b = cells[to] ?? { text: "" };
  const text = a.text.trim() && b.text.trim() ? `${a.text.trim()} – ${b.text.trim()}` : a.text.trim() || b.text.trim();
  const out = cells.slice();
  out[from] = a.mergedFromAbove && b.mergedFromAbove ? { text, mergedFromAbove: true } : { text };
  out[to] = { text: "" };
  return out;
}

/** Is the next row numbered under this number («1.1» under «1»)? */
function subNumbered(number: string, next: Row | undefined): boolean {
  if (!next || next.cols.number === undefined) return false;
  const n = itemNumber(next.texts[next.cols.number] ?? "");
  return n !== null && n.startsWith(`${number}.`);
}

const hasColumn = (segments: Segment[], c: Column) => segments.some((s) => s.columns[c] !== undefined);

function emptyFields(): Record<Field, string> {
  return { title: "", result: "", deadline: "", responsible: "", evidence: "" };
}

/** «1 2 3 4 5»: the column numbers printed under a header. */
function isColumnNumberRow(texts: string[]): boolean {
  const filled = texts.filter(Boolean);
  if (filled.length < 3) return false;
  return filled.every((t, i) => itemNumber(t) === String(i + 1));
}

function onlyTitle(texts: string[], cols: Columns): boolean {
  return cols.title !== undefined && texts.every((t, i) => !t || i === cols.title);
}

function onlyNumberAndTitle(texts: string[], cols: Columns): boolean {
  return cols.title !== undefined && texts.every((t, i) => !t || i === cols.title || i === cols.number);
}

/** Does the next row start a run of lettered sub-items («а)» in its number column or opening its action)? */
function letteredNext(next: Row | undefined): boolean {
  if (!next) return false;
  const at = (c: Column) => (next.cols[c] === undefined ? "" : (next.texts[next.cols[c]] ?? ""));
  return letterMark(at("number")) === "а" || (!at("number") && /^а\)\s/.test(at("title")));
}

function titleLetterStarts(title: string, previous: Draft | null, texts: string[], cols: Columns): boolean {
  const m = /^([а-яё])\)\s/.exec(title);
  if (!m || !ownTerms(texts, cols)) return false;
  return m[1] === "а" || (previous !== null && previous.lettered);
}

/** Does the row have a deadline or a party of its own (not a fragment of the row above)? */
function ownTerms(texts: string[], cols: Columns): boolean {
  const own = (c: Column) => (cols[c] === undefined ? "" : (texts[cols[c]] ?? ""));
  return looksLikeDeadline(own("deadline")) || looksLikeParties(own("responsible"));
}

/** A numbered row that can head a section: the title, and at most a period in the deadline column. */
function headingRow(texts: string[], cols: Columns): boolean {
  if (cols.title === undefined) return false;
  return texts.every((t, i) => !t || i === cols.title || i === cols.number || (i === cols.deadline && looksLikeDeadline(t)));
}

/** Are the items numbered I, II, III rather than 1, 2, 3? Then a Roman numeral is an item's number, not a section's. */
function numbersAreRoman(rows: Row[]): boolean {
  let roman = 0;
  let arabic = 0;
  for (const r of rows) {
    if (r.cols.number === undefined) continue;
    const t = r.texts[r.cols.number] ?? "";
    if (itemNumber(t) !== null) arabic++;
    else if (romanValue(t) !== null) roman++;
  }
  return roman >= 3 && roman > arabic;
}

/**
 * Does a row without a number carry on the row above (a page break split it)? Yes when its action cell is
 * empty or starts in lower case or with closing punctuation, when the action above ends with an unclosed
 * quote or bracket, or when another cell goes on from a cell above cut mid-phrase. A row whose action starts
 * afresh is a row of its own (an unnumbered item), even with a lower-case deadline («в течение года»).
 */
function continues(previous: Draft, cells: TableCell[], cols: Columns, heading = false): boolean {
  const own = (c: Column) => {
    const at = cols[c];
    const cell = at === undefined ? undefined : cells[at];
    return cell && !cell.mergedFromAbove ? cell.text.trim() : "";
  };
  if (!FIELDS.some((f) => own(f))) return false;
  const title = own("title");
  // (a row that reads as a section heading — a capitalised phrase in the first cell, as a merged row puts it —
  // carries on only a cell cut mid-phrase; any other row with an empty action carries on the row above)
  if (cols.title !== undefined && !title) return !heading || FIELDS.some((f) => own(f) && (CONTINUING.test(own(f)) || OPEN_END.test(previous.fields[f])));
  if (CONTINUING.test(title) || unclosed(previous.fields.title)) return true;
  // the action starts afresh but another cell carries on mid-phrase: «Еженедельно в» + «течение года»
  if (FIELDS.some((f) => f !== "title" && CONTINUING.test(own(f)) && OPEN_END.test(previous.fields[f]))) return true;
  // a fragment with no action and no deadline of its own, another cell going on in lower case
  // («ОО по итогам ВПР | | образования»: a row cut by a page break, as a PDF gives it)
  return !looksLikeAction(title) && !looksLikeDeadline(own("deadline")) && FIELDS.some((f) => f !== "title" && CONTINUING.test(own(f)));
}

/** Text that cannot start a cell of its own: lower case or closing punctuation. */
const CONTINUING = /^[a-zа-яё,;:.)»\]]/;
/** A cell cut mid-phrase: ending in a comma, dash, or a preposition or conjunction. */
const OPEN_END = /(?:[,\-–—(«]|(?:^|\s)(?:в|во|и|или|на|по|с|со|к|ко|до|для|о|об|от|за|из|при|а|но|не)\s*)$/i;

function unclosed(text: string): boolean {
  const count = (re: RegExp) => text.match(re)?.length ?? 0;
  return count(/«/g) > count(/»/g) || count(/\(/g) > count(/\)/g);
}

function mergeInto(draft: Draft, cells: TableCell[], cols: Columns): void {
  for (const f of FIELDS) {
    const at = cols[f];
    const cell = at === undefined ? undefined : cells[at];
    if (!cell || cell.mergedFromAbove) continue;
    const t = cell.text.trim();
    // the same text again is a sub-row of a merged number (.docx), not a continuation of the words
    if (t && t !== draft.fields[f]) draft.fields[f] = draft.fields[f] ? `${draft.fields[f]} ${t}` : t;
  }
}

/** Empty result/deadline/responsible of a numbered row ← the row above, within one section. */
function inheritEmptyCells(drafts: Draft[], segments: Segment[], warnings: DraftWarning[]): void {
  for (let i = 0; i < drafts.length; i++) {
    const d = drafts[i]!;
    if (d.flags.includes("unnumbered")) continue;
    if (!d.fields.title) {
      keepUntitled(d, i > 0 ? drafts[i - 1]! : null, segments);
      continue;
    }
    const taken: Field[] = [];
    for (const f of INHERITED) {
      if (d.merged.has(f)) {
        d.flags.push(`inherited:${f}`);
        continue;
      }
      if (d.fields[f] || !hasColumn(segments, f)) continue;
      if (f === "deadline" && d.section?.period) {
        // in a stage with its own period an empty deadline is the stage's, not the row above's
        d.fields.deadline = d.section.period;
        d.flags.push("inherited:deadline");
        warnings.push({ draft: d, row: d.row, message: `срок не указан: взят период раздела «${quote(d.section.title)}» (${d.section.period})` });
        continue;
      }
      const above = i > 0 ? drafts[i - 1]! : null;
      if (!above || above.section !== d.section || !above.fields[f]) continue;
      d.fields[f] = above.fields[f];
      d.flags.push(`inherited:${f}`);
      taken.push(f);
    }
    // one line per row, however many of its cells were taken: the preview lists rows, not cells
    if (taken.length > 0) warnings.push({ draft: d, row: d.row, message: inheritedMessage(taken, drafts[i - 1]!.number ?? "выше") });
  }
}

/**
 * A numbered row with no action is not the continuation of a merged item (that row has its own title):
 * it is a slip in the document. Nothing from the row above goes into it — neither empty cells nor the
 * text of cells merged with it — so no deadline or executor is invented; it stays an item flagged
 * `untitled`, and the warning says what was not taken, for the coordinator to fix in the preview.
 */
function keepUntitled(d: Draft, above: Draft | null, segments: Segment[]): void {
  d.flags.push("untitled");
  const mergedText = d.merged.size > 0;
  for (const f of d.merged) d.fields[f] = "";
  d.merged.clear();
  const fromAbove = (f: Field) => above !== null && above.section === d.section && !!above.fields[f];
  const couldTake = (f: Field) => !d.fields[f] && hasColumn(segments, f) && ((f === "deadline" && !!d.section?.period) || fromAbove(f));
  if (mergedText || INHERITED.some(couldTake)) d.withheld = true;
}

function inheritedMessage(fields: Field[], from: string): string {
  const names = fields.map((f) => `«${FIELD_NAMES[f]}»`);
  const cells = names.length === 1 ? `пустая ячейка ${names[0]} взята` : `пустые ячейки ${names.slice(0, -1).join(", ")} и ${names.at(-1)} взяты`;
  return `${cells} из строки выше (п. ${from}): в оригинале ячейки, видимо, были объединены`;
}

function noteDuplicates(drafts: Draft[], warnings: DraftWarning[]): void {
  const seen = new Set<string>();
  for (const d of drafts) {
    if (d.number === null) continue;
    const id = `${d.section?.marker ?? ""}|${d.number}`;
    if (seen.has(id)) warnings.push({ draft: d, row: d.row, message: `номер ${d.number} повторяется${d.section ? ` в разделе «${quote(d.section.title)}»` : ""}` });
    seen.add(id);
  }
}

function quote(s: string, max = 60): string {
  const t = oneLine(s);
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
