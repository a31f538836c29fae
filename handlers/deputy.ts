import type { InlineKeyboardMarkup } from "telegraf/types";
import type { BotContext } from "../bot/context.ts";
import type { ButtonContext, CommandContext, PersonContext } from "../bot/roles.ts";
import { replyHtml } from "../bot/reply.ts";
import type { Translator } from "../services/i18n.ts";
import { escapeHtml, roadmapName } from "../services/format.ts";
import { loadProgressSummary, type ProgressCounts } from "../services/progress.ts";
import { progressChart, schoolsChart, schoolsTitle } from "../services/charts.ts";
import { schoolsToShow } from "../services/school-list.ts";
import { clip } from "../services/verification.ts";
import { localToday } from "./curator.ts";
import { scopeOf, visibleRoadmaps } from "../services/scope.ts";
import { sendDigestNow, sendDigestOverviewNow } from "./digest-now.ts";
import { listRoadmaps } from "../services/roadmap-list.ts";
import { packCallback, type CallbackOf } from "../views/callbacks.ts";

// The deputy head's view of their roadmaps: /roadmap — progress per section and per school
// with a chart; /digest — the weekly digest, now. With several roadmaps /roadmap asks which, and
// /digest gives the overview of them all (as Monday's digest does).


function countsLine(tr: Translator, c: ProgressCounts): string {
  return tr.t("deputy-counts", {
    done: c.done,
    inProgress: c.inProgress + c.returned + c.postponed,
    submitted: c.submitted,
    overdue: c.overdue,
    notStarted: c.notStarted,
    total: c.total,
    items: c.items,
    percent: c.percentDone,
  });
}

/** The roadmaps this person sees whole (deputy head: theirs; coordinator: all active). */
async function ownRoadmaps(ctx: PersonContext) {
  const scope = await scopeOf(ctx.deps.db, ctx.person);
  return (await visibleRoadmaps(ctx.deps.db, { ...scope, curated: [] })).filter((r) => r.schoolIds === undefined);
}

function chooser(tr: Translator, kind: "roadmap", roadmaps: Array<{ id: number; title: string; orderNumber: string | null; orderDate: string | null }>): InlineKeyboardMarkup {
  // the title is only the label; the data carries the id
  return { inline_keyboard: roadmaps.slice(0, 20).map((r) => [{ text: clip(`${r.id}. ${roadmapName(tr, r)}`, 60), callback_data: packCallback({ kind, roadmapId: r.id }) }]) };
}

async function showRoadmap(ctx: BotContext, roadmap: { id: number; title: string; timezone: string }): Promise<void> {
  const today = localToday(ctx.deps.clock.now(), roadmap.timezone);
  const p = await loadProgressSummary(ctx.deps.db, { roadmapId: roadmap.id, today });
  const lines = [ctx.tr.t("deputy-roadmap-header", { title: escapeHtml(roadmapName(ctx.tr, p.roadmap)), id: roadmap.id }), countsLine(ctx.tr, p.totals)];
  if (p.bySection.length > 0) {
    lines.push("", ctx.tr.t("deputy-by-section"));
    for (const s of p.bySection) lines.push(`<b>${escapeHtml(clip(s.title ?? ctx.tr.t("deputy-no-section"), 150))}</b>\n    ${countsLine(ctx.tr, s.counts)}`);
  }
  const schools = schoolsToShow(p.bySchool);
  if (p.bySchool.length > 0) {
    lines.push("", schools.cut ? ctx.tr.t("deputy-by-school-lagging", { shown: schools.shown.length, total: p.bySchool.length }) : ctx.tr.t("deputy-by-school"));
    for (const s of schools.shown) lines.push(`<b>${escapeHtml(clip(s.name, 150))}</b>\n    ${countsLine(ctx.tr, s.counts)}`);
    if (schools.cut) lines.push(ctx.tr.t("deputy-more-schools", { count: p.bySchool.length - schools.shown.length }));
  }
  await replyHtml(ctx, lines.join("\n"));
  const charts: Array<[string, () => Buffer]> = [];
  if (p.bySection.length > 0) charts.push(["sections", () => progressChart(p.bySection, ctx.tr)]);
  if (p.bySchool.length > 1) charts.push(["schools", () => schoolsChart(schools.shown, ctx.tr, schoolsTitle(ctx.tr, schools.shown.length, p.bySchool.length))]);
  for (const [name, render] of charts) {
    try {
      await ctx.replyWithPhoto({ source: render(), filename: `roadmap-${roadmap.id}-${name}.png` });
    } catch (err) {
      // the figures are already sent: a chart that fails to render or send is logged, not fatal
      ctx.deps.logger.warn({ err, roadmapId: roadmap.id, chart: name }, "roadmap chart failed");
    }
  }
}

