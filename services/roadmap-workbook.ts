import type { CuratorLink, ImportResult, ResponsibleParty, SchoolFlags } from "../core/types.ts";
import { toDeadlineKind, toEvery } from "../core/kinds.ts";
import { writeWorkbook } from "../core/workbook/index.ts";
import type { Db } from "./db.ts";
import { roadmapIdentity } from "./roadmap-store.ts";

// A saved roadmap as the canonical workbook: the same ImportResult saveImport was given, rebuilt from
// the database (live items, in order), with the roadmap's stored identity on the second sheet so the
// edited file updates this roadmap and no other.

function parse<T>(json: string | null | undefined, fallback: T): T {
  if (!json) return fallback;
  try {
    return JSON.parse(json) as T;
  } catch {
    return fallback;
  }
}

export async function savedRoadmapResult(db: Db, roadmapId: number): Promise<ImportResult | null> {
  const r = await db.roadmap.findUnique({ where: { id: roadmapId } });
  if (!r) return null;
  const rows = await db.item.findMany({ where: { roadmapId, removedAt: null }, orderBy: { position: "asc" }, include: { section: { select: { title: true } } } });
  const warnings = await db.importWarning.findMany({ where: { roadmapId }, orderBy: { id: "asc" } });
  const meta = parse<{ schools?: string[]; curators?: CuratorLink[]; schoolFlags?: SchoolFlags[] }>(r.meta, {});
  const live = new Set(rows.map((i) => i.key));
  return {
    roadmap: {
      id: r.id,
      title: r.title,
      orderNumber: r.orderNumber,
      orderDate: r.orderDate,
      authority: r.authority,
      years: parse<number[]>(r.years, []),
      timezone: r.timezone,
      controller: r.controllerText,
      schools: meta.schools ?? [],
      curators: meta.curators ?? [],
      ...(meta.schoolFlags?.length ? { schoolFlags: meta.schoolFlags } : {}),
      identity: r.identity,
    },
    items: rows.map((i) => ({
      key: i.key,
      number: i.number,
      section: i.section?.title ?? null,
      title: i.title,
      result: i.result,
      deadline: {
        text: i.deadlineText ?? "",
        kind: toDeadlineKind(i.deadlineKind),
        start: i.deadlineStart,
        due: i.deadlineDue,
        checkpoints: parse<string[]>(i.checkpoints, []),
        every: toEvery(i.every),
        ...(i.everyDay !== null ? { day: i.everyDay } : {}),
      },
      responsible: parse<ResponsibleParty[]>(i.responsible, []),
      evidence: i.evidenceRequirement,
      flags: parse<string[]>(i.flags, []),
    })),
    warnings: warnings.filter((w) => w.itemKey === null || live.has(w.itemKey)).map((w) => ({ item: w.itemKey, row: w.row, message: w.message })),
  };
}

/** The saved roadmap's workbook and a file name for it, or null when there is no such roadmap. */
export async function savedRoadmapWorkbook(db: Db, roadmapId: number): Promise<{ bytes: Buffer; fileName: string } | null> {
  const result = await savedRoadmapResult(db, roadmapId);
  if (!result) return null;
  const bytes = await writeWorkbook(result, { identity: roadmapIdentity(result), roadmapId });
  return { bytes, fileName: workbookFileName(result, roadmapId) };
}

/** «vekha-3-pravka.xlsx» for a saved roadmap, «vekha-pravka-<order>.xlsx» for a preview: ASCII, safe everywhere. */
export function workbookFileName(result: ImportResult, roadmapId: number | null): string {
  const order = (result.roadmap.orderNumber ?? "").replace(/[^0-9A-Za-z-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 20);
  return roadmapId ? `vekha-${roadmapId}-pravka.xlsx` : `vekha-pravka${order ? `-${order}` : ""}.xlsx`;
}

/** The roadmaps not archived (whose workbook /edit offers), oldest first. */
export async function runningRoadmaps(db: Db, take: number): Promise<Array<{ id: number }>> {
  return db.roadmap.findMany({ where: { status: { not: "archived" } }, select: { id: true }, orderBy: { id: "asc" }, take });
}
