import { afterEach, describe, expect, it } from "vitest";
import { BotHarness, buttons, type TestUser } from "./support/bot-harness.ts";
import type { SentMessage } from "./support/fake-bot-api.ts";
import { seedRoadmap, type SeedItem } from "./support/roadmap-seed.ts";
import { tick } from "../scheduler/tick.ts";
import { sentReminderPage } from "../scheduler/reminder-pages.ts";
import { translator } from "../services/i18n.ts";
import { countStatements } from "../bench/region/product.ts";

// counted at the driver adapter, wrapped before any database is opened
const counter = await countStatements();

// One reminder message a person and tick, however many items: five a page, «◀ / ▶» turning it in
// place. Through real ticks, the delivery queue and the Bot API emulator over HTTP; the pages are
// drawn again from the database (the claims carry the message's id), so they work after a restart.
// Thursday 15 June 2023, Asia/Yakutsk: 25 items due today.

let h: BotHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const NOW = "2023-06-15T09:00:00+09:00";

async function tickAt(harness: BotHarness, iso: string): Promise<void> {
  harness.clock.set(new Date(iso));
  await tick({ db: harness.db, outbox: harness.deps.outbox, clock: harness.clock }, new Date(iso));
}

async function twentyFive(): Promise<{ exec: TestUser; personId: number; ids: Record<string, number> }> {
  h = await BotHarness.start({ now: NOW });
  const { user: exec, personId } = await h.linkedUser("Полухина Елена Андреевна");
  const items: SeedItem[] = Array.from({ length: 25 }, (_, i) => ({ key: String(i + 1), title: `Мероприятие номер ${i + 1}`, due: "2023-06-15", personId }));
  const { assignmentIds: ids } = await seedRoadmap(h.db, { items });
  await tickAt(h, NOW);
  return { exec, personId, ids };
}

/** The message as the person sees it now: the last text it was sent or edited with. */
function latest(exec: TestUser, messageId: number): SentMessage {
  return exec.replies().filter((m) => m.messageId === messageId).at(-1)!;
}

const labels = (m: SentMessage) => buttons(m).map((b) => b.text);

describe("a reminder of 25 items is one message, paged in place", () => {
  it("page 1 of 5 with its buttons; «Стр. 2 ▶» shows items 6–10; «7 · Выполнено» there marks item 7 done and the page shows it", async () => {
    const { exec, personId, ids } = await twentyFive();
    const sent = exec.replies();
    expect(sent).toHaveLength(1);
    const first = sent[0]!;
    expect(first.method).toBe("sendMessage");
    expect(first.text).toContain("Елена Андреевна, добрый день!");
    expect(first.text).toContain("Напоминания: 25 поручений");
    expect(first.text).toContain("Страница 1 из 5: поручения 1–5 из 25.");
    expect(first.text).toContain("Ещё 20 поручений на следующих страницах");
    expect(first.text).toContain("Мероприятие номер 5");
    expect(first.text).not.toContain("Мероприятие номер 6");
    expect(labels(first)).toContain("1 · Выполнено");
    expect(labels(first)).toContain("5 · Напомнить завтра");
    expect(labels(first)).not.toContain("6 · Выполнено");
    expect(labels(first).at(-1)).toBe("Стр. 2 ▶");
    // every reminder of the person is settled by that one message
    const claims = await h!.db.reminderClaim.findMany({ where: { personId } });
    expect(claims).toHaveLength(25);
    expect(new Set(claims.map((c) => c.messageId))).toEqual(new Set([String(first.messageId)]));

    await exec.press("Стр. 2 ▶");
    const page2 = latest(exec, first.messageId);
    expect(page2.method).toBe("editMessageText");
    expect(page2.text).toContain("Страница 2 из 5: поручения 6–10 из 25.");
    expect(page2.text).toContain("Мероприятие номер 7");
    expect(page2.text).not.toContain("Мероприятие номер 5\n");
    expect(labels(page2)).toEqual(expect.arrayContaining(["7 · Выполнено", "7 · В работе", "7 · Нужно больше времени", "7 · Приложить подтверждение", "◀ Стр. 1", "Стр. 3 ▶"]));
    // nothing new was sent: the same message changed
    expect(exec.replies().filter((m) => m.method === "sendMessage")).toHaveLength(1);

    await exec.press("7 · Выполнено");
    const status = await h!.db.assignment.findUniqueOrThrow({ where: { id: ids["7"]! } });
    expect(status.status).toBe("submitted");
    const after = latest(exec, first.messageId);
    // still page 2, item 7 on review (its «Выполнено» gone), the other items and the pages as they were
    expect(after.text).toContain("Страница 2 из 5");
    expect(after.text).toMatch(/<b>7\.<\/b> Мероприятие номер 7\nСрок: 15 июня 2023\nСтатус: на проверке/);
    expect(labels(after)).not.toContain("7 · Выполнено");
    expect(labels(after)).toContain("7 · Приложить подтверждение");
    expect(labels(after)).toEqual(expect.arrayContaining(["6 · Выполнено", "8 · Выполнено", "◀ Стр. 1", "Стр. 3 ▶"]));
    // the message stays one: no card of item 7 alone replaced it
    expect(after.text).toContain("Мероприятие номер 10");
  });

  it("after a restart (a new bot instance) the page buttons still work, and a page shows what was done since", async () => {
    const { exec, ids } = await twentyFive();
    const first = exec.replies()[0]!;
    // item 12 was accepted meanwhile (by a curator, in another chat): its card says so, without buttons
    await h!.db.assignment.update({ where: { id: ids["12"]! }, data: { status: "verified" } });
    await h!.restart();
    await exec.press("Стр. 2 ▶");
    expect(latest(exec, first.messageId).text).toContain("Страница 2 из 5");
    await exec.press("Стр. 3 ▶");
    const page3 = latest(exec, first.messageId);
    expect(page3.text).toContain("Страница 3 из 5: поручения 11–15 из 25.");
    expect(page3.text).toMatch(/<b>12\.<\/b> Мероприятие номер 12\nСрок: 15 июня 2023\nСтатус: принято/);
    expect(labels(page3).filter((l) => l.startsWith("12 · "))).toEqual([]);
    expect(labels(page3)).toContain("11 · Выполнено");
    // the last page: «◀» only, and no «ещё»
    await exec.pressData("rp:4", page3);
    const page5 = latest(exec, first.messageId);
    expect(page5.text).toContain("Страница 5 из 5: поручения 21–25 из 25.");
    expect(page5.text).not.toContain("Ещё ");
    expect(labels(page5).at(-1)).toBe("◀ Стр. 4");
    await exec.press("◀ Стр. 4");
    expect(latest(exec, first.messageId).text).toContain("Страница 4 из 5");
    // a press on a message that carried no reminders of this person changes nothing
    const before = exec.replies().length;
    await exec.pressData("rp:1", { ...first, messageId: first.messageId + 1000 });
    expect(exec.replies()).toHaveLength(before);
    expect(exec.toasts().at(-1)).toBe("Это сообщение больше нельзя листать. Ваши поручения — в /my.");
  });
});

