import type { Db } from "./db.ts";
import type { Outbox } from "./outbox.ts";
import { toLang, translator, type Translator } from "./i18n.ts";
import { escapeHtml } from "./format.ts";
import { appliesTo } from "./scope.ts";
import { byPages, PAGE } from "./paging.ts";
import { Prisma } from "@prisma/client";
import { TRANSITIONS } from "../core/status.ts";
import { awayAt, type AwayCover } from "./cover.ts";

// Checking what executors submit. Whoever decides is found the same way for evidence and for
// postponements: the school's curator; for an item without a school (or a school without a
// reachable curator) the roadmap's deputy head; else a coordinator. One of them away with a stand-in
// (services/cover.ts, when the routing is loaded for a moment): the stand-in, on their behalf.

/** An id a raw statement returned (integers may come back as bigint), or null. */
const num = (v: number | bigint | null): number | null => (v === null ? null : Number(v));

export type ReviewLevel = "curator" | "deputy" | "coordinator";

export interface Reviewer {
  id: number;
  chatId: string | null;
  language: string | null;
  unreachable: boolean;
  /** a stand-in deciding for someone away: who, and their last day away */
  onBehalfOf?: { id: number; name: string; until: string };
}

/** Everything routing needs, loaded once: curators per school, deputies per roadmap, coordinators. */
export interface ReviewRouting {
  curatorsBySchool: Map<number, Array<{ personId: number; roadmapId: number | null }>>;
  deputiesByRoadmap: Map<number, number[]>;
  /** deputy heads not bound to one roadmap */
  globalDeputies: number[];
  coordinators: number[];
  people: Map<number, Reviewer>;
  /** who is away at the moment the routing was loaded for (none when loaded without one) */
  away?: Map<number, AwayCover>;
}

