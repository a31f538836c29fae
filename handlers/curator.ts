import type { InlineKeyboardMarkup } from "telegraf/types";
import { DateTime } from "luxon";
import type { BotContext } from "../bot/context.ts";
import type { ButtonContext, CommandContext } from "../bot/roles.ts";
import { MESSAGE_LIMIT, replyHtml } from "../bot/reply.ts";
import type { Translator } from "../services/i18n.ts";
import { cutAtWord, escapeHtml, formatDate, roadmapName } from "../services/format.ts";
import { attachedNotDone, countsOf, loadOverdue, loadRowsAcross, overdueKey, type OverdueGroup, type ProgressRow } from "../services/progress.ts";
import { nudgeKeyboard } from "../views/nudge.ts";
import { itemCard } from "../views/cards.ts";
import { clip, translatorFor } from "../services/verification.ts";
import { findSchools, schoolById } from "../services/school-lookup.ts";
import { curatedSchoolIds, curatorOnly, scopeOf, visibleRoadmaps, type Scope } from "../services/scope.ts";
import { packCallback, type CallbackOf } from "../views/callbacks.ts";
import { nudgeExecutor } from "../services/nudge.ts";
import { awayOn, awayWords, type AwayNote } from "../services/absence.ts";

// The curator's view: /school <name or part> — every assignment of that school; /overdue —
// what is overdue where the person looks (curator: their schools, in the roadmaps they were
// appointed for; deputy head: their roadmaps; coordinator: everything — services/scope.ts).

export function localToday(now: Date, zone: string): string {
  return DateTime.fromJSDate(now, { zone }).toISODate() ?? now.toISOString().slice(0, 10);
}

function statusWord(tr: Translator, row: ProgressRow): string {
  // late work that has started says both, as the executor's card does: «в работе (просрочено)»
  if (row.shown === "overdue" && row.status !== "not_started")
    return tr.t("curator-status-late", { status: tr.t(`status-${row.status}`), overdue: tr.t("status-overdue") });
  return tr.t(`status-${row.shown}`);
}

function evidenceWords(tr: Translator, row: ProgressRow): string[] {
  return row.evidence.map((e) => {
    const what =
      e.kind === "link" && e.url
        ? tr.t("curator-evidence-link", { url: escapeHtml(e.url) })
        : tr.t("curator-evidence-file", { name: escapeHtml(e.fileName ?? "") });
    // evidence is «на проверке» only once the executor has said «Выполнено»; before that it is just attached
    const state = e.status === "accepted" || e.status === "returned" ? e.status : row.status === "submitted" ? "submitted" : "attached";
    return `    ${what} (${tr.t(`curator-evidence-status-${state}`)})`;
  });
}

/** How long an item's title is in a list (/overdue, /unassigned): enough to recognise it; the card has the rest. */
const SHORT_TITLE = 55;

/** A title cut for a list at a word boundary, with «…». */
export function shortTitle(title: string, max = SHORT_TITLE): string {
  return cutAtWord(title, max);
}

/** Russian alphabetical order (as localeCompare(b, "ru")), one collator for every comparison. */
const ruOrder = new Intl.Collator("ru").compare;

/**
 * Schools named compactly in a list where the same schools repeat item after item: every school
 * of the list as «все школы (6)» (the list's legend names them once), a few by name, most of them
 * as «все, кроме: …», else a count and a short list. `all` is every school the list mentions.
 */
export class SchoolWords {
  usedAll = false;
  private readonly all: string[];
  constructor(
    private readonly tr: Translator,
    all: Iterable<string>,
  ) {
    this.all = [...new Set(all)].sort(ruOrder);
  }

