import type { Translator } from "./i18n.ts";

/** Escapes text from documents and users before it goes into an HTML message. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The part of a message entity that HTML can say again (Bot API «MessageEntity»). */
export interface TextEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
}

const ENTITY_TAGS: Record<string, string> = { bold: "b", italic: "i", underline: "u", strikethrough: "s", spoiler: "tg-spoiler", code: "code", pre: "pre", blockquote: "blockquote" };

/**
 * A message's text with its entities as HTML again: Telegram hands back a sent message as plain text
 * and entities, and a redraw that keeps part of it must keep its bold. Entities past the text's end are
 * cut at it; links and mentions Telegram finds by itself stay plain text.
 */
export function htmlOfEntities(text: string, entities: readonly TextEntity[] = []): string {
  const tags = entities
    .filter((e) => e.offset < text.length && e.length > 0 && (ENTITY_TAGS[e.type] || (e.type === "text_link" && e.url)))
    .map((e) => {
      const tag = ENTITY_TAGS[e.type] ?? "a";
      const open = tag === "a" ? `<a href="${escapeHtml(e.url!)}">` : `<${tag}>`;
      return { start: e.offset, end: Math.min(e.offset + e.length, text.length), open, close: `</${tag}>` };
    })
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const open: Array<{ end: number; close: string }> = [];
  let out = "";
  let at = 0;
  const writeTo = (to: number) => {
    while (open.length && open.at(-1)!.end <= to) {
      const top = open.pop()!;
      out += escapeHtml(text.slice(at, top.end)) + top.close;
      at = top.end;
    }
    out += escapeHtml(text.slice(at, to));
    at = to;
  };
  for (const t of tags) {
    writeTo(t.start);
    // an entity overlapping its outer one without nesting in it is cut at the outer one's end
    const end = Math.min(t.end, open.at(-1)?.end ?? t.end);
    out += t.open;
    open.push({ end, close: t.close });
  }
  writeTo(text.length);
  return out;
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