/** `at`: the moment whose absences count (their stand-ins take over); without it nobody is away. */
export async function loadReviewRouting(db: Db, at?: { now: Date; zone?: string }): Promise<ReviewRouting> {
  // one statement for what routing needs (/verify reads it on every call): curatorships, deputy heads'
  // and coordinators' roles, controllers, contacts of organisations, and only the people those name
  // (a few hundred, not the region's every person). Portable SQL: each branch's row is a kind `k`, its
  // id `o` (the order), up to four ids and two texts; NULLs typed in the first branch for PostgreSQL.
  const [rows, away] = await Promise.all([
    db.$queryRaw<RoutingRow[]>(Prisma.sql`
    SELECT 1 AS "k", c."id" AS "o", c."schoolId" AS "a", c."personId" AS "b", c."curatorOrgId" AS "c", c."roadmapId" AS "d",
      CAST(NULL AS TEXT) AS "t1", CAST(NULL AS TEXT) AS "t2"
    FROM "Curatorship" c
    UNION ALL SELECT 2, r."id", r."personId", NULL, NULL, r."roadmapId", r."role", NULL FROM "PersonRole" r WHERE r."role" IN ('deputy', 'coordinator')
    UNION ALL SELECT 3, m."id", m."controllerId", NULL, NULL, NULL, NULL, NULL FROM "Roadmap" m WHERE m."controllerId" IS NOT NULL
    UNION ALL SELECT 4, k."id", k."organizationId", k."personId", NULL, NULL, NULL, NULL FROM "OrganizationContact" k
    UNION ALL SELECT 5, p."id", CASE WHEN p."unreachable" THEN 1 ELSE 0 END, NULL, NULL, NULL, p."chatId", p."language"
    FROM "Person" p
    WHERE p."removedAt" IS NULL AND (
      p."id" IN (SELECT x."personId" FROM "Curatorship" x WHERE x."personId" IS NOT NULL)
      OR p."id" IN (SELECT y."personId" FROM "OrganizationContact" y)
      OR p."id" IN (SELECT z."personId" FROM "PersonRole" z WHERE z."role" IN ('deputy', 'coordinator'))
      OR p."id" IN (SELECT w."controllerId" FROM "Roadmap" w WHERE w."controllerId" IS NOT NULL))
    ORDER BY 1, 2`),
    at ? awayAt(db, at.now, at.zone) : undefined,
  ]);
  const curatorships: Array<{ schoolId: number; personId: number | null; curatorOrgId: number | null; roadmapId: number | null }> = [];
  const roles: Array<{ personId: number; role: string; roadmapId: number | null }> = [];
  const controllers: Array<{ id: number; controllerId: number }> = [];
  const contactsByOrg = new Map<number, number[]>();
  const live = new Map<number, Reviewer>();
  for (const r of rows) {
    const k = Number(r.k);
    if (k === 1) curatorships.push({ schoolId: Number(r.a), personId: num(r.b), curatorOrgId: num(r.c), roadmapId: num(r.d) });
    else if (k === 2) roles.push({ personId: Number(r.a), role: r.t1 ?? "", roadmapId: num(r.d) });
    else if (k === 3) controllers.push({ id: Number(r.o), controllerId: Number(r.a) });
    else if (k === 4) {
      const list = contactsByOrg.get(Number(r.a)) ?? [];
      list.push(Number(r.b));
      contactsByOrg.set(Number(r.a), list);
    }
    else live.set(Number(r.o), { id: Number(r.o), chatId: r.t1, language: r.t2, unreachable: Number(r.a) === 1 });
  }
  const curatorsBySchool = new Map<number, Array<{ personId: number; roadmapId: number | null }>>();
  const addCurator = (schoolId: number, personId: number, roadmapId: number | null) => {
    if (!live.has(personId)) return;
    const list = curatorsBySchool.get(schoolId) ?? [];
    if (!list.some((c) => c.personId === personId && c.roadmapId === roadmapId)) list.push({ personId, roadmapId });
    curatorsBySchool.set(schoolId, list);
  };
  for (const c of curatorships) {
    if (c.personId !== null) addCurator(c.schoolId, c.personId, c.roadmapId);
    // a school-tutor curates through its contact people
    if (c.curatorOrgId !== null) for (const personId of contactsByOrg.get(c.curatorOrgId) ?? []) addCurator(c.schoolId, personId, c.roadmapId);
  }
  const deputiesByRoadmap = new Map<number, number[]>();
  const globalDeputies: number[] = [];
  const coordinators: number[] = [];
  const addDeputy = (roadmapId: number, personId: number) => {
    if (!live.has(personId)) return;
    const list = deputiesByRoadmap.get(roadmapId) ?? [];
    if (!list.includes(personId)) list.push(personId);
    deputiesByRoadmap.set(roadmapId, list);
  };
  for (const r of roles) {
    if (!live.has(r.personId)) continue;
    if (r.role === "coordinator") {
      if (!coordinators.includes(r.personId)) coordinators.push(r.personId);
    } else if (r.roadmapId === null) {
      if (!globalDeputies.includes(r.personId)) globalDeputies.push(r.personId);
    } else addDeputy(r.roadmapId, r.personId);
  }
  for (const r of controllers) addDeputy(r.id, r.controllerId);
  return { curatorsBySchool, deputiesByRoadmap, globalDeputies, coordinators, people: live, ...(away ? { away } : {}) };
}

/** A row of loadReviewRouting's statement (integers may come back as bigint). */
type RoutingRow = {
  k: number | bigint;
  o: number | bigint;
  a: number | bigint | null;
  b: number | bigint | null;
  c: number | bigint | null;
  d: number | bigint | null;
  t1: string | null;
  t2: string | null;
};

/** A reviewer, or the stand-in of one away (a stand-in who cannot be reached covers nobody). */
function coveredReviewer(routing: ReviewRouting, p: Reviewer, executorId: number | null | undefined): Reviewer {
  const away = routing.away?.get(p.id);
  const s = away?.standIn;
  if (!away || !s || s.id === executorId || !reachable(s)) return p;
  return { id: s.id, chatId: s.chatId, language: s.language, unreachable: s.unreachable, onBehalfOf: { id: away.id, name: away.shortName, until: away.to } };
}

export function reachable(p: Reviewer | undefined): boolean {
  return !!p && p.chatId !== null && !p.unreachable;
}

/**
 * Who decides on an assignment: the first level (curator → deputy head → coordinator) that has
 * someone reachable in Telegram; when nobody is reachable anywhere, the first level that has
 * anyone at all (they will see it in /verify once they join).
 */
