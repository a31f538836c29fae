import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfig, requireBotToken, ConfigError, type Config } from "../services/config.ts";
import { describeDatabase } from "../services/database-url.ts";
import { openDb, DatabaseFileError, type Db } from "../services/db.ts";
import { createLogger, type Logger } from "../services/logger.ts";
import { addSecret, redact } from "../services/redact.ts";
import { shiftedClock } from "../core/clock.ts";
import { startScheduler, type RunningScheduler } from "../scheduler/index.ts";
import { createDeliveryQueue } from "../scheduler/queue.ts";
import { createBot, type VekhaBot } from "./create-bot.ts";
import { setAllCommands } from "./commands.ts";
import { reportInterruptedImports } from "../handlers/import-recovery.ts";
import type { BotDeps } from "./deps.ts";
import { BotApiRefused, runPolling, type Runner } from "./polling.ts";
import { runWebhook } from "./webhook.ts";
import { checkHealth } from "./health.ts";

// `npm start`: configuration, database (created and migrated), bot, menus, polling or webhook,
// scheduler. SIGTERM/SIGINT stop everything cleanly, and so does the parent going away: npm does
// not pass a service manager's SIGTERM on to the process it started.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }).version;
/** a stop that takes longer than this ends the process anyway */
const STOP_DEADLINE_MS = 20_000;

function fail(line: string, code: number): never {
  process.stderr.write(`${redact(line)}\n`);
  process.exit(code);
}

function sleep(ms: number, until: Promise<unknown>): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    void until.then(() => {
      clearTimeout(t);
      resolve();
    });
  });
}

/** The Bot API root without any credentials in it, for the logs. */
function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = "";
    u.password = "";
    return u.origin + (u.pathname === "/" ? "" : u.pathname);
  } catch {
    return "(invalid)";
  }
}

