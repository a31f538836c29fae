import { DateTime } from "luxon";
import type { Db } from "../services/db.ts";
import { addDays, workCalendar, type WorkCalendar } from "../core/working-days.ts";
import {
  digestsDue,
  remindersDue,
  type AssignmentState,
  type DigestTarget,
  type DueDigest,
  type DueReminder,
  type ExecutorAbsence,
  type Recipient,
  type ReminderPolicy,
} from "../core/reminders.ts";
import { isEvery, toDeadlineKind, toEvery, type ReminderKind } from "../core/kinds.ts";
import { toStatus, type Status } from "../core/status.ts";
import { approvalsDue, type PlannedApproval } from "./approvals.ts";
import { Prisma } from "@prisma/client";
import { appliesTo } from "../services/scope.ts";
import type { Logger } from "../services/logger.ts";
import { isIsoDay, remembered } from "../core/iso-day.ts";
import { claimsUnder, everyone, openPage, openSnoozes, remindedItems, type ClaimRow, type PersonRow } from "./plan-rows.ts";
import { logBadRow, readCheckpoints, readReminderPolicy, StoredJsonError } from "../services/stored-json.ts";

// Reads the database into the pure planner's input, then asks core/reminders.ts what is due.
// A handful of flat queries (no per-assignment round trips): planning 10,000 assignments stays cheap.

export interface PlanningState {
  assignments: AssignmentState[];
  digests: DigestTarget[];
  calendar: WorkCalendar;
  /** every person's chosen language, for the messages */
  languages: Map<number, string | null>;
}

function reachable(p: PersonRow | undefined): p is PersonRow {
  return !!p && !!p.chatId && !p.unreachable && !p.removedAt;
}

function recipientOf(p: PersonRow, roadmapZone: string): Recipient {
  return { personId: p.id, name: p.shortName, chatId: p.chatId, timezone: p.timezone || roadmapZone };
}

export async function loadWorkCalendar(db: Db): Promise<WorkCalendar> {
  const days = await db.calendarDay.findMany({ select: { date: true, isWorking: true } });
  return workCalendar(days);
}

const knownZone = remembered((zone) => DateTime.local().setZone(zone).isValid);
const validZone = (zone: string | null | undefined): zone is string => !!zone && knownZone(zone);
const validDay = (d: string | null) => d === null || isIsoDay(d);

/** An active roadmap as the planner uses it. */
interface PlannedRoadmap {
  id: number;
  timezone: string;
  activeFrom: string | null;
  controllerId: number | null;
  policy: ReminderPolicy;
}

/** The active roadmaps whose stored fields can be planned with; a bad one is logged and left out. */
async function activeRoadmaps(db: Db, logger?: Logger): Promise<PlannedRoadmap[]> {
  const rows = await db.roadmap.findMany({
    where: { status: "active" },
    select: { id: true, timezone: true, activeFrom: true, reminderPolicy: true, controllerId: true },
  });
  const out: Array<(typeof rows)[number] & { policy: ReminderPolicy }> = [];
  for (const r of rows) {
    try {
      if (!validZone(r.timezone)) throw new StoredJsonError("Roadmap.timezone", r.id, `unknown time zone "${String(r.timezone)}"`);
      if (r.activeFrom !== null && !validDay(r.activeFrom)) throw new StoredJsonError("Roadmap.activeFrom", r.id, "not an ISO date");
      out.push({ ...r, policy: readReminderPolicy(r) });
    } catch (e) {
      if (!(e instanceof StoredJsonError)) throw e;
      logBadRow(logger, e);
    }
  }
  return out;
}

/**
 * Is it daytime on a working day anywhere a recipient lives? At night (most ticks) the tick
 * stops here after two small queries instead of reading every assignment.
 */
export async function anyoneInDaytime(db: Db, now: Date, logger?: Logger): Promise<boolean> {
  const roadmaps = await activeRoadmaps(db, logger);
  if (roadmaps.length === 0) return false;
  const zones = new Set(roadmaps.map((r) => r.timezone));
  // GROUP BY in SQL: Prisma's `distinct` reads every person's row and drops the repeats itself
  const people = await db.person.groupBy({ by: ["timezone"], where: { timezone: { not: null }, chatId: { not: null } } });
  for (const p of people) if (validZone(p.timezone)) zones.add(p.timezone);
  const from = Math.min(...roadmaps.map((r) => Math.min(r.policy.sendHour, r.policy.digestHour)));
  const to = Math.max(...roadmaps.map((r) => r.policy.quietHour));
  const cal = await loadWorkCalendar(db);
  for (const zone of zones) {
    const local = DateTime.fromJSDate(now, { zone });
    if (local.isValid && local.hour >= from && local.hour < to && cal.isWorkingDay(local.toISODate())) return true;
  }
  return false;
}

