import { parseDeadline } from "../deadline/parse.ts";
import { refoldApprovedLate } from "../import/approved-late.ts";
import { parseResponsible } from "../parties.ts";
import type { DeadlineContext, ImportResult, ResponsibleParty, Schedule } from "../types.ts";
import { responsibleCell, sectionYearOf, warningField } from "./layout.ts";

// One field of one item, retyped by a coordinator (/edit): parsed exactly as the importer parses a cell,
// so the preview shows what Веха will understand before anything is saved.

export type EditField = "deadline" | "responsible" | "title";
export const EDIT_TEXT_MAX = 1000;

export type ParsedEdit =
  | { field: "deadline"; text: string; deadline: Schedule; warnings: string[] }
  | { field: "responsible"; text: string; responsible: ResponsibleParty[]; warnings: string[] }
  | { field: "title"; text: string; title: string; warnings: string[] };

export function parseEdit(field: EditField, raw: string, ctx: DeadlineContext): ParsedEdit {
  const text = raw.replace(/\r\n?/g, "\n").replace(/[ \t\u00a0]+/g, " ").trim();
  switch (field) {
    case "deadline": {
      const parsed = parseDeadline(text, ctx);
      return { field, text, deadline: parsed.schedule, warnings: parsed.warnings };
    }
    case "responsible": {
      const responsible = parseResponsible(text);
      return { field, text, responsible, warnings: responsible.length ? [] : ["ответственный не указан"] };
    }
    case "title":
      return { field, text, title: text, warnings: [] };
  }
}

/** The field's text as the coordinator sees it now (the item's history keeps these). */
export function fieldText(item: ImportResult["items"][number], field: EditField): string {
  if (field === "deadline") return item.deadline.text;
  if (field === "responsible") return responsibleCell(item);
  return item.title;
}

/** The deadline context of an item of an unsaved import. */
export function draftContext(result: ImportResult, index: number): DeadlineContext {
  const item = result.items[index];
  return { sectionYear: sectionYearOf(item?.section ?? null), years: result.roadmap.years, orderDate: result.roadmap.orderDate };
}

/**
 * The import with one item's field replaced: its doubts about that field go, the new parse's doubts come.
 * A hand-set field no longer carries the «inherited» flag.
 */
export function applyDraftEdit(result: ImportResult, index: number, edit: ParsedEdit): ImportResult {
  const old = result.items[index];
  if (!old) return result;
  const item = { ...old, flags: old.flags.filter((f) => !flagAbout(f, edit.field)) };
  if (edit.field === "deadline") item.deadline = edit.deadline;
  else if (edit.field === "responsible") item.responsible = edit.responsible;
  else item.title = edit.title;
  const items = result.items.map((i, n) => (n === index ? item : i));
  const kept = result.warnings.filter((w) => w.item !== item.key || fieldOf(w.message) !== edit.field);
  const row = result.warnings.find((w) => w.item === item.key)?.row ?? null;
  const added = edit.warnings.map((message) => ({ item: item.key, row, message }));
  // in the roadmap's order: the new doubts where the item's old ones were
  const at = kept.findIndex((w) => w.item !== null && items.findIndex((i) => i.key === w.item) > index);
  const warnings = at < 0 ? [...kept, ...added] : [...kept.slice(0, at), ...added, ...kept.slice(at)];
  return { ...result, items, warnings: refoldApprovedLate(items, warnings, result.roadmap) };
}

/** Is an import flag about this field («inherited:deadline»; «untitled» is about the title)? */
export function flagAbout(flag: string, field: string): boolean {
  return flag === `inherited:${field}` || (flag === "untitled" && field === "title");
}

function fieldOf(message: string): EditField | null {
  const f = warningField(message);
  return f === "deadline" || f === "responsible" || f === "title" ? f : null;
}
