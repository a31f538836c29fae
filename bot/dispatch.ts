import type { Update } from "telegraf/types";

// Updates of different chats are handled at the same time; updates of one chat one after another,
// in the order they came. telegraf's own polling awaits a whole batch before it asks for the next
// one, so one slow call (a card edit that takes 20 s) would hold every other chat's answer.
// `push` returns once the update is queued — it waits only when too many are in flight.

/** The chat an update belongs to (its order key); updates without one run on their own. */
function chatKey(update: Update): string | null {
  const u = update as unknown as Record<string, unknown>;
  for (const field of ["message", "edited_message", "channel_post", "edited_channel_post", "my_chat_member", "chat_member", "chat_join_request", "message_reaction", "message_reaction_count", "chat_boost", "removed_chat_boost"]) {
    const chat = (u[field] as { chat?: { id?: number } } | undefined)?.chat;
    if (chat?.id !== undefined) return String(chat.id);
  }
  const cb = u.callback_query as { message?: { chat?: { id?: number } }; from?: { id?: number } } | undefined;
  if (cb?.message?.chat?.id !== undefined) return String(cb.message.chat.id);
  for (const field of ["callback_query", "inline_query", "chosen_inline_result", "shipping_query", "pre_checkout_query", "poll_answer"]) {
    const from = (u[field] as { from?: { id?: number }; user?: { id?: number } } | undefined)?.from;
    if (from?.id !== undefined) return `u${from.id}`;
  }
  return null;
}

export interface DispatcherOptions {
  /** updates queued or running at most; `push` waits beyond that */
  maxInFlight?: number;
  onError?: (err: unknown, update: Update) => void;
}

export class UpdateDispatcher {
  readonly #handle: (update: Update) => Promise<void>;
  readonly #max: number;
  readonly #onError: (err: unknown, update: Update) => void;
  readonly #tails = new Map<string, Promise<void>>();
  #inFlight = 0;
  #slotWaiters: Array<() => void> = [];
  #idleWaiters: Array<() => void> = [];

  constructor(handle: (update: Update) => Promise<void>, opts: DispatcherOptions = {}) {
    this.#handle = handle;
    this.#max = opts.maxInFlight ?? 100;
    this.#onError = opts.onError ?? (() => undefined);
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  /** Queues the update behind its chat's earlier ones; resolves when it is queued, not handled. */
  async push(update: Update): Promise<void> {
    while (this.#inFlight >= this.#max) await new Promise<void>((r) => this.#slotWaiters.push(r));
    this.#inFlight++;
    const key = chatKey(update);
    const run = async () => {
      try {
        await this.#handle(update);
      } catch (err) {
        this.#onError(err, update);
      }
    };
    const previous = key ? this.#tails.get(key) : undefined;
    const mine = (previous ? previous.then(run) : run()).finally(() => {
      if (key && this.#tails.get(key) === mine) this.#tails.delete(key);
      this.#inFlight--;
      this.#slotWaiters.shift()?.();
      if (this.#inFlight === 0) for (const w of this.#idleWaiters.splice(0)) w();
    });
    if (key) this.#tails.set(key, mine);
  }

  /** Resolves when nothing is queued or running, or after `timeoutMs` (false then). */
  idle(timeoutMs = Infinity): Promise<boolean> {
    if (this.#inFlight === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = Number.isFinite(timeoutMs) ? setTimeout(() => resolve(false), timeoutMs) : undefined;
      this.#idleWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}
