import { AlignmentType, Document, ExternalHyperlink, ImageRun, Packer, Paragraph, TextRun, type ParagraphChild } from "docx";
import { formatDate } from "../format.ts";
import type { ProgressRow, ProgressSummary } from "../progress.ts";
import { evidenceLink, executorWithSchool, NOTE_LIST_MAX, shownEvidence, xmlSafe, type ExportContext } from "./common.ts";

// «Аналитическая справка» in the official style of the district orders: Times New Roman 14,
// justified paragraphs with a first-line indent, numbered parts, the chart at the end.

const FONT = "Times New Roman";
const SIZE = 28; // half-points: 14 pt
const INDENT = 709; // twips: 1.25 cm, the usual first-line indent of official letters

export interface NoteCharts {
  /** PNG and its pixel size */
  sections?: { png: Buffer; width: number; height: number };
  overTime?: { png: Buffer; width: number; height: number };
}

function run(text: string, opts: { bold?: boolean; italics?: boolean } = {}): TextRun {
  return new TextRun({ text: xmlSafe(text), font: FONT, size: SIZE, ...opts });
}

function para(children: ParagraphChild[] | string, opts: { center?: boolean; indent?: boolean; before?: number; after?: number } = {}): Paragraph {
  return new Paragraph({
    children: typeof children === "string" ? [run(children)] : children,
    alignment: opts.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
    indent: opts.indent === false || opts.center ? undefined : { firstLine: INDENT },
    spacing: { before: opts.before ?? 0, after: opts.after ?? 0, line: 276 },
  });
}

function headingParagraph(text: string): Paragraph {
  return new Paragraph({ children: [run(text, { bold: true })], alignment: AlignmentType.LEFT, indent: { firstLine: INDENT }, spacing: { before: 240, after: 120 } });
}

function image(chart: { png: Buffer; width: number; height: number }): Paragraph {
  const width = 620; // fits A4 with 2 cm margins
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 120, after: 120 },
    children: [new ImageRun({ type: "png", data: chart.png, transformation: { width, height: Math.round((chart.height * width) / chart.width) } })],
  });
}

// The note lists overdue items and done assignments, each cut at NOTE_LIST_MAX entries (./common.ts).
/** An overdue item fanned out to a thousand schools names this many executors, then how many more. */
const NOTE_EXECUTORS_MAX = 30;

interface OverdueItem {
  /** its first NOTE_EXECUTORS_MAX overdue rows */
  rows: ProgressRow[];
  /** all its overdue rows */
  count: number;
  /** the due dates of all of them */
  dues: Set<string | null>;
}

/** The lists of the note, gathered from the rows as they are read (a page at a time), capped. */
export class NoteLists {
  /** overdue rows of the first NOTE_LIST_MAX items, grouped by item in document order */
  readonly overdue = new Map<number, OverdueItem>();
  overdueItems = 0;
  readonly done: ProgressRow[] = [];
  doneRows = 0;
  private lastOverdueItem: number | null = null;

  constructor(private readonly max = NOTE_LIST_MAX) {}

  add(rows: Iterable<ProgressRow>): void {
    for (const r of rows) {
      if (r.shown === "overdue") {
        // rows come in document order: an item's rows are together
        if (r.itemId !== this.lastOverdueItem && !this.overdue.has(r.itemId)) this.overdueItems++;
        this.lastOverdueItem = r.itemId;
        let item = this.overdue.get(r.itemId);
        if (!item && this.overdue.size < this.max) this.overdue.set(r.itemId, (item = { rows: [], count: 0, dues: new Set() }));
        if (item) {
          if (item.rows.length < NOTE_EXECUTORS_MAX) item.rows.push(r);
          item.count++;
          item.dues.add(r.due);
        }
      }
      if (r.done) {
        this.doneRows++;
        if (this.done.length < this.max) this.done.push(r);
      }
    }
  }

  get capped(): boolean {
    return this.overdueItems > this.overdue.size || this.doneRows > this.done.length;
  }
}

/** Rows of the same item together, in document order. */
function byItem(rows: ProgressRow[]): ProgressRow[][] {
  const groups = new Map<number, ProgressRow[]>();
  for (const r of rows) groups.set(r.itemId, [...(groups.get(r.itemId) ?? []), r]);
  return [...groups.values()];
}

function periodStart(p: ProgressSummary): string {
  return p.roadmap.activeFrom ?? p.roadmap.orderDate ?? `${p.today.slice(0, 4)}-01-01`;
}

