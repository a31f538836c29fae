import { Prisma } from "@prisma/client";
import type { Db } from "./db.ts";
import { append } from "../core/arrays.ts";
import { checkpointsOrNone } from "./stored-json.ts";
import { localDayOf } from "./local-day.ts";
import { byPages, PAGE } from "./paging.ts";
import { dateOf, dateOrNull, num, numOrNull, type RawRow } from "./raw-rows.ts";
import { effectiveDue, isDone, isItemDone, isStopped, OPEN_STATUSES, shownStatus, STOPPED_STATUSES, toStatus, type ShownStatus, type Status } from "../core/status.ts";
import { toDeadlineKind, type DeadlineKind } from "../core/kinds.ts";
import { countSingleBySchool } from "./school-counts.ts";

// The roadmap's execution in figures: one row per assignment (an item without any
// assignment still gets one row, as not started and unassigned), and counts per
// section and per school. `/roadmap`, the weekly digest and the exports read this.
// A fixed handful of queries whatever the size of the roadmap (no N+1).

export interface EvidenceRef {
  id: number;
  /** link | file | photo */
  kind: string;
  url: string | null;
  fileName: string | null;
  /** path under the data directory (services/storage.ts) */
  storagePath: string | null;
  /** submitted | accepted | returned */
  status: string;
  checkpoint: string | null;
  createdAt: Date;
}

interface Verification {
  /** accepted | returned | pending */
  status: "accepted" | "returned" | "pending";
  by: string | null;
  at: Date | null;
  comment: string | null;
}

export interface ProgressRow {
  itemId: number;
  itemKey: string;
  itemNumber: string | null;
  title: string;
  result: string | null;
  deadlineText: string | null;
  deadlineKind: DeadlineKind;
  responsibleText: string | null;
  sectionId: number | null;
  section: string | null;
  /** null for an item that has no assignment yet */
  assignmentId: number | null;
  status: Status;
  /** the stored status, or `overdue` when past due and still open */
  shown: ShownStatus;
  /** counts as done (verified, or submitted where the roadmap needs no confirmation) */
  done: boolean;
  executor: { id: number; name: string; fullName: string } | null;
  /** the responsible party text the assignment came from */
  partyText: string | null;
  school: { id: number; name: string } | null;
  /** the due date that counts: an approved postponement, the next open checkpoint, or the item's own */
  due: string | null;
  doneAt: Date | null;
  /** doneAt as a local calendar day of the roadmap */
  doneOn: string | null;
  evidence: EvidenceRef[];
  verification: Verification | null;
  lastComment: { text: string; at: Date } | null;
}

export interface ProgressCounts {
  /** rows (assignments, plus unassigned items) */
  total: number;
  done: number;
  inProgress: number;
  /** на проверке (submitted, waiting for a curator) */
  submitted: number;
  overdue: number;
  notStarted: number;
  returned: number;
  postponed: number;
  cancelled: number;
  /** rows without a person (overlaps the buckets above) */
  unassigned: number;
  /** done / (total − cancelled), whole per cent */
  percentDone: number;
  items: number;
  itemsDone: number;
}

export interface SectionProgress {
  sectionId: number | null;
  title: string | null;
  counts: ProgressCounts;
}

export interface SchoolProgress {
  schoolId: number;
  name: string;
  counts: ProgressCounts;
}

export interface Progress {
  roadmap: {
    id: number;
    title: string;
    timezone: string;
    needsVerification: boolean;
    orderNumber: string | null;
    orderDate: string | null;
    authority: string | null;
    activeFrom: string | null;
    status: string;
  };
  today: string;
  rows: ProgressRow[];
  totals: ProgressCounts;
  bySection: SectionProgress[];
  bySchool: SchoolProgress[];
}

export interface ProgressQuery {
  roadmapId: number;
  /** a curator's view: only assignments at these schools (unassigned items are left out) */
  schoolIds?: number[];
  /** ISO local date the overdue check runs against */
  today: string;
}

/** One bucket per row: what a stacked bar and a status column show. */
export type Bucket = "done" | "submitted" | "overdue" | "inProgress" | "notStarted" | "returned" | "postponed" | "cancelled";
export const BUCKETS: readonly Bucket[] = ["done", "submitted", "inProgress", "notStarted", "overdue", "returned", "postponed", "cancelled"];

export function bucketOf(row: Pick<ProgressRow, "shown" | "done">): Bucket {
  if (row.done) return "done";
  switch (row.shown) {
    case "submitted":
      return "submitted";
    case "overdue":
      return "overdue";
    case "in_progress":
      return "inProgress";
    case "returned":
      return "returned";
    case "postponed":
      return "postponed";
    case "cancelled":
      return "cancelled";
    default:
      return "notStarted";
  }
}

/** Evidence attached to work the executor has not marked done («приложено, не отмечено выполненным»). */
export function attachedNotDone(row: Pick<ProgressRow, "evidence" | "done" | "status">): boolean {
  return row.evidence.length > 0 && !row.done && !isStopped(row.status);
}

export function emptyCounts(): ProgressCounts {
  return { total: 0, done: 0, inProgress: 0, submitted: 0, overdue: 0, notStarted: 0, returned: 0, postponed: 0, cancelled: 0, unassigned: 0, percentDone: 0, items: 0, itemsDone: 0 };
}

/** What the counts need of a row: a progress row, or a group of assignments alike in all of it (`weight` of them). */
interface Counted {
  itemId: number;
  assignmentId: number | null;
  status: Status;
  shown: ShownStatus;
  done: boolean;
  unassigned: boolean;
  weight?: number;
}

function countRows(rows: readonly Counted[], needsVerification = true): ProgressCounts {
  const c = emptyCounts();
  const byItem = new Map<number, Status[]>();
  for (const r of rows) {
    const w = r.weight ?? 1;
    c.total += w;
    c[bucketOf(r)] += w;
    if (r.unassigned) c.unassigned += w;
    const list = byItem.get(r.itemId) ?? [];
    if (r.assignmentId !== null) list.push(r.status);
    byItem.set(r.itemId, list);
  }
  c.items = byItem.size;
  for (const statuses of byItem.values()) if (isItemDone(statuses, needsVerification)) c.itemsDone++;
  return withPercent(c);
}

/** Sets the share done: done / (total − cancelled), whole per cent. */
export function withPercent(c: ProgressCounts): ProgressCounts {
  const live = c.total - c.cancelled;
  c.percentDone = live > 0 ? Math.round((c.done * 100) / live) : 0;
  return c;
}

/** Counts of disjoint sets of items (each item's work in one of them) added up. */
function plus(a: ProgressCounts, b: ProgressCounts): ProgressCounts {
  const c = emptyCounts();
  for (const k of Object.keys(c) as Array<keyof ProgressCounts>) c[k] = a[k] + b[k];
  return withPercent(c);
}

function localDay(at: Date | null, zone: string): string | null {
  if (!at) return null;
  return localDayOf(at, zone);
}

/** A multi-part item is due at its first checkpoint not yet done (submitted, verified or cancelled). */
function nextOpenCheckpoint(checkpoints: readonly string[], states: Array<{ checkpoint: string; status: string }>): string | null {
  return firstOpen(checkpoints, new Set(states.filter((s) => isStopped(toStatus(s.status))).map((s) => s.checkpoint)));
}

/** The first of an item's checkpoints not among those done. */
function firstOpen(checkpoints: readonly string[], closed: ReadonlySet<string>): string | null {
  return [...checkpoints].sort().find((c) => !closed.has(c)) ?? null;
}

export class RoadmapNotFound extends Error {}

// Every query below filters through relations (the roadmap's items, a short list of schools) and
// reads lists a page at a time: no bound parameter list grows with the data, whatever the size of
// the roadmap (SQLite and PostgreSQL both stop near 32,767). Counts come from SQL aggregation.

/** Assignments read per page (a page's relation loads bind at most this many ids). */
const ROW_PAGE = PAGE;

const roadmapSelect = { id: true, title: true, timezone: true, needsVerification: true, orderNumber: true, orderDate: true, authority: true, activeFrom: true, status: true } as const;

interface ItemHead {
  id: number;
  key: string;
  number: string | null;
  title: string;
  result: string | null;
  deadlineText: string | null;
  deadlineKind: string;
  deadlineDue: string | null;
  responsibleText: string | null;
  sectionId: number | null;
  section: { title: string; position: number } | null;
  position: number;
  /** a multi item's checkpoints, else empty */
  parts: readonly string[];
}

async function loadHead(db: Db, roadmapId: number): Promise<Progress["roadmap"]> {
  const roadmap = await db.roadmap.findUnique({ where: { id: roadmapId }, select: roadmapSelect });
  if (!roadmap) throw new RoadmapNotFound(`roadmap ${roadmapId} not found`);
  return roadmap;
}

async function loadItems(db: Db, roadmapId: number): Promise<ItemHead[]> {
  const items = await db.item.findMany({
    where: { roadmapId, removedAt: null },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: {
      id: true,
      key: true,
      number: true,
      title: true,
      result: true,
      deadlineText: true,
      deadlineKind: true,
      deadlineDue: true,
      checkpoints: true,
      responsibleText: true,
      sectionId: true,
      position: true,
      section: { select: { title: true, position: true } },
    },
  });
  return items.map(({ checkpoints, ...i }) => ({ ...i, parts: i.deadlineKind === "multi" ? checkpointsOrNone({ id: i.id, checkpoints }) : [] }));
}

