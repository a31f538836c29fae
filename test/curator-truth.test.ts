import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BotHarness, buttons } from "./support/bot-harness.ts";
import { fixturePath } from "./support/fixtures.ts";
import { searchText } from "../core/schools.ts";
import { readTextExport } from "../core/import/text-export.ts";
import { importDocument } from "../core/import/index.ts";
import { saveImport } from "../services/roadmap-store.ts";
import { resolveAssignments } from "../services/assign.ts";
import { importPeopleCsv } from "../services/people-csv.ts";
import { loadProgress } from "../services/progress.ts";

// The curator and the deputy head see one truth, over real HTTP: what a digest says waits for
// someone's check is what /verify lists them the same day; evidence attached to work not marked
// done is said so, with «Напомнить» that reaches the executor once a day with who asked; /school
// of the largest school of a real roadmap is one message, each мероприятие once.

let h: BotHarness;
afterEach(async () => {
  await h?.stop();
});

const texts = (msgs: Array<{ text: string }>) => msgs.map((m) => m.text).join("\n---\n");

/** Two schools, a curator of the first only; submitted work at both; evidence attached to open work. */
async function world() {
  const db = h.db;
  const mkSchool = (name: string) => db.organization.create({ data: { name, kind: "school", search: searchText(name) } });
  const schoolA = await mkSchool("МБОУ СОШ № 1 г. Сковородино");
  const schoolB = await mkSchool("МБОУ СОШ с. Албазино");
  const roadmap = await db.roadmap.create({
    data: { identity: "r", title: "Дорожная карта ШНОР 2023", orderNumber: "120", orderDate: "2023-03-31", timezone: "Asia/Yakutsk", contentHash: "h", status: "active", activeFrom: "2023-03-31" },
  });
  const item = (key: string, due: string) =>
    db.item.create({ data: { roadmapId: roadmap.id, key, number: key, title: `Мероприятие ${key}`, deadlineKind: "date", deadlineDue: due, checkpoints: JSON.stringify([due]), position: Number(key) } });
  const items = [await item("1", "2023-06-30"), await item("2", "2023-06-30"), await item("3", "2023-06-30"), await item("4", "2023-05-25")];
  const executor = await h.linkedUser("Петрова Анна Ивановна", { organizationId: schoolA.id });
  const other = await h.linkedUser("Сидоров Олег Ильич", { organizationId: schoolB.id });
  const curator = await h.linkedUser("Кураторова Нина Павловна", { roles: ["curator"] });
  await db.curatorship.create({ data: { schoolId: schoolA.id, personId: curator.personId } });
  const deputy = await h.linkedUser("Бутусова Ольга Владимировна", { roles: ["deputy"], roadmapId: roadmap.id });
  const assign = (i: number, who: number, school: number, status: string) => db.assignment.create({ data: { itemId: items[i]!.id, personId: who, schoolId: school, status } });
  // school A's submitted work waits for its curator; school B has no curator, so its work waits for the deputy head
  const a1 = await assign(0, executor.personId, schoolA.id, "submitted");
  const b1 = await assign(0, other.personId, schoolB.id, "submitted");
  const b2 = await assign(1, other.personId, schoolB.id, "submitted");
  await db.evidence.create({ data: { assignmentId: a1.id, kind: "link", url: "https://school1.ru/1", byPersonId: executor.personId } });
  await db.evidence.create({ data: { assignmentId: b1.id, kind: "link", url: "https://albazino.ru/1", byPersonId: other.personId } });
  // evidence attached, the work not marked done: at school A (item 3) and overdue at school A (item 4)
  const a3 = await assign(2, executor.personId, schoolA.id, "in_progress");
  await db.evidence.create({ data: { assignmentId: a3.id, kind: "link", url: "https://school1.ru/draft", byPersonId: executor.personId } });
  const a4 = await assign(3, executor.personId, schoolA.id, "in_progress");
  return { roadmap, schoolA, schoolB, executor, other, curator, deputy, a1, b1, b2, a3, a4 };
}

