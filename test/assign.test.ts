import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "./support/db.ts";
import { fold, positionHoldsRole, previewAssignments, resolveAllAssignments, resolveAssignments } from "../services/assign.ts";
import { assignByHand, movePersonAssignments, parseAssignArgs } from "../services/assign-by-hand.ts";
import { listUnassigned } from "../services/unassigned.ts";
import { removePerson } from "../services/remove-person.ts";
import type { ImportResult, ResponsibleParty } from "../core/types.ts";

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.close();
});

const role = (name: string, note: string | null = null): ResponsibleParty => ({ text: name, kind: "role", name, note });
const person = (name: string): ResponsibleParty => ({ text: name, kind: "person", name, note: null });
const org = (name: string, note: string | null = null): ResponsibleParty => ({ text: name, kind: "organization", name, note });

async function school(name: string) {
  return t.db.organization.create({ data: { name, kind: "school", search: fold(name) } });
}
async function addPerson(fullName: string, shortName: string, position: string | null, organizationId: number | null) {
  return t.db.person.create({ data: { fullName, shortName, position, organizationId, search: fold(`${fullName} ${shortName}`) } });
}
async function roadmap(schools: string[] = []) {
  return t.db.roadmap.create({
    data: { identity: `r${Math.random()}`, title: "Дорожная карта", timezone: "Asia/Yakutsk", contentHash: "h", status: "active", meta: JSON.stringify({ schools, curators: [] }) },
  });
}
async function item(roadmapId: number, key: string, responsible: ResponsibleParty[], position = 0) {
  return t.db.item.create({
    data: { roadmapId, key, number: key, title: `Мероприятие ${key}`, deadlineKind: "date", deadlineDue: "2023-06-30", position, responsible: JSON.stringify(responsible) },
  });
}

describe("positions and roles", () => {
  it("tells heads from deputies", () => {
    expect(positionHoldsRole("Руководители ОО", "Директор")).toBe(true);
    expect(positionHoldsRole("руководители общеобразовательных организаций", "директор школы")).toBe(true);
    expect(positionHoldsRole("Руководители ОО", "заместитель директора по УВР")).toBe(false);
    expect(positionHoldsRole("заместители директоров по УВР", "Заместитель директора по УВР")).toBe(true);
    expect(positionHoldsRole("заместители директоров по УВР", "заместитель директора по ВР")).toBe(false);
    expect(positionHoldsRole("педагогические работники", "директор")).toBe(false);
    expect(positionHoldsRole("Руководители ОО", null)).toBe(false);
    expect(positionHoldsRole("Директор", "директор")).toBe(true);
    expect(positionHoldsRole("директора школ", "Директор")).toBe(true);
    expect(positionHoldsRole("Классный руководитель", "директор")).toBe(false);
    expect(positionHoldsRole("Классный руководитель", "учитель, классный руководитель 5 класса")).toBe(true);
    expect(positionHoldsRole("Руководители ШМО", "директор")).toBe(false);
    expect(positionHoldsRole("Зам. директора по УВР", "заместитель директора по УВР")).toBe(true);
  });
});

