import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { DatabaseProvider } from "./database-url.ts";

// The committed SQL migrations of each provider (prisma/<provider>/migrations/<name>/migration.sql)
// and how they are recorded: Prisma's own `_prisma_migrations` table, with the same columns and
// the same checksum (SHA-256 of the file's bytes), so `prisma migrate deploy` / `migrate status`
// agree with what the runners here applied (test/migrations.test.ts asks Prisma itself).

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export const PRISMA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "prisma");

export function migrationsDir(provider: DatabaseProvider): string {
  return path.join(PRISMA_DIR, provider, "migrations");
}

/** The provider's migrations in the order they apply (their names start with a timestamp). */
export function readMigrations(provider: DatabaseProvider): Migration[] {
  const dir = migrationsDir(provider);
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const bytes = fs.readFileSync(path.join(dir, name, "migration.sql"));
      return { name, sql: bytes.toString("utf8"), checksum: crypto.createHash("sha256").update(bytes).digest("hex") };
    });
}

/** A timestamp as Prisma's schema engine writes it into `_prisma_migrations` on SQLite. */
export function prismaTimestamp(at: Date): string {
  return at.toISOString().replace(/Z$/, "+00:00");
}

/** `prisma migrate` takes this advisory lock on PostgreSQL: sharing it keeps the two apart as well. */
export const PRISMA_ADVISORY_LOCK = 72707369;

/** Prisma's own definitions of the table, per provider. */
export const MIGRATIONS_TABLE: Record<DatabaseProvider, string> = {
  sqlite: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`,
  postgresql: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`,
};

/** Applied means finished and not rolled back (a failed `prisma migrate deploy` leaves a row without finished_at). */
export const APPLIED = `"finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`;
