import { DateTime } from "luxon";
import { checkpointsOrNone } from "./stored-json.ts";
import { Prisma } from "@prisma/client";
import type { Db } from "./db.ts";
import { effectiveDue, isFinal, isOverdue, mayMove, STOPPED_STATUSES, toStatus, UNFINISHED_STATUSES, type Status } from "../core/status.ts";
import { isCheckinKind, toDeadlineKind, toEvery, type DeadlineKind } from "../core/kinds.ts";
import { answeredPeriod, checkinEvery } from "../core/checkins.ts";

// The executor's side of an assignment: status changes (each stored in StatusChange with who,
// when, from, to and comment, in the same transaction), evidence, postponement requests.
// Evidence is never deleted or detached when a status changes.

/** The calendar day it is now in a time zone (due dates are local days). */
function localToday(now: Date, timezone: string): string {
  return DateTime.fromJSDate(now, { zone: timezone }).toISODate() ?? now.toISOString().slice(0, 10);
}

function addDays(iso: string, days: number): string {
  return DateTime.fromISO(iso, { zone: "UTC" }).plus({ days }).toISODate()!;
}

/** A multi item's parts already done: submitted, verified or cancelled. */
const DONE_PARTS: Status[] = [...STOPPED_STATUSES];

const assignmentSelect = {
  id: true,
  status: true,
  dueOverride: true,
  personId: true,
  schoolId: true,
  school: { select: { name: true } },
  item: {
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
      evidenceRequirement: true,
      roadmapId: true,
      removedAt: true,
      roadmap: { select: { id: true, title: true, timezone: true, status: true, needsVerification: true } },
    },
  },
  _count: { select: { evidence: true } },
  checkpoints: { where: { status: { in: DONE_PARTS } }, select: { checkpoint: true } },
} as const;

/** One assignment with what the executor's views need. */
export interface AssignmentView {
  id: number;
  status: Status;
  dueOverride: string | null;
  personId: number | null;
  schoolId: number | null;
  school: { name: string } | null;
  item: {
    id: number;
    key: string;
    number: string | null;
    title: string;
    result: string | null;
    deadlineText: string | null;
    deadlineKind: DeadlineKind;
    deadlineDue: string | null;
    /** JSON string[] of ISO dates (the parts of a multi item) */
    checkpoints: string;
    evidenceRequirement: string | null;
    roadmapId: number;
    removedAt: Date | null;
    roadmap: { id: number; title: string; timezone: string; status: string; needsVerification: boolean };
  };
  _count: { evidence: number };
  /** checkpoints of a multi item already done (submitted, verified or cancelled) */
  checkpoints: Array<{ checkpoint: string }>;
}

export async function loadAssignment(db: Db, id: number): Promise<AssignmentView | null> {
  const row = await db.assignment.findUnique({ where: { id }, select: assignmentSelect });
  return row && { ...row, status: toStatus(row.status), item: { ...row.item, deadlineKind: toDeadlineKind(row.item.deadlineKind) } };
}

/** A row of the flat /my query: the view's own columns plus the joined ones, as SQL returns them. */
type AssignmentRow = Pick<AssignmentView, "id" | "dueOverride" | "personId" | "schoolId"> &
  Pick<AssignmentView["item"], "key" | "number" | "title" | "result" | "deadlineText" | "deadlineDue" | "checkpoints" | "evidenceRequirement" | "roadmapId"> & {
    status: string;
    deadlineKind: string;
    schoolName: string | null;
    itemId: number;
    roadmapTitle: string;
    timezone: string;
    roadmapStatus: string;
    needsVerification: number | boolean | bigint;
    evidenceCount: number | bigint;
  };

/**
 * The person's assignments in roadmaps still running (not archived), items not removed.
 * One flat SQL query: /my runs on every press, and Prisma's nested select with a relation count
 * took ~15 ms for 50 assignments (bench/chat.ts). Portable SQL (quoted identifiers, placeholders
 * from Prisma.sql), so PostgreSQL can run it too.
 */
