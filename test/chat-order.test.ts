import net from "node:net";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock, systemClock } from "../core/clock.ts";
import { createBot } from "../bot/create-bot.ts";
import type { BotDeps } from "../bot/deps.ts";
import { CHAT_ORDER_TIMEOUT_MS } from "../bot/middleware.ts";
import type { Runner } from "../bot/polling.ts";
import { runWebhook } from "../bot/webhook.ts";
import { loadConfig } from "../services/config.ts";
import { openDb, type Db } from "../services/db.ts";
import { translator } from "../services/i18n.ts";
import { createLogger } from "../services/logger.ts";
import type { Outbox } from "../services/outbox.ts";
import { createDeliveryQueue } from "../scheduler/queue.ts";
import { createTestDb, testProvider, type TestDb } from "./support/db.ts";
import { FakeBotApi, type ApiCall } from "./support/fake-bot-api.ts";

// Two bot instances (two bots in this process, each with its own database client and its own
// webhook server) on one database, as behind one reverse proxy: an update of a chat waits while an
// earlier update of that chat is in hand on the other instance (docs/scale.md «Per-chat order
// across instances»). The first update's reply is held at the emulated Bot API for as long as the
// test needs; the waiting instance's sleep between looks is the test's, woken by hand, and the
// time-out runs on a hand-moved clock: nothing here sleeps.

const TOKEN = "123:ORDER";
const SECRET = "s3cret";
const X = 710_000_001; // the chat whose updates are ordered
const Y = 710_000_002; // another chat
const tr = translator("ru");

let t: TestDb | undefined;
let api: FakeBotApi | undefined;
const runners: Runner[] = [];
const clients: Db[] = [];

afterEach(async () => {
  await api?.stop(); // lets any held call go
  for (const r of runners.splice(0)) await r.stop(1000);
  for (const c of clients.splice(0)) await c.$disconnect();
  api = undefined;
  await t?.close();
  t = undefined;
});

