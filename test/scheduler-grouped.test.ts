import { afterEach, describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { Telegram } from "telegraf";
import { ManualClock } from "../core/clock.ts";
import { parseCallback } from "../views/callbacks.ts";
import { openDb } from "../services/db.ts";
import { TEXT_LIMIT } from "../services/telegram-text.ts";
import { DeliveryQueue, type TelegramLike } from "../scheduler/delivery.ts";
import { createDeliveryQueue } from "../scheduler/queue.ts";
import { databaseRateGate } from "../scheduler/shared-limits.ts";
import { tick } from "../scheduler/tick.ts";
import { createTestDb, type TestDb } from "./support/db.ts";
import { FakeBotApi } from "./support/fake-bot-api.ts";
import { item, person, RecordingOutbox, seedWorld, advancingSleep } from "./support/scheduler-world.ts";

// One message per person per tick (grouped, each item with its own buttons, cut between items
// at 4,096 characters), digests ahead of reminders, and Telegram's limits kept by several queues
// together through the database.

const ZONE = "Asia/Yakutsk";
const at = (local: string) => DateTime.fromISO(local, { zone: ZONE }).toJSDate();

let t: TestDb | undefined;
let api: FakeBotApi | undefined;
afterEach(async () => {
  await api?.stop();
  api = undefined;
  await t?.close();
  t = undefined;
});

describe("one message per person per tick", () => {
  it("a person with three items due gets one message: each item, its buttons labelled with its key; the claims know the message", async () => {
    t = await createTestDb();
    const w = await seedWorld(t.db);
    const made = [];
    for (const key of ["3", "7", "12"]) made.push(await item(t.db, w, key, { kind: "date", due: key === "12" ? "2023-06-16" : "2023-06-15" }));
    const outbox = new RecordingOutbox();
    const r = await tick({ db: t.db, outbox }, at("2023-06-15T09:00"));
    expect(r).toMatchObject({ claimed: 3, sent: 1 });
    expect(outbox.sent).toHaveLength(1);
    const msg = outbox.sent[0]!;
    expect(msg.text).toContain("Напоминания: 3 поручения");
    expect(msg.text).toContain("Сегодня срок: 15 июня 2023.");
    expect(msg.text).toContain("Завтра срок: 16 июня 2023.");
    for (const key of ["3", "7", "12"]) expect(msg.text).toContain(`Мероприятие ${key} &lt;важное&gt;`);
    // every item keeps its own buttons (its own callbacks), and says which item it is for
    const buttons = msg.keyboard!.inline_keyboard.flat();
    for (const { assignments } of made) {
      const mine = buttons.filter((b) => "callback_data" in b && (parseCallback(b.callback_data) as { assignmentId?: number } | null)?.assignmentId === assignments[0]!.id);
      expect(mine.length).toBeGreaterThanOrEqual(3);
      expect(mine.map((b) => b.text)).toContain(`${made.find((m) => m.assignments[0]!.id === assignments[0]!.id)!.item.key} · Выполнено`);
    }
    // the claims of the message carry its id: a reply to it finds its assignments
    const claims = await t.db.reminderClaim.findMany({ where: { personId: w.executorId, messageId: String(msg.messageId) } });
    expect(claims.map((c) => c.assignmentId).sort()).toEqual(made.map((m) => m.assignments[0]!.id).sort());
  });

  it("many long items: ONE message under 4,096 characters, its first page of five items with their buttons and «Стр. 2 ▶»; every claim carries its id", async () => {
    t = await createTestDb();
    const w = await seedWorld(t.db);
    const long = "Очень длинное описание результата мероприятия. ".repeat(12);
    const ids: number[] = [];
    for (let i = 1; i <= 14; i++) {
      const { item: it, assignments } = await item(t.db, w, String(i), { kind: "date", due: "2023-06-15" });
      await t.db.item.update({ where: { id: it.id }, data: { result: long } });
      ids.push(assignments[0]!.id);
    }
    const outbox = new RecordingOutbox();
    const r = await tick({ db: t.db, outbox }, at("2023-06-15T09:00"));
    expect(r).toMatchObject({ claimed: 14, sent: 1, failed: 0 });
    // was: cut into parts of whole items, each a message; now one message a person, paged in place
    expect(outbox.sent).toHaveLength(1);
    const m = outbox.sent[0]!;
    expect(m.text.length).toBeLessThanOrEqual(TEXT_LIMIT);
    expect(m.text).toContain("Напоминания: 14 поручений");
    expect(m.text).toContain("Страница 1 из 3: поручения 1–5 из 14.");
    expect(m.text).toContain("Ещё 9 поручений на следующих страницах");
    const buttons = m.keyboard!.inline_keyboard.flat().flatMap((b) => ("callback_data" in b ? [{ text: b.text, c: parseCallback(b.callback_data)! }] : []));
    // the first five items' buttons, then the page buttons
    const onPage = new Set(buttons.flatMap((b) => ("assignmentId" in b.c ? [b.c.assignmentId] : [])));
    expect([...onPage].sort((x, y) => x - y)).toEqual(ids.slice(0, 5));
    expect(m.keyboard!.inline_keyboard.at(-1)).toEqual([{ text: "Стр. 2 ▶", callback_data: "rp:1" }]);
    // every reminder of the person is settled by that one message
    const claims = await t.db.reminderClaim.findMany({ where: { personId: w.executorId } });
    expect(claims).toHaveLength(14);
    for (const c of claims) expect(c).toMatchObject({ messageId: String(m.messageId), lastError: null });
    expect(claims.every((c) => c.sentAt !== null)).toBe(true);
  });

  it("digests go ahead of the morning's reminders", async () => {
    t = await createTestDb();
    const w = await seedWorld(t.db, { policy: "{}" });
    for (let i = 0; i < 40; i++) {
      const p = await person(t.db, `Исполнитель ${i}`, { organizationId: w.schoolId });
      await item(t.db, w, String(i), { kind: "date", due: "2023-05-15" }, [{ personId: p.id, schoolId: w.schoolId }]);
    }
    api = await FakeBotApi.start();
    const clock = new ManualClock("2023-05-15T00:00:00Z");
    const sleep = advancingSleep(clock);
    api.enforceLimits({ now: () => clock.now().getTime() });
    const outbox = createDeliveryQueue({ telegram: new Telegram("123:TEST", { apiRoot: api.url }), db: t.db, clock, sleep });
    // the clock's time each chat's first message arrived at (with 30 requests in flight, the
    // order they arrive in within one second is the network's, not the queue's)
    const firstAt = new Map<string, number>();
    api.onCall((c) => {
      const chat = String(c.params.chat_id ?? "");
      if (c.method.startsWith("send") && !firstAt.has(chat)) firstAt.set(chat, clock.now().getTime());
    });
    const r = await tick({ db: t.db, outbox }, at("2023-05-15T09:00"));
    expect(r.failed).toBe(0);
    const calls = api.sent().filter((m) => m.method !== "editMessageText");
    const readers = await t.db.person.findMany({ where: { id: { in: [w.deputyId, w.curatorId] } } });
    // each digest is one message (its chart its photo, or a button away): was its text, then its chart
    for (const r of readers) expect(api.sent(r.chatId!).filter((m) => m.text.includes("Сводка по дорожной карте"))).toHaveLength(1);
    expect(calls.length).toBeGreaterThanOrEqual(42);
    // forty reminders and two digests at 30 a second take two seconds: each digest starts in the
    // first of them, not after the reminders
    const start = Math.min(...firstAt.values());
    expect(Math.max(...firstAt.values())).toBeGreaterThanOrEqual(start + 1000);
    for (const r of readers) expect(firstAt.get(r.chatId!)).toBe(start);
  });
});

describe("Telegram's limits shared by several instances through the database", () => {
  function telegram(apiUrl: string, clock: ManualClock, log: Array<{ chatId: string; at: number }>): TelegramLike {
    const tg = new Telegram("123:TEST", { apiRoot: apiUrl });
    const note = (chatId: string | number) => log.push({ chatId: String(chatId), at: clock.now().getTime() });
    return {
      sendMessage: (chatId, text, extra) => (note(chatId), tg.sendMessage(chatId, text, extra)),
      sendDocument: (chatId, doc, extra) => (note(chatId), tg.sendDocument(chatId, doc, extra)),
      sendPhoto: (chatId, photo, extra) => (note(chatId), tg.sendPhoto(chatId, photo, extra)),
    };
  }

  it("two queues on two connections: never over 30 in any second or one a second per chat, together", async () => {
    t = await createTestDb();
    const other = await openDb(t.url);
    api = await FakeBotApi.start();
    const clock = new ManualClock("2023-06-15T00:00:00Z");
    const sleep = advancingSleep(clock);
    try {
      const log: Array<{ chatId: string; at: number }> = [];
      const q1 = new DeliveryQueue({ telegram: telegram(api.url, clock, log), clock, sleep, gate: databaseRateGate(t.db) });
      const q2 = new DeliveryQueue({ telegram: telegram(api.url, clock, log), clock, sleep, gate: databaseRateGate(other) });
      const sends = [];
      for (let i = 0; i < 60; i++) {
        sends.push(q1.send({ chatId: String(100 + (i % 40)), text: `a${i}` }));
        sends.push(q2.send({ chatId: String(100 + (i % 40)), text: `b${i}` }));
      }
      const results = await Promise.all(sends);
      // what the queues still write to the gate (answers) is done before the connections close
      await Promise.all([q1.idle(), q2.idle()]);
      expect(results.every((r) => r.ok)).toBe(true);
      expect(log).toHaveLength(120);
      for (const l of log) expect(log.filter((o) => o.at >= l.at && o.at < l.at + 1000).length).toBeLessThanOrEqual(30);
      const byChat = new Map<string, number[]>();
      for (const l of log) byChat.set(l.chatId, [...(byChat.get(l.chatId) ?? []), l.at]);
      for (const times of byChat.values()) for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(1000);
    } finally {
      await other.$disconnect();
    }
  });

  it("a 429 to one instance pauses the other for its retry_after", async () => {
    t = await createTestDb();
    api = await FakeBotApi.start();
    // each instance has its own clock (and sleeps on it): the second learns of the pause only from the database
    const clocks = [new ManualClock("2023-06-15T00:00:00Z"), new ManualClock("2023-06-15T00:00:00Z")];
    const sleepOn = (clock: ManualClock) => async (ms: number) => {
      clock.advance(Math.max(1, ms));
      await new Promise((r) => setImmediate(r));
    };
    const log: Array<{ chatId: string; at: number }> = [];
    const [q1, q2] = clocks.map((clock) => new DeliveryQueue({ telegram: telegram(api!.url, clock, log), clock, sleep: sleepOn(clock), gate: databaseRateGate(t!.db) }));
    api.failNext("sendMessage", { status: 429, retryAfter: 7 });
    const start = clocks[1]!.now().getTime();
    expect((await q1!.send({ chatId: "1", text: "first" })).ok).toBe(true);
    expect((await q2!.send({ chatId: "2", text: "second" })).ok).toBe(true);
    await Promise.all([q1!.idle(), q2!.idle()]);
    const second = log.filter((l) => l.chatId === "2");
    expect(second[0]!.at - start).toBeGreaterThanOrEqual(7000);
  });
});