describe("resolveAssignments", () => {
  it("fans a role out to the schools the document names, to the head of each; a person by short name; an organisation to its contacts", async () => {
    const s1 = await school("МБОУ СОШ № 1 г. Сковородино");
    const s2 = await school("МБОУ СОШ с. Албазино");
    await school("МБОУ ООШ с. Джалинда"); // in the directory, not named by this document
    const head1 = await addPerson("Петрова Анна Ивановна", "Петрова А.И.", "Директор", s1.id);
    await addPerson("Сидорова Ольга Павловна", "Сидорова О.П.", "заместитель директора по УВР", s2.id);
    const polukhina = await addPerson("Полухина Елена Александровна", "Полухина Е.А.", "главный специалист", null);
    const uo = await t.db.organization.create({ data: { name: "Управление образования", kind: "authority" } });
    const contact = await addPerson("Бутусова Ольга Владимировна", "Бутусова О.В.", "заместитель начальника", uo.id);
    await t.db.organizationContact.create({ data: { organizationId: uo.id, personId: contact.id } });

    const r = await roadmap(["МБОУ СОШ № 1 г. Сковородино", "МБОУ СОШ с. Албазино"]);
    const i1 = await item(r.id, "1", [role("Руководители ОО")], 1);
    const i2 = await item(r.id, "2", [{ ...person("Полухина Е.А."), text: "Е.А. Полухина, главный специалист" }], 2);
    const i3 = await item(r.id, "3", [org("Управление образования"), org("НИМРО")], 3);
    const i4 = await item(r.id, "4", [role("Руководители ОО"), org("Управление образования", "(контроль)")], 4);

    const summary = await resolveAssignments(t.db, r.id);
    const rows = await t.db.assignment.findMany({ orderBy: [{ itemId: "asc" }, { id: "asc" }] });
    const of = (itemId: number) => rows.filter((a) => a.itemId === itemId).map((a) => ({ personId: a.personId, schoolId: a.schoolId, partyText: a.partyText }));
    expect(of(i1.id)).toEqual([
      { personId: head1.id, schoolId: s1.id, partyText: "Руководители ОО" },
      { personId: null, schoolId: s2.id, partyText: "Руководители ОО" }, // only a deputy there: unresolved
    ]);
    expect(of(i2.id)).toEqual([{ personId: polukhina.id, schoolId: null, partyText: "Полухина Е.А." }]);
    expect(of(i3.id)).toEqual([
      { personId: contact.id, schoolId: null, partyText: "Управление образования" },
      { personId: null, schoolId: null, partyText: "НИМРО" },
    ]);
    // «(контроль)» controls, it does not do the work
    expect(of(i4.id).map((a) => a.partyText)).toEqual(["Руководители ОО", "Руководители ОО"]);
    expect(summary).toEqual({ created: 7, createdWithPerson: 4, filled: 0, unresolved: 3 });

    const unassigned = await listUnassigned(t.db, r.id);
    expect(unassigned.map((u) => [u.itemKey, u.partyText, u.schoolName])).toEqual([
      ["1", "Руководители ОО", "МБОУ СОШ с. Албазино"],
      ["3", "НИМРО", null],
      ["4", "Руководители ОО", "МБОУ СОШ с. Албазино"],
    ]);
  });

  it("is idempotent and fills gaps when the directory changes, keeping statuses", async () => {
    const s1 = await school("МКОУ СОШ № 3");
    const s2 = await school("МКОУ СОШ № 4");
    const r = await roadmap(); // names no schools: every school in the directory
    const i1 = await item(r.id, "1", [role("Руководители ОО")]);
    const first = await resolveAssignments(t.db, r.id);
    expect(first).toEqual({ created: 2, createdWithPerson: 0, filled: 0, unresolved: 2 });
    const again = await resolveAssignments(t.db, r.id);
    expect(again).toEqual({ created: 0, createdWithPerson: 0, filled: 0, unresolved: 2 });
    expect(await t.db.assignment.count()).toBe(2);

    const a = await t.db.assignment.findFirstOrThrow({ where: { schoolId: s1.id } });
    await t.db.assignment.update({ where: { id: a.id }, data: { status: "in_progress" } });
    const head = await addPerson("Кудряшова Елена Анатольевна", "Кудряшова Е.А.", "директор", s1.id);
    const after = await resolveAllAssignments(t.db);
    expect(after).toEqual({ created: 0, createdWithPerson: 0, filled: 1, unresolved: 1 });
    const filled = await t.db.assignment.findUniqueOrThrow({ where: { id: a.id } });
    expect(filled.personId).toBe(head.id);
    expect(filled.status).toBe("in_progress");
    expect(await t.db.assignment.count({ where: { itemId: i1.id } })).toBe(2);
    expect((await t.db.assignment.findFirstOrThrow({ where: { schoolId: s2.id } })).personId).toBeNull();
  });

  it("skips removed items and removed people, and leaves hand assignments alone", async () => {
    const r = await roadmap();
    const gone = await addPerson("Иванов Иван Иванович", "Иванов И.И.", null, null);
    await t.db.person.update({ where: { id: gone.id }, data: { removedAt: new Date() } });
    const i1 = await item(r.id, "1", [person("Иванов И.И.")]);
    const i2 = await t.db.item.create({
      data: { roadmapId: r.id, key: "2", title: "Старое", deadlineKind: "none", position: 2, removedAt: new Date(), responsible: JSON.stringify([person("Иванов И.И.")]) },
    });
    await resolveAssignments(t.db, r.id);
    expect((await t.db.assignment.findMany({ where: { itemId: i1.id } })).map((a) => a.personId)).toEqual([null]);
    expect(await t.db.assignment.count({ where: { itemId: i2.id } })).toBe(0);

    const other = await addPerson("Смирнова Мария Петровна", "Смирнова М.П.", null, null);
    const res = await assignByHand(t.db, { target: { itemKey: "1" }, assignee: "Смирнова Мария Петровна" });
    expect(res).toMatchObject({ ok: true, people: ["Смирнова Мария Петровна"], itemKeys: ["1"] });
    await resolveAssignments(t.db, r.id);
    const rows = await t.db.assignment.findMany({ where: { itemId: i1.id } });
    expect(rows.map((a) => a.personId)).toEqual([other.id]);
  });

  it("matches «Е.А. Полухина», full names and a unique bare surname; two people with one short name stay unresolved", async () => {
    const r = await roadmap();
    const p = await addPerson("Полухина Елена Александровна", "Полухина Е.А.", null, null);
    await addPerson("Орлова Нина Петровна", "Орлова Н.П.", null, null);
    await addPerson("Орлова Наталья Павловна", "Орлова Н.П.", null, null);
    await item(r.id, "1", [person("Е.А. Полухина")], 1);
    await item(r.id, "2", [person("Полухина Елена Александровна")], 2);
    await item(r.id, "3", [person("Полухина")], 3);
    await item(r.id, "4", [person("Орлова Н.П.")], 4);
    await resolveAssignments(t.db, r.id);
    const rows = await t.db.assignment.findMany({ include: { item: true }, orderBy: { itemId: "asc" } });
    expect(rows.map((a) => [a.item.key, a.personId])).toEqual([
      ["1", p.id],
      ["2", p.id],
      ["3", p.id],
      ["4", null],
    ]);
  });
});

