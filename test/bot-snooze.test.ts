import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BotHarness, buttons, type TestUser } from "./support/bot-harness.ts";
import { seedRoadmap } from "./support/roadmap-seed.ts";
import { tick } from "../scheduler/tick.ts";

// «Напомнить завтра» on a reminder, through real ticks and the Bot API emulator. Friday 2 June 2023,
// Asia/Yakutsk: item 18 is due Friday 9 June, so its «через 7 дней» reminder comes today.
let h: BotHarness;
let exec: TestUser;
let ids: Record<string, number>;

const at = (iso: string) => new Date(iso);
async function tickAt(iso: string) {
  h.clock.set(at(iso));
  await tick({ db: h.db, outbox: h.deps.outbox, clock: h.clock }, at(iso));
}
const reminders = () => exec.replies().filter((m) => m.text.includes("Анализ результатов ВПР") && m.text.includes("срок: 9 июня"));

beforeEach(async () => {
  h = await BotHarness.start({ now: "2023-06-02T09:00:00+09:00" });
  const linked = await h.linkedUser("Полухина Елена Андреевна");
  exec = linked.user;
  ({ assignmentIds: ids } = await seedRoadmap(h.db, {
    items: [
      { key: "18", title: "Анализ результатов ВПР", due: "2023-06-09", personId: linked.personId },
      { key: "19", title: "Совещание", due: "2023-06-09", personId: linked.personId },
    ],
  }));
});

afterEach(async () => {
  await h?.stop();
});

/** Item 18's «Напомнить завтра» on a reminder (labelled with its key when the message holds several items). */
function snoozeOf18(reminder: Parameters<typeof buttons>[0]): string {
  return buttons(reminder).find((b) => b.text === "18 · Напомнить завтра" || b.text === "Напомнить завтра")!.callback_data;
}

describe("«Напомнить завтра»", () => {
  it("moves that one reminder to the next working day at 09:00 local, and not before", async () => {
    await tickAt("2023-06-02T09:00:00+09:00");
    expect(reminders()).toHaveLength(1);
    const reminder = reminders()[0]!;
    // both items in one message (one per person per tick): each button names its item
    expect(buttons(reminder).map((b) => b.text)).toContain("18 · Напомнить завтра");
    const [said] = await exec.pressData(snoozeOf18(reminder), reminder);
    // Friday: the next working day is Monday
    expect(said!.text).toBe("Поручение 18: напомню в понедельник, 5 июня 2023, в 09:00.");
    expect(exec.toasts().at(-1)).toBe("Напомню 5 июня 2023 в 09:00.");
    const countOther = () => exec.replies().filter((m) => m.text.includes("Совещание") && m.text.includes("срок: 9 июня")).length;
    expect(countOther()).toBe(1);
    // not the same day, not on the weekend, not before 09:00 on Monday
    for (const t of ["2023-06-02T15:00:00+09:00", "2023-06-03T10:00:00+09:00", "2023-06-05T08:59:00+09:00"]) {
      await tickAt(t);
      expect(reminders(), t).toHaveLength(1);
    }
    await tickAt("2023-06-05T09:00:00+09:00");
    expect(reminders()).toHaveLength(2);
    expect(reminders()[1]!.text).toContain("Через 4 дня срок: 9 июня 2023.");
    // once: not again on Monday afternoon or Tuesday; the other item's reminder was not moved
    await tickAt("2023-06-05T15:00:00+09:00");
    await tickAt("2023-06-06T09:00:00+09:00");
    expect(reminders()).toHaveLength(2);
    expect(countOther()).toBe(1);
    expect(await h.db.reminderSnooze.count({ where: { assignmentId: ids["18"]! } })).toBe(1);
  });

  it("a closed assignment is not snoozed", async () => {
    await tickAt("2023-06-02T09:00:00+09:00");
    const reminder = reminders()[0]!;
    await h.db.assignment.update({ where: { id: ids["18"]! }, data: { status: "verified" } });
    await exec.pressData(snoozeOf18(reminder), reminder);
    expect(exec.toasts().at(-1)).toBe("Поручение уже закрыто: напоминать не о чем.");
    expect(await h.db.reminderSnooze.count()).toBe(0);
  });
});

describe("addressed as in an office", () => {
  it("greetings and reminders say «Елена Андреевна», never «Полухина Е.А.!»", async () => {
    const [hello] = await exec.command("/start");
    expect(hello!.text).toContain("Здравствуйте, Елена Андреевна!");
    await tickAt("2023-06-02T09:00:00+09:00");
    expect(reminders()[0]!.text.split("\n")[0]).toBe("Елена Андреевна, добрый день!");
    // only initials known: greeted without a name
    const initials = await h.linkedUser("Бутусова О.В.");
    const [plain] = await initials.user.command("/start");
    expect(plain!.text).toMatch(/^Здравствуйте! Ваши поручения/);
    for (const m of [...exec.replies(), ...initials.user.replies()]) expect(m.text).not.toMatch(/[А-ЯЁ]\.[А-ЯЁ]\.!/);
  });
});
