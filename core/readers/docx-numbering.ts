import { attrOf, child, childrenOf, findRoot, tagOf, type XNode } from "./xml.ts";

// Word's automatic numbering (word/numbering.xml). Item numbers («1.», «3.2.») are often not
// in the text at all but produced by a list definition; without them an item row or a point
// of an order loses its number. Counters are kept per list (numId), in document order.

interface Level {
  start: number;
  format: string;
  text: string;
}

const RU_LETTERS = "абвгдежзиклмнопрстуфхцчшщэюя";

export class Numbering {
  private readonly levels = new Map<string, Map<number, Level>>(); // abstractNumId → ilvl → level
  private readonly numToAbstract = new Map<string, string>();
  private readonly overrides = new Map<string, Map<number, number>>(); // numId → ilvl → start
  private readonly counters = new Map<string, number[]>(); // numId → counter per level

  private readonly styleNumbers = new Map<string, { numId: string; ilvl: number }>(); // paragraph style → its list

  constructor(parsed: XNode[] | null, styles: XNode[] | null = null) {
    this.readStyles(styles);
    const root = parsed && findRoot(parsed, "w:numbering");
    if (!root) return;
    for (const node of childrenOf(root)) {
      const tag = tagOf(node);
      if (tag === "w:abstractNum") {
        const id = attrOf(node, "w:abstractNumId") ?? "";
        const lvls = new Map<number, Level>();
        for (const lvl of childrenOf(node)) {
          if (tagOf(lvl) !== "w:lvl") continue;
          lvls.set(Number(attrOf(lvl, "w:ilvl") ?? 0), {
            start: Number(val(lvl, "w:start") ?? 1),
            format: val(lvl, "w:numFmt") ?? "decimal",
            text: val(lvl, "w:lvlText") ?? "",
          });
        }
        this.levels.set(id, lvls);
      } else if (tag === "w:num") {
        const numId = attrOf(node, "w:numId") ?? "";
        this.numToAbstract.set(numId, val(node, "w:abstractNumId") ?? "");
        const starts = new Map<number, number>();
        for (const o of childrenOf(node)) {
          if (tagOf(o) !== "w:lvlOverride") continue;
          const s = val(o, "w:startOverride");
          if (s !== undefined) starts.set(Number(attrOf(o, "w:ilvl") ?? 0), Number(s));
        }
        this.overrides.set(numId, starts);
      }
    }
  }

  /** Styles that number their paragraphs («Пункт приказа» with a list of its own), following `basedOn`. */
  private readStyles(parsed: XNode[] | null): void {
    const root = parsed && findRoot(parsed, "w:styles");
    if (!root) return;
    const own = new Map<string, { numId?: string; ilvl?: number; basedOn?: string }>();
    for (const st of childrenOf(root)) {
      if (tagOf(st) !== "w:style" || attrOf(st, "w:type") !== "paragraph") continue;
      const pPr = child(st, "w:pPr");
      const numPr = pPr && child(pPr, "w:numPr");
      const ilvl = numPr ? val(numPr, "w:ilvl") : undefined;
      own.set(attrOf(st, "w:styleId") ?? "", {
        ...(numPr && val(numPr, "w:numId") !== undefined ? { numId: val(numPr, "w:numId")! } : {}),
        ...(ilvl !== undefined ? { ilvl: Number(ilvl) } : {}),
        ...(val(st, "w:basedOn") ? { basedOn: val(st, "w:basedOn")! } : {}),
      });
    }
    for (const id of own.keys()) {
      let numId: string | undefined;
      let ilvl: number | undefined;
      let cur = own.get(id);
      for (let depth = 0; cur && depth < 10; depth++) {
        // a style inherits what it does not set from the style it is based on (depth-limited: no cycles)
        numId ??= cur.numId;
        ilvl ??= cur.ilvl;
        cur = cur.basedOn ? own.get(cur.basedOn) : undefined;
      }
      if (numId && numId !== "0") this.styleNumbers.set(id, { numId, ilvl: ilvl ?? 0 });
    }
  }

  /** The label of a numbered paragraph («1.», «3.2.», «-»), advancing its list; "" when not numbered. */
  labelFor(pPr: XNode): string {
    const numPr = child(pPr, "w:numPr");
    const styleId = child(pPr, "w:pStyle") ? attrOf(child(pPr, "w:pStyle")!, "w:val") : undefined;
    const byStyle = styleId ? this.styleNumbers.get(styleId) : undefined;
    if (!numPr && !byStyle) return "";
    const numId = (numPr && val(numPr, "w:numId")) ?? byStyle?.numId;
    const ilvl = Number((numPr && val(numPr, "w:ilvl")) ?? byStyle?.ilvl ?? 0);
    if (!numId || numId === "0") return "";
    const levels = this.levels.get(this.numToAbstract.get(numId) ?? "");
    const level = levels?.get(ilvl);
    if (!levels || !level) return "";
    if (level.format === "bullet") return "-";
    if (level.format === "none") return "";
    const counters = this.counters.get(numId) ?? [];
    const startOf = (l: number) => this.overrides.get(numId)?.get(l) ?? levels.get(l)?.start ?? 1;
    counters[ilvl] = counters[ilvl] === undefined ? startOf(ilvl) : counters[ilvl] + 1;
    counters.length = ilvl + 1; // deeper levels restart
    for (let l = 0; l < ilvl; l++) if (counters[l] === undefined) counters[l] = startOf(l);
    this.counters.set(numId, counters);
    return level.text.replace(/%(\d)/g, (_, d: string) => {
      const l = Number(d) - 1;
      return format(counters[l] ?? startOf(l), levels.get(l)?.format ?? "decimal");
    });
  }
}

function val(node: XNode, tag: string): string | undefined {
  const c = child(node, tag);
  return c ? attrOf(c, "w:val") : undefined;
}

function format(n: number, fmt: string): string {
  switch (fmt) {
    case "lowerLetter":
      return letters(n, "abcdefghijklmnopqrstuvwxyz");
    case "upperLetter":
      return letters(n, "abcdefghijklmnopqrstuvwxyz").toUpperCase();
    case "russianLower":
      return letters(n, RU_LETTERS);
    case "russianUpper":
      return letters(n, RU_LETTERS).toUpperCase();
    case "lowerRoman":
      return roman(n).toLowerCase();
    case "upperRoman":
      return roman(n);
    case "decimalZero":
      return n < 10 ? `0${n}` : String(n);
    default:
      return String(n);
  }
}

function letters(n: number, alphabet: string): string {
  const i = (n - 1) % alphabet.length;
  return alphabet[i]!.repeat(Math.floor((n - 1) / alphabet.length) + 1);
}

function roman(n: number): string {
  const table: [number, string][] = [[1000, "M"], [900, "CM"], [500, "D"], [400, "CD"], [100, "C"], [90, "XC"], [50, "L"], [40, "XL"], [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"]];
  let s = "";
  for (const [v, r] of table)
    while (n >= v) {
      s += r;
      n -= v;
    }
  return s;
}
