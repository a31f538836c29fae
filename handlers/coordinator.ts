import type { Document } from "telegraf/types";
import type { BotContext } from "../bot/context.ts";
import { chatIdOf } from "../bot/context.ts";
import type { ButtonContext, CommandContext, MessageContext } from "../bot/roles.ts";
import { ROLES, type Role } from "../core/roles.ts";
import type { ChatStep } from "../bot/state.ts";
import { beginStep, endStep } from "../bot/steps.ts";
import { replyHtml } from "../bot/reply.ts";
import { escapeHtml } from "../services/format.ts";
import { logFailure } from "../services/logger.ts";
import { DocumentError } from "../core/readers/errors.ts";
import { limitArgs } from "../core/readers/limits.ts";
import { ImportError } from "../core/import/index.ts";
import { importWorker } from "../services/import/worker.ts";
import { roadmapIdentity, saveImport } from "../services/roadmap-store.ts";
import { recordWorkbookChanges, textsBeforeSave } from "../services/item-edit.ts";
import {
  cancelPending,
  claimForSave,
  dropPending,
  markSaved,
  pendingById,
  pendingTarget,
  previewBuilt,
  previewShown,
  releaseClaim,
  savedSummary,
  startParsing,
} from "../services/pending-imports.ts";
import { incidental } from "../services/db-activity.ts";
import { finishSaved } from "./import-saved.ts";
import { buildPreview, listText, previewKeyboard } from "./import-preview.ts";
import { logBadRow, readPendingImport, StoredJsonError } from "../services/stored-json.ts";
import { resolveAllAssignments } from "../services/assign.ts";
import { assignByHand, parseAssignArgs } from "../services/assign-by-hand.ts";
import { listUnassigned } from "../services/unassigned.ts";
import { removePerson } from "../services/remove-person.ts";
import { findOrCreatePersonByName, findPeople, listPeople } from "../services/people.ts";
import { createInvite, inviteLink, INVITE_DAYS } from "../services/invites.ts";
import { clip } from "../services/verification.ts";
import { StorageError } from "../services/storage.ts";
import { downloadTelegramFile } from "../bot/files.ts";
import { fitMessage, localToday, SchoolWords, shortTitle } from "./curator.ts";
import { importPeopleCsv, isPeopleCsv, PeopleCsvError } from "../services/people-csv.ts";
import type { CallbackOf } from "../views/callbacks.ts";
import type { ImportResult } from "../core/types.ts";
import { setupState } from "../services/setup.ts";
import { nextStepLine } from "../views/setup.ts";

// The coordinator runs Веха: /import then a file → a preview with «Сохранить» / «Отмена»
// (the preview waits in PendingImport); a people CSV sent after /import fills the directory;
// /people, /invite <full name>, /assign, /unassigned.

export const STEP_IMPORT = "import-file";
/** Telegram bots can download files up to 20 MB. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** The preview of a waiting import: what needs a human first (handlers/import-fixes.ts), then the summary, then the buttons. */
/** A corrected preview shown again: it still updates the roadmap it named. */
export async function sendPreview(ctx: BotContext, result: ImportResult, pendingId: number): Promise<void> {
  const { db, clock } = ctx.deps;
  const built = await buildPreview(db, ctx.tr, result, clock.now(), await pendingTarget(db, pendingId));
  await replyHtml(ctx, built.text, previewKeyboard(ctx.tr, pendingId, result));
}

/** The file's bytes (streamed, stopped past 20 MB); an empty download is an empty file, which the reader refuses. */
async function download(ctx: BotContext, fileId: string): Promise<Buffer | "too_big" | "unavailable"> {
  try {
    return await downloadTelegramFile(ctx.telegram, fileId, MAX_FILE_BYTES);
  } catch (err) {
    if (!(err instanceof StorageError)) throw err;
    if (err.reason === "empty") return Buffer.alloc(0);
    return err.reason;
  }
}

/**
 * A people list sent after /import, or to a coordinator at any time (handlers/setup.ts): the
 * directory grows, open parties resolve again — the code of the CLI's `people import`.
 */
