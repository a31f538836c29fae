import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ImportResult, ImportedItem } from "../core/types.ts";
import { saveImport } from "../services/roadmap-store.ts";
import { previewReimport } from "../services/reimport.ts";
import { addCuratorship } from "../services/people.ts";
import { createTestDb, type TestDb } from "./support/db.ts";

// Re-importing a new version of a document: the work done (statuses, evidence, check-ins,
// history) stays with the action, whatever number the new version gives it.

const TITLES = {
  monitoring: "Мониторинг результатов ВПР в 5–8 классах и подготовка аналитической справки",
  report: "Подготовить отчёт о реализации программы антирисковых мер",
  methods: "Организация методического сопровождения учителей математики",
  councils: "Проведение педагогических советов по итогам учебного года",
  meeting: "Совещание с руководителями ОО по вопросам формирования функциональной грамотности",
  purchase: "Закупка лабораторного оборудования для кабинетов химии и физики",
};

function row(key: string, title: string, over: Partial<ImportedItem> = {}): ImportedItem {
  return {
    key,
    number: key,
    section: null,
    title,
    result: "Аналитическая справка",
    deadline: { text: "Июнь 2024", kind: "date", start: null, due: "2024-06-30", checkpoints: ["2024-06-30"], every: null },
    responsible: [{ text: "Руководители ОО", kind: "role", name: "Руководители ОО", note: null }],
    evidence: null,
    flags: [],
    ...over,
  };
}

function doc(items: ImportedItem[], over: Partial<ImportResult["roadmap"]> = {}): ImportResult {
  return {
    roadmap: {
      id: null,
      title: "План мероприятий по повышению качества образования в школах с низкими результатами",
      orderNumber: "57",
      orderDate: "2024-02-12",
      authority: "Отдел образования администрации Тарбагатайского района",
      years: [2024],
      timezone: "Asia/Irkutsk",
      controller: null,
      schools: [],
      curators: [],
      ...over,
    },
    items,
    warnings: [],
  };
}

const v1 = () => [row("1", TITLES.monitoring), row("2", TITLES.report), row("3", TITLES.methods)];

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.close();
});

/** Work on the item under this key: an executor submitted it with a link, said a word in a check-in, the history has it. */
async function workOn(roadmapId: number, key: string, url: string) {
  const item = await t.db.item.findUniqueOrThrow({ where: { roadmapId_key: { roadmapId, key } } });
  const person = await t.db.person.create({ data: { fullName: `Исполнитель ${key}`, shortName: `Исполнитель ${key}` } });
  const a = await t.db.assignment.create({ data: { itemId: item.id, personId: person.id, status: "submitted", doneAt: new Date("2024-05-20T03:00:00Z") } });
  await t.db.statusChange.create({ data: { assignmentId: a.id, fromStatus: "not_started", toStatus: "submitted", byPersonId: person.id } });
  const checkin = await t.db.checkin.create({ data: { assignmentId: a.id, period: "2024-05", status: "in_progress", comment: "справка готовится" } });
  await t.db.evidence.create({ data: { assignmentId: a.id, checkinId: checkin.id, kind: "link", url } });
  return { itemId: item.id, assignmentId: a.id };
}

/** key → [title, statuses, evidence urls, check-in comments, history] of the live items */
async function byKey(roadmapId: number) {
  const items = await t.db.item.findMany({
    where: { roadmapId, removedAt: null },
    include: { assignments: { include: { evidence: true, checkins: true, statusChanges: true } } },
    orderBy: { position: "asc" },
  });
  return Object.fromEntries(
    items.map((i) => [
      i.key,
      {
        title: i.title,
        number: i.number,
        statuses: i.assignments.map((a) => a.status),
        evidence: i.assignments.flatMap((a) => a.evidence.map((e) => e.url)),
        checkins: i.assignments.flatMap((a) => a.checkins.map((c) => c.comment)),
        history: i.assignments.flatMap((a) => a.statusChanges.map((c) => c.toStatus)),
      },
    ]),
  );
}

const none = { statuses: [], evidence: [], checkins: [], history: [] };
const done = (url: string) => ({ statuses: ["submitted"], evidence: [url], checkins: ["справка готовится"], history: ["submitted"] });

