import type { DocumentBlock, ImportedItem, ImportWarningOut, IsoDate, SourceTable, TableCell } from "../types.ts";
import { parseDeadline } from "../deadline.ts";
import { readResponsible } from "../parties.ts";
import { assignKeys, itemNumber } from "./keys.ts";
import { oneLine } from "./markup.ts";

// Roadmap tables → items.
//
// The roadmap table is found by its header row (column names in any order, synonyms and prefixes), so
// the programme passport and the «Актуальность / Цель / Задачи» tables before it are passed over.
// Its rows are then read as:
//   - a column-number row («1 2 3 4») or a repeated header: skipped;
//   - a section row (one filled cell): starts a section; «2021 год» also sets the year for the rows below;
//   - a numbered row: an item;
//   - a row without a number that continues the cells above (page break: empty title, text starting in
//     lower case, an unclosed quote above): merged back into the row above with a space;
//   - any other row with content: an item flagged `unnumbered`.
// An empty result, deadline or responsible cell of a numbered row takes the value of the row above (the
// original merged them): flagged `inherited:<field>`, with a warning unless the reader saw the merge itself.

export type Column = "number" | "title" | "result" | "deadline" | "responsible" | "evidence";
export type Field = Exclude<Column, "number">;
/** Where each column is; `deadlineTo`: a deadline split into «начало | окончание» sub-columns ends here. */
export type Columns = Partial<Record<Column | "deadlineTo", number>>;

const FIELDS: Field[] = ["title", "result", "deadline", "responsible", "evidence"];
const INHERITED: Field[] = ["result", "deadline", "responsible"];
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
  [
    "evidence",
    /^(?:информационн\S* сопровожд|форм\S* (?:подтвержд|отчет|представлени|завершени)|подтвержд|отчетн\S* документ|документ\S* подтвержд|вид (?:отчетн|документ)|ссылк)/,
  ],
  ["responsible", /^(?:ответствен|исполнител|соисполнител)/],
  [
    "deadline",
    /^(?:(?:планируем|предполагаем|ожидаем|установленн)\S*\s+)?(?:срок|период|дат[аы] (?:проведен|исполнен|выполнен)|дата$|время (?:проведен|исполнен)|календарн)/,
  ],
  ["result", /^(?:результат|ожидаем|планируем|показател|индикатор|целев)/],
  ["title", /^(?:наименовани|мероприяти|описание|содержани|название|перечень мероприят|действи)/],
];