/** The assignments of a progress query: through the roadmap's items, and a curator's schools while the list is short. */
function assignmentsWhere(q: Pick<ProgressQuery, "roadmapId" | "schoolIds">): Prisma.AssignmentWhereInput {
  // a long list of schools (it grows with the data) is applied to the rows read instead
  return { item: { roadmapId: q.roadmapId, removedAt: null }, ...(q.schoolIds && q.schoolIds.length <= PAGE ? { schoolId: { in: q.schoolIds } } : {}) };
}

function schoolScope(q: Pick<ProgressQuery, "schoolIds">): (schoolId: number | null) => boolean {
  if (!q.schoolIds) return () => true;
  const set = new Set(q.schoolIds);
  return (id) => id !== null && set.has(id);
}

/** The due date of an item nobody is assigned to: its first checkpoint, or its own. */
function unassignedDue(item: ItemHead): string | null {
  return item.parts.length ? (nextOpenCheckpoint(item.parts, []) ?? item.deadlineDue) : item.deadlineDue;
}

function unassignedRow(item: ItemHead, today: string): ProgressRow {
  const due = unassignedDue(item);
  return rowOf(item, {
    assignmentId: null,
    status: "not_started",
    shown: shownStatus("not_started", due, today),
    done: false,
    executor: null,
    partyText: item.responsibleText,
    school: null,
    due,
    doneAt: null,
    doneOn: null,
    evidence: [],
    verification: null,
    lastComment: null,
  });
}

type RowOwn = Omit<ProgressRow, "itemId" | "itemKey" | "itemNumber" | "title" | "result" | "deadlineText" | "deadlineKind" | "responsibleText" | "sectionId" | "section">;

/**
 * A row: the item's fields, then its own, in one literal. Spreading an object of the item's fields
 * into the row (`{ ...itemBase(item), … }`) cost V8 about 25 µs a row, most of /overdue's rows' time
 * and seconds of a 100,000-row export; written out, about 2.
 */
function rowOf(item: ItemHead, own: RowOwn): ProgressRow {
  return {
    itemId: item.id,
    itemKey: item.key,
    itemNumber: item.number,
    title: item.title,
    result: item.result,
    deadlineText: item.deadlineText,
    deadlineKind: toDeadlineKind(item.deadlineKind),
    responsibleText: item.responsibleText,
    sectionId: item.sectionId,
    section: item.section?.title ?? null,
    assignmentId: own.assignmentId,
    status: own.status,
    shown: own.shown,
    done: own.done,
    executor: own.executor,
    partyText: own.partyText,
    school: own.school,
    due: own.due,
    doneAt: own.doneAt,
    doneOn: own.doneOn,
    evidence: own.evidence,
    verification: own.verification,
    lastComment: own.lastComment,
  };
}

/** The roadmap's figures without its rows: what /roadmap and a chart need. */
export type ProgressSummary = Omit<Progress, "rows">;

interface Summary extends ProgressSummary {
  /** assignments per item as read (before a long list of schools narrows them): items absent have none */
  sizes: Map<number, number>;
  groups: ProgressGroup[];
}

/**
 * Assignments alike in item, school, status and due date, counted (`weight`): what the summary is
 * made of. `assignmentId` is the assignment's own for a multi item's (read one by one), 0 for a
 * group counted by SQL, null for an item nobody is assigned to.
 */
export interface ProgressGroup {
  itemId: number;
  schoolId: number | null;
  assignmentId: number | null;
  status: Status;
  shown: ShownStatus;
  done: boolean;
  unassigned: boolean;
  due: string | null;
  weight?: number;
}

export type { ItemHead };

/** What the counts are read from: GROUP BY rows of single-deadline assignments, a multi item's assignments one by one, and their parts. */
interface CountedRows {
  held: Array<{ itemId: number; schoolId: number | null; status: string; dueOverride: string | null; _count: { _all: number } }>;
  unheld: Array<{ itemId: number; schoolId: number | null; status: string; dueOverride: string | null; _count: { _all: number } }>;
  multiRows: Array<{ id: number; itemId: number; schoolId: number | null; personId: number | null; status: string; dueOverride: string | null }>;
  multiParts: Array<{ assignmentId: number; checkpoint: string; status: string }>;
}

type Group = Counted & { sectionId: number | null; schoolId: number | null; due: string | null };

/** A roadmap's groups (what its counts are made of) from its rows: those in the query's schools, plus its items nobody is assigned to. */
function groupsOf(q: Pick<ProgressQuery, "schoolIds" | "today">, nv: boolean, items: ItemHead[], rows: CountedRows, read: "all" | "scope" = "all"): { groups: Group[]; sizes: Map<number, number> } {
  const { held, unheld, multiRows, multiParts } = rows;
  const byId = new Map(items.map((i) => [i.id, i]));
  // rows read only from the scope's schools (`read`) need no school to be kept
  const inScope = read === "scope" ? () => true : schoolScope(q);
  const partsOf = new Map<number, Array<{ checkpoint: string; status: string }>>();
  for (const p of multiParts) {
    const list = partsOf.get(p.assignmentId) ?? [];
    list.push(p);
    partsOf.set(p.assignmentId, list);
  }

  const groups: Group[] = [];
  const sizes = new Map<number, number>();
  const add = (itemId: number, schoolId: number | null, stored: string, due: string | null, unassigned: boolean, weight: number, assignmentId: number) => {
    const item = byId.get(itemId);
    if (item) sizes.set(itemId, (sizes.get(itemId) ?? 0) + weight);
    if (!item || !inScope(schoolId)) return;
    const status = toStatus(stored);
    groups.push({ itemId, assignmentId, status, shown: shownStatus(status, due, q.today), done: isDone(status, nv), unassigned, weight, sectionId: item.sectionId, schoolId, due });
  };
  for (const [list, unassigned] of [[held, false], [unheld, true]] as const)
    for (const g of list) add(g.itemId, g.schoolId, g.status, effectiveDue(byId.get(g.itemId)?.deadlineDue ?? null, g.dueOverride), unassigned, g._count._all, 0);
  for (const a of multiRows) {
    const item = byId.get(a.itemId);
    const own = item?.parts.length ? (nextOpenCheckpoint(item.parts, partsOf.get(a.id) ?? []) ?? item.deadlineDue) : (item?.deadlineDue ?? null);
    add(a.itemId, a.schoolId, a.status, effectiveDue(own, a.dueOverride), a.personId === null, 1, a.id);
  }
  const assigned = new Set(groups.map((g) => g.itemId));
  if (!q.schoolIds)
    for (const item of items) {
      if (assigned.has(item.id)) continue;
      const due = unassignedDue(item);
      groups.push({ itemId: item.id, assignmentId: null, status: "not_started", shown: shownStatus("not_started", due, q.today), done: false, unassigned: true, sectionId: item.sectionId, schoolId: null, due });
    }

  return { groups, sizes };
}

/**
 * Counts by SQL aggregation: assignments alike in item, school, status, postponement and whether
 * someone holds them are one group; a multi-part item's assignments are read one by one (their due
 * date depends on their own checkpoints), by scalars only.
 */
async function summarize(db: Db, q: ProgressQuery, roadmap: Progress["roadmap"], items: ItemHead[]): Promise<Summary> {
  const nv = roadmap.needsVerification;
  const where = assignmentsWhere(q);
  const anyMulti = items.filter((i) => i.parts.length > 0).length > 0;
  const single: Prisma.AssignmentWhereInput = { AND: [where, { item: { deadlineKind: { not: "multi" } } }] };
  const multi: Prisma.AssignmentWhereInput = { AND: [where, { item: { deadlineKind: "multi" } }] };
  const [held, unheld, multiRows, multiParts, schools] = await Promise.all([
    db.assignment.groupBy({ by: ["itemId", "schoolId", "status", "dueOverride"], where: { AND: [single, { personId: { not: null } }] }, _count: { _all: true } }),
    db.assignment.groupBy({ by: ["itemId", "schoolId", "status", "dueOverride"], where: { AND: [single, { personId: null }] }, _count: { _all: true } }),
    anyMulti ? db.assignment.findMany({ where: multi, select: { id: true, itemId: true, schoolId: true, personId: true, status: true, dueOverride: true } }) : [],
    anyMulti ? db.checkpointStatus.findMany({ where: { assignment: multi }, select: { assignmentId: true, checkpoint: true, status: true } }) : [],
    // the schools' names: a short list of them, else every organisation (a plain read; asking each
    // whether it has work here was 1,000 probes of the assignments for a region's roadmap)
    db.organization.findMany({ where: q.schoolIds && q.schoolIds.length <= PAGE ? { id: { in: q.schoolIds } } : {}, select: { id: true, name: true, shortName: true } }),
  ]);
  const { groups, sizes } = groupsOf(q, nv, items, { held, unheld, multiRows, multiParts });
  const bySchool = schoolsNamed(countsPerSchool(groups, nv), schools);
  return { roadmap, today: q.today, totals: countRows(groups, nv), bySection: sectionsOf(items, groups, nv), bySchool, sizes, groups };
}

