import type { PendingImport } from "@prisma/client";
import type { ImportResult } from "../core/types.ts";
import type { Db } from "./db.ts";
import type { SaveImportOutcome, Tx } from "./roadmap-store.ts";

// A chat import from the file to the saved roadmap, step by step in PendingImport, so that a
// crash at any step leaves a row saying how far it got:
//   parsing   the file arrived and is being read (payload "" until the preview is built)
//   preview   the preview with «Сохранить» / «Отмена» was shown
//   saving    «Сохранить» was pressed; the save has not committed
//   saved     the save committed (marked inside its transaction); the answer may not have gone out
// The row is deleted once the coordinator has been answered (or on «Отмена»).

/** The counts a save's answer needs, kept with the row so a restart can still give it. */
export type SavedSummary = Pick<SaveImportOutcome, "roadmapId" | "created" | "itemsAdded" | "itemsUpdated" | "itemsRemoved" | "itemsMoved" | "matchedBy">;

export async function startParsing(db: Db, chatId: string, fileName: string, now: Date): Promise<number> {
  const row = await db.pendingImport.create({ data: { chatId, payload: "", fileName, createdAt: now, state: "parsing", stateAt: now } });
  return row.id;
}

/** The preview is built: kept (still "parsing") until it has been shown. */
export async function previewBuilt(db: Db, id: number, result: ImportResult, targetRoadmapId: number | null): Promise<void> {
  await db.pendingImport.update({ where: { id }, data: { payload: JSON.stringify(result), targetRoadmapId } });
}

/**
 * The preview is shown: it waits for «Сохранить». An older preview of the same chat still waiting is
 * superseded (state "superseded", besides the schema's parsing | preview | saving | saved): a
 * corrected workbook sent back must not leave the first reading saveable too.
 */
export async function previewShown(db: Db, id: number, chatId: string, now: Date): Promise<void> {
  await db.$transaction([
    db.pendingImport.updateMany({ where: { chatId, state: "preview", id: { lt: id } }, data: { state: "superseded", stateAt: now } }),
    db.pendingImport.updateMany({ where: { id, state: "parsing" }, data: { state: "preview", stateAt: now } }),
  ]);
}

export async function dropPending(db: Db, id: number): Promise<void> {
  await db.pendingImport.deleteMany({ where: { id } });
}

/** «Сохранить»: of two presses (or a press and a restart) only one goes on. Null: not this chat's, or not waiting for it. */
export async function claimForSave(db: Db, id: number, chatId: string, now: Date): Promise<PendingImport | null> {
  const claimed = await db.pendingImport.updateMany({ where: { id, chatId, state: "preview" }, data: { state: "saving", stateAt: now } });
  return claimed.count === 1 ? db.pendingImport.findUnique({ where: { id } }) : null;
}

/** «Отмена»: only a preview nobody is saving. */
export async function cancelPending(db: Db, id: number, chatId: string): Promise<boolean> {
  return (await db.pendingImport.deleteMany({ where: { id, chatId, state: "preview" } })).count === 1;
}

/** Inside the save's transaction: the row says «saved» exactly when the roadmap is. */
export async function markSaved(tx: Tx, id: number, outcome: SaveImportOutcome, now: Date): Promise<void> {
  const summary: SavedSummary = {
    roadmapId: outcome.roadmapId,
    created: outcome.created,
    itemsAdded: outcome.itemsAdded,
    itemsUpdated: outcome.itemsUpdated,
    itemsRemoved: outcome.itemsRemoved,
    itemsMoved: outcome.itemsMoved,
    matchedBy: outcome.matchedBy,
  };
  await tx.pendingImport.update({ where: { id }, data: { state: "saved", stateAt: now, savedRoadmapId: outcome.roadmapId, outcome: JSON.stringify(summary) } });
}

/** The save failed (an error, not a crash): the preview and its button work again. */
export async function releaseClaim(db: Db, id: number): Promise<void> {
  await db.pendingImport.updateMany({ where: { id, state: "saving" }, data: { state: "preview" } });
}

export function savedSummary(row: PendingImport): SavedSummary | null {
  if (row.state !== "saved" || !row.outcome) return null;
  try {
    return JSON.parse(row.outcome) as SavedSummary;
  } catch {
    return null;
  }
}

/** Rows a previous process left mid-way (at start-up no step of this process is running yet). */
export async function interruptedImports(db: Db): Promise<PendingImport[]> {
  return db.pendingImport.findMany({ where: { state: { in: ["parsing", "saving", "saved"] } }, orderBy: { id: "asc" } });
}

export async function pendingById(db: Db, id: number): Promise<PendingImport | null> {
  return db.pendingImport.findUnique({ where: { id } });
}

/** The latest preview of a chat (the one /edit may correct). */
export async function latestPendingOfChat(db: Db, chatId: string): Promise<PendingImport | null> {
  return db.pendingImport.findFirst({ where: { chatId }, orderBy: { id: "desc" } });
}

/** The roadmap a preview updates (null: a new one). */
export async function pendingTarget(db: Db, id: number): Promise<number | null | undefined> {
  const row = await db.pendingImport.findUnique({ where: { id }, select: { targetRoadmapId: true } });
  return row?.targetRoadmapId;
}

export async function setPendingTarget(db: Db, id: number, targetRoadmapId: number | null): Promise<void> {
  await db.pendingImport.update({ where: { id }, data: { targetRoadmapId } });
}

/** A corrected preview of this chat; false when it was saved or cancelled meanwhile. */
export async function correctPending(db: Db, id: number, chatId: string, result: ImportResult): Promise<boolean> {
  const updated = await db.pendingImport.updateMany({ where: { id, chatId }, data: { payload: JSON.stringify(result) } });
  return updated.count > 0;
}