/** Open assignments planned at once: a page's state is built, planned and dropped before the next is read. */
const PLAN_PAGE = 5000;

/**
 * What the planner reads once per run, small whatever the region's size: the roadmaps, items,
 * people, who escalations and digests go to. The assignments — the big part — come a page at a
 * time from `pages` (a keyset on the id, so the pages' concatenation is the whole list in id order).
 */
interface PlanningContext {
  calendar: WorkCalendar;
  digests: DigestTarget[];
  /** every person's chosen language, for the messages */
  languages: Map<number, string | null>;
  pages(size?: number): AsyncGenerator<AssignmentState[]>;
}

/**
 * Everything the planner needs but the assignments, read in a few queries. Every query filters
 * through relations (the items of active roadmaps, their assignments …) or a range of ids rather
 * than lists of ids, so its bound parameters stay the same however many items the roadmaps hold. A
 * row whose stored fields cannot be planned with (a bad policy, checkpoints, date or zone) is
 * logged and left out — it never stops the other rows.
 */
async function planningContext(db: Db, logger?: Logger, now?: Date): Promise<PlanningContext> {
  const roadmaps = await activeRoadmaps(db, logger);
  const calendar = await loadWorkCalendar(db);
  if (roadmaps.length === 0) {
    return { calendar, digests: [], languages: new Map(), pages: async function* () {} };
  }
  const roadmapById = new Map(roadmaps.map((r) => [r.id, r]));
  const [items, people, roles, curatorships, contacts, snoozeRows, absenceRows] = await Promise.all([
    remindedItems(db),
    everyone(db),
    db.personRole.findMany({ where: { role: { in: ["deputy", "coordinator"] } }, select: { personId: true, role: true, roadmapId: true }, orderBy: { id: "asc" } }),
    db.curatorship.findMany({ select: { schoolId: true, personId: true, curatorOrgId: true, roadmapId: true }, orderBy: { id: "asc" } }),
    db.organizationContact.findMany({ select: { organizationId: true, personId: true }, orderBy: { id: "asc" } }),
    // «Напомнить завтра» on open work (pressed by hand: a few rows)
    openSnoozes(db),
    // «Я в отпуске» (set by hand: a few rows a person a year)
    db.absence.findMany({ select: { personId: true, from: true, to: true, standInId: true }, orderBy: { from: "asc" } }),
  ]);

  // items whose stored schedule cannot be planned with are left out, each logged once
  const itemById = new Map<number, { roadmap: PlannedRoadmap; key: string; number: string | null; schedule: AssignmentState["schedule"] }>();
  for (const i of items) {
    const roadmap = roadmapById.get(i.roadmapId);
    if (!roadmap) continue;
    try {
      if (!validDay(i.deadlineStart) || !validDay(i.deadlineDue)) throw new StoredJsonError("Item.deadline", i.id, "not an ISO date");
      if (i.every !== null && !isEvery(i.every)) throw new StoredJsonError("Item.every", i.id, `"${i.every}" is not week, month or quarter`);
      const schedule = { kind: toDeadlineKind(i.deadlineKind), start: i.deadlineStart, due: i.deadlineDue, checkpoints: readCheckpoints(i), every: toEvery(i.every), day: i.everyDay };
      itemById.set(i.id, { roadmap, key: i.key, number: i.number, schedule });
    } catch (e) {
      if (!(e instanceof StoredJsonError)) throw e;
      logBadRow(logger, e);
    }
  }

  const personById = new Map(people.map((p) => [p.id, { ...p, timezone: validZone(p.timezone) ? p.timezone : null }]));
  // one Recipient object per person and zone, shared by every reminder to them (found by zone, then
  // person: no key text built for each of 70,000 assignments)
  const recipients = new Map<string, Map<number, Recipient>>();
  const recipientIn = (p: PersonRow, roadmapZone: string): Recipient => {
    const zone = p.timezone || roadmapZone;
    let inZone = recipients.get(zone);
    if (!inZone) recipients.set(zone, (inZone = new Map<number, Recipient>()));
    let r = inZone.get(p.id);
    if (!r) inZone.set(p.id, (r = recipientOf(p, roadmapZone)));
    return r;
  };
  const contactsByOrg = new Map<number, number[]>();
  for (const c of contacts) contactsByOrg.set(c.organizationId, [...(contactsByOrg.get(c.organizationId) ?? []), c.personId]);
  const snoozesByAssignment = new Map<number, Array<{ personId: number; day: string }>>();
  for (const z of snoozeRows) snoozesByAssignment.set(z.assignmentId, [...(snoozesByAssignment.get(z.assignmentId) ?? []), z]);
  const absencesByPerson = new Map<number, Array<{ from: string; to: string; standInId: number | null }>>();
  for (const ab of absenceRows) {
    if (ab.to < ab.from || !validDay(ab.from) || !validDay(ab.to)) continue; // ended before it began
    absencesByPerson.set(ab.personId, [...(absencesByPerson.get(ab.personId) ?? []), ab]);
  }
  const checkinsFrom = now ? checkinsSince(now, roadmaps, absenceRows) : null;
  const absencesOf = (personId: number, zone: string): ExecutorAbsence[] | undefined =>
    absencesByPerson.get(personId)?.map((ab) => {
      // a stand-in who cannot be reached (blocked the bot, removed) covers nobody: the reminders wait
      const standIn = ab.standInId === null ? undefined : personById.get(ab.standInId);
      return { from: ab.from, to: ab.to, standIn: reachable(standIn) ? recipientIn(standIn, zone) : null };
    });

  // a school's appointments, in the order they were made
  const curatorshipsBySchool = new Map<number, typeof curatorships>();
  for (const c of curatorships) curatorshipsBySchool.set(c.schoolId, [...(curatorshipsBySchool.get(c.schoolId) ?? []), c]);
  /** Curator people of a school for a roadmap: personal curators, else a curator organisation's contacts. */
  const curatorsOf = (schoolId: number, roadmapId: number): number[] => {
    const ids: number[] = [];
    for (const c of curatorshipsBySchool.get(schoolId) ?? []) {
      if (!appliesTo(c.roadmapId, roadmapId)) continue;
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

  /** Whom a school's work on a roadmap escalates to, with their «Я в отпуске» (a stand-in takes their escalations: core/reminders.ts). */
  interface Escalation {
    to: Recipient[];
    absences: Map<number, ExecutorAbsence[]> | undefined;
  }
  // by roadmap, then school: found once per pair, not once per assignment
  const escalations = new Map<number, Map<number | null, Escalation>>();
  const escalationOf = (r: PlannedRoadmap, schoolId: number | null): Escalation => {
    let bySchool = escalations.get(r.id);
    if (!bySchool) escalations.set(r.id, (bySchool = new Map<number | null, Escalation>()));
    let found = bySchool.get(schoolId);
    if (found) return found;
    const tiers = [schoolId ? curatorsOf(schoolId, r.id) : [], deputiesOf(r.id, r.controllerId), coordinators];
    let to: Recipient[] = [];
    for (const tier of tiers) {
      const people = tier.map((id) => personById.get(id)).filter(reachable);
      if (people.length > 0) {
        to = people.map((p) => recipientIn(p, r.timezone));
        break;
      }
    }
    let absences: Map<number, ExecutorAbsence[]> | undefined;
    for (const p of to) {
      const spans = absencesOf(p.personId, r.timezone);
      if (spans) (absences ??= new Map()).set(p.personId, spans);
    }
    bySchool.set(schoolId, (found = { to, absences }));
    return found;
  };

  /** The open assignments of the planned items, `size` at a time in id order, each page with its checkpoints and check-ins. */
  async function* pages(size = PLAN_PAGE): AsyncGenerator<AssignmentState[]> {
    let after = 0;
    for (;;) {
      const assignments = await openPage(db, after, size, checkinsFrom);
      if (assignments.length === 0) return;
      const states: AssignmentState[] = [];
      for (const a of assignments) {
        const item = itemById.get(a.itemId);
        if (!item) continue; // its roadmap or its own fields were left out above
        const r = item.roadmap;
        if (a.dueOverride !== null && !validDay(a.dueOverride)) {
          logBadRow(logger, new StoredJsonError("Assignment.dueOverride", a.id, "not an ISO date"));
          continue;
        }
        const person = personById.get(a.personId);
        const executor = reachable(person) ? recipientIn(person, r.timezone) : null;
        const escalation = escalationOf(r, a.schoolId);
        states.push({
          assignmentId: a.id,
          roadmapId: r.id,
          itemKey: item.key,
          itemNumber: item.number,
          schedule: item.schedule,
          status: toStatus(a.status),
          dueOverride: a.dueOverride,
          checkpointStatus: a.checkpoints === null ? undefined : checkpointRecord(a.checkpoints),
          answeredPeriods: a.periods === null ? undefined : a.periods.split(","),
          executor,
          snoozedTo: snoozesByAssignment.get(a.id)?.flatMap((z) => (z.personId === a.personId ? [z.day] : [])),
          escalateTo: escalation.to,
          escalationAbsences: escalation.absences,
          absences: absencesOf(a.personId, r.timezone),
          activeFrom: r.activeFrom,
          policy: r.policy,
        });
      }
      yield states;
      if (assignments.length < size) return;
      after = assignments[assignments.length - 1]!.id;
    }
  }

  // digests: deputies see the whole roadmap; curators their schools (if they are not deputies of it)
  const schoolsByRoadmap = new Map<number, Set<number>>();
  // one DISTINCT in SQL instead of a row per assignment through the client
  const pairs = await db.$queryRaw<Array<{ roadmapId: number | bigint; schoolId: number | bigint }>>(Prisma.sql`
    SELECT DISTINCT i."roadmapId" AS "roadmapId", a."schoolId" AS "schoolId"
    FROM "Assignment" a JOIN "Item" i ON i."id" = a."itemId" JOIN "Roadmap" r ON r."id" = i."roadmapId"
    WHERE a."schoolId" IS NOT NULL AND r."status" = 'active'`);
  for (const p of pairs) {
    const roadmapId = Number(p.roadmapId);
    const set = schoolsByRoadmap.get(roadmapId) ?? new Set<number>();
    set.add(Number(p.schoolId));
    schoolsByRoadmap.set(roadmapId, set);
  }
  const digests: DigestTarget[] = [];
  for (const r of roadmaps) {
    const policy = r.policy;
    const deputies = new Set(deputiesOf(r.id, r.controllerId));
    for (const id of deputies) {
      const p = personById.get(id);
      if (reachable(p)) digests.push({ roadmapId: r.id, recipient: recipientIn(p, r.timezone), schoolIds: null, activeFrom: r.activeFrom, policy, absences: absencesOf(p.id, r.timezone) });
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
      if (reachable(p)) digests.push({ roadmapId: r.id, recipient: recipientIn(p, r.timezone), schoolIds: schoolIds.sort((x, y) => x - y), activeFrom: r.activeFrom, policy, absences: absencesOf(p.id, r.timezone) });
    }
  }
  const languages = new Map(people.map((p) => [p.id, p.language]));
  return { calendar, digests, languages, pages };
}

/** «2025-03-01=verified,…» as the planner's record of checkpoint statuses. */
function checkpointRecord(text: string): Record<string, Status> {
  const rec: Record<string, Status> = {};
  for (const part of text.split(",")) {
    const eq = part.indexOf("=");
    rec[part.slice(0, eq)] = toStatus(part.slice(eq + 1));
  }
  return rec;
}

/**
 * The check-ins a plan at `now` can look at, as the lowest period id («2025-06» a month, a week's
 * Monday, a quarter's first day: each starts with its first day's «YYYY-MM»): the planner asks
 * about periods ending on or after the day before the earliest day it looks back to — the
 * catch-up window in the zone furthest behind, or 45 days before an absence began
 * (core/absence.ts lookBackFrom) — and a period is at most a quarter long. A region's older
 * check-ins (most of its 80,000) are not read each tick.
 */
function checkinsSince(now: Date, roadmaps: Array<{ policy: ReminderPolicy }>, absences: Array<{ from: string }>): string {
  // no zone is more than a day behind UTC
  let from = addDays(now.toISOString().slice(0, 10), -1 - Math.max(...roadmaps.map((r) => r.policy.catchUpDays)));
  for (const ab of absences) if (validDay(ab.from) && addDays(ab.from, -45) < from) from = addDays(ab.from, -45);
  // the day before, a quarter's length, a named day up to a month after it (core/checkins.ts askDay), and a week to spare
  return addDays(from, -1 - 92 - 31 - 7).slice(0, 7);
}

/**
 * Everything the planner needs at once: the whole region's open assignments in one list (tests and
 * the planner's bench; the scheduler plans a page at a time through `planDue`).
 */
export async function loadPlanningState(db: Db, logger?: Logger): Promise<PlanningState> {
  const ctx = await planningContext(db, logger);
  const assignments: AssignmentState[] = [];
  for await (const page of ctx.pages()) assignments.push(...page);
  return { assignments, digests: ctx.digests, calendar: ctx.calendar, languages: ctx.languages };
}

/** What the planner yields, told apart by `kind`: an assignment's reminder, or a weekly digest. */
export type Planned = DueReminder | DueDigest;

/** Everything due at `now`, before claims: a pure function of the state read and `now`. */
export function planFromState(state: PlanningState, now: Date): Planned[] {
  return [...remindersDue(state.assignments, now, state.calendar), ...digestsDue(state.digests, now, state.calendar)];
}

export interface PlanOptions {
  logger?: Logger;
  /** open assignments read and planned at once (default PLAN_PAGE) */
  pageSize?: number;
  /**
   * Applied to each page's planned entries as it is planned (the digests are one page of their
   * own): what it keeps is all that stays in memory of the page. Default: everything.
   */
  keep?: (page: Planned[]) => Promise<Planned[]>;
}

export interface Plan {
  /** the entries kept, in the order planFromState gives them: reminders by assignment id, then digests */
  kept: Planned[];
  /** how many were planned, kept or not */
  planned: number;
  /** pages of open assignments read */
  pages: number;
  calendar: WorkCalendar;
  languages: Map<number, string | null>;
}

/**
 * Everything due at `now`, planned a page of open assignments at a time: each page is read, planned
 * and dropped, and only its planned entries that `keep` keeps stay — so the planner's memory is a
 * page's, not the region's. The result is planFromState's over the whole state, page by page.
 */
export async function planDue(db: Db, now: Date, opts: PlanOptions = {}): Promise<Plan> {
  const ctx = await planningContext(db, opts.logger, now);
  const keep = opts.keep ?? (async (page: Planned[]) => page);
  const kept: Planned[] = [];
  let planned = 0;
  let pages = 0;
  for await (const page of ctx.pages(opts.pageSize)) {
    pages++;
    const due = remindersDue(page, now, ctx.calendar);
    planned += due.length;
    for (const p of await keep(due)) kept.push(p);
  }
  const digests = digestsDue(ctx.digests, now, ctx.calendar);
  planned += digests.length;
  for (const p of await keep(digests)) kept.push(p);
  return { kept, planned, pages, calendar: ctx.calendar, languages: ctx.languages };
}

/** How long a claim without "sent" is left to its claimant before another tick retries it. */
export const STALE_CLAIM_MS = 5 * 60_000;

/**
 * What is still due at `now`: the plan minus what is sent or given up, plus the postponement
 * requests waiting to be raised (`approval_reminder`). A delivery that failed and will be retried
 * is still due; so is one claimed by a tick that is sending it right now.
 */
export async function pendingAt(db: Db, now: Date, logger?: Logger, pageSize?: number): Promise<Array<Planned | PlannedApproval>> {
  const { kept: open, calendar } = await planDue(db, now, { logger, pageSize, keep: (page) => stillToSend(db, page) });
  const approvals = await approvalsDue(db, now, calendar);
  const claims = await existingClaims(db, approvals.map((a) => a.key));
  return [...open, ...approvals.filter((a) => isOpen(claims.get(a.key)))];
}

/** Not delivered and not given up. */
function isOpen(c: ClaimRow | undefined): boolean {
  return !c || (!c.sentAt && !c.lastError?.startsWith("final:"));
}

/** Open, and nobody holds it: never claimed, let go after a failure, or its claimant went quiet. */
export function isClaimable(c: ClaimRow | undefined, leaseNow: Date): boolean {
  return !c || (isOpen(c) && (c.claimedBy === null || leaseNow.getTime() - c.claimedAt.getTime() > STALE_CLAIM_MS));
}

/**
 * The planned entries still to send: not sent and not given up; with `leaseNow`, also not held by
 * another tick (see isClaimable). An escalation delivered to someone who is no longer among its
 * recipients (the curator left, the deputy head changed) is not sent again to the new ones: one
 * escalation per deadline.
 */
export async function stillToSend(db: Db, planned: Planned[], leaseNow?: Date): Promise<Planned[]> {
  if (planned.length === 0) return [];
  const claims = await existingClaims(db, planned.map((p) => p.key));
  const open = planned.filter((p) => (leaseNow ? isClaimable(claims.get(p.key), leaseNow) : isOpen(claims.get(p.key))));
  const escalations = planned.flatMap((p) => (p.kind === "escalation" ? [p] : []));
  if (escalations.length === 0) return open;
  const escKey = (e: { assignmentId: number | null; checkpoint: string | null; localDate: string }) => `${e.assignmentId}|${e.checkpoint}|${e.localDate}`;
  const plannedTo = new Map<string, Set<number>>();
  for (const e of escalations) {
    const k = escKey({ assignmentId: e.assignmentId, checkpoint: e.checkpoint ?? e.period, localDate: e.localDate });
    plannedTo.set(k, (plannedTo.get(k) ?? new Set()).add(e.recipient.personId));
  }
  // escalations are planned for a day within the catch-up window: the delivered ones since the earliest
  const since = escalations.reduce((min, e) => (e.localDate < min ? e.localDate : min), escalations[0]!.localDate);
  // …of these assignments only (a page of the plan holds a range of them)
  let first = escalations[0]!.assignmentId;
  let last = first;
  for (const e of escalations) {
    if (e.assignmentId < first) first = e.assignmentId;
    if (e.assignmentId > last) last = e.assignmentId;
  }
  const delivered = await db.reminderClaim.findMany({
    where: { kind: "escalation", sentAt: { not: null }, localDate: { gte: since }, assignmentId: { gte: first, lte: last } },
    select: { assignmentId: true, checkpoint: true, localDate: true, personId: true },
  });
  const movedOn = new Set<string>();
  const reached = new Map<string, boolean>();
  for (const d of delivered) {
    const k = escKey(d);
    if (!plannedTo.has(k)) continue;
    reached.set(k, (reached.get(k) ?? false) || plannedTo.get(k)!.has(d.personId ?? -1));
  }
  for (const [k, stillARecipient] of reached) if (!stillARecipient) movedOn.add(k);
  return open.filter((p) => {
    if (p.kind !== "escalation") return true;
    return !movedOn.has(escKey({ assignmentId: p.assignmentId, checkpoint: p.checkpoint ?? p.period, localDate: p.localDate }));
  });
}

/** The claims under these keys, by key. */
async function existingClaims(db: Db, keys: string[]): Promise<Map<string, ClaimRow>> {
  return new Map((await claimsUnder(db, keys)).map((r) => [r.key, r]));
}

/** The contract's `plan --json` entry, with the local day and what the entry is about. */
export interface PlanEntry {
  kind: ReminderKind;
  sendAt: string;
  roadmapId: number;
  itemKey: string | null;
  itemNumber: string | null;
  checkpoint: string | null;
  recipient: { personId: number; name: string; chatId: string | null };
  localDate: string;
  /** an assignment's reminders */
  assignmentId?: number;
  period?: string | null;
  /** approval_reminder */
  requestId?: number;
}

export function planEntry(p: Planned | PlannedApproval): PlanEntry {
  if (p.kind === "approval_reminder") {
    return { kind: p.kind, sendAt: p.sendAt, roadmapId: p.roadmapId, itemKey: p.itemKey, itemNumber: p.itemNumber, checkpoint: null, recipient: p.recipient, localDate: p.localDate, requestId: p.requestId };
  }
  const recipient = { personId: p.recipient.personId, name: p.recipient.name, chatId: p.recipient.chatId };
  if (p.kind === "digest") {
    return { kind: p.kind, sendAt: p.sendAt, roadmapId: p.roadmapId, itemKey: null, itemNumber: null, checkpoint: null, recipient, localDate: p.localDate };
  }
  return {
    kind: p.kind,
    sendAt: p.sendAt,
    roadmapId: p.roadmapId,
    itemKey: p.itemKey,
    itemNumber: p.itemNumber,
    checkpoint: p.checkpoint,
    recipient,
    localDate: p.localDate,
    assignmentId: p.assignmentId,
    period: p.period,
  };
}
