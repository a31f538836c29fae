import { readPendingImport } from "../services/stored-json.ts";
import { warningText } from "../services/import-warnings.ts";
import crypto from "node:crypto";
import type { InlineKeyboardButton, InlineKeyboardMarkup } from "telegraf/types";
import type { BotContext } from "../bot/context.ts";
import { chatIdOf } from "../bot/context.ts";
import { replyHtml } from "../bot/reply.ts";
import type { ButtonContext, CommandContext, MessageContext, PersonContext } from "../bot/roles.ts";
import { stepText, type ChatStep } from "../bot/state.ts";
import { beginStep, currentStep, endStep } from "../bot/steps.ts";
import type { DeadlineContext, ImportResult, ResponsibleParty, Schedule } from "../core/types.ts";
import { applyDraftEdit, draftContext, EDIT_TEXT_MAX, fieldText, parseEdit, type EditField, type ParsedEdit } from "../core/workbook/edit.ts";
import { writeWorkbook } from "../core/workbook/index.ts";
import { escapeHtml, formatDate } from "../services/format.ts";
import { logFailure } from "../services/logger.ts";
import type { Translator } from "../services/i18n.ts";
import { applyItemEdit, itemHistory, loadEditableItem, savedFieldText } from "../services/item-edit.ts";
import { findItemsByKey, normalizeKey, parseKeyRef } from "../services/items.ts";
import { roadmapIdentity } from "../services/roadmap-store.ts";
import { runningRoadmaps, savedRoadmapWorkbook, workbookFileName } from "../services/roadmap-workbook.ts";
import { correctPending, latestPendingOfChat, pendingById } from "../services/pending-imports.ts";
import { clip } from "../services/verification.ts";
import { sendPreview } from "./coordinator.ts";
import { packCallback, packTarget, parseTarget, type CallbackOf, type EditTarget } from "../views/callbacks.ts";

// The correction loop in chat. `/edit <key>` (or `<roadmap id>/<key>`) → «Срок» / «Ответственные» /
// «Название» → the new text → what Веха understood → «Сохранить» / «Отмена». It works on a saved item
// (the change goes into the item's history, ItemChange) and on an item of the /import preview still
// waiting for «Сохранить» (the preview is corrected and shown again). «Скачать для правки» sends the
// canonical workbook of a preview or of a saved roadmap; the file sent back is imported like any other.
//
// Buttons (views/callbacks.ts): edit-menu, edit-field, edit-save, edit-cancel; import-workbook (the
// preview's workbook), roadmap-workbook (a saved roadmap's). A target is a saved item or an item of the
// preview; steps keep it in the same short form as the buttons.

const STEP_TEXT = "edit-text";
const STEP_CONFIRM = "edit-confirm";
const STEP_IMPORT = "import-file";
const STALE_MS = 24 * 60 * 60 * 1000;
const CANCEL = packCallback({ kind: "edit-cancel" });

type Target = EditTarget;
const targetCode = packTarget;

/** What one target holds now: its key, its field texts, and how to parse a new deadline for it. */
interface Loaded {
  target: Target;
  key: string;
  header: string;
  title: string;
  deadline: string;
  responsible: string;
  context: DeadlineContext;
  /** the preview's import (draft targets) */
  draft?: { result: ImportResult; fileName: string };
}

async function load(ctx: BotContext, target: Target): Promise<Loaded | null> {
  const tr = ctx.tr;
  if (target.kind === "item") {
    const item = await loadEditableItem(ctx.deps.db, target.itemId);
    if (!item) return null;
    return {
      target,
      key: item.key,
      header: tr.t("edit-card-saved", { key: escapeHtml(item.key), id: item.roadmapId, roadmap: escapeHtml(clip(item.roadmapTitle, 150)) }),
      title: item.title,
      deadline: savedFieldText(item, "deadline"),
      responsible: savedFieldText(item, "responsible"),
      context: item.context,
    };
  }
  const pending = await pendingById(ctx.deps.db, target.pendingId);
  if (!pending || pending.chatId !== chatIdOf(ctx)) return null;
  const result = readPendingImport(pending);
  const item = result.items[target.index];
  if (!item) return null;
  return {
    target,
    key: item.key,
    header: tr.t("edit-card-draft", { key: escapeHtml(item.key) }),
    title: fieldText(item, "title"),
    deadline: fieldText(item, "deadline"),
    responsible: fieldText(item, "responsible"),
    context: draftContext(result, target.index),
    draft: { result, fileName: pending.fileName },
  };
}

