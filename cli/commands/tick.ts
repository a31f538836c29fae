import { Telegram } from "telegraf";
import type { CliCommand, CliIo } from "../io.ts";
import { InputError } from "../io.ts";
import { ConfigError, loadConfig } from "../../services/config.ts";
import { translator, type Translator } from "../../services/i18n.ts";
import { shiftedClock, type Clock } from "../../core/clock.ts";
import type { Db } from "../../services/db.ts";
import type { Logger } from "../../services/logger.ts";
import type { DeliveryQueue } from "../../scheduler/delivery.ts";
import type { TickResult } from "../../scheduler/tick.ts";
import { parseAtArgs } from "../args.ts";

// `tick --at <ISO>`: one real scheduler run at that instant — plans, claims, delivers through
// TELEGRAM_API_ROOT with the same rate-limited queue as the bot, records. Prints the figures;
// runs on until nothing is left over the per-run limit. Anything not delivered: exit 1 and one
// line per kind of failure on stderr (`plan` afterwards lists what is still due).

const WHY = { blocked: "cli-tick-blocked", refused: "cli-tick-refused", failed: "cli-tick-failed" } as const;
const isWhy = (kind: string): kind is keyof typeof WHY => Object.hasOwn(WHY, kind);

/** One `tick` run against a queue; returns the exit code. Exported for tests that bring their own queue. */
export async function runTick(
  deps: { db: Db; outbox: DeliveryQueue; clock: Clock; logger?: Logger },
  at: Date,
  json: boolean,
  io: Pick<CliIo, "out" | "err">,
  tr: Translator = translator("ru"),
): Promise<number> {
  const { tick } = await import("../../scheduler/tick.ts");
  const total: TickResult = { planned: 0, claimed: 0, sent: 0, failed: 0, left: 0, failures: {} };
  for (let round = 0; ; round++) {
    const r = await tick({ db: deps.db, outbox: deps.outbox, instanceId: `cli-${process.pid}`, clock: deps.clock, logger: deps.logger }, at);
    // the plan is the same each round: count it once
    if (round === 0) total.planned = r.planned;
    total.claimed += r.claimed;
    total.sent += r.sent;
    total.failed += r.failed;
    for (const [kind, f] of Object.entries(r.failures)) {
      const t = (total.failures[kind as keyof TickResult["failures"]] ??= { count: 0 });
      t.count += f.count;
      t.description = f.description ?? t.description;
    }
    total.left = r.left;
    if (r.left === 0 || r.claimed === 0) break;
  }
  await deps.outbox.idle();
  io.out(json ? JSON.stringify(total) : tr.t("cli-tick-summary", { planned: total.planned, claimed: total.claimed, sent: total.sent, failed: total.failed }));
  const lines = Object.entries(total.failures).flatMap(([kind, f]) =>
    isWhy(kind) ? [tr.t(WHY[kind], { count: f.count, detail: f.description ?? tr.t("cli-tick-no-details") })] : [],
  );
  if (lines.length === 0) return 0;
  for (const line of lines) io.err(line);
  return 1;
}

export const run: CliCommand = async (argv, io) => {
  const tr = io.tr;
  const { at, json } = parseAtArgs("tick", argv, tr);
  const cfg = loadConfig(io.env);
  const token = cfg.BOT_TOKEN;
  if (!token) throw new ConfigError(tr.t("cli-bot-token-missing"));
  const { openDb } = await import("../../services/db.ts");
  const { createDeliveryQueue } = await import("../../scheduler/queue.ts");
  const db = await openDb(cfg.DATABASE_URL);
  try {
    const telegram = new Telegram(token, { apiRoot: cfg.TELEGRAM_API_ROOT });
    // the rate limiter and the claims run on real time: the messages really go out now
    const clock = shiftedClock(cfg.VEKHA_TEST_CLOCK_SHIFT_MS);
    // the limits are the bot's: kept with the bot's instances and other ticks in the database
    const outbox = createDeliveryQueue({ telegram, db, clock, shared: true });
    const code = await runTick({ db, outbox, clock }, at, json, io, tr);
    // what failed is on stderr already: exit 1 without a second message
    if (code !== 0) throw new InputError("");
  } finally {
    await db.$disconnect();
  }
};
