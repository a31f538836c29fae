import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createTestDb, testProvider, type TestDb } from "./support/db.ts";
import { FakeBotApi } from "./support/fake-bot-api.ts";
import { item, person, seedWorld } from "./support/scheduler-world.ts";

// Two real processes (`tick --at`, the scheduler's entry for operators) on one database — one
// PostgreSQL database when TEST_DATABASE_URL is set, else one SQLite file — ticking the same
// instants against one emulated Bot API that refuses what Telegram would refuse for flooding:
// every reminder is delivered once, none twice, and the limits hold for the bot as a whole.
// Then one is killed mid-tick: the restarted one (its clock moved past the claims' time-out with
// VEKHA_TEST_CLOCK_SHIFT_MS) loses and doubles nothing.

const ROOT = path.resolve(import.meta.dirname, "..");
const TOKEN = "123456:two-instances";
const AT = "2023-06-15T09:00:00+09:00";
const PEOPLE = 70;

let t: TestDb;
let api: FakeBotApi;
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill("SIGKILL");
  await api?.stop();
  await t?.close();
});

function tickProcess(at: string, env: Record<string, string> = {}): { proc: ChildProcess; done: Promise<{ code: number | null; out: string; err: string }> } {
  const proc = spawn(process.execPath, ["--import", "tsx", "cli/main.ts", "tick", "--at", at], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: t.url, BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.url, LOG_LEVEL: "silent", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(proc);
  let out = "";
  let err = "";
  proc.stdout.on("data", (d: Buffer) => (out += d.toString()));
  proc.stderr.on("data", (d: Buffer) => (err += d.toString()));
  const done = new Promise<{ code: number | null; out: string; err: string }>((resolve) => proc.on("exit", (code) => resolve({ code, out, err })));
  return { proc, done };
}

/** Executors with two items due today each: one grouped message per person. */
async function seedPeople(db: TestDb["db"]): Promise<Map<string, number>> {
  const w = await seedWorld(db);
  const chats = new Map<string, number>();
  for (let i = 0; i < PEOPLE; i++) {
    const p = await person(db, `Исполнитель ${i}`, { organizationId: w.schoolId });
    await item(db, w, `${i}.1`, { kind: "date", due: "2023-06-15" }, [{ personId: p.id, schoolId: w.schoolId }]);
    await item(db, w, `${i}.2`, { kind: "date", due: "2023-06-22" }, [{ personId: p.id, schoolId: w.schoolId }]);
    chats.set(p.chatId!, p.id);
  }
  return chats;
}

function perChat(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of api.sent()) if (m.method === "sendMessage") counts.set(m.chatId, (counts.get(m.chatId) ?? 0) + 1);
  return counts;
}

async function until(what: () => Promise<boolean> | boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  // the other processes are real: their progress is watched, not simulated
  while (!(await what())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe(`two instances on one ${testProvider} database`, () => {
  it("tick the same instants: every reminder delivered once, Telegram's limits never exceeded", async () => {
    t = await createTestDb();
    api = await FakeBotApi.start();
    api.enforceLimits();
    const chats = await seedPeople(t.db);
    const [a, b] = [tickProcess(AT), tickProcess(AT)];
    const [ra, rb] = await Promise.all([a.done, b.done]);
    expect([ra.code, rb.code], `${ra.err}\n${rb.err}`).toEqual([0, 0]);
    // both planned the same; the claims split the work between them
    expect(api.flood.refused).toBe(0);
    const counts = perChat();
    expect(counts.size).toBe(PEOPLE);
    for (const chat of chats.keys()) expect(counts.get(chat)).toBe(1);
    expect(await t.db.reminderClaim.count({ where: { sentAt: null } })).toBe(0);
    expect(await t.db.reminderClaim.count({ where: { kind: "due" } })).toBe(PEOPLE);
    // a minute later both tick again: nothing more goes
    const again = await Promise.all([tickProcess("2023-06-15T09:01:00+09:00").done, tickProcess("2023-06-15T09:01:00+09:00").done]);
    expect(again.map((r) => r.code)).toEqual([0, 0]);
    expect(api.sent().filter((m) => m.method === "sendMessage")).toHaveLength(PEOPLE);
    // each sent message knows the assignments it carries: both of its person's
    const claims = await t.db.reminderClaim.findMany({ select: { personId: true, messageId: true, assignmentId: true } });
    const byMessage = new Map<string, Set<number>>();
    for (const c of claims) byMessage.set(`${c.personId}|${c.messageId}`, (byMessage.get(`${c.personId}|${c.messageId}`) ?? new Set()).add(c.assignmentId!));
    expect(byMessage.size).toBe(PEOPLE);
    for (const ids of byMessage.values()) expect(ids.size).toBe(2);
  }, 120_000);

  it("one instance killed mid-tick, restarted: nothing lost, nothing doubled", async () => {
    t = await createTestDb();
    api = await FakeBotApi.start();
    api.enforceLimits();
    const chats = await seedPeople(t.db);
    let flooded = false;
    // once ten messages went, Telegram floods: the instance holds the rest of its claims, waiting
    api.onCall((c) => {
      if (!flooded && api.sent().filter((m) => m.method === "sendMessage").length >= 10) {
        flooded = true;
        api.floodFor(600_000);
      }
      void c;
    });
    const a = tickProcess(AT);
    await until(() => flooded);
    const accepted = api.sent().filter((m) => m.method === "sendMessage").length;
    // what Telegram took is recorded before the kill: the crash point under test is «claimed, not sent»
    await until(async () => (await t.db.reminderClaim.groupBy({ by: ["messageId"], where: { sentAt: { not: null } } })).length >= accepted);
    a.proc.kill("SIGKILL");
    await a.done;
    const held = await t.db.reminderClaim.count({ where: { sentAt: null } });
    expect(held).toBeGreaterThan(0);
    // the flood is over
    api.floodFor(0);
    await t.db.sendGate.updateMany({ data: { pausedUntil: new Date(0) } });
    // restarted at once: the dead one's claims are still fresh, nobody takes them yet
    const soon = await tickProcess("2023-06-15T09:01:00+09:00").done;
    expect(soon.code, soon.err).toBe(0);
    expect(await t.db.reminderClaim.count({ where: { sentAt: null } })).toBe(held);
    // six minutes on they are stale: taken over and sent, each once
    const later = await tickProcess("2023-06-15T09:06:00+09:00", { VEKHA_TEST_CLOCK_SHIFT_MS: String(6 * 60_000) }).done;
    expect(later.code, later.err).toBe(0);
    expect(await t.db.reminderClaim.count({ where: { sentAt: null } })).toBe(0);
    const counts = perChat();
    expect(counts.size).toBe(PEOPLE);
    for (const chat of chats.keys()) expect(counts.get(chat)).toBe(1);
  }, 120_000);
});
