import { afterEach, describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { ManualClock } from "../core/clock.ts";
import { createLogger } from "../services/logger.ts";
import { startScheduler } from "../scheduler/index.ts";
import { createTestDb, type TestDb } from "./support/db.ts";
import { item, person, RecordingOutbox, seedWorld } from "./support/scheduler-world.ts";

let t: TestDb;
afterEach(async () => {
  await t?.close();
});

describe("startScheduler", () => {
  it("runs one cron task every minute that ticks at the injected clock's now, and stops", async () => {
    t = await createTestDb();
    const w = await seedWorld(t.db);
    await item(t.db, w, "1", { kind: "date", due: "2023-06-15" });
    const clock = new ManualClock(DateTime.fromISO("2023-06-15T09:00", { zone: "Asia/Yakutsk" }).toJSDate());
    const outbox = new RecordingOutbox();
    const s = startScheduler({ db: t.db, outbox, clock, logger: createLogger("silent") });
    try {
      const next = s.nextRun()!;
      expect(next.getTime() - Date.now()).toBeLessThanOrEqual(60_000);
      expect(next.getUTCSeconds()).toBe(0);
      await s.runOnce();
      expect(s.last()).toMatchObject({ claimed: 1, sent: 1 });
      await s.runOnce();
      expect(outbox.sent).toHaveLength(1);
      // a failing tick is logged, not thrown: the next minute tries again
      outbox.result = () => {
        throw new Error("network down");
      };
      clock.advance(24 * 3600_000);
      await expect(s.runOnce()).resolves.toBeUndefined();
    } finally {
      await s.stop();
    }
  });

  it("a tick that leaves messages over its budget is followed by the next at once, not at the next minute", async () => {
    t = await createTestDb();
    const w = await seedWorld(t.db);
    for (let i = 0; i < 5; i++) {
      const p = await person(t.db, `Исполнитель ${i}`, { organizationId: w.schoolId });
      await item(t.db, w, `${i}`, { kind: "date", due: "2023-06-15" }, [{ personId: p.id, schoolId: w.schoolId }]);
    }
    const clock = new ManualClock(DateTime.fromISO("2023-06-15T09:00", { zone: "Asia/Yakutsk" }).toJSDate());
    const outbox = new RecordingOutbox();
    const s = startScheduler({ db: t.db, outbox, clock, logger: createLogger("silent"), maxMessages: 2 });
    try {
      await s.runOnce();
      // three ticks of two, two and one, in one run: the last left nothing
      expect(new Set(outbox.sent.map((m) => m.chatId)).size).toBe(5);
      expect(outbox.sent).toHaveLength(5);
      expect(s.last()).toMatchObject({ claimed: 1, sent: 1, left: 0 });
      // nothing left: the next run sends nothing and stops after one tick
      await s.runOnce();
      expect(outbox.sent).toHaveLength(5);
      expect(s.last()).toMatchObject({ claimed: 0, left: 0 });
    } finally {
      await s.stop();
    }
  });
});