export function reviewersOf(
  routing: ReviewRouting,
  a: { schoolId: number | null; roadmapId: number; personId?: number | null },
): { level: ReviewLevel; people: Reviewer[] } | null {
  const curators =
    a.schoolId === null
      ? []
      : (routing.curatorsBySchool.get(a.schoolId) ?? []).filter((c) => appliesTo(c.roadmapId, a.roadmapId)).map((c) => c.personId);
  const deputies = [...(routing.deputiesByRoadmap.get(a.roadmapId) ?? []), ...routing.globalDeputies];
  const levels: Array<[ReviewLevel, number[]]> = [
    ["curator", curators],
    ["deputy", deputies],
    ["coordinator", routing.coordinators],
  ];
  // nobody reviews their own work: a curator who is also the executor passes it up a level
  const resolved = levels.map(([level, ids]) => {
    const people = [...new Set(ids)]
      .filter((id) => id !== a.personId)
      .map((id) => routing.people.get(id))
      .filter((p): p is Reviewer => !!p)
      .map((p) => coveredReviewer(routing, p, a.personId));
    // a stand-in who reviews at this level anyway is told once, as themselves
    const once: Reviewer[] = [];
    for (const p of [...people.filter((q) => !q.onBehalfOf), ...people.filter((q) => q.onBehalfOf)]) if (!once.some((q) => q.id === p.id)) once.push(p);
    return { level, people: once };
  });
  const withReachable = resolved.find((l) => l.people.some(reachable));
  if (withReachable) return { level: withReachable.level, people: withReachable.people.filter(reachable) };
  return resolved.find((l) => l.people.length > 0) ?? null;
}

/**
 * May this person decide on this assignment? Its school's curator, a deputy head of its
 * roadmap, or a coordinator — whether or not the routing picked them first. Nobody decides on
 * their own work unless they are a coordinator.
 */
export function mayReview(routing: ReviewRouting, personId: number, a: { schoolId: number | null; roadmapId: number; personId: number | null }): boolean {
  if (routing.coordinators.includes(personId)) return true;
  if (a.personId === personId) return false;
  if (ownsReview(routing, personId, a)) return true;
  // standing in for a curator or deputy head who is away
  for (const away of routing.away?.values() ?? []) if (away.standIn?.id === personId && away.id !== a.personId && ownsReview(routing, away.id, a)) return true;
  return false;
}

/** Is this person the assignment's curator or a deputy head of its roadmap? */
function ownsReview(routing: ReviewRouting, personId: number, a: { schoolId: number | null; roadmapId: number }): boolean {
  if (a.schoolId !== null && (routing.curatorsBySchool.get(a.schoolId) ?? []).some((c) => c.personId === personId && appliesTo(c.roadmapId, a.roadmapId))) return true;
  return (routing.deputiesByRoadmap.get(a.roadmapId) ?? []).includes(personId) || routing.globalDeputies.includes(personId);
}

export function translatorFor(person: { language: string | null } | null | undefined): Translator {
  return translator(toLang(person?.language ?? null));
}

// ---------- what waits for review ----------

export interface ReviewEvidence {
  id: number;
  kind: string;
  url: string | null;
  fileName: string | null;
  storagePath: string | null;
  telegramFileId: string | null;
  mimeType: string | null;
  comment: string | null;
  createdAt: Date;
}

export interface ReviewEntry {
  assignmentId: number;
  roadmapId: number;
  itemKey: string;
  itemTitle: string;
  executorName: string | null;
  schoolName: string | null;
  schoolId: number | null;
  executorId: number | null;
  evidence: ReviewEvidence[];
  /** /verify: the person decides on it standing in for someone away (services/cover.ts) */
  onBehalfOf?: Reviewer["onBehalfOf"];
}

export const reviewSelect = {
  id: true,
  schoolId: true,
  personId: true,
  person: { select: { fullName: true, shortName: true } },
  school: { select: { name: true } },
  item: { select: { key: true, title: true, roadmapId: true, position: true } },
  evidence: {
    where: { status: "submitted" },
    orderBy: { id: "asc" as const },
    select: { id: true, kind: true, url: true, fileName: true, storagePath: true, telegramFileId: true, mimeType: true, comment: true, createdAt: true },
  },
} as const;

export type ReviewRow = {
  id: number;
  schoolId: number | null;
  personId: number | null;
  person: { fullName: string; shortName: string } | null;
  school: { name: string } | null;
  item: { key: string; title: string; roadmapId: number; position: number };
  evidence: ReviewEvidence[];
};

export function toEntry(r: ReviewRow): ReviewEntry {
  return {
    assignmentId: r.id,
    roadmapId: r.item.roadmapId,
    itemKey: r.item.key,
    itemTitle: r.item.title,
    executorName: r.person?.fullName ?? null,
    schoolName: r.school?.name ?? null,
    schoolId: r.schoolId,
    executorId: r.personId,
    evidence: r.evidence,
  };
}

