import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "./support/db.ts";
import { RecordingOutbox } from "./support/recording-outbox.ts";
import {
  acceptSubmission,
  listForReview,
  loadReviewRouting,
  returnSubmission,
  reviewersOf,
} from "../services/verification.ts";
import { notifyReviewers } from "../scheduler/reviews.ts";

let t: TestDb;
let outbox: RecordingOutbox;
beforeEach(async () => {
  t = await createTestDb();
  outbox = new RecordingOutbox();
});
afterEach(async () => {
  await t.close();
});

const T0 = new Date("2023-06-15T02:00:00Z");
const later = (ms: number) => new Date(T0.getTime() + ms);

async function person(name: string, chatId: string | null, extra: { language?: string } = {}) {
  return t.db.person.create({ data: { fullName: name, shortName: name, chatId, telegramId: chatId, ...extra } });
}

/** A roadmap with a deputy head, a coordinator, two schools (one curated) and an executor. */
async function world() {
  const coordinator = await person("Координатор Ольга", "900");
  await t.db.personRole.create({ data: { personId: coordinator.id, role: "coordinator" } });
  const deputy = await person("Бутусова Ольга Владимировна", "800");
  const roadmap = await t.db.roadmap.create({
    data: { identity: "r1", title: "ДК", timezone: "Asia/Yakutsk", contentHash: "h", status: "active", controllerId: deputy.id },
  });
  const curated = await t.db.organization.create({ data: { name: "МБОУ СОШ № 1", kind: "school" } });
  const uncurated = await t.db.organization.create({ data: { name: "МБОУ СОШ № 2", kind: "school" } });
  const curator = await person("Куратор Анна", "700", { language: "en" });
  await t.db.curatorship.create({ data: { schoolId: curated.id, personId: curator.id, roadmapId: roadmap.id } });
  const executor = await person("Исполнитель Иван", "100");
  const items: Array<{ id: number }> = [];
  for (const key of ["1", "2", "3", "4"]) {
    items.push(await t.db.item.create({ data: { roadmapId: roadmap.id, key, title: `Пункт <${key}>`, deadlineKind: "date", deadlineDue: "2023-06-30", position: Number(key) } }));
  }
  const at = (i: number, schoolId: number | null, status = "submitted") =>
    t.db.assignment.create({ data: { itemId: items[i]!.id, personId: executor.id, schoolId, status } });
  return { coordinator, deputy, roadmap, curated, uncurated, curator, executor, items, at };
}

async function evidence(assignmentId: number, kind: string, createdAt: Date, extra: { url?: string; fileName?: string } = {}) {
  return t.db.evidence.create({ data: { assignmentId, kind, createdAt, ...extra } });
}

describe("routing", () => {
  it("goes to the school's curator, else the deputy head, else a coordinator; unreachable people are skipped", async () => {
    const w = await world();
    let routing = await loadReviewRouting(t.db);
    expect(reviewersOf(routing, { schoolId: w.curated.id, roadmapId: w.roadmap.id })).toMatchObject({ level: "curator", people: [{ id: w.curator.id }] });
    expect(reviewersOf(routing, { schoolId: w.uncurated.id, roadmapId: w.roadmap.id })).toMatchObject({ level: "deputy", people: [{ id: w.deputy.id }] });
    expect(reviewersOf(routing, { schoolId: null, roadmapId: w.roadmap.id })).toMatchObject({ level: "deputy" });
    await t.db.person.update({ where: { id: w.curator.id }, data: { unreachable: true } });
    await t.db.person.update({ where: { id: w.deputy.id }, data: { chatId: null } });
    routing = await loadReviewRouting(t.db);
    expect(reviewersOf(routing, { schoolId: w.curated.id, roadmapId: w.roadmap.id })).toMatchObject({ level: "coordinator", people: [{ id: w.coordinator.id }] });
  });

  it("never routes someone's own work to them: a curator who is the executor passes it up", async () => {
    const w = await world();
    const routing = await loadReviewRouting(t.db);
    expect(reviewersOf(routing, { schoolId: w.curated.id, roadmapId: w.roadmap.id, personId: w.curator.id })).toMatchObject({ level: "deputy", people: [{ id: w.deputy.id }] });
  });
});

