import { Prisma } from "@prisma/client";
import type { Db } from "./db.ts";

// The update ids the bot has handled (Telegram delivers at least once: bot/middleware.ts dedupeUpdates).
// With several instances behind one webhook a retry may land on another instance than the first
// try: the update_id is taken in the database in one statement, so of two exactly one goes on.

/** True when this call took the update (first seen); false when someone already had it. */
export async function takeUpdate(db: Db, updateId: string, at: Date): Promise<boolean> {
  const inserted = await db.$executeRaw(Prisma.sql`INSERT INTO "ProcessedUpdate" ("updateId", "at") VALUES (${updateId}, ${at}) ON CONFLICT ("updateId") DO NOTHING`);
  return inserted === 1;
}

export async function wasProcessed(db: Db, updateId: string): Promise<boolean> {
  return (await db.processedUpdate.findUnique({ where: { updateId }, select: { updateId: true } })) !== null;
}

/** Throws Prisma's P2002 when the id is already recorded. */
export async function recordProcessed(db: Db, updateId: string, at: Date): Promise<void> {
  await db.processedUpdate.create({ data: { updateId, at } });
}

export async function forgetProcessedBefore(db: Db, before: Date): Promise<void> {
  await db.processedUpdate.deleteMany({ where: { at: { lt: before } } });
}

/** A read of the database (another process's write lock does not block it), for /healthz. */
export async function pingDatabase(db: Pick<Db, "$queryRawUnsafe">): Promise<void> {
  await db.$queryRawUnsafe(`SELECT 1 FROM "ProcessedUpdate" LIMIT 1`);
}
