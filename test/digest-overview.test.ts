import { afterEach, describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { Telegram } from "telegraf";
import { createTestDb, type TestDb } from "./support/db.ts";
import { item, person, RecordingOutbox, seedWorld, type World, advancingSleep } from "./support/scheduler-world.ts";
import { FakeBotApi } from "./support/fake-bot-api.ts";
import { createDeliveryQueue } from "../scheduler/queue.ts";
import { ManualClock } from "../core/clock.ts";
import { buildDigest } from "../services/digest.ts";
import { buildDigestOverview } from "../services/digest-overview.ts";
import { loadProgressSummary, loadTotalsAcross } from "../services/progress.ts";
import { tick } from "../scheduler/tick.ts";
import { translator } from "../services/i18n.ts";

// A person due several roadmaps' digests in one tick (a regional deputy head sees every district's
// roadmap) gets one message: an overview of them all, the roadmaps needing attention first, each
// pointing to its full digest. One roadmap's digest stays exactly the digest it always was.

const ZONE = "Asia/Yakutsk";
const at = (local: string) => DateTime.fromISO(local, { zone: ZONE }).toJSDate();
const MONDAY = "2023-05-15T09:00";
const ru = translator("ru");
/** only digests: no reminder joins the morning's messages */
const DIGESTS_ONLY = '{"before7d": null, "before1d": null, "onDue": false, "overdue": false, "escalateAfterWorkingDays": null, "windowOpen": false, "checkins": false}';

let t: TestDb;
afterEach(async () => {
  await t?.close();
});

/** Another roadmap the world's deputy head controls, at the world's school, with `overdue` overdue items and one not yet due. */
async function anotherRoadmap(w: World, n: number, overdue: number, opts: { deputy?: boolean } = {}): Promise<World> {
  const r = await t.db.roadmap.create({
    data: {
      identity: `other-${n}-${Math.random()}`,
      title: `Дорожная карта ${n}`,
      orderNumber: `${200 + n}-од`,
      orderDate: "2023-01-20",
      authority: `Отдел образования администрации района № ${n}`,
      timezone: ZONE,
      status: "active",
      activeFrom: "2023-01-09",
      reminderPolicy: DIGESTS_ONLY,
      contentHash: `h${n}`,
      years: "[2023]",
    },
  });
  if (opts.deputy ?? true) await t.db.personRole.create({ data: { personId: w.deputyId, role: "deputy", roadmapId: r.id } });
  const world = { ...w, roadmapId: r.id };
  for (let k = 1; k <= overdue; k++) await item(t.db, world, `${k}`, { kind: "date", due: "2023-04-28" });
  await item(t.db, world, `${overdue + 1}`, { kind: "date", due: "2023-09-29" });
  return world;
}

async function world(): Promise<World> {
  t = await createTestDb();
  const w = await seedWorld(t.db, { activeFrom: "2023-01-09", policy: DIGESTS_ONLY });
  await item(t.db, w, "1", { kind: "date", due: "2023-05-05" });
  await item(t.db, w, "2", { kind: "date", due: "2023-09-29" });
  return w;
}

describe("several roadmaps' digests in one message", () => {
  it("a deputy head of three roadmaps gets one message over HTTP with all three, the most overdue first; the claims are settled once", async () => {
    const w = await world();
    const second = await anotherRoadmap(w, 2, 3);
    const third = await anotherRoadmap(w, 3, 0);
    // one submitted assignment waits for the deputy head's decision only if nobody nearer decides: the curator does here
    const api = await FakeBotApi.start();
    try {
      const clock = new ManualClock("2023-05-15T00:00:00Z");
      const sleep = advancingSleep(clock);
      api.enforceLimits({ now: () => clock.now().getTime() });
      const outbox = createDeliveryQueue({ telegram: new Telegram("123:TEST", { apiRoot: api.url }), db: t.db, clock, sleep });
      const deputy = await t.db.person.findUniqueOrThrow({ where: { id: w.deputyId } });
      const r = await tick({ db: t.db, outbox, clock }, at(MONDAY));
      expect(r.failed).toBe(0);
      const got = api.sent(deputy.chatId!);
      expect(got.map((m) => m.method)).toEqual(["sendMessage"]);
      const text = got[0]!.text;
      expect(text).toContain("Сводка по дорожным картам на 15 мая 2023");
      expect(text).toContain("3 дорожные карты: просрочено 4 поручения. Первыми идут");
      // the most overdue first, each with its figures and the command for its detail
      const order = [second.roadmapId, w.roadmapId, third.roadmapId].map((id) => text.indexOf(`/digest ${id}`));
      expect(order.every((i) => i > 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      expect(text).toContain(`<b>Приказ № 202-од от 20 января 2023</b> — Отдел образования администрации района № 2\nвыполнено 0 из 4 поручений (0 %) · просрочено 3 · /digest ${second.roadmapId}`);
      expect(text).toContain(`выполнено 0 из 2 поручений (0 %) · просрочено 1 · /digest ${w.roadmapId}`);
      expect(text).toContain(`выполнено 0 из 1 поручения (0 %) · просрочек нет · /digest ${third.roadmapId}`);
      // the buttons open each roadmap's full digest
      const keyboard = got[0]!.params.reply_markup as { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> };
      expect(keyboard.inline_keyboard.flat().map((b) => b.callback_data)).toEqual([second, w, third].map((x) => `dg:${x.roadmapId}`));
      // the curator of the school sees the same three roadmaps through it: one message too
      const curator = await t.db.person.findUniqueOrThrow({ where: { id: w.curatorId } });
      expect(api.sent(curator.chatId!).map((m) => m.method)).toEqual(["sendMessage"]);
      expect(api.sent(curator.chatId!)[0]!.text).toContain("Ваши школы: 1");
      // every roadmap's claim is settled by that one message
      const claims = await t.db.reminderClaim.findMany({ where: { personId: w.deputyId, kind: "digest" } });
      expect(claims).toHaveLength(3);
      expect(new Set(claims.map((c) => c.messageId))).toEqual(new Set([String(got[0]!.messageId)]));
      expect(claims.every((c) => c.sentAt !== null)).toBe(true);
      // a second tick (or another instance) sends nothing more
      const again = await tick({ db: t.db, outbox, clock }, at("2023-05-15T09:05"));
      expect(again.sent).toBe(0);
      expect(api.sent(deputy.chatId!)).toHaveLength(1);
    } finally {
      await api.stop();
    }
  });

  it("one roadmap's digest is exactly the digest it was, with its chart", async () => {
    const w = await world();
    // a second roadmap the deputy head does not control: its digest goes to nobody
    await anotherRoadmap(w, 2, 1, { deputy: false });
    await t.db.person.update({ where: { id: w.curatorId }, data: { chatId: null } });
    const outbox = new RecordingOutbox();
    await tick({ db: t.db, outbox }, at(MONDAY));
    const mine = outbox.sent.filter((m) => m.personId === w.deputyId);
    expect(mine).toHaveLength(1);
    const digest = await buildDigest(t.db, { personId: w.deputyId, roadmapId: w.roadmapId, now: at(MONDAY), tr: ru, schoolIds: null });
    expect(mine[0]!.text).toBe(digest.text);
    expect(mine[0]!.text).toContain("Сводка по дорожной карте (Дорожная карта ШНОР 2023) на 15 мая 2023");
    expect(mine[0]!.photo?.data.equals(digest.chart!)).toBe(true);
  });

  it("seventy roadmaps fit one message: the most overdue in full, the rest by number", async () => {
    t = await createTestDb();
    const w = await seedWorld(t.db, { activeFrom: "2023-01-09", policy: DIGESTS_ONLY });
    const ids: number[] = [];
    for (let n = 1; n <= 70; n++) ids.push((await anotherRoadmap(w, n, n % 7)).roadmapId);
    const outbox = new RecordingOutbox();
    const r = await tick({ db: t.db, outbox }, at(MONDAY));
    const mine = outbox.sent.filter((m) => m.personId === w.deputyId);
    // seventy-one digests (the world's own roadmap, with no work yet, too): one message
    expect(mine).toHaveLength(1);
    const text = mine[0]!.text;
    expect(text.length).toBeLessThanOrEqual(4096);
    expect(text).toContain("71 дорожная карта: просрочено 210 поручений");
    const hidden = text.match(/…и ещё (\d+) дорожн\S+ карт\S* \(номера: ([\d, ]+)\)/);
    expect(hidden, text).not.toBeNull();
    const shown = [...text.matchAll(/\/digest (\d+)\n/g)].map((m) => Number(m[1]));
    expect(shown.length + Number(hidden![1])).toBe(71);
    // every roadmap is named: in full or by its number
    const named = new Set([...shown, ...hidden![2]!.split(", ").map(Number)]);
    expect([...ids, w.roadmapId].every((id) => named.has(id))).toBe(true);
    // the roadmaps with six overdue come first
    expect(text.indexOf("просрочено 6 ·")).toBeGreaterThan(0);
    expect(text.indexOf("просрочено 6 ·")).toBeLessThan(text.indexOf("просрочено 5 ·"));
    const claims = await t.db.reminderClaim.findMany({ where: { personId: w.deputyId, kind: "digest", sentAt: { not: null } } });
    expect(claims).toHaveLength(71);
    expect(new Set(claims.map((c) => c.messageId)).size).toBe(1);
    expect(r.failed).toBe(0);
    const again = await tick({ db: t.db, outbox }, at("2023-05-15T10:00"));
    expect(again.sent).toBe(0);
  });

  it("speaks English to an English reader and escapes document text", async () => {
    const w = await world();
    await anotherRoadmap(w, 2, 1);
    await t.db.roadmap.update({ where: { id: w.roadmapId }, data: { title: "Карта <b>ШНОР</b> & Co" } });
    const o = await buildDigestOverview(t.db, { personId: w.deputyId, roadmaps: [{ roadmapId: w.roadmapId }, { roadmapId: w.roadmapId + 1 }], now: at(MONDAY), tr: translator("en") });
    expect(o.text).toContain("Summary of your roadmaps as of");
    expect(o.text).toContain("2 roadmaps: 2 assignments overdue. Roadmaps with");
    expect(o.text).toContain("<b>Карта &lt;b&gt;ШНОР&lt;/b&gt; &amp; Co</b>");
  });

  it("counts what waits for the person's own review, per roadmap", async () => {
    const w = await world();
    const second = await anotherRoadmap(w, 2, 0);
    const head = await person(t.db, "Лапина Г.С.");
    const { assignments } = await item(t.db, second, "9", { kind: "date", due: "2023-06-30" }, [{ personId: head.id, schoolId: w.schoolId, status: "submitted" }]);
    await t.db.evidence.create({ data: { assignmentId: assignments[0]!.id, kind: "link", url: "https://example.org/r", status: "submitted" } });
    const o = await buildDigestOverview(t.db, { personId: w.curatorId, roadmaps: [{ roadmapId: w.roadmapId, schoolIds: [w.schoolId] }, { roadmapId: second.roadmapId, schoolIds: [w.schoolId] }], now: at(MONDAY), tr: ru });
    expect(o.text).toContain("2 дорожные карты: просрочено 1 поручение, на Вашей проверке 1.");
    expect(o.text).toContain(`просрочек нет · на Вашей проверке 1 · /digest ${second.roadmapId}`);
  });

  it("counts every roadmap at once exactly as each one's own summary counts it", async () => {
    const w = await world();
    const second = await anotherRoadmap(w, 2, 2);
    const other = await t.db.organization.create({ data: { name: "МБОУ СОШ с. Албазино", kind: "school", schoolKey: "албазино" } });
    const head2 = await person(t.db, "Лапина Г.С.", { organizationId: other.id });
    // a multi-part item with its first part done at one school, an item nobody holds, a cancelled and a verified one, a postponement
    const { assignments } = await item(t.db, second, "m", { kind: "multi", due: "2023-09-29", checkpoints: ["2023-03-31", "2023-09-29"] }, [
      { personId: w.executorId, schoolId: w.schoolId },
      { personId: head2.id, schoolId: other.id },
    ]);
    await t.db.checkpointStatus.create({ data: { assignmentId: assignments[0]!.id, checkpoint: "2023-03-31", status: "verified" } });
    await item(t.db, second, "u", { kind: "date", due: "2023-04-10" }, []);
    await item(t.db, w, "c", { kind: "date", due: "2023-04-10" }, [{ personId: w.executorId, schoolId: w.schoolId, status: "cancelled" }]);
    await item(t.db, w, "v", { kind: "date", due: "2023-04-10" }, [{ personId: head2.id, schoolId: other.id, status: "verified" }]);
    const { assignments: late } = await item(t.db, w, "p", { kind: "date", due: "2023-04-10" }, [{ personId: head2.id, schoolId: other.id, status: "postponed" }]);
    await t.db.assignment.update({ where: { id: late[0]!.id }, data: { dueOverride: "2023-06-30" } });
    const scopes = [
      { roadmapId: w.roadmapId, today: "2023-05-15" },
      { roadmapId: second.roadmapId, today: "2023-05-16", schoolIds: [other.id] },
    ];
    // a curator's school without work in a roadmap is not one of its schools there
    const idle = await t.db.organization.create({ data: { name: "МБОУ ООШ ж.д. ст. Мадалан", kind: "school", schoolKey: "мадалан" } });
    const mixes = [scopes, [scopes[0]!, { ...scopes[1]!, schoolIds: undefined }], [{ ...scopes[0]!, schoolIds: [w.schoolId, idle.id] }, { ...scopes[1]!, schoolIds: [other.id, idle.id] }]];
    for (const mix of mixes) {
      const across = await loadTotalsAcross(t.db, mix);
      for (const s of mix) {
        const own = await loadProgressSummary(t.db, { roadmapId: s.roadmapId, today: s.today, ...(s.schoolIds ? { schoolIds: s.schoolIds } : {}) });
        expect(across.get(s.roadmapId)?.totals, JSON.stringify(s)).toEqual(own.totals);
        expect(across.get(s.roadmapId)?.schools, JSON.stringify(s)).toBe(own.bySchool.length);
      }
    }
    // the fixture is not trivial: something of each kind is counted
    const all = (await loadTotalsAcross(t.db, [scopes[0]!, { ...scopes[1]!, schoolIds: undefined }])).get(second.roadmapId)!.totals;
    expect(all.unassigned).toBeGreaterThan(0);
    expect(all.overdue).toBeGreaterThan(0);
  });
});
