import type { Clock } from "../../core/clock.ts";
import type { ApiCall, FakeBotApi } from "../../test/support/fake-bot-api.ts";
import type { TelegramLike } from "./product.ts";

// Simulated minutes without waiting them. The clock runs at the machine's own pace while work is
// done (planning, claiming, rendering, HTTP to the emulator all count) and jumps over waits: the
// delivery queue's `sleep` first lets the requests in flight land, then moves the clock to the end
// of the wait at once. The emulator judges Telegram's limits by the same clock, so «30 a second»
// means 30 per simulated second. A wait is a jump to an absolute instant, so a sleep the queue
// abandoned (it raced it against a finished request) can only move time to a moment it had
// already planned to wake at.

export class JumpingClock implements Clock {
  #origin: number;
  #real0 = performance.now();
  #skipped = 0;
  #inFlight = 0;
  #landed: Array<() => void> = [];
  /** when each chat's request in flight was sent (the queue keeps one per chat in flight) */
  readonly sentAt = new Map<string, number>();

  constructor(start: Date) {
    this.#origin = start.getTime();
  }

  now(): Date {
    return new Date(this.#origin + performance.now() - this.#real0 + this.#skipped);
  }

  /** Moves the clock to `t` (ms) unless it is already later. */
  jumpTo(t: number): void {
    const d = t - this.now().getTime();
    if (d > 0) this.#skipped += d;
  }

  /** Simulated time spent jumping (not worked through). */
  get skippedMs(): number {
    return this.#skipped;
  }

  readonly sleep = async (ms: number): Promise<void> => {
    const target = this.now().getTime() + Math.max(0, ms);
    while (this.#inFlight > 0) await new Promise<void>((r) => this.#landed.push(r));
    this.jumpTo(target);
  };

  /** The Bot API client with its requests counted, so a sleep waits for them to land, and their send times noted. */
  track(tg: TelegramLike): TelegramLike {
    const wrap =
      <A extends [string | number, ...unknown[]], R>(f: (...a: A) => Promise<R>) =>
      async (...a: A): Promise<R> => {
        this.sentAt.set(String(a[0]), this.now().getTime());
        this.#inFlight++;
        try {
          return await f(...a);
        } finally {
          this.#inFlight--;
          for (const w of this.#landed.splice(0)) w();
        }
      };
    return { sendMessage: wrap(tg.sendMessage.bind(tg)), sendDocument: wrap(tg.sendDocument.bind(tg)), sendPhoto: wrap(tg.sendPhoto.bind(tg)) };
  }
}

export interface Arrival {
  chatId: string;
  /** simulated ms: when the queue sent it */
  sent: number;
  /** simulated ms: when the emulator had it */
  at: number;
  messageId: number;
  method: string;
}

const SENDS = new Set(["sendMessage", "sendPhoto", "sendDocument"]);
/** the queue's clock reading and the send's differ by microseconds */
const LEEWAY_MS = 5;

/**
 * Telegram's rate limits on the emulator, by the simulated clock: 30 messages in any second
 * overall, and per chat one a second with bursts of three; beyond them a 429 with retry_after 1.
 * Every part counts: a digest sent as a text and a photo is two messages. A request is judged by
 * the simulated moment it was sent (JumpingClock.track notes it), not by when this busy machine's
 * HTTP stack delivered it: the figure is the queue's pacing, not the bench machine's latency.
 */
export function enforceTelegramLimits(api: FakeBotApi, clock: JumpingClock) {
  const second = 1000 - LEEWAY_MS;
  const stats = { arrivals: [] as Arrival[], rejected429: 0, overall: 0, perChat: 0 };
  const window: number[] = [];
  const buckets = new Map<string, { tokens: number; at: number }>();
  api.handler = (call: ApiCall) => {
    if (!SENDS.has(call.method)) return undefined;
    const chat = String(call.params.chat_id);
    const now = clock.sentAt.get(chat) ?? clock.now().getTime();
    while (window.length > 0 && window[0]! <= now - second) window.shift();
    const b = buckets.get(chat) ?? { tokens: 3, at: now };
    b.tokens = Math.min(3, b.tokens + (now - b.at) / second);
    b.at = now;
    buckets.set(chat, b);
    if (window.length >= 30 || b.tokens < 1) {
      stats.rejected429++;
      if (window.length >= 30) stats.overall++;
      else stats.perChat++;
      return { status: 429, body: { ok: false, error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } } };
    }
    window.push(now);
    b.tokens -= 1;
    return undefined; // the emulator answers, checking lengths and buttons as Telegram does
  };
  api.onCall((call) => {
    // a 429 answered above is reported here too, without a message id
    if (SENDS.has(call.method) && call.params.__message_id !== undefined) stats.arrivals.push({ chatId: String(call.params.chat_id), sent: clock.sentAt.get(String(call.params.chat_id)) ?? clock.now().getTime(), at: clock.now().getTime(), messageId: Number(call.params.__message_id), method: call.method });
  });
  return stats;
}
