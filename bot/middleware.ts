import type { MiddlewareFn } from "telegraf";
import { translator, toLang } from "../services/i18n.ts";
import { ensureAdmin, personByTelegramId, reachableCoordinators, setPrivateChat } from "../services/people.ts";
import { recordKnock } from "../services/knock.ts";
import { escapeHtml } from "../services/format.ts";
import { packCallback } from "../views/callbacks.ts";
import { beganAfterWait, finishUpdate, forgetProcessedBefore, recordProcessed, takeUpdate, unfinishedBefore, wasProcessed, type TakenUpdate } from "../services/processed-updates.ts";
import type { BotContext } from "./context.ts";
import type { BotDeps } from "./deps.ts";
import { detached, incidental } from "../services/db-activity.ts";
import { isBusyError } from "../services/sqlite-errors.ts";
import { logFailure } from "../services/logger.ts";
import { workOutcome } from "./work.ts";

// The middleware every update passes, in order (see create-bot.ts).

const RECENT_IDS = 10_000;
const RECORD_TRIES = 20;
/** How long the update id's insert may hold an answer before the check falls back to a read. */
const TAKE_WAIT_MS = 300;

const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Waits for `work`, but not longer than `ms` (the work goes on). */
async function within(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work, new Promise<void>((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}

/** How an update waits for the earlier updates of its chat that other instances have in hand. */
export interface ChatOrderOptions {
  /** how often a waiting update looks again */
  pollMs?: number;
  /**
   * an earlier update taken (or begun after its own wait) longer ago than this and not finished no
   * longer holds anyone: its instance stopped or crashed with it in hand
   */
  timeoutMs?: number;
  /** injected: tests wake the waiting update by hand instead of sleeping */
  sleep?: (ms: number) => Promise<void>;
}

const CHAT_ORDER_POLL_MS = 200;
/** longer than any update's handling (a Bot API call gives up after 30 s, a busy database after 60 s) */
export const CHAT_ORDER_TIMEOUT_MS = 2 * 60_000;

/**
 * Telegram delivers at least once: an update_id already seen is dropped before any side effect.
 * The id is taken in the database in one statement (INSERT … ON CONFLICT DO NOTHING), so a webhook
 * retry landing on another instance is dropped there too. When the database is busy (SQLite held
 * by another process) the check falls back to a read plus the ids of this process, and the row is
 * written in the background, so a busy database does not hold the answer.
 *
 * The row names the update's chat: before its work, an update waits while an earlier update of
 * the chat (a smaller update_id) is taken and not finished on another instance — looking again
 * every `pollMs` — unless that one was taken more than `timeoutMs` ago (its instance crashed: it is
 * logged and no longer waited for). This process's own earlier updates of the chat are finished
 * (perChatSequence runs them one after another) and never waited for, even when their mark is not
 * written yet. When the work ends — also when it failed, after the failure was answered (the error
 * boundary inside this one) — the row is marked finished. An update without a chat is not ordered.
 * Statements: an update with a chat 2 in the common case — the take (an insert on the condition
 * that no earlier update of the chat is in hand: one indexed look) and the finished mark; when
 * something earlier is in hand, one more insert, a read per look while waiting and one write when
 * the wait is over. Without a chat 1.
 * `order` null: not ordered across instances (long polling: Telegram gives updates to one
 * receiver only), as if no update had a chat.
 */
export function dedupeUpdates(order: ChatOrderOptions | null = {}): MiddlewareFn<BotContext> {
  const ordered = order !== null;
  order ??= {};
  const pollMs = order.pollMs ?? CHAT_ORDER_POLL_MS;
  const timeoutMs = order.timeoutMs ?? CHAT_ORDER_TIMEOUT_MS;
  const sleep = order.sleep ?? wait;
  let seen = 0;
  const recent = new Set<string>();
  /** earlier updates already logged as overtaken after the time-out */
  const overtaken = new Set<string>();
  /** writes a row's change, tried again in the background while the database is busy */
  const persist = async (deps: BotDeps, updateId: string, what: string, write: () => Promise<void>) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await write();
        return;
      } catch (e) {
        if ((e as { code?: string }).code === "P2002") return;
        if (!isBusyError(e) || attempt >= RECORD_TRIES) {
          deps.logger.warn({ err: e, updateId }, what);
          return;
        }
        await new Promise((r) => setTimeout(r, Math.min(30_000, 1000 * attempt)));
      }
    }
  };
  const record = (deps: BotDeps, u: TakenUpdate) => persist(deps, u.updateId, "update id not recorded", () => recordProcessed(deps.db, { ...u, at: deps.clock.now() }));

  /** Waits while an earlier update of the chat is in hand on another instance. */
  const awaitEarlier = async (deps: BotDeps, u: TakenUpdate & { chatId: string }) => {
    let waitedFor: string | null = null;
    for (;;) {
      const now = deps.clock.now().getTime();
      const holding = (await unfinishedBefore(deps.db, u.chatId, u.seq)).filter((e) => {
        if (recent.has(e.updateId)) return false;
        if (now - e.at.getTime() < timeoutMs) return true;
        if (!overtaken.has(e.updateId)) {
          overtaken.add(e.updateId);
          if (overtaken.size > RECENT_IDS) overtaken.delete(overtaken.values().next().value!);
          deps.logger.warn(
            { updateId: u.updateId, chatId: u.chatId, earlier: e.updateId, takenAt: e.at.toISOString(), timeoutMs },
            "an earlier update of this chat was never finished (its instance stopped?): no longer waiting for it",
          );
        }
        return false;
      });
      if (holding.length === 0) break;
      if (waitedFor === null) deps.logger.info({ updateId: u.updateId, chatId: u.chatId, earlier: holding.map((e) => e.updateId) }, "waiting for an earlier update of this chat in hand elsewhere");
      waitedFor = holding[0]!.updateId;
      await sleep(pollMs);
    }
    // its own time-out counts from now: a later update must not overtake it for the time it waited
    if (waitedFor !== null) await beganAfterWait(deps.db, u.updateId, deps.clock.now());
  };

  return async (ctx, next) => {
    const { deps } = ctx;
    const u: TakenUpdate = {
      updateId: String(ctx.update.update_id),
      // not ordered: the row names no chat, so it holds nobody
      chatId: ordered && ctx.chat ? String(ctx.chat.id) : null,
      seq: BigInt(ctx.update.update_id),
      at: deps.clock.now(),
    };
    const { updateId } = u;
    let duplicate = recent.has(updateId);
    let taken = false;
    /** an earlier update of the chat may be in hand: look (and wait) before the work */
    let look = true;
    /** the row's insert, when it still runs in the background: resolves true when it is ours */
    let pending: Promise<boolean> | null = null;
    if (!duplicate) {
      // the insert waits (asynchronously) while another process holds SQLite's write lock: past a
      // moment the answer goes on after a read, and the insert finishes in the background
      const heldSince = new Date(u.at.getTime() - timeoutMs);
      const take = incidental(() => takeUpdate(deps.db, u, heldSince));
      const first = await Promise.race([take, wait(TAKE_WAIT_MS).then(() => "slow" as const)]).catch((e: unknown) => {
        if (!isBusyError(e)) throw e;
        return "busy" as const;
      });
      if (first === "slow") {
        pending = take.then(
          (t) => t !== "duplicate",
          async (e: unknown) => {
            if (isBusyError(e)) await detached(() => record(deps, u));
            else deps.logger.warn({ err: e, updateId }, "update id not recorded");
            return true;
          },
        );
        duplicate = await wasProcessed(deps.db, updateId);
        taken = true; // the insert still under way records it
      } else if (first === "busy") {
        duplicate = await wasProcessed(deps.db, updateId);
      } else {
        taken = first !== "duplicate";
        duplicate = !taken;
        // taken on the condition that nothing earlier of the chat is in hand: the common case
        look = first === "held";
      }
    }
    if (duplicate) {
      deps.logger.info({ updateId }, "duplicate update dropped");
      return;
    }
    recent.add(updateId);
    if (recent.size > RECENT_IDS) recent.delete(recent.values().next().value!);
    if (!taken) pending = detached(() => record(deps, u)).then(() => true);
    // Telegram keeps an unconfirmed update for 24 hours: a week of ids is plenty
    if (++seen % 1000 === 0) {
      const weekAgo = new Date(deps.clock.now().getTime() - 7 * 24 * 3600 * 1000);
      void detached(() => forgetProcessedBefore(deps.db, weekAgo)).catch((err: unknown) =>
        deps.logger.warn({ err }, "old update ids not deleted"),
      );
    }
    const chatId = u.chatId;
    if (chatId === null) return next();
    try {
      const earlier = look ? awaitEarlier(deps, { ...u, chatId }) : Promise.resolve();
      await earlier.catch((err: unknown) => {
        // the order is not known: the update goes on rather than fail
        deps.logger.warn({ err, updateId, chatId }, "the chat's earlier updates could not be read: not waiting");
      });
      await next();
    } finally {
      const mark = () => persist(deps, updateId, "update not marked finished", () => finishUpdate(deps.db, updateId, deps.clock.now()));
      // awaited (so that nothing of the update is left running when it is done), but a busy
      // database does not hold the chat's next update here: past a moment it goes on in the background
      if (pending === null) await within(mark(), TAKE_WAIT_MS);
      else void pending.then((ours) => (ours ? detached(mark) : undefined));
    }
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
        // bookkeeping, not the user's action: it does not count as work done (bot/work.ts)
        ctx.person = await incidental(() => ensureAdmin(ctx.deps.db, telegramId, privateChat, profile));
      } else {
        ctx.person = await personByTelegramId(ctx.deps.db, telegramId);
      }
      // the private chat is where notifications go; someone who writes again is reachable again
      if (ctx.person && privateChat && (ctx.person.chatId !== privateChat || ctx.person.unreachable)) {
        const id = ctx.person.id;
        await incidental(() => setPrivateChat(ctx.deps.db, id, privateChat));
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
      await ctx.answerCbQuery(ctx.tr.t("bot-private-only-short")).catch(logFailure(ctx.deps.logger, "answering a button pressed in a group"));
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
 * A stranger (no linked person) may only redeem an invite (`/start <token>`). The first knock is
 * answered with how to get access, and every reachable coordinator is told once, with a button to
 * link the account to someone of the directory (handlers/knock.ts). Later messages go unanswered —
 * except `/start`, which gets a short «the coordinators know», at most every ten minutes.
 */
export function strangerGate(deps: BotDeps): MiddlewareFn<BotContext> {
  const lastTold = new Map<string, number>();
  return async (ctx, next) => {
    if (ctx.person || !ctx.from) return next();
    const text = ctx.message && "text" in ctx.message ? ctx.message.text : "";
    if (/^\/start(@\w+)?\s+\S+/.test(text)) return next();
    if (ctx.callbackQuery) await ctx.answerCbQuery().catch(logFailure(deps.logger, "answering a stranger's button"));
    const from = ctx.from;
    const key = String(from.id);
    const username = from.username ? ` (@${from.username})` : "";
    const name = [from.first_name, from.last_name].filter(Boolean).join(" ") + username;
    const first = await recordKnock(deps.db, { telegramId: key, name, language: from.language_code ?? null }, deps.clock.now());
    if (first) {
      // a button of an old message may come without its chat: the private chat's id is the account's
      await ctx.telegram.sendMessage(ctx.chat?.id ?? from.id, `${ctx.tr.t("start-stranger")}\n${ctx.tr.t("start-stranger-told")}`, { parse_mode: "HTML" });
      await tellCoordinators(deps, key, name);
      return;
    }
    if (!/^\/start(@\w+)?$/.test(text.trim())) return;
    const now = deps.clock.now().getTime();
    const last = lastTold.get(key);
    if (last !== undefined && now - last < STRANGER_REPEAT_MS) return;
    lastTold.set(key, now);
    if (lastTold.size > 10_000) lastTold.clear();
    await ctx.telegram.sendMessage(ctx.chat?.id ?? from.id, ctx.tr.t("start-stranger-again"), { parse_mode: "HTML" });
  };
}

/** One message to each reachable coordinator, through the delivery queue; a failure is logged. */
async function tellCoordinators(deps: BotDeps, telegramId: string, name: string): Promise<void> {
  for (const coordinator of await reachableCoordinators(deps.db)) {
    const tr = translator(toLang(coordinator.language));
    const sent = await deps.outbox
      .send({
        chatId: coordinator.chatId!,
        personId: coordinator.id,
        text: tr.t("knock-notice", { name: escapeHtml(name) }),
        keyboard: { inline_keyboard: [[{ text: tr.t("knock-button"), callback_data: packCallback({ kind: "knock", telegramId }) }]] },
      })
      .catch((err: unknown) => ({ ok: false, description: String(err) }));
    if (!sent.ok) deps.logger.warn({ coordinatorId: coordinator.id, description: sent.description }, "a coordinator was not told of a knock");
  }
}

/**
 * Logs any failure and tells the user what it means for them, in their language: work that was
 * saved is never answered «try again» (the reply failed, not the action); work stopped by a busy
 * database says so; anything else is the generic apology.
 */
export function errorBoundary(onDone?: (updateId: number) => void): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      const committed = workOutcome(ctx)?.committed ?? false;
      const busy = isBusyError(err);
      ctx.deps.logger.error({ err, updateId: ctx.update.update_id, committed, busy }, "update failed");
      const tr = ctx.tr ?? translator(toLang(ctx.from?.language_code));
      const id = committed ? (busy ? "error-db-busy-partial" : "error-saved-no-answer") : busy ? "error-db-busy" : "error-generic";
      try {
        if (ctx.callbackQuery) await ctx.answerCbQuery(tr.t(id).slice(0, 200)).catch(logFailure(ctx.deps.logger, "answering the button of a failed update"));
        if (ctx.chat) await ctx.reply(tr.t(id));
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