describe("batched notifications", () => {
  it("sends one message per reviewer for many files, waits while files still arrive, and never twice", async () => {
    const w = await world();
    const a1 = await w.at(0, w.curated.id);
    const a2 = await w.at(1, w.curated.id);
    const a3 = await w.at(2, null);
    await evidence(a1.id, "link", T0, { url: "https://school1.ru/news?a=1&b=<2>" });
    await evidence(a1.id, "file", later(10_000), { fileName: "Справка.pdf" });
    await evidence(a2.id, "photo", later(20_000), { fileName: "photo.jpg" });
    await evidence(a3.id, "file", T0, { fileName: "Протокол.docx" });

    // 75 s: a1 (newest piece at 10 s) and a3 are quiet for a minute; a2 (photo at 20 s) is not yet
    expect(await notifyReviewers(t.db, outbox, later(75_000))).toBe(2);
    // the curator got a1 only (a2 still quiet period), the deputy got a3 with buttons (single entry)
    expect(outbox.to("700")).toHaveLength(1);
    expect(outbox.to("700")[0]!.text).toContain("Справка.pdf");
    expect(outbox.to("700")[0]!.text).toContain("https://school1.ru/news?a=1&amp;b=&lt;2&gt;");
    expect(outbox.to("700")[0]!.text).toContain("Пункт &lt;1&gt;");
    expect(outbox.to("700")[0]!.text).toMatch(/^1 assignment was submitted for review \(2 pieces of evidence\)/); // curator's language is en
    expect(outbox.to("800")).toHaveLength(1);
    expect(outbox.to("800")[0]!.keyboard?.inline_keyboard[0]!.map((b) => b.text)).toEqual(["Принять", "Вернуть на доработку"]);

    expect(await notifyReviewers(t.db, outbox, later(90_000))).toBe(1);
    expect(outbox.to("700")).toHaveLength(2);
    expect(outbox.to("700")[1]!.text).toContain("photo.jpg");
    expect(await notifyReviewers(t.db, outbox, later(600_000))).toBe(0);
    expect(outbox.sent).toHaveLength(3);
    expect(await t.db.evidence.count({ where: { notifiedAt: null } })).toBe(0);
  });

  it("groups several items into one message and retries a reviewer who could not be reached", async () => {
    const w = await world();
    for (const i of [0, 1, 2]) {
      const a = await w.at(i, w.curated.id);
      await evidence(a.id, "file", T0, { fileName: `f${i}.pdf` });
    }
    outbox.blocked.add("700");
    expect(await notifyReviewers(t.db, outbox, later(120_000))).toBe(0);
    expect(await t.db.evidence.count({ where: { notifiedAt: null } })).toBe(3);
    outbox.blocked.clear();
    expect(await notifyReviewers(t.db, outbox, later(180_000))).toBe(1);
    const msg = outbox.to("700")[0]!;
    expect(msg.text).toMatch(/^3 assignments were submitted/);
    expect(msg.keyboard).toBeUndefined(); // several items: /verify shows each with its buttons
    expect(msg.text).toContain("f0.pdf");
    expect(msg.text).toContain("f2.pdf");
  });

  it("two overlapping ticks announce each piece once", async () => {
    const w = await world();
    for (const i of [0, 1, 2]) {
      const a = await w.at(i, i === 2 ? null : w.curated.id);
      await evidence(a.id, "file", T0, { fileName: `f${i}.pdf` });
    }
    // interleaved at every await on one connection (two in-process SQLite connections would block each other's event loop)
    const counts = await Promise.all([notifyReviewers(t.db, outbox, later(120_000)), notifyReviewers(t.db, outbox, later(120_000))]);
    expect(counts[0] + counts[1]).toBe(2); // the curator (f0, f1) and the deputy head (f2), once each
    const mentions = (name: string) => outbox.sent.filter((m) => m.text.includes(name)).length;
    expect([mentions("f0.pdf"), mentions("f1.pdf"), mentions("f2.pdf")]).toEqual([1, 1, 1]);
    expect(await t.db.evidence.count({ where: { notifiedAt: null } })).toBe(0);
  });

  it("announces «Выполнено» without evidence once per submission", async () => {
    const w = await world();
    const a = await w.at(0, w.curated.id);
    await t.db.statusChange.create({ data: { assignmentId: a.id, fromStatus: "in_progress", toStatus: "submitted", byPersonId: w.executor.id, at: T0 } });
    expect(await notifyReviewers(t.db, outbox, later(30_000))).toBe(0); // still quiet period
    outbox.blocked.add("700");
    expect(await notifyReviewers(t.db, outbox, later(90_000))).toBe(0); // not delivered: the claim is given back
    outbox.blocked.clear();
    expect(await notifyReviewers(t.db, outbox, later(120_000))).toBe(1);
    expect(outbox.to("700")[0]!.text).toMatch(/^1 assignment was submitted for review\.\n/);
    expect(outbox.to("700")[0]!.text).toContain("no evidence attached");
    expect(await notifyReviewers(t.db, outbox, later(600_000))).toBe(0);
    // returned and submitted again: a new submission, a new notice
    await returnSubmission(t.db, outbox, { assignmentId: a.id, reviewerId: w.curator.id, now: later(700_000), comment: "Приложите справку" });
    await t.db.assignment.update({ where: { id: a.id }, data: { status: "submitted" } });
    await t.db.statusChange.create({ data: { assignmentId: a.id, fromStatus: "returned", toStatus: "submitted", byPersonId: w.executor.id, at: later(800_000) } });
    expect(await notifyReviewers(t.db, outbox, later(900_000))).toBe(1);
    expect(outbox.to("700")).toHaveLength(2);
  });

  it("says nothing about evidence of an assignment that is no longer waiting", async () => {
    const w = await world();
    const a = await w.at(0, w.curated.id, "in_progress");
    await evidence(a.id, "link", T0, { url: "https://x.ru" });
    expect(await notifyReviewers(t.db, outbox, later(120_000))).toBe(0);
  });
});

