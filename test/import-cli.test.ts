import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../cli/run.ts";
import { openDb } from "../services/db.ts";
import type { ImportResult } from "../core/types.ts";
import { FIXTURES_DIR } from "./support/fixtures.ts";
import { createEmptyDatabase } from "./support/db.ts";

// `import` as the contract fixes it: exit codes, pure JSON on stdout, one line on stderr,
// nothing stored without --save, re-import in place with --save.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const FIXTURES = FIXTURES_DIR;
const SKOVORODINO = path.join(FIXTURES, "skovorodino-2023-roadmap.txt");

let dir: string;
const drops: Array<() => Promise<void>> = [];
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "vekha-import-cli-"));
});
afterAll(async () => {
  for (const drop of drops) await drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** An empty database of the suite's kind (the CLI migrates it): its DATABASE_URL. */
async function freshDatabase(): Promise<string> {
  const empty = await createEmptyDatabase();
  drops.push(empty.drop);
  return empty.url;
}

async function cli(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  // without --save nothing opens it
  const url = env.DB ?? `file:${path.join(dir, `never-${Math.random().toString(36).slice(2)}.db`)}`;
  const code = await main(["import", ...args, "--lang", "en"], {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env: { DATABASE_URL: url, DEFAULT_TIMEZONE: "Europe/Moscow", ...env },
  });
  return { code, stdout: out.join("\n"), stderr: err.join("\n"), dbFile: url.slice("file:".length) };
}

function file(name: string, content: string | Buffer): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
}

const oneLine = (s: string) => s.length > 0 && !s.trim().includes("\n");

describe("import: usage and input errors", () => {
  it.each([
    [[], /which file/],
    [["a.txt", "b.txt"], /one file at a time/],
    [["a.txt", "--frobnicate"], /unknown option --frobnicate/],
    [["a.txt", "--year", "23"], /--year must be a year/],
    [["a.txt", "--year"], /--year needs a value/],
    [["a.txt", "--tz", "Mars/Olympus"], /--tz must be an IANA timezone/],
    [["a.txt", "--active-from", "2024-02-30"], /--active-from must be a date/],
    [["a.txt", "--json=yes"], /--json takes no value/],
  ])("%j is bad usage (exit 2)", async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(oneLine(r.stderr)).toBe(true);
    expect(r.stderr).toMatch(message);
  });

  it("a bad DEFAULT_TIMEZONE is bad usage naming the variable", async () => {
    const r = await cli([SKOVORODINO, "--json"], { DEFAULT_TIMEZONE: "Nowhere/Town" });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^DEFAULT_TIMEZONE: /);
  });

  it.each([
    ["missing", () => path.join(dir, "no-such-file.docx"), /file not found/],
    ["a directory", () => dir, /is a directory/],
    ["empty", () => file("empty.docx", ""), /empty/],
    ["an old .doc", () => file("old.doc", Buffer.concat([Buffer.from("d0cf11e0a1b11ae1", "hex"), Buffer.alloc(512)])), /save it as \.docx/],
    ["a PDF", () => file("scan.pdf", "%PDF-1.4\n1 0 obj"), /PDF/],
    ["a text file named .docx", () => file("renamed.docx", "1.\tАнализ\tМай 2023\n"), /holds plain text/],
  ])("%s is an input error (exit 1) in one line, nothing stored", async (_, make, message) => {
    const r = await cli([make(), "--json", "--save"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(oneLine(r.stderr)).toBe(true);
    expect(r.stderr).toMatch(message);
    expect(fs.existsSync(r.dbFile)).toBe(false);
  });

  it("a document with nothing recognisable is an input error", async () => {
    const r = await cli([file("note.txt", "Уважаемые коллеги!\n\nПросим принять к сведению.\n")]);
    expect(r.code).toBe(1);
    expect(oneLine(r.stderr)).toBe(true);
    expect(r.stderr).toMatch(/no roadmap found/);
  });
});

describe("import: a fixture", () => {
  it("--json prints only the contract's JSON and stores nothing", async () => {
    const r = await cli([SKOVORODINO, "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as ImportResult;
    expect(Object.keys(json)).toEqual(["roadmap", "items", "warnings"]);
    expect(json.roadmap.id).toBeNull();
    expect(json.roadmap.orderNumber).toBe("120");
    expect(json.items.length).toBeGreaterThan(0);
    expect(new Set(json.items.map((i: { key: string }) => i.key)).size).toBe(json.items.length);
    expect(fs.existsSync(r.dbFile)).toBe(false); // the database was not even created
  });

  it("--tz and --year reach the importer", async () => {
    const r = await cli([SKOVORODINO, "--json", "--tz", "Asia/Vladivostok", "--year=2023"]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as ImportResult).roadmap.timezone).toBe("Asia/Vladivostok");
  });

  it("--save --json sets roadmap.id; importing again updates the same roadmap", async () => {
    const db = await freshDatabase();
    const first = await cli([SKOVORODINO, "--save", "--json", "--active-from", "2023-04-01"], { DB: db });
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    const a = JSON.parse(first.stdout) as ImportResult;
    expect(a.roadmap.id).toEqual(expect.any(Number));

    const second = await cli([SKOVORODINO, "--save", "--json"], { DB: db });
    const b = JSON.parse(second.stdout) as ImportResult;
    expect(b.roadmap.id).toBe(a.roadmap.id);

    const store = await openDb(db);
    try {
      expect(await store.roadmap.count()).toBe(1);
      expect(await store.item.count({ where: { removedAt: null } })).toBe(a.items.length);
      const rm = await store.roadmap.findUniqueOrThrow({ where: { id: a.roadmap.id! } });
      expect(rm).toMatchObject({ status: "active", activeFrom: "2023-04-01", sourceName: "skovorodino-2023-roadmap.txt" });
      // the schools the order lists as ШНОР / ШНСУ carry the flags
      const flagged = await store.organization.findMany({ where: { kind: "school" }, select: { schoolKey: true, isShnor: true, isShnsu: true }, orderBy: { schoolKey: "asc" } });
      expect(flagged.find((o) => o.schoolKey === "сош|1|сквородин")).toMatchObject({ isShnor: true, isShnsu: false });
      expect(flagged.find((o) => o.schoolKey === "сош||албазин")).toMatchObject({ isShnor: true, isShnsu: true });
      expect(flagged.find((o) => o.schoolKey === "сош|3|сквородин")).toMatchObject({ isShnor: false, isShnsu: false }); // it left the list
      // responsible parties became assignments, once: the second import added none
      const polukhina = await store.person.findFirstOrThrow({ where: { shortName: "Полухина Е.А." } });
      const hers = await store.assignment.count({ where: { personId: polukhina.id } });
      expect(hers).toBe(a.items.filter((i: { responsible: Array<{ name: string }> }) => i.responsible.some((p) => p.name === "Полухина Е.А.")).length);
    } finally {
      await store.$disconnect();
    }
  });

  it("without --json prints a short summary", async () => {
    const r = await cli([SKOVORODINO]);
    expect(r.code).toBe(0);
    const items = (JSON.parse((await cli([SKOVORODINO, "--json"])).stdout) as ImportResult).items.length;
    expect(r.stdout).toContain(`${items} items`);
    expect(r.stdout).toMatch(/Order No\. 120 of 31 March 2023/);
    expect(r.stdout).toMatch(/not saved/);
    const saved = await cli([SKOVORODINO, "--save"], { DB: await freshDatabase() });
    expect(saved.code).toBe(0);
    expect(saved.stdout).toMatch(/saved: roadmap \d+ \(new\): \d+ added/);
    expect(saved.stdout).toMatch(/assignments: \d+ created/);
  });

  it("runs as a real subprocess: npx tsx cli/main.ts import … --json", async () => {
    const run = promisify(execFile);
    const env = { ...process.env, DATABASE_URL: `file:${path.join(dir, "sub.db")}` };
    const ok = await run("npx", ["tsx", "cli/main.ts", "import", SKOVORODINO, "--json"], { cwd: ROOT, env });
    expect((JSON.parse(ok.stdout) as ImportResult).roadmap.orderNumber).toBe("120");

    const bad = await run("npx", ["tsx", "cli/main.ts", "import", path.join(dir, "absent.xlsx"), "--json", "--lang", "en"], { cwd: ROOT, env }).then(
      () => null,
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(bad?.code).toBe(1);
    expect(bad?.stdout).toBe("");
    // npm itself may warn about its own configuration; Веха's part of stderr is one line
    const ours = bad!.stderr.split("\n").filter((l) => l.trim() && !/^npm (warn|notice)/i.test(l));
    expect(ours).toHaveLength(1);
    expect(ours[0]).toMatch(/file not found/);
  });
});