  text(schools: string[]): string {
    const names = [...new Set(schools)].sort(ruOrder);
    const list = (values: string[], max: number) =>
      escapeHtml(
        shortList(
          values.map((v) => clip(v, 80)),
          max,
        ),
      );
    if (names.length === 0) return "";
    if (names.length > 2 && names.length === this.all.length) {
      this.usedAll = true;
      return this.tr.t("curator-schools-all", { count: names.length });
    }
    if (names.length <= 3) return list(names, 300);
    const named = new Set(names);
    const missing = this.all.filter((s) => !named.has(s));
    if (missing.length <= 2) return this.tr.t("curator-schools-except", { count: names.length, schools: list(missing, 200) });
    return this.tr.t("curator-schools-some", { count: names.length, schools: list(names, 200) });
  }

  /** The schools beside a party as shown (escaped): nothing when the party is that one school, said once, not «… ООШ»: … ООШ»». */
  beside(shown: string, schools: string[]): string {
    return schools.length === 1 && escapeHtml(clip(schools[0]!, 120)) === shown ? "" : this.text(schools);
  }

  /** The line naming every school once, when some line said «все школы». */
  legend(): string | null {
    return this.usedAll ? this.tr.t("curator-schools-legend", { count: this.all.length, schools: escapeHtml(shortList(this.all, 1000)) }) : null;
  }
}

/** Up to `max` characters of a list, then «…». */
function shortList(values: string[], max: number): string {
  const out: string[] = [];
  let size = 0;
  for (const v of values) {
    if (out.length > 0 && size + v.length > max) {
      out.push("…");
      break;
    }
    out.push(v);
    size += v.length + 2;
  }
  return out.join(", ");
}

/**
 * Blocks of lines fitted into one message: the head, as many blocks as fit, then the «…и ещё»
 * line for the rest and the tail. A block without lines was counted and not read: it and those
 * after it go to the «…и ещё» line.
 */
export function fitMessage(
  head: string[],
  blocks: Array<{ lines: string[] | null; rows: number }>,
  more: (items: number, rows: number) => string,
  tail: string[] = [],
): string {
  // the raw HTML is longer than what Telegram counts, so under MESSAGE_LIMIT here is under it there
  const budget = MESSAGE_LIMIT;
  const reserve = tail.join("\n").length + more(blocks.length, 99_999).length + 2;
  let size = head.join("\n").length;
  const out = [...head];
  let shown = 0;
  for (const b of blocks) {
    // a block not read (only counted) ends what is shown
    if (!b.lines) break;
    const text = b.lines.join("\n");
    if (size + text.length + 1 + reserve > budget) break;
    out.push(text);
    size += text.length + 1;
    shown++;
  }
  if (shown < blocks.length) {
    const rest = blocks.slice(shown);
    out.push(
      more(
        rest.length,
        rest.reduce((n, b) => n + b.rows, 0),
      ),
    );
  }
  return [...out, ...tail].join("\n");
}

const MAX_CHOICES = 10;

/** Where an item stands in /school: what needs someone first, what is finished last. */
function urgency(rows: ProgressRow[]): number {
  if (rows.some((r) => r.shown === "overdue")) return 0;
  if (rows.some((r) => r.shown === "submitted" || attachedNotDone(r))) return 1;
  if (rows.every((r) => r.done || r.status === "cancelled")) return 3;
  return 2;
}

/** The executor's name, and while they are away until when and who covers. */
function executorWords(tr: Translator, row: ProgressRow, away: Map<number, AwayNote>): string {
  if (!row.executor) return tr.t("curator-no-executor", { party: escapeHtml(clip(row.partyText ?? "", 120)) });
  const note = away.get(row.executor.id);
  return escapeHtml(row.executor.fullName) + (note ? ` (${awayWords(tr, note)})` : "");
}

function itemBlock(tr: Translator, rows: ProgressRow[], away: Map<number, AwayNote>): string[] {
  const first = rows[0]!;
  // a title that ran over several lines in the document stays one line here (the facts under it keep their indent)
  const lines = [`<b>${escapeHtml(first.itemKey)}.</b> ${escapeHtml(shortTitle(first.title, 160))}`];
  for (const row of rows) {
    const facts = [
      statusWord(tr, row),
      row.due ? tr.t("curator-due", { date: formatDate(tr, row.due) }) : tr.t("curator-no-due"),
      executorWords(tr, row, away),
    ];
    lines.push(`    ${facts.join(" · ")}`, ...evidenceWords(tr, row));
  }
  return lines;
}

