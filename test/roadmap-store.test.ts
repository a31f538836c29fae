import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ImportResult, ImportedItem } from "../core/types.ts";
import { loadSavedItems, roadmapIdentity, saveImport } from "../services/roadmap-store.ts";
import { createTestDb, type TestDb } from "./support/db.ts";
import { districtPlace, sameSchool, schoolFlagsIn, schoolKey, searchText } from "../core/schools.ts";

function item(key: string, over: Partial<ImportedItem> = {}): ImportedItem {
  return {
    key,
    number: key,
    section: null,
    title: `Мероприятие ${key}`,
    result: `Результат ${key}`,
    deadline: { text: "Июнь 2023", kind: "date", start: null, due: "2023-06-30", checkpoints: ["2023-06-30"], every: null },
    responsible: [{ text: "Руководители ОО", kind: "role", name: "Руководители ОО", note: null }],
    evidence: null,
    flags: [],
    ...over,
  };
}

function bodaibo(items: ImportedItem[]): ImportResult {
  return {
    roadmap: {
      id: null,
      title: "Об организации сопровождения общеобразовательных организаций",
      orderNumber: "490",
      orderDate: "2023-06-14",
      authority: "Управление образования администрации МО г. Бодайбо и района",
      years: [2023, 2024],
      timezone: "Asia/Irkutsk",
      controller: "Бутусова О.В.",
      schools: ["МКОУ «СОШ №3 г.Бодайбо»", "МКОУ «СОШ № 3»", "МКОУ «ООШ № 4 г.Бодайбо»"],
      curators: [
        { school: "МКОУ «СОШ № 3»", curator: "МКОУ «Мамаканская СОШ»", curatorKind: "organization" },
        { school: "МКОУ «ООШ № 4 г.Бодайбо»", curator: "Ваулина А.В.", curatorKind: "person", position: "директор" },
      ],
      schoolFlags: [{ school: "МКОУ «СОШ №3 г.Бодайбо»", shnor: true }],
    },
    items,
    warnings: [{ item: "2", row: 12, message: "deadline before the order's date" }],
  };
}

const three = () => [
  item("1", { section: "Мониторинг деятельности школ" }),
  item("2", {
    section: "Мониторинг деятельности школ",
    title: "Анализ итогов ЁЛКИ",
    responsible: [{ text: "Е.А. Полухина, главный специалист", kind: "person", name: "Полухина Е.А.", note: null, position: "главный специалист" }],
  }),
  item("3", { section: "Инфраструктура" }),
];