describe("re-import: the work stays with the action", () => {
  it("a row inserted at 2: the old 2 is now 3 with its status, evidence, check-in and history; the new 2 starts empty", async () => {
    const first = await saveImport(t.db, doc(v1()), { activeFrom: "2024-03-01", sourceName: "plan.docx" });
    const work = await workOn(first.roadmapId, "2", "https://school.example.org/report");

    const v2 = [row("1", TITLES.monitoring), row("2", TITLES.meeting), row("3", TITLES.report), row("4", TITLES.methods)];
    const preview = await previewReimport(t.db, doc(v2));
    expect(preview?.target).toMatchObject({ by: "identity", roadmap: { id: first.roadmapId } });
    expect(preview?.diff.moved.map((m) => `${m.from} → ${m.to}`)).toEqual(["2 → 3", "3 → 4"]);
    expect(preview?.diff.added.map((a) => a.key)).toEqual(["2"]);
    expect(preview?.work.get(work.itemId)).toBe(1);

    const out = await saveImport(t.db, doc(v2), { activeFrom: "2024-03-01", sourceName: "plan.docx" });
    expect(out).toMatchObject({ roadmapId: first.roadmapId, created: false, itemsAdded: 1, itemsUpdated: 0, itemsRemoved: 0, itemsMoved: 2 });
    expect(out.diff.moved).toEqual([
      { from: "2", to: "3", title: TITLES.report, itemId: work.itemId },
      { from: "3", to: "4", title: TITLES.methods, itemId: expect.any(Number) as number },
    ]);
    const after = await byKey(first.roadmapId);
    expect(after["2"]).toEqual({ title: TITLES.meeting, number: "2", ...none });
    expect(after["3"]).toEqual({ title: TITLES.report, number: "3", ...done("https://school.example.org/report") });
    expect(after["4"]).toMatchObject({ title: TITLES.methods, ...none });
    expect((await t.db.item.findUniqueOrThrow({ where: { id: work.itemId } })).key).toBe("3");
  });

  it("a row removed: the rows after it move up, the removed one keeps its work out of sight", async () => {
    const first = await saveImport(t.db, doc([...v1(), row("4", TITLES.councils)]), { activeFrom: "2024-03-01", sourceName: "plan.docx" });
    const removed = await workOn(first.roadmapId, "2", "https://school.example.org/2");
    await workOn(first.roadmapId, "4", "https://school.example.org/4");

    const out = await saveImport(t.db, doc([row("1", TITLES.monitoring), row("2", TITLES.methods), row("3", TITLES.councils)]), { activeFrom: "2024-03-01", sourceName: "plan.docx" });
    expect(out.diff.removed).toEqual([{ key: "2", title: TITLES.report, itemId: removed.itemId }]);
    expect(out.diff.moved.map((m) => `${m.from} → ${m.to}`)).toEqual(["3 → 2", "4 → 3"]);
    const after = await byKey(first.roadmapId);
    expect(Object.keys(after)).toEqual(["1", "2", "3"]);
    expect(after["2"]).toMatchObject({ title: TITLES.methods, ...none });
    expect(after["3"]).toMatchObject({ title: TITLES.councils, ...done("https://school.example.org/4") });
    // the removed action keeps its key and its work (nothing is deleted), out of every list
    const gone = await t.db.item.findUniqueOrThrow({ where: { id: removed.itemId }, include: { assignments: { include: { evidence: true } } } });
    expect(gone.removedAt).not.toBeNull();
    expect(gone.key).toBe("2~" + gone.id); // «2» is another action's key now
    expect(gone.assignments[0]!.evidence.map((e) => e.url)).toEqual(["https://school.example.org/2"]);
  });

  it("rows reordered: keys swap without ever colliding, work follows", async () => {
    const first = await saveImport(t.db, doc(v1()), { activeFrom: "2024-03-01", sourceName: "plan.docx" });
    await workOn(first.roadmapId, "2", "https://example.org/two");
    await workOn(first.roadmapId, "3", "https://example.org/three");
    const out = await saveImport(t.db, doc([row("1", TITLES.monitoring), row("2", TITLES.methods), row("3", TITLES.report)]), { activeFrom: "2024-03-01", sourceName: "plan.docx" });
    expect(out.diff.moved.map((m) => `${m.from} → ${m.to}`)).toEqual(["3 → 2", "2 → 3"]);
    const after = await byKey(first.roadmapId);
    expect(after["2"]).toMatchObject({ title: TITLES.methods, evidence: ["https://example.org/three"] });
    expect(after["3"]).toMatchObject({ title: TITLES.report, evidence: ["https://example.org/two"] });
  });

  it("a reworded row renumbered by an insertion keeps its work; the wording is shown", async () => {
    const first = await saveImport(t.db, doc(v1()), { activeFrom: "2024-03-01", sourceName: "plan.docx" });
    const work = await workOn(first.roadmapId, "2", "https://example.org/report");
    const reworded = "Подготовить аналитический отчёт о реализации программ антирисковых мер";
    const v2 = [row("1", TITLES.monitoring), row("2", TITLES.purchase), row("3", reworded, { deadline: { text: "Июль 2024", kind: "date", start: null, due: "2024-07-31", checkpoints: ["2024-07-31"], every: null } }), row("4", TITLES.methods)];
    const out = await saveImport(t.db, doc(v2), { activeFrom: "2024-03-01", sourceName: "plan.docx" });
    expect(out).toMatchObject({ itemsAdded: 1, itemsUpdated: 1, itemsRemoved: 0, itemsMoved: 2 });
    expect(out.diff.reworded).toEqual([{ key: "3", from: TITLES.report, to: reworded, itemId: work.itemId }]);
    const after = await byKey(first.roadmapId);
    expect(after["3"]).toMatchObject({ title: reworded, ...done("https://example.org/report") });
    expect((await t.db.item.findUniqueOrThrow({ where: { id: work.itemId } })).deadlineDue).toBe("2024-07-31");
    expect(after["2"]).toMatchObject({ title: TITLES.purchase, ...none });
  });

  it("an action dropped and later back returns with its work; a removed row never blocks a key", async () => {
    const first = await saveImport(t.db, doc(v1()), { activeFrom: "2024-03-01", sourceName: "plan.docx" });
    const work = await workOn(first.roadmapId, "3", "https://example.org/methods");
    // v2 drops «methods» (3); v3 gives key 3 to something else; v4 brings «methods» back as 4
    await saveImport(t.db, doc([row("1", TITLES.monitoring), row("2", TITLES.report)]), { activeFrom: "2024-03-01", sourceName: "plan.docx" });
    expect((await t.db.item.findUniqueOrThrow({ where: { id: work.itemId } })).key).toBe("3");
    await saveImport(t.db, doc([row("1", TITLES.monitoring), row("2", TITLES.report), row("3", TITLES.councils)]), { activeFrom: "2024-03-01", sourceName: "plan.docx" });
    expect((await t.db.item.findUniqueOrThrow({ where: { id: work.itemId } })).key).toBe(`3~${work.itemId}`);
    const back = await saveImport(t.db, doc([row("1", TITLES.monitoring), row("2", TITLES.report), row("3", TITLES.councils), row("4", TITLES.methods)]), { activeFrom: "2024-03-01", sourceName: "plan.docx" });
    expect(back.diff.restored).toEqual([{ from: `3~${work.itemId}`, to: "4", title: TITLES.methods, itemId: work.itemId }]);
    expect(back.itemsAdded).toBe(0);
    expect((await byKey(first.roadmapId))["4"]).toMatchObject({ title: TITLES.methods, ...done("https://example.org/methods") });
  });

  it("the canonical workbook's keys are the identity", async () => {
    const first = await saveImport(t.db, doc(v1()), { activeFrom: "2024-03-01", sourceName: "plan.docx" });
    const work = await workOn(first.roadmapId, "2", "https://example.org/report");
    const wb: ImportResult = { ...doc([row("1", TITLES.monitoring), row("2", TITLES.meeting), row("3", TITLES.report)]), origin: "workbook" };
    const out = await saveImport(t.db, wb, { activeFrom: "2024-03-01", sourceName: "plan.xlsx" });
    expect(out).toMatchObject({ itemsAdded: 0, itemsRemoved: 0, itemsMoved: 0 });
    const item = await t.db.item.findUniqueOrThrow({ where: { id: work.itemId } });
    expect([item.key, item.title]).toEqual(["2", TITLES.meeting]);
  });
});

