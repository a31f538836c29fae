import fs from "node:fs/promises";
import path from "node:path";
import type { BotContext } from "../bot/context.ts";
import type { ButtonContext, CommandContext, MessageContext } from "../bot/roles.ts";
import type { ChatStep } from "../bot/state.ts";
import type { CallbackOf } from "../views/callbacks.ts";
import { beginStep, endStep } from "../bot/steps.ts";
import { replyHtml } from "../bot/reply.ts";
import { escapeHtml, formatDate } from "../services/format.ts";
import { logFailure } from "../services/logger.ts";
import { onBehalfLine } from "../services/cover.ts";
import { acceptSubmission, checkReview, entryText, loadReviewRouting, returnSubmission, type ReviewEvidence } from "../services/verification.ts";
import { postponeKeyboard, reviewKeyboard } from "../views/review.ts";
import { approvePostponement, checkPostponeDecision, pageForVerify, refusePostponement } from "../services/postpone.ts";

// /verify and the decision buttons: «Принять» / «Вернуть на доработку» on evidence,
// «Одобрить» / «Отклонить» on postponement requests. A return and a refusal need a text
// (the comment, the reason): the chat waits for it in ChatState, surviving a restart.

/** Cards shown by one /verify; the rest come after these are decided. */
const VERIFY_PAGE = 10;
const MAX_COMMENT = 2000;

const STEP_RETURN = "verify-return";
const STEP_REFUSE = "postpone-refuse";

/** Removes the buttons from the message a decision was made on (an old card cannot be pressed twice). */
async function dropButtons(ctx: BotContext): Promise<void> {
  await ctx.editMessageReplyMarkup(undefined).catch(logFailure(ctx.deps.logger, "taking the buttons off a decided card"));
}

/**
 * The file itself, so the reviewer can open it here: Telegram's cached file id first, else the
 * copy in storage (the file id is only a cache; storage is what counts).
 */
async function sendEvidenceFile(ctx: BotContext, ev: ReviewEvidence): Promise<void> {
  if (ev.kind === "link") return;
  const asPhoto = ev.kind === "photo";
  if (ev.telegramFileId) {
    try {
      await (asPhoto ? ctx.replyWithPhoto(ev.telegramFileId) : ctx.replyWithDocument(ev.telegramFileId));
      return;
    } catch (err) {
      ctx.deps.logger.warn({ err, evidenceId: ev.id }, "cached file id refused; sending the stored copy");
    }
  }
  if (!ev.storagePath) return;
  const file = path.resolve(ctx.deps.config.dataDir, ev.storagePath);
  try {
    const source = await fs.readFile(file);
    const input = { source, filename: ev.fileName ?? path.basename(file) };
    await (asPhoto ? ctx.replyWithPhoto(input) : ctx.replyWithDocument(input));
  } catch (err) {
    ctx.deps.logger.warn({ err, evidenceId: ev.id, file }, "could not send the stored evidence file");
  }
}

/** The moment whose absences count: a stand-in decides for a curator away (services/cover.ts). */
const at = (ctx: BotContext) => ({ now: ctx.deps.clock.now(), zone: ctx.deps.config.DEFAULT_TIMEZONE });

/** The comment of a return, the reason of a refusal: the next plain text in this chat. */
export async function answerReviewStep(ctx: MessageContext, step: ChatStep, next: () => Promise<void>): Promise<unknown> {
  if (!("text" in ctx.message)) return next();
  const text = ctx.message.text;
  const comment = text.trim();
  if (!comment) return replyHtml(ctx, ctx.tr.t(step.kind === STEP_RETURN ? "verify-comment-empty" : "postpone-reason-empty"));
  if (comment.length > MAX_COMMENT) return replyHtml(ctx, ctx.tr.t("verify-comment-too-long", { max: MAX_COMMENT }));
  const now = ctx.deps.clock.now();
  if (step.kind === STEP_RETURN) {
    const res = await returnSubmission(ctx.deps.db, ctx.deps.outbox, { assignmentId: Number(step.assignmentId), reviewerId: ctx.person.id, comment, now, zone: ctx.deps.config.DEFAULT_TIMEZONE });
    await endStep(ctx);
    if (!res.ok) return replyHtml(ctx, ctx.tr.t(`verify-error-${res.error}`));
    return replyHtml(ctx, [ctx.tr.t("verify-returned", { key: escapeHtml(res.itemKey) }), ...(res.executorTold ? [] : [ctx.tr.t("verify-executor-not-told")])].join("\n"));
  }
  const res = await refusePostponement(ctx.deps.db, ctx.deps.outbox, { requestId: Number(step.requestId), deciderId: ctx.person.id, reason: comment, now, zone: ctx.deps.config.DEFAULT_TIMEZONE });
  await endStep(ctx);
  if (!res.ok) return replyHtml(ctx, ctx.tr.t(`postpone-error-${res.error}`));
  return replyHtml(ctx, ctx.tr.t("postpone-refused", { key: escapeHtml(res.itemKey) }));
}

