import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { Telegram } from "telegraf";

// Evidence files live under the data directory (exports point to them); the Telegram file id is
// only a cache. Files are written to a temporary name and renamed, so a crash leaves no half file.

/** Telegram's Bot API lets bots download files up to 20 MB. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
const DOWNLOAD_TIMEOUT_MS = 120_000;

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

/** Downloads a file the user sent (getFile, then the file URL), refusing anything over the limit. */
export async function downloadTelegramFile(telegram: Telegram, fileId: string, maxBytes = MAX_FILE_BYTES): Promise<Buffer> {
  let file;
  try {
    file = await telegram.getFile(fileId);
  } catch (err) {
    // Telegram answers "file is too big" for files over 20 MB
    if (/too big/i.test(String((err as Error).message))) throw new StorageError("too_big");
    throw new StorageError("unavailable");
  }
  if (file.file_size !== undefined && file.file_size > maxBytes) throw new StorageError("too_big");
  if (!file.file_path) throw new StorageError("unavailable");
  const url = await telegram.getFileLink(file);
  // a download that stalls must not hold the chat: the whole file within the time-out
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
    if (!res.ok || !res.body) throw new StorageError("unavailable");
    const declared = Number(res.headers.get("content-length") ?? "0");
    if (declared > maxBytes) {
      await res.body.cancel();
      throw new StorageError("too_big");
    }
    // a fetch body yields bytes (Node types it ReadableStream<any>)
    for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      if (size > maxBytes) throw new StorageError("too_big");
      chunks.push(Buffer.from(chunk));
    }
  } catch (err) {
    // a network error's text may carry the file URL, which holds the bot token: never pass it on
    if (err instanceof StorageError) throw err;
    throw new StorageError("unavailable");
  }
  if (size === 0) throw new StorageError("empty");
  return Buffer.concat(chunks, size);
}