/** Sections in document order, each counted; items without a section form a group of their own (title null). */
function sectionsOf(items: ItemHead[], groups: readonly Group[], nv: boolean): SectionProgress[] {
  const sectionOrder = new Map<number | null, { title: string | null; position: number }>();
  for (const i of items) if (!sectionOrder.has(i.sectionId)) sectionOrder.set(i.sectionId, { title: i.section?.title ?? null, position: i.section?.position ?? -1 });
  return [...sectionOrder.entries()]
    .sort((a, b) => a[1].position - b[1].position)
    .map(([sectionId, s]) => ({ sectionId, title: s.title, counts: countRows(groups.filter((r) => r.sectionId === sectionId), nv) }))
    .filter((s) => s.counts.total > 0);
}

/** The groups' counts per school (groups without a school are left out). */
function countsPerSchool(groups: readonly Group[], nv: boolean): Map<number, ProgressCounts> {
  const perSchool = new Map<number, Group[]>();
  for (const g of groups) {
    if (g.schoolId === null) continue;
    const list = perSchool.get(g.schoolId) ?? [];
    list.push(g);
    perSchool.set(g.schoolId, list);
  }
  return new Map([...perSchool].map(([schoolId, list]) => [schoolId, countRows(list, nv)]));
}

/** Russian alphabetical order, numbers by value («№ 2» before «№ 10»); one collator for every comparison (localeCompare with options builds one a call). */
const byName = new Intl.Collator("ru", { numeric: true }).compare;

/** Schools with their counts, by name. */
function schoolsNamed(counts: Map<number, ProgressCounts>, schools: Array<{ id: number; name: string; shortName: string | null }>): SchoolProgress[] {
  const names = new Map(schools.map((s) => [s.id, s.shortName ?? s.name]));
  return [...counts]
    .map(([schoolId, c]) => ({ schoolId, name: names.get(schoolId) ?? "", counts: c }))
    .sort((a, b) => byName(a.name, b.name));
}

/**
 * The summary without its groups: the same figures, but a school's counted by SQL
 * (services/school-counts.ts) rather than from groups by (item, school), which at region scale
 * are one an assignment; totals and sections from groups by item (a few hundred rows). A long list
 * of schools is applied to rows read by school: that takes the groups' way.
 */
async function summarizeBySchool(db: Db, q: ProgressQuery, roadmap: Progress["roadmap"], items: ItemHead[]): Promise<ProgressSummary> {
  const nv = roadmap.needsVerification;
  const where = assignmentsWhere(q);
  const anyMulti = items.some((i) => i.parts.length > 0);
  const single: Prisma.AssignmentWhereInput = { AND: [where, { item: { deadlineKind: { not: "multi" } } }] };
  const multi: Prisma.AssignmentWhereInput = { AND: [where, { item: { deadlineKind: "multi" } }] };
  const noSchool = <T extends object>(rows: T[]) => rows.map((r) => ({ ...r, schoolId: null }));
  const [held, unheld, multiRows, multiParts, schools, singleBySchool] = await Promise.all([
    db.assignment.groupBy({ by: ["itemId", "status", "dueOverride"], where: { AND: [single, { personId: { not: null } }] }, _count: { _all: true } }),
    db.assignment.groupBy({ by: ["itemId", "status", "dueOverride"], where: { AND: [single, { personId: null }] }, _count: { _all: true } }),
    anyMulti ? db.assignment.findMany({ where: multi, select: { id: true, itemId: true, schoolId: true, personId: true, status: true, dueOverride: true } }) : [],
    anyMulti ? db.checkpointStatus.findMany({ where: { assignment: multi }, select: { assignmentId: true, checkpoint: true, status: true } }) : [],
    db.organization.findMany({ where: q.schoolIds ? { id: { in: q.schoolIds } } : {}, select: { id: true, name: true, shortName: true } }),
    countSingleBySchool(db, { itemIds: items.filter((i) => i.deadlineKind !== "multi").map((i) => i.id), schoolIds: q.schoolIds, today: q.today, needsVerification: nv }),
  ]);
  const { groups } = groupsOf(q, nv, items, { held: noSchool(held), unheld: noSchool(unheld), multiRows, multiParts }, "scope");
  // the multi-part items' groups are by school (read one by one): added to the single-deadline counts
  const perSchool = new Map(singleBySchool);
  for (const [schoolId, c] of countsPerSchool(groups, nv)) perSchool.set(schoolId, plus(perSchool.get(schoolId) ?? emptyCounts(), c));
  return { roadmap, today: q.today, totals: countRows(groups, nv), bySection: sectionsOf(items, groups, nv), bySchool: schoolsNamed(perSchool, schools) };
}

/** Totals, sections and schools of a roadmap, without reading its rows: a fixed handful of queries. */
export async function loadProgressSummary(db: Db, q: ProgressQuery): Promise<ProgressSummary> {
  const roadmap = await loadHead(db, q.roadmapId);
  const items = await loadItems(db, q.roadmapId);
  if (!q.schoolIds || q.schoolIds.length <= PAGE) return summarizeBySchool(db, q, roadmap, items);
  const { sizes: _sizes, groups: _groups, ...summary } = await summarize(db, q, roadmap, items);
  return summary;
}

/** The summary with what it was counted from (its groups) and the roadmap's items: lists are made of these without reading rows. */
export async function loadProgressGroups(db: Db, q: ProgressQuery): Promise<{ summary: ProgressSummary; items: Map<number, ItemHead>; groups: ProgressGroup[] }> {
  const roadmap = await loadHead(db, q.roadmapId);
  const items = await loadItems(db, q.roadmapId);
  const { sizes: _sizes, groups, ...summary } = await summarize(db, q, roadmap, items);
  return { summary, items: new Map(items.map((i) => [i.id, i])), groups };
}

/** A roadmap's head and totals, as its summary counts them. */
export interface RoadmapTotals {
  roadmap: Progress["roadmap"];
  totals: ProgressCounts;
  /** schools with work in the scope (as the summary's `bySchool` lists them) */
  schools: number;
}

/**
 * The totals of several roadmaps at once (each with its own today and schools), counted exactly as
 * each one's summary counts them, by the same SQL aggregation run once over all of them: six
 * statements whatever the number of roadmaps (a regional deputy head's 61 would be 61 summaries).
 * Roadmaps not found are left out.
 */
export async function loadTotalsAcross(db: Db, scopes: RoadmapScope[]): Promise<Map<number, RoadmapTotals>> {
  const out = new Map<number, RoadmapTotals>();
  if (scopes.length === 0) return out;
  const ids = scopes.map((s) => s.roadmapId);
  // every scope a short list of schools: their union narrows the query; else each roadmap's schools apply to the groups
  const narrowed = scopes.every((s) => s.schoolIds);
  const union = [...new Set(scopes.flatMap((s) => s.schoolIds ?? []))];
  const where: Prisma.AssignmentWhereInput = { item: { roadmapId: { in: ids }, removedAt: null }, ...(narrowed && union.length <= PAGE ? { schoolId: { in: union } } : {}) };
  const single: Prisma.AssignmentWhereInput = { AND: [where, { item: { deadlineKind: { not: "multi" } } }] };
  const multi: Prisma.AssignmentWhereInput = { AND: [where, { item: { deadlineKind: "multi" } }] };
  const by = ["itemId", "schoolId", "status", "dueOverride"] as const;
  const [heads, itemRows, held, unheld, multiRows, multiParts] = await Promise.all([
    db.roadmap.findMany({ where: { id: { in: ids } }, select: roadmapSelect }),
    db.item.findMany({
      where: { roadmapId: { in: ids }, removedAt: null },
      orderBy: [{ position: "asc" }, { id: "asc" }],
      select: { id: true, roadmapId: true, key: true, number: true, title: true, result: true, deadlineText: true, deadlineKind: true, deadlineDue: true, checkpoints: true, responsibleText: true, sectionId: true, position: true },
    }),
    db.assignment.groupBy({ by: [...by], where: { AND: [single, { personId: { not: null } }] }, _count: { _all: true } }),
    db.assignment.groupBy({ by: [...by], where: { AND: [single, { personId: null }] }, _count: { _all: true } }),
    db.assignment.findMany({ where: multi, select: { id: true, itemId: true, schoolId: true, personId: true, status: true, dueOverride: true } }),
    db.checkpointStatus.findMany({ where: { assignment: multi }, select: { assignmentId: true, checkpoint: true, status: true } }),
  ]);
  const itemsOf = new Map<number, ItemHead[]>();
  const roadmapOfItem = new Map<number, number>();
  for (const { checkpoints, roadmapId, ...i } of itemRows) {
    const list = itemsOf.get(roadmapId) ?? [];
    list.push({ ...i, section: null, parts: i.deadlineKind === "multi" ? checkpointsOrNone({ id: i.id, checkpoints }) : [] });
    itemsOf.set(roadmapId, list);
    roadmapOfItem.set(i.id, roadmapId);
  }
  const rowsOf = new Map<number, CountedRows>();
  const rows = (itemId: number): CountedRows | undefined => {
    const r = roadmapOfItem.get(itemId);
    if (r === undefined) return undefined;
    let found = rowsOf.get(r);
    if (!found) rowsOf.set(r, (found = { held: [], unheld: [], multiRows: [], multiParts: [] }));
    return found;
  };
  for (const g of held) rows(g.itemId)?.held.push(g);
  for (const g of unheld) rows(g.itemId)?.unheld.push(g);
  const multiItem = new Map<number, number>();
  for (const a of multiRows) {
    rows(a.itemId)?.multiRows.push(a);
    multiItem.set(a.id, a.itemId);
  }
  for (const p of multiParts) {
    const itemId = multiItem.get(p.assignmentId);
    if (itemId !== undefined) rows(itemId)?.multiParts.push(p);
  }
  const headOf = new Map(heads.map((h) => [h.id, h]));
  for (const s of scopes) {
    const roadmap = headOf.get(s.roadmapId);
    if (!roadmap) continue;
    const { groups } = groupsOf(s, roadmap.needsVerification, itemsOf.get(s.roadmapId) ?? [], rowsOf.get(s.roadmapId) ?? { held: [], unheld: [], multiRows: [], multiParts: [] });
    const schools = new Set(groups.flatMap((g) => (g.schoolId === null ? [] : [g.schoolId]))).size;
    out.set(s.roadmapId, { roadmap, totals: countRows(groups, roadmap.needsVerification), schools });
  }
  return out;
}

