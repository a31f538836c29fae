import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FluentResource } from "@fluent/bundle";

// Fluent's runtime parser skips what it cannot read (junk) without a word: a merge's conflict markers
// left in a .ftl file loaded, and every test passed. Each line at the left margin must be a comment,
// a message or term, or the closing brace of a selector; and every message written is one parsed.
const root = path.resolve(import.meta.dirname, "../locales");
const files = fs.readdirSync(root).flatMap((lang) => fs.readdirSync(path.join(root, lang)).filter((f) => f.endsWith(".ftl")).map((f) => path.join(lang, f)));

describe("locale files", () => {
  it("are found", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files)("%s: nothing Fluent would skip", (file) => {
    const text = fs.readFileSync(path.join(root, file), "utf8");
    const lines = text.split("\n");
    const stray = lines.map((line, i) => ({ line, n: i + 1 })).filter(({ line }) => /^\S/.test(line) && !/^(#|-?[a-zA-Z][\w-]*\s*=|})/.test(line));
    expect(stray.map(({ n, line }) => `${file}:${n}: ${line}`)).toEqual([]);
    const written = lines.filter((l) => /^[a-zA-Z][\w-]*\s*=/.test(l)).length;
    const parsed = new FluentResource(text).body.filter((entry) => !("id" in entry && String(entry.id).startsWith("-"))).length;
    expect(parsed).toBe(written);
  });
});
