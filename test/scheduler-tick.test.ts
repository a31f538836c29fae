import { afterEach, describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { createTestDb, type TestDb } from "./support/db.ts";
import { item, person, RecordingOutbox, seedWorld } from "./support/scheduler-world.ts";
import { openDb } from "../services/db.ts";
import { tick, type TickStep } from "../scheduler/tick.ts";
import { pendingAt } from "../scheduler/plan.ts";

const ZONE = "Asia/Yakutsk";
const at = (local: string) => DateTime.fromISO(local, { zone: ZONE }).toJSDate();
const plus = (d: Date, minutes: number) => new Date(d.getTime() + minutes * 60_000);

let t: TestDb;
afterEach(async () => {
  await t?.close();
});

describe("tick: plan → claim → send → mark sent", () => {
  it("sends a due reminder once at 09:00 local, with the item card and its buttons, and never again", async () => {
    t = await createTestDb();
    const w = await seedWorld(t.db);
    await item(t.db, w, "17", { kind: "date", due: "2023-06-15" });
    const outbox = new RecordingOutbox();
    expect((await tick({ db: t.db, outbox }, at("2023-06-15T08:59"))).claimed).toBe(0);
    const r = await tick({ db: t.db, outbox }, at("2023-06-15T09:00"));
    expect(r).toMatchObject({ claimed: 1, sent: 1, failed: 0 });
    expect(outbox.sent).toHaveLength(1);
    const msg = outbox.sent[0]!;
    expect(msg.text).toContain("Сегодня срок: 15 июня 2023.");
    expect(msg.keyboard?.inline_keyboard.length).toBeGreaterThan(0);
    expect(msg.personId).toBe(w.executorId);
    for (const m of [1, 2, 60, 600]) await tick({ db: t.db, outbox }, plus(at("2023-06-15T09:00"), m));
    expect(outbox.sent).toHaveLength(1);
    const claim = await t.db.reminderClaim.findFirstOrThrow();
    expect(claim).toMatchObject({ kind: "due", localDate: "2023-06-15", personId: w.executorId, messageId: "1" });
    expect(claim.sentAt).not.toBeNull();
  });

  it("puts due and before_1d moved to the same Friday into one message; claims stay one per kind", async () => {
    t = await createTestDb();
    const w = await seedWorld(t.db);
    await item(t.db, w, "5", { kind: "date", due: "2023-07-02" }); // a Sunday
    const outbox = new RecordingOutbox();
    await tick({ db: t.db, outbox }, at("2023-06-30T09:00"));
    expect(outbox.sent).toHaveLength(1);
    expect(outbox.sent[0]!.text).toContain("Через 2 дня срок: 2 июля 2023.");
    // the news in bold, the note under it plain (two bold lines in a row read as shouting)
    expect(outbox.sent[0]!.text).toContain("<b>Через 2 дня срок: 2 июля 2023.</b>\nСрок приходится на нерабочий день, сегодня последний рабочий день до него.\n");
    expect((await t.db.reminderClaim.findMany()).map((c) => c.kind).sort()).toEqual(["before_1d", "due"]);
  });

  it("escalates to the school's curator, else the deputy head, else a coordinator", async () => {
    t = await createTestDb();
    const w = await seedWorld(t.db);
    await item(t.db, w, "1", { kind: "date", due: "2023-06-15" });
    const outbox = new RecordingOutbox();
    await tick({ db: t.db, outbox }, at("2023-06-21T09:00"));
    expect(outbox.sent.map((m) => m.personId).sort()).toEqual([w.executorId, w.curatorId].sort());
    const esc = outbox.sent.find((m) => m.personId === w.curatorId)!;
    expect(esc.text).toContain("Просрочено на 4 рабочих дня");
    expect(esc.text).toContain("Иванова А.А.");
    // the curator blocks the bot: the next escalation goes to the deputy head; without a deputy, to the coordinator
    await t.db.person.update({ where: { id: w.curatorId }, data: { unreachable: true } });
    await item(t.db, w, "2", { kind: "date", due: "2023-06-16" });
    await tick({ db: t.db, outbox }, at("2023-06-22T09:00"));
    const escalations = (key: string) => outbox.sent.filter((m) => m.text.includes("Просрочено") && m.text.includes(`Мероприятие ${key} `)).map((m) => m.personId);
    expect(escalations("2")).toEqual([w.deputyId]);
    // item 1's escalation, delivered to the curator on the 21st, is not sent again to the deputy head
    expect(escalations("1")).toEqual([w.curatorId]);
    await t.db.personRole.deleteMany({ where: { role: "deputy" } });
    await item(t.db, w, "3", { kind: "date", due: "2023-06-19" });
    await tick({ db: t.db, outbox }, at("2023-06-23T09:00"));
    expect(escalations("3")).toEqual([w.coordinatorId]);
  });

  it("an escalation tells the curator to contact the executor and carries none of the executor's buttons", async () => {
    t = await createTestDb();
    const w = await seedWorld(t.db);
    await item(t.db, w, "1", { kind: "date", due: "2023-06-15" });
    const outbox = new RecordingOutbox();
    await tick({ db: t.db, outbox }, at("2023-06-21T09:00"));
    const esc = outbox.sent.find((m) => m.personId === w.curatorId)!;
    expect(esc.text).toContain("Свяжитесь с исполнителем");
    // «Выполнено», «Нужно больше времени» … act on the executor's own assignment only
    expect(esc.keyboard?.inline_keyboard ?? []).toEqual([]);
    const own = outbox.sent.find((m) => m.personId === w.executorId)!;
    expect(own.text).not.toContain("Свяжитесь с исполнителем");
    expect(own.keyboard?.inline_keyboard.length).toBeGreaterThan(0);
  });

  it("several escalations in one message: titled as overdue work, «Свяжитесь с исполнителем» once", async () => {
    t = await createTestDb();
    const w = await seedWorld(t.db);
    await item(t.db, w, "1", { kind: "date", due: "2023-06-15" });
    await item(t.db, w, "2", { kind: "date", due: "2023-06-15" });
    const outbox = new RecordingOutbox();
    await tick({ db: t.db, outbox }, at("2023-06-21T09:00"));
    const esc = outbox.sent.find((m) => m.personId === w.curatorId)!;
    expect(esc.text).toMatch(/^<b>Просрочено у исполнителей: 2 поручения<\/b>\nСвяжитесь с исполнителем/);
    expect(esc.text.split("Свяжитесь с исполнителем")).toHaveLength(2);
    expect(esc.text.split("Исполнитель: Иванова А.А.")).toHaveLength(3);
    // the executor's own message is still «Напоминания», with no such line
    const own = outbox.sent.find((m) => m.personId === w.executorId)!;
    expect(own.text).toContain("Напоминания: 2 поручения");
    expect(own.text).not.toContain("Свяжитесь с исполнителем");
  });

  it("one item overdue at several schools reaches the curator as one card with the schools and executors under it", async () => {
    t = await createTestDb();
    const w = await seedWorld(t.db);
    const others = [];
    for (const name of ["МБОУ СОШ с. Албазино", "МБОУ СОШ с. Джалинда"]) {
      const school = await t.db.organization.create({ data: { name, kind: "school", schoolKey: name.toLowerCase() } });
      await t.db.curatorship.create({ data: { schoolId: school.id, personId: w.curatorId } });
      others.push({ personId: (await person(t.db, `Директор ${others.length + 1}.А.`, { organizationId: school.id })).id, schoolId: school.id });
    }
    await item(t.db, w, "1", { kind: "date", due: "2023-06-15" }, [{ personId: w.executorId, schoolId: w.schoolId }, ...others]);
    await item(t.db, w, "2", { kind: "date", due: "2023-06-15" });
    const outbox = new RecordingOutbox();
    await tick({ db: t.db, outbox }, at("2023-06-21T09:00"));
    const esc = outbox.sent.filter((m) => m.personId === w.curatorId);
    expect(esc).toHaveLength(1);
    const text = esc[0]!.text;
    // four поручения: three of item 1 (one card) and one of item 2 (its own)
    expect(text).toMatch(/^<b>Просрочено у исполнителей: 4 поручения<\/b>/);
    expect(text.match(/<b>1\.<\/b>/g)).toHaveLength(1);
    expect(text).toContain("Не выполнено 3 поручения:\n• ");
    expect(text).toContain("• МБОУ СОШ с. Албазино — Директор 1.А.");
    expect(text).toContain("• МБОУ СОШ с. Джалинда — Директор 2.А.");
    expect(text).toContain("Исполнитель: Иванова А.А.");
    expect(esc[0]!.keyboard?.inline_keyboard ?? []).toEqual([]);
    // delivered and recorded once each: a second tick the same day sends nothing more to the curator
    await tick({ db: t.db, outbox }, at("2023-06-21T09:30"));
    expect(outbox.sent.filter((m) => m.personId === w.curatorId)).toHaveLength(1);
  });

  it("stops at once when the assignment is done, and moves with a postponement", async () => {
    t = await createTestDb();
    const w = await seedWorld(t.db);
    const { assignments } = await item(t.db, w, "8", { kind: "date", due: "2023-06-15" });
    const outbox = new RecordingOutbox();
    await tick({ db: t.db, outbox }, at("2023-06-08T09:00"));
    expect(outbox.sent).toHaveLength(1);
    await t.db.assignment.update({ where: { id: assignments[0]!.id }, data: { status: "postponed", dueOverride: "2023-07-20" } });
    for (const d of ["2023-06-14", "2023-06-15", "2023-06-16", "2023-06-21"]) await tick({ db: t.db, outbox }, at(`${d}T09:00`));
    expect(outbox.sent).toHaveLength(1);
    await tick({ db: t.db, outbox }, at("2023-07-13T09:00"));
    expect(outbox.sent).toHaveLength(2);
    expect(outbox.sent[1]!.text).toContain("20 июля 2023");
    await t.db.assignment.update({ where: { id: assignments[0]!.id }, data: { status: "submitted" } });
    for (const d of ["2023-07-19", "2023-07-20", "2023-07-21", "2023-07-27"]) await tick({ db: t.db, outbox }, at(`${d}T09:00`));
    expect(outbox.sent).toHaveLength(2);
  });

  it("a clock jump back and forth, and a restart, never duplicate", async () => {
    t = await createTestDb();
    const w = await seedWorld(t.db);
    await item(t.db, w, "9", { kind: "date", due: "2023-06-15" });
    const outbox = new RecordingOutbox();
    await tick({ db: t.db, outbox }, at("2023-06-15T09:00"));
    await tick({ db: t.db, outbox }, at("2023-06-14T09:30")); // the clock went back a day: before_1d is not current any more… it is: the 14th's reminder
    await tick({ db: t.db, outbox }, at("2023-06-15T09:05"));
    await t.db.$disconnect();
    // restart: a new client on the same database
    const db2 = await openDb(t.url);
    try {
      await tick({ db: db2, outbox }, at("2023-06-15T09:10"));
      await tick({ db: db2, outbox }, at("2023-06-14T09:45"));
    } finally {
      await db2.$disconnect();
    }
    const kinds = outbox.sent.map((m) => (m.text.includes("Сегодня") ? "due" : "before_1d"));
    expect(kinds).toEqual(["due", "before_1d"]); // the jump back sent the 14th's reminder it had missed; nothing twice
  });
});

describe("never doubled: overlap, two processes, crashes", () => {
  // an executor each: a person's reminders of a tick are one message (test/scheduler-grouped.test.ts)
  async function manyItems(db: TestDb["db"], n: number) {
    const w = await seedWorld(db);
    for (let i = 1; i <= n; i++) {
      const p = await person(db, `Исполнитель ${i}`, { organizationId: w.schoolId });
      await item(db, w, String(i), { kind: "date", due: "2023-06-15" }, [{ personId: p.id, schoolId: w.schoolId }]);
    }
    return w;
  }

  it("two overlapping ticks send each reminder once", async () => {
    t = await createTestDb();
    await manyItems(t.db, 12);
    const outbox = new RecordingOutbox();
    const now = at("2023-06-15T09:00");
    const [a, b] = await Promise.all([tick({ db: t.db, outbox, instanceId: "A" }, now), tick({ db: t.db, outbox, instanceId: "B" }, now)]);
    expect(a.claimed + b.claimed).toBe(12);
    expect(outbox.sent).toHaveLength(12);
    expect(new Set(outbox.sent.map((m) => m.text)).size).toBe(12);
  });

  it("a big morning is spread over ticks: a claim is never left to go stale in a long queue", async () => {
    t = await createTestDb();
    await manyItems(t.db, 25);
    const outbox = new RecordingOutbox();
    const now = at("2023-06-15T09:00");
    const sent = [];
    for (let m = 0; m < 4; m++) sent.push((await tick({ db: t.db, outbox, maxMessages: 10 }, plus(now, m))).sent);
    expect(sent).toEqual([10, 10, 5, 0]);
    expect(new Set(outbox.sent.map((m) => m.text)).size).toBe(25);
  });

  it("two processes (two clients on one database file) send each reminder once", async () => {
    t = await createTestDb();
    await manyItems(t.db, 20);
    const other = await openDb(t.url);
    try {
      const outbox = new RecordingOutbox();
      const now = at("2023-06-15T09:00");
      const runs = await Promise.all([
        tick({ db: t.db, outbox, instanceId: "p1" }, now),
        tick({ db: other, outbox, instanceId: "p2" }, now),
        tick({ db: other, outbox, instanceId: "p2b" }, plus(now, 1)),
        tick({ db: t.db, outbox, instanceId: "p1b" }, plus(now, 1)),
      ]);
      expect(runs.reduce((s, r) => s + r.claimed, 0)).toBe(20);
      expect(outbox.sent).toHaveLength(20);
      expect(await t.db.reminderClaim.count({ where: { sentAt: null } })).toBe(0);
    } finally {
      await other.$disconnect();
    }
  });

  class Crash extends Error {}

  async function crashAt(step: TickStep) {
    t = await createTestDb();
    const w = await seedWorld(t.db);
    await item(t.db, w, "1", { kind: "date", due: "2023-06-15" });
    const outbox = new RecordingOutbox();
    const now = at("2023-06-15T09:00");
    await expect(
      tick({ db: t.db, outbox, instanceId: "crashing", faults: (s) => { if (s === step) throw new Crash(step); } }, now),
    ).rejects.toBeInstanceOf(Crash);
    const afterCrash = outbox.sent.length;
    // the restarted process ticks every minute: a fresh claim is left to its (dead) claimant…
    await tick({ db: t.db, outbox, instanceId: "restarted" }, plus(now, 1));
    const afterMinute = outbox.sent.length;
    // …until it is older than a few minutes
    for (const m of [6, 7, 8]) await tick({ db: t.db, outbox, instanceId: "restarted" }, plus(now, m));
    const pending = await pendingAt(t.db, plus(now, 9));
    return { afterCrash, afterMinute, total: outbox.sent.length, pending: pending.length };
  }

  it("a crash before claiming: the next tick sends it", async () => {
    expect(await crashAt("planned")).toEqual({ afterCrash: 0, afterMinute: 1, total: 1, pending: 0 });
  });

  it("a crash after claiming, before sending: retried once the claim is stale — not lost", async () => {
    expect(await crashAt("claimed")).toEqual({ afterCrash: 0, afterMinute: 0, total: 1, pending: 0 });
  });

  it("a crash after Telegram accepted, before the record: the only duplicate", async () => {
    expect(await crashAt("accepted")).toEqual({ afterCrash: 1, afterMinute: 1, total: 2, pending: 0 });
  });

  it("a crash after the record: nothing more", async () => {
    expect(await crashAt("recorded")).toEqual({ afterCrash: 1, afterMinute: 1, total: 1, pending: 0 });
  });

  it("a failed delivery is retried when its claim is stale; a blocked person is not", async () => {
    t = await createTestDb();
    const w = await seedWorld(t.db);
    await item(t.db, w, "1", { kind: "date", due: "2023-06-15" });
    const outbox = new RecordingOutbox();
    outbox.result = () => ({ ok: false, error: "failed" });
    const now = at("2023-06-15T09:00");
    expect((await tick({ db: t.db, outbox }, now)).failed).toBe(1);
    outbox.result = undefined;
    await tick({ db: t.db, outbox }, plus(now, 2));
    expect(outbox.sent).toHaveLength(0);
    await tick({ db: t.db, outbox }, plus(now, 6));
    expect(outbox.sent).toHaveLength(1);
    expect(await t.db.reminderClaim.findFirstOrThrow()).toMatchObject({ attempts: 2, lastError: null });

    await item(t.db, w, "2", { kind: "date", due: "2023-06-16" });
    outbox.result = () => ({ ok: false, error: "blocked" });
    await tick({ db: t.db, outbox }, at("2023-06-16T09:00"));
    outbox.result = undefined;
    await tick({ db: t.db, outbox }, at("2023-06-16T09:30"));
    expect(outbox.sent).toHaveLength(1);
    // item 1's overdue notice and item 2's due reminder, both refused: recorded, never retried
    expect((await t.db.reminderClaim.findMany({ where: { lastError: "final:blocked" } })).map((c) => c.kind).sort()).toEqual(["due", "overdue"]);
  });
});

describe("time zones: the person's zone, else the roadmap's", () => {
  it("Kaliningrad (UTC+2) and Kamchatka (UTC+12) people of a Moscow roadmap each hear at their own 09:00", async () => {
    t = await createTestDb();
    const w = await seedWorld(t.db, { timezone: "Europe/Moscow" });
    await t.db.person.update({ where: { id: w.executorId }, data: { timezone: "Asia/Kamchatka" } });
    const kal = await t.db.person.create({ data: { fullName: "Смирнова В.В.", shortName: "Смирнова В.В.", chatId: "777", timezone: "Europe/Kaliningrad" } });
    const msk = await t.db.person.create({ data: { fullName: "Ковалёв Д.Д.", shortName: "Ковалёв Д.Д.", chatId: "778" } });
    await item(t.db, w, "1", { kind: "date", due: "2023-06-15" }, [
      { personId: w.executorId, schoolId: w.schoolId },
      { personId: kal.id },
      { personId: msk.id },
    ]);
    const outbox = new RecordingOutbox();
    const heard: Array<[string, number]> = [];
    // every 30 minutes over the 15th, UTC
    for (let m = -12 * 60; m <= 24 * 60; m += 30) {
      const now = new Date(Date.UTC(2023, 5, 15, 0, 0) + m * 60_000);
      const before = outbox.sent.length;
      await tick({ db: t.db, outbox }, now);
      for (const msg of outbox.sent.slice(before)) if (msg.text.includes("Сегодня срок")) heard.push([now.toISOString(), msg.personId!]);
    }
    expect(heard).toEqual([
      ["2023-06-14T21:00:00.000Z", w.executorId], // 09:00 in Petropavlovsk-Kamchatsky
      ["2023-06-15T06:00:00.000Z", msk.id], // 09:00 in Moscow
      ["2023-06-15T07:00:00.000Z", kal.id], // 09:00 in Kaliningrad
    ]);
  });
});