/** Who and where, for a list's line under an item: a school's name (short, as rows give it) and an executor's short name. */
export interface WhoWhere {
  school: string | null;
  executor: string | null;
  executorId: number | null;
}

/**
 * The first `n` assignments (by id) of each of a few lists' groups: one small query of scalars per
 * group, then the names of their schools and people in one query each. For a list's top lines
 * (a digest's), never for a whole list.
 */
export async function firstOfGroups(db: Db, specs: Array<{ key: string; where: Prisma.AssignmentWhereInput }>, n: number): Promise<Map<string, WhoWhere[]>> {
  const found = await Promise.all(
    specs.map(async (s) => ({ key: s.key, rows: await db.assignment.findMany({ where: s.where, orderBy: { id: "asc" }, take: n, select: { schoolId: true, personId: true } }) })),
  );
  const schoolIds = [...new Set(found.flatMap((f) => f.rows.flatMap((r) => (r.schoolId === null ? [] : [r.schoolId]))))];
  const personIds = [...new Set(found.flatMap((f) => f.rows.flatMap((r) => (r.personId === null ? [] : [r.personId]))))];
  const [schools, people] = await Promise.all([
    schoolIds.length ? byPages(schoolIds, (ids) => db.organization.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, shortName: true } })) : [],
    personIds.length ? byPages(personIds, (ids) => db.person.findMany({ where: { id: { in: ids } }, select: { id: true, shortName: true } })) : [],
  ]);
  const schoolName = new Map(schools.map((s) => [s.id, s.shortName ?? s.name]));
  const personName = new Map(people.map((p) => [p.id, p.shortName]));
  return new Map(
    found.map((f) => [
      f.key,
      f.rows.map((r) => ({ school: r.schoolId === null ? null : (schoolName.get(r.schoolId) ?? null), executor: r.personId === null ? null : (personName.get(r.personId) ?? null), executorId: r.personId })),
    ]),
  );
}

/** The assignments of a roadmap (through its items), a curator's schools while the list is short: for callers that narrow it further. */
export function roadmapAssignments(q: Pick<ProgressQuery, "roadmapId" | "schoolIds">): Prisma.AssignmentWhereInput {
  return assignmentsWhere(q);
}

const rowSelect = {
  id: true,
  itemId: true,
  status: true,
  dueOverride: true,
  doneAt: true,
  partyText: true,
  person: { select: { id: true, shortName: true, fullName: true } },
  school: { select: { id: true, name: true, shortName: true } },
  checkpoints: { select: { checkpoint: true, status: true } },
  evidence: {
    orderBy: { id: "asc" },
    select: { id: true, kind: true, url: true, fileName: true, storagePath: true, status: true, checkpoint: true, createdAt: true, verifiedById: true, verifiedAt: true, comment: true },
  },
  statusChanges: { where: { comment: { not: null } }, orderBy: [{ at: "desc" }, { id: "desc" }], take: 1, select: { comment: true, at: true } },
  checkins: { where: { comment: { not: null } }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 1, select: { comment: true, createdAt: true } },
} satisfies Prisma.AssignmentSelect;

type AssignmentRead = Prisma.AssignmentGetPayload<{ select: typeof rowSelect }>;

interface RowContext {
  roadmap: Pick<Progress["roadmap"], "timezone" | "needsVerification">;
  today: string;
  verifiers: Map<number, string>;
}

function assignmentRow(item: ItemHead, a: AssignmentRead, ctx: RowContext): ProgressRow {
  const nv = ctx.roadmap.needsVerification;
  const status = toStatus(a.status);
  const own = item.parts.length ? (nextOpenCheckpoint(item.parts, a.checkpoints) ?? item.deadlineDue) : item.deadlineDue;
  const due = effectiveDue(own, a.dueOverride);
  const lastDecided = [...a.evidence].reverse().find((e) => e.status !== "submitted");
  const verification: Verification | null = lastDecided
    ? {
        status: lastDecided.status === "accepted" ? "accepted" : "returned",
        by: lastDecided.verifiedById !== null ? (ctx.verifiers.get(lastDecided.verifiedById) ?? null) : null,
        at: lastDecided.verifiedAt,
        comment: lastDecided.comment,
      }
    : nv && (a.evidence.length > 0 || status === "submitted")
      ? { status: "pending", by: null, at: null, comment: null }
      : null;
  // the latest word from anyone: a comment on a status change or on a check-in
  const change = a.statusChanges[0];
  const checkin = a.checkins[0];
  const lastComment =
    checkin?.comment && (!change?.comment || checkin.createdAt > change.at)
      ? { text: checkin.comment, at: checkin.createdAt }
      : change?.comment
        ? { text: change.comment, at: change.at }
        : null;
  return rowOf(item, {
    assignmentId: a.id,
    status,
    shown: shownStatus(status, due, ctx.today),
    done: isDone(status, nv),
    executor: a.person ? { id: a.person.id, name: a.person.shortName, fullName: a.person.fullName } : null,
    partyText: a.partyText,
    school: a.school ? { id: a.school.id, name: a.school.shortName ?? a.school.name } : null,
    due,
    doneAt: a.doneAt,
    doneOn: localDay(a.doneAt, ctx.roadmap.timezone),
    evidence: a.evidence.map((e) => ({ id: e.id, kind: e.kind, url: e.url, fileName: e.fileName, storagePath: e.storagePath, status: e.status, checkpoint: e.checkpoint, createdAt: e.createdAt })),
    verification,
    lastComment,
  });
}

/** Verifier names of a page (Evidence.verifiedById is a bare id), remembered across pages. */
async function learnVerifiers(db: Db, page: AssignmentRead[], known: Map<number, string>): Promise<void> {
  const missing = new Set<number>();
  for (const a of page) for (const e of a.evidence) if (e.verifiedById !== null && !known.has(e.verifiedById)) missing.add(e.verifiedById);
  if (missing.size === 0) return;
  for (const p of await byPages([...missing], (ids) => db.person.findMany({ where: { id: { in: ids } }, select: { id: true, shortName: true } }))) known.set(p.id, p.shortName);
}

/** SQLite (through the Prisma adapter) takes 999 bound parameters a statement. */
const MAX_PARAMS = 999;

/**
 * A page of assignments with what a row shows, in plain SQL both databases understand: the
 * assignments with their executor and school joined (one statement), then their checkpoint
 * statuses (only for a multi item's), evidence (with the verifier's name joined), and the latest
 * comment on a status change and on a check-in (one statement each). Prisma's relation selects
 * sent seven statements a page, each id list bound again, and its query compiler planned every one
 * afresh (the lists' lengths differ): most of an export's time on PostgreSQL, and much on SQLite.
 */
