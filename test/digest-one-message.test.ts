import { afterEach, describe, expect, it } from "vitest";
import { BotHarness, buttons, type TestUser } from "./support/bot-harness.ts";
import { seedRoadmap, type SeedItem } from "./support/roadmap-seed.ts";
import { tick } from "../scheduler/tick.ts";

// A roadmap's digest with its chart is ONE message: the chart with the digest as its caption when
// the text fits a caption's 1,024 characters; else the text with «Показать диаграмму», which sends
// the chart when pressed. The Monday digest (tick, delivery queue) and /digest alike, over HTTP to
// the Bot API emulator. Monday 19 June 2023, Asia/Yakutsk.

let h: BotHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const MONDAY = "2023-06-19T09:00:00+09:00";

async function world(items: number, title: (i: number) => string): Promise<{ deputy: TestUser; roadmapId: number }> {
  h = await BotHarness.start({ now: MONDAY });
  const exec = await h.linkedUser("Полухина Елена Андреевна");
  const list: SeedItem[] = Array.from({ length: items }, (_, i) => ({ key: String(i + 1), title: title(i + 1), due: "2023-06-01", personId: exec.personId }));
  const { roadmapId } = await seedRoadmap(h.db, { items: list });
  // reminders off: only the digest goes this Monday
  await h.db.roadmap.update({ where: { id: roadmapId }, data: { reminderPolicy: '{"before7d": null, "before1d": null, "onDue": false, "overdue": false, "escalateAfterWorkingDays": null, "windowOpen": false}' } });
  const { user: deputy } = await h.linkedUser("Бутусова Ольга Викторовна", { roles: ["deputy"], roadmapId });
  return { deputy, roadmapId };
}

async function monday(): Promise<void> {
  h!.clock.set(new Date(MONDAY));
  await tick({ db: h!.db, outbox: h!.deps.outbox, clock: h!.clock }, new Date(MONDAY));
}

describe("a digest with its chart is one message", () => {
  it("short: the chart as a photo with the digest as its caption (HTML), the claim settled by it", async () => {
    const { deputy } = await world(2, (i) => `Совещание ${i}`);
    await monday();
    const got = deputy.replies();
    expect(got.map((m) => m.method)).toEqual(["sendPhoto"]);
    expect(got[0]!.text).toContain("Сводка по дорожной карте");
    expect(got[0]!.text.length).toBeLessThanOrEqual(1024);
    expect(got[0]!.params.parse_mode).toBe("HTML");
    expect(buttons(got[0]!).map((b) => b.text)).not.toContain("Показать диаграмму");
    const claim = await h!.db.reminderClaim.findFirstOrThrow({ where: { kind: "digest" } });
    expect(claim.messageId).toBe(String(got[0]!.messageId));
    // /digest gives the same one message
    const now = await deputy.command("/digest");
    expect(now.map((m) => m.method)).toEqual(["sendPhoto"]);
    expect(now[0]!.text).toBe(got[0]!.text);
  });

  it("long: the text with «Показать диаграмму»; pressed, the chart comes (also after a restart); /digest alike", async () => {
    const { deputy, roadmapId } = await world(30, (i) => `Мониторинг выполнения плана мероприятий по повышению качества образования, пункт ${i}`);
    await monday();
    const got = deputy.replies();
    expect(got.map((m) => m.method)).toEqual(["sendMessage"]);
    const digest = got[0]!;
    expect(digest.text.length).toBeGreaterThan(1024);
    expect(digest.text).toContain("Сводка по дорожной карте");
    expect(buttons(digest).at(-1)).toEqual({ text: "Показать диаграмму", callback_data: `dgc:${roadmapId}` });
    await h!.restart();
    const chart = await deputy.press("Показать диаграмму");
    expect(chart.map((m) => m.method)).toEqual(["sendPhoto"]);
    expect(chart[0]!.text).toBe("Диаграмма исполнения: Дорожная карта по повышению качества образования, на 19 июня 2023");
    const file = h!.api.calls.find((c) => c.method === "sendPhoto")!.files?.photo;
    expect(file?.data.subarray(1, 4).toString()).toBe("PNG");
    const now = await deputy.command("/digest");
    expect(now.map((m) => m.method)).toEqual(["sendMessage"]);
    expect(buttons(now[0]!).at(-1)!.text).toBe("Показать диаграмму");
  });

  it("a roadmap the person does not see: the chart button answers «outdated» and sends nothing", async () => {
    const { deputy } = await world(2, (i) => `Совещание ${i}`);
    const other = await seedRoadmap(h!.db, { items: [{ key: "1", title: "Чужое", due: "2023-06-01" }] });
    const before = deputy.replies().length;
    await deputy.pressData(`dgc:${other.roadmapId}`);
    expect(deputy.replies()).toHaveLength(before);
    expect(deputy.toasts().at(-1)).toBe("Эта кнопка устарела. Откройте карточку заново.");
  });
});
