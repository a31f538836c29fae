import fs from "node:fs";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { Telegram } from "telegraf";
import type { Clock } from "../../core/clock.ts";
import { importDocument } from "../../core/import/index.ts";
import type { ImportResult } from "../../core/types.ts";
import { loadConfig } from "../../services/config.ts";
import { openDb, type Db } from "../../services/db.ts";
import { saveImport } from "../../services/roadmap-store.ts";
import { exportInWorker } from "../../services/export/worker.ts";
import { translator } from "../../services/i18n.ts";
import type { Logger } from "../../services/logger.ts";
import { pino } from "pino";
import type { Outbox } from "../../services/outbox.ts";
import { loadPlanningState, planFromState, type Planned } from "../../scheduler/plan.ts";
import { tick, type TickResult, type TickStep } from "../../scheduler/tick.ts";
import { createDeliveryQueue } from "../../scheduler/queue.ts";
import type { DeliveryQueue, TelegramLike } from "../../scheduler/delivery.ts";
import { createBot } from "../../bot/create-bot.ts";
import type { BotDeps } from "../../bot/deps.ts";
// What bot/main.ts loads besides the above, so that a measurement's process holds what an instance
// holds before it does anything (the peak tick's «before the tick»); the readers, the PostgreSQL
// driver on SQLite and the test fixtures, which an instance does not load, are loaded only where
// used (test/bench-baseline.test.ts compares the two module graphs).
import "../../scheduler/index.ts";
import "../../bot/commands.ts";
import "../../handlers/import-recovery.ts";
import "../../bot/polling.ts";
import "../../bot/webhook.ts";
import "../../bot/health.ts";
import "../../services/logger.ts";
import "../../services/redact.ts";
import "../../services/database-url.ts";

// Every call the region bench makes into the product, in one place. Other branches reshape the
// planner, the queue, the store and services/db.ts while this bench exists: when one of them
// changes a signature, this file is the one to follow. Nothing here changes the product.

export type { Db, Planned, TickResult, TickStep, Outbox, DeliveryQueue, TelegramLike, Logger };

/** The product's own check of a database URL (config.ts refuses what it cannot open yet). */
export function checkDatabaseUrl(url: string): void {
  loadConfig({ DATABASE_URL: url, LOG_LEVEL: "silent" });
}

export function openDatabase(url: string): Promise<Db> {
  return openDb(url);
}

/** A fixture through the real reader and importer, as `import` does. */
export async function importFixture(name: string, defaultTimezone: string): Promise<ImportResult> {
  const { readDocument } = await import("../../core/readers/detect.ts");
  const { fixturePath } = await import("../../test/support/fixtures.ts");
  const doc = await readDocument(name, fs.readFileSync(fixturePath(name)));
  return importDocument(doc, { year: null, timezone: null, defaultTimezone });
}

/** Saves an import as the CLI and the chat do (roadmap, sections, items, authority). */
export async function saveRoadmap(db: Db, result: ImportResult, opts: { activeFrom: string; sourceName: string; now: Date }): Promise<number> {
  return (await saveImport(db, result, { activeFrom: opts.activeFrom, sourceName: opts.sourceName, status: "active", now: opts.now })).roadmapId;
}

/** What the scheduler would plan at `now` (reminders and digests, before claims). */
export async function planAt(db: Db, now: Date): Promise<Planned[]> {
  return planFromState(await loadPlanningState(db), now);
}

/** Claims written by the bench's ticks carry this instance name (a tick may add a run number to it). */
export const BENCH_INSTANCE = "region-bench";

/**
 * One scheduler tick; `faults` is the tick's test hook, used here only to time its steps. `clock`
 * is handed to ticks that take one (claims judged by the simulated clock) and ignored by those
 * that do not: the options go in as a variable, so either shape of TickDeps accepts them.
 */
export function runTick(db: Db, outbox: Outbox, now: Date, opts: { onStep?: (step: TickStep, keys: readonly string[]) => void; clock?: Clock } = {}): Promise<TickResult> {
  const deps = { db, outbox, instanceId: BENCH_INSTANCE, faults: opts.onStep, ...(opts.clock ? { clock: opts.clock } : {}) };
  return tick(deps, now);
}

/**
 * The message a tick makes of planned reminders: one per recipient (and tick)
 * (scheduler/tick.ts groupReminders, which is not exported). Used only by the «queue alone»
 * figure, when the tick itself cannot run.
 */
export function messageKeyOf(p: Planned): string {
  // a person's digests of a tick are one message (an overview when they are several), their reminders another
  if (p.kind === "digest") return `digest|p${p.recipient.personId}`;
  return String(p.recipient.personId);
}

/** The delivery queue the bot uses, wired to the database, with an injected clock and sleep. */
export function deliveryQueue(db: Db, telegram: TelegramLike, clock: Clock, sleep: (ms: number) => Promise<void>): DeliveryQueue {
  return createDeliveryQueue({ telegram, db, clock, sleep });
}

export function telegramClient(apiRoot: string): Telegram {
  return new Telegram(BOT_TOKEN, { apiRoot });
}

const BOT_TOKEN = "1:REGION";

