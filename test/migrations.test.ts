import crypto from "node:crypto";
import pg from "pg";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { databaseFilePath } from "../services/database-url.ts";
import { migrate, migrateSqlite } from "../services/db.ts";
import { migratePostgres } from "../services/db-postgresql.ts";
import { readMigrations, type Migration } from "../services/migrations.ts";
import { createEmptyDatabase, onPostgres, onSqlite, testProvider } from "./support/db.ts";

// Веха's own migration runner (Prisma's JS engine cannot migrate PostgreSQL offline,
// prisma/orm#27403): committed SQL per provider, each migration in a transaction, recorded in
// `_prisma_migrations` as Prisma records it; on PostgreSQL under Prisma's advisory lock.

interface Row {
  id: string;
  checksum: string;
  migration_name: string;
  started_at: unknown;
  finished_at: unknown;
  rolled_back_at: unknown;
  logs: string | null;
  applied_steps_count: number;
}

async function query<T>(url: string, sql: string): Promise<T[]> {
  if (onSqlite) {
    const db = new Database(databaseFilePath(url), { readonly: true });
    try {
      return db.prepare(sql).all() as T[];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

const run = async (url: string, migrations: Migration[]) => (onSqlite ? migrateSqlite(url, migrations) : migratePostgres(url, migrations));

function migration(name: string, sql: string): Migration {
  return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
}

describe(`the migration runner on ${testProvider}`, () => {
  it("applies every committed migration once, records it as Prisma does, and only reads at the next start", async () => {
    const empty = await createEmptyDatabase();
    try {
      const committed = readMigrations(testProvider);
      expect(await migrate(empty.url)).toEqual(committed.map((m) => m.name));
      const rows = await query<Row>(empty.url, `SELECT * FROM "_prisma_migrations" ORDER BY "migration_name"`);
      expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(committed.map((m) => [m.name, m.checksum]));
      for (const r of rows) {
        expect(r.id).toMatch(/^[0-9a-f-]{36}$/);
        expect(r.checksum).toMatch(/^[0-9a-f]{64}$/);
        expect(r).toMatchObject({ logs: null, rolled_back_at: null, applied_steps_count: 1 });
        expect(new Date(r.finished_at as string).getTime()).toBeGreaterThanOrEqual(new Date(r.started_at as string).getTime());
      }
      expect(await migrate(empty.url)).toEqual([]);
      expect(await query(empty.url, `SELECT 1 FROM "_prisma_migrations"`)).toHaveLength(committed.length);
    } finally {
      await empty.drop();
    }
  });

  it("rolls a failing migration back whole: nothing half-applied, no record, one line naming it; fixed, it applies", async () => {
    const empty = await createEmptyDatabase();
    try {
      const first = migration("20300101000000_first", `CREATE TABLE "First" ("id" INTEGER NOT NULL PRIMARY KEY);\n`);
      const broken = migration("20300101000001_broken", `CREATE TABLE "Second" ("id" INTEGER NOT NULL PRIMARY KEY);\nINSERT INTO "Nowhere" VALUES (1);\n`);
      await expect(run(empty.url, [first, broken])).rejects.toThrow(/^migration 20300101000001_broken failed: .*Nowhere/);
      const tables = onSqlite
        ? await query<{ name: string }>(empty.url, `SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('First', 'Second')`)
        : await query<{ name: string }>(empty.url, `SELECT table_name AS name FROM information_schema.tables WHERE table_name IN ('First', 'Second')`);
      expect(tables.map((t) => t.name)).toEqual(["First"]);
      expect((await query<Row>(empty.url, `SELECT * FROM "_prisma_migrations"`)).map((r) => r.migration_name)).toEqual([first.name]);

      const fixed = migration(broken.name, `CREATE TABLE "Second" ("id" INTEGER NOT NULL PRIMARY KEY);\n`);
      expect(await run(empty.url, [first, fixed])).toEqual([fixed.name]);
    } finally {
      await empty.drop();
    }
  });

  it.skipIf(onSqlite)("PostgreSQL: several instances starting together on an empty database apply each migration once (advisory lock)", async () => {
    const empty = await createEmptyDatabase();
    try {
      const committed = readMigrations("postgresql");
      // a slow first migration keeps the others waiting at the lock, not racing past it
      const slow = [migration("20000101000000_slow_start", `SELECT pg_sleep(0.5);\n`), ...committed];
      const results = await Promise.all([1, 2, 3, 4].map(() => migratePostgres(empty.url, slow)));
      expect(results.filter((r) => r.length > 0)).toEqual([slow.map((m) => m.name)]);
      const rows = await query<Row>(empty.url, `SELECT * FROM "_prisma_migrations"`);
      expect(rows).toHaveLength(slow.length);
    } finally {
      await empty.drop();
    }
  });

  it.skipIf(onPostgres)("SQLite: an existing ./data/vekha.db keeps working: its rows are matched by migration name", () => {
    // the rows a database migrated before the migrations moved to prisma/sqlite/ holds
    const dir = process.env.VEKHA_TEST_DIR!;
    const url = `file:${dir}/old-layout-${crypto.randomUUID()}.db`;
    const db = new Database(databaseFilePath(url));
    const committed = readMigrations("sqlite");
    db.exec(committed.map((m) => m.sql).join("\n"));
    db.exec(`CREATE TABLE "_prisma_migrations" ("id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME, "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME, "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`);
    const insert = db.prepare(`INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)`);
    for (const m of committed) insert.run(crypto.randomUUID(), m.checksum, "2026-11-23T10:00:00.000Z", m.name, "2026-11-23T10:00:00.000Z");
    db.pragma("journal_mode = WAL");
    db.close();
    expect(migrateSqlite(url)).toEqual([]);
  });
});
