import type http from "node:http";
import { Composer, Context, Telegraf } from "telegraf";
import type { Update } from "telegraf/types";
import { translator, toLang } from "../services/i18n.ts";
import { addSecret } from "../services/redact.ts";
import { REPLY_RETRY, type RetryPolicy } from "../services/telegram-retry.ts";
import { features } from "../handlers/index.ts";
import type { BotContext } from "./context.ts";
import type { BotDeps } from "./deps.ts";
import { chooseLanguage, dedupeUpdates, errorBoundary, loadPerson, perChatSequence, privateOnly, strangerGate, type ChatOrderOptions } from "./middleware.ts";
import { BotApi, botApiPolicy, DEFAULT_TIMEOUT_MS } from "./telegram.ts";
import { retryWhenBusy, type BusyRetryPolicy } from "./work.ts";

export interface CreateBotOptions {
  /** Bot API base URL (TELEGRAM_API_ROOT; the tests' FakeBotApi) */
  apiRoot?: string;
  /** called after each update is fully handled (tests wait on it instead of sleeping) */
  onUpdateHandled?: (updateId: number) => void;
  /** every Bot API call gives up after this (BOT_API_TIMEOUT) */
  timeoutMs?: number;
  /** how replies to users are tried again (null: not at all) */
  replyRetry?: RetryPolicy | null;
  /** how an update that met a busy database is tried again */
  busyRetry?: Partial<BusyRetryPolicy>;
  /**
   * how an update waits for its chat's earlier updates in hand on other instances; null: not
   * ordered across instances. Default: ordered in webhook mode (WEBHOOK_URL set), the only mode in
   * which several instances receive updates — in long polling Telegram gives them to one receiver
   * (a second getUpdates is refused), so the order of one process is the order.
   */
  chatOrder?: ChatOrderOptions | null;
}

/**
 * Telegraf with its Bot API calls timed out and stripped of the token (bot/telegram.ts); the
 * context of each update talks through a client that also retries replies. Updates are fed by
 * bot/polling.ts or bot/webhook.ts (chats concurrently, each chat in order), not telegraf's
 * launch, which awaits each polled batch as a whole.
 */
export class VekhaBot extends Telegraf<BotContext> {
  declare telegram: BotApi;
  readonly replies: BotApi;
  onError: (err: unknown, ctx: BotContext) => void = () => undefined;

  constructor(token: string, apiRoot: string, opts: { timeoutMs: number; replyRetry: RetryPolicy | null }) {
    super(token, { telegram: { apiRoot } });
    addSecret(token);
    this.telegram = new BotApi(token, { apiRoot }, botApiPolicy(opts.timeoutMs, null));
    this.replies = this.telegram.withRetry(opts.replyRetry);
  }

  /** One update through the middleware; never throws (the error boundary answers the user). */
  override async handleUpdate(update: Update, _webhookResponse?: http.ServerResponse): Promise<void> {
    this.botInfo ??= await this.telegram.getMe();
    const ctx = new Context(update, this.replies, this.botInfo) as unknown as BotContext;
    Object.assign(ctx, this.context);
    try {
      await this.middleware()(ctx, async () => undefined);
    } catch (err) {
      this.onError(err, ctx);
    }
  }
}

/** Nothing took the update: say so, rather than stay silent. */
function fallback(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.on("callback_query", async (ctx) => {
    await ctx.answerCbQuery(ctx.tr.t("bot-button-outdated"));
  });
  c.on("message", async (ctx) => {
    const text = "text" in ctx.message ? ctx.message.text : "";
    const isFile = "document" in ctx.message || "photo" in ctx.message;
    // a bare link is evidence sent without saying for what: say how to attach it
    const isLink = /^\s*\S*:\/\/\S+\s*$/.test(text) || /^\s*www\.\S+\s*$/i.test(text);
    const id = text.startsWith("/") ? "bot-unknown-command" : isFile ? "bot-file-without-context" : isLink ? "bot-link-without-context" : "bot-not-understood";
    await ctx.reply(ctx.tr.t(id), { parse_mode: "HTML" });
  });
  return c;
}

/**
 * The bot factory: no side effects until the caller runs it. Every update goes through
 * error boundary → one update at a time per chat → update_id de-duplication and the chat's order
 * across instances → the work's error boundary → (tried again while the database is busy) person → language → private chats only → strangers → the features
 * (handlers/index.ts) → a fallback answer.
 */
export function createBot(token: string, deps: BotDeps, opts: CreateBotOptions = {}): VekhaBot {
  const bot = new VekhaBot(token, opts.apiRoot ?? deps.config.TELEGRAM_API_ROOT, {
    timeoutMs: opts.timeoutMs ?? deps.config.botApiTimeoutMs ?? DEFAULT_TIMEOUT_MS,
    replyRetry: opts.replyRetry === undefined ? REPLY_RETRY : opts.replyRetry,
  });
  bot.use(async (ctx, next) => {
    ctx.deps = deps;
    ctx.person = null;
    ctx.tr = translator(toLang(ctx.from?.language_code));
    await next();
  });
  bot.use(errorBoundary(opts.onUpdateHandled));
  bot.use(perChatSequence());
  bot.use(dedupeUpdates(opts.chatOrder === undefined ? (deps.config.WEBHOOK_URL ? {} : null) : opts.chatOrder));
  // the work's failure is answered here, inside: the update is marked finished (for the chat's
  // next update on another instance) only once the user has heard of it
  bot.use(errorBoundary());
  const work = Composer.compose<BotContext>([
    loadPerson(),
    chooseLanguage(),
    privateOnly(),
    strangerGate(deps),
    features(),
    fallback(),
  ]);
  bot.use(retryWhenBusy(work, opts.busyRetry));
  bot.onError = (err, ctx) => deps.logger.error({ err, updateId: ctx.update.update_id }, "unhandled bot error");
  return bot;
}
