import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DateTime } from "luxon";
import { Telegram } from "telegraf";
import { systemClock } from "../core/clock.ts";
import { workCalendar } from "../core/working-days.ts";
import { DEFAULT_POLICY, remindersDue, type AssignmentState } from "../core/reminders.ts";
import { openDb } from "../services/db.ts";
import { loadPlanningState, planFromState } from "../scheduler/plan.ts";
import { DeliveryQueue } from "../scheduler/delivery.ts";
import { FakeBotApi } from "../test/support/fake-bot-api.ts";
import { tick } from "../scheduler/tick.ts";

// Scheduler figures: planning 10,000 assignments over 200 schools (target < 200 ms); a tick's
// database work for 10,000 reminders; delivering 1,000 messages to 100 chats, 30 to one chat and
// 600 through a 429 storm, through an emulator that enforces Telegram's limits (target: within 10%
// of 30 messages/s, no 429 but the storm's, none lost); peak memory.

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
let peakRss = 0;
const sampleMemory = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));

const SCHOOLS = 200;
const ASSIGNMENTS = 10_000;
const ZONES = ["Europe/Kaliningrad", "Europe/Moscow", "Asia/Yekaterinburg", "Asia/Novosibirsk", "Asia/Irkutsk", "Asia/Yakutsk", "Asia/Kamchatka"];
const KINDS = ["date", "window", "multi", "ongoing", "recurring", "on_demand"] as const;

function schedule(i: number): AssignmentState["schedule"] {
  const kind = KINDS[i % KINDS.length]!;
  const month = 1 + (i % 12);
  const due = DateTime.utc(2023, month, 1).endOf("month").toISODate()!;
  switch (kind) {
    case "date":
      return { kind, start: null, due, checkpoints: [due], every: null };
    case "window":
      return { kind, start: DateTime.utc(2023, month, 1).toISODate()!, due, checkpoints: [due], every: null };
    case "multi":
      return { kind, start: "2023-01-01", due: "2023-12-31", checkpoints: [due, "2023-12-31"], every: null };
    case "ongoing":
      return { kind, start: "2023-01-01", due: "2023-12-31", checkpoints: [], every: null };
    case "recurring":
      return { kind, start: null, due: null, checkpoints: [], every: i % 2 ? "week" : "quarter" };
    default:
      return { kind, start: null, due: null, checkpoints: [], every: null };
  }
}

async function benchPlanningPure(): Promise<void> {
  const states: AssignmentState[] = [];
  // one policy object per roadmap, as the database planner builds them
  const policies = Array.from({ length: 10 }, () => ({ ...DEFAULT_POLICY }));
  for (let i = 0; i < ASSIGNMENTS; i++) {
    const school = i % SCHOOLS;
    const zone = ZONES[school % ZONES.length]!;
    states.push({
      assignmentId: i + 1,
      roadmapId: 1 + (school % 10),
      itemKey: String(i % 50),
      itemNumber: String(i % 50),
      schedule: schedule(i),
      status: i % 5 === 0 ? "verified" : "not_started",
      dueOverride: null,
      executor: { personId: i + 1, name: "Исполнитель", chatId: String(i + 1), timezone: zone },
      escalateTo: [{ personId: 100_000 + school, name: "Куратор", chatId: String(100_000 + school), timezone: zone }],
      activeFrom: "2023-01-09",
      policy: policies[school % 10]!,
    });
  }
  const cal = workCalendar();
  const instants = ["2023-04-03T02:00:00Z", "2023-06-30T06:00:00Z", "2023-10-02T01:00:00Z", "2023-12-29T04:00:00Z"].map((s) => new Date(s));
  remindersDue(states, instants[0]!, cal); // warm-up
  const times: number[] = [];
  const cpu: number[] = [];
  let found = 0;
  for (let round = 0; round < 3; round++) {
    for (const at of instants) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      found = remindersDue(states, at, cal).length;
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
      times.push(performance.now() - t0);
      sampleMemory();
    }
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  console.log(
    `plan (pure): ${ASSIGNMENTS} assignments, ${SCHOOLS} schools, ${ZONES.length} zones: median ${times[times.length >> 1]!.toFixed(1)} ms wall / ${cpu[cpu.length >> 1]!.toFixed(1)} ms CPU, ` +
      `worst ${times[times.length - 1]!.toFixed(1)} ms wall (target < 200 ms); ${found} due at the last instant; machine load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`,
  );
}

