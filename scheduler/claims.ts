import crypto from "node:crypto";
import { Prisma } from "@prisma/client";
import type { Clock } from "../core/clock.ts";
import type { ClaimKind } from "../core/kinds.ts";
import type { Db } from "../services/db.ts";
import type { Logger } from "../services/logger.ts";
import type { Outbox, OutgoingMessage, SendError, SendResult } from "../services/outbox.ts";
import { pages } from "../services/paging.ts";
import { isClaimable, STALE_CLAIM_MS } from "./plan.ts";
import { claimsUnder } from "./plan-rows.ts";

// The one path for everything the bot sends on its own: plan → claim → send → record.
//
// A claim is a ReminderClaim row under a unique key that names the message's subject and
// recipient (reminders: assignment, kind, checkpoint, day; a digest: person, roadmap, week; a
// review notice: submission and reviewer; …). Whoever inserts the row — or takes over one whose
// claimant went quiet for STALE_CLAIM_MS — is the only one to send. Before each attempt the
// claimant renews its claim (compare-and-set on `claimedBy`): if another process has taken it
// over meanwhile, nothing goes. Once Telegram accepted the message, `sentAt` and the message id
// are written, with whatever else the delivery changes (a notice's `notifiedAt`, a request's
// `lastRaisedAt`) in the same transaction. The one window for a duplicate is a crash after
// Telegram accepted and before that transaction: the take-over sends it again. See docs/delivery.md.

/** After this many attempts a claim is given up (recorded as final, not retried). */
const MAX_ATTEMPTS = 5;

export type DeliveryStep = "planned" | "claimed" | "accepted" | "recorded";

export interface ClaimSpec {
  key: string;
  kind: ClaimKind;
  /** the recipient */
  personId: number;
  roadmapId?: number | null;
  assignmentId?: number | null;
  checkpoint?: string | null;
  localDate: string;
}

type Tx = Prisma.TransactionClient;

/** A message and the claims (keys) it carries: its message id is recorded on exactly those. */
export interface MessagePart {
  message: OutgoingMessage;
  keys: string[];
}

/** One message (or a few, cut between whole subjects): the claims it settles, how to write it, what else its delivery records. */
export interface Delivery {
  claims: ClaimSpec[];
  /**
   * The message for the claims this run owns, or messages each carrying some of them (sent in
   * order; a claim none carries is gone); null when there is nothing to say any more.
   */
  render(owned: ClaimSpec[]): Promise<OutgoingMessage | MessagePart[] | null>;
  /**
   * Rendered only a few at a time, right before it goes, and sent ahead of everything else
   * queued (digests: big to build, and due at 09:00 rather than behind the morning's reminders).
   */
  priority?: boolean;
  /** in the transaction that records the outcome (delivered, or given up for good) */
  settle?(tx: Tx, owned: ClaimSpec[], delivered: boolean, at: Date): Promise<void>;
  /**
   * Any failed attempt, a 403 included, lets the claim go at once for the next run (up to
   * MAX_ATTEMPTS), instead of a failure waiting STALE_CLAIM_MS and a 403 or 400 being final:
   * for notices whose recipients are worked out afresh each run.
   */
  releaseOnFailure?: boolean;
}

export interface DeliveryContext {
  db: Db;
  outbox: Outbox;
  /** who holds the claims: one id per run, so two runs of one process never share a claim */
  by: string;
  /** claim times and take-overs: the real clock in production */
  clock: Clock;
  logger?: Logger;
  /** tests: called at each step; throwing there simulates a crash */
  faults?: (step: DeliveryStep, keys: readonly string[]) => void;
}

type Outcome = "sent" | "not_claimed" | "gone" | SendError;

export interface DeliveryOutcome {
  outcome: Outcome;
  owned: ClaimSpec[];
  description?: string;
}

const processId = `${process.pid}-${crypto.randomUUID().slice(0, 8)}`;
let runs = 0;

