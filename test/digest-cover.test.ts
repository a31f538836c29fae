import { afterEach, describe, expect, it } from "vitest";
import { BotHarness } from "./support/bot-harness.ts";
import { seedRoadmap, type SeedItem } from "./support/roadmap-seed.ts";
import { tick } from "../scheduler/tick.ts";

// A deputy head away with a stand-in: their Monday digest goes to the stand-in, once, saying whose
// it is; the away person gets none; back from leave, their own again. Over HTTP to the Bot API
// emulator, Asia/Yakutsk, Mondays 19 and 26 June 2023.

let h: BotHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

async function tickAt(iso: string): Promise<void> {
  h!.clock.set(new Date(iso));
  await tick({ db: h!.db, outbox: h!.deps.outbox, clock: h!.clock }, new Date(iso));
}

async function world() {
  h = await BotHarness.start({ now: "2023-06-16T09:00:00+09:00" });
  const exec = await h.linkedUser("Полухина Елена Андреевна");
  const items: SeedItem[] = [1, 2].map((n) => ({ key: String(n), title: `Совещание ${n}`, due: "2023-06-01", personId: exec.personId }));
  const { roadmapId } = await seedRoadmap(h.db, { items });
  // reminders off: only digests go on these Mondays
  await h.db.roadmap.update({ where: { id: roadmapId }, data: { reminderPolicy: '{"before7d": null, "before1d": null, "onDue": false, "overdue": false, "escalateAfterWorkingDays": null, "windowOpen": false}' } });
  const deputy = await h.linkedUser("Бутусова Ольга Викторовна", { roles: ["deputy"], roadmapId });
  const standIn = await h.linkedUser("Кураторова Нина Петровна");
  return { roadmapId, deputy, standIn };
}

describe("an away deputy head's digest", () => {
  it("goes to the stand-in once, with «Вместо коллеги»; the away person gets none; back, their own", async () => {
    const { deputy, standIn } = await world();
    await h!.db.absence.create({ data: { personId: deputy.personId, from: "2023-06-17", to: "2023-06-23", standInId: standIn.personId } });

    await tickAt("2023-06-19T09:00:00+09:00");
    await tickAt("2023-06-19T15:00:00+09:00");
    expect(deputy.user.replies()).toHaveLength(0);
    const got = standIn.user.replies();
    expect(got).toHaveLength(1);
    expect(got[0]!.text).toMatch(/^Вместо коллеги: О\.В\. Бутусова \(в отпуске до 23 июня 2023\)\.\n\n<b>Сводка по дорожной карте/);
    expect(got[0]!.text.length).toBeLessThanOrEqual(1024);
    // the claim is the away person's: once a week, whoever receives it
    const claims = await h!.db.reminderClaim.findMany({ where: { kind: "digest" }, select: { key: true, personId: true } });
    expect(claims.map((c) => [c.key.split("|")[1], c.personId])).toEqual([[`p${deputy.personId}`, standIn.personId]]);

    // back from leave: their own digest, the stand-in nothing more
    await tickAt("2023-06-26T09:00:00+09:00");
    expect(deputy.user.replies()).toHaveLength(1);
    expect(deputy.user.replies()[0]!.text).toMatch(/^<b>Сводка по дорожной карте/);
    expect(standIn.user.replies()).toHaveLength(1);
  });

  it("stays with the away person when nobody stands in, and is not doubled for a stand-in who gets the whole digest anyway", async () => {
    const { roadmapId, deputy } = await world();
    const other = await h!.linkedUser("Сидорова Татьяна Викторовна", { roles: ["deputy"], roadmapId });
    const lone = await h!.db.absence.create({ data: { personId: deputy.personId, from: "2023-06-17", to: "2023-06-23" } });
    await tickAt("2023-06-19T09:00:00+09:00");
    expect(deputy.user.replies()).toHaveLength(1);
    expect(deputy.user.replies()[0]!.text).not.toContain("Вместо коллеги");
    expect(other.user.replies()).toHaveLength(1);

    // the next week the other deputy head stands in: they get their own digest only
    await h!.db.absence.update({ where: { id: lone.id }, data: { from: "2023-06-24", to: "2023-06-30", standInId: other.personId } });
    await tickAt("2023-06-26T09:00:00+09:00");
    expect(deputy.user.replies()).toHaveLength(1);
    expect(other.user.replies()).toHaveLength(2);
    expect(other.user.replies()[1]!.text).not.toContain("Вместо коллеги");
  });
});
