import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@prisma/client";
import { databaseFilePath } from "./database-url.ts";

export type Db = PrismaClient;

const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "prisma", "migrations");
const BUSY_TIMEOUT_MS = 10_000;

/**
 * Applies prisma/migrations to the SQLite file, recording them in Prisma's own
 * `_prisma_migrations` table so `prisma migrate deploy` agrees. Runs in one
 * IMMEDIATE transaction per migration: the bot and a CLI import may start together.
 */
export function migrateSqlite(url: string): string[] {
  const file = databaseFilePath(url);
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  try {
    sqlite.pragma("journal_mode = WAL");
    sqlite.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
      "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
      "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`);
    const names = fs
      .readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
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
  } finally {
    sqlite.close();
  }
}

/** Opens the database, migrating it first. */
export async function openDb(url: string): Promise<Db> {
  migrateSqlite(url);
  const adapter = new PrismaBetterSQLite3({ url: databaseFilePath(url), timeout: BUSY_TIMEOUT_MS });
  const db = new PrismaClient({ adapter });
  await db.$connect();
  return db;
}