describe("a named executor's school", () => {
  it("comes from their organisation, else from the school named beside them in the document", async () => {
    const s3 = await t.db.organization.create({ data: { name: "МКОУ «СОШ № 3 г. Бодайбо»", kind: "school", schoolKey: "сош|3|бодайб" } });
    const r = await t.db.roadmap.create({
      data: { identity: "b", title: "Приказ", timezone: "Asia/Irkutsk", contentHash: "h", status: "active", authority: "Управление образования администрации г. Бодайбо и района" },
    });
    const k = await addPerson("Кудряшова Е.А.", "Кудряшова Е.А.", "руководитель МКОУ «СОШ №3 г.Бодайбо»", null);
    await item(r.id, "4.1", [{ text: "МКОУ «СОШ №3 г.Бодайбо» Кудряшовой Е.А.", kind: "person", name: "Кудряшова Е.А.", note: null, position: "руководитель МКОУ «СОШ №3 г.Бодайбо»" }]);
    await item(r.id, "4.2", [{ text: "Кудряшова Е.А.", kind: "person", name: "Кудряшова Е.А.", note: null }], 2);
    await resolveAssignments(t.db, r.id);
    const rows = await t.db.assignment.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((a) => [a.personId, a.schoolId])).toEqual([
      [k.id, s3.id],
      [k.id, null],
    ]);
  });
});