/** A fresh holder id for one run of this process. */
function newRunId(prefix?: string): string {
  return `${prefix ?? processId}#${++runs}`;
}

/** A clock that starts at `now` and runs on with real time: claims of a run at a chosen instant. */
function runningFrom(now: Date): Clock {
  const start = Date.now();
  return { now: () => new Date(now.getTime() + (Date.now() - start)) };
}

export function deliveryContext(deps: { db: Db; outbox: Outbox; logger?: Logger; instanceId?: string; clock?: Clock; faults?: DeliveryContext["faults"] }, now: Date): DeliveryContext {
  return {
    db: deps.db,
    outbox: deps.outbox,
    by: newRunId(deps.instanceId),
    clock: deps.clock ?? runningFrom(now),
    logger: deps.logger,
    faults: deps.faults,
  };
}

/** Takes over a claim nobody holds any more (let go after a failure, or its claimant went quiet). */
async function takeOver(ctx: DeliveryContext, key: string, now: Date): Promise<boolean> {
  const { db } = ctx;
  const existing = await db.reminderClaim.findUnique({ where: { key } });
  if (!existing || existing.sentAt || existing.lastError?.startsWith("final:")) return false;
  if (existing.claimedBy !== null && now.getTime() - existing.claimedAt.getTime() <= STALE_CLAIM_MS) return false;
  if (existing.attempts >= MAX_ATTEMPTS) {
    await db.reminderClaim.updateMany({ where: { key, sentAt: null }, data: { lastError: `final:gave up: ${existing.lastError ?? "no answer"}`.slice(0, 500) } });
    return false;
  }
  // compare-and-set on the holder and the claim time: of two runs taking over, one wins
  const taken = await db.reminderClaim.updateMany({
    where: { key, sentAt: null, claimedAt: existing.claimedAt, claimedBy: existing.claimedBy },
    data: { claimedAt: now, claimedBy: ctx.by, attempts: { increment: 1 } },
  });
  return taken.count === 1;
}

/**
 * Claims many at once: a page of keys is inserted with one `INSERT … ON CONFLICT DO NOTHING` (a
 * single statement: no transaction holding SQLite's lock across awaits, and a key another run
 * inserted first is simply not ours). When every row went in — a cold morning, and most keys of
 * any tick, which were planned because they are not there yet — the page is ours and that is all;
 * otherwise the page's rows are read: ours are those this call wrote, the rest are taken over
 * where nobody holds them. Returns the keys this run owns.
 */
/** Claims per page of claimMany. */
const CLAIM_PAGE = 400;

async function claimMany(ctx: DeliveryContext, specs: ClaimSpec[]): Promise<Set<string>> {
  const owned = new Set<string>();
  const now = ctx.clock.now();
  // a page is one INSERT of ten values a row, binding 4,000 (the raw statement goes to the driver as
  // is: SQLite and PostgreSQL both take 32,766), and only where some key was there already a read
  // of the page's keys (one IN list): a cold peak tick's 10,000
  // claims in 25 statements
  for (const page of pages(specs, CLAIM_PAGE)) {
    const values = page.map(
      (s) => Prisma.sql`(${s.key}, ${s.kind}, ${s.assignmentId ?? null}, ${s.roadmapId ?? null}, ${s.personId}, ${s.checkpoint ?? null}, ${s.localDate}, ${now}, ${ctx.by}, 1)`,
    );
    // one whole Prisma.sql: the PostgreSQL client would take a fragment inside its own template for a value
    const inserted = await ctx.db.$executeRaw(Prisma.sql`INSERT INTO "ReminderClaim" ("key", "kind", "assignmentId", "roadmapId", "personId", "checkpoint", "localDate", "claimedAt", "claimedBy", "attempts")
      VALUES ${Prisma.join(values)} ON CONFLICT ("key") DO NOTHING`);
    if (inserted === page.length) {
      for (const s of page) owned.add(s.key);
      continue;
    }
    // some keys were there (RETURNING would say which in the INSERT; test/db-portability.test.ts keeps it out)
    const rows = await claimsUnder(ctx.db, page.map((s) => s.key));
    for (const row of rows) {
      if (row.claimedBy === ctx.by && row.claimedAt.getTime() === now.getTime()) owned.add(row.key);
      // most existing claims are delivered or held: only the ones that look free are tried
      else if (isClaimable(row, now) && (await takeOver(ctx, row.key, now))) owned.add(row.key);
    }
  }
  return owned;
}

