import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { afterStatement, reportWait } from "./adapter-activity.ts";
import { sqliteErrorCode } from "./sqlite-errors.ts";

// better-sqlite3 is synchronous: with a long busy timeout, a statement that meets another
// process's write lock (a CLI import, a backup) stops the whole event loop until the lock is free.
// So the connection gets a busy timeout of a few milliseconds, and this adapter retries a busy
// statement asynchronously, with backoff, for a bounded time — other chats go on meanwhile. In
// WAL mode reads never need the lock. A busy statement changed nothing, so retrying it is safe.
// It also reports committed writes and lock waits to the current DbActivity.

type Adapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type Tx = Awaited<ReturnType<Adapter["startTransaction"]>>;
type Query = Parameters<Adapter["queryRaw"]>[0];

export interface BusyPolicy {
  /** how long one statement outside a transaction waits for the lock, in all */
  statementWaitMs: number;
  /** inside a transaction: Prisma closes an interactive transaction after 5 s */
  transactionWaitMs: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_BUSY_POLICY: BusyPolicy = { statementWaitMs: 15_000, transactionWaitMs: 3_000, firstDelayMs: 20, maxDelayMs: 500 };

async function retryBusy<T>(run: () => Promise<T>, maxWaitMs: number, policy: BusyPolicy): Promise<T> {
  const started = Date.now();
  let delay = policy.firstDelayMs;
  for (;;) {
    try {
      return await run();
    } catch (err) {
      // only a plain SQLITE_BUSY: a stale snapshot (SQLITE_BUSY_SNAPSHOT) needs the whole transaction again
      if (sqliteErrorCode(err) !== "SQLITE_BUSY") throw err;
      const waited = Date.now() - started;
      if (waited + delay > maxWaitMs) throw err;
      reportWait(waited + delay);
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, policy.maxDelayMs);
    }
  }
}

function wrapQueryable(q: Adapter | Tx, maxWaitMs: number, policy: BusyPolicy, tx: { wrote: boolean } | null): void {
  const queryRaw = q.queryRaw.bind(q);
  const executeRaw = q.executeRaw.bind(q);
  const after = (query: Query) => afterStatement(query.sql, tx);
  q.queryRaw = async (query: Query) => {
    const result = await retryBusy(() => queryRaw(query), maxWaitMs, policy);
    after(query);
    return result;
  };
  q.executeRaw = async (query: Query) => {
    const result = await retryBusy(() => executeRaw(query), maxWaitMs, policy);
    after(query);
    return result;
  };
}

/** PrismaBetterSQLite3 whose statements wait for another process's lock without blocking. */
export class BusyAwareSqlite extends PrismaBetterSQLite3 {
  readonly #policy: BusyPolicy;

  constructor(file: string, policy: BusyPolicy = DEFAULT_BUSY_POLICY) {
    // a few milliseconds of synchronous busy waiting at most; the rest is asynchronous
    super({ url: file, timeout: 10 });
    this.#policy = policy;
  }

  override async connect(): Promise<Adapter> {
    const adapter = await super.connect();
    // LIKE (Prisma's contains / startsWith / endsWith) case-sensitive for ASCII too, as on PostgreSQL:
    // text is folded in code (the `search` columns), never by the database
    await adapter.executeScript("PRAGMA case_sensitive_like = ON");
    const policy = this.#policy;
    wrapQueryable(adapter, policy.statementWaitMs, policy, null);
    const start = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      const tx = await start(isolationLevel);
      wrapQueryable(tx, policy.transactionWaitMs, policy, { wrote: false });
      return tx;
    };
    return adapter;
  }
}
