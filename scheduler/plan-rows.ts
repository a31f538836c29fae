import { Prisma } from "@prisma/client";
import type { Db } from "../services/db.ts";
import { byPages } from "../services/paging.ts";
import { dateOf, dateOrNull, num, numOrNull, textOrNull, type RawRow } from "../services/raw-rows.ts";
import { CHECKIN_KINDS, REMINDED_KINDS } from "../core/kinds.ts";
import { OPEN_STATUSES } from "../core/status.ts";

// What the planner reads every tick, as plain rows of one portable SELECT each, in the shapes
// Prisma's findMany gave (scheduler/plan.ts). Through the client a peak tick turned 10,000 people,
// 5,700 items and 60 pages of claim keys into objects in its query interpreter, compiling each
// claim read afresh: about a third of the planner's time (docs/scale.md «The planner's shared state in plain rows»).

/** Items of active roadmaps that reminders are sent for («on_demand», «none», «unknown» only show in digests). */
const REMINDED = Prisma.sql`i."removedAt" IS NULL AND i."deadlineKind" IN (${Prisma.join([...REMINDED_KINDS])}) AND r."status" = 'active'`;

export interface ItemRow {
  id: number;
  roadmapId: number;
  key: string;
  number: string | null;
  deadlineKind: string;
  deadlineStart: string | null;
  deadlineDue: string | null;
  checkpoints: string;
  every: string | null;
  everyDay: number | null;
}