export async function importPeopleFile(ctx: BotContext, bytes: Buffer): Promise<void> {
  const tr = ctx.tr;
  try {
    const s = await importPeopleCsv(ctx.deps.db, bytes);
    await endStep(ctx);
    const lines =
      s.rows === 0 && s.errors.length === 0
        ? [tr.t("coordinator-people-none")]
        : [tr.t("coordinator-people-imported", { rows: s.rows, created: s.created, updated: s.updated, filled: s.assignmentsFilled })];
    if (s.errors.length > 0) {
      lines.push(tr.t("coordinator-people-row-errors", { count: s.errors.length }));
      for (const e of s.errors.slice(0, 10)) {
        const problem = e.code === "unknown_role" ? tr.t("coordinator-people-row-unknown_role", { roles: escapeHtml(clip(e.roles ?? "", 100)) }) : tr.t("coordinator-people-row-no_name");
        lines.push(tr.t("coordinator-people-row", { row: e.row, problem }));
      }
    }
    // the coordinator's setup checklist (handlers/setup.ts): what comes next
    const next = s.rows > 0 ? nextStepLine(tr, await setupState(ctx.deps.db, chatIdOf(ctx) ?? "", ctx.deps.clock.now())) : null;
    if (next) lines.push("", next);
    await replyHtml(ctx, lines.join("\n"));
  } catch (err) {
    if (err instanceof PeopleCsvError) return replyHtml(ctx, tr.t(`coordinator-people-csv-error-${err.code}`));
    throw err;
  }
}

async function handleImportFile(ctx: BotContext, fileName: string, bytes: Buffer, pastedChars = 0): Promise<void> {
  const chatId = chatIdOf(ctx)!;
  const { db, config, clock } = ctx.deps;
  if (isPeopleCsv(bytes)) return importPeopleFile(ctx, bytes);
  // recorded before reading: a crash while the file is read is reported at the next start
  const pendingId = await startParsing(db, chatId, fileName, clock.now());
  let result: ImportResult;
  try {
    await ctx.deps.faults?.("import:parsing");
    // parsed in the import worker: a slow or hostile file holds nobody else's answers
    result = await importWorker().import(fileName, bytes, { defaultTimezone: config.DEFAULT_TIMEZONE });
  } catch (err) {
    await dropPending(db, pendingId);
    if (err instanceof DocumentError || err instanceof ImportError) {
      // the chat keeps waiting for a file: the coordinator can send a better one right away
      if (pastedChars > 0 && err instanceof ImportError) return replyHtml(ctx, ctx.tr.t("coordinator-import-paste-no-table"));
      return replyHtml(ctx, ctx.tr.t(`coordinator-import-error-${err.code}`, err instanceof DocumentError ? limitArgs(err.detail) : {}));
    }
    throw err;
  }
  const built = await buildPreview(db, ctx.tr, result, clock.now());
  await previewBuilt(db, pendingId, result, built.targetRoadmapId);
  await endStep(ctx);
  await ctx.deps.faults?.("import:previewing");
  // Telegram cuts a longer paste into several messages: only this one was read
  if (pastedChars >= PASTE_CUT_CHARS) await replyHtml(ctx, ctx.tr.t("coordinator-import-paste-maybe-cut"));
  await replyHtml(ctx, built.text, previewKeyboard(ctx.tr, pendingId, result));
  await previewShown(db, pendingId, chatId, clock.now());
}

/** «Сохранить» pressed on a preview that is not waiting for it: say why, or finish what a crash interrupted. */
async function saveNotWaiting(ctx: BotContext, id: number): Promise<void> {
  const row = await pendingById(ctx.deps.db, id);
  if (row && row.chatId === chatIdOf(ctx) && row.state === "saved") {
    await ctx.answerCbQuery();
    return finishSaved(ctx.deps, row, { reply: (text) => replyHtml(ctx, text), tr: ctx.tr, restarted: false });
  }
  if (row && row.chatId === chatIdOf(ctx) && row.state === "saving") {
    await ctx.answerCbQuery(ctx.tr.t("import-recovery-saving-now"));
    return;
  }
  if (row && row.chatId === chatIdOf(ctx) && row.state === "superseded") {
    await ctx.answerCbQuery(ctx.tr.t("coordinator-import-superseded"));
    await ctx.editMessageReplyMarkup(undefined).catch(logFailure(ctx.deps.logger, "taking the buttons off a superseded preview"));
    return void (await replyHtml(ctx, ctx.tr.t("coordinator-import-superseded")));
  }
  await ctx.answerCbQuery(ctx.tr.t("coordinator-import-outdated"));
  await replyHtml(ctx, ctx.tr.t("coordinator-import-outdated"));
}

/**
 * `/people remove <full name>` and `/people replace <full name> -> <full name>` (also «удалить»,
 * «заменить», «→»): the person leaves; their open work moves to the replacement or to /unassigned.
 */
