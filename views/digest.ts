import type { Translator } from "../services/i18n.ts";
import type { Keyboard } from "../services/outbox.ts";
import type { Digest } from "../services/digest.ts";
import { CAPTION_LIMIT } from "../services/telegram-text.ts";
import { nudgeKeyboard } from "./nudge.ts";
import { packCallback } from "./callbacks.ts";

/**
 * One roadmap's digest as ONE message, by the scheduler and by /digest alike: the chart as a photo
 * with the digest as its caption when the text fits a caption's 1,024 characters; else the text,
 * with «Показать диаграмму» under it (the chart sent when asked for) — never the text and then the
 * chart as a second message.
 */
export function digestMessage(tr: Translator, digest: Digest, roadmapId: number): { text: string; keyboard?: Keyboard; photo?: { fileName: string; data: Buffer } } {
  const nudges = nudgeKeyboard(tr, digest.attached)?.inline_keyboard ?? [];
  const asCaption = digest.chart !== null && digest.text.length <= CAPTION_LIMIT;
  const chartButton = !asCaption && (digest.chart !== null || digest.chartLeftOut) ? [[{ text: tr.t("digest-chart-button"), callback_data: packCallback({ kind: "digest-chart", roadmapId }) }]] : [];
  const rows = [...nudges, ...chartButton];
  return {
    text: digest.text,
    ...(rows.length > 0 ? { keyboard: { inline_keyboard: rows } } : {}),
    ...(asCaption ? { photo: { fileName: `digest-${roadmapId}.png`, data: digest.chart! } } : {}),
  };
}