/** /verify: the submissions and postponement requests waiting for this person's decision. */
export async function verifyCommand(ctx: CommandContext): Promise<unknown> {
  // only the first page of each list is read in full; the rest is counted (services/postpone.ts)
  const { submissions, postponements: requests } = await pageForVerify(ctx.deps.db, ctx.tr, ctx.person.id, VERIFY_PAGE, await loadReviewRouting(ctx.deps.db, at(ctx)));
  const { count, entries: shown } = submissions;
  if (count === 0 && requests.count === 0) return replyHtml(ctx, ctx.tr.t("verify-list-empty"));
  if (count > 0) {
    const header = [ctx.tr.t("verify-list-header", { count })];
    if (shown.length < count) header.push(ctx.tr.t("verify-list-more", { shown: shown.length }));
    await replyHtml(ctx, header.join("\n"));
    for (const e of shown) {
      // a stand-in sees whose work this is, as in the notice: «Вместо коллеги: …»
      const onBehalf = e.onBehalfOf ? `${onBehalfLine(ctx.tr, e.onBehalfOf)}\n` : "";
      await replyHtml(ctx, onBehalf + entryText(ctx.tr, e), reviewKeyboard(ctx.tr, e.assignmentId));
      for (const ev of e.evidence) await sendEvidenceFile(ctx, ev);
    }
  }
  // postponement requests wait for the same person: one whose message never reached them is here too
  if (requests.count > 0) {
    const shown = requests.requests;
    const header = [ctx.tr.t("verify-postpone-header", { count: requests.count })];
    if (shown.length < requests.count) header.push(ctx.tr.t("verify-list-more", { shown: shown.length }));
    await replyHtml(ctx, header.join("\n"));
    for (const r of shown) await replyHtml(ctx, r.onBehalfOf ? `${onBehalfLine(ctx.tr, r.onBehalfOf)}\n\n${r.text}` : r.text, postponeKeyboard(ctx.tr, r.requestId));
  }
}

export async function acceptPressed(ctx: ButtonContext, data: CallbackOf<"review-accept">): Promise<unknown> {
  const res = await acceptSubmission(ctx.deps.db, ctx.deps.outbox, { assignmentId: data.assignmentId, reviewerId: ctx.person.id, ...at(ctx) });
  if (!res.ok) {
    await ctx.answerCbQuery(ctx.tr.t(`verify-error-${res.error}`));
    if (res.error !== "forbidden") await dropButtons(ctx);
    return replyHtml(ctx, ctx.tr.t(`verify-error-${res.error}`));
  }
  await ctx.answerCbQuery(ctx.tr.t("verify-accepted-toast"));
  await dropButtons(ctx);
  await replyHtml(ctx, [ctx.tr.t("verify-accepted", { key: escapeHtml(res.itemKey) }), ...(res.executorTold ? [] : [ctx.tr.t("verify-executor-not-told")])].join("\n"));
}

export async function returnPressed(ctx: ButtonContext, data: CallbackOf<"review-return">): Promise<unknown> {
  const { assignmentId } = data;
  const check = await checkReview(ctx.deps.db, assignmentId, ctx.person.id, at(ctx));
  if (!check.ok) {
    await ctx.answerCbQuery(ctx.tr.t(`verify-error-${check.error}`));
    return replyHtml(ctx, ctx.tr.t(`verify-error-${check.error}`));
  }
  await beginStep(ctx, { kind: STEP_RETURN, assignmentId });
  await ctx.answerCbQuery();
  await replyHtml(ctx, ctx.tr.t("verify-ask-comment", { key: escapeHtml(check.itemKey) }));
}

export async function approvePressed(ctx: ButtonContext, data: CallbackOf<"postpone-approve">): Promise<unknown> {
  const res = await approvePostponement(ctx.deps.db, ctx.deps.outbox, { requestId: data.requestId, deciderId: ctx.person.id, ...at(ctx) });
  if (!res.ok) {
    await ctx.answerCbQuery(ctx.tr.t(`postpone-error-${res.error}`));
    if (res.error !== "forbidden") await dropButtons(ctx);
    return replyHtml(ctx, ctx.tr.t(`postpone-error-${res.error}`));
  }
  await ctx.answerCbQuery(ctx.tr.t("postpone-approved-toast"));
  await dropButtons(ctx);
  await replyHtml(ctx, ctx.tr.t("postpone-approved", { key: escapeHtml(res.itemKey), due: formatDate(ctx.tr, res.due) }));
}

export async function refusePressed(ctx: ButtonContext, data: CallbackOf<"postpone-refuse">): Promise<unknown> {
  const { requestId } = data;
  const check = await checkPostponeDecision(ctx.deps.db, requestId, ctx.person.id, at(ctx));
  if (!check.ok) {
    await ctx.answerCbQuery(ctx.tr.t(`postpone-error-${check.error}`));
    if (check.error !== "forbidden") await dropButtons(ctx);
    return replyHtml(ctx, ctx.tr.t(`postpone-error-${check.error}`));
  }
  await beginStep(ctx, { kind: STEP_REFUSE, requestId });
  await ctx.answerCbQuery();
  await replyHtml(ctx, ctx.tr.t("postpone-ask-reason", { key: escapeHtml(check.itemKey) }));
}
