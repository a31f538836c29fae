import fs from "node:fs";
import path from "node:path";

// DATABASE_URL: a `file:` path (SQLite, the zero-setup default) or a `postgresql://` / `postgres://`
// URL. No heavy imports: the CLI and prisma.config.ts load this before anything else.

const DEFAULT_DATABASE_URL = "file:./data/vekha.db";

export type DatabaseProvider = "sqlite" | "postgresql";

const POSTGRES = /^postgres(ql)?:\/\//i;

export function isPostgresUrl(url: string): boolean {
  return POSTGRES.test(url);
}

export function databaseProvider(url: string): DatabaseProvider {
  return isPostgresUrl(url) ? "postgresql" : "sqlite";
}

/** Resolves a `file:` URL once to an absolute path, so the app and migrations open the same file. */
export function resolveDatabaseUrl(raw: string | undefined, cwd = process.cwd()): string {
  const url = raw && raw.trim() !== "" ? raw.trim() : DEFAULT_DATABASE_URL;
  if (!url.startsWith("file:")) return url;
  const file = url.slice("file:".length);
  if (file === ":memory:") return url;
  return "file:" + path.resolve(cwd, file);
}

export function databaseFilePath(url: string): string {
  return url.slice("file:".length);
}

/** The URL with its password masked: the only form of a PostgreSQL URL that may be logged. */
export function redactDatabaseUrl(url: string): string {
  if (!isPostgresUrl(url)) return url;
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return url.replace(/\/\/[^@/]*@/, "//***@");
  }
}

/** What to call the database in a log line or a message: the file, or the server and database. */
export function describeDatabase(url: string): string {
  if (!isPostgresUrl(url)) return databaseFilePath(url);
  try {
    const s = postgresSettings(url);
    return `postgresql ${s.host ? `${s.host}:${s.port}` : "(socket)"}/${s.database}`;
  } catch {
    return redactDatabaseUrl(url);
  }
}

interface PostgresTls {
  /** verify the server's certificate chain */
  verify: boolean;
  /** also check that the certificate names the host */
  verifyHost: boolean;
  ca?: string;
  cert?: string;
  key?: string;
}

/** Everything Веха takes from a PostgreSQL URL (the connection, the pool, time-outs, TLS). */
export interface PostgresSettings {
  host: string;
  port: number;
  user: string | undefined;
  password: string | undefined;
  database: string;
  /** connections in the pool */
  poolMax: number;
  /** how long getting a connection (new or from the pool) may take */
  connectTimeoutMs: number;
  /** the server cancels a statement running longer (0: never) */
  statementTimeoutMs: number;
  /** the server gives up waiting for a row or table lock after this (0: never): «база занята» */
  lockTimeoutMs: number;
  tls: PostgresTls | null;
  /** the schema (search_path), when not the server's default */
  schema: string | undefined;
  applicationName: string;
}

export const POSTGRES_DEFAULTS = { poolMax: 10, connectTimeoutMs: 10_000, statementTimeoutMs: 60_000, lockTimeoutMs: 10_000 };

/** The URL's parameters Веха understands; anything else is refused, so a typo is not silently ignored. */
const PARAMS = [
  "connection_limit",
  "pool_max",
  "connect_timeout",
  "pool_timeout",
  "statement_timeout",
  "lock_timeout",
  "sslmode",
  "sslrootcert",
  "sslcert",
  "sslkey",
  "schema",
  "application_name",
  "host",
] as const;

const SSL_MODES = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"];

export class DatabaseUrlError extends Error {}

function whole(name: string, value: string, min: number, max: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new DatabaseUrlError(`${name}=${value} in the URL: expected a whole number from ${min} to ${max}`);
  }
  return Number(value);
}

function readFile(name: string, file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new DatabaseUrlError(`${name}=${file} in the URL cannot be read (${(err as Error).message.split("\n")[0]})`);
  }
}

