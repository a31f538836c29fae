import type { DeadlineContext, DeadlineKind, Every, IsoDate, ParsedDeadline } from "../types.ts";
import { maxOf, minOf } from "../arrays.ts";
import { formatRu, yearOf } from "./dates.ts";
import { contextYears, defaultSchoolYear, defaultYear, ongoingPeriod, saneContext, settledYear, yearIsSettled } from "./context.ts";
import { ON_DEMAND, ONGOING, RECURRING, RELATIVE, YEARLY, YEARLY_AFTER } from "./keywords.ts";
import { endMonth, periodOf, resolveYears, startMonth, type Period } from "./periods.ts";
import { scanParts, type Part, type Point } from "./points.ts";
import { cleanText, normalize, stripMarkup } from "./text.ts";
import { tokenize } from "./tokens.ts";

// A deadline cell («Март-апрель 2023», «в срок до 15.06.2021 г.», «В течение года, по запросу») → the contract's schedule.
// Pure and total: any text gives a schedule; every guess is said in a warning (in Russian, for the coordinator).

const MAX_QUOTE = 60;

/** How an import warning about a deadline nobody understood begins (the preview quotes those itself). */
export const UNREAD_DEADLINE = "срок не распознан";

export function parseDeadline(text: string, context: DeadlineContext = {}): ParsedDeadline {
  const source = typeof text === "string" ? text : "";
  const ctx = saneContext(context);
  const display = cleanText(source);
  const warnings: string[] = [];
  const quoted = display.length > MAX_QUOTE ? `${display.slice(0, MAX_QUOTE - 1)}…` : display;
  const schedule = (kind: DeadlineKind, start: IsoDate | null, due: IsoDate | null, checkpoints: IsoDate[], every: Every | null = null): ParsedDeadline => ({
    schedule: { text: display, kind, start, due, checkpoints, every },
    warnings,
  });
  const unknown = (): ParsedDeadline => {
    warnings.push(`${UNREAD_DEADLINE}: «${quoted}»`);
    return schedule("unknown", null, null, []);
  };

  const { norm, repairs } = normalize(stripMarkup(source));
  // «—», «-», «…»: an empty cell in all but name
  if (!/[0-9a-zа-я]/.test(norm)) return schedule("none", null, null, []);
  for (const r of repairs) warnings.push(`в сроке «${quoted}» слово «${r.written}» прочитано как «${r.joined}»`);

  const scan = scanParts(tokenize(norm));
  const inSchoolYear = ctx.schoolYear != null && ctx.sectionYear == null && ctx.sectionPeriod == null;
  for (const part of scan.parts) {
    for (const p of part.to ? [part.from, part.to] : [part.from]) {
      if (p.kind === "school" && p.y === null) p.y = defaultSchoolYear(ctx);
      // «II полугодие» in a school year's plan is its second half (January–May)
      if (p.kind === "half" && p.y === null && inSchoolYear) p.school = true;
    }
  }
  for (const dbl of scan.doubleYears) {
    const wanted = contextYears(ctx);
    const chosen = !wanted.includes(dbl.first) && wanted.includes(dbl.second) ? dbl.second : dbl.first;
    dbl.point.y = chosen;
    warnings.push(`в сроке «${quoted}» два года подряд (${dbl.first} и ${dbl.second}): принят ${chosen}`);
  }
  // «ежегодно в мае» in a programme of several years: once in each of them (a school year's plan has one May)
  const perYear = contextYears(ctx);
  const allPoints = () => scan.parts.flatMap((p) => (p.to ? [p.from, p.to] : [p.from]));
  if (YEARLY.test(norm) && perYear.length > 1 && !yearIsSettled(ctx) && scan.parts.length > 0 && allPoints().every((p) => p.y === null)) {
    scan.parts = perYear.flatMap((y) =>
      scan.parts.map((part) => {
        const copy = structuredClone(part);
        (copy.to ?? copy.from).y = y;
        return copy;
      }),
    );
  }
  const writtenYears = allPoints().flatMap((p) => (p.y === null ? [] : [p.y]));
  const guessedYears = new Set<number>();
  let yearFromStage = false;
  let rolled = 0;
  let lastMonth = 0;
  const fallback = (p: Point): number | null => {
    // «до конца года» in a school year's plan: the end of its first calendar year
    const settled = p.kind === "year" ? settledYear(9, 12, ctx) : settledYear(startMonth(p), endMonth(p) % 12 || 12, ctx);
    if (settled !== null) {
      if (ctx.sectionYear == null && ctx.sectionPeriod) yearFromStage = true;
      return settled;
    }
    const base = defaultYear(ctx);
    if (base === null) return null;
    // «сентябрь, декабрь, март, май»: a month before the one listed before it is in the next year, while the roadmap runs then
    if (startMonth(p) < lastMonth && perYear.includes(base + rolled + 1)) rolled++;
    lastMonth = startMonth(p);
    const y = base + rolled;
    if (ctx.sectionYear == null && (ctx.years?.length ?? 0) > 1) guessedYears.add(y);
    return y;
  };
  if (!resolveYears(scan.parts, fallback)) {
    warnings.push(`в сроке «${quoted}» не указан год`);
    return schedule("unknown", null, null, []);
  }
  if (guessedYears.size > 0) {
    const ys = [...guessedYears].sort();
    warnings.push(`в сроке «${quoted}» не указан год: ${ys.length === 1 ? `принят ${ys[0]}` : `приняты ${ys[0]}–${ys.at(-1)}`}`);
  }
  if (YEARLY_AFTER.test(norm) && scan.parts.length > 0) {
    // «до 31.12.2025 (далее – ежегодно)»: the same again in each later year of the roadmap
    const last = maxOf(allPoints().map((p) => p.y!));
    const copies = perYear.filter((y) => y > last).flatMap((y) => scan.parts.map((part) => shiftYears(part, y - last)));
    scan.parts.push(...copies);
  }
  const notes: string[] = [];
  const spans = scan.parts.map((part) => partSpan(part, notes)).filter((s): s is Span => s !== null);
  for (const note of notes) warnings.push(`в сроке «${quoted}» ${note}`);

  const result = build();
  const s = result.schedule;
  const stage = ctx.sectionPeriod;
  if (yearFromStage && stage && s.due && ((s.start ?? s.due) < stage.start || s.due > stage.end)) {
    // «декабрь» under «II этап | январь – май 2026»: the nearest December, but the coordinator should look
    warnings.push(`в сроке «${quoted}» не указан год, и срок вне периода раздела (${formatRu(stage.start)} – ${formatRu(stage.end)}): принят ${yearOf(s.due)}`);
  }
  if (ctx.orderDate && s.due && (s.due < ctx.orderDate || s.checkpoints.some((c) => c < ctx.orderDate!))) {
    warnings.push(`срок «${quoted}» раньше даты приказа (${formatRu(ctx.orderDate)})`);
  } else if (s.kind !== "unknown" && ctx.years && ctx.years.length > 0) {
    // a year far from the roadmap's is more likely a typo («01.09.2032» for 2023)
    const lo = minOf(ctx.years);
    const hi = maxOf(ctx.years);
    const far = writtenYears.find((y) => y < lo - 1 || y > hi + 1);
    if (far !== undefined) warnings.push(`в сроке «${quoted}» год ${far} не из лет дорожной карты (${lo === hi ? lo : `${lo}–${hi}`})`);
  }
  return result;

  function build(): ParsedDeadline {
    const every = RECURRING.find(([re]) => re.test(norm))?.[1] ?? null;
    const onDemand = ON_DEMAND.test(norm);
    // «в течение 10 дней после …» counts from an event: it does not say the activity runs all year
    const ongoing = ONGOING.test(norm.replace(RELATIVE, ""));
    if (every || onDemand || ongoing) {
      const said = envelope(spans);
      const running = said ?? (ongoing || every ? ongoingPeriod(norm, ctx) : null);
      const kind: DeadlineKind = every ? "recurring" : onDemand ? "on_demand" : "ongoing";
      const made = schedule(kind, running?.start ?? null, running?.end ?? null, [], every);
      const day = every ? namedDay(norm, every) : null;
      if (day !== null) made.schedule.day = day;
      return made;
    }
    if (spans.length === 0) {
      // «ежегодно» with no month: it runs all along, like «постоянно»
      if (YEARLY.test(norm)) {
        const running = ongoingPeriod(norm, ctx);
        return schedule("ongoing", running?.start ?? null, running?.end ?? null, []);
      }
      return unknown();
    }
    const lone = scan.parts.length === 1 ? scan.parts[0]! : null;
    if (lone && lone.since && !lone.to && spans.length === 1) {
      // «с сентября 2023»: it starts then and runs on to the end of the roadmap's period
      const start = spans[0]!.start;
      const periodEnd = ongoingPeriod(norm, ctx)?.end ?? null;
      const end = periodEnd !== null && periodEnd >= start ? periodEnd : `${start.slice(0, 4)}-12-31`;
      return schedule("ongoing", start, end, []);
    }
    if (scan.leftovers.length > 0) {
      warnings.push(`в сроке «${quoted}» не разобрано: «${scan.leftovers.slice(0, 5).join(" ")}»`);
    }
    const ordered = [...spans].sort((a, b) => (a.end < b.end ? -1 : a.end > b.end ? 1 : 0));
    const checkpoints = [...new Set(ordered.map((s) => s.end))];
    if (checkpoints.length > 1) {
      // the start of the part that starts first; a bare day («15.03.2024, 15.06.2024») has none
      const first = spans.reduce((a, b) => (b.start < a.start ? b : a));
      return schedule("multi", first.exact ? null : first.start, checkpoints.at(-1)!, checkpoints);
    }
    const only = spans.length === 1 ? spans[0]! : ordered.at(-1)!;
    if (only.point) return schedule("date", null, only.end, [only.end]);
    return schedule("window", only.start, only.end, [only.end]);
  }
}