async function benchPlanningDb(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vekha-bench-sched-"));
  const db = await openDb(`file:${path.join(dir, "bench.db")}`);
  try {
    const roadmap = await db.roadmap.create({
      data: { identity: "bench", title: "Bench", timezone: "Asia/Yakutsk", status: "active", activeFrom: "2023-01-09", contentHash: "b", reminderPolicy: '{"digest": false}' },
    });
    await db.organization.createMany({ data: Array.from({ length: SCHOOLS }, (_, i) => ({ name: `Школа № ${i + 1}`, kind: "school", schoolKey: `bench-${i}` })) });
    const schools = await db.organization.findMany({ select: { id: true } });
    await db.person.createMany({ data: Array.from({ length: SCHOOLS * 2 }, (_, i) => ({ fullName: `Сотрудник ${i}`, shortName: `Сотрудник ${i}`, chatId: String(10_000 + i), timezone: ZONES[i % ZONES.length]! })) });
    const people = await db.person.findMany({ select: { id: true } });
    await db.curatorship.createMany({ data: schools.map((s, i) => ({ schoolId: s.id, personId: people[SCHOOLS + i]!.id })) });
    const ITEMS = 50;
    await db.item.createMany({
      data: Array.from({ length: ITEMS }, (_, i) => {
        const s = schedule(i);
        return { roadmapId: roadmap.id, key: String(i + 1), title: `Мероприятие ${i + 1}`, deadlineKind: s.kind, deadlineStart: s.start, deadlineDue: s.due, checkpoints: JSON.stringify(s.checkpoints), every: s.every, position: i };
      }),
    });
    const items = await db.item.findMany({ select: { id: true } });
    const rows = Array.from({ length: ASSIGNMENTS }, (_, i) => ({ itemId: items[i % ITEMS]!.id, personId: people[i % SCHOOLS]!.id, schoolId: schools[i % SCHOOLS]!.id, status: i % 5 === 0 ? "verified" : "not_started" }));
    for (let i = 0; i < rows.length; i += 1000) await db.assignment.createMany({ data: rows.slice(i, i + 1000) });
    const at = new Date("2023-06-30T06:00:00Z");
    await loadPlanningState(db); // warm-up
    const times: number[] = [];
    const cpu: number[] = [];
    let planned = 0;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const state = await loadPlanningState(db);
      planned = planFromState(state, at).length;
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
      times.push(performance.now() - t0);
      sampleMemory();
    }
    times.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    console.log(`plan (database → plan, what a tick does): ${ASSIGNMENTS} assignments in SQLite: median ${times[2]!.toFixed(0)} ms wall / ${cpu[2]!.toFixed(0)} ms CPU, worst ${times[4]!.toFixed(0)} ms wall; ${planned} planned`);
  } finally {
    await db.$disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Sends `n` messages spread over `chats` through a fresh queue against an emulator enforcing Telegram's limits. */
async function deliverThrough(n: number, chats: number, opts: { floodAfterMs?: number; floodMs?: number } = {}) {
  const api = await FakeBotApi.start();
  try {
    // 30 a second overall, one a second per chat, measured when a request arrives (real time)
    api.enforceLimits();
    const queue = new DeliveryQueue({ telegram: new Telegram("1:BENCH", { apiRoot: api.url }), clock: systemClock });
    const timer = setInterval(sampleMemory, 200);
    const flood = opts.floodMs ? setTimeout(() => api.floodFor(opts.floodMs!), opts.floodAfterMs ?? 0) : null;
    const t0 = performance.now();
    const results = await Promise.all(Array.from({ length: n }, (_, i) => queue.send({ chatId: String(1000 + (i % chats)), text: `message ${i}` })));
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(timer);
    if (flood) clearTimeout(flood);
    const received = new Set(api.sent().map((m) => m.text)).size;
    return { seconds, ok: results.filter((r) => r.ok).length, received, refused: api.flood.refused, retried: queue.stats.retried429 };
  } finally {
    await api.stop();
  }
}

async function benchDelivery(): Promise<void> {
  const MESSAGES = 1000;
  const CHATS = 100;
  const many = await deliverThrough(MESSAGES, CHATS);
  const rate = MESSAGES / many.seconds;
  console.log(
    `delivery: ${MESSAGES} messages to ${CHATS} chats in ${many.seconds.toFixed(1)} s = ${rate.toFixed(1)} msg/s (target 27–30, ${((rate / 30) * 100).toFixed(0)}% of 30/s); ` +
      `delivered ${many.ok}, received by the emulator ${many.received}, lost ${MESSAGES - many.received}; 429 from the emulator ${many.refused}`,
  );
  const ONE = 30;
  const one = await deliverThrough(ONE, 1);
  console.log(`delivery: ${ONE} messages to one chat in ${one.seconds.toFixed(1)} s (one a second: ${((ONE - 1) / one.seconds).toFixed(2)} msg/s); received ${one.received}, 429 from the emulator ${one.refused}`);
  const STORM = 600;
  const storm = await deliverThrough(STORM, 60, { floodAfterMs: 3000, floodMs: 5000 });
  console.log(
    `delivery through a 429 storm (Telegram refuses everything for 5 s, 3 s in): ${STORM} messages to 60 chats in ${storm.seconds.toFixed(1)} s; ` +
      `received ${storm.received}, lost ${STORM - storm.received}; 429 answered ${storm.refused} (each pauses every send), retried ${storm.retried}`,
  );
}

/** plan → claim → send → record for 10,000 reminders through `tick`, Telegram replaced by an instant outbox: the database's share. */
async function benchTick(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vekha-bench-tick-"));
  const db = await openDb(`file:${path.join(dir, "bench.db")}`);
  try {
    await db.person.createMany({ data: Array.from({ length: 200 }, (_, i) => ({ fullName: `Исполнитель ${i}`, shortName: `Исполнитель ${i}`, chatId: String(10_000 + i) })) });
    const people = await db.person.findMany({ select: { id: true } });
    for (let r = 0; r < 10; r++) {
      const roadmap = await db.roadmap.create({ data: { identity: `t${r}`, title: `Карта ${r}`, timezone: "Asia/Yakutsk", status: "active", activeFrom: "2023-01-09", contentHash: "t", reminderPolicy: '{"digest": false}' } });
      await db.item.createMany({ data: Array.from({ length: 1000 }, (_, i) => ({ roadmapId: roadmap.id, key: String(i + 1), title: `Мероприятие ${i + 1}`, deadlineKind: "date", deadlineDue: "2023-06-15", checkpoints: '["2023-06-15"]', position: i })) });
      const items = await db.item.findMany({ where: { roadmapId: roadmap.id }, select: { id: true } });
      await db.assignment.createMany({ data: items.map((it, i) => ({ itemId: it.id, personId: people[(i + r) % people.length]!.id })) });
    }
    let n = 0;
    const instant = { send: async () => ({ ok: true, messageId: ++n }) };
    const t0 = performance.now();
    const r = await tick({ db, outbox: instant, maxMessages: 20_000 }, new Date("2023-06-15T00:30:00Z"));
    const ms = performance.now() - t0;
    sampleMemory();
    const t1 = performance.now();
    await tick({ db, outbox: instant, maxMessages: 20_000 }, new Date("2023-06-15T00:31:00Z"));
    console.log(
      `tick: 10,000 reminders over 10 roadmaps planned, claimed, handed over and recorded in ${(ms / 1000).toFixed(1)} s (${((ms * 1000) / r.sent).toFixed(0)} µs each; Telegram's 30/s takes 333 s); ` +
        `sent ${r.sent}, failed ${r.failed}; the next minute's tick (all sent) ${(performance.now() - t1).toFixed(0)} ms`,
    );
  } finally {
    await db.$disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function bench(): Promise<void> {
  sampleMemory();
  await benchPlanningPure();
  await benchPlanningDb();
  await benchTick();
  await benchDelivery();
  sampleMemory();
  console.log(`peak memory (RSS sampled during the scheduler benches): ${mb(peakRss)}; heap now ${mb(process.memoryUsage().heapUsed)}`);
}
