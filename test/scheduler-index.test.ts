import { afterEach, describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { ManualClock } from "../core/clock.ts";
import { createLogger } from "../services/logger.ts";
import { startScheduler } from "../scheduler/index.ts";
import { createTestDb, type TestDb } from "./support/db.ts";
import { item, RecordingOutbox, seedWorld } from "./support/scheduler-world.ts";

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
});
