import crypto from "node:crypto";
import type { Db } from "../services/db.ts";
import type { Outbox, OutgoingMessage, SendResult } from "../services/outbox.ts";
import type { Logger } from "../services/logger.ts";
import { toLang, translator } from "../services/i18n.ts";
import { effectiveDue } from "../core/status.ts";
import type { DueDigest, DueReminder } from "../core/reminders.ts";
import { anyoneInDaytime, loadPlanningState, stillToSend, planFromState, STALE_CLAIM_MS, type Planned } from "./plan.ts";
import { reminderMessage, type ReminderSubject } from "./messages.ts";
import { buildDigest } from "./digest.ts";
import { raisePendingPostponements } from "../services/postpone.ts";
import { notifyReviewers } from "../services/verification.ts";

// tick = plan → claim → send → mark sent.
//
// The claim is a ReminderClaim row with a unique key (assignment, kind, checkpoint, local day,
// recipient): whoever inserts it is the only one who sends. Two overlapping ticks, two processes
// on one database, a restart or a clock jump all meet the same key, so nothing goes twice. A
// claim left without `sentAt` for STALE_CLAIM_MS (its claimant crashed before sending) is taken
// over by the next tick, so nothing is lost. The one window for a duplicate is a crash after
// Telegram accepted the message and before `sentAt` was written: the takeover sends it again.

export type TickStep = "planned" | "claimed" | "accepted" | "recorded";

export interface TickDeps {
  db: Db;
  outbox: Outbox;
  /** written into claims: which process holds them */
  instanceId?: string;
  logger?: Logger;
  /**
   * At most this many messages per tick (default 1,200: 40 s at 30 messages/s). A claim must be
   * sent well before it turns stale, or another tick would take it over; the rest waits a minute.
   */
  maxMessages?: number;
  /** tests: called at each named step; throwing there simulates a crash */
  faults?: (step: TickStep, keys: readonly string[]) => void;
}

export interface TickResult {
  planned: number;
  claimed: number;
  sent: number;
  failed: number;
}

/** After this many attempts a claim is given up (recorded, not retried). */
const MAX_ATTEMPTS = 5;

const defaultInstance = `${process.pid}-${crypto.randomUUID().slice(0, 8)}`;

// by its code: the PostgreSQL client's errors are not instances of the SQLite client's classes
function isUniqueViolation(e: unknown): boolean {
  return (e as { code?: unknown } | null)?.code === "P2002";
}

/** Inserts the claim, or takes over a stale one. True when this tick owns it. */
async function claim(db: Db, p: Planned, now: Date, by: string): Promise<boolean> {
  const reminder = p.kind === "digest" ? null : (p as DueReminder);
  try {
    await db.reminderClaim.create({
      data: {
        key: p.key,
        kind: p.kind,
        assignmentId: reminder?.assignmentId ?? null,
        roadmapId: p.roadmapId,
        personId: p.recipient.personId,
        checkpoint: reminder ? (reminder.checkpoint ?? reminder.period) : null,
        localDate: p.localDate,
        claimedAt: now,
        claimedBy: by,
        attempts: 1,
      },
    });
    return true;
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
  }
  const existing = await db.reminderClaim.findUnique({ where: { key: p.key } });
  if (!existing || existing.sentAt || existing.lastError?.startsWith("final:")) return false;
  if (now.getTime() - existing.claimedAt.getTime() <= STALE_CLAIM_MS) return false;
  if (existing.attempts >= MAX_ATTEMPTS) {
    await db.reminderClaim.updateMany({ where: { key: p.key, sentAt: null }, data: { lastError: `final:${existing.lastError ?? "gave up"}` } });
    return false;
  }
  // compare-and-set on the old claim time: of two ticks taking over, one wins
  const taken = await db.reminderClaim.updateMany({
    where: { key: p.key, sentAt: null, claimedAt: existing.claimedAt },
    data: { claimedAt: now, claimedBy: by, attempts: { increment: 1 } },
  });
  return taken.count === 1;
}

async function record(db: Db, keys: string[], by: string, now: Date, result: SendResult): Promise<void> {
  if (result.ok) {
    await db.reminderClaim.updateMany({
      where: { key: { in: keys }, claimedBy: by },
      data: { sentAt: now, messageId: result.messageId !== undefined ? String(result.messageId) : null, lastError: null },
    });
  } else {
    // blocked: never retried (the person is unreachable now); failed: retried when stale
    const lastError = result.error === "blocked" ? "final:blocked" : (result.error ?? "failed");
    await db.reminderClaim.updateMany({ where: { key: { in: keys }, claimedBy: by, sentAt: null }, data: { lastError } });
  }
}

