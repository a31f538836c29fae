// Shortening a document's text for a line or a button: at a word boundary, never mid-word.

/**
 * `text` with its whitespace collapsed, cut to at most `max` characters at the end of a word with
 * «…» (punctuation left hanging before it is dropped). Only a first word longer than `max` is cut
 * inside, there being no word end to cut at.
 */
export function clipAtWord(text: string, max: number): string {
  const t = text.replace(/\s+/g, " ").trim();
  if (t.length <= max) return t;
  const room = t.slice(0, max); // the «…» takes the place of the space cut at
  const space = room.lastIndexOf(" ");
  if (space <= 0) return `${t.slice(0, max - 1)}…`;
  const head = room.slice(0, space).replace(/[\s,;:.\-–—(«"]+$/u, "");
  return `${head || room.slice(0, space)}…`;
}
