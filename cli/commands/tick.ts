import { Telegram } from "telegraf";
import type { CliCommand } from "../io.ts";
import { loadConfig, requireBotToken } from "../../services/config.ts";
import { systemClock } from "../../core/clock.ts";
import { parseAtArgs } from "../../scheduler/cli-args.ts";

// `tick --at <ISO>`: one real scheduler run at that instant — plans, claims, delivers through
// TELEGRAM_API_ROOT with the same rate-limited queue as the bot, records. Prints the figures.
export const run: CliCommand = async (argv, io) => {
  const { at, json } = parseAtArgs("tick", argv);
  const cfg = loadConfig(io.env);
  const token = requireBotToken(cfg);
  const { openDb } = await import("../../services/db.ts");
  const { tick } = await import("../../scheduler/tick.ts");
  const { createDeliveryQueue } = await import("../../scheduler/queue.ts");
  const db = await openDb(cfg.DATABASE_URL);
  try {
    const telegram = new Telegram(token, { apiRoot: cfg.TELEGRAM_API_ROOT });
    // the rate limiter runs on real time: the messages really go out now
    const outbox = createDeliveryQueue({ telegram, db, clock: systemClock });
    const result = await tick({ db, outbox, instanceId: `cli-${process.pid}`, clock: systemClock }, at);
    await outbox.idle();
    io.out(json ? JSON.stringify(result) : `planned ${result.planned}, claimed ${result.claimed}, sent ${result.sent}, failed ${result.failed}`);
  } finally {
    await db.$disconnect();
  }
};
