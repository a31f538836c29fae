import type { BotContext } from "../bot/context.ts";
import type { CommandName, COMMANDS } from "../bot/commands.ts";
import type { CommandContext, PersonContext } from "../bot/roles.ts";
import { awayCommand } from "./absence.ts";
import { assignCommand, importCommand, inviteCommand, peopleCommand, unassignedCommand } from "./coordinator.ts";
import { editCommand } from "./correction.ts";
import { overdueCommand, schoolCommand } from "./curator.ts";
import { digestCommand, roadmapCommand, roadmapsCommand } from "./deputy.ts";
import { keyCommand, myCommand } from "./executor.ts";
import { exportCommand } from "./export.ts";
import { helpCommand } from "./help.ts";
import { langCommand } from "./lang.ts";
import { startCommand } from "./start.ts";
import { verifyCommand } from "./verify.ts";

// The handler of every command of the list (bot/commands.ts: who may run it, menus, refusals).
// Keyed by the list's names: a command without a handler, or a handler without a command, does
// not type-check. Behind its role gate a handler gets the linked person (`ctx.person`, non-null).

type Spec<K extends CommandName> = Extract<(typeof COMMANDS)[number], { command: K }>;
/** /start runs for strangers too (an invite); every other command behind a role gate. */
type ContextOf<K extends CommandName> = Spec<K>["roles"] extends null ? CommandContext<BotContext> : CommandContext<PersonContext>;

type CommandHandler<K extends CommandName> = (ctx: ContextOf<K>) => Promise<unknown>;

export const COMMAND_HANDLERS: { [K in CommandName]: CommandHandler<K> } = {
  start: startCommand,
  my: myCommand,
  item: keyCommand("item"),
  done: keyCommand("done"),
  progress: keyCommand("progress"),
  evidence: keyCommand("evidence"),
  help: helpCommand,
  lang: langCommand,
  school: schoolCommand,
  roadmap: roadmapCommand,
  import: importCommand,
  edit: editCommand,
  people: peopleCommand,
  invite: inviteCommand,
  assign: assignCommand,
  unassigned: unassignedCommand,
  roadmaps: roadmapsCommand,
  verify: verifyCommand,
  overdue: overdueCommand,
  digest: digestCommand,
  export: exportCommand,
  away: awayCommand,
};
