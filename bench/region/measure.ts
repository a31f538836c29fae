import fs from "node:fs";
import path from "node:path";
import { DateTime } from "luxon";
import { Prisma } from "@prisma/client";
import { ManualClock } from "../../core/clock.ts";
import { FakeBotApi } from "../../test/support/fake-bot-api.ts";
import {
  BENCH_INSTANCE,
  collectingLogger,
  continueAtOnce,
  countStatements,
  createRegionBot,
  deliveryQueue,
  exportXlsx,
  messageKeyOf,
  openDatabase,
  planAt,
  runTick,
  telegramClient,
  type Db,
  type Outbox,
  type Planned,
  type TickResult,
} from "./product.ts";
import type { RegionWorld } from "./seed.ts";
import { enforceTelegramLimits, JumpingClock, type Arrival } from "./virtual-time.ts";

// One measurement in a process of its own (bench/region.ts starts one per figure): its peak RSS is
// the measurement's, a crash or an out-of-memory ends only it, and the result comes back as one
// `@@RESULT {json}` line on stdout. A failure inside the product is a result too: { error }.

export type Task =
  | { kind: "prepare"; url: string; plannedAt: string; sentBefore: string }
  | { kind: "tick"; url: string; at: string }
  | { kind: "deliver"; url: string; start: string; nineAm: string[]; monday: string; mode: "cold" | "steady" }
  | { kind: "queue"; url: string; at: string; monday: string }
  | { kind: "commands"; url: string; world: RegionWorld; at: string; dataDir: string }
  | { kind: "export"; url: string; roadmapId: number; everything: boolean; at: string; dataDir: string };

/** The measurement itself could not run (its setup failed); a product failure while measuring is a figure, not this. */
interface Failure {
  failure: string;
}

const MB = 1024 * 1024;

/** The error as one short line: Prisma's code and the last line of its message. */
function describeError(e: unknown): string {
  const code = (e as { code?: unknown }).code;
  const message = e instanceof Error ? e.message : String(e);
  const last = message.split("\n").map((l) => l.trim()).filter(Boolean).at(-1) ?? "";
  return `${typeof code === "string" ? `${code} ` : ""}${last}`.slice(0, 160);
}

function rssSampler() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  return {
    /** the peak so far, without stopping */
    sofar(): number {
      return Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024) / MB;
    },
    stop(): number {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
      return peak / MB;
    },
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

// ---------- what was planned, in batches the planner can read ----------

/**
 * The plan at `at` as the product makes it, read a few roadmaps at a time: the planner passes
 * every item id of the active roadmaps in one query, which fails past ~1,000 items on SQLite
 * (issue 12), so the others are set aside (status draft) while a batch is planned. Per-roadmap
 * planning gives the same entries: nothing in a reminder or digest depends on another roadmap.
 * Used only to build the «already delivered» state and the «queue alone» figure.
 */
async function planInBatches(db: Db, at: Date): Promise<Planned[]> {
  const roadmaps = await db.roadmap.findMany({ where: { status: "active" }, select: { id: true, _count: { select: { items: true } } }, orderBy: { id: "asc" } });
  const batches: number[][] = [[]];
  let size = 0;
  for (const r of roadmaps) {
    if (size + r._count.items > 800 && batches.at(-1)!.length > 0) {
      batches.push([]);
      size = 0;
    }
    batches.at(-1)!.push(r.id);
    size += r._count.items;
  }
  const all = roadmaps.map((r) => r.id);
  const out: Planned[] = [];
  try {
    await db.roadmap.updateMany({ where: { id: { in: all } }, data: { status: "draft" } });
    for (const batch of batches) {
      await db.roadmap.updateMany({ where: { id: { in: batch } }, data: { status: "active" } });
      out.push(...(await planAt(db, at)));
      await db.roadmap.updateMany({ where: { id: { in: batch } }, data: { status: "draft" } });
    }
  } finally {
    await db.roadmap.updateMany({ where: { id: { in: all } }, data: { status: "active" } });
  }
  return out;
}

