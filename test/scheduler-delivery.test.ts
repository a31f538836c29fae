import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Telegram } from "telegraf";
import { ManualClock } from "../core/clock.ts";
import { FakeBotApi } from "./support/fake-bot-api.ts";
import { createTestDb, type TestDb } from "./support/db.ts";
import { seedWorld, advancingSleep } from "./support/scheduler-world.ts";
import { DeliveryQueue, type TelegramLike } from "../scheduler/delivery.ts";
import { createDeliveryQueue } from "../scheduler/queue.ts";
import { loadPlanningState } from "../scheduler/plan.ts";

// The queue against the Bot API emulator over real HTTP, with a manual clock: `sleep` moves the
// clock instead of waiting, so seconds of rate limiting and backoff take milliseconds.

let api: FakeBotApi;
let clock: ManualClock;
let t: TestDb | undefined;
// the clock is made anew for each test: read when a sleep happens
const sleep = (ms: number) => advancingSleep(clock)(ms);

beforeEach(async () => {
  api = await FakeBotApi.start();
  clock = new ManualClock("2023-06-15T00:00:00Z");
});
afterEach(async () => {
  await api.stop();
  await t?.close();
  t = undefined;
});

/** telegraf's Telegram pointed at the emulator, noting the injected clock at each call. */
function telegram(log: Array<{ chatId: string; at: number }>): TelegramLike {
  const tg = new Telegram("123:TEST", { apiRoot: api.url });
  const start = clock.now().getTime();
  const note = (chatId: string | number) => log.push({ chatId: String(chatId), at: clock.now().getTime() - start });
  return {
    sendMessage: (chatId, text, extra) => (note(chatId), tg.sendMessage(chatId, text, extra)),
    sendDocument: (chatId, doc, extra) => (note(chatId), tg.sendDocument(chatId, doc, extra)),
    sendPhoto: (chatId, photo, extra) => (note(chatId), tg.sendPhoto(chatId, photo, extra)),
  };
}

describe("delivery queue: rate limits", () => {
  it("one chat: one a second, in order", async () => {
    const log: Array<{ chatId: string; at: number }> = [];
    const q = new DeliveryQueue({ telegram: telegram(log), clock, sleep });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => q.send({ chatId: "42", text: `n${i}` })));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(log.map((l) => Math.round(l.at / 1000))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(api.sent("42").map((m) => m.text)).toEqual(["n0", "n1", "n2", "n3", "n4", "n5", "n6", "n7"]);
  });

  it("many chats: never more than 30 in any second, and close to 30 a second", async () => {
    const log: Array<{ chatId: string; at: number }> = [];
    const q = new DeliveryQueue({ telegram: telegram(log), clock, sleep });
    await Promise.all(Array.from({ length: 200 }, (_, i) => q.send({ chatId: String(100 + (i % 100)), text: `m${i}` })));
    expect(api.sent()).toHaveLength(200);
    for (const l of log) expect(log.filter((o) => o.at >= l.at && o.at < l.at + 1000).length).toBeLessThanOrEqual(30);
    const span = log[log.length - 1]!.at / 1000;
    expect(span).toBeGreaterThanOrEqual(6);
    expect(span).toBeLessThan(7.5);
  });

  it("send returns at once: the caller is not held while the queue waits", async () => {
    const q = new DeliveryQueue({ telegram: telegram([]), clock, sleep: () => new Promise(() => {}) });
    const started = Date.now();
    const pending = Array.from({ length: 5 }, () => q.send({ chatId: "1", text: "x" }));
    expect(Date.now() - started).toBeLessThan(50);
    expect(q.pending).toBe(5);
    void pending;
  });
});