export async function buildDocx(p: ProgressSummary, lists: NoteLists, ctx: ExportContext, charts: NoteCharts = {}): Promise<Buffer> {
  const { tr } = ctx;
  const date = (iso: string | null) => (iso ? formatDate(tr, iso) : "—");
  const t = p.totals;
  const body: Paragraph[] = [];
  // parts are numbered as they come: the school part is there only when schools are
  let part = 0;
  const heading = (text: string) => headingParagraph(`${++part}. ${text}`);

  body.push(para([run(tr.t("export-note-title").toLocaleUpperCase(tr.lang), { bold: true })], { center: true }));
  body.push(para([run(tr.t("export-note-subtitle", { title: p.roadmap.title }), { bold: true })], { center: true }));
  if (p.roadmap.orderNumber || p.roadmap.orderDate) {
    body.push(
      para(tr.t("export-note-order", { authority: p.roadmap.authority ?? "", date: date(p.roadmap.orderDate), number: p.roadmap.orderNumber ?? "—" }).replace(/^, /, ""), {
        center: true,
      }),
    );
  }
  body.push(para(tr.t("export-note-period", { from: date(periodStart(p)), to: date(ctx.today) }), { center: true, before: 240 }));
  body.push(para(tr.t("export-note-date", { date: date(ctx.today) }), { center: true, after: 240 }));
  if (ctx.schoolNames) body.push(para(tr.t("export-note-scope", { schools: ctx.schoolNames.join("; ") })));

  body.push(heading(tr.t("export-note-totals-heading")));
  body.push(para(tr.t("export-note-totals", { items: t.items, rows: t.total, itemsDone: t.itemsDone, done: t.done, live: t.total - t.cancelled, percent: t.percentDone })));
  body.push(para(tr.t("export-note-buckets", { ...t })));
  if (t.unassigned > 0) body.push(para(tr.t("export-note-unassigned", { count: t.unassigned })));

  body.push(heading(tr.t("export-note-sections-heading")));
  for (const s of p.bySection) {
    const c = s.counts;
    body.push(para(tr.t("export-note-section-line", { title: s.title ?? tr.t("export-no-section"), done: c.done, total: c.total, percent: c.percentDone, overdue: c.overdue })));
  }

  if (p.bySchool.length > 0) {
    body.push(heading(tr.t("export-note-schools-heading")));
    for (const s of p.bySchool) {
      const c = s.counts;
      body.push(para(tr.t("export-note-section-line", { title: s.name, done: c.done, total: c.total, percent: c.percentDone, overdue: c.overdue })));
    }
  }

  body.push(heading(tr.t("export-note-overdue-heading")));
  const overdue = [...lists.overdue.values()];
  if (overdue.length === 0) body.push(para(tr.t("export-note-overdue-none")));
  for (const { rows, count, dues: due } of overdue) {
    const first = rows[0]!;
    const dues = [...new Set([...due].map((d) => date(d)))].join(", ");
    const named = rows.map((r) => executorWithSchool(tr, r)).join("; ");
    const executors = count > rows.length ? `${named}; ${tr.t("export-note-executors-more", { count: count - rows.length })}` : named;
    body.push(para(tr.t("export-note-overdue-line", { number: first.itemNumber ?? first.itemKey, title: first.title, due: dues, executor: executors, count })));
  }
  if (lists.overdueItems > overdue.length) body.push(para([run(tr.t("export-note-overdue-more", { shown: overdue.length, total: lists.overdueItems }), { italics: true })]));

  body.push(heading(tr.t("export-note-done-heading")));
  const done = byItem(lists.done);
  if (done.length === 0) body.push(para(tr.t("export-note-done-none")));
  for (const rows of done) {
    const first = rows[0]!;
    for (const r of rows) {
      body.push(para(tr.t("export-note-done-line", { number: first.itemNumber ?? first.itemKey, title: first.title, executor: executorWithSchool(tr, r), date: date(r.doneOn) })));
      const evidence = shownEvidence(r);
      if (evidence.length === 0) {
        body.push(para([run(tr.t("export-note-evidence-none"), { italics: true })]));
        continue;
      }
      for (const e of evidence) {
        const link = evidenceLink(tr, e, ctx);
        const text = new TextRun({ text: xmlSafe(link.text), font: FONT, size: SIZE, style: "Hyperlink" });
        body.push(para([run("— "), link.target ? new ExternalHyperlink({ link: link.target, children: [text] }) : run(link.text)]));
      }
    }
  }

  if (lists.doneRows > lists.done.length) body.push(para([run(tr.t("export-note-done-more", { shown: lists.done.length, total: lists.doneRows }), { italics: true })]));

  if (charts.sections || charts.overTime) {
    body.push(heading(tr.t("export-note-chart-heading")));
    if (charts.sections) body.push(image(charts.sections));
    if (charts.overTime) body.push(image(charts.overTime));
  }
  body.push(para([run(tr.t("export-note-signature"), { italics: true })], { before: 360, indent: false }));

  const doc = new Document({
    creator: "Веха",
    title: tr.t("export-note-title"),
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    sections: [{ properties: { page: { margin: { top: 1134, bottom: 1134, left: 1701, right: 850 } } }, children: body }],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}
