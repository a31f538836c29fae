import type { DeadlineContext, ResponsibleParty } from "../core/types.ts";
import { searchText } from "../core/schools.ts";
import type { EditField, ParsedEdit } from "../core/workbook/edit.ts";
import { resolveAssignments, type ResolveSummary } from "./assign.ts";
import type { Db } from "./db.ts";
import { STOPPED_STATUSES } from "../core/status.ts";
import { flagAbout } from "../core/workbook/edit.ts";

// A coordinator's correction of one saved item (/edit): the field is rewritten, the change is kept
// in ItemChange (who, when, old, new), and a change of responsible parties re-resolves the item's
// assignments: rows of parties that stay keep their status and evidence; rows of a party no longer
// named are deleted when nobody touched them, else cancelled (with a status change in their history).

export interface EditableItem {
  id: number;
  key: string;
  roadmapId: number;
  title: string;
  deadlineText: string | null;
  responsibleText: string | null;
  roadmapTitle: string;
  context: DeadlineContext;
}

export async function loadEditableItem(db: Db, itemId: number): Promise<EditableItem | null> {
  const i = await db.item.findUnique({
    where: { id: itemId },
    include: { section: { select: { year: true } }, roadmap: { select: { title: true, years: true, orderDate: true, status: true } } },
  });
  if (!i || i.removedAt || i.roadmap.status === "archived") return null;
  let years: number[];
  try {
    years = JSON.parse(i.roadmap.years) as number[];
  } catch {
    years = [];
  }
  return {
    id: i.id,
    key: i.key,
    roadmapId: i.roadmapId,
    title: i.title,
    deadlineText: i.deadlineText,
    responsibleText: i.responsibleText,
    roadmapTitle: i.roadmap.title,
    context: { sectionYear: i.section?.year ?? null, years, orderDate: i.roadmap.orderDate },
  };
}

export function savedFieldText(item: Pick<EditableItem, "title" | "deadlineText" | "responsibleText">, field: EditField): string {
  if (field === "deadline") return item.deadlineText ?? "";
  if (field === "responsible") return item.responsibleText ?? "";
  return item.title;
}

export interface ItemHistoryRow {
  field: EditField;
  oldText: string | null;
  newText: string | null;
  at: Date;
  by: string | null;
}

/** The item's corrections, newest first. */
export async function itemHistory(db: Db, itemId: number, limit = 10): Promise<ItemHistoryRow[]> {
  const rows = await db.itemChange.findMany({
    where: { itemId },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: limit,
    include: { byPerson: { select: { fullName: true } } },
  });
  return rows.map((r) => ({ field: r.field as EditField, oldText: r.oldText, newText: r.newText, at: r.at, by: r.byPerson?.fullName ?? null }));
}

export type EditOutcome =
  | { ok: true; oldText: string; newText: string; assignments: ResolveSummary | null; retired: number }
  | { ok: false; error: "gone" | "unchanged" };

function doingLabels(json: string): Set<string> {
  let list: ResponsibleParty[];
  try {
    list = JSON.parse(json) as ResponsibleParty[];
  } catch {
    list = [];
  }
  // as services/assign.ts: a party only «(контроль)» does not do the item unless it is the only one
  const doers = list.filter((p) => !/контрол/i.test(p.note ?? ""));
  return new Set((doers.length ? doers : list).map((p) => p.name || p.text));
}

