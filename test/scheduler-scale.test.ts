import { afterEach, describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { createTestDb, type TestDb } from "./support/db.ts";
import { RecordingOutbox } from "./support/scheduler-world.ts";
import { tick } from "../scheduler/tick.ts";
import { pendingAt } from "../scheduler/plan.ts";
import { buildDigest } from "../services/digest.ts";
import { translator } from "../services/i18n.ts";
import type { Db } from "../services/db.ts";

// Big roadmaps: no query of the scheduler may grow its bound parameters with the data (SQLite
// through the Prisma adapter stops at 999), so 1,000 items in one roadmap and 10,000 across ten
// are planned and delivered like ten.

const ZONE = "Asia/Yakutsk";
const DUE_DAY = DateTime.fromISO("2023-06-15T09:00", { zone: ZONE }).toJSDate();

let t: TestDb;
afterEach(async () => {
  await t?.close();
});

/** `roadmaps` active roadmaps of `items` dated items each, spread over `executors` people and `schools` schools. */
async function seed(db: Db, opts: { roadmaps: number; items: number; executors: number; schools: number }) {
  await db.person.createMany({ data: Array.from({ length: opts.executors }, (_, i) => ({ fullName: `Исполнитель ${i}`, shortName: `Исполнитель ${i}`, chatId: String(10_000 + i), telegramId: String(10_000 + i) })) });
  const people = await db.person.findMany({ select: { id: true }, orderBy: { id: "asc" } });
  await db.organization.createMany({ data: Array.from({ length: opts.schools }, (_, i) => ({ name: `МБОУ СОШ № ${i + 1}`, kind: "school", schoolKey: `scale-${i}` })) });
  const schools = await db.organization.findMany({ select: { id: true }, orderBy: { id: "asc" } });
  for (let r = 0; r < opts.roadmaps; r++) {
    const roadmap = await db.roadmap.create({
      data: { identity: `scale-${r}`, title: `Дорожная карта ${r}`, timezone: ZONE, status: "active", activeFrom: "2023-01-09", contentHash: `h${r}`, reminderPolicy: '{"digest": false}' },
    });
    await db.item.createMany({
      data: Array.from({ length: opts.items }, (_, i) => ({ roadmapId: roadmap.id, key: String(i + 1), title: `Мероприятие ${i + 1}`, deadlineKind: "date", deadlineDue: "2023-06-15", checkpoints: '["2023-06-15"]', position: i })),
    });
    const items = await db.item.findMany({ where: { roadmapId: roadmap.id }, select: { id: true }, orderBy: { id: "asc" } });
    await db.assignment.createMany({
      data: items.map((it, i) => ({ itemId: it.id, personId: people[(i + r) % people.length]!.id, schoolId: schools[i % schools.length]!.id })),
    });
  }
}

describe("the scheduler at scale", () => {
  it("plans and delivers 1,000 item reminders of one roadmap", async () => {
    t = await createTestDb();
    await seed(t.db, { roadmaps: 1, items: 1000, executors: 50, schools: 40 });
    expect(await pendingAt(t.db, DUE_DAY)).toHaveLength(1000);
    const outbox = new RecordingOutbox();
    const r = await tick({ db: t.db, outbox, maxMessages: 5000 }, DUE_DAY);
    expect(r).toMatchObject({ planned: 1000, claimed: 1000, sent: 1000, failed: 0, left: 0 });
    expect(new Set(outbox.sent.map((m) => m.text)).size).toBe(1000);
    expect(await pendingAt(t.db, DUE_DAY)).toHaveLength(0);
  }, 120_000);

  it("plans and delivers 10,000 across ten roadmaps, a tick's worth at a time", async () => {
    t = await createTestDb();
    await seed(t.db, { roadmaps: 10, items: 1000, executors: 200, schools: 100 });
    const outbox = new RecordingOutbox();
    let sent = 0;
    for (let m = 0; m < 4 && sent < 10_000; m++) sent += (await tick({ db: t.db, outbox, maxMessages: 4000 }, new Date(DUE_DAY.getTime() + m * 60_000))).sent;
    expect(sent).toBe(10_000);
    expect(outbox.sent).toHaveLength(10_000);
    expect(await t.db.reminderClaim.count({ where: { sentAt: { not: null } } })).toBe(10_000);
  }, 300_000);

  it("a deputy head's digest of a 1,000-item roadmap over 40 schools is built and fits", async () => {
    t = await createTestDb();
    await seed(t.db, { roadmaps: 1, items: 1000, executors: 50, schools: 40 });
    const deputy = await t.db.person.create({ data: { fullName: "Бутусова О.В.", shortName: "Бутусова О.В.", chatId: "777" } });
    const roadmap = await t.db.roadmap.findFirstOrThrow();
    const digest = await buildDigest(t.db, { personId: deputy.id, roadmapId: roadmap.id, now: DUE_DAY, tr: translator("ru"), schoolIds: null });
    expect(digest.counts.total).toBe(1000);
    expect(digest.text.length).toBeLessThanOrEqual(4096);
  }, 60_000);

  it("a curator's digest over 1,200 schools reads its progress without a query error and fits", async () => {
    t = await createTestDb();
    await seed(t.db, { roadmaps: 1, items: 1200, executors: 50, schools: 1200 });
    const curator = await t.db.person.create({ data: { fullName: "Петрова Б.Б.", shortName: "Петрова Б.Б.", chatId: "778" } });
    const roadmap = await t.db.roadmap.findFirstOrThrow();
    const schools = await t.db.organization.findMany({ select: { id: true }, orderBy: { id: "asc" } });
    await t.db.curatorship.createMany({ data: schools.map((s) => ({ schoolId: s.id, personId: curator.id, roadmapId: roadmap.id })) });
    const digest = await buildDigest(t.db, { personId: curator.id, roadmapId: roadmap.id, now: DUE_DAY, tr: translator("ru") });
    expect(digest.schoolIds).toHaveLength(1200);
    expect(digest.counts.total).toBe(1200);
    expect(digest.text).toMatch(/Ваши школы: 1\s?200 /);
    expect(digest.text.length).toBeLessThanOrEqual(4096);
  }, 60_000);
});
