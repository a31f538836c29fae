import type { Update } from "telegraf/types";
import { logFailure, type Logger } from "../services/logger.ts";
import { classifyTelegramError } from "../services/telegram-retry.ts";
import type { BotApi } from "./telegram.ts";
import { UpdateDispatcher } from "./dispatch.ts";

// Long polling: getUpdates in a loop, each batch handed to the dispatcher (chats concurrently,
// each chat in order), the next batch asked for at once. Fetching the next batch confirms the
// previous one to Telegram; the update_id de-duplication covers a crash in between.

export interface Runner {
  /** stops taking updates, lets those in hand finish (within `graceMs`) */
  stop(graceMs?: number): Promise<void>;
  /** settles when the runner stops; rejects when it cannot go on (the token was refused) */
  done: Promise<void>;
  dispatcher: UpdateDispatcher;
}

export class BotApiRefused extends Error {}

export interface PollingOptions {
  logger: Logger;
  handle: (update: Update) => Promise<void>;
  /** seconds Telegram holds an empty getUpdates */
  longPollSeconds?: number;
  maxInFlight?: number;
  /** the longest pause between failed getUpdates */
  maxBackoffMs?: number;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(t);
      resolve();
    }, { once: true });
  });
}

export async function runPolling(telegram: BotApi, opts: PollingOptions): Promise<Runner> {
  const { logger } = opts;
  const dispatcher = new UpdateDispatcher(opts.handle, {
    ...(opts.maxInFlight ? { maxInFlight: opts.maxInFlight } : {}),
    onError: (err, update) => logger.error({ err, updateId: update.update_id }, "update failed"),
  });
  const abort = new AbortController();
  let offset = 0;
  await telegram.deleteWebhook();

  const loop = async () => {
    let backoff = 1000;
    while (!abort.signal.aborted) {
      let updates: Update[];
      try {
        updates = await telegram.callApi("getUpdates", { timeout: opts.longPollSeconds ?? 50, offset, allowed_updates: [] }, { signal: abort.signal as never });
      } catch (err) {
        if (abort.signal.aborted) return;
        const code = (err as { response?: { error_code?: number } }).response?.error_code;
        if (code === 401 || code === 404) throw new BotApiRefused("BOT_TOKEN: Telegram no longer accepts this token (check it with @BotFather)");
        const failure = classifyTelegramError(err);
        const wait = failure.kind === "retry_after" ? failure.seconds * 1000 : backoff;
        // 409: another instance polls with this token, or a webhook is set
        logger.warn({ err, retryInMs: wait }, code === 409 ? "getUpdates refused: another instance is running with this token" : "getUpdates failed");
        await sleep(wait, abort.signal);
        backoff = Math.min(backoff * 2, opts.maxBackoffMs ?? 30_000);
        continue;
      }
      backoff = 1000;
      for (const update of updates) {
        offset = Math.max(offset, update.update_id + 1);
        await dispatcher.push(update);
      }
    }
  };
  const done = loop();
  // its failure is reported by whoever awaits `done` (bot/main.ts): this only keeps it from being unhandled
  done.catch(() => undefined);

  return {
    dispatcher,
    done,
    async stop(graceMs = 10_000) {
      abort.abort();
      // the loop's failure, if any, was reported through `done` already
      await done.catch(() => undefined);
      const finished = await dispatcher.idle(graceMs);
      if (!finished) logger.warn({ inFlight: dispatcher.inFlight }, "stopping with updates still in hand");
      // confirm what was taken, so a restart does not get it again
      if (offset > 0) await telegram.callApi("getUpdates", { offset, limit: 1, timeout: 0 }).catch(logFailure(logger, "confirming the updates taken (a restart may get them again)"));
    },
  };
}
