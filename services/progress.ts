import { DateTime } from "luxon";
import type { Db } from "./db.ts";
import { checkpointsOrNone } from "./stored-json.ts";
import { byPages, PAGE } from "./paging.ts";
import { effectiveDue, isDone, isItemDone, isStopped, shownStatus, toStatus, type ShownStatus, type Status } from "../core/status.ts";
import { toDeadlineKind, type DeadlineKind } from "../core/kinds.ts";

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

function countRows(rows: ProgressRow[], needsVerification = true): ProgressCounts {
  const c = emptyCounts();
  const byItem = new Map<number, Status[]>();
  for (const r of rows) {
    c.total++;
    c[bucketOf(r)]++;
    if (!r.executor) c.unassigned++;
    const list = byItem.get(r.itemId) ?? [];
    if (r.assignmentId !== null) list.push(r.status);
    byItem.set(r.itemId, list);
  }
  c.items = byItem.size;
  for (const statuses of byItem.values()) if (isItemDone(statuses, needsVerification)) c.itemsDone++;
  const live = c.total - c.cancelled;
  c.percentDone = live > 0 ? Math.round((c.done * 100) / live) : 0;
  return c;
}

function localDay(at: Date | null, zone: string): string | null {
  if (!at) return null;
  return DateTime.fromJSDate(at, { zone }).toISODate();
}

/** A multi-part item is due at its first checkpoint not yet done (submitted, verified or cancelled). */
function nextOpenCheckpoint(checkpoints: string[], states: Array<{ checkpoint: string; status: string }>): string | null {
  const closed = new Set(states.filter((s) => isStopped(toStatus(s.status))).map((s) => s.checkpoint));
  return [...checkpoints].sort().find((c) => !closed.has(c)) ?? null;
}

export class RoadmapNotFound extends Error {}

