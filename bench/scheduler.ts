import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DateTime } from "luxon";
import { Telegram } from "telegraf";
import { systemClock } from "../core/clock.ts";
import { workCalendar } from "../core/calendar.ts";
import { DEFAULT_POLICY, remindersDue, type AssignmentState } from "../core/reminders.ts";
import { openDb } from "../services/db.ts";
import { loadPlanningState, planFromState } from "../scheduler/plan.ts";
import { DeliveryQueue } from "../scheduler/delivery.ts";
import { FakeBotApi, type ApiCall } from "../test/support/fake-bot-api.ts";

// Scheduler figures: planning 10,000 assignments over 200 schools (target < 200 ms), and
// delivering 1,000 messages to 100 chats through an emulator that enforces Telegram's limits
// (target: within 10% of 30 messages/s, no 429 left unhandled, none lost); peak memory.

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

/** Telegram's limits, enforced by the emulator: 30 a second overall, a chat 1 a second with bursts of 3. */
function enforceLimits(api: FakeBotApi, stats: { accepted: Set<string>; rejected: number }) {
  const LEEWAY_MS = 30; // request arrival jitter on a loaded machine
  const window: number[] = [];
  const buckets = new Map<string, { tokens: number; at: number }>();
  let messageId = 1;
  api.handler = (call: ApiCall) => {
    if (call.method !== "sendMessage") return undefined;
    const now = performance.now();
    while (window.length > 0 && window[0]! <= now - (1000 - LEEWAY_MS)) window.shift();
    const chat = String(call.params.chat_id);
    const b = buckets.get(chat) ?? { tokens: 3, at: now };
    b.tokens = Math.min(3, b.tokens + (now - b.at) / (1000 - LEEWAY_MS));
    b.at = now;
    buckets.set(chat, b);
    if (window.length >= 30 || b.tokens < 1) {
      stats.rejected++;
      return { status: 429, body: { ok: false, error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } } };
    }
    window.push(now);
    b.tokens -= 1;
    stats.accepted.add(String(call.params.text));
    return { status: 200, body: { ok: true, result: { message_id: messageId++, date: Math.floor(Date.now() / 1000), chat: { id: Number(chat), type: "private" }, text: call.params.text } } };
  };
}

async function benchDelivery(): Promise<void> {
  const api = await FakeBotApi.start();
  try {
    const stats = { accepted: new Set<string>(), rejected: 0 };
    enforceLimits(api, stats);
    const queue = new DeliveryQueue({ telegram: new Telegram("1:BENCH", { apiRoot: api.url }), clock: systemClock });
    const MESSAGES = 1000;
    const CHATS = 100;
    const timer = setInterval(sampleMemory, 200);
    const t0 = performance.now();
    const results = await Promise.all(Array.from({ length: MESSAGES }, (_, i) => queue.send({ chatId: String(1000 + (i % CHATS)), text: `message ${i}` })));
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(timer);
    const ok = results.filter((r) => r.ok).length;
    const rate = MESSAGES / seconds;
    console.log(
      `delivery: ${MESSAGES} messages to ${CHATS} chats in ${seconds.toFixed(1)} s = ${rate.toFixed(1)} msg/s (target 27–30, ${((rate / 30) * 100).toFixed(0)}% of 30/s); ` +
        `delivered ${ok}, received by the emulator ${stats.accepted.size}, lost ${MESSAGES - stats.accepted.size}; ` +
        `429 from the emulator ${stats.rejected}, retried ${queue.stats.retried429}, unhandled ${stats.rejected - queue.stats.retried429}`,
    );
  } finally {
    await api.stop();
  }
}

export async function bench(): Promise<void> {
  sampleMemory();
  await benchPlanningPure();
  await benchPlanningDb();
  await benchDelivery();
  sampleMemory();
  console.log(`peak memory (RSS sampled during the scheduler benches): ${mb(peakRss)}; heap now ${mb(process.memoryUsage().heapUsed)}`);
}