describe("assignByHand", () => {
  async function setup() {
    const s1 = await school("МБОУ СОШ № 1");
    const s2 = await school("МБОУ СОШ № 2");
    const r = await roadmap(["МБОУ СОШ № 1", "МБОУ СОШ № 2"]);
    await item(r.id, "5", [role("Руководители ОО")], 1);
    await item(r.id, "6", [org("НИМРО")], 2);
    await item(r.id, "7", [org("НИМРО")], 3);
    await resolveAssignments(t.db, r.id);
    const ivanov = await addPerson("Иванов Пётр Сергеевич", "Иванов П.С.", "методист", null);
    return { s1, s2, r, ivanov };
  }

  it("assigns one school of a fanned-out item", async () => {
    const { s1, s2, ivanov } = await setup();
    const res = await assignByHand(t.db, { target: { itemKey: "5" }, assignee: "Иванов П.С.", school: "СОШ № 2" });
    expect(res.ok).toBe(true);
    const rows = await t.db.assignment.findMany({ where: { item: { key: "5" } }, orderBy: { schoolId: "asc" } });
    expect(rows.map((a) => [a.schoolId, a.personId])).toEqual([
      [s1.id, null],
      [s2.id, ivanov.id],
    ]);
  });

  it("assigns every open item of an organisation at once", async () => {
    const { ivanov } = await setup();
    const res = await assignByHand(t.db, { target: { organization: "НИМРО" }, assignee: "Иванов Пётр Сергеевич" });
    expect(res).toMatchObject({ ok: true, itemKeys: ["6", "7"] });
    const rows = await t.db.assignment.findMany({ where: { partyText: "НИМРО" } });
    expect(rows.map((a) => a.personId)).toEqual([ivanov.id, ivanov.id]);
    expect((await listUnassigned(t.db)).map((u) => u.itemKey)).toEqual(["5", "5"]);
  });

  it("assigns to an organisation's contact people", async () => {
    await setup();
    const nimro = await t.db.organization.create({ data: { name: "НИМРО", kind: "external" } });
    const a = await addPerson("Кузнецова Анна Юрьевна", "Кузнецова А.Ю.", null, nimro.id);
    const b = await addPerson("Лебедев Олег Ильич", "Лебедев О.И.", null, nimro.id);
    await t.db.organizationContact.createMany({ data: [{ organizationId: nimro.id, personId: a.id }, { organizationId: nimro.id, personId: b.id }] });
    const res = await assignByHand(t.db, { target: { itemKey: "6" }, assignee: "НИМРО" });
    expect(res.ok).toBe(true);
    const rows = await t.db.assignment.findMany({ where: { item: { key: "6" } }, orderBy: { id: "asc" } });
    expect(rows.map((r) => r.personId)).toEqual([a.id, b.id]);
    // and the directory change resolves item 7 too, once
    await resolveAllAssignments(t.db);
    await resolveAllAssignments(t.db);
    const seven = await t.db.assignment.findMany({ where: { item: { key: "7" } }, orderBy: { id: "asc" } });
    expect(seven.map((r) => r.personId)).toEqual([a.id, b.id]);
  });

  it("answers bad requests and changes nothing", async () => {
    await setup();
    const before = await t.db.assignment.findMany({ orderBy: { id: "asc" } });
    expect(await assignByHand(t.db, { target: { itemKey: "99" }, assignee: "Иванов П.С." })).toEqual({ ok: false, error: "unknown_item" });
    expect(await assignByHand(t.db, { target: { itemKey: "5" }, assignee: "Никто Н.Н." })).toEqual({ ok: false, error: "unknown_assignee" });
    expect(await assignByHand(t.db, { target: { itemKey: "5" }, assignee: "Иванов П.С.", school: "Лицей № 9" })).toMatchObject({ ok: false, error: "unknown_school" });
    await t.db.organization.create({ data: { name: "РМО", kind: "external" } });
    expect(await assignByHand(t.db, { target: { itemKey: "5" }, assignee: "РМО" })).toEqual({ ok: false, error: "no_contacts" });
    expect(await t.db.assignment.findMany({ orderBy: { id: "asc" } })).toEqual(before);
  });

  it("parses /assign arguments: key or organisation, person or organisation, optional school", async () => {
    await setup();
    await t.db.organization.create({ data: { name: "НИМРО", kind: "external" } });
    expect(await parseAssignArgs(t.db, "5 Иванов Пётр Сергеевич СОШ № 2")).toEqual({ target: { itemKey: "5" }, assignee: "Иванов Пётр Сергеевич", school: "СОШ № 2" });
    expect(await parseAssignArgs(t.db, "5 Иванов П.С.")).toEqual({ target: { itemKey: "5" }, assignee: "Иванов П.С." });
    expect(await parseAssignArgs(t.db, "НИМРО Иванов П.С.")).toEqual({ target: { organization: "НИМРО" }, assignee: "Иванов П.С." });
    expect(await parseAssignArgs(t.db, "1/6 Иванов П.С.")).toEqual({ target: { itemKey: "6", roadmapId: 1 }, assignee: "Иванов П.С." });
    expect(await parseAssignArgs(t.db, "5")).toBeNull();
    // a party that is no organisation in the directory, only the text of unresolved rows
    await item(1, "8", [org("Управление образования")], 8);
    await resolveAssignments(t.db, 1);
    expect(await parseAssignArgs(t.db, "Управление образования Иванов П.С.")).toEqual({ target: { organization: "Управление образования" }, assignee: "Иванов П.С." });
    expect(await assignByHand(t.db, { target: { organization: "Управление образования" }, assignee: "Иванов П.С." })).toMatchObject({ ok: true, itemKeys: ["8"] });
    expect(await parseAssignArgs(t.db, "5 Кто-то Неизвестный")).toEqual({ target: { itemKey: "5" }, assignee: "Кто-то Неизвестный" });
  });
});

