import fs from "node:fs/promises";
import path from "node:path";
import type { ProgressRow } from "../progress.ts";
import { linkedFiles, type LinkedFile } from "./common.ts";

// Evidence files travel with the report: a folder «<report>-files/» next to it (CLI) or a
// .zip holding that folder (chat). The report's links are relative to it, so they open
// wherever the office puts the report and its folder.

/** Telegram bots may upload up to 50 MB; keep a margin. */
const MAX_ARCHIVE_BYTES = 45 * 1024 * 1024;

export interface EvidenceArchive {
  /** null when there was nothing to pack or it would be too big to send */
  zip: Buffer | null;
  files: number;
  bytes: number;
  tooBig: boolean;
  /** storage paths not found in the data directory */
  missing: string[];
}

export function filesFolderFor(reportFileName: string): string {
  return `${path.basename(reportFileName).replace(/\.[^.]+$/, "")}-files`;
}

export async function evidenceArchive(rows: Array<Pick<ProgressRow, "evidence">>, dataDir: string, folder: string, maxBytes = MAX_ARCHIVE_BYTES): Promise<EvidenceArchive> {
  return archiveOf(linkedFiles(rows), dataDir, folder, maxBytes);
}

/** The archive of files an export links to (services/export/index.ts WrittenExport.linked). */
export async function archiveOf(linked: readonly LinkedFile[], dataDir: string, folder: string, maxBytes = MAX_ARCHIVE_BYTES): Promise<EvidenceArchive> {
  // jszip on the first archive (exports and imports only)
  const zip = new (await import("jszip")).default();
  const missing: string[] = [];
  let files = 0;
  let bytes = 0;
  for (const f of linked) {
    const source = path.resolve(dataDir, f.storagePath);
    let size: number;
    try {
      size = (await fs.stat(source)).size;
    } catch {
      missing.push(f.storagePath);
      continue;
    }
    bytes += size;
    if (bytes > maxBytes) return { zip: null, files, bytes, tooBig: true, missing };
    zip.file(`${folder}/${f.name}`, await fs.readFile(source));
    files++;
  }
  if (files === 0) return { zip: null, files, bytes, tooBig: false, missing };
  // already-compressed PDFs and photos gain little: store them quickly
  return { zip: await zip.generateAsync({ type: "nodebuffer", compression: "STORE" }), files, bytes, tooBig: false, missing };
}