/** Claims marked sent for everything planned at `plannedAt` whose send time is before `sentBefore`. */
async function prepare(task: Extract<Task, { kind: "prepare" }>) {
  const db = await openDatabase(task.url);
  try {
    const t0 = performance.now();
    const planned = await planInBatches(db, new Date(task.plannedAt));
    const before = Date.parse(task.sentBefore);
    const sent = planned.filter((p) => Date.parse(p.sendAt) < before);
    // the rows tick.ts writes when it claims and records a send (scheduler/tick.ts claim/record)
    const rows = sent.map((p) => {
      const r = p.kind === "digest" ? null : (p);
      const at = new Date(p.sendAt);
      return { key: p.key, kind: p.kind, assignmentId: r?.assignmentId ?? null, roadmapId: p.roadmapId, personId: p.recipient.personId, checkpoint: r ? (r.checkpoint ?? r.period) : null, localDate: p.localDate, claimedAt: at, claimedBy: "history", sentAt: at, attempts: 1 };
    });
    for (let i = 0; i < rows.length; i += 5000) await db.reminderClaim.createMany({ data: rows.slice(i, i + 5000) });
    return { planned: planned.length, markedSent: rows.length, seconds: (performance.now() - t0) / 1000 };
  } finally {
    await db.$disconnect();
  }
}

// ---------- a peak tick ----------

