import type ExcelJS from "exceljs";
import type JSZip from "jszip";
import { IANAZone } from "luxon";
import { z } from "zod";
import { parseDeadline } from "../deadline/parse.ts";
import { DEADLINE_KINDS, EVERIES } from "../kinds.ts";
import { refoldApprovedLate } from "../import/approved-late.ts";
import { SuffixedKeys } from "../import/keys.ts";
import { parseResponsible } from "../parties.ts";
import { cellText, loadExcelJs } from "../readers/xlsx.ts";
import type { CuratorLink, ImportedItem, ImportResult, ImportWarningOut, Schedule } from "../types.ts";
import { COLUMNS, HEADER, ROADMAP_FIELDS, ROADMAP_SHEET, STORED_SHEET, responsibleCell, sectionYearOf, warningField, type ItemField, type RoadmapField } from "./layout.ts";
import { curatorsText } from "./write.ts";

// The canonical roadmap workbook → an ImportResult with exactly its rows: keys, titles and parties as
// written, «Срок» parsed like any deadline, «Ответственные» split like a document's cell. It is known
// by its header row on the first sheet, whatever the file is called. A cell left as it was exported
// keeps what the importer understood then (the hidden sheet); a changed cell is read afresh.

export interface WorkbookReadOptions {
  defaultTimezone: string;
  /** `--year` / `--tz`, as for any import */
  year?: number | null;
  timezone?: string | null;
}

const fold = (s: string) => s.toLowerCase().replace(/ё/g, "е").replace(/\s+/g, " ").trim();
const same = (a: string, b: string) => a.replace(/\s+/g, " ").trim() === b.replace(/\s+/g, " ").trim();
const CYRILLIC_SUFFIX = "абвгдежзиклмнопрстуфхцчшщэюя";

/** Cheap look at the raw XML before a full parse: does the first sheet's text hold the canonical header's words? */
async function mayBeWorkbook(bytes: Buffer): Promise<boolean> {
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) return false;
  let zip: JSZip;
  try {
    zip = await (await import("jszip")).default.loadAsync(bytes);
  } catch {
    return false;
  }
  if (!zip.file("xl/workbook.xml")) return false;
  const parts = [zip.file("xl/sharedStrings.xml"), zip.file("xl/worksheets/sheet1.xml")];
  let text = "";
  for (const p of parts) if (p) text += (await p.async("string").catch(() => "")).toLowerCase();
  return ["ключ", "мероприятие", "ответственные", "подтверждение"].every((w) => text.includes(w));
}

/** Column numbers (1-based) of the header's fields when this row is the canonical header, else null. */
function headerColumns(row: string[]): Map<ItemField, number> | null {
  const at = new Map<ItemField, number>();
  row.forEach((text, i) => {
    const h = HEADER.findIndex((name) => fold(name) === fold(text));
    if (h >= 0 && !at.has(COLUMNS[h]!)) at.set(COLUMNS[h]!, i + 1);
  });
  return at.size === HEADER.length ? at : null;
}

function rowTexts(ws: ExcelJS.Worksheet, r: number, width: number): string[] {
  const row = ws.getRow(r);
  const out: string[] = [];
  for (let c = 1; c <= width; c++) out.push(cellText(row.getCell(c)));
  return out;
}

/** The canonical workbook read as an import, or null when the file is something else (then it is read as a document). */
export async function readCanonicalWorkbook(bytes: Buffer, opts: WorkbookReadOptions): Promise<ImportResult | null> {
  if (!(await mayBeWorkbook(bytes))) return null;
  const wb = new (await loadExcelJs()).Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return null;
  }
  const sheet = wb.worksheets[0];
  if (!sheet) return null;
  const width = Math.max(sheet.columnCount, HEADER.length);
  let headerRow = 0;
  let columns: Map<ItemField, number> | null = null;
  for (let r = 1; r <= Math.min(sheet.rowCount, 10) && !columns; r++) {
    const texts = rowTexts(sheet, r, width);
    if (texts.every((t) => !t)) continue;
    columns = headerColumns(texts);
    headerRow = r;
    if (!columns) return null; // the first filled row is not the canonical header
  }
  if (!columns) return null;
  return buildResult(wb, sheet, headerRow, columns, opts);
}

