import { currentActivity } from "./db-activity.ts";

// Both database adapters report into the current DbActivity (services/db-activity.ts) which of the
// work's writes were committed and how long it waited for another process's lock, by watching the
// statements Prisma sends through them.

const WRITE = /^\s*(INSERT|UPDATE|DELETE|REPLACE)\b/i;
const COMMIT = /^\s*(COMMIT|END)\b/i;

function reportCommit(): void {
  const activity = currentActivity();
  if (activity) activity.committed = true;
}

export function reportWait(waitedMs: number): void {
  const activity = currentActivity();
  if (!activity) return;
  activity.busyWaitedMs = Math.max(activity.busyWaitedMs, waitedMs);
  activity.onBusy?.(waitedMs);
}

/** After a statement succeeded: a write outside a transaction is committed; inside one, at COMMIT. */
export function afterStatement(sql: string, tx: { wrote: boolean } | null): void {
  if (WRITE.test(sql)) {
    if (tx) tx.wrote = true;
    else reportCommit();
  } else if (tx && tx.wrote && COMMIT.test(sql)) reportCommit();
}