describe("delivery queue against Telegram's flood limits (enforced by the emulator)", () => {
  /** The emulator refuses what Telegram would, on the test's clock: 30 a second overall, one a second per chat. */
  function limited(log: Array<{ chatId: string; at: number }> = []) {
    api.enforceLimits({ now: () => clock.now().getTime() });
    return new DeliveryQueue({ telegram: telegram(log), clock, sleep });
  }

  it("120 messages to one chat and 600 to 100 others: nothing refused, each chat in order", async () => {
    const log: Array<{ chatId: string; at: number }> = [];
    const q = limited(log);
    const one = Array.from({ length: 120 }, (_, i) => q.send({ chatId: "42", text: `one ${i}` }));
    const many = Array.from({ length: 600 }, (_, i) => q.send({ chatId: String(1000 + (i % 100)), text: `many ${i}` }));
    const results = await Promise.all([...one, ...many]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(api.flood).toEqual({ accepted: 720, refused: 0 });
    expect(q.stats.retried429).toBe(0);
    expect(api.sent("42").map((m) => m.text)).toEqual(Array.from({ length: 120 }, (_, i) => `one ${i}`));
    expect(api.sent("1007").map((m) => m.text)).toEqual([7, 107, 207, 307, 407, 507].map((i) => `many ${i}`));
    // 720 messages at 30 a second: a little under 24 s; the one busy chat takes its two minutes
    const times = log.filter((l) => l.chatId === "42").map((l) => l.at);
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(119_000);
    expect(log.filter((l) => l.chatId !== "42").at(-1)!.at).toBeLessThan(25_000);
  });

  it("a long text goes as several messages, each counted against the chat's second; the buttons on the last", async () => {
    const q = limited();
    const keyboard = { inline_keyboard: [[{ text: "Выполнено", callback_data: "a:done:1" }]] };
    const long = Array.from({ length: 300 }, (_, i) => `<b>${i}</b> строка сводки, довольно длинная`).join("\n");
    const [a, b] = await Promise.all([q.send({ chatId: "7", text: long, keyboard }), q.send({ chatId: "7", text: "следующее" })]);
    expect(a.ok && b.ok).toBe(true);
    const sent = api.sent("7");
    expect(sent.length).toBeGreaterThanOrEqual(4);
    expect(sent.at(-1)!.text).toBe("следующее");
    expect(sent.slice(0, -1).map((m) => m.text).join("\n")).toBe(long);
    expect(sent.slice(0, -2).every((m) => m.params.reply_markup === undefined)).toBe(true);
    expect(sent.at(-2)!.params.reply_markup).toEqual(keyboard);
    expect(a.messageId).toBe(sent.at(-2)!.messageId);
    expect(api.flood.refused).toBe(0);
  });

  it("a picture after its long text is a second request, a second later", async () => {
    const log: Array<{ chatId: string; at: number }> = [];
    api.enforceLimits({ now: () => clock.now().getTime() });
    const q = new DeliveryQueue({ telegram: telegram(log), clock, sleep });
    const r = await q.send({ chatId: "9", text: "ы".repeat(1500), photo: { fileName: "chart.png", data: Buffer.from([137, 80, 78, 71]) } });
    expect(r.ok).toBe(true);
    // a second after the text was answered (and the clock's millisecond)
    expect(log.map((l) => l.at)).toEqual([0, 1001]);
    expect(api.flood.refused).toBe(0);
  });

  it("a 429 pauses every chat for its retry_after, not only the one that got it", async () => {
    const q = limited();
    // Telegram holds the bot for 10 s: every message meanwhile is answered 429
    api.floodFor(10_000);
    const results = await Promise.all(Array.from({ length: 300 }, (_, i) => q.send({ chatId: String(100 + (i % 100)), text: `p${i}` })));
    expect(results.every((r) => r.ok)).toBe(true);
    // only what was already on its way met the 429; nothing was started during the pause
    expect(q.stats.retried429).toBeLessThanOrEqual(30);
    expect(api.flood.refused).toBe(q.stats.retried429);
    expect(api.sent()).toHaveLength(300);
  });

  it("a 429 storm over many chats: every message arrives once, in order per chat, nothing refused for flooding", async () => {
    const q = limited();
    api.failNext(null, { status: 429, retryAfter: 3 }, 25);
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => q.send({ chatId: String(500 + (i % 20)), text: `s${i}` })));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(api.sent()).toHaveLength(200);
    for (let c = 0; c < 20; c++) expect(api.sent(String(500 + c)).map((m) => m.text)).toEqual(Array.from({ length: 10 }, (_, k) => `s${c + 20 * k}`));
    expect(q.stats.retried429).toBe(25);
    expect(api.flood.refused).toBe(0);
  });

  it("a message that only ever gets 429 is given up after ten, with the reason", async () => {
    const q = new DeliveryQueue({ telegram: telegram([]), clock, sleep });
    api.failNext("sendMessage", { status: 429, retryAfter: 1 }, 10);
    expect(await q.send({ chatId: "3", text: "x" })).toEqual({ ok: false, error: "failed", description: "429 Too Many Requests 10 times" });
  });

  it("asks before each attempt whether the message is still its own, and sends nothing once it is not", async () => {
    const q = new DeliveryQueue({ telegram: telegram([]), clock, sleep });
    let asked = 0;
    api.failNext("sendMessage", { status: 502 });
    const r = await q.send({ chatId: "4", text: "x" }, { beforeAttempt: async () => ++asked < 2 });
    expect(r).toMatchObject({ ok: false, error: "superseded" });
    expect(asked).toBe(2);
    expect(api.sent("4")).toHaveLength(0);
  });
});