/** The reminded items of active roadmaps, in each roadmap's order. */
export async function remindedItems(db: Db): Promise<ItemRow[]> {
  const rows = await db.$queryRaw<RawRow[]>(Prisma.sql`
    SELECT i."id", i."roadmapId", i."key", i."number", i."deadlineKind", i."deadlineStart", i."deadlineDue", i."checkpoints", i."every", i."everyDay"
    FROM "Item" i JOIN "Roadmap" r ON r."id" = i."roadmapId"
    WHERE ${REMINDED}
    ORDER BY i."roadmapId", i."position"`);
  return rows.map((r) => ({
    id: num(r.id),
    roadmapId: num(r.roadmapId),
    key: r.key as string,
    number: textOrNull(r.number),
    deadlineKind: r.deadlineKind as string,
    deadlineStart: textOrNull(r.deadlineStart),
    deadlineDue: textOrNull(r.deadlineDue),
    checkpoints: r.checkpoints as string,
    every: textOrNull(r.every),
    everyDay: numOrNull(r.everyDay),
  }));
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

/** Everyone (the removed too: the planner tells who can be reached), by id. */
export async function everyone(db: Db): Promise<PersonRow[]> {
  const rows = await db.$queryRaw<RawRow[]>(Prisma.sql`
    SELECT "id", "shortName", "chatId", "timezone", "unreachable", "removedAt", "language" FROM "Person" ORDER BY "id"`);
  return rows.map((r) => ({
    id: num(r.id),
    shortName: r.shortName as string,
    chatId: textOrNull(r.chatId),
    timezone: textOrNull(r.timezone),
    // a boolean on both adapters; SQLite's 0/1 should a driver give the stored integer
    unreachable: r.unreachable === true || Number(r.unreachable) === 1,
    removedAt: dateOrNull(r.removedAt),
    language: textOrNull(r.language),
  }));
}

/** «Напомнить завтра» pressed on open work of reminded items (a few rows). */
export async function openSnoozes(db: Db): Promise<Array<{ assignmentId: number; personId: number; day: string }>> {
  const rows = await db.$queryRaw<RawRow[]>(Prisma.sql`
    SELECT z."assignmentId", z."personId", z."day"
    FROM "ReminderSnooze" z JOIN "Assignment" a ON a."id" = z."assignmentId" JOIN "Item" i ON i."id" = a."itemId" JOIN "Roadmap" r ON r."id" = i."roadmapId"
    WHERE a."status" IN (${Prisma.join([...OPEN_STATUSES])}) AND ${REMINDED}
    ORDER BY z."id"`);
  return rows.map((r) => ({ assignmentId: num(r.assignmentId), personId: num(r.personId), day: r.day as string }));
}

/** An open assignment as the planner reads it: its checkpoints' statuses and answered periods as text, one row each. */
export interface OpenRow {
  id: number;
  itemId: number;
  personId: number;
  schoolId: number | null;
  status: string;
  dueOverride: string | null;
  /** «2025-03-01=verified,…», null when none (or not a multi item) */
  checkpoints: string | null;
  /** «2025-05,2025-06», null when none (or not a check-in item) */
  periods: string | null;
}

type RawOpenRow = { [K in keyof OpenRow]: OpenRow[K] extends number ? number | bigint : OpenRow[K] extends number | null ? number | bigint | null : OpenRow[K] };

/**
 * A page of open assignments of reminded items of active roadmaps (those with a person), after
 * the id `after`: one statement of portable SQL returning scalars only, the page's checkpoint
 * statuses and check-in periods folded into each row by string_agg (SQLite ≥ 3.44 and
 * PostgreSQL). Through the client's query engine the page was three statements and an object per
 * assignment, check-in and checkpoint row — most of a peak tick's garbage.
 */
export async function openPage(db: Db, after: number, size: number, checkinsFrom: string | null): Promise<OpenRow[]> {
  const since = checkinsFrom === null ? Prisma.empty : Prisma.sql` AND c."period" >= ${checkinsFrom}`;
  const rows = await db.$queryRaw<RawOpenRow[]>(Prisma.sql`
    SELECT a."id", a."itemId", a."personId", a."schoolId", a."status", a."dueOverride",
      CASE WHEN i."deadlineKind" = 'multi' THEN
        (SELECT string_agg(s."checkpoint" || '=' || s."status", ',') FROM "CheckpointStatus" s WHERE s."assignmentId" = a."id") END AS "checkpoints",
      CASE WHEN i."deadlineKind" IN (${Prisma.join([...CHECKIN_KINDS])}) THEN
        (SELECT string_agg(c."period", ',') FROM "Checkin" c WHERE c."assignmentId" = a."id"${since}) END AS "periods"
    FROM "Assignment" a JOIN "Item" i ON i."id" = a."itemId" JOIN "Roadmap" r ON r."id" = i."roadmapId"
    WHERE a."id" > ${after} AND a."personId" IS NOT NULL AND a."status" IN (${Prisma.join([...OPEN_STATUSES])}) AND ${REMINDED}
    ORDER BY a."id" LIMIT ${size}`);
  // ids as numbers in the rows as they came (a copy of 70,000 rows a tick is garbage to collect)
  for (const r of rows) {
    r.id = Number(r.id);
    r.itemId = Number(r.itemId);
    r.personId = Number(r.personId);
    if (r.schoolId !== null) r.schoolId = Number(r.schoolId);
  }
  return rows as OpenRow[];
}


export interface ClaimRow {
  key: string;
  claimedAt: Date;
  claimedBy: string | null;
  sentAt: Date | null;
  lastError: string | null;
  attempts: number;
}

/** The claims under these keys (a page of keys a statement: the list grows with the plan). */
export function claimsUnder(db: Db, keys: readonly string[]): Promise<ClaimRow[]> {
  return byPages(keys, async (page) => {
    const rows = await db.$queryRaw<RawRow[]>(Prisma.sql`
      SELECT "key", "claimedAt", "claimedBy", "sentAt", "lastError", "attempts" FROM "ReminderClaim" WHERE "key" IN (${Prisma.join(page)})`);
    return rows.map((r) => ({
      key: r.key as string,
      claimedAt: dateOf(r.claimedAt),
      claimedBy: textOrNull(r.claimedBy),
      sentAt: dateOrNull(r.sentAt),
      lastError: textOrNull(r.lastError),
      attempts: num(r.attempts),
    }));
  });
}