async function showSchool(ctx: BotContext, scope: Scope, school: { id: number; name: string }): Promise<void> {
  const tr = ctx.tr;
  const now = ctx.deps.clock.now();
  // a roadmap seen through some schools only: this school must be one of them there
  const roadmaps = (await visibleRoadmaps(ctx.deps.db, scope)).filter((r) => !r.schoolIds || r.schoolIds.includes(school.id));
  const head: string[] = [tr.t("curator-school-header", { school: escapeHtml(school.name) })];
  const blocks: Array<{ lines: string[]; rows: number }> = [];
  const nudgeable: ProgressRow[] = [];
  // one read for every roadmap (services/progress.ts), not one per roadmap; the roadmaps as read
  // above, and no section, comment or verifier's name (this list shows none)
  const found = await loadRowsAcross(
    ctx.deps.db,
    roadmaps.map((r) => ({ roadmapId: r.id, schoolIds: [school.id], today: localToday(now, r.timezone), head: r })),
    {},
    { list: true },
  );
  // who of the executors is away today, and who covers
  const executorIds = [...found.values()].flat().flatMap((row) => (row.executor ? [row.executor.id] : []));
  const away = await awayOn(ctx.deps.db, executorIds, localToday(now, ctx.deps.config.DEFAULT_TIMEZONE));
  for (const r of roadmaps) {
    const rows = found.get(r.id) ?? [];
    if (rows.length === 0) continue;
    const totals = countsOf(rows, r.needsVerification);
    // one block per item, whoever and however many carry it at this school
    const byItem = new Map<number, ProgressRow[]>();
    for (const row of rows) byItem.set(row.itemId, [...(byItem.get(row.itemId) ?? []), row]);
    const groups = [...byItem.values()].map((g, i) => ({ g, i, u: urgency(g) })).sort((a, b) => a.u - b.u || a.i - b.i);
    const finished = groups.filter((x) => x.u === 3);
    const header = [
      "",
      tr.t("curator-roadmap-header", {
        title: escapeHtml(roadmapName(tr, r)),
        id: r.id,
        done: totals.done,
        total: totals.total,
        items: totals.items,
        percent: totals.percentDone,
      }),
    ];
    let first = true;
    for (const { g } of groups.filter((x) => x.u < 3)) {
      blocks.push({ lines: [...(first ? header : []), ...itemBlock(tr, g, away)], rows: 1 });
      first = false;
    }
    // finished work in one line of keys: the curator needs to know it is done, not read it again
    if (finished.length > 0) {
      const keys = finished.map((x) => escapeHtml(x.g[0]!.itemKey)).join(", ");
      blocks.push({ lines: [...(first ? header : []), tr.t("curator-school-finished", { count: finished.length, keys: clip(keys, 600) })], rows: 0 });
    }
    nudgeable.push(...rows);
  }
  if (blocks.length === 0) return replyHtml(ctx, [...head, "", tr.t("curator-school-empty")].join("\n"));
  const text = fitMessage(head, blocks, (items) => tr.t("curator-school-more", { items }));
  await replyHtml(ctx, text, nudgeKeyboard(tr, nudgeable) ?? undefined);
}