const current = (l: Loaded, field: EditField) => (field === "deadline" ? l.deadline : field === "responsible" ? l.responsible : l.title);
const shown = (tr: Translator, text: string, max = 300) => (text.trim() ? escapeHtml(clip(text, max)) : tr.t("edit-card-empty"));

async function outdated(ctx: BotContext): Promise<void> {
  if (ctx.callbackQuery)
    await ctx.answerCbQuery(ctx.tr.t("edit-outdated").replace(/<[^>]+>/g, "")).catch(logFailure(ctx.deps.logger, "answering an outdated edit button"));
  await replyHtml(ctx, ctx.tr.t("edit-outdated"));
}

/** The item as it stands, its history (saved items), and the three field buttons. */
async function sendMenu(ctx: BotContext, l: Loaded): Promise<void> {
  const tr = ctx.tr;
  const lines = [
    l.header,
    tr.t("edit-card-title", { text: shown(tr, l.title, 500) }),
    tr.t("edit-card-deadline", { text: shown(tr, l.deadline) }),
    tr.t("edit-card-responsible", { text: shown(tr, l.responsible) }),
  ];
  if (l.target.kind === "item") {
    const history = await itemHistory(ctx.deps.db, l.target.itemId);
    if (history.length) {
      lines.push("", tr.t("edit-card-history"));
      for (const h of history) lines.push(historyLine(tr, h));
    }
  }
  lines.push("", tr.t("edit-card-question"));
  const keyboard: InlineKeyboardMarkup = {
    inline_keyboard: [
      (["deadline", "responsible", "title"] as const).map((f) => ({
        text: tr.t(`edit-field-${f}`),
        callback_data: packCallback({ kind: "edit-field", field: f, target: l.target }),
      })),
      [{ text: tr.t("edit-button-cancel"), callback_data: CANCEL }],
    ],
  };
  await replyHtml(ctx, lines.join("\n"), keyboard);
}

function historyLine(tr: Translator, h: { field: EditField; oldText: string | null; newText: string | null; at: Date; by: string | null }): string {
  return `  • ${tr.t("edit-card-history-row", {
    date: formatDate(tr, h.at.toISOString().slice(0, 10)),
    who: escapeHtml(h.by ?? tr.t("edit-card-history-who-unknown")),
    field: tr.t(`edit-field-${h.field}`),
    old: escapeHtml(clip(h.oldText ?? "", 120)),
    new: escapeHtml(clip(h.newText ?? "", 120)),
  })}`;
}

async function askText(ctx: BotContext, l: Loaded, field: EditField): Promise<void> {
  await beginStep(ctx, { kind: STEP_TEXT, target: targetCode(l.target), field, at: ctx.deps.clock.now().toISOString() });
  await replyHtml(ctx, ctx.tr.t(`edit-ask-${field}`, { key: escapeHtml(l.key), current: shown(ctx.tr, current(l, field)) }), {
    inline_keyboard: [[{ text: ctx.tr.t("edit-button-cancel"), callback_data: CANCEL }]],
  });
}

