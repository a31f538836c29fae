// What a failure of SQLite means for the caller: the database was busy (another process held the
// write lock: the same work may be done again later), or the file itself cannot be used (one line
// naming it and what to do). No heavy imports: the CLI loads this before it knows its command.
import { isPostgresBusy } from "./pg-errors.ts";

/** The SQLite result code behind an error from better-sqlite3, the adapter or Prisma, if any. */
export function sqliteErrorCode(err: unknown): string | undefined {
  let e = err as Record<string, unknown> | undefined;
  for (let depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    if (typeof e.code === "string" && e.code.startsWith("SQLITE_")) return e.code;
    if (typeof e.originalCode === "string") return e.originalCode;
    const meta = e.meta as { driverAdapterError?: unknown } | undefined;
    e = (meta?.driverAdapterError ?? e.cause) as Record<string, unknown> | undefined;
  }
  return undefined;
}

/**
 * The work failed only because another process held the database: nothing of it was applied
 * by the failing statement, and the same work may be tried again later. Prisma's P2028 is a
 * transaction that could not start or finish in time — here, behind a transaction that was
 * waiting for the lock. On PostgreSQL: a lock time-out, a serialization failure or a deadlock.
 */
export function isBusyError(err: unknown): boolean {
  const code = sqliteErrorCode(err);
  if (code && (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"))) return true;
  if (isPostgresBusy(err)) return true;
  return (err as { code?: unknown })?.code === "P2028";
}

/** The database file cannot be used: one line naming the file and what to do. */
export class DatabaseFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

/** Turns a failure to open or read the file into a DatabaseFileError; anything else is rethrown. */
export function databaseFileError(file: string, err: unknown): DatabaseFileError | null {
  if (err instanceof DatabaseFileError) return err;
  const code = sqliteErrorCode(err) ?? (err as { code?: string })?.code;
  const reason = String((err as Error)?.message ?? err).split("\n")[0];
  switch (code) {
    case "SQLITE_NOTADB":
    case "SQLITE_CORRUPT":
      return new DatabaseFileError(file, `database ${file} is damaged or not an SQLite database (${reason}): restore it from a backup, or set DATABASE_URL to another file`);
    case "SQLITE_CANTOPEN":
    case "SQLITE_IOERR":
    case "SQLITE_PERM":
    case "SQLITE_AUTH":
      return new DatabaseFileError(file, `database ${file} cannot be opened (${reason}): check that it is a file this user may read and write, in a folder it may write, or set DATABASE_URL to another file`);
    case "SQLITE_READONLY":
      return new DatabaseFileError(file, `database ${file} is read-only (${reason}): let this user write the file and its folder`);
    case "SQLITE_FULL":
      return new DatabaseFileError(file, `database ${file}: the disk is full (${reason}): free some space`);
    case "ENOTDIR":
    case "EACCES":
    case "EPERM":
    case "EROFS":
    case "EEXIST":
      return new DatabaseFileError(file, `database ${file}: its folder cannot be created or used (${reason}): set DATABASE_URL to a file in a writable folder`);
    default:
      return null;
  }
}

