import path from "node:path";
import type { InlineKeyboardMarkup, Update } from "telegraf/types";
import { ManualClock } from "../../core/clock.ts";
import { createBot, type CreateBotOptions, type VekhaBot } from "../../bot/create-bot.ts";
import { runPolling, type Runner } from "../../bot/polling.ts";
import { REPLY_RETRY } from "../../services/telegram-retry.ts";
import type { Role } from "../../core/roles.ts";
import type { BotDeps } from "../../bot/deps.ts";
import { loadConfig } from "../../services/config.ts";
import { createLogger } from "../../services/logger.ts";
import { createDeliveryQueue } from "../../scheduler/queue.ts";
import type { Outbox } from "../../services/outbox.ts";
import { addRole, personSearch, shortNameOf } from "../../services/people.ts";
import { reportInterruptedImports } from "../../handlers/import-recovery.ts";
import { FakeBotApi, type SentMessage } from "./fake-bot-api.ts";
import { createTestDb, type TestDb } from "./db.ts";

// The bot, polling a FakeBotApi over real HTTP, on a fresh database (test/support/db.ts), with a hand-moved clock.
// TestUser talks to it like a Telegram client would and waits for each update to be handled
// (the bot's onUpdateHandled hook), never sleeping.

export interface HarnessOptions {
  now?: string;
  adminIds?: string[];
  env?: Record<string, string>;
  /** replace the delivery queue */
  outbox?: (deps: BotDeps) => Outbox;
  /** time-outs, reply and busy retry policies of the bot */
  bot?: Omit<CreateBotOptions, "apiRoot" | "onUpdateHandled">;
  /** the bot token (default 123:TEST) */
  token?: string;
  /** the logger's output (default: silent, or VEKHA_TEST_LOG's level to stdout) */
  logTo?: { level: string; write(line: string): unknown };
  /** PostgreSQL: parameters of the database's URL (e.g. a short lock_timeout) */
  postgresParams?: Record<string, string>;
}

let nextUserId = 500_000_001;
let nextUserMessageId = 1_000_000;

export class BotHarness {
  readonly handled = new Set<number>();
  #waiters: Array<() => void> = [];
  #runner: Runner | null = null;

  private constructor(
    readonly api: FakeBotApi,
    readonly testDb: TestDb,
    readonly deps: BotDeps,
    readonly clock: ManualClock,
    public bot: VekhaBot,
    readonly botOptions: Omit<CreateBotOptions, "apiRoot" | "onUpdateHandled">,
  ) {}

  static async start(opts: HarnessOptions = {}): Promise<BotHarness> {
    const api = await FakeBotApi.start();
    const testDb = await createTestDb(opts.postgresParams ? { postgresParams: opts.postgresParams } : {});
    const clock = new ManualClock(opts.now ?? "2023-06-01T09:00:00+09:00");
    const config = loadConfig({
      BOT_TOKEN: opts.token ?? "123:TEST",
      TELEGRAM_API_ROOT: api.url,
      DATABASE_URL: testDb.url,
      DATA_DIR: testDb.dir,
      ADMIN_TELEGRAM_IDS: (opts.adminIds ?? []).join(","),
      DEFAULT_TIMEZONE: "Asia/Yakutsk",
      SCHEDULER_ENABLED: "false",
      LOG_LEVEL: "silent",
      ...opts.env,
    });
    const deps: BotDeps = {
      config,
      db: testDb.db,
      logger: opts.logTo ? createLogger(opts.logTo.level, { destination: opts.logTo }) : createLogger(process.env.VEKHA_TEST_LOG ?? "silent"),
      clock,
      outbox: undefined as unknown as Outbox,
      storageDir: path.join(testDb.dir, "files"),
      botUsername: api.botUser.username,
    };
    let harness: BotHarness | null = null;
    // replies are tried again as in production, with short pauses (no test waits seconds for a backoff)
    const botOptions = { replyRetry: { ...REPLY_RETRY, backoffMs: 20 }, ...opts.bot };
    const bot = createBot(config.BOT_TOKEN!, deps, { ...botOptions, apiRoot: api.url, onUpdateHandled: (id) => harness?.markHandled(id) });
    // the production queue, its rate limits on a clock of their own that waiting just moves on
    const rates = new ManualClock(clock.now());
    const sleep = async (ms: number) => {
      rates.advance(Math.max(1, ms));
      await new Promise((r) => setImmediate(r));
    };
    deps.outbox = opts.outbox
      ? opts.outbox(deps)
      : createDeliveryQueue({ telegram: bot.telegram, db: testDb.db, clock: rates, now: clock, sleep, logger: deps.logger });
    harness = new BotHarness(api, testDb, deps, clock, bot, botOptions);
    await harness.#run();
    return harness;
  }

