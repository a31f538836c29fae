import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { DateTime } from "luxon";
import type { InlineKeyboardMarkup } from "telegraf/types";
import type { BotContext } from "../bot/context.ts";
import type { ButtonContext, CommandContext, PersonContext } from "../bot/roles.ts";
import { exportableRoadmaps, scopeOf, type VisibleRoadmap } from "../services/scope.ts";
import { replyHtml } from "../bot/reply.ts";
import { escapeHtml, formatDate, roadmapName } from "../services/format.ts";
import type { Translator } from "../services/i18n.ts";
import { EXPORT_FORMATS, NothingToExport, RoadmapNotFound } from "../services/export/index.ts";
import { exportInWorker, ExportTooLarge } from "../services/export/worker.ts";
import { exportFileName, NOTE_LIST_MAX } from "../services/export/common.ts";
import { archiveOf, filesFolderFor } from "../services/export/files.ts";
import { packCallback, type CallbackOf } from "../views/callbacks.ts";

// /export: the monitoring table (.xlsx) and the analytic note (.docx) as documents.
// Coordinator and deputy head get their roadmaps whole, a curator gets their schools only (in the
// roadmaps they were appointed for); anyone else a polite refusal (the role gate: bot/commands.ts).
// With several roadmaps the bot asks with buttons.

type ExportTarget = VisibleRoadmap;

const MAX_BUTTONS = 20;

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/** The active roadmaps this person may export, and how much of each (services/scope.ts). */
async function exportTargets(ctx: PersonContext): Promise<ExportTarget[]> {
  const db = ctx.deps.db;
  return exportableRoadmaps(db, await scopeOf(db, ctx.person));
}

function chooser(tr: Translator, targets: ExportTarget[]): InlineKeyboardMarkup {
  return { inline_keyboard: targets.slice(0, MAX_BUTTONS).map((r) => [{ text: clip(`${r.id}. ${roadmapName(tr, r)}`, 60), callback_data: packCallback({ kind: "export", roadmapId: r.id }) }]) };
}

/** From this many rows on, the chat says the export is being prepared (it takes seconds, up to half a minute for a region). */
export const LARGE_EXPORT_ROWS = 5_000;

async function sendExport(ctx: BotContext, target: ExportTarget): Promise<void> {
  const { tr, deps } = ctx;
  const now = deps.clock.now();
  const dataDir = path.resolve(deps.config.dataDir);
  // evidence files go in a .zip holding the folder the reports link to
  const folder = filesFolderFor(exportFileName(target.id, DateTime.fromJSDate(now, { zone: target.timezone }).toISODate()!, "xlsx"));
  // building takes a second or two on a big roadmap: show "sending a file…" meanwhile
  await ctx.sendChatAction("upload_document").catch((err: unknown) => deps.logger.debug({ err }, "chat action failed"));
  // the files are written to a folder of their own and sent from there: never whole in memory
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "vekha-export-"));
  try {
    let outcome;
    try {
      // in a worker thread with a heap of its own: the instance's heap never holds a region's table
      outcome = await exportInWorker(
        deps.config.DATABASE_URL,
        {
          roadmapId: target.id,
          formats: EXPORT_FORMATS,
          tr,
          now,
          dataDir,
          filesDir: folder,
          ...(target.schoolIds ? { schoolIds: target.schoolIds } : {}),
        },
        {
          memoryMb: deps.config.EXPORT_MEMORY_MB,
          where: { dir },
          onSummary: async ({ totals }) => {
            if (totals.total >= LARGE_EXPORT_ROWS) await replyHtml(ctx, tr.t("export-preparing", { total: totals.total, items: totals.items }));
          },
        },
      );
    } catch (e) {
      if (e instanceof RoadmapNotFound) return replyHtml(ctx, tr.t("export-unknown-roadmap"));
      if (e instanceof NothingToExport) return replyHtml(ctx, tr.t("export-nothing", { title: escapeHtml(e.roadmapTitle), schools: e.narrowed ? "yes" : "none" }));
      if (e instanceof ExportTooLarge) {
        deps.logger.warn({ roadmapId: target.id, memoryMb: e.memoryMb }, "export over the export worker's memory limit");
        return replyHtml(ctx, tr.t("export-too-large", { mb: e.memoryMb }));
      }
      throw e;
    }
    const title = escapeHtml(roadmapName(tr, outcome.summary.roadmap));
    const date = formatDate(tr, outcome.today);
    for (const file of outcome.files) {
      const caption = tr.t(file.format === "xlsx" ? "export-caption-xlsx" : "export-caption-docx", { title, date });
      await ctx.replyWithDocument(
        { source: file.path, filename: file.fileName },
        { caption: file.capped ? `${caption}\n\n${tr.t("export-note-shortened", { max: NOTE_LIST_MAX })}` : caption, parse_mode: "HTML" },
      );
    }
    const archive = await archiveOf(outcome.linked, dataDir, folder);
    if (archive.missing.length > 0) deps.logger.warn({ roadmapId: target.id, missing: archive.missing.slice(0, 20), count: archive.missing.length }, "evidence files missing from the data directory");
    if (archive.zip) {
      await ctx.replyWithDocument({ source: archive.zip, filename: `${folder}.zip` }, { caption: tr.t("export-caption-files", { count: archive.files }), parse_mode: "HTML" });
    } else if (archive.tooBig) {
      await replyHtml(ctx, tr.t("export-files-too-big", { id: target.id }));
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** /export [id]: the monitoring table and the analytic note of a roadmap. */
export async function exportCommand(ctx: CommandContext): Promise<unknown> {
  const targets = await exportTargets(ctx);
  if (targets.length === 0) return replyHtml(ctx, ctx.tr.t("export-no-roadmaps"));
  const arg = ctx.payload.trim();
  if (arg) {
    const chosen = /^\d+$/.test(arg) ? targets.find((t) => t.id === Number(arg)) : undefined;
    if (!chosen) return replyHtml(ctx, ctx.tr.t("export-unknown-roadmap"));
    return sendExport(ctx, chosen);
  }
  if (targets.length === 1) return sendExport(ctx, targets[0]!);
  await replyHtml(ctx, ctx.tr.t("export-choose-roadmap"), chooser(ctx.tr, targets));
}

/** One of the roadmaps /export offered. */
export async function exportPressed(ctx: ButtonContext, data: CallbackOf<"export">): Promise<unknown> {
  await ctx.answerCbQuery();
  // rights are checked again: a button may be pressed long after it was sent
  const targets = await exportTargets(ctx);
  const chosen = targets.find((t) => t.id === data.roadmapId);
  if (!chosen) return replyHtml(ctx, ctx.tr.t("export-unknown-roadmap"));
  await sendExport(ctx, chosen);
}
