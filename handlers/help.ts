import { Composer } from "telegraf";
import type { BotContext } from "../bot/context.ts";
import { hasRole } from "../core/roles.ts";
import { replyHtml } from "../bot/reply.ts";

/** What this person can do, by role (/help, and the greeting when an invite links the account). */
export function helpText(ctx: BotContext): string {
  const parts = [ctx.tr.t("help-executor")];
  if (hasRole(ctx.person, "curator")) parts.push(ctx.tr.t("help-curator"));
  if (hasRole(ctx.person, "deputy")) parts.push(ctx.tr.t("help-deputy"));
  if (hasRole(ctx.person, "coordinator")) parts.push(ctx.tr.t("help-coordinator"));
  parts.push(ctx.tr.t("help-footer"));
  return parts.join("\n\n");
}

/** /help: what this person can do, by role. */
export function helpFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.help(async (ctx) => {
    await replyHtml(ctx, helpText(ctx));
  });
  return c;
}