/** Right before an attempt: still ours? Renews the claim time so nobody takes it over mid-send. */
async function renew(ctx: DeliveryContext, keys: string[]): Promise<boolean> {
  const now = ctx.clock.now();
  let held = 0;
  for (const page of pages(keys)) {
    held += (await ctx.db.reminderClaim.updateMany({ where: { key: { in: page }, claimedBy: ctx.by, sentAt: null }, data: { claimedAt: now } })).count;
  }
  return held === keys.length;
}

/**
 * Writes the outcome. Alone it is one statement per page of keys; with `settle` it is one
 * transaction, so a notice is never recorded as sent without what its delivery changes. (No
 * transaction otherwise: SQLite's write lock held across awaits would stall a second connection.)
 */
async function record(ctx: DeliveryContext, d: Delivery, owned: ClaimSpec[], result: SendResult): Promise<void> {
  const keys = owned.map((c) => c.key);
  const at = ctx.clock.now();
  let write: (tx: Tx) => Promise<void>;
  let settles: boolean;
  if (result.ok) {
    settles = true;
    write = async (tx) => {
      for (const page of pages(keys)) {
        await tx.reminderClaim.updateMany({
          where: { key: { in: page }, claimedBy: ctx.by },
          data: { sentAt: at, messageId: result.messageId !== undefined ? String(result.messageId) : null, lastError: null },
        });
      }
    };
  } else {
    if (result.error === "superseded") return; // the claim is someone else's now: theirs to record
    // blocked: never retried (the person is unreachable now); refused: Telegram will refuse it again
    const final = (result.error === "blocked" || result.error === "refused") && !d.releaseOnFailure;
    settles = final;
    const lastError = `${final ? "final:" : ""}${result.error}${result.description ? `: ${result.description}` : ""}`.slice(0, 500);
    write = async (tx) => {
      for (const page of pages(keys)) {
        await tx.reminderClaim.updateMany({
          where: { key: { in: page }, claimedBy: ctx.by, sentAt: null },
          data: { lastError, ...(!final && d.releaseOnFailure ? { claimedBy: null } : {}) },
        });
      }
    };
  }
  if (settles && d.settle) {
    const settle = (tx: Tx) => d.settle!(tx, owned, result.ok, at);
    await ctx.db.$transaction(async (tx) => {
      await write(tx);
      await settle(tx);
    });
  } else if (result.ok) {
    await recordSent(ctx, keys, result.messageId);
  } else {
    await write(ctx.db);
  }
}

interface SentRow {
  key: string;
  messageId: string | null;
}

/**
 * Deliveries answered at about the same moment are recorded together: one UPDATE for up to a
 * hundred keys instead of one each (a big morning is thousands). Each caller still waits for its
 * own row to be written, so nothing counts as recorded before it is.
 */
class SentRecorder {
  #rows: SentRow[] = [];
  #flushing: Promise<void> | null = null;
  #waiters: Array<{ resolve: () => void; reject: (e: unknown) => void }> = [];
  constructor(private readonly ctx: DeliveryContext) {}