/** The submitted assignments this person is the one to decide on (what /verify lists). */
export async function listForReview(db: Db, personId: number, routing?: ReviewRouting): Promise<ReviewEntry[]> {
  return (await pageForReview(db, personId, Number.MAX_SAFE_INTEGER, routing)).entries;
}

/** Assignments read per query while choosing whose they are (scalars only). */
const SCAN_PAGE = 5_000;

/** Where the work this person may decide on can be (a superset: the scan's routing decides). */
interface ReviewScope {
  /** the schools they curate — or a curator away they stand in for does */
  schools: number[];
  /** the roadmaps they are a deputy head of — or someone away they stand in for is */
  roadmaps: number[];
  /**
   * a coordinator, or a deputy head of every roadmap (or standing in for one): also the work its
   * school's curators may not decide on — no school, a school without a curator in reach for every
   * roadmap, or a curator's own work (passed up a level). Any other work's curator decides first.
   */
  beyondCurators: boolean;
}

/** This person's scope; null: the lists would not fit one statement's parameters (the whole region is scanned). */
function reviewScope(route: ReviewRouting, personId: number): ReviewScope | null {
  const as = new Set([personId]);
  for (const away of route.away?.values() ?? []) if (away.standIn?.id === personId) as.add(away.id);
  const beyondCurators = route.coordinators.includes(personId) || route.globalDeputies.some((id) => as.has(id));
  const schools = [...route.curatorsBySchool].filter(([, list]) => list.some((c) => as.has(c.personId))).map(([id]) => id);
  const roadmaps = [...route.deputiesByRoadmap].filter(([, ids]) => ids.some((id) => as.has(id))).map(([id]) => id);
  return schools.length + roadmaps.length > PAGE ? null : { schools, roadmaps, beyondCurators };
}

/**
 * The scan's narrowing for a scope: a condition on the item (a district deputy head's roadmaps), or
 * terms on the assignment alone, each read through an index, whose rows are those of any of them.
 */
type ScopeTerms = { onItem: Prisma.Sql } | { terms: Prisma.Sql[] };

function scopeTerms(scope: ReviewScope): ScopeTerms {
  const terms: Prisma.Sql[] = [];
  if (scope.schools.length) terms.push(Prisma.sql`a."schoolId" IN (${Prisma.join(scope.schools)})`);
  if (scope.roadmaps.length && terms.length === 0 && !scope.beyondCurators) return { onItem: Prisma.sql` AND i."roadmapId" IN (${Prisma.join(scope.roadmaps)})` };
  // a deputy head decides only where the curators may not, which beyondCurators reads for every roadmap
  if (scope.roadmaps.length && !scope.beyondCurators) terms.push(Prisma.sql`a."itemId" IN (SELECT x."id" FROM "Item" x WHERE x."roadmapId" IN (${Prisma.join(scope.roadmaps)}))`);
  if (scope.beyondCurators) {
    // the three cases: no school; a school without a curator in reach for every roadmap — one
    // appointed for all, present, in Telegram (fewer schools than routing finds, never more: the
    // rest are read and routed); a curator's or a contact's own work (passed up a level: two terms,
    // SQLite reads a UNION inside IN by scanning).
    // NOT EXISTS, not NOT IN: PostgreSQL then counts the schools left (about 60) and reads their
    // work through Assignment(schoolId, …) instead of scanning every assignment.
    terms.push(Prisma.sql`a."schoolId" IS NULL`);
    terms.push(Prisma.sql`a."schoolId" IN (SELECT o."id" FROM "Organization" o WHERE NOT EXISTS (
      SELECT 1 FROM "Curatorship" c JOIN "Person" p ON p."id" = c."personId"
      WHERE c."schoolId" = o."id" AND c."roadmapId" IS NULL AND p."removedAt" IS NULL AND p."chatId" IS NOT NULL AND NOT p."unreachable"))`);
    terms.push(Prisma.sql`a."personId" IN (SELECT c."personId" FROM "Curatorship" c WHERE c."personId" IS NOT NULL)`);
    terms.push(Prisma.sql`a."personId" IN (SELECT k."personId" FROM "OrganizationContact" k)`);
  }
  return { terms };
}

/** An assignment waiting for this person's decision, as the scan found it. */
export interface ScannedReview {
  id: number;
  roadmapId: number;
  position: number;
  /** this person decides on it standing in for someone away (services/cover.ts) */
  onBehalfOf?: Reviewer["onBehalfOf"];
}

