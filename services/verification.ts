import type { Db } from "./db.ts";
import type { Outbox } from "./outbox.ts";
import { toLang, translator, type Translator } from "./i18n.ts";
import { escapeHtml } from "./format.ts";
import { appliesTo } from "./scope.ts";
import { byPages } from "./paging.ts";
import { Prisma } from "@prisma/client";
import { TRANSITIONS } from "../core/status.ts";
import { awayAt, type AwayCover } from "./cover.ts";

// Checking what executors submit. Whoever decides is found the same way for evidence and for
// postponements: the school's curator; for an item without a school (or a school without a
// reachable curator) the roadmap's deputy head; else a coordinator. One of them away with a stand-in
// (services/cover.ts, when the routing is loaded for a moment): the stand-in, on their behalf.

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
  const [curatorships, roles, controllers, people, contacts] = await Promise.all([
    db.curatorship.findMany({ select: { schoolId: true, personId: true, curatorOrgId: true, roadmapId: true }, orderBy: { id: "asc" } }),
    db.personRole.findMany({ where: { role: { in: ["deputy", "coordinator"] } }, select: { personId: true, role: true, roadmapId: true }, orderBy: { id: "asc" } }),
    db.roadmap.findMany({ where: { controllerId: { not: null } }, select: { id: true, controllerId: true } }),
    // only the people the routing names (curators, contacts of a curating organisation, deputy heads,
    // coordinators, controllers: a few hundred), not the region's every person; portable SQL, each
    // IN a list the database builds once
    db.$queryRaw<Array<{ id: number | bigint; chatId: string | null; language: string | null; unreachable: boolean | number | bigint }>>(Prisma.sql`
      SELECT p."id", p."chatId", p."language", p."unreachable"
      FROM "Person" p
      WHERE p."removedAt" IS NULL AND (
        p."id" IN (SELECT c."personId" FROM "Curatorship" c WHERE c."personId" IS NOT NULL)
        OR p."id" IN (SELECT k."personId" FROM "OrganizationContact" k)
        OR p."id" IN (SELECT r."personId" FROM "PersonRole" r WHERE r."role" IN ('deputy', 'coordinator'))
        OR p."id" IN (SELECT m."controllerId" FROM "Roadmap" m WHERE m."controllerId" IS NOT NULL))`).then((rows) =>
      rows.map((r) => ({ id: Number(r.id), chatId: r.chatId, language: r.language, unreachable: Boolean(Number(r.unreachable)) })),
    ),
    db.organizationContact.findMany({ select: { organizationId: true, personId: true }, orderBy: { id: "asc" } }),
  ]);
  const live = new Map(people.map((p) => [p.id, p]));
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
    if (c.curatorOrgId !== null) for (const k of contacts) if (k.organizationId === c.curatorOrgId) addCurator(c.schoolId, k.personId, c.roadmapId);
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
  for (const r of controllers) addDeputy(r.id, r.controllerId!);
  const away = at ? await awayAt(db, at.now, at.zone) : undefined;
  return { curatorsBySchool, deputiesByRoadmap, globalDeputies, coordinators, people: live, ...(away ? { away } : {}) };
}

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

/** An item with work waiting for review: what a list line and its order need. */
export interface ReviewItem {
  id: number;
  roadmapId: number;
  position: number;
  key: string;
  title: string;
  deadlineDue: string | null;
}

/** What waits for this person's decision, by scalars: submitted assignments and (when asked) those with a pending postponement request. */
export interface ReviewScan {
  submitted: number[];
  /** the item of each submitted assignment, in the same order */
  submittedItems: ReviewItem[];
  waiting: number[];
  items: Map<number, ReviewItem>;
}

/**
 * The region's work waiting for review, scanned by scalars in keyset pages and routed in memory:
 * a fixed handful of statements whatever the size (one per 5,000 assignments waiting). Each list
 * comes in the order /verify shows it: by roadmap, then document order, then assignment.
 */
