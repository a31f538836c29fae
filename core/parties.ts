import type { ResponsibleParty } from "./types.ts";

// Responsible parties and people's names. (Owned by the parties work: stub until it lands.)

/** Splits a responsible cell into parties: people («Е.А. Полухина, главный специалист»), roles, organisations. */
export function parseResponsible(text: string): ResponsibleParty[] {
  const t = text.trim();
  if (!t) return [];
  return [{ text: t, kind: "organization", name: t, note: null }];
}

/** «Расческину Ольгу Дмитриевну» → «Расческина О.Д.»; «Е.А. Полухина» → «Полухина Е.А.». */
export function shortPersonName(text: string): string | null {
  return text.trim() || null;
}
