import type { BotContext } from "../bot/context.ts";
import type { ButtonContext } from "../bot/roles.ts";
import type { Keyboard } from "../services/outbox.ts";
import { parseCallback, type CallbackOf } from "../views/callbacks.ts";
import { sentReminderPage } from "../scheduler/reminder-pages.ts";

// A reminder message of several items is one message whose pages «◀ / ▶» turn in place. The page
// is drawn again from the database (the claims the message settled carry its message id:
// scheduler/reminder-pages.ts), so the buttons work after a restart and on any instance, and the
// items show their state now.

type Message = NonNullable<NonNullable<BotContext["callbackQuery"]>["message"]>;

/** «◀ / ▶» under a reminder message. */
export async function reminderPagePressed(ctx: ButtonContext, data: CallbackOf<"reminder-page">): Promise<void> {
  const message = ctx.callbackQuery.message;
  const page = message ? await sentReminderPage(ctx.deps.db, ctx.tr, { personId: ctx.person.id, messageId: message.message_id, now: ctx.deps.clock.now(), page: data.page }) : null;
  if (!page) {
    await ctx.answerCbQuery(ctx.tr.t("reminder-page-gone"), { show_alert: true });
    return;
  }
  await ctx.answerCbQuery();
  await edit(ctx, page);
}

/**
 * A reminder message listing several items (its buttons say which item each is for, or it has
 * pages): a card button pressed there redraws the page, not the message as one card.
 */
export function isReminderList(message: Message): boolean {
  const rows = "reply_markup" in message ? (message.reply_markup?.inline_keyboard ?? []) : [];
  const kinds = rows.flat().map((b) => ("callback_data" in b ? { c: parseCallback(b.callback_data), text: b.text } : null));
  // a single reminder under the week's digest («Сводка полностью»): a press redraws both, not the card alone
  const digest = kinds.some((k) => k?.c?.kind === "digest");
  return kinds.some((k) => k?.c?.kind === "reminder-page" || ((k?.c?.kind === "card" || k?.c?.kind === "snooze") && (digest || k.text.includes(" · "))));
}

/** The page of the reminder message showing this поручение, drawn again; false when the message carried no reminders of the person. */
export async function redrawReminderPage(ctx: BotContext, personId: number, messageId: number, assignmentId: number): Promise<boolean> {
  const page = await sentReminderPage(ctx.deps.db, ctx.tr, { personId, messageId, now: ctx.deps.clock.now(), assignmentId });
  if (!page) return false;
  await edit(ctx, page);
  return true;
}

async function edit(ctx: BotContext, page: { text: string; keyboard: Keyboard }): Promise<void> {
  try {
    await ctx.editMessageText(page.text, { parse_mode: "HTML", link_preview_options: { is_disabled: true }, reply_markup: page.keyboard });
  } catch (err) {
    // "message is not modified" (the same page pressed twice) and the like: it stays as it is
    ctx.deps.logger.debug({ err }, "reminder page not redrawn");
  }
}
