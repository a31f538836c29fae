import type { Db } from "../services/db.ts";
import type { Translator } from "../services/i18n.ts";
import type { Keyboard } from "../services/outbox.ts";
import { buildDigestOverview, type OverviewRoadmap } from "../services/digest-overview.ts";
import { escapeHtml, formatDate } from "../services/format.ts";
import { clip } from "../services/verification.ts";
import { packCallback } from "../views/callbacks.ts";

// A person who gets a digest and reminders in the same tick (a deputy head who is also an executor
// or a curator) gets ONE message: the reminders, with the digest's figures as its head and the full
// digest a button away («Сводка полностью»: the digest with its chart, as /digest sends it). The
// head is counted the cheap way (services/digest-overview.ts: a fixed handful of statements
// however many roadmaps), so a page of the message is drawn again with it as of now.

/** The head of a reminder message that also carries the week's digest: HTML lines and buttons. */
export interface DigestHead {
  text: string;
  rows: Keyboard["inline_keyboard"];
}

/** Roadmaps named by a button under the head, at most (the rest: /digest). */
const HEAD_BUTTONS = 3;

export async function digestHead(db: Db, tr: Translator, q: { personId: number; roadmaps: OverviewRoadmap[]; now: Date }): Promise<DigestHead | null> {
  if (q.roadmaps.length === 0) return null;
  const overview = await buildDigestOverview(db, { personId: q.personId, roadmaps: q.roadmaps, now: q.now, tr });
  const lines = overview.lines;
  if (lines.length === 0) return null; // the roadmaps are gone
  const date = formatDate(tr, overview.today);
  const button = (roadmapId: number, text: string) => [{ text: clip(text, 60), callback_data: packCallback({ kind: "digest", roadmapId }) }];
  const figuresOf = (l: (typeof lines)[number]): string => {
    const c = l.counts;
    if (c.total === 0) return tr.t("digest-overview-nothing");
    return [
      tr.t("digest-overview-figures", { done: c.done, total: c.total - c.cancelled, percent: c.percentDone }),
      c.overdue > 0 ? tr.t("digest-overview-overdue", { count: c.overdue }) : tr.t("digest-overview-no-overdue"),
      ...(l.review > 0 ? [tr.t("digest-overview-review", { count: l.review })] : []),
    ].join(" · ");
  };
  if (lines.length === 1) {
    const l = lines[0]!;
    return {
      text: [`<b>${tr.t("digest-title", { title: escapeHtml(l.name), date })}</b>`, tr.t("digest-head-figures", { figures: figuresOf(l) })].join("\n"),
      rows: [button(l.roadmapId, tr.t("digest-head-button"))],
    };
  }
  const overdue = lines.reduce((n, l) => n + l.counts.overdue, 0);
  const review = lines.reduce((n, l) => n + l.review, 0);
  const parts = [overdue > 0 ? tr.t("digest-overview-total-overdue", { count: overdue }) : tr.t("digest-overview-total-no-overdue")];
  if (review > 0) parts.push(tr.t("digest-overview-total-review", { count: review }));
  return {
    text: [
      `<b>${tr.t("digest-overview-title", { date })}</b>`,
      `${tr.t("digest-overview-count", { count: lines.length })}: ${parts.join(", ")}.`,
      // the first ones (those needing attention), a line each
      ...lines.slice(0, HEAD_BUTTONS).map((l) => `• <b>${escapeHtml(clip(l.name, 80))}</b>: ${figuresOf(l)}`),
      tr.t("digest-head-where"),
    ].join("\n"),
    // the roadmaps needing attention first (the overview's order)
    rows: lines.slice(0, HEAD_BUTTONS).map((l) => button(l.roadmapId, tr.t("digest-overview-button", { id: String(l.roadmapId), name: l.name }))),
  };
}
