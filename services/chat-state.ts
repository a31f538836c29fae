import type { Db } from "./db.ts";

// The stored step of a chat (ChatState), as text: bot/state.ts reads and checks it.

export async function loadChatState(db: Db, chatId: string): Promise<{ chatId: string; state: string } | null> {
  return db.chatState.findUnique({ where: { chatId } });
}

export async function saveChatState(db: Db, chatId: string, state: string): Promise<void> {
  await db.chatState.upsert({ where: { chatId }, create: { chatId, state }, update: { state } });
}

export async function deleteChatState(db: Db, chatId: string): Promise<void> {
  await db.chatState.deleteMany({ where: { chatId } });
}
