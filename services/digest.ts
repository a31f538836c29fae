import { DateTime } from "luxon";
import type { Db } from "./db.ts";
import type { Translator } from "./i18n.ts";
import { escapeHtml, formatDate, roadmapName } from "./format.ts";
import { attachedNotDone, loadProgress, type ProgressCounts, type ProgressRow } from "./progress.ts";
import { clip, listForReview } from "./verification.ts";
import { progressChart, schoolsChart } from "./charts.ts";
import { addDays, daysBetween } from "../core/working-days.ts";
import { isUndated } from "../core/kinds.ts";
import { schoolsIn, scopeOfPerson } from "./scope.ts";
import { awayOn, awayWords, type AwayNote } from "./absence.ts";

// The weekly digest: a deputy head sees the whole roadmap, a curator their schools. Figures come
// from services/progress.ts (the same numbers as /roadmap and the exports); the chart from
// services/charts.ts — by school when there are several, else by section.

export interface DigestRequest {
  personId: number;
  roadmapId: number;
  now: Date;
  tr: Translator;
  /** a curator's schools; undefined: worked out from the person's roles */
  schoolIds?: number[] | null;
}

export interface Digest {
  /** HTML */
  text: string;
  chart: Buffer | null;
  /** attached but not marked done: the rows a «Напомнить» button goes with (views/nudge.ts) */
  attached: ProgressRow[];
  counts: ProgressCounts;
  /** the scope: null = the whole roadmap */
  schoolIds: number[] | null;
}

const LIST_LIMIT = 15;
/** The heading names a curator's schools up to this many (and this long); beyond, it counts them. */
const NAMED_SCHOOLS = 5;
const NAMED_SCHOOLS_CHARS = 300;
/** Unrecognised deadlines: the keys listed up to this many. */
const KEYS_LIMIT = 20;
/** Telegram's message limit; the lists shrink until the digest fits */
const MESSAGE_LIMIT = 4096;
const TITLE_MAX = 60;
/** Schools named under an item's line in a list; the rest are counted. */
const SCHOOLS_UNDER = 3;

const SOON_DAYS = 14;

/** Whole roadmap for its deputy heads, controller and coordinators; a curator's schools otherwise (services/scope.ts). */
async function digestScope(db: Db, personId: number, roadmapId: number): Promise<number[] | null> {
  return schoolsIn(await scopeOfPerson(db, personId), roadmapId);
}

