import type { Telegram } from "telegraf";
import { MAX_FILE_BYTES, StorageError } from "../services/storage.ts";

// A file a user sent, fetched from Telegram (services/storage.ts keeps it on disk).

const DOWNLOAD_TIMEOUT_MS = 120_000;

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
