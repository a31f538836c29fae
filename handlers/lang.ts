import { Markup } from "telegraf";
import { setChatCommands } from "../bot/commands.ts";
import type { ButtonContext, CommandContext, PersonContext } from "../bot/roles.ts";
import { LANGUAGES, translator, type Lang } from "../services/i18n.ts";
import { setLanguage } from "../services/people.ts";
import { packCallback, type CallbackOf } from "../views/callbacks.ts";

// /lang: choose Russian or English (`/lang en` directly, or buttons).

async function choose(ctx: PersonContext, lang: Lang): Promise<void> {
  await setLanguage(ctx.deps.db, ctx.person.id, lang);
  ctx.person.language = lang;
  ctx.tr = translator(lang);
  if (ctx.chat) await setChatCommands(ctx.telegram, ctx.deps.logger, String(ctx.chat.id), ctx.person.roles.map((r) => r.role), lang);
}

export async function langCommand(ctx: CommandContext): Promise<void> {
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
}

export async function languageChosen(ctx: ButtonContext, data: CallbackOf<"lang">): Promise<void> {
  await choose(ctx, data.lang);
  await ctx.answerCbQuery();
  await ctx.editMessageText(ctx.tr.t("lang-set"));
}