function headerText(s: string): string {
  return oneLine(s)
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/[«»"“”„'*:]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** The columns a header row names; empty when it is not a roadmap header. */
export function matchHeader(cells: string[]): Columns {
  const cols: Columns = {};
  cells.forEach((cell, i) => {
    const t = headerText(cell);
    if (!t || t.length > 90) return;
    const hit = SYNONYMS.find(([, re]) => re.test(t));
    if (hit && cols[hit[0]] === undefined) cols[hit[0]] = i;
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

/** A run of rows of one roadmap: the table's rows from `start`, read with `columns`. */
export interface Segment {
  table: SourceTable;
  start: number;
  columns: Columns;
}

/**
 * The roadmap tables of a document, in order, as segments: each table with its own header, and the
 * header-less tables that continue one after a page break (same width, nothing but empty prose between).
 */
export function findRoadmapSegments(blocks: DocumentBlock[]): Segment[] {
  const segments: Segment[] = [];
  let open: { columns: Columns; width: number } | null = null;
  for (const block of blocks) {
    if (block.type === "paragraph") {
      if (block.text.trim()) open = null;
      continue;
    }
    const table = block.table;
    const header = findHeader(table);
    if (header) {
      segments.push({ table, start: header.row + header.span, columns: header.columns });
      open = { columns: header.columns, width: width(table) };
    } else if (open && width(table) === open.width) {
      segments.push({ table, start: 0, columns: open.columns });
    } else {
      open = null;
    }
  }
  return segments;
}

const width = (t: SourceTable) => Math.max(0, ...t.rows.map((r) => r.length));

export interface TableContext {
  years: number[];
  orderDate: IsoDate | null;
  /** «на 2025/2026 учебный год» → 2025 (see DeadlineContext.schoolYear) */
  schoolYear?: number | null;
}

interface Section {
  title: string;
  year: number | null;
  marker: string | null;
}

interface Draft {
  number: string | null;
  /** false where the number is the row's position, not written in the document */
  written: boolean;
  section: Section | null;
  fields: Record<Field, string>;
  /** fields the reader found merged with the cell above (.docx vMerge) */
  merged: Set<Field>;
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

  const startSection = (title: string): Section => {
    const started = makeSection(title, sections.length + 1);
    sections.push(started);
    previous = null;
    lastWasSection = true;
    return started;
  };

  const rows = tableRows(segments);
  for (let r = 0; r < rows.length; r++) {
    const { cells, cols, row, texts } = rows[r]!;
    const cell = (c: Column): TableCell | undefined => (cols[c] === undefined ? undefined : cells[cols[c]!]);
    const numberCell = cell("number");
    const number = numberCell && !numberCell.mergedFromAbove ? itemNumber(numberCell.text) : null;
    const title = cols.title === undefined ? "" : (texts[cols.title] ?? "");

    if (number !== null && title && onlyTitle(texts.map((t, i) => (i === cols.number ? "" : t)), cols) && subNumbered(number, rows[r + 1])) {
      // «1 | Организационные мероприятия» above «1.1», «1.2»: a numbered section heading
      section = startSection(`${number}. ${oneLine(title)}`);
      continue;
    }
    if (number === null) {
      const heading = sectionHeading(texts, cols, numberCell);
      if (heading && !(previous && continues(previous, cells, cols))) {
        section = startSection(heading);
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

    const draft: Draft = { number, written: true, section, fields: emptyFields(), merged: new Set(), flags: [], row };
    for (const f of FIELDS) {
      const c = cell(f);
      if (!c) continue;
      draft.fields[f] = c.text.trim();
      if (c.mergedFromAbove && c.text.trim()) draft.merged.add(f);
    }
    drafts.push(draft);
    previous = draft;
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
    const parsed = parseDeadline(d.fields.deadline, { sectionYear: d.section?.year ?? null, years: ctx.years, orderDate: ctx.orderDate, schoolYear: ctx.schoolYear ?? null });
    for (const message of parsed.warnings) warnings.push({ draft: d, row: d.row, message });
    if (!d.fields.title) warnings.push({ draft: d, row: d.row, message: "у пункта нет названия мероприятия" });
    if (!d.fields.deadline && hasColumn(segments, "deadline")) warnings.push({ draft: d, row: d.row, message: "срок не указан" });
    const reading = d.fields.responsible ? readResponsible(d.fields.responsible) : { parties: [], warnings: [] };
    for (const message of reading.warnings) warnings.push({ draft: d, row: d.row, message });
    const responsible = reading.parties;
    if (!d.fields.responsible && hasColumn(segments, "responsible")) warnings.push({ draft: d, row: d.row, message: "ответственный не указан" });
    return {
      key,
      number: d.written ? d.number : null,
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
      if (!rowHasNumber(texts, seg.columns) && (isRoadmapHeader(matchHeader(texts)) || isSubHeader(texts))) continue; // repeated on a new page
      const joined = joinDeadlineRange(cells, seg.columns);
      out.push({ cells: joined, texts: joined.map((c) => c.text.trim()), cols: seg.columns, row: seg.table.rowNumbers?.[i] ?? i + 1 });
    }
  }
  return out;
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

/**
 * The title of a section row, or null: one filled cell (or the same text repeated across a merged row)
 * at or before the title column; or a Roman numeral in the number column with only the title filled.
 */
function sectionHeading(texts: string[], cols: Columns, numberCell: TableCell | undefined): string | null {
  const filled = texts.map((t, i) => [t, i] as const).filter(([t]) => t);
  const distinct = new Set(filled.map(([t]) => t));
  const titleAt = cols.title ?? 0;
  if (distinct.size === 1) {
    const [text, at] = filled[0]!;
    if (at <= titleAt && !startsLower(text)) return oneLine(text);
    return null;
  }
  const roman = numberCell ? /^([IVXLC]+|[А-Я])\.?$/.exec(numberCell.text.trim()) : null;
  if (roman && filled.length === 2 && cols.title !== undefined && texts[cols.title]) {
    return `${roman[1]}. ${oneLine(texts[cols.title]!)}`;
  }
  return null;
}

function makeSection(title: string, ordinal: number): Section {
  const year = /^(?:(19|20)\d\d)\s*(?:год[а-я]*|г\.?|гг\.?)?\.?$/i.test(title) ? Number(title.slice(0, 4)) : yearInHeading(title);
  const numbered = /^(?:раздел\s+)?(\d{1,2}|[IVXLC]+)(?=[.)\s])/i.exec(title);
  const marker = year !== null ? String(year) : numbered ? numbered[1]!.toUpperCase() : String(ordinal);
  return { title, year, marker };
}

/** «Мероприятия 2021 года», «На 2022 год» → the year; a heading that names several years gives none. */
function yearInHeading(title: string): number | null {
  const years = [...title.matchAll(/(?<!\d)((?:19|20)\d\d)\s*(?:год|г\.)/gi)].map((m) => Number(m[1]));
  return years.length === 1 ? years[0]! : null;
}

function startsLower(text: string): boolean {
  return /^[a-zа-яё]/.test(text.trim());
}

function onlyTitle(texts: string[], cols: Columns): boolean {
  return cols.title !== undefined && texts.every((t, i) => !t || i === cols.title);
}

/**
 * Does a row without a number carry on the row above (a page break split it)? Yes when its action cell is
 * empty or starts in lower case or with closing punctuation, when the action above ends with an unclosed
 * quote or bracket, or when another cell goes on from a cell above cut mid-phrase. A row whose action starts
 * afresh is a row of its own (an unnumbered item), even with a lower-case deadline («в течение года»).
 */
function continues(previous: Draft, cells: TableCell[], cols: Columns): boolean {
  const own = (c: Column) => {
    const at = cols[c];
    const cell = at === undefined ? undefined : cells[at];
    return cell && !cell.mergedFromAbove ? cell.text.trim() : "";
  };
  if (!FIELDS.some((f) => own(f))) return false;
  const title = own("title");
  if (cols.title !== undefined && !title) return true;
  if (CONTINUING.test(title) || unclosed(previous.fields.title)) return true;
  // the action starts afresh but another cell carries on mid-phrase: «Еженедельно в» + «течение года»
  return FIELDS.some((f) => f !== "title" && CONTINUING.test(own(f)) && OPEN_END.test(previous.fields[f]));
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
    for (const f of INHERITED) {
      if (d.merged.has(f)) {
        d.flags.push(`inherited:${f}`);
        continue;
      }
      if (d.fields[f] || !hasColumn(segments, f)) continue;
      const above = i > 0 ? drafts[i - 1]! : null;
      if (!above || above.section !== d.section || !above.fields[f]) continue;
      d.fields[f] = above.fields[f];
      d.flags.push(`inherited:${f}`);
      const from = above.number ?? "выше";
      warnings.push({
        draft: d,
        row: d.row,
        message: `пустая ячейка «${FIELD_NAMES[f]}» взята из строки выше (п. ${from}): в оригинале ячейки, видимо, были объединены`,
      });
    }
  }
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
