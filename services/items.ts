import type { Db } from "./db.ts";
import { listPersonAssignments, type AssignmentView } from "./assignments.ts";
import { isOpen, UNCANCELLED_STATUSES } from "../core/status.ts";

// Finding an item by the key people type: «17», «2021.1», «9а», «П3»; with several running
// roadmaps «<roadmap id>/<key>». Typing «9a» with a Latin letter, or «п3», finds «9а» / «П3».

const LATIN_TO_CYRILLIC: Record<string, string> = { a: "а", b: "в", c: "с", e: "е", h: "н", k: "к", m: "м", o: "о", p: "р", t: "т", x: "х", y: "у" };

/** The form keys are compared in: lower case, Cyrillic look-alikes, ё→е, no spaces, «,» as «.». */
export function normalizeKey(key: string): string {
  return key
    .trim()
    .toLowerCase()
    .replace(/[a-z]/g, (ch) => LATIN_TO_CYRILLIC[ch] ?? ch)
    .replace(/ё/g, "е")
    .replace(/,/g, ".")
    .replace(/\s+/g, "")
    .replace(/\.$/, "");
}

export interface KeyRef {
  roadmapId: number | null;
  key: string;
}

/** «2/17» → roadmap 2, key 17; «17» → any roadmap. Null for an empty or absurd argument. */
export function parseKeyRef(text: string): KeyRef | null {
  const t = text.trim();
  if (!t || t.length > 40) return null;
  const m = /^(\d{1,9})\/(.+)$/.exec(t);
  if (m) return { roadmapId: Number(m[1]), key: m[2]!.trim() };
  return { roadmapId: null, key: t };
}

export type FindOutcome =
  | { kind: "found"; assignment: AssignmentView }
  /** the key names items in several roadmaps: ask which */
  | { kind: "ambiguous"; options: AssignmentView[] }
  /** the item exists but is not this person's */
  | { kind: "not_yours" }
  | { kind: "unknown" };

/** The person's assignment for a key (all statuses, so a card of finished work still opens). */
export async function findOwnAssignment(db: Db, personId: number, ref: KeyRef): Promise<FindOutcome> {
  const wanted = normalizeKey(ref.key);
  const all = await listPersonAssignments(db, personId, UNCANCELLED_STATUSES);
  const matches = all.filter((a) => normalizeKey(a.item.key) === wanted && (ref.roadmapId === null || a.item.roadmapId === ref.roadmapId));
  if (matches.length > 0) {
    const roadmaps = new Set(matches.map((a) => a.item.roadmapId));
    if (roadmaps.size > 1) {
      // one option per roadmap: the open one first
      const options = [...roadmaps].map((id) => pickOne(matches.filter((a) => a.item.roadmapId === id)));
      return { kind: "ambiguous", options };
    }
    return { kind: "found", assignment: pickOne(matches) };
  }
  const items = await db.item.findMany({
    where: { removedAt: null, roadmap: { status: { not: "archived" } }, ...(ref.roadmapId !== null ? { roadmapId: ref.roadmapId } : {}) },
    select: { key: true },
  });
  return items.some((i) => normalizeKey(i.key) === wanted) ? { kind: "not_yours" } : { kind: "unknown" };
}

/** Of one item's assignments (several schools, none cancelled), the one still asking for work. */
function pickOne(list: AssignmentView[]): AssignmentView {
  return list.find((a) => isOpen(a.status)) ?? list.find((a) => a.status === "submitted") ?? list[0]!;
}

/** Are several roadmaps running? Then keys are shown as «<roadmap id>/<key>». */
export async function severalRoadmaps(db: Db): Promise<boolean> {
  return (await db.roadmap.count({ where: { status: { not: "archived" } } })) > 1;
}

export function keyLabel(a: { item: { key: string; roadmapId: number } }, several: boolean): string {
  return several ? `${a.item.roadmapId}/${a.item.key}` : a.item.key;
}

/** Items of running roadmaps with this key (any assignee): for curators, coordinators and the CLI. */
export async function findItemsByKey(db: Db, ref: KeyRef) {
  const wanted = normalizeKey(ref.key);
  const items = await db.item.findMany({
    where: { removedAt: null, roadmap: { status: { not: "archived" } }, ...(ref.roadmapId !== null ? { roadmapId: ref.roadmapId } : {}) },
    select: { id: true, key: true, title: true, roadmapId: true, roadmap: { select: { title: true } } },
    orderBy: [{ roadmapId: "asc" }, { position: "asc" }],
  });
  return items.filter((i) => normalizeKey(i.key) === wanted);
}
