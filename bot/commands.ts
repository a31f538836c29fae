import type { Telegram } from "telegraf";
import type { BotCommand } from "telegraf/types";
import type { Db } from "../services/db.ts";
import type { Logger } from "../services/logger.ts";
import { peopleWithMenus } from "../services/people.ts";
import { LANGUAGES, toLang, translator, type Lang } from "../services/i18n.ts";
import { ROLES, type Role } from "../core/roles.ts";
import { COORDINATORS, CONTROLLERS, EVERY_LINKED, REVIEWERS, type Roles } from "./roles.ts";

// Every chat command, in one list: who may run it, whose menu (setMyCommands) lists it — and so
// whose help block (locales: help-<role>) names it —, its menu description, and what a person
// without the role is told. The handlers are attached by name (handlers/commands.ts); the tie is
// checked by test/commands.test.ts. Menus list the commands of each of a person's roles in this
// order, the executor's first: everyone gets the executor's menu (all private chats, per
// language); people with more roles get theirs in their own chat. A failure is logged, not fatal.

export interface CommandSpec {
  /** without the slash */
  command: string;
  /** who may run it; null: anyone, a stranger too (only /start, which redeems an invite) */
  roles: Roles | null;
  /** the roles whose menu and help list it */
  menus: readonly Role[];
  /** not in any menu on purpose */
  hidden?: true;
  /** the menu description (message id) */
  description: string;
  /** what a linked person without the role is told (message id) */
  refusal?: string;
  /** answered beside a question the chat waits on, which stays asked (bot/steps.ts) */
  keepsStep?: true;
}

export const COMMANDS = [
  { command: "start", roles: null, menus: [], hidden: true, description: "cmd-start", keepsStep: true },
  { command: "my", roles: EVERY_LINKED, menus: ["executor"], description: "cmd-my" },
  { command: "item", roles: EVERY_LINKED, menus: ["executor"], description: "cmd-item" },
  { command: "done", roles: EVERY_LINKED, menus: ["executor"], description: "cmd-done" },
  { command: "progress", roles: EVERY_LINKED, menus: ["executor"], description: "cmd-progress" },
  { command: "evidence", roles: EVERY_LINKED, menus: ["executor"], description: "cmd-evidence" },
  { command: "help", roles: EVERY_LINKED, menus: ["executor"], description: "cmd-help", keepsStep: true },
  { command: "lang", roles: EVERY_LINKED, menus: ["executor"], description: "cmd-lang", keepsStep: true },
  // «Я в отпуске» (beyond the contract's list, so in no menu: the button under /start, or /away; a coordinator: /away <ФИО>)
  { command: "away", roles: EVERY_LINKED, menus: [], hidden: true, description: "cmd-away" },
  { command: "school", roles: REVIEWERS, menus: ["curator"], description: "cmd-school", refusal: "curator-not-allowed" },
  { command: "roadmap", roles: CONTROLLERS, menus: ["deputy"], description: "cmd-roadmap", refusal: "deputy-not-allowed" },
  { command: "import", roles: COORDINATORS, menus: ["coordinator"], description: "cmd-import", refusal: "coordinator-not-allowed" },
  { command: "edit", roles: COORDINATORS, menus: ["coordinator"], description: "cmd-edit", refusal: "edit-not-allowed" },
  { command: "people", roles: COORDINATORS, menus: ["coordinator"], description: "cmd-people", refusal: "coordinator-not-allowed" },
  { command: "invite", roles: COORDINATORS, menus: ["coordinator"], description: "cmd-invite", refusal: "coordinator-not-allowed" },
  { command: "assign", roles: COORDINATORS, menus: ["coordinator"], description: "cmd-assign", refusal: "coordinator-not-allowed" },
  { command: "roadmaps", roles: COORDINATORS, menus: ["coordinator"], description: "cmd-roadmaps", refusal: "coordinator-not-allowed" },
  { command: "unassigned", roles: COORDINATORS, menus: ["coordinator"], description: "cmd-unassigned", refusal: "coordinator-not-allowed" },
  { command: "verify", roles: REVIEWERS, menus: ["curator", "deputy", "coordinator"], description: "cmd-verify", refusal: "verify-not-allowed" },
  { command: "overdue", roles: REVIEWERS, menus: ["curator", "deputy"], description: "cmd-overdue", refusal: "curator-not-allowed" },
  { command: "digest", roles: REVIEWERS, menus: ["deputy"], description: "cmd-digest", refusal: "deputy-not-allowed" },
  { command: "export", roles: REVIEWERS, menus: ["curator", "deputy", "coordinator"], description: "cmd-export", refusal: "export-no-rights" },
] as const satisfies readonly CommandSpec[];

type Command = (typeof COMMANDS)[number];
export type CommandName = Command["command"];

/** The commands of one role's menu, in menu order. */
export function menuOf(role: Role): Command[] {
  return COMMANDS.filter((c: Command) => (c.menus as readonly Role[]).includes(role));
}

export function commandsFor(roles: Iterable<string>, lang: Lang): BotCommand[] {
  const tr = translator(lang);
  const shown: Command[] = [];
  const all = new Set<string>(["executor", ...roles]);
  for (const role of ROLES) {
    if (!all.has(role)) continue;
    for (const c of menuOf(role)) if (!shown.includes(c)) shown.push(c);
  }
  return shown.map((c) => ({ command: c.command, description: tr.t(c.description) }));
}

async function setDefaultCommands(telegram: Telegram, logger: Logger): Promise<void> {
  for (const lang of LANGUAGES) {
    try {
      await telegram.setMyCommands(commandsFor([], lang), { scope: { type: "all_private_chats" }, language_code: lang });
    } catch (err) {
      logger.warn({ err, lang }, "setMyCommands failed (menus stay as they were)");
    }
  }
  try {
    await telegram.setMyCommands(commandsFor([], "ru"), { scope: { type: "all_private_chats" } });
  } catch (err) {
    logger.warn({ err }, "setMyCommands failed (menus stay as they were)");
  }
}

/** The menu of one person's chat, for their roles and language. */
export async function setChatCommands(telegram: Telegram, logger: Logger, chatId: string, roles: string[], language: string | null): Promise<void> {
  if (!roles.some((r) => r !== "executor")) return;
  try {
    await telegram.setMyCommands(commandsFor(roles, toLang(language)), { scope: { type: "chat", chat_id: Number(chatId) } });
  } catch (err) {
    logger.warn({ err, chatId }, "setMyCommands for a chat failed");
  }
}

/** At start-up: the default menus, then each linked person with a role beyond executor. */
export async function setAllCommands(telegram: Telegram, db: Db, logger: Logger): Promise<void> {
  await setDefaultCommands(telegram, logger);
  for (const p of await peopleWithMenus(db)) await setChatCommands(telegram, logger, p.chatId!, p.roles.map((r) => r.role), p.language);
}