/** The item keys a /verify lists (its cards), and the keys a digest says wait for this person. */
function verifyKeys(msgs: Array<{ text: string }>): string[] {
  return msgs.flatMap((m) => [...m.text.matchAll(/^<b>([^<]+)\.<\/b> /gm)].map((x) => x[1]!)).sort();
}
function digestWaiting(text: string): { count: number; keys: string[] } {
  const block = /Ждут Вашей проверки: (\d+) поручени[а-я]*<\/b>\n((?:• .*\n?)*)/.exec(text);
  if (!block) return { count: 0, keys: [] };
  return { count: Number(block[1]), keys: [...block[2]!.matchAll(/^• (\S+) /gm)].map((x) => x[1]!).sort() };
}

describe("the digest and /verify agree", () => {
  it("«ждут проверки» in a digest is what /verify lists the same person on the same day", async () => {
    h = await BotHarness.start({ now: "2023-06-01T09:00:00+09:00" });
    const w = await world();
    for (const who of [w.curator, w.deputy]) {
      const digest = texts(await who.user.command("/digest"));
      const verify = await who.user.command("/verify");
      const listed = verifyKeys(verify);
      expect(listed.length).toBeGreaterThan(0);
      expect(digestWaiting(digest)).toEqual({ count: listed.length, keys: listed });
    }
    // the deputy head decides school B's two; the curator school A's one
    expect(digestWaiting(texts(await w.deputy.user.command("/digest"))).count).toBe(2);
    expect(digestWaiting(texts(await w.curator.user.command("/digest"))).count).toBe(1);
    // after a decision both move together
    await w.deputy.user.press("Принять");
    const digest = texts(await w.deputy.user.command("/digest"));
    expect(digestWaiting(digest)).toEqual({ count: 1, keys: verifyKeys(await w.deputy.user.command("/verify")) });
  });
});

describe("evidence attached to work not marked done", () => {
  it("is said so in the digest and /school, and «Напомнить» reaches the executor once a day with who asked", async () => {
    h = await BotHarness.start({ now: "2023-06-01T09:00:00+09:00" });
    const w = await world();
    const digest = (await w.curator.user.command("/digest"))[0]!;
    expect(digest.text).toContain("<b>Приложено, не отмечено выполненным: 1 поручение</b>\n• 3 «Мероприятие 3»\n    МБОУ СОШ № 1 г. Сковородино — Петрова А.И.");
    expect(digest.text).toContain("Сводка по дорожной карте (Приказ № 120 от 31 марта 2023) на 1 июня 2023");
    expect(buttons(digest).map((b) => b.text)).toEqual(["Напомнить: 3 · Петрова А.И."]);

    const school = (await w.curator.user.command("/school сковородино"))[0]!;
    expect(school.text).toContain("https://school1.ru/draft (приложено, не отмечено выполненным)");
    expect(buttons(school).map((b) => b.text)).toEqual(["Напомнить: 3 · Петрова А.И.", "Напомнить: 4 · Петрова А.И."]);

    const before = w.executor.user.replies().length;
    const said = texts(await w.curator.user.press("Напомнить: 3 · Петрова А.И."));
    expect(said).toContain("Напоминание отправлено: Петрова Анна Ивановна, мероприятие 3.");
    const told = w.executor.user.replies().slice(before);
    expect(told).toHaveLength(1);
    expect(told[0]!.text).toContain("Кураторова Нина Павловна напоминает: подтверждение приложено, но поручение не отмечено выполненным");
    expect(told[0]!.text).toContain("Мероприятие 3");
    expect(buttons(told[0]!).map((b) => b.text)).toContain("Выполнено");
    // logged: who asked, for which поручение, on which day
    const claim = await h.db.reminderClaim.findFirstOrThrow({ where: { kind: "nudge" } });
    expect(claim).toMatchObject({ assignmentId: w.a3.id, personId: w.executor.personId, claimedBy: `person:${w.curator.personId}`, localDate: "2023-06-01" });

    // once per поручение per day: the same button again tells the curator, and nothing reaches the executor
    expect(texts(await w.curator.user.press("Напомнить: 3 · Петрова А.И."))).toContain("Сегодня об этом поручении уже напоминали");
    expect(w.executor.user.replies().length).toBe(before + 1);
    // the overdue one is its own поручение
    await w.curator.user.press("Напомнить: 4 · Петрова А.И.");
    expect(w.executor.user.lastReply()!.text).toContain("Кураторова Нина Павловна просит Вас обратить внимание на это поручение.");
    // the next day it may go again
    h.clock.advance(24 * 3600_000);
    await w.curator.user.press("Напомнить: 3 · Петрова А.И.");
    expect(w.executor.user.replies().length).toBe(before + 3);

    // someone who neither curates the school nor controls the roadmap may not
    await w.other.user.command("/help");
    const sent = w.executor.user.replies().length;
    const pressData = buttons(school).find((b) => b.text.startsWith("Напомнить: 4"))!.callback_data;
    expect(texts(await w.other.user.pressData(pressData))).toContain("Напомнить исполнителю может куратор школы");
    expect(w.executor.user.replies().length).toBe(sent);
  });
});

