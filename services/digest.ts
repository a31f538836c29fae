import { DateTime } from "luxon";
import type { Db } from "./db.ts";
import type { Translator } from "./i18n.ts";
import { escapeHtml, formatDate, roadmapName } from "./format.ts";
import type { Prisma } from "@prisma/client";
import {
  attachedNotDone,
  firstOfGroups,
  loadProgressGroups,
  loadRowsAcross,
  roadmapAssignments,
  type ItemHead,
  type ProgressCounts,
  type ProgressGroup,
  type ProgressRow,
  type ProgressSummary,
  type WhoWhere,
} from "./progress.ts";
import { clip, pageForReview } from "./verification.ts";
import { OPEN_STATUSES } from "../core/status.ts";
import { progressChart, schoolsChart, schoolsTitle } from "./charts.ts";
import { schoolsToShow } from "./school-list.ts";
import { CAPTION_LIMIT } from "./telegram-text.ts";
import { addDays, daysBetween } from "../core/working-days.ts";
import { isUndated, toDeadlineKind } from "../core/kinds.ts";
import { schoolsIn, scopeOfPerson } from "./scope.ts";
import { awayOn, awayWords, type AwayNote } from "./absence.ts";
import { curatorsAwayAlone, type CuratorAway } from "./cover.ts";
import { initialsFirst } from "../core/names.ts";

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
  /**
   * "caption": the chart is drawn only when the text fits under it as a photo's caption (one
   * message); otherwise it is left out (`chartLeftOut`) and offered by a button (views/digest.ts).
   */
  chart?: "always" | "caption";
  /** HTML put first (a stand-in's «Вместо коллеги: …»), counted in the caption's length */
  lead?: string;
}

