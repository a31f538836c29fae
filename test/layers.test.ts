import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The layers (docs/architecture.md): core/ ← services/ ← scheduler/, bot/ ← handlers/, cli/.
// Handlers and the bot ask services for data and never call Prisma themselves; core and services
// know nothing of Telegram. These tests read the source, so a new file is checked too.

const root = path.resolve(import.meta.dirname, "..");

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(rel));
    else if (entry.name.endsWith(".ts")) out.push(rel);
  }
  return out;
}

/** The delegates of the Prisma client: `model Person` is `db.person`. */
const models = [...fs.readFileSync(path.join(root, "prisma/models.prisma"), "utf8").matchAll(/^model\s+(\w+)/gm)].map(
  (m) => m[1]![0]!.toLowerCase() + m[1]!.slice(1),
);
const DELEGATE = "findUnique|findUniqueOrThrow|findFirst|findFirstOrThrow|findMany|create|createMany|createManyAndReturn|update|updateMany|updateManyAndReturn|upsert|delete|deleteMany|count|aggregate|groupBy";
const modelCall = new RegExp(`\\.(?:${models.join("|")})\\s*\\.\\s*(?:${DELEGATE})\\s*\\(|\\.\\$(?:transaction|queryRaw|queryRawUnsafe|executeRaw|executeRawUnsafe)\\b`);
const telegrafImport = /(?:from\s+|import\s*\(\s*|import\s+)["']telegraf(?:\/[^"']*)?["']/;

function offending(files: string[], pattern: RegExp): string[] {
  const out: string[] = [];
  for (const file of files) {
    fs.readFileSync(path.join(root, file), "utf8")
      .split("\n")
      .forEach((line, i) => {
        if (pattern.test(line)) out.push(`${file}:${i + 1}: ${line.trim()}`);
      });
  }
  return out;
}

describe("the layers", () => {
  it("the patterns find what they look for", () => {
    expect(models).toContain("person");
    expect(models).toContain("pendingImport");
    expect(modelCall.test("const p = await ctx.deps.db.person.findMany({")).toBe(true);
    expect(modelCall.test("await tx.pendingImport.update({ where })")).toBe(true);
    expect(modelCall.test("await db.$transaction(async (tx) => {")).toBe(true);
    expect(modelCall.test("await listPeople(ctx.deps.db);")).toBe(false);
    expect(modelCall.test("return row.evidence.map((e) => e.fileName);")).toBe(false);
    expect(telegrafImport.test(`import type { InlineKeyboardMarkup } from "telegraf/types";`)).toBe(true);
    expect(telegrafImport.test(`import { Telegraf } from 'telegraf';`)).toBe(true);
    expect(telegrafImport.test(`import { packCallback } from "./callbacks.ts";`)).toBe(false);
  });

  it("no file under handlers/ or bot/ calls a Prisma model", () => {
    expect(offending([...sources("handlers"), ...sources("bot")], modelCall)).toEqual([]);
  });

  it("no file under core/ or services/ imports telegraf", () => {
    expect(offending([...sources("core"), ...sources("services")], telegrafImport).filter((l) => !NOT_YET.some((f) => l.startsWith(f)))).toEqual([]);
  });
});

// step 2 of issue 10 moves their keyboards to the bot side
const NOT_YET: string[] = [];
