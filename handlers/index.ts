import type { Composer } from "telegraf";
import type { BotContext } from "../bot/context.ts";
import { startFeature } from "./start.ts";
import { helpFeature } from "./help.ts";
import { langFeature } from "./lang.ts";
import { evidenceFeature } from "./evidence.ts";
import { executorFeature } from "./executor.ts";
import { exportFeature } from "./export.ts";

/**
 * Every feature composer, in the order updates reach them. Each feature file exports one
 * `<name>Feature(): Composer<BotContext>`; add yours here. The evidence feature comes before the
 * others: while a chat waits for a file, link, date or reason, it takes the next message.
 */
export const features: Array<() => Composer<BotContext>> = [startFeature, helpFeature, langFeature, evidenceFeature, executorFeature, exportFeature];
