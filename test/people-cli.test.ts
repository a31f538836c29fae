import fs from "node:fs";
import path from "node:path";
import iconv from "iconv-lite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../cli/run.ts";
import { createTestDb, type TestDb } from "./support/db.ts";
import { importPeopleCsv, isPeopleCsv } from "../services/people-csv.ts";
import { findOrCreateSchool } from "../services/roadmap-store.ts";

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.close();
});

async function cli(argv: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main([...argv, "--lang", "en"], { out: (s) => out.push(s), err: (s) => err.push(s), env: { DATABASE_URL: t.url, ...env } });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const CSV = [
  "ФИО;Должность;Организация;Роль;Школа",
  "Полухина Елена Андреевна;главный специалист;Отдел образования администрации Сковородинского округа;исполнитель;",
  'Бутусова Ольга Викторовна;заместитель начальника;Отдел образования;"заместитель, координатор";',
  "Иванова Мария Петровна;директор;МБОУ СОШ № 2 г. Сковородино;куратор;МБОУ СОШ № 1 г. Сковородино",
  "Смирнов Олег;методист;НИМРО;исполнитель;",
].join("\r\n");

describe("people import", () => {
  it("reads ; separated Windows-1251 and , separated UTF-8 alike", async () => {
    const file = path.join(t.dir, "people.csv");
    fs.writeFileSync(file, iconv.encode(CSV, "win1251"));
    const r = await cli(["people", "import", file]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("4 people: 4 added");
    const people = await t.db.person.findMany({ include: { roles: true, curatorships: { include: { school: true } }, contactFor: { include: { organization: true } } }, orderBy: { id: "asc" } });
    expect(people.map((p) => [p.shortName, p.position, p.roles.map((x) => x.role).sort()])).toEqual([
      ["Полухина Е.А.", "главный специалист", ["executor"]],
      ["Бутусова О.В.", "заместитель начальника", ["coordinator", "deputy"]],
      ["Иванова М.П.", "директор", ["curator"]],
      ["Смирнов О.", "методист", ["executor"]],
    ]);
    expect(people[2]!.curatorships.map((c) => c.school.name)).toEqual(["МБОУ СОШ № 1 г. Сковородино"]);
    expect(people[3]!.contactFor.map((c) => c.organization.name)).toEqual(["НИМРО"]);
    // the same list again, comma-separated UTF-8 with a BOM: nobody is added twice
    const comma = "\uFEFF" + CSV.replace(/;/g, ",").replace('"заместитель, координатор"', '"заместитель, координатор"');
    fs.writeFileSync(file, comma);
    const again = await cli(["people", "import", file]);
    expect(again.code).toBe(0);
    expect(await t.db.person.count()).toBe(4);
  });

  it("skips a row with an unknown role and says which", async () => {
    const file = path.join(t.dir, "bad.csv");
    fs.writeFileSync(file, "ФИО;Роль\nПетров Пётр Петрович;пилот\nСидорова Анна Ивановна;куратор\n");
    const r = await cli(["people", "import", file]);
    expect(r.code).toBe(0);
    expect(r.err).toContain('row 2: unknown role "пилот"');
    expect(await t.db.person.count()).toBe(1);
  });

  it("exits 1 on a missing or headerless file, 2 on bad usage", async () => {
    expect((await cli(["people", "import", path.join(t.dir, "nope.csv")])).code).toBe(1);
    const file = path.join(t.dir, "noheader.csv");
    fs.writeFileSync(file, "a;b;c\n1;2;3\n");
    expect((await cli(["people", "import", file])).code).toBe(1);
    expect((await cli(["people"])).code).toBe(2);
    expect(await t.db.person.count()).toBe(0);
  });

  it("tells a people list from a roadmap by its header", () => {
    expect(isPeopleCsv(Buffer.from(CSV))).toBe(true);
    expect(isPeopleCsv(iconv.encode(CSV, "win1251"))).toBe(true);
    expect(isPeopleCsv(Buffer.from("№;Мероприятие;Сроки;Ответственный\n1;Совещание;май 2023;Полухина Е.А.\n"))).toBe(false);
    expect(isPeopleCsv(Buffer.alloc(0))).toBe(false);
  });

  it("importPeopleCsv fills assignments waiting for that person", async () => {
    const roadmap = await t.db.roadmap.create({ data: { identity: "r", title: "Карта", timezone: "Asia/Yakutsk", status: "active", contentHash: "h" } });
    const item = await t.db.item.create({
      data: {
        roadmapId: roadmap.id, key: "1", title: "Совещание", deadlineKind: "none", position: 0,
        responsible: JSON.stringify([{ text: "Полухина Е.А.", kind: "person", name: "Полухина Е.А.", note: null }]),
      },
    });
    await t.db.assignment.create({ data: { itemId: item.id, personId: null, partyText: "Полухина Е.А." } });
    const s = await importPeopleCsv(t.db, Buffer.from(CSV));
    expect(s.created).toBe(4);
    const a = await t.db.assignment.findFirst({ where: { itemId: item.id }, include: { person: true } });
    expect(a!.person?.fullName).toBe("Полухина Елена Андреевна");
  });
});

describe("person add", () => {
  it("adds a person and prints the invite token without a bot username", async () => {
    const r = await cli(["person", "add", "--name", "Полухина Елена Андреевна", "--position", "главный специалист", "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as { personId: number; name: string; token: string; link: string | null };
    expect(out.name).toBe("Полухина Елена Андреевна");
    expect(out.link).toBeNull();
    expect(out.token).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    const invite = await t.db.invite.findUnique({ where: { token: out.token } });
    expect(invite?.personId).toBe(out.personId);
    const plain = await cli(["person", "add", "--name", "Полухина Елена Андреевна"]);
    expect(plain.out).toContain("/start ");
    // the earlier link stopped working, and the operator is told so (once: the next one replaces a live link too)
    expect(plain.out).toContain("the previous invite link of this person no longer works");
    // found, not added again; the old invite is replaced
    expect(await t.db.person.count()).toBe(1);
    expect(await t.db.invite.findUnique({ where: { token: out.token } })).toBeNull();
  });

  it("prints the deep link with BOT_USERNAME, sets roles, schools and contacts", async () => {
    const roadmap = await t.db.roadmap.create({ data: { identity: "r", title: "Карта", timezone: "Asia/Yakutsk", contentHash: "h" } });
    const r = await cli(
      ["person", "add", "--name", "Бутусова Ольга Викторовна", "--role", "deputy", "--roadmap", String(roadmap.id), "--json"],
      { BOT_USERNAME: "@vekha_bot" },
    );
    const out = JSON.parse(r.out) as { link: string; token: string };
    expect(out.link).toBe(`https://t.me/vekha_bot?start=${out.token}`);
    expect(await t.db.personRole.findMany({ select: { role: true, roadmapId: true } })).toEqual([{ role: "deputy", roadmapId: roadmap.id }]);
    // schools come from an imported roadmap (person add never creates one)
    for (const name of ["МБОУ СОШ № 1 г. Сковородино", "МБОУ ООШ № 3 с. Джалинда"]) await findOrCreateSchool(t.db, name, null);
    await cli(["person", "add", "--name", "Иванова Мария Петровна", "--role", "curator", "--school", "МБОУ СОШ № 1 г. Сковородино", "--school", "МБОУ ООШ № 3 с. Джалинда"]);
    expect(await t.db.curatorship.count()).toBe(2);
    await cli(["person", "add", "--name", "Смирнов Олег Игоревич", "--contact-for", "НИМРО"]);
    expect((await t.db.organizationContact.findFirst({ include: { organization: true } }))!.organization.name).toBe("НИМРО");
  });

  it("refuses a school nobody imported, offering the close ones, and creates nothing", async () => {
    for (const name of ["МКОУ «СОШ № 3 г. Бодайбо»", "МКОУ «СОШ № 1 г. Бодайбо»", "МБОУ ООШ с. Перевоз", "Гимназия № 2 п. Мамакан"]) await findOrCreateSchool(t.db, name, null);
    const schools = await t.db.organization.count();
    // a slipped digit: no such school, the Bodaibo schools are offered
    const typo = await cli(["person", "add", "--name", "Лосева Анна Игоревна", "--role", "curator", "--school", "СОШ № 13 г. Бодайбо"]);
    expect(typo.code).toBe(1);
    expect(typo.err.split("\n")).toHaveLength(1);
    expect(typo.err).toContain("«СОШ № 13 г. Бодайбо»");
    expect(typo.err).toContain("«МКОУ «СОШ № 3 г. Бодайбо»»");
    expect(typo.err).toContain("«МКОУ «СОШ № 1 г. Бодайбо»»");
    expect(typo.err).not.toContain("Мамакан");
    const unknown = await cli(["person", "add", "--name", "Лосева Анна Игоревна", "--school", "Лицей № 7 г. Иркутск"]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/no school «Лицей № 7 г\. Иркутск».*import the roadmap first/);
    expect(await t.db.organization.count()).toBe(schools);
    expect(await t.db.person.count()).toBe(0);
    // the same school written another way is found, not added again
    const ok = await cli(["person", "add", "--name", "Лосева Анна Игоревна", "--role", "curator", "--school", "Средняя общеобразовательная школа № 3 г. Бодайбо", "--json"]);
    expect(ok.code).toBe(0);
    expect(await t.db.organization.count()).toBe(schools);
    const curatorship = await t.db.curatorship.findFirst({ include: { school: true } });
    expect(curatorship!.school.name).toBe("МКОУ «СОШ № 3 г. Бодайбо»");
  });

  it("exits 2 on bad usage and 1 on an unknown roadmap", async () => {
    expect((await cli(["person", "add"])).code).toBe(2);
    expect((await cli(["person", "add", "--name", "X", "--role", "pilot"])).code).toBe(2);
    expect((await cli(["person", "remove", "--name", "X"])).code).toBe(2);
    const r = await cli(["person", "add", "--name", "Петров Пётр Петрович", "--roadmap", "77"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("no roadmap with id 77");
    expect(await t.db.person.count()).toBe(0);
  });
});
