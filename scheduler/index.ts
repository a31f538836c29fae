import cron from "node-cron";
import type { Clock } from "../core/clock.ts";
import type { Db } from "../services/db.ts";
import type { Logger } from "../services/logger.ts";
import type { Outbox } from "../services/outbox.ts";
import { tick, type TickResult } from "./tick.ts";

// One node-cron task, every minute in UTC, that only calls tick(now). node-cron promises nothing
// across crashes or processes: the claims in tick do. `noOverlap` skips a minute while a long
// tick (a big digest morning) is still delivering. A tick that left messages over its budget is
// followed by the next one at once, not at the next minute: a cold morning's 3,000 messages go at
// Telegram's rate instead of one budget a minute (or two, when a tick runs past the minute).

export interface SchedulerDeps {
  db: Db;
  outbox: Outbox;
  clock: Clock;
  logger: Logger;
  /** each tick's budget (scheduler/tick.ts; default 1,200 messages) */
  maxMessages?: number;
}

export interface RunningScheduler {
  stop(): Promise<void>;
  /** the last tick's figures, for logs and tests */
  last(): TickResult | null;
  /** when the last tick finished without an error (webhook mode's /healthz) */
  lastAt(): Date | null;
  /** when node-cron fires next */
  nextRun(): Date | null;
  /** one tick now (and the ones right after it while it leaves work over its budget), exactly as the cron task runs it (operators, tests) */
  runOnce(): Promise<void>;
}

/**
 * The next tick goes at once: this one left messages over its budget and got on (claimed some, so
 * a run that can claim nothing — another instance holds it all — waits for the minute).
 */
export function continueAtOnce(r: TickResult): boolean {
  return r.left > 0 && r.claimed > 0;
}

export function startScheduler(deps: SchedulerDeps): RunningScheduler {
  let last: TickResult | null = null;
  let lastAt: Date | null = null;
  let running: Promise<void> | null = null;
  let stopping = false;
  const run = () => (running ??= once().finally(() => (running = null)));
  const once = async () => {
    do {
      try {
        last = await tick({ db: deps.db, outbox: deps.outbox, logger: deps.logger, clock: deps.clock, maxMessages: deps.maxMessages }, deps.clock.now());
        lastAt = deps.clock.now();
        if (last.failed > 0) deps.logger.warn({ tick: last }, "scheduler tick: not everything was delivered");
        else if (last.claimed > 0) deps.logger.info({ tick: last }, "scheduler tick");
      } catch (err) {
        // the claims make the next minute's tick pick up whatever this one left
        deps.logger.error({ err }, "scheduler tick failed");
        return;
      }
    } while (!stopping && continueAtOnce(last));
  };
  const task = cron.schedule("* * * * *", run, { timezone: "UTC", noOverlap: true, name: "vekha-scheduler" });
  return {
    async stop() {
      stopping = true;
      await task.stop();
      await task.destroy();
      // let a tick in progress record what it sent, so a restart does not send it again
      await running;
    },
    last: () => last,
    lastAt: () => lastAt,
    nextRun: () => task.getNextRun(),
    runOnce: run,
  };
}
