import { minOf } from "../arrays.ts";
import { formatRu } from "../deadline/dates.ts";
import type { ImportedItem, ImportWarningOut, IsoDate } from "../types.ts";

// A programme approved after its own start (a plan for 2020–2022 signed in June 2021) has every deadline of its
// first months before the order's date: that is how it was written, not a doubt about any item. Those items lose
// their «срок … раньше даты приказа» warning and the roadmap gets one line saying how many there are; a deadline
// before the programme's own period (a typo's year) keeps its warning.

/** The roadmap-level line (its start, to find it again in a stored or edited import). */
const APPROVED_LATE = "программа утверждена после начала своего срока";
/** parseDeadline's warning for a deadline before the order's date. */
const BEFORE_ORDER = /^срок «[\s\S]*» раньше даты приказа \(/u;

const isLine = (w: ImportWarningOut) => w.item === null && w.message.startsWith(APPROVED_LATE);

/** «1 мероприятие», «3 мероприятия», «23 мероприятия», «25 мероприятий». */
function itemCount(n: number): string {
  const d = n % 10;
  const dd = n % 100;
  const word = d === 1 && dd !== 11 ? "мероприятие" : d >= 2 && d <= 4 && (dd < 12 || dd > 14) ? "мероприятия" : "мероприятий";
  return `${n} ${word}`;
}

/** Does the deadline fall before the order, but within the programme's own period? */
function earlyWithinPeriod(item: ImportedItem, periodStart: IsoDate, orderDate: IsoDate): boolean {
  const s = item.deadline;
  if (!s.due) return false;
  // (as parseDeadline warns: the due day or a checkpoint before the order)
  const before = s.due < orderDate || s.checkpoints.some((c) => c < orderDate);
  return before && (s.start ?? s.due) >= periodStart && s.checkpoints.every((c) => c >= periodStart);
}

/**
 * The warnings with the before-the-order warnings of a programme approved after its start folded into one line.
 * `periodStart`: the first day of the programme's own period as the document states it (null: not stated, or a
 * guess — then nothing is folded).
 */
export function foldApprovedLate(items: ImportedItem[], warnings: ImportWarningOut[], orderDate: IsoDate | null, periodStart: IsoDate | null): ImportWarningOut[] {
  const rest = warnings.filter((w) => !isLine(w));
  if (!orderDate || !periodStart || periodStart >= orderDate) return rest;
  const early = new Set(items.filter((i) => earlyWithinPeriod(i, periodStart, orderDate)).map((i) => i.key));
  if (!early.size) return rest;
  const kept = rest.filter((w) => !(w.item !== null && early.has(w.item) && BEFORE_ORDER.test(w.message)));
  const line: ImportWarningOut = { item: null, row: null, message: `${APPROVED_LATE}: ${itemCount(early.size)} со сроком до даты приказа (${formatRu(orderDate)})` };
  // after the roadmap's own lines, before the items'
  const at = kept.findIndex((w) => w.item !== null);
  return at < 0 ? [...kept, line] : [...kept.slice(0, at), line, ...kept.slice(at)];
}

/**
 * For an import already folded (a stored or edited one): the same fold again over its items as they are now,
 * the programme's period taken from its years. An import that was not folded stays as it is.
 */
export function refoldApprovedLate(items: ImportedItem[], warnings: ImportWarningOut[], roadmap: { orderDate: IsoDate | null; years: number[] }): ImportWarningOut[] {
  if (!warnings.some(isLine) || !roadmap.years.length) return warnings;
  return foldApprovedLate(items, warnings, roadmap.orderDate, `${minOf(roadmap.years)}-01-01`);
}
