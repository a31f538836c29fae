import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The code runs on two generated clients (SQLite's and PostgreSQL's, each with its own copy of
// Prisma's runtime) and two databases. What only one of them understands must not creep in.

const ROOT = path.resolve(import.meta.dirname, "..");
const DIRS = ["bot", "handlers", "services", "scheduler", "views", "cli", "core"];
// modules that talk to one database only, on purpose
const SQLITE_ONLY = new Set(["services/db.ts", "services/sqlite-busy.ts", "services/sqlite-errors.ts"]);

function sources(): Array<{ file: string; text: string }> {
  const out: Array<{ file: string; text: string }> = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = path.join(dir, e.name);
      if (e.isDirectory()) walk(rel);
      else if (e.name.endsWith(".ts")) out.push({ file: rel, text: fs.readFileSync(path.join(ROOT, rel), "utf8") });
    }
  };
  for (const d of DIRS) walk(d);
  return out;
}

function offenders(re: RegExp, skip: Set<string> = new Set()): string[] {
  return sources()
    .filter((s) => !skip.has(s.file))
    .flatMap((s) => s.text.split("\n").flatMap((line, i) => (re.test(line) && !/^\s*(\/\/|\*|\/\*)/.test(line) ? [`${s.file}:${i + 1}: ${line.trim()}`] : [])));
}

describe("code that runs on both databases", () => {
  it("passes raw SQL as one Prisma.sql, never a fragment inside a client's own tagged template", () => {
    // the PostgreSQL client would take a Prisma.join / Prisma.sql made by the SQLite client's runtime for a value
    expect(offenders(/\$(queryRaw|executeRaw)`[^`]*\$\{\s*Prisma\./)).toEqual([]);
  });

  it("recognises Prisma's errors by their code, not by the SQLite client's classes", () => {
    expect(offenders(/instanceof\s+Prisma\./)).toEqual([]);
  });

  it("uses no filter or statement only one database knows", () => {
    expect(offenders(/mode:\s*["']insensitive["']/)).toEqual([]);
    expect(offenders(/skipDuplicates/)).toEqual([]);
    // the SQL of every raw statement: standard SQL with quoted identifiers only
    const raw = sources()
      .filter((s) => !SQLITE_ONLY.has(s.file))
      .flatMap((s) => [...s.text.matchAll(/(?:Prisma\.sql|\$queryRaw|\$executeRaw|\$queryRawUnsafe\(|\$executeRawUnsafe\()\s*`([^`]*)`/g)].map((m) => ({ file: s.file, sql: m[1]! })));
    expect(raw.length).toBeGreaterThan(2);
    const onlyOne = /PRAGMA|sqlite_master|\bRETURNING\b|\bILIKE\b|::\w+|\bstrftime\(|\bjulianday\(|\bdatetime\(|\bNOW\(\)|\bIFNULL\(|\bGROUP_CONCAT\(|\bLIMIT\s+\d+\s*,/i;
    // string_agg: PostgreSQL's, and SQLite's since 3.44 (the one better-sqlite3 bundles); with an older SQLite it is one database's only
    const [major, minor] = (new Database(":memory:").prepare("SELECT sqlite_version() AS v").get() as { v: string }).v.split(".").map(Number) as [number, number];
    if (major === 3 && minor < 44) expect(raw.filter((r) => /\bSTRING_AGG\(/i.test(r.sql)).map((r) => r.file)).toEqual([]);
    expect(raw.filter((r) => onlyOne.test(r.sql)).map((r) => `${r.file}: ${r.sql.trim().slice(0, 80)}`)).toEqual([]);
    // identifiers quoted: PostgreSQL folds unquoted ones to lower case ("roadmapId" ≠ roadmapid)
    // («ON CONFLICT … DO UPDATE SET» names no table)
    expect(raw.filter((r) => /\b(FROM|JOIN|INTO)\s+[A-Za-z]|\bUPDATE\s+(?!SET\b)[A-Za-z]/.test(r.sql)).map((r) => `${r.file}: ${r.sql.trim().slice(0, 80)}`)).toEqual([]);
  });
});
