import cron from "node-cron";
import type { Clock } from "../core/clock.ts";
import type { Db } from "../services/db.ts";
import type { Logger } from "../services/logger.ts";
import type { Outbox } from "../services/outbox.ts";
import { tick, type TickResult } from "./tick.ts";

// One node-cron task, every minute in UTC, that only calls tick(now). node-cron promises nothing
// across crashes or processes: the claims in tick do. `noOverlap` skips a minute while a long
// tick (a big digest morning) is still delivering; the next one picks up what is left.

export interface SchedulerDeps {
  db: Db;
  outbox: Outbox;
  clock: Clock;
  logger: Logger;
}

export interface RunningScheduler {
  stop(): Promise<void>;
  /** the last tick's figures, for logs and tests */
  last(): TickResult | null;
  /** when the last tick finished without an error (webhook mode's /healthz) */
  lastAt(): Date | null;
  /** when node-cron fires next */
  nextRun(): Date | null;
  /** one tick now, exactly as the cron task runs it (operators, tests) */
  runOnce(): Promise<void>;
}

export function startScheduler(deps: SchedulerDeps): RunningScheduler {
  let last: TickResult | null = null;
  let lastAt: Date | null = null;
  let running: Promise<void> | null = null;
  const run = () => (running ??= once().finally(() => (running = null)));
  const once = async () => {
    try {
      last = await tick({ db: deps.db, outbox: deps.outbox, logger: deps.logger, clock: deps.clock }, deps.clock.now());
      lastAt = deps.clock.now();
      if (last.failed > 0) deps.logger.warn({ tick: last }, "scheduler tick: not everything was delivered");
      else if (last.claimed > 0) deps.logger.info({ tick: last }, "scheduler tick");
    } catch (err) {
      // the claims make the next minute's tick pick up whatever this one left
      deps.logger.error({ err }, "scheduler tick failed");
    }
  };
  const task = cron.schedule("* * * * *", run, { timezone: "UTC", noOverlap: true, name: "vekha-scheduler" });
  return {
    async stop() {
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
