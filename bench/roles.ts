import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { openDb, type Db } from "../services/db.ts";
import { resolveAssignments } from "../services/assign.ts";
import { listForReview } from "../services/verification.ts";
import { notifyReviewers } from "../scheduler/reviews.ts";
import { raisePendingPostponements } from "../scheduler/approvals.ts";
import type { Outbox, OutgoingMessage } from "../services/outbox.ts";
import { Telegram } from "telegraf";
import { ManualClock } from "../core/clock.ts";
import { createBot } from "../bot/create-bot.ts";
import type { BotDeps } from "../bot/deps.ts";
import { loadConfig } from "../services/config.ts";
import { createLogger } from "../services/logger.ts";

// The roles engineer's figures: resolving a roadmap whose roles fan out to 200 schools, the
// idempotent re-run, batched reviewer notifications for 1,000 submissions, a curator's /verify
// list, and the postponement re-raise sweep. Fresh SQLite file, real Prisma.

const SCHOOLS = 200;
const ITEMS = 40;
const SUBMITTED = 1000;

class CountingOutbox implements Outbox {
  sent = 0;
  async send(_msg: OutgoingMessage) {
    this.sent++;
    return { ok: true, messageId: this.sent };
  }
}

async function time<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const out = await fn();
  console.log(`${label}: ${(performance.now() - t0).toFixed(1)} ms`);
  return out;
}

