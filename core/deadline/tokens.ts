// A normalized deadline text (lower case, ё → е) cut into tokens; characters that mean nothing are skipped.

export type Token =
  /** a day: «15.06.2021», «01.09 2021», «01.09 .2021», «15.06», «0.09.2021» (checked later) */
  | { k: "date"; d: number; m: number; y: number | null; raw: string }
  /** «2023/24» — a school year */
  | { k: "ypair"; y1: number; y2: number; raw: string }
  | { k: "year"; y: number; raw: string }
  | { k: "num"; n: number; raw: string }
  | { k: "word"; w: string; raw: string }
  | { k: "dash"; raw: string }
  | { k: "sep"; raw: string };

// Alternatives tried at each position, in order. All are anchored and linear: no backtracking blow-up on long garbage.
const SCANNER =
  /(?<iso>(?<iy>\d{4})-(?<im>\d{2})-(?<id>\d{2})(?!\d))|(?<dot>(?<dd>\d{1,2})\s?\.\s?(?<dm>\d{1,2})(?:\s?\.\s?(?<dy>\d{4}|\d{2})|\s(?<dy4>\d{4}))?(?!\d))|(?<sl>(?<sd>\d{1,2})\/(?<sm>\d{1,2})\/(?<sy>\d{4}|\d{2})(?!\d))|(?<pair>(?<p1>\d{4})\s?\/\s?(?<p2>\d{4}|\d{2})(?!\d))|(?<year>(?:19|20)\d{2}(?!\d))|(?<num>\d{1,4})|(?<word>[a-zа-я]+)|(?<dash>[-‐‑‒–—―−]|\s\/\s)|(?<sep>[,;\n+]|\sи\s)/y;

export function tokenize(norm: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < norm.length) {
    SCANNER.lastIndex = i;
    const m = SCANNER.exec(norm);
    if (!m || m[0].length === 0) {
      i++;
      continue;
    }
    i += m[0].length;
    const g = m.groups!;
    const raw = m[0];
    if (g.iso) out.push({ k: "date", d: Number(g.id), m: Number(g.im), y: Number(g.iy), raw });
    else if (g.dot) {
      const yText = g.dy ?? g.dy4;
      const y = yText === undefined ? null : yText.length === 2 ? 2000 + Number(yText) : Number(yText);
      out.push({ k: "date", d: Number(g.dd), m: Number(g.dm), y, raw });
    } else if (g.sl) {
      const yText = g.sy!;
      out.push({ k: "date", d: Number(g.sd), m: Number(g.sm), y: yText.length === 2 ? 2000 + Number(yText) : Number(yText), raw });
    } else if (g.pair) {
      const y1 = Number(g.p1);
      const p2 = g.p2!;
      const y2 = p2.length === 2 ? Math.floor(y1 / 100) * 100 + Number(p2) : Number(p2);
      out.push({ k: "ypair", y1, y2, raw });
    } else if (g.year) out.push({ k: "year", y: Number(g.year), raw });
    else if (g.num) out.push({ k: "num", n: Number(g.num), raw });
    else if (g.word) out.push({ k: "word", w: g.word, raw });
    else if (g.dash) out.push({ k: "dash", raw });
    else out.push({ k: "sep", raw });
  }
  return out;
}