/** The real bot (every middleware and handler), driven by handleUpdate; replies go to `apiRoot`. */
export function createRegionBot(opts: { db: Db; apiRoot: string; dataDir: string; clock: Clock; outbox: Outbox; logger: Logger; databaseUrl: string }) {
  const config = loadConfig({ BOT_TOKEN, DATABASE_URL: opts.databaseUrl, TELEGRAM_API_ROOT: opts.apiRoot, DATA_DIR: opts.dataDir, LOG_LEVEL: "silent" });
  const deps: BotDeps = { config, db: opts.db, logger: opts.logger, clock: opts.clock, outbox: opts.outbox, storageDir: `${opts.dataDir}/files`, botUsername: "vekha_region_bot" };
  const bot = createBot(BOT_TOKEN, deps, { apiRoot: opts.apiRoot });
  // known up front, so no getMe round trip is timed
  bot.botInfo = { id: 1, is_bot: true, first_name: "Веха", username: "vekha_region_bot", can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false };
  return bot;
}

/** The product's logger writing its warnings and errors to `onLine` (one JSON line each). */
export function collectingLogger(onLine: (line: string) => void): Logger {
  return pino({ level: "warn", base: undefined }, { write: onLine });
}

/** The export as the chat and the CLI make it: in a worker thread of its own (the instance's limit), streamed to a file (into `dataDir`), its size read back. */
export async function exportXlsx(url: string, roadmapId: number, now: Date, dataDir: string): Promise<{ rows: number; bytes: number }> {
  // the instance's limit: EXPORT_MEMORY_MB as `npm start` reads it
  const memoryMb = loadConfig({ DATABASE_URL: url, EXPORT_MEMORY_MB: process.env.EXPORT_MEMORY_MB, LOG_LEVEL: "silent" }).EXPORT_MEMORY_MB;
  const out = await exportInWorker(url, { roadmapId, formats: ["xlsx"], tr: translator("ru"), now, dataDir }, { memoryMb, where: { dir: dataDir } });
  return { rows: out.rows, bytes: out.files.reduce((n, f) => n + f.bytes, 0) };
}

// ---------- counting SQL statements ----------
//
// Prisma's `$on("query")` does work with the JS engine and a driver adapter, but only on a client
// built with `log: [{ emit: "event", level: "query" }]` (openDb builds it without) and not on an
// `$extends`-ed client. So the count is taken one level down: every SQL statement Prisma sends goes
// through the driver adapter's queryRaw/executeRaw (the SqlDriverAdapter interface every adapter
// implements, PostgreSQL's too), wrapped here on the adapter factory's prototype, before openDb
// connects. BEGIN and COMMIT of interactive transactions are not counted (they bypass queryRaw).
// On PostgreSQL the same wrap is on @prisma/adapter-pg's factory (PrismaPg.prototype.connect; the
// product's WatchedPg calls it through super).

let statements = 0;
/** rows the reads gave back: what a query shape makes the process map and count */
let rowsRead = 0;
let patched = false;
let serial = Promise.resolve();

type Queryable = { queryRaw: (...a: unknown[]) => Promise<unknown>; executeRaw: (...a: unknown[]) => Promise<unknown> };

function countOn(q: Queryable): void {
  const query = q.queryRaw.bind(q);
  const execute = q.executeRaw.bind(q);
  q.queryRaw = async (...a) => {
    statements++;
    if (!process.env.REGION_SQL) {
      const result = await query(...a);
      rowsRead += (result as { rows?: unknown[] } | undefined)?.rows?.length ?? 0;
      return result;
    }
    // REGION_SQL=1 prints each statement (its first 200 characters; REGION_SQL=2: whole) to stderr, with its time and rows;
    // statements sent together run one after another here, so each time is the statement's own
    const turn = serial;
    let done = () => {};
    serial = new Promise<void>((resolve) => (done = resolve));
    await turn;
    const started = performance.now();
    const result = await query(...a).finally(done);
    const rows = (result as { rows?: unknown[] } | undefined)?.rows?.length ?? "?";
    if (typeof rows === "number") rowsRead += rows;
    const sql = String((a[0] as { sql?: string } | undefined)?.sql ?? "").slice(0, Number(process.env.REGION_SQL) > 1 ? 100_000 : 200);
    process.stderr.write(`SQL ${(performance.now() - started).toFixed(1)} ms, ${rows} rows: ${sql}\n`);
    return result;
  };
  q.executeRaw = (...a) => {
    statements++;
    return execute(...a);
  };
}

export async function countStatements(): Promise<{ read(): number; rows(): number }> {
  if (!patched) {
    patched = true;
    // the PostgreSQL adapter is loaded here, not with this file: an instance on SQLite never loads it
    const { PrismaPg } = await import("@prisma/adapter-pg");
    for (const factory of [PrismaBetterSQLite3, PrismaPg]) wrapConnect(factory.prototype as unknown as Connectable);
  }
  return { read: () => statements, rows: () => rowsRead };
}

type Connectable = { connect: () => Promise<Queryable & { startTransaction: (...a: unknown[]) => Promise<Queryable> }> };

function wrapConnect(proto: Connectable): void {
  {
    const connect = proto.connect;
    proto.connect = async function (this: unknown) {
      const adapter = await connect.call(this);
      countOn(adapter);
      const start = adapter.startTransaction.bind(adapter);
      adapter.startTransaction = async (...a) => {
        const tx = await start(...a);
        countOn(tx);
        return tx;
      };
      return adapter;
    };
  }
}

// pure helpers the seeder shares with the product, so its rows look like the product's own
export { schoolKey, searchText } from "../../core/schools.ts";
export { personSearch } from "../../services/people.ts";
// the scheduler's rule for a tick that left work over its budget (the next one at once)
export { continueAtOnce } from "../../scheduler/index.ts";
;
