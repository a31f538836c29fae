import type { BotContext } from "../bot/context.ts";
import { replyHtml } from "../bot/reply.ts";
import type { CommandContext } from "../bot/roles.ts";
import { hasRole, ROLES } from "../core/roles.ts";
import { setupOutlook } from "./setup.ts";

/** What this person can do, by role (/help, and the greeting when an invite links the account). */
export function helpText(ctx: Pick<BotContext, "person" | "tr">): string {
  // one block per role (locales: help-<role>), the executor's always; which commands each names: bot/commands.ts
  const parts = ROLES.filter((role) => role === "executor" || hasRole(ctx.person, role)).map((role) => ctx.tr.t(`help-${role}`));
  parts.push(ctx.tr.t("help-footer"));
  return parts.join("\n\n");
}

/** /help: what this person can do, by role; a coordinator's opens with the next step of setting up while one is left. */
export async function helpCommand(ctx: CommandContext): Promise<void> {
  const setup = await setupOutlook(ctx);
  if (setup && !setup.complete) return replyHtml(ctx, `${setup.view.text}\n\n${helpText(ctx)}`, setup.view.keyboard ?? undefined);
  await replyHtml(ctx, helpText(ctx));
}
