import type { Clock } from "../core/clock.ts";
import type { Outbox, OutgoingMessage, SendResult } from "../services/outbox.ts";

// One outgoing queue for everything the bot says on its own. Telegram allows about 30 messages
// a second overall and about one a second per chat (short bursts tolerated): we keep under both
// with a sliding one-second window overall and a token bucket per chat (3 tokens, 1 a second).
// A 429 pauses that chat for `retry_after`; 5xx and network errors are retried with backoff;
// a 403 means the person blocked the bot: `onBlocked` marks them unreachable and tells a
// coordinator. The clock and `sleep` are injected so tests run a year of traffic in seconds.
// `send` only enqueues and resolves when the message is through: chat handlers never wait on it.

/** The part of telegraf's `Telegram` the queue uses. */
export interface TelegramLike {
  sendMessage(chatId: string | number, text: string, extra?: Record<string, unknown>): Promise<{ message_id: number }>;
  sendDocument(chatId: string | number, document: { source: Buffer; filename: string }, extra?: Record<string, unknown>): Promise<{ message_id: number }>;
  sendPhoto(chatId: string | number, photo: { source: Buffer; filename: string }, extra?: Record<string, unknown>): Promise<{ message_id: number }>;
}

export interface DeliveryOptions {
  telegram: TelegramLike;
  clock: Clock;
  /** waits `ms` of the injected clock (a manual clock just advances) */
  sleep?: (ms: number) => Promise<void>;
  globalPerSecond?: number;
  perChatPerSecond?: number;
  perChatBurst?: number;
  /** transient failures (network, 5xx) tried this many times in all */
  maxAttempts?: number;
  /** first backoff; doubles each attempt */
  backoffMs?: number;
  /** concurrent requests in flight (latency must not cap the rate) */
  maxInFlight?: number;
  /** a 403: mark the person unreachable, tell a coordinator */
  onBlocked?: (msg: OutgoingMessage, description: string) => Promise<void>;
  onError?: (msg: OutgoingMessage, error: unknown) => void;
}

export interface DeliveryStats {
  sent: number;
  retried429: number;
  retriedTransient: number;
  blocked: number;
  failed: number;
}

type ErrorClass = { kind: "retry_after"; seconds: number } | { kind: "blocked"; description: string } | { kind: "transient" } | { kind: "fatal" };

/** Sorts an error from telegraf (TelegramError carries `response.error_code`) or the network. */
export function classifyError(e: unknown): ErrorClass {
  const response = (e as { response?: { error_code?: number; description?: string; parameters?: { retry_after?: number } } }).response;
  const code = response?.error_code;
  if (typeof code !== "number") return { kind: "transient" }; // network: reset, refused, dropped
  if (code === 429) return { kind: "retry_after", seconds: Math.max(1, response?.parameters?.retry_after ?? 1) };
  if (code === 403) return { kind: "blocked", description: response?.description ?? "Forbidden" };
  if (code >= 500) return { kind: "transient" };
  return { kind: "fatal" };
}

interface Job {
  msg: OutgoingMessage;
  resolve: (r: SendResult) => void;
  attempts: number;
  notBefore: number;
  /** a long caption went out as a text first: a retry sends only the file */
  textSent?: number;
}

interface Bucket {
  tokens: number;
  at: number;
  pausedUntil: number;
}

const CAPTION_LIMIT = 1024;

export function realSleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.max(0, ms)));
}

export class DeliveryQueue implements Outbox {
  readonly stats: DeliveryStats = { sent: 0, retried429: 0, retriedTransient: 0, blocked: 0, failed: 0 };
  #o: Required<Omit<DeliveryOptions, "onBlocked" | "onError">> & Pick<DeliveryOptions, "onBlocked" | "onError">;
  #queue: Job[] = [];
  #window: number[] = [];
  #buckets = new Map<string, Bucket>();
  #inFlight = 0;
  /** chats with a request in flight: one at a time per chat keeps their order */
  #busy = new Set<string>();
  #pumping = false;
  #slotWaiters: Array<() => void> = [];
  #idleWaiters: Array<() => void> = [];

