import type { Prisma } from "@prisma/client";
import type { Db } from "../services/db.ts";
import type { Outbox } from "../services/outbox.ts";
import { byPages, pages } from "../services/paging.ts";
import {
  entryText,
  loadReviewRouting,
  reachable,
  reviewersOf,
  reviewSelect,
  toEntry,
  translatorFor,
  type ReviewEntry,
  type Reviewer,
  type ReviewRow,
} from "../services/verification.ts";
import { reviewKeyboard } from "../views/review.ts";
import { onBehalfLine } from "../services/cover.ts";
import { deliverAll, deliveryContext, type ClaimSpec, type Delivery } from "./claims.ts";

// Review notices: reviewers hear about work submitted for their decision, one message per
// reviewer however many files arrived, through the one delivery path (scheduler/claims.ts).
//
// What is planned: submitted assignments whose newest evidence has been quiet for a minute and
// not yet announced (`Evidence.notifiedAt` null), and «Выполнено» without evidence whose
// submission was not announced (no `review|<status change>` marker). Each (submission, reviewer)
// pair is a claim: `review|a<assignment>|e<newest evidence>|p<reviewer>`, or
// `review|<status change>|p<reviewer>`. A submission counts as announced — `notifiedAt` written,
// or the marker — in the transaction that records the last of its reviewers' messages, so a
// crash anywhere before leaves it planned, and its claims are taken over.

export interface NotifyOptions {
  /** evidence younger than this waits, so several files sent together make one message */
  quietMs?: number;
}

/** Telegram's limit is 4,096; leave room for the header and footer. */
const MAX_BODY = 3500;

interface Entry {
  row: ReviewRow;
  /** evidence path: the newest piece announced; bare path: the submission's status change */
  newestEvidence: number | null;
  changeId: number | null;
  /** one key per reviewer of this submission */
  keys: Map<number, string>;
  /** reviewers told as a stand-in: for whom (services/cover.ts) */
  onBehalf: Map<number, NonNullable<Reviewer["onBehalfOf"]>>;
}

function noticeText(reviewer: Reviewer, entries: Array<{ entry: ReviewEntry; onBehalf: Reviewer["onBehalfOf"] }>): { text: string; single: ReviewEntry | null } {
  const tr = translatorFor(reviewer);
  const parts: string[] = [];
  let size = 0;
  let shown = 0;
  for (const { entry: e, onBehalf } of entries) {
    // a stand-in sees whose work this is: «Вместо И.И. Иванова (в отпуске до 15 июня 2023)»
    const text = (onBehalf ? `${onBehalfLine(tr, onBehalf)}\n` : "") + entryText(tr, e);
    if (size + text.length > MAX_BODY) break;
    parts.push(text);
    size += text.length + 2;
    shown++;
  }
  const files = entries.reduce((n, e) => n + e.entry.evidence.length, 0);
  const header = files > 0 ? tr.t("verify-notify-header", { count: entries.length, files }) : tr.t("verify-notify-header-bare", { count: entries.length });
  const lines = [header, "", parts.join("\n\n")];
  if (shown < entries.length) lines.push("", tr.t("verify-notify-more", { count: entries.length - shown }));
  lines.push("", tr.t("verify-notify-footer"));
  return { text: lines.join("\n"), single: entries.length === 1 ? entries[0]!.entry : null };
}

/** In the record's transaction: a submission whose every reviewer's claim is settled counts as announced. */
async function markAnnounced(tx: Prisma.TransactionClient, entries: Entry[], at: Date): Promise<void> {
  const settledKeys = new Set(
    (
      await byPages(
        entries.flatMap((e) => [...e.keys.values()]),
        (keys) => tx.reminderClaim.findMany({ where: { key: { in: keys }, OR: [{ sentAt: { not: null } }, { lastError: { startsWith: "final:" } }] }, select: { key: true } }),
      )
    ).map((c) => c.key),
  );
  const done = entries.filter((e) => [...e.keys.values()].every((k) => settledKeys.has(k)));
  // the evidence each announced, up to the newest piece it named: one statement a page
  for (const page of pages(done.filter((e) => e.newestEvidence !== null), 200)) {
    await tx.evidence.updateMany({
      where: { status: "submitted", notifiedAt: null, OR: page.map((e) => ({ assignmentId: e.row.id, id: { lte: e.newestEvidence! } })) },
      data: { notifiedAt: at },
    });
  }
  for (const e of done) {
    if (e.changeId !== null && e.newestEvidence === null) {
      const key = `review|${e.changeId}`;
      await tx.reminderClaim.upsert({
        where: { key },
        create: { key, kind: "review_notice", assignmentId: e.row.id, localDate: at.toISOString().slice(0, 10), claimedAt: at, claimedBy: "verification", sentAt: at },
        update: {},
      });
    }
  }
}

