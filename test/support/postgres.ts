import pg from "pg";
import { isPostgresUrl, postgresSettings, withDatabase } from "../../services/database-url.ts";
import { migratePostgres } from "../../services/db-postgresql.ts";
import { poolConfig } from "../../services/pg-pool.ts";
import { postgresOpenError } from "../../services/pg-errors.ts";

// The PostgreSQL side of the test databases: TEST_DATABASE_URL names a server (and a database
// there to connect to, e.g. postgresql://postgres@127.0.0.1:5432/postgres); each run creates
// `<run>_base`, migrated once, and each test `<run>_<n>` from it, dropped after.

const baseName = (run: string) => `${run}_base`;

function check(server: string): string {
  if (!isPostgresUrl(server)) throw new Error(`TEST_DATABASE_URL: expected a postgresql:// server URL, e.g. postgresql://postgres@127.0.0.1:5432/postgres`);
  postgresSettings(server);
  return server;
}

async function withAdmin<T>(server: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ ...poolConfig(postgresSettings(check(server))), statement_timeout: 0, lock_timeout: 0 });
  try {
    await client.connect();
  } catch (err) {
    const line = postgresOpenError(server, err)?.message.replace(/^DATABASE_URL/, "TEST_DATABASE_URL");
    throw new Error(line ?? `TEST_DATABASE_URL: ${(err as Error).message}`, { cause: err });
  }
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function createPostgresBase(server: string, run: string): Promise<void> {
  await withAdmin(server, (c) => c.query(`CREATE DATABASE "${baseName(run)}"`));
  await migratePostgres(withDatabase(server, baseName(run)));
}

/** Drops every database of the run (those a test left behind too). */
export async function dropPostgresRun(server: string, run: string): Promise<void> {
  await withAdmin(server, async (c) => {
    const rows = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${run}\\_%`]);
    for (const { datname } of rows.rows) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  });
}

let admin: pg.Pool | null = null;
function adminPool(server: string): pg.Pool {
  admin ??= new pg.Pool({ ...poolConfig(postgresSettings(check(server))), max: 2, idleTimeoutMillis: 1000, allowExitOnIdle: true, statement_timeout: 0, lock_timeout: 0 });
  return admin;
}

let counter = 0;

/** A fresh database of the run, a copy of its migrated base (or empty): its URL. */
export async function createPostgresDb(server: string, run: string, empty = false): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${run}_${process.pid}_${++counter}`;
  const pool = adminPool(server);
  await pool.query(`CREATE DATABASE "${name}"${empty ? "" : ` TEMPLATE "${baseName(run)}"`}`);
  return {
    url: withDatabase(server, name),
    // dropped in the background (a drop takes about a second): the next test need not wait for it;
    // whatever a worker leaves behind is dropped by the run's teardown
    drop: async () => {
      pool.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
    },
  };
}