/** What waits for this person's decision, by scalars: submitted assignments and (when asked) those with a pending postponement request. */
export interface ReviewScan {
  submitted: ScannedReview[];
  waiting: ScannedReview[];
}

/**
 * The work waiting for review that this person may decide on, scanned by scalars in keyset pages
 * and routed in memory: a fixed handful of statements whatever the size (one per 5,000 assignments
 * waiting, none when the person decides on nothing). Each list comes in the order /verify shows it:
 * by roadmap, then document order, then assignment.
 */
export async function scanForReview(db: Db, personId: number, route: ReviewRouting, opts: { postponements: boolean; roadmapId?: number }): Promise<ReviewScan> {
  let scope = reviewScope(route, personId);
  // one roadmap asked for: theirs whole, or the part of it in their scope
  if (scope && opts.roadmapId !== undefined && scope.roadmaps.includes(opts.roadmapId)) scope = null;
  else if (scope && opts.roadmapId !== undefined) scope = { ...scope, roadmaps: [] };
  const out: ReviewScan = { submitted: [], waiting: [] };
  if (scope && scope.schools.length === 0 && scope.roadmaps.length === 0 && !scope.beyondCurators) return out;
  // only where the person may decide: a curator's scan reads their schools' work through
  // Assignment(schoolId, …), a deputy head's their roadmaps' items, not the region's
  const narrowed = scope ? scopeTerms(scope) : { terms: [] };
  // one flat query of portable SQL per page, no per-row subquery (a relation filter on the requests
  // would probe PostponeRequest once per assignment)
  const waiting = opts.postponements
    ? Prisma.sql` OR (a."status" IN (${Prisma.join([...TRANSITIONS.postpone.from])}) AND a."id" IN (SELECT p."assignmentId" FROM "PostponeRequest" p WHERE p."status" = 'pending'))`
    : Prisma.empty;
  const oneRoadmap = opts.roadmapId !== undefined ? Prisma.sql` AND i."roadmapId" = ${opts.roadmapId}` : Prisma.empty;
  const onItem = "onItem" in narrowed ? narrowed.onItem : Prisma.empty;
  const select = (term: Prisma.Sql, after: Prisma.Sql) => Prisma.sql`
      SELECT a."id", a."schoolId", a."personId", a."status", i."roadmapId", i."position"
      FROM "Assignment" a
        JOIN "Item" i ON i."id" = a."itemId"
        JOIN "Roadmap" r ON r."id" = i."roadmapId"
      WHERE i."removedAt" IS NULL AND r."status" <> 'archived'${oneRoadmap}${onItem}${term} AND ${after} AND (a."status" = 'submitted'${waiting})`;
  // Several terms: a UNION of one select a term, not their OR. PostgreSQL cannot read an OR of
  // subqueries through the indexes (a hashed SubPlan each): it walked the primary key, filtering
  // every assignment of the region. In a UNION each term reads through its own index. There the
  // keyset bound is `+a."id"`: the unary plus keeps SQLite from reading a branch by the primary key
  // (rowid > ?, with the pending requests' ids OR-ed in) instead of by its term's index.
  const terms = "terms" in narrowed ? narrowed.terms : [];
  const scan = (after: number) =>
    terms.length > 1
      ? Prisma.sql`${Prisma.join(
          terms.map((t) => select(Prisma.sql` AND ${t}`, Prisma.sql`+a."id" > ${after}`)),
          " UNION ",
        )} ORDER BY 1 LIMIT ${SCAN_PAGE}`
      : Prisma.sql`${select(terms.length ? Prisma.sql` AND ${terms[0]!}` : Prisma.empty, Prisma.sql`a."id" > ${after}`)} ORDER BY a."id" LIMIT ${SCAN_PAGE}`;
  for (let after = 0; ; ) {
    const page = await db.$queryRaw<ScanRow[]>(scan(after));
    for (const r of page) {
      const a = { schoolId: r.schoolId === null ? null : Number(r.schoolId), roadmapId: Number(r.roadmapId), personId: r.personId === null ? null : Number(r.personId) };
      if (!mayReview(route, personId, a)) continue;
      const me = reviewersOf(route, a)?.people.find((p) => p.id === personId);
      if (me) (r.status === "submitted" ? out.submitted : out.waiting).push({ id: Number(r.id), roadmapId: a.roadmapId, position: Number(r.position), ...(me.onBehalfOf ? { onBehalfOf: me.onBehalfOf } : {}) });
    }
    if (page.length < SCAN_PAGE) break;
    after = Number(page.at(-1)!.id);
  }
  for (const list of [out.submitted, out.waiting]) list.sort((a, b) => a.roadmapId - b.roadmapId || a.position - b.position || a.id - b.id);
  return out;
}