export async function listPersonAssignments(db: Db, personId: number, statuses: readonly Status[] = UNFINISHED_STATUSES): Promise<AssignmentView[]> {
  if (statuses.length === 0) return [];
  const rows = await db.$queryRaw<AssignmentRow[]>(Prisma.sql`
    SELECT a."id", a."status", a."dueOverride", a."personId", a."schoolId", s."name" AS "schoolName",
      i."id" AS "itemId", i."key", i."number", i."title", i."result", i."deadlineText", i."deadlineKind", i."deadlineDue",
      i."checkpoints", i."evidenceRequirement", i."roadmapId", r."title" AS "roadmapTitle", r."timezone",
      r."status" AS "roadmapStatus", r."needsVerification",
      (SELECT COUNT(*) FROM "Evidence" e WHERE e."assignmentId" = a."id") AS "evidenceCount"
    FROM "Assignment" a
      JOIN "Item" i ON i."id" = a."itemId"
      JOIN "Roadmap" r ON r."id" = i."roadmapId"
      LEFT JOIN "Organization" s ON s."id" = a."schoolId"
    WHERE a."personId" = ${personId} AND i."removedAt" IS NULL AND r."status" <> 'archived' AND a."status" IN (${Prisma.join(statuses)})
    ORDER BY i."roadmapId", i."position", a."id"`);
  const multi = rows.filter((r) => r.deadlineKind === "multi").map((r) => Number(r.id));
  const done = multi.length
    ? await db.checkpointStatus.findMany({ where: { assignmentId: { in: multi }, status: { in: DONE_PARTS } }, select: { assignmentId: true, checkpoint: true } })
    : [];
  return rows.map((r) => ({
    id: Number(r.id),
    status: toStatus(r.status),
    dueOverride: r.dueOverride,
    personId: r.personId === null ? null : Number(r.personId),
    schoolId: r.schoolId === null ? null : Number(r.schoolId),
    school: r.schoolName === null ? null : { name: r.schoolName },
    item: {
      id: Number(r.itemId),
      key: r.key,
      number: r.number,
      title: r.title,
      result: r.result,
      deadlineText: r.deadlineText,
      deadlineKind: toDeadlineKind(r.deadlineKind),
      deadlineDue: r.deadlineDue,
      checkpoints: r.checkpoints,
      evidenceRequirement: r.evidenceRequirement,
      roadmapId: Number(r.roadmapId),
      removedAt: null,
      roadmap: { id: Number(r.roadmapId), title: r.roadmapTitle, timezone: r.timezone, status: r.roadmapStatus, needsVerification: Boolean(Number(r.needsVerification)) },
    },
    _count: { evidence: Number(r.evidenceCount) },
    checkpoints: done.filter((c) => c.assignmentId === Number(r.id)).map((c) => ({ checkpoint: c.checkpoint })),
  }));
}

/** The parts of a multi item still open, earliest first (empty for other kinds). */
function openCheckpoints(a: AssignmentView): string[] {
  if (a.item.deadlineKind !== "multi") return [];
  const points = checkpointsOrNone({ id: a.id, checkpoints: a.item.checkpoints });
  const done = new Set(a.checkpoints.map((c) => c.checkpoint));
  return [...new Set(points)].sort().filter((p) => !done.has(p));
}

/** The due date that counts: an approved postponement, else a multi item's next open part, else the item's own. */
export function dueOf(a: AssignmentView): string | null {
  return effectiveDue(openCheckpoints(a)[0] ?? a.item.deadlineDue, a.dueOverride);
}

export function todayFor(a: AssignmentView, now: Date): string {
  return localToday(now, a.item.roadmap.timezone);
}

/** A sample new date for «Нужно больше времени»: a month after the due date or today, whichever is later (never a date in the past). */
export function postponeExample(a: AssignmentView, now: Date): string {
  const today = todayFor(a, now);
  const due = dueOf(a);
  const base = due && due > today ? due : today;
  return DateTime.fromISO(base).plus({ months: 1 }).toFormat("dd.MM.yyyy");
}

export interface MyGroups {
  overdue: AssignmentView[];
  soon: AssignmentView[];
  later: AssignmentView[];
  undated: AssignmentView[];
  submitted: AssignmentView[];
}

/** /my: overdue, due within 7 days, later, without a date; and what waits for confirmation. */
export function groupForExecutor(list: AssignmentView[], now: Date): MyGroups {
  const g: MyGroups = { overdue: [], soon: [], later: [], undated: [], submitted: [] };
  // zone arithmetic is the costly part: once per time zone, not per assignment
  const todays = new Map<string, string>();
  for (const a of list) {
    if (a.status === "submitted") {
      g.submitted.push(a);
      continue;
    }
    const due = dueOf(a);
    const tz = a.item.roadmap.timezone;
    let today = todays.get(tz);
    if (today === undefined) todays.set(tz, (today = localToday(now, tz)));
    if (!due) g.undated.push(a);
    else if (isOverdue(due, a.status, today)) g.overdue.push(a);
    else if (due <= addDays(today, 7)) g.soon.push(a);
    else g.later.push(a);
  }
  const byDue = (x: AssignmentView, y: AssignmentView) => (dueOf(x) ?? "").localeCompare(dueOf(y) ?? "");
  g.overdue.sort(byDue);
  g.soon.sort(byDue);
  g.later.sort(byDue);
  return g;
}

