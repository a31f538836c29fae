import { Composer } from "telegraf";
import type { BotContext } from "../bot/context.ts";
import { COMMANDS, type CommandName } from "../bot/commands.ts";
import { replyHtml } from "../bot/reply.ts";
import { admits, roleComposer, type ButtonContext, type CommandContext } from "../bot/roles.ts";
import { stepRouter } from "../bot/steps.ts";
import { ROLES, type Role } from "../core/roles.ts";
import { parseCallback, type Callback, type CallbackKind, type CallbackOf } from "../views/callbacks.ts";
import { BUTTONS, type ButtonSpec } from "./buttons.ts";
import { COMMAND_HANDLERS } from "./commands.ts";
import { peopleFileSent } from "./setup.ts";
import { cardReply } from "./evidence.ts";
import { STEPS } from "./steps.ts";

// Every update from a chat, once past the gates of bot/middleware.ts, goes through:
//   1. the commands answered beside a question the chat waits on: /start (strangers too), /help, /lang;
//   2. the step router (bot/steps.ts): a message answering that question goes to the feature that
//      asked it (handlers/steps.ts); any other command ends the question and goes on;
//   3. one composer per role — the executor's (every linked person), the curator's, the deputy
//      head's, the coordinator's — holding that role's commands (bot/commands.ts → handlers/commands.ts)
//      and buttons (handlers/buttons.ts); inside it `ctx.person` is the linked person;
//   4. the refusals: a command or a button of a role the person does not hold;
//   5. (bot/create-bot.ts) the fallback answer for whatever is left.

/** Any command's handler, called behind a role gate. */
function handlerOf(name: CommandName): (ctx: CommandContext) => Promise<unknown> {
  return COMMAND_HANDLERS[name];
}

const pressed = new WeakMap<BotContext, Callback | null>();

/** The payload of the pressed button, parsed once per update (null: no button of ours). */
function buttonOf(ctx: BotContext): Callback | null {
  let data = pressed.get(ctx);
  if (data === undefined) {
    const query = ctx.callbackQuery;
    data = query && "data" in query ? parseCallback(query.data) : null;
    pressed.set(ctx, data);
  }
  return data;
}

function buttonSpec<K extends CallbackKind>(kind: K): ButtonSpec<K> {
  return BUTTONS[kind];
}

/** The button's own handler, for a person whose roles may press it; null: not for this role. */
function pressFor<K extends CallbackKind>(role: Role, kind: K, data: CallbackOf<K>): ((ctx: ButtonContext) => Promise<unknown>) | null {
  const spec = buttonSpec(kind);
  return spec.roles.includes(role) ? (ctx) => spec.press(ctx, data) : null;
}

/** /start, /help, /lang: before the step router, so a question the chat waits on stays asked. */
function besideQuestion(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  for (const spec of COMMANDS) {
    if (!("keepsStep" in spec)) continue;
    if (spec.roles === null) {
      c.command(spec.command, COMMAND_HANDLERS[spec.command]);
      continue;
    }
    const { roles } = spec;
    const handler = handlerOf(spec.command);
    c.command(spec.command, (ctx, next) => (admits(roles, ctx) ? handler(ctx) : next()));
  }
  return c;
}

/** One role's commands and buttons, behind one check of the role. */
function roleFeature(role: Role) {
  return roleComposer(role, (c) => {
    for (const spec of COMMANDS) {
      if ("keepsStep" in spec || !spec.roles.includes(role)) continue;
      c.command(spec.command, handlerOf(spec.command));
    }
    c.on("callback_query", (ctx, next) => {
      const data = buttonOf(ctx);
      const press = data ? pressFor(role, data.kind, data) : null;
      return press ? press(ctx) : next();
    });
    // evidence sent as a reply to a card or a reminder
    if (role === "executor") c.on("message", cardReply);
    // a filled people list sent without /import (the setup checklist offers its template)
    if (role === "coordinator") c.on("message", peopleFileSent);
  });
}

/** A command or a button of a role the person does not hold: the polite refusal. */
function refusals(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  for (const spec of COMMANDS) {
    if (!("refusal" in spec)) continue;
    const { refusal } = spec;
    c.command(spec.command, (ctx) => replyHtml(ctx, ctx.tr.t(refusal)));
  }
  c.on("callback_query", (ctx, next) => {
    const data = buttonOf(ctx);
    const refused = data ? buttonSpec(data.kind).refused : undefined;
    return refused ? refused(ctx) : next();
  });
  return c;
}

/** Every feature of the chat, in the order above. */
export function features(): Composer<BotContext> {
  return new Composer<BotContext>(besideQuestion(), stepRouter(STEPS), ...ROLES.map(roleFeature), refusals());
}
