import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import pg from "pg";
import { checkDatabaseUrl, openDatabase } from "./product.ts";
import { postgresSettings, withDatabase } from "../../services/database-url.ts";
import { poolConfig } from "../../services/pg-pool.ts";
import { seedRegion, type RegionParams, type RegionWorld } from "./seed.ts";

// Where the seeded region lives, so nothing a measurement writes (claims, sent marks) reaches the
// cache or the next measurement. SQLite: one file per seed parameters under a cache directory,
// seeded once and copied for every measurement. PostgreSQL (BENCH_DATABASE_URL=postgresql://…/<db>,
// a database the bench may connect to and create others beside): the region is seeded once into
// `<db>_rt_<key>` and each measurement runs in `CREATE DATABASE <db>_rr_<n> TEMPLATE <db>_rt_<key>`,
// dropped after it; the seeded database is dropped at the end unless REGION_KEEP_SEED=1 (then the
// next run reuses it, as the SQLite cache is reused).

const here = path.dirname(fileURLToPath(import.meta.url));
// the SQLite migrations shape the seeded file (prisma/<provider>/migrations since PostgreSQL came)
const MIGRATIONS = path.resolve(here, "../../prisma/sqlite/migrations");

export interface PreparedRegion {
  /** a file: URL of the cached, seeded database (never opened by a measurement) */
  cacheFile: string;
  world: RegionWorld;
  seeding: { seconds: number; bytes: number; cached: boolean; peakRssMb: number };
  workDir: string;
  /** PostgreSQL: the server (BENCH_DATABASE_URL) and the seeded database's name; SQLite: null */
  postgres: { server: string; seeded: string } | null;
}

class UnsupportedDatabase extends Error {}

/** A statement on the server as its administrator (CREATE / DROP DATABASE), outside any transaction. */
async function onServer(server: string, sql: string): Promise<pg.QueryResult<Record<string, unknown>>> {
  const client = new pg.Client({ ...poolConfig(postgresSettings(server)), statement_timeout: 0, lock_timeout: 0 });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const pgName = (server: string, suffix: string) => `${decodeURIComponent(new URL(server).pathname.slice(1)) || "postgres"}_${suffix}`.slice(0, 63);

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
  if (providerOf(url) === "postgresql") return preparePostgres(url!, params, log);
  if (providerOf(url) !== "sqlite") {
    checkDatabaseUrl(url!); // throws the product's own refusal
    throw new UnsupportedDatabase(`${providerOf(url)}: the region bench runs on SQLite and PostgreSQL`);
  }
  const dir = cacheDir(url);
  fs.mkdirSync(dir, { recursive: true });
  const key = seedKey(params);
  const file = path.join(dir, `region-${key}.db`);
  const meta = path.join(dir, `region-${key}.json`);
  const workDir = fs.mkdtempSync(path.join(dir, "run-"));
  if (fs.existsSync(file) && fs.existsSync(meta)) {
    const saved = JSON.parse(fs.readFileSync(meta, "utf8")) as { world: RegionWorld; seconds: number; peakRssMb: number };
    return { cacheFile: file, world: saved.world, seeding: { seconds: saved.seconds, bytes: fs.statSync(file).size, cached: true, peakRssMb: saved.peakRssMb }, workDir, postgres: null };
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
  return { cacheFile: file, world, seeding: { seconds, bytes: fs.statSync(file).size, cached: false, peakRssMb }, workDir, postgres: null };
}

/** PostgreSQL: the region seeded into a database of its own once (kept only with REGION_KEEP_SEED=1). */
async function preparePostgres(server: string, params: RegionParams, log: (line: string) => void): Promise<PreparedRegion> {
  checkDatabaseUrl(server);
  const key = seedKey(params);
  const seeded = pgName(server, `rt_${key}`);
  const dir = cacheDir(server);
  fs.mkdirSync(dir, { recursive: true });
  const meta = path.join(dir, `region-${key}-${seeded}.json`);
  const workDir = fs.mkdtempSync(path.join(dir, "run-"));
  const exists = (await onServer(server, `SELECT 1 FROM pg_database WHERE datname = '${seeded}'`)).rowCount === 1;
  const size = async () => Number((await onServer(server, `SELECT pg_database_size('${seeded}') AS n`)).rows[0]!.n);
  if (exists && fs.existsSync(meta)) {
    const saved = JSON.parse(fs.readFileSync(meta, "utf8")) as { world: RegionWorld; seconds: number; peakRssMb: number };
    return { cacheFile: seeded, world: saved.world, seeding: { seconds: saved.seconds, bytes: await size(), cached: true, peakRssMb: saved.peakRssMb }, workDir, postgres: { server, seeded } };
  }
  await onServer(server, `DROP DATABASE IF EXISTS "${seeded}" WITH (FORCE)`);
  await onServer(server, `CREATE DATABASE "${seeded}"`);
  const t0 = performance.now();
  const db = await openDatabase(withDatabase(server, seeded));
  let world: RegionWorld;
  try {
    world = await seedRegion(db, params, log);
    // fresh statistics, as a database that has been running a while has them
    await db.$executeRawUnsafe("ANALYZE");
  } finally {
    await db.$disconnect();
  }
  const seconds = (performance.now() - t0) / 1000;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  fs.writeFileSync(meta, JSON.stringify({ world, seconds, peakRssMb }, null, 2));
  return { cacheFile: seeded, world, seeding: { seconds, bytes: await size(), cached: false, peakRssMb }, workDir, postgres: { server, seeded } };
}

/** Drops what the bench made on the server: the seeded database too, unless REGION_KEEP_SEED=1. */
export async function releaseRegion(region: PreparedRegion): Promise<void> {
  fs.rmSync(region.workDir, { recursive: true, force: true });
  if (!region.postgres || process.env.REGION_KEEP_SEED === "1") return;
  await onServer(region.postgres.server, `DROP DATABASE IF EXISTS "${region.postgres.seeded}" WITH (FORCE)`);
}

let runs = 0;

/** A private copy of the seeded region for one measurement; `remove` deletes it. */
export async function copyForRun(region: PreparedRegion, name: string): Promise<{ url: string; remove: () => Promise<void> }> {
  if (region.postgres) {
    const { server, seeded } = region.postgres;
    const copy = pgName(server, `rr_${process.pid}_${++runs}`);
    await onServer(server, `CREATE DATABASE "${copy}" TEMPLATE "${seeded}"`);
    return { url: withDatabase(server, copy), remove: async () => void (await onServer(server, `DROP DATABASE IF EXISTS "${copy}" WITH (FORCE)`)) };
  }
  const file = path.join(region.workDir, `${name}.db`);
  removeDatabase(file);
  fs.copyFileSync(region.cacheFile, file);
  return { url: `file:${file}`, remove: async () => removeDatabase(file) };
}

function removeDatabase(file: string): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
}
