import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Telegram } from "telegraf";
import { ManualClock } from "../core/clock.ts";
import { createBot } from "../bot/create-bot.ts";
import type { BotDeps } from "../bot/deps.ts";
import { loadConfig } from "../services/config.ts";
import { openDb } from "../services/db.ts";
import { createLogger } from "../services/logger.ts";
import type { Outbox } from "../services/outbox.ts";
import { FakeBotApi } from "../test/support/fake-bot-api.ts";

// Handling time of /my for an executor with 50 open assignments (target: p95 under 30 ms inside
// the bot, database included). Timed around bot.handleUpdate, two ways:
//  1. against FakeBotApi over real localhost HTTP (the reply's sendMessage round trip included);
//  2. with Telegram's callApi answered in-process (no network): the bot and the database alone.

const WARMUP = 20;
const RUNS = 300;
const ASSIGNMENTS = 50;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function seed(deps: BotDeps, telegramId: string): Promise<void> {
  const { db } = deps;
  const person = await db.person.create({ data: { fullName: "Полухина Елена Андреевна", shortName: "Полухина Е.А.", telegramId, chatId: telegramId } });
  const school = await db.organization.create({ data: { name: "МБОУ СОШ № 1 г. Сковородино", kind: "school" } });
  const roadmap = await db.roadmap.create({ data: { identity: "bench", title: "Дорожная карта", timezone: "Asia/Yakutsk", status: "active", contentHash: "b" } });
  for (let i = 0; i < ASSIGNMENTS; i++) {
    const due = `2023-${String(4 + (i % 6)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`;
    const item = await db.item.create({
      data: {
        roadmapId: roadmap.id,
        key: String(i + 1),
        title: `Мониторинг деятельности школ с низкими образовательными результатами, мероприятие ${i + 1}`,
        deadlineKind: "date",
        deadlineDue: due,
        position: i,
      },
    });
    await db.assignment.create({ data: { itemId: item.id, personId: person.id, schoolId: i % 2 ? school.id : null, status: i % 5 === 0 ? "in_progress" : "not_started" } });
  }
  // other people's work in the same tables
  for (let i = 0; i < 500; i++) {
    const item = await db.item.create({ data: { roadmapId: roadmap.id, key: `x${i}`, title: "Другое", deadlineKind: "date", deadlineDue: "2023-06-30", position: 100 + i } });
    await db.assignment.create({ data: { itemId: item.id, status: "not_started" } });
  }
}

async function measure(label: string, apiRoot: string, noNetwork: boolean): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vekha-bench-chat-"));
  const url = `file:${path.join(dir, "vekha.db")}`;
  const db = await openDb(url);
  const config = loadConfig({ BOT_TOKEN: "1:B", DATABASE_URL: url, TELEGRAM_API_ROOT: apiRoot, LOG_LEVEL: "silent" });
  const deps: BotDeps = {
    config,
    db,
    logger: createLogger("silent"),
    clock: new ManualClock("2023-06-01T09:00:00+09:00"),
    outbox: { send: async () => ({ ok: true }) } satisfies Outbox,
    storageDir: path.join(dir, "files"),
    botUsername: "vekha_bench_bot",
  };
  const userId = 900_000_001;
  await seed(deps, String(userId));
  const bot = createBot("1:B", deps, { apiRoot });
  bot.botInfo = { id: 1, is_bot: true, first_name: "Веха", username: "vekha_bench_bot", can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false };
  // eslint-disable-next-line @typescript-eslint/unbound-method -- kept to be put back on the prototype after the run
  const original = Telegram.prototype.callApi;
  if (noNetwork) {
    let n = 0;
    // answer like Telegram would, without leaving the process
    Telegram.prototype.callApi = async function (method: string) {
      return (method === "sendMessage" ? { message_id: ++n, date: 0, chat: { id: userId, type: "private" }, text: "" } : true) as never;
    };
  }
  let updateId = 1;
  const update = () => ({
    update_id: updateId++,
    message: { message_id: updateId, date: 0, chat: { id: userId, type: "private", first_name: "Е" }, from: { id: userId, is_bot: false, first_name: "Е" }, text: "/my", entities: [{ type: "bot_command", offset: 0, length: 3 }] },
  });
  const times: number[] = [];
  const cpu: number[] = [];
  try {
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await bot.handleUpdate(update() as never);
      const wall = performance.now() - t0;
      const c = process.cpuUsage(c0);
      if (i >= WARMUP) {
        times.push(wall);
        cpu.push((c.user + c.system) / 1000);
      }
    }
  } finally {
    Telegram.prototype.callApi = original;
    await db.$disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(2);
  console.log(
    `/my, ${ASSIGNMENTS} assignments, ${label}: p50 ${f(percentile(times, 50))} ms, p95 ${f(percentile(times, 95))} ms, max ${f(times.at(-1)!)} ms over ${RUNS} updates (target p95 < 30 ms)`,
  );
  // wall time suffers when other processes compete for the CPU; this process's own CPU time does less
  console.log(`  CPU time of this process per update: p50 ${f(percentile(cpu, 50))} ms, p95 ${f(percentile(cpu, 95))} ms; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs`);
}

export async function bench(): Promise<void> {
  const api = await FakeBotApi.start();
  try {
    await measure("against FakeBotApi over localhost HTTP", api.url, false);
  } finally {
    await api.stop();
  }
  await measure("no network (callApi answered in-process)", "http://127.0.0.1:9", true);
}

if (import.meta.url === `file://${process.argv[1]}`) await bench();
