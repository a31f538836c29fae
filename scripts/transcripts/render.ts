import { DateTime } from "luxon";
import type { ApiCall } from "../../test/support/fake-bot-api.ts";

// How a transcript shows what happened in the chats: who speaks, the bot's text with its HTML
// turned into Markdown, buttons as `[Выполнено] [В работе]`, files as «📎 name.xlsx». Only what a
// person sees: no ids, no callback data, and invite tokens replaced by ‹приглашение N› (they are
// random), so that the same story gives the same file every time.

type Keyboard = Array<Array<{ text: string }>>;

/** Telegram HTML (the subset the bot uses) as Markdown-ish plain text. */
function htmlToMarkdown(html: string): string {
  return html
    .replace(/<a href="([^"]*)">([\s\S]*?)<\/a>/g, (_, href: string, text: string) => {
      const url = decode(href);
      const shown = decode(text.replace(/<[^>]+>/g, ""));
      return shown === url ? url : `[${shown}](${url})`;
    })
    .replace(/<\/?(b|strong)>/g, "**")
    .replace(/<\/?(i|em)>/g, "_")
    .replace(/<\/?code>/g, "`")
    .replace(/<pre>([\s\S]*?)<\/pre>/g, "```\n$1\n```")
    .replace(/<blockquote[^>]*>([\s\S]*?)<\/blockquote>/g, (_, q: string) => q.split("\n").map((l) => `│ ${l}`).join("\n"))
    .replace(/<[^>]+>/g, "")
    .replace(/&(lt|gt|quot|amp|#\d+);/g, (m) => decode(m));
}

function decode(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&amp;/g, "&");
}

function keyboardLines(markup: unknown): string[] {
  const kb = (markup as { inline_keyboard?: Keyboard } | undefined)?.inline_keyboard;
  return (kb ?? []).filter((row) => row.length > 0).map((row) => row.map((b) => `[${b.text}]`).join(" "));
}

/** Replaces each distinct invite token by ‹приглашение N›, numbered in order of first appearance. */
export class TokenMask {
  #seen = new Map<string, string>();
  mask(text: string): string {
    return text.replace(/(start=|\/start )([A-Za-z0-9_-]{20,64})/g, (_, lead: string, token: string) => {
      let name = this.#seen.get(token);
      if (!name) this.#seen.set(token, (name = `‹приглашение ${this.#seen.size + 1}›`));
      return lead + name;
    });
  }
}

/** A time heading in the roadmap's zone: «пятница, 21 апреля 2023, 09:00». */
export function when(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).setLocale("ru").toFormat("cccc, d MMMM yyyy, HH:mm");
}

function quote(lines: string[]): string[] {
  return lines.map((l) => (l === "" ? ">" : `> ${l}`));
}

/**
 * The lines one Bot API call adds to a transcript (none for calls a person does not see), with
 * `to` naming the chat's person and `toast` set for the small notice a button press shows.
 */
export function renderCall(call: ApiCall, to: string, mask: TokenMask): string[] {
  const p = call.params;
  const text = (s: unknown) => mask.mask(htmlToMarkdown(String(s ?? "")).replace(/\n{3,}/g, "\n\n"));
  const buttons = keyboardLines(p.reply_markup);
  switch (call.method) {
    case "sendMessage":
      return [`**Веха → ${to}:**`, ...quote([...text(p.text).split("\n"), ...(buttons.length ? ["", ...buttons] : [])]), ""];
    case "editMessageText":
      return [`**Веха → ${to}** (сообщение изменено):`, ...quote([...text(p.text).split("\n"), ...(buttons.length ? ["", ...buttons] : [])]), ""];
    case "editMessageReplyMarkup":
      return buttons.length ? [`**Веха → ${to}** (кнопки сменились):`, ...quote(buttons), ""] : ["_(кнопки под сообщением исчезли)_", ""];
    case "sendDocument":
    case "sendPhoto": {
      const field = call.method === "sendDocument" ? "document" : "photo";
      const attached = call.files[field]?.name;
      const icon = call.method === "sendDocument" ? "📎" : "🖼";
      const name = attached ? `${icon} ${attached}` : `${icon} файл`;
      const caption = p.caption ? text(p.caption).split("\n") : [];
      return [`**Веха → ${to}:**`, ...quote([name, ...(caption.length ? ["", ...caption] : []), ...(buttons.length ? ["", ...buttons] : [])]), ""];
    }
    case "answerCallbackQuery":
      return p.text ? [`_(всплывающее уведомление: «${text(p.text)}»)_`, ""] : [];
    default:
      return [];
  }
}