export async function scanForReview(db: Db, personId: number, route: ReviewRouting, opts: { postponements: boolean; roadmapId?: number }): Promise<ReviewScan> {
  // one flat query of portable SQL per page: the assignments with their items, no per-row subquery
  // (a relation filter on the requests would probe PostponeRequest once per assignment)
  const waiting = opts.postponements
    ? Prisma.sql` OR (a."status" IN (${Prisma.join([...TRANSITIONS.postpone.from])}) AND a."id" IN (SELECT p."assignmentId" FROM "PostponeRequest" p WHERE p."status" = 'pending'))`
    : Prisma.empty;
  const oneRoadmap = opts.roadmapId !== undefined ? Prisma.sql` AND i."roadmapId" = ${opts.roadmapId}` : Prisma.empty;
  const items = new Map<number, ReviewItem>();
  const out: { submitted: Array<{ id: number; item: ReviewItem }>; waiting: Array<{ id: number; item: ReviewItem }> } = { submitted: [], waiting: [] };
  for (let after = 0; ; ) {
    const page = await db.$queryRaw<ScanRow[]>(Prisma.sql`
      SELECT a."id", a."schoolId", a."personId", a."status", i."id" AS "itemId", i."roadmapId", i."position", i."key", i."title", i."deadlineDue"
      FROM "Assignment" a
        JOIN "Item" i ON i."id" = a."itemId"
        JOIN "Roadmap" r ON r."id" = i."roadmapId"
      WHERE i."removedAt" IS NULL AND r."status" <> 'archived'${oneRoadmap} AND a."id" > ${after} AND (a."status" = 'submitted'${waiting})
      ORDER BY a."id"
      LIMIT ${SCAN_PAGE}`);
    for (const r of page) {
      const itemId = Number(r.itemId);
      const item = items.get(itemId) ?? { id: itemId, roadmapId: Number(r.roadmapId), position: Number(r.position), key: r.key, title: r.title, deadlineDue: r.deadlineDue };
      items.set(itemId, item);
      const a = { schoolId: r.schoolId === null ? null : Number(r.schoolId), roadmapId: item.roadmapId, personId: r.personId === null ? null : Number(r.personId) };
      const who = reviewersOf(route, a);
      if (who && who.people.some((p) => p.id === personId) && mayReview(route, personId, a)) (r.status === "submitted" ? out.submitted : out.waiting).push({ id: Number(r.id), item });
    }
    if (page.length < SCAN_PAGE) break;
    after = Number(page.at(-1)!.id);
  }
  const sort = (list: Array<{ id: number; item: ReviewItem }>) => list.sort((a, b) => a.item.roadmapId - b.item.roadmapId || a.item.position - b.item.position || a.id - b.id);
  const submitted = sort(out.submitted);
  return { submitted: submitted.map((x) => x.id), submittedItems: submitted.map((x) => x.item), waiting: sort(out.waiting).map((x) => x.id), items };
}

/** A row of the scan (integers may come back as bigint). */
type ScanRow = {
  id: number | bigint;
  schoolId: number | bigint | null;
  personId: number | bigint | null;
  status: string;
  itemId: number | bigint;
  roadmapId: number | bigint;
  position: number | bigint;
  key: string;
  title: string;
  deadlineDue: string | null;
};

/** The entries of these assignments, in this order (their items from the scan: not read again). */
export async function readReviewEntries(db: Db, ids: number[], items: Map<number, ReviewItem>): Promise<ReviewEntry[]> {
  const { item: _item, ...select } = reviewSelect;
  const rows = await byPages(ids, (page) => db.assignment.findMany({ where: { id: { in: page } }, select: { ...select, itemId: true } }));
  const order = new Map(ids.map((id, i) => [id, i]));
  return rows
    .sort((a, b) => order.get(a.id)! - order.get(b.id)!)
    .flatMap((r) => {
      const item = items.get(r.itemId);
      return item ? [toEntry({ ...r, item })] : [];
    });
}

/**
 * The first `limit` of them and how many there are in all: the region's submitted work is
 * scanned by scalars (scanForReview); only the page shown is read in full.
 */
export async function pageForReview(db: Db, personId: number, limit: number, routing?: ReviewRouting, roadmapId?: number): Promise<{ count: number; entries: ReviewEntry[] }> {
  const route = routing ?? (await loadReviewRouting(db));
  const scan = await scanForReview(db, personId, route, { postponements: false, ...(roadmapId !== undefined ? { roadmapId } : {}) });
  return { count: scan.submitted.length, entries: await readReviewEntries(db, scan.submitted.slice(0, limit), scan.items) };
}

/** How many submitted assignments wait for this person's decision, per roadmap (one scan, as /verify counts them). */
export async function reviewCountsByRoadmap(db: Db, personId: number): Promise<Map<number, number>> {
  const scan = await scanForReview(db, personId, await loadReviewRouting(db), { postponements: false });
  const out = new Map<number, number>();
  for (const item of scan.submittedItems) out.set(item.roadmapId, (out.get(item.roadmapId) ?? 0) + 1);
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