/** getMe until it answers: a Bot API that is down or silent is logged and tried again. */
async function whoAmI(
  bot: VekhaBot,
  config: Config,
  logger: Logger,
  stopped: { promise: Promise<void>; now: () => boolean },
): Promise<Awaited<ReturnType<VekhaBot["telegram"]["getMe"]>> | null> {
  let wait = 1000;
  for (;;) {
    try {
      return await bot.telegram.getMe();
    } catch (err) {
      const code = (err as { response?: { error_code?: number } }).response?.error_code;
      if (code === 401 || code === 404) fail("BOT_TOKEN: Telegram does not accept this token (check it with @BotFather)", 2);
      logger.warn({ apiRoot: safeUrl(config.TELEGRAM_API_ROOT), reason: (err as Error).message, retryInMs: wait }, "the Bot API did not answer getMe: trying again");
      await sleep(wait, stopped.promise);
      if (stopped.now()) return null;
      wait = Math.min(wait * 2, 60_000);
    }
  }
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
    requireBotToken(config);
  } catch (e) {
    if (e instanceof ConfigError) fail(e.message, 2);
    throw e;
  }
  addSecret(config.BOT_TOKEN);
  addSecret(config.WEBHOOK_SECRET);
  const logger = createLogger(config.LOG_LEVEL);
  process.on("unhandledRejection", (err) => logger.error({ err }, "unhandled rejection"));
  const mode = config.WEBHOOK_URL ? "webhook" : "polling";
  // the file, or the server and database (never a password)
  const dbFile = describeDatabase(config.DATABASE_URL);
  logger.info(
    { version: VERSION, database: dbFile, mode, scheduler: config.SCHEDULER_ENABLED ? "on" : "off", apiRoot: safeUrl(config.TELEGRAM_API_ROOT) },
    `Веха ${VERSION} starting: database ${dbFile}, ${mode}, scheduler ${config.SCHEDULER_ENABLED ? "on" : "off"}`,
  );

  let db: Db;
  try {
    db = await openDb(config.DATABASE_URL);
  } catch (e) {
    if (e instanceof DatabaseFileError) fail(e.message, 1);
    throw e;
  }
  const clock = shiftedClock(config.VEKHA_TEST_CLOCK_SHIFT_MS);
  const deps: BotDeps = {
    config,
    db,
    logger,
    clock,
    outbox: undefined as unknown as BotDeps["outbox"],
    storageDir: path.resolve(config.dataDir, "files"),
    botUsername: config.BOT_USERNAME,
  };
  const bot = createBot(config.BOT_TOKEN!, deps);
  // everything sent to other people goes through the scheduler's rate-limited queue — the same
  // object `tick` and the tests use; a 403 marks the person unreachable and tells the coordinators
  // the limits are the bot's: every instance keeps them together in the database
  const deliveryQueue = createDeliveryQueue({ telegram: bot.telegram, db, clock, logger, shared: true });
  deps.outbox = deliveryQueue;

  let runner: Runner | null = null;
  let scheduler: RunningScheduler | null = null;
  let markStopped!: () => void;
  const stopped = new Promise<void>((r) => (markStopped = r));

  let stopping = false;
  const stop = async (reason: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    markStopped();
    logger.info({ reason }, "stopping");
    setTimeout(() => {
      logger.error("stop took too long: exiting");
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    try {
      await runner?.stop();
      await scheduler?.stop();
      // let messages already queued go out (a few seconds at most), then close the database
      await Promise.race([deliveryQueue.idle(), new Promise((r) => setTimeout(r, 5000).unref())]);
      await db.$disconnect();
      logger.info("stopped");
    } catch (err) {
      logger.error({ err }, "error while stopping");
      code ||= 1;
    }
    process.exit(code);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGHUP", () => void stop("SIGHUP"));
  // started by npm, which may not pass a service manager's SIGTERM on (or be killed outright):
  // when it is gone, stop as well. (Not otherwise: `nohup node bot/main.ts &` outlives its shell.)
  const parent = process.ppid;
  if (parent > 1 && process.env.npm_lifecycle_event) {
    setInterval(() => {
      if (process.ppid !== parent) void stop("parent process exited");
    }, 500).unref();
  }

  const me = await whoAmI(bot, config, logger, { promise: stopped, now: () => stopping });
  if (!me || stopping) return;
  bot.botInfo = me;
  deps.botUsername ??= me.username;
  await setAllCommands(bot.telegram, db, logger).catch((err) => logger.warn({ err }, "command menus not set"));
  // a chat import the previous process left mid-way: its coordinator is told what became of it
  await reportInterruptedImports(deps).catch((err) => logger.error({ err }, "interrupted imports not reported"));
  if (stopping) return;

  scheduler = config.SCHEDULER_ENABLED ? startScheduler(deps) : null;
  const startedAt = Date.now();
  const handle = (update: Parameters<VekhaBot["handleUpdate"]>[0]) => bot.handleUpdate(update);
  if (config.WEBHOOK_URL) {
    runner = await runWebhook(bot.telegram, {
      logger,
      handle,
      url: config.WEBHOOK_URL,
      secret: config.WEBHOOK_SECRET!,
      port: config.PORT ?? 8080,
      health: () => checkHealth({ db, scheduler, startedAt, version: VERSION }),
    });
    logger.info({ username: me.username, port: config.PORT ?? 8080 }, "webhook mode: listening");
  } else {
    runner = await runPolling(bot.telegram, { logger, handle });
    logger.info({ username: me.username }, "long polling");
  }
  if (stopping) await runner.stop();
  runner.done.catch((err: unknown) => {
    if (err instanceof BotApiRefused) {
      process.stderr.write(`${err.message}\n`);
      void stop("token refused", 2);
      return;
    }
    logger.error({ err }, "update loop stopped");
    void stop("update loop stopped", 1);
  });
}

main().catch((err) => {
  if (err instanceof DatabaseFileError) fail(err.message, 1);
  fail(err instanceof Error ? (err.stack ?? err.message) : String(err), 1);
});