export type ChangeError = "not_found" | "not_yours" | "closed" | "submitted" | "not_allowed" | "pending_request";

export type ChangeOutcome =
  | { ok: true; from: Status; to: Status; assignment: AssignmentView; /** a multi item's part marked done */ checkpoint?: string }
  | { ok: false; error: ChangeError; status?: Status };

export interface NewEvidence {
  kind: "link" | "file" | "photo";
  url?: string | null;
  fileName?: string | null;
  storagePath?: string | null;
  mimeType?: string | null;
  size?: number | null;
  telegramFileId?: string | null;
}

interface ActionArgs {
  assignmentId: number;
  personId: number;
  at: Date;
  comment?: string | null;
  evidence?: NewEvidence | null;
  /** the assignment as the caller already loaded it in this update (ownership is still checked on it) */
  loaded?: AssignmentView;
  /** a stand-in acting for the absent executor (the caller checked services/absence.ts standsInFor): the executor's id */
  onBehalfOf?: number;
}

async function ownAssignment(db: Db, assignmentId: number, personId: number, loaded?: AssignmentView): Promise<{ ok: true; a: AssignmentView } | { ok: false; error: ChangeError }> {
  const a = loaded?.id === assignmentId ? loaded : await loadAssignment(db, assignmentId);
  if (!a || a.item.removedAt || a.item.roadmap.status === "archived") return { ok: false, error: "not_found" };
  if (a.personId !== personId) return { ok: false, error: "not_yours" };
  return { ok: true, a };
}

/**
 * One status change with its history row (and optional evidence) in one transaction. The update
 * is conditional on the status read before, so two quick presses make one change, not two.
 */
async function change(db: Db, a: AssignmentView, to: Status, args: ActionArgs): Promise<ChangeOutcome> {
  const from = a.status;
  const done = await db.$transaction(async (tx) => {
    const updated = await tx.assignment.updateMany({
      where: { id: a.id, status: from },
      data: { status: to, ...(to === "submitted" ? { doneAt: args.at } : {}) },
    });
    if (updated.count === 0) return false;
    await tx.statusChange.create({
      data: { assignmentId: a.id, fromStatus: from, toStatus: to, byPersonId: args.personId, comment: args.comment ?? null, at: args.at },
    });
    if (args.evidence) await tx.evidence.create({ data: evidenceData(a.id, args.personId, args.at, args.evidence) });
    return true;
  });
  if (!done) {
    const now = await loadAssignment(db, a.id);
    return { ok: false, error: "not_allowed", status: now?.status ?? from };
  }
  // the update was conditional on the status read: what changed is known without reading it again
  return { ok: true, from, to, assignment: { ...a, status: to, _count: { evidence: a._count.evidence + (args.evidence ? 1 : 0) } } };
}

function evidenceData(assignmentId: number, personId: number, at: Date, e: NewEvidence) {
  return {
    assignmentId,
    kind: e.kind,
    url: e.url ?? null,
    fileName: e.fileName ?? null,
    storagePath: e.storagePath ?? null,
    mimeType: e.mimeType ?? null,
    size: e.size ?? null,
    telegramFileId: e.telegramFileId ?? null,
    byPersonId: personId,
    createdAt: at,
  };
}

/** «Выполнено»: submitted (waiting for confirmation), with optional evidence. */
export async function markDone(db: Db, args: ActionArgs): Promise<ChangeOutcome> {
  const own = await ownAssignment(db, args.assignmentId, args.onBehalfOf ?? args.personId, args.loaded);
  if (!own.ok) return own;
  const a = own.a;
  if (isFinal(a.status)) return { ok: false, error: "closed", status: a.status };
  if (a.status === "submitted") {
    // already waiting: a new piece of evidence still counts
    if (args.evidence) {
      await db.evidence.create({ data: evidenceData(a.id, args.personId, args.at, args.evidence) });
      return { ok: true, from: a.status, to: a.status, assignment: (await loadAssignment(db, a.id))! };
    }
    return { ok: false, error: "submitted", status: a.status };
  }
  if (!mayMove("submit", a.status)) return { ok: false, error: "not_allowed", status: a.status };
  const open = openCheckpoints(a);
  if (open.length > 1) return submitCheckpoint(db, a, open[0]!, args);
  const outcome = await change(db, a, "submitted", { ...args, evidence: args.evidence ? { ...args.evidence } : null });
  if (outcome.ok && open.length === 1) {
    // the last part of a multi item: the part and the whole are done together
    await db.checkpointStatus.upsert({
      where: { assignmentId_checkpoint: { assignmentId: a.id, checkpoint: open[0]! } },
      create: { assignmentId: a.id, checkpoint: open[0]!, status: "submitted" },
      update: { status: "submitted" },
    });
    return { ...outcome, checkpoint: open[0]!, assignment: (await loadAssignment(db, a.id))! };
  }
  return outcome;
}

