import type { PersonContext } from "../bot/roles.ts";
import { replyHtml } from "../bot/reply.ts";
import { buildDigest } from "../services/digest.ts";
import { buildDigestOverview, type OverviewRoadmap } from "../services/digest-overview.ts";
import { nudgeKeyboard } from "../views/nudge.ts";
import { overviewKeyboard } from "../views/digest-overview.ts";

// /digest: the weekly digest, sent now, built by the scheduler's own digest builder (the same
// text and chart the Monday digest carries; its scope — whole roadmap or a curator's schools —
// is worked out from the person's roles). With several roadmaps, the Monday message too: the
// overview of them all, each roadmap's full digest a button or `/digest <id>` away.

export async function sendDigestNow(ctx: PersonContext, roadmapId: number): Promise<void> {
  const digest = await buildDigest(ctx.deps.db, { personId: ctx.person.id, roadmapId, now: ctx.deps.clock.now(), tr: ctx.tr });
  await replyHtml(ctx, digest.text, nudgeKeyboard(ctx.tr, digest.attached) ?? undefined);
  if (digest.chart) {
    try {
      await ctx.replyWithPhoto({ source: digest.chart, filename: `digest-${roadmapId}.png` });
    } catch (err) {
      ctx.deps.logger.warn({ err, roadmapId }, "digest chart failed");
    }
  }
}

export async function sendDigestOverviewNow(ctx: PersonContext, roadmaps: OverviewRoadmap[]): Promise<void> {
  const overview = await buildDigestOverview(ctx.deps.db, { personId: ctx.person.id, roadmaps, now: ctx.deps.clock.now(), tr: ctx.tr });
  await replyHtml(ctx, overview.text, overviewKeyboard(ctx.tr, overview) ?? undefined);
}
