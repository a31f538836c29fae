import type { Context } from "telegraf";
import type { Me } from "../core/roles.ts";
import type { Translator } from "../services/i18n.ts";
import type { BotDeps } from "./deps.ts";
import type { ChatStep } from "./state.ts";

export interface BotContext extends Context {
  tr: Translator;
  /**
   * The linked person with roles, or null for a stranger. (Named `person`, not `me`: telegraf's
   * Context already has a `me` getter — the bot's own username.)
   */
  person: Me | null;
  deps: BotDeps;
  /** The chat's step, once read in this update (bot/state.ts currentStep); undefined: not read yet. */
  step?: ChatStep | null;
}

/** The chat id of a private conversation as we store it (Telegram ids exceed 2^31: decimal strings). */
export function chatIdOf(ctx: Context): string | null {
  return ctx.chat ? String(ctx.chat.id) : null;
}
