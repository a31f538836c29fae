import { Prisma } from "@prisma/client";
import type { Db } from "./db.ts";

// Telegram delivers an update at least once, and with several instances behind one webhook a
// retry may land on another instance than the first try. The update_id is taken in the database
// in one statement, so of two instances handling one update exactly one goes on.

/** True when this call took the update (first seen); false when someone already had it. */
export async function takeUpdate(db: Db, updateId: string, at: Date): Promise<boolean> {
  const inserted = await db.$executeRaw(Prisma.sql`INSERT INTO "ProcessedUpdate" ("updateId", "at") VALUES (${updateId}, ${at}) ON CONFLICT ("updateId") DO NOTHING`);
  return inserted === 1;
}