/** The review notices due at `now`, one delivery per reviewer. */
export async function reviewDeliveries(db: Db, now: Date, opts: NotifyOptions = {}): Promise<Delivery[]> {
  const quietMs = opts.quietMs ?? 60_000;
  const cutoff = now.getTime() - quietMs;
  const live = { item: { removedAt: null, roadmap: { status: { not: "archived" } } } };
  const pending = await db.evidence.findMany({
    where: { status: "submitted", notifiedAt: null, assignment: { status: "submitted", ...live } },
    select: { id: true, createdAt: true, assignmentId: true },
  });
  // Wait while the executor is still sending: the newest piece of each assignment must be quiet.
  const newest = new Map<number, { at: number; id: number }>();
  for (const e of pending) {
    const n = newest.get(e.assignmentId);
    newest.set(e.assignmentId, { at: Math.max(n?.at ?? 0, e.createdAt.getTime()), id: Math.max(n?.id ?? 0, e.id) });
  }
  const ready = new Map([...newest].filter(([, n]) => n.at <= cutoff).map(([id, n]) => [id, n.id]));
  // «Выполнено» without any evidence: announced once per submission (its status change)
  const bare = await db.assignment.findMany({
    where: { status: "submitted", ...live, evidence: { none: { status: "submitted" } } },
    select: { id: true, statusChanges: { where: { toStatus: "submitted", checkpoint: null }, orderBy: [{ at: "desc" }, { id: "desc" }], take: 1, select: { id: true, at: true } } },
  });
  const bareChange = new Map<number, number>();
  for (const a of bare) {
    const change = a.statusChanges[0];
    if (change && change.at.getTime() <= cutoff) bareChange.set(a.id, change.id);
  }
  if (bareChange.size > 0) {
    const told = await byPages([...bareChange.values()].map((id) => `review|${id}`), (keys) => db.reminderClaim.findMany({ where: { key: { in: keys } }, select: { key: true } }));
    const toldSet = new Set(told.map((c) => c.key));
    for (const [assignmentId, changeId] of [...bareChange]) if (toldSet.has(`review|${changeId}`)) bareChange.delete(assignmentId);
  }
  if (ready.size === 0 && bareChange.size === 0) return [];

  // a curator or deputy head away: their stand-in is told instead (services/cover.ts)
  const routing = await loadReviewRouting(db, { now });
  const rows: ReviewRow[] = await byPages([...ready.keys(), ...bareChange.keys()], (ids) => db.assignment.findMany({ where: { id: { in: ids } }, select: reviewSelect }));
  rows.sort((a, b) => a.item.roadmapId - b.item.roadmapId || a.item.position - b.item.position || a.id - b.id);
  const byReviewer = new Map<number, { reviewer: Reviewer; entries: Entry[] }>();
  for (const row of rows) {
    const people = (reviewersOf(routing, { schoolId: row.schoolId, roadmapId: row.item.roadmapId, personId: row.personId })?.people ?? []).filter(reachable);
    if (people.length === 0) continue;
    const newestEvidence = ready.get(row.id) ?? null;
    const changeId = newestEvidence === null ? (bareChange.get(row.id) ?? null) : null;
    const entry: Entry = { row, newestEvidence, changeId, keys: new Map(), onBehalf: new Map() };
    for (const p of people) {
      if (p.onBehalfOf) entry.onBehalf.set(p.id, p.onBehalfOf);
      entry.keys.set(p.id, newestEvidence !== null ? `review|a${row.id}|e${newestEvidence}|p${p.id}` : `review|${changeId}|p${p.id}`);
      const slot = byReviewer.get(p.id) ?? { reviewer: p, entries: [] };
      slot.entries.push(entry);
      byReviewer.set(p.id, slot);
    }
  }
  const localDate = now.toISOString().slice(0, 10);
  return [...byReviewer.values()].map(({ reviewer, entries }) => {
    const claims: ClaimSpec[] = entries.map((e) => ({
      key: e.keys.get(reviewer.id)!,
      kind: "review_notice",
      personId: reviewer.id,
      roadmapId: e.row.item.roadmapId,
      assignmentId: e.row.id,
      localDate,
    }));
    const mine = (owned: ClaimSpec[]) => entries.filter((e) => owned.some((c) => c.key === e.keys.get(reviewer.id)));
    return {
      claims,
      // a reviewer who could not be reached is tried again at the next tick (routing may have moved on)
      releaseOnFailure: true,
      render: async (owned) => {
        const { text, single } = noticeText(reviewer, mine(owned).map((e) => ({ entry: toEntry(e.row), onBehalf: e.onBehalf.get(reviewer.id) })));
        return { chatId: reviewer.chatId!, personId: reviewer.id, text, ...(single ? { keyboard: reviewKeyboard(translatorFor(reviewer), single.assignmentId) } : {}) };
      },
      settle: (tx, owned, _delivered, at) => markAnnounced(tx, mine(owned), at),
    } satisfies Delivery;
  });
}

/**
 * Tells reviewers about work they have not been told about yet (what the tick does; tests and
 * tools call it alone). Returns how many messages were sent.
 */
export async function notifyReviewers(db: Db, outbox: Outbox, now: Date, opts: NotifyOptions = {}): Promise<number> {
  const ctx = deliveryContext({ db, outbox }, now);
  return (await deliverAll(ctx, await reviewDeliveries(db, now, opts))).sent;
}