/**
 * One part of a multi item done (not the last): its CheckpointStatus becomes submitted with a
 * history row for that checkpoint; the assignment stays open («в работе»). An approved new date
 * applied to this part, so it is cleared for the next one.
 */
async function submitCheckpoint(db: Db, a: AssignmentView, checkpoint: string, args: ActionArgs): Promise<ChangeOutcome> {
  await db.$transaction(async (tx) => {
    const key = { assignmentId_checkpoint: { assignmentId: a.id, checkpoint } };
    const existing = await tx.checkpointStatus.findUnique({ where: key });
    await tx.checkpointStatus.upsert({ where: key, create: { assignmentId: a.id, checkpoint, status: "submitted" }, update: { status: "submitted" } });
    await tx.statusChange.create({
      data: { assignmentId: a.id, checkpoint, fromStatus: existing?.status ?? "not_started", toStatus: "submitted", byPersonId: args.personId, comment: args.comment ?? null, at: args.at },
    });
    if (args.evidence) await tx.evidence.create({ data: { ...evidenceData(a.id, args.personId, args.at, args.evidence), checkpoint } });
    if (a.status !== "in_progress" || a.dueOverride) {
      await tx.assignment.update({ where: { id: a.id }, data: { status: "in_progress", dueOverride: null } });
      if (a.status !== "in_progress") {
        await tx.statusChange.create({ data: { assignmentId: a.id, fromStatus: a.status, toStatus: "in_progress", byPersonId: args.personId, comment: null, at: args.at } });
      }
    }
  });
  return { ok: true, from: a.status, to: "in_progress", assignment: (await loadAssignment(db, a.id))!, checkpoint };
}

/** «В работе», with an optional comment; a comment on work already in progress is kept in the history too. */
export async function markInProgress(db: Db, args: ActionArgs): Promise<ChangeOutcome> {
  const own = await ownAssignment(db, args.assignmentId, args.onBehalfOf ?? args.personId, args.loaded);
  if (!own.ok) return own;
  const a = own.a;
  if (isFinal(a.status)) return { ok: false, error: "closed", status: a.status };
  if (a.status === "submitted") return { ok: false, error: "submitted", status: a.status };
  if (!mayMove("progress", a.status)) return { ok: false, error: "not_allowed", status: a.status };
  if (a.status === "in_progress" && !args.comment) return { ok: true, from: a.status, to: a.status, assignment: a };
  return change(db, a, "in_progress", args);
}

/** Evidence without a status change (a link, file or photo for work in progress or on review). */
export async function addEvidence(db: Db, args: ActionArgs & { evidence: NewEvidence }): Promise<ChangeOutcome> {
  const own = await ownAssignment(db, args.assignmentId, args.onBehalfOf ?? args.personId, args.loaded);
  if (!own.ok) return own;
  const a = own.a;
  if (isFinal(a.status)) return { ok: false, error: "closed", status: a.status };
  await db.evidence.create({ data: evidenceData(a.id, args.personId, args.at, args.evidence) });
  return { ok: true, from: a.status, to: a.status, assignment: (await loadAssignment(db, a.id))! };
}

/** Checks a «Нужно больше времени» is possible before asking for a date and a reason. */
export async function checkPostpone(db: Db, assignmentId: number, personId: number): Promise<{ ok: true; a: AssignmentView } | { ok: false; error: ChangeError; status?: Status }> {
  const own = await ownAssignment(db, assignmentId, personId);
  if (!own.ok) return own;
  const a = own.a;
  if (isFinal(a.status)) return { ok: false, error: "closed", status: a.status };
  if (a.status === "submitted") return { ok: false, error: "submitted", status: a.status };
  if (!mayMove("postpone", a.status)) return { ok: false, error: "not_allowed", status: a.status };
  const pending = await db.postponeRequest.count({ where: { assignmentId, status: "pending" } });
  if (pending > 0) return { ok: false, error: "pending_request" };
  return { ok: true, a };
}

