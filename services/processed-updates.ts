import { Prisma } from "@prisma/client";
import type { Db } from "./db.ts";

// The update ids the bot has handled (Telegram delivers at least once: bot/middleware.ts dedupeUpdates).
// With several instances behind one webhook a retry may land on another instance than the first
// try: the update_id is taken in the database in one statement, so of two exactly one goes on.
// The row also says which chat the update belongs to and when its handling ended, so that an
// update waits while an earlier one of its chat is in hand on another instance (docs/scale.md).

export interface TakenUpdate {
  updateId: string;
  /** the chat (its order key); null: an update without a chat, not ordered */
  chatId: string | null;
  /** the update_id as a number: ids are compared as numbers, not as text */
  seq: bigint;
  at: Date;
}

/**
 * Takes the update: "clear" when this call took it and no earlier update of its chat taken after
 * `heldSince` is unfinished (the common case, one statement: the insert is conditional on it);
 * "held" when it took it but such an update is in hand (a second statement, the plain insert);
 * "duplicate" when someone already had it. An update without a chat is never held.
 */
export async function takeUpdate(db: Db, u: TakenUpdate, heldSince: Date): Promise<"clear" | "held" | "duplicate"> {
  if (u.chatId !== null) {
    const inserted = await db.$executeRaw(
      Prisma.sql`INSERT INTO "ProcessedUpdate" ("updateId", "at", "chatId", "seq") SELECT ${u.updateId}, ${u.at}, ${u.chatId}, ${u.seq} WHERE NOT EXISTS (SELECT 1 FROM "ProcessedUpdate" WHERE "chatId" = ${u.chatId} AND "finishedAt" IS NULL AND "seq" < ${u.seq} AND "at" > ${heldSince}) ON CONFLICT ("updateId") DO NOTHING`,
    );
    if (inserted === 1) return "clear";
  }
  const inserted = await db.$executeRaw(
    Prisma.sql`INSERT INTO "ProcessedUpdate" ("updateId", "at", "chatId", "seq") VALUES (${u.updateId}, ${u.at}, ${u.chatId}, ${u.seq}) ON CONFLICT ("updateId") DO NOTHING`,
  );
  return inserted === 0 ? "duplicate" : u.chatId === null ? "clear" : "held";
}

export async function wasProcessed(db: Db, updateId: string): Promise<boolean> {
  return (await db.processedUpdate.findUnique({ where: { updateId }, select: { updateId: true } })) !== null;
}

/** Throws Prisma's P2002 when the id is already recorded. */
export async function recordProcessed(db: Db, u: TakenUpdate): Promise<void> {
  await db.processedUpdate.create({ data: { updateId: u.updateId, at: u.at, chatId: u.chatId, seq: u.seq } });
}

export interface EarlierUpdate {
  updateId: string;
  /** when it was taken (or began its work after waiting for its own earlier ones) */
  at: Date;
}

/** At most this many earlier unfinished updates of a chat are read at once (the latest first). */
const EARLIER_LIMIT = 20;

/**
 * The chat's updates before `seq` that are taken and not finished, latest first: one read over
 * the index (chatId, finishedAt, seq), which holds no row of the chat in the common case (the
 * same range takeUpdate's condition looks at).
 */
export async function unfinishedBefore(db: Db, chatId: string, seq: bigint): Promise<EarlierUpdate[]> {
  return db.processedUpdate.findMany({
    where: { chatId, finishedAt: null, seq: { lt: seq } },
    select: { updateId: true, at: true },
    orderBy: { seq: "desc" },
    take: EARLIER_LIMIT,
  });
}

/** After a wait for earlier updates, the update's own time-out counts from when its work begins. */
export async function beganAfterWait(db: Db, updateId: string, at: Date): Promise<void> {
  await db.$executeRaw(Prisma.sql`UPDATE "ProcessedUpdate" SET "at" = ${at} WHERE "updateId" = ${updateId}`);
}

/**
 * The update's handling has ended (answered, or failed and the failure answered). One statement
 * (Prisma's updateMany would wrap it in a transaction of its own: two).
 */
export async function finishUpdate(db: Db, updateId: string, at: Date): Promise<void> {
  await db.$executeRaw(Prisma.sql`UPDATE "ProcessedUpdate" SET "finishedAt" = ${at} WHERE "updateId" = ${updateId}`);
}

export async function forgetProcessedBefore(db: Db, before: Date): Promise<void> {
  await db.processedUpdate.deleteMany({ where: { at: { lt: before } } });
}

/** A read of the database (another process's write lock does not block it), for /healthz. */
export async function pingDatabase(db: Pick<Db, "$queryRawUnsafe">): Promise<void> {
  await db.$queryRawUnsafe(`SELECT 1 FROM "ProcessedUpdate" LIMIT 1`);
}
