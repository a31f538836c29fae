import type { Db } from "../services/db.ts";

// Multi-step conversations (waiting for a file, a date, a comment) keep their step in ChatState,
// so a restart in the middle does not lose it. One state per chat; a new step replaces the old.

export interface ChatStep {
  /** e.g. "evidence", "postpone-date", "postpone-reason"; other features add their own */
  kind: string;
  [key: string]: unknown;
}

export async function getStep(db: Db, chatId: string): Promise<ChatStep | null> {
  const row = await db.chatState.findUnique({ where: { chatId } });
  if (!row) return null;
  try {
    const parsed = JSON.parse(row.state) as ChatStep;
    return typeof parsed?.kind === "string" ? parsed : null;
  } catch {
    return null;
  }
}

export async function setStep(db: Db, chatId: string, step: ChatStep): Promise<void> {
  const state = JSON.stringify(step);
  await db.chatState.upsert({ where: { chatId }, create: { chatId, state }, update: { state } });
}

export async function clearStep(db: Db, chatId: string): Promise<void> {
  await db.chatState.deleteMany({ where: { chatId } });
}
