import { readPendingImport } from "../services/stored-json.ts";
import type { PendingImport } from "@prisma/client";
import type { Keyboard } from "../services/outbox.ts";
import type { BotDeps } from "../bot/deps.ts";
import { splitMessage } from "../bot/reply.ts";
import { setStep } from "../bot/state.ts";
import { escapeHtml } from "../services/format.ts";
import { toLang, translator, type Translator } from "../services/i18n.ts";
import { dropPending, interruptedImports, previewShown, releaseClaim, setPendingTarget } from "../services/pending-imports.ts";
import { languageOfChat } from "../services/people.ts";
import { buildPreview, previewKeyboard } from "./import-preview.ts";
import { STEP_IMPORT } from "./coordinator.ts";
import { finishSaved } from "./import-saved.ts";

// At start-up, before any update is handled: a chat import the previous process left mid-way
// (services/pending-imports.ts) is reported to its coordinator, so nobody waits for an answer
// that will never come or presses a dead button.
//   file being read     → the file is asked for again (the chat waits for it, as after /import)
//   preview not shown   → the preview is shown now, with its buttons
//   save not committed  → nothing was saved; the same «Сохранить» works again (and is sent anew)
//   save committed      → the usual answer, with the assignments made

/** Reports every interrupted import; returns how many. A failure with one never stops the start. */
export async function reportInterruptedImports(deps: BotDeps): Promise<number> {
  const rows = await interruptedImports(deps.db);
  for (const row of rows) {
    try {
      await reportOne(deps, row);
    } catch (err) {
      deps.logger.error({ err, pendingImportId: row.id }, "could not report an interrupted import");
    }
  }
  if (rows.length > 0) deps.logger.info({ count: rows.length }, "interrupted chat imports reported");
  return rows.length;
}

async function reportOne(deps: BotDeps, row: PendingImport): Promise<void> {
  const { db, clock } = deps;
  const tr = await translatorFor(deps, row.chatId);
  const send = async (text: string, keyboard?: Keyboard) => {
    // a preview may run past Telegram's limit: in parts, the buttons under the last
    const parts = splitMessage(text);
    for (const [i, part] of parts.entries()) {
      const last = i === parts.length - 1;
      const sent = await deps.outbox.send({ chatId: row.chatId, text: part, ...(last && keyboard ? { keyboard } : {}) });
      if (!sent.ok) deps.logger.warn({ pendingImportId: row.id, error: sent.error }, "interrupted import: the coordinator could not be told");
    }
  };
  const file = escapeHtml(row.fileName);
  if (row.state === "saved") return finishSaved(deps, row, { reply: (text) => send(text), tr, restarted: true });
  if (row.state === "saving") {
    // the save's transaction never committed: nothing of it is stored
    await releaseClaim(db, row.id);
    return send(tr.t("import-recovery-not-saved", { file }), previewKeyboard(tr, row.id, readPendingImport(row)));
  }
  if (row.payload === "") {
    // never retried on its own: a file that killed the process would kill it again
    await dropPending(db, row.id);
    await setStep(db, row.chatId, { kind: STEP_IMPORT });
    return send(tr.t("import-recovery-parsing", { file }));
  }
  const result = readPendingImport(row);
  const built = await buildPreview(db, tr, result, clock.now(), row.targetRoadmapId);
  await setPendingTarget(db, row.id, built.targetRoadmapId);
  await send(`${tr.t("import-recovery-preview", { file })}\n\n${built.text}`, previewKeyboard(tr, row.id, result));
  await previewShown(db, row.id, row.chatId, clock.now());
}

async function translatorFor(deps: BotDeps, chatId: string): Promise<Translator> {
  return translator(toLang(await languageOfChat(deps.db, chatId)));
}