describe("movePersonAssignments", () => {
  it("moves open work to the replacement, or leaves it unresolved; closed work stays", async () => {
    const r = await roadmap();
    const old = await addPerson("Старый Сотрудник Иванович", "Старый С.И.", null, null);
    const next = await addPerson("Новая Сотрудница Петровна", "Новая С.П.", null, null);
    await item(r.id, "1", [person("Старый С.И.")], 1);
    await item(r.id, "2", [person("Старый С.И.")], 2);
    await item(r.id, "3", [person("Старый С.И.")], 3);
    await resolveAssignments(t.db, r.id);
    const [a1, a2, a3] = await t.db.assignment.findMany({ orderBy: { id: "asc" } });
    await t.db.assignment.update({ where: { id: a2!.id }, data: { status: "verified" } });
    await t.db.assignment.update({ where: { id: a3!.id }, data: { status: "submitted" } });
    expect(await movePersonAssignments(t.db, old.id, next.id)).toBe(2);
    const rows = await t.db.assignment.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((a) => a.personId)).toEqual([next.id, old.id, next.id]);
    expect(await movePersonAssignments(t.db, next.id, null)).toBe(2);
    expect((await listUnassigned(t.db)).map((u) => u.assignmentId)).toEqual([a1!.id, a3!.id]);
  });
});

describe("previewAssignments", () => {
  it("lists the schools a role fans out to and the parties that will not resolve", async () => {
    const s1 = await school("МБОУ СОШ № 1 г. Сковородино");
    await addPerson("Петрова Анна Ивановна", "Петрова А.И.", "Директор", s1.id);
    const result: ImportResult = {
      roadmap: {
        id: null, title: "ДК", orderNumber: "1", orderDate: "2023-03-31", authority: null, years: [2023], timezone: "Asia/Yakutsk",
        controller: null, schools: ["МБОУ СОШ № 1 г. Сковородино", "МБОУ СОШ с. Албазино"], curators: [],
      },
      items: [
        { key: "1", number: "1", section: null, title: "a", result: null, deadline: { text: "", kind: "none", start: null, due: null, checkpoints: [], every: null }, responsible: [role("Руководители ОО"), org("РМО")], evidence: null, flags: [] },
        { key: "2", number: "2", section: null, title: "b", result: null, deadline: { text: "", kind: "none", start: null, due: null, checkpoints: [], every: null }, responsible: [person("Полухина Е.А.")], evidence: null, flags: [] },
      ],
      warnings: [],
    };
    const p = await previewAssignments(t.db, result);
    expect(p.roles).toEqual([
      { role: "Руководители ОО", schools: ["МБОУ СОШ № 1 г. Сковородино", "МБОУ СОШ с. Албазино"], fromDocument: true, withoutHolder: ["МБОУ СОШ с. Албазино"] },
    ]);
    expect(p.unresolved).toEqual([{ itemKey: "1", party: "РМО" }]);
  });
});