/** Rows of one item (and one due date: a postponement moves one school's) together, in first-seen order. */
function byItem(rows: ProgressRow[]): ProgressRow[][] {
  const groups = new Map<string, ProgressRow[]>();
  for (const r of rows) {
    const k = `${r.itemId}|${r.due ?? ""}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  return [...groups.values()];
}

/** The schools (with their executors) under an item's line: a few by name, then how many more. */
function under(tr: Translator, group: ProgressRow[], away: Map<number, AwayNote>): string {
  const lines = group.slice(0, SCHOOLS_UNDER).map((r) => {
    const note = r.executor ? away.get(r.executor.id) : undefined;
    // an executor away: until when, and who covers
    const executor = escapeHtml(r.executor?.name ?? tr.t("digest-no-executor")) + (note ? ` (${awayWords(tr, note)})` : "");
    return `\n    ${r.school ? `${escapeHtml(clip(r.school.name, 90))} — ${executor}` : executor}`;
  });
  if (group.length > SCHOOLS_UNDER) lines.push(`\n    ${tr.t("digest-more-schools", { count: group.length - SCHOOLS_UNDER })}`);
  return lines.join("");
}


/** An item's title for a list line, cut at a word boundary with «…»: the key alone says nothing to a reader. */
export function shortTitle(title: string, max = TITLE_MAX): string {
  const t = title.replace(/\s+/g, " ").trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.«(–—-]+$/, "")}…`;
}

function item(r: ProgressRow): { key: string; title: string } {
  return { key: escapeHtml(r.itemKey), title: escapeHtml(shortTitle(r.title)) };
}

function list<T>(tr: Translator, rows: T[], line: (row: T) => string, limit: number): string[] {
  const out = rows.slice(0, limit).map((r) => `• ${line(r)}`);
  if (rows.length > limit) out.push(tr.t("digest-more", { count: rows.length - limit }));
  return out;
}

export async function buildDigest(db: Db, req: DigestRequest): Promise<Digest> {
  const { tr } = req;
  const schoolIds = req.schoolIds === undefined ? await digestScope(db, req.personId, req.roadmapId) : req.schoolIds;
  const roadmap = await db.roadmap.findUniqueOrThrow({ where: { id: req.roadmapId }, select: { timezone: true } });
  const today = DateTime.fromJSDate(req.now, { zone: roadmap.timezone }).toISODate()!;
  const progress = await loadProgress(db, { roadmapId: req.roadmapId, today, ...(schoolIds ? { schoolIds } : {}) });
  const rows = progress.rows.filter((r) => r.status !== "cancelled");
  const c = progress.totals;

  const lines: string[] = [`<b>${tr.t("digest-title", { title: escapeHtml(roadmapName(tr, progress.roadmap)), date: formatDate(tr, today) })}</b>`];
  if (schoolIds) {
    // a curator of many schools gets their number, not a heading longer than Telegram's message
    const names = progress.bySchool.map((s) => s.name).join("; ");
    lines.push(
      progress.bySchool.length <= NAMED_SCHOOLS && names.length <= NAMED_SCHOOLS_CHARS
        ? tr.t("digest-title-schools", { schools: escapeHtml(names) })
        : tr.t("digest-title-schools-count", { count: progress.bySchool.length }),
    );
  }
  if (rows.length === 0) {
    lines.push("", tr.t("digest-nothing"));
    return { text: lines.join("\n"), chart: null, attached: [], counts: c, schoolIds };
  }
  lines.push(
    "",
    tr.t("digest-counts", {
      notStarted: c.notStarted,
      inProgress: c.inProgress + c.returned + c.postponed,
      submitted: c.submitted,
      overdue: c.overdue,
      done: c.done,
      percent: c.percentDone,
      total: c.total,
      items: c.items,
    }),
  );

  const head = lines.splice(0);
  // what waits for this person's decision is exactly what /verify lists them (services/verification.ts)
  const review = (await listForReview(db, req.personId)).filter((e) => e.roadmapId === req.roadmapId);
  const attached = rows.filter(attachedNotDone);
  const away = await awayOn(db, rows.flatMap((r) => (r.executor ? [r.executor.id] : [])), today);
  const body = (limit: number): string[] => {
    const lines: string[] = [];
    const overdue = rows.filter((r) => r.shown === "overdue" && r.due);
    if (overdue.length > 0) {
      const groups = byItem(overdue).sort((a, b) => a[0]!.due!.localeCompare(b[0]!.due!));
      lines.push("", `<b>${tr.t("digest-overdue-heading", { count: overdue.length, items: groups.length })}</b>`);
      lines.push(...list(tr, groups, (g) => tr.t("digest-overdue-item", { ...item(g[0]!), days: daysBetween(g[0]!.due!, today) }) + under(tr, g, away), limit));
    }

    const horizon = addDays(today, SOON_DAYS);
    const soon = rows.filter((r) => !r.done && r.shown !== "overdue" && r.status !== "submitted" && r.due && r.due >= today && r.due <= horizon);
    if (soon.length > 0) {
      const groups = byItem(soon).sort((a, b) => a[0]!.due!.localeCompare(b[0]!.due!));
      lines.push("", `<b>${tr.t("digest-due-soon-heading", { count: soon.length, items: groups.length })}</b>`);
      lines.push(...list(tr, groups, (g) => tr.t("digest-due-soon-item", { ...item(g[0]!), date: formatDate(tr, g[0]!.due) }) + under(tr, g, away), limit));
    }

    if (review.length > 0) {
      lines.push("", `<b>${tr.t("digest-evidence-heading", { count: review.length })}</b>`);
      lines.push(...list(tr, review, (e) => tr.t("digest-evidence-line", { key: escapeHtml(e.itemKey), title: escapeHtml(shortTitle(e.itemTitle)), who: escapeHtml([e.executorName, e.schoolName].filter(Boolean).join(", ")) }), limit));
      lines.push(tr.t("digest-evidence-where"));
    }

    if (attached.length > 0) {
      const groups = byItem(attached);
      lines.push("", `<b>${tr.t("digest-attached-heading", { count: attached.length })}</b>`);
      lines.push(...list(tr, groups, (g) => tr.t("digest-attached-item", item(g[0]!)) + under(tr, g, away), limit));
    }
    return lines;
  };
  const tail: string[] = [];
  const activeFrom = progress.roadmap.activeFrom;
  if (activeFrom) {
    const before = new Set(rows.filter((r) => !r.done && r.due && r.due < activeFrom).map((r) => r.itemId));
    if (before.size > 0) tail.push("", tr.t("digest-overdue-at-activation", { count: before.size, date: formatDate(tr, activeFrom) }));
  }
  const noDeadline = new Set(rows.filter((r) => isUndated(r.deadlineKind)).map((r) => r.itemId));
  const unknown = [...new Set(rows.filter((r) => r.deadlineKind === "unknown").map((r) => r.itemKey))];
  if (noDeadline.size > 0 || unknown.length > 0) tail.push("");
  if (noDeadline.size > 0) tail.push(tr.t("digest-no-deadline", { count: noDeadline.size }));
  if (unknown.length > 0) {
    const keys = escapeHtml(unknown.slice(0, KEYS_LIMIT).join(", "));
    tail.push(tr.t("digest-unrecognised", { keys: unknown.length > KEYS_LIMIT ? `${keys} ${tr.t("digest-more", { count: unknown.length - KEYS_LIMIT })}` : keys }));
  }
  if (c.unassigned > 0) tail.push(tr.t("digest-unassigned", { count: c.unassigned }));

  // a deputy head's digest of a big roadmap: fewer lines per list rather than a message Telegram refuses
  const fits = (listed: string[]) => [...head, ...listed, ...tail].join("\n").length <= MESSAGE_LIMIT;
  let listed = body(LIST_LIMIT);
  for (let limit = LIST_LIMIT - 1; limit >= 0 && !fits(listed); limit--) listed = body(limit);
  lines.push(...head, ...listed, ...tail);

  let chart: Buffer | null;
  try {
    chart = progress.bySchool.length > 1 ? schoolsChart(progress.bySchool, tr) : progressChart(progress.bySection, tr);
  } catch {
    chart = null; // a digest without its picture is still a digest
  }
  return { text: lines.join("\n"), chart, attached, counts: c, schoolIds };
}
