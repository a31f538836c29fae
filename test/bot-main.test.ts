import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FakeBotApi } from "./support/fake-bot-api.ts";
import { createTestDb, type TestDb } from "./support/db.ts";

// `npm start` as a real process against FakeBotApi: webhook mode checks Telegram's secret-token
// header, polling works, command menus are set (a failure is not fatal), SIGTERM stops cleanly.

const ROOT = path.resolve(import.meta.dirname, "..");
let api: FakeBotApi | undefined;
let t: TestDb | undefined;
let child: ChildProcess | undefined;

afterEach(async () => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  await api?.stop();
  await t?.close();
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function start(env: Record<string, string>): { proc: ChildProcess; exited: Promise<number | null>; stderr: () => string } {
  const proc = spawn(process.execPath, ["--import", "tsx", "bot/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "warn", SCHEDULER_ENABLED: "false", BOT_TOKEN: "123:MAIN", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  proc.stderr.on("data", (d: Buffer) => (err += d.toString()));
  proc.stdout.on("data", () => undefined);
  const exited = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
  return { proc, exited, stderr: () => err };
}

async function waitUntil(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("bot/main.ts", () => {
  it("webhook mode refuses a wrong secret token, handles a right one, stops on SIGTERM", { timeout: 90_000 }, async () => {
    api = await FakeBotApi.start();
    t = await createTestDb();
    const port = await freePort();
    // the menus fail once: logged, not fatal
    api.failNext("setMyCommands", { status: 500 });
    const run = start({ TELEGRAM_API_ROOT: api.url, DATABASE_URL: t.url, WEBHOOK_URL: `https://vekha.example.org/tg-hook`, WEBHOOK_SECRET: "s3cret_token", PORT: String(port) });
    child = run.proc;
    await waitUntil(() => api!.calls.some((c) => c.method === "setWebhook"), "setWebhook");
    const hook = api.calls.find((c) => c.method === "setWebhook")!;
    expect(hook.params.url).toBe("https://vekha.example.org/tg-hook");
    expect(hook.params.secret_token).toBe("s3cret_token");
    expect(api.calls.some((c) => c.method === "setMyCommands")).toBe(true);

    const update = (id: number) =>
      JSON.stringify({ update_id: id, message: { message_id: 1, date: 0, chat: { id: 555, type: "private" }, from: { id: 555, is_bot: false, first_name: "Гость" }, text: "/start", entities: [{ type: "bot_command", offset: 0, length: 6 }] } });
    const post = (body: string, secret?: string) =>
      fetch(`http://127.0.0.1:${port}/tg-hook`, { method: "POST", headers: { "content-type": "application/json", ...(secret ? { "x-telegram-bot-api-secret-token": secret } : {}) }, body });
    await waitUntil(async () => {
      try {
        await post("{}", "wrong");
        return true;
      } catch {
        return false;
      }
    }, "the webhook server");
    expect((await post(update(1), "wrong")).status).toBe(403);
    expect((await post(update(2))).status).toBe(403);
    expect(api.sent(555)).toHaveLength(0);
    expect((await post(update(3), "s3cret_token")).status).toBe(200);
    await waitUntil(() => api!.sent(555).length === 1, "the stranger's answer");
    expect(api.sent(555)[0]!.text).toContain("приглашению");

    child.kill("SIGTERM");
    expect(await run.exited).toBe(0);
  });

  it("long polling by default; a bad variable or a refused token stops start-up with one line", { timeout: 90_000 }, async () => {
    api = await FakeBotApi.start();
    t = await createTestDb();
    const bad = start({ TELEGRAM_API_ROOT: api.url, DATABASE_URL: t.url, DEFAULT_TIMEZONE: "Mars/Olympus" });
    expect(await bad.exited).toBe(2);
    expect(bad.stderr().trim()).toMatch(/^DEFAULT_TIMEZONE: /);

    api.handler = (call) => (call.method === "getMe" ? { status: 401, body: { ok: false, error_code: 401, description: "Unauthorized" } } : undefined);
    const refused = start({ TELEGRAM_API_ROOT: api.url, DATABASE_URL: t.url });
    expect(await refused.exited).toBe(2);
    expect(refused.stderr().trim()).toMatch(/^BOT_TOKEN: /);
    api.handler = undefined;

    const run = start({ TELEGRAM_API_ROOT: api.url, DATABASE_URL: t.url });
    child = run.proc;
    await waitUntil(() => api!.calls.some((c) => c.method === "deleteWebhook"), "polling to start");
    api.pushUpdate({ message: { message_id: 1, date: 0, chat: { id: 556, type: "private" }, from: { id: 556, is_bot: false, first_name: "Гость" }, text: "привет" } });
    await waitUntil(() => api!.sent(556).length === 1, "the answer");
    child.kill("SIGTERM");
    expect(await run.exited).toBe(0);
  });
});