// The hidden sheet comes back from someone's computer: only well-formed items are trusted, the rest is read afresh.
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const storedItem = z.object({
  key: z.string(),
  number: z.string().nullable(),
  section: z.string().nullable(),
  title: z.string(),
  result: z.string().nullable(),
  deadline: z.object({
    text: z.string(),
    kind: z.enum(DEADLINE_KINDS),
    start: isoDate.nullable(),
    due: isoDate.nullable(),
    checkpoints: z.array(isoDate),
    every: z.enum(EVERIES).nullable(),
  }),
  responsible: z.array(
    z.object({
      text: z.string(),
      kind: z.enum(["person", "role", "organization"]),
      name: z.string(),
      note: z.string().nullable(),
      position: z.string().nullable().optional(),
    }),
  ),
  evidence: z.string().nullable(),
  flags: z.array(z.string()),
});
const storedCurators = z.array(
  z.object({ school: z.string(), curator: z.string(), curatorKind: z.enum(["person", "organization"]), position: z.string().nullable().optional() }),
);
const storedFlags = z.array(z.object({ school: z.string(), shnor: z.boolean().optional(), shnsu: z.boolean().optional(), risk: z.boolean().optional() }));
const storedWarning = z.object({ item: z.string().nullable(), row: z.number().nullable(), message: z.string() });

interface Stored {
  result: ImportResult;
}

/** What the hidden sheet says, keeping only the items and warnings of the right shape. */
function storedResult(wb: ExcelJS.Workbook): ImportResult | null {
  const raw = storedJson(wb);
  if (!raw) return null;
  const items = raw.items.flatMap((i) => {
    const parsed = storedItem.safeParse(i);
    return parsed.success ? [parsed.data] : [];
  });
  const warnings = (Array.isArray(raw.warnings) ? raw.warnings : []).flatMap((w) => {
    const parsed = storedWarning.safeParse(w);
    return parsed.success ? [parsed.data] : [];
  });
  const curators = storedCurators.safeParse(raw.roadmap.curators);
  const flags = storedFlags.safeParse(raw.roadmap.schoolFlags ?? []);
  const roadmap: ImportResult["roadmap"] = { ...raw.roadmap, curators: curators.success ? curators.data : [] };
  if (raw.roadmap.schoolFlags !== undefined) roadmap.schoolFlags = flags.success ? flags.data : [];
  return { ...raw, roadmap, items, warnings };
}

function storedJson(wb: ExcelJS.Workbook): ImportResult | null {
  const ws = wb.getWorksheet(STORED_SHEET);
  if (!ws) return null;
  let json = "";
  for (let r = 1; r <= ws.rowCount; r++) {
    const v = ws.getCell(r, 1).value;
    if (typeof v === "string") json += v;
  }
  try {
    const parsed = JSON.parse(json) as Stored;
    return parsed?.result && Array.isArray(parsed.result.items) && parsed.result.roadmap ? parsed.result : null;
  } catch {
    return null;
  }
}

function roadmapSheet(wb: ExcelJS.Workbook): Map<RoadmapField, string> | null {
  const ws = wb.getWorksheet(ROADMAP_SHEET) ?? wb.worksheets[1];
  if (!ws || ws.name === STORED_SHEET) return null;
  const byLabel = new Map(ROADMAP_FIELDS.map(([field, label]) => [fold(label), field]));
  const out = new Map<RoadmapField, string>();
  ws.eachRow((row) => {
    const field = byLabel.get(fold(cellText(row.getCell(1))));
    if (field && !out.has(field)) out.set(field, cellText(row.getCell(2)));
  });
  return out.size ? out : null;
}

