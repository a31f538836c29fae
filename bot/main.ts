import path from "node:path";
import { loadConfig, requireBotToken, ConfigError } from "../services/config.ts";
import { openDb } from "../services/db.ts";
import { createLogger } from "../services/logger.ts";
import { systemClock } from "../core/clock.ts";
import { startScheduler } from "../scheduler/index.ts";
import type { TelegramLike } from "../scheduler/delivery.ts";
import { createDeliveryQueue } from "../scheduler/queue.ts";
import { createBot } from "./create-bot.ts";
import { setAllCommands } from "./commands.ts";
import type { BotDeps } from "./deps.ts";

// `npm start`: configuration, database (created and migrated), bot, menus, polling or webhook,
// scheduler; SIGTERM/SIGINT stop everything cleanly.

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
    requireBotToken(config);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const db = await openDb(config.DATABASE_URL);
  const deps: BotDeps = {
    config,
    db,
    logger,
    clock: systemClock,
    outbox: undefined as unknown as BotDeps["outbox"],
    storageDir: path.resolve(config.dataDir, "files"),
    botUsername: config.BOT_USERNAME,
  };
  const bot = createBot(config.BOT_TOKEN!, deps);
  // everything sent to other people goes through the scheduler's rate-limited queue — the same
  // object `tick` and the tests use; a 403 marks the person unreachable and tells the coordinators
  const deliveryQueue = createDeliveryQueue({ telegram: bot.telegram as unknown as TelegramLike, db, clock: systemClock, logger });
  deps.outbox = deliveryQueue;

  let me;
  try {
    me = await bot.telegram.getMe();
  } catch (err) {
    const code = (err as { response?: { error_code?: number } }).response?.error_code;
    process.stderr.write(
      code === 401 || code === 404
        ? "BOT_TOKEN: Telegram does not accept this token (check it with @BotFather)\n"
        : `TELEGRAM_API_ROOT: cannot reach the Bot API at ${config.TELEGRAM_API_ROOT}: ${(err as Error).message}\n`,
    );
    await db.$disconnect();
    process.exit(code === 401 || code === 404 ? 2 : 1);
  }
  bot.botInfo = me;
  deps.botUsername ??= me.username;
  await setAllCommands(bot.telegram, db, logger).catch((err) => logger.warn({ err }, "command menus not set"));

  const scheduler = config.SCHEDULER_ENABLED ? startScheduler(deps) : null;

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping");
    try {
      bot.stop(signal);
    } catch {
      // not running yet (a signal during launch)
    }
    await scheduler?.stop();
    // let messages already queued go out (a few seconds at most), then close the database
    await Promise.race([deliveryQueue.idle(), new Promise((r) => setTimeout(r, 5000).unref())]);
    await db.$disconnect();
    logger.info("stopped");
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));

  if (config.WEBHOOK_URL) {
    const url = new URL(config.WEBHOOK_URL);
    // Telegram sends WEBHOOK_SECRET in X-Telegram-Bot-Api-Secret-Token; telegraf refuses others
    await bot.launch({
      webhook: {
        domain: url.origin,
        path: url.pathname === "/" ? "/telegram" : url.pathname,
        port: config.PORT ?? 8080,
        ...(config.WEBHOOK_SECRET ? { secretToken: config.WEBHOOK_SECRET } : {}),
      },
    });
    logger.info({ url: config.WEBHOOK_URL }, "webhook mode");
  } else {
    logger.info({ username: me.username }, "long polling");
    await bot.launch();
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
