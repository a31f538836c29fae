import type { Clock } from "../core/clock.ts";
import type { Outbox, OutgoingMessage, SendOptions, SendResult } from "../services/outbox.ts";
import { CAPTION_LIMIT, splitHtml, TEXT_LIMIT } from "../services/telegram-text.ts";
import type { RateGate } from "./shared-limits.ts";

// One outgoing queue for everything the bot says on its own. Telegram allows about 30 messages
// a second overall and about one a second per chat. Both are kept with the time a request was
// *answered* (it reached Telegram no later than that), never the time it was started: with
// latency, counting from the start lets two messages land closer than a second apart. A request
// in flight counts against the second until it is answered. Every request counts — a long text
// goes as several messages, a file after its text is one more.
// A 429 pauses every send for its `retry_after` (the limit is the bot's, not the chat's); 5xx and
// network errors are retried with backoff; a 403 means the person blocked the bot: `onBlocked`
// marks them unreachable. The clock and `sleep` are injected so tests run a year in seconds.
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
  /** a message answered with 429 this many times is given up (its claim is retried later) */
  max429?: number;
  /** first backoff; doubles each attempt */
  backoffMs?: number;
  /** concurrent requests in flight (latency must not cap the rate) */
  maxInFlight?: number;
  /** a 403: mark the person unreachable (see scheduler/queue.ts) */
  onBlocked?: (msg: OutgoingMessage, description: string) => Promise<void>;
  onError?: (msg: OutgoingMessage, error: unknown) => void;
  /**
   * The limits kept with every other instance (scheduler/shared-limits.ts): each request is
   * reserved there too, answered there, and a 429 pauses them all.
   */
  gate?: RateGate;
}

export interface DeliveryStats {
  /** messages delivered whole */
  sent: number;
  /** requests Telegram accepted (a message in two parts is two) */
  requests: number;
  retried429: number;
  retriedTransient: number;
  blocked: number;
  refused: number;
  failed: number;
}

type ErrorClass =
  | { kind: "retry_after"; seconds: number }
  | { kind: "blocked"; description: string }
  | { kind: "transient"; description: string }
  | { kind: "fatal"; description: string };

/** Sorts an error from telegraf (TelegramError carries `response.error_code`) or the network. */
function classifyError(e: unknown): ErrorClass {
  const response = (e as { response?: { error_code?: number; description?: string; parameters?: { retry_after?: number } } }).response;
  const code = response?.error_code;
  const description = response?.description ?? (e instanceof Error ? e.message : String(e));
  // network: reset, refused, dropped
  if (typeof code !== "number") return { kind: "transient", description: `network: ${description}` };
  if (code === 429) return { kind: "retry_after", seconds: Math.max(1, response?.parameters?.retry_after ?? 1) };
  if (code === 403) return { kind: "blocked", description: `${code} ${description}` };
  if (code >= 500) return { kind: "transient", description: `${code} ${description}` };
  return { kind: "fatal", description: `${code} ${description}` };
}

/** One request: a text part, or the file (with the text as its caption when it fits). */
interface Part {
  text?: string;
  caption?: string;
  file?: boolean;
  keyboard?: boolean;
}

interface Job {
  msg: OutgoingMessage;
  opts: SendOptions | undefined;
  resolve: (r: SendResult) => void;
  parts: Part[];
  /** the next part to send; parts before it were accepted (a retry never repeats them) */
  next: number;
  ids: number[];
  keyboardId?: number;
  attempts: number;
  tooMany: number;
  notBefore: number;
  /** its reservation in the shared gate, while in flight */
  slot?: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** What a clock reading in whole milliseconds may be behind the moment it stands for. */
const CLOCK_GRANULARITY_MS = 1;

export function realSleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.max(0, ms)));
}

/** The requests a message takes: its text cut under Telegram's limit, and its file. */
function partsOf(msg: OutgoingMessage): Part[] {
  const file = msg.document ?? msg.photo;
  if (file && msg.text.length <= CAPTION_LIMIT) return [{ file: true, caption: msg.text, keyboard: true }];
  const texts = splitHtml(msg.text, TEXT_LIMIT);
  const parts: Part[] = texts.map((text, i) => ({ text, keyboard: i === texts.length - 1 }));
  if (file) parts.push({ file: true });
  return parts;
}

export class DeliveryQueue implements Outbox {
  readonly stats: DeliveryStats = { sent: 0, requests: 0, retried429: 0, retriedTransient: 0, blocked: 0, refused: 0, failed: 0 };
  #o: Required<Omit<DeliveryOptions, "onBlocked" | "onError" | "gate">> & Pick<DeliveryOptions, "onBlocked" | "onError" | "gate">;
  /** the shared gate said nobody may send before then */
  #sharedUntil = 0;
  #queue: Job[] = [];
  /** when recent requests were answered: the last second of them counts against the limit */
  #window: number[] = [];
  #buckets = new Map<string, Bucket>();
  #inFlight = 0;
  /** a 429 stops every send until then */
  #pausedUntil = 0;
  /** chats with a request in flight: one at a time per chat keeps their order */
  #busy = new Set<string>();
  #pumping = false;
  #slotWaiters: Array<() => void> = [];
  #idleWaiters: Array<() => void> = [];
  /** work started because of a delivery (a 403's notices) that `idle` also waits for */
  #background = new Set<Promise<unknown>>();