function buildResult(wb: ExcelJS.Workbook, sheet: ExcelJS.Worksheet, headerRow: number, columns: Map<ItemField, number>, opts: WorkbookReadOptions): ImportResult {
  const stored = storedResult(wb);
  const warnings: ImportWarningOut[] = [];
  const roadmap = readRoadmap(roadmapSheet(wb), stored, opts, warnings);
  const storedItems = new Map((stored?.items ?? []).map((i) => [i.key, i]));
  const storedWarnings = new Map<string, ImportWarningOut[]>();
  for (const w of stored?.warnings ?? []) if (w.item !== null) storedWarnings.set(w.item, [...(storedWarnings.get(w.item) ?? []), w]);

  const items: ImportedItem[] = [];
  const used = new Set<string>();
  const suffixes = new SuffixedKeys(used, (base, i) => (i < CYRILLIC_SUFFIX.length ? `${base}${CYRILLIC_SUFFIX[i]}` : `${base}.${i - CYRILLIC_SUFFIX.length + 2}`));
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cell = (f: ItemField) => cellText(row.getCell(columns.get(f)!));
    const written = Object.fromEntries(COLUMNS.map((f) => [f, cell(f)])) as Record<ItemField, string>;
    if (COLUMNS.every((f) => !written[f])) continue;
    const key = uniqueKey(written.key || written.number, items.at(-1)?.key ?? null, used, suffixes);
    if (key !== written.key.replace(/\s+/g, "")) {
      warnings.push({
        item: key,
        row: r,
        message: written.key ? `ключ «${written.key}» повторяется: строке дан ключ ${key}` : `у строки нет ключа: дан ключ ${key}`,
      });
    }
    used.add(key);
    const was = storedItems.get(written.key);
    const item = readItem(written, key, was, roadmap, r, warnings);
    // the doubts about cells left as they were still hold
    for (const w of storedWarnings.get(written.key) ?? []) {
      if (was && unchanged(written, was, warningField(w.message))) warnings.push({ ...w, item: key, row: r });
    }
    items.push(item);
  }
  for (const w of stored?.warnings ?? []) if (w.item === null) warnings.push(w);
  // a programme approved after its start: its one line counts the items as they are now
  return { roadmap, items, warnings: refoldApprovedLate(items, sortWarnings(warnings, items), roadmap), origin: "workbook" };
}

function sortWarnings(warnings: ImportWarningOut[], items: ImportedItem[]): ImportWarningOut[] {
  const order = new Map(items.map((i, n) => [i.key, n]));
  const rank = (w: ImportWarningOut) => (w.item === null ? -1 : (order.get(w.item) ?? -1));
  return warnings.map((w, n) => ({ w, n })).sort((a, b) => rank(a.w) - rank(b.w) || a.n - b.n).map((x) => x.w);
}

/** The key as written; an empty or repeated one becomes the number, else the previous key with a letter («9а»). */
function uniqueKey(written: string, previous: string | null, used: Set<string>, suffixes: SuffixedKeys): string {
  const key = written.replace(/\s+/g, "");
  if (key && !used.has(key)) return key;
  return suffixes.next(key || previous || "0", 0); // «9а», …, «9я», then «9.2», «9.3», …
}

/** Is this field of the row as it was exported? */
function unchanged(written: Record<ItemField, string>, was: ImportedItem, field: ItemField): boolean {
  return same(written[field], exportedText(was, field));
}

function exportedText(item: ImportedItem, field: ItemField): string {
  switch (field) {
    case "key":
      return item.key;
    case "section":
      return item.section ?? "";
    case "number":
      return item.number ?? "";
    case "title":
      return item.title;
    case "deadline":
      return item.deadline.text;
    case "responsible":
      return responsibleCell(item);
    case "result":
      return item.result ?? "";
    case "evidence":
      return item.evidence ?? "";
  }
}

function readItem(
  written: Record<ItemField, string>,
  key: string,
  was: ImportedItem | undefined,
  roadmap: ImportResult["roadmap"],
  row: number,
  warnings: ImportWarningOut[],
): ImportedItem {
  const keep = (f: ItemField) => !!was && unchanged(written, was, f);
  const text = (f: ItemField, old: string | null | undefined) => (keep(f) && old !== undefined ? old : written[f]);
  const orNull = (s: string | null) => (s && s.trim() ? s : null);
  const section = orNull(text("section", was?.section));
  let deadline: Schedule;
  if (keep("deadline")) deadline = was!.deadline;
  else {
    const parsed = parseDeadline(written.deadline, { sectionYear: sectionYearOf(section), years: roadmap.years, orderDate: roadmap.orderDate });
    deadline = parsed.schedule;
    for (const message of parsed.warnings) warnings.push({ item: key, row, message });
  }
  const responsible = keep("responsible") ? was!.responsible : parseResponsible(written.responsible);
  if (!keep("responsible") && responsible.length === 0) warnings.push({ item: key, row, message: "ответственный не указан" });
  const title = keep("title") ? was!.title : written.title;
  if (!title.trim()) warnings.push({ item: key, row, message: "у пункта нет названия мероприятия" });
  // a flag about a field the coordinator rewrote no longer holds («inherited:responsible»)
  const flags = (was?.flags ?? []).filter((f) => {
    if (f === "untitled") return !title.trim();
    const m = /^inherited:(\w+)$/.exec(f);
    return !m || keep(m[1] as ItemField);
  });
  return {
    key,
    number: orNull(text("number", was?.number)),
    section,
    title,
    result: orNull(text("result", was?.result)),
    deadline,
    responsible,
    evidence: orNull(text("evidence", was?.evidence)),
    flags,
  };
}

