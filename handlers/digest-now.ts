import type { PersonContext } from "../bot/roles.ts";
import { replyHtml } from "../bot/reply.ts";
import { buildDigest } from "../services/digest.ts";
import { nudgeKeyboard } from "../views/nudge.ts";

// /digest: the weekly digest, sent now, built by the scheduler's own digest builder (the same
// text and chart the Monday digest carries; its scope — whole roadmap or a curator's schools —
// is worked out from the person's roles).

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