export async function requestPostponement(
  db: Db,
  args: { assignmentId: number; personId: number; requestedDue: string; reason: string; at: Date },
): Promise<{ ok: true; requestId: number } | { ok: false; error: ChangeError; status?: Status }> {
  const check = await checkPostpone(db, args.assignmentId, args.personId);
  if (!check.ok) return check;
  const r = await db.postponeRequest.create({
    data: { assignmentId: args.assignmentId, requestedDue: args.requestedDue, reason: args.reason, byPersonId: args.personId, createdAt: args.at },
  });
  return { ok: true, requestId: r.id };
}

/** «15.07.2023», «15.07.23», «2023-07-15», «15.07» (the next such day) → ISO; null when not a real date. */
export function parseUserDate(text: string, today: string): string | null {
  const t = text.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})[./](\d{1,2})(?:[./](\d{2}|\d{4}))?$/.exec(t))) {
    d = Number(match[1]);
    m = Number(match[2]);
    if (match[3]) y = match[3].length === 2 ? 2000 + Number(match[3]) : Number(match[3]);
    else {
      y = Number(today.slice(0, 4));
      const candidate = DateTime.fromObject({ year: y, month: m, day: d }, { zone: "UTC" });
      if (candidate.isValid && candidate.toISODate() <= today) y++;
    }
  } else return null;
  const dt = DateTime.fromObject({ year: y, month: m, day: d }, { zone: "UTC" });
  return dt.isValid ? dt.toISODate() : null;
}

// ---------- check-ins of ongoing and recurring items ----------

/** Ongoing («постоянно») and recurring items are answered with check-ins until their period ends. */
export function answersByCheckin(a: AssignmentView, today: string): boolean {
  if (!isCheckinKind(a.item.deadlineKind)) return false;
  return !a.item.deadlineDue || today <= a.item.deadlineDue;
}

/**
 * A check-in («что сделано за месяц?»): a Checkin row for the current period with its own
 * evidence; the assignment goes to «в работе» but is not closed.
 */
export async function recordCheckin(
  db: Db,
  args: ActionArgs & { done: boolean },
): Promise<{ ok: true; periodStart: string; assignment: AssignmentView } | { ok: false; error: ChangeError; status?: Status }> {
  const a = await loadAssignment(db, args.assignmentId);
  if (!a || a.item.removedAt || a.item.roadmap.status === "archived") return { ok: false, error: "not_found" };
  if (a.personId !== (args.onBehalfOf ?? args.personId)) return { ok: false, error: "not_yours" };
  if (isFinal(a.status)) return { ok: false, error: "closed", status: a.status };
  const rhythm = await db.item.findUnique({ where: { id: a.item.id }, select: { every: true, everyDay: true } });
  const today = localToday(args.at, a.item.roadmap.timezone);
  // the period the scheduler asked about (core/checkins.ts): its id is what the answer is stored under
  const period = answeredPeriod(checkinEvery(a.item.deadlineKind, toEvery(rhythm?.every ?? null)), rhythm?.everyDay ?? null, today);
  await db.$transaction(async (tx) => {
    const checkin = await tx.checkin.create({
      data: { assignmentId: a.id, period: period.id, status: args.done ? "done" : "in_progress", comment: args.comment ?? null, byPersonId: args.personId, createdAt: args.at },
    });
    if (args.evidence) await tx.evidence.create({ data: { ...evidenceData(a.id, args.personId, args.at, args.evidence), checkinId: checkin.id } });
    if (mayMove("progress", a.status) && a.status !== "in_progress") {
      const moved = await tx.assignment.updateMany({ where: { id: a.id, status: a.status }, data: { status: "in_progress" } });
      if (moved.count > 0) {
        await tx.statusChange.create({
          data: { assignmentId: a.id, fromStatus: a.status, toStatus: "in_progress", byPersonId: args.personId, comment: args.comment ?? null, at: args.at },
        });
      }
    }
  });
  return { ok: true, periodStart: period.start, assignment: (await loadAssignment(db, a.id))! };
}

/** Of these assignments, the live ones of this person (or these people), in roadmap order: a reply to a message about several items. */
export async function ownOpenAssignments(db: Db, personId: number | readonly number[], ids: readonly number[]): Promise<Array<{ id: number; key: string; title: string }>> {
  const rows = await db.assignment.findMany({
    where: { id: { in: [...ids] }, personId: typeof personId === "number" ? personId : { in: [...personId] }, status: { in: [...UNFINISHED_STATUSES] }, item: { removedAt: null, roadmap: { status: { not: "archived" } } } },
    select: { id: true, item: { select: { key: true, title: true, roadmapId: true, position: true } } },
  });
  rows.sort((x, y) => x.item.roadmapId - y.item.roadmapId || x.item.position - y.item.position);
  return rows.map((r) => ({ id: r.id, key: r.item.key, title: r.item.title }));
}
