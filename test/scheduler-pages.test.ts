import { afterEach, describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { createTestDb, type TestDb } from "./support/db.ts";
import { item, person, RecordingOutbox, seedWorld, type World } from "./support/scheduler-world.ts";
import { pendingAt, planDue, planEntry } from "../scheduler/plan.ts";
import { tick } from "../scheduler/tick.ts";
import type { Db } from "../services/db.ts";

// The planner reads the open assignments a page at a time (issue 12: a region's state at once
// took 700 MB): whatever the page size, the plan is the one a single page gives — same entries,
// same order — and a person's reminders from several pages are still one message.

const ZONE = "Asia/Yakutsk";
const at = (local: string) => DateTime.fromISO(local, { zone: ZONE }).toJSDate();
/** Monday: digests, a due day, an escalation, a weekly check-in, absences, a snooze */
const MONDAY = at("2023-06-26T09:00");

let t: TestDb | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/**
 * Two roadmaps whose items alternate, so each person's assignments lie far apart in id order (in
 * different pages at a small page size); every rule of the planner that reads per-assignment rows
 * (checkpoint statuses, answered check-ins, snoozes, absences) has rows on several pages.
 */
async function seedTwoRoadmaps(db: Db) {
  const w1 = await seedWorld(db, { activeFrom: "2023-01-09", policy: null });
  const w2raw = await seedWorld(db, { activeFrom: "2023-01-09", policy: null });
  // roadmap 2's work is done in roadmap 1's school by the same executor and a few others
  const away = await person(db, "Сидорова В.В.", { organizationId: w1.schoolId });
  const standIn = await person(db, "Кузнецова Г.Г.", { organizationId: w1.schoolId });
  const paused = await person(db, "Орлова Д.Д.", { organizationId: w1.schoolId });
  await db.absence.create({ data: { personId: away.id, from: "2023-06-20", to: "2023-06-30", standInId: standIn.id } });
  await db.absence.create({ data: { personId: paused.id, from: "2023-06-22", to: "2023-06-30" } });
  const worlds: World[] = [w1, { ...w2raw, schoolId: w1.schoolId, executorId: w1.executorId }];
  const everyone = (w: World) => [
    { personId: w.executorId, schoolId: w.schoolId },
    { personId: away.id, schoolId: w.schoolId },
    { personId: paused.id, schoolId: w.schoolId },
    { personId: standIn.id, schoolId: w.schoolId },
  ];
  const deadlines = [
    { kind: "date", due: "2023-06-26" }, // due today
    { kind: "date", due: "2023-06-20" }, // overdue on the 21st, escalated today
    { kind: "multi", due: "2023-06-26", checkpoints: ["2023-06-16", "2023-06-26"] },
    { kind: "recurring", every: "week", start: "2023-01-09", due: "2023-12-29" }, // asked on Friday the 23rd
    { kind: "date", due: "2023-06-29" }, // before_7d on the 22nd, caught up (or snoozed to today)
    { kind: "window", start: "2023-06-26", due: "2023-07-31" }, // opens today
  ];
  const made: Array<{ id: number; personId: number | null }> = [];
  for (const [n, deadline] of deadlines.entries()) {
    for (const w of worlds) made.push(...(await item(db, w, `${n + 1}`, deadline, everyone(w))).assignments);
  }
  const multi = made.filter((_, i) => Math.floor(i / 8) === 2);
  const weekly = made.filter((_, i) => Math.floor(i / 8) === 3);
  const soon = made.filter((_, i) => Math.floor(i / 8) === 4);
  // the first checkpoint closed for some (their reminder is about the second), not for others
  for (const a of multi.filter((_, i) => i % 2 === 0)) await db.checkpointStatus.create({ data: { assignmentId: a.id, checkpoint: "2023-06-16", status: "verified" } });
  // last week answered by some
  for (const a of weekly.filter((_, i) => i % 3 !== 1)) await db.checkin.create({ data: { assignmentId: a.id, period: "2023-06-19" } });
  // «Напомнить завтра» pressed on some
  for (const a of soon.filter((_, i) => i % 2 === 1)) await db.reminderSnooze.create({ data: { assignmentId: a.id, personId: a.personId!, day: "2023-06-26" } });
  return { assignments: made.length, executorId: w1.executorId };
}

const planned = async (db: Db, pageSize?: number) => planDue(db, MONDAY, { pageSize });

describe("the planner reads a page of assignments at a time", () => {
  it("plans the same entries in the same order whatever the page size, reading as many pages as the size says", async () => {
    t = await createTestDb();
    const { assignments } = await seedTwoRoadmaps(t.db);
    const whole = await planned(t.db);
    expect(whole.pages).toBe(1);
    // the world exercises every rule the pages must carry: kinds, escalations, stand-ins, digests
    const kinds = new Set(whole.kept.map((p) => p.kind));
    for (const k of ["due", "overdue", "escalation", "checkin", "before_7d", "window_open", "digest"]) expect(kinds).toContain(k);
    expect(whole.kept.some((p) => p.kind !== "digest" && p.covering)).toBe(true);
    expect(whole.kept.some((p) => p.kind !== "digest" && p.localDate === "2023-06-26" && p.kind === "before_7d")).toBe(true); // snoozed
    expect(whole.kept.some((p) => p.kind === "checkin")).toBe(true);
    for (const size of [1, 2, 5, 7, assignments - 1, assignments]) {
      const paged = await planned(t.db, size);
      expect(paged.pages, `page size ${size}`).toBe(Math.ceil(assignments / size));
      expect(paged.planned, `page size ${size}`).toBe(whole.planned);
      expect(paged.kept, `page size ${size}`).toEqual(whole.kept);
    }
  });

  it("plan --json's entries are the same, byte for byte, a page of one assignment at a time", async () => {
    t = await createTestDb();
    await seedTwoRoadmaps(t.db);
    for (const now of [MONDAY, at("2023-06-26T15:00"), at("2023-06-23T09:30"), at("2023-06-27T09:00")]) {
      const whole = JSON.stringify((await pendingAt(t.db, now)).map(planEntry), null, 2);
      expect((JSON.parse(whole) as unknown[]).length).toBeGreaterThan(0);
      expect(JSON.stringify((await pendingAt(t.db, now, undefined, 1)).map(planEntry), null, 2)).toBe(whole);
    }
  });

  it("a tick planning one assignment a page sends what a tick planning at once sends: each person's reminders of both roadmaps in their one message, each claimed once", async () => {
    const runs = [];
    for (const planPageSize of [undefined, 1]) {
      t = await createTestDb();
      const { executorId } = await seedTwoRoadmaps(t.db);
      const expected = (await planned(t.db)).kept;
      const outbox = new RecordingOutbox();
      const r = await tick({ db: t.db, outbox, planPageSize, maxMessages: 100 }, MONDAY);
      expect(r).toMatchObject({ claimed: expected.length, failed: 0, left: 0 });
      const claims = await t.db.reminderClaim.findMany({ select: { key: true, kind: true, personId: true, messageId: true, sentAt: true } });
      expect(claims.map((c) => c.key).sort()).toEqual(expected.map((p) => p.key).sort());
      expect(claims.every((c) => c.sentAt !== null)).toBe(true);
      // the executor's reminders come from both roadmaps, and all go in one message (cut in parts at Telegram's limit)
      const mine = expected.filter((p) => p.kind !== "digest" && p.recipient.personId === executorId);
      expect(new Set(mine.map((p) => p.roadmapId)).size).toBe(2);
      // (the executor gets no digest: every message to them is that one message's parts)
      const toExecutor = outbox.sent.filter((m) => m.personId === executorId).map((m) => String(m.messageId));
      expect(new Set(claims.filter((c) => c.personId === executorId).map((c) => c.messageId))).toEqual(new Set(toExecutor));
      // nothing left for the next minute
      expect(await pendingAt(t.db, at("2023-06-26T09:01"), undefined, 1)).toEqual([]);
      runs.push(outbox.sent.map((m) => JSON.stringify({ personId: m.personId, text: m.text, keyboard: m.keyboard, photo: !!m.photo })).sort());
      await t.close();
      t = undefined;
    }
    expect(runs[1]).toEqual(runs[0]);
  });
});