describe("saveImport", () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createTestDb();
  });
  afterEach(async () => {
    await t.close();
  });

  it("saves the roadmap, its sections, items, warnings, schools, people, controller role and curators", async () => {
    const out = await saveImport(t.db, bodaibo(three()), { activeFrom: "2023-06-20", sourceName: "bodaibo.docx" });
    expect(out).toMatchObject({ created: true, itemsAdded: 3, itemsUpdated: 0, itemsRemoved: 0 });
    const rm = await t.db.roadmap.findUniqueOrThrow({ where: { id: out.roadmapId } });
    expect(rm).toMatchObject({ status: "active", activeFrom: "2023-06-20", timezone: "Asia/Irkutsk", orderNumber: "490", sourceName: "bodaibo.docx" });
    expect(JSON.parse(rm.years)).toEqual([2023, 2024]);

    const sections = await t.db.section.findMany({ where: { roadmapId: out.roadmapId }, orderBy: { position: "asc" } });
    expect(sections.map((s) => s.title)).toEqual(["Мониторинг деятельности школ", "Инфраструктура"]);
    const items = await t.db.item.findMany({ where: { roadmapId: out.roadmapId }, orderBy: { position: "asc" } });
    expect(items.map((i) => i.key)).toEqual(["1", "2", "3"]);
    expect(items[0]!.sectionId).toBe(sections[0]!.id);
    expect(items[2]!.sectionId).toBe(sections[1]!.id);
    expect(items[1]!.search).toContain("анализ итогов елки"); // ё→е, lower-cased in code
    expect(JSON.parse(items[1]!.checkpoints)).toEqual(["2023-06-30"]);
    expect(await t.db.importWarning.count({ where: { roadmapId: out.roadmapId } })).toBe(1);

    // «СОШ №3 г.Бодайбо» and «СОШ № 3» of the Bodaibo authority are one school
    const schools = await t.db.organization.findMany({ where: { kind: "school" }, orderBy: { id: "asc" } });
    expect(schools.map((s) => s.schoolKey)).toEqual(["сош|3|бодайб", "оош|4|бодайб", "сош||мамакан"]);
    expect(schools[0]!.isShnor).toBe(true);
    expect(await t.db.organization.count({ where: { kind: "authority" } })).toBe(1);

    const people = await t.db.person.findMany({ orderBy: { id: "asc" } });
    expect(people.map((p) => p.shortName)).toEqual(["Бутусова О.В.", "Ваулина А.В.", "Полухина Е.А."]);
    expect(people[2]!.position).toBe("главный специалист");
    expect(people[2]!.search).toBe("полухина е.а. полухина е.а. главный специалист"); // as services/people.ts builds it
    expect(rm.controllerId).toBe(people[0]!.id);
    const roles = await t.db.personRole.findMany({ where: { roadmapId: out.roadmapId }, orderBy: { id: "asc" } });
    expect(roles.map((r) => [r.personId, r.role])).toEqual([
      [people[1]!.id, "curator"],
      [people[0]!.id, "deputy"],
    ]);
    const curatorships = await t.db.curatorship.findMany({ where: { roadmapId: out.roadmapId }, orderBy: { id: "asc" } });
    expect(curatorships.map((c) => [c.schoolId, c.personId, c.curatorOrgId])).toEqual([
      [schools[0]!.id, null, schools[2]!.id],
      [schools[1]!.id, people[1]!.id, null],
    ]);
    expect((await loadSavedItems(t.db, out.roadmapId))[1]!.responsible[0]!.name).toBe("Полухина Е.А.");
  });

  it("re-importing the same document changes nothing and duplicates nothing", async () => {
    const first = await saveImport(t.db, bodaibo(three()), { activeFrom: "2023-06-20", sourceName: "a.docx" });
    const ids = await t.db.item.findMany({ select: { id: true, key: true }, orderBy: { id: "asc" } });
    const again = await saveImport(t.db, bodaibo(three()), { activeFrom: "2023-07-01", sourceName: "a.txt" });
    expect(again).toEqual({
      roadmapId: first.roadmapId,
      created: false,
      itemsAdded: 0,
      itemsUpdated: 0,
      itemsRemoved: 0,
      itemsMoved: 0,
      matchedBy: "identity",
      diff: { moved: [], added: [], removed: [], restored: [], reworded: [], changed: 0, unchanged: 3 },
    });
    expect(await t.db.item.findMany({ select: { id: true, key: true }, orderBy: { id: "asc" } })).toEqual(ids);
    expect(await t.db.roadmap.count()).toBe(1);
    expect(await t.db.section.count()).toBe(2);
    expect(await t.db.person.count()).toBe(3);
    expect(await t.db.organization.count()).toBe(4);
    expect(await t.db.curatorship.count()).toBe(2);
    expect(await t.db.personRole.count()).toBe(2);
    expect(await t.db.importWarning.count()).toBe(1);
    // an active roadmap keeps its earlier activation: reminders already due are not silenced
    expect((await t.db.roadmap.findUniqueOrThrow({ where: { id: first.roadmapId } })).activeFrom).toBe("2023-06-20");
  });

  it("keeps item ids, marks removed items, and keeps an assignment with its evidence across a re-import", async () => {
    const first = await saveImport(t.db, bodaibo(three()), { activeFrom: "2023-06-20", sourceName: "a.docx" });
    const two = await t.db.item.findUniqueOrThrow({ where: { roadmapId_key: { roadmapId: first.roadmapId, key: "2" } } });
    const three_ = await t.db.item.findUniqueOrThrow({ where: { roadmapId_key: { roadmapId: first.roadmapId, key: "3" } } });
    const person = await t.db.person.findFirstOrThrow({ where: { shortName: "Полухина Е.А." } });
    const a2 = await t.db.assignment.create({ data: { itemId: two.id, personId: person.id, status: "submitted" } });
    await t.db.evidence.create({ data: { assignmentId: a2.id, kind: "link", url: "https://example.org/report" } });
    const a3 = await t.db.assignment.create({ data: { itemId: three_.id, personId: person.id, status: "in_progress" } });

    // the new version: item 2 reworded, item 3 gone, item 4 new
    const next = [three()[0]!, { ...three()[1]!, title: "Анализ итогов 2022 года" }, item("4", { section: "Инфраструктура" })];
    const out = await saveImport(t.db, bodaibo(next), { activeFrom: "2023-06-20", sourceName: "a.docx", now: new Date("2023-09-01T00:00:00Z") });
    expect(out).toMatchObject({ roadmapId: first.roadmapId, created: false, itemsAdded: 1, itemsUpdated: 1, itemsRemoved: 1, itemsMoved: 0, matchedBy: "identity" });
    expect(out.diff).toEqual({
      moved: [],
      added: [{ key: "4", title: "Мероприятие 4" }],
      removed: [{ key: "3", title: "Мероприятие 3", itemId: three_.id }],
      restored: [],
      reworded: [{ key: "2", from: "Анализ итогов ЁЛКИ", to: "Анализ итогов 2022 года", itemId: two.id }],
      changed: 1,
      unchanged: 1,
    });

    const after2 = await t.db.item.findUniqueOrThrow({ where: { id: two.id }, include: { assignments: { include: { evidence: true } } } });
    expect(after2.title).toBe("Анализ итогов 2022 года");
    expect(after2.assignments.map((a) => [a.id, a.status])).toEqual([[a2.id, "submitted"]]);
    expect(after2.assignments[0]!.evidence.map((e) => e.url)).toEqual(["https://example.org/report"]);
    const after3 = await t.db.item.findUniqueOrThrow({ where: { id: three_.id }, include: { assignments: true } });
    expect(after3.removedAt?.toISOString()).toBe("2023-09-01T00:00:00.000Z");
    expect(after3.assignments.map((a) => a.id)).toEqual([a3.id]);
    expect((await loadSavedItems(t.db, first.roadmapId)).map((i) => i.key)).toEqual(["1", "2", "4"]);

    // and back again: item 3 returns with its old id, item 4 is removed in turn
    const back = await saveImport(t.db, bodaibo(three()), { activeFrom: "2023-06-20", sourceName: "a.docx" });
    expect(back).toMatchObject({ itemsAdded: 0, itemsRemoved: 1 });
    const again3 = await t.db.item.findUniqueOrThrow({ where: { id: three_.id } });
    expect(again3.removedAt).toBeNull();
    expect(await t.db.item.count()).toBe(4);
  });

  it("reuses people already known by their full name, and never a removed one", async () => {
    const known = await t.db.person.create({
      data: { fullName: "Полухина Елена Алексеевна", shortName: "Полухина Е. А.", search: "полухина елена алексеевна полухина е. а." },
    });
    const gone = await t.db.person.create({ data: { fullName: "Бутусова Ольга Викторовна", shortName: "Бутусова О.В.", removedAt: new Date("2023-01-01T00:00:00Z") } });
    await saveImport(t.db, bodaibo(three()), { activeFrom: "2023-06-20", sourceName: "a.docx" });
    const polukhina = await t.db.person.findMany({ where: { search: { startsWith: "полухина" } } });
    expect(polukhina.map((p) => [p.id, p.position])).toEqual([[known.id, "главный специалист"]]);
    const butusova = await t.db.person.findMany({ where: { shortName: "Бутусова О.В." }, orderBy: { id: "asc" } });
    expect(butusova.map((p) => p.id)).toEqual([gone.id, expect.any(Number)]);
    expect(butusova[1]!.id).not.toBe(gone.id);
  });

  it("moves the deputy role when a new version names another controller", async () => {
    const first = await saveImport(t.db, bodaibo(three()), { activeFrom: "2023-06-20", sourceName: "a.docx" });
    const next = bodaibo(three());
    next.roadmap.controller = "Гребенюк А.В.";
    await saveImport(t.db, next, { activeFrom: "2023-06-20", sourceName: "a.docx" });
    const deputies = await t.db.personRole.findMany({ where: { roadmapId: first.roadmapId, role: "deputy" }, include: { person: true } });
    expect(deputies.map((d) => d.person.shortName)).toEqual(["Гребенюк А.В."]);
    const rm = await t.db.roadmap.findUniqueOrThrow({ where: { id: first.roadmapId }, include: { controller: true } });
    expect(rm.controller?.shortName).toBe("Гребенюк А.В.");
  });

  it("identifies a roadmap without order details by its content", async () => {
    const noOrder = (items: ImportedItem[]): ImportResult => {
      const r = bodaibo(items);
      return { ...r, roadmap: { ...r.roadmap, orderNumber: null, orderDate: null, controller: null } };
    };
    expect(roadmapIdentity(noOrder(three()))).toMatch(/^content:[0-9a-f]{64}$/);
    const a = await saveImport(t.db, noOrder(three()), { activeFrom: null, sourceName: "a.csv" });
    const b = await saveImport(t.db, noOrder(three()), { activeFrom: null, sourceName: "a.csv" });
    expect(b.roadmapId).toBe(a.roadmapId);
    expect((await t.db.roadmap.findUniqueOrThrow({ where: { id: a.roadmapId } })).status).toBe("draft");
    const c = await saveImport(t.db, noOrder([item("1")]), { activeFrom: null, sourceName: "b.csv" });
    expect(c.created).toBe(true);
    expect(await t.db.roadmap.count()).toBe(2);
  });

  it("refuses an import with duplicate keys and leaves the database untouched", async () => {
    await expect(saveImport(t.db, bodaibo([item("1"), item("1")]), { activeFrom: null, sourceName: "x" })).rejects.toThrow(/two items with the key "1"/);
    expect(await t.db.roadmap.count()).toBe(0);
  });
});

