import { afterEach, describe, expect, it } from "vitest";
import { BotHarness, buttons, type TestUser } from "./support/bot-harness.ts";
import type { SentMessage } from "./support/fake-bot-api.ts";
import { seedRoadmap } from "./support/roadmap-seed.ts";
import { tick } from "../scheduler/tick.ts";

// A deputy head who is also an executor gets their weekly digest and their reminders in the same
// Monday tick: ONE message — the reminders, headed by the digest's figures, the full digest a button
// away; one message settles both the digest's claim and the reminders'. Through real ticks, the
// delivery queue and the Bot API emulator over HTTP. Monday 19 June 2023, 09:00 in Yakutsk.

let h: BotHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const MONDAY = "2023-06-19T09:00:00+09:00";

async function tickAt(iso: string): Promise<void> {
  h!.clock.set(new Date(iso));
  await tick({ db: h!.db, outbox: h!.deps.outbox, clock: h!.clock }, new Date(iso));
}

/** A roadmap with one item overdue at a school; its deputy head is the executor of `own` items due today. */
async function world(own: number, activeFrom?: string): Promise<{ deputy: TestUser; personId: number; roadmapId: number; ids: number[] }> {
  h = await BotHarness.start({ now: MONDAY });
  const { personId: execId } = await h.linkedUser("Полухина Елена Андреевна");
  const { roadmapId } = await seedRoadmap(h.db, { ...(activeFrom ? { activeFrom } : {}), items: [{ key: "1", title: "Совещание с руководителями", due: "2023-06-16", personId: execId }] });
  const { user: deputy, personId } = await h.linkedUser("Бутусова Ольга Викторовна", { roles: ["deputy"], roadmapId });
  const ids: number[] = [];
  for (let i = 0; i < own; i++) {
    const item = await h.db.item.create({
      data: { roadmapId, key: String(i + 2), number: String(i + 2), title: `Отчёт заместителя ${i + 2}`, deadlineKind: "date", deadlineDue: "2023-06-19", checkpoints: '["2023-06-19"]', position: i + 1 },
    });
    ids.push((await h.db.assignment.create({ data: { itemId: item.id, personId } })).id);
  }
  return { deputy, personId, roadmapId, ids };
}

const labels = (m: SentMessage) => buttons(m).map((b) => b.text);
const latest = (u: TestUser, messageId: number) => u.replies().filter((m) => m.messageId === messageId).at(-1)!;

describe("a digest and reminders of one tick are one message", () => {
  it("seven reminders: page 1 carries the digest's figures and «Сводка полностью»; page 2 does not; ◀ brings them back; one message settles every claim", async () => {
    const { deputy, personId, roadmapId } = await world(7);
    await tickAt(MONDAY);
    const got = deputy.replies();
    expect(got.map((m) => m.method)).toEqual(["sendMessage"]);
    const first = got[0]!;
    expect(first.text).toContain("Ольга Викторовна, добрый день!");
    expect(first.text).toContain("<b>Сводка по дорожной карте (Дорожная карта по повышению качества образования) на 19 июня 2023</b>");
    expect(first.text).toContain("Итого: выполнено 0 из 8 поручений (0 %) · просрочено 1.");
    expect(first.text).toContain("— — —");
    expect(first.text).toContain("Напоминания: 7 поручений");
    expect(first.text).toContain("Страница 1 из 2: поручения 1–5 из 7.");
    expect(first.text.length).toBeLessThanOrEqual(4096);
    expect(buttons(first)).toContainEqual({ text: "Сводка полностью", callback_data: `dg:${roadmapId}` });
    expect(labels(first).at(-1)).toBe("Стр. 2 ▶");
    const claims = await h!.db.reminderClaim.findMany({ where: { personId } });
    expect(claims.map((c) => c.kind).sort()).toEqual(["digest", "due", "due", "due", "due", "due", "due", "due"]);
    expect(new Set(claims.map((c) => c.messageId))).toEqual(new Set([String(first.messageId)]));
    expect(claims.every((c) => c.sentAt !== null)).toBe(true);

    await deputy.press("Стр. 2 ▶");
    const page2 = latest(deputy, first.messageId);
    expect(page2.method).toBe("editMessageText");
    expect(page2.text).toContain("Страница 2 из 2: поручения 6–7 из 7.");
    expect(page2.text).not.toContain("Сводка по дорожной карте");
    expect(labels(page2)).not.toContain("Сводка полностью");
    // the roadmap moved on meanwhile: page 1 drawn again shows the figures as of now
    await h!.db.assignment.updateMany({ where: { personId: { not: personId } }, data: { status: "verified" } });
    await deputy.press("◀ Стр. 1");
    const page1 = latest(deputy, first.messageId);
    expect(page1.text).toContain("Итого: выполнено 1 из 8 поручений (13 %) · просрочек нет.");
    expect(labels(page1)).toContain("Сводка полностью");

    // the full digest, when asked for: its own message (as /digest sends it)
    const full = await deputy.press("Сводка полностью");
    expect(full).toHaveLength(1);
    expect(full[0]!.text).toContain("Сводка по дорожной карте");
    expect(full[0]!.text).not.toContain("Напоминания");

    // later ticks of the day and the week send neither again
    for (const iso of ["2023-06-19T09:01:00+09:00", "2023-06-19T15:00:00+09:00"]) await tickAt(iso);
    expect(deputy.replies().filter((m) => m.method === "sendMessage" || m.method === "sendPhoto")).toHaveLength(2);
  });

  it("one reminder: the greeting, the digest's figures, then the card; «Выполнено» redraws the message whole (the digest stays)", async () => {
    const { deputy, ids } = await world(1);
    await tickAt(MONDAY);
    const got = deputy.replies();
    expect(got.map((m) => m.method)).toEqual(["sendMessage"]);
    const msg = got[0]!;
    expect(msg.text.indexOf("Ольга Викторовна, добрый день!")).toBeLessThan(msg.text.indexOf("Сводка по дорожной карте"));
    expect(msg.text.indexOf("Итого: ")).toBeLessThan(msg.text.indexOf("Отчёт заместителя 2"));
    expect(labels(msg)).toEqual(expect.arrayContaining(["Выполнено", "Напомнить завтра", "Сводка полностью"]));
    await deputy.press("Выполнено");
    expect((await h!.db.assignment.findUniqueOrThrow({ where: { id: ids[0]! } })).status).toBe("submitted");
    const after = latest(deputy, msg.messageId);
    expect(after.method).toBe("editMessageText");
    expect(after.text).toContain("Итого: выполнено 0 из 2 поручений (0 %) · просрочено 1.");
    expect(after.text).toContain("Статус: на проверке");
    expect(labels(after)).not.toContain("Выполнено");
    expect(labels(after)).toContain("Сводка полностью");
  });

  it("a roadmap's first digest (its week of activation) goes whole, on its own: it says what was overdue already", async () => {
    const { deputy } = await world(1, "2023-06-19");
    await tickAt(MONDAY);
    const got = deputy.replies();
    expect(got).toHaveLength(2);
    const digest = got.find((m) => m.text.includes("Сводка по дорожной карте"))!;
    expect(digest.text).toContain("1 мероприятие было просрочено уже на дату запуска (19 июня 2023).");
    expect(digest.text).not.toContain("добрый день");
    expect(labels(digest)).not.toContain("Сводка полностью");
    const reminder = got.find((m) => m !== digest)!;
    expect(reminder.text).toContain("Сегодня срок: 19 июня 2023.");
    expect(reminder.text).not.toContain("Итого: ");
  });
});
