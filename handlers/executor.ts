import { Composer } from "telegraf";
import type { BotContext } from "../bot/context.ts";

export function executorFeature(): Composer<BotContext> {
  return new Composer<BotContext>();
}
