import path from "node:path";

export const DEFAULT_DATABASE_URL = "file:./data/vekha.db";

/** Resolves a `file:` URL once to an absolute path, so the app and migrations open the same file. */
export function resolveDatabaseUrl(raw: string | undefined, cwd = process.cwd()): string {
  const url = raw && raw.trim() !== "" ? raw.trim() : DEFAULT_DATABASE_URL;
  if (!url.startsWith("file:")) return url;
  const file = url.slice("file:".length);
  if (file === ":memory:") return url;
  return "file:" + path.resolve(cwd, file);
}

export function databaseFilePath(url: string): string {
  return url.slice("file:".length);
}