async function peopleChange(ctx: BotContext, args: string): Promise<void> {
  const m = /^(remove|replace|удалить|заменить)\s+(.+)$/iu.exec(args);
  if (!m || args.length > 400) return replyHtml(ctx, ctx.tr.t("coordinator-people-usage"));
  const replacing = /^(replace|заменить)$/iu.test(m[1]!);
  const [name, replacement] = replacing ? m[2]!.split(/\s*(?:->|→|=>|;)\s*/u) : [m[2]!, undefined];
  if (!name?.trim() || (replacing && !replacement?.trim())) return replyHtml(ctx, ctx.tr.t("coordinator-people-usage"));
  const res = await removePerson(ctx.deps.db, { name, replacement: replacement ?? null, now: ctx.deps.clock.now() });
  if (!res.ok) {
    return replyHtml(
      ctx,
      ctx.tr.t(`coordinator-people-error-${res.error}`, {
        name: escapeHtml(clip(name, 100)),
        replacement: escapeHtml(clip(replacement ?? "", 100)),
        candidates: escapeHtml((res.candidates ?? []).join("; ")),
      }),
    );
  }
  const vars = { name: escapeHtml(res.removed), replacement: escapeHtml(res.replacement ?? ""), moved: res.moved };
  await replyHtml(ctx, ctx.tr.t(res.replacement ? "coordinator-people-replaced" : "coordinator-people-removed", vars));
}

/** /import: the chat waits for a roadmap or a people list. */
export async function importCommand(ctx: CommandContext): Promise<void> {
  await beginStep(ctx, { kind: STEP_IMPORT });
  await replyHtml(ctx, ctx.tr.t("coordinator-import-ask"));
}

/**
 * A message while the chat waits for the file of /import: a document is imported, and so is a
 * table pasted as text (Markdown, tab-separated, cells ending in «|», a copied page); a photo or a
 * one-line text is told what is expected; anything else passes on.
 */
export async function answerImportStep(ctx: MessageContext, _step: ChatStep, next: () => Promise<void>): Promise<unknown> {
  const msg = ctx.message;
  if ("document" in msg) return importDocument(ctx, msg.document);
  if ("photo" in msg) return importPhoto(ctx);
  if ("text" in msg && looksPasted(msg.text)) {
    // read as a text file; its name is the roadmap's title when the table has none
    const name = `${ctx.tr.t("coordinator-import-paste-name")}.txt`;
    return handleImportFile(ctx, name, Buffer.from(msg.text, "utf8"), msg.text.length);
  }
  if ("text" in msg) return replyHtml(ctx, ctx.tr.t("coordinator-import-ask"));
  return next();
}

/** Telegram splits a pasted text at 4,096 characters: a paste this long was probably cut. */
const PASTE_CUT_CHARS = 3_800;

/** Several lines, or one line of cells: a table, not a word to the bot. */
function looksPasted(text: string): boolean {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  if (lines.length >= 3) return true;
  return (text.match(/[|\t]/g) ?? []).length >= 4;
}

async function importDocument(ctx: MessageContext, doc: Document): Promise<unknown> {
  if ((doc.file_size ?? 0) > MAX_FILE_BYTES) return replyHtml(ctx, ctx.tr.t("coordinator-import-too-big", { mb: 20 }));
  const bytes = await download(ctx, doc.file_id);
  if (bytes === "too_big") return replyHtml(ctx, ctx.tr.t("coordinator-import-too-big", { mb: 20 }));
  if (bytes === "unavailable") return replyHtml(ctx, ctx.tr.t("coordinator-import-unavailable"));
  await handleImportFile(ctx, doc.file_name ?? "document", bytes);
}

// a roadmap is a document, not a picture: say so instead of ignoring it
async function importPhoto(ctx: MessageContext): Promise<void> {
  await replyHtml(ctx, ctx.tr.t("coordinator-import-photo"));
}

