import { setChatCommands } from "../bot/commands.ts";
import { replyHtml } from "../bot/reply.ts";
import type { ButtonContext } from "../bot/roles.ts";
import { addressName } from "../core/names.ts";
import { escapeHtml } from "../services/format.ts";
import { toLang, translator } from "../services/i18n.ts";
import { knockOf, linkKnock, unlinkedPeople } from "../services/knock.ts";
import { logFailure } from "../services/logger.ts";
import { personByTelegramId, setLanguage } from "../services/people.ts";
import { packCallback, type CallbackOf } from "../views/callbacks.ts";
import { helpText } from "./help.ts";

// «Пригласить как…» under a stranger's knock (bot/middleware.ts strangerGate tells the
// coordinators): the coordinator picks the person from the directory and the account is linked
// to them at once, as an invite would link it.

/** At most this many people to choose from: the closest names to the Telegram name first. */
const PEOPLE_SHOWN = 20;

export async function knockPressed(ctx: ButtonContext, data: CallbackOf<"knock">): Promise<void> {
  const { db } = ctx.deps;
  const knock = await knockOf(db, data.telegramId);
  if (!knock) {
    await ctx.answerCbQuery(ctx.tr.t("bot-button-outdated"));
    return;
  }
  await ctx.answerCbQuery();
  const linked = await personByTelegramId(db, data.telegramId);
  if (linked) {
    await replyHtml(ctx, ctx.tr.t("knock-already-done", { name: escapeHtml(knock.name), record: escapeHtml(linked.fullName) }));
    return;
  }
  const people = await unlinkedPeople(db, knock.name, PEOPLE_SHOWN);
  if (people.length === 0) {
    await replyHtml(ctx, ctx.tr.t("knock-nobody", { name: escapeHtml(knock.name) }));
    return;
  }
  await replyHtml(ctx, ctx.tr.t("knock-choose", { name: escapeHtml(knock.name) }), {
    inline_keyboard: people.map((p) => [{ text: p.fullName, callback_data: packCallback({ kind: "knock-link", telegramId: data.telegramId, personId: p.id }) }]),
  });
}

export async function knockLinkPressed(ctx: ButtonContext, data: CallbackOf<"knock-link">): Promise<void> {
  const { db, logger, outbox } = ctx.deps;
  const knock = await knockOf(db, data.telegramId);
  if (!knock) {
    await ctx.answerCbQuery(ctx.tr.t("bot-button-outdated"));
    return;
  }
  await ctx.answerCbQuery();
  const outcome = await linkKnock(db, data.telegramId, data.personId);
  if (!outcome.ok) {
    const linked = await personByTelegramId(db, data.telegramId);
    if (outcome.reason === "account-linked" && linked) {
      await replyHtml(ctx, ctx.tr.t("knock-already-done", { name: escapeHtml(knock.name), record: escapeHtml(linked.fullName) }));
    } else {
      await replyHtml(ctx, ctx.tr.t(outcome.reason === "person-linked" ? "knock-person-linked" : "bot-button-outdated"));
    }
    return;
  }
  const me = (await personByTelegramId(db, data.telegramId))!;
  if (!me.language && knock.language) {
    await setLanguage(db, me.id, toLang(knock.language));
    me.language = toLang(knock.language);
  }
  logger.info({ personId: me.id, by: ctx.person.id }, "knocking account linked by a coordinator");
  await replyHtml(ctx, ctx.tr.t("knock-linked", { name: escapeHtml(knock.name), record: escapeHtml(me.fullName) }));
  // the new user's welcome, in their language, as after an invite (handlers/start.ts)
  const tr = translator(toLang(me.language));
  const name = addressName(me.fullName);
  const welcome = tr.t("start-linked", { name: name ? escapeHtml(name) : "none", record: escapeHtml(me.fullName) });
  const help = helpText({ person: me, tr });
  await outbox.send({ chatId: data.telegramId, personId: me.id, text: `${welcome}\n\n${help}` }).catch(logFailure(logger, "welcoming a linked knocking account"));
  await setChatCommands(ctx.telegram, logger, data.telegramId, me.roles.map((r) => r.role), me.language);
}
