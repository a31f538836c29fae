import type { Db } from "../services/db.ts";
import { pingDatabase } from "../services/processed-updates.ts";
import type { RunningScheduler } from "../scheduler/index.ts";
import type { Health } from "./webhook.ts";

// `GET /healthz` in webhook mode: 200 when the database answers a read and the scheduler (if on)
// has finished a tick lately, else 503 — with the same JSON either way, for whoever watches.

/** the scheduler ticks every minute: no finished tick for this long means it is stuck */
export const TICK_STALE_MS = 10 * 60_000;
const DB_CHECK_MS = 3000;

export interface HealthSources {
  db: Pick<Db, "$queryRawUnsafe">;
  scheduler: Pick<RunningScheduler, "lastAt"> | null;
  /** when the process started serving (a scheduler gets TICK_STALE_MS for its first tick) */
  startedAt: number;
  version: string;
  now?: () => number;
}

export async function checkHealth(s: HealthSources): Promise<Health> {
  const now = s.now?.() ?? Date.now();
  let database = "reachable";
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      pingDatabase(s.db),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error("no answer")), DB_CHECK_MS))),
    ]);
  } catch {
    database = "unreachable";
  } finally {
    clearTimeout(timer);
  }
  const lastTick = s.scheduler?.lastAt() ?? null;
  const since = now - (lastTick ? lastTick.getTime() : s.startedAt);
  const stale = s.scheduler !== null && since > TICK_STALE_MS;
  const ok = database === "reachable" && !stale;
  return {
    ok,
    body: {
      status: ok ? "ok" : "unavailable",
      version: s.version,
      database,
      scheduler: s.scheduler ? "on" : "off",
      lastTick: lastTick?.toISOString() ?? null,
      ...(stale ? { problem: `no scheduler tick for ${Math.round(since / 60_000)} minutes` } : {}),
    },
  };
}
