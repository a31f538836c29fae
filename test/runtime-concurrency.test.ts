import net from "node:net";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BotHarness } from "./support/bot-harness.ts";
import { FakeBotApi } from "./support/fake-bot-api.ts";
import { createTestDb, type TestDb } from "./support/db.ts";
import { ManualClock, systemClock } from "../core/clock.ts";
import { createBot } from "../bot/create-bot.ts";
import type { BotDeps } from "../bot/deps.ts";
import { BotApi, BotApiTimeoutError, botApiPolicy } from "../bot/telegram.ts";
import { runWebhook } from "../bot/webhook.ts";
import type { Runner } from "../bot/polling.ts";
import { loadConfig } from "../services/config.ts";
import { createLogger } from "../services/logger.ts";
import { createDeliveryQueue } from "../scheduler/queue.ts";
import type { Outbox } from "../services/outbox.ts";

// One slow Bot API call (20 s on one user's card edit) must not delay anybody else's answer:
// updates of different chats are handled concurrently, each chat's in order — in long polling
// and in webhook mode — and every Bot API call has a time-out.

const SLOW_MS = 20_000;
let h: BotHarness | undefined;
let api: FakeBotApi | undefined;
let t: TestDb | undefined;
let runner: Runner | undefined;
let silent: net.Server | undefined;

afterEach(async () => {
  await h?.stop();
  h = undefined;
  await runner?.stop(1000);
  runner = undefined;
  await api?.stop();
  api = undefined;
  await t?.close();
  t = undefined;
  silent?.close();
});

const chatOf = (c: { params: Record<string, unknown> }) => String(c.params.chat_id ?? "");

describe("updates of different chats", () => {
  it("long polling: one user's 20 s card edit does not delay another user's /my; that user's own next message waits its turn", { timeout: 60_000 }, async () => {
    h = await BotHarness.start();
    const slow = await h.linkedUser("Петрова Анна Сергеевна");
    const other = await h.linkedUser("Сидоров Олег Иванович");
    await slow.user.command("/lang");
    h.api.delay("editMessageText", SLOW_MS, (c) => chatOf(c) === String(slow.user.id));

    const calls = h.api.calls.length;
    const press = slow.user.press("English").catch((e: unknown) => e);
    // the button is acknowledged, then the card edit hangs
    await h.api.waitFor((c) => c.method === "answerCallbackQuery", { since: calls });
    const next = h.api.pushUpdate({
      message: { message_id: 1, date: 0, chat: slow.user.chat, from: slow.user.from, text: "/help", entities: [{ type: "bot_command", offset: 0, length: 5 }] },
    });

    const t0 = Date.now();
    const replies = await other.user.command("/my");
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(replies).toHaveLength(1);

    // the slow user's /help is answered only after their edit went through
    await h.waitHandled(next, SLOW_MS + 10_000);
    await press;
    const order = h.api.calls.filter((c) => chatOf(c) === String(slow.user.id) && ["editMessageText", "sendMessage"].includes(c.method)).map((c) => c.method);
    expect(order.slice(-2)).toEqual(["editMessageText", "sendMessage"]);
    expect(slow.user.lastReply()!.text).toContain("Your assignments");
  });

  it("webhook mode: the same, with the update answered 200 as soon as it is queued", { timeout: 60_000 }, async () => {
    api = await FakeBotApi.start();
    t = await createTestDb();
    const config = loadConfig({ BOT_TOKEN: "123:HOOK", TELEGRAM_API_ROOT: api.url, DATABASE_URL: t.url, LOG_LEVEL: "silent" });
    const deps: BotDeps = {
      config,
      db: t.db,
      logger: createLogger("silent"),
      clock: new ManualClock("2023-06-01T09:00:00+09:00"),
      outbox: undefined as unknown as Outbox,
      storageDir: path.join(t.dir, "files"),
      botUsername: api.botUser.username,
    };
    const handled = new Set<number>();
    const bot = createBot("123:HOOK", deps, { apiRoot: api.url, replyRetry: null, onUpdateHandled: (id) => handled.add(id) });
    deps.outbox = createDeliveryQueue({ telegram: bot.telegram, db: t.db, clock: systemClock, logger: deps.logger });
    bot.botInfo = api.botUser as typeof bot.botInfo;
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, "127.0.0.1", () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    runner = await runWebhook(bot.telegram, {
      logger: deps.logger,
      handle: (u) => bot.handleUpdate(u),
      url: `https://vekha.example.org/hook`,
      secret: "s3cret",
      port,
      host: "127.0.0.1",
      health: async () => ({ ok: true, body: {} }),
    });
    const slowId = 700_000_001;
    const otherId = 700_000_002;
    for (const [id, name] of [[slowId, "Петрова Анна Сергеевна"], [otherId, "Сидоров Олег Иванович"]] as const) {
      await t.db.person.create({ data: { fullName: name, shortName: name, telegramId: String(id), chatId: String(id), search: name.toLowerCase() } });
    }
    const message = (id: number, updateId: number, text: string) => ({
      update_id: updateId,
      message: { message_id: updateId, date: 0, chat: { id, type: "private" }, from: { id, is_bot: false, first_name: "Т" }, text, entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0]!.length }] },
    });
    const post = (update: unknown) =>
      fetch(`http://127.0.0.1:${port}/hook`, { method: "POST", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "s3cret" }, body: JSON.stringify(update) });

    // the slow user's answer hangs 20 s
    api.delay("sendMessage", SLOW_MS, (c) => chatOf(c) === String(slowId));
    const t0 = Date.now();
    expect((await post(message(slowId, 1, "/help"))).status).toBe(200);
    expect((await post(message(slowId, 2, "/my"))).status).toBe(200);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect((await post(message(otherId, 3, "/my"))).status).toBe(200);
    const deadline = Date.now() + 3000;
    while (!handled.has(3) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(handled.has(3)).toBe(true);
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(api.sent(otherId)).toHaveLength(1);
    // the slow chat keeps its order: its /my waits for its /help
    expect(handled.has(2)).toBe(false);
  });
});

describe("every Bot API call", () => {
  it("gives up after its time-out when the Bot API accepts the connection and never answers", async () => {
    const sockets: net.Socket[] = [];
    silent = net.createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent!.listen(0, "127.0.0.1", () => r()));
    const root = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
    const telegram = new BotApi("123:SILENT", { apiRoot: root }, botApiPolicy(300));
    const t0 = Date.now();
    const err = await telegram.sendMessage(1, "привет").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BotApiTimeoutError);
    expect(String((err as Error).message)).toBe("Bot API sendMessage: no answer in 0.3 s");
    expect(Date.now() - t0).toBeLessThan(3000);
    for (const s of sockets) s.destroy();
  });
});