describe("school identity", () => {
  const bodaiboAuthority = "Управление образования администрации МО г. Бодайбо и района";
  it("keys type, number and place, whatever the legal form, spelling and «им. …»", () => {
    expect(schoolKey("МКОУ «СОШ №3 г.Бодайбо»")).toBe("сош|3|бодайб");
    expect(schoolKey("Средняя общеобразовательная школа № 3 г. Бодайбо")).toBe("сош|3|бодайб");
    expect(schoolKey("МБОУ СОШ с. Тахтамыгда им. Н.К. Магницкого")).toBe("сош||тахтамыгд");
    expect(schoolKey("МБОУ ООШ ж.д. ст. Мадалан")).toBe("оош||мадалан");
    expect(schoolKey("МКОУ «Мамаканская СОШ»")).toBe("сош||мамакан");
    expect(schoolKey("МОУ «Средняя общеобразовательная школа №4 г. Боровск-1»")).toBe("сош|4|боровск-1");
    expect(schoolKey("МОБУ «Средняя общеобразовательная ноосферная школа»")).toBe("сош||~средняя общеобразовательная ноосферная школа");
    expect(schoolKey("Управление образования")).toBeNull();
    expect(schoolKey("НИМРО")).toBeNull();
  });
  it("implies the authority's district for a numbered school that names no place", () => {
    expect(schoolKey("МКОУ «СОШ № 3»")).toBe("сош|3|");
    expect(schoolKey("МКОУ «СОШ № 3»", bodaiboAuthority)).toBe("сош|3|бодайб");
    expect(districtPlace("МКУ «Управление образованием Баганского района»")).toBe("баган");
    expect(districtPlace("Отдел образования администрации муниципального образования муниципального района «Боровский район»")).toBe("боров");
    expect(districtPlace("Управление образования администрации Сковородинского муниципального округа")).toBe("сковородин");
  });
  it("matches the same school written differently, and only it", () => {
    expect(sameSchool("МКОУ «СОШ №3 г.Бодайбо»", "МКОУ «СОШ № 3»")).toBe(true); // no place: a wildcard
    expect(sameSchool("МКОУ «СОШ №3 г.Бодайбо»", "МКОУ «СОШ № 3»", bodaiboAuthority)).toBe(true);
    expect(sameSchool("МОУ «СОШ №2 г. Боровск»", "СОШ № 2", "Отдел образования района «Боровский район»")).toBe(true);
    expect(sameSchool("СОШ № 4 г. Боровск-1", "СОШ № 4 г. Боровск")).toBe(false);
    expect(sameSchool("МКОУ «СОШ №3 г.Бодайбо»", "МКОУ «ООШ № 3 г.Бодайбо»")).toBe(false);
    expect(sameSchool("МКОУ «СОШ №3 г.Бодайбо»", "МКОУ «СОШ №3 г. Сковородино»")).toBe(false);
    expect(sameSchool("МБОУ СОШ с. Албазино", "МБОУ СОШ с. Джалинда")).toBe(false);
    expect(sameSchool("Школа № 5 г. Баган", "МКОУ «СОШ № 5 с. Баган»")).toBe(true); // the generic «школа» meets any type
  });
  it("forgives one slipped letter in a long place name, not in a short one or another village", () => {
    expect(sameSchool("МБОУ СОШ № 1 г. Сквородино", "МБОУ СОШ № 1 г. Сковородино")).toBe(true);
    expect(sameSchool("МБОУ СОШ с. Тахтамыгда", "МБОУ СОШ с. Тахтамыгды")).toBe(true);
    expect(sameSchool("МБОУ СОШ № 1 г. Сквородино", "МБОУ СОШ № 3 г. Сковородино")).toBe(false);
    expect(sameSchool("МБОУ СОШ с. Албазино", "МБОУ СОШ с. Алабзино")).toBe(true); // two letters swapped
    expect(sameSchool("МБОУ СОШ с. Ивановка", "МБОУ СОШ с. Петровка")).toBe(false);
    expect(sameSchool("МБОУ СОШ с. Уля", "МБОУ СОШ с. Уль")).toBe(false);
  });
  it("search text is lower-cased with ё as е", () => {
    expect(searchText("  Ёлкина   ЛИДИЯ Семёновна ")).toBe("елкина лидия семеновна");
  });
});