async function readAssignments(db: Db, cond: Prisma.Sql, withParts: boolean, verifiers: Map<number, string>, limit?: number): Promise<AssignmentRead[]> {
  const rows = await db.$queryRaw<RawRow[]>(Prisma.sql`
    SELECT a."id", a."itemId", a."status", a."dueOverride", a."doneAt", a."partyText",
      p."id" AS "pId", p."shortName" AS "pShortName", p."fullName" AS "pFullName",
      s."id" AS "sId", s."name" AS "sName", s."shortName" AS "sShortName"
    FROM "Assignment" a
      JOIN "Item" i ON i."id" = a."itemId"
      LEFT JOIN "Person" p ON p."id" = a."personId"
      LEFT JOIN "Organization" s ON s."id" = a."schoolId"
    WHERE ${cond}
    ORDER BY a."id"${limit === undefined ? Prisma.empty : Prisma.sql` LIMIT ${limit}`}`);
  const out: AssignmentRead[] = rows.map((r) => ({
    id: num(r.id),
    itemId: num(r.itemId),
    status: r.status as string,
    dueOverride: (r.dueOverride as string | null) ?? null,
    doneAt: dateOrNull(r.doneAt),
    partyText: (r.partyText as string | null) ?? null,
    person: r.pId === null || r.pId === undefined ? null : { id: num(r.pId), shortName: r.pShortName as string, fullName: r.pFullName as string },
    school: r.sId === null || r.sId === undefined ? null : { id: num(r.sId), name: r.sName as string, shortName: (r.sShortName as string | null) ?? null },
    checkpoints: [],
    evidence: [],
    statusChanges: [],
    checkins: [],
  }));
  if (out.length === 0) return out;
  const byId = new Map(out.map((a) => [a.id, a]));
  const ids = out.map((a) => a.id);
  const each = async (query: (page: number[]) => Prisma.Sql, add: (a: AssignmentRead, r: RawRow) => void) => {
    for (const r of await byPages(ids, (page) => db.$queryRaw<RawRow[]>(query(page)))) add(byId.get(num(r.assignmentId))!, r);
  };
  if (withParts)
    await each(
      (page) => Prisma.sql`SELECT c."assignmentId", c."checkpoint", c."status" FROM "CheckpointStatus" c WHERE c."assignmentId" IN (${Prisma.join(page)}) ORDER BY c."id"`,
      (a, r) => a.checkpoints.push({ checkpoint: r.checkpoint as string, status: r.status as string }),
    );
  for (const [id, list] of await readEvidence(db, ids, verifiers)) byId.get(id)!.evidence.push(...list);
  // the latest comment of each: every commented one read (a few a page), the first kept
  await each(
    (page) => Prisma.sql`SELECT x."assignmentId", x."comment", x."at" FROM "StatusChange" x WHERE x."comment" IS NOT NULL AND x."assignmentId" IN (${Prisma.join(page)}) ORDER BY x."at" DESC, x."id" DESC`,
    (a, r) => void (a.statusChanges.length === 0 && a.statusChanges.push({ comment: r.comment as string, at: dateOf(r.at) })),
  );
  await each(
    (page) => Prisma.sql`SELECT x."assignmentId", x."comment", x."createdAt" FROM "Checkin" x WHERE x."comment" IS NOT NULL AND x."assignmentId" IN (${Prisma.join(page)}) ORDER BY x."createdAt" DESC, x."id" DESC`,
    (a, r) => void (a.checkins.length === 0 && a.checkins.push({ comment: r.comment as string, createdAt: dateOf(r.createdAt) })),
  );
  return out;
}

/**
 * The evidence of some assignments, each one's oldest first, in plain SQL (Prisma's query compiler
 * planned a list of ids afresh every time). The verifier's name comes joined and is kept in
 * `verifiers` when given.
 */
async function readEvidence(db: Db, ids: number[], verifiers?: Map<number, string>): Promise<Map<number, AssignmentRead["evidence"]>> {
  const out = new Map<number, AssignmentRead["evidence"]>();
  const rows = await byPages(ids, (page) =>
    db.$queryRaw<RawRow[]>(Prisma.sql`
      SELECT e."assignmentId", e."id", e."kind", e."url", e."fileName", e."storagePath", e."status", e."checkpoint", e."createdAt", e."verifiedById", e."verifiedAt", e."comment",
        v."shortName" AS "verifierName"
      FROM "Evidence" e LEFT JOIN "Person" v ON v."id" = e."verifiedById"
      WHERE e."assignmentId" IN (${Prisma.join(page)})
      ORDER BY e."id"`),
  );
  for (const r of rows) {
    if (verifiers && r.verifiedById !== null && r.verifiedById !== undefined && r.verifierName !== null && r.verifierName !== undefined) verifiers.set(num(r.verifiedById), r.verifierName as string);
    const id = num(r.assignmentId);
    const list = out.get(id) ?? [];
    list.push({
      id: num(r.id),
      kind: r.kind as string,
      url: (r.url as string | null) ?? null,
      fileName: (r.fileName as string | null) ?? null,
      storagePath: (r.storagePath as string | null) ?? null,
      status: r.status as string,
      checkpoint: (r.checkpoint as string | null) ?? null,
      createdAt: dateOf(r.createdAt),
      verifiedById: numOrNull(r.verifiedById),
      verifiedAt: r.verifiedAt === null || r.verifiedAt === undefined ? null : dateOf(r.verifiedAt),
      comment: (r.comment as string | null) ?? null,
    });
    out.set(id, list);
  }
  return out;
}

/**
 * The rows of a roadmap in document order (item position, then assignment), a page at a time.
 * Items go in batches of about ROW_PAGE assignments (the summary counted them), each batch one
 * query by item id; an item with more assignments than that is read in keyset pages of its own.
 * An item nobody is assigned to comes as one row at its place (not in a curator's view).
 */
async function* rowPages(db: Db, q: ProgressQuery, roadmap: Progress["roadmap"], items: ItemHead[], sizes: Map<number, number>, only?: "evidence"): AsyncGenerator<ProgressRow[]> {
  const inScope = schoolScope(q);
  const ctx: RowContext = { roadmap, today: q.today, verifiers: new Map() };
  const multi = new Set(items.filter((i) => i.parts.length > 0).map((i) => i.id));
  // the roadmap's assignments (as assignmentsWhere), those with evidence shown when asked
  const base = Prisma.sql`i."roadmapId" = ${q.roadmapId} AND i."removedAt" IS NULL${
    only === "evidence" ? Prisma.sql` AND EXISTS (SELECT 1 FROM "Evidence" x WHERE x."assignmentId" = a."id" AND x."status" <> 'returned')` : Prisma.empty
  }`;
  // a curator's schools in the statement while they fit beside the item ids (else only applied to the rows read)
  const schools = (room: number) => (q.schoolIds && q.schoolIds.length <= Math.min(PAGE, room) ? (q.schoolIds.length ? Prisma.sql` AND a."schoolId" IN (${Prisma.join(q.schoolIds)})` : Prisma.sql` AND 1 = 0`) : Prisma.empty);
  const rowsOf = (batch: ItemHead[], read: AssignmentRead[]): ProgressRow[] => {
    const byItem = new Map<number, AssignmentRead[]>();
    for (const a of read) {
      const list = byItem.get(a.itemId) ?? [];
      list.push(a);
      byItem.set(a.itemId, list);
    }
    const rows: ProgressRow[] = [];
    for (const item of batch) {
      const mine = (byItem.get(item.id) ?? []).filter((a) => inScope(a.school?.id ?? null));
      if (mine.length > 0) for (const a of mine) rows.push(assignmentRow(item, a, ctx));
      else if (!q.schoolIds && !only && !sizes.has(item.id)) rows.push(unassignedRow(item, q.today));
    }
    return rows;
  };
  let batch: ItemHead[] = [];
  let size = 0;
  const flush = async (): Promise<ProgressRow[]> => {
    const ids = batch.filter((i) => sizes.has(i.id)).map((i) => i.id);
    const read = ids.length
      ? await readAssignments(db, Prisma.sql`${base}${schools(MAX_PARAMS - 2 - ids.length)} AND a."itemId" IN (${Prisma.join(ids)})`, ids.some((id) => multi.has(id)), ctx.verifiers)
      : [];
    const rows = rowsOf(batch, read);
    batch = [];
    size = 0;
    return rows;
  };
  for (const item of items) {
    const n = sizes.get(item.id) ?? 0;
    if (n > ROW_PAGE) {
      if (batch.length) yield await flush();
      for (let after = 0; ; ) {
        const page = await readAssignments(
          db,
          Prisma.sql`${base}${schools(MAX_PARAMS - 5)} AND a."itemId" = ${item.id} AND a."id" > ${after}`,
          multi.has(item.id),
          ctx.verifiers,
          ROW_PAGE,
        );
        const rows = rowsOf([item], page);
        if (rows.length) yield rows;
        if (page.length < ROW_PAGE) break;
        after = page.at(-1)!.id;
      }
      continue;
    }
    if (size + n > ROW_PAGE || batch.length >= PAGE) yield await flush();
    batch.push(item);
    size += n;
  }
  if (batch.length) yield await flush();
}

export interface ProgressPages {
  summary: ProgressSummary;
  /**
   * The rows in document order, a page at a time (read as they are asked for; each call reads
   * afresh). `only`: just the assignments with evidence shown (not returned); items nobody is
   * assigned to then come as no row.
   */
  pages: (only?: "evidence") => AsyncGenerator<ProgressRow[]>;
}

/** The figures at once and the rows in pages: what an export streams. */
export async function openProgress(db: Db, q: ProgressQuery): Promise<ProgressPages> {
  const roadmap = await loadHead(db, q.roadmapId);
  const items = await loadItems(db, q.roadmapId);
  const { sizes, groups: _groups, ...summary } = await summarize(db, q, roadmap, items);
  return { summary, pages: (only) => rowPages(db, q, roadmap, items, sizes, only) };
}

/** Evidence a row shows (services/export/common.ts shownEvidence): all but the refused. */
const SHOWN_EVIDENCE: Prisma.EvidenceWhereInput = { status: { not: "returned" } };

/**
 * The most pieces of shown evidence any one assignment of the query has: one aggregate query
 * (an export's evidence columns are known before its first row is written). With a long list of
 * schools (applied to rows, not to the query) it counts the whole roadmap's assignments.
 */
export async function maxShownEvidence(db: Db, q: Pick<ProgressQuery, "roadmapId" | "schoolIds">): Promise<number> {
  const top = await db.evidence.groupBy({
    by: ["assignmentId"],
    where: { AND: [SHOWN_EVIDENCE, { assignment: assignmentsWhere(q) }] },
    _count: { assignmentId: true },
    orderBy: { _count: { assignmentId: "desc" } },
    take: 1,
  });
  return top[0]?._count.assignmentId ?? 0;
}

