import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FakeBotApi } from "./support/fake-bot-api.ts";
import { BotHarness } from "./support/bot-harness.ts";
import { createTestDb, onPostgres, type TestDb } from "./support/db.ts";
import { describeDatabase } from "../services/database-url.ts";
import { main as cli } from "../cli/run.ts";
import { checkHealth, TICK_STALE_MS } from "../bot/health.ts";

// The bot as an operator runs it: `npm start` under a service manager, a Bot API that never
// answers, a damaged database file, webhook mode behind a URL, and a token that must never show.

const ROOT = path.resolve(import.meta.dirname, "..");
const TOKEN = "4242:VeryS3cret_token-value";

let api: FakeBotApi | undefined;
let t: TestDb | undefined;
let h: BotHarness | undefined;
const started: ChildProcess[] = [];
const servers: net.Server[] = [];

afterEach(async () => {
  for (const p of started.splice(0)) {
    if (p.exitCode === null && p.signalCode === null) {
      try {
        process.kill(-p.pid!, "SIGKILL");
      } catch {
        p.kill("SIGKILL");
      }
    }
  }
  for (const s of servers.splice(0)) s.close();
  await h?.stop();
  h = undefined;
  await api?.stop();
  api = undefined;
  await t?.close();
  t = undefined;
});

interface Run {
  proc: ChildProcess;
  exited: Promise<number | null>;
  stdout: () => string;
  stderr: () => string;
}

