import crypto from "node:crypto";
import type { Item, Prisma, Roadmap } from "@prisma/client";
import type { ImportResult, ImportedItem } from "../core/types.ts";
import { matchItems, normaliseText, type MatchItem } from "../core/item-match.ts";
import { searchText } from "../core/schools.ts";
import type { Db } from "./db.ts";

// A new version of a document over a saved roadmap: which roadmap it updates, and which of its
// actions each row is (core/item-match.ts). The same plan is shown in the preview and carried
// out by services/roadmap-store.ts, so what the coordinator reads is what gets saved.

type Reader = Db | Prisma.TransactionClient;

/** A saved item as the plan needs it (its section's title is part of what it says). */
export type OldItem = Item & { section: { title: string } | null };

interface ItemRef {
  key: string;
  title: string;
  itemId?: number;
}

export interface ItemMove {
  from: string;
  to: string;
  title: string;
  itemId: number;
}

export interface ReimportDiff {
  /** live items now under another key («2 → 3») */
  moved: ItemMove[];
  /** rows with no saved action behind them */
  added: ItemRef[];
  /** live items the document no longer has (kept, marked removed); `key` is their last key */
  removed: ItemRef[];
  /** items an earlier version dropped, back now */
  restored: ItemMove[];
  /** matched items whose title was reworded: the new key, the old and new titles */
  reworded: Array<{ key: string; from: string; to: string; itemId: number }>;
  /** matched items whose content changed (besides their number) */
  changed: number;
  /** matched items that changed in nothing but perhaps their key */
  unchanged: number;
}

export interface ItemPlan {
  /** for each new item (by index): the saved row it updates, or null for a new row */
  rows: Array<OldItem | null>;
  /** saved rows the new version does not have */
  gone: OldItem[];
  diff: ReimportDiff;
}

/** What a saved item says, for matching. */
function oldMatchItem(i: OldItem): MatchItem {
  return {
    key: i.key,
    title: i.title,
    section: i.section?.title ?? null,
    result: i.result,
    deadline: i.deadlineText,
    responsible: i.responsibleText,
    removed: i.removedAt !== null,
  };
}

function newMatchItem(i: ImportedItem): MatchItem {
  return {
    key: i.key,
    title: i.title,
    section: i.section,
    result: i.result,
    deadline: i.deadline.text,
    responsible: i.responsible.map((p) => p.text).join("; ") || null,
  };
}

/** The fields whose change makes an item «изменено» (its number follows its key: a move is said apart). */
function contentChanged(prev: OldItem, item: ImportedItem): boolean {
  const responsibleText = item.responsible.map((p) => p.text).join("; ") || null;
  return (
    prev.title !== item.title ||
    prev.result !== item.result ||
    prev.deadlineText !== (item.deadline.text || null) ||
    prev.deadlineKind !== item.deadline.kind ||
    prev.deadlineStart !== item.deadline.start ||
    prev.deadlineDue !== item.deadline.due ||
    prev.checkpoints !== JSON.stringify(item.deadline.checkpoints) ||
    prev.every !== item.deadline.every ||
    prev.everyDay !== (item.deadline.day ?? null) ||
    prev.responsibleText !== responsibleText ||
    prev.responsible !== JSON.stringify(item.responsible) ||
    prev.evidenceRequirement !== item.evidence ||
    prev.flags !== JSON.stringify(item.flags) ||
    (prev.section?.title ?? null) !== item.section
  );
}

/**
 * Old items (live in position order, then the removed ones) against the new version's items.
 * `byKey`: the canonical workbook, whose keys are the identity.
 */
export function planItems(old: OldItem[], items: ImportedItem[], opts: { byKey?: boolean } = {}): ItemPlan {
  const ordered = [...old].sort((a, b) => Number(a.removedAt !== null) - Number(b.removedAt !== null) || a.position - b.position || a.id - b.id);
  const match = matchItems(ordered.map(oldMatchItem), items.map(newMatchItem), opts);
  const rows: Array<OldItem | null> = items.map(() => null);
  const diff: ReimportDiff = { moved: [], added: [], removed: [], restored: [], reworded: [], changed: 0, unchanged: 0 };
  for (const p of match.pairs) {
    const prev = ordered[p.old]!;
    const item = items[p.fresh]!;
    rows[p.fresh] = prev;
    const move = { from: prev.key, to: item.key, title: item.title, itemId: prev.id };
    if (prev.removedAt) diff.restored.push(move);
    else if (prev.key !== item.key) diff.moved.push(move);
    if (normaliseText(prev.title) !== normaliseText(item.title)) diff.reworded.push({ key: item.key, from: prev.title, to: item.title, itemId: prev.id });
    if (prev.removedAt || contentChanged(prev, item)) diff.changed++;
    else diff.unchanged++;
  }
  for (const i of match.unmatchedNew) diff.added.push({ key: items[i]!.key, title: items[i]!.title });
  const gone = match.unmatchedOld.map((i) => ordered[i]!);
  for (const g of gone) if (!g.removedAt) diff.removed.push({ key: g.key, title: g.title, itemId: g.id });
  return { rows, gone, diff };
}

export async function loadOldItems(db: Reader, roadmapId: number): Promise<OldItem[]> {
  return db.item.findMany({ where: { roadmapId }, include: { section: { select: { title: true } } }, orderBy: [{ position: "asc" }, { id: "asc" }] });
}

// ---------- which roadmap a document updates ----------

