import type { Translator } from "../services/i18n.ts";
import { escapeHtml } from "../services/format.ts";
import type { ItemMove, ReimportPreview } from "../services/reimport.ts";
import type { SavedSummary } from "../services/pending-imports.ts";
import { shortTitle } from "./curator.ts";

// What a new version of a document does to the saved roadmap, in words: which roadmap it
// updates, which actions took a new number («2 → 3: Подготовить отчёт…»), which are new, which
// go. Shown in the /import preview before «Сохранить», and briefly after it.

/** Lines per list: enough to check the matching; the rest is counted. */
const LIST_MAX = 12;
const TITLE_MAX = 70;

function list<T>(tr: Translator, heading: string, rows: T[], line: (row: T) => string): string[] {
  if (rows.length === 0) return [];
  const out = ["", heading, ...rows.slice(0, LIST_MAX).map((r) => `  • ${line(r)}`)];
  if (rows.length > LIST_MAX) out.push(`  ${tr.t("reimport-more", { count: rows.length - LIST_MAX })}`);
  return out;
}

type MoveEntry = { one: ItemMove } | { run: ItemMove[] };

/** «12» → ["", 12]; «2021.3» → ["2021.", 3]; other keys → null */
function keyParts(key: string): [string, number] | null {
  const m = /^(.*?)(\d+)$/.exec(key);
  return m ? [m[1]!, Number(m[2])] : null;
}

/**
 * A row inserted near the top renumbers every row after it: such a run of plain shifts (the same
 * step, consecutive numbers, no work done) is one line; an action with work keeps its own line.
 */
export function groupMoves(moved: ItemMove[], hasWork: (itemId: number) => boolean): MoveEntry[] {
  const out: MoveEntry[] = [];
  let run: ItemMove[] = [];
  const flush = () => {
    if (run.length >= 3) out.push({ run });
    else out.push(...run.map((one) => ({ one })));
    run = [];
  };
  for (const m of moved) {
    const from = keyParts(m.from);
    const to = keyParts(m.to);
    const prev = run.at(-1);
    const fits = (() => {
      if (!from || !to || hasWork(m.itemId) || from[0] !== to[0] || !prev) return false;
      const pf = keyParts(prev.from)!;
      const pt = keyParts(prev.to)!;
      return pf[0] === from[0] && from[1] === pf[1] + 1 && to[1] === pt[1] + 1;
    })();
    if (fits) {
      run.push(m);
      continue;
    }
    flush();
    if (from && to && !hasWork(m.itemId) && from[0] === to[0]) run = [m];
    else out.push({ one: m });
  }
  flush();
  return out;
}

/** The preview's block for a document that updates a saved roadmap. */
export function reimportLines(tr: Translator, p: ReimportPreview): string[] {
  const { target, diff, work } = p;
  const title = escapeHtml(shortTitle(target.roadmap.title, 120));
  const withWork = (itemId: number) => {
    const n = work.get(itemId) ?? 0;
    return n > 0 ? ` (${tr.t("reimport-with-work", { count: n })})` : "";
  };
  const t = (s: string) => escapeHtml(shortTitle(s, TITLE_MAX));
  const nothing = diff.changed === 0 && [diff.moved, diff.added, diff.removed, diff.restored, diff.reworded].every((l) => l.length === 0);
  if (nothing) return ["", tr.t("reimport-target-same", { id: target.roadmap.id, title })];
  return [
    "",
    target.by === "similar"
      ? tr.t("reimport-target-similar", { id: target.roadmap.id, title, matched: target.matched ?? 0, total: target.total ?? 0 })
      : tr.t("reimport-target-identity", { id: target.roadmap.id, title }),
    tr.t("reimport-unchanged", { matched: diff.unchanged + diff.changed - diff.restored.length, changed: diff.changed - diff.restored.length }),
    ...list(tr, tr.t("reimport-moved", { count: diff.moved.length }), groupMoves(diff.moved, (id) => (work.get(id) ?? 0) > 0), (e) =>
      "one" in e
        ? tr.t("reimport-moved-line", { from: escapeHtml(e.one.from), to: escapeHtml(e.one.to), title: t(e.one.title) }) + withWork(e.one.itemId)
        : tr.t("reimport-moved-run", { from: escapeHtml(`${e.run[0]!.from}–${e.run.at(-1)!.from}`), to: escapeHtml(`${e.run[0]!.to}–${e.run.at(-1)!.to}`), count: e.run.length }),
    ),
    ...list(tr, tr.t("reimport-added", { count: diff.added.length }), diff.added, (a) => tr.t("reimport-added-line", { key: escapeHtml(a.key), title: t(a.title) })),
    ...list(tr, tr.t("reimport-removed", { count: diff.removed.length }), diff.removed, (r) => tr.t("reimport-added-line", { key: escapeHtml(r.key), title: t(r.title) }) + withWork(r.itemId!)),
    // a restored row's old key may be a parked one («3~17»): show only the number it returns under
    ...list(tr, tr.t("reimport-restored", { count: diff.restored.length }), diff.restored, (m) => tr.t("reimport-added-line", { key: escapeHtml(m.to), title: t(m.title) }) + withWork(m.itemId)),
    ...list(tr, tr.t("reimport-reworded", { count: diff.reworded.length }), diff.reworded, (w) => tr.t("reimport-reworded-line", { key: escapeHtml(w.key), from: t(w.from), to: t(w.to) })),
  ];
}

/** Said after the save, under the counts: what moved, and that no second roadmap was made. */
export function reimportSavedLines(tr: Translator, saved: Pick<SavedSummary, "roadmapId" | "matchedBy" | "itemsMoved">): string[] {
  const out: string[] = [];
  if (saved.matchedBy === "similar") out.push(tr.t("reimport-saved-similar", { id: saved.roadmapId }));
  if (saved.itemsMoved > 0) out.push(tr.t("reimport-saved-moved", { count: saved.itemsMoved }));
  return out;
}
