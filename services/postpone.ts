import type { Db } from "./db.ts";
import type { Outbox } from "./outbox.ts";
import type { Translator } from "./i18n.ts";
import { escapeHtml, formatDate } from "./format.ts";
import { clip, loadReviewRouting, mayReview, readReviewPage, scanForReview, translatorFor, type ListedRequest, type ReviewEntry, type ReviewRouting } from "./verification.ts";
import { effectiveDue, mayMove, TRANSITIONS, toStatus } from "../core/status.ts";

// The decision side of «Нужно больше времени». The executor's request (a PostponeRequest made
// by the executor conversation) goes to whoever decides on the assignment — the curator, else
// the deputy head, else a coordinator (see services/verification.ts). «Одобрить» moves the due
// date; «Отклонить» tells the executor why. An unanswered request is raised again every two
// working days, at or after 09:00 in the roadmap's time zone (scheduler/approvals.ts sends both).

/** Re-raise after this many working days without an answer. */
export const RAISE_AFTER_WORKING_DAYS = 2;
/** Never raise again before this local hour. */
export const RAISE_HOUR = 9;


const requestSelect = {
  id: true,
  status: true,
  requestedDue: true,
  reason: true,
  createdAt: true,
  lastRaisedAt: true,
  assignment: {
    select: {
      id: true,
      status: true,
      schoolId: true,
      personId: true,
      dueOverride: true,
      person: { select: { id: true, fullName: true, chatId: true, language: true, removedAt: true } },
      school: { select: { name: true } },
      item: { select: { key: true, title: true, deadlineDue: true, roadmapId: true, removedAt: true, roadmap: { select: { timezone: true, status: true } } } },
    },
  },
} as const;

type RequestRow = NonNullable<Awaited<ReturnType<typeof loadRequest>>>;

export function loadRequest(db: Db, requestId: number) {
  return db.postponeRequest.findUnique({ where: { id: requestId }, select: requestSelect });
}

/** What a request's text says: the item, who and where, the due dates and the reason. */
type RequestFacts = {
  requestedDue: string;
  reason: string;
  assignment: { dueOverride: string | null; person: { fullName: string } | null; school: { name: string } | null; item: { key: string; title: string; deadlineDue: string | null } };
};

export function requestText(tr: Translator, r: RequestFacts, waitingDays: number | null): string {
  const a = r.assignment;
  const who = [a.person?.fullName, a.school?.name].filter((s): s is string => !!s).join(", ");
  const due = effectiveDue(a.item.deadlineDue, a.dueOverride);
  const lines = [
    tr.t("postpone-request", {
      key: escapeHtml(a.item.key),
      title: escapeHtml(clip(a.item.title, 300)),
      who: escapeHtml(who),
      due: due ? formatDate(tr, due) : tr.t("postpone-no-due"),
      requested: formatDate(tr, r.requestedDue),
      reason: escapeHtml(clip(r.reason, 1000)),
    }),
  ];
  if (waitingDays !== null) lines.push("", tr.t("postpone-request-again", { days: waitingDays }));
  return lines.join("\n");
}

export type PostponeError = "not_found" | "forbidden" | "decided" | "closed" | "empty_reason";
export type PostponeOutcome = { ok: true; itemKey: string; due: string; executorTold: boolean } | { ok: false; error: PostponeError };

/** Is this person allowed to decide on this request now? (Checked before asking for a reason.) */
export async function checkPostponeDecision(
  db: Db,
  requestId: number,
  deciderId: number,
  at?: { now: Date; zone?: string },
): Promise<{ ok: true; itemKey: string } | { ok: false; error: PostponeError }> {
  const r = await loadRequest(db, requestId);
  if (!r || r.assignment.item.removedAt) return { ok: false, error: "not_found" };
  const a = r.assignment;
  // a stand-in for a curator away decides for the absence (services/cover.ts)
  const routing = await loadReviewRouting(db, at);
  if (!mayReview(routing, deciderId, { schoolId: a.schoolId, roadmapId: a.item.roadmapId, personId: a.personId })) return { ok: false, error: "forbidden" };
  if (r.status !== "pending") return { ok: false, error: "decided" };
  return { ok: true, itemKey: a.item.key };
}

async function tellExecutor(outbox: Outbox, r: RequestRow, message: string, vars: Record<string, string>): Promise<boolean> {
  const p = r.assignment.person;
  if (!p || !p.chatId || p.removedAt) return false;
  const tr = translatorFor(p);
  const text = tr.t(message, { key: escapeHtml(r.assignment.item.key), title: escapeHtml(clip(r.assignment.item.title, 300)), ...vars });
  return (await outbox.send({ chatId: p.chatId, personId: p.id, text })).ok;
}