export async function applyItemEdit(db: Db, args: { itemId: number; edit: ParsedEdit; byPersonId: number | null; at: Date }): Promise<EditOutcome> {
  const { edit, at } = args;
  const outcome = await db.$transaction(async (tx) => {
    const item = await tx.item.findUnique({ where: { id: args.itemId }, include: { roadmap: { select: { status: true } } } });
    if (!item || item.removedAt || item.roadmap.status === "archived") return { ok: false as const, error: "gone" as const };
    const oldText = savedFieldText(item, edit.field);
    let data: Parameters<typeof tx.item.update>[0]["data"];
    let newText: string;
    if (edit.field === "deadline") {
      const d = edit.deadline;
      newText = d.text;
      data = { deadlineText: d.text || null, deadlineKind: d.kind, deadlineStart: d.start, deadlineDue: d.due, checkpoints: JSON.stringify(d.checkpoints), every: d.every, everyDay: d.day ?? null };
    } else if (edit.field === "responsible") {
      newText = edit.responsible.map((p) => p.text).join("; ");
      data = { responsibleText: newText || null, responsible: JSON.stringify(edit.responsible) };
    } else {
      newText = edit.title;
      data = { title: edit.title };
    }
    if (newText === oldText && edit.field !== "responsible") return { ok: false as const, error: "unchanged" as const };
    if (edit.field === "responsible" && item.responsible === JSON.stringify(edit.responsible)) return { ok: false as const, error: "unchanged" as const };
    const flags = (JSON.parse(item.flags) as string[]).filter((f) => !flagAbout(f, edit.field));
    const next = { title: item.title, result: item.result, responsibleText: item.responsibleText, ...data } as { title: string; result: string | null; responsibleText: string | null };
    await tx.item.update({
      where: { id: item.id },
      data: { ...data, flags: JSON.stringify(flags), search: searchText([item.key, next.title, next.result ?? "", next.responsibleText ?? ""].join(" ")) },
    });
    await tx.itemChange.create({ data: { itemId: item.id, field: edit.field, oldText: oldText || null, newText: newText || null, byPersonId: args.byPersonId, at } });
    // the item's doubts about this field were about the old text
    if (edit.field === "deadline") await tx.importWarning.deleteMany({ where: { roadmapId: item.roadmapId, itemKey: item.key, message: { contains: "срок" } } });
    if (edit.field === "responsible") await tx.importWarning.deleteMany({ where: { roadmapId: item.roadmapId, itemKey: item.key, OR: [{ message: { contains: "ответствен" } }, { message: { contains: "исполнител" } }] } });

    let retired = 0;
    if (edit.field === "responsible") {
      const before = doingLabels(item.responsible);
      const after = doingLabels(JSON.stringify(edit.responsible));
      const dropped = [...before].filter((l) => !after.has(l));
      const rows = dropped.length
        ? await tx.assignment.findMany({
            where: { itemId: item.id, partyText: { in: dropped }, status: { notIn: [...STOPPED_STATUSES] } },
            include: { _count: { select: { evidence: true, statusChanges: true, checkins: true, postponements: true } } },
          })
        : [];
      for (const a of rows) {
        const touched = a.status !== "not_started" || a._count.evidence + a._count.statusChanges + a._count.checkins + a._count.postponements > 0;
        if (!touched) {
          await tx.assignment.delete({ where: { id: a.id } });
        } else {
          await tx.assignment.update({ where: { id: a.id }, data: { status: "cancelled" } });
          await tx.statusChange.create({ data: { assignmentId: a.id, fromStatus: a.status, toStatus: "cancelled", byPersonId: args.byPersonId, comment: "ответственные изменены координатором", at } });
        }
        retired++;
      }
    }
    return { ok: true as const, oldText, newText, roadmapId: item.roadmapId, retired };
  });
  if (!outcome.ok) return outcome;
  const assignments = edit.field === "responsible" ? await resolveAssignments(db, outcome.roadmapId) : null;
  return { ok: true, oldText: outcome.oldText, newText: outcome.newText, assignments, retired: outcome.retired };
}

// ---------- a workbook's corrections, saved over a roadmap ----------

type FieldTexts = Record<EditField, string> & { id: number };

/** The saved roadmap's items this import would update, by key (before saving): for `recordWorkbookChanges`. */
export async function textsBeforeSave(db: Db, identity: string): Promise<Map<string, FieldTexts>> {
  const roadmap = await db.roadmap.findUnique({ where: { identity }, select: { id: true } });
  if (!roadmap) return new Map();
  const items = await db.item.findMany({ where: { roadmapId: roadmap.id, removedAt: null }, select: { id: true, key: true, title: true, deadlineText: true, responsibleText: true } });
  return new Map(items.map((i) => [i.key, { id: i.id, title: i.title, deadline: i.deadlineText ?? "", responsible: i.responsibleText ?? "" }]));
}

/**
 * A canonical workbook saved over its roadmap is a coordinator's correction like /edit: each changed
 * title, deadline or list of parties of an item that stays goes into the item's history.
 */
export async function recordWorkbookChanges(db: Db, before: Map<string, FieldTexts>, roadmapId: number, byPersonId: number | null, at: Date): Promise<number> {
  if (before.size === 0) return 0;
  const after = await db.item.findMany({
    where: { roadmapId, removedAt: null, key: { in: [...before.keys()] } },
    select: { id: true, key: true, title: true, deadlineText: true, responsibleText: true },
  });
  const rows: Array<{ itemId: number; field: EditField; oldText: string | null; newText: string | null; byPersonId: number | null; at: Date }> = [];
  for (const i of after) {
    const was = before.get(i.key);
    if (!was || was.id !== i.id) continue;
    const now: Record<EditField, string> = { title: i.title, deadline: i.deadlineText ?? "", responsible: i.responsibleText ?? "" };
    for (const field of ["deadline", "responsible", "title"] as const) {
      if (was[field] !== now[field]) rows.push({ itemId: i.id, field, oldText: was[field] || null, newText: now[field] || null, byPersonId, at });
    }
  }
  if (rows.length) await db.itemChange.createMany({ data: rows });
  return rows.length;
}
