import type { Translator } from "../services/i18n.ts";
import type { Keyboard } from "../services/outbox.ts";
import type { DigestOverview } from "../services/digest-overview.ts";
import { clip } from "../services/verification.ts";
import { packCallback } from "./callbacks.ts";

/** Buttons under a several-roadmap digest: the first roadmaps shown (those needing attention), each opening its full digest. */
const MAX_BUTTONS = 10;

export function overviewKeyboard(tr: Translator, overview: DigestOverview): Keyboard | null {
  const buttons = overview.lines
    .slice(0, Math.min(overview.shown, MAX_BUTTONS))
    .map((l) => [{ text: clip(tr.t("digest-overview-button", { id: String(l.roadmapId), name: l.name }), 60), callback_data: packCallback({ kind: "digest", roadmapId: l.roadmapId }) }]);
  return buttons.length > 0 ? { inline_keyboard: buttons } : null;
}
