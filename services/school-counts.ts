import { Prisma } from "@prisma/client";
import type { Db } from "./db.ts";
import { isDone, shownWhen, STATUSES, type Status } from "../core/status.ts";
import { bucketOf, emptyCounts, withPercent, type ProgressCounts } from "./progress.ts";
import { byPages, PAGE } from "./paging.ts";

// A roadmap's counts per school for /roadmap and its chart, counted by SQL: one row a school. The
// groups a summary is otherwise made of are (item, school, status, due date): at region scale one
// group an assignment (54,500 rows for a roadmap of 1,000 schools), read, mapped and counted again
// in JavaScript. Here the database counts each school's assignments by status and by whether their
// due date has passed, and its items (those with work left not done); which bucket a status falls
// in is still decided here, by the same functions as everywhere (bucketOf, shownWhen, isDone).
// Single-deadline items only: a multi-part item's due date depends on its own checkpoints, and the
// summary counts those assignments one by one. The items are named by id (a page at a time, with
// the schools' short list under SQLite's 999 parameters): PostgreSQL then estimates the rows from
// its statistics of Assignment.itemId and reads a district's work through the index (2.6 ms) where a
// join from the roadmap's items made it scan every assignment of the region (32 ms); pages of items
// add up, as no item is in two.

/** Statuses whose bucket depends on the due date (open work: late is «просрочено»). */
const DUE_DEPENDENT = STATUSES.filter((s) => shownWhen(s, true) !== shownWhen(s, false));

/** Stored as `s`: a value Веха never writes counts as not started, as toStatus reads it. */
function storedAs(s: Status): Prisma.Sql {
  return s === "not_started" ? Prisma.sql`a."status" NOT IN (${Prisma.join(STATUSES.filter((x) => x !== s))})` : Prisma.sql`a."status" = ${s}`;
}

/** Items a statement names: with a page of schools and the statuses, under 999 parameters. */
const ITEM_PAGE = PAGE - 100;

interface SchoolCountsQuery {
  /** the roadmap's single-deadline items (not removed) */
  itemIds: number[];
  /** a short list of schools (at most a page: it is bound), else every school */
  schoolIds?: number[];
  today: string;
  needsVerification: boolean;
}

/** Counts of single-deadline assignments per school, as countRows would give them from the groups. */
export async function countSingleBySchool(db: Db, q: SchoolCountsQuery): Promise<Map<number, ProgressCounts>> {
  const due = Prisma.sql`COALESCE(a."dueOverride", i."deadlineDue")`;
  // isPastDue: a date, not empty, before today
  const pastDue = Prisma.sql`${due} <> '' AND ${due} < ${q.today}`;
  const notOpen = STATUSES.filter((s) => s === "cancelled" || isDone(s, q.needsVerification));
  const columns = [
    ...STATUSES.map((s, n) => Prisma.sql`COUNT(CASE WHEN ${storedAs(s)} THEN 1 END) AS ${Prisma.raw(`"s${n}"`)}`),
    ...DUE_DEPENDENT.map((s) => Prisma.sql`COUNT(CASE WHEN ${storedAs(s)} AND ${pastDue} THEN 1 END) AS ${Prisma.raw(`"late${STATUSES.indexOf(s)}"`)}`),
  ];
  const schools = q.schoolIds ? (q.schoolIds.length ? Prisma.sql`AND a."schoolId" IN (${Prisma.join(q.schoolIds)})` : Prisma.sql`AND 1 = 0`) : Prisma.empty;
  const rows = await byPages(q.itemIds, (page) => db.$queryRaw<Array<Record<string, unknown>>>(Prisma.sql`
    SELECT a."schoolId", ${Prisma.join(columns)},
      COUNT(CASE WHEN a."personId" IS NULL THEN 1 END) AS "unassigned",
      COUNT(DISTINCT a."itemId") AS "items",
      COUNT(DISTINCT CASE WHEN a."status" <> 'cancelled' THEN a."itemId" END) AS "liveItems",
      COUNT(DISTINCT CASE WHEN a."status" NOT IN (${Prisma.join(notOpen)}) THEN a."itemId" END) AS "openItems"
    FROM "Item" i JOIN "Assignment" a ON a."itemId" = i."id"
    WHERE a."itemId" IN (${Prisma.join(page)}) AND a."schoolId" IS NOT NULL ${schools}
    GROUP BY a."schoolId"`), ITEM_PAGE);
  const out = new Map<number, ProgressCounts>();
  for (const r of rows) {
    const schoolId = Number(r.schoolId);
    const c = out.get(schoolId) ?? emptyCounts();
    STATUSES.forEach((s, n) => {
      const done = isDone(s, q.needsVerification);
      const all = Number(r[`s${n}`]);
      const late = DUE_DEPENDENT.includes(s) ? Number(r[`late${n}`]) : 0;
      c[bucketOf({ done, shown: shownWhen(s, false) })] += all - late;
      c[bucketOf({ done, shown: shownWhen(s, true) })] += late;
      c.total += all;
    });
    c.unassigned += Number(r.unassigned);
    // an item is done at a school when it has work there not cancelled, all of it done (isItemDone)
    c.items += Number(r.items);
    c.itemsDone += Number(r.liveItems) - Number(r.openItems);
    out.set(schoolId, c);
  }
  for (const c of out.values()) withPercent(c);
  return out;
}
