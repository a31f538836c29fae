import { afterEach, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "./support/db.ts";
import { FakeBotApi } from "./support/fake-bot-api.ts";
import { regionParams, seedRegion } from "../bench/region/seed.ts";
import { enforceTelegramLimits, JumpingClock } from "../bench/region/virtual-time.ts";
import { deliveryQueue, planAt, telegramClient } from "../bench/region/product.ts";

// The region bench's instrument (bench/region.ts): the seeder builds the region it claims to at a
// small scale, through the product's own importer and schema, and the simulated clock delivers at
// Telegram's pace without waiting for it.

let t: TestDb | undefined;
let api: FakeBotApi | undefined;
afterEach(async () => {
  await api?.stop();
  await t?.close();
  api = t = undefined;
});

describe("region seeder", () => {
  it("seeds districts with their own roadmaps and schools, a regional roadmap over every school, and a year of work as of the Monday", async () => {
    t = await createTestDb();
    const db = t.db;
    const p = regionParams(0.03); // 30 schools in 2 districts, 300 people, ~3,000 assignments
    const world = await seedRegion(db, p);

    expect(world.districtRoadmapIds).toHaveLength(2);
    expect(world.regionalRoadmapIds).toHaveLength(1);
    expect(await db.organization.count({ where: { kind: "school" } })).toBe(30);
    expect(await db.person.count({ where: { chatId: { not: null } } })).toBeGreaterThan(250);
    const assignments = await db.assignment.count();
    expect(assignments).toBeGreaterThan(p.assignments * 0.8);
    expect(assignments).toBeLessThan(p.assignments * 1.25);

    // a district's work stays within its own schools; the regional roadmap reaches every school
    const schoolsOf = async (roadmapId: number) =>
      new Set((await db.assignment.findMany({ where: { item: { roadmapId }, schoolId: { not: null } }, select: { schoolId: true } })).map((a) => a.schoolId)).size;
    expect(await schoolsOf(world.districtRoadmapIds[0]!)).toBe(15);
    expect(await schoolsOf(world.districtRoadmapIds[1]!)).toBe(15);
    expect(await schoolsOf(world.regionalRoadmapIds[0]!)).toBe(30);

    // the items are a real document's: the importer's deadline kinds, several of them
    const kinds = await db.item.groupBy({ by: ["deadlineKind"], _count: true });
    expect(kinds.map((k) => k.deadlineKind)).toEqual(expect.arrayContaining(["date", "window", "multi", "ongoing", "on_demand"]));
    // statuses as of the Monday: done, waiting for review, in progress, late and postponed work all present
    const statuses = new Set((await db.assignment.groupBy({ by: ["status"], _count: true })).map((s) => s.status));
    for (const s of ["verified", "submitted", "in_progress", "not_started", "postponed", "returned"]) expect(statuses).toContain(s);
    const overdue = await db.assignment.count({ where: { status: { in: ["not_started", "in_progress"] }, item: { deadlineDue: { lt: p.monday } } } });
    expect(overdue).toBeGreaterThan(0);
    expect(await db.evidence.count({ where: { status: "submitted" } })).toBeGreaterThan(0);
    expect(await db.checkin.count()).toBeGreaterThan(0);

    // the people the command benches speak as exist with the roles they are said to have
    const curator = await db.curatorship.findMany({ where: { personId: world.users.curator.personId }, select: { schoolId: true } });
    expect(curator).toHaveLength(world.users.curator.schools);
    expect(await db.personRole.count({ where: { personId: world.users.regionalDeputy.personId, role: "deputy", roadmapId: null } })).toBe(1);
    expect(await db.personRole.count({ where: { personId: world.users.coordinator.personId, role: "coordinator" } })).toBe(1);
    expect(await db.assignment.count({ where: { personId: world.users.executor.personId } })).toBe(world.users.executor.assignments);

    // and the product's planner reads it: the Monday's reminders and digests at 09:00 in Kaliningrad
    const planned = await planAt(db, new Date("2025-06-30T07:00:00Z"));
    expect(planned.some((x) => x.kind === "digest")).toBe(true);
    expect(planned.filter((x) => x.kind !== "digest").length).toBeGreaterThan(50);
  }, 120_000);

  it("is the same region for the same parameters", async () => {
    t = await createTestDb();
    const a = await seedRegion(t.db, regionParams(0.01));
    await t.close();
    t = await createTestDb();
    const b = await seedRegion(t.db, regionParams(0.01));
    expect(b.counts).toEqual(a.counts);
    expect(b.users).toEqual(a.users);
  }, 120_000);
});

describe("simulated delivery clock", () => {
  it("delivers through the real queue at 30 messages a simulated second, without waiting real seconds", async () => {
    t = await createTestDb();
    api = await FakeBotApi.start();
    const start = Date.parse("2025-06-30T07:00:00Z");
    const clock = new JumpingClock(new Date(start));
    const limits = enforceTelegramLimits(api, clock);
    const queue = deliveryQueue(t.db, clock.track(telegramClient(api.url)), clock, clock.sleep);
    const real0 = performance.now();
    const results = await Promise.all(Array.from({ length: 300 }, (_, i) => queue.send({ chatId: String(1000 + (i % 100)), text: `m${i}` })));
    const real = performance.now() - real0;
    const simulated = clock.now().getTime() - start;

    expect(results.every((r) => r.ok)).toBe(true);
    expect(limits.arrivals).toHaveLength(300);
    // 300 messages at 30 a second: about ten simulated seconds, in much less real time
    expect(simulated).toBeGreaterThan(9_000);
    expect(simulated).toBeLessThan(13_000);
    expect(real).toBeLessThan(simulated / 2);
    // never more than 30 sent in a simulated second
    const sent = limits.arrivals.map((a) => a.sent).sort((x, y) => x - y);
    for (let i = 30; i < sent.length; i++) expect(sent[i]! - sent[i - 30]!).toBeGreaterThanOrEqual(995);
    // the queue stamps its rate window before scanning its list, so on a busy machine a send can
    // land a few milliseconds later than it counted it: a stray 429 is the product's, not the clock's
    expect(limits.rejected429).toBeLessThanOrEqual(3);
  }, 60_000);
});
