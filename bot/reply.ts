import type { InlineKeyboardMarkup } from "telegraf/types";
import type { BotContext } from "./context.ts";

/** Telegram's limit is 4,096 characters; keep a margin for entities the HTML expands to. */
export const MESSAGE_LIMIT = 4000;

/**
 * Splits an HTML text into parts under the limit, at line breaks (then spaces), never inside a
 * tag: the texts we build put tags within one line, so cutting between lines keeps them balanced.
 */
export function splitMessage(text: string, limit = MESSAGE_LIMIT): string[] {
  if (text.length <= limit) return [text];
  const parts: string[] = [];
  let current = "";
  const push = () => {
    if (current.trim() !== "") parts.push(current.replace(/\n+$/, ""));
    current = "";
  };
  for (const line of text.split("\n")) {
    if (line.length > limit) {
      push();
      // one very long line: cut at spaces, then hard
      let rest = line;
      while (rest.length > limit) {
        let cut = rest.lastIndexOf(" ", limit);
        if (cut < limit / 2) cut = limit;
        // don't cut an HTML entity or tag in half
        const amp = rest.lastIndexOf("&", cut);
        if (amp > cut - 8 && rest.indexOf(";", amp) >= cut) cut = amp;
        const lt = rest.lastIndexOf("<", cut);
        if (lt > rest.lastIndexOf(">", cut)) cut = lt;
        parts.push(rest.slice(0, cut));
        rest = rest.slice(cut).replace(/^ /, "");
      }
      current = rest + "\n";
      continue;
    }
    if (current.length + line.length + 1 > limit) push();
    current += line + "\n";
  }
  push();
  return parts;
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

/** Replies with a translated message (HTML). */
export async function say(ctx: BotContext, id: string, args?: Parameters<BotContext["tr"]["t"]>[1]): Promise<void> {
  await replyHtml(ctx, ctx.tr.t(id, args));
}