function readRoadmap(sheet: Map<RoadmapField, string> | null, stored: ImportResult | null, opts: WorkbookReadOptions, warnings: ImportWarningOut[]): ImportResult["roadmap"] {
  const was = stored?.roadmap;
  const get = (f: RoadmapField): string => sheet?.get(f) ?? "";
  const orNull = (s: string) => (s.trim() ? s.trim() : null);
  if (!sheet) warnings.push({ item: null, row: null, message: `нет листа «${ROADMAP_SHEET}»: название, приказ и часовой пояс не указаны` });

  let orderDate: string | null = null;
  const dateText = get("orderDate").trim();
  if (dateText) {
    const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})/.exec(dateText) ?? null;
    const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateText);
    orderDate = m ? `${m[3]}-${m[2]!.padStart(2, "0")}-${m[1]!.padStart(2, "0")}` : iso ? dateText : null;
    if (!orderDate || Number.isNaN(Date.parse(`${orderDate}T00:00:00Z`))) {
      orderDate = null;
      warnings.push({ item: null, row: null, message: `дата приказа «${dateText}» не распознана: укажите её как 31.03.2023` });
    }
  }
  let timezone = opts.timezone ?? get("timezone").trim();
  if (!timezone || !IANAZone.isValidZone(timezone)) {
    if (timezone) warnings.push({ item: null, row: null, message: `часовой пояс «${timezone}» не распознан: принят ${opts.defaultTimezone}` });
    timezone = opts.defaultTimezone;
  }
  const years = opts.year ? [opts.year] : [...new Set([...get("years").matchAll(/(?<!\d)((?:19|20)\d\d)(?!\d)/g)].map((m) => Number(m[1])))].sort((a, b) => a - b);
  const schools = get("schools").split("\n").map((s) => s.trim()).filter(Boolean);
  const curators = was && same(get("curators"), curatorsText(was.curators)) ? was.curators : readCurators(get("curators"));
  const schoolFlags = (was?.schoolFlags ?? []).filter((f) => schools.includes(f.school));
  const roadmap: ImportResult["roadmap"] = {
    id: null,
    title: get("title").trim(),
    orderNumber: orNull(get("orderNumber")),
    orderDate,
    authority: orNull(get("authority")),
    years,
    timezone,
    controller: orNull(get("controller")),
    schools,
    curators,
  };
  if (was?.schoolFlags) roadmap.schoolFlags = schoolFlags;
  const identity = orNull(get("identity"));
  if (identity && /^(?:order|content):./.test(identity)) roadmap.identity = identity;
  else if (identity) warnings.push({ item: null, row: null, message: `«Идентификатор карты» изменён («${identity.slice(0, 40)}»): карта будет найдена по приказу` });
  return roadmap;
}

/** «МБОУ СОШ № 1 — Иванова А.А.» per line. */
function readCurators(text: string): CuratorLink[] {
  const out: CuratorLink[] = [];
  for (const line of text.split("\n")) {
    const m = /^(.+?)\s+[—–-]+\s+(.+)$/.exec(line.trim()) ?? /^(.+?)\s*(?:→|->|:)\s*(.+)$/.exec(line.trim());
    if (!m) continue;
    const party = parseResponsible(m[2]!)[0];
    const person = party?.kind === "person";
    out.push({ school: m[1]!.trim(), curator: person ? party.name : m[2]!.trim(), curatorKind: person ? "person" : "organization" });
  }
  return out;
}
