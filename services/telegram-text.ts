// Telegram refuses a message over 4,096 characters (a caption over 1,024). Every path that sends
// text — the delivery queue and the replies alike — cuts long HTML here: at line breaks, else at
// spaces, never inside a tag, an entity or a surrogate pair; a tag open across a cut (a <b> or
// <blockquote> spanning lines) is closed at the end of one part and opened again in the next.

/** Telegram's limit for a message text. */
export const TEXT_LIMIT = 4096;
/** Telegram's limit for a caption under a file or a picture. */
export const CAPTION_LIMIT = 1024;

interface Token {
  text: string;
  /** `open`/`close`: an HTML tag; `nl`: a line break; `space`: a place to cut a long line */
  kind: "open" | "close" | "nl" | "space" | "text";
  /** the tag's name, for `open`/`close` */
  name?: string;
}

function tokenize(html: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < html.length) {
    const ch = html[i]!;
    if (ch === "<") {
      const end = html.indexOf(">", i);
      if (end > i) {
        const text = html.slice(i, end + 1);
        const m = /^<(\/?)([a-zA-Z][\w-]*)/.exec(text);
        if (m) {
          out.push({ text, kind: m[1] ? "close" : "open", name: m[2]!.toLowerCase() });
          i = end + 1;
          continue;
        }
      }
    }
    if (ch === "&") {
      const m = /^&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{1,10});/.exec(html.slice(i, i + 12));
      if (m) {
        out.push({ text: m[0], kind: "text" });
        i += m[0].length;
        continue;
      }
    }
    if (ch === "\n") {
      out.push({ text: ch, kind: "nl" });
      i++;
      continue;
    }
    if (ch === " ") {
      out.push({ text: ch, kind: "space" });
      i++;
      continue;
    }
    // a run of plain characters, never ending inside a surrogate pair
    let j = i + 1;
    while (j < html.length && !"<&\n ".includes(html[j]!)) j++;
    for (let k = i; k < j; ) {
      const code = html.charCodeAt(k);
      const step = code >= 0xd800 && code <= 0xdbff && k + 1 < j ? 2 : 1;
      out.push({ text: html.slice(k, k + step), kind: "text" });
      k += step;
    }
    i = j;
  }
  return out;
}

function applyTag(stack: Token[], t: Token): Token[] {
  if (t.kind === "open") return [...stack, t];
  if (t.kind === "close") {
    const at = stack.map((s) => s.name).lastIndexOf(t.name);
    return at < 0 ? stack : [...stack.slice(0, at), ...stack.slice(at + 1)];
  }
  return stack;
}

const closing = (stack: Token[]) =>
  stack
    .map((t) => `</${t.name}>`)
    .reverse()
    .join("");

/** The visible part of a piece of HTML has something other than blanks. */
function hasContent(html: string): boolean {
  return html.replace(/<[^>]*>/g, "").trim() !== "";
}

/**
 * Splits HTML into parts of at most `limit` characters (the raw HTML is measured, which is never
 * shorter than what Telegram counts). Joining the parts with "\n" gives the text back when every
 * tag closes on the line it opens.
 */
export function splitHtml(html: string, limit = TEXT_LIMIT): string[] {
  if (html.length <= limit) return [html];
  const tokens = tokenize(html);
  const parts: string[] = [];
  let stack: Token[] = [];
  let i = 0;
  while (i < tokens.length) {
    // a part starts with the tags still open, and never with blank lines
    while (i < tokens.length && tokens[i]!.kind === "nl") i++;
    if (i >= tokens.length) break;
    const prefix = stack.map((t) => t.text).join("");
    let size = prefix.length;
    let open = stack;
    let j = i;
    // the best place to cut so far: after a line, else at a space, else anywhere
    let atLine: { at: number; stack: Token[] } | null = null;
    let atSpace: { at: number; stack: Token[] } | null = null;
    let atAny: { at: number; stack: Token[] } | null = null;
    for (; j < tokens.length; j++) {
      const t = tokens[j]!;
      const next = applyTag(open, t);
      if (size + t.text.length + closing(next).length > limit) break;
      size += t.text.length;
      open = next;
      if (t.kind === "nl") atLine = { at: j, stack: open };
      else if (t.kind === "space") atSpace = { at: j + 1, stack: open };
      else if (t.kind !== "open") atAny = { at: j + 1, stack: open };
    }
    let cut: { at: number; stack: Token[] };
    let end: number;
    if (j >= tokens.length) {
      cut = { at: tokens.length, stack: open };
      end = tokens.length;
    } else {
      // a line break cuts cleanly (it is dropped); a long line is cut at its last space
      cut = atLine ?? atSpace ?? atAny ?? { at: j + 1, stack: applyTag(open, tokens[j]!) };
      end = cut.at;
    }
    const body = tokens
      .slice(i, end)
      .map((t) => t.text)
      .join("")
      .replace(/[\n ]+$/, "");
    const part = prefix + body + closing(cut.stack);
    if (hasContent(part)) parts.push(part);
    stack = cut.stack;
    i = cut === atLine ? cut.at + 1 : cut.at;
  }
  return parts;
}