export interface Digest {
  /** HTML */
  text: string;
  chart: Buffer | null;
  /** there is a chart to see, not drawn: the text is too long to be its caption */
  chartLeftOut: boolean;
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
/** Attached-but-not-done rows read for the «Напомнить» buttons: as many as views/nudge.ts shows. */
const NUDGE_ROWS = 20;

/** Whole roadmap for its deputy heads, controller and coordinators; a curator's schools otherwise (services/scope.ts). */
async function digestScope(db: Db, personId: number, roadmapId: number): Promise<number[] | null> {
  return schoolsIn(await scopeOfPerson(db, personId), roadmapId);
}

/** A list's line: an item (and one due date: a postponement moves one school's), how many, and the first few who and where. */
interface Line {
  key: string;
  item: ItemHead;
  due: string | null;
  count: number;
  /** the first assignments' school and executor (read for the lines shown only) */
  under: WhoWhere[];
}

/** The schools (with their executors) under an item's line: a few by name, then how many more. */
function under(tr: Translator, line: Line, away: Map<number, AwayNote>): string {
  const lines = line.under.slice(0, SCHOOLS_UNDER).map((r) => {
    const note = r.executorId === null ? undefined : away.get(r.executorId);
    // an executor away: until when, and who covers
    const executor = escapeHtml(r.executor ?? tr.t("digest-no-executor")) + (note ? ` (${awayWords(tr, note)})` : "");
    return `\n    ${r.school ? `${escapeHtml(clip(r.school, 90))} — ${executor}` : executor}`;
  });
  if (line.count > SCHOOLS_UNDER) lines.push(`\n    ${tr.t("digest-more-assignments", { count: line.count - SCHOOLS_UNDER })}`);
  return lines.join("");
}

/** Groups of a list by item and due date, counted, in the order `order` gives (the first seen first among equals). */
function linesOf(groups: ProgressGroup[], items: Map<number, ItemHead>, byDue: boolean): Line[] {
  const out = new Map<string, Line>();
  for (const g of groups) {
    const item = items.get(g.itemId);
    if (!item) continue;
    const key = `${g.itemId}|${byDue ? (g.due ?? "") : ""}`;
    const line = out.get(key) ?? { key, item, due: g.due, count: 0, under: [] };
    line.count += g.weight ?? 1;
    out.set(key, line);
  }
  return [...out.values()].sort((a, b) => (byDue ? (a.due ?? "").localeCompare(b.due ?? "") : 0) || a.item.position - b.item.position || a.item.id - b.item.id);
}

/** An item's title for a list line, cut at a word boundary with «…»: the key alone says nothing to a reader. */
export function shortTitle(title: string, max = TITLE_MAX): string {
  const t = title.replace(/\s+/g, " ").trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.«(–—-]+$/, "")}…`;
}

function item(i: Pick<ItemHead, "key" | "title">): { key: string; title: string } {
  return { key: escapeHtml(i.key), title: escapeHtml(shortTitle(i.title)) };
}

function list<T>(tr: Translator, rows: T[], line: (row: T) => string, limit: number): string[] {
  const out = rows.slice(0, limit).map((r) => `• ${line(r)}`);
  if (rows.length > limit) out.push(tr.t("digest-more", { count: rows.length - limit }));
  return out;
}

/**
 * The digest from aggregates and the top of each list: counts and lists come from the progress
 * summary's groups (SQL GROUP BY, as /roadmap counts), and only the lines shown are read (their
 * first schools and executors), so a region-wide roadmap's digest reads no more than a school's.
 */
export async function buildDigest(db: Db, req: DigestRequest): Promise<Digest> {
  const { tr } = req;
  const schoolIds = req.schoolIds === undefined ? await digestScope(db, req.personId, req.roadmapId) : req.schoolIds;
  const roadmap = await db.roadmap.findUniqueOrThrow({ where: { id: req.roadmapId }, select: { timezone: true } });
  const today = DateTime.fromJSDate(req.now, { zone: roadmap.timezone }).toISODate()!;
  const q = { roadmapId: req.roadmapId, today, ...(schoolIds ? { schoolIds } : {}) };
  const { summary: progress, items, groups: all } = await loadProgressGroups(db, q);
  const groups = all.filter((g) => g.status !== "cancelled");
  const c = progress.totals;

  const lines: string[] = [...(req.lead ? [req.lead, ""] : []), `<b>${tr.t("digest-title", { title: escapeHtml(roadmapName(tr, progress.roadmap)), date: formatDate(tr, today) })}</b>`];
  if (schoolIds) {
    // a curator of many schools gets their number, not a heading longer than Telegram's message
    const names = progress.bySchool.map((s) => s.name).join("; ");
    lines.push(
      progress.bySchool.length <= NAMED_SCHOOLS && names.length <= NAMED_SCHOOLS_CHARS
        ? tr.t("digest-title-schools", { schools: escapeHtml(names) })
        : tr.t("digest-title-schools-count", { count: progress.bySchool.length }),
    );
  }
  if (groups.length === 0) {
    lines.push("", tr.t("digest-nothing"));
    return { text: lines.join("\n"), chart: null, chartLeftOut: false, attached: [], counts: c, schoolIds };
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
  const horizon = addDays(today, SOON_DAYS);
  const overdue = linesOf(groups.filter((g) => g.shown === "overdue" && g.due), items, true);
  const soon = linesOf(
    groups.filter((g) => !g.done && g.shown !== "overdue" && g.status !== "submitted" && g.due && g.due >= today && g.due <= horizon),
    items,
    true,
  );
  // attached but not marked done: counted by SQL per item; the rows of the «Напомнить» buttons read up to their number
  const scope = roadmapAssignments(q);
  const inScope = (where: Prisma.AssignmentWhereInput): Prisma.AssignmentWhereInput => ({ AND: [scope, { status: { in: [...OPEN_STATUSES] } }, where] });
  const withEvidence = inScope({ evidence: { some: {} } });
  const [attachedCounts, review, nudgeRows] = await Promise.all([
    db.assignment.groupBy({ by: ["itemId"], where: withEvidence, _count: { _all: true } }),
    // what waits for this person's decision is exactly what /verify lists them (services/verification.ts)
    pageForReview(db, req.personId, LIST_LIMIT, undefined, req.roadmapId),
    loadRowsAcross(db, [{ roadmapId: req.roadmapId, today, ...(schoolIds ? { schoolIds } : {}) }], { status: { in: [...OPEN_STATUSES] }, evidence: { some: {} } }, { limit: NUDGE_ROWS }),
  ]);
  const attachedLines = linesOf(
    attachedCounts.map((g) => ({ itemId: g.itemId, schoolId: null, assignmentId: 0, status: "in_progress", shown: "in_progress", done: false, unassigned: false, due: null, weight: g._count._all })),
    items,
    false,
  );
  const attachedTotal = attachedLines.reduce((n, l) => n + l.count, 0);
  // the first schools and executors of the lines that can be shown
  const dueWhere = (l: Line): Prisma.AssignmentWhereInput => {
    const multi = groups.filter((g) => g.itemId === l.item.id && g.due === l.due && g.assignmentId);
    if (l.item.parts.length > 0) return { id: { in: multi.slice(0, SCHOOLS_UNDER).map((g) => g.assignmentId!) } };
    return { itemId: l.item.id, OR: [{ dueOverride: l.due }, ...(l.item.deadlineDue === l.due ? [{ dueOverride: null }] : [])] };
  };
  const specs = [
    ...overdue.slice(0, LIST_LIMIT).map((l) => ({ key: `o${l.key}`, where: inScope(dueWhere(l)) })),
    ...soon.slice(0, LIST_LIMIT).map((l) => ({ key: `s${l.key}`, where: inScope(dueWhere(l)) })),
    ...attachedLines.slice(0, LIST_LIMIT).map((l) => ({ key: `a${l.key}`, where: { AND: [withEvidence, { itemId: l.item.id }] } })),
  ];
  const found = await firstOfGroups(db, specs, SCHOOLS_UNDER);
  const nobody: WhoWhere[] = [{ school: null, executor: null, executorId: null }];
  // an item nobody is assigned to is one line with nobody under it
  for (const [prefix, list] of [["o", overdue], ["s", soon], ["a", attachedLines]] as const) for (const l of list) {
      const first = found.get(`${prefix}${l.key}`) ?? [];
      l.under = first.length > 0 ? first : nobody;
    }
  const attached = [...(nudgeRows.get(req.roadmapId) ?? [])].filter(attachedNotDone);
  const away = await awayOn(db, [...found.values()].flatMap((list) => list.flatMap((w) => (w.executorId === null ? [] : [w.executorId]))), today);

  const body = (limit: number): string[] => {
    const lines: string[] = [];
    if (overdue.length > 0) {
      const count = overdue.reduce((n, l) => n + l.count, 0);
      lines.push("", `<b>${tr.t("digest-overdue-heading", { count, items: overdue.length })}</b>`);
      lines.push(...list(tr, overdue, (l) => tr.t("digest-overdue-item", { ...item(l.item), days: daysBetween(l.due!, today) }) + under(tr, l, away), limit));
    }
    if (soon.length > 0) {
      const count = soon.reduce((n, l) => n + l.count, 0);
      lines.push("", `<b>${tr.t("digest-due-soon-heading", { count, items: soon.length })}</b>`);
      lines.push(...list(tr, soon, (l) => tr.t("digest-due-soon-item", { ...item(l.item), date: formatDate(tr, l.due) }) + under(tr, l, away), limit));
    }
    if (review.count > 0) {
      lines.push("", `<b>${tr.t("digest-evidence-heading", { count: review.count })}</b>`);
      const shown = review.entries.slice(0, limit);
      lines.push(...shown.map((e) => `• ${tr.t("digest-evidence-line", { key: escapeHtml(e.itemKey), title: escapeHtml(shortTitle(e.itemTitle)), who: escapeHtml([e.executorName, e.schoolName].filter(Boolean).join(", ")) })}`));
      if (review.count > shown.length) lines.push(tr.t("digest-more", { count: review.count - shown.length }));
      lines.push(tr.t("digest-evidence-where"));
    }
    if (attachedTotal > 0) {
      lines.push("", `<b>${tr.t("digest-attached-heading", { count: attachedTotal })}</b>`);
      lines.push(...list(tr, attachedLines, (l) => tr.t("digest-attached-item", item(l.item)) + under(tr, l, away), limit));
    }
    return lines;
  };
  const tail: string[] = [];
  const activeFrom = progress.roadmap.activeFrom;
  if (activeFrom) {
    const before = new Set(groups.filter((g) => !g.done && g.due && g.due < activeFrom).map((g) => g.itemId));
    if (before.size > 0) tail.push("", tr.t("digest-overdue-at-activation", { count: before.size, date: formatDate(tr, activeFrom) }));
  }
  const present = [...new Set(groups.map((g) => g.itemId))].flatMap((id) => (items.has(id) ? [items.get(id)!] : [])).sort((a, b) => a.position - b.position || a.id - b.id);
  const noDeadline = present.filter((i) => isUndated(toDeadlineKind(i.deadlineKind)));
  const unknown = [...new Set(present.filter((i) => i.deadlineKind === "unknown").map((i) => i.key))];
  if (noDeadline.length > 0 || unknown.length > 0) tail.push("");
  if (noDeadline.length > 0) tail.push(tr.t("digest-no-deadline", { count: noDeadline.length }));
  if (unknown.length > 0) {
    const keys = escapeHtml(unknown.slice(0, KEYS_LIMIT).join(", "));
    tail.push(tr.t("digest-unrecognised", { keys: unknown.length > KEYS_LIMIT ? `${keys} ${tr.t("digest-more", { count: unknown.length - KEYS_LIMIT })}` : keys }));
  }
  if (c.unassigned > 0) tail.push(tr.t("digest-unassigned", { count: c.unassigned }));
  // the whole roadmap (a deputy head's): curators away with nobody standing in — their schools' work waits
  if (!schoolIds) tail.push(...curatorsAwayLines(tr, await curatorsAwayAlone(db, req.roadmapId, today)));

  // a deputy head's digest of a big roadmap: fewer lines per list rather than a message Telegram refuses
  const fits = (listed: string[]) => [...head, ...listed, ...tail].join("\n").length <= MESSAGE_LIMIT;
  let listed = body(LIST_LIMIT);
  for (let limit = LIST_LIMIT - 1; limit >= 0 && !fits(listed); limit--) listed = body(limit);
  lines.push(...head, ...listed, ...tail);

  const text = lines.join("\n");
  if (req.chart === "caption" && text.length > CAPTION_LIMIT) return { text, chart: null, chartLeftOut: true, attached, counts: c, schoolIds };
  return { text, chart: drawChart(tr, progress), chartLeftOut: false, attached, counts: c, schoolIds };
}

function drawChart(tr: Translator, progress: Pick<ProgressSummary, "bySchool" | "bySection">): Buffer | null {
  try {
    if (progress.bySchool.length <= 1) return progressChart(progress.bySection, tr);
    const { shown } = schoolsToShow(progress.bySchool);
    return schoolsChart(shown, tr, schoolsTitle(tr, shown.length, progress.bySchool.length));
  } catch {
    return null; // a digest without its picture is still a digest
  }
}

/** The digest's chart alone, as of now (the button under a digest too long to be its caption); null when there is nothing to chart. */
export async function digestChart(db: Db, req: Omit<DigestRequest, "chart">): Promise<{ chart: Buffer; title: string; today: string } | null> {
  const schoolIds = req.schoolIds === undefined ? await digestScope(db, req.personId, req.roadmapId) : req.schoolIds;
  const roadmap = await db.roadmap.findUnique({ where: { id: req.roadmapId }, select: { timezone: true } });
  if (!roadmap) return null;
  const today = DateTime.fromJSDate(req.now, { zone: roadmap.timezone }).toISODate()!;
  const { summary, groups } = await loadProgressGroups(db, { roadmapId: req.roadmapId, today, ...(schoolIds ? { schoolIds } : {}) });
  if (groups.every((g) => g.status === "cancelled")) return null;
  const chart = drawChart(req.tr, summary);
  return chart ? { chart, title: roadmapName(req.tr, summary.roadmap), today } : null;
}

/** «Кураторы в отпуске без замены: • Н.П. Кураторова (МБОУ СОШ № 1) — до 15 июня 2023». */
function curatorsAwayLines(tr: Translator, away: CuratorAway[]): string[] {
  if (away.length === 0) return [];
  const lines = away.slice(0, LIST_LIMIT).map((a) =>
    tr.t("digest-curator-away", { name: escapeHtml(initialsFirst(a.name)), schools: escapeHtml(shortList(a.schools)), date: formatDate(tr, a.to) }),
  );
  if (away.length > LIST_LIMIT) lines.push(tr.t("digest-more", { count: away.length - LIST_LIMIT }));
  return ["", `<b>${tr.t("digest-curators-away-heading", { count: away.length })}</b>`, ...lines];
}

const shortList = (names: string[]) => (names.length > 3 ? `${names.slice(0, 3).join(", ")} …` : names.join(", "));
