import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

// Text for the charts as glyph outlines, read once from the bundled DejaVu files. resvg-js 2.6
// (fontdb 0.14) reads a font file from disk again for every glyph it lays out: 740 KB a glyph, most
// of a second for the 10,000 glyphs of a chart of 120 schools. Here each file is read once, each
// glyph's outline becomes SVG path data once (kept for the process), and a text is a group of <use>
// of the glyphs the document defines. Advance widths, no kerning: a label is a few units wider.

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
export const FONT_FILES = [path.join(FONT_DIR, "DejaVuSans.ttf"), path.join(FONT_DIR, "DejaVuSans-Bold.ttf")];

interface Font {
  unitsPerEm: number;
  advance: (gid: number) => number;
  glyphOf: (code: number) => number;
  outline: (gid: number) => string;
}

function parseFont(file: string): Font {
  const buf = fs.readFileSync(file);
  const tables = new Map<string, number>();
  const count = buf.readUInt16BE(4);
  for (let i = 0; i < count; i++) tables.set(buf.toString("latin1", 12 + i * 16, 16 + i * 16), buf.readUInt32BE(20 + i * 16));
  const at = (tag: string) => {
    const off = tables.get(tag);
    if (off === undefined) throw new Error(`${file}: no ${tag} table`);
    return off;
  };
  const head = at("head");
  const unitsPerEm = buf.readUInt16BE(head + 18);
  const longLoca = buf.readInt16BE(head + 50) === 1;
  const numGlyphs = buf.readUInt16BE(at("maxp") + 4);
  const metrics = buf.readUInt16BE(at("hhea") + 34);
  const hmtx = at("hmtx");
  const advance = (gid: number) => buf.readUInt16BE(hmtx + 4 * Math.min(gid, metrics - 1));
  // cmap: the Windows Unicode BMP subtable (format 4)
  const cmap = at("cmap");
  let sub = -1;
  for (let i = 0; i < buf.readUInt16BE(cmap + 2); i++) {
    const platform = buf.readUInt16BE(cmap + 4 + i * 8);
    const encoding = buf.readUInt16BE(cmap + 6 + i * 8);
    const off = cmap + buf.readUInt32BE(cmap + 8 + i * 8);
    if (platform === 3 && encoding === 1 && buf.readUInt16BE(off) === 4) sub = off;
  }
  if (sub < 0) throw new Error(`${file}: no Unicode cmap`);
  const segs = buf.readUInt16BE(sub + 6) / 2;
  const ends = sub + 14;
  const starts = ends + segs * 2 + 2;
  const deltas = starts + segs * 2;
  const ranges = deltas + segs * 2;
  const known = new Map<number, number>();
  const glyphOf = (code: number) => {
    let gid = known.get(code);
    if (gid === undefined) known.set(code, (gid = lookup(code)));
    return gid;
  };
  const lookup = (code: number) => {
    if (code > 0xffff) return 0;
    for (let i = 0; i < segs; i++) {
      if (buf.readUInt16BE(ends + i * 2) < code) continue;
      const start = buf.readUInt16BE(starts + i * 2);
      if (start > code) return 0;
      const delta = buf.readInt16BE(deltas + i * 2);
      const range = buf.readUInt16BE(ranges + i * 2);
      if (range === 0) return (code + delta) & 0xffff;
      const g = buf.readUInt16BE(ranges + i * 2 + range + (code - start) * 2);
      return g === 0 ? 0 : (g + delta) & 0xffff;
    }
    return 0;
  };
  const loca = at("loca");
  const glyf = at("glyf");
  const offset = (gid: number) => (longLoca ? buf.readUInt32BE(loca + gid * 4) : buf.readUInt16BE(loca + gid * 2) * 2);
  type Pt = { x: number; y: number; on: boolean };
  /** A glyph's contours in font units, a composite's parts placed. */
  const contours = (gid: number, depth = 0): Pt[][] => {
    if (gid >= numGlyphs || depth > 8) return [];
    const start = offset(gid);
    if (offset(gid + 1) === start) return [];
    let p = glyf + start;
    const n = buf.readInt16BE(p);
    p += 10;
    if (n < 0) {
      const out: Pt[][] = [];
      for (let more = true; more; ) {
        const flags = buf.readUInt16BE(p);
        const part = buf.readUInt16BE(p + 2);
        p += 4;
        let dx: number, dy: number;
        if (flags & 1) {
          dx = buf.readInt16BE(p);
          dy = buf.readInt16BE(p + 2);
          p += 4;
        } else {
          dx = buf.readInt8(p);
          dy = buf.readInt8(p + 1);
          p += 2;
        }
        if (!(flags & 2)) dx = dy = 0; // point-matched parts do not occur in DejaVu's Latin and Cyrillic
        let [a, b, c, d] = [1, 0, 0, 1];
        const f2 = (o: number) => buf.readInt16BE(o) / 16384;
        if (flags & 8) {
          a = d = f2(p);
          p += 2;
        } else if (flags & 0x40) {
          a = f2(p);
          d = f2(p + 2);
          p += 4;
        } else if (flags & 0x80) {
          [a, b, c, d] = [f2(p), f2(p + 2), f2(p + 4), f2(p + 6)];
          p += 8;
        }
        for (const contour of contours(part, depth + 1)) out.push(contour.map((q) => ({ x: a * q.x + c * q.y + dx, y: b * q.x + d * q.y + dy, on: q.on })));
        more = (flags & 0x20) !== 0;
      }
      return out;
    }
    const endPts: number[] = [];
    for (let i = 0; i < n; i++) endPts.push(buf.readUInt16BE(p + i * 2));
    p += n * 2;
    p += 2 + buf.readUInt16BE(p); // instructions
    const total = n ? endPts[n - 1]! + 1 : 0;
    const flags: number[] = [];
    while (flags.length < total) {
      const f = buf[p++]!;
      flags.push(f);
      if (f & 8) for (let r = buf[p++]!; r > 0; r--) flags.push(f);
    }
    const coords = (short: number, same: number) => {
      const out: number[] = [];
      let v = 0;
      for (const f of flags) {
        if (f & short) {
          const d = buf[p++]!;
          v += f & same ? d : -d;
        } else if (!(f & same)) {
          v += buf.readInt16BE(p);
          p += 2;
        }
        out.push(v);
      }
      return out;
    };
    const xs = coords(2, 16);
    const ys = coords(4, 32);
    const out: Pt[][] = [];
    let first = 0;
    for (const last of endPts) {
      const c: Pt[] = [];
      for (let i = first; i <= last; i++) c.push({ x: xs[i]!, y: ys[i]!, on: (flags[i]! & 1) !== 0 });
      out.push(c);
      first = last + 1;
    }
    return out;
  };
  const r = (v: number) => Math.round(v * 10) / 10;
  const outline = (gid: number) => {
    let d = "";
    for (const c of contours(gid)) {
      if (c.length === 0) continue;
      // start on an on-curve point (or between two off-curve ones)
      const i0 = c.findIndex((q) => q.on);
      const pts = i0 >= 0 ? [...c.slice(i0), ...c.slice(0, i0)] : c;
      const start = i0 >= 0 ? pts[0]! : { x: (c[0]!.x + c[1 % c.length]!.x) / 2, y: (c[0]!.y + c[1 % c.length]!.y) / 2, on: true };
      d += `M${r(start.x)} ${r(start.y)}`;
      let ctrl: Pt | null = null;
      for (const q of [...pts.slice(i0 >= 0 ? 1 : 0), start]) {
        if (q.on) {
          d += ctrl ? `Q${r(ctrl.x)} ${r(ctrl.y)} ${r(q.x)} ${r(q.y)}` : `L${r(q.x)} ${r(q.y)}`;
          ctrl = null;
        } else {
          if (ctrl) {
            const mx = (ctrl.x + q.x) / 2;
            const my = (ctrl.y + q.y) / 2;
            d += `Q${r(ctrl.x)} ${r(ctrl.y)} ${r(mx)} ${r(my)}`;
          }
          ctrl = q;
        }
      }
      d += "Z";
    }
    return d;
  };
  return { unitsPerEm, advance, glyphOf, outline };
}

