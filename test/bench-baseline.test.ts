import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The region bench's peak tick reports the memory of its process before the tick as an instance's
// («before the tick», docs/scale.md). That holds only while the bench's measuring process
// (bench/region/measure.ts) loads at start what `npm start` (bot/main.ts) loads: not less (a module
// an instance holds would be missing from the figure), not more (a reader or driver an instance does
// not load would add to it). These tests compare the two static import graphs, read from the
// source: value imports and re-exports, not `import type` and not `import()` (loaded when used).

const root = path.resolve(import.meta.dirname, "..");

/** Each static, non-type import of a file: a path relative to the root, or `npm:<specifier>`. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), "utf8");
  const out: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(type\s+)?(?:[^;]*?\sfrom\s+)?"([^"]+)";/gm)) {
    if (m[1]) continue;
    const spec = m[2]!;
    out.push(spec.startsWith(".") ? path.relative(root, path.resolve(root, path.dirname(file), spec)) : `npm:${spec}`);
  }
  return out;
}

/** Everything `entry` loads when it is started (the npm packages by what they are imported as). */
function graph(entry: string): Set<string> {
  const seen = new Set<string>([entry]);
  const todo = [entry];
  while (todo.length > 0) {
    const file = todo.pop()!;
    for (const dep of importsOf(file)) {
      if (seen.has(dep)) continue;
      seen.add(dep);
      if (!dep.startsWith("npm:") && !dep.startsWith("node:")) todo.push(dep);
    }
  }
  return seen;
}

/** What the bench's process may load beyond an instance: its own files and the Bot API emulator it sends to. */
const benchOnly = (m: string) => m.startsWith("bench/") || m === "test/support/fake-bot-api.ts";

describe("the region bench's measuring process loads what an instance loads", () => {
  const instance = graph("bot/main.ts");
  const bench = graph("bench/region/measure.ts");

  it("finds the graphs (a broken reader would compare two empty sets)", () => {
    expect(instance.size).toBeGreaterThan(150);
    for (const m of ["scheduler/tick.ts", "bot/create-bot.ts", "handlers/export.ts", "npm:telegraf"]) expect(instance).toContain(m);
  });

  it("not less: every module of bot/main.ts", () => {
    expect([...instance].filter((m) => m !== "bot/main.ts" && !bench.has(m))).toEqual([]);
  });

  it("not more: nothing an instance does not load, but the bench's own files", () => {
    expect([...bench].filter((m) => !instance.has(m) && !benchOnly(m) && !m.startsWith("node:"))).toEqual([]);
  });

  it("an instance loads the export and import libraries only when it first uses them", () => {
    for (const m of ["npm:exceljs", "npm:docx", "npm:jszip", "npm:pdfjs-dist/legacy/build/pdf.mjs", "npm:mammoth", "npm:@prisma/adapter-pg", "npm:pg"]) expect(instance).not.toContain(m);
  });
});