/** «Сохранить» / «Отмена» under a preview. */
export async function importDecided(ctx: ButtonContext, data: CallbackOf<"import">): Promise<unknown> {
  const { db, clock } = ctx.deps;
  const id = data.pendingId;
  const chatId = chatIdOf(ctx)!;
  if (data.action === "cancel") {
    await ctx.editMessageReplyMarkup(undefined).catch(logFailure(ctx.deps.logger, "taking the buttons off the import preview"));
    if (!(await cancelPending(db, id, chatId))) {
      await ctx.answerCbQuery(ctx.tr.t("coordinator-import-outdated"));
      return replyHtml(ctx, ctx.tr.t("coordinator-import-outdated"));
    }
    await ctx.answerCbQuery();
    return replyHtml(ctx, ctx.tr.t("coordinator-import-cancelled"));
  }
  // claim it: of two presses only one goes on; the row stays until the save commits
  const now = clock.now();
  // the claim and its release are bookkeeping: a save that fails is not work done (bot/work.ts)
  const pending = await incidental(() => claimForSave(db, id, chatId, now));
  if (!pending) return saveNotWaiting(ctx, id);
  await ctx.editMessageReplyMarkup(undefined).catch(logFailure(ctx.deps.logger, "taking the buttons off the import preview"));
  await ctx.answerCbQuery();
  let result: ImportResult;
  try {
    result = readPendingImport(pending);
  } catch (e) {
    // a preview that does not read back is as good as gone: say so rather than fail
    if (!(e instanceof StoredJsonError)) throw e;
    logBadRow(ctx.deps.logger, e);
    await incidental(() => dropPending(db, id));
    return replyHtml(ctx, ctx.tr.t("coordinator-import-outdated"));
  }
  try {
    await ctx.deps.faults?.("import:saving");
    // a canonical workbook's corrections go into the items' history, as /edit's do
    const before = result.origin === "workbook" ? await textsBeforeSave(db, roadmapIdentity(result)) : null;
    const saved = await saveImport(db, result, {
      activeFrom: localToday(now, result.roadmap.timezone),
      sourceName: pending.fileName,
      status: "active",
      now,
      // the roadmap the preview offered to update; else a new one (unless the very same order is saved meanwhile)
      into: pending.targetRoadmapId ?? "new",
      inTransaction: (tx, outcome) => markSaved(tx, id, outcome, now),
    });
    if (before) await recordWorkbookChanges(db, before, saved.roadmapId, ctx.person.id, now);
  } catch (err) {
    // not saved: the preview and its button work again once the cause is fixed
    await incidental(() => releaseClaim(db, id));
    throw err;
  }
  await ctx.deps.faults?.("import:saved");
  const row = await pendingById(db, id);
  if (!row || !savedSummary(row)) throw new Error(`pending import ${id} saved without its outcome`);
  await finishSaved(ctx.deps, row, { reply: (text) => replyHtml(ctx, text), tr: ctx.tr, restarted: false });
}

export async function peopleCommand(ctx: CommandContext): Promise<void> {
  const args = ctx.payload.trim();
  if (args) return peopleChange(ctx, args);
  const people = await listPeople(ctx.deps.db);
  if (people.length === 0) return replyHtml(ctx, ctx.tr.t("coordinator-people-empty"));
  const lines = [ctx.tr.t("coordinator-people-header", { count: people.length })];
  for (const p of people) {
    // in one order on every database (the rows come in whatever order it keeps them)
    const roles = [...new Set(p.roles.map((r) => r.role))]
      .sort((a, b) => ROLES.indexOf(a as Role) - ROLES.indexOf(b as Role))
      .map((r) => ctx.tr.t(`coordinator-role-${r}`));
    const where = [p.position, p.organization?.name].filter((s): s is string => !!s).map((s) => escapeHtml(clip(s, 120)));
    const link = p.unreachable ? "coordinator-people-unreachable" : p.chatId ? "coordinator-people-linked" : "coordinator-people-not-linked";
    lines.push(
      `${ctx.tr.t(link)} <b>${escapeHtml(p.fullName)}</b>${where.length ? ` — ${where.join(", ")}` : ""}${roles.length ? ` · ${roles.join(", ")}` : ""}`,
    );
  }
  await replyHtml(ctx, lines.join("\n"));
}

