import type { TableCell } from "../types.ts";
import type { Columns } from "./table.ts";
import { looksLikeDeadline } from "./cells.ts";
import { oneLine } from "./markup.ts";

// Section rows of a roadmap table: «2021 год», «I. Организационные мероприятия», «Раздел 2. …», and stage
// rows that carry their own period («II. Основной этап | январь – май 2026 г.»). A section's year or period is
// the context of its rows' deadlines; its year or short marker prefixes keys where numbers restart.

export interface Section {
  title: string;
  year: number | null;
  marker: string | null;
  /** a stage's own period («январь – май 2026 г.»), the context of its rows; null for a plain section */
  period: string | null;
}

/** A stage or part by its words: «I этап», «Подготовительный этап», «Раздел 2», «Часть II». */
const STAGE = /(?:^|\s)(?:этап|раздел|част[ьи]|период|блок|модул)[а-яё]*(?:\s|$|[.:,)])|^[IVXLC]+\.?\s/i;

/**
 * The title and period of a section row, or null:
 *   - one filled cell (or the same text repeated across a merged row) at or before the title column;
 *   - a Roman numeral or a capital letter in the number column with only the title filled;
 *   - a stage: a Roman numeral, or words like «этап», with only the title and the deadline filled.
 */
export function sectionHeading(texts: string[], cols: Columns, numberCell: TableCell | undefined): { title: string; period: string | null } | null {
  const filled = texts.map((t, i) => [t, i] as const).filter(([t]) => t);
  const distinct = new Set(filled.map(([t]) => t));
  const titleAt = cols.title ?? 0;
  if (distinct.size === 1) {
    const [text, at] = filled[0]!;
    if (at <= titleAt && !startsLower(text)) return { title: oneLine(text), period: periodInHeading(oneLine(text)) };
    return null;
  }
  const title = cols.title === undefined ? "" : (texts[cols.title] ?? "");
  if (!title || startsLower(title)) return null;
  const mark = numberCell ? /^([IVXLC]+|[А-Я])\.?$/.exec(numberCell.text.trim()) : null;
  const deadline = cols.deadline === undefined ? "" : (texts[cols.deadline] ?? "");
  const others = filled.filter(([, i]) => i !== cols.number && i !== cols.title && i !== cols.deadline).length;
  if (mark && filled.length === 2) return { title: `${mark[1]}. ${oneLine(title)}`, period: null };
  if (others === 0 && deadline && looksLikeDeadline(deadline) && (mark || (STAGE.test(title) && !numberCell?.text.trim()))) {
    return { title: mark ? `${mark[1]}. ${oneLine(title)}` : oneLine(title), period: oneLine(deadline) };
  }
  return null;
}

/** «II этап (январь – май 2026 г.)», «Основной этап: январь – май 2026» → the period named in a heading. */
function periodInHeading(title: string): string | null {
  if (!STAGE.test(title)) return null;
  const m = /\(([^()]+)\)\s*\.?$/.exec(title) ?? /[:–—-]\s*([^:–—-][^:]*)$/.exec(title);
  const period = m?.[1]?.trim();
  return period && looksLikeDeadline(period) ? period : null;
}

export function makeSection(title: string, ordinal: number, period: string | null = null): Section {
  const year = /^(?:(19|20)\d\d)\s*(?:год[а-я]*|г\.?|гг\.?)?\.?$/i.test(title) ? Number(title.slice(0, 4)) : period ? onlyYear(period) : yearInHeading(title);
  const numbered = /^(?:раздел\s+|часть\s+|этап\s+)?(\d{1,2}|[IVXLC]+)(?=[.)\s])/i.exec(title);
  // a stage's year is not its own (two stages may share it): its number, else its place
  const marker = year !== null && !period ? String(year) : numbered ? numbered[1]!.toUpperCase() : String(ordinal);
  return { title, year, marker, period };
}

/** «Мероприятия 2021 года», «На 2022 год» → the year; a heading that names several years gives none. */
function yearInHeading(title: string): number | null {
  const years = [...title.matchAll(/(?<!\d)((?:19|20)\d\d)\s*(?:год|г\.)/gi)].map((m) => Number(m[1]));
  return years.length === 1 ? years[0]! : null;
}

/** The one year a period names («январь – май 2026 г.»); none when it names two (a school year). */
function onlyYear(period: string): number | null {
  const years = new Set([...period.matchAll(/(?<!\d)((?:19|20)\d\d)(?!\d)/g)].map((m) => Number(m[1])));
  return years.size === 1 ? [...years][0]! : null;
}

export function startsLower(text: string): boolean {
  return /^[a-zа-яё]/.test(text.trim());
}
