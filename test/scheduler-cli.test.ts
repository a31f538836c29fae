import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../cli/run.ts";
import { translator } from "../services/i18n.ts";
import { createTestDb, type TestDb } from "./support/db.ts";
import { item, person, seedWorld, advancingSleep } from "./support/scheduler-world.ts";
import { FakeBotApi } from "./support/fake-bot-api.ts";

// `plan --at … [--json]` and `tick --at …` as the contract fixes them.

let t: TestDb;
let api: FakeBotApi;
beforeEach(async () => {
  t = await createTestDb();
  api = await FakeBotApi.start();
});
afterEach(async () => {
  await api.stop();
  await t.close();
});

async function cli(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main([...args, "--lang", "en"], { out: (s) => out.push(s), err: (s) => err.push(s), env: { DATABASE_URL: t.url, ...env } });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

describe("plan and tick on the command line", () => {
  it("refuses a missing or zone-less --at with exit 2 and one line", async () => {
    for (const args of [["plan"], ["plan", "--at", "2023-06-15T09:00"], ["plan", "--at", "tomorrow+09:00"], ["tick"], ["plan", "--at", "2023-06-15T09:00+09:00", "--bogus"]]) {
      const r = await cli(args);
      expect(r.code, args.join(" ")).toBe(2);
      // the problem and the command's syntax, in one line
      expect(r.stderr.split("\n")).toHaveLength(1);
      expect(r.stdout).toBe("");
    }
  });

  it("plan --json prints the contract's entries and records nothing", async () => {
    const w = await seedWorld(t.db);
    await item(t.db, w, "17", { kind: "date", due: "2023-07-02" });
    const r = await cli(["plan", "--at", "2023-06-30T09:00:00+09:00", "--json"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const entries = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(entries.map((e) => e.kind).sort()).toEqual(["before_1d", "due"]);
    for (const e of entries) {
      expect(e).toMatchObject({
        sendAt: "2023-06-30T09:00:00+09:00",
        roadmapId: w.roadmapId,
        itemKey: "17",
        itemNumber: "17",
        checkpoint: "2023-07-02",
        recipient: { personId: w.executorId, name: "Иванова А.А.", chatId: expect.any(String) as string },
      });
    }
    expect(await t.db.reminderClaim.count()).toBe(0);
    const night = await cli(["plan", "--at", "2023-06-30T02:00:00+09:00", "--json"]);
    expect(JSON.parse(night.stdout)).toEqual([]);
  });

  it("tick --at delivers through TELEGRAM_API_ROOT and records; afterwards plan shows nothing left", async () => {
    const w = await seedWorld(t.db);
    await item(t.db, w, "17", { kind: "date", due: "2023-07-02" });
    const executor = await t.db.person.findUniqueOrThrow({ where: { id: w.executorId } });
    const env = { BOT_TOKEN: "123:TEST", TELEGRAM_API_ROOT: api.url };
    const r = await cli(["tick", "--at", "2023-06-30T00:00:00Z"], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("planned 2, claimed 2, sent 1, failed 0");
    expect(api.sent(executor.chatId!)).toHaveLength(1);
    expect(api.sent(executor.chatId!)[0]!.text).toContain("нерабочий день");
    expect((await cli(["tick", "--at", "2023-06-30T00:05:00Z"], env)).stdout).toBe("planned 2, claimed 0, sent 0, failed 0");
    expect(api.sent(executor.chatId!)).toHaveLength(1);
    expect(JSON.parse((await cli(["plan", "--at", "2023-06-30T00:10:00Z", "--json"])).stdout)).toEqual([]);
  });

  it("plan shows the postponement requests waiting for a decision (approval_reminder)", async () => {
    const w = await seedWorld(t.db);
    const { assignments } = await item(t.db, w, "9", { kind: "date", due: "2023-06-15" });
    const req = await t.db.postponeRequest.create({ data: { assignmentId: assignments[0]!.id, requestedDue: "2023-06-30", reason: "ждём данные", byPersonId: w.executorId } });
    const approvals = async (at: string) =>
      (JSON.parse((await cli(["plan", "--at", at, "--json"])).stdout) as Array<Record<string, unknown>>).filter((e) => e.kind === "approval_reminder");
    // never raised yet: at once, to the school's curator
    expect(await approvals("2023-06-13T15:00:00+09:00")).toMatchObject([{ itemKey: "9", checkpoint: null, recipient: { personId: w.curatorId, name: "Петрова Б.Б." } }]);
    // raised on Tuesday 13 June: again two working days later, from 09:00 local
    await t.db.postponeRequest.update({ where: { id: req.id }, data: { lastRaisedAt: new Date("2023-06-13T06:00:00Z") } });
    expect(await approvals("2023-06-14T10:00:00+09:00")).toEqual([]);
    expect(await approvals("2023-06-15T08:30:00+09:00")).toEqual([]);
    expect(await approvals("2023-06-15T09:00:00+09:00")).toMatchObject([{ sendAt: "2023-06-15T09:00:00+09:00", recipient: { personId: w.curatorId } }]);
  });

  it("tick without a bot token is a configuration error", async () => {
    const r = await cli(["tick", "--at", "2023-06-30T00:00:00Z"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^BOT_TOKEN/);
  });
});

/** An item due on 15 June for each of `n` executors of their own: a person's reminders of a tick are one message. */
async function itemsForExecutors(db: TestDb["db"], w: Awaited<ReturnType<typeof seedWorld>>, n: number): Promise<string[]> {
  const chats: string[] = [];
  for (let i = 1; i <= n; i++) {
    const p = await person(db, `Исполнитель ${i}`, { organizationId: w.schoolId });
    chats.push(p.chatId!);
    await item(db, w, String(i), { kind: "date", due: "2023-06-15" }, [{ personId: p.id, schoolId: w.schoolId }]);
  }
  return chats;
}

describe("tick that could not deliver everything", () => {
  it("exits 1 and says on stderr, one line per kind, what was not delivered", async () => {
    const w = await seedWorld(t.db);
    await itemsForExecutors(t.db, w, 3);
    const env = { BOT_TOKEN: "123:TEST", TELEGRAM_API_ROOT: api.url };
    // the executor's chat is gone for two of them; a 403 for the third
    api.failNext("sendMessage", { status: 400, description: "Bad Request: chat not found" }, 2);
    api.failNext("sendMessage", { status: 403 });
    const r = await cli(["tick", "--at", "2023-06-15T09:00:00+09:00"], env);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("planned 3, claimed 3, sent 0, failed 3");
    const lines = r.stderr.split("\n").sort();
    expect(lines).toEqual([
      "not delivered: 1 — the recipient blocked the bot (403 Forbidden: bot was blocked by the user); marked unreachable, the coordinators are told",
      "not delivered: 2 — Telegram refused them (400 Bad Request: chat not found); not retried",
    ]);
  });

  it("a failure that will be retried: exit 1, and `plan` afterwards lists those reminders as still due", async () => {
    const { runTick } = await import("../cli/commands/tick.ts");
    const { createDeliveryQueue } = await import("../scheduler/queue.ts");
    const { ManualClock } = await import("../core/clock.ts");
    const { Telegram } = await import("telegraf");
    const w = await seedWorld(t.db);
    await itemsForExecutors(t.db, w, 2);
    // Telegram is down: every attempt of every message gets a 502 (the backoff runs on a hand-moved clock)
    const clock = new ManualClock("2023-06-15T00:00:00Z");
    const sleep = advancingSleep(clock);
    api.failNext("sendMessage", { status: 502 }, 10);
    const outbox = createDeliveryQueue({ telegram: new Telegram("123:TEST", { apiRoot: api.url }), db: t.db, clock, sleep });
    const out: string[] = [];
    const err: string[] = [];
    const code = await runTick({ db: t.db, outbox, clock }, new Date("2023-06-15T00:00:00Z"), false, { out: (s) => out.push(s), err: (s) => err.push(s) }, translator("en"));
    expect(code).toBe(1);
    expect(out).toEqual(["planned 2, claimed 2, sent 0, failed 2"]);
    expect(err).toEqual(["not delivered: 2 — Telegram or the network kept failing (502 Bad Gateway (after 5 attempts)); the next tick retries"]);
    const still = JSON.parse((await cli(["plan", "--at", "2023-06-15T09:05:00+09:00", "--json"])).stdout) as Array<{ kind: string; itemKey: string }>;
    expect(still.map((e) => `${e.kind} ${e.itemKey}`).sort()).toEqual(["due 1", "due 2"]);
  });
});

describe("two real processes on one database", () => {
  it("two `tick --at` processes started together deliver each reminder once", async () => {
    const { execFile } = await import("node:child_process");
    const path = await import("node:path");
    const { fileURLToPath } = await import("node:url");
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
    const w = await seedWorld(t.db);
    const chats = await itemsForExecutors(t.db, w, 15);
    const run = () =>
      new Promise<{ code: number | null; stdout: string }>((resolve) => {
        execFile(
          process.execPath,
          ["--import", "tsx", path.join(root, "cli", "main.ts"), "tick", "--at", "2023-06-15T09:00:00+09:00", "--lang", "en"],
          { cwd: root, env: { ...process.env, DATABASE_URL: t.url, BOT_TOKEN: "123:TEST", TELEGRAM_API_ROOT: api.url, LOG_LEVEL: "silent" } },
          (error, stdout) => resolve({ code: error ? (error.code as number) : 0, stdout }),
        );
      });
    const [a, b] = await Promise.all([run(), run()]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const claimed = [a.stdout, b.stdout].map((s) => Number(/claimed (\d+)/.exec(s)?.[1] ?? NaN));
    expect(claimed[0]! + claimed[1]!).toBe(15);
    for (const chat of chats) expect(api.sent(chat)).toHaveLength(1);
    expect(await t.db.reminderClaim.count({ where: { sentAt: { not: null } } })).toBe(15);
  }, 60_000);
});
