// Everything the bot says on its own (reminders, digests, notifications to curators) goes
// through one Outbox — the scheduler's delivery queue (scheduler/delivery.ts, wired by
// scheduler/queue.ts) — so rate limits, retries, long texts and 403 handling live in one place.

/** Buttons under a message, as the Bot API takes them (built on the bot side: views/, handlers/). */
export interface Keyboard {
  inline_keyboard: KeyboardButton[][];
}

export type KeyboardButton = { text: string; callback_data: string } | { text: string; url: string };

export interface OutgoingMessage {
  chatId: string;
  /** HTML; a text over Telegram's limit goes as several messages, cut at lines */
  text: string;
  /** on the last part of the text */
  keyboard?: Keyboard;
  /** a file to attach; the text becomes its caption when short enough */
  document?: { fileName: string; data: Buffer };
  photo?: { fileName: string; data: Buffer };
  /** the person it is for: a 403 marks them unreachable */
  personId?: number;
}

export interface SendOptions {
  /**
   * Called right before each attempt until Telegram has accepted a part: false means the
   * message is no longer ours to send (another process took its claim over), and nothing goes.
   */
  beforeAttempt?: () => Promise<boolean>;
}

/**
 * Why a message did not go: `blocked` — a 403, the person is marked unreachable; `refused` — Telegram
 * said no (400: chat not found, bad markup), trying again would not help; `failed` — 5xx, network or
 * 429 went on after every retry; `superseded` — `beforeAttempt` said it is not ours any more.
 */
export type SendError = "blocked" | "refused" | "failed" | "superseded";

export interface SendResult {
  ok: boolean;
  /** the message with the buttons (the last text part), else the first */
  messageId?: number;
  error?: SendError;
  /** Telegram's own words or the network error, for logs and `tick`'s report */
  description?: string;
}

export interface Outbox {
  send(msg: OutgoingMessage, opts?: SendOptions): Promise<SendResult>;
}
