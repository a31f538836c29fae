import type { Translator } from "./i18n.ts";

/** Escapes text from documents and users before it goes into an HTML message. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** «15 июня 2023» from an ISO date. */
export function formatDate(tr: Translator, iso: string | null | undefined): string {
  if (!iso) return "";
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number);
  if (!y || !m || !d) return iso;
  return tr.t("date-format", { day: String(d), month: tr.t(`month-genitive-${m}`), year: String(y) });
}
