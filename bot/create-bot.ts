import { Telegraf } from "telegraf";
import { translator, toLang } from "../services/i18n.ts";
import { features } from "../handlers/index.ts";
import type { BotContext } from "./context.ts";
import type { BotDeps } from "./deps.ts";
import { chooseLanguage, dedupeUpdates, errorBoundary, loadPerson, perChatSequence, privateOnly, strangerGate } from "./middleware.ts";

export interface CreateBotOptions {
  /** Bot API base URL (TELEGRAM_API_ROOT; the tests' FakeBotApi) */
  apiRoot?: string;
  /** called after each update is fully handled (tests wait on it instead of sleeping) */
  onUpdateHandled?: (updateId: number) => void;
}

/**
 * The bot factory: no side effects until the caller launches it. Every update goes through
 * error boundary → one update at a time per chat → update_id de-duplication → person → language → private chats only →
 * strangers → the feature composers → a fallback answer.
 */
export function createBot(token: string, deps: BotDeps, opts: CreateBotOptions = {}): Telegraf<BotContext> {
  const bot = new Telegraf<BotContext>(token, { telegram: { apiRoot: opts.apiRoot ?? deps.config.TELEGRAM_API_ROOT } });
  bot.use(async (ctx, next) => {
    ctx.deps = deps;
    ctx.person = null;
    ctx.tr = translator(toLang(ctx.from?.language_code));
    await next();
  });
  bot.use(errorBoundary(opts.onUpdateHandled));
  bot.use(perChatSequence());
  bot.use(dedupeUpdates());
  bot.use(loadPerson());
  bot.use(chooseLanguage());
  bot.use(privateOnly());
  bot.use(strangerGate(deps));
  for (const feature of features) bot.use(feature());

  // Nothing took the update: say so, rather than stay silent.
  bot.on("callback_query", async (ctx) => {
    await ctx.answerCbQuery(ctx.tr.t("bot-button-outdated"));
  });
  bot.on("message", async (ctx) => {
    const text = "text" in ctx.message ? ctx.message.text : "";
    const isFile = "document" in ctx.message || "photo" in ctx.message;
    // a bare link is evidence sent without saying for what: say how to attach it
    const isLink = /^\s*\S*:\/\/\S+\s*$/.test(text) || /^\s*www\.\S+\s*$/i.test(text);
    const id = text.startsWith("/") ? "bot-unknown-command" : isFile ? "bot-file-without-context" : isLink ? "bot-link-without-context" : "bot-not-understood";
    await ctx.reply(ctx.tr.t(id), { parse_mode: "HTML" });
  });
  bot.catch((err, ctx) => deps.logger.error({ err, updateId: ctx.update.update_id }, "unhandled bot error"));
  return bot;
}
