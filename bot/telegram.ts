import { Telegram } from "telegraf";
import type { Opts, Telegram as ApiMethods } from "telegraf/types";
import { redactError } from "../services/redact.ts";
import { withTelegramRetry, type RetryPolicy } from "../services/telegram-retry.ts";

// Every Bot API call has a time-out (a Bot API that accepts the connection and never answers
// must not hang the bot), and every error that leaves it is stripped of the token (telegraf puts
// the token in the URL, and errors can echo it). Replies to users are also tried again on 429,
// 5xx and dropped connections (services/telegram-retry.ts); the delivery queue has its own retries.

export interface BotApiPolicy {
  /** an ordinary call */
  timeoutMs: number;
  /** file uploads (a document, a photo) */
  uploadTimeoutMs: number;
  /** null: fail at once (the caller retries, as the delivery queue does) */
  retry: RetryPolicy | null;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

export function botApiPolicy(timeoutMs = DEFAULT_TIMEOUT_MS, retry: RetryPolicy | null = null): BotApiPolicy {
  return { timeoutMs, uploadTimeoutMs: Math.max(timeoutMs, 4 * timeoutMs), retry };
}

type CallOptions = NonNullable<Parameters<Telegram["callApi"]>[2]>;

/** A call that got no answer in time (the connection is dropped). */
export class BotApiTimeoutError extends Error {
  readonly code = "ETIMEDOUT";
  constructor(
    readonly method: string,
    readonly timeoutMs: number,
  ) {
    super(`Bot API ${method}: no answer in ${timeoutMs < 10_000 ? (timeoutMs / 1000).toFixed(1) : Math.round(timeoutMs / 1000)} s`);
    this.name = "BotApiTimeoutError";
  }
}

const UPLOADS = new Set(["sendDocument", "sendPhoto", "sendMediaGroup", "sendVideo", "sendAudio", "sendVoice", "sendAnimation"]);

/** Whether a payload streams a file (a stream can be read only once: no retry). */
function streams(payload: unknown): boolean {
  if (!payload || typeof payload !== "object") return false;
  return Object.values(payload as Record<string, unknown>).some((v) => {
    const source = (v as { source?: unknown } | null)?.source;
    return typeof (source as { pipe?: unknown } | undefined)?.pipe === "function";
  });
}

export class BotApi extends Telegram {
  readonly policy: BotApiPolicy;

  constructor(token: string, options: ConstructorParameters<typeof Telegram>[1], policy: BotApiPolicy) {
    super(token, options);
    this.policy = policy;
  }

  /** The same connection settings and time-outs, with another retry policy (replies). */
  withRetry(retry: RetryPolicy | null): BotApi {
    return new BotApi(this.token, this.options, { ...this.policy, retry });
  }

  override async callApi<M extends keyof ApiMethods>(method: M, payload: Opts<M>, opts: CallOptions = {}): Promise<ReturnType<ApiMethods[M]>> {
    if (method === "answerCallbackQuery") return this.#answerCallback(method, payload, opts);
    const once = () => this.#once(method, payload, opts);
    const retry = this.policy.retry;
    if (!retry || method === "getUpdates") return once();
    return withTelegramRetry(once, retry, { canRetry: () => !streams(payload) && !opts.signal?.aborted });
  }

  /**
   * A button's spinner that can no longer be answered (Telegram allows a few seconds; the work may
   * have waited for a busy database) is not a failure of the action: the answer that follows is.
   */
  async #answerCallback<M extends keyof ApiMethods>(method: M, payload: Opts<M>, opts: CallOptions): Promise<ReturnType<ApiMethods[M]>> {
    try {
      return await this.#once(method, payload, opts);
    } catch (err) {
      const description = (err as { response?: { error_code?: number; description?: string } }).response;
      if (description?.error_code === 400 && /query is too old|query id is invalid/i.test(description.description ?? "")) {
        return true as ReturnType<ApiMethods[M]>;
      }
      throw err;
    }
  }

  async #once<M extends keyof ApiMethods>(method: M, payload: Opts<M>, opts: CallOptions): Promise<ReturnType<ApiMethods[M]>> {
    // getUpdates holds the request for its long-poll time on purpose
    const longPoll = method === "getUpdates" ? Number((payload as { timeout?: number }).timeout ?? 0) * 1000 : 0;
    const timeoutMs = longPoll + (UPLOADS.has(method) ? this.policy.uploadTimeoutMs : this.policy.timeoutMs);
    const timer = AbortSignal.timeout(timeoutMs);
    const outer = opts.signal as globalThis.AbortSignal | undefined;
    const signal = outer ? AbortSignal.any([outer, timer]) : timer;
    try {
      return await super.callApi(method, payload, { signal: signal as unknown as CallOptions["signal"] });
    } catch (err) {
      if (timer.aborted && !outer?.aborted) throw new BotApiTimeoutError(method, timeoutMs);
      throw redactError(err);
    }
  }
}
