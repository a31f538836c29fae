import type { MiddlewareFn } from "telegraf";
import { newActivity, withActivity, type DbActivity } from "../services/db-activity.ts";
import { isBusyError } from "../services/sqlite-errors.ts";
import type { BotContext } from "./context.ts";

// The work of an update runs with its database activity recorded (services/db-activity.ts):
// the error boundary then knows whether anything of it was committed. Work that failed only
// because another process held the database, and committed nothing, is simply done again a
// little later; the user is told once that the database is busy and the answer will follow.

export interface BusyRetryPolicy {
  /** the work is given up after this, in all */
  totalMs: number;
  firstDelayMs: number;
  maxDelayMs: number;
  /** the user hears «база занята» once the work has waited this long */
  tellAfterMs: number;
}

const DEFAULT_BUSY_RETRY: BusyRetryPolicy = { totalMs: 60_000, firstDelayMs: 1000, maxDelayMs: 8000, tellAfterMs: 1000 };

const outcomes = new WeakMap<object, DbActivity>();

/** What the update's work did to the database (for the error boundary). */
export function workOutcome(ctx: BotContext): DbActivity | undefined {
  return outcomes.get(ctx);
}

async function tellBusy(ctx: BotContext): Promise<void> {
  if (!ctx.chat) return;
  try {
    await ctx.reply(ctx.tr.t("db-busy-wait"));
  } catch (err) {
    ctx.deps.logger.warn({ err, updateId: ctx.update.update_id }, "could not say that the database is busy");
  }
}

export function retryWhenBusy(work: MiddlewareFn<BotContext>, policy: Partial<BusyRetryPolicy> = {}): MiddlewareFn<BotContext> {
  const p = { ...DEFAULT_BUSY_RETRY, ...policy };
  // the work is the last middleware: what follows it is nothing (and a retry must not call it twice)
  const end = async () => undefined;
  return async (ctx) => {
    const started = Date.now();
    let told = false;
    const tell = () => {
      if (told) return;
      told = true;
      void tellBusy(ctx);
    };
    let delay = p.firstDelayMs;
    for (;;) {
      const activity = newActivity((waitedMs) => {
        if (waitedMs >= p.tellAfterMs) tell();
      });
      outcomes.set(ctx, activity);
      try {
        await withActivity(activity, async () => await work(ctx, end));
        return;
      } catch (err) {
        if (activity.committed || !isBusyError(err) || Date.now() - started + delay > p.totalMs) throw err;
        ctx.deps.logger.info({ updateId: ctx.update.update_id, retryInMs: delay }, "database busy: the update will be tried again");
        tell();
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, p.maxDelayMs);
      }
    }
  };
}