/** /roadmap [id]: a roadmap's progress per section and school, with charts. */
export async function roadmapCommand(ctx: CommandContext): Promise<unknown> {
  const roadmaps = await ownRoadmaps(ctx);
  if (roadmaps.length === 0) return replyHtml(ctx, ctx.tr.t("deputy-no-roadmaps"));
  const arg = ctx.payload.trim();
  if (arg) {
    const chosen = /^\d+$/.test(arg) ? roadmaps.find((r) => r.id === Number(arg)) : undefined;
    if (!chosen) return replyHtml(ctx, ctx.tr.t("deputy-unknown-roadmap", { id: escapeHtml(clip(arg, 20)) }));
    return showRoadmap(ctx, chosen);
  }
  if (roadmaps.length === 1) return showRoadmap(ctx, roadmaps[0]!);
  await replyHtml(ctx, ctx.tr.t("deputy-choose-roadmap"), chooser(ctx.tr, "roadmap", roadmaps));
}

/** One of the roadmaps /roadmap offered. */
export async function roadmapPressed(ctx: ButtonContext, data: CallbackOf<"roadmap">): Promise<unknown> {
  await ctx.answerCbQuery();
  const chosen = (await ownRoadmaps(ctx)).find((r) => r.id === data.roadmapId);
  if (!chosen) return replyHtml(ctx, ctx.tr.t("deputy-unknown-roadmap", { id: String(data.roadmapId) }));
  await showRoadmap(ctx, chosen);
}

/** /digest [id]: the weekly digest, now. */
export async function digestCommand(ctx: CommandContext): Promise<unknown> {
  const scope = await scopeOf(ctx.deps.db, ctx.person);
  const roadmaps = await visibleRoadmaps(ctx.deps.db, scope);
  if (roadmaps.length === 0) return replyHtml(ctx, ctx.tr.t("deputy-no-roadmaps"));
  const arg = ctx.payload.trim();
  if (arg) {
    const chosen = /^\d+$/.test(arg) ? roadmaps.find((r) => r.id === Number(arg)) : undefined;
    if (!chosen) return replyHtml(ctx, ctx.tr.t("deputy-unknown-roadmap", { id: escapeHtml(clip(arg, 20)) }));
    return sendDigestNow(ctx, chosen.id);
  }
  if (roadmaps.length === 1) return sendDigestNow(ctx, roadmaps[0]!.id);
  // several: what Monday's digest brings them — every roadmap in two lines, each one's detail a button or «/digest <id>» away
  // (a chooser would offer only its first twenty)
  await sendDigestOverviewNow(ctx, roadmaps.map((r) => ({ roadmapId: r.id, schoolIds: r.schoolIds })));
}

/** One of the roadmaps /digest offered. */
export async function digestPressed(ctx: ButtonContext, data: CallbackOf<"digest">): Promise<unknown> {
  await ctx.answerCbQuery();
  const scope = await scopeOf(ctx.deps.db, ctx.person);
  const chosen = (await visibleRoadmaps(ctx.deps.db, scope)).find((r) => r.id === data.roadmapId);
  if (!chosen) return replyHtml(ctx, ctx.tr.t("deputy-unknown-roadmap", { id: String(data.roadmapId) }));
  await sendDigestNow(ctx, chosen.id);
}

/** /roadmaps: every roadmap with its id, status, order and counts (the coordinator's overview). */
export async function roadmapsCommand(ctx: CommandContext): Promise<unknown> {
  const tr = ctx.tr;
  const list = await listRoadmaps(ctx.deps.db);
  if (list.length === 0) return replyHtml(ctx, tr.t("roadmaps-none"));
  const lines = [tr.t("roadmaps-header", { count: list.length })];
  for (const r of list)
    lines.push(
      "",
      tr.t("roadmaps-line", { id: r.id, name: escapeHtml(roadmapName(tr, r)), status: tr.t(`roadmap-status-${r.status}`) }),
      tr.t("roadmaps-counts", { items: r.items, assignments: r.assignments, unassigned: r.unassigned }),
    );
  await replyHtml(ctx, lines.join("\n"));
}
