import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { openDb, type Db } from "../../services/db.ts";
import { createPostgresDb } from "./postgres.ts";

// The one place that knows which database the tests run on: SQLite always (`npm test`), and
// PostgreSQL when TEST_DATABASE_URL names a server (.ci/run runs the suite both ways).

export type TestProvider = "sqlite" | "postgresql";

export const testProvider: TestProvider = process.env.TEST_DATABASE_URL?.trim() ? "postgresql" : "sqlite";
export const onPostgres = testProvider === "postgresql";
export const onSqlite = !onPostgres;

export interface TestDb {
  db: Db;
  /** the DATABASE_URL of this test's own database (pass it to a CLI or bot child process) */
  url: string;
  /** a folder of this test's own (files, evidence storage) */
  dir: string;
  close(): Promise<void>;
}

/**
 * A fresh, migrated database of its own: a copy of the SQLite base file migrated once per run, or
 * on PostgreSQL a database created from the run's migrated base (dropped by close()).
 */
export interface TestDbOptions {
  /** PostgreSQL: parameters of the database's URL (lock_timeout, statement_timeout, …); SQLite has none */
  postgresParams?: Record<string, string>;
}

export async function createTestDb(opts: TestDbOptions = {}): Promise<TestDb> {
  const base = process.env.VEKHA_TEST_BASE_DB;
  const root = process.env.VEKHA_TEST_DIR;
  if (!base || !root) throw new Error("test/support/global-setup.ts did not run");
  const dir = path.join(root, crypto.randomUUID());
  fs.mkdirSync(dir, { recursive: true });
  let url: string;
  let drop = async () => {};
  if (onPostgres) {
    const run = process.env.VEKHA_TEST_PG_RUN;
    if (!run) throw new Error("test/support/global-setup.ts did not create the PostgreSQL base");
    ({ url, drop } = await createPostgresDb(process.env.TEST_DATABASE_URL!.trim(), run));
    const u = new URL(url);
    for (const [k, v] of Object.entries(opts.postgresParams ?? {})) u.searchParams.set(k, v);
    url = u.toString();
  } else {
    const file = path.join(dir, "vekha.db");
    fs.copyFileSync(base, file);
    url = `file:${file}`;
  }
  const db = await openDb(url);
  return {
    db,
    url,
    dir,
    async close() {
      await db.$disconnect();
      await drop();
    },
  };
}

/** An empty database, not migrated, not opened (a new SQLite file's path, or a new PostgreSQL database). */
export async function createEmptyDatabase(): Promise<{ url: string; dir: string; drop: () => Promise<void> }> {
  const root = process.env.VEKHA_TEST_DIR;
  if (!root) throw new Error("test/support/global-setup.ts did not run");
  const dir = path.join(root, crypto.randomUUID());
  fs.mkdirSync(dir, { recursive: true });
  if (!onPostgres) return { url: `file:${path.join(dir, "vekha.db")}`, dir, drop: async () => {} };
  const { url, drop } = await createPostgresDb(process.env.TEST_DATABASE_URL!.trim(), process.env.VEKHA_TEST_PG_RUN!, true);
  return { url, dir, drop };
}