  record(keys: string[], messageId: number | undefined): Promise<void> {
    for (const key of keys) this.#rows.push({ key, messageId: messageId !== undefined ? String(messageId) : null });
    const done = new Promise<void>((resolve, reject) => this.#waiters.push({ resolve, reject }));
    // gather what else is answered in this turn of the event loop, then write
    if (!this.#flushing) this.#flushing = new Promise<void>((r) => setImmediate(r)).then(() => this.#flush());
    return done;
  }

  async #flush(): Promise<void> {
    const rows = this.#rows.splice(0);
    const waiters = this.#waiters.splice(0);
    this.#flushing = null;
    try {
      const at = this.ctx.clock.now();
      for (const page of pages(rows, 100)) {
        const cases = page.map((r) => Prisma.sql`WHEN ${r.key} THEN ${r.messageId}`);
        await this.ctx.db.$executeRaw(Prisma.sql`UPDATE "ReminderClaim" SET "sentAt" = ${at}, "lastError" = NULL, "messageId" = CASE "key" ${Prisma.join(cases, " ")} END
          WHERE "claimedBy" = ${this.ctx.by} AND "key" IN (${Prisma.join(page.map((r) => r.key))})`);
      }
      for (const w of waiters) w.resolve();
    } catch (e) {
      for (const w of waiters) w.reject(e);
    }
  }
}

const recorders = new WeakMap<DeliveryContext, SentRecorder>();

function recordSent(ctx: DeliveryContext, keys: string[], messageId: number | undefined): Promise<void> {
  let r = recorders.get(ctx);
  if (!r) recorders.set(ctx, (r = new SentRecorder(ctx)));
  return r.record(keys, messageId);
}

async function markGone(ctx: DeliveryContext, keys: string[]): Promise<void> {
  for (const page of pages(keys)) {
    await ctx.db.reminderClaim.updateMany({ where: { key: { in: page }, claimedBy: ctx.by, sentAt: null }, data: { lastError: "final:gone" } });
  }
}

/** send → record for a message (or its parts) whose claims this run owns. */
async function sendClaimed(ctx: DeliveryContext, d: Delivery, owned: ClaimSpec[], onRendered?: () => void): Promise<DeliveryOutcome> {
  const keys = owned.map((c) => c.key);
  let rendered;
  try {
    ctx.faults?.("claimed", keys);
    rendered = await d.render(owned);
  } finally {
    onRendered?.();
  }
  const parts = rendered === null ? [] : Array.isArray(rendered) ? rendered.filter((p) => p.keys.length > 0) : [{ message: rendered, keys }];
  const carried = new Set(parts.flatMap((p) => p.keys));
  // the subject is gone (deleted, decided meanwhile): nothing to say, ever
  const gone = keys.filter((k) => !carried.has(k));
  if (gone.length > 0) await markGone(ctx, gone);
  if (parts.length === 0) return { outcome: "gone", owned };
  let failure: SendResult | null = null;
  for (const part of parts) {
    const mine = owned.filter((c) => part.keys.includes(c.key));
    const partKeys = mine.map((c) => c.key);
    if (failure) {
      // an earlier part failed: the rest is recorded alike and goes again with it
      await record(ctx, d, mine, failure);
      continue;
    }
    const sent = await ctx.outbox.send(part.message, { beforeAttempt: () => renew(ctx, partKeys), priority: d.priority });
    if (sent.ok) ctx.faults?.("accepted", partKeys);
    await record(ctx, d, mine, sent);
    if (sent.ok) ctx.faults?.("recorded", partKeys);
    else failure = sent;
  }
  if (!failure) return { outcome: "sent", owned };
  ctx.logger?.warn({ keys: keys.slice(0, 5), error: failure.error, description: failure.description }, "message not delivered");
  return { outcome: failure.error ?? "failed", owned, description: failure.description };
}

/** Runs at most `n` of the given jobs at once. */
function limiter(n: number): <T>(job: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async (job) => {
    while (active >= n) await new Promise<void>((r) => waiting.push(r));
    active++;
    try {
      return await job();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

/** Priority deliveries (digests) built and in the queue at once, at most: what bounds their memory. */
const PRIORITY_AT_ONCE = 8;

/**
 * The others built and in the queue at once, at most: a cold morning's 2,000 messages are built as
 * the queue takes them (it sends 30 a second), not all before the first goes.
 */
const OTHERS_AT_ONCE = 300;

/** Totals of a run, by outcome; `left` were not attempted (over the run's limit). */
export interface RunTotals {
  claimed: number;
  sent: number;
  failed: number;
  left: number;
  /** per failure kind: how many messages, and Telegram's words for the last one */
  failures: Partial<Record<SendError | "gone", { count: number; description?: string }>>;
}

/**
 * Delivers a batch: claims (in order, up to `maxMessages` messages), then sends the claimed ones
 * concurrently through the queue, which paces them. A crash in one delivery is rethrown once
 * the others have settled.
 */
export async function deliverAll(
  ctx: DeliveryContext,
  all: Delivery[],
  opts: {
    maxMessages?: number;
    /**
     * Of `maxMessages`, this many are kept for priority deliveries (digests): they are claimed
     * first, up to this share; priority ones over it come after everything else.
     */
    reserved?: number;
    /** each claimed delivery's outcome, as it settles */
    onOutcome?: (d: Delivery, o: DeliveryOutcome) => void;
  } = {},
): Promise<RunTotals> {
  const max = opts.maxMessages ?? Infinity;
  const share = opts.reserved ?? max;
  const first = all.filter((d) => d.priority);
  const deliveries = [...first.slice(0, share), ...all.filter((d) => !d.priority), ...first.slice(share)];
  const totals: RunTotals = { claimed: 0, sent: 0, failed: 0, left: 0, failures: {} };
  const claimed: Array<{ d: Delivery; owned: ClaimSpec[] }> = [];
  let i = 0;
  for (; i < deliveries.length && claimed.length < max; ) {
    // claim a page of messages at a time, never more than the limit allows
    const batch = deliveries.slice(i, i + Math.min(200, max - claimed.length));
    i += batch.length;
    const mine = await claimMany(ctx, batch.flatMap((d) => d.claims));
    for (const d of batch) {
      const owned = d.claims.filter((c) => mine.has(c.key));
      if (owned.length > 0) claimed.push({ d, owned });
    }
  }
  totals.left = deliveries.length - i;
  totals.claimed = claimed.reduce((n, c) => n + c.owned.length, 0);
  const few = limiter(PRIORITY_AT_ONCE);
  const others = limiter(OTHERS_AT_ONCE);
  // the first priority messages are built and queued before anything else is: they go first,
  // and the later ones, built as those go, are queued ahead of what waits
  const leading = Math.min(PRIORITY_AT_ONCE, claimed.filter(({ d }) => d.priority).length);
  let built = 0;
  let prime = () => {};
  const primed = leading === 0 ? Promise.resolve() : new Promise<void>((r) => (prime = r));
  const onBuilt = () => {
    if (++built === leading) prime();
  };
  const settled = await Promise.allSettled(
    claimed.map(async ({ d, owned }) => {
      if (!d.priority) await primed;
      const o = d.priority ? await few(() => sendClaimed(ctx, d, owned, onBuilt)) : await others(() => sendClaimed(ctx, d, owned));
      opts.onOutcome?.(d, o);
      return o;
    }),
  );
  for (const s of settled) {
    if (s.status !== "fulfilled") continue;
    const o = s.value;
    if (o.outcome === "sent") totals.sent++;
    else if (o.outcome !== "not_claimed") {
      // gone: nothing to say any more; superseded: another run sends it
      if (o.outcome !== "gone" && o.outcome !== "superseded") totals.failed++;
      const f = (totals.failures[o.outcome] ??= { count: 0 });
      f.count++;
      if (o.description) f.description = o.description;
    }
  }
  const crash = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (crash) throw crash.reason;
  return totals;
}