function describeDeadline(tr: Translator, d: Schedule): string {
  const date = (iso: string | null) => (iso ? formatDate(tr, iso) : "");
  const period = d.start && d.due ? tr.t("edit-deadline-period", { start: date(d.start), due: date(d.due) }) : "";
  switch (d.kind) {
    case "date":
      return tr.t("edit-deadline-date", { due: date(d.due) });
    case "window":
      return d.start ? tr.t("edit-deadline-window", { start: date(d.start), due: date(d.due) }) : tr.t("edit-deadline-window-open", { due: date(d.due) });
    case "multi":
      return tr.t("edit-deadline-multi", { dates: d.checkpoints.map(date).join(", ") });
    case "recurring":
      return tr.t("edit-deadline-recurring", { every: d.every ?? "month", period });
    case "ongoing":
    case "on_demand":
      return tr.t(`edit-deadline-${d.kind}`, { period });
    case "none":
      return tr.t("edit-deadline-none");
    default:
      return tr.t("edit-deadline-unknown");
  }
}

function partyLines(tr: Translator, parties: ResponsibleParty[]): string[] {
  if (parties.length === 0) return [tr.t("edit-preview-no-parties")];
  return parties.map((p) => {
    const name = [p.name || p.text, p.position ? `, ${p.position}` : "", p.note ? ` ${p.note}` : ""].join("");
    return tr.t("edit-preview-party", { name: escapeHtml(clip(name, 200)), kind: tr.t(`edit-party-${p.kind}`) });
  });
}

/** What Веха understood of the new text, with «Сохранить» / «Отмена». */
async function sendEditPreview(ctx: BotContext, l: Loaded, edit: ParsedEdit): Promise<void> {
  const tr = ctx.tr;
  const nonce = crypto.randomBytes(4).toString("hex");
  await beginStep(ctx, { kind: STEP_CONFIRM, target: targetCode(l.target), field: edit.field, text: edit.text, nonce, at: ctx.deps.clock.now().toISOString() });
  const lines = [
    tr.t("edit-preview-head", { key: escapeHtml(l.key), field: tr.t(`edit-field-${edit.field}`) }),
    tr.t("edit-preview-old", { text: shown(tr, current(l, edit.field)) }),
    tr.t("edit-preview-new", { text: shown(tr, edit.text, 700) }),
  ];
  if (edit.field === "deadline") lines.push(tr.t("edit-preview-understood", { text: describeDeadline(tr, edit.deadline) }));
  if (edit.field === "responsible") lines.push(...partyLines(tr, edit.responsible));
  for (const w of edit.warnings)
    if (!(edit.field === "responsible" && edit.responsible.length === 0)) lines.push(tr.t("edit-preview-warning", { text: escapeHtml(clip(warningText(tr, w), 200)) }));
  lines.push("", tr.t("edit-preview-question"));
  await replyHtml(ctx, lines.join("\n"), {
    inline_keyboard: [
      [
        { text: tr.t("edit-button-save"), callback_data: packCallback({ kind: "edit-save", nonce }) },
        { text: tr.t("edit-button-cancel"), callback_data: CANCEL },
      ],
    ],
  });
}

async function save(ctx: PersonContext, step: ChatStep): Promise<void> {
  const tr = ctx.tr;
  const { db, clock } = ctx.deps;
  const target = parseTarget(stepText(step, "target"));
  const field = step.field as EditField;
  const l = target ? await load(ctx, target) : null;
  await endStep(ctx);
  if (!l || !target) return outdated(ctx);
  const edit = parseEdit(field, stepText(step, "text"), l.context);
  const fieldName = tr.t(`edit-field-${field}`);
  if (target.kind === "draft") {
    const before = l.draft!.result;
    if (fieldText(before.items[target.index]!, field) === edit.text && field !== "responsible") return replyHtml(ctx, tr.t("edit-unchanged"));
    const result = applyDraftEdit(before, target.index, edit);
    // the preview may have been saved or cancelled meanwhile: only a waiting one is corrected
    if (!(await correctPending(db, target.pendingId, chatIdOf(ctx)!, result))) return outdated(ctx);
    await replyHtml(ctx, tr.t("edit-saved-draft", { key: escapeHtml(l.key), field: fieldName }));
    return sendPreview(ctx, result, target.pendingId);
  }
  const outcome = await applyItemEdit(db, { itemId: target.itemId, edit, byPersonId: ctx.person.id, at: clock.now() });
  if (!outcome.ok) return outcome.error === "unchanged" ? replyHtml(ctx, tr.t("edit-unchanged")) : outdated(ctx);
  const lines = [tr.t("edit-saved", { key: escapeHtml(l.key), field: fieldName, old: shown(tr, outcome.oldText, 200), new: shown(tr, outcome.newText, 200) })];
  if (outcome.assignments) {
    lines.push(tr.t("edit-saved-assignments", { created: outcome.assignments.created, retired: outcome.retired, unresolved: outcome.assignments.unresolved }));
  }
  await replyHtml(ctx, lines.join("\n"));
}

