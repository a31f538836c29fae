import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrateSqlite } from "../../services/db.ts";

// Migrate once into a base SQLite file; each test copies it (Epic Stack's pattern).
export default function setup(): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vekha-test-"));
  const base = path.join(dir, "base.db");
  migrateSqlite(`file:${base}`);
  process.env.VEKHA_TEST_BASE_DB = base;
  process.env.VEKHA_TEST_DIR = dir;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
