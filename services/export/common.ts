import path from "node:path";
import { DateTime } from "luxon";
import { pathToFileURL } from "node:url";
import type { Translator } from "../i18n.ts";
import { formatDate } from "../format.ts";
import type { EvidenceRef, ProgressRow } from "../progress.ts";

// What the .xlsx and the .docx say the same way: status words, executors, evidence links.

export interface ExportContext {
  tr: Translator;
  /** local day of the roadmap the figures are for */
  today: string;
  /** where services/storage.ts keeps evidence files (Evidence.storagePath is relative to it) */
  dataDir: string;
  /** the schools a curator's export covers (names), null for the whole roadmap */
  schoolNames: string[] | null;
  /**
   * Evidence files copied next to the export into this folder (relative to the export):
   * links point there, so the office opens them wherever the export and its folder go.
   * Unset: links point to the files in the data directory.
   */
  filesDir?: string | null;
}

/** The contract's Russian word (or the English one) for a row's shown status. */
export function statusWord(tr: Translator, row: Pick<ProgressRow, "shown">): string {
  return tr.t(`status-${row.shown}`);
}

export function executorText(tr: Translator, row: Pick<ProgressRow, "executor">): string {
  return row.executor?.name ?? tr.t("export-unassigned");
}

/**
 * «Иванова М.П. (МБОУ СОШ № 1)»; where nobody is assigned yet, the responsible party as the
 * document names it («Руководители ОО»), which is what the region reads in the note.
 */
export function executorWithSchool(tr: Translator, row: Pick<ProgressRow, "executor" | "school" | "partyText">): string {
  const who = row.executor?.name ?? (row.partyText?.trim() || tr.t("export-unassigned"));
  return row.school ? `${who} (${row.school.name})` : who;
}

/** Evidence worth showing upward: accepted or waiting; a returned one was refused. */
export function shownEvidence(row: Pick<ProgressRow, "evidence">): EvidenceRef[] {
  return row.evidence.filter((e) => e.status !== "returned");
}

export interface EvidenceLink {
  text: string;
  /** an https link, or a file: URL to the stored file; null when there is nothing to open */
  target: string | null;
}

function displayName(e: EvidenceRef): string {
  return e.fileName ?? (e.storagePath ? path.basename(e.storagePath) : e.kind);
}

/** The name a stored evidence file gets in the folder next to the export (the id keeps names unique). */
function copiedFileName(e: EvidenceRef): string {
  const name = displayName(e).replace(/[\\/:*?"<>|\u0000-\u001f]/g, "_").slice(0, 120);
  return `${e.id}-${name}`;
}

export function evidenceLink(tr: Translator, e: EvidenceRef, ctx: Pick<ExportContext, "dataDir" | "filesDir">): EvidenceLink {
  if (e.url) return { text: e.url, target: e.url };
  const text = tr.t("export-evidence-file", { name: displayName(e) });
  if (!e.storagePath) return { text, target: null };
  if (ctx.filesDir) return { text, target: `${ctx.filesDir.split("/").map(encodeURIComponent).join("/")}/${encodeURIComponent(copiedFileName(e))}` };
  return { text, target: pathToFileURL(path.resolve(ctx.dataDir, e.storagePath)).href };
}

export function verificationText(tr: Translator, row: Pick<ProgressRow, "verification">, timezone: string): string {
  const v = row.verification;
  if (!v) return "";
  if (v.status === "pending") return tr.t("export-verification-pending");
  const args = { by: v.by ?? "none", date: v.at ? formatDate(tr, DateTime.fromJSDate(v.at, { zone: timezone }).toISODate()) : "none", comment: v.comment ?? "none" };
  return tr.t(v.status === "accepted" ? "export-verification-accepted" : "export-verification-returned", args);
}

/** An ISO calendar date as a JS Date at UTC midnight: what a spreadsheet date cell wants. */
export function isoToDate(iso: string | null): Date | null {
  if (!iso || !/^\d{4}-\d{2}-\d{2}/.test(iso)) return null;
  return new Date(`${iso.slice(0, 10)}T00:00:00Z`);
}

/** «vekha-12-2023-05-10.xlsx» */
/** The export formats, in the order /export sends them; each has its builder in ./index.ts. */
export const EXPORT_FORMATS = ["xlsx", "docx"] as const;

export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(s: string): s is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(s);
}

export function exportFileName(roadmapId: number, today: string, format: string): string {
  return `vekha-${roadmapId}-${today}.${format}`;
}

export interface LinkedFile {
  storagePath: string;
  /** its name in the files folder */
  name: string;
}

/** The stored evidence files an export links to, gathered page by page as the rows are read. */
export class LinkedFiles {
  private readonly files = new Map<string, LinkedFile>();

  add(rows: Iterable<Pick<ProgressRow, "evidence">>): void {
    for (const r of rows) for (const e of shownEvidence(r)) if (!e.url && e.storagePath) this.files.set(copiedFileName(e), { storagePath: e.storagePath, name: copiedFileName(e) });
  }

  list(): LinkedFile[] {
    return [...this.files.values()];
  }
}

/** The stored evidence files an export links to: what goes into its files folder. */
export function linkedFiles(rows: Array<Pick<ProgressRow, "evidence">>): LinkedFile[] {
  const out = new LinkedFiles();
  out.add(rows);
  return out.list();
}

/** Control characters (pasted from Word) make .xlsx and .docx files unreadable: drop them. */
export function xmlSafe(s: string): string {
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "");
}

/**
 * The .docx note (./docx.ts) lists overdue items and done assignments; at region scale (100,000 assignments) that
 * would be tens of thousands of paragraphs, which nobody reads and which the docx library builds in
 * memory. So each list stops at NOTE_LIST_MAX entries and says so, pointing to the .xlsx table,
 * which has every row; the counts above the lists are always whole.
 */
export const NOTE_LIST_MAX = 300;