/** `/edit <key>`: the saved items and the preview's items with this key; one opens its menu, several ask which. */
async function editKey(ctx: BotContext, payload: string): Promise<void> {
  const tr = ctx.tr;
  const { db } = ctx.deps;
  if (!payload) return editUsage(ctx);
  const ref = parseKeyRef(payload);
  if (!ref) return replyHtml(ctx, tr.t("edit-usage"));
  const saved = await findItemsByKey(db, ref);
  const options: Array<{ target: Target; label: string }> = saved.map((i) => ({
    target: { kind: "item", itemId: i.id },
    label: `${i.roadmapId}/${i.key} · ${i.roadmap.title}`,
  }));
  if (ref.roadmapId === null) {
    // the latest preview of this chat still waiting for «Сохранить»
    const pending = await latestPendingOfChat(db, chatIdOf(ctx)!);
    if (pending) {
      const result = readPendingImport(pending);
      const index = result.items.findIndex((i) => normalizeKey(i.key) === normalizeKey(ref.key));
      if (index >= 0)
        options.push({
          target: { kind: "draft", pendingId: pending.id, index },
          label: `${tr.t("edit-draft-label")} · ${result.items[index]!.key} · ${result.roadmap.title}`,
        });
    }
  }
  const key = escapeHtml(clip(payload, 60));
  if (options.length === 0) return replyHtml(ctx, tr.t("edit-key-unknown", { key }));
  if (options.length === 1) {
    const l = await load(ctx, options[0]!.target);
    return l ? sendMenu(ctx, l) : outdated(ctx);
  }
  const rows: InlineKeyboardButton[][] = options
    .slice(0, 10)
    .map((o) => [{ text: o.label.slice(0, 60), callback_data: packCallback({ kind: "edit-menu", target: o.target }) }]);
  await replyHtml(ctx, tr.t("edit-key-ambiguous", { key }), { inline_keyboard: rows });
}

/** `/edit` alone: how to use it, and the workbook of each running roadmap. */
async function editUsage(ctx: BotContext): Promise<void> {
  const tr = ctx.tr;
  const roadmaps = await runningRoadmaps(ctx.deps.db, 10);
  if (roadmaps.length === 0) return replyHtml(ctx, `${tr.t("edit-usage")}\n${tr.t("edit-no-roadmaps")}`);
  const buttons =
    roadmaps.length === 1
      ? [[{ text: tr.t("edit-button-workbook"), callback_data: packCallback({ kind: "roadmap-workbook", roadmapId: roadmaps[0]!.id }) }]]
      : roadmaps.map((r) => [
          { text: tr.t("edit-button-workbook-of", { id: r.id }), callback_data: packCallback({ kind: "roadmap-workbook", roadmapId: r.id }) },
        ]);
  await replyHtml(ctx, tr.t("edit-usage"), { inline_keyboard: buttons });
}

/** Sends a workbook; the file sent back is taken as an import (the chat waits for it like after /import). */
async function sendWorkbook(ctx: BotContext, bytes: Buffer, fileName: string): Promise<void> {
  await ctx.replyWithDocument({ source: bytes, filename: fileName }, { caption: ctx.tr.t("edit-workbook-caption"), parse_mode: "HTML" });
  await beginStep(ctx, { kind: STEP_IMPORT });
}

export async function editCommand(ctx: CommandContext): Promise<void> {
  await editKey(ctx, ctx.payload.trim());
}

