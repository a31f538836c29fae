import type { SchoolProgress } from "./progress.ts";

/** Russian alphabetical order, numbers by value; one collator for every comparison. */
const byName = new Intl.Collator("ru", { numeric: true }).compare;

/** Schools a chat message or its chart lists; the export carries them all. */
const CHAT_SCHOOLS = 40;

/**
 * The schools to list when there may be too many for a chat: all of them by name when they fit;
 * else those with the most overdue work, then the lowest share done — a region's deputy head
 * needs the schools that lag, not the first forty of the alphabet.
 */
export function schoolsToShow(all: readonly SchoolProgress[], max = CHAT_SCHOOLS): { shown: SchoolProgress[]; cut: boolean } {
  if (all.length <= max) return { shown: [...all], cut: false };
  const ranked = [...all].sort((a, b) => b.counts.overdue - a.counts.overdue || a.counts.percentDone - b.counts.percentDone || byName(a.name, b.name));
  return { shown: ranked.slice(0, max), cut: true };
}
