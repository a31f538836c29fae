import { DateTime } from "luxon";
import type { Db } from "../services/db.ts";
import { workCalendar, type WorkCalendar } from "../core/calendar.ts";
import {
  digestsDue,
  parsePolicy,
  remindersDue,
  type AssignmentState,
  type DigestTarget,
  type DueDigest,
  type DueReminder,
  type Recipient,
  type ReminderPolicy,
} from "../core/reminders.ts";
import type { DeadlineKind, Every } from "../core/types.ts";
import { approvalsDue, type PlannedApproval } from "./approvals.ts";
import { Prisma } from "@prisma/client";
import { appliesTo } from "../services/scope.ts";

// Reads the database into the pure planner's input, then asks core/reminders.ts what is due.
// A handful of flat queries (no per-assignment round trips): planning 10,000 assignments stays cheap.

/** Deadline kinds that can produce reminders; on_demand, none and unknown only show in digests. */
const REMINDED_KINDS: DeadlineKind[] = ["date", "window", "multi", "recurring", "ongoing"];
const OPEN_STATUSES = ["not_started", "in_progress", "returned", "postponed"];

export interface PlanningState {
  assignments: AssignmentState[];
  digests: DigestTarget[];
  calendar: WorkCalendar;
}

export interface PersonRow {
  id: number;
  shortName: string;
  chatId: string | null;
  timezone: string | null;
  unreachable: boolean;
  removedAt: Date | null;
  language: string | null;
}

function reachable(p: PersonRow | undefined): p is PersonRow {
  return !!p && !!p.chatId && !p.unreachable && !p.removedAt;
}

function recipientOf(p: PersonRow, roadmapZone: string): Recipient {
  return { personId: p.id, name: p.shortName, chatId: p.chatId, timezone: p.timezone || roadmapZone };
}

function parseDates(json: string): string[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((d): d is string => typeof d === "string") : [];
  } catch {
    return [];
  }
}

export async function loadWorkCalendar(db: Db): Promise<WorkCalendar> {
  const days = await db.calendarDay.findMany({ select: { date: true, isWorking: true } });
  return workCalendar(days);
}

/**
 * Is it daytime on a working day anywhere a recipient lives? At night (most ticks) the tick
 * stops here after two small queries instead of reading every assignment.
 */
export async function anyoneInDaytime(db: Db, now: Date): Promise<boolean> {
  const roadmaps = await db.roadmap.findMany({ where: { status: "active" }, select: { timezone: true, reminderPolicy: true } });
  if (roadmaps.length === 0) return false;
  const zones = new Set(roadmaps.map((r) => r.timezone));
  const people = await db.person.findMany({ where: { timezone: { not: null }, chatId: { not: null } }, distinct: ["timezone"], select: { timezone: true } });
  for (const p of people) zones.add(p.timezone!);
  const policies = roadmaps.map((r) => parsePolicy(r.reminderPolicy));
  const from = Math.min(...policies.map((p) => Math.min(p.sendHour, p.digestHour)));
  const to = Math.max(...policies.map((p) => p.quietHour));
  const cal = await loadWorkCalendar(db);
  for (const zone of zones) {
    const local = DateTime.fromJSDate(now, { zone });
    if (local.isValid && local.hour >= from && local.hour < to && cal.isWorkingDay(local.toISODate()!)) return true;
  }
  return false;
}