/** /school <name or part>: every assignment of that school the person may see. */
export async function schoolCommand(ctx: CommandContext): Promise<unknown> {
  const text = ctx.payload.trim();
  if (!text) return replyHtml(ctx, ctx.tr.t("curator-school-usage"));
  if (text.length > 200) return replyHtml(ctx, ctx.tr.t("curator-school-not-found", { text: escapeHtml(clip(text, 50)) }));
  const scope = await scopeOf(ctx.deps.db, ctx.person);
  let schools = await findSchools(ctx.deps.db, text);
  // a curator alone sees their own schools only; a deputy head sees any school within their roadmaps
  if (curatorOnly(scope)) schools = schools.filter((s) => curatedSchoolIds(scope).includes(s.id));
  if (schools.length === 0) return replyHtml(ctx, ctx.tr.t("curator-school-not-found", { text: escapeHtml(text) }));
  if (schools.length === 1) return showSchool(ctx, scope, schools[0]!);
  const keyboard: InlineKeyboardMarkup = {
    inline_keyboard: schools.slice(0, MAX_CHOICES).map((s) => [{ text: clip(s.name, 60), callback_data: packCallback({ kind: "school", schoolId: s.id }) }]),
  };
  await replyHtml(ctx, ctx.tr.t("curator-school-choose", { count: schools.length }), keyboard);
}

/** One of the schools /school found. */
export async function schoolPressed(ctx: ButtonContext, data: CallbackOf<"school">): Promise<unknown> {
  await ctx.answerCbQuery();
  const scope = await scopeOf(ctx.deps.db, ctx.person);
  const school = await schoolById(ctx.deps.db, data.schoolId);
  if (!school || (curatorOnly(scope) && !curatedSchoolIds(scope).includes(school.id)))
    return replyHtml(ctx, ctx.tr.t("curator-not-allowed"));
  await showSchool(ctx, scope, school);
}

/** /overdue: what is overdue where the person looks. */
export async function overdueCommand(ctx: CommandContext): Promise<unknown> {
  const tr = ctx.tr;
  const scope = await scopeOf(ctx.deps.db, ctx.person);
  const now = ctx.deps.clock.now();
  // today once a time zone: a region's 61 roadmaps are in 11 (each date in a zone costs Intl a tenth of a millisecond)
  const todayIn = new Map<string, string>();
  const today = (zone: string) => todayIn.get(zone) ?? todayIn.set(zone, localToday(now, zone)).get(zone)!;
  const roadmaps = (await visibleRoadmaps(ctx.deps.db, scope)).map((r) => ({ ...r, today: today(r.timezone) }));
  const byId = new Map(roadmaps.map((r) => [r.id, r]));
  /** a group's first line: its item, due date and how late */
  const itemLine = (g: OverdueGroup, item: { key: string; title: string }) =>
    tr.t("curator-overdue-item", {
      key: escapeHtml(item.key),
      title: escapeHtml(shortTitle(item.title)),
      due: tr.t("curator-due", { date: formatDate(tr, g.due) }),
      days: Math.round((Date.parse(byId.get(g.roadmapId)!.today) - Date.parse(g.due)) / 86_400_000),
    });
  // counted by aggregation everywhere the person looks; only the rows of the first groups the
  // message can show are read (services/progress.ts): a block is at least its item's line, a line
  // «    • …» under it and the two line breaks
  const read = await loadOverdue(
    ctx.deps.db,
    roadmaps.map((r) => ({ roadmapId: r.id, schoolIds: r.schoolIds, today: r.today, head: r })),
    { shown: { budget: MESSAGE_LIMIT, floor: (g, item) => itemLine(g, item).length + "\n    • \n".length } },
  );
  if (read.total === 0) return replyHtml(ctx, tr.t("curator-overdue-none"));
  const perRoadmap = new Map<number, number>();
  for (const g of read.groups) perRoadmap.set(g.roadmapId, (perRoadmap.get(g.roadmapId) ?? 0) + g.count);
  const schools = new SchoolWords(tr, read.schools);
  const away = await awayOn(ctx.deps.db, [...read.rows.values()].flatMap((rows) => rows.flatMap((row) => (row.executor ? [row.executor.id] : []))), localToday(now, ctx.deps.config.DEFAULT_TIMEZONE));
  const blocks: Array<{ lines: string[] | null; rows: number }> = [];
  let last: number | null = null;
  for (const g of read.groups) {
    const group = read.rows.get(overdueKey(g));
    const roadmap = byId.get(g.roadmapId)!;
    const first = last !== g.roadmapId;
    last = g.roadmapId;
    if (!group || group.length === 0) {
      blocks.push({ lines: null, rows: g.count });
      continue;
    }
    // one block per item (and due date: a postponement may move one school's), who and where beneath
    const row = group[0]!;
    const lines = first
      ? ["", tr.t("curator-overdue-roadmap", { title: escapeHtml(roadmapName(tr, roadmap)), id: roadmap.id, count: perRoadmap.get(g.roadmapId)! })]
      : [];
    lines.push(itemLine(g, { key: row.itemKey, title: row.title }));
    // everyone on one line (a person with their schools), the parties still without an executor on another
    const byWho = new Map<string, ProgressRow[]>();
    const byParty = new Map<string, ProgressRow[]>();
    for (const r of group) {
      const [map, k] = r.executor ? [byWho, executorWords(tr, r, away)] : [byParty, escapeHtml(clip(r.partyText ?? "", 120))];
      map.set(k, [...(map.get(k) ?? []), r]);
    }
    const entry = ([who, mine]: [string, ProgressRow[]]) => {
      const where = schools.beside(who, mine.flatMap((r) => (r.school ? [r.school.name] : [])));
      return who && where ? `${who} — ${where}` : who || where;
    };
    if (byWho.size > 0) lines.push(`    • ${[...byWho].map(entry).join("; ")}`);
    if (byParty.size > 0) lines.push(`    • ${tr.t("curator-overdue-no-executor", { parties: [...byParty].map(entry).join("; ") })}`);
    for (const r of group) lines.push(...evidenceWords(tr, r).map((e) => `  ${e}`));
    blocks.push({ lines, rows: g.count });
  }
  const legend = schools.legend();
  const head = [tr.t("curator-overdue-header", { count: read.total, items: blocks.length }), ...(legend ? [legend] : [])];
  await replyHtml(
    ctx,
    fitMessage(head, blocks, (items, rows) => tr.t("curator-overdue-more", { items, rows })),
  );
}