describe("removePerson", () => {
  it("a replacement takes over open work, roles, curated schools and contacts; the old account is unlinked", async () => {
    const r = await roadmap();
    const s1 = await school("МБОУ СОШ № 1");
    const nimro = await t.db.organization.create({ data: { name: "НИМРО", kind: "external" } });
    const old = await t.db.person.create({ data: { fullName: "Старый Сотрудник Иванович", shortName: "Старый С.И.", telegramId: "77", chatId: "77" } });
    const next = await addPerson("Новая Сотрудница Петровна", "Новая С.П.", null, null);
    await t.db.personRole.create({ data: { personId: old.id, role: "curator" } });
    await t.db.curatorship.create({ data: { schoolId: s1.id, personId: old.id } });
    await t.db.organizationContact.create({ data: { organizationId: nimro.id, personId: old.id } });
    await t.db.invite.create({ data: { token: "tok", personId: old.id, expiresAt: new Date("2030-01-01") } });
    await item(r.id, "1", [person("Старый С.И.")], 1);
    await item(r.id, "2", [person("Старый С.И.")], 2);
    await resolveAssignments(t.db, r.id);
    const [a1] = await t.db.assignment.findMany({ orderBy: { id: "asc" } });
    await t.db.assignment.update({ where: { id: a1!.id }, data: { status: "verified" } });

    const res = await removePerson(t.db, { name: "Старый Сотрудник Иванович", replacement: "Новая С.П.", now: new Date("2023-06-01T00:00:00Z") });
    expect(res).toEqual({ ok: true, moved: 1, removed: "Старый Сотрудник Иванович", replacement: "Новая Сотрудница Петровна" });
    expect((await t.db.assignment.findMany({ orderBy: { id: "asc" } })).map((a) => a.personId)).toEqual([old.id, next.id]); // closed work stays theirs
    expect(await t.db.personRole.count({ where: { personId: next.id, role: "curator" } })).toBe(1);
    expect((await t.db.curatorship.findFirstOrThrow()).personId).toBe(next.id);
    expect(await t.db.organizationContact.findMany({ select: { personId: true } })).toEqual([{ personId: next.id }]);
    const gone = await t.db.person.findUniqueOrThrow({ where: { id: old.id } });
    expect([gone.telegramId, gone.chatId, gone.removedAt?.toISOString()]).toEqual([null, null, "2023-06-01T00:00:00.000Z"]);
    expect(await t.db.invite.count()).toBe(0);
    // a removed person is no longer resolved on the next run
    await item(r.id, "3", [person("Старый С.И.")], 3);
    await resolveAssignments(t.db, r.id);
    expect((await t.db.assignment.findFirstOrThrow({ where: { item: { key: "3" } } })).personId).toBeNull();
  });

  it("without a replacement the open work goes to /unassigned; bad names change nothing", async () => {
    const r = await roadmap();
    const p = await addPerson("Иванов Иван Иванович", "Иванов И.И.", null, null);
    await addPerson("Орлова Нина Петровна", "Орлова Н.П.", null, null);
    await addPerson("Орлова Наталья Павловна", "Орлова Н.П.", null, null);
    await item(r.id, "1", [person("Иванов И.И.")]);
    await resolveAssignments(t.db, r.id);
    const now = new Date();
    expect(await removePerson(t.db, { name: "Никто Н.Н.", now })).toEqual({ ok: false, error: "unknown_person" });
    expect(await removePerson(t.db, { name: "Орлова Н.П.", now })).toMatchObject({ ok: false, error: "ambiguous_person" });
    expect(await removePerson(t.db, { name: "Иванов И.И.", replacement: "Никто Н.Н.", now })).toEqual({ ok: false, error: "unknown_replacement" });
    expect(await removePerson(t.db, { name: "Иванов И.И.", replacement: "Иванов Иван Иванович", now })).toEqual({ ok: false, error: "same_person" });
    expect(await t.db.person.count({ where: { removedAt: { not: null } } })).toBe(0);
    expect((await t.db.assignment.findFirstOrThrow()).personId).toBe(p.id);
    expect(await removePerson(t.db, { name: "Иванов И.И.", now })).toMatchObject({ ok: true, moved: 1, replacement: null });
    expect((await listUnassigned(t.db)).map((u) => u.itemKey)).toEqual(["1"]);
  });
});

