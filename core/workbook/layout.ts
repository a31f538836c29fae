import { parseResponsible } from "../parties.ts";
import type { ImportedItem, ImportWarningOut, ResponsibleParty } from "../types.ts";

// The canonical roadmap workbook's fixed shape (contract: «The canonical roadmap workbook (.xlsx)»),
// shared by the writer, the reader and the chat's «what needs a human» lead.

/** The first sheet's header row, exactly as the contract spells it. */
export const HEADER = ["Ключ", "Раздел", "№", "Мероприятие", "Срок", "Ответственные", "Результат", "Подтверждение"] as const;

export type ItemField = "key" | "section" | "number" | "title" | "deadline" | "responsible" | "result" | "evidence";
export const COLUMNS: readonly ItemField[] = ["key", "section", "number", "title", "deadline", "responsible", "result", "evidence"];

export const ITEMS_SHEET = "Мероприятия";
export const ROADMAP_SHEET = "Дорожная карта";
/** a hidden sheet: what the importer understood, used for every cell the coordinator left as it was */
export const STORED_SHEET = "vekha";

/** The second sheet's rows: label in column A, value in column B. */
export const ROADMAP_FIELDS = [
  ["title", "Название"],
  ["orderNumber", "Номер приказа"],
  ["orderDate", "Дата приказа"],
  ["authority", "Орган"],
  ["timezone", "Часовой пояс"],
  ["controller", "Контроль"],
  ["years", "Годы"],
  ["schools", "Школы"],
  ["curators", "Кураторы"],
  ["identity", "Идентификатор карты"],
  ["roadmapId", "Номер карты в Вехе"],
] as const;
export type RoadmapField = (typeof ROADMAP_FIELDS)[number][0];

/**
 * The parties as one cell, separated by «;» like a document's cell: each party as the document wrote it when
 * that reads back as the same party; else (a prose order's «Школе-консультанту …») its normalised name.
 */
export function responsibleCell(item: ImportedItem): string {
  return item.responsible.map(partyText).join("; ");
}

function partyText(p: ResponsibleParty): string {
  const readsAs = (text: string) => {
    const back = parseResponsible(text);
    return back.length === 1 && back[0]!.kind === p.kind && back[0]!.name === p.name;
  };
  if (readsAs(p.text)) return p.text;
  const full = [p.position ? `${p.name}, ${p.position}` : p.name, p.note ?? ""].filter(Boolean).join(" ");
  return readsAs(full) ? full : p.name || p.text;
}

/**
 * Which cell a warning is about, from its wording (warnings are sentences for people, not codes):
 * «срок …» → the deadline, «ответственный / исполнитель» → the parties, «номер» → №, else the title.
 */
export function warningField(message: string): ItemField {
  const m = message.toLowerCase();
  const cell = /пустая ячейка «([^»]+)»/.exec(message)?.[1];
  if (cell) {
    const at = HEADER.findIndex((h) => h.toLowerCase() === cell.toLowerCase() || (h === "Ответственные" && /ответствен/i.test(cell)));
    if (at >= 0) return COLUMNS[at]!;
  }
  if (/нет названия/.test(m)) return "title"; // «…: сроки, ответственные … не перенесены» is about the title
  if (/срок/.test(m)) return "deadline";
  if (/ответствен|исполнител|сторон/.test(m)) return "responsible";
  if (/номер|без номера|ключ/.test(m)) return "number";
  return "title";
}

/** What needs a human in an import: deadlines not understood, items without a party, other doubts — each a list of keys. */
export interface NeedsHuman {
  unknownDeadline: string[];
  noResponsible: string[];
  check: string[];
}

export function needsHuman(items: ImportedItem[], warnings: ImportWarningOut[]): NeedsHuman {
  const unknownDeadline = items.filter((i) => i.deadline.kind === "unknown").map((i) => i.key);
  const noResponsible = items.filter((i) => i.responsible.length === 0).map((i) => i.key);
  const counted = new Set([...unknownDeadline, ...noResponsible]);
  const keys = new Set(items.map((i) => i.key));
  const check: string[] = [];
  for (const w of warnings) {
    if (w.item === null || !keys.has(w.item) || counted.has(w.item) || check.includes(w.item)) continue;
    check.push(w.item);
  }
  // in the roadmap's order
  const order = new Map(items.map((i, n) => [i.key, n]));
  check.sort((a, b) => order.get(a)! - order.get(b)!);
  return { unknownDeadline, noResponsible, check };
}

/** «2021 год», «Мероприятия 2022 года» → the section's year, as the table importer reads it. */
export function sectionYearOf(title: string | null): number | null {
  if (!title) return null;
  if (/^\s*(?:19|20)\d\d\s*(?:год[а-я]*|г\.?|гг\.?)?\.?\s*$/i.test(title)) return Number(title.trim().slice(0, 4));
  const years = [...title.matchAll(/(?<!\d)((?:19|20)\d\d)\s*(?:год|г\.)/gi)].map((m) => Number(m[1]));
  return years.length === 1 ? years[0]! : null;
}
