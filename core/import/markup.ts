// Cell and paragraph markup of the plain-text exports → clean text.
// Cells hold HTML fragments (<p>, <br>, <ul><li>, entities) or Markdown (**bold**, \_ escapes, [text](url)).
// Paragraphs and <br> become line breaks, list items «- » lines; spaces collapse; empty lines go.

const NAMED_ENTITIES: Record<string, string> = {
  nbsp: " ",
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  laquo: "«",
  raquo: "»",
  ndash: "–",
  mdash: "—",
  hellip: "…",
  bull: "•",
  middot: "·",
  shy: "",
  ldquo: "“",
  rdquo: "”",
  bdquo: "„",
  lsquo: "‘",
  rsquo: "’",
  numero: "№",
  minus: "−",
  times: "×",
  deg: "°",
  sect: "§",
};

/** `&laquo;`, `&#171;`, `&#xAB;` → the character; unknown entities stay as written. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === "#") {
      const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/** Markdown inline marks of the export: bold/italic, backslash escapes, links, autolinks, heading marks. */
function stripMarkdown(s: string): string {
  return s
    .replace(/^\s{0,3}#{1,6}\s+/gm, "")
    .replace(/\[([^\]\n]*)\]\(([^)\s]+)\)/g, (_w, text: string, url: string) => {
      const t = unescapeMarkdown(text).trim();
      const u = unescapeMarkdown(url);
      return !t || t === u ? u : `${t} (${u})`;
    })
    .replace(/<((?:https?|ftp|mailto):[^>\s]+)>/gi, "$1")
    .replace(/\*\*|__/g, "")
    .replace(/(^|[\s(«"])\*(?=\S)([^*\n]*\S)\*(?=$|[\s).,;:»"])/g, "$1$2")
    .replace(ESCAPED, "$1");
}

// Word's exports sometimes escape twice («prikaz\\_shnor»): any run of backslashes before a mark goes.
const ESCAPED = /\\+([`*_{}[\]()#+\-.!|<>~"'])/g;
const unescapeMarkdown = (s: string) => s.replace(ESCAPED, "$1");

/** One cell's content → clean text with `\n` between its paragraphs and «- » list lines. */
export function cleanCell(raw: string): string {
  let s = raw.replace(/\r/g, "");
  s = stripMarkdown(s);
  s = s
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<li(?:\s[^>]*)?>/gi, "\n- ")
    .replace(/<\/(?:p|div|li|ul|ol|h[1-6]|tr|table)\s*>/gi, "\n")
    .replace(/<(?:p|div|ul|ol|h[1-6]|tr|table)(?:\s[^>]*)?>/gi, "\n")
    .replace(/<\/?[a-z][a-z0-9]*(?:\s[^>]*)?\/?>/gi, "");
  s = decodeEntities(s);
  return s
    .split("\n")
    .map((line) => tidyLine(line))
    .filter((line) => line !== "" && line !== "-")
    .join("\n");
}

/** A prose line of the export → clean text on one line. */
export function cleanParagraph(raw: string): string {
  return cleanCell(raw).replace(/\n+/g, " ").trim();
}

function tidyLine(line: string): string {
  let t = line.replace(/[\s\u00a0\u200b\ufeff]+/g, " ").trim();
  // «<li>-создание условий…» already carries its own dash: one «- » is enough
  t = t.replace(/^-\s*[-–—•]\s*/, "- ");
  return t;
}

/** A cell's text on one line (for matching and for fields kept as single strings). */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").replace(/\s+/g, " ").trim();
}