/** An outbox that accepts at once: the tick's own work (plan, claim, render, record) is what is timed. */
class InstantOutbox implements Outbox {
  messages = 0;
  photos = 0;
  recipients = new Set<string>();
  #id = 1;
  async send(msg: Parameters<Outbox["send"]>[0]) {
    this.messages++;
    if (msg.photo) this.photos++;
    this.recipients.add(msg.chatId);
    return { ok: true, messageId: this.#id++ };
  }
}

async function peakTick(task: Extract<Task, { kind: "tick" }>) {
  const db = await openDatabase(task.url);
  try {
    const baseline = process.memoryUsage().rss / MB;
    const rss = rssSampler();
    const outbox = new InstantOutbox();
    const t0 = performance.now();
    let planned: number | null = null;
    let lastClaimed: number | null = null;
    // the peak through planning and claiming (the target's), before any message is built
    let claimPeak: number | null = null;
    let result: TickResult | null = null;
    let error: string | null = null;
    try {
      result = await runTick(db, outbox, new Date(task.at), {
        // deliverAll claims everything first, then builds and sends: the first message built ends
        // the claim (the claimed reminders' items are read as their messages are built, since
        // tick-memory); the last one is the tick's sending
        onStep: (step) => {
          const t = performance.now();
          if (step === "planned" && planned === null) planned = t;
          if (step === "claimed" && lastClaimed === null) {
            lastClaimed = t;
            claimPeak = rss.sofar();
          }
        },
      });
    } catch (e) {
      error = describeError(e);
    }
    const end = performance.now();
    const claims = await db.reminderClaim.count({ where: { claimedBy: { startsWith: BENCH_INSTANCE } } });
    return {
      error,
      planMs: planned !== null ? planned - t0 : null,
      claimMs: planned !== null ? (lastClaimed ?? end) - planned : null,
      tickMs: end - t0,
      // how far it got before failing
      failedAfterMs: error ? end - t0 : null,
      result,
      claims,
      messages: outbox.messages,
      photos: outbox.photos,
      recipients: outbox.recipients.size,
      baselineMb: baseline,
      claimPeakMb: claimPeak,
      peakMb: rss.stop(),
    };
  } finally {
    await db.$disconnect();
  }
}

// ---------- a Monday delivered through the real queue ----------

interface DeliverySummary {
  messages: number;
  recipients: number;
  perPerson: { mean: number; p95: number; max: number; overOne: number };
  /** simulated minutes from the start to the last message */
  minutes: number;
  rejected429: number;
}

function summarise(arrivals: Arrival[], start: number): DeliverySummary {
  const per = new Map<string, number>();
  for (const a of arrivals) per.set(a.chatId, (per.get(a.chatId) ?? 0) + 1);
  const counts = [...per.values()].sort((a, b) => a - b);
  const last = arrivals.reduce((m, a) => Math.max(m, a.at), start);
  return {
    messages: arrivals.length,
    recipients: per.size,
    perPerson: { mean: arrivals.length / Math.max(1, per.size), p95: percentile(counts, 95), max: counts.at(-1) ?? 0, overOne: counts.filter((c) => c > 1).length },
    minutes: (last - start) / 60_000,
    rejected429: 0,
  };
}

async function zonesOfChats(db: Db): Promise<Map<string, string>> {
  const people = await db.person.findMany({ where: { chatId: { not: null } }, select: { chatId: true, timezone: true } });
  return new Map(people.map((p) => [p.chatId!, p.timezone ?? "Europe/Moscow"]));
}

const nineAmIn = (monday: string, zone: string) => DateTime.fromISO(`${monday}T09:00`, { zone }).toMillis();

async function deliverMonday(task: Extract<Task, { kind: "deliver" }>) {
  // REGION_SQL prints the run's statements too (the adapter is wrapped before the database is opened)
  if (process.env.REGION_SQL) await countStatements();
  const db = await openDatabase(task.url);
  const api = await FakeBotApi.start();
  const rss = rssSampler();
  const realStart = performance.now();
  try {
    const start = Date.parse(task.start);
    const clock = new JumpingClock(new Date(start));
    const limits = enforceTelegramLimits(api, clock);
    const queue = deliveryQueue(db, clock.track(telegramClient(api.url)), clock, clock.sleep);
    const instants = task.nineAm.map((s) => Date.parse(s)).sort((a, b) => a - b);
    const lastInstant = instants.at(-1)!;
    let ticks = 0;
    let failedTicks = 0;
    let failedInARow = 0;
    let firstError: string | null = null;
    let claimed = 0;
    let stopped: string | null = null;
    const REAL_LIMIT_MS = 20 * 60_000;
    // how the simulated time is made up: each tick's start, planning, its last send and its end (simulated
    // seconds after the start), what it sent and left, and the part of it worked through (not jumped over)
    const tickLog: TickLogEntry[] = [];
    for (let t = start; ; ) {
      clock.jumpTo(t);
      ticks++;
      let r: TickResult | null = null;
      const at = clock.now().getTime();
      const skipped0 = clock.skippedMs;
      const sentBefore = limits.arrivals.length;
      let plannedAt = NaN;
      try {
        r = await runTick(db, queue, clock.now(), {
          clock,
          onStep: (step) => {
            if (step === "planned") plannedAt = clock.now().getTime();
          },
        });
        failedInARow = 0;
        claimed += r.claimed;
      } catch (e) {
        failedTicks++;
        failedInARow++;
        firstError ??= describeError(e);
      }
      await queue.idle();
      api.calls.length = 0; // the arrivals are kept; the emulator's log would hold every photo
      const now = clock.now().getTime();
      const mine = limits.arrivals.slice(sentBefore);
      tickLog.push({
        start: (at - start) / 1000,
        planned: (plannedAt - start) / 1000,
        firstSend: mine.length > 0 ? (mine[0]!.sent - start) / 1000 : null,
        lastSend: mine.length > 0 ? (mine.at(-1)!.at - start) / 1000 : null,
        end: (now - start) / 1000,
        sent: mine.length,
        claimed: r?.claimed ?? 0,
        left: r?.left ?? 0,
        workedSeconds: (now - at - (clock.skippedMs - skipped0)) / 1000,
      });
      const nextMinute = Math.floor(now / 60_000) * 60_000 + 60_000;
      if (failedInARow >= 3) {
        stopped = `the tick failed ${failedInARow} times in a row`;
        break;
      }
      if (performance.now() - realStart > REAL_LIMIT_MS) {
        stopped = `stopped after ${REAL_LIMIT_MS / 60_000} real minutes`;
        break;
      }
      const quiet = r !== null && r.claimed === 0 && r.failed === 0;
      if (quiet && now >= lastInstant) break;
      // nothing new comes due between the zones' 09:00 (a quiet tick finds nothing): jump there
      const nextInstant = instants.find((i) => i > now);
      t = quiet && task.mode === "steady" && nextInstant !== undefined ? Math.max(nextMinute, nextInstant) : nextMinute;
      // as the scheduler does (scheduler/index.ts): a tick that left work over its budget is followed at once
      if (r !== null && continueAtOnce(r)) t = now;
      if (t - start > 18 * 3_600_000) {
        stopped = "still sending 18 simulated hours later";
        break;
      }
    }
    // digests sent during the run (the prepared history was sent before it): the claim's message id is the first part Telegram accepted
    const zones = await zonesOfChats(db);
    const digestClaims = await db.reminderClaim.findMany({ where: { kind: "digest", sentAt: { gte: new Date(start) }, messageId: { not: null } }, select: { messageId: true } });
    // a digest claimed during the run and never sent (its build failed) is missing from the figures: counted apart
    const digestsClaimed = await db.reminderClaim.count({ where: { kind: "digest", claimedAt: { gte: new Date(start) } } });
    const arrivalById = new Map(limits.arrivals.map((a) => [a.messageId, a]));
    const lateness = digestClaims
      .map((c) => arrivalById.get(Number(c.messageId)))
      .filter((a): a is Arrival => !!a)
      .map((a) => (a.at - (task.mode === "cold" ? start : nineAmIn(task.monday, zones.get(a.chatId) ?? "Europe/Moscow"))) / 60_000)
      .sort((a, b) => a - b);
    const summary = summarise(limits.arrivals, start);
    // everything but the digests (reminders, escalations, review notices …): one message a person is the target
    const digestIds = new Set(digestClaims.map((c) => Number(c.messageId)));
    const withoutDigests = summarise(limits.arrivals.filter((a) => !digestIds.has(a.messageId)), start);
    const reminderLateness = limits.arrivals.map((a) => (a.at - Math.max(start, nineAmIn(task.monday, zones.get(a.chatId) ?? "Europe/Moscow"))) / 60_000).sort((a, b) => a - b);
    return {
      ticks,
      failedTicks,
      firstError,
      stopped,
      claimed,
      ...summary,
      withoutDigests: { messages: withoutDigests.messages, recipients: withoutDigests.recipients, perPerson: withoutDigests.perPerson },
      rejected429: limits.rejected429, rejectedOverall: limits.overall, rejectedPerChat: limits.perChat,
      lateness: { p50: percentile(reminderLateness, 50), p95: percentile(reminderLateness, 95), max: reminderLateness.at(-1) ?? null },
      digests: { count: lateness.length, claimed: Math.max(digestsClaimed, lateness.length), p50: percentile(lateness, 50), p95: percentile(lateness, 95), max: lateness.at(-1) ?? null, overTen: lateness.filter((m) => m > 10).length },
      queue: queue.stats,
      realSeconds: (performance.now() - realStart) / 1000,
      peakMb: rss.stop(),
      tickLog,
      perMinute: perMinute(limits.arrivals, start),
    };
  } finally {
    await api.stop();
    await db.$disconnect();
  }
}

export interface TickLogEntry {
  /** simulated seconds after the start */
  start: number;
  planned: number;
  firstSend: number | null;
  lastSend: number | null;
  end: number;
  sent: number;
  claimed: number;
  left: number;
  /** of the tick's simulated time, the part worked through rather than jumped over (real time on this machine) */
  workedSeconds: number;
}

/** Messages Telegram had in each simulated minute after the start. */
function perMinute(arrivals: Arrival[], start: number): number[] {
  const out: number[] = [];
  for (const a of arrivals) {
    const m = Math.floor((a.at - start) / 60_000);
    while (out.length <= m) out.push(0);
    out[m]!++;
  }
  return out;
}

/** The cold Monday's messages (planned in batches, grouped as the tick groups them) through the queue alone. */
async function queueAlone(task: Extract<Task, { kind: "queue" }>) {
  const db = await openDatabase(task.url);
  const api = await FakeBotApi.start();
  const realStart = performance.now();
  const rss = rssSampler();
  try {
    const planned = await planInBatches(db, new Date(task.at));
    const messages = new Map<string, Planned>();
    for (const p of planned) if (!messages.has(messageKeyOf(p))) messages.set(messageKeyOf(p), p);
    const start = Date.parse(task.at);
    const clock = new JumpingClock(new Date(start));
    const limits = enforceTelegramLimits(api, clock);
    const queue = deliveryQueue(db, clock.track(telegramClient(api.url)), clock, clock.sleep);
    // a reminder card's usual length; the text does not change the rate
    const text = `<b>Напоминание</b>\n${"Срок исполнения мероприятия дорожной карты наступает. ".repeat(8)}`;
    await Promise.all([...messages.values()].map((p) => queue.send({ chatId: p.recipient.chatId!, personId: p.recipient.personId, text })));
    await queue.idle();
    const digests = [...messages.values()].filter((p) => p.kind === "digest").length;
    return { planned: planned.length, digests, ...summarise(limits.arrivals, start), rejected429: limits.rejected429, rejectedOverall: limits.overall, rejectedPerChat: limits.perChat, queue: queue.stats, realSeconds: (performance.now() - realStart) / 1000, peakMb: rss.stop() };
  } finally {
    await api.stop();
    await db.$disconnect();
  }
}

// ---------- chat commands through the real bot ----------
//
// The real bot (createBot: every middleware and handler, the database, the deduplication of
// updates) is handed each update with handleUpdate, and its replies go over real HTTP to the Bot
// API emulator, as bench/chat.ts does. The test harness's long polling is left out: it would add a
// getUpdates round trip and its waiting to every figure. Time is from the update to the last reply.

interface CommandRow {
  who: string;
  command: string;
  runs: number;
  p50: number;
  p95: number;
  max: number;
  statements: { median: number; max: number };
  errors: string[];
  replies: number;
  replyChars: number;
}

async function commands(task: Extract<Task, { kind: "commands" }>) {
  const counter = await countStatements(); // before the database is opened: the adapter is wrapped at connect
  const db = await openDatabase(task.url);
  const api = await FakeBotApi.start();
  const errors: string[] = [];
  const logger = collectingLogger((line) => {
    try {
      const entry = JSON.parse(line) as { level: number; msg?: string; err?: unknown };
      if (entry.level >= 50) errors.push(describeError(Object.assign(new Error((entry.err as { message?: string })?.message ?? entry.msg ?? ""), { code: (entry.err as { code?: string })?.code })));
    } catch {
      errors.push(line.slice(0, 160));
    }
  });
  const outbox: Outbox = { send: async () => ({ ok: true, messageId: 1 }) };
  const bot = createRegionBot({ db, apiRoot: api.url, dataDir: task.dataDir, clock: new ManualClock(task.at), outbox, logger, databaseUrl: task.url });
  const w = task.world;
  const plan: Array<{ who: string; user: { chatId: string }; command: string }> = [
    { who: "executor", user: w.users.executor, command: "/my" },
    { who: "curator", user: w.users.curator, command: "/my" },
    { who: "curator", user: w.users.curator, command: `/school ${w.users.curator.schoolText}` },
    { who: "curator", user: w.users.curator, command: "/overdue" },
    { who: "curator", user: w.users.curator, command: "/verify" },
    { who: "district deputy", user: w.users.districtDeputy, command: "/overdue" },
    { who: "district deputy", user: w.users.districtDeputy, command: "/verify" },
    { who: "district deputy", user: w.users.districtDeputy, command: `/roadmap ${w.users.districtDeputy.roadmapId}` },
    { who: "regional deputy", user: w.users.regionalDeputy, command: `/school ${w.anySchoolText}` },
    { who: "regional deputy", user: w.users.regionalDeputy, command: "/overdue" },
    { who: "regional deputy", user: w.users.regionalDeputy, command: "/verify" },
    { who: "coordinator", user: w.users.coordinator, command: `/school ${w.anySchoolText}` },
    { who: "coordinator", user: w.users.coordinator, command: "/overdue" },
    { who: "coordinator", user: w.users.coordinator, command: "/verify" },
    { who: "coordinator", user: w.users.coordinator, command: `/roadmap ${w.regionalRoadmapIds[0]}` },
  ];
  // REGION_COMMANDS=overdue (a regular expression) measures only the matching «who /command» lines
  const only = process.env.REGION_COMMANDS ? new RegExp(process.env.REGION_COMMANDS) : null;
  const chosen = plan.filter((p) => !only || only.test(`${p.who} ${p.command}`));
  // REGION_REPLIES=<dir>: each command's replies of its first measured run (texts and images), to compare two versions
  const dump = process.env.REGION_REPLIES;
  let updateId = 1;
  const run = async (chatId: string, text: string) => {
    const id = Number(chatId);
    const entity = /^\/\S+/.exec(text)![0].length;
    const update = {
      update_id: updateId++,
      message: { message_id: updateId, date: Math.floor(Date.parse(task.at) / 1000), chat: { id, type: "private", first_name: "Т" }, from: { id, is_bot: false, first_name: "Т", language_code: "ru" }, text, entities: [{ type: "bot_command", offset: 0, length: entity }] },
    };
    const calls = api.calls.length;
    const errs = errors.length;
    const s0 = counter.read();
    const t0 = performance.now();
    await bot.handleUpdate(update as never);
    const ms = performance.now() - t0;
    const replies = api.calls.slice(calls).filter((c) => c.method.startsWith("send"));
    return { ms, statements: counter.read() - s0, errors: errors.slice(errs), replies: replies.length, chars: replies.reduce((n, c) => n + (typeof (c.params.text ?? c.params.caption) === "string" ? String(c.params.text ?? c.params.caption) : "").length, 0) };
  };
  const rows: CommandRow[] = [];
  try {
    for (const p of chosen) {
      await run(p.user.chatId, p.command); // warm-up: first-use costs (lazy modules, fonts) are not per command
      api.calls.length = 0;
      const times: number[] = [];
      const statements: number[] = [];
      const errs = new Set<string>();
      let replies = 0;
      let chars = 0;
      const budget = performance.now() + 20_000;
      for (let i = 0; i < 20 && (i < 3 || performance.now() < budget); i++) {
        const r = await run(p.user.chatId, p.command);
        times.push(r.ms);
        statements.push(r.statements);
        r.errors.forEach((e) => errs.add(e));
        replies = Math.max(replies, r.replies);
        chars = Math.max(chars, r.chars);
        if (i === 0 && dump) keepReplies(dump, `${p.who} ${p.command}`, api.calls);
        api.calls.length = 0;
      }
      times.sort((a, b) => a - b);
      statements.sort((a, b) => a - b);
      rows.push({ who: p.who, command: p.command.split(" ")[0]! + (p.command.startsWith("/roadmap") ? (p.command.endsWith(String(w.regionalRoadmapIds[0])) ? " (regional)" : " (district)") : ""), runs: times.length, p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1)!, statements: { median: percentile(statements, 50), max: statements.at(-1)! }, errors: [...errs], replies, replyChars: chars });
    }
  } finally {
    await api.stop();
    await db.$disconnect();
  }
  return { rows };
}

