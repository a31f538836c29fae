import type { Db } from "./db.ts";
import type { Outbox } from "./outbox.ts";
import { toLang, translator, type Translator } from "./i18n.ts";
import { escapeHtml } from "./format.ts";
import { appliesTo } from "./scope.ts";

// Checking what executors submit. Whoever decides is found the same way for evidence and for
// postponements: the school's curator; for an item without a school (or a school without a
// reachable curator) the roadmap's deputy head; else a coordinator.

export type ReviewLevel = "curator" | "deputy" | "coordinator";

export interface Reviewer {
  id: number;
  chatId: string | null;
  language: string | null;
  unreachable: boolean;
}

/** Everything routing needs, loaded once: curators per school, deputies per roadmap, coordinators. */
export interface ReviewRouting {
  curatorsBySchool: Map<number, Array<{ personId: number; roadmapId: number | null }>>;
  deputiesByRoadmap: Map<number, number[]>;
  /** deputy heads not bound to one roadmap */
  globalDeputies: number[];
  coordinators: number[];
  people: Map<number, Reviewer>;
}

export async function loadReviewRouting(db: Db): Promise<ReviewRouting> {
  const [curatorships, roles, controllers, people, contacts] = await Promise.all([
    db.curatorship.findMany({ select: { schoolId: true, personId: true, curatorOrgId: true, roadmapId: true }, orderBy: { id: "asc" } }),
    db.personRole.findMany({ where: { role: { in: ["deputy", "coordinator"] } }, select: { personId: true, role: true, roadmapId: true }, orderBy: { id: "asc" } }),
    db.roadmap.findMany({ where: { controllerId: { not: null } }, select: { id: true, controllerId: true } }),
    db.person.findMany({ where: { removedAt: null }, select: { id: true, chatId: true, language: true, unreachable: true } }),
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
  return { curatorsBySchool, deputiesByRoadmap, globalDeputies, coordinators, people: live };
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
  const resolved = levels.map(([level, ids]) => ({
    level,
    people: [...new Set(ids)]
      .filter((id) => id !== a.personId)
      .map((id) => routing.people.get(id))
      .filter((p): p is Reviewer => !!p),
  }));
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
  const route = routing ?? (await loadReviewRouting(db));
  const rows: ReviewRow[] = await db.assignment.findMany({
    where: { status: "submitted", item: { removedAt: null, roadmap: { status: { not: "archived" } } } },
    select: reviewSelect,
  });
  rows.sort((a, b) => a.item.roadmapId - b.item.roadmapId || a.item.position - b.item.position || a.id - b.id);
  return rows
    .filter((r) => {
      const who = reviewersOf(route, { schoolId: r.schoolId, roadmapId: r.item.roadmapId, personId: r.personId });
      return !!who && who.people.some((p) => p.id === personId) && mayReview(route, personId, { schoolId: r.schoolId, roadmapId: r.item.roadmapId, personId: r.personId });
    })
    .map(toEntry);
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
export async function checkReview(db: Db, assignmentId: number, reviewerId: number): Promise<{ ok: true; itemKey: string } | { ok: false; error: ReviewError }> {
  const a = await loadForDecision(db, assignmentId);
  if (!a || a.item.removedAt) return { ok: false, error: "not_found" };
  const routing = await loadReviewRouting(db);
  if (!mayReview(routing, reviewerId, { schoolId: a.schoolId, roadmapId: a.item.roadmapId, personId: a.personId })) return { ok: false, error: "forbidden" };
  if (a.status !== "submitted") return { ok: false, error: "not_submitted" };
  return { ok: true, itemKey: a.item.key };
}

async function decide(
  db: Db,
  outbox: Outbox,
  args: { assignmentId: number; reviewerId: number; now: Date; comment: string | null },
  to: "verified" | "returned",
): Promise<ReviewOutcome> {
  const check = await checkReview(db, args.assignmentId, args.reviewerId);
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
export function acceptSubmission(db: Db, outbox: Outbox, args: { assignmentId: number; reviewerId: number; now: Date; comment?: string | null }): Promise<ReviewOutcome> {
  return decide(db, outbox, { ...args, comment: args.comment?.trim() || null }, "verified");
}

/** «Вернуть на доработку» with a comment that reaches the executor: submitted → returned. */
export async function returnSubmission(db: Db, outbox: Outbox, args: { assignmentId: number; reviewerId: number; now: Date; comment: string }): Promise<ReviewOutcome> {
  const comment = args.comment.trim();
  if (!comment) return { ok: false, error: "empty_comment" };
  return decide(db, outbox, { ...args, comment }, "returned");
}
