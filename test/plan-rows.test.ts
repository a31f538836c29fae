import { afterEach, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "./support/db.ts";
import { item, person, seedWorld } from "./support/scheduler-world.ts";
import { claimsUnder, everyone, openPage, openSnoozes, remindedItems } from "../scheduler/plan-rows.ts";
import { REMINDED_KINDS } from "../core/kinds.ts";
import { OPEN_STATUSES } from "../core/status.ts";
import { readCheckpoints, StoredJsonError } from "../services/stored-json.ts";
import type { Db } from "../services/db.ts";

// The planner reads its shared state and the claims as plain rows (scheduler/plan-rows.ts): on
// either database they must be exactly what the client's findMany gave — the booleans, the dates,
// the nulls, the order, which rows.

let t: TestDb | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const reminded = { roadmap: { status: "active" }, removedAt: null, deadlineKind: { in: [...REMINDED_KINDS] } };

/** Two roadmaps (one archived), items of every kind (one removed), people who can and cannot be reached, snoozes, claims. */
async function seed(db: Db) {
  const w = await seedWorld(db);
  const archived = await seedWorld(db);
  await db.roadmap.update({ where: { id: archived.roadmapId }, data: { status: "archived" } });
  const away = await person(db, "Орлова Д.Д.", { chatId: null, timezone: "Asia/Vladivostok" });
  const gone = await person(db, "Сидорова В.В.");
  await db.person.update({ where: { id: gone.id }, data: { unreachable: true, removedAt: new Date("2025-03-04T05:06:07.089Z"), language: "en" } });
  const made = [
    await item(db, w, "1", { kind: "date", due: "2023-06-15" }, [{ personId: w.executorId, schoolId: w.schoolId }, { personId: gone.id, status: "verified" }]),
    await item(db, w, "2", { kind: "multi", due: "2023-06-30", checkpoints: ["2023-05-31", "2023-06-30"] }),
    await item(db, w, "3", { kind: "recurring", every: "month", start: "2023-01-01", due: "2023-12-31" }),
    await item(db, w, "4", { kind: "on_demand" }),
    await item(db, w, "5", { kind: "window", start: "2023-05-01", due: "2023-06-30" }, [{ personId: away.id }]),
    await item(db, archived, "1", { kind: "date", due: "2023-06-15" }),
  ];
  await db.item.update({ where: { id: made[4]!.item.id }, data: { removedAt: new Date() } });
  await db.item.update({ where: { id: made[2]!.item.id }, data: { everyDay: 15 } });
  const [open, verified] = made[0]!.assignments;
  const snooze = (assignmentId: number, personId: number, day: string) => db.reminderSnooze.create({ data: { assignmentId, personId, day } });
  await snooze(open!.id, w.executorId, "2023-06-16");
  await snooze(open!.id, w.executorId, "2023-06-14");
  await snooze(verified!.id, gone.id, "2023-06-16");
  await snooze(made[5]!.assignments[0]!.id, archived.executorId, "2023-06-16");
  await db.checkpointStatus.create({ data: { assignmentId: made[1]!.assignments[0]!.id, checkpoint: "2023-05-31", status: "verified" } });
  for (const period of ["2023-04", "2023-05", "2022-12"]) await db.checkin.create({ data: { assignmentId: made[2]!.assignments[0]!.id, period } });
  const claimedAt = new Date("2023-06-15T01:00:00.123Z");
  await db.reminderClaim.createMany({
    data: [
      { key: "a1|due|2023-06-15|2023-06-15|p1", kind: "due", localDate: "2023-06-15", claimedAt, claimedBy: "x#1", sentAt: new Date("2023-06-15T01:00:02.5Z"), attempts: 1, messageId: "7" },
      { key: "a1|overdue|2023-06-15|2023-06-16|p1", kind: "overdue", localDate: "2023-06-16", claimedAt, claimedBy: null, lastError: "timeout", attempts: 3 },
      { key: "digest|p2|r1|2023-06-12", kind: "digest", localDate: "2023-06-12", claimedAt, claimedBy: "y#2" },
    ],
  });
  return { w, made };
}

describe("the planner's plain rows", () => {
  it("are the rows Prisma's findMany reads: people, reminded items, snoozes on open work, claims by key", async () => {
    t = await createTestDb();
    const { db } = t;
    const { made } = await seed(db);

    expect(await everyone(db)).toEqual(
      await db.person.findMany({ select: { id: true, shortName: true, chatId: true, timezone: true, unreachable: true, removedAt: true, language: true }, orderBy: { id: "asc" } }),
    );
    const items = await db.item.findMany({
      where: reminded,
      select: { id: true, roadmapId: true, key: true, number: true, deadlineKind: true, deadlineStart: true, deadlineDue: true, checkpoints: true, every: true, everyDay: true },
      orderBy: [{ roadmapId: "asc" }, { position: "asc" }],
    });
    expect(items.map((i) => i.key)).toEqual(["1", "2", "3"]);
    expect(await remindedItems(db)).toEqual(items);

    const snoozes = await db.reminderSnooze.findMany({ where: { assignment: { status: { in: [...OPEN_STATUSES] }, item: reminded } }, select: { assignmentId: true, personId: true, day: true }, orderBy: { id: "asc" } });
    expect(snoozes.map((z) => z.day)).toEqual(["2023-06-16", "2023-06-14"]);
    expect(await openSnoozes(db)).toEqual(snoozes);

    const keys = ["a1|due|2023-06-15|2023-06-15|p1", "nobody's", "a1|overdue|2023-06-15|2023-06-16|p1", "digest|p2|r1|2023-06-12"];
    const byKey = (rows: Array<{ key: string }>) => [...rows].sort((a, b) => a.key.localeCompare(b.key));
    const claims = await db.reminderClaim.findMany({ where: { key: { in: keys } }, select: { key: true, claimedAt: true, claimedBy: true, sentAt: true, lastError: true, attempts: true } });
    expect(claims).toHaveLength(3);
    expect(byKey(await claimsUnder(db, keys))).toEqual(byKey(claims));
    expect(await claimsUnder(db, [])).toEqual([]);

    // the open page: open assignments with a person, of reminded items of active roadmaps, with their checkpoints and check-ins since a period
    const page = await openPage(db, 0, 10, "2023-01");
    expect(page.map((a) => a.id)).toEqual([made[0]!.assignments[0]!.id, made[1]!.assignments[0]!.id, made[2]!.assignments[0]!.id]);
    expect(page.map((a) => [a.checkpoints, a.periods === null ? null : a.periods.split(",").sort()])).toEqual([
      [null, null],
      ["2023-05-31=verified", null],
      [null, ["2023-04", "2023-05"]],
    ]);
    expect(typeof page[0]!.id).toBe("number");
  });

  it("checkpoints Веха wrote are read as written; anything else is still refused by zod with its reason", () => {
    expect(readCheckpoints({ id: 1, checkpoints: '["2023-05-31","2023-06-30"]' })).toEqual(["2023-05-31", "2023-06-30"]);
    expect(readCheckpoints({ id: 1, checkpoints: "" })).toEqual([]);
    const problem = (checkpoints: string) => {
      try {
        readCheckpoints({ id: 9, checkpoints });
      } catch (e) {
        if (e instanceof StoredJsonError) return e.message;
        throw e;
      }
      return null;
    };
    expect(problem('["2023-02-30"]')).toBe("Item.checkpoints of 9: 0: not an ISO date");
    expect(problem('["2023-06-30", 17]')).toMatch(/^Item\.checkpoints of 9: 1: /);
    expect(problem('{"a": 1}')).toMatch(/^Item\.checkpoints of 9: /);
    expect(problem("[2023-")).toBe("Item.checkpoints of 9: not valid JSON");
  });
});
