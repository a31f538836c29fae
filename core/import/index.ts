import type { DocumentBlock, ImportedItem, ImportResult, ImportWarningOut, SourceDocument } from "../types.ts";
import { foldApprovedLate } from "./approved-late.ts";
import { readMetadata } from "./metadata.ts";
import { importProse } from "./prose.ts";
import { findRoadmapSegments, tableItems, type Segment } from "./table.ts";

// A document (any format, already reduced to paragraphs and tables) → the contract's ImportResult.
// When a roadmap table exists, items come from it only — never from numbered lists in the order's prose;
// otherwise the order's prose points are the items.

export type ImportErrorCode = "nothing_found" | "empty_document";

/** A document Веха cannot import; the CLI and the bot turn `code` into a message. */
export class ImportError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ImportError";
  }
}

export interface ImportOptions {
  /** `--year`: the roadmap's year, taken over whatever the document says */
  year?: number | null;
  /** `--tz`: the district's IANA zone (overrides the region named in the document) */
  timezone?: string | null;
  defaultTimezone: string;
}

export function importDocument(doc: SourceDocument, opts: ImportOptions): ImportResult {
  const hasText = doc.blocks.some((b) => (b.type === "paragraph" ? b.text.trim() : b.table.rows.some((r) => r.some((c) => c.text.trim()))));
  if (!hasText) throw new ImportError("empty_document", `${doc.fileName}: the document has no text`);

  const segments = findRoadmapSegments(doc.blocks);
  const described = withPreamble(doc, segments);
  const firstTable = segments.length ? described.blocks.findIndex((b) => b.type === "table" && b.table === segments[0]!.table) : null;
  // year sections are read before deadlines are parsed: the metadata's years come first
  const sectionYears = segments.length ? sectionYearsOf(segments) : [];
  const { meta, warnings: metaWarnings, schoolYear, periodStart } = readMetadata(described, {
    year: opts.year,
    timezone: opts.timezone,
    defaultTimezone: opts.defaultTimezone,
    sectionYears,
    deadlineYears: segments.length ? deadlineYearsOf(segments) : [],
    roadmapBlock: firstTable,
    roadmapTables: segments.map((s) => s.table),
  });
  const ctx = { years: meta.years, orderDate: meta.orderDate, schoolYear };

  let items: ImportedItem[] = [];
  let warnings: ImportWarningOut[] = [];
  if (segments.length) ({ items, warnings } = tableItems(segments, ctx));
  if (!items.length) {
    // no roadmap table, or only its empty header (a blank template above the order's own points)
    const paragraphs = doc.blocks
      .filter((b): b is Extract<DocumentBlock, { type: "paragraph" }> => b.type === "paragraph")
      .map((p) => (p.line === undefined ? { text: p.text } : { text: p.text, line: p.line }));
    ({ items, warnings } = importProse(paragraphs, ctx));
  }
  if (!items.length) {
    throw new ImportError(
      "nothing_found",
      `${doc.fileName}: no roadmap found — neither a table with columns like «Мероприятие», «Срок», «Ответственный» nor numbered points of an order`,
    );
  }

  return {
    roadmap: { id: null, ...meta },
    items,
    // a programme approved after its own start: one line for its deadlines before the order, not one per item
    warnings: foldApprovedLate(items, [...metaWarnings, ...warnings], meta.orderDate, periodStart),
  };
}

/**
 * A spreadsheet has no paragraphs: the lines above its header («Приложение к приказу от … № …», the plan's
 * title) are its paragraphs for the metadata.
 */
function withPreamble(doc: SourceDocument, segments: Segment[]): SourceDocument {
  const first = segments[0];
  if (!first || doc.blocks.some((b) => b.type === "paragraph")) return doc;
  const lines: DocumentBlock[] = [];
  for (let i = 0; i < first.start; i++) {
    const filled = [...new Set(first.table.rows[i]!.map((c) => c.text.trim()).filter(Boolean))];
    if (filled.length !== 1) continue;
    const line = first.table.rowNumbers?.[i];
    lines.push(line === undefined ? { type: "paragraph", text: filled[0]! } : { type: "paragraph", text: filled[0]!, line });
  }
  return lines.length ? { ...doc, blocks: [...lines, ...doc.blocks] } : doc;
}

/** The years of «2020 год» section rows, read cheaply before the full table pass. */
function sectionYearsOf(segments: Segment[]): number[] {
  const years = new Set<number>();
  for (const seg of segments) {
    for (let i = seg.start; i < seg.table.rows.length; i++) {
      const filled = seg.table.rows[i]!.map((c) => c.text.trim()).filter(Boolean);
      if (new Set(filled).size !== 1) continue;
      const m = /^((?:19|20)\d\d)\s*(?:год[а-я]*|г\.?|гг\.?)?\.?$/i.exec(filled[0]!);
      if (m) years.add(Number(m[1]));
    }
  }
  return [...years].sort((a, b) => a - b);
}

/**
 * The years the deadline cells name («Март 2024»), for a bare table (.xlsx, .csv) whose title says none:
 * all of them when they span at most five years, else the most frequent one.
 */
function deadlineYearsOf(segments: Segment[]): number[] {
  const counts = new Map<number, number>();
  for (const seg of segments) {
    const at = seg.columns.deadline;
    if (at === undefined) continue;
    for (let i = seg.start; i < seg.table.rows.length; i++) {
      for (const m of (seg.table.rows[i]![at]?.text ?? "").matchAll(/(?<!\d)(20\d\d)(?!\d)/g)) {
        const y = Number(m[1]);
        counts.set(y, (counts.get(y) ?? 0) + 1);
      }
    }
  }
  const years = [...counts.keys()].sort((a, b) => a - b);
  if (years.length && years.at(-1)! - years[0]! <= 4) return years;
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  return top ? [top[0]] : [];
}