async function seed(db: Db): Promise<{ roadmapId: number; curatorId: number }> {
  const roadmap = await db.roadmap.create({ data: { identity: "bench-roles", title: "Дорожная карта", timezone: "Asia/Yakutsk", status: "active", contentHash: "b" } });
  const curators: number[] = [];
  for (let c = 0; c < SCHOOLS / 4; c++) {
    const p = await db.person.create({ data: { fullName: `Куратор ${c}`, shortName: `Куратор ${c}`, chatId: String(900000 + c) } });
    curators.push(p.id);
  }
  for (let s = 0; s < SCHOOLS; s++) {
    const school = await db.organization.create({ data: { name: `МБОУ СОШ № ${s + 1} г. Сковородино`, kind: "school", schoolKey: `сош|${s + 1}|сковородин`, search: `мбоу сош № ${s + 1} г. сковородино` } });
    await db.person.create({ data: { fullName: `Директор ${s}`, shortName: `Директор ${s}`, position: "Директор", organizationId: school.id, chatId: String(100000 + s) } });
    await db.curatorship.create({ data: { schoolId: school.id, personId: curators[s % curators.length]! } });
  }
  const responsible = JSON.stringify([{ text: "Руководители ОО", kind: "role", name: "Руководители ОО", note: null }]);
  for (let i = 0; i < ITEMS; i++) {
    await db.item.create({ data: { roadmapId: roadmap.id, key: String(i + 1), title: `Мероприятие ${i + 1}`, deadlineKind: "date", deadlineDue: "2023-06-30", position: i, responsible } });
  }
  return { roadmapId: roadmap.id, curatorId: curators[0]! };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Handling time of role commands inside the bot (database included), Telegram answered in-process. */
async function commandTimes(db: Db, url: string, dir: string, curatorId: number): Promise<void> {
  const curatorTg = "910000001";
  const coordTg = "910000002";
  await db.person.update({ where: { id: curatorId }, data: { telegramId: curatorTg, chatId: curatorTg } });
  await db.personRole.create({ data: { personId: curatorId, role: "curator" } });
  const coord = await db.person.create({ data: { fullName: "Координатор", shortName: "Координатор", telegramId: coordTg, chatId: coordTg } });
  await db.personRole.create({ data: { personId: coord.id, role: "coordinator" } });
  const config = loadConfig({ BOT_TOKEN: "1:B", DATABASE_URL: url, LOG_LEVEL: "silent" });
  const deps: BotDeps = {
    config,
    db,
    logger: createLogger("silent"),
    clock: new ManualClock("2023-06-01T09:00:00+09:00"),
    outbox: new CountingOutbox(),
    storageDir: path.join(dir, "files"),
    botUsername: "vekha_bench_bot",
  };
  const bot = createBot("1:B", deps, { apiRoot: "http://127.0.0.1:9" });
  bot.botInfo = { id: 1, is_bot: true, first_name: "Веха", username: "vekha_bench_bot", can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false };
  // eslint-disable-next-line @typescript-eslint/unbound-method -- kept to be put back on the prototype after the run
  const original = Telegram.prototype.callApi;
  let n = 0;
  Telegram.prototype.callApi = async function (method: string) {
    return (method.startsWith("send") ? { message_id: ++n, date: 0, chat: { id: 1, type: "private" }, text: "" } : true) as never;
  };
  let updateId = 1;
  const update = (from: string, text: string) => {
    const cmd = text.split(" ")[0]!;
    return {
      update_id: updateId++,
      message: { message_id: updateId, date: 0, chat: { id: Number(from), type: "private", first_name: "К" }, from: { id: Number(from), is_bot: false, first_name: "К" }, text, entities: [{ type: "bot_command", offset: 0, length: cmd.length }] },
    };
  };
  try {
    for (const [label, from, text, runs] of [
      ["/school (a school with 40 assignments)", curatorTg, "/school № 51 г.", 50],
      ["/verify (20 submissions of the curator's schools)", curatorTg, "/verify", 50],
      ["/overdue (curator, 4 schools)", curatorTg, "/overdue", 50],
      ["/unassigned (coordinator)", coordTg, "/unassigned", 30],
      ["/roadmap (coordinator, 8,000 assignments, 2 charts)", coordTg, "/roadmap", 10],
    ] as const) {
      const times: number[] = [];
      for (let i = 0; i < runs + 3; i++) {
        const t0 = performance.now();
        await bot.handleUpdate(update(from, text) as never);
        if (i >= 3) times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      console.log(`${label}: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms over ${runs}`);
    }
  } finally {
    Telegram.prototype.callApi = original;
  }
}

export async function bench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vekha-bench-roles-"));
  const db = await openDb(`file:${path.join(dir, "bench.db")}`);
  try {
    const { roadmapId, curatorId } = await seed(db);
    const first = await time(`resolveAssignments, ${ITEMS} items × ${SCHOOLS} schools (first run)`, () => resolveAssignments(db, roadmapId));
    console.log(`  created ${first.created} assignments, unresolved ${first.unresolved}`);
    const again = await time("resolveAssignments again (idempotent, nothing to do)", () => resolveAssignments(db, roadmapId));
    console.log(`  created ${again.created}`);

    const assignments = await db.assignment.findMany({ take: SUBMITTED, orderBy: { id: "asc" }, select: { id: true } });
    const created = new Date("2023-06-01T00:00:00Z");
    await db.assignment.updateMany({ where: { id: { lte: assignments.at(-1)!.id } }, data: { status: "submitted" } });
    await db.evidence.createMany({ data: assignments.map((a) => ({ assignmentId: a.id, kind: "link", url: `https://school.ru/${a.id}`, createdAt: created })) });
    const outbox = new CountingOutbox();
    const sent = await time(`notifyReviewers, ${SUBMITTED} submissions`, () => notifyReviewers(db, outbox, new Date(created.getTime() + 3_600_000)));
    console.log(`  ${sent} messages (one per curator)`);
    await time("notifyReviewers again (nothing new)", () => notifyReviewers(db, outbox, new Date(created.getTime() + 7_200_000)));

    const list = await time("listForReview (a curator's /verify)", () => listForReview(db, curatorId));
    console.log(`  ${list.length} entries`);

    await db.postponeRequest.createMany({
      data: assignments.slice(0, 200).map((a) => ({ assignmentId: a.id, requestedDue: "2023-07-31", reason: "Причина", createdAt: created, lastRaisedAt: created })),
    });
    const raised = await time("raisePendingPostponements, 200 pending (2 working days later)", () => raisePendingPostponements(db, outbox, new Date("2023-06-06T01:00:00Z")));
    console.log(`  ${raised} raised`);

    await commandTimes(db, `file:${path.join(dir, "bench.db")}`, dir, curatorId);
  } finally {
    await db.$disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
