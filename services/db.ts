import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { PrismaClient } from "@prisma/client";
import { databaseFilePath } from "./database-url.ts";
import { BusyAwareSqlite, DEFAULT_BUSY_POLICY, type BusyPolicy } from "./sqlite-busy.ts";
import { databaseFileError } from "./sqlite-errors.ts";

export { DatabaseFileError } from "./sqlite-errors.ts";

export type Db = PrismaClient;

const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "prisma", "migrations");
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
 * Applies prisma/migrations to the SQLite file, recording them in Prisma's own
 * `_prisma_migrations` table so `prisma migrate deploy` agrees. Runs in one
 * IMMEDIATE transaction per migration: the bot and a CLI import may start together. When every
 * migration is already applied it only reads, so a start never waits for another process's lock.
 */
export function migrateSqlite(url: string): string[] {
  const file = databaseFilePath(url);
  if (file !== ":memory:") guarded(file, () => fs.mkdirSync(path.dirname(file), { recursive: true }));
  const sqlite = guarded(file, () => new Database(file, { timeout: MIGRATION_BUSY_TIMEOUT_MS }));
  try {
    return guarded(file, () => applyMigrations(sqlite));
  } finally {
    sqlite.close();
  }
}

function applyMigrations(sqlite: Database.Database): string[] {
  const names = fs
    .readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  // reading the schema is where a file of garbage shows itself (SQLITE_NOTADB)
  const hasTable = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`).get();
  if (hasTable) {
    const done = new Set(
      (sqlite.prepare(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`).all() as Array<{ migration_name: string }>).map(
        (r) => r.migration_name,
      ),
    );
    if (names.every((n) => done.has(n)) && sqlite.pragma("journal_mode", { simple: true }) === "wal") return [];
  }
  sqlite.pragma("journal_mode = WAL");
  sqlite.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
    "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
    "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`);
  const applied: string[] = [];
  for (const name of names) {
    const sql = fs.readFileSync(path.join(MIGRATIONS_DIR, name, "migration.sql"), "utf8");
    const apply = sqlite.transaction(() => {
      const done = sqlite
        .prepare(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = ? AND finished_at IS NOT NULL AND rolled_back_at IS NULL`)
        .get(name);
      if (done) return false;
      sqlite.exec(sql);
      const now = new Date().toISOString();
      sqlite
        .prepare(`INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)`)
        .run(crypto.randomUUID(), crypto.createHash("sha256").update(sql).digest("hex"), now, name, now);
      return true;
    });
    if (apply.immediate()) applied.push(name);
  }
  return applied;
}

export interface OpenDbOptions {
  /** how long statements wait (asynchronously) for another process's write lock */
  busy?: Partial<BusyPolicy>;
}

/**
 * Opens the database, migrating it first. A file that cannot be used throws DatabaseFileError
 * (one line naming the file and what to do).
 */
export async function openDb(url: string, opts: OpenDbOptions = {}): Promise<Db> {
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
