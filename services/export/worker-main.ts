import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { openDb } from "../db.ts";
import { translator, type Lang } from "../i18n.ts";
import type { ProgressSummary } from "../progress.ts";
import type { ExportFormat } from "./common.ts";
import { NothingToExport, RoadmapNotFound, writeExport, type ExportRequest, type WrittenExport } from "./index.ts";

// Inside an export's worker: one export, then the worker ends. It opens the database itself (a client
// cannot cross threads), writes the files where it is told and says what it wrote.

export interface ExportJob {
  databaseUrl: string;
  request: Omit<ExportRequest, "tr"> & { lang: Lang };
  /** each file goes to `file` (or `dir`/<its name>), with `suffix` added: the caller renames it when whole */
  where: { dir?: string; file?: string; suffix?: string };
}

export type ExportFailure =
  | { kind: "not-found" }
  | { kind: "nothing"; roadmapTitle: string; narrowed: boolean }
  /** a file system error (the CLI names the file it could not write) */
  | { kind: "fs"; code: string; syscall: string; message: string }
  | { kind: "crash"; message: string };

export type ExportMessage =
  /** the figures, before the rows are read */
  | { kind: "summary"; summary: ProgressSummary }
  /** about to write this file (so the caller can remove it if the worker dies half-way) */
  | { kind: "file"; path: string }
  | { kind: "done"; result: WrittenExport }
  | { kind: "failed"; failure: ExportFailure };

function failureOf(e: unknown): ExportFailure {
  if (e instanceof RoadmapNotFound) return { kind: "not-found" };
  if (e instanceof NothingToExport) return { kind: "nothing", roadmapTitle: e.roadmapTitle, narrowed: e.narrowed };
  const err = e as NodeJS.ErrnoException;
  if (typeof err?.code === "string" && typeof err.syscall === "string") return { kind: "fs", code: err.code, syscall: err.syscall, message: err.message };
  return { kind: "crash", message: e instanceof Error ? (e.stack ?? e.message) : String(e) };
}

async function run(job: ExportJob): Promise<ExportMessage> {
  const send = (m: ExportMessage) => parentPort!.postMessage(m);
  const db = await openDb(job.databaseUrl);
  try {
    const { lang, ...request } = job.request;
    const { dir, file, suffix = "" } = job.where;
    const result = await writeExport(
      db,
      { ...request, tr: translator(lang) },
      {
        fileFor: (_format: ExportFormat, fileName: string) => {
          const target = `${path.resolve(file ?? path.join(dir ?? ".", fileName))}${suffix}`;
          send({ kind: "file", path: target });
          return target;
        },
        onSummary: (summary) => send({ kind: "summary", summary }),
      },
    );
    return { kind: "done", result };
  } catch (e) {
    return { kind: "failed", failure: failureOf(e) };
  } finally {
    await db.$disconnect();
  }
}

const job = (workerData as { job: ExportJob }).job;
parentPort!.postMessage(await run(job).catch((e: unknown): ExportMessage => ({ kind: "failed", failure: failureOf(e) })));
