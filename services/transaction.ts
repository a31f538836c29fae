import type { Prisma } from "@prisma/client";
import type { Db } from "./db.ts";
import { postgresErrorCode } from "./pg-errors.ts";

// A transaction that reads rows and then claims them must not interleave with another doing the
// same. SQLite runs write transactions one at a time anyway; PostgreSQL's default (read
// committed) lets both read the same unclaimed rows. Serializable isolation makes PostgreSQL
// refuse the later one (serialization failure): it is run again and then sees the claims.

const TRIES = 8;

function isSerializationFailure(err: unknown): boolean {
  // P2034: Prisma's word for a write conflict or a deadlock
  return postgresErrorCode(err) === "40001" || postgresErrorCode(err) === "40P01" || (err as { code?: unknown } | null)?.code === "P2034";
}

export async function serializable<T>(db: Db, fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(fn, { isolationLevel: "Serializable" });
    } catch (err) {
      if (attempt >= TRIES || !isSerializationFailure(err)) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
    }
  }
}
