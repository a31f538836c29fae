import type { ImportedItem, ImportWarningOut } from "../types.ts";

// STUB created by the table import work so index.ts compiles: the prose/parties engineer owns this
// file and replaces the body (same exported name and signature).

export interface ProseContext {
  years: number[];
  orderDate: string | null;
}

export function importProse(
  _paragraphs: Array<{ text: string; line?: number }>,
  _ctx: ProseContext,
): { items: ImportedItem[]; warnings: ImportWarningOut[] } {
  return { items: [], warnings: [] };
}