const fonts: { regular?: Font; bold?: Font } = {};
const fontOf = (bold: boolean): Font => (bold ? (fonts.bold ??= parseFont(FONT_FILES[1]!)) : (fonts.regular ??= parseFont(FONT_FILES[0]!)));
const outlines = new Map<string, string>();

export interface TextStyle {
  size: number;
  bold?: boolean;
  anchor?: "start" | "middle" | "end";
  fill?: string;
}

/** A line of text at (x, baseline y) as a group of glyphs (ids «r<glyph>» regular, «b<glyph>» bold: `glyphDefs` defines them). */
export function svgText(x: number, y: number, s: string, style: TextStyle): string {
  const font = fontOf(style.bold ?? false);
  const kind = style.bold ? "b" : "r";
  const uses: string[] = [];
  let pen = 0;
  for (const ch of s) {
    const gid = font.glyphOf(ch.codePointAt(0)!);
    const id = `${kind}${gid}`;
    if (!outlines.has(id)) outlines.set(id, font.outline(gid));
    if (outlines.get(id)) uses.push(`<use href="#${id}" x="${pen}"/>`);
    pen += font.advance(gid);
  }
  const k = style.size / font.unitsPerEm;
  const shift = style.anchor === "middle" ? pen / 2 : style.anchor === "end" ? pen : 0;
  const at = (v: number) => Math.round(v * 100) / 100;
  return `<g transform="translate(${at(x - shift * k)} ${at(y)}) scale(${k} ${-k})"${style.fill ? ` fill="${style.fill}"` : ""}>${uses.join("")}</g>`;
}

/** The <defs> of every glyph a document's text uses. */
export function glyphDefs(body: string): string {
  const ids = new Set(Array.from(body.matchAll(/href="#([rb]\d+)"/g), (m) => m[1]!));
  return `<defs>${[...ids].map((id) => `<path id="${id}" d="${outlines.get(id)!}"/>`).join("")}</defs>`;
}
