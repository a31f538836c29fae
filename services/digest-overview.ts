import { DateTime } from "luxon";
import type { Db } from "./db.ts";
import type { Translator } from "./i18n.ts";
import { cutAtWord, escapeHtml, formatDate, roadmapName } from "./format.ts";
import { loadTotalsAcross, type ProgressCounts } from "./progress.ts";
import { reviewCountsByRoadmap } from "./verification.ts";

// The weekly digest of someone who gets several roadmaps' digests at once (a regional deputy head
// sees every district's roadmap): one message instead of one per roadmap. Per roadmap two lines —
// its name, what is done of how much, what is overdue, what waits for this person's review, and
// the command that shows its full digest — the roadmaps needing attention first, clipped to one
// Telegram message. No chart: a text over 1,024 characters cannot be a photo's caption, so a
// chart would be a second message; each roadmap's own digest (/digest <id>) carries its chart.
// The figures are the ones the roadmap's own digest and /roadmap show, counted for all the roadmaps
// at once (services/progress.ts loadTotalsAcross: a fixed handful of statements however many).

export interface OverviewRoadmap {
  roadmapId: number;
  /** a curator's schools there; null or undefined: the whole roadmap */
  schoolIds?: number[] | null | undefined;
}

export interface OverviewRequest {
  personId: number;
  roadmaps: OverviewRoadmap[];
  now: Date;
  tr: Translator;
}

interface OverviewLine {
  roadmapId: number;
  /** the roadmap as headings name it (by its order) */
  name: string;
  counts: ProgressCounts;
  /** submitted, waiting for this person's decision */
  review: number;
}

export interface DigestOverview {
  /** HTML, within Telegram's 4,096 characters */
  text: string;
  /** every roadmap, the ones needing attention first */
  lines: OverviewLine[];
  /** how many of them the text shows in full (the rest are named by number) */
  shown: number;
  /** the day it is counted on (the earliest of the roadmaps' local days) */
  today: string;
}

/** Telegram's message limit. */
const MESSAGE_LIMIT = 4096;
/** How long the issuing authority may be after the roadmap's name. */
const AUTHORITY_MAX = 70;
/** The numbers of the roadmaps not shown in full, at most this long. */
const IDS_MAX = 1000;

/** The roadmaps needing attention first: most overdue, then most waiting for review, then least done. */
function byAttention(a: OverviewLine, b: OverviewLine): number {
  return b.counts.overdue - a.counts.overdue || b.review - a.review || a.counts.percentDone - b.counts.percentDone || a.roadmapId - b.roadmapId;
}

/** «3 дорожные карты: просрочено 87 поручений, на Вашей проверке 2. Первыми идут …» */
function summary(tr: Translator, lines: OverviewLine[]): string {
  const overdue = lines.reduce((n, r) => n + r.counts.overdue, 0);
  const review = lines.reduce((n, r) => n + r.review, 0);
  const parts = [overdue > 0 ? tr.t("digest-overview-total-overdue", { count: overdue }) : tr.t("digest-overview-total-no-overdue")];
  if (review > 0) parts.push(tr.t("digest-overview-total-review", { count: review }));
  return `${tr.t("digest-overview-count", { count: lines.length })}: ${parts.join(", ")}. ${tr.t("digest-overview-order")}`;
}

export async function buildDigestOverview(db: Db, req: OverviewRequest): Promise<DigestOverview> {
  const { tr } = req;
  const review = await reviewCountsByRoadmap(db, req.personId);
  // each roadmap counted on its own local day, all of them by one aggregation (services/progress.ts)
  const zones = await db.roadmap.findMany({ where: { id: { in: req.roadmaps.map((r) => r.roadmapId) } }, select: { id: true, timezone: true } });
  const todayOf = new Map(zones.map((z) => [z.id, DateTime.fromJSDate(req.now, { zone: z.timezone }).toISODate()!]));
  const scopes = req.roadmaps.flatMap((r) => {
    const today = todayOf.get(r.roadmapId);
    return today ? [{ roadmapId: r.roadmapId, today, ...(r.schoolIds ? { schoolIds: r.schoolIds } : {}) }] : [];
  });
  const totals = await loadTotalsAcross(db, scopes);
  const read = scopes.flatMap((s) => {
    const t = totals.get(s.roadmapId);
    if (!t) return []; // deleted meanwhile
    return [{ roadmapId: s.roadmapId, name: roadmapName(tr, t.roadmap), authority: t.roadmap.authority, schools: s.schoolIds ? t.schools : null, counts: t.totals, review: review.get(s.roadmapId) ?? 0, today: s.today }];
  });
  read.sort(byAttention);

  const date = read.map((r) => r.today).sort()[0] ?? DateTime.fromJSDate(req.now).toISODate()!;
  const head = [
    `<b>${tr.t("digest-overview-title", { date: formatDate(tr, date) })}</b>`,
    summary(tr, read),
  ];
  const block = (r: (typeof read)[number]): string => {
    const name = escapeHtml(r.name);
    const first = [r.authority ? tr.t("digest-overview-name-authority", { name: `<b>${name}</b>`, authority: escapeHtml(cutAtWord(r.authority, AUTHORITY_MAX)) }) : `<b>${name}</b>`];
    if (r.schools !== null) first.push(tr.t("digest-overview-schools", { count: r.schools }));
    const c = r.counts;
    const figures =
      c.total === 0
        ? [tr.t("digest-overview-nothing")]
        : [
            tr.t("digest-overview-figures", { done: c.done, total: c.total - c.cancelled, percent: c.percentDone }),
            c.overdue > 0 ? tr.t("digest-overview-overdue", { count: c.overdue }) : tr.t("digest-overview-no-overdue"),
            ...(r.review > 0 ? [tr.t("digest-overview-review", { count: r.review })] : []),
          ];
    figures.push(tr.t("digest-overview-detail", { id: String(r.roadmapId) }));
    return `${first.join(" · ")}\n${figures.join(" · ")}`;
  };
  const where = read.length > 0 ? ["", tr.t("digest-overview-where", { id: String(read[0]!.roadmapId) })] : [];
  const more = (rest: typeof read): string[] => {
    if (rest.length === 0) return [];
    // by number: what a reader looks for among them
    const all = rest
      .map((r) => r.roadmapId)
      .sort((a, b) => a - b)
      .join(", ");
    // a thousand roadmaps would not fit by number either: the first of them, then «…»
    const ids = all.length <= IDS_MAX ? all : `${all.slice(0, all.lastIndexOf(",", IDS_MAX))}, …`;
    return ["", tr.t("digest-overview-more", { count: rest.length, ids })];
  };
  // as many roadmaps in full as fit, the rest by number
  const blocks: string[] = [];
  let shown = 0;
  const textOf = (n: number) => [...head, ...blocks.slice(0, n).flatMap((b) => ["", b]), ...more(read.slice(n)), ...where].join("\n");
  for (const r of read) {
    blocks.push(block(r));
    if (textOf(blocks.length).length > MESSAGE_LIMIT) {
      blocks.pop();
      break;
    }
    shown++;
  }
  return { text: textOf(shown), lines: read.map(({ roadmapId, name, counts, review }) => ({ roadmapId, name, counts, review })), shown, today: date };
}
