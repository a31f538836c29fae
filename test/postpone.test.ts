import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "./support/db.ts";
import { RecordingOutbox } from "./support/recording-outbox.ts";
import { approvePostponement, checkPostponeDecision, refusePostponement } from "../services/postpone.ts";
import { notifyPostponeRequest, raisePendingPostponements } from "../scheduler/approvals.ts";

let t: TestDb;
let outbox: RecordingOutbox;
beforeEach(async () => {
  t = await createTestDb();
  outbox = new RecordingOutbox();
});
afterEach(async () => {
  await t.close();
});

// Asia/Yakutsk is UTC+9: 09:00 local = 00:00 UTC.
const yakutsk = (localIso: string) => new Date(new Date(`${localIso}+09:00`).getTime());

async function world(opts: { curated?: boolean } = { curated: true }) {
  const mk = (fullName: string, chatId: string | null) => t.db.person.create({ data: { fullName, shortName: fullName, chatId, telegramId: chatId } });
  const coordinator = await mk("Координатор", "900");
  await t.db.personRole.create({ data: { personId: coordinator.id, role: "coordinator" } });
  const deputy = await mk("Заместитель", "800");
  const roadmap = await t.db.roadmap.create({ data: { identity: "r", title: "ДК", timezone: "Asia/Yakutsk", contentHash: "h", status: "active", controllerId: deputy.id } });
  const school = await t.db.organization.create({ data: { name: "МБОУ СОШ № 1", kind: "school" } });
  const curator = await mk("Куратор", "700");
  if (opts.curated) await t.db.curatorship.create({ data: { schoolId: school.id, personId: curator.id } });
  const executor = await mk("Исполнитель", "100");
  const item = await t.db.item.create({ data: { roadmapId: roadmap.id, key: "17", title: "Анализ <ВПР>", deadlineKind: "date", deadlineDue: "2023-06-30", position: 1 } });
  const assignment = await t.db.assignment.create({ data: { itemId: item.id, personId: executor.id, schoolId: school.id, status: "in_progress" } });
  const request = await t.db.postponeRequest.create({
    data: { assignmentId: assignment.id, requestedDue: "2023-07-14", reason: "Результаты ВПР придут позже", byPersonId: executor.id, createdAt: yakutsk("2023-06-19T15:00:00") },
  });
  return { coordinator, deputy, curator, executor, school, item, assignment, request };
}

describe("a postponement request reaches the decider", () => {
  it("goes to the curator with «Одобрить» / «Отклонить»", async () => {
    const w = await world();
    expect(await notifyPostponeRequest(t.db, outbox, w.request.id, yakutsk("2023-06-19T15:00:00"))).toBe(1);
    const msg = outbox.to("700")[0]!;
    expect(msg.keyboard?.inline_keyboard[0]!.map((b) => [b.text, (b as { callback_data?: string }).callback_data])).toEqual([
      ["Одобрить", `pp:ok:${w.request.id}`],
      ["Отклонить", `pp:no:${w.request.id}`],
    ]);
    expect(msg.text).toContain("Анализ &lt;ВПР&gt;");
    expect(msg.text).toContain("14 июля 2023");
    expect(msg.text).toContain("30 июня 2023");
  });

  it("goes to the deputy head when the school has no curator", async () => {
    const w = await world({ curated: false });
    await notifyPostponeRequest(t.db, outbox, w.request.id, new Date());
    expect(outbox.sent.map((m) => m.chatId)).toEqual(["800"]);
  });

  it("is raised again after 2 working days, from 09:00 local, not on a weekend", async () => {
    const w = await world();
    // Monday 19 June 2023, 15:00 local: the tick delivers the request not yet sent
    expect(await raisePendingPostponements(t.db, outbox, yakutsk("2023-06-19T15:01:00"))).toBe(1);
    expect(await raisePendingPostponements(t.db, outbox, yakutsk("2023-06-20T10:00:00"))).toBe(0); // Tue: 1 working day
    expect(await raisePendingPostponements(t.db, outbox, yakutsk("2023-06-21T08:59:00"))).toBe(0); // Wed before 09:00
    expect(await raisePendingPostponements(t.db, outbox, yakutsk("2023-06-21T09:00:00"))).toBe(1); // Wed 09:00
    expect(outbox.sent[1]!.text).toContain("2 рабочих дня");
    expect(await raisePendingPostponements(t.db, outbox, yakutsk("2023-06-21T17:00:00"))).toBe(0); // not again the same day
    // Thu, Fri pass; Sat/Sun are not working days: the next raise is Friday 23 June
    expect(await raisePendingPostponements(t.db, outbox, yakutsk("2023-06-22T09:00:00"))).toBe(0);
    expect(await raisePendingPostponements(t.db, outbox, yakutsk("2023-06-23T09:30:00"))).toBe(1);
    expect(await raisePendingPostponements(t.db, outbox, yakutsk("2023-06-24T09:30:00"))).toBe(0);
    expect(await raisePendingPostponements(t.db, outbox, yakutsk("2023-06-26T09:30:00"))).toBe(0); // Mon: 1 working day after Fri
    expect(await raisePendingPostponements(t.db, outbox, yakutsk("2023-06-27T09:30:00"))).toBe(1);
    expect(outbox.sent).toHaveLength(4);
    // once decided, never again
    await refusePostponement(t.db, outbox, { requestId: w.request.id, deciderId: w.curator.id, reason: "Нет", now: yakutsk("2023-06-27T10:00:00") });
    expect(await raisePendingPostponements(t.db, outbox, yakutsk("2023-07-05T09:30:00"))).toBe(0);
  });

  it("respects the production calendar: a transferred day off does not count", async () => {
    await world();
    await t.db.calendarDay.create({ data: { date: "2023-06-21", isWorking: false, note: "перенос" } });
    await raisePendingPostponements(t.db, outbox, yakutsk("2023-06-19T15:01:00"));
    expect(await raisePendingPostponements(t.db, outbox, yakutsk("2023-06-21T09:30:00"))).toBe(0);
    expect(await raisePendingPostponements(t.db, outbox, yakutsk("2023-06-22T09:30:00"))).toBe(1);
  });
});

