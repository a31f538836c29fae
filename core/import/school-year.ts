// The school year a plan is for («План работы … на 2025/2026 учебный год»): it dates the plan's bare months
// (September–December in its first year, January–August in its second) and its «в течение года».

/** «2025/2026 учебный год», «2025-2026 уч. год», «2025–26 учебного года», «2025 / 2026 уч.г.» */
const SCHOOL_YEAR =
  /(?<![\d.])((?:19|20)\d\d)\s*[-–—/]\s*((?:19|20)?\d\d)(?![\d.])\s*(?:г(?:г)?\.?\s*)?(?:уч(?:\.|ебн[а-яё]*)|учебн[а-яё]*)\s*(?:г(?:\.|од[а-яё]*|г\.?)?)?/giu;
/** A school year named as the past a plan looks back on: «по итогам 2024/2025 учебного года». */
const LOOKING_BACK = /(?:итог[а-яё]*|за|результат[а-яё]*|прошедш[а-яё]*|предыдущ[а-яё]*|анализ[а-яё]*|сравнени[а-яё]*\s+с)\s+$/iu;
/** «на 2025/2026 учебный год»: what a plan is for, when the order's text says it. */
const FOR_PLAN = /(?:^|[^а-яё])на\s+$/iu;

export interface SchoolYearMention {
  /** the first calendar year */
  year: number;
  /** «на …» right before it */
  forPlan: boolean;
}

/** Every school year a text names, except those it looks back on. */
export function schoolYearsIn(text: string | null | undefined): SchoolYearMention[] {
  if (!text || !/уч/iu.test(text)) return [];
  const out: SchoolYearMention[] = [];
  for (const m of text.matchAll(SCHOOL_YEAR)) {
    const first = Number(m[1]);
    const written = m[2]!;
    const second = written.length === 2 ? Math.floor(first / 100) * 100 + Number(written) : Number(written);
    if (second !== first + 1) continue;
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    if (LOOKING_BACK.test(before)) continue;
    out.push({ year: first, forPlan: FOR_PLAN.test(before) });
  }
  return out;
}

export interface SchoolYearSources {
  /** the plan's title and the caption above its table: any school year they name */
  titles: Array<string | null | undefined>;
  /** the order's paragraphs: only «на 2025/2026 учебный год» counts (a preamble's «в 2023-2024 учебном году» does not make a plan a school year's) */
  text: string[];
  /** section and stage rows of the roadmap table («2025/2026 учебный год», «I этап (2025/2026 уч. год)») */
  sectionRows: string[];
}

/**
 * The one school year the plan is for: from its title or caption, else its order's «на … учебный год», else its
 * section rows; null when none names one, or when the nearest source names several (a programme over years).
 */
export function findSchoolYear(src: SchoolYearSources): number | null {
  const tiers: number[][] = [
    src.titles.flatMap((t) => schoolYearsIn(t).map((m) => m.year)),
    src.text.flatMap((t) => schoolYearsIn(t).filter((m) => m.forPlan).map((m) => m.year)),
    src.sectionRows.flatMap((t) => schoolYearsIn(t).map((m) => m.year)),
  ];
  for (const years of tiers) {
    const distinct = new Set(years);
    if (distinct.size === 1) return years[0]!;
    if (distinct.size > 1) return null;
  }
  return null;
}