/** The replies of one run as files: `<who command>.<n>.txt` (text or caption) and `.png` (a photo). */
function keepReplies(dir: string, name: string, calls: FakeBotApi["calls"]) {
  fs.mkdirSync(dir, { recursive: true });
  const base = name.replace(/[^\p{L}\p{N}]+/gu, "-");
  calls
    .filter((c) => c.method.startsWith("send"))
    .forEach((c, n) => {
      const text = c.params.text ?? c.params.caption;
      if (typeof text === "string") fs.writeFileSync(path.join(dir, `${base}.${n}.txt`), text);
      const photo = c.files.photo;
      if (photo) fs.writeFileSync(path.join(dir, `${base}.${n}.png`), photo.data);
    });
}

// ---------- export ----------

async function exportBench(task: Extract<Task, { kind: "export" }>) {
  const db = await openDatabase(task.url);
  try {
    if (task.everything) {
      // every roadmap's items moved under one roadmap (keys prefixed with their old roadmap): one
      // export of every assignment in the region. Plain SQL both providers understand.
      await db.$executeRaw(Prisma.sql`UPDATE "Item" SET "key" = CAST("roadmapId" AS TEXT) || '/' || "key", "roadmapId" = ${task.roadmapId} WHERE "roadmapId" <> ${task.roadmapId}`);
    }
    const rows = await db.assignment.count({ where: { item: { roadmapId: task.roadmapId } } });
    const baseline = process.memoryUsage().rss / MB;
    const rss = rssSampler();
    const t0 = performance.now();
    try {
      const out = await exportXlsx(task.url, task.roadmapId, new Date(task.at), task.dataDir);
      return { rows: out.rows, assignments: rows, bytes: out.bytes, ms: performance.now() - t0, baselineMb: baseline, peakMb: rss.stop() };
    } catch (e) {
      return { error: describeError(e), assignments: rows, ms: performance.now() - t0, baselineMb: baseline, peakMb: rss.stop() };
    }
  } finally {
    await db.$disconnect();
  }
}

async function main(): Promise<void> {
  const task = JSON.parse(fs.readFileSync(process.argv[2]!, "utf8")) as Task;
  let result: unknown;
  try {
    switch (task.kind) {
      case "prepare":
        result = await prepare(task);
        break;
      case "tick":
        result = await peakTick(task);
        break;
      case "deliver":
        result = await deliverMonday(task);
        break;
      case "queue":
        result = await queueAlone(task);
        break;
      case "commands":
        result = await commands(task);
        break;
      case "export":
        fs.mkdirSync(path.resolve(task.dataDir), { recursive: true });
        result = await exportBench(task);
        break;
    }
  } catch (e) {
    result = { failure: describeError(e) } satisfies Failure;
  }
  process.stdout.write(`@@RESULT ${JSON.stringify(result)}\n`);
}

await main();
process.exit(0);