describe("deciding", () => {
  it("approving moves the due date: status postponed, dueOverride, a status change, the executor told", async () => {
    const w = await world();
    const res = await approvePostponement(t.db, outbox, { requestId: w.request.id, deciderId: w.curator.id, now: new Date("2023-06-20T01:00:00Z") });
    expect(res).toEqual({ ok: true, itemKey: "17", due: "2023-07-14", executorTold: true });
    const a = await t.db.assignment.findUniqueOrThrow({ where: { id: w.assignment.id } });
    expect([a.status, a.dueOverride]).toEqual(["postponed", "2023-07-14"]);
    const change = await t.db.statusChange.findFirstOrThrow();
    expect([change.fromStatus, change.toStatus, change.byPersonId]).toEqual(["in_progress", "postponed", w.curator.id]);
    const req = await t.db.postponeRequest.findUniqueOrThrow({ where: { id: w.request.id } });
    expect([req.status, req.deciderId]).toEqual(["approved", w.curator.id]);
    expect(outbox.to("100")[0]!.text).toContain("14 июля 2023");
    // the same button again (an outdated message) changes nothing
    expect(await approvePostponement(t.db, outbox, { requestId: w.request.id, deciderId: w.curator.id, now: new Date() })).toEqual({ ok: false, error: "decided" });
    expect(await t.db.statusChange.count()).toBe(1);
  });

  it("refusing keeps the date and tells the executor the reason", async () => {
    const w = await world();
    expect(await refusePostponement(t.db, outbox, { requestId: w.request.id, deciderId: w.curator.id, reason: " ", now: new Date() })).toEqual({ ok: false, error: "empty_reason" });
    const res = await refusePostponement(t.db, outbox, { requestId: w.request.id, deciderId: w.curator.id, reason: "Срок <установлен> приказом", now: new Date() });
    expect(res.ok).toBe(true);
    const a = await t.db.assignment.findUniqueOrThrow({ where: { id: w.assignment.id } });
    expect([a.status, a.dueOverride]).toEqual(["in_progress", null]);
    const req = await t.db.postponeRequest.findUniqueOrThrow({ where: { id: w.request.id } });
    expect([req.status, req.comment]).toEqual(["refused", "Срок <установлен> приказом"]);
    const told = outbox.to("100")[0]!.text;
    expect(told).toContain("Срок &lt;установлен&gt; приказом");
    expect(told).toContain("30 июня 2023");
  });

  it("refuses deciders out of scope, and decisions on closed work", async () => {
    const w = await world();
    expect(await checkPostponeDecision(t.db, w.request.id, w.executor.id)).toEqual({ ok: false, error: "forbidden" });
    expect(await checkPostponeDecision(t.db, 999, w.curator.id)).toEqual({ ok: false, error: "not_found" });
    expect(await approvePostponement(t.db, outbox, { requestId: w.request.id, deciderId: w.executor.id, now: new Date() })).toEqual({ ok: false, error: "forbidden" });
    await t.db.assignment.update({ where: { id: w.assignment.id }, data: { status: "verified" } });
    expect(await approvePostponement(t.db, outbox, { requestId: w.request.id, deciderId: w.deputy.id, now: new Date() })).toEqual({ ok: false, error: "closed" });
    expect((await t.db.postponeRequest.findUniqueOrThrow({ where: { id: w.request.id } })).status).toBe("pending");
    expect(outbox.sent).toHaveLength(0);
  });
});