describe("delivery queue: failures from the API", () => {
  it("a 429 is retried after its retry_after, and that chat waits", async () => {
    const log: Array<{ chatId: string; at: number }> = [];
    const q = new DeliveryQueue({ telegram: telegram(log), clock, sleep });
    api.failNext("sendMessage", { status: 429, retryAfter: 7 });
    const r = await q.send({ chatId: "5", text: "hello" });
    expect(r.ok).toBe(true);
    expect(log.map((l) => l.at)).toEqual([0, 7000]);
    expect(q.stats).toMatchObject({ sent: 1, retried429: 1, failed: 0 });
    expect(api.sent("5")).toHaveLength(1);
  });

  it("5xx and a dropped connection are retried with growing backoff", async () => {
    const log: Array<{ chatId: string; at: number }> = [];
    const q = new DeliveryQueue({ telegram: telegram(log), clock, sleep });
    api.failNext("sendMessage", { status: 502 });
    api.failNext("sendMessage", { drop: true });
    api.failNext("sendMessage", { status: 500 });
    const r = await q.send({ chatId: "6", text: "hello" });
    expect(r.ok).toBe(true);
    // backoff 1, 2, 4 s — and the chat's second, counted from each answer (plus the clock's millisecond)
    expect(log.map((l) => l.at)).toEqual([0, 1001, 3001, 7001]);
    expect(q.stats.retriedTransient).toBe(3);
    expect(api.sent("6")).toHaveLength(1);
  });

  it("gives up after the last attempt and says so", async () => {
    const q = new DeliveryQueue({ telegram: telegram([]), clock, sleep, maxAttempts: 3 });
    api.failNext("sendMessage", { status: 503 }, 3);
    expect(await q.send({ chatId: "7", text: "x" })).toEqual({ ok: false, error: "failed", description: "503 Service Unavailable (after 3 attempts)" });
    expect(q.stats.failed).toBe(1);
  });

  it("a 400 is not retried: Telegram refused it", async () => {
    const q = new DeliveryQueue({ telegram: telegram([]), clock, sleep });
    api.failNext("sendMessage", { status: 400, description: "Bad Request: chat not found" });
    expect(await q.send({ chatId: "8", text: "x" })).toEqual({ ok: false, error: "refused", description: "400 Bad Request: chat not found" });
    expect(api.calls.filter((c) => c.method.startsWith("sendMessage"))).toHaveLength(1);
  });

  it("a 403 marks the person unreachable, tells a coordinator once, and the planner leaves them out", async () => {
    t = await createTestDb();
    const w = await seedWorld(t.db);
    const executor = await t.db.person.findUniqueOrThrow({ where: { id: w.executorId } });
    const coordinator = await t.db.person.findUniqueOrThrow({ where: { id: w.coordinatorId } });
    const q = createDeliveryQueue({ telegram: telegram([]), db: t.db, clock, sleep });
    api.failNext("sendMessage", { status: 403 });
    expect(await q.send({ chatId: executor.chatId!, personId: executor.id, text: "a" })).toEqual({ ok: false, error: "blocked", description: "403 Forbidden: bot was blocked by the user" });
    await q.idle();
    api.failNext("sendMessage", { status: 403 });
    expect(await q.send({ chatId: executor.chatId!, personId: executor.id, text: "b" })).toEqual({ ok: false, error: "blocked", description: "403 Forbidden: bot was blocked by the user" });
    await q.idle();
    expect((await t.db.person.findUniqueOrThrow({ where: { id: executor.id } })).unreachable).toBe(true);
    const told = api.sent(coordinator.chatId!);
    expect(told).toHaveLength(1);
    expect(told[0]!.text).toContain("Иванова А.А. заблокировал(а) бота");
    const state = await loadPlanningState(t.db);
    expect(state.assignments.every((a) => a.executor?.personId !== executor.id)).toBe(true);
  });

  it("a photo with a long text: the text first with the buttons, then the picture; a retry resends only the picture", async () => {
    const log: Array<{ chatId: string; at: number }> = [];
    const q = new DeliveryQueue({ telegram: telegram(log), clock, sleep });
    api.failNext("sendPhoto", { status: 502 });
    const keyboard = { inline_keyboard: [[{ text: "Выполнено", callback_data: "done:1" }]] };
    const r = await q.send({ chatId: "9", text: "ы".repeat(1500), keyboard, photo: { fileName: "chart.png", data: Buffer.from([137, 80, 78, 71]) } });
    expect(r.ok).toBe(true);
    const sent = api.sent("9");
    expect(sent.map((m) => m.method)).toEqual(["sendMessage", "sendPhoto"]);
    expect(sent[0]!.params.reply_markup).toEqual(keyboard);
    expect(r.messageId).toBe(sent[0]!.messageId);
  });
});

