import type { BotContext } from "../bot/context.ts";
import type { CommandContext } from "../bot/roles.ts";
import { setChatCommands } from "../bot/commands.ts";
import { replyHtml } from "../bot/reply.ts";
import { escapeHtml } from "../services/format.ts";
import { addressName } from "../core/names.ts";
import { helpText } from "./help.ts";
import { setupOutlook } from "./setup.ts";
import { awayButton } from "./absence.ts";
import { redeemInvite } from "../services/invites.ts";
import { personById, personByTelegramId, reachableCoordinators, setLanguage } from "../services/people.ts";
import { toLang, translator } from "../services/i18n.ts";

/** «Елена Андреевна» (core/names.ts addressName), or "none": the greeting then has no name. */
function addressed(fullName: string): string {
  const name = addressName(fullName);
  return name ? escapeHtml(name) : "none";
}

/** `/start <token>` links the account through an invite; `/start` alone greets a linked person. */
export async function startCommand(ctx: CommandContext<BotContext>): Promise<void> {
  const token = ctx.payload.trim();
  if (!token) {
    // strangers never get here (bot/middleware.ts strangerGate answers them)
    if (!ctx.person) return;
    const welcome = ctx.tr.t("start-welcome-back", { name: addressed(ctx.person.fullName) });
    // with «Я в отпуске» (or «Я вернулся(ась)») at hand
    const button = await awayButton(ctx, ctx.person.id);
    const away = button ? [[button]] : [];
    // a coordinator: the next step of setting up, or one line once everything is done
    const setup = await setupOutlook(ctx);
    if (!setup) return replyHtml(ctx, welcome, away.length > 0 ? { inline_keyboard: away } : undefined);
    if (setup.complete) return replyHtml(ctx, `${welcome}
${setup.line}`, away.length > 0 ? { inline_keyboard: away } : undefined);
    const text = `${ctx.tr.t("start-welcome-coordinator", { name: addressed(ctx.person.fullName) })}

${setup.view.text}`;
    return replyHtml(ctx, text, { inline_keyboard: [...(setup.view.keyboard?.inline_keyboard ?? []), ...away] });
  }
  const { db, clock, logger, outbox } = ctx.deps;
  const outcome = await redeemInvite(db, token, String(ctx.from.id), String(ctx.chat.id), clock);
  if (!outcome.ok) {
    // the same token from the already linked account: nothing to do
    await replyHtml(ctx, ctx.tr.t(ctx.person ? "start-invite-not-needed" : `start-invite-${outcome.reason}`));
    return;
  }
  const me = (await personByTelegramId(db, String(ctx.from.id)))!;
  ctx.person = me;
  // keep the language chosen in the client until the person picks another with /lang
  if (!me.language && ctx.from.language_code) {
    await setLanguage(db, me.id, toLang(ctx.from.language_code));
    me.language = toLang(ctx.from.language_code);
  }
  ctx.tr = translator(toLang(me.language));
  logger.info({ personId: me.id, previousAccount: outcome.previousAccount, unlinked: outcome.unlinkedPersonId }, "invite redeemed");
  // a curator or a deputy head learns their own commands at once, not only the executor's
  // addressed by first name and patronymic; the record the invite was for, as it is written
  // a coordinator invited by another: where the setting up stands, before the commands
  const setup = await setupOutlook(ctx);
  const checklist = setup && !setup.complete ? setup.view : null;
  await replyHtml(
    ctx,
    [ctx.tr.t("start-linked", { name: addressed(me.fullName), record: escapeHtml(me.fullName) }), ...(checklist ? [checklist.text] : []), helpText(ctx)].join("\n\n"),
    checklist?.keyboard ?? undefined,
  );
  await setChatCommands(ctx.telegram, logger, String(ctx.chat.id), me.roles.map((r) => r.role), me.language);
  if (outcome.previousAccount || outcome.unlinkedPersonId) {
    // an account replaced another, or moved from one person to another: coordinators should
    // know (a lost phone, or a forwarded link)
    const before = outcome.unlinkedPersonId ? await personById(db, outcome.unlinkedPersonId) : null;
    for (const coordinator of await reachableCoordinators(db)) {
      if (coordinator.id === me.id) continue;
      const tr = translator(toLang(coordinator.language));
      const text = before
        ? tr.t("start-moved-notice", { name: escapeHtml(me.fullName), before: escapeHtml(before.fullName) })
        : tr.t("start-relinked-notice", { name: escapeHtml(me.fullName) });
      await outbox.send({ chatId: coordinator.chatId!, personId: coordinator.id, text });
    }
  }
}
