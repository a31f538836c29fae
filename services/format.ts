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

/** A title cut at a word boundary with «…» (no dangling short word or punctuation before it). */
export function cutAtWord(title: string, max: number): string {
  const t = title.replace(/\s+/g, " ").trim();
  if (t.length <= max) return t;
  const cut = t.lastIndexOf(" ", max - 1);
  const head = t
    .slice(0, cut > max / 2 ? cut : max - 1)
    .replace(/(?:\s\S{1,2})+$/u, "")
    .replace(/[\s,;:.(«–—-]+$/u, "");
  return `${head}…`;
}

/** How long a roadmap's title may be where no order names it. */
const ROADMAP_TITLE_MAX = 80;

/**
 * A roadmap as captions and headings name it: by its order («Приказ № 123 от 15 июня 2023»), not
 * by a full title that runs to 250 characters; without an order, the title cut at a word.
 */
export function roadmapName(tr: Translator, r: { title: string; orderNumber?: string | null; orderDate?: string | null }): string {
  const number = r.orderNumber?.trim();
  if (number && r.orderDate) return tr.t("roadmap-name", { number, date: formatDate(tr, r.orderDate) });
  if (number) return tr.t("roadmap-name-number", { number });
  if (r.orderDate) return tr.t("roadmap-name-date", { date: formatDate(tr, r.orderDate) });
  return cutAtWord(r.title, ROADMAP_TITLE_MAX);
}