export async function editMenuPressed(ctx: ButtonContext, data: CallbackOf<"edit-menu">): Promise<void> {
  const l = await load(ctx, data.target);
  if (!l) return outdated(ctx);
  await ctx.answerCbQuery();
  await sendMenu(ctx, l);
}

export async function editFieldPressed(ctx: ButtonContext, data: CallbackOf<"edit-field">): Promise<void> {
  const l = await load(ctx, data.target);
  if (!l) return outdated(ctx);
  await ctx.answerCbQuery();
  await askText(ctx, l, data.field);
}

export async function editSavePressed(ctx: ButtonContext, data: CallbackOf<"edit-save">): Promise<void> {
  const step = await currentStep(ctx);
  await ctx.editMessageReplyMarkup(undefined).catch(logFailure(ctx.deps.logger, "taking the buttons off the edit question"));
  if (step?.kind !== STEP_CONFIRM || step.nonce !== data.nonce) return outdated(ctx);
  await ctx.answerCbQuery();
  await save(ctx, step);
}

export async function editCancelPressed(ctx: ButtonContext): Promise<void> {
  const step = await currentStep(ctx);
  if (step?.kind === STEP_TEXT || step?.kind === STEP_CONFIRM) await endStep(ctx);
  await ctx.answerCbQuery();
  await ctx.editMessageReplyMarkup(undefined).catch(logFailure(ctx.deps.logger, "taking the buttons off the edit question"));
  await replyHtml(ctx, ctx.tr.t("edit-cancelled"));
}

/** The new text of the field asked for (also while the preview of the last one waits for «Сохранить»). */
export async function answerEditStep(ctx: MessageContext, step: ChatStep, next: () => Promise<void>): Promise<unknown> {
  if (!("text" in ctx.message)) return next();
  // a question left unanswered for a day no longer takes the next message
  if (ctx.deps.clock.now().getTime() - Date.parse(stepText(step, "at")) > STALE_MS || Number.isNaN(Date.parse(stepText(step, "at")))) {
    await endStep(ctx);
    return next();
  }
  const text = ctx.message.text;
  // a text instead of «Сохранить»: the coordinator typed the value again; it replaces the one shown
  if (!text.trim()) return replyHtml(ctx, ctx.tr.t("edit-text-empty"));
  if (text.length > EDIT_TEXT_MAX) return replyHtml(ctx, ctx.tr.t("edit-text-too-long", { max: EDIT_TEXT_MAX }));
  const target = parseTarget(stepText(step, "target"));
  const l = target ? await load(ctx, target) : null;
  if (!l) {
    await endStep(ctx);
    return outdated(ctx);
  }
  await sendEditPreview(ctx, l, parseEdit(step.field as EditField, text, l.context));
}

/** «Скачать для правки» under a preview. */
export async function importWorkbookPressed(ctx: ButtonContext, data: CallbackOf<"import-workbook">): Promise<unknown> {
  const pending = await pendingById(ctx.deps.db, data.pendingId);
  if (!pending || pending.chatId !== chatIdOf(ctx)) {
    await ctx.answerCbQuery(ctx.tr.t("coordinator-import-outdated"));
    return replyHtml(ctx, ctx.tr.t("coordinator-import-outdated"));
  }
  await ctx.answerCbQuery();
  const result = readPendingImport(pending);
  const bytes = await writeWorkbook(result, { identity: roadmapIdentity(result), roadmapId: null });
  await sendWorkbook(ctx, bytes, workbookFileName(result, null));
}

/** «Скачать для правки» of a saved roadmap (/edit without a key). */
export async function roadmapWorkbookPressed(ctx: ButtonContext, data: CallbackOf<"roadmap-workbook">): Promise<unknown> {
  const file = await savedRoadmapWorkbook(ctx.deps.db, data.roadmapId);
  if (!file) {
    await ctx.answerCbQuery(ctx.tr.t("edit-workbook-none"));
    return replyHtml(ctx, ctx.tr.t("edit-workbook-none"));
  }
  await ctx.answerCbQuery();
  await sendWorkbook(ctx, file.bytes, file.fileName);
}
