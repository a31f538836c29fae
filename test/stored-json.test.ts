import { afterEach, describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { createTestDb, type TestDb } from "./support/db.ts";
import { item, RecordingOutbox, seedWorld } from "./support/scheduler-world.ts";
import { tick } from "../scheduler/tick.ts";
import { pendingAt } from "../scheduler/plan.ts";
import { getStep, readChatStep } from "../bot/state.ts";
import { readCheckpoints, readReminderPolicy, readResponsible, StoredJsonError } from "../services/stored-json.ts";
import type { Logger } from "../services/logger.ts";

// A bad row never decides the whole run: stored JSON is checked when read, in one place per
// column, and a row that does not hold what it should is left out and logged with its id.

const ZONE = "Asia/Yakutsk";
const at = (local: string) => DateTime.fromISO(local, { zone: ZONE }).toJSDate();

let t: TestDb;
afterEach(async () => {
  await t?.close();
});

/** A logger that keeps what it was told. */
function listening(): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const note = (obj: unknown, msg?: string) => void lines.push({ ...(typeof obj === "object" ? (obj as object) : {}), msg });
  const logger = { error: note, warn: note, info: () => undefined, debug: () => undefined, child: () => logger } as unknown as Logger;
  return { logger, lines };
}

describe("stored JSON, checked when read", () => {
  it("one roadmap with a broken reminder policy: the others still get their reminders, and the bad one is logged by id", async () => {
    t = await createTestDb();
    const good = await seedWorld(t.db);
    await item(t.db, good, "1", { kind: "date", due: "2023-06-15" });
    for (const policy of ['{"sendHour": 25}', "{not json", '{"digest": "yes"}', '["x"]']) {
      const bad = await seedWorld(t.db, { policy });
      await item(t.db, bad, "1", { kind: "date", due: "2023-06-15" });
    }
    const { logger, lines } = listening();
    const outbox = new RecordingOutbox();
    const r = await tick({ db: t.db, outbox, logger }, at("2023-06-15T09:00"));
    expect(r.sent).toBe(1);
    expect(outbox.sent[0]!.personId).toBe(good.executorId);
    const bad = lines.filter((l) => l.column === "Roadmap.reminderPolicy");
    expect(bad).toHaveLength(4);
    expect(bad.map((l) => String(l.problem))).toEqual(
      expect.arrayContaining(["sendHour must be an integer 0–23", "not valid JSON", "digest must be true or false", "must be a JSON object"]),
    );
    for (const l of bad) expect(typeof l.id).toBe("number");
    // `plan` carries on the same way
    expect(await pendingAt(t.db, at("2023-06-15T09:30"), logger)).toHaveLength(0);
  });

  it("an item with broken checkpoints, a bad date or period, an assignment with a bad postponement: left out, the rest planned", async () => {
    t = await createTestDb();
    const w = await seedWorld(t.db);
    await item(t.db, w, "ok", { kind: "date", due: "2023-06-15" });
    const broken = await item(t.db, w, "cp", { kind: "multi", due: "2023-06-15" });
    await t.db.item.update({ where: { id: broken.item.id }, data: { checkpoints: '["2023-06-15", 17]' } });
    const baddate = await item(t.db, w, "dd", { kind: "date", due: "2023-06-15" });
    await t.db.item.update({ where: { id: baddate.item.id }, data: { deadlineDue: "15.06.2023" } });
    const every = await item(t.db, w, "ev", { kind: "recurring", every: "week" });
    await t.db.item.update({ where: { id: every.item.id }, data: { every: "fortnight" } });
    const moved = await item(t.db, w, "po", { kind: "date", due: "2023-06-15" });
    await t.db.assignment.update({ where: { id: moved.assignments[0]!.id }, data: { status: "postponed", dueOverride: "июль" } });
    const { logger, lines } = listening();
    const outbox = new RecordingOutbox();
    const r = await tick({ db: t.db, outbox, logger }, at("2023-06-15T09:00"));
    expect(r.sent).toBe(1);
    expect(outbox.sent[0]!.text).toContain("Мероприятие ok");
    expect(lines.map((l) => l.column).sort()).toEqual(["Assignment.dueOverride", "Item.checkpoints", "Item.deadline", "Item.every"]);
    expect(lines.find((l) => l.column === "Item.checkpoints")!.id).toBe(broken.item.id);
  });

  it("a bad row is logged once, not every minute", async () => {
    t = await createTestDb();
    await seedWorld(t.db, { policy: '{"bogusField": 1}' });
    const { logger, lines } = listening();
    for (const m of [0, 1, 2]) await tick({ db: t.db, outbox: new RecordingOutbox(), logger }, new Date(at("2023-06-15T09:00").getTime() + m * 60_000));
    expect(lines.filter((l) => l.column === "Roadmap.reminderPolicy")).toHaveLength(1);
  });

  it("a chat step of a known kind without its fields is dropped, not handed to a handler", async () => {
    t = await createTestDb();
    const { logger, lines } = listening();
    await t.db.chatState.create({ data: { chatId: "1", state: '{"kind": "postpone-reason", "assignmentId": "abc", "at": "2023-06-15T00:00:00Z"}' } });
    await t.db.chatState.create({ data: { chatId: "2", state: "{broken" } });
    await t.db.chatState.create({ data: { chatId: "3", state: '{"kind": "evidence", "assignmentId": 5, "at": "2023-06-15T00:00:00Z"}' } });
    await t.db.chatState.create({ data: { chatId: "4", state: '{"kind": "someone-elses-step", "anything": true}' } });
    expect(await getStep(t.db, "1", logger)).toBeNull();
    expect(await getStep(t.db, "2", logger)).toBeNull();
    expect(await getStep(t.db, "3", logger)).toMatchObject({ kind: "evidence", assignmentId: 5 });
    expect(await getStep(t.db, "4", logger)).toMatchObject({ kind: "someone-elses-step" });
    expect(lines.map((l) => l.id)).toEqual(["1", "2"]);
    expect(() => readChatStep({ chatId: "9", state: '{"kind": "verify-return"}' })).toThrow(/verify-return: assignmentId/);
  });

  it("each column has its reader: policy, checkpoints, responsible parties", () => {
    expect(readReminderPolicy({ id: 1, reminderPolicy: null }).sendHour).toBe(9);
    expect(() => readReminderPolicy({ id: 7, reminderPolicy: '{"quietHour": 5}' })).toThrow(new StoredJsonError("Roadmap.reminderPolicy", 7, "quietHour must be after sendHour"));
    expect(readCheckpoints({ id: 1, checkpoints: '["2023-06-15","2023-12-31"]' })).toEqual(["2023-06-15", "2023-12-31"]);
    expect(() => readCheckpoints({ id: 2, checkpoints: '["2023-02-30"]' })).toThrow(StoredJsonError);
    expect(readResponsible({ id: 1, responsible: '[{"text":"НИМРО","kind":"organization","name":"НИМРО","note":null}]' })).toHaveLength(1);
    expect(() => readResponsible({ id: 3, responsible: '[{"text":"x","kind":"alien","name":"x","note":null}]' })).toThrow(/Item.responsible of 3/);
  });
});