export async function loadProgress(db: Db, q: ProgressQuery): Promise<Progress> {
  const { summary, pages } = await openProgress(db, q);
  const rows: ProgressRow[] = [];
  for await (const page of pages()) append(rows, page);
  return { ...summary, rows };
}

export interface DonePoint {
  /** local calendar day */
  date: string;
  /** assignments done by the end of that day */
  done: number;
}

/**
 * Cumulative count of assignments done, by local day, from the StatusChange history:
 * an assignment counts from its last move into done (verified, or submitted where no
 * confirmation is needed) and stops counting if it later moved out again.
 */
export async function loadDoneOverTime(db: Db, q: { roadmapId: number; schoolIds?: number[] }): Promise<DonePoint[]> {
  const roadmap = await db.roadmap.findUnique({ where: { id: q.roadmapId }, select: { timezone: true, needsVerification: true } });
  if (!roadmap) throw new RoadmapNotFound(`roadmap ${q.roadmapId} not found`);
  const done = (stored: string) => isDone(toStatus(stored), roadmap.needsVerification);
  // a curator's schools narrow the query while the list is short, else the rows read (as assignmentsWhere)
  const short = !q.schoolIds || q.schoolIds.length <= PAGE;
  const inScope = short ? () => true : schoolScope(q);
  const where: Prisma.StatusChangeWhereInput = { checkpoint: null, assignment: { item: { roadmapId: q.roadmapId, removedAt: null }, ...(q.schoolIds && short ? { schoolId: { in: q.schoolIds } } : {}) } };
  const deltaByDay = new Map<string, number>();
  const state = new Map<number, boolean>();
  // the history in keyset pages of (at, id): a region's year of changes is never read at once
  for (let last: { at: Date; id: number } | null = null; ; ) {
    const page: Array<{ id: number; assignmentId: number; fromStatus: string; toStatus: string; at: Date; assignment: { schoolId: number | null } }> = await db.statusChange.findMany({
      where: last ? { AND: [where, { OR: [{ at: { gt: last.at } }, { at: last.at, id: { gt: last.id } }] }] } : where,
      orderBy: [{ at: "asc" }, { id: "asc" }],
      take: ROW_PAGE,
      select: { id: true, assignmentId: true, fromStatus: true, toStatus: true, at: true, assignment: { select: { schoolId: true } } },
    });
    for (const c of page) {
      if (!inScope(c.assignment.schoolId)) continue;
      const was = state.get(c.assignmentId) ?? done(c.fromStatus);
      const now = done(c.toStatus);
      state.set(c.assignmentId, now);
      if (was === now) continue;
      const day = localDay(c.at, roadmap.timezone)!;
      deltaByDay.set(day, (deltaByDay.get(day) ?? 0) + (now ? 1 : -1));
    }
    if (page.length < ROW_PAGE) break;
    last = page.at(-1)!;
  }
  let total = 0;
  return [...deltaByDay.keys()].sort().map((date) => {
    total += deltaByDay.get(date)!;
    return { date, done: total };
  });
}

export interface RoadmapScope {
  roadmapId: number;
  /** the schools seen there; undefined = the whole roadmap */
  schoolIds?: number[] | undefined;
  today: string;
  /** what a row needs of its roadmap, when the caller has it (else it is read) */
  head?: Pick<Progress["roadmap"], "timezone" | "needsVerification">;
}

/**
 * The assignment rows of several roadmaps at once (a curator's schools in every roadmap, what is
 * overdue everywhere a person looks), narrowed by `filter`: one query for the roadmaps, one for
 * their items, and the assignments in keyset pages — not one progress read per roadmap. Items
 * nobody is assigned to are not rows here. Rows come per roadmap in the order of `scopes`, each in
 * document order. With `limit`, reading stops once that many rows are found (the first by id).
 * With `list`, the rows are for a list that shows no section, comment or verifier's name (/school):
 * those are not read (section null, lastComment null, verification.by null). The roadmaps are read
 * only when some scope comes without its `head`.
 */
export async function loadRowsAcross(db: Db, scopes: RoadmapScope[], filter: Prisma.AssignmentWhereInput, opts: { limit?: number; list?: boolean } = {}): Promise<Map<number, ProgressRow[]>> {
  const out = new Map<number, ProgressRow[]>();
  if (scopes.length === 0) return out;
  const { limit, list: forList = false } = opts;
  const ids = scopes.map((s) => s.roadmapId);
  const schools = new Set<number>();
  let whole = false;
  for (const s of scopes) {
    if (s.schoolIds) for (const id of s.schoolIds) schools.add(id);
    else whole = true;
  }
  // a short list of schools narrows the query; else each roadmap's own schools are applied to the rows read
  const where: Prisma.AssignmentWhereInput = {
    AND: [{ item: { roadmapId: { in: ids }, removedAt: null } }, filter, ...(!whole && schools.size <= PAGE ? [{ schoolId: { in: [...schools] } }] : [])],
  };
  const itemSelect = { id: true, roadmapId: true, key: true, number: true, title: true, result: true, deadlineText: true, deadlineKind: true, deadlineDue: true, checkpoints: true, responsibleText: true, sectionId: true, position: true } as const;
  const given = scopes.every((s) => s.head);
  const [roadmaps, items] = await Promise.all([
    given ? scopes.map((s) => ({ id: s.roadmapId, ...s.head! })) : db.roadmap.findMany({ where: { id: { in: ids } }, select: roadmapSelect }),
    forList
      ? db.item.findMany({ where: { roadmapId: { in: ids }, removedAt: null, assignments: { some: where } }, select: itemSelect }).then((list) => list.map((i) => ({ ...i, section: null })))
      : db.item.findMany({ where: { roadmapId: { in: ids }, removedAt: null, assignments: { some: where } }, select: { ...itemSelect, section: { select: { title: true, position: true } } } }),
  ]);
  const heads = new Map(roadmaps.map((r) => [r.id, r]));
  const itemOf = new Map(items.map(({ checkpoints, ...i }) => [i.id, { ...i, parts: i.deadlineKind === "multi" ? checkpointsOrNone({ id: i.id, checkpoints }) : [] }]));
  // a list shows no comments and no verifier's name: those relations are not read
  const { statusChanges: _changes, checkins: _checkins, ...listSelect } = rowSelect;
  const scopeOf = new Map(scopes.map((s) => [s.roadmapId, { ...s, inScope: schoolScope(s) }]));
  const verifiers = new Map<number, string>();
  const found = new Map<number, Array<{ row: ProgressRow; position: number }>>();
  const take = Math.min(ROW_PAGE, limit ?? ROW_PAGE);
  let count = 0;
  for (let after = 0; ; ) {
    const page: AssignmentRead[] = forList
      ? (await db.assignment.findMany({ where: { AND: [where, { id: { gt: after } }] }, orderBy: { id: "asc" }, take, select: listSelect })).map((a) => ({ ...a, statusChanges: [], checkins: [] }))
      : await db.assignment.findMany({ where: { AND: [where, { id: { gt: after } }] }, orderBy: { id: "asc" }, take, select: rowSelect });
    if (!forList) await learnVerifiers(db, page, verifiers);
    for (const a of page) {
      const item = itemOf.get(a.itemId);
      const scope = item && scopeOf.get(item.roadmapId);
      const roadmap = item && heads.get(item.roadmapId);
      if (!item || !scope || !roadmap || !scope.inScope(a.school?.id ?? null)) continue;
      const list = found.get(roadmap.id) ?? [];
      list.push({ row: assignmentRow(item, a, { roadmap, today: scope.today, verifiers }), position: item.position });
      found.set(roadmap.id, list);
      count++;
    }
    // `limit`: the first rows (by id) are enough
    if (page.length < take || (limit !== undefined && count >= limit)) break;
    after = page.at(-1)!.id;
  }
  for (const s of scopes) {
    const list = found.get(s.roadmapId);
    if (!list) continue;
    // assignments were read in id order: put them in document order
    list.sort((a, b) => a.position - b.position || a.row.itemId - b.row.itemId || a.row.assignmentId! - b.row.assignmentId!);
    out.set(
      s.roadmapId,
      list.map((x) => x.row),
    );
  }
  return out;
}

/** The counts of some rows, as the summary counts them. */
export function countsOf(rows: readonly ProgressRow[], needsVerification: boolean): ProgressCounts {
  return countRows(
    rows.map((r) => ({ ...r, unassigned: !r.executor })),
    needsVerification,
  );
}

// ---------- overdue work across roadmaps, counted first and read a page at a time ----------

/** One line of /overdue: an item of a roadmap and a due date (a postponement moves one school's), with how many are late. */
export interface OverdueGroup {
  roadmapId: number;
  itemId: number;
  due: string;
  count: number;
}

export interface OverdueRead {
  /** every group, per roadmap in the order of the scopes, then in document order and by due date */
  groups: OverdueGroup[];
  /** how many assignments are overdue in all */
  total: number;
  /** the rows of the first groups (by overdueKey), read in full (the first group: at most a page of them); the groups after them are only counted */
  rows: Map<string, ProgressRow[]>;
  /**
   * The names of the schools with overdue work (a list's legend names them): every one, or, when
   * there are more than three beyond the schools of the rows read, only that many of them (enough to
   * tell that no group names them all, or all but two: a legend would not be shown).
   */
  schools: string[];
}