describe("/school of the largest school of a real roadmap", () => {
  it("is one message under Telegram's limit, each мероприятие once, a «Напомнить» per overdue поручение", async () => {
    h = await BotHarness.start({ adminIds: ["4242"], now: "2023-06-01T09:00:00+09:00" });
    const file = fixturePath("skovorodino-2023-roadmap.txt");
    const result = importDocument(readTextExport(path.basename(file), fs.readFileSync(file, "utf8")), { defaultTimezone: "Europe/Moscow" });
    const { roadmapId } = await saveImport(h.db, result, { activeFrom: "2023-03-31", sourceName: path.basename(file), status: "active" });
    await importPeopleCsv(h.db, fs.readFileSync(path.join(import.meta.dirname, "data", "skovorodino-people.csv")));
    await resolveAssignments(h.db, roadmapId);
    const counts = await h.db.assignment.groupBy({ by: ["schoolId"], where: { schoolId: { not: null } }, _count: { _all: true } });
    const largest = counts.sort((a, b) => b._count._all - a._count._all)[0]!;
    const school = await h.db.organization.findUniqueOrThrow({ where: { id: largest.schoolId! } });
    expect(largest._count._all).toBeGreaterThanOrEqual(20);

    const coord = h.user({ id: 4242 });
    let got = await coord.command(`/school ${school.name}`);
    if (buttons(got.at(-1)!).some((b) => b.text.length > 0 && !b.text.startsWith("Напомнить"))) got = await coord.press(buttons(got.at(-1)!).find((b) => b.callback_data === `sch:${school.id}`)!.text);
    expect(got).toHaveLength(1);
    const msg = got[0]!;
    expect(msg.text.length).toBeLessThanOrEqual(4096);
    expect(msg.text).toContain("Приказ № 120 от 31 марта 2023");
    const keys = [...msg.text.matchAll(/^<b>([^<]+)\.<\/b> /gm)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThan(0);
    expect(new Set(keys).size).toBe(keys.length);
    const progress = await loadProgress(h.db, { roadmapId, schoolIds: [school.id], today: "2023-06-01" });
    const overdue = progress.rows.filter((r) => r.shown === "overdue" && r.executor).length;
    expect(overdue).toBeGreaterThan(0);
    const nudges = buttons(msg).filter((b) => b.text.startsWith("Напомнить: "));
    expect(nudges).toHaveLength(Math.min(overdue, 20));
  });
});

describe("«Напомнить» on an item in parts", () => {
  it("shows the executor the part that is overdue, as their own card and /school do", async () => {
    h = await BotHarness.start({ now: "2023-06-01T09:00:00+09:00" });
    const w = await world();
    // «Март 2023, декабрь 2023»: the March part is overdue, the item's own (last) date is in December
    const multi = await h.db.item.create({
      data: { roadmapId: w.roadmap.id, key: "7", number: "7", title: "Контроль курсовой подготовки", deadlineKind: "multi", deadlineDue: "2023-12-31", checkpoints: JSON.stringify(["2023-03-31", "2023-12-31"]), position: 7 },
    });
    await h.db.assignment.create({ data: { itemId: multi.id, personId: w.executor.personId, schoolId: w.schoolA.id, status: "not_started" } });
    const school = (await w.curator.user.command("/school сковородино"))[0]!;
    expect(school.text).toMatch(/<b>7\.<\/b>[^\n]*\n\s+просрочено · срок 31 марта 2023/);
    await w.curator.user.press("Напомнить: 7 · Петрова А.И.");
    const told = w.executor.user.lastReply()!.text;
    expect(told).toContain("Срок: 31 марта 2023");
    expect(told).toContain("Статус: просрочено");
    expect((await w.executor.user.command("/item 7"))[0]!.text).toContain("Срок: 31 марта 2023");
  });
});