describe("school flags stated in a document", () => {
  it("flags the schools listed right after «низкими образовательными результатами» / «неблагоприятных социальных условиях»", () => {
    const text =
      "В Сквородинском муниципальном округе имеются общеобразовательные организации, вошедшие в перечень школ с низкими образовательными результатами по итогам 2022 года (МБОУ СОШ № 1 г. Сквородино, МБОУ СОШ с. Албазино, МБОУ СОШ с. Джалинда) и школ, функционирующих в неблагоприятных социальных условиях (МБОУ ООШ ж.д. ст. Мадалан, МБОУ СОШ с. Тахтамыгда им. Н.К. Магницкого, МБОУ СОШ с. Албазино), По итогам работы в 2022 году, участия в проекте «500+» МБОУ СОШ № 3 г. Сквородино вышла из перечня школ с низкими образовательными результатами.";
    const schools = ["МБОУ СОШ № 1 г. Сквородино", "МБОУ СОШ с. Албазино", "МБОУ СОШ с. Джалинда", "МБОУ ООШ ж.д. ст. Мадалан", "МБОУ СОШ с. Тахтамыгда им. Н.К. Магницкого", "МБОУ СОШ № 3 г. Сквородино"];
    expect(schoolFlagsIn(["Цель", text], schools)).toEqual([
      { school: "МБОУ СОШ № 1 г. Сквородино", shnor: true },
      { school: "МБОУ СОШ с. Албазино", shnor: true, shnsu: true },
      { school: "МБОУ СОШ с. Джалинда", shnor: true },
      { school: "МБОУ ООШ ж.д. ст. Мадалан", shnsu: true },
      { school: "МБОУ СОШ с. Тахтамыгда им. Н.К. Магницкого", shnsu: true },
    ]);
    expect(schoolFlagsIn(["школы группы риска (МКОУ «СОШ № 3»)"], ["МКОУ «СОШ №3 г.Бодайбо»"], "г. Бодайбо")).toEqual([{ school: "МКОУ «СОШ №3 г.Бодайбо»", risk: true }]);
  });
  it("flags the schools a sentence says were included in the list, not those that left it", () => {
    const bodaibo =
      "Распоряжением министерства «Об утверждении перечня общеобразовательных организаций Иркутской области с низкими образовательными результатами в 2023 году» в перечень общеобразовательных организаций Иркутской области с низкими образовательными результатами включена МКОУ «СОШ №3 г. Бодайбо». Куратором является МКОУ «Мамаканская СОШ».";
    const schools = ["МКОУ «СОШ № 3 г. Бодайбо»", "МКОУ «Мамаканская СОШ»", "МКОУ «ООШ № 4 г.Бодайбо»"];
    expect(schoolFlagsIn([bodaibo], schools, "г. Бодайбо")).toEqual([{ school: "МКОУ «СОШ № 3 г. Бодайбо»", shnor: true }]);
    expect(schoolFlagsIn(["Школы группы риска: МКОУ «ООШ № 4 г.Бодайбо», МКОУ «Мамаканская СОШ». МКОУ «СОШ № 3 г. Бодайбо» исключена из перечня ШНОР."], schools, "г. Бодайбо")).toEqual([
      { school: "МКОУ «ООШ № 4 г.Бодайбо»", risk: true },
      { school: "МКОУ «Мамаканская СОШ»", risk: true },
    ]);
  });
});
