import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../core/clock.ts";
import { createInvite, inviteLink, redeemInvite } from "../services/invites.ts";
import { createTestDb, type TestDb } from "./support/db.ts";

let t: TestDb;
const clock = new ManualClock("2023-06-01T00:00:00Z");
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.close();
});

describe("invites", () => {
  it("a token redeemed twice at once links one account", async () => {
    const p = await t.db.person.create({ data: { fullName: "Полухина Елена Андреевна", shortName: "Полухина Е.А." } });
    const { token } = await createInvite(t.db, p.id, clock);
    const results = await Promise.all([redeemInvite(t.db, token, "111", "111", clock), redeemInvite(t.db, token, "222", "222", clock)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.reason)).toEqual(["used"]);
    const linked = (await t.db.person.findUnique({ where: { id: p.id } }))!.telegramId;
    expect(["111", "222"]).toContain(linked);
  });

  it("is valid for 14 days and a new one replaces the old", async () => {
    const p = await t.db.person.create({ data: { fullName: "Иванов Иван Иванович", shortName: "Иванов И.И." } });
    const first = await createInvite(t.db, p.id, clock);
    expect(first.expiresAt.toISOString()).toBe("2023-06-15T00:00:00.000Z");
    expect(first.replaced).toBe(false);
    const second = await createInvite(t.db, p.id, clock);
    expect(second.replaced).toBe(true);
    expect(await redeemInvite(t.db, first.token, "1", "1", clock)).toEqual({ ok: false, reason: "unknown" });
    const late = new ManualClock("2023-06-15T00:00:01Z");
    expect(await redeemInvite(t.db, second.token, "1", "1", late)).toEqual({ ok: false, reason: "expired" });
    expect(await redeemInvite(t.db, "../../etc", "1", "1", clock)).toEqual({ ok: false, reason: "unknown" });
  });

  it("re-links a person to a new account, and a removed person's invite is void", async () => {
    const p = await t.db.person.create({ data: { fullName: "Петрова Анна Сергеевна", shortName: "Петрова А.С.", telegramId: "old", chatId: "old" } });
    const { token } = await createInvite(t.db, p.id, clock);
    expect(await redeemInvite(t.db, token, "new", "new", clock)).toEqual({ ok: true, personId: p.id, previousAccount: "old", unlinkedPersonId: null });
    const removed = await t.db.person.create({ data: { fullName: "Сидоров", shortName: "Сидоров", removedAt: new Date() } });
    const r = await createInvite(t.db, removed.id, clock);
    expect(await redeemInvite(t.db, r.token, "x", "x", clock)).toEqual({ ok: false, reason: "unknown" });
    expect(inviteLink("@vekha_bot", "abc")).toBe("https://t.me/vekha_bot?start=abc");
    expect(inviteLink(undefined, "abc")).toBeNull();
  });
});
