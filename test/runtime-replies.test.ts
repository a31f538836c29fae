import { afterEach, describe, expect, it } from "vitest";
import { BotHarness } from "./support/bot-harness.ts";
import { seedRoadmap } from "./support/roadmap-seed.ts";
import { REPLY_RETRY } from "../services/telegram-retry.ts";

// Replies to users are tried again like the delivery queue's messages: after a 429's
// retry_after, on a 5xx, on a dropped connection. And an action that was saved is never
// answered «Что-то пошло не так, попробуйте ещё раз»: the error boundary knows it was saved.

let h: BotHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const GENERIC = /Что-то пошло не так/;

describe("a reply that fails on the way", () => {
  it("is sent again after 429 retry_after, a 502 and a dropped connection", { timeout: 30_000 }, async () => {
    h = await BotHarness.start();
    const { user } = await h.linkedUser("Петрова Анна Сергеевна");

    h.api.failNext("sendMessage", { status: 429, retryAfter: 1 });
    const t0 = Date.now();
    const after429 = await user.command("/help");
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    expect(after429).toHaveLength(1);
    expect(after429[0]!.text).toContain("/my");

    h.api.failNext("sendMessage", { status: 502 });
    expect((await user.command("/help"))[0]!.text).toContain("/my");

    h.api.failNext("sendMessage", { drop: true });
    expect((await user.command("/help"))[0]!.text).toContain("/my");

    expect(h.api.calls.filter((c) => c.method === "sendMessage!failed")).toHaveLength(3);
    expect(user.replies().map((m) => m.text).join("\n")).not.toMatch(GENERIC);
  });

  it("after the action was saved: the user hears it was saved, not «try again»", { timeout: 30_000 }, async () => {
    h = await BotHarness.start();
    const { user, personId } = await h.linkedUser("Полухина Елена Андреевна");
    await seedRoadmap(h.db, { items: [{ key: "5", title: "Анализ результатов ВПР", due: "2023-06-30", personId }] });

    // every try of the answer to /done fails (Telegram keeps answering 500), the next message goes
    let failures = 0;
    h.api.handler = (call) => {
      if (call.method !== "sendMessage" || String(call.params.chat_id) !== String(user.id) || failures >= REPLY_RETRY.attempts) return undefined;
      failures++;
      return { status: 500, body: { ok: false, error_code: 500, description: "Internal Server Error" } };
    };
    const replies = await user.command("/done 5", { timeoutMs: 15_000 });
    expect(failures).toBe(REPLY_RETRY.attempts);
    const assignment = await h.db.assignment.findFirst({ where: { personId } });
    expect(assignment!.status).toBe("submitted");
    expect(replies.map((m) => m.text).join("\n")).not.toMatch(GENERIC);
    expect(replies.at(-1)!.text).toBe("Ваше действие сохранено, но показать ответ не удалось. Повторять его не нужно: результат уже учтён.");

    // one change, recorded once
    expect(await h.db.statusChange.count({ where: { assignmentId: assignment!.id } })).toBe(1);
  });

  it("a button answered too late for Telegram still does its work and shows its result", { timeout: 30_000 }, async () => {
    h = await BotHarness.start();
    const { user, personId } = await h.linkedUser("Петрова Анна Сергеевна");
    await user.command("/lang");
    // the work waited (a busy database): Telegram no longer takes the spinner's answer
    h.api.handler = (call) =>
      call.method === "answerCallbackQuery"
        ? { status: 400, body: { ok: false, error_code: 400, description: "Bad Request: query is too old and response timeout expired or query ID is invalid" } }
        : undefined;
    const replies = await user.press("English");
    expect(replies.at(-1)!.text).toBe("Language: English.");
    expect(replies.map((m) => m.text).join("\n")).not.toMatch(/went wrong|saved/);
    expect((await h.db.person.findUnique({ where: { id: personId } }))!.language).toBe("en");
  });

  it("when nothing was saved: the generic apology, and nothing is written", { timeout: 30_000 }, async () => {
    h = await BotHarness.start();
    const { user, personId } = await h.linkedUser("Полухина Елена Андреевна");
    await seedRoadmap(h.db, { items: [{ key: "5", title: "Анализ результатов ВПР", due: "2023-06-30", personId }] });
    const calls = h.api.calls.length;
    // a card read only, whose answer fails for good: nothing was saved, so «try again» is right
    let failures = 0;
    h.api.handler = (call) => {
      if (call.method !== "sendMessage" || failures >= REPLY_RETRY.attempts) return undefined;
      failures++;
      return { status: 500, body: { ok: false, error_code: 500, description: "Internal Server Error" } };
    };
    const replies = await user.command("/item 5", { timeoutMs: 15_000 });
    expect(h.api.calls.length).toBeGreaterThan(calls);
    expect(replies.at(-1)!.text).toMatch(GENERIC);
    expect(await h.db.statusChange.count()).toBe(0);
  });
});
