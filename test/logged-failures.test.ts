import { afterEach, describe, expect, it } from "vitest";
import { BotHarness } from "./support/bot-harness.ts";
import { seedRoadmap } from "./support/roadmap-seed.ts";
import { createInvite } from "../services/invites.ts";

// A Bot API call whose failure the user need not hear about (answering a button press, editing the
// message a button was on) is not retried and not told to the user, but it is logged: a failure
// nobody sees is a failure nobody fixes.

let h: BotHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

async function start(lines: Array<Record<string, unknown>>) {
  h = await BotHarness.start({
    now: "2023-06-01T09:00:00+09:00",
    logTo: { level: "warn", write: (l: string) => lines.push(JSON.parse(l) as Record<string, unknown>) },
  });
  return h;
}

const failedAs = (lines: Array<Record<string, unknown>>, msg: string) => lines.filter((l) => l.msg === msg);

describe("failures of answers and edits are logged, the conversation goes on", () => {
  it("«Отмена» on a question whose message can no longer be edited: cancelled, and the failed edit is logged", async () => {
    const lines: Array<Record<string, unknown>> = [];
    const harness = await start(lines);
    const person = await harness.db.person.create({ data: { fullName: "Полухина Елена Андреевна", shortName: "Полухина Е.А." } });
    await seedRoadmap(harness.db, { items: [{ key: "18", title: "Анализ результатов ВПР", due: "2023-06-05", personId: person.id }] });
    const { token } = await createInvite(harness.db, person.id, harness.clock);
    const exec = harness.user({ firstName: "Елена" });
    await exec.command(`/start ${token}`);
    await exec.command("/item 18");
    await exec.press("Приложить подтверждение");
    expect(await harness.db.chatState.count()).toBe(1);

    harness.api.failNext("editMessageText", { status: 400, description: "Bad Request: message to edit not found" });
    await exec.press("Отмена");
    expect(await harness.db.chatState.count()).toBe(0); // the question is cancelled all the same
    const logged = failedAs(lines, "marking the question cancelled failed");
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 40, err: { message: expect.stringContaining("message to edit not found") as string } });
  });

  it("a stranger's button press that cannot be answered: logged, and the stranger still gets the access message", async () => {
    const lines: Array<Record<string, unknown>> = [];
    const harness = await start(lines);
    const stranger = harness.user({ firstName: "Незнакомец" });
    // the press is the stranger's first knock: a later one is not answered again (told once)
    // (a query too old to answer is no failure at all: bot/telegram.ts drops that one by design)
    harness.api.failNext("answerCallbackQuery", { status: 502 });
    const replies = await stranger.pressData("a:done:1");
    expect(replies.map((m) => m.text).join("\n")).toMatch(/приглашени/i);
    const logged = failedAs(lines, "answering a stranger's button failed");
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 40, err: { message: expect.stringContaining("502") as string } });
    expect(await stranger.send("Здравствуйте")).toHaveLength(0);
  });
});
