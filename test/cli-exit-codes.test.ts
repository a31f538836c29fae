import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../cli/run.ts";
import { createTestDb, onPostgres, type TestDb } from "./support/db.ts";

// The contract's exit codes for every command: 0 success, 1 a problem with the input, 2 bad usage,
// and one clear line on stderr. Whatever fails, no other code comes out (an unexpected error was
// exit 70 with a stack trace).

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.close();
});

async function cli(argv: string[], env: Record<string, string> = {}, lang: "ru" | "en" | null = null) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(lang ? [...argv, "--lang", lang] : argv, { out: (s) => out.push(s), err: (s) => err.push(s), env: { DATABASE_URL: t.url, ...env } });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("CLI exit codes are 0, 1 or 2", () => {
  it.each([
    [[], 2],
    [["nonsense"], 2],
    [["constructor"], 2], // a name every object has is no command either
    [["toString", "x"], 2],
    [["import"], 2],
    [["export", "1", "--format", "pdf"], 2],
    [["person", "add", "--name", "Иванов Иван", "--roadmap", "99999999999999999999"], 2], // an id past what a number holds
    [["plan", "--at", "tomorrow"], 2],
  ])("bad usage %j: exit %i, the problem on stderr", async (argv, code) => {
    for (const lang of [null, "ru", "en"] as const) {
      const r = await cli(argv, {}, lang);
      expect(r.code).toBe(code);
      expect(r.err.split("\n")[0]!.trim()).not.toBe("");
      expect(r.out).toBe("");
    }
  });

  it.each([
    [["import", "/nonexistent/roadmap.docx"]],
    [["people", "import", "/nonexistent/people.csv"]],
    [["export", "424242", "--format", "xlsx"]],
    [["person", "add", "--name", "Иванов Иван", "--roadmap", "2147483648"]],
  ])("a problem with the input %j: exit 1, one line", async (argv) => {
    for (const lang of [null, "ru", "en"] as const) {
      const r = await cli(argv, {}, lang);
      expect(r.code).toBe(1);
      expect(r.err).not.toContain("\n");
      expect(r.err).not.toBe("");
    }
  });

  it("an error nobody foresaw (a table gone from the database): exit 1 and one line naming the command, no stack", async () => {
    // PostgreSQL refuses to drop a table others refer to unless told to drop their keys too
    await t.db.$executeRawUnsafe(onPostgres ? `DROP TABLE "Roadmap" CASCADE` : `DROP TABLE "Roadmap"`);
    const r = await cli(["plan", "--at", "2023-06-15T09:00:00+09:00"], {}, "en");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^plan: unexpected error: .*Roadmap/);
    expect(r.err).not.toContain("\n");
    const ru = await cli(["plan", "--at", "2023-06-15T09:00:00+09:00"]);
    expect(ru.code).toBe(1);
    expect(ru.err).toMatch(/^plan: непредвиденная ошибка: .*Roadmap/);
    expect(ru.err).not.toContain("\n");
    // the stack is there for whoever asks for it
    const debug = await cli(["plan", "--at", "2023-06-15T09:00:00+09:00"], { LOG_LEVEL: "debug" });
    expect(debug.code).toBe(1);
    expect(debug.err.split("\n").length).toBeGreaterThan(2);
    expect(debug.err).toContain(path.join("scheduler", "plan.ts"));
  });
});