describe("re-import: an edited document without an order number updates its roadmap", () => {
  const unnumbered = (items: ImportedItem[], over: Partial<ImportResult["roadmap"]> = {}) => doc(items, { orderNumber: null, orderDate: null, ...over });

  it("is found as a version of the saved roadmap, previewed as such and saved into it", async () => {
    const first = await saveImport(t.db, unnumbered([...v1(), row("4", TITLES.councils)]), { activeFrom: "2024-03-01", sourceName: "plan.xlsx" });
    const work = await workOn(first.roadmapId, "2", "https://example.org/report");
    const edited = unnumbered([row("1", TITLES.monitoring), row("2", TITLES.meeting), row("3", TITLES.report), row("4", TITLES.methods), row("5", TITLES.councils)]);

    const preview = await previewReimport(t.db, edited);
    expect(preview?.target).toMatchObject({ by: "similar", matched: 4, total: 5, roadmap: { id: first.roadmapId } });
    expect(preview?.diff.moved.find((m) => m.itemId === work.itemId)).toMatchObject({ from: "2", to: "3" });
    const out = await saveImport(t.db, edited, { activeFrom: "2024-04-01", sourceName: "plan-v2.xlsx" });
    expect(out).toMatchObject({ roadmapId: first.roadmapId, created: false, matchedBy: "similar", itemsAdded: 1, itemsMoved: 3 });
    expect(await t.db.roadmap.count()).toBe(1);
    expect((await byKey(first.roadmapId))["3"]).toMatchObject({ title: TITLES.report, ...done("https://example.org/report") });
    // saving the same edited file again finds it by its content at once
    expect(await saveImport(t.db, edited, { activeFrom: "2024-04-01", sourceName: "plan-v2.xlsx" })).toMatchObject({ roadmapId: first.roadmapId, matchedBy: "identity" });
  });

  it("«new» makes a separate roadmap; another authority, an archived roadmap or mostly other items are not versions", async () => {
    const first = await saveImport(t.db, unnumbered(v1()), { activeFrom: "2024-03-01", sourceName: "plan.xlsx" });
    const edited = unnumbered([...v1(), row("4", TITLES.councils)]);
    const separate = await saveImport(t.db, edited, { activeFrom: "2024-03-01", sourceName: "plan.xlsx", into: "new" });
    expect(separate.created).toBe(true);
    await t.db.roadmap.delete({ where: { id: separate.roadmapId } });

    const elsewhere = unnumbered([...v1(), row("4", TITLES.councils)], { authority: "Управление образования Кяхтинского района", title: "Комплекс мер по поддержке школ" });
    expect(await previewReimport(t.db, elsewhere)).toBeNull();
    const mostlyOther = unnumbered([row("1", TITLES.monitoring), row("2", TITLES.purchase), row("3", TITLES.councils), row("4", TITLES.meeting)]);
    expect(await previewReimport(t.db, mostlyOther)).toBeNull();
    await t.db.roadmap.update({ where: { id: first.roadmapId }, data: { status: "archived" } });
    expect(await previewReimport(t.db, edited)).toBeNull();
  });

  it("two different orders are never one roadmap, however alike", async () => {
    await saveImport(t.db, doc(v1()), { activeFrom: "2024-03-01", sourceName: "2024.docx" });
    const nextYear = doc(v1(), { orderNumber: "12", orderDate: "2025-01-20" });
    expect(await previewReimport(t.db, nextYear)).toBeNull();
    expect((await saveImport(t.db, nextYear, { activeFrom: "2025-02-01", sourceName: "2025.docx" })).created).toBe(true);
  });
});

