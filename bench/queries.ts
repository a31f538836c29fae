import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DateTime } from "luxon";
import { PrismaClient } from "@prisma/client";
import { Telegram } from "telegraf";
import { ManualClock } from "../core/clock.ts";
import { createBot } from "../bot/create-bot.ts";
import type { BotDeps } from "../bot/deps.ts";
import { loadConfig } from "../services/config.ts";
import { migrateSqlite } from "../services/db.ts";
import { createLogger } from "../services/logger.ts";
import { BusyAwareSqlite } from "../services/sqlite-busy.ts";
import { tick } from "../scheduler/tick.ts";
import { packCallback } from "../views/callbacks.ts";
import { item, RecordingOutbox, seedWorld } from "../test/support/scheduler-world.ts";

// Round trips to the database (SQL statements as Prisma's query events count them: a relation in a
// select is a statement of its own, a COMMIT counts) for one «Выполнено» press on an item card and for
// a scheduler tick that sends due reminders. At fb53a50 (before issue 10's step 2): 28 per press
// (the assignment with its relations read four times), 38 for a tick sending one reminder.

const ZONE = "Asia/Yakutsk";
const at = (local: string) => DateTime.fromISO(local, { zone: ZONE }).toJSDate();

async function withCountingDb(run: (db: PrismaClient, counted: () => Promise<number>, reset: () => void) => Promise<void>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vekha-bench-queries-"));
  const file = path.join(dir, "vekha.db");
  migrateSqlite(`file:${file}`);
  const db = new PrismaClient({ adapter: new BusyAwareSqlite(file), log: [{ emit: "event", level: "query" }] });
  let n = 0;
  db.$on("query", (e) => {
    n++;
    if (process.env.BENCH_SQL) console.log(`  ${e.query.slice(0, 160)}`);
  });
  // what the update left running in the background (the processed update id) counts too
  const counted = async () => {
    await new Promise((r) => setTimeout(r, 100));
    return n;
  };
  try {
    await run(db, counted, () => (n = 0));
  } finally {
    await db.$disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function donePress(): Promise<number> {
  let statements = 0;
  await withCountingDb(async (db, counted, reset) => {
    const w = await seedWorld(db);
    const { assignments } = await item(db, w, "1", { kind: "date", due: "2023-06-30" });
    const executor = await db.person.findUniqueOrThrow({ where: { id: w.executorId } });
    const userId = Number(executor.telegramId);
    const deps: BotDeps = {
      config: loadConfig({ BOT_TOKEN: "1:B", DATABASE_URL: "file:unused.db", LOG_LEVEL: "silent" }),
      db,
      logger: createLogger("silent"),
      clock: new ManualClock("2023-06-15T10:00:00+09:00"),
      outbox: new RecordingOutbox(),
      storageDir: os.tmpdir(),
      botUsername: "vekha_bench_bot",
    };
    const bot = createBot("1:B", deps, { apiRoot: "http://127.0.0.1:9" });
    bot.botInfo = { id: 1, is_bot: true, first_name: "Веха", username: "vekha_bench_bot", can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false };
    // eslint-disable-next-line @typescript-eslint/unbound-method -- put back on the prototype after the run
    const original = Telegram.prototype.callApi;
    Telegram.prototype.callApi = async function (method: string) {
      return (method === "sendMessage" || method === "editMessageText" ? { message_id: 1, date: 0, chat: { id: userId, type: "private" }, text: "" } : true) as never;
    };
    try {
      const chat = { id: Number(executor.chatId), type: "private", first_name: "А" };
      const from = { id: userId, is_bot: false, first_name: "А" };
      const data = packCallback({ kind: "card", action: "done", assignmentId: assignments[0]!.id });
      reset();
      await bot.handleUpdate({ update_id: 1, callback_query: { id: "1", from, chat_instance: "1", message: { message_id: 1, date: 0, chat, text: "" }, data } } as never);
      statements = await counted();
    } finally {
      Telegram.prototype.callApi = original;
    }
  });
  return statements;
}

async function dueReminders(count: number): Promise<{ statements: number; sent: number }> {
  let out = { statements: 0, sent: 0 };
  await withCountingDb(async (db, counted, reset) => {
    const w = await seedWorld(db);
    for (let i = 1; i <= count; i++) await item(db, w, String(i), { kind: "date", due: "2023-06-15" });
    const outbox = new RecordingOutbox();
    // a tick with nothing due first: the tick's own reading is then the same in both
    await tick({ db, outbox }, at("2023-06-15T08:59"));
    reset();
    await tick({ db, outbox }, at("2023-06-15T09:00"));
    out = { statements: await counted(), sent: outbox.sent.length };
  });
  return out;
}

export async function bench(): Promise<void> {
  const press = await donePress();
  console.log(`«Выполнено» pressed on an item card: ${press} SQL statements (at fb53a50: 28)`);
  const one = await dueReminders(1);
  const ten = await dueReminders(10);
  console.log(`a scheduler tick sending ${one.sent} due reminder: ${one.statements} SQL statements; sending ${ten.sent}: ${ten.statements}`);
  console.log(`  each further reminder: ${((ten.statements - one.statements) / (ten.sent - one.sent)).toFixed(1)} statements (the rest is the tick's planning, once per tick)`);
}

if (import.meta.url === `file://${process.argv[1]}`) await bench();
