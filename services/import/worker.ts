import { Worker } from "node:worker_threads";
import { ImportError, type ImportOptions } from "../../core/import/index.ts";
import { DocumentError } from "../../core/readers/errors.ts";
import { tooLarge } from "../../core/readers/limits.ts";
import type { ImportResult } from "../../core/types.ts";
import type { ImportJob, ImportReply } from "./worker-main.ts";

// An uploaded document is read and imported in a worker thread, so a slow or hostile file never holds
// the event loop that answers everybody else. The worker has a heap limit and every job a time limit:
// past either the worker is ended (a new one starts for the next job) and the upload is refused with
// DocumentError `too_large` naming the limit. One worker, kept between jobs (starting one costs the
// loading of the readers), one job at a time: uploads are rare.

export interface WorkerLimits {
  /** per job, from the moment the worker takes it */
  timeMs: number;
  /** the worker's V8 heap (old generation) */
  memoryMb: number;
}

const DEFAULT_WORKER_LIMITS: WorkerLimits = { timeMs: 20_000, memoryMb: 512 };

const BOOT = new URL("../worker-boot.mjs", import.meta.url);
const ENTRY = new URL("./worker-main.ts", import.meta.url).href;

interface Running {
  worker: Worker;
  /** resolves when the worker has loaded the readers: a job's time is counted from there */
  ready: Promise<void>;
}

export class ImportWorker {
  private running: Running | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;

  constructor(private readonly limits: WorkerLimits = DEFAULT_WORKER_LIMITS) {}

  /** readDocument + importDocument off the main thread; throws DocumentError or ImportError like they do. */
  import(fileName: string, bytes: Buffer, options: ImportOptions): Promise<ImportResult> {
    const job = this.queue.then(() => this.run(fileName, bytes, options));
    // the caller gets the job's failure; the queue only waits for its end
    this.queue = job.catch(() => undefined);
    return job;
  }

  /** Ends the worker (tests, shutdown); the next job starts a new one. */
  async close(): Promise<void> {
    const r = this.running;
    this.running = null;
    if (r) await r.worker.terminate();
  }

  private spawn(): Running {
    const w = new Worker(BOOT, {
      workerData: { entry: ENTRY },
      // the parent's flags (tsx's loader, vitest's) are not for the worker: it registers tsx itself
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: this.limits.memoryMb },
    });
    w.unref(); // an idle worker does not keep the process alive
    // a worker that dies while idle (out of memory while preloading) is dropped, never an unhandled 'error'
    const forget = () => {
      if (this.running?.worker === w) this.running = null;
    };
    w.on("error", forget).on("exit", forget);
    const ready = new Promise<void>((resolve, reject) => {
      const onMessage = (m: unknown) => m === "ready" && settle(resolve);
      const onFail = (e: unknown) => settle(() => reject(e instanceof Error ? e : new Error(`the import worker stopped (exit code ${String(e)})`)));
      const settle = (fn: () => void) => {
        w.off("message", onMessage).off("error", onFail).off("exit", onFail);
        fn();
      };
      w.on("message", onMessage).on("error", onFail).on("exit", onFail);
    });
    return { worker: w, ready };
  }

  private async run(fileName: string, bytes: Buffer, options: ImportOptions): Promise<ImportResult> {
    const running = (this.running ??= this.spawn());
    const worker = running.worker;
    worker.ref(); // a job in progress (and the start of its worker) keeps the process alive
    try {
      await running.ready;
    } catch (e) {
      if (this.running === running) this.running = null;
      worker.unref();
      throw (e as NodeJS.ErrnoException).code === "ERR_WORKER_OUT_OF_MEMORY" ? tooLarge(fileName, "memory", this.limits.memoryMb) : e;
    }
    const id = this.nextId++;
    return new Promise<ImportResult>((resolve, reject) => {
      const done = (fn: () => void) => {
        clearTimeout(timer);
        worker.off("message", onMessage).off("error", onError).off("exit", onExit);
        worker.unref();
        fn();
      };
      const drop = () => {
        if (this.running === running) this.running = null;
        void worker.terminate();
      };
      const onMessage = (reply: ImportReply) => {
        if (reply.id !== id) return;
        done(() => (reply.ok ? resolve(reply.result) : reject(errorOf(reply))));
      };
      const onError = (err: Error) => {
        drop();
        const oom = (err as NodeJS.ErrnoException).code === "ERR_WORKER_OUT_OF_MEMORY";
        done(() => reject(oom ? tooLarge(fileName, "memory", this.limits.memoryMb) : err));
      };
      const onExit = (code: number) => {
        if (this.running === running) this.running = null;
        done(() => reject(new Error(`the import worker stopped (exit code ${code})`)));
      };
      const timer = setTimeout(() => {
        drop();
        done(() => reject(tooLarge(fileName, "time", Math.max(1, Math.ceil(this.limits.timeMs / 1000)))));
      }, this.limits.timeMs);
      worker.on("message", onMessage).on("error", onError).on("exit", onExit);
      // a copy of the bytes is handed over (transferred), not cloned again on the way
      const message: ImportJob = { id, fileName, bytes: new Uint8Array(bytes), options };
      worker.postMessage(message, [message.bytes.buffer as ArrayBuffer]);
    });
  }
}

function errorOf(reply: Exclude<ImportReply, { ok: true }>): Error {
  if (reply.kind === "document") return new DocumentError(reply.code, reply.fileName, reply.message, reply.detail);
  if (reply.kind === "import") return new ImportError(reply.code, reply.message);
  return new Error(`import worker: ${reply.message}`);
}

let shared: ImportWorker | null = null;

/** The process's import worker (started on first use). */
export function importWorker(): ImportWorker {
  return (shared ??= new ImportWorker());
}
