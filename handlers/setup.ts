import type { BotContext } from "../bot/context.ts";
import { chatIdOf } from "../bot/context.ts";
import { downloadTelegramFile } from "../bot/files.ts";
import { replyHtml } from "../bot/reply.ts";
import type { ButtonContext, MessageContext } from "../bot/roles.ts";
import { hasRole } from "../core/roles.ts";
import { escapeHtml } from "../services/format.ts";
import { isPeopleCsv, peopleCsvTemplate } from "../services/people-csv.ts";
import { personById } from "../services/people.ts";
import { pendingById } from "../services/pending-imports.ts";
import { logBadRow, readPendingImport, StoredJsonError } from "../services/stored-json.ts";
import { setupState } from "../services/setup.ts";
import { StorageError } from "../services/storage.ts";
import type { CallbackOf } from "../views/callbacks.ts";
import { setupChecklist, setupSummary, type SetupView } from "../views/setup.ts";
import { importPeopleFile, replyInvite, sendPreview } from "./coordinator.ts";

// The coordinator's first ten minutes: /start and /help open with the next step of setting up
// (services/setup.ts reads how far it has got, views/setup.ts draws the checklist), its buttons
// («Шаблон списка людей», «Пригласить: …»), and a filled people list sent to the chat at any time.

/** A people list is small: a district's directory is a few hundred rows. */
const PEOPLE_FILE_MAX_BYTES = 2 * 1024 * 1024;

export type SetupOutlook = { complete: false; view: SetupView } | { complete: true; line: string };

/** Where a coordinator stands with the setup; null for anyone else. */
export async function setupOutlook(ctx: BotContext): Promise<SetupOutlook | null> {
  if (!ctx.person || !hasRole(ctx.person, "coordinator")) return null;
  const state = await setupState(ctx.deps.db, chatIdOf(ctx) ?? "", ctx.deps.clock.now());
  const view = setupChecklist(ctx.tr, state);
  return view ? { complete: false, view } : { complete: true, line: setupSummary(ctx.tr, state) };
}

/** «Шаблон списка людей»: the CSV with the contract's header, as a file. */
export async function setupTemplatePressed(ctx: ButtonContext): Promise<void> {
  await ctx.answerCbQuery();
  await ctx.replyWithDocument(
    { source: peopleCsvTemplate(), filename: ctx.tr.t("setup-template-file") },
    { caption: ctx.tr.t("setup-template-caption"), parse_mode: "HTML" },
  );
}

/** «Показать предпросмотр»: the preview still waiting in this chat, again with «Сохранить» / «Отмена». */
export async function setupPreviewPressed(ctx: ButtonContext, data: CallbackOf<"setup-preview">): Promise<void> {
  const row = await pendingById(ctx.deps.db, data.pendingId);
  if (!row || row.chatId !== chatIdOf(ctx) || row.state !== "preview") {
    await ctx.answerCbQuery(ctx.tr.t("coordinator-import-outdated"));
    return replyHtml(ctx, ctx.tr.t("coordinator-import-outdated"));
  }
  let result;
  try {
    result = readPendingImport(row);
  } catch (e) {
    if (!(e instanceof StoredJsonError)) throw e;
    logBadRow(ctx.deps.logger, e);
    await ctx.answerCbQuery(ctx.tr.t("coordinator-import-outdated"));
    return replyHtml(ctx, ctx.tr.t("coordinator-import-outdated"));
  }
  await ctx.answerCbQuery();
  await sendPreview(ctx, result, row.id);
}

/** «Пригласить: …»: a new invite link for that person, as /invite gives it. */
export async function setupInvitePressed(ctx: ButtonContext, data: CallbackOf<"setup-invite">): Promise<void> {
  await ctx.answerCbQuery();
  const person = await personById(ctx.deps.db, data.personId);
  if (!person || person.removedAt) return replyHtml(ctx, ctx.tr.t("setup-invite-gone"));
  if (person.telegramId) return replyHtml(ctx, ctx.tr.t("setup-invite-joined", { name: escapeHtml(person.fullName) }));
  await replyInvite(ctx, person);
}

/** Does the document look like a text table (by name or type)? Others are not even downloaded. */
function maybeCsv(doc: { file_name?: string; mime_type?: string; file_size?: number }): boolean {
  if ((doc.file_size ?? 0) > PEOPLE_FILE_MAX_BYTES) return false;
  return /\.(csv|txt)$/i.test(doc.file_name ?? "") || /^text\/(csv|plain|comma-separated-values)$/i.test(doc.mime_type ?? "");
}

/**
 * A document sent to a coordinator outside /import: a people list (its header names ФИО and Роль
 * or Должность) is read as after /import; anything else passes on.
 */
export async function peopleFileSent(ctx: MessageContext, next: () => Promise<void>): Promise<void> {
  const msg = ctx.message;
  if (!("document" in msg) || !maybeCsv(msg.document)) return next();
  let bytes: Buffer;
  try {
    bytes = await downloadTelegramFile(ctx.telegram, msg.document.file_id, PEOPLE_FILE_MAX_BYTES);
  } catch (err) {
    if (err instanceof StorageError) return next();
    throw err;
  }
  if (!isPeopleCsv(bytes)) return next();
  await importPeopleFile(ctx, bytes);
}