/**
 * Reads a `postgresql://user:password@host:port/database?…` URL. Parameters: `connection_limit`
 * (or `pool_max`), `connect_timeout` / `pool_timeout` (seconds), `statement_timeout` and
 * `lock_timeout` (milliseconds, 0 = none), `sslmode` (libpq's words), `sslrootcert`, `sslcert`,
 * `sslkey` (files), `schema`, `application_name`, `host` (a socket directory). Throws
 * DatabaseUrlError saying what is wrong (never echoing the password).
 */
export function postgresSettings(url: string): PostgresSettings {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new DatabaseUrlError("not a valid URL, e.g. postgresql://vekha:password@127.0.0.1:5432/vekha");
  }
  if (!isPostgresUrl(url)) throw new DatabaseUrlError("not a postgresql:// URL");
  const q = u.searchParams;
  for (const key of new Set(q.keys())) {
    if (!(PARAMS as readonly string[]).includes(key)) throw new DatabaseUrlError(`unknown parameter "${key}" in the URL (known: ${PARAMS.join(", ")})`);
  }
  const database = decodeURIComponent(u.pathname.replace(/^\//, ""));
  if (!database || database.includes("/")) throw new DatabaseUrlError("the URL names no database, e.g. postgresql://127.0.0.1:5432/vekha");
  const host = q.get("host") ?? decodeURIComponent(u.hostname).replace(/^\[(.*)\]$/, "$1");
  if (!host) throw new DatabaseUrlError("the URL names no host, e.g. postgresql://127.0.0.1:5432/vekha");
  const get = (name: (typeof PARAMS)[number]) => q.get(name) ?? undefined;

  const limit = get("connection_limit") ?? get("pool_max");
  const connectTimeout = get("connect_timeout") ?? get("pool_timeout");
  const statementTimeout = get("statement_timeout");
  const lockTimeout = get("lock_timeout");
  const sslmode = get("sslmode") ?? "prefer";
  if (!SSL_MODES.includes(sslmode)) throw new DatabaseUrlError(`sslmode=${sslmode} in the URL: expected one of ${SSL_MODES.join(", ")}`);
  // pg cannot fall back from TLS to plain text: allow/prefer (libpq's default) connect in plain
  // text, require encrypts without checking the certificate (as libpq does without a root certificate)
  let tls: PostgresTls | null = null;
  if (sslmode === "require" || sslmode === "verify-ca" || sslmode === "verify-full") {
    const rootcert = get("sslrootcert");
    const cert = get("sslcert");
    const key = get("sslkey");
    tls = {
      verify: sslmode !== "require",
      verifyHost: sslmode === "verify-full",
      ...(rootcert ? { ca: readFile("sslrootcert", rootcert) } : {}),
      ...(cert ? { cert: readFile("sslcert", cert) } : {}),
      ...(key ? { key: readFile("sslkey", key) } : {}),
    };
  }
  return {
    host,
    port: u.port ? Number(u.port) : 5432,
    user: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database,
    poolMax: limit === undefined ? POSTGRES_DEFAULTS.poolMax : whole("connection_limit", limit, 1, 1000),
    connectTimeoutMs: connectTimeout === undefined ? POSTGRES_DEFAULTS.connectTimeoutMs : whole("connect_timeout", connectTimeout, 1, 3600) * 1000,
    statementTimeoutMs: statementTimeout === undefined ? POSTGRES_DEFAULTS.statementTimeoutMs : whole("statement_timeout", statementTimeout, 0, 2_147_483_647),
    lockTimeoutMs: lockTimeout === undefined ? POSTGRES_DEFAULTS.lockTimeoutMs : whole("lock_timeout", lockTimeout, 0, 2_147_483_647),
    tls,
    schema: get("schema"),
    applicationName: get("application_name") ?? "vekha",
  };
}

/** The same server and settings, another database (the test suite's databases, the bench's). */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = "/" + encodeURIComponent(database);
  return u.toString();
}