/** The instance's sleep between looks: it sleeps until the test wakes it. */
class HandSleep {
  looks = 0;
  #sleepers: Array<() => void> = [];
  readonly sleep = (ms: number): Promise<void> => {
    void ms;
    this.looks++;
    return new Promise((resolve) => this.#sleepers.push(resolve));
  };
  wake(): void {
    for (const s of this.#sleepers.splice(0)) s();
  }
}

/** Waits for real progress of the instances (HTTP, database), watched, not simulated. */
async function until(what: () => Promise<boolean> | boolean, label: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await what())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${label}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

interface Instance {
  name: string;
  handled: Set<number>;
  naps: HandSleep;
  logs: Array<Record<string, unknown>>;
  post(update: unknown): Promise<number>;
}

/** What happened, in order: the Bot API's messages to chat X and the updates each instance finished. */
const events: string[] = [];

async function instance(name: string, db: Db, clock: ManualClock): Promise<Instance> {
  const logs: Array<Record<string, unknown>> = [];
  const logger = createLogger("info", { destination: { write: (line: string) => logs.push(JSON.parse(line) as Record<string, unknown>) } });
  const config = loadConfig({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api!.url, DATABASE_URL: t!.url, LOG_LEVEL: "silent" });
  const deps: BotDeps = { config, db, logger, clock, outbox: undefined as unknown as Outbox, storageDir: path.join(t!.dir, name), botUsername: api!.botUser.username };
  const handled = new Set<number>();
  const naps = new HandSleep();
  const bot = createBot(TOKEN, deps, {
    apiRoot: api!.url,
    replyRetry: null,
    onUpdateHandled: (id) => {
      handled.add(id);
      events.push(`${name}:${id}`);
    },
    chatOrder: { sleep: naps.sleep },
  });
  deps.outbox = createDeliveryQueue({ telegram: bot.telegram, db, clock: systemClock, logger });
  bot.botInfo = api!.botUser as typeof bot.botInfo;
  const port = await freePort();
  runners.push(
    await runWebhook(bot.telegram, {
      logger,
      handle: (u) => bot.handleUpdate(u),
      url: "https://vekha.example.org/hook",
      secret: SECRET,
      port,
      host: "127.0.0.1",
      health: async () => ({ ok: true, body: {} }),
    }),
  );
  const post = async (update: unknown) =>
    (await fetch(`http://127.0.0.1:${port}/hook`, { method: "POST", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET }, body: JSON.stringify(update) })).status;
  return { name, handled, naps, logs, post };
}

function command(chat: number, updateId: number, text: string) {
  return {
    update_id: updateId,
    message: { message_id: updateId, date: 0, chat: { id: chat, type: "private" }, from: { id: chat, is_bot: false, first_name: "Т" }, text, entities: [{ type: "bot_command", offset: 0, length: text.length }] },
  };
}

const toChat = (chat: number) => (c: ApiCall) => String(c.params.chat_id ?? "") === String(chat);

/** Two instances on one fresh database, two linked people (chats X and Y), one emulated Bot API. */
async function twoInstances(): Promise<{ a: Instance; b: Instance; clock: ManualClock }> {
  api = await FakeBotApi.start();
  t = await createTestDb();
  for (const [id, name] of [[X, "Петрова Анна Сергеевна"], [Y, "Сидоров Олег Иванович"]] as const) {
    await t.db.person.create({ data: { fullName: name, shortName: name, telegramId: String(id), chatId: String(id), search: name.toLowerCase() } });
  }
  events.length = 0;
  api.onCall((c) => {
    if (c.method === "sendMessage" && toChat(X)(c)) events.push(`X:${String(c.params.text).slice(0, 40)}`);
  });
  const second = await openDb(t.url);
  clients.push(second);
  const clock = new ManualClock("2023-06-01T09:00:00+09:00");
  return { a: await instance("A", t.db, clock), b: await instance("B", second, clock), clock };
}

/** Wakes the instance's waiting updates once and waits until they have looked again (or gone on). */
async function lookAgain(i: Instance, goneOn: () => boolean): Promise<void> {
  const looks = i.naps.looks;
  i.naps.wake();
  await until(() => i.naps.looks > looks || goneOn(), `${i.name} looks again`);
}

describe(`per-chat order across two instances on one ${testProvider} database`, () => {
  it("an update waits while the chat's earlier update is in hand on the other instance; another chat is not delayed", { timeout: 60_000 }, async () => {
    const { a, b } = await twoInstances();
    const held = api!.hold("sendMessage", toChat(X));
    expect(await a.post(command(X, 1001, "/help"))).toBe(200);
    await held.arrived;
    // the chat's next update reaches the other instance while the first is in hand
    expect(await b.post(command(X, 1002, "/my"))).toBe(200);
    await until(() => b.naps.looks >= 1, "B waits for 1001");
    for (let i = 0; i < 3; i++) await lookAgain(b, () => b.handled.has(1002));
    expect(b.handled.has(1002)).toBe(false);
    expect(api!.calls.filter(toChat(X))).toEqual([]);
    // another chat on the waiting instance goes on at once, without a single wait
    const looks = b.naps.looks;
    expect(await b.post(command(Y, 1003, "/my"))).toBe(200);
    await until(() => b.handled.has(1003), "B answers chat Y");
    expect(api!.sent(Y).map((m) => m.text)).toEqual([tr.t("my-empty")]);
    expect(b.naps.looks).toBe(looks);
    expect(b.handled.has(1002)).toBe(false);

    held.release();
    await until(() => a.handled.has(1001), "A finishes 1001");
    // the finished mark is written right after: B's next look finds nothing in hand
    await until(async () => {
      await lookAgain(b, () => b.handled.has(1002));
      return b.handled.has(1002);
    }, "B goes on with 1002");
    expect(events.filter((e) => !e.includes("1003"))).toEqual([expect.stringMatching(/^X:/), "A:1001", `X:${tr.t("my-empty").slice(0, 40)}`, "B:1002"]);
    expect(b.logs.some((l) => l.msg === "waiting for an earlier update of this chat in hand elsewhere" && l.updateId === "1002")).toBe(true);
    // the common case: an update with nothing in hand before it does not wait
    expect(await t!.db.processedUpdate.count({ where: { updateId: "1002", finishedAt: { not: null } } })).toBe(1);
    expect(await a.post(command(X, 1004, "/my"))).toBe(200);
    await until(() => a.handled.has(1004), "A answers 1004");
    expect(a.naps.looks).toBe(0);
  });

  it("the update of a crashed instance (never finished) stops holding the chat after the time-out, logged", { timeout: 60_000 }, async () => {
    const { a, b, clock } = await twoInstances();
    // A takes 1001 and never finishes it: its reply hangs until the test ends
    const held = api!.hold("sendMessage", toChat(X));
    expect(await a.post(command(X, 1001, "/help"))).toBe(200);
    await held.arrived;
    expect(await b.post(command(X, 1002, "/my"))).toBe(200);
    await until(() => b.naps.looks >= 1, "B waits for 1001");
    // just short of the time-out it still waits
    clock.advance(CHAT_ORDER_TIMEOUT_MS - 1000);
    await lookAgain(b, () => b.handled.has(1002));
    expect(b.handled.has(1002)).toBe(false);
    clock.advance(2000);
    await lookAgain(b, () => b.handled.has(1002));
    await until(() => b.handled.has(1002), "B goes on with 1002");
    expect(api!.sent(X).map((m) => m.text)).toEqual([tr.t("my-empty")]);
    expect(a.handled.has(1001)).toBe(false);
    const overtaken = b.logs.filter((l) => l.level === 40 && l.earlier === "1001");
    expect(overtaken).toHaveLength(1);
    expect(overtaken[0]).toMatchObject({ updateId: "1002", chatId: String(X), msg: "an earlier update of this chat was never finished (its instance stopped?): no longer waiting for it" });
  });

  it("a failed update is marked finished once its failure is answered: the chat's next update waits for the answer", { timeout: 60_000 }, async () => {
    const { a, b } = await twoInstances();
    const reply = api!.hold("sendMessage", toChat(X));
    const apology = api!.hold("sendMessage", toChat(X));
    expect(await a.post(command(X, 1001, "/help"))).toBe(200);
    await reply.arrived;
    expect(await b.post(command(X, 1002, "/my"))).toBe(200);
    await until(() => b.naps.looks >= 1, "B waits for 1001");
    // the reply fails: the handler throws, the error boundary apologises (held in turn)
    api!.failNext("sendMessage", { status: 400, description: "Bad Request: chat not found" });
    reply.release();
    await apology.arrived;
    for (let i = 0; i < 3; i++) await lookAgain(b, () => b.handled.has(1002));
    expect(b.handled.has(1002)).toBe(false);
    apology.release();
    await until(() => a.handled.has(1001), "A finishes 1001");
    await until(async () => {
      await lookAgain(b, () => b.handled.has(1002));
      return b.handled.has(1002);
    }, "B goes on with 1002");
    expect(api!.sent(X).map((m) => m.text)).toEqual([tr.t("error-generic"), tr.t("my-empty")]);
    expect(events).toEqual([`X:${tr.t("error-generic").slice(0, 40)}`, "A:1001", `X:${tr.t("my-empty").slice(0, 40)}`, "B:1002"]);
    const rows = await t!.db.processedUpdate.findMany({ where: { updateId: { in: ["1001", "1002"] } }, orderBy: { seq: "asc" } });
    expect(rows.map((r) => [r.updateId, r.chatId, r.seq, r.finishedAt !== null])).toEqual([
      ["1001", String(X), 1001n, true],
      ["1002", String(X), 1002n, true],
    ]);
  });
});
