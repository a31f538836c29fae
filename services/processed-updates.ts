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

/** True when this call took the update (first seen); false when someone already had it. */
export async function takeUpdate(db: Db, u: TakenUpdate): Promise<boolean> {
  const inserted = await db.$executeRaw(
    Prisma.sql`INSERT INTO "ProcessedUpdate" ("updateId", "at", "chatId", "seq") VALUES (${u.updateId}, ${u.at}, ${u.chatId}, ${u.seq}) ON CONFLICT ("updateId") DO NOTHING`,
  );
  return inserted === 1;
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
 * the index (chatId, finishedAt, seq), which holds no row of the chat in the common case.
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
  await db.processedUpdate.updateMany({ where: { updateId }, data: { at } });
}

/** The update's handling has ended (answered, or failed and the failure answered). */
export async function finishUpdate(db: Db, updateId: string, at: Date): Promise<void> {
  await db.processedUpdate.updateMany({ where: { updateId }, data: { finishedAt: at } });
}

export async function forgetProcessedBefore(db: Db, before: Date): Promise<void> {
  await db.processedUpdate.deleteMany({ where: { at: { lt: before } } });
}

/** A read of the database (another process's write lock does not block it), for /healthz. */
export async function pingDatabase(db: Pick<Db, "$queryRawUnsafe">): Promise<void> {
  await db.$queryRawUnsafe(`SELECT 1 FROM "ProcessedUpdate" LIMIT 1`);
}