describe("tick through the queue and the emulated API", () => {
  it("429, 5xx and a dropped connection in the middle of a tick: every reminder arrives once and is recorded with its message id", async () => {
    const { item, person } = await import("./support/scheduler-world.ts");
    const { tick } = await import("../scheduler/tick.ts");
    const { DateTime } = await import("luxon");
    t = await createTestDb();
    const w = await seedWorld(t.db);
    // six executors: a person's reminders of a tick are one message, so six messages
    const chats: string[] = [];
    for (let i = 1; i <= 6; i++) {
      const p = await person(t.db, `Исполнитель ${i}`, { organizationId: w.schoolId });
      chats.push(p.chatId!);
      await item(t.db, w, String(i), { kind: "date", due: "2023-06-15" }, [{ personId: p.id, schoolId: w.schoolId }]);
    }
    const sentTo = () => api.sent().filter((m) => chats.includes(m.chatId));
    const q = createDeliveryQueue({ telegram: telegram([]), db: t.db, clock, sleep });
    api.failNext("sendMessage", { status: 429, retryAfter: 3 });
    api.failNext("sendMessage", { status: 502 });
    api.failNext("sendMessage", { drop: true });
    const now = DateTime.fromISO("2023-06-15T09:00", { zone: "Asia/Yakutsk" }).toJSDate();
    const r = await tick({ db: t.db, outbox: q }, now);
    expect(r).toMatchObject({ claimed: 6, sent: 6, failed: 0 });
    const sent = sentTo();
    expect(sent).toHaveLength(6);
    expect(new Set(sent.map((m) => m.chatId)).size).toBe(6);
    const claims = await t.db.reminderClaim.findMany();
    expect(claims.every((c) => c.sentAt !== null)).toBe(true);
    expect(claims.map((c) => Number(c.messageId)).sort((a, b) => a - b)).toEqual(sent.map((m) => m.messageId).sort((a, b) => a - b));
    // the next minutes send nothing more
    await tick({ db: t.db, outbox: q }, new Date(now.getTime() + 60_000));
    await tick({ db: t.db, outbox: q }, new Date(now.getTime() + 10 * 60_000));
    expect(sentTo()).toHaveLength(6);
  });
});
