import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";

// Evidence files live under the data directory (exports point to them); the Telegram file id is
// only a cache. Files are written to a temporary name and renamed, so a crash leaves no half file.

/** Telegram's Bot API lets bots download files up to 20 MB. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

export type StorageFailure = "too_big" | "empty" | "unavailable";

export class StorageError extends Error {
  constructor(readonly reason: StorageFailure) {
    super(reason);
  }
}

/** A file name safe on any disk: letters (Cyrillic too), digits, dot, dash, underscore. */
export function safeFileName(name: string): string {
  const base = path.basename(name.replace(/\\/g, "/"));
  const cleaned = base
    .normalize("NFC")
    .replace(/[^\p{L}\p{N}._-]+/gu, "_")
    .replace(/^[._]+/, "")
    .slice(-120);
  return cleaned || "file";
}

export interface StoredFile {
  /** relative to the data directory, with forward slashes (what Evidence.storagePath keeps) */
  storagePath: string;
  absolutePath: string;
  size: number;
}

/** Writes the bytes under `<storageDir>/<assignmentId>/`, returning the path relative to `dataDir`. */
export async function storeFile(
  storageDir: string,
  dataDir: string,
  args: { assignmentId: number; fileName: string; data: Buffer; at: Date },
): Promise<StoredFile> {
  if (args.data.length === 0) throw new StorageError("empty");
  if (args.data.length > MAX_FILE_BYTES) throw new StorageError("too_big");
  const dir = path.join(storageDir, String(args.assignmentId));
  await fs.mkdir(dir, { recursive: true });
  const stamp = args.at.toISOString().slice(0, 10);
  const name = `${stamp}-${crypto.randomBytes(4).toString("hex")}-${safeFileName(args.fileName)}`;
  const absolutePath = path.join(dir, name);
  const tmp = `${absolutePath}.part`;
  await fs.writeFile(tmp, args.data);
  await fs.rename(tmp, absolutePath);
  const storagePath = path.relative(path.resolve(dataDir), absolutePath).split(path.sep).join("/");
  return { storagePath, absolutePath, size: args.data.length };
}
