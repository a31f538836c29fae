import crypto from "node:crypto";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "../generated/postgresql/index.js";
import { postgresSettings, type PostgresSettings } from "./database-url.ts";
import { poolConfig, quoteIdent } from "./pg-pool.ts";
import { afterStatement } from "./adapter-activity.ts";
import { APPLIED, MIGRATIONS_TABLE, PRISMA_ADVISORY_LOCK, readMigrations, type Migration } from "./migrations.ts";
import { postgresOpenError } from "./pg-errors.ts";
import { addSecret } from "./redact.ts";
import type { Db } from "./db.ts";

// PostgreSQL: the pg pool behind Prisma's pg adapter, and the migration runner. Loaded only when
// DATABASE_URL is a postgresql:// URL (services/db.ts).

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;
type Tx = Awaited<ReturnType<Adapter["startTransaction"]>>;

function settingsOf(url: string): PostgresSettings {
  const s = postgresSettings(url);
  addSecret(s.password);
  return s;
}

/**
 * Applies prisma/postgresql/migrations, each in its own transaction, recording them in
 * `_prisma_migrations` as Prisma does. Under Prisma's advisory lock: two instances starting
 * together apply each migration once (the second waits, then finds them applied). When everything
 * is applied already it only reads.
 */
export async function migratePostgres(url: string, migrations: Migration[] = readMigrations("postgresql")): Promise<string[]> {
  const s = settingsOf(url);
  // a migration may take long: no statement or lock time-out here
  const client = new pg.Client({ ...poolConfig(s), statement_timeout: 0, lock_timeout: 0 });
  // a connection the server ends fails the query in hand; the event itself must not crash the process
  client.on("error", () => undefined);
  try {
    await client.connect();
  } catch (err) {
    throw postgresOpenError(url, err) ?? err;
  }
  try {
    const applied = async () => {
      const exists = await client.query<{ exists: boolean }>(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS "exists"`);
      if (!exists.rows[0]?.exists) return new Set<string>();
      const rows = await client.query<{ migration_name: string }>(`SELECT "migration_name" FROM "_prisma_migrations" WHERE ${APPLIED}`);
      return new Set(rows.rows.map((r) => r.migration_name));
    };
    const before = await applied();
    if (migrations.every((m) => before.has(m.name))) return [];
    await client.query(`SELECT pg_advisory_lock(${PRISMA_ADVISORY_LOCK})`);
    try {
      if (s.schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(s.schema)}`);
      await client.query(MIGRATIONS_TABLE.postgresql);
      const done = await applied();
      const now: string[] = [];
      for (const m of migrations) {
        if (done.has(m.name)) continue;
        await client.query("BEGIN");
        try {
          await client.query(m.sql);
          // the server's clock: started when the transaction began, finished now
          await client.query(
            `INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "started_at", "applied_steps_count") VALUES ($1, $2, clock_timestamp(), $3, now(), 1)`,
            [crypto.randomUUID(), m.checksum, m.name],
          );
          await client.query("COMMIT");
        } catch (err) {
          await client.query("ROLLBACK").catch(() => undefined);
          throw new Error(`migration ${m.name} failed: ${(err as Error).message}`, { cause: err });
        }
        now.push(m.name);
      }
      return now;
    } finally {
      await client.query(`SELECT pg_advisory_unlock(${PRISMA_ADVISORY_LOCK})`).catch(() => undefined);
    }
  } catch (err) {
    throw postgresOpenError(url, err) ?? err;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** How many times a statement queues for a free connection of the pool (each wait up to `connect_timeout`). */
export const POOL_WAITS = 3;

/** pg-pool's «no connection came free in time»: the statement never reached the server. */
export function isPoolWait(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { message?: unknown }).message === "timeout exceeded when trying to connect") return true;
  }
  return false;
}

/**
 * Runs a statement (or a transaction's start) that takes a connection from the pool; when every
 * connection stayed busy past the time-out, it queues again, up to POOL_WAITS times in all. Safe,
 * since nothing was sent; a tick under load then waits instead of failing half-way, after Telegram
 * took messages it had not recorded yet (their claims would be sent again once stale).
 */
async function queueForPool<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (attempt >= POOL_WAITS || !isPoolWait(err)) throw err;
    }
  }
}

/** Reports the work's committed writes to the current DbActivity, as the SQLite adapter does. */
function watch(q: Adapter | Tx, tx: { wrote: boolean } | null): void {
  const queryRaw = q.queryRaw.bind(q);
  const executeRaw = q.executeRaw.bind(q);
  // inside a transaction the connection is held already: only a statement of its own queues
  const run = tx ? <T>(f: () => Promise<T>) => f() : queueForPool;
  q.queryRaw = async (query) => {
    const result = await run(() => queryRaw(query));
    afterStatement(query.sql, tx);
    return result;
  };
  q.executeRaw = async (query) => {
    const result = await run(() => executeRaw(query));
    afterStatement(query.sql, tx);
    return result;
  };
}

/** PrismaPg whose statements report commits to the current work (bot/work.ts never redoes a saved action) and queue for a busy pool. */
class WatchedPg extends PrismaPg {
  override async connect(): Promise<Adapter> {
    const adapter = await super.connect();
    watch(adapter, null);
    const start = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      const tx = await queueForPool(() => start(isolationLevel));
      watch(tx, { wrote: false });
      return tx;
    };
    return adapter;
  }
}

/** Migrates, then opens the PostgreSQL database behind a pool sized by the URL. */
export async function openPostgres(url: string): Promise<Db> {
  const s = settingsOf(url);
  await migratePostgres(url);
  const pool = new pg.Pool(poolConfig(s));
  const adapter = new WatchedPg(pool, { disposeExternalPool: true, ...(s.schema ? { schema: s.schema } : {}) });
  // a transaction waits for a pooled connection as long as a statement does (Prisma's default: 2 s)
  const client = new PostgresClient({ adapter, transactionOptions: { maxWait: s.connectTimeoutMs * POOL_WAITS } });
  // Generated from the same models, the PostgreSQL client differs from the SQLite one only by
  // wider inputs (skipDuplicates, mode, more isolation levels); every result type is the same, so
  // every call `Db` allows is one this client takes. test/db-clients.test.ts compares the two.
  const db = client as unknown as Db;
  try {
    await db.$connect();
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw postgresOpenError(url, err) ?? err;
  }
  return db;
}
