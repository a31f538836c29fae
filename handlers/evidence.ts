import type { Message } from "telegraf/types";
import { replyHtml } from "../bot/reply.ts";
import type { MessageContext, PersonContext } from "../bot/roles.ts";
import type { ChatStep, StepKind } from "../bot/state.ts";
import { beginStep, currentStep, endStep } from "../bot/steps.ts";
import { assignmentsOfButtons, packCallback } from "../views/callbacks.ts";
import { isDoneReply } from "../core/replies.ts";
import { clipAtWord } from "../core/clip.ts";
import { escapeHtml, formatDate } from "../services/format.ts";
import { addEvidence, checkPostpone, ownOpenAssignments, dueOf, loadAssignment, parseUserDate, postponeExample, requestPostponement, todayFor, type NewEvidence } from "../services/assignments.ts";
import { MAX_FILE_BYTES, StorageError, storeFile } from "../services/storage.ts";
import { downloadTelegramFile } from "../bot/files.ts";
import { notifyPostponeRequest } from "../scheduler/approvals.ts";
import { COMMENT_MAX, findHttpUrl, refusalText, sendCard } from "./executor-common.ts";
import { cancelKeyboard, markDoneInChat } from "./executor.ts";

// Messages that answer a question the bot asked the executor (ChatState: evidence, postponement
// date and reason; handlers/steps.ts routes them here), and evidence sent as a reply to a card or
// a reminder. Anything else passes on.

/** The executor's questions; while one of them waits, a reply to a card still counts as evidence. */
const MY_STEPS: StepKind[] = ["evidence", "postpone-date", "postpone-reason", "pick"];

/** A message while the chat waits on one of the executor's questions. */
export async function answerExecutorStep(ctx: MessageContext, step: ChatStep, next: () => Promise<void>): Promise<void> {
  const msg = ctx.message;
  // a question left unanswered for days no longer takes the next message
  if (isStale(step, ctx.deps.clock.now())) {
    await endStep(ctx);
    return next();
  }
  if (step.kind === "evidence") return evidenceMessage(ctx, Number(step.assignmentId), msg, true);
  if (step.kind === "postpone-date") return postponeDate(ctx, step, msg);
  if (step.kind === "postpone-reason") return postponeReason(ctx, step, msg);
  // «pick» is answered by its buttons
  return next();
}

/**
 * A reply to a card or a reminder (not while the chat waits on another feature's question):
 * «готово» does what «Выполнено» does; a link or a file is that assignment's evidence. A reminder
 * about several items asks which one.
 */
export async function cardReply(ctx: MessageContext, next: () => Promise<void>): Promise<void> {
  const msg = ctx.message;
  if ("text" in msg && msg.text.startsWith("/")) return next();
  const step = await currentStep(ctx);
  if (step && !MY_STEPS.some((kind) => kind === step.kind)) return next();
  const replied = repliedAssignments(msg);
  if (replied.length === 0) return next();
  const done = "text" in msg && isDoneReply(msg.text);
  if (replied.length > 1) {
    const own = await ownOpenAssignments(ctx.deps.db, ctx.person.id, replied);
    if (own.length === 0) return void (await replyHtml(ctx, ctx.tr.t("exec-button-not-yours")));
    if (own.length > 1) return askWhichItem(ctx, own, done);
    return done ? doneByReply(ctx, own[0]!.id) : evidenceMessage(ctx, own[0]!.id, msg, false);
  }
  return done ? doneByReply(ctx, replied[0]!) : evidenceMessage(ctx, replied[0]!, msg, false);
}

/** «готово» in reply: «Выполнено» of that assignment, said in words. */
async function doneByReply(ctx: PersonContext, assignmentId: number): Promise<void> {
  const a = await loadAssignment(ctx.deps.db, assignmentId);
  if (!a || a.item.removedAt || a.item.roadmap.status === "archived") return void (await replyHtml(ctx, ctx.tr.t("bot-button-outdated")));
  if (a.personId !== ctx.person.id) return void (await replyHtml(ctx, ctx.tr.t("exec-button-not-yours")));
  await markDoneInChat(ctx, a);
}

/** A reply to a message about several items: which one (its card opens, with its buttons). */
async function askWhichItem(ctx: PersonContext, list: Array<{ id: number; key: string; title: string }>, done: boolean): Promise<void> {
  const rows = list.map((a) => [{ text: `${a.key} · ${clipAtWord(a.title, 40)}`, callback_data: packCallback({ kind: "my-open", assignmentId: a.id }) }]);
  await replyHtml(ctx, ctx.tr.t(done ? "exec-reply-which-done" : "exec-reply-which"), { inline_keyboard: rows });
}

const STEP_TTL_MS = 2 * 24 * 3600 * 1000;

function isStale(step: ChatStep, now: Date): boolean {
  const at = typeof step.at === "string" ? Date.parse(step.at) : NaN;
  return Number.isFinite(at) && now.getTime() - at > STEP_TTL_MS;
}

/** The assignments of the card or reminder this message replies to (its buttons carry the ids). */
function repliedAssignments(msg: Message): number[] {
  const reply = "reply_to_message" in msg ? msg.reply_to_message : undefined;
  if (!reply || !reply.from?.is_bot) return [];
  const markup = "reply_markup" in reply ? reply.reply_markup : undefined;
  return assignmentsOfButtons((markup?.inline_keyboard.flat() ?? []).flatMap((b) => ("callback_data" in b ? [b.callback_data] : [])));
}

