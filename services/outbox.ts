import type { InlineKeyboardMarkup } from "telegraf/types";

// Everything the bot says on its own (reminders, digests, notifications to curators) goes
// through one Outbox, so rate limits, retries and 403 handling live in one place.

export interface OutgoingMessage {
  chatId: string;
  /** HTML */
  text: string;
  keyboard?: InlineKeyboardMarkup;
  /** a file to attach; the text becomes its caption when short enough */
  document?: { fileName: string; data: Buffer };
  photo?: { fileName: string; data: Buffer };
  /** the person it is for: a 403 marks them unreachable */
  personId?: number;
}

export interface SendResult {
  ok: boolean;
  messageId?: number;
  /** blocked: 403 (person marked unreachable); failed: gave up after retries */
  error?: "blocked" | "failed";
}

export interface Outbox {
  send(msg: OutgoingMessage): Promise<SendResult>;
}