/** The roadmap's identity: `order:<authority>|<number>|<date>`, else `content:<hash of the items>`. */
export function roadmapIdentity(result: ImportResult): string {
  const r = result.roadmap;
  // a canonical workbook exported from a saved roadmap carries that roadmap's identity, so it updates that roadmap
  if (r.identity) return r.identity;
  if (r.orderNumber && r.orderDate) {
    return `order:${searchText(r.authority ?? "")}|${searchText(r.orderNumber).replace(/\s+/g, "")}|${r.orderDate}`;
  }
  return `content:${contentHash(result.items)}`;
}

/** A hash of what the items say (keys, titles, deadlines, parties), independent of the file format. */
export function contentHash(items: ImportedItem[]): string {
  const h = crypto.createHash("sha256");
  for (const i of items) {
    h.update(JSON.stringify([i.key, i.section, i.title, i.result, i.deadline.text, i.responsible.map((p) => p.text), i.evidence]));
    h.update("\n");
  }
  return h.digest("hex");
}

export interface ReimportTarget {
  roadmap: Roadmap;
  /** identity: the same order (or the same content); similar: an edited version of it */
  by: "identity" | "similar";
  /** similar: live items of the saved roadmap found again, of how many (the larger side) */
  matched?: number;
  total?: number;
}

/** Share of the items that must be found again for a document to count as a version of a roadmap. */
const SIMILAR_SHARE = 0.6;

/**
 * The roadmap this document updates. `into`: a roadmap id the preview settled on; "new" looks
 * only for the same identity (a new roadmap unless the very same order or content is saved).
 */
export async function findTarget(db: Reader, result: ImportResult, into?: number | "new"): Promise<ReimportTarget | null> {
  const identity = roadmapIdentity(result);
  if (typeof into === "number") {
    const chosen = await db.roadmap.findUnique({ where: { id: into } });
    if (chosen && chosen.status !== "archived") return { roadmap: chosen, by: chosen.identity === identity ? "identity" : "similar" };
  }
  const same = await db.roadmap.findUnique({ where: { identity } });
  if (same) return { roadmap: same, by: "identity" };
  if (into === "new") return null;
  return findSimilar(db, result);
}

/**
 * An edited document keeps no identity of its own when it has no order number (its content
 * hash changed): a roadmap of the same authority or title, not archived, whose live items are
 * mostly found again, is the one it updates. Two different orders are never one roadmap.
 */
async function findSimilar(db: Reader, result: ImportResult): Promise<ReimportTarget | null> {
  const r = result.roadmap;
  const hasOrder = !!(r.orderNumber && r.orderDate);
  const authority = r.authority ? searchText(r.authority) : null;
  const title = normaliseText(r.title);
  const candidates = await db.roadmap.findMany({ where: { status: { not: "archived" } }, orderBy: { id: "asc" } });
  let best: ReimportTarget | null = null;
  for (const c of candidates) {
    if (hasOrder && c.orderNumber && c.orderDate) continue;
    const sameAuthority = authority !== null && c.authority !== null && searchText(c.authority) === authority;
    const sameTitle = title.length > 0 && similarTitle(title, normaliseText(c.title));
    if (!sameAuthority && !sameTitle) continue;
    const old = (await loadOldItems(db, c.id)).filter((i) => i.removedAt === null);
    if (old.length === 0) continue;
    const plan = planItems(old, result.items);
    const matched = plan.rows.filter((row) => row !== null).length;
    const total = Math.max(old.length, result.items.length);
    if (matched / total < SIMILAR_SHARE) continue;
    if (!best || matched / total > best.matched! / best.total!) best = { roadmap: c, by: "similar", matched, total };
  }
  return best;
}

function similarTitle(a: string, b: string): boolean {
  if (a === b) return true;
  const wa = new Set(a.split(" ").filter((w) => w.length > 2));
  const wb = new Set(b.split(" ").filter((w) => w.length > 2));
  if (wa.size === 0 || wb.size === 0) return false;
  let common = 0;
  for (const w of wa) if (wb.has(w)) common++;
  return (2 * common) / (wa.size + wb.size) >= 0.8;
}

// ---------- the preview ----------

export interface ReimportPreview {
  target: ReimportTarget;
  diff: ReimportDiff;
  /** assignments with any progress (a status or evidence) per saved item id */
  work: Map<number, number>;
}

/** What saving this document would do to a saved roadmap: null when it makes a new one. Reads only. */
export async function previewReimport(db: Db, result: ImportResult, into?: number | "new"): Promise<ReimportPreview | null> {
  const target = await findTarget(db, result, into);
  if (!target) return null;
  const plan = planItems(await loadOldItems(db, target.roadmap.id), result.items, { byKey: result.origin === "workbook" });
  return { target, diff: plan.diff, work: await workByItem(db, target.roadmap.id) };
}

/** Per item of the roadmap: how many of its assignments carry work (a status other than «не начато», or evidence). */
async function workByItem(db: Db, roadmapId: number): Promise<Map<number, number>> {
  const rows = await db.assignment.findMany({
    where: { item: { roadmapId }, OR: [{ status: { not: "not_started" } }, { evidence: { some: {} } }, { checkins: { some: {} } }] },
    select: { itemId: true },
  });
  const out = new Map<number, number>();
  for (const r of rows) out.set(r.itemId, (out.get(r.itemId) ?? 0) + 1);
  return out;
}
