import type { Composer } from "telegraf";
import type { BotContext } from "../bot/context.ts";
import { startFeature } from "./start.ts";
import { helpFeature } from "./help.ts";
import { langFeature } from "./lang.ts";
import { evidenceFeature } from "./evidence.ts";
import { executorFeature } from "./executor.ts";
import { verifyFeature } from "./verify.ts";
import { coordinatorFeature } from "./coordinator.ts";
import { correctionFeature } from "./correction.ts";
import { curatorFeature } from "./curator.ts";
import { deputyFeature } from "./deputy.ts";
import { exportFeature } from "./export.ts";

/**
 * Every feature composer, in the order updates reach them. Each feature file exports one
 * `<name>Feature(): Composer<BotContext>`; add yours here. The evidence feature comes before the
 * others: while a chat waits for a file, link, date or reason, it takes the next message.
 */
// verify and coordinator take a message only while the chat waits for *their* step (a comment, a
// reason, an import file), so they sit before evidence, which takes the executor's steps.
export const features: Array<() => Composer<BotContext>> = [
  startFeature,
  helpFeature,
  langFeature,
  verifyFeature,
  coordinatorFeature,
  correctionFeature,
  evidenceFeature,
  executorFeature,
  curatorFeature,
  deputyFeature,
  exportFeature,
];
