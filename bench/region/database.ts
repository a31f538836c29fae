import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { checkDatabaseUrl, openDatabase } from "./product.ts";
import { seedRegion, type RegionParams, type RegionWorld } from "./seed.ts";

// Where the seeded region lives. SQLite: one file per seed parameters under a cache directory,
// seeded once and copied for every measurement, so nothing a measurement writes (claims, sent
// marks) reaches the cache or the next measurement. This file is the only SQLite-specific part of
// the bench; a server database (BENCH_DATABASE_URL=postgres://…) needs its own `prepareRegion` and
// `copyForRun` here (e.g. seed a template database once, `CREATE DATABASE … TEMPLATE` per run):
// today the product itself refuses such a URL (services/config.ts), and the bench reports that.

const here = path.dirname(fileURLToPath(import.meta.url));
// the SQLite migrations shape the seeded file (prisma/<provider>/migrations since PostgreSQL came)
const MIGRATIONS = path.resolve(here, "../../prisma/sqlite/migrations");

export interface PreparedRegion {
  /** a file: URL of the cached, seeded database (never opened by a measurement) */
  cacheFile: string;
  world: RegionWorld;
  seeding: { seconds: number; bytes: number; cached: boolean; peakRssMb: number };
  workDir: string;
}

class UnsupportedDatabase extends Error {}

/** The database the bench should use: BENCH_DATABASE_URL, else SQLite files in a temp directory. */
export function benchDatabaseUrl(): string | null {
  const url = process.env.BENCH_DATABASE_URL?.trim();
  return url ? url : null;
}

export function providerOf(url: string | null): "sqlite" | "postgresql" | "other" {
  if (!url || url.startsWith("file:")) return "sqlite";
  return /^postgres(ql)?:/.test(url) ? "postgresql" : "other";
}

/** The cache key: the parameters and everything that shapes the file (seeder code, migrations). */
function seedKey(params: RegionParams): string {
  const h = crypto.createHash("sha256").update(JSON.stringify(params));
  for (const f of ["seed.ts", "names.ts"]) h.update(fs.readFileSync(path.join(here, f)));
  for (const m of fs.readdirSync(MIGRATIONS).sort()) h.update(m);
  return h.digest("hex").slice(0, 16);
}

function cacheDir(url: string | null): string {
  if (process.env.REGION_CACHE_DIR) return process.env.REGION_CACHE_DIR;
  if (url?.startsWith("file:")) return path.dirname(path.resolve(url.slice("file:".length)));
  return path.join(os.tmpdir(), "vekha-region-bench");
}

/** The seeded region: from the cache when these parameters were seeded before, else seeded now. */
export async function prepareRegion(params: RegionParams, log: (line: string) => void): Promise<PreparedRegion> {
  const url = benchDatabaseUrl();
  if (providerOf(url) !== "sqlite") {
    checkDatabaseUrl(url!); // throws the product's own refusal
    throw new UnsupportedDatabase(`${providerOf(url)}: the region bench has no per-run copies for server databases yet`);
  }
  const dir = cacheDir(url);
  fs.mkdirSync(dir, { recursive: true });
  const key = seedKey(params);
  const file = path.join(dir, `region-${key}.db`);
  const meta = path.join(dir, `region-${key}.json`);
  const workDir = fs.mkdtempSync(path.join(dir, "run-"));
  if (fs.existsSync(file) && fs.existsSync(meta)) {
    const saved = JSON.parse(fs.readFileSync(meta, "utf8")) as { world: RegionWorld; seconds: number; peakRssMb: number };
    return { cacheFile: file, world: saved.world, seeding: { seconds: saved.seconds, bytes: fs.statSync(file).size, cached: true, peakRssMb: saved.peakRssMb }, workDir };
  }
  const partial = `${file}.partial-${process.pid}`;
  removeDatabase(partial);
  const t0 = performance.now();
  const db = await openDatabase(`file:${partial}`);
  let world: RegionWorld;
  try {
    world = await seedRegion(db, params, log);
  } finally {
    await db.$disconnect();
  }
  // one self-contained file: the WAL folded in, so a plain copy is the whole database
  const sqlite = new Database(partial);
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.pragma("journal_mode = DELETE");
  sqlite.close();
  const seconds = (performance.now() - t0) / 1000;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  fs.renameSync(partial, file);
  fs.writeFileSync(meta, JSON.stringify({ world, seconds, peakRssMb }, null, 2));
  return { cacheFile: file, world, seeding: { seconds, bytes: fs.statSync(file).size, cached: false, peakRssMb }, workDir };
}

/** A private copy of the seeded region for one measurement; `remove` deletes it. */
export function copyForRun(region: PreparedRegion, name: string): { url: string; remove: () => void } {
  const file = path.join(region.workDir, `${name}.db`);
  removeDatabase(file);
  fs.copyFileSync(region.cacheFile, file);
  return { url: `file:${file}`, remove: () => removeDatabase(file) };
}

function removeDatabase(file: string): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
}