describe("decisions", () => {
  it("accepts: verified with a status change, evidence accepted and kept, the executor told", async () => {
    const w = await world();
    const a = await w.at(0, w.curated.id);
    const e = await evidence(a.id, "file", T0, { fileName: "Справка.pdf" });
    const res = await acceptSubmission(t.db, outbox, { assignmentId: a.id, reviewerId: w.curator.id, now: later(1000) });
    expect(res).toEqual({ ok: true, itemKey: "1", executorTold: true });
    expect((await t.db.assignment.findUniqueOrThrow({ where: { id: a.id } })).status).toBe("verified");
    const changes = await t.db.statusChange.findMany({ where: { assignmentId: a.id } });
    expect(changes.map((c) => [c.fromStatus, c.toStatus, c.byPersonId])).toEqual([["submitted", "verified", w.curator.id]]);
    const ev = await t.db.evidence.findUniqueOrThrow({ where: { id: e.id } });
    expect([ev.status, ev.verifiedById, ev.fileName]).toEqual(["accepted", w.curator.id, "Справка.pdf"]);
    expect(outbox.to("100")[0]!.text).toContain("принято");
    // a second press (an outdated card) changes nothing
    expect(await acceptSubmission(t.db, outbox, { assignmentId: a.id, reviewerId: w.curator.id, now: later(2000) })).toEqual({ ok: false, error: "not_submitted" });
    expect(await t.db.statusChange.count()).toBe(1);
  });

  it("decides a multi item's parts with it: accept closes every part done, a return reopens the last", async () => {
    const w = await world();
    const accepted = await w.at(0, w.curated.id);
    const returned = await w.at(1, w.curated.id);
    for (const a of [accepted, returned]) {
      await t.db.checkpointStatus.createMany({
        data: [
          { assignmentId: a.id, checkpoint: "2023-03-31", status: "submitted" },
          { assignmentId: a.id, checkpoint: "2023-12-31", status: "submitted" },
        ],
      });
    }
    await acceptSubmission(t.db, outbox, { assignmentId: accepted.id, reviewerId: w.curator.id, now: T0 });
    await returnSubmission(t.db, outbox, { assignmentId: returned.id, reviewerId: w.curator.id, now: T0, comment: "Нет протокола" });
    const parts = async (id: number) => (await t.db.checkpointStatus.findMany({ where: { assignmentId: id }, orderBy: { checkpoint: "asc" } })).map((c) => c.status);
    expect(await parts(accepted.id)).toEqual(["verified", "verified"]);
    expect(await parts(returned.id)).toEqual(["submitted", "returned"]);
  });

  it("returns with a comment that reaches the executor", async () => {
    const w = await world();
    const a = await w.at(0, null);
    await evidence(a.id, "link", T0, { url: "https://x.ru" });
    expect(await returnSubmission(t.db, outbox, { assignmentId: a.id, reviewerId: w.deputy.id, now: later(1000), comment: "  " })).toEqual({ ok: false, error: "empty_comment" });
    const res = await returnSubmission(t.db, outbox, { assignmentId: a.id, reviewerId: w.deputy.id, now: later(1000), comment: "Нет <подписи>" });
    expect(res.ok).toBe(true);
    expect((await t.db.assignment.findUniqueOrThrow({ where: { id: a.id } })).status).toBe("returned");
    const change = await t.db.statusChange.findFirstOrThrow({ where: { assignmentId: a.id } });
    expect([change.toStatus, change.comment]).toEqual(["returned", "Нет <подписи>"]);
    expect(outbox.to("100")[0]!.text).toContain("Нет &lt;подписи&gt;");
    expect((await t.db.evidence.findFirstOrThrow()).status).toBe("returned");
  });

  it("refuses people outside the item's scope and changes nothing", async () => {
    const w = await world();
    const a = await w.at(0, w.uncurated.id);
    const other = await person("Посторонний", "555");
    expect(await acceptSubmission(t.db, outbox, { assignmentId: a.id, reviewerId: other.id, now: T0 })).toEqual({ ok: false, error: "forbidden" });
    expect(await acceptSubmission(t.db, outbox, { assignmentId: a.id, reviewerId: w.curator.id, now: T0 })).toEqual({ ok: false, error: "forbidden" });
    expect(await acceptSubmission(t.db, outbox, { assignmentId: a.id, reviewerId: w.executor.id, now: T0 })).toEqual({ ok: false, error: "forbidden" });
    expect(await acceptSubmission(t.db, outbox, { assignmentId: 9999, reviewerId: w.coordinator.id, now: T0 })).toEqual({ ok: false, error: "not_found" });
    expect((await t.db.assignment.findUniqueOrThrow({ where: { id: a.id } })).status).toBe("submitted");
    expect(await t.db.statusChange.count()).toBe(0);
    expect(outbox.sent).toHaveLength(0);
    // the coordinator may always step in
    expect((await acceptSubmission(t.db, outbox, { assignmentId: a.id, reviewerId: w.coordinator.id, now: T0 })).ok).toBe(true);
  });

  it("lists for /verify what is routed to the person", async () => {
    const w = await world();
    const a1 = await w.at(0, w.curated.id);
    const a2 = await w.at(1, w.uncurated.id);
    await w.at(2, w.curated.id, "in_progress");
    await evidence(a1.id, "link", T0, { url: "https://x.ru" });
    expect((await listForReview(t.db, w.curator.id)).map((e) => e.assignmentId)).toEqual([a1.id]);
    expect((await listForReview(t.db, w.deputy.id)).map((e) => e.assignmentId)).toEqual([a2.id]);
    expect(await listForReview(t.db, w.coordinator.id)).toEqual([]);
    expect(await listForReview(t.db, w.executor.id)).toEqual([]);
    const [entry] = await listForReview(t.db, w.curator.id);
    expect(entry!.evidence.map((e) => e.url)).toEqual(["https://x.ru"]);
  });
});
