import { Composer, Markup } from "telegraf";
import type { BotContext } from "../bot/context.ts";
import { setChatCommands } from "../bot/commands.ts";
import { LANGUAGES, translator, type Lang } from "../services/i18n.ts";
import { setLanguage } from "../services/people.ts";
import { packCallback } from "../services/callbacks.ts";

/** /lang: choose Russian or English (`/lang en` directly, or buttons). */
export function langFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const choose = async (ctx: BotContext, lang: Lang) => {
    await setLanguage(ctx.deps.db, ctx.person!.id, lang);
    ctx.person!.language = lang;
    ctx.tr = translator(lang);
    if (ctx.chat) await setChatCommands(ctx.telegram, ctx.deps.logger, String(ctx.chat.id), ctx.person!.roles.map((r) => r.role), lang);
  };
  c.command("lang", async (ctx) => {
    const wanted = ctx.payload.trim().toLowerCase();
    if ((LANGUAGES as readonly string[]).includes(wanted)) {
      await choose(ctx, wanted as Lang);
      await ctx.reply(ctx.tr.t("lang-set"));
      return;
    }
    await ctx.reply(
      ctx.tr.t("lang-choose"),
      Markup.inlineKeyboard(LANGUAGES.map((l) => Markup.button.callback(translator(l).t("lang-name"), packCallback({ kind: "lang", lang: l })))),
    );
  });
  c.action(/^lang:(ru|en)$/, async (ctx) => {
    await choose(ctx, ctx.match[1] as Lang);
    await ctx.answerCbQuery();
    await ctx.editMessageText(ctx.tr.t("lang-set"));
  });
  return c;
}
