import { AsyncLocalStorage } from "node:async_hooks";

// What one piece of work (a chat update) did to the database: whether a write of it was
// committed, and whether it had to wait for another process's write lock. The database layer
// (services/sqlite-busy.ts) reports into the activity of the async context it runs in, so the
// bot's error boundary knows whether a failed update changed anything (never «try again» for an
// action that was saved), and whether it failed only because the database was busy.

export interface DbActivity {
  /** a write of this work was committed */
  committed: boolean;
  /** the longest this work has waited so far for another process's lock, in ms */
  busyWaitedMs: number;
  /** called while waiting for a lock (with the time waited so far), e.g. to tell the user once */
  onBusy?: (waitedMs: number) => void;
}

const storage = new AsyncLocalStorage<DbActivity>();

export function newActivity(onBusy?: (waitedMs: number) => void): DbActivity {
  return { committed: false, busyWaitedMs: 0, ...(onBusy ? { onBusy } : {}) };
}

/** Runs `fn` with database activity recorded into `activity`. */
export function withActivity<T>(activity: DbActivity, fn: () => PromiseLike<T>): Promise<T> {
  // awaited inside: a Prisma query is lazy and starts in the context that awaits it
  return storage.run(activity, async () => await fn());
}

/**
 * Runs `fn` so that its writes do not count as the work's own (idempotent bookkeeping such as
 * remembering a chat id): a lock wait is still reported, a commit is not.
 */
export function incidental<T>(fn: () => PromiseLike<T>): Promise<T> {
  const parent = storage.getStore();
  const child: DbActivity = { committed: false, busyWaitedMs: 0 };
  if (parent) child.onBusy = (ms) => {
    parent.busyWaitedMs = Math.max(parent.busyWaitedMs, ms);
    parent.onBusy?.(ms);
  };
  return storage.run(child, async () => await fn());
}

/** Runs `fn` outside any work (background bookkeeping that nobody waits for). */
export function detached<T>(fn: () => PromiseLike<T>): Promise<T> {
  return storage.exit(async () => await fn());
}

export function currentActivity(): DbActivity | undefined {
  return storage.getStore();
}