describe("re-import: curators", () => {
  it("the document's curators are replaced; one appointed by hand for this roadmap stays", async () => {
    const withCurator = (curator: string) =>
      doc(v1(), { schools: ["МБОУ «СОШ № 4 с. Нижний Саянтуй»"], curators: [{ school: "МБОУ «СОШ № 4 с. Нижний Саянтуй»", curator, curatorKind: "person" }] });
    const first = await saveImport(t.db, withCurator("Лыкова Т.А."), { activeFrom: "2024-03-01", sourceName: "plan.docx" });
    const byHand = await t.db.person.create({ data: { fullName: "Бадмаева Сэсэг Цыреновна", shortName: "Бадмаева С.Ц." } });
    await addCuratorship(t.db, byHand.id, "МБОУ СОШ № 7 с. Тарбагатай", first.roadmapId);

    await saveImport(t.db, withCurator("Жамсуева Д.Б."), { activeFrom: "2024-03-01", sourceName: "plan.docx" });
    const curators = await t.db.curatorship.findMany({ where: { roadmapId: first.roadmapId }, include: { person: true, school: true }, orderBy: { id: "asc" } });
    expect(curators.map((c) => [c.person?.shortName, c.school.name])).toEqual([
      ["Бадмаева С.Ц.", "МБОУ СОШ № 7 с. Тарбагатай"],
      ["Жамсуева Д.Б.", "МБОУ «СОШ № 4 с. Нижний Саянтуй»"],
    ]);
  });
});