/** The bot as `npm start` (npm → node) or as the node process itself, in a process group of its own. */
function start(env: Record<string, string>, how: "npm" | "node" = "node"): Run {
  const [cmd, args] = how === "npm" ? ["npm", ["start"]] : [process.execPath, ["--import", "tsx", "bot/main.ts"]];
  const proc = spawn(cmd, args, {
    cwd: ROOT,
    detached: true,
    env: { ...process.env, LOG_LEVEL: "info", SCHEDULER_ENABLED: "false", BOT_TOKEN: TOKEN, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.push(proc);
  let out = "";
  let err = "";
  proc.stdout.on("data", (d: Buffer) => (out += d.toString()));
  proc.stderr.on("data", (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
  return { proc, exited, stdout: () => out, stderr: () => err };
}

async function waitUntil(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every process below `pid` (children, grandchildren …). */
function descendants(pid: number): number[] {
  const table = execFileSync("ps", ["-e", "-o", "pid=,ppid="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((l) => l.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  const queue = [pid];
  while (queue.length) {
    const p = queue.shift()!;
    for (const [child, parent] of table) {
      if (parent === p) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Writes and JSON log lines of a run. */
const logLines = (run: Run) =>
  run
    .stdout()
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function cliRun(argv: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  // in English, to match the bot's start-up line (test/cli-lang.test.ts checks the Russian)
  const code = await cli([...argv, "--lang", "en"], { out: (s) => out.push(s), err: (s) => err.push(s), env });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("npm start under a service manager", () => {
  it("SIGTERM to npm leaves no bot process behind; neither does npm being killed outright", { timeout: 120_000 }, async () => {
    api = await FakeBotApi.start();
    t = await createTestDb();
    for (const signal of ["SIGTERM", "SIGKILL"] as const) {
      const since = api.calls.length;
      const run = start({ TELEGRAM_API_ROOT: api.url, DATABASE_URL: t.url }, "npm");
      await waitUntil(() => api!.calls.slice(since).some((c) => c.method === "deleteWebhook"), "polling to start", 60_000);
      const below = descendants(run.proc.pid!);
      expect(below.length).toBeGreaterThan(0);
      process.kill(run.proc.pid!, signal);
      await waitUntil(() => below.every((p) => !alive(p)), `every process under npm to end after ${signal} (left: ${below.filter(alive).join(", ")})`, 8000);
    }
  });
});

describe("a Bot API that accepts the connection and never answers", () => {
  it("start-up says what it runs with, getMe is timed out, logged and retried, and SIGTERM still stops it", { timeout: 60_000 }, async () => {
    t = await createTestDb();
    const sockets: net.Socket[] = [];
    const silent = net.createServer((s) => sockets.push(s));
    servers.push(silent);
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", () => r()));
    const root = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
    const run = start({ TELEGRAM_API_ROOT: root, DATABASE_URL: t.url, BOT_API_TIMEOUT: "0.5" });
    await waitUntil(() => logLines(run).filter((l) => /did not answer getMe/.test(String(l.msg))).length >= 2, "two getMe failures logged", 20_000);
    const [first] = logLines(run);
    expect(first).toMatchObject({ version: "0.1.0", database: describeDatabase(t.url), mode: "polling", scheduler: "off" });
    const failure = logLines(run).find((l) => /did not answer getMe/.test(String(l.msg)))!;
    expect(failure.reason).toBe("Bot API getMe: no answer in 0.5 s");
    expect(failure.apiRoot).toBe(root);
    process.kill(run.proc.pid!, "SIGTERM");
    expect(await run.exited).toBe(0);
    for (const s of sockets) s.destroy();
    expect(run.stdout() + run.stderr()).not.toContain(TOKEN);
  });
});

// SQLite only: a database file; PostgreSQL's counterparts (a server that cannot be reached, a
// database that does not exist) are in test/postgres.test.ts
describe.skipIf(onPostgres)("a damaged or unreadable database file (SQLite)", () => {
  it("bot and CLI say in one line which file and what to do, and exit 1", { timeout: 90_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(process.env.VEKHA_TEST_DIR!, "bad-"));
    const garbage = path.join(dir, "garbage.db");
    fs.writeFileSync(garbage, crypto.randomBytes(8192));
    const folder = path.join(dir, "folder.db");
    fs.mkdirSync(folder);
    const underFile = path.join(garbage, "vekha.db");
    const cases: Array<[string, RegExp]> = [
      [garbage, /damaged or not an SQLite database.*restore it from a backup/],
      [folder, /cannot be opened.*read and write/],
      [underFile, /folder cannot be created or used/],
    ];
    for (const [file, what] of cases) {
      const bot = start({ TELEGRAM_API_ROOT: "http://127.0.0.1:9", DATABASE_URL: `file:${file}` });
      expect(await bot.exited).toBe(1);
      const lines = bot.stderr().trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(file);
      expect(lines[0]).toMatch(what);

      const r = await cliRun(["plan", "--at", "2023-06-01T09:00:00+09:00"], { DATABASE_URL: `file:${file}` });
      expect(r.code).toBe(1);
      expect(r.err.split("\n")).toHaveLength(1);
      expect(r.err).toContain(file);
      expect(r.err).toMatch(what);
    }
    // nothing was written over the damaged file
    expect(fs.statSync(garbage).size).toBe(8192);
  });
});

describe("webhook mode", () => {
  it("uses WEBHOOK_URL exactly as given, answers /healthz, and refuses to start without WEBHOOK_SECRET", { timeout: 90_000 }, async () => {
    api = await FakeBotApi.start();
    t = await createTestDb();
    const noSecret = start({ TELEGRAM_API_ROOT: api.url, DATABASE_URL: t.url, WEBHOOK_URL: "https://vekha.example.org/tg" });
    expect(await noSecret.exited).toBe(2);
    expect(noSecret.stderr().trim()).toMatch(/^WEBHOOK_SECRET: required with WEBHOOK_URL/);
    expect(api.calls.some((c) => c.method === "setWebhook")).toBe(false);

    for (const [n, url] of ["https://vekha.example.org", "https://vekha.example.org:8443/bots/vekha/?instance=2"].entries()) {
      // a stranger is answered once (issue 11): each run hears from another one
      const chatId = 901 + n;
      const since = api.calls.length;
      const port = await freePort();
      const run = start({ TELEGRAM_API_ROOT: api.url, DATABASE_URL: t.url, WEBHOOK_URL: url, WEBHOOK_SECRET: "s3cret", PORT: String(port) });
      await waitUntil(() => api!.calls.slice(since).some((c) => c.method === "setWebhook"), "setWebhook");
      expect(api.calls.slice(since).find((c) => c.method === "setWebhook")!.params.url).toBe(url);
      let health: Response | undefined;
      await waitUntil(async () => {
        health = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
        return health !== undefined;
      }, "the webhook server");
      expect(health!.status).toBe(200);
      expect(await health!.json()).toEqual({ status: "ok", version: "0.1.0", database: "reachable", scheduler: "off", lastTick: null });
      // Telegram posts to the path of the URL
      const hookPath = new URL(url).pathname + new URL(url).search;
      const update = { update_id: 1, message: { message_id: 1, date: 0, chat: { id: chatId, type: "private" }, from: { id: chatId, is_bot: false, first_name: "Г" }, text: "привет" } };
      const posted = await fetch(`http://127.0.0.1:${port}${hookPath}`, { method: "POST", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "s3cret" }, body: JSON.stringify({ ...update, update_id: 1 + since }) });
      expect(posted.status).toBe(200);
      await waitUntil(() => api!.calls.slice(since).some((c) => c.method === "sendMessage" && String(c.params.chat_id) === String(chatId)), "the answer");
      process.kill(run.proc.pid!, "SIGTERM");
      expect(await run.exited).toBe(0);
    }
  });

  it("/healthz is 503 when the database does not answer or the scheduler has stopped ticking", async () => {
    const now = Date.parse("2026-01-10T12:00:00Z");
    const db = { $queryRawUnsafe: async () => [] } as never;
    const broken = { $queryRawUnsafe: async () => Promise.reject(new Error("SQLITE_CORRUPT")) } as never;
    const ticked = (at: number | null) => ({ lastAt: () => (at === null ? null : new Date(at)) });
    const base = { version: "0.1.0", startedAt: now - 60 * 60_000, now: () => now };
    expect(await checkHealth({ ...base, db, scheduler: ticked(now - 60_000) })).toEqual({
      ok: true,
      body: { status: "ok", version: "0.1.0", database: "reachable", scheduler: "on", lastTick: "2026-01-10T11:59:00.000Z" },
    });
    expect((await checkHealth({ ...base, db: broken, scheduler: null })).ok).toBe(false);
    expect((await checkHealth({ ...base, db: broken, scheduler: null })).body.database).toBe("unreachable");
    const stale = await checkHealth({ ...base, db, scheduler: ticked(now - TICK_STALE_MS - 60_000) });
    expect(stale.ok).toBe(false);
    expect(stale.body.problem).toBe("no scheduler tick for 11 minutes");
    // just started: the first tick has a while to come
    expect((await checkHealth({ ...base, startedAt: now - 30_000, db, scheduler: ticked(null) })).ok).toBe(true);
  });
});

describe("the bot token", () => {
  it("never appears in a log line or an error, whatever the Bot API answers", { timeout: 60_000 }, async () => {
    const lines: string[] = [];
    h = await BotHarness.start({ token: TOKEN, logTo: { level: "debug", write: (l: string) => lines.push(l) } });
    const { user } = await h.linkedUser("Петрова Анна Сергеевна");
    // errors whose text echoes the request URL, token and all
    let echo = 0;
    h.api.handler = (call) => {
      if (call.method !== "sendMessage" || echo >= 6) return undefined;
      echo++;
      return { status: 400, body: { ok: false, error_code: 400, description: `Bad Request: cannot handle ${h!.api.url}${call.path} (token ${TOKEN.split(":")[1]}, bot ${TOKEN})` } };
    };
    await user.command("/help");
    expect(echo).toBeGreaterThan(0);
    const text = lines.join("");
    expect(text).toContain("cannot handle");
    expect(text).toContain("[REDACTED]");
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(encodeURIComponent(TOKEN));
  });

  it("never appears in `npm start`'s output when the Bot API echoes it back", { timeout: 60_000 }, async () => {
    api = await FakeBotApi.start();
    t = await createTestDb();
    let echoes = 0;
    api.handler = (call) => {
      if (!["getMe", "setMyCommands"].includes(call.method) || echoes >= 2) return undefined;
      echoes++;
      return { status: 400, body: { ok: false, error_code: 400, description: `Bad Request: ${api!.url}${call.path} is not available` } };
    };
    const run = start({ TELEGRAM_API_ROOT: api.url, DATABASE_URL: t.url, LOG_LEVEL: "debug" });
    await waitUntil(() => api!.calls.some((c) => c.method === "deleteWebhook"), "polling to start", 30_000);
    api.failNext("sendMessage", { drop: true });
    api.handler = (call) =>
      call.method === "sendMessage" ? { status: 400, body: { ok: false, error_code: 400, description: `Bad Request: chat not found at ${call.path}` } } : undefined;
    api.pushUpdate({ message: { message_id: 1, date: 0, chat: { id: 902, type: "private" }, from: { id: 902, is_bot: false, first_name: "Г" }, text: "привет" } });
    await waitUntil(() => run.stdout().includes("chat not found"), "the refused answer logged", 20_000);
    process.kill(run.proc.pid!, "SIGTERM");
    await run.exited;
    const all = run.stdout() + run.stderr();
    expect(all).toContain("is not available");
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain(TOKEN.split(":")[1]);
  });
});
