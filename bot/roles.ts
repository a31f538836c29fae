import { Composer, type MiddlewareFn, type NarrowedContext, type Types } from "telegraf";
import type { Update } from "telegraf/types";
import { hasAnyRole, type Me, type Role } from "../core/roles.ts";
import type { BotContext } from "./context.ts";

// The role gates. A role's composer sees only updates from a person who holds the role (the
// executor's: every linked person), so inside it `ctx.person` is non-null by type; everyone else
// passes by untouched (the refusals come after every role: handlers/index.ts).

/** The context behind a role gate: the sender is a linked person. */
export type PersonContext = BotContext & { person: Me };

/** A command's context: its text, `payload` (the text after the command) and the linked person. */
export type CommandContext<C extends BotContext = PersonContext> = NarrowedContext<C, Types.MountMap["text"]> & Types.CommandContextExtn;
/** A button press from a linked person. */
export type ButtonContext = NarrowedContext<PersonContext, Update.CallbackQueryUpdate>;
/** Any message from a linked person. */
export type MessageContext = NarrowedContext<PersonContext, Types.MountMap["message"]>;

/** Who may run a command or press a button: anyone holding one of these roles ("executor": every linked person). */
export type Roles = readonly Role[];
export const EVERY_LINKED: Roles = ["executor"];
/** /school, /overdue, /verify, /digest, /export: whoever looks after schools or roadmaps. */
export const REVIEWERS: Roles = ["curator", "deputy", "coordinator"];
/** /roadmap: whoever sees roadmaps whole. */
export const CONTROLLERS: Roles = ["deputy", "coordinator"];
export const COORDINATORS: Roles = ["coordinator"];

/** Is the sender a linked person holding one of the roles? Narrows the context when so. */
export function admits<C extends BotContext>(roles: Roles, ctx: C): ctx is C & { person: Me } {
  return hasAnyRole(ctx.person, roles);
}

/** A composer for one role, behind one check: the person holds the role, or the update passes by. */
export function roleComposer(role: Role, build: (c: Composer<PersonContext>) => void): MiddlewareFn<BotContext> {
  const inner = new Composer<PersonContext>();
  build(inner);
  const run = inner.middleware();
  return (ctx, next) => (admits([role], ctx) ? run(ctx, next) : next());
}