/** A row of the scan (integers may come back as bigint). */
type ScanRow = {
  id: number | bigint;
  schoolId: number | bigint | null;
  personId: number | bigint | null;
  status: string;
  roadmapId: number | bigint;
  position: number | bigint;
};

/** A pending postponement request as /verify lists it (services/postpone.ts writes its text). */
export interface ListedRequest {
  requestId: number;
  requestedDue: string;
  reason: string;
  assignment: { dueOverride: string | null; person: { fullName: string } | null; school: { name: string } | null; item: { key: string; title: string; deadlineDue: string | null } };
  onBehalfOf?: Reviewer["onBehalfOf"];
}

/** Assignments read in full per statement: each id is bound twice (the list and its own join), under SQLite's 999. */
const READ_PAGE = 400;

/**
 * What a list shows of the assignments scanned, in their order, in one statement a page: the
 * submitted ones with their evidence waiting, the waiting ones with their pending requests (the two
 * joins match disjoint ids, so neither multiplies the other's rows).
 */
export async function readReviewPage(db: Db, submitted: ScannedReview[], waiting: ScannedReview[]): Promise<{ entries: ReviewEntry[]; requests: ListedRequest[] }> {
  const isSubmitted = new Set(submitted.map((x) => x.id));
  const ids = [...submitted, ...waiting].map((x) => x.id);
  const rows = await byPages(
    ids,
    (page) => {
      const listed = (set: (id: number) => boolean) => {
        const some = page.filter(set);
        return some.length ? Prisma.sql`a."id" IN (${Prisma.join(some)})` : Prisma.sql`1 = 0`;
      };
      return db.$queryRaw<PageRow[]>(Prisma.sql`
        SELECT a."id", a."schoolId", a."personId", a."dueOverride", i."roadmapId", i."position", i."key", i."title", i."deadlineDue",
          p."fullName", p."shortName", s."name" AS "schoolName",
          e."id" AS "eId", e."kind" AS "eKind", e."url" AS "eUrl", e."fileName" AS "eFileName", e."storagePath" AS "eStoragePath",
          e."telegramFileId" AS "eTelegramFileId", e."mimeType" AS "eMimeType", e."comment" AS "eComment", e."createdAt" AS "eCreatedAt",
          q."id" AS "qId", q."requestedDue" AS "qRequestedDue", q."reason" AS "qReason"
        FROM "Assignment" a
          JOIN "Item" i ON i."id" = a."itemId"
          LEFT JOIN "Person" p ON p."id" = a."personId"
          LEFT JOIN "Organization" s ON s."id" = a."schoolId"
          LEFT JOIN "Evidence" e ON e."assignmentId" = a."id" AND e."status" = 'submitted' AND ${listed((id) => isSubmitted.has(id))}
          LEFT JOIN "PostponeRequest" q ON q."assignmentId" = a."id" AND q."status" = 'pending' AND ${listed((id) => !isSubmitted.has(id))}
        WHERE a."id" IN (${Prisma.join(page)})
        ORDER BY a."id", e."id", q."id"`);
    },
    READ_PAGE,
  );
  const byId = new Map<number, PageRow[]>();
  for (const r of rows) byId.set(Number(r.id), [...(byId.get(Number(r.id)) ?? []), r]);
  const entries = submitted.flatMap((x) => {
    const [r, ...more] = byId.get(x.id) ?? [];
    if (!r) return [];
    const evidence = [r, ...more].flatMap((e) => (e.eId === null ? [] : [evidenceOf(e)]));
    return [{ ...toEntry({ id: x.id, schoolId: num(r.schoolId), personId: num(r.personId), person: r.fullName === null ? null : { fullName: r.fullName, shortName: r.shortName ?? "" }, school: r.schoolName === null ? null : { name: r.schoolName }, item: { key: r.key, title: r.title, roadmapId: Number(r.roadmapId), position: Number(r.position) }, evidence }), ...(x.onBehalfOf ? { onBehalfOf: x.onBehalfOf } : {}) }];
  });
  const requests = waiting.flatMap((x) =>
    (byId.get(x.id) ?? []).flatMap((r) =>
      r.qId === null
        ? []
        : [
            {
              requestId: Number(r.qId),
              requestedDue: r.qRequestedDue ?? "",
              reason: r.qReason ?? "",
              assignment: { dueOverride: r.dueOverride, person: r.fullName === null ? null : { fullName: r.fullName }, school: r.schoolName === null ? null : { name: r.schoolName }, item: { key: r.key, title: r.title, deadlineDue: r.deadlineDue } },
              ...(x.onBehalfOf ? { onBehalfOf: x.onBehalfOf } : {}),
            },
          ],
    ),
  );
  return { entries, requests };
}

