import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrateSqlite } from "../../services/db.ts";
import { createPostgresBase, dropPostgresRun } from "./postgres.ts";

// Migrate once into a base database; each test copies it (Epic Stack's pattern): a SQLite file
// always, and with TEST_DATABASE_URL (a PostgreSQL server) a base database of this run that each
// test's database is created from (CREATE DATABASE … TEMPLATE). test/support/db.ts hands them out.
export default async function setup(): Promise<() => Promise<void>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vekha-test-"));
  const base = path.join(dir, "base.db");
  migrateSqlite(`file:${base}`);
  process.env.VEKHA_TEST_BASE_DB = base;
  process.env.VEKHA_TEST_DIR = dir;
  let run: string | null = null;
  const server = process.env.TEST_DATABASE_URL?.trim();
  if (server) {
    run = `vekha_t${crypto.randomBytes(4).toString("hex")}`;
    await createPostgresBase(server, run);
    process.env.VEKHA_TEST_PG_RUN = run;
  }
  return async () => {
    if (server && run) await dropPostgresRun(server, run);
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
