import { Composer } from "telegraf";
import type { BotContext } from "../bot/context.ts";

export function evidenceFeature(): Composer<BotContext> {
  return new Composer<BotContext>();
}
