import { Composer, type MiddlewareFn } from "telegraf";
import type { BotContext } from "./context.ts";
import { admits, type MessageContext, type Roles } from "./roles.ts";
import { clearStep, getStep, isStepKind, setStep, type ChatStep, type StepKind } from "./state.ts";

// The step router: while the chat waits on a question (a file, a link, a date, a comment), the
// next message goes to the feature that asked it. The step is read once per update and kept on
// the context (handlers begin and end steps through beginStep/endStep, which keep it in step with
// ChatState); a command leaves the question unanswered and goes on to do what it says (except the
// few commands answered beside a question, registered before this router).

/** The chat's step, read at most once per update (ctx.step afterwards). */
export async function currentStep(ctx: BotContext): Promise<ChatStep | null> {
  if (ctx.step === undefined) ctx.step = ctx.chat ? await getStep(ctx.deps.db, String(ctx.chat.id), ctx.deps.logger) : null;
  return ctx.step;
}

/** The chat now waits on this question (it replaces any other). */
export async function beginStep(ctx: BotContext, step: ChatStep & { kind: StepKind }): Promise<void> {
  if (!ctx.chat) throw new Error(`step ${step.kind} outside a chat`);
  await setStep(ctx.deps.db, String(ctx.chat.id), step);
  ctx.step = step;
}

/** The chat's step is over (answered, cancelled, stale): gone from the database and from this update. */
export async function endStep(ctx: BotContext): Promise<void> {
  if (ctx.chat) await clearStep(ctx.deps.db, String(ctx.chat.id));
  ctx.step = null;
}

export interface StepOwner {
  /** who answers it: a person without these roles passes by (their message is not an answer) */
  roles: Roles;
  /** the message answers the step; `next` passes a message the owner does not take */
  answer(ctx: MessageContext, step: ChatStep, next: () => Promise<void>): Promise<unknown>;
}

export function stepRouter(owners: Record<StepKind, StepOwner>): MiddlewareFn<BotContext> {
  return Composer.on<BotContext, "message">("message", async (ctx, next) => {
    const step = await currentStep(ctx);
    const owner = step && isStepKind(step.kind) ? owners[step.kind] : null;
    if (!step || !owner || !admits(owner.roles, ctx)) return next();
    const text = "text" in ctx.message ? ctx.message.text : null;
    if (text?.startsWith("/")) {
      await endStep(ctx);
      return next();
    }
    return owner.answer(ctx, step, next);
  });
}
