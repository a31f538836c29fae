import type { MiddlewareFn } from "telegraf";
import { translator, toLang } from "../services/i18n.ts";
import { ensureAdmin, personByTelegramId } from "../services/people.ts";
import type { BotContext } from "./context.ts";
import type { BotDeps } from "./deps.ts";

// The middleware every update passes, in order (see create-bot.ts).

/** Telegram delivers at least once: an update_id already recorded is dropped before any side effect. */
export function dedupeUpdates(): MiddlewareFn<BotContext> {
  let seen = 0;
  return async (ctx, next) => {
    const updateId = String(ctx.update.update_id);
    // Telegram keeps an unconfirmed update for 24 hours: a week of ids is plenty
    if (++seen % 1000 === 0) {
      const weekAgo = new Date(ctx.deps.clock.now().getTime() - 7 * 24 * 3600 * 1000);
      await ctx.deps.db.processedUpdate.deleteMany({ where: { at: { lt: weekAgo } } });
    }
    try {
      await ctx.deps.db.processedUpdate.create({ data: { updateId, at: ctx.deps.clock.now() } });
    } catch (e) {
      if ((e as { code?: string }).code === "P2002") {
        ctx.deps.logger.info({ updateId }, "duplicate update dropped");
        return;
      }
      throw e;
    }
    await next();
  };
}

/** Loads the linked person (the admins of ADMIN_TELEGRAM_IDS become coordinators on first contact). */
export function loadPerson(): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    ctx.person = null;
    const from = ctx.from;
    if (from && !from.is_bot) {
      const telegramId = String(from.id);
      const privateChat = ctx.chat?.type === "private" ? String(ctx.chat.id) : null;
      if (ctx.deps.config.ADMIN_TELEGRAM_IDS.includes(telegramId)) {
        const profile = [from.last_name, from.first_name].filter(Boolean).join(" ");
        ctx.person = await ensureAdmin(ctx.deps.db, telegramId, privateChat, profile);
      } else {
        ctx.person = await personByTelegramId(ctx.deps.db, telegramId);
      }
      // the private chat is where notifications go; someone who writes again is reachable again
      if (ctx.person && privateChat && (ctx.person.chatId !== privateChat || ctx.person.unreachable)) {
        await ctx.deps.db.person.update({ where: { id: ctx.person.id }, data: { chatId: privateChat, unreachable: false } });
        ctx.person.chatId = privateChat;
        ctx.person.unreachable = false;
      }
    }
    await next();
  };
}

/** The person's language, else the Telegram client's, else Russian. */
export function chooseLanguage(): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    ctx.tr = translator(toLang(ctx.person?.language ?? ctx.from?.language_code));
    await next();
  };
}

/** In a group the bot only points to the private chat, and only when spoken to. */
export function privateOnly(): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const type = ctx.chat?.type;
    if (!type || type === "private") return next();
    if (ctx.callbackQuery) {
      await ctx.answerCbQuery(ctx.tr.t("bot-private-only-short")).catch(() => undefined);
      return;
    }
    const text = ctx.message && "text" in ctx.message ? ctx.message.text : "";
    if (text.startsWith("/") && type !== "channel") {
      const username = ctx.deps.botUsername ?? ctx.botInfo?.username ?? "";
      await ctx.reply(ctx.tr.t("bot-private-only", { link: `https://t.me/${username}` }), {
        link_preview_options: { is_disabled: true },
      });
    }
  };
}

const STRANGER_REPEAT_MS = 10 * 60 * 1000;

/**
 * A stranger (no linked person) may only redeem an invite (`/start <token>`). Everything else gets
 * one polite message on how to get access — again at most every ten minutes, so nobody is spammed.
 */
export function strangerGate(deps: BotDeps): MiddlewareFn<BotContext> {
  const lastTold = new Map<string, number>();
  return async (ctx, next) => {
    if (ctx.person || !ctx.from) return next();
    const text = ctx.message && "text" in ctx.message ? ctx.message.text : "";
    if (/^\/start(@\w+)?\s+\S+/.test(text)) return next();
    if (ctx.callbackQuery) await ctx.answerCbQuery().catch(() => undefined);
    const key = String(ctx.from.id);
    const now = deps.clock.now().getTime();
    const last = lastTold.get(key);
    const askedForIt = /^\/start(@\w+)?$/.test(text.trim());
    if (!askedForIt && last !== undefined && now - last < STRANGER_REPEAT_MS) return;
    lastTold.set(key, now);
    if (lastTold.size > 10_000) lastTold.clear();
    await ctx.reply(ctx.tr.t("start-stranger"), { parse_mode: "HTML" });
  };
}

/** Logs any failure and tells the user something went wrong, in their language. */
export function errorBoundary(onDone?: (updateId: number) => void): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      ctx.deps.logger.error({ err, updateId: ctx.update.update_id }, "update failed");
      const tr = ctx.tr ?? translator(toLang(ctx.from?.language_code));
      try {
        if (ctx.callbackQuery) await ctx.answerCbQuery(tr.t("error-generic")).catch(() => undefined);
        if (ctx.chat) await ctx.reply(tr.t("error-generic"));
      } catch (replyErr) {
        ctx.deps.logger.warn({ err: replyErr }, "could not report the failure to the user");
      }
    } finally {
      onDone?.(ctx.update.update_id);
    }
  };
}

/**
 * Updates of one chat are handled one after another, in order: telegraf handles a polled batch
 * concurrently, and a date and a reason typed quickly must not race for the same ChatState.
 * Other chats still run in parallel.
 */
export function perChatSequence(): MiddlewareFn<BotContext> {
  const tails = new Map<string, Promise<void>>();
  return async (ctx, next) => {
    const key = ctx.chat ? String(ctx.chat.id) : ctx.from ? `u${ctx.from.id}` : null;
    if (!key) return next();
    const previous = tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    tails.set(key, tail);
    await previous;
    try {
      await next();
    } finally {
      release();
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}
