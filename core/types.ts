// The shapes of the contract's `import --json`. Pure data: no Telegram, no database.

import type { DeadlineKind, Every } from "./kinds.ts";

export type { DeadlineKind, Every };

/** ISO calendar date "YYYY-MM-DD" (a local day of the district, not an instant). */
export type IsoDate = string;

export interface Schedule {
  text: string;
  kind: DeadlineKind;
  start: IsoDate | null;
  due: IsoDate | null;
  checkpoints: IsoDate[];
  every: Every | null;
  /** recurring only, when the text names it: an ISO weekday (1 = Monday) for `week` («по пятницам»), else a day of the month («до 5 числа») */
  day?: number;
}

export interface DeadlineContext {
  /** the year of the section the item is in («2021 год»), if any */
  sectionYear?: number | null;
  /** the roadmap's years, e.g. [2023] or [2020, 2021, 2022] */
  years?: number[];
  /** the order's date (ISO) — a deadline before it is suspicious */
  orderDate?: IsoDate | null;
  /**
   * the school year the plan (or the cell's section) is for, by its first calendar year («на 2025/2026 учебный
   * год» → 2025): a bare month from September to December is in that year, January to August in the next
   */
  schoolYear?: number | null;
  /** the span a stage or section row gives its rows («II. Основной этап | январь – май 2026 г.») */
  sectionPeriod?: { start: IsoDate; end: IsoDate } | null;
}

export interface ParsedDeadline {
  schedule: Schedule;
  /** doubts, in Russian, for the coordinator (typos, guesses) */
  warnings: string[];
}

type PartyKind = "person" | "role" | "organization";

export interface ResponsibleParty {
  text: string;
  kind: PartyKind;
  /** person: «Фамилия И.О.»; role/organization: the normalised name */
  name: string;
  /** «(контроль)», «(по согласованию)» */
  note: string | null;
  /** person: position when written («главный специалист») */
  position?: string | null;
}

export interface ImportedItem {
  key: string;
  number: string | null;
  section: string | null;
  title: string;
  result: string | null;
  deadline: Schedule;
  responsible: ResponsibleParty[];
  evidence: string | null;
  flags: string[];
}

export interface CuratorLink {
  school: string;
  curator: string;
  curatorKind: "person" | "organization";
  /** the curator's position when written */
  position?: string | null;
}

export interface ImportedRoadmap {
  id: number | null;
  title: string;
  orderNumber: string | null;
  orderDate: IsoDate | null;
  authority: string | null;
  years: number[];
  timezone: string;
  controller: string | null;
  schools: string[];
  curators: CuratorLink[];
  /** optional: how the document flags its schools (ШНОР / ШНСУ / «группа риска»); saved on the Organization rows */
  schoolFlags?: SchoolFlags[];
  /** a canonical workbook exported from a saved roadmap: that roadmap's stored identity, so saving updates it */
  identity?: string | null;
}

export interface SchoolFlags {
  school: string;
  shnor?: boolean;
  shnsu?: boolean;
  risk?: boolean;
}

export interface ImportWarningOut {
  item: string | null;
  row: number | null;
  message: string;
}

export interface ImportResult {
  roadmap: ImportedRoadmap;
  items: ImportedItem[];
  warnings: ImportWarningOut[];
  /** "workbook": the canonical roadmap workbook — its keys are the items' identity on re-import */
  origin?: "workbook";
}

/** A table as read from any source format: rows of cell texts, merges already resolved. */
export interface TableCell {
  text: string;
  /** true where the source merged this cell with the one above (a .docx vMerge continuation) */
  mergedFromAbove?: boolean;
}

export interface SourceTable {
  rows: TableCell[][];
  /** the source line/row number of each row, for warnings */
  rowNumbers?: number[];
}

/** A document reduced to what the importer needs: its prose paragraphs and its tables, in order. */
export type DocumentBlock = { type: "paragraph"; text: string; line?: number } | { type: "table"; table: SourceTable };

export interface SourceDocument {
  fileName: string;
  /** txt | docx | xlsx | csv */
  format: string;
  blocks: DocumentBlock[];
}