export async function inviteCommand(ctx: CommandContext): Promise<void> {
  const name = ctx.payload.replace(/\s+/g, " ").trim();
  if (!name) return replyHtml(ctx, ctx.tr.t("coordinator-invite-usage"));
  if (name.length > 150 || !/^[\p{L}][\p{L}.\- ']*$/u.test(name)) return replyHtml(ctx, ctx.tr.t("coordinator-invite-bad-name"));
  const { db } = ctx.deps;
  const found = await findPeople(db, name);
  if (found.length > 1) {
    return replyHtml(ctx, ctx.tr.t("coordinator-invite-ambiguous", { names: escapeHtml(found.map((p) => p.fullName).join("; ")) }));
  }
  let person = found[0];
  if (!person) {
    // a new person needs a full name: surname and first name at least
    if (name.split(" ").length < 2) return replyHtml(ctx, ctx.tr.t("coordinator-invite-unknown", { name: escapeHtml(name) }));
    person = await findOrCreatePersonByName(db, { name });
    await resolveAllAssignments(db);
  }
  await replyInvite(ctx, person);
}

/** A new invite for this person, its link in the chat (/invite, and the checklist's «Пригласить: …»). */
export async function replyInvite(ctx: BotContext, person: { id: number; fullName: string }): Promise<void> {
  const invite = await createInvite(ctx.deps.db, person.id, ctx.deps.clock);
  const link = inviteLink(ctx.deps.botUsername ?? ctx.botInfo?.username, invite.token);
  await replyHtml(
    ctx,
    ctx.tr.t("coordinator-invite-link", {
      name: escapeHtml(person.fullName),
      link: escapeHtml(link ?? `/start ${invite.token}`),
      days: INVITE_DAYS,
    }) + (invite.replaced ? `\n${ctx.tr.t("coordinator-invite-replaced")}` : ""),
  );
}

export async function assignCommand(ctx: CommandContext): Promise<void> {
  const text = ctx.payload.trim();
  if (text.length > 500) return replyHtml(ctx, ctx.tr.t("coordinator-assign-usage"));
  const req = await parseAssignArgs(ctx.deps.db, text);
  if (!req) return replyHtml(ctx, ctx.tr.t("coordinator-assign-usage"));
  const res = await assignByHand(ctx.deps.db, req);
  if (!res.ok) {
    const what = "itemKey" in req.target ? req.target.itemKey : req.target.organization;
    return replyHtml(
      ctx,
      ctx.tr.t(`coordinator-assign-error-${res.error}`, {
        key: escapeHtml(clip(what, 60)),
        name: escapeHtml(clip(req.assignee, 100)),
        school: escapeHtml(clip(req.school ?? "", 100)),
        candidates: escapeHtml((res.candidates ?? []).join("; ")),
      }),
    );
  }
  await replyHtml(
    ctx,
    ctx.tr.t("coordinator-assign-done", {
      keys: escapeHtml(listText(res.itemKeys)),
      names: escapeHtml(res.people.join(", ")),
      count: res.assignmentIds.length,
    }),
  );
}

export async function unassignedCommand(ctx: CommandContext): Promise<void> {
  const tr = ctx.tr;
  const rows = await listUnassigned(ctx.deps.db);
  if (rows.length === 0) return replyHtml(ctx, tr.t("coordinator-unassigned-none"));
  const several = new Set(rows.map((r) => r.roadmapId)).size > 1;
  // one line per item: each party with the schools it stands for (a role fans out to every school)
  const byItem = new Map<string, typeof rows>();
  for (const r of rows) {
    const k = `${r.roadmapId}/${r.itemKey}`;
    byItem.set(k, [...(byItem.get(k) ?? []), r]);
  }
  const schools = new SchoolWords(
    tr,
    rows.flatMap((r) => (r.schoolName ? [r.schoolName] : [])),
  );
  const blocks: Array<{ lines: string[]; rows: number }> = [];
  for (const group of byItem.values()) {
    const first = group[0]!;
    const byParty = new Map<string, string[]>();
    for (const r of group) byParty.set(r.partyText ?? "", [...(byParty.get(r.partyText ?? "") ?? []), ...(r.schoolName ? [r.schoolName] : [])]);
    const parties = [...byParty]
      .map(([party, names]) => {
        const who = party ? escapeHtml(clip(party, 120)) : "";
        const where = schools.beside(who, names);
        return who && where ? `${who}: ${where}` : who || where;
      })
      .filter((p) => p !== "");
    const key = several ? `${first.roadmapId}/${first.itemKey}` : first.itemKey;
    blocks.push({
      lines: [`<b>${escapeHtml(key)}</b> ${escapeHtml(shortTitle(first.itemTitle))}${parties.length > 0 ? ` — ${parties.join("; ")}` : ""}`],
      rows: group.length,
    });
  }
  const legend = schools.legend();
  const head = [tr.t("coordinator-unassigned-header", { count: rows.length, items: blocks.length }), ...(legend ? [legend] : [])];
  await replyHtml(
    ctx,
    fitMessage(head, blocks, (items, count) => tr.t("coordinator-unassigned-more", { items, rows: count }), ["", tr.t("coordinator-unassigned-hint")]),
  );
}