interface Span extends Period {
  /** one day or one month («Июнь 2023»), or a span said as a deadline («до конца года»): kind `date` */
  point: boolean;
}

function partSpan(part: Part, notes: string[]): Span | null {
  const from = periodOf(part.from, notes);
  const to = part.to ? periodOf(part.to, notes) : null;
  if (!from) return to ? { ...to, point: to.exact || part.to!.kind === "month" } : null;
  if (!part.to || !to) {
    const point = from.exact || part.from.kind === "month" || part.until;
    return { ...from, point };
  }
  let start = from.start;
  let end = to.end;
  if (start > end) {
    notes.push("начало позже конца: взяты в обратном порядке");
    [start, end] = [to.start, from.end];
  }
  return { start, end, exact: false, point: false };
}

const WEEKDAYS: [RegExp, number][] = [
  [/понедельник/, 1], [/вторник/, 2], [/сред[аыуе](?![а-я])|средам/, 3], [/четверг/, 4], [/пятниц/, 5], [/суббот/, 6], [/воскресень/, 7],
];

/** The day a rhythm names: «по пятницам» → 5 (a week), «до 5 числа», «не позднее 10-го числа» → 5, 10 (a month or a quarter). */
function namedDay(norm: string, every: Every): number | null {
  if (every === "week") {
    const found = WEEKDAYS.filter(([re]) => re.test(norm));
    return found.length === 1 ? found[0]![1] : null;
  }
  const days = [...norm.matchAll(/(?<![\d.])(\d{1,2})\s*(?:-?го\s*)?числ/g)].map((m) => Number(m[1]));
  return days.length === 1 && days[0]! >= 1 && days[0]! <= 31 ? days[0]! : null;
}

function shiftYears(part: Part, by: number): Part {
  const copy = structuredClone(part);
  for (const p of copy.to ? [copy.from, copy.to] : [copy.from]) p.y = p.y === null ? null : p.y + by;
  return copy;
}

/** From the first start to the last end of what the text says, or null when it says no date. */
function envelope(spans: Span[]): Period | null {
  if (spans.length === 0) return null;
  let start = spans[0]!.start;
  let end = spans[0]!.end;
  for (const s of spans) {
    if (s.start < start) start = s.start;
    if (s.end > end) end = s.end;
  }
  return { start, end, exact: false };
}
