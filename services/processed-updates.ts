import type { Db } from "./db.ts";

// The update ids the bot has handled (Telegram delivers at least once: bot/middleware.ts dedupeUpdates).

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