/** What a message can show of the groups, so that no more of them are read: the caller knows its lines. */
export interface OverdueShown {
  /** the message's size in characters */
  budget: number;
  /**
   * A lower bound of a group's block's length in the message (its line breaks included), from its
   * item's key and title (empty strings before they are read): once these add up past the budget,
   * the groups after are not read (the message could not show them).
   */
  floor: (g: OverdueGroup, item: { key: string; title: string }) => number;
}

export const overdueKey = (g: Pick<OverdueGroup, "roadmapId" | "itemId" | "due">) => `${g.roadmapId}|${g.itemId}|${g.due}`;

/**
 * A multi item's parts from its stored text, each text checked once a process: the region's count
 * meets every multi item with open work (about 450) on every /overdue, and the check (zod and a
 * date parse for each part) took a few milliseconds each time. Keyed by the text, so an edited item
 * is read afresh; read-only to the caller.
 */
const partsByText = new Map<string, readonly string[]>();
function partsOfText(itemId: number, checkpoints: string): readonly string[] {
  let parts = partsByText.get(checkpoints);
  if (parts === undefined) {
    parts = checkpointsOrNone({ id: itemId, checkpoints });
    if (partsByText.size >= 10_000) partsByText.clear();
    partsByText.set(checkpoints, parts);
  }
  return parts;
}

/** A row of the count (integers may come back as bigint). */
type CountRow = {
  kind: "late" | "postponed" | "multi";
  itemId: number | bigint;
  roadmapId: number | bigint;
  position: number | bigint;
  deadlineDue: string | null;
  checkpoints: string | null;
  due: string | null;
  closed: string | null;
  schoolId: number | bigint | null;
  n: number | bigint;
};

/** A row of the page read (integers may come back as bigint). */
type LateRow = {
  id: number | bigint;
  itemId: number | bigint;
  status: string;
  dueOverride: string | null;
  partyText: string | null;
  schoolId: number | bigint | null;
  schoolName: string | null;
  schoolShort: string | null;
  personId: number | bigint | null;
  shortName: string | null;
  fullName: string | null;
  closed: string | null;
};

const int = (v: number | bigint) => Number(v);
const intOrNull = (v: number | bigint | null) => (v === null ? null : Number(v));

/**
 * The checkpoints an assignment has done (submitted, verified, cancelled), as one text to group by
 * (string_agg: SQLite ≥ 3.44, as better-sqlite3 bundles it, and PostgreSQL). In no set order: the
 * same parts in another order make another row of the count, merged in memory by their next due date.
 */
const closedParts = Prisma.sql`(SELECT string_agg(c."checkpoint", ',') FROM "CheckpointStatus" c WHERE c."assignmentId" = a."id" AND c."status" IN (${Prisma.join([...STOPPED_STATUSES])}))`;

/**
 * What is overdue in several roadmaps (each with its own today and schools), by SQL aggregation:
 * the groups and their counts in one statement of portable SQL (a multi item's open assignments
 * grouped by the checkpoints each has done, which say its next one), then the full rows of the
 * first groups only: at most about `rowBudget` of them in one page, and with `shown` only the
 * groups a message can show; then the schools with work, only as many as the legend can need.
 * The number of statements does not grow with the data.
 */