/** «Напомнить»: the executor of one поручение is reminded now, once a day, with the name of who asked. */
export async function nudgePressed(ctx: ButtonContext, data: CallbackOf<"nudge">): Promise<unknown> {
  const res = await nudgeExecutor(ctx.deps.db, { assignmentId: data.assignmentId, askerId: ctx.person.id, now: ctx.deps.clock.now() });
  if (!res.ok) {
    await ctx.answerCbQuery(clip(ctx.tr.t(`nudge-error-${res.error}`), 190));
    return replyHtml(ctx, ctx.tr.t(`nudge-error-${res.error}`));
  }
  const executor = res.executor;
  let delivered = false;
  if (executor.chatId && !executor.unreachable) {
    const tr = translatorFor(executor);
    const card = itemCard(tr, res.card);
    const head = tr.t(res.attached ? "nudge-told-attached" : "nudge-told", { who: escapeHtml(res.askerName) });
    delivered = (await ctx.deps.outbox.send({ chatId: executor.chatId, personId: executor.id, text: `${head}\n\n${card.text}`, keyboard: card.keyboard })).ok;
  }
  ctx.deps.logger.info({ assignmentId: data.assignmentId, askerId: ctx.person.id, itemKey: res.card.itemKey, delivered }, "executor reminded on request");
  await ctx.answerCbQuery(ctx.tr.t("nudge-sent-toast"));
  const who = escapeHtml(executor.fullName);
  // an executor away: the curator learns until when and who covers
  const note = (await awayOn(ctx.deps.db, [executor.id], localToday(ctx.deps.clock.now(), ctx.deps.config.DEFAULT_TIMEZONE))).get(executor.id);
  const lines = [ctx.tr.t("nudge-sent", { who, key: escapeHtml(res.card.itemKey) }), ...(note ? [`${who}: ${awayWords(ctx.tr, note)}`] : [])];
  await replyHtml(ctx, [...lines, ...(delivered ? [] : [ctx.tr.t("nudge-not-delivered", { who })])].join("\n"));
}