  constructor(options: DeliveryOptions) {
    this.#o = {
      sleep: realSleep,
      globalPerSecond: 30,
      perChatPerSecond: 1,
      perChatBurst: 3,
      maxAttempts: 5,
      backoffMs: 1000,
      maxInFlight: 30,
      ...options,
    };
  }

  get pending(): number {
    return this.#queue.length + this.#inFlight;
  }

  send(msg: OutgoingMessage): Promise<SendResult> {
    return new Promise((resolve) => {
      this.#queue.push({ msg, resolve, attempts: 0, notBefore: 0 });
      this.#kick();
    });
  }

  /** Resolves when everything queued so far has been delivered or given up. */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((r) => this.#idleWaiters.push(r));
  }

  #kick(): void {
    if (this.#pumping) return;
    this.#pumping = true;
    void this.#pump().finally(() => {
      this.#pumping = false;
      if (this.#queue.length > 0) this.#kick();
      else if (this.#inFlight === 0) for (const w of this.#idleWaiters.splice(0)) w();
    });
  }

  #bucket(chatId: string, now: number): Bucket {
    let b = this.#buckets.get(chatId);
    if (!b) {
      b = { tokens: this.#o.perChatBurst, at: now, pausedUntil: 0 };
      this.#buckets.set(chatId, b);
    }
    const refill = ((now - b.at) / 1000) * this.#o.perChatPerSecond;
    if (refill > 0) {
      b.tokens = Math.min(this.#o.perChatBurst, b.tokens + refill);
      b.at = now;
    }
    return b;
  }

  /** When this job may go: its own backoff, its chat's pause, its chat's bucket. */
  #readyAt(job: Job, now: number): number {
    const b = this.#bucket(job.msg.chatId, now);
    const tokenAt = b.tokens >= 1 ? now : now + ((1 - b.tokens) / this.#o.perChatPerSecond) * 1000;
    return Math.max(job.notBefore, b.pausedUntil, tokenAt);
  }

  async #pump(): Promise<void> {
    while (this.#queue.length > 0) {
      const now = this.#o.clock.now().getTime();
      while (this.#window.length > 0 && this.#window[0]! <= now - 1000) this.#window.shift();
      if (this.#window.length >= this.#o.globalPerSecond) {
        await this.#o.sleep(this.#window[0]! + 1000 - now);
        continue;
      }
      if (this.#inFlight >= this.#o.maxInFlight) {
        await new Promise<void>((r) => this.#slotWaiters.push(r));
        continue;
      }
      let pick = -1;
      let earliest = Infinity;
      for (let i = 0; i < this.#queue.length; i++) {
        if (this.#busy.has(this.#queue[i]!.msg.chatId)) continue;
        const t = this.#readyAt(this.#queue[i]!, now);
        if (t <= now) {
          pick = i;
          break;
        }
        earliest = Math.min(earliest, t);
      }
      if (pick < 0 && earliest === Infinity) {
        // every queued chat has a request in flight: wait for one to finish
        await new Promise<void>((r) => this.#slotWaiters.push(r));
        continue;
      }
      if (pick < 0) {
        // nothing ready: wait for the first chat or backoff, or for a request in flight to requeue
        if (this.#inFlight > 0 && earliest - now > 50) {
          await Promise.race([this.#o.sleep(earliest - now), new Promise<void>((r) => this.#slotWaiters.push(r))]);
        } else {
          await this.#o.sleep(earliest - now);
        }
        continue;
      }
      const job = this.#queue.splice(pick, 1)[0]!;
      this.#bucket(job.msg.chatId, now).tokens -= 1;
      this.#window.push(now);
      this.#inFlight++;
      this.#busy.add(job.msg.chatId);
      void this.#dispatch(job).finally(() => {
        this.#inFlight--;
        this.#busy.delete(job.msg.chatId);
        for (const w of this.#slotWaiters.splice(0)) w();
        if (this.#queue.length > 0) this.#kick();
        else if (this.pending === 0) for (const w of this.#idleWaiters.splice(0)) w();
      });
    }
  }

  async #dispatch(job: Job): Promise<void> {
    const { msg } = job;
    try {
      const messageId = await this.#deliver(job);
      this.stats.sent++;
      job.resolve({ ok: true, messageId });
    } catch (e) {
      const c = classifyError(e);
      const now = this.#o.clock.now().getTime();
      if (c.kind === "retry_after") {
        this.stats.retried429++;
        const until = now + c.seconds * 1000;
        this.#bucket(msg.chatId, now).pausedUntil = until;
        job.notBefore = until;
        this.#queue.unshift(job);
        return;
      }
      if (c.kind === "blocked") {
        this.stats.blocked++;
        try {
          await this.#o.onBlocked?.(msg, c.description);
        } catch (err) {
          this.#o.onError?.(msg, err);
        }
        job.resolve({ ok: false, error: "blocked" });
        return;
      }
      job.attempts++;
      if (c.kind === "transient" && job.attempts < this.#o.maxAttempts) {
        this.stats.retriedTransient++;
        job.notBefore = now + this.#o.backoffMs * 2 ** (job.attempts - 1);
        this.#queue.unshift(job);
        return;
      }
      this.stats.failed++;
      this.#o.onError?.(msg, e);
      job.resolve({ ok: false, error: "failed" });
    }
  }

  async #deliver(job: Job): Promise<number> {
    const { msg } = job;
    const tg = this.#o.telegram;
    const extra: Record<string, unknown> = { parse_mode: "HTML" };
    if (msg.keyboard) extra.reply_markup = msg.keyboard;
    const file = msg.document ?? msg.photo;
    if (!file) return (await tg.sendMessage(msg.chatId, msg.text, { ...extra, link_preview_options: { is_disabled: true } })).message_id;
    const input = { source: file.data, filename: file.fileName };
    const send = (fileExtra: Record<string, unknown>) => (msg.document ? tg.sendDocument(msg.chatId, input, fileExtra) : tg.sendPhoto(msg.chatId, input, fileExtra));
    if (msg.text.length <= CAPTION_LIMIT) return (await send({ ...extra, caption: msg.text })).message_id;
    // too long for a caption: the text first (with the buttons), then the file
    if (job.textSent === undefined) {
      job.textSent = (await tg.sendMessage(msg.chatId, msg.text, { ...extra, link_preview_options: { is_disabled: true } })).message_id;
    }
    await send({});
    return job.textSent;
  }
}
