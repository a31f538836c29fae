import { isJoinableWord, isKnownWord } from "./words.ts";

// Cell text as it arrives from exports: HTML or Markdown fragments, line breaks, non-breaking spaces.

const ENTITIES: Record<string, string> = {
  nbsp: " ", amp: "&", quot: '"', laquo: "«", raquo: "»", lt: "<", gt: ">", ndash: "–", mdash: "—", apos: "'",
};

/** The cell's text for people: markup gone, runs of white space made one space. */
export function cleanText(raw: string): string {
  return stripMarkup(raw).replace(/\s+/g, " ").trim();
}

/** Markup gone but line breaks kept (they tell where a word was split). */
export function stripMarkup(raw: string): string {
  return raw
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/p>/gi, "\n")
    .replace(/<[^>]{0,200}>/g, " ")
    .replace(/&(#\d{1,6}|[a-z]{2,6});/gi, (m, name: string) => {
      if (name.startsWith("#")) return String.fromCodePoint(Number(name.slice(1)) || 32);
      return ENTITIES[name.toLowerCase()] ?? m;
    })
    .replace(/[*_`]+/g, " ")
    .replace(/[\u00a0\u2007\u202f]/g, " ");
}

export interface SplitRepair {
  /** as written, e.g. «Мар т» */
  written: string;
  /** the word it was read as, e.g. «март» */
  joined: string;
}

/**
 * Lower case, ё → е, and words that a line break split in two joined back («Мар\nт» → «март»):
 * two neighbours are joined only when one of them means nothing alone and together they are a known word.
 */
export function normalize(text: string): { norm: string; repairs: SplitRepair[] } {
  const repairs: SplitRepair[] = [];
  // «І» (Cyrillic-Ukrainian) typed for the Roman one in «І квартал»
  const lower = text.toLowerCase().replace(/ё/g, "е").replace(/[\u0456\u04cf]/g, "i");
  // walk neighbouring words (not a global replace: its matches could not overlap)
  const words = [...lower.matchAll(/[а-я]+/g)];
  let norm = "";
  let last = 0;
  for (let i = 0; i < words.length - 1; i++) {
    const a = words[i]!;
    const b = words[i + 1]!;
    const aEnd = a.index + a[0].length;
    const gap = lower.slice(aEnd, b.index);
    if (!/^\s+$/.test(gap)) continue;
    if (isKnownWord(a[0]) && isKnownWord(b[0])) continue;
    const joined = a[0] + b[0];
    if (!isJoinableWord(joined)) continue;
    const src = text.length === lower.length ? text : lower;
    repairs.push({ written: src.slice(a.index, b.index + b[0].length).replace(/\s+/g, " "), joined });
    norm += lower.slice(last, aEnd);
    last = b.index;
    i++;
  }
  norm += lower.slice(last);
  return { norm, repairs };
}
