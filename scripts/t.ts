import fs from "node:fs";
import { readDocument } from "../core/readers/detect.ts";
import { readTextExport } from "../core/import/text-export.ts";
import { importDocument } from "../core/import/index.ts";
import { fixturePath } from "../test/support/fixtures.ts";
import { toPdf } from "../test/support/pdf.ts";
const opts = { defaultTimezone: "Europe/Moscow" };
const clean = (s: string | null) => (s ?? "").replace(/\s+/g, " ").trim();
const view = (r: any) => r.items.map((i: any) => JSON.stringify({ key: i.key, section: clean(i.section), title: clean(i.title), result: clean(i.result), deadline: i.deadline, responsible: i.responsible.map((p: any) => p.name), flags: i.flags.filter((f: string) => !f.startsWith("inherited:")) }));
const names = process.argv.slice(2);
for (const name of names) {
  const text = readTextExport(name, fs.readFileSync(fixturePath(name + ".txt"), "utf8"));
  const t = importDocument(text, opts);
  const pdf = await toPdf(text);
  fs.writeFileSync(`/tmp/probe/${name}.pdf`, pdf);
  let t0 = performance.now();
  const doc = await readDocument(name + ".pdf", pdf);
  const d = importDocument(doc, opts);
  console.log(name, (pdf.length / 1024).toFixed(0) + "KB", (performance.now() - t0).toFixed(0) + "ms", a_len(view(t)), view(d).length, JSON.stringify(t.roadmap) === JSON.stringify(d.roadmap) ? "roadmap same" : "ROADMAP DIFF");
  const a = view(t), b = view(d);
  let shown = 0;
  for (let i = 0; i < Math.max(a.length, b.length) && shown < 4; i++) if (a[i] !== b[i]) { shown++; console.log(" txt", a[i]?.slice(0, 400)); console.log(" pdf", b[i]?.slice(0, 400)); }
  if (JSON.stringify(t.roadmap) !== JSON.stringify(d.roadmap)) { console.log(JSON.stringify(t.roadmap).slice(0, 600)); console.log(JSON.stringify(d.roadmap).slice(0, 600)); }
  if (process.env.DUMP) for (const b of doc.blocks) console.log(b.type === "paragraph" ? "P " + b.text.slice(0, 100) : "T " + b.table.rows.map((r) => r.map((c) => (c.mergedFromAbove ? "^" : "") + c.text.slice(0, 18).replace(/\n/g, "⏎")).join(" | ")).join("\n  "));
}
function a_len(x: unknown[]) { return x.length; }