describe("a page drawn again says what the first send said", () => {
  it("a multi item whose first checkpoint was postponed: the postponed date, not the checkpoint's", async () => {
    h = await BotHarness.start({ now: NOW });
    const { user: exec, personId } = await h.linkedUser("Полухина Елена Андреевна");
    const items: SeedItem[] = Array.from({ length: 6 }, (_, i) => ({ key: String(i + 1), title: `Мероприятие номер ${i + 1}`, due: "2023-06-15", personId }));
    const { assignmentIds: ids } = await seedRoadmap(h.db, { items });
    // item 1: two parts, the first (10 June) postponed to today
    const a1 = await h.db.assignment.update({ where: { id: ids["1"]! }, data: { dueOverride: "2023-06-15" } });
    await h.db.item.update({ where: { id: a1.itemId }, data: { deadlineKind: "multi", deadlineText: "до 10 июня и до 30 июня", checkpoints: '["2023-06-10","2023-06-30"]', deadlineDue: "2023-06-30" } });
    await tickAt(h, NOW);
    const first = exec.replies()[0]!;
    expect(first.text).toMatch(/<b>Сегодня срок: 15 июня 2023\.<\/b>\n\n<b>1\.<\/b> Мероприятие номер 1\nСрок: 15 июня 2023/);
    await exec.press("Стр. 2 ▶");
    await exec.press("◀ Стр. 1");
    const again = latest(exec, first.messageId);
    expect(again.method).toBe("editMessageText");
    expect(again.text).toBe(first.text);
  });
});

describe("a page press reads each assignment once", () => {
  it("the claims, then one read of the assignments (their cards and why they were reminded), their items and people: 5 statements", async () => {
    const { personId } = await twentyFive();
    const first = (await h!.db.reminderClaim.findFirstOrThrow({ where: { personId } })).messageId!;
    const before = counter.read();
    const page = await sentReminderPage(h!.db, translator("ru"), { personId, messageId: Number(first), now: new Date(NOW), page: 1 });
    const statements = counter.read() - before;
    expect(page?.text).toContain("Страница 2 из 5");
    // before: the assignments were read twice, once for the cards and once for the headers' facts (6)
    expect(statements).toBe(5);
  });
});