function evidenceOf(r: PageRow): ReviewEvidence {
  return {
    id: Number(r.eId),
    kind: r.eKind ?? "",
    url: r.eUrl,
    fileName: r.eFileName,
    storagePath: r.eStoragePath,
    telegramFileId: r.eTelegramFileId,
    mimeType: r.eMimeType,
    comment: r.eComment,
    createdAt: new Date(r.eCreatedAt as string | number | Date),
  };
}

/** A row of readReviewPage's statement: an assignment with one of its evidence or requests (or neither). */
type PageRow = {
  id: number | bigint;
  schoolId: number | bigint | null;
  personId: number | bigint | null;
  dueOverride: string | null;
  roadmapId: number | bigint;
  position: number | bigint;
  key: string;
  title: string;
  deadlineDue: string | null;
  fullName: string | null;
  shortName: string | null;
  schoolName: string | null;
  eId: number | bigint | null;
  eKind: string | null;
  eUrl: string | null;
  eFileName: string | null;
  eStoragePath: string | null;
  eTelegramFileId: string | null;
  eMimeType: string | null;
  eComment: string | null;
  eCreatedAt: unknown;
  qId: number | bigint | null;
  qRequestedDue: string | null;
  qReason: string | null;
};

/**
 * The first `limit` of them and how many there are in all: the work waiting is scanned by scalars
 * (scanForReview); only the page shown is read in full.
 */
export async function pageForReview(db: Db, personId: number, limit: number, routing?: ReviewRouting, roadmapId?: number): Promise<{ count: number; entries: ReviewEntry[] }> {
  const route = routing ?? (await loadReviewRouting(db));
  const scan = await scanForReview(db, personId, route, { postponements: false, ...(roadmapId !== undefined ? { roadmapId } : {}) });
  return { count: scan.submitted.length, entries: (await readReviewPage(db, scan.submitted.slice(0, limit), [])).entries };
}

/** How many submitted assignments wait for this person's decision, per roadmap (one scan, as /verify counts them). */
export async function reviewCountsByRoadmap(db: Db, personId: number): Promise<Map<number, number>> {
  const scan = await scanForReview(db, personId, await loadReviewRouting(db), { postponements: false });
  const out = new Map<number, number>();
  for (const x of scan.submitted) out.set(x.roadmapId, (out.get(x.roadmapId) ?? 0) + 1);
  return out;
}

// ---------- notifications (sent by scheduler/reviews.ts) ----------

function evidenceLine(tr: Translator, e: ReviewEvidence): string {
  if (e.kind === "link" && e.url) return tr.t("verify-evidence-link", { url: escapeHtml(e.url) });
  if (e.kind === "photo") return tr.t("verify-evidence-photo", { name: escapeHtml(e.fileName ?? "") });
  return tr.t("verify-evidence-file", { name: escapeHtml(e.fileName ?? "") });
}

/** One assignment's lines: «17. Title — executor, school» and its evidence. */
export function entryText(tr: Translator, e: ReviewEntry): string {
  const who = [e.executorName, e.schoolName].filter((s): s is string => !!s).map(escapeHtml).join(", ");
  const vars = { key: escapeHtml(e.itemKey), title: escapeHtml(clip(e.itemTitle, 200)), who };
  const head = who ? tr.t("verify-entry-who", vars) : tr.t("verify-entry", vars);
  const lines = e.evidence.map((ev) => `  ${evidenceLine(tr, ev)}`);
  if (lines.length === 0) lines.push(`  ${tr.t("verify-evidence-none")}`);
  return [head, ...lines].join("\n");
}

export function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

// ---------- decisions ----------

export type ReviewError = "not_found" | "forbidden" | "not_submitted" | "empty_comment";
export type ReviewOutcome = { ok: true; itemKey: string; executorTold: boolean } | { ok: false; error: ReviewError };

async function loadForDecision(db: Db, assignmentId: number) {
  return db.assignment.findUnique({
    where: { id: assignmentId },
    select: {
      id: true,
      status: true,
      schoolId: true,
      personId: true,
      person: { select: { id: true, chatId: true, language: true, unreachable: true, removedAt: true } },
      item: { select: { key: true, title: true, roadmapId: true, removedAt: true } },
    },
  });
}

