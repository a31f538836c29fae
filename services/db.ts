import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { PrismaClient } from "@prisma/client";
import { databaseFilePath, isPostgresUrl } from "./database-url.ts";
import { APPLIED, MIGRATIONS_TABLE, prismaTimestamp, readMigrations, type Migration } from "./migrations.ts";
import { BusyAwareSqlite, DEFAULT_BUSY_POLICY, type BusyPolicy } from "./sqlite-busy.ts";
import { databaseFileError } from "./sqlite-errors.ts";

export { DatabaseFileError } from "./sqlite-errors.ts";

/**
 * The database client the whole code uses. Its type is the SQLite client's; the PostgreSQL client
 * is generated from the same models and is structurally the same (services/db-postgresql.ts
 * assigns one to the other without a cast, so the compiler checks it). Features only one provider
 * has (`mode: "insensitive"`, `skipDuplicates`) are therefore not in the type.
 */
export type Db = PrismaClient;

/** migrations run once at start, before anything else: waiting synchronously is harmless there */
const MIGRATION_BUSY_TIMEOUT_MS = 10_000;

function guarded<T>(file: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw databaseFileError(file, err) ?? err;
  }
}

/**
 * Applies prisma/sqlite/migrations to the SQLite file, recording them in Prisma's own
 * `_prisma_migrations` table so `prisma migrate deploy` agrees. Runs in one
 * IMMEDIATE transaction per migration: the bot and a CLI import may start together. When every
 * migration is already applied it only reads, so a start never waits for another process's lock.
 */
export function migrateSqlite(url: string, migrations: Migration[] = readMigrations("sqlite")): string[] {
  const file = databaseFilePath(url);
  if (file !== ":memory:") guarded(file, () => fs.mkdirSync(path.dirname(file), { recursive: true }));
  const sqlite = guarded(file, () => new Database(file, { timeout: MIGRATION_BUSY_TIMEOUT_MS }));
  try {
    return guarded(file, () => applyMigrations(sqlite, migrations));
  } finally {
    sqlite.close();
  }
}

function applyMigrations(sqlite: Database.Database, migrations: Migration[]): string[] {
  // reading the schema is where a file of garbage shows itself (SQLITE_NOTADB)
  const hasTable = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`).get();
  if (hasTable) {
    const done = new Set(
      (sqlite.prepare(`SELECT migration_name FROM "_prisma_migrations" WHERE ${APPLIED}`).all() as Array<{ migration_name: string }>).map((r) => r.migration_name),
    );
    if (migrations.every((m) => done.has(m.name)) && sqlite.pragma("journal_mode", { simple: true }) === "wal") return [];
  }
  sqlite.pragma("journal_mode = WAL");
  sqlite.exec(MIGRATIONS_TABLE.sqlite);
  const applied: string[] = [];
  for (const m of migrations) {
    const apply = sqlite.transaction(() => {
      const done = sqlite.prepare(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = ? AND ${APPLIED}`).get(m.name);
      if (done) return false;
      const startedAt = prismaTimestamp(new Date());
      try {
        sqlite.exec(m.sql);
      } catch (err) {
        // the cause keeps SQLite's code (a damaged file is still told as such)
        throw new Error(`migration ${m.name} failed: ${(err as Error).message}`, { cause: err });
      }
      sqlite
        .prepare(`INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)`)
        .run(crypto.randomUUID(), m.checksum, prismaTimestamp(new Date()), m.name, startedAt);
      return true;
    });
    if (apply.immediate()) applied.push(m.name);
  }
  return applied;
}

/** Applies the committed migrations of the URL's provider; returns the names applied now. */
export async function migrate(url: string): Promise<string[]> {
  if (!isPostgresUrl(url)) return migrateSqlite(url);
  const { migratePostgres } = await import("./db-postgresql.ts");
  return migratePostgres(url);
}

export interface OpenDbOptions {
  /** SQLite: how long statements wait (asynchronously) for another process's write lock */
  busy?: Partial<BusyPolicy>;
}

/**
 * Opens the database (a `file:` URL: SQLite; `postgresql://`: PostgreSQL), migrating it first. A
 * database that cannot be used throws DatabaseFileError (one line naming it and what to do).
 */
export async function openDb(url: string, opts: OpenDbOptions = {}): Promise<Db> {
  if (isPostgresUrl(url)) {
    // loaded only when used: a SQLite installation never touches pg or the PostgreSQL client
    const { openPostgres } = await import("./db-postgresql.ts");
    return openPostgres(url);
  }
  const file = databaseFilePath(url);
  migrateSqlite(url);
  const adapter = new BusyAwareSqlite(file, { ...DEFAULT_BUSY_POLICY, ...opts.busy });
  const db = new PrismaClient({ adapter });
  try {
    await db.$connect();
  } catch (err) {
    throw databaseFileError(file, err) ?? err;
  }
  return db;
}