  /** Polls the fake API the way `npm start` does (bot/polling.ts: chats concurrently, each in order). */
  async #run(): Promise<void> {
    const bot = this.bot;
    bot.botInfo = this.api.botUser as VekhaBot["botInfo"];
    this.#runner = await runPolling(bot.telegram, { logger: this.deps.logger, handle: (u) => bot.handleUpdate(u) });
  }

  get db() {
    return this.testDb.db;
  }

  markHandled(updateId: number): void {
    this.handled.add(updateId);
    for (const w of this.#waiters.splice(0)) w();
  }

  /** Waits until the bot has fully handled this update (replies and notifications included). */
  async waitHandled(updateId: number, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.handled.has(updateId)) {
      if (Date.now() > deadline) throw new Error(`update ${updateId} was not handled in ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 50);
        this.#waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /**
   * Pushes an update through the fake API and waits until it is handled (`wait: false`: one that will
   * never be, as at a crash).
   */
  async deliver(update: Record<string, unknown>, opts: { wait?: boolean; timeoutMs?: number } = {}): Promise<number> {
    const id = this.api.pushUpdate(update);
    if (opts.wait !== false) await this.waitHandled(id, opts.timeoutMs);
    return id;
  }

  user(opts: { id?: number; firstName?: string; lastName?: string; languageCode?: string } = {}): TestUser {
    return new TestUser(this, opts.id ?? nextUserId++, opts.firstName ?? "Тест", opts.lastName, opts.languageCode ?? "ru");
  }

  /** Creates a person with roles, linked to a fresh Telegram user (no invite: for tests only). */
  async linkedUser(
    fullName: string,
    opts: { roles?: Role[]; position?: string; organizationId?: number; language?: string; roadmapId?: number } = {},
  ): Promise<{ user: TestUser; personId: number }> {
    const user = this.user({ languageCode: opts.language ?? "ru" });
    const shortName = shortNameOf(fullName);
    const person = await this.db.person.create({
      data: {
        fullName,
        shortName,
        position: opts.position ?? null,
        organizationId: opts.organizationId ?? null,
        telegramId: String(user.id),
        chatId: String(user.id),
        language: opts.language ?? null,
        search: personSearch(fullName, shortName, opts.position),
      },
    });
    for (const role of opts.roles ?? ["executor"]) await addRole(this.db, person.id, role, role === "deputy" ? (opts.roadmapId ?? null) : null);
    return { user, personId: person.id };
  }

  /**
   * Stops the bot and starts a fresh one on the same database and fake API, like a process
   * restart: nothing survives but what is stored. The start-up checks of bot/main.ts run first.
   */
  async restart(): Promise<void> {
    await this.#runner?.stop();
    await this.#startAgain();
  }

  /**
   * The next time the bot reaches this fault point (BotDeps.faults) it stops there for good, as
   * a process killed at that instant would; resolves once it has. Follow with `crashRestart()`.
   */
  crashAt(point: string): Promise<void> {
    return new Promise<void>((reached) => {
      this.deps.faults = (at) => {
        if (at !== point) return;
        reached();
        return new Promise<void>(() => undefined);
      };
    });
  }

  /** After `crashAt`: a fresh bot on the same database, without waiting for the frozen one. */
  async crashRestart(): Promise<void> {
    this.deps.faults = undefined;
    const frozen = this.#runner;
    this.#runner = null;
    await frozen?.stop(0);
    await this.#startAgain();
  }

  /** A fresh bot as bot/main.ts starts one: the start-up checks, then polling. */
  async #startAgain(): Promise<void> {
    this.bot = createBot(this.deps.config.BOT_TOKEN!, this.deps, { ...this.botOptions, apiRoot: this.api.url, onUpdateHandled: (id) => this.markHandled(id) });
    await reportInterruptedImports(this.deps);
    await this.#run();
  }

  async stop(): Promise<void> {
    await this.#runner?.stop(2000);
    this.#runner = null;
    await this.api.stop();
    await this.testDb.close();
  }
}

export interface SendOptions {
  /** a message this one replies to (a card or reminder the bot sent) */
  replyTo?: SentMessage;
  caption?: string;
  /** how long to wait for the bot to handle it (default 15 s: a loaded machine starts the import worker slowly) */
  timeoutMs?: number;
  /** false: don't wait (an update that will never be handled, as at a crash) */
  wait?: boolean;
}

export class TestUser {
  constructor(
    readonly h: BotHarness,
    readonly id: number,
    readonly firstName: string,
    readonly lastName: string | undefined,
    readonly languageCode: string,
  ) {}

  get chat() {
    return { id: this.id, type: "private" as const, first_name: this.firstName };
  }

  get from() {
    return { id: this.id, is_bot: false, first_name: this.firstName, ...(this.lastName ? { last_name: this.lastName } : {}), language_code: this.languageCode };
  }

  #base(opts: SendOptions = {}): Record<string, unknown> {
    return {
      message_id: nextUserMessageId++,
      date: Math.floor(this.h.clock.now().getTime() / 1000),
      chat: this.chat,
      from: this.from,
      ...(opts.replyTo ? { reply_to_message: botMessage(this.h, opts.replyTo) } : {}),
    };
  }

  /** Sends a text (a command gets its bot_command entity); returns what the bot sent this chat meanwhile. */
  async send(text: string, opts: SendOptions = {}): Promise<SentMessage[]> {
    const before = this.replies().length;
    const cmd = /^\/\S+/.exec(text);
    const message = { ...this.#base(opts), text, ...(cmd ? { entities: [{ type: "bot_command", offset: 0, length: cmd[0].length }] } : {}) };
    await this.h.deliver({ message }, opts);
    return this.replies().slice(before);
  }

  command(text: string, opts: SendOptions = {}): Promise<SentMessage[]> {
    return this.send(text.startsWith("/") ? text : `/${text}`, opts);
  }

  async sendDocument(fileName: string, data: Buffer, opts: SendOptions & { mimeType?: string; fileSize?: number; wait?: boolean } = {}): Promise<SentMessage[]> {
    const before = this.replies().length;
    const ext = fileName.includes(".") ? fileName.split(".").pop()! : "bin";
    const file = this.h.api.addFile(data, ext);
    const document = { ...file, file_name: fileName, mime_type: opts.mimeType ?? "application/octet-stream", file_size: opts.fileSize ?? file.file_size };
    await this.h.deliver({ message: { ...this.#base(opts), document, ...(opts.caption ? { caption: opts.caption } : {}) } }, opts);
    return this.replies().slice(before);
  }

  async sendPhoto(data: Buffer, opts: SendOptions = {}): Promise<SentMessage[]> {
    const before = this.replies().length;
    const file = this.h.api.addFile(data, "jpg");
    const photo = [
      { ...file, file_id: file.file_id, width: 90, height: 90, file_size: file.file_size },
    ];
    await this.h.deliver({ message: { ...this.#base(opts), photo, ...(opts.caption ? { caption: opts.caption } : {}) } });
    return this.replies().slice(before);
  }

  /** Presses the button with this label on the latest message that has one (`wait: false`: a press the bot dies on). */
  async press(buttonText: string, opts: { wait?: boolean } = {}): Promise<SentMessage[]> {
    const msg = [...this.replies()].reverse().find((m) => buttons(m).some((b) => b.text === buttonText));
    if (!msg) throw new Error(`no message with a button "${buttonText}"; last: ${this.lastReply()?.text}`);
    const button = buttons(msg).find((b) => b.text === buttonText)!;
    return this.pressData(button.callback_data, msg, opts);
  }

  /** Sends a callback query with this data as if from a button on `msg` (also an outdated one). */
  async pressData(data: string, msg?: SentMessage, opts: { wait?: boolean } = {}): Promise<SentMessage[]> {
    const before = this.replies().length;
    const target = msg ?? this.lastReply();
    await this.h.deliver(
      {
        callback_query: {
          id: String(nextUserMessageId++),
          from: this.from,
          chat_instance: String(this.id),
          data,
          ...(target ? { message: botMessage(this.h, target) } : {}),
        },
      },
      opts,
    );
    return this.replies().slice(before);
  }

  /** Everything the bot sent to this chat, oldest first. */
  replies(): SentMessage[] {
    return this.h.api.sent(this.id);
  }

  lastReply(): SentMessage | undefined {
    return this.replies().at(-1);
  }

  /** The answers to callback queries (toasts) the bot gave this user. */
  toasts(): string[] {
    return this.h.api.calls.filter((c) => c.method === "answerCallbackQuery").map((c) => String(c.params.text ?? ""));
  }
}

export function buttons(msg: SentMessage): Array<{ text: string; callback_data: string }> {
  const markup = (msg.params.reply_markup ?? undefined) as InlineKeyboardMarkup | undefined;
  return (markup?.inline_keyboard ?? []).flat().filter((b): b is { text: string; callback_data: string } => "callback_data" in b);
}

/** The Message object Telegram would put in reply_to_message / callback_query.message. */
function botMessage(h: BotHarness, m: SentMessage): Update.New & Record<string, unknown> {
  return {
    message_id: m.messageId,
    date: Math.floor(h.clock.now().getTime() / 1000),
    chat: { id: Number(m.chatId), type: "private" },
    from: h.api.botUser,
    // Telegram hands back the text without markup, and the markup as entities
    ...(m.params.parse_mode === "HTML" ? htmlToEntities(m.text) : { text: m.text }),
    ...(m.params.reply_markup ? { reply_markup: m.params.reply_markup } : {}),
  };
}

const ENTITY_OF_TAG: Record<string, string> = { b: "bold", strong: "bold", i: "italic", em: "italic", u: "underline", ins: "underline", s: "strikethrough", strike: "strikethrough", del: "strikethrough", code: "code", pre: "pre", "tg-spoiler": "spoiler", blockquote: "blockquote", a: "text_link" };
const CHAR_OF: Record<string, string> = { lt: "<", gt: ">", quot: '"', amp: "&" };

/** What Telegram makes of an HTML message: its plain text and entities (UTF-16 offsets, as JavaScript's). */
function htmlToEntities(html: string): { text: string; entities?: Array<{ type: string; offset: number; length: number; url?: string }> } {
  let text = "";
  const open: Array<{ tag: string; offset: number; url?: string }> = [];
  const entities: Array<{ type: string; offset: number; length: number; url?: string }> = [];
  for (const m of html.matchAll(/<(\/?)([a-z-]+)([^>]*)>|&(lt|gt|quot|amp|#\d+);|[^<&]+|[<&]/gi)) {
    if (m[2]) {
      const tag = m[2].toLowerCase();
      if (!m[1]) {
        open.push({ tag, offset: text.length, url: /href="([^"]*)"/.exec(m[3] ?? "")?.[1]?.replace(/&amp;/g, "&") });
        continue;
      }
      const at = open.map((o) => o.tag).lastIndexOf(tag);
      const o = at >= 0 ? open.splice(at, 1)[0]! : null;
      const type = ENTITY_OF_TAG[tag];
      if (o && type && text.length > o.offset) entities.push({ type, offset: o.offset, length: text.length - o.offset, ...(type === "text_link" ? { url: o.url ?? "" } : {}) });
    } else if (m[4]) text += m[4].startsWith("#") ? String.fromCharCode(Number(m[4].slice(1))) : CHAR_OF[m[4].toLowerCase()]!;
    else text += m[0];
  }
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return entities.length ? { text, entities } : { text };
}