export async function loadProgress(db: Db, q: ProgressQuery): Promise<Progress> {
  const roadmap = await db.roadmap.findUnique({
    where: { id: q.roadmapId },
    select: { id: true, title: true, timezone: true, needsVerification: true, orderNumber: true, orderDate: true, authority: true, activeFrom: true, status: true },
  });
  if (!roadmap) throw new RoadmapNotFound(`roadmap ${q.roadmapId} not found`);
  const nv = roadmap.needsVerification;
  // a curator's schools narrow the query while the list is short; a long one (it grows with the
  // data, and SQLite takes 999 parameters) is applied to the rows read instead
  const inScope = q.schoolIds ? new Set(q.schoolIds) : null;
  const schoolFilter = q.schoolIds && q.schoolIds.length <= PAGE ? { schoolId: { in: q.schoolIds } } : {};

  const items = await db.item.findMany({
    where: { roadmapId: q.roadmapId, removedAt: null },
    orderBy: { position: "asc" },
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
      section: { select: { title: true, position: true } },
      assignments: {
        where: schoolFilter,
        orderBy: { id: "asc" },
        select: {
          id: true,
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
        },
      },
    },
  });

  // Verifier names in one query (Evidence.verifiedById is a bare id).
  const verifierIds = new Set<number>();
  for (const i of items) for (const a of i.assignments) for (const e of a.evidence) if (e.verifiedById !== null) verifierIds.add(e.verifiedById);
  const verifiers = new Map(
    (await byPages([...verifierIds], (ids) => db.person.findMany({ where: { id: { in: ids } }, select: { id: true, shortName: true } }))).map((p) => [p.id, p.shortName]),
  );

  const rows: ProgressRow[] = [];
  for (const item of items) {
    const base = {
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
    };
    const checkpoints = item.deadlineKind === "multi" ? checkpointsOrNone(item) : [];
    const assignments = inScope ? item.assignments.filter((a) => a.school !== null && inScope.has(a.school.id)) : item.assignments;
    if (assignments.length === 0) {
      if (q.schoolIds) continue;
      const due = checkpoints.length ? (nextOpenCheckpoint(checkpoints, []) ?? item.deadlineDue) : item.deadlineDue;
      rows.push({
        ...base,
        assignmentId: null,
        status: "not_started",
        shown: shownStatus("not_started", due, q.today),
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
      continue;
    }
    for (const a of assignments) {
      const status = toStatus(a.status);
      const own = checkpoints.length ? (nextOpenCheckpoint(checkpoints, a.checkpoints) ?? item.deadlineDue) : item.deadlineDue;
      const due = effectiveDue(own, a.dueOverride);
      const lastDecided = [...a.evidence].reverse().find((e) => e.status !== "submitted");
      const verification: Verification | null = lastDecided
        ? {
            status: lastDecided.status === "accepted" ? "accepted" : "returned",
            by: lastDecided.verifiedById !== null ? (verifiers.get(lastDecided.verifiedById) ?? null) : null,
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
      rows.push({
        ...base,
        assignmentId: a.id,
        status,
        shown: shownStatus(status, due, q.today),
        done: isDone(status, nv),
        executor: a.person ? { id: a.person.id, name: a.person.shortName, fullName: a.person.fullName } : null,
        partyText: a.partyText,
        school: a.school ? { id: a.school.id, name: a.school.shortName ?? a.school.name } : null,
        due,
        doneAt: a.doneAt,
        doneOn: localDay(a.doneAt, roadmap.timezone),
        evidence: a.evidence.map((e) => ({ id: e.id, kind: e.kind, url: e.url, fileName: e.fileName, storagePath: e.storagePath, status: e.status, checkpoint: e.checkpoint, createdAt: e.createdAt })),
        verification,
        lastComment,
      });
    }
  }

  // Sections in document order; items without a section form a group of their own (title null).
  const sectionOrder = new Map<number | null, { title: string | null; position: number }>();
  for (const i of items) if (!sectionOrder.has(i.sectionId)) sectionOrder.set(i.sectionId, { title: i.section?.title ?? null, position: i.section?.position ?? -1 });
  const bySection: SectionProgress[] = [...sectionOrder.entries()]
    .sort((a, b) => a[1].position - b[1].position)
    .map(([sectionId, s]) => ({ sectionId, title: s.title, counts: countRows(rows.filter((r) => r.sectionId === sectionId), nv) }))
    .filter((s) => s.counts.total > 0);

  const schools = new Map<number, { name: string; rows: ProgressRow[] }>();
  for (const r of rows) {
    if (!r.school) continue;
    const s = schools.get(r.school.id) ?? { name: r.school.name, rows: [] };
    s.rows.push(r);
    schools.set(r.school.id, s);
  }
  const bySchool: SchoolProgress[] = [...schools.entries()]
    .map(([schoolId, s]) => ({ schoolId, name: s.name, counts: countRows(s.rows, nv) }))
    .sort((a, b) => a.name.localeCompare(b.name, "ru", { numeric: true }));

  return { roadmap, today: q.today, rows, totals: countRows(rows, nv), bySection, bySchool };
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
  const changes = await db.statusChange.findMany({
    where: { checkpoint: null, assignment: { item: { roadmapId: q.roadmapId, removedAt: null }, ...(q.schoolIds ? { schoolId: { in: q.schoolIds } } : {}) } },
    orderBy: [{ at: "asc" }, { id: "asc" }],
    select: { assignmentId: true, fromStatus: true, toStatus: true, at: true },
  });
  const deltaByDay = new Map<string, number>();
  const state = new Map<number, boolean>();
  for (const c of changes) {
    const was = state.get(c.assignmentId) ?? done(c.fromStatus);
    const now = done(c.toStatus);
    state.set(c.assignmentId, now);
    if (was === now) continue;
    const day = localDay(c.at, roadmap.timezone)!;
    deltaByDay.set(day, (deltaByDay.get(day) ?? 0) + (now ? 1 : -1));
  }
  let total = 0;
  return [...deltaByDay.keys()].sort().map((date) => {
    total += deltaByDay.get(date)!;
    return { date, done: total };
  });
}
