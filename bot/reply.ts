import type { InlineKeyboardMarkup } from "telegraf/types";
import type { BotContext } from "./context.ts";
import { splitHtml } from "../services/telegram-text.ts";

/** Telegram's limit is 4,096 characters; keep a margin for entities the HTML expands to. */
export const MESSAGE_LIMIT = 4000;

/** Splits an HTML text into parts under the limit (services/telegram-text.ts: one splitter for every send path). */
export function splitMessage(text: string, limit = MESSAGE_LIMIT): string[] {
  return splitHtml(text, limit);
}

/** Replies in HTML, split under the limit; the keyboard goes on the last part. */
export async function replyHtml(ctx: BotContext, text: string, keyboard?: InlineKeyboardMarkup): Promise<void> {
  const parts = splitMessage(text);
  for (let i = 0; i < parts.length; i++) {
    const last = i === parts.length - 1;
    await ctx.reply(parts[i]!, {
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
      ...(last && keyboard ? { reply_markup: keyboard } : {}),
    });
  }
}

