import type { Telegram } from "telegraf";
import type { BotCommand } from "telegraf/types";
import type { Db } from "../services/db.ts";
import type { Logger } from "../services/logger.ts";
import { LANGUAGES, toLang, translator, type Lang } from "../services/i18n.ts";
import type { Role } from "../core/roles.ts";

// Command menus per language and role. Everyone gets the executor's menu (all private chats, per
// language); people with more roles get theirs in their own chat. A failure is logged, not fatal.

export const ROLE_COMMANDS: Record<Role, string[]> = {
  executor: ["my", "item", "done", "progress", "evidence", "help", "lang"],
  curator: ["school", "verify", "overdue", "export"],
  deputy: ["roadmap", "verify", "overdue", "digest", "export"],
  coordinator: ["import", "edit", "people", "invite", "assign", "unassigned", "verify", "export"],
};

export function commandsFor(roles: Iterable<string>, lang: Lang): BotCommand[] {
  const tr = translator(lang);
  const names: string[] = [];
  const all = new Set<string>(["executor", ...roles]);
  for (const role of ["executor", "curator", "deputy", "coordinator"] as Role[]) {
    if (!all.has(role)) continue;
    for (const c of ROLE_COMMANDS[role]) if (!names.includes(c)) names.push(c);
  }
  return names.map((command) => ({ command, description: tr.t(`cmd-${command}`) }));
}

export async function setDefaultCommands(telegram: Telegram, logger: Logger): Promise<void> {
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
  const people = await db.person.findMany({
    where: { removedAt: null, chatId: { not: null }, roles: { some: { role: { in: ["curator", "deputy", "coordinator"] } } } },
    select: { chatId: true, language: true, roles: { select: { role: true } } },
  });
  for (const p of people) await setChatCommands(telegram, logger, p.chatId!, p.roles.map((r) => r.role), p.language);
}