/** «Одобрить»: the assignment's due date moves to the requested one, status `postponed`. */
export async function approvePostponement(db: Db, outbox: Outbox, args: { requestId: number; deciderId: number; now: Date; zone?: string }): Promise<PostponeOutcome> {
  const check = await checkPostponeDecision(db, args.requestId, args.deciderId, { now: args.now, ...(args.zone ? { zone: args.zone } : {}) });
  if (!check.ok) return check;
  const r = (await loadRequest(db, args.requestId))!;
  const a = r.assignment;
  if (!mayMove("postpone", toStatus(a.status))) return { ok: false, error: "closed" };
  const done = await db.$transaction(async (tx) => {
    // conditional updates: of two deciders pressing together, one wins and the other is told it is decided
    const won = await tx.postponeRequest.updateMany({
      where: { id: r.id, status: "pending" },
      data: { status: "approved", deciderId: args.deciderId, decidedAt: args.now },
    });
    if (won.count === 0) return "decided" as const;
    const moved = await tx.assignment.updateMany({ where: { id: a.id, status: { in: [...TRANSITIONS.postpone.from] } }, data: { status: "postponed", dueOverride: r.requestedDue } });
    if (moved.count === 0) throw new ClosedMeanwhile();
    await tx.statusChange.create({
      data: { assignmentId: a.id, fromStatus: a.status, toStatus: "postponed", byPersonId: args.deciderId, comment: r.reason, at: args.now },
    });
    return "ok" as const;
  }).catch((e: unknown) => {
    if (e instanceof ClosedMeanwhile) return "closed" as const;
    throw e;
  });
  if (done !== "ok") return { ok: false, error: done };
  const trDue = (tr: Translator) => formatDate(tr, r.requestedDue);
  const executorTold = await tellExecutor(outbox, r, "postpone-told-approved", { due: trDue(translatorFor(a.person)) });
  return { ok: true, itemKey: a.item.key, due: r.requestedDue, executorTold };
}

class ClosedMeanwhile extends Error {}

/** «Отклонить» with a reason the executor receives; the due date stays. */
export async function refusePostponement(db: Db, outbox: Outbox, args: { requestId: number; deciderId: number; reason: string; now: Date; zone?: string }): Promise<PostponeOutcome> {
  const reason = args.reason.trim();
  if (!reason) return { ok: false, error: "empty_reason" };
  const check = await checkPostponeDecision(db, args.requestId, args.deciderId, { now: args.now, ...(args.zone ? { zone: args.zone } : {}) });
  if (!check.ok) return check;
  const r = (await loadRequest(db, args.requestId))!;
  const won = await db.postponeRequest.updateMany({
    where: { id: r.id, status: "pending" },
    data: { status: "refused", deciderId: args.deciderId, decidedAt: args.now, comment: reason },
  });
  if (won.count === 0) return { ok: false, error: "decided" };
  const a = r.assignment;
  const due = effectiveDue(a.item.deadlineDue, a.dueOverride);
  const tr = translatorFor(a.person);
  const executorTold = await tellExecutor(outbox, r, "postpone-told-refused", {
    due: due ? formatDate(tr, due) : tr.t("postpone-no-due"),
    reason: escapeHtml(reason),
  });
  return { ok: true, itemKey: a.item.key, due: due ?? "", executorTold };
}

/**
 * What /verify lists: the submitted work and the pending postponement requests this person is the
 * one to decide on — a request whose decider was not in Telegram when it was made, or whose
 * message was lost, is not a dead end. Both are found by one scan of scalars (scanForReview); only
 * the first `limit` of each list is read in full, in one statement, the rest is counted.
 */
export async function pageForVerify(
  db: Db,
  tr: Translator,
  personId: number,
  limit: number,
  routing?: ReviewRouting,
): Promise<{
  submissions: { count: number; entries: ReviewEntry[] };
  postponements: { count: number; requests: Array<{ requestId: number; text: string; onBehalfOf?: ListedRequest["onBehalfOf"] }> };
}> {
  const route = routing ?? (await loadReviewRouting(db));
  const scan = await scanForReview(db, personId, route, { postponements: true });
  const { entries, requests } = await readReviewPage(db, scan.submitted.slice(0, limit), scan.waiting.slice(0, limit));
  return {
    submissions: { count: scan.submitted.length, entries },
    postponements: {
      count: scan.waiting.length,
      requests: requests.map((r) => ({ requestId: r.requestId, text: requestText(tr, r, null), ...(r.onBehalfOf ? { onBehalfOf: r.onBehalfOf } : {}) })),
    },
  };
}
