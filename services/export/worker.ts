import { Worker } from "node:worker_threads";
import type { ProgressSummary } from "../progress.ts";
import { NothingToExport, RoadmapNotFound, type ExportRequest, type WrittenExport } from "./index.ts";
import type { ExportFailure, ExportJob, ExportMessage } from "./worker-main.ts";

// An export is written in a worker thread of its own, with its own heap limit: a region's table
// (100,000 rows) needs a few hundred MB while it is built, which the instance's heap then never has
// to hold (so the instance can run under a tight --max-old-space-size). One worker per export, ended
// when the export is: the memory goes back with it. Exports wait for each other (one worker at a time),
// so two of them never need twice the memory. A worker over its limit is ended and the export refused
// with ExportTooLarge; the caller removes what was being written (the files it was told of).

const BOOT = new URL("../worker-boot.mjs", import.meta.url);
const ENTRY = new URL("./worker-main.ts", import.meta.url).href;

/** The export did not fit in its worker's heap (EXPORT_MEMORY_MB). */
export class ExportTooLarge extends Error {
  constructor(readonly memoryMb: number) {
    super(`the export needs more than the export worker's ${memoryMb} MB`);
  }
}

export interface WorkerExportOptions {
  /** the worker's V8 heap (old generation), MB */
  memoryMb: number;
  /** each file goes to `file` (one format) or `dir`/<its name>, with `suffix` added */
  where: ExportJob["where"];
  /** called once the figures are known, before the rows are read (the chat says a big export takes a while) */
  onSummary?: (summary: ProgressSummary) => Promise<void> | void;
  /** each file's path as the worker starts it: what to remove if the export fails */
  onFile?: (path: string) => void;
}

let queue: Promise<unknown> = Promise.resolve();

/** writeExport (./index.ts) in a worker thread that opens `databaseUrl` itself. */
export function exportInWorker(databaseUrl: string, req: ExportRequest, opts: WorkerExportOptions): Promise<WrittenExport> {
  const job = queue.then(() => run(databaseUrl, req, opts));
  // the caller gets the export's failure; the queue only waits for its end
  queue = job.catch(() => undefined);
  return job;
}

function run(databaseUrl: string, { tr, ...request }: ExportRequest, opts: WorkerExportOptions): Promise<WrittenExport> {
  const job: ExportJob = { databaseUrl, request: { ...request, lang: tr.lang }, where: opts.where };
  const worker = new Worker(BOOT, {
    workerData: { entry: ENTRY, job },
    // the parent's flags (tsx's loader, vitest's, the instance's heap limit) are not for the worker
    execArgv: [],
    resourceLimits: { maxOldGenerationSizeMb: opts.memoryMb },
  });
  return new Promise<WrittenExport>((resolve, reject) => {
    let summarized: Promise<void> = Promise.resolve();
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      // the summary's answer (the chat's «preparing…») goes before the files, or before the refusal
      void summarized.then(fn, (e: unknown) => reject(e as Error));
    };
    worker.on("message", (m: ExportMessage) => {
      if (m.kind === "summary") summarized = summarized.then(() => opts.onSummary?.(m.summary));
      else if (m.kind === "file") opts.onFile?.(m.path);
      else if (m.kind === "done") settle(() => resolve(m.result));
      else settle(() => reject(errorOf(m.failure)));
    });
    worker.on("error", (err: Error) => {
      const oom = (err as NodeJS.ErrnoException).code === "ERR_WORKER_OUT_OF_MEMORY";
      settle(() => reject(oom ? new ExportTooLarge(opts.memoryMb) : err));
    });
    worker.on("exit", (code) => settle(() => reject(new Error(`the export worker stopped (exit code ${code})`))));
  });
}

function errorOf(f: ExportFailure): Error {
  switch (f.kind) {
    case "not-found":
      return new RoadmapNotFound("roadmap not found");
    case "nothing":
      return new NothingToExport(f.roadmapTitle, f.narrowed);
    case "fs":
      return Object.assign(new Error(f.message), { code: f.code, syscall: f.syscall });
    case "crash":
      return new Error(`export worker: ${f.message}`);
  }
}
