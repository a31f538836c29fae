import type { ButtonContext, PersonContext } from "../bot/roles.ts";
import { replyHtml } from "../bot/reply.ts";
import type { CallbackOf } from "../views/callbacks.ts";
import { buildDigest, digestChart } from "../services/digest.ts";
import { escapeHtml, formatDate } from "../services/format.ts";
import { scopeOf, visibleRoadmaps } from "../services/scope.ts";
import { digestMessage } from "../views/digest.ts";
import { buildDigestOverview, type OverviewRoadmap } from "../services/digest-overview.ts";
import { overviewKeyboard } from "../views/digest-overview.ts";

// /digest: the weekly digest, sent now, built by the scheduler's own digest builder (the same
// text and chart the Monday digest carries; its scope — whole roadmap or a curator's schools —
// is worked out from the person's roles). With several roadmaps, the Monday message too: the
// overview of them all, each roadmap's full digest a button or `/digest <id>` away.

export async function sendDigestNow(ctx: PersonContext, roadmapId: number): Promise<void> {
  const digest = await buildDigest(ctx.deps.db, { personId: ctx.person.id, roadmapId, now: ctx.deps.clock.now(), tr: ctx.tr, chart: "caption" });
  const message = digestMessage(ctx.tr, digest, roadmapId);
  if (message.photo) {
    try {
      await ctx.replyWithPhoto({ source: message.photo.data, filename: message.photo.fileName }, { caption: message.text, parse_mode: "HTML", ...(message.keyboard ? { reply_markup: message.keyboard } : {}) });
      return;
    } catch (err) {
      // the digest without its picture is still the digest
      ctx.deps.logger.warn({ err, roadmapId }, "digest chart failed");
    }
  }
  await replyHtml(ctx, message.text, message.keyboard);
}

/** «Показать диаграмму» under a digest: the chart of the roadmap as the person sees it, as of now. */
export async function digestChartPressed(ctx: ButtonContext, data: CallbackOf<"digest-chart">): Promise<void> {
  const scope = await scopeOf(ctx.deps.db, ctx.person);
  const visible = (await visibleRoadmaps(ctx.deps.db, scope)).some((r) => r.id === data.roadmapId);
  const chart = visible ? await digestChart(ctx.deps.db, { personId: ctx.person.id, roadmapId: data.roadmapId, now: ctx.deps.clock.now(), tr: ctx.tr }) : null;
  if (!chart) {
    await ctx.answerCbQuery(ctx.tr.t("bot-button-outdated"));
    return;
  }
  await ctx.answerCbQuery();
  await ctx.replyWithPhoto(
    { source: chart.chart, filename: `digest-${data.roadmapId}.png` },
    { caption: ctx.tr.t("digest-chart-caption", { title: escapeHtml(chart.title), date: formatDate(ctx.tr, chart.today) }), parse_mode: "HTML" },
  );
}

export async function sendDigestOverviewNow(ctx: PersonContext, roadmaps: OverviewRoadmap[]): Promise<void> {
  const overview = await buildDigestOverview(ctx.deps.db, { personId: ctx.person.id, roadmaps, now: ctx.deps.clock.now(), tr: ctx.tr });
  await replyHtml(ctx, overview.text, overviewKeyboard(ctx.tr, overview) ?? undefined);
}