/** Checks a decision is allowed now: the assignment exists, waits for review, and the person may decide. */
export async function checkReview(db: Db, assignmentId: number, reviewerId: number, at?: { now: Date; zone?: string }): Promise<{ ok: true; itemKey: string } | { ok: false; error: ReviewError }> {
  const a = await loadForDecision(db, assignmentId);
  if (!a || a.item.removedAt) return { ok: false, error: "not_found" };
  const routing = await loadReviewRouting(db, at);
  if (!mayReview(routing, reviewerId, { schoolId: a.schoolId, roadmapId: a.item.roadmapId, personId: a.personId })) return { ok: false, error: "forbidden" };
  if (a.status !== "submitted") return { ok: false, error: "not_submitted" };
  return { ok: true, itemKey: a.item.key };
}

async function decide(
  db: Db,
  outbox: Outbox,
  args: { assignmentId: number; reviewerId: number; now: Date; zone?: string; comment: string | null },
  to: "verified" | "returned",
): Promise<ReviewOutcome> {
  const check = await checkReview(db, args.assignmentId, args.reviewerId, { now: args.now, ...(args.zone ? { zone: args.zone } : {}) });
  if (!check.ok) return check;
  const a = (await loadForDecision(db, args.assignmentId))!;
  const evidenceStatus = to === "verified" ? "accepted" : "returned";
  const changed = await db.$transaction(async (tx) => {
    // Only the first of two reviewers pressing at once wins: the update is conditional on the status.
    const won = await tx.assignment.updateMany({ where: { id: a.id, status: "submitted" }, data: { status: to, ...(to === "returned" ? { doneAt: null } : {}) } });
    if (won.count === 0) return false;
    await tx.statusChange.create({
      data: { assignmentId: a.id, fromStatus: "submitted", toStatus: to, byPersonId: args.reviewerId, comment: args.comment, at: args.now },
    });
    // A multi item's parts: accepting the whole accepts every part done; a return reopens the
    // last part (the one whose «Выполнено» made the item submitted), earlier parts stay done.
    const parts = await tx.checkpointStatus.findMany({ where: { assignmentId: a.id, status: "submitted" }, orderBy: { checkpoint: "asc" }, select: { id: true } });
    const reopen = to === "verified" ? parts : parts.slice(-1);
    if (reopen.length > 0) await tx.checkpointStatus.updateMany({ where: { id: { in: reopen.map((p) => p.id) } }, data: { status: to } });
    // Evidence is never deleted: it is marked with the decision and keeps its file and link.
    await tx.evidence.updateMany({
      where: { assignmentId: a.id, status: "submitted" },
      data: { status: evidenceStatus, verifiedById: args.reviewerId, verifiedAt: args.now, ...(args.comment ? { comment: args.comment } : {}) },
    });
    return true;
  });
  if (!changed) return { ok: false, error: "not_submitted" };
  let executorTold = false;
  const executor = a.person;
  if (executor && executor.chatId && !executor.removedAt) {
    const tr = translatorFor(executor);
    const vars = { key: escapeHtml(a.item.key), title: escapeHtml(clip(a.item.title, 300)), comment: escapeHtml(args.comment ?? "") };
    const text = to === "verified" ? tr.t("verify-told-accepted", vars) : tr.t("verify-told-returned", vars);
    const res = await outbox.send({ chatId: executor.chatId, personId: executor.id, text });
    executorTold = res.ok;
  }
  return { ok: true, itemKey: a.item.key, executorTold };
}

/** «Принять»: submitted → verified; its evidence accepted; the executor is told. */
export function acceptSubmission(db: Db, outbox: Outbox, args: { assignmentId: number; reviewerId: number; now: Date; zone?: string; comment?: string | null }): Promise<ReviewOutcome> {
  return decide(db, outbox, { ...args, comment: args.comment?.trim() || null }, "verified");
}

/** «Вернуть на доработку» with a comment that reaches the executor: submitted → returned. */
export async function returnSubmission(db: Db, outbox: Outbox, args: { assignmentId: number; reviewerId: number; now: Date; zone?: string; comment: string }): Promise<ReviewOutcome> {
  const comment = args.comment.trim();
  if (!comment) return { ok: false, error: "empty_comment" };
  return decide(db, outbox, { ...args, comment }, "returned");
}
