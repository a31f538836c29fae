import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "./support/db.ts";
import { buildFixture, TODAY, type Fixture } from "./export-fixture.ts";
import { loadDoneOverTime, loadProgress, loadProgressSummary, RoadmapNotFound } from "../services/progress.ts";

let t: TestDb;
let f: Fixture;
beforeEach(async () => {
  t = await createTestDb();
  f = await buildFixture(t.db);
});
afterEach(async () => {
  await t.close();
});

describe("loadProgress", () => {
  it("gives one row per assignment and one for an item nobody is assigned to, in document order", async () => {
    const p = await loadProgress(t.db, { roadmapId: f.roadmapId, today: TODAY });
    expect(p.rows.map((r) => r.itemKey)).toEqual(["1", "2", "2", "3", "4", "5", "6", "6", "7", "8"]);
    const byAssignment = new Map(p.rows.map((r) => [r.assignmentId, r]));
    const shown = (id: number) => byAssignment.get(id)!.shown;
    expect(shown(f.assignments.a1!)).toBe("verified");
    expect(shown(f.assignments.a2a!)).toBe("in_progress");
    expect(shown(f.assignments.a3!)).toBe("submitted");
    // returned and past due: overdue is derived
    expect(shown(f.assignments.a5!)).toBe("overdue");
    expect(byAssignment.get(f.assignments.a5!)!.status).toBe("returned");
    expect(shown(f.assignments.a6!)).toBe("overdue");
    // an approved postponement moves the due date past today
    expect(byAssignment.get(f.assignments.a6b!)!.due).toBe("2023-06-15");
    expect(shown(f.assignments.a6b!)).toBe("postponed");
    expect(shown(f.assignments.a7!)).toBe("cancelled");
    // multi: first checkpoint closed, so the next one (June) counts and it is not overdue
    expect(byAssignment.get(f.assignments.a8!)!.due).toBe("2023-06-30");
    expect(shown(f.assignments.a8!)).toBe("in_progress");

    const unassigned = p.rows.find((r) => r.itemKey === "4")!;
    expect(unassigned.assignmentId).toBeNull();
    expect(unassigned.executor).toBeNull();
    expect(unassigned.shown).toBe("not_started");
  });

  it("fills executor, school, done date (local day), evidence, verification and last comment", async () => {
    const p = await loadProgress(t.db, { roadmapId: f.roadmapId, today: TODAY });
    const r1 = p.rows.find((r) => r.assignmentId === f.assignments.a1)!;
    expect(r1.executor?.name).toBe("Полухина Е.А.");
    expect(r1.doneOn).toBe("2023-03-30");
    expect(r1.evidence.map((e) => e.url)).toEqual(["https://skovorodino-edu.ru/roadmap-2023"]);
    expect(r1.verification).toMatchObject({ status: "accepted", by: "Бутусова О.В." });
    expect(r1.lastComment?.text).toBe("Принято, спасибо");
    const r2b = p.rows.find((r) => r.assignmentId === f.assignments.a2b)!;
    expect(r2b.school?.id).toBe(f.schools.s2);
    expect(r2b.evidence[0]).toMatchObject({ kind: "file", fileName: "Анализ ВПР.pdf", storagePath: "evidence/2023/analiz-vpr.pdf" });
    const r3 = p.rows.find((r) => r.assignmentId === f.assignments.a3)!;
    expect(r3.verification?.status).toBe("pending");
    const r5 = p.rows.find((r) => r.assignmentId === f.assignments.a5)!;
    expect(r5.verification).toMatchObject({ status: "returned", comment: "Нет подписи" });
  });

  it("counts totals, per section and per school", async () => {
    const p = await loadProgress(t.db, { roadmapId: f.roadmapId, today: TODAY });
    expect(p.totals).toMatchObject({
      total: 10,
      done: 2,
      inProgress: 2,
      submitted: 1,
      overdue: 2,
      notStarted: 1,
      returned: 0,
      postponed: 1,
      cancelled: 1,
      unassigned: 2,
      percentDone: 22, // 2 of 9 live rows
      items: 8,
      itemsDone: 1,
    });
    expect(p.bySection.map((s) => [s.title, s.counts.total, s.counts.done, s.counts.overdue])).toEqual([
      ["Организационно-управленческие мероприятия", 5, 2, 0],
      ["Мониторинг деятельности ШНОР", 5, 0, 2],
    ]);
    expect(p.bySection[0]!.counts.percentDone).toBe(40);
    expect(p.bySchool.map((s) => [s.schoolId, s.counts.total, s.counts.done, s.counts.overdue, s.counts.postponed])).toEqual([
      [f.schools.s1, 3, 0, 1, 1],
      [f.schools.s2, 2, 1, 1, 0],
    ]);
  });

  it("gives /roadmap's summary (a school's counts by SQL) the same figures as the rows, whatever the day, schools and confirmation", async () => {
    // what the fixture lacks: work without a school, a multi-part item's work at a school with other work, a status Веха never writes
    const other = await t.db.assignment.findUniqueOrThrow({ where: { id: f.assignments.a8! } });
    await t.db.assignment.create({ data: { itemId: other.itemId, schoolId: f.schools.s2, status: "submitted" } });
    await t.db.assignment.update({ where: { id: f.assignments.a2b! }, data: { schoolId: null } });
    await t.db.assignment.update({ where: { id: f.assignments.a6! }, data: { status: "hand-edited" } });
    const figures = (p: { totals: unknown; bySection: unknown; bySchool: unknown }) => ({ totals: p.totals, bySection: p.bySection, bySchool: p.bySchool });
    for (const needsVerification of [true, false]) {
      await t.db.roadmap.update({ where: { id: f.roadmapId }, data: { needsVerification } });
      for (const today of ["2022-12-01", TODAY, "2023-07-01", "2024-01-01"])
        for (const schoolIds of [undefined, [f.schools.s1], [f.schools.s2], [f.schools.s1, f.schools.s2], []]) {
          const q = { roadmapId: f.roadmapId, today, ...(schoolIds ? { schoolIds } : {}) };
          expect(figures(await loadProgressSummary(t.db, q)), JSON.stringify({ needsVerification, q })).toEqual(figures(await loadProgress(t.db, q)));
        }
    }
  });

  it("narrows to a curator's schools and leaves unassigned items out", async () => {
    const p = await loadProgress(t.db, { roadmapId: f.roadmapId, schoolIds: [f.schools.s2], today: TODAY });
    expect(p.rows.map((r) => r.assignmentId)).toEqual([f.assignments.a2b, f.assignments.a6]);
    expect(p.totals).toMatchObject({ total: 2, done: 1, overdue: 1, percentDone: 50 });
    expect(p.bySchool.map((s) => s.schoolId)).toEqual([f.schools.s2]);
  });

  it("sees the same rows as overdue later and counts done once verified", async () => {
    await t.db.assignment.update({ where: { id: f.assignments.a2a! }, data: { status: "verified" } });
    const p = await loadProgress(t.db, { roadmapId: f.roadmapId, today: "2023-07-01" });
    const a8 = p.rows.find((r) => r.assignmentId === f.assignments.a8)!;
    expect(a8.shown).toBe("overdue");
    expect(p.totals.itemsDone).toBe(2);
    expect(p.totals.done).toBe(3);
  });

  it("counts submitted as done where the roadmap needs no confirmation", async () => {
    await t.db.roadmap.update({ where: { id: f.roadmapId }, data: { needsVerification: false } });
    const p = await loadProgress(t.db, { roadmapId: f.roadmapId, today: TODAY });
    expect(p.totals.done).toBe(3);
    expect(p.totals.submitted).toBe(0);
    // nobody is asked to review: the row does not wait for anyone
    expect(p.rows.find((r) => r.assignmentId === f.assignments.a3)!.verification).toBeNull();
  });

  it("leaves out items a re-import removed", async () => {
    await t.db.item.updateMany({ where: { roadmapId: f.roadmapId, key: "7" }, data: { removedAt: new Date() } });
    const p = await loadProgress(t.db, { roadmapId: f.roadmapId, today: TODAY });
    expect(p.rows.some((r) => r.itemKey === "7")).toBe(false);
    expect(p.totals.cancelled).toBe(0);
  });

  it("takes the latest comment from a check-in when it is newer than the last status change", async () => {
    await t.db.checkin.create({ data: { assignmentId: f.assignments.a2a!, period: "2023-05", comment: "Проведено 2 из 4 занятий", createdAt: new Date("2023-05-08T01:00:00Z") } });
    await t.db.checkin.create({ data: { assignmentId: f.assignments.a1!, period: "2023-03", comment: "старый отчёт", createdAt: new Date("2023-03-01T01:00:00Z") } });
    const p = await loadProgress(t.db, { roadmapId: f.roadmapId, today: TODAY });
    expect(p.rows.find((r) => r.assignmentId === f.assignments.a2a)!.lastComment?.text).toBe("Проведено 2 из 4 занятий");
    expect(p.rows.find((r) => r.assignmentId === f.assignments.a1)!.lastComment?.text).toBe("Принято, спасибо");
  });

  it("refuses an unknown roadmap", async () => {
    await expect(loadProgress(t.db, { roadmapId: 9999, today: TODAY })).rejects.toBeInstanceOf(RoadmapNotFound);
  });
});

describe("loadDoneOverTime", () => {
  it("accumulates done assignments by the roadmap's local day", async () => {
    expect(await loadDoneOverTime(t.db, { roadmapId: f.roadmapId })).toEqual([
      { date: "2023-03-31", done: 1 },
      { date: "2023-05-06", done: 2 },
    ]);
  });

  it("takes back an assignment that left done", async () => {
    await t.db.statusChange.create({ data: { assignmentId: f.assignments.a1!, fromStatus: "verified", toStatus: "returned", at: new Date("2023-05-07T01:00:00Z") } });
    const s = await loadDoneOverTime(t.db, { roadmapId: f.roadmapId });
    expect(s.at(-1)).toEqual({ date: "2023-05-07", done: 1 });
  });

  it("narrows to schools", async () => {
    expect(await loadDoneOverTime(t.db, { roadmapId: f.roadmapId, schoolIds: [f.schools.s1] })).toEqual([]);
  });
});
