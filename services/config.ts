import { IANAZone } from "luxon";
import { z } from "zod";
import path from "node:path";
import { DatabaseUrlError, databaseFilePath, isPostgresUrl, postgresSettings, resolveDatabaseUrl } from "./database-url.ts";

const zone = z.string().refine((v) => IANAZone.isValidZone(v), "not a known IANA timezone");
const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const schema = z.object({
  BOT_TOKEN: optional,
  TELEGRAM_API_ROOT: z.url().default("https://api.telegram.org"),
  BOT_USERNAME: optional.transform((v) => v?.replace(/^@/, "")),
  DATABASE_URL: optional
    .transform((v) => resolveDatabaseUrl(v))
    .refine((v) => v.startsWith("file:") || isPostgresUrl(v), "must be a file: URL (e.g. file:./data/vekha.db) or a postgresql:// URL")
    .superRefine((v, ctx) => {
      if (!isPostgresUrl(v)) return;
      try {
        postgresSettings(v);
      } catch (err) {
        if (!(err instanceof DatabaseUrlError)) throw err;
        ctx.addIssue({ code: "custom", message: err.message });
      }
    }),
  ADMIN_TELEGRAM_IDS: optional.transform((v, ctx) => {
    const ids = (v ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    for (const id of ids) {
      if (!/^\d+$/.test(id)) ctx.addIssue({ code: "custom", message: `"${id}" is not a Telegram user id` });
    }
    return ids;
  }),
  DEFAULT_TIMEZONE: zone.default("Europe/Moscow"),
  WEBHOOK_URL: z.url().optional().or(z.literal("").transform(() => undefined)),
  WEBHOOK_SECRET: optional.refine(
    (v) => v === undefined || /^[A-Za-z0-9_-]{1,256}$/.test(v),
    "1-256 characters: letters, digits, _ and -",
  ),
  PORT: z.coerce.number().int().min(1).max(65535).optional().or(z.literal("").transform(() => undefined)),
  SCHEDULER_ENABLED: z
    .enum(["true", "false", "1", "0", ""])
    .default("true")
    .transform((v) => v !== "false" && v !== "0"),
  DATA_DIR: optional,
  /** the heap of the worker thread an export is written in (services/export/worker.ts), MB */
  EXPORT_MEMORY_MB: z.coerce.number().int().min(16).max(65_536).default(512),
  /** seconds every Bot API call may take (a Bot API that never answers must not hang the bot) */
  BOT_API_TIMEOUT: z.coerce.number().positive().max(600).optional().or(z.literal("").transform(() => undefined)),
  /** tests only: the process's clock runs this many ms ahead of the machine's (a restart after a crash) */
  VEKHA_TEST_CLOCK_SHIFT_MS: z.coerce.number().int().default(0),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Config = z.output<typeof schema> & { dataDir: string; botApiTimeoutMs: number };

export class ConfigError extends Error {}

/** Reads the environment once; a bad value becomes one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? "configuration");
    throw new ConfigError(`${name}: ${issue.message}`);
  }
  const cfg = parsed.data;
  // a webhook anyone can post to would let anyone act as any user
  if (cfg.WEBHOOK_URL && !cfg.WEBHOOK_SECRET) {
    throw new ConfigError("WEBHOOK_SECRET: required with WEBHOOK_URL (Telegram sends it with every update; 1-256 letters, digits, _ and -)");
  }
  // evidence files live next to the database file; with PostgreSQL (or in memory) in ./data
  const dbFile = isPostgresUrl(cfg.DATABASE_URL) ? ":memory:" : databaseFilePath(cfg.DATABASE_URL);
  const dataDir = cfg.DATA_DIR ?? (dbFile === ":memory:" ? path.resolve("./data") : dbFile.replace(/[/\\][^/\\]*$/, ""));
  return { ...cfg, dataDir, botApiTimeoutMs: Math.round((cfg.BOT_API_TIMEOUT ?? 30) * 1000) };
}

export function requireBotToken(cfg: Config): string {
  if (!cfg.BOT_TOKEN) throw new ConfigError("BOT_TOKEN: required to run the bot (get one from @BotFather)");
  return cfg.BOT_TOKEN;
}
