// How a failed Bot API call is treated, the same way for replies (bot/telegram.ts) as for the
// delivery queue (scheduler/delivery.ts has its own copy of `classify`): 429 waits `retry_after`,
// 5xx and network failures (dropped connection, refused, no answer in time) are tried again with
// backoff, 403 means the person blocked the bot, anything else is final.

export type TelegramFailure =
  | { kind: "retry_after"; seconds: number }
  | { kind: "blocked"; description: string }
  | { kind: "transient" }
  | { kind: "fatal" };

interface ErrorShape {
  response?: { error_code?: number; description?: string; parameters?: { retry_after?: number } };
}

export function classifyTelegramError(e: unknown): TelegramFailure {
  const response = (e as ErrorShape)?.response;
  const code = response?.error_code;
  if (typeof code !== "number") return { kind: "transient" }; // network: reset, refused, dropped, timed out
  if (code === 429) return { kind: "retry_after", seconds: Math.max(0, response?.parameters?.retry_after ?? 1) };
  if (code === 403) return { kind: "blocked", description: response?.description ?? "Forbidden" };
  if (code >= 500) return { kind: "transient" };
  return { kind: "fatal" };
}

export interface RetryPolicy {
  /** tries in all, the first included */
  attempts: number;
  /** first backoff after a transient failure; doubles each time */
  backoffMs: number;
  /** a 429 asking to wait longer than this is not waited for (the caller hears the error) */
  maxRetryAfterMs: number;
  /** the whole call, retries included, gives up after this */
  totalMs: number;
}

export const REPLY_RETRY: RetryPolicy = { attempts: 4, backoffMs: 500, maxRetryAfterMs: 30_000, totalMs: 60_000 };

/**
 * Runs `call` until it succeeds, a failure is final, or the policy is spent. `canRetry` is asked
 * before each new try (e.g. a stream upload cannot be sent twice).
 */
export async function withTelegramRetry<T>(
  call: () => Promise<T>,
  policy: RetryPolicy,
  opts: { sleep?: (ms: number) => Promise<void>; canRetry?: () => boolean; onRetry?: (err: unknown, waitMs: number, attempt: number) => void } = {},
): Promise<T> {
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      const failure = classifyTelegramError(err);
      let wait: number;
      if (failure.kind === "retry_after") wait = failure.seconds * 1000;
      else if (failure.kind === "transient") wait = policy.backoffMs * 2 ** (attempt - 1);
      else throw err;
      if (failure.kind === "retry_after" && wait > policy.maxRetryAfterMs) throw err;
      if (attempt >= policy.attempts || Date.now() - started + wait > policy.totalMs) throw err;
      if (opts.canRetry && !opts.canRetry()) throw err;
      opts.onRetry?.(err, wait, attempt);
      await sleep(wait);
    }
  }
}
