import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { openDb, type Db } from "../../services/db.ts";

export interface TestDb {
  db: Db;
  url: string;
  dir: string;
  close(): Promise<void>;
}

/** A fresh, migrated SQLite file of its own (a copy of the base migrated once per run). */
export async function createTestDb(): Promise<TestDb> {
  const base = process.env.VEKHA_TEST_BASE_DB;
  const root = process.env.VEKHA_TEST_DIR;
  if (!base || !root) throw new Error("test/support/global-setup.ts did not run");
  const dir = path.join(root, crypto.randomUUID());
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "vekha.db");
  fs.copyFileSync(base, file);
  const url = `file:${file}`;
  const db = await openDb(url);
  return {
    db,
    url,
    dir,
    async close() {
      await db.$disconnect();
    },
  };
}
