import { describe, expect, it } from "vitest";
import { splitHtml, TEXT_LIMIT } from "../services/telegram-text.ts";

// The one splitter every send path uses (the delivery queue, the replies).

/** Tags open and closed in order, with nothing left open: what Telegram's HTML parser accepts. */
function balanced(html: string): boolean {
  const stack: string[] = [];
  for (const m of html.matchAll(/<(\/?)([a-z-]+)[^>]*>/g)) {
    if (!m[1]) stack.push(m[2]!);
    else if (stack.pop() !== m[2]) return false;
  }
  return stack.length === 0;
}

const visible = (html: string) => html.replace(/<[^>]*>/g, "");

describe("splitHtml", () => {
  it("leaves a short text alone", () => {
    expect(splitHtml("<b>Сводка</b>\nвсё хорошо")).toEqual(["<b>Сводка</b>\nвсё хорошо"]);
  });

  it("cuts at line breaks under the limit and loses no line", () => {
    const lines = Array.from({ length: 400 }, (_, i) => `• <b>${i}</b> «Мероприятие» &amp; отчёт ${"ж".repeat(i % 50)}`);
    const parts = splitHtml(lines.join("\n"));
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(TEXT_LIMIT);
      expect(balanced(p)).toBe(true);
    }
    expect(parts.join("\n").split("\n")).toEqual(lines);
  });

  it("closes a tag open across the cut and opens it again in the next part", () => {
    const quote = Array.from({ length: 200 }, (_, i) => `строка ${i} цитаты, довольно длинная, чтобы набрать объём`).join("\n");
    const html = `<b>Заголовок</b>\n<blockquote><i>${quote}</i></blockquote>\nконец`;
    const parts = splitHtml(html, 1000);
    expect(parts.length).toBeGreaterThan(5);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(1000);
      expect(balanced(p)).toBe(true);
    }
    expect(parts[1]!.startsWith("<blockquote><i>")).toBe(true);
    expect(parts.at(-2)!.endsWith("</i></blockquote>")).toBe(true);
    // the words are all there, in order
    expect(parts.map(visible).join("\n").replace(/\s+/g, " ")).toBe(visible(html).replace(/\s+/g, " "));
  });

  it("keeps a link's opening tag, attributes and all, when its text runs over the cut", () => {
    const html = `<a href="https://school.example/news?a=1&amp;b=2">${"слово ".repeat(300)}</a>`;
    const parts = splitHtml(html, 500);
    for (const p of parts) {
      expect(p.startsWith('<a href="https://school.example/news?a=1&amp;b=2">')).toBe(true);
      expect(p.endsWith("</a>")).toBe(true);
      expect(p.length).toBeLessThanOrEqual(500);
    }
  });

  it("cuts one giant line at spaces, never inside an entity, a tag or an emoji", () => {
    const word = "&amp;😀<i>к</i>ы";
    const html = Array.from({ length: 900 }, () => word).join(" ");
    const parts = splitHtml(html, 1000);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(1000);
      expect(p).toMatch(/^(&amp;😀<i>к<\/i>ы ?)+$/);
    }
    expect(parts.join(" ")).toBe(html);
    // a line without any space is cut between characters, still whole entities
    for (const p of splitHtml("&lt;".repeat(3000), 4096)) expect(p).toMatch(/^(&lt;)+$/);
    for (const p of splitHtml("😀".repeat(3000), 4096)) expect(p).toMatch(/^(😀)+$/u);
  });

  it("drops blank parts between blank lines", () => {
    const html = `${"а".repeat(3000)}\n\n\n\n${"б".repeat(3000)}`;
    expect(splitHtml(html)).toEqual(["а".repeat(3000), "б".repeat(3000)]);
  });
});
