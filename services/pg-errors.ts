import { DatabaseFileError } from "./sqlite-errors.ts";
import { describeDatabase } from "./database-url.ts";

// What a failure of PostgreSQL means for the caller, in the same two kinds as SQLite's
// (services/sqlite-errors.ts): the database was busy (a lock time-out, a serialization failure,
// a deadlock: nothing of the failed work was applied, it may be done again), or the database
// cannot be used at all (one line naming DATABASE_URL and what to do). No heavy imports.

/** lock_not_available (lock_timeout), serialization_failure, deadlock_detected */
const BUSY = new Set(["55P03", "40001", "40P01"]);

/** The SQLSTATE behind an error from pg, the adapter or Prisma, if any. */
function postgresErrorCode(err: unknown): string | undefined {
  let e = err as Record<string, unknown> | undefined;
  for (let depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    if (typeof e.originalCode === "string") return e.originalCode;
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code) && !/^P\d{4}$/.test(e.code)) return e.code;
    const meta = e.meta as { driverAdapterError?: unknown } | undefined;
    e = (meta?.driverAdapterError ?? e.cause) as Record<string, unknown> | undefined;
  }
  return undefined;
}

export function isPostgresBusy(err: unknown): boolean {
  const code = postgresErrorCode(err);
  // P2034: Prisma's own word for a write conflict or a deadlock
  return (code !== undefined && BUSY.has(code)) || (err as { code?: unknown })?.code === "P2034";
}

function socketCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; errors?: unknown[] } | undefined;
  if (typeof e?.code === "string" && /^E[A-Z]+$/.test(e.code)) return e.code;
  for (const inner of e?.errors ?? []) {
    const code = socketCode(inner);
    if (code) return code;
  }
  return undefined;
}

/** Turns a failure to reach or use the server into a DatabaseFileError naming DATABASE_URL; anything else: null. */
export function postgresOpenError(url: string, err: unknown): DatabaseFileError | null {
  if (err instanceof DatabaseFileError) return err;
  const where = describeDatabase(url);
  const reason = String((err as Error)?.message || (err as { errors?: Error[] })?.errors?.[0]?.message || err).split("\n")[0] ?? "";
  const code = postgresErrorCode(err);
  const socket = socketCode(err);
  const line = (what: string) => new DatabaseFileError(where, `DATABASE_URL: ${where} ${what}`);
  if (socket === "ECONNREFUSED" || socket === "ENOTFOUND" || socket === "EHOSTUNREACH" || socket === "ETIMEDOUT" || socket === "ECONNRESET" || socket === "EAI_AGAIN") {
    return line(`cannot be reached (${reason}): start PostgreSQL or correct the host and port`);
  }
  if (/timeout expired|Connection terminated due to connection timeout/i.test(reason)) return line(`did not answer in time (${reason}): check the server, or raise connect_timeout in the URL`);
  if (/SSL|TLS|certificate/i.test(reason)) return line(`refused the TLS connection (${reason}): check sslmode and the certificates in the URL`);
  switch (code) {
    case "28P01":
    case "28000":
      return line(`refused the user and password (${reason}): correct them in the URL`);
    case "3D000":
      return line(`has no such database (${reason}): create it (createdb) or correct the URL`);
    case "42501":
      return line(`does not let this user create tables (${reason}): grant the user rights on the database or its schema`);
    case "57P03":
      return line(`is starting up or shutting down (${reason}): try again in a moment`);
    case "53300":
      return line(`has no free connections (${reason}): lower connection_limit in the URL or raise max_connections`);
    default:
      return null;
  }
}