async function evidenceMessage(ctx: PersonContext, assignmentId: number, msg: Message, asked: boolean): Promise<void> {
  const { db, clock } = ctx.deps;
  const a = await loadAssignment(db, assignmentId);
  if (!a || a.personId !== ctx.person.id) {
    if (asked) await endStep(ctx);
    await replyHtml(ctx, ctx.tr.t(a ? "exec-button-not-yours" : "bot-button-outdated"));
    return;
  }
  let evidence: NewEvidence;
  if ("document" in msg || "photo" in msg) {
    const file = "document" in msg ? msg.document : msg.photo[msg.photo.length - 1]!;
    const fileName = "document" in msg ? (msg.document.file_name ?? "document") : `photo-${clock.now().toISOString().slice(0, 10)}.jpg`;
    if ((file.file_size ?? 0) > MAX_FILE_BYTES) {
      await replyHtml(ctx, ctx.tr.t("exec-file-too-big", { max: 20 }));
      return;
    }
    try {
      const data = await downloadTelegramFile(ctx.telegram, file.file_id);
      const stored = await storeFile(ctx.deps.storageDir, ctx.deps.config.dataDir, { assignmentId, fileName, data, at: clock.now() });
      evidence = {
        kind: "document" in msg ? "file" : "photo",
        fileName,
        storagePath: stored.storagePath,
        mimeType: "document" in msg ? (msg.document.mime_type ?? null) : "image/jpeg",
        size: stored.size,
        telegramFileId: file.file_id,
      };
    } catch (err) {
      if (!(err instanceof StorageError)) throw err;
      await replyHtml(ctx, ctx.tr.t(`exec-file-${err.reason}`, { max: 20 }));
      return;
    }
  } else if ("text" in msg) {
    if (msg.text.length > 4096) {
      await replyHtml(ctx, ctx.tr.t("bot-message-too-long", { max: 4096 }));
      return;
    }
    const url = findHttpUrl(msg.text);
    if (!url) {
      await replyHtml(ctx, ctx.tr.t("exec-evidence-not-a-link"), asked ? cancelKeyboard(ctx) : undefined);
      return;
    }
    evidence = { kind: "link", url };
  } else {
    await replyHtml(ctx, ctx.tr.t("exec-evidence-unsupported"), asked ? cancelKeyboard(ctx) : undefined);
    return;
  }
  const outcome = await addEvidence(db, { assignmentId, personId: ctx.person.id, at: clock.now(), evidence });
  if (asked) await endStep(ctx);
  if (!outcome.ok) {
    await replyHtml(ctx, refusalText(ctx, outcome));
    return;
  }
  const what = evidence.kind === "link" ? ctx.tr.t("exec-evidence-what-link") : ctx.tr.t("exec-evidence-what-file", { name: escapeHtml(evidence.fileName ?? "") });
  const hint = outcome.assignment.status === "submitted" ? "exec-evidence-saved-on-review" : "exec-evidence-saved";
  await sendCard(ctx, outcome.assignment, ctx.tr.t(hint, { key: escapeHtml(a.item.key), what }));
}

async function postponeDate(ctx: PersonContext, step: ChatStep, msg: Message): Promise<void> {
  const { db, clock } = ctx.deps;
  const check = await checkPostpone(db, Number(step.assignmentId), ctx.person.id);
  if (!check.ok) {
    await endStep(ctx);
    await replyHtml(ctx, refusalText(ctx, check));
    return;
  }
  const a = check.a;
  const today = todayFor(a, clock.now());
  const text = "text" in msg ? msg.text : "";
  const date = text.length <= 40 ? parseUserDate(text, today) : null;
  if (!date) {
    await replyHtml(ctx, ctx.tr.t("exec-postpone-bad-date", { example: postponeExample(a, clock.now()) }), cancelKeyboard(ctx));
    return;
  }
  const due = dueOf(a);
  const floor = due && due > today ? due : today;
  if (date <= floor) {
    await replyHtml(ctx, ctx.tr.t("exec-postpone-date-too-early", { date: formatDate(ctx.tr, floor) }), cancelKeyboard(ctx));
    return;
  }
  await beginStep(ctx, { kind: "postpone-reason", assignmentId: a.id, date, at: clock.now().toISOString() });
  await replyHtml(ctx, ctx.tr.t("exec-postpone-ask-reason", { date: formatDate(ctx.tr, date) }), cancelKeyboard(ctx));
}

async function postponeReason(ctx: PersonContext, step: ChatStep, msg: Message): Promise<void> {
  const { db, clock, outbox, logger } = ctx.deps;
  const reason = "text" in msg ? msg.text.trim() : "";
  if (!reason) {
    await replyHtml(ctx, ctx.tr.t("exec-postpone-ask-reason-text"), cancelKeyboard(ctx));
    return;
  }
  if (reason.length > COMMENT_MAX) {
    await replyHtml(ctx, ctx.tr.t("bot-message-too-long", { max: COMMENT_MAX }), cancelKeyboard(ctx));
    return;
  }
  const now = clock.now();
  const date = String(step.date);
  const outcome = await requestPostponement(db, { assignmentId: Number(step.assignmentId), personId: ctx.person.id, requestedDue: date, reason, at: now });
  await endStep(ctx);
  if (!outcome.ok) {
    await replyHtml(ctx, refusalText(ctx, outcome));
    return;
  }
  let told = 0;
  try {
    told = await notifyPostponeRequest(db, outbox, outcome.requestId, now);
  } catch (err) {
    // the request is stored; the scheduler raises it again if nobody was told
    logger.error({ err, requestId: outcome.requestId }, "postponement request not delivered");
  }
  await replyHtml(ctx, ctx.tr.t(told > 0 ? "exec-postpone-requested" : "exec-postpone-requested-nobody", { date: formatDate(ctx.tr, date) }));
}
