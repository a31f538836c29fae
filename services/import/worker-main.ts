import { parentPort } from "node:worker_threads";
import { ImportError, importDocument, type ImportOptions } from "../../core/import/index.ts";
import { DocumentError, readDocument } from "../../core/readers/detect.ts";
import type { ImportResult } from "../../core/types.ts";
import { importWorkbookUpload } from "../../core/workbook/index.ts";

// Inside the import worker: one job at a time, bytes in, an ImportResult or a typed refusal out.

export interface ImportJob {
  id: number;
  fileName: string;
  bytes: Uint8Array;
  options: ImportOptions;
}

export type ImportReply =
  | { id: number; ok: true; result: ImportResult }
  | { id: number; ok: false; kind: "document"; code: DocumentError["code"]; fileName: string; message: string; detail: DocumentError["detail"] }
  | { id: number; ok: false; kind: "import"; code: ImportError["code"]; message: string }
  | { id: number; ok: false; kind: "crash"; message: string };

async function run(job: ImportJob): Promise<ImportReply> {
  try {
    const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
    // read first, so the limits hold for a workbook too; the canonical roadmap workbook (known by its
    // header row) then gives exactly its rows
    const doc = await readDocument(job.fileName, bytes);
    const workbook = doc.format === "xlsx" ? await importWorkbookUpload(job.fileName, bytes, job.options) : null;
    return { id: job.id, ok: true, result: workbook ?? importDocument(doc, job.options) };
  } catch (e) {
    if (e instanceof DocumentError) {
      // the message without the «file: » prefix the constructor adds back on the other side
      const message = e.message.slice(e.fileName.length + 2);
      return { id: job.id, ok: false, kind: "document", code: e.code, fileName: e.fileName, message, detail: e.detail };
    }
    if (e instanceof ImportError) return { id: job.id, ok: false, kind: "import", code: e.code, message: e.message };
    return { id: job.id, ok: false, kind: "crash", message: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
}

parentPort!.on("message", (job: ImportJob) => {
  void run(job).then((reply) => parentPort!.postMessage(reply));
});
parentPort!.postMessage("ready");
// the PDF reader's library loads in the background once the worker is idle-ready: the first PDF then waits less
// (a failure here is met again, and reported, by the PDF that needs the library)
setTimeout(() => void import("pdfjs-dist/legacy/build/pdf.mjs").catch(() => undefined), 1000).unref();