/** Everything the planner needs, read in a few queries. */
export async function loadPlanningState(db: Db): Promise<PlanningState> {
  const roadmaps = await db.roadmap.findMany({
    where: { status: "active" },
    select: { id: true, timezone: true, activeFrom: true, reminderPolicy: true, controllerId: true },
    orderBy: { id: "asc" },
  });
  const calendar = await loadWorkCalendar(db);
  if (roadmaps.length === 0) return { assignments: [], digests: [], calendar };
  const roadmapIds = roadmaps.map((r) => r.id);
  const policies = new Map<number, ReminderPolicy>();
  for (const r of roadmaps) policies.set(r.id, parsePolicy(r.reminderPolicy));

  const [items, people, roles, curatorships, contacts] = await Promise.all([
    db.item.findMany({
      where: { roadmapId: { in: roadmapIds }, removedAt: null, deadlineKind: { in: REMINDED_KINDS } },
      select: { id: true, roadmapId: true, key: true, number: true, deadlineKind: true, deadlineStart: true, deadlineDue: true, checkpoints: true, every: true },
      orderBy: [{ roadmapId: "asc" }, { position: "asc" }],
    }),
    db.person.findMany({ select: { id: true, shortName: true, chatId: true, timezone: true, unreachable: true, removedAt: true, language: true } }),
    db.personRole.findMany({ where: { role: { in: ["deputy", "coordinator"] } }, select: { personId: true, role: true, roadmapId: true }, orderBy: { id: "asc" } }),
    db.curatorship.findMany({ select: { schoolId: true, personId: true, curatorOrgId: true, roadmapId: true }, orderBy: { id: "asc" } }),
    db.organizationContact.findMany({ select: { organizationId: true, personId: true }, orderBy: { id: "asc" } }),
  ]);
  const itemIds = items.map((i) => i.id);
  const assignments = await db.assignment.findMany({
    where: { itemId: { in: itemIds }, status: { in: OPEN_STATUSES }, personId: { not: null } },
    select: { id: true, itemId: true, personId: true, schoolId: true, status: true, dueOverride: true },
    orderBy: { id: "asc" },
  });
  const multiIds = new Set(items.filter((i) => i.deadlineKind === "multi").map((i) => i.id));
  const checkinIds = new Set(items.filter((i) => i.deadlineKind === "ongoing" || i.deadlineKind === "recurring").map((i) => i.id));
  const [checkpointRows, checkinRows] = await Promise.all([
    db.checkpointStatus.findMany({
      where: { assignment: { itemId: { in: [...multiIds] } } },
      select: { assignmentId: true, checkpoint: true, status: true },
    }),
    db.checkin.findMany({
      where: { assignment: { itemId: { in: [...checkinIds] } } },
      select: { assignmentId: true, period: true },
    }),
  ]);

  const personById = new Map(people.map((p) => [p.id, p]));
  const contactsByOrg = new Map<number, number[]>();
  for (const c of contacts) contactsByOrg.set(c.organizationId, [...(contactsByOrg.get(c.organizationId) ?? []), c.personId]);
  const checkpointsByAssignment = new Map<number, Record<string, string>>();
  for (const c of checkpointRows) {
    const rec = checkpointsByAssignment.get(c.assignmentId) ?? {};
    rec[c.checkpoint] = c.status;
    checkpointsByAssignment.set(c.assignmentId, rec);
  }
  const periodsByAssignment = new Map<number, string[]>();
  for (const c of checkinRows) periodsByAssignment.set(c.assignmentId, [...(periodsByAssignment.get(c.assignmentId) ?? []), c.period]);

  /** Curator people of a school for a roadmap: personal curators, else a curator organisation's contacts. */
  const curatorsOf = (schoolId: number, roadmapId: number): number[] => {
    const ids: number[] = [];
    for (const c of curatorships) {
      if (c.schoolId !== schoolId || !appliesTo(c.roadmapId, roadmapId)) continue;
      if (c.personId) ids.push(c.personId);
      if (c.curatorOrgId) ids.push(...(contactsByOrg.get(c.curatorOrgId) ?? []));
    }
    return [...new Set(ids)];
  };
  const deputiesOf = (roadmapId: number, controllerId: number | null): number[] => {
    const ids = roles.filter((r) => r.role === "deputy" && (r.roadmapId === null || r.roadmapId === roadmapId)).map((r) => r.personId);
    if (controllerId) ids.push(controllerId);
    return [...new Set(ids)];
  };
  const coordinators = [...new Set(roles.filter((r) => r.role === "coordinator").map((r) => r.personId))];

  const roadmapById = new Map(roadmaps.map((r) => [r.id, r]));
  const itemById = new Map(items.map((i) => [i.id, i]));
  const escalationCache = new Map<string, Recipient[]>();
  const escalationFor = (roadmapId: number, schoolId: number | null): Recipient[] => {
    const cacheKey = `${roadmapId}|${schoolId}`;
    let found = escalationCache.get(cacheKey);
    if (found) return found;
    const r = roadmapById.get(roadmapId)!;
    const tiers = [schoolId ? curatorsOf(schoolId, roadmapId) : [], deputiesOf(roadmapId, r.controllerId), coordinators];
    found = [];
    for (const tier of tiers) {
      const people = tier.map((id) => personById.get(id)).filter(reachable);
      if (people.length > 0) {
        found = people.map((p) => recipientOf(p, r.timezone));
        break;
      }
    }
    escalationCache.set(cacheKey, found);
    return found;
  };

  const states: AssignmentState[] = [];
  const checkpointsCache = new Map<number, string[]>();
  for (const a of assignments) {
    const item = itemById.get(a.itemId)!;
    const r = roadmapById.get(item.roadmapId)!;
    const person = personById.get(a.personId!);
    const executor = reachable(person) ? recipientOf(person, r.timezone) : null;
    let checkpoints = checkpointsCache.get(item.id);
    if (!checkpoints) {
      checkpoints = parseDates(item.checkpoints);
      checkpointsCache.set(item.id, checkpoints);
    }
    states.push({
      assignmentId: a.id,
      roadmapId: r.id,
      itemKey: item.key,
      itemNumber: item.number,
      schedule: {
        kind: item.deadlineKind as DeadlineKind,
        start: item.deadlineStart,
        due: item.deadlineDue,
        checkpoints,
        every: (item.every as Every | null) ?? null,
      },
      status: a.status,
      dueOverride: a.dueOverride,
      checkpointStatus: checkpointsByAssignment.get(a.id),
      answeredPeriods: periodsByAssignment.get(a.id),
      executor,
      escalateTo: escalationFor(r.id, a.schoolId),
      activeFrom: r.activeFrom,
      policy: policies.get(r.id)!,
    });
  }

  // digests: deputies see the whole roadmap; curators their schools (if they are not deputies of it)
  const schoolsByRoadmap = new Map<number, Set<number>>();
  // one DISTINCT in SQL instead of a row per assignment through the client
  const pairs = await db.$queryRaw<Array<{ roadmapId: number | bigint; schoolId: number | bigint }>>(Prisma.sql`
    SELECT DISTINCT i."roadmapId" AS "roadmapId", a."schoolId" AS "schoolId" FROM "Assignment" a JOIN "Item" i ON i."id" = a."itemId"
    WHERE a."schoolId" IS NOT NULL AND i."roadmapId" IN (${Prisma.join(roadmapIds)})`);
  for (const p of pairs) {
    const roadmapId = Number(p.roadmapId);
    const set = schoolsByRoadmap.get(roadmapId) ?? new Set<number>();
    set.add(Number(p.schoolId));
    schoolsByRoadmap.set(roadmapId, set);
  }
  const digests: DigestTarget[] = [];
  for (const r of roadmaps) {
    const policy = policies.get(r.id)!;
    const deputies = new Set(deputiesOf(r.id, r.controllerId));
    for (const id of deputies) {
      const p = personById.get(id);
      if (reachable(p)) digests.push({ roadmapId: r.id, recipient: recipientOf(p, r.timezone), schoolIds: null, activeFrom: r.activeFrom, policy });
    }
    const bySchool = new Map<number, number[]>();
    for (const schoolId of schoolsByRoadmap.get(r.id) ?? []) {
      for (const personId of curatorsOf(schoolId, r.id)) {
        if (deputies.has(personId)) continue;
        bySchool.set(personId, [...(bySchool.get(personId) ?? []), schoolId]);
      }
    }
    for (const [personId, schoolIds] of bySchool) {
      const p = personById.get(personId);
      if (reachable(p)) digests.push({ roadmapId: r.id, recipient: recipientOf(p, r.timezone), schoolIds: schoolIds.sort((x, y) => x - y), activeFrom: r.activeFrom, policy });
    }
  }
  return { assignments: states, digests, calendar };
}

