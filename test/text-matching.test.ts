import { afterEach, describe, expect, it } from "vitest";
import { findSchools } from "../services/school-lookup.ts";
import { searchText } from "../core/schools.ts";
import { createTestDb, testProvider, type TestDb } from "./support/db.ts";

// Text filters give the same rows on SQLite and PostgreSQL. Case is folded in code (lower case,
// ё→е, into `search` columns) and matched case-sensitively: SQLite's LIKE would fold ASCII only
// (so it is made case-sensitive), PostgreSQL's folds nothing. Expected rows are written out
// once here, for whichever database the suite runs on.

let t: TestDb | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const NAMES = ["МБОУ СОШ № 1 г. Сковородино", "МБОУ «Ёлкинская СОШ»", "School A (Lyceum)", "school b", "Гимназия 50% план", "СОШ_Ерофей Павлович"];

async function seed(db: TestDb["db"]) {
  for (const name of NAMES) await db.organization.create({ data: { name, kind: "school", search: searchText(name) } });
}

describe(`text matching on ${testProvider}`, () => {
  it("contains / startsWith / endsWith / equals are case-sensitive, ASCII and Cyrillic alike (the database folds nothing)", async () => {
    t = await createTestDb();
    // stored as written, not folded: what the database itself does with case
    for (const name of NAMES) await t.db.organization.create({ data: { name, kind: "school", search: name } });
    const names = async (search: object) => (await t!.db.organization.findMany({ where: { search }, orderBy: { id: "asc" }, select: { name: true } })).map((o) => o.name);
    expect(await names({ contains: "school" })).toEqual(["school b"]);
    expect(await names({ contains: "School" })).toEqual(["School A (Lyceum)"]);
    expect(await names({ contains: "LYCEUM" })).toEqual([]);
    expect(await names({ contains: "СОШ" })).toEqual(["МБОУ СОШ № 1 г. Сковородино", "МБОУ «Ёлкинская СОШ»", "СОШ_Ерофей Павлович"]);
    expect(await names({ contains: "сош" })).toEqual([]);
    expect(await names({ contains: "Елкинская" })).toEqual([]); // ё is not е to the database
    expect(await names({ startsWith: "school" })).toEqual(["school b"]);
    expect(await names({ endsWith: "b" })).toEqual(["school b"]);
    expect(await names({ endsWith: "B" })).toEqual([]);
    expect(await names({ equals: "School A (Lyceum)" })).toEqual(["School A (Lyceum)"]);
    expect(await names({ equals: "school a (lyceum)" })).toEqual([]);
  });

  it("the folded `search` columns find any case and ё as е", async () => {
    t = await createTestDb();
    await seed(t.db);
    const names = async (search: object) => (await t!.db.organization.findMany({ where: { search }, orderBy: { id: "asc" }, select: { name: true } })).map((o) => o.name);
    expect(await names({ contains: searchText("СОШ") })).toEqual(["МБОУ СОШ № 1 г. Сковородино", "МБОУ «Ёлкинская СОШ»", "СОШ_Ерофей Павлович"]);
    expect(await names({ contains: searchText("ЁЛКИНСКАЯ") })).toEqual(["МБОУ «Ёлкинская СОШ»"]);
    expect(await names({ contains: searchText("Lyceum") })).toEqual(["School A (Lyceum)"]);
  });

  it("a school search folds the user's text the same way and takes % and _ literally", async () => {
    t = await createTestDb();
    await seed(t.db);
    const found = async (text: string) => (await findSchools(t!.db, text)).map((s) => s.name);
    expect(await found("ёлкинская")).toEqual(["МБОУ «Ёлкинская СОШ»"]);
    expect(await found("ЁЛКИНСКАЯ")).toEqual(["МБОУ «Ёлкинская СОШ»"]);
    expect(await found("SCHOOL A")).toEqual(["School A (Lyceum)"]);
    // LIKE's wildcards in what the user typed match only themselves
    expect(await found("50%")).toEqual(["Гимназия 50% план"]);
    expect(await found("%")).toEqual(["Гимназия 50% план"]);
    expect(await found("сош_")).toEqual(["СОШ_Ерофей Павлович"]);
  });

  it("instants compare and sort as instants", async () => {
    t = await createTestDb();
    const person = await t.db.person.create({ data: { fullName: "Полухина Елена Андреевна", shortName: "Полухина Е.А." } });
    const times = ["2023-06-01T09:00:00.000Z", "2023-06-01T08:59:59.999Z", "2023-05-31T23:00:00.000+09:00", "2023-06-01T00:00:00.001Z"];
    for (const at of times) await t.db.invite.create({ data: { token: at, personId: person.id, expiresAt: new Date(at) } });
    const sorted = await t.db.invite.findMany({ orderBy: { expiresAt: "asc" }, select: { expiresAt: true } });
    expect(sorted.map((i) => i.expiresAt.toISOString())).toEqual(["2023-05-31T14:00:00.000Z", "2023-06-01T00:00:00.001Z", "2023-06-01T08:59:59.999Z", "2023-06-01T09:00:00.000Z"]);
    expect(await t.db.invite.count({ where: { expiresAt: { gte: new Date("2023-06-01T08:59:59.999Z") } } })).toBe(2);
    expect(await t.db.invite.count({ where: { expiresAt: { lt: new Date("2023-06-01T00:00:00.001Z") } } })).toBe(1);
  });
});