export async function loadOverdue(db: Db, scopes: RoadmapScope[], opts: { rowBudget?: number; shown?: OverdueShown } = {}): Promise<OverdueRead> {
  const { rowBudget = ROW_PAGE, shown } = opts;
  const empty: OverdueRead = { groups: [], total: 0, rows: new Map(), schools: [] };
  if (scopes.length === 0) return empty;
  // roadmaps seen alike (the same local day and schools) share one clause; a long list of schools is applied to what is read
  type Cluster = { today: string; schoolIds?: number[] | undefined; roadmapIds: number[] };
  const clusters = new Map<string, Cluster>();
  for (const s of scopes) {
    const k = `${s.today}|${s.schoolIds ? [...s.schoolIds].sort((a, b) => a - b).join(",") : "*"}`;
    const c = clusters.get(k) ?? { today: s.today, schoolIds: s.schoolIds, roadmapIds: [] };
    c.roadmapIds.push(s.roadmapId);
    clusters.set(k, c);
  }
  const cl = [...clusters.values()];
  const ids = scopes.map((s) => s.roadmapId);
  const latest = cl.reduce((d, c) => (c.today > d ? c.today : d), cl[0]!.today);
  const open = Prisma.join([...OPEN_STATUSES]);
  const mine = (c: Cluster) =>
    !c.schoolIds || c.schoolIds.length > PAGE ? Prisma.empty : c.schoolIds.length ? Prisma.sql` AND a."schoolId" IN (${Prisma.join(c.schoolIds)})` : Prisma.sql` AND 1 = 0`;
  /** what differs per local day and list of schools, checked on the rows found (`also`: the day's own condition) */
  const perCluster = (also: (c: Cluster) => Prisma.Sql) =>
    cl.length > 1
      ? Prisma.sql` AND (${Prisma.join(
          cl.map((c) => Prisma.sql`(i."roadmapId" IN (${Prisma.join(c.roadmapIds)})${also(c)}${mine(c)})`),
          " OR ",
        )})`
      : Prisma.sql`${also(cl[0]!)}${mine(cl[0]!)}`;
  const bySchool = scopes.some((s) => s.schoolIds && s.schoolIds.length > PAGE);
  const scopeOf = new Map(scopes.map((s) => [s.roadmapId, { ...s, inScope: schoolScope(s) }]));
  // Two parts, each on its own index path (an OR between them reads every open assignment), then one
  // GROUP BY. Without a postponement (an item's own date before today; a multi item's work, late or
  // not by its own checkpoints: one pass over the assignments for both): from the items of the
  // roadmaps seen (their conditions narrowing the items first) through Assignment(itemId, status,
  // dueOverride), or from a short list's schools. With a postponed date before today: from the few
  // postponed assignments through Assignment(dueOverride), then their items (CROSS JOIN keeps that
  // order on SQLite; probing every item for each open status read nothing at half the count's time).
  // Not by school (a region's 8,300 rows of groups instead of 1,100), unless a long list of schools
  // is applied to what is read: the legend's schools are asked for after the rows.
  const seen = Prisma.sql`i."roadmapId" IN (${Prisma.join(ids)}) AND i."removedAt" IS NULL AND a."status" IN (${open})`;
  const where = Prisma.sql`WHERE ${seen}`;
  const from = Prisma.sql`FROM "Item" i JOIN "Assignment" a ON a."itemId" = i."id" ${where}`;
  const school = bySchool ? Prisma.sql`a."schoolId"` : Prisma.sql`NULL`;
  // `dueOverride IS NULL` as no index can serve it: SQLite, planning without statistics, takes a
  // NULL probe of Assignment(dueOverride) for selective and reads every assignment without one
  const notPostponed = Prisma.sql`(a."dueOverride" || '') IS NULL`;
  const ownLate = Prisma.sql`${notPostponed} AND (i."deadlineKind" = 'multi' OR i."deadlineDue" < ${latest})${perCluster((c) => Prisma.sql` AND (i."deadlineKind" = 'multi' OR i."deadlineDue" < ${c.today})`)}`;
  const postponedLate = Prisma.sql`a."dueOverride" < ${latest}${perCluster((c) => Prisma.sql` AND a."dueOverride" < ${c.today}`)}`;
  const [counted, schoolRows] = await Promise.all([
    db.$queryRaw<CountRow[]>(Prisma.sql`
      SELECT t."kind", t."itemId", t."roadmapId", t."position", t."deadlineDue", t."checkpoints", t."due", t."closed", t."schoolId", COUNT(*) AS "n"
      FROM (
        SELECT CASE WHEN i."deadlineKind" = 'multi' THEN 'multi' ELSE 'late' END AS "kind", a."itemId", i."roadmapId", i."position", i."deadlineDue",
          CASE WHEN i."deadlineKind" = 'multi' THEN i."checkpoints" END AS "checkpoints", NULL AS "due",
          CASE WHEN i."deadlineKind" = 'multi' THEN ${closedParts} END AS "closed", ${school} AS "schoolId"
        ${from} AND ${ownLate}
        UNION ALL
        SELECT 'postponed', a."itemId", i."roadmapId", i."position", i."deadlineDue", NULL, a."dueOverride", NULL, ${school}
        FROM "Assignment" a CROSS JOIN "Item" i WHERE a."itemId" = i."id" AND ${seen} AND ${postponedLate}
      ) t
      GROUP BY t."kind", t."itemId", t."roadmapId", t."position", t."deadlineDue", t."checkpoints", t."due", t."closed", t."schoolId"`),
    // by school: every organisation (a plain read), narrowed below to those of the groups
    bySchool ? db.organization.findMany({ select: { id: true, name: true, shortName: true } }) : [],
  ]);
  const groups = new Map<string, OverdueGroup & { position: number }>();
  // the schools with work in the list: of an overdue group, or of a multi item's open assignment
  const withWork = new Set<number>();
  const partsOf = new Map<number, readonly string[]>();
  for (const r of counted) {
    const itemId = int(r.itemId);
    const roadmapId = int(r.roadmapId);
    const schoolId = intOrNull(r.schoolId);
    const scope = scopeOf.get(roadmapId);
    if (!scope) continue;
    const inScope = !bySchool || scope.inScope(schoolId);
    let due: string | null;
    if (r.kind === "multi") {
      // not by school: the schools were narrowed in SQL
      if (bySchool && !scope.inScope(schoolId)) continue;
      if (!partsOf.has(itemId)) partsOf.set(itemId, partsOfText(itemId, r.checkpoints ?? "[]"));
      const parts = partsOf.get(itemId)!;
      due = parts.length ? (firstOpen(parts, new Set(r.closed ? r.closed.split(",") : [])) ?? r.deadlineDue) : r.deadlineDue;
    } else due = effectiveDue(r.deadlineDue, r.due);
    if (schoolId !== null && inScope) withWork.add(schoolId);
    if (!due || due >= scope.today || !inScope) continue;
    const g = { roadmapId, itemId, due, count: 0, position: int(r.position) };
    const k = overdueKey(g);
    const found = groups.get(k) ?? g;
    found.count += int(r.n);
    groups.set(k, found);
  }
  const order = new Map(ids.map((id, i) => [id, i]));
  const sorted = [...groups.values()].sort((a, b) => order.get(a.roadmapId)! - order.get(b.roadmapId)! || a.position - b.position || a.itemId - b.itemId || a.due.localeCompare(b.due));
  const total = sorted.reduce((n, g) => n + g.count, 0);
  if (total === 0) return empty;

  // the first groups, whole, within the budget (the first one always), and no more than the
  // message can show (a group past that is only counted, as it would be if read); their rows in one page
  const upTo = (list: typeof sorted, floor: (g: OverdueGroup) => number) => {
    const out: typeof sorted = [];
    let size = 0;
    let chars = 0;
    for (const g of list) {
      const more = shown ? floor(g) : 0;
      if (out.length > 0 && (size + g.count > rowBudget || out.length >= PAGE || (shown && chars + more > shown.budget))) break;
      out.push(g);
      size += g.count;
      chars += more;
    }
    return out;
  };
  const blank = { key: "", title: "" };
  let first = upTo(sorted, (g) => shown?.floor(g, blank) ?? 0);
  const unknown = [...new Set(first.map((g) => g.roadmapId))].filter((id) => !scopeOf.get(id)!.head);
  const [items, known] = await Promise.all([
    // in plain SQL (Prisma's findMany of these 64 ids cost 5 ms of CPU); no section: a list of what is late does not name it
    db.$queryRaw<RawRow[]>(Prisma.sql`
      SELECT i."id", i."roadmapId", i."key", i."number", i."title", i."result", i."deadlineText", i."deadlineKind", i."deadlineDue", i."checkpoints", i."responsibleText", i."sectionId", i."position", i."removedAt"
      FROM "Item" i WHERE i."id" IN (${Prisma.join([...new Set(first.map((g) => g.itemId))])})`).then((list) =>
      list.map((r) => ({
        id: num(r.id),
        roadmapId: num(r.roadmapId),
        key: r.key as string,
        number: (r.number as string | null) ?? null,
        title: r.title as string,
        result: (r.result as string | null) ?? null,
        deadlineText: (r.deadlineText as string | null) ?? null,
        deadlineKind: r.deadlineKind as string,
        deadlineDue: (r.deadlineDue as string | null) ?? null,
        checkpoints: r.checkpoints as string,
        responsibleText: (r.responsibleText as string | null) ?? null,
        sectionId: numOrNull(r.sectionId),
        position: num(r.position),
        removed: r.removedAt !== null && r.removedAt !== undefined,
      })),
    ),
    unknown.length ? db.roadmap.findMany({ where: { id: { in: unknown } }, select: { id: true, timezone: true, needsVerification: true } }) : [],
  ]);
  const itemOf = new Map(items.map(({ checkpoints, ...i }) => [i.id, { ...i, section: null, parts: i.deadlineKind === "multi" ? partsOfText(i.id, checkpoints) : [] }]));
  // now with the items' keys and titles: fewer may fit
  if (shown) first = upTo(first, (g) => shown.floor(g, itemOf.get(g.itemId) ?? blank));
  const wanted = new Set(first.map(overdueKey));
  /**
   * The names of the schools with work (of an overdue group, or a multi item's open assignment),
   * by school: from the count. Else each name once, from the count's rows again (read until `enough`
   * names are found): a list names a group's schools as «все школы» or «все, кроме» only when they are
   * all or all but two of these, so `enough` (three more than the rows read name) tells it never does.
   */
  const withWorkNames = async (enough: number): Promise<string[]> => {
    if (bySchool) return schoolRows.filter((s) => withWork.has(s.id)).map((s) => s.shortName ?? s.name);
    const found = await db.$queryRaw<Array<{ name: string }>>(Prisma.sql`
      SELECT DISTINCT COALESCE(o."shortName", o."name") AS "name"
      FROM "Item" i JOIN "Assignment" a ON a."itemId" = i."id" JOIN "Organization" o ON o."id" = a."schoolId"
      ${where} AND ((${ownLate}) OR (${postponedLate}))
      LIMIT ${enough}`);
    return found.map((o) => o.name);
  };
  // an item removed since the count: nothing of it to read
  if (itemOf.size === 0) return { groups: sorted.map(({ position: _p, ...g }) => g), total, rows: new Map(), schools: await withWorkNames(3) };
  // the rows as the count found them (open; the item's own date or a postponed one before today, or
  // a multi item's), with what the list shows: executor, school, evidence; no comments, no verifier
  const late = (c: Cluster) =>
    Prisma.sql` AND ((${notPostponed} AND (i."deadlineKind" = 'multi' OR i."deadlineDue" < ${c.today})) OR a."dueOverride" < ${c.today})`;
  const read = await db.$queryRaw<LateRow[]>(Prisma.sql`
    SELECT a."id", a."itemId", a."status", a."dueOverride", a."partyText", a."schoolId", o."name" AS "schoolName", o."shortName" AS "schoolShort",
      p."id" AS "personId", p."shortName", p."fullName", ${closedParts} AS "closed"
    FROM "Item" i JOIN "Assignment" a ON a."itemId" = i."id" LEFT JOIN "Organization" o ON o."id" = a."schoolId" LEFT JOIN "Person" p ON p."id" = a."personId"
    WHERE i."id" IN (${Prisma.join([...itemOf.keys()])}) AND a."status" IN (${open})${perCluster(late)}
    ORDER BY a."id"
    LIMIT ${rowBudget}`);
  // no verifier's name: the list does not show it
  const evidenceOf = read.length ? await readEvidence(db, read.map((a) => int(a.id))) : new Map<number, AssignmentRead["evidence"]>();
  const heads = new Map(known.map((r) => [r.id, r]));
  const verifiers = new Map<number, string>();
  const rows = new Map<string, ProgressRow[]>();
  for (const r of read) {
    const id = int(r.id);
    const schoolId = intOrNull(r.schoolId);
    const personId = intOrNull(r.personId);
    const item = itemOf.get(int(r.itemId))!;
    const scope = scopeOf.get(item.roadmapId)!;
    const roadmap = scope.head ?? heads.get(item.roadmapId)!;
    if (!scope.inScope(schoolId)) continue;
    const a: AssignmentRead = {
      id,
      itemId: item.id,
      status: r.status,
      dueOverride: r.dueOverride,
      doneAt: null, // open work: not done
      partyText: r.partyText,
      person: personId === null ? null : { id: personId, shortName: r.shortName ?? "", fullName: r.fullName ?? "" },
      school: schoolId === null || r.schoolName === null ? null : { id: schoolId, name: r.schoolName, shortName: r.schoolShort },
      // the done checkpoints are all the next open one needs
      checkpoints: (r.closed ? r.closed.split(",") : []).map((checkpoint) => ({ checkpoint, status: "verified" })),
      evidence: evidenceOf.get(id) ?? [],
      statusChanges: [],
      checkins: [],
    };
    const row = assignmentRow(item, a, { roadmap, today: scope.today, verifiers });
    if (row.shown !== "overdue" || !row.due) continue;
    const k = overdueKey({ roadmapId: item.roadmapId, itemId: item.id, due: row.due });
    if (!wanted.has(k)) continue;
    rows.set(k, [...(rows.get(k) ?? []), row]);
  }
  // a group the page cut short is left unread (only counted), unless it is the first: that one is shown from what was read
  for (const g of first.slice(1)) if ((rows.get(overdueKey(g))?.length ?? 0) < g.count) rows.delete(overdueKey(g));
  // a school is named by its short name in lists, as the rows name it
  const named = new Set([...rows.values()].flatMap((list) => list.flatMap((r) => (r.school ? [r.school.name] : []))));
  // Every row read is open work the legend counts (the same conditions as its query, the same
  // schools), shown or not: when those rows alone name `enough` schools, no statement is needed.
  // A region's first items reach that many (its legend's own statement hashed every late assignment
  // on PostgreSQL); a curator's or a district's few schools are asked for as before.
  const enough = named.size + 3;
  if (!bySchool) {
    const seen = new Set<string>();
    for (const r of read) if (r.schoolName !== null && !itemOf.get(int(r.itemId))!.removed) seen.add(r.schoolShort ?? r.schoolName);
    if (seen.size >= enough) return { groups: sorted.map(({ position: _p, ...g }) => g), total, rows, schools: [...seen] };
  }
  return {
    groups: sorted.map(({ position: _p, ...g }) => g),
    total,
    rows,
    schools: await withWorkNames(enough),
  };
}