export type Planned = DueReminder | DueDigest;

/** Everything due at `now`, before claims: a pure function of the state read and `now`. */
export function planFromState(state: PlanningState, now: Date): Planned[] {
  return [...remindersDue(state.assignments, now, state.calendar), ...digestsDue(state.digests, now, state.calendar)];
}

export async function planAt(db: Db, now: Date): Promise<Planned[]> {
  return planFromState(await loadPlanningState(db), now);
}

/** How long a claim without "sent" is left to its claimant before another tick retries it. */
export const STALE_CLAIM_MS = 5 * 60_000;

/**
 * What a tick at `now` would actually send: the plan minus what is sent or freshly claimed, plus
 * the postponement requests services/postpone.ts would raise (`approval_reminder`).
 */
export async function pendingAt(db: Db, now: Date): Promise<Array<Planned | PlannedApproval>> {
  const state = await loadPlanningState(db);
  const open = await stillToSend(db, planFromState(state, now), now);
  return [...open, ...(await approvalsDue(db, now, state.calendar))];
}

/**
 * The planned entries a tick should try to claim: not sent, not freshly claimed by someone else,
 * not given up. An escalation already delivered to someone in an earlier tick is not sent again to
 * a new recipient (the curator left, the deputy head changed): one escalation per deadline.
 */
