import { spawn } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../cli/run.ts";
import { openDb, type Db } from "../services/db.ts";
import { withDatabase } from "../services/database-url.ts";
import { isPoolWait } from "../services/db-postgresql.ts";
import { isBusyError } from "../services/sqlite-errors.ts";
import { createTestDb, onSqlite, type TestDb } from "./support/db.ts";

// PostgreSQL as the database: a server that cannot be reached or used stops the CLI and the bot
// with one line naming DATABASE_URL (never its password); the URL's statement and lock
// time-outs reach the server; a lock wait that runs out is «busy», as SQLite's write lock is.

const ROOT = path.resolve(import.meta.dirname, "..");
// nothing listens on port 1
const UNREACHABLE = "postgresql://vekha:hunter2@127.0.0.1:1/vekha?connect_timeout=5";

async function cli(args: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s), env });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

let t: TestDb | undefined;
let db: Db | undefined;
afterEach(async () => {
  await db?.$disconnect();
  db = undefined;
  await t?.close();
  t = undefined;
});

describe("a PostgreSQL server that cannot be used", () => {
  it("stops the CLI with exit 1 and one line naming DATABASE_URL and what to do, never the password", async () => {
    const r = await cli(["plan", "--at", "2023-06-01T09:00:00+09:00", "--lang", "en"], { DATABASE_URL: UNREACHABLE });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^DATABASE_URL: postgresql 127\.0\.0\.1:1\/vekha cannot be reached \(.*ECONNREFUSED.*\): start PostgreSQL or correct the host and port$/);
    expect(r.stderr).not.toContain("hunter2");
    // by default in Russian; the reason stays in the server's words
    const ru = await cli(["plan", "--at", "2023-06-01T09:00:00+09:00"], { DATABASE_URL: UNREACHABLE });
    expect(ru.code).toBe(1);
    expect(ru.stderr).toMatch(/^DATABASE_URL: postgresql 127\.0\.0\.1:1\/vekha недоступна \(.*ECONNREFUSED.*\): запустите PostgreSQL или исправьте адрес и порт$/);
    expect(ru.stderr).not.toContain("hunter2");
  });

  it("stops the bot (npm start's process) the same way", { timeout: 60_000 }, async () => {
    const proc = spawn(process.execPath, ["--import", "tsx", "bot/main.ts"], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: "info", SCHEDULER_ENABLED: "false", BOT_TOKEN: "123:PG", TELEGRAM_API_ROOT: "http://127.0.0.1:9", DATABASE_URL: UNREACHABLE },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    let stdout = "";
    proc.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    proc.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    const code = await new Promise<number | null>((resolve) => proc.on("exit", resolve));
    expect(code).toBe(1);
    expect(stderr.trim()).toMatch(/^DATABASE_URL: postgresql 127\.0\.0\.1:1\/vekha cannot be reached/);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    // the start-up line names the server, not the password
    expect(stdout).toMatch(/database postgresql 127\.0\.0\.1:1\/vekha/);
    expect(stdout + stderr).not.toContain("hunter2");
  });

  it.skipIf(onSqlite)("a database that does not exist: one line saying to create it", async () => {
    const r = await cli(["plan", "--at", "2023-06-01T09:00:00+09:00", "--lang", "en"], { DATABASE_URL: withDatabase(process.env.TEST_DATABASE_URL!, "vekha_no_such_database") });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^DATABASE_URL: postgresql .*\/vekha_no_such_database has no such database \(.*\): create it \(createdb\) or correct the URL$/);
  });
});

describe.skipIf(onSqlite)("PostgreSQL settings from the URL", () => {
  it("schema: the tables and the migration records live in that schema", async () => {
    t = await createTestDb();
    const url = `${t.url}${t.url.includes("?") ? "&" : "?"}schema=vekha_region`;
    db = await openDb(url);
    await db.roadmap.create({ data: { identity: "r", title: "Карта", timezone: "Asia/Yakutsk", contentHash: "h" } });
    const other = new pg.Client({ connectionString: t.url });
    await other.connect();
    try {
      const rows = await other.query(`SELECT table_schema, COUNT(*)::int AS n FROM information_schema.tables WHERE table_name IN ('Roadmap', '_prisma_migrations') GROUP BY table_schema ORDER BY table_schema`);
      expect(rows.rows).toEqual([
        { table_schema: "public", n: 2 },
        { table_schema: "vekha_region", n: 2 },
      ]);
      expect((await other.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM "vekha_region"."Roadmap"`)).rows[0]?.n).toBe(1);
      expect((await other.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM "public"."Roadmap"`)).rows[0]?.n).toBe(0);
    } finally {
      await other.end();
    }
  });


  it("statement_timeout: the server cancels a statement that runs longer", async () => {
    t = await createTestDb();
    db = await openDb(`${t.url}${t.url.includes("?") ? "&" : "?"}statement_timeout=300`);
    const started = Date.now();
    const err = await db.$queryRawUnsafe("SELECT pg_sleep(5)").then(
      () => null,
      (e: unknown) => e,
    );
    expect(Date.now() - started).toBeLessThan(4000);
    expect(String((err as Error)?.message)).toMatch(/statement timeout|57014/);
    expect(isBusyError(err)).toBe(false);
    // the pool goes on
    expect(await db.roadmap.count()).toBe(0);
  });

  it("connect_timeout: a statement or transaction waits for a busy pool's connection up to three times that long, then fails", { timeout: 30_000 }, async () => {
    t = await createTestDb();
    db = await openDb(`${t.url}${t.url.includes("?") ? "&" : "?"}connection_limit=1&connect_timeout=1`);
    const busy = (seconds: number) => db!.$transaction((tx) => tx.$queryRawUnsafe(`SELECT pg_sleep(${seconds})::text`), { timeout: 20_000 });
    const soon = () => new Promise((r) => setTimeout(r, 100));
    // busy for 1.8 s: longer than one wait, shorter than three
    let hold = busy(1.8);
    await soon();
    expect(await db.roadmap.count()).toBe(0);
    await hold;
    hold = busy(1.8);
    await soon();
    expect(await db.$transaction((tx) => tx.roadmap.count())).toBe(0);
    await hold;
    // busy for longer than three waits: the pool's time-out, not a hang
    hold = busy(4.5);
    await soon();
    const started = Date.now();
    const err = await db.roadmap.count().then(
      () => null,
      (e: unknown) => e,
    );
    expect(isPoolWait(err)).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_900);
    await hold;
    expect(await db.roadmap.count()).toBe(0);
  });

  it("lock_timeout: a row another connection holds is «busy» (retried by the bot), and the write goes through once it is free", async () => {
    t = await createTestDb();
    const person = await t.db.person.create({ data: { fullName: "Сидоров Олег Иванович", shortName: "Сидоров О.И." } });
    db = await openDb(`${t.url}${t.url.includes("?") ? "&" : "?"}lock_timeout=200`);
    const other = new pg.Client({ connectionString: t.url });
    await other.connect();
    try {
      await other.query("BEGIN");
      await other.query(`SELECT 1 FROM "Person" WHERE "id" = $1 FOR UPDATE`, [person.id]);
      const err = await db.person.update({ where: { id: person.id }, data: { language: "en" } }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isBusyError(err)).toBe(true);
      // reads do not wait for the lock
      expect((await db.person.findUniqueOrThrow({ where: { id: person.id } })).language).toBeNull();
      await other.query("COMMIT");
    } finally {
      await other.end();
    }
    await db.person.update({ where: { id: person.id }, data: { language: "en" } });
    expect((await t.db.person.findUniqueOrThrow({ where: { id: person.id } })).language).toBe("en");
  });
});