  constructor(options: DeliveryOptions) {
    this.#o = {
      sleep: realSleep,
      globalPerSecond: 30,
      perChatPerSecond: 1,
      perChatBurst: 1,
      maxAttempts: 5,
      max429: 10,
      backoffMs: 1000,
      maxInFlight: 30,
      ...options,
    };
  }

  get pending(): number {
    return this.#queue.length + this.#inFlight;
  }

  send(msg: OutgoingMessage, opts?: SendOptions): Promise<SendResult> {
    return new Promise((resolve) => {
      const job: Job = { msg, opts, resolve, parts: partsOf(msg), next: 0, ids: [], attempts: 0, tooMany: 0, notBefore: 0 };
      if (opts?.priority) {
        // after the priority jobs already waiting, before everything else
        const at = this.#queue.findIndex((j) => !j.opts?.priority);
        this.#queue.splice(at < 0 ? this.#queue.length : at, 0, job);
      } else this.#queue.push(job);
      this.#kick();
    });
  }

  /** Resolves when everything queued so far (and what it set off) has been delivered or given up. */
  async idle(): Promise<void> {
    for (;;) {
      if (this.pending > 0) await new Promise<void>((r) => this.#idleWaiters.push(r));
      else if (this.#background.size > 0) await Promise.allSettled([...this.#background]);
      else return;
    }
  }

  /** Keeps `idle` waiting for work a delivery set off (the work reports its own failure, as scheduler/queue.ts does). */
  track(work: Promise<unknown>): void {
    const p = work.catch(() => undefined).finally(() => this.#background.delete(p));
    this.#background.add(p);
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
      b = { tokens: this.#o.perChatBurst, at: now };
      this.#buckets.set(chatId, b);
    }
    const refill = ((now - b.at) / 1000) * this.#o.perChatPerSecond;
    if (refill > 0) {
      b.tokens = Math.min(this.#o.perChatBurst, b.tokens + refill);
      b.at = now;
    }
    return b;
  }

  /** When this job may go: its own backoff, its chat's bucket. */
  #readyAt(job: Job, now: number): number {
    const b = this.#bucket(job.msg.chatId, now);
    const tokenAt = b.tokens >= 1 ? now : now + ((1 - b.tokens) / this.#o.perChatPerSecond) * 1000;
    return Math.max(job.notBefore, tokenAt);
  }

  #slot(): Promise<void> {
    return new Promise<void>((r) => this.#slotWaiters.push(r));
  }

  async #pump(): Promise<void> {
    while (this.#queue.length > 0) {
      const now = this.#o.clock.now().getTime();
      // While requests are in flight, wait for their answers rather than the clock: an answer is
      // what frees a chat, fills the window or brings a 429, and time spent asleep with requests
      // in flight would count as their latency.
      const pausedUntil = Math.max(this.#pausedUntil, this.#sharedUntil);
      if (pausedUntil > now) {
        if (this.#inFlight > 0) await this.#slot();
        else await this.#o.sleep(pausedUntil - now);
        continue;
      }
      while (this.#window.length > 0 && this.#window[0]! <= now - 1000) this.#window.shift();
      if (this.#inFlight >= this.#o.maxInFlight) {
        await this.#slot();
        continue;
      }
      if (this.#window.length + this.#inFlight >= this.#o.globalPerSecond) {
        if (this.#inFlight > 0) await this.#slot();
        else await this.#o.sleep(this.#window[0]! + 1000 - now);
        continue;
      }
      let pick = -1;
      let earliest = Infinity;
      // a chat's messages go in order: once one of its jobs is not ready, its later ones wait too
      const held = new Set<string>();
      for (let i = 0; i < this.#queue.length; i++) {
        const chat = this.#queue[i]!.msg.chatId;
        if (this.#busy.has(chat) || held.has(chat)) continue;
        const t = this.#readyAt(this.#queue[i]!, now);
        if (t <= now) {
          pick = i;
          break;
        }
        held.add(chat);
        earliest = Math.min(earliest, t);
      }
      if (pick < 0 && earliest === Infinity) {
        // every queued chat has a request in flight: wait for one to finish
        await this.#slot();
        continue;
      }
      if (pick < 0) {
        // nothing ready: wait for the answers in flight, then for the first chat or backoff
        if (this.#inFlight > 0) await this.#slot();
        else await this.#o.sleep(earliest - now);
        continue;
      }
      let job = this.#queue[pick]!;
      if (this.#o.gate) {
        const reserved = await this.#reserve(job, now);
        if (!reserved) continue;
      }
      // the queue may have changed while the gate was asked
      job = this.#queue.splice(this.#queue.indexOf(job), 1)[0]!;
      this.#bucket(job.msg.chatId, now).tokens -= 1;
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

  /** Asks the shared gate for the job's request; false: it (or everyone) waits. */
  async #reserve(job: Job, now: number): Promise<boolean> {
    let r;
    try {
      r = await this.#o.gate!.reserve(job.msg.chatId, now);
    } catch (err) {
      // the database did not answer: wait a little rather than send past the shared limits
      this.#o.onError?.(job.msg, err);
      r = { ok: false as const, retryAt: now + 1000, everyone: true };
    }
    if (r.ok) {
      job.slot = r.slot;
      return true;
    }
    if (r.everyone) this.#sharedUntil = Math.max(this.#sharedUntil, r.retryAt);
    else job.notBefore = Math.max(job.notBefore, r.retryAt);
    return false;
  }

  /**
   * The request was answered (or failed) now: that is when it counts against the limits — one
   * millisecond later, as the clock reads whole milliseconds and the answer may be most of one
   * past the reading.
   */
  #answered(job: Job): number {
    const chatId = job.msg.chatId;
    const now = this.#o.clock.now().getTime();
    const at = now + CLOCK_GRANULARITY_MS;
    this.#window.push(at);
    if (this.#o.gate && job.slot !== undefined) {
      const slot = job.slot;
      job.slot = undefined;
      this.track(this.#o.gate.answered(slot, at).catch((err: unknown) => this.#o.onError?.(job.msg, err)));
    }
    const b = this.#buckets.get(chatId);
    // no refill for the time in flight: the chat's second starts when Telegram had it
    if (b && b.at < at) b.at = at;
    return now;
  }

  async #dispatch(job: Job): Promise<void> {
    const { msg } = job;
    if (job.next === 0 && job.opts?.beforeAttempt) {
      let ours = false;
      try {
        ours = await job.opts.beforeAttempt();
      } catch (err) {
        this.#o.onError?.(msg, err);
      }
      if (!ours) {
        if (this.#o.gate && job.slot !== undefined) this.track(this.#o.gate.release(job.slot).catch((err: unknown) => this.#o.onError?.(msg, err)));
        job.resolve({ ok: false, error: "superseded", description: "the claim was taken over" });
        return;
      }
    }
    const part = job.parts[job.next]!;
    try {
      const id = await this.#request(msg, part);
      this.#answered(job);
      this.stats.requests++;
      job.ids.push(id);
      if (part.keyboard) job.keyboardId = id;
      job.next++;
      job.attempts = 0;
      if (job.next < job.parts.length) {
        // the next part of the same message goes before anything else for this chat
        this.#queue.unshift(job);
        return;
      }
      this.stats.sent++;
      job.resolve({ ok: true, messageId: job.keyboardId ?? job.ids[0] });
    } catch (e) {
      const now = this.#answered(job);
      const c = classifyError(e);
      if (c.kind === "retry_after") {
        this.stats.retried429++;
        job.tooMany++;
        this.#pausedUntil = Math.max(this.#pausedUntil, now + c.seconds * 1000);
        if (this.#o.gate) this.track(this.#o.gate.pause(this.#pausedUntil).catch((err: unknown) => this.#o.onError?.(msg, err)));
        if (job.tooMany < this.#o.max429) {
          this.#queue.unshift(job);
          return;
        }
        this.#give(job, "failed", `429 Too Many Requests ${job.tooMany} times`, e);
        return;
      }
      if (c.kind === "blocked") {
        this.stats.blocked++;
        try {
          await this.#o.onBlocked?.(msg, c.description);
        } catch (err) {
          this.#o.onError?.(msg, err);
        }
        job.resolve({ ok: false, error: "blocked", description: c.description });
        return;
      }
      job.attempts++;
      if (c.kind === "transient" && job.attempts < this.#o.maxAttempts) {
        this.stats.retriedTransient++;
        job.notBefore = now + this.#o.backoffMs * 2 ** (job.attempts - 1);
        this.#queue.unshift(job);
        return;
      }
      this.#give(job, c.kind === "fatal" ? "refused" : "failed", c.kind === "transient" ? `${c.description} (after ${job.attempts} attempts)` : c.description, e);
    }
  }

  #give(job: Job, error: "refused" | "failed", description: string, e: unknown): void {
    if (error === "refused") this.stats.refused++;
    else this.stats.failed++;
    this.#o.onError?.(job.msg, e);
    job.resolve({ ok: false, error, description });
  }

  async #request(msg: OutgoingMessage, part: Part): Promise<number> {
    const tg = this.#o.telegram;
    const extra: Record<string, unknown> = { parse_mode: "HTML" };
    if (part.keyboard && msg.keyboard) extra.reply_markup = msg.keyboard;
    if (part.text !== undefined) return (await tg.sendMessage(msg.chatId, part.text, { ...extra, link_preview_options: { is_disabled: true } })).message_id;
    const file = (msg.document ?? msg.photo)!;
    const input = { source: file.data, filename: file.fileName };
    const fileExtra = part.caption !== undefined ? { ...extra, caption: part.caption } : {};
    return (msg.document ? await tg.sendDocument(msg.chatId, input, fileExtra) : await tg.sendPhoto(msg.chatId, input, fileExtra)).message_id;
  }
}