export async function stillToSend(db: Db, planned: Planned[], now: Date): Promise<Planned[]> {
  if (planned.length === 0) return [];
  const claims = await existingClaims(db, planned.map((p) => p.key));
  const open = planned.filter((p) => {
    const c = claims.get(p.key);
    return !c || (!c.sentAt && !c.lastError?.startsWith("final:") && now.getTime() - c.claimedAt.getTime() > STALE_CLAIM_MS);
  });
  const escalations = open.filter((p): p is DueReminder => p.kind === "escalation");
  if (escalations.length === 0) return open;
  const delivered = await db.reminderClaim.findMany({
    where: { kind: "escalation", assignmentId: { in: [...new Set(escalations.map((e) => e.assignmentId))] }, sentAt: { not: null }, claimedAt: { lt: now } },
    select: { assignmentId: true, checkpoint: true, localDate: true },
  });
  const done = new Set(delivered.map((d) => `${d.assignmentId}|${d.checkpoint}|${d.localDate}`));
  return open.filter((p) => p.kind !== "escalation" || !done.has(`${(p as DueReminder).assignmentId}|${(p as DueReminder).checkpoint ?? (p as DueReminder).period}|${p.localDate}`));
}

export interface ClaimRow {
  key: string;
  claimedAt: Date;
  sentAt: Date | null;
  lastError: string | null;
  attempts: number;
}

export async function existingClaims(db: Db, keys: string[]): Promise<Map<string, ClaimRow>> {
  const out = new Map<string, ClaimRow>();
  // SQLite limits bound parameters: ask in chunks
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db.reminderClaim.findMany({
      where: { key: { in: keys.slice(i, i + 500) } },
      select: { key: true, claimedAt: true, sentAt: true, lastError: true, attempts: true },
    });
    for (const r of rows) out.set(r.key, r);
  }
  return out;
}

/** The contract's `plan --json` entry. */
export function planEntry(p: Planned | PlannedApproval): Record<string, unknown> {
  if (p.kind === "approval_reminder") {
    const a = p as PlannedApproval;
    return { kind: a.kind, sendAt: a.sendAt, roadmapId: a.roadmapId, itemKey: a.itemKey, itemNumber: a.itemNumber, checkpoint: null, recipient: a.recipient, localDate: a.localDate, requestId: a.requestId };
  }
  const isDigest = p.kind === "digest";
  return {
    kind: p.kind,
    sendAt: p.sendAt,
    roadmapId: p.roadmapId,
    itemKey: isDigest ? null : (p as DueReminder).itemKey,
    itemNumber: isDigest ? null : (p as DueReminder).itemNumber,
    checkpoint: isDigest ? null : (p as DueReminder).checkpoint,
    recipient: { personId: p.recipient.personId, name: p.recipient.name, chatId: p.recipient.chatId },
    localDate: p.localDate,
    ...(isDigest ? {} : { assignmentId: (p as DueReminder).assignmentId, period: (p as DueReminder).period }),
  };
}