describe("role fan-out within the document's authority", () => {
  const BODAIBO = "Управление образования администрации МО г. Бодайбо и района";
  const SKOVORODINO = "Отдел образования администрации Сковородинского района";
  async function districtRoadmap(authority: string, schools: string[] = []) {
    return t.db.roadmap.create({
      data: { identity: `r${Math.random()}`, title: "Дорожная карта", authority, timezone: "Asia/Yakutsk", contentHash: "h", status: "active", meta: JSON.stringify({ schools, curators: [] }) },
    });
  }
  const schoolsOf = async (roadmapId: number) =>
    (await t.db.assignment.findMany({ where: { item: { roadmapId } }, select: { school: { select: { name: true } } } })).map((a) => a.school?.name).sort();

  it("a district's roadmap naming no schools reaches only that district's schools", async () => {
    await school("МБОУ СОШ № 1 г. Бодайбо");
    await school("МБОУ СОШ № 2 г. Бодайбо");
    await school("МБОУ СОШ № 1 г. Сковородино");
    await school("МБОУ СОШ № 2 г. Сковородино");
    // a village school of Bodaibo: its name does not say the district, an earlier Bodaibo roadmap reached it
    await school("МКОУ ООШ с. Мамакан");
    const earlier = await districtRoadmap(BODAIBO, ["МКОУ ООШ с. Мамакан"]);
    await item(earlier.id, "1", [role("Руководители ОО")]);
    await resolveAssignments(t.db, earlier.id);
    await districtRoadmap(SKOVORODINO, ["МБОУ СОШ № 1 г. Сковородино"]);

    const r = await districtRoadmap(BODAIBO);
    await item(r.id, "1", [role("Руководители ОО")]);
    await resolveAssignments(t.db, r.id);
    expect(await schoolsOf(r.id)).toEqual(["МБОУ СОШ № 1 г. Бодайбо", "МБОУ СОШ № 2 г. Бодайбо", "МКОУ ООШ с. Мамакан"]);

    // the preview of a Skovorodino order says the same: its two schools, not Bodaibo's
    const none = { text: "", kind: "none" as const, start: null, due: null, checkpoints: [], every: null };
    const preview = await previewAssignments(t.db, {
      roadmap: { id: null, title: "ДК", orderNumber: "2", orderDate: "2023-03-31", authority: SKOVORODINO, years: [2023], timezone: "Asia/Yakutsk", controller: null, schools: [], curators: [] },
      items: [{ key: "1", number: "1", section: null, title: "a", result: null, deadline: none, responsible: [role("Руководители ОО")], evidence: null, flags: [] }],
      warnings: [],
    });
    expect(preview.roles[0]!.schools.sort()).toEqual(["МБОУ СОШ № 1 г. Сковородино", "МБОУ СОШ № 2 г. Сковородино"]);
  });

  it("a regional body's roadmap, or a database of one district, reaches every school", async () => {
    await school("МБОУ СОШ № 1 г. Бодайбо");
    await school("МКОУ ООШ с. Мамакан");
    const district = await districtRoadmap(BODAIBO);
    await item(district.id, "1", [role("Руководители ОО")]);
    await resolveAssignments(t.db, district.id);
    expect(await schoolsOf(district.id)).toHaveLength(2);
    const regional = await districtRoadmap("Министерство образования Иркутской области");
    await item(regional.id, "1", [role("Руководители ОО")]);
    await resolveAssignments(t.db, regional.id);
    expect(await schoolsOf(regional.id)).toHaveLength(2);
  });
});