/** Groups reminders into messages: one per recipient, assignment and day. */
function groupReminders(planned: Planned[]): { reminders: DueReminder[][]; digests: DueDigest[] } {
  const groups = new Map<string, DueReminder[]>();
  const digests: DueDigest[] = [];
  for (const p of planned) {
    if (p.kind === "digest") {
      digests.push(p as DueDigest);
      continue;
    }
    const r = p as DueReminder;
    const k = `${r.recipient.personId}|${r.assignmentId}|${r.localDate}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  return { reminders: [...groups.values()], digests };
}

async function loadSubjects(db: Db, assignmentIds: number[]): Promise<Map<number, ReminderSubject>> {
  const [rows, activeRoadmaps] = await Promise.all([
    db.assignment.findMany({
      where: { id: { in: assignmentIds } },
      select: {
        id: true,
        status: true,
        dueOverride: true,
        personId: true,
        person: { select: { shortName: true } },
        school: { select: { name: true, shortName: true } },
        item: { select: { key: true, title: true, deadlineDue: true, deadlineText: true, result: true, evidenceRequirement: true, roadmap: { select: { id: true, title: true } } } },
        _count: { select: { evidence: true } },
      },
    }),
    db.roadmap.count({ where: { status: "active" } }),
  ]);
  return new Map(
    rows.map((a) => [
      a.id,
      {
        assignmentId: a.id,
        // with several roadmaps running, keys are typed as «<roadmap id>/<key>»
        itemKey: activeRoadmaps > 1 ? `${a.item.roadmap.id}/${a.item.key}` : a.item.key,
        itemTitle: a.item.title,
        due: effectiveDue(a.item.deadlineDue, a.dueOverride),
        status: a.status,
        executorName: a.person?.shortName ?? null,
        executorId: a.personId,
        schoolName: a.school ? (a.school.shortName ?? a.school.name) : null,
        deadlineText: a.item.deadlineText,
        result: a.item.result,
        evidenceRequirement: a.item.evidenceRequirement,
        roadmapTitle: activeRoadmaps > 1 ? a.item.roadmap.title : null,
        evidenceCount: a._count.evidence,
      },
    ]),
  );
}

/** One scheduler run at `now`. */
export async function tick(deps: TickDeps, now: Date): Promise<TickResult> {
  const { db } = deps;
  const by = deps.instanceId ?? defaultInstance;
  if (!(await anyoneInDaytime(db, now))) {
    await raisePendingPostponements(db, deps.outbox, now);
    return { planned: 0, claimed: 0, sent: 0, failed: 0 };
  }
  const state = await loadPlanningState(db);
  const planned = planFromState(state, now);
  deps.faults?.("planned", planned.map((p) => p.key));
  const result: TickResult = { planned: planned.length, claimed: 0, sent: 0, failed: 0 };
  // most of what is planned is already sent (a reminder stays current all its day): one query
  // leaves those out, so only new or stale claims are attempted
  const open = await stillToSend(db, planned, now);
  const { reminders, digests } = groupReminders(open);

  const langs = new Map(
    (await db.person.findMany({ where: { id: { in: [...new Set(open.map((p) => p.recipient.personId))] } }, select: { id: true, language: true } })).map(
      (p) => [p.id, toLang(p.language)],
    ),
  );

  const jobs: Array<Promise<void>> = [];
  const maxMessages = deps.maxMessages ?? 1200;
  const subjects = await loadSubjects(db, [...new Set(reminders.flatMap((g) => g.map((r) => r.assignmentId)))]);
  for (const group of reminders) {
    if (jobs.length >= maxMessages) break;
    const owned: DueReminder[] = [];
    for (const r of group) if (await claim(db, r, now, by)) owned.push(r);
    if (owned.length === 0) continue;
    result.claimed += owned.length;
    const keys = owned.map((r) => r.key);
    deps.faults?.("claimed", keys);
    const subject = subjects.get(owned[0]!.assignmentId);
    if (!subject) continue;
    const tr = translator(langs.get(owned[0]!.recipient.personId) ?? "ru");
    jobs.push(deliver(deps, by, now, keys, () => Promise.resolve(reminderMessage(tr, owned, subject)), result));
  }
  for (const d of digests) {
    if (jobs.length >= maxMessages) break;
    if (!(await claim(db, d, now, by))) continue;
    result.claimed++;
    deps.faults?.("claimed", [d.key]);
    const tr = translator(langs.get(d.recipient.personId) ?? "ru");
    jobs.push(
      deliver(deps, by, now, [d.key], async () => {
        const digest = await buildDigest(db, { personId: d.recipient.personId, roadmapId: d.roadmapId, now, tr, schoolIds: d.schoolIds });
        return { chatId: d.recipient.chatId!, personId: d.recipient.personId, text: digest.text, photo: digest.chart ? { fileName: "progress.png", data: digest.chart } : undefined };
      }, result),
    );
  }
  // a crash anywhere in one delivery is a crash of the tick: rethrow after the others settle
  const settled = await Promise.allSettled(jobs);
  const crash = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (crash) throw crash.reason;
  // postponement requests waiting for a decision (services/postpone.ts sends those itself)
  await raisePendingPostponements(db, deps.outbox, now, state.calendar);
  // evidence waiting for review: one batched message per reviewer (services/verification.ts)
  await notifyReviewers(db, deps.outbox, now);
  return result;
}

async function deliver(
  deps: TickDeps,
  by: string,
  now: Date,
  keys: string[],
  render: () => Promise<OutgoingMessage>,
  result: TickResult,
): Promise<void> {
  const msg = await render();
  const sent = await deps.outbox.send(msg);
  if (sent.ok) deps.faults?.("accepted", keys);
  await record(deps.db, keys, by, now, sent);
  if (sent.ok) {
    result.sent++;
    deps.faults?.("recorded", keys);
  } else {
    result.failed++;
    deps.logger?.warn({ keys, error: sent.error }, "reminder not delivered");
  }
}
