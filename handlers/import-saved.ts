import type { PendingImport } from "@prisma/client";
import type { BotDeps } from "../bot/deps.ts";
import type { Translator } from "../services/i18n.ts";
import { escapeHtml } from "../services/format.ts";
import { resolveAssignments } from "../services/assign.ts";
import { dropPending, savedSummary } from "../services/pending-imports.ts";
import { setupState } from "../services/setup.ts";
import { nextStepLine } from "../views/setup.ts";
import { reimportSavedLines } from "./reimport-text.ts";

// The answer to a chat import whose save has committed: right after «Сохранить», on a second
// press of it, or at the next start when a crash came between the commit and the answer.

export interface SavedAnswer {
  reply: (text: string) => Promise<unknown>;
  tr: Translator;
  /** the process restarted since «Сохранить»: say so first */
  restarted: boolean;
}

/** Assignments resolved (again: it only fills gaps), the coordinator answered, the preview row gone. */
export async function finishSaved(deps: BotDeps, row: PendingImport, answer: SavedAnswer): Promise<void> {
  const saved = savedSummary(row);
  if (!saved) throw new Error(`pending import ${row.id} is not saved`);
  const { tr } = answer;
  const resolved = await resolveAssignments(deps.db, saved.roadmapId);
  const lines = [
    ...(answer.restarted ? [tr.t("import-recovery-saved", { file: escapeHtml(row.fileName) })] : []),
    tr.t(saved.created ? "coordinator-import-saved" : "coordinator-import-updated", {
      id: saved.roadmapId,
      added: saved.itemsAdded,
      updated: saved.itemsUpdated,
      removed: saved.itemsRemoved,
      assignments: resolved.created,
      unresolved: resolved.unresolved,
    }),
    ...reimportSavedLines(tr, saved),
  ];
  // the coordinator's setup checklist (handlers/setup.ts): what comes next
  const next = nextStepLine(tr, await setupState(deps.db, row.chatId, deps.clock.now()));
  if (next) lines.push("", next);
  await answer.reply(lines.join("\n"));
  await dropPending(deps.db, row.id);
}
