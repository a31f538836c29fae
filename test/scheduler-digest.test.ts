import { afterEach, describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { createTestDb, type TestDb } from "./support/db.ts";
import { item, person, RecordingOutbox, seedWorld, advancingSleep } from "./support/scheduler-world.ts";
import { buildDigest, shortTitle } from "../services/digest.ts";
import { tick } from "../scheduler/tick.ts";
import { translator } from "../services/i18n.ts";

const ZONE = "Asia/Yakutsk";
const at = (local: string) => DateTime.fromISO(local, { zone: ZONE }).toJSDate();
const ru = translator("ru");

let t: TestDb;
afterEach(async () => {
  await t?.close();
});

async function world() {
  t = await createTestDb();
  const w = await seedWorld(t.db, { activeFrom: "2023-04-10", policy: null });
  const other = await t.db.organization.create({ data: { name: "МБОУ СОШ с. Албазино", kind: "school", schoolKey: "албазино" } });
  const head2 = await person(t.db, "Лапина Г.С.", { organizationId: other.id });
  // overdue at activation (due 31 March, roadmap active from 10 April)
  await item(t.db, w, "1", { kind: "date", due: "2023-03-31" });
  // overdue since 5 May: at both schools
  await item(t.db, w, "2", { kind: "date", due: "2023-05-05" }, [
    { personId: w.executorId, schoolId: w.schoolId },
    { personId: head2.id, schoolId: other.id },
  ]);
  // due within 14 days of Monday 15 May
  await item(t.db, w, "3", { kind: "window", start: "2023-05-01", due: "2023-05-25" });
  // done and waiting for verification, with a link
  const { assignments } = await item(t.db, w, "4", { kind: "date", due: "2023-06-30" }, [{ personId: w.executorId, schoolId: w.schoolId, status: "submitted" }]);
  await t.db.evidence.create({ data: { assignmentId: assignments[0]!.id, kind: "link", url: "https://school1.example/report", status: "submitted" } });
  // verified
  await item(t.db, w, "5", { kind: "date", due: "2023-04-28" }, [{ personId: w.executorId, schoolId: w.schoolId, status: "verified" }]);
  // no deadline, and one the importer could not read
  await item(t.db, w, "6", { kind: "on_demand" });
  await item(t.db, w, "7", { kind: "unknown" });
  return { w, other, head2 };
}

describe("weekly digest", () => {
  it("gives the deputy head the whole roadmap: counts, overdue with executor, school and days, due soon, evidence, overdue at activation", async () => {
    const { w } = await world();
    const d = await buildDigest(t.db, { personId: w.deputyId, roadmapId: w.roadmapId, now: at("2023-05-15T09:00"), tr: ru });
    expect(d.schoolIds).toBeNull();
    expect(d.text).toContain("Сводка по дорожной карте (Дорожная карта ШНОР 2023) на 15 мая 2023");
    // every count says what it counts: поручения (assignments) of мероприятия (items)
    expect(d.text).toContain("8 поручений по 7 мероприятиям: ");
    expect(d.text).toContain("просрочено 3");
    expect(d.text).toContain("на проверке 1");
    expect(d.text).toMatch(/выполнено 1 · .* · <b>\d+ %<\/b>/);
    // one line per мероприятие, its schools under it
    expect(d.text).toContain("Просрочено 3 поручения по 2 мероприятиям:");
    expect(d.text).toContain("• 1 «Мероприятие 1 &lt;важное&gt;» — просрочено на 45 дней\n    МБОУ СОШ № 1 г. Сковородино — Иванова А.А.\n");
    expect(d.text).toContain("• 2 «Мероприятие 2 &lt;важное&gt;» — просрочено на 10 дней\n    МБОУ СОШ № 1 г. Сковородино — Иванова А.А.\n    МБОУ СОШ с. Албазино — Лапина Г.С.\n");
    expect(d.text.match(/Мероприятие 2 /g)).toHaveLength(1);
    expect(d.text).toContain("Срок в ближайшие 14 дней: 1 поручение по 1 мероприятию:");
    expect(d.text).toContain("• 3 «Мероприятие 3 &lt;важное&gt;» — срок 25 мая 2023\n    МБОУ СОШ № 1 г. Сковородино — Иванова А.А.");
    // item 4 waits for the school's curator, not for the deputy head: only the counts say «на проверке»
    expect(d.text).not.toContain("Ждут Вашей проверки");
    expect(d.text).toContain("1 мероприятие было просрочено уже на дату запуска (10 апреля 2023).");
    expect(d.text).toContain("Срок не распознан: 7");
    expect(d.text).toContain("Без срока (по мере необходимости или не указан): 1 мероприятие");
    expect(d.chart?.subarray(1, 4).toString()).toBe("PNG");
  });

  it("gives a curator the same for their school only", async () => {
    const { w } = await world();
    const d = await buildDigest(t.db, { personId: w.curatorId, roadmapId: w.roadmapId, now: at("2023-05-15T09:00"), tr: ru });
    expect(d.schoolIds).toEqual([w.schoolId]);
    expect(d.text).toContain("Ваши школы: МБОУ СОШ № 1 г. Сковородино");
    expect(d.text).not.toContain("Лапина");
    expect(d.text).toContain("Просрочено 2 поручения по 2 мероприятиям:");
    expect(d.text).toContain("Ждут Вашей проверки: 1 поручение</b>\n• 4 «Мероприятие 4 &lt;важное&gt;» — Иванова А.А., МБОУ СОШ № 1 г. Сковородино\nПринять или вернуть на доработку — в /verify.");
  });

  it("names each listed item by a title cut at a word boundary, and fits a big roadmap into one Telegram message", async () => {
    t = await createTestDb();
    const w = await seedWorld(t.db, { activeFrom: "2023-01-09", policy: null });
    const schools = [];
    for (let i = 0; i < 6; i++) {
      const school = await t.db.organization.create({ data: { name: `МБОУ СОШ с. Тахтамыгда им. Н.К. Магницкого № ${i}`, kind: "school", schoolKey: `тахтамыгда${i}` } });
      schools.push({ personId: (await person(t.db, `Директор${i} А.А.`, { organizationId: school.id })).id, schoolId: school.id });
    }
    const long = "Контроль за прохождением курсовой подготовки, повышения профессиональной компетенции учителями начальных классов";
    for (let k = 1; k <= 20; k++) {
      const { item: it } = await item(t.db, w, String(k), { kind: "date", due: k <= 10 ? "2023-03-31" : "2023-05-20" }, schools);
      await t.db.item.update({ where: { id: it.id }, data: { title: `${long} ${k}` } });
    }
    const d = await buildDigest(t.db, { personId: w.deputyId, roadmapId: w.roadmapId, now: at("2023-05-15T09:00"), tr: ru });
    expect(d.text.length).toBeLessThanOrEqual(4096);
    expect(d.text).toContain("Просрочено 60 поручений по 10 мероприятиям:");
    expect(d.text).toContain("Срок в ближайшие 14 дней: 60 поручений по 10 мероприятиям:");
    expect(d.text).toMatch(/…и ещё \d+/);
    expect(d.text).toContain("• 1 «Контроль за прохождением курсовой подготовки, повышения…» — просрочено на");
    // the lines under an item are поручения (a school with its executor, or a party nobody is assigned to yet)
    expect(d.text).toContain("\n    …и ещё 3 поручения");
  });

  it("a curator of 60 schools gets a digest Telegram takes: the heading counts the schools, the chart shows each", async () => {
    const { FakeBotApi } = await import("./support/fake-bot-api.ts");
    const { createDeliveryQueue } = await import("../scheduler/queue.ts");
    const { ManualClock } = await import("../core/clock.ts");
    const { Telegram } = await import("telegraf");
    t = await createTestDb();
    const w = await seedWorld(t.db, { activeFrom: "2023-01-09", policy: null });
    // the deputy head is not in Telegram: only the curator's digest goes
    await t.db.person.update({ where: { id: w.deputyId }, data: { chatId: null } });
    const places = ["Сковородино", "Тахтамыгда", "Албазино", "Джалинда", "Ерофей Павлович", "Невер", "Солнечный", "Уруша", "Талдан", "Бам"];
    for (let i = 0; i < 60; i++) {
      const name = `Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № ${i + 1} с. ${places[i % places.length]} имени Героя Советского Союза»`;
      const school = await t.db.organization.create({ data: { name, kind: "school", schoolKey: `school-${i}` } });
      await t.db.curatorship.create({ data: { schoolId: school.id, personId: w.curatorId, roadmapId: w.roadmapId } });
      const head = await person(t.db, `Директор${i} Б.Б.`, { organizationId: school.id });
      await item(t.db, w, String(i + 1), { kind: "date", due: i % 2 ? "2023-04-28" : "2023-05-25" }, [{ personId: head.id, schoolId: school.id }]);
      // an item the importer could not read, for each school: its key is listed too
      await item(t.db, w, `н${i + 1}`, { kind: "unknown" }, [{ personId: head.id, schoolId: school.id }]);
    }
    const api = await FakeBotApi.start();
    try {
      const clock = new ManualClock("2023-05-15T00:00:00Z");
      const sleep = advancingSleep(clock);
      api.enforceLimits({ now: () => clock.now().getTime() });
      const outbox = createDeliveryQueue({ telegram: new Telegram("123:TEST", { apiRoot: api.url }), db: t.db, clock, sleep });
      const curator = await t.db.person.findUniqueOrThrow({ where: { id: w.curatorId } });
      // reminders off: only the digest is due this Monday
      await t.db.roadmap.update({ where: { id: w.roadmapId }, data: { reminderPolicy: '{"before7d": null, "before1d": null, "onDue": false, "overdue": false, "escalateAfterWorkingDays": null, "windowOpen": false}' } });
      const r = await tick({ db: t.db, outbox }, at("2023-05-15T09:00"));
      expect(r).toMatchObject({ sent: 1, failed: 0 });
      const got = api.sent(curator.chatId!);
      // one message: the text is over a caption's 1,024 characters, so the chart is a button away (was: text, then the chart)
      expect(got.map((m) => m.method)).toEqual(["sendMessage"]);
      const text = got[0]!.text;
      const markup = api.calls.find((c) => c.method === "sendMessage")!.params.reply_markup as { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> } | string;
      const rows = (typeof markup === "string" ? JSON.parse(markup) : markup) as { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> };
      expect(rows.inline_keyboard.at(-1)).toEqual([{ text: "Показать диаграмму", callback_data: `dgc:${w.roadmapId}` }]);
      expect(text.length).toBeLessThanOrEqual(4096);
      // the heading counts the schools instead of listing 60 long names
      expect(text.split("\n")[1]).toBe("Ваши школы: 60 (каждая — на диаграмме)");
      expect(text).toContain("Просрочено 30 поручений по 30 мероприятиям:");
      expect(text).toMatch(/Срок не распознан: н1, н2, .*…и ещё \d+/);
      expect(api.calls.some((c) => c.method.endsWith("!refused"))).toBe(false);
    } finally {
      await api.stop();
    }
  });

  it("shortTitle keeps short titles and cuts long ones at a word with «…»", () => {
    expect(shortTitle("Анализ итогов 2022 года")).toBe("Анализ итогов 2022 года");
    expect(shortTitle("Изучение профессиональных дефицитов педагогических работников школ, вошедших в перечень", 40)).toBe("Изучение профессиональных дефицитов…");
  });

  it("escapes document text and speaks English to an English reader", async () => {
    const { w } = await world();
    await t.db.roadmap.update({ where: { id: w.roadmapId }, data: { title: "Карта <b>ШНОР</b> & Co" } });
    const d = await buildDigest(t.db, { personId: w.deputyId, roadmapId: w.roadmapId, now: at("2023-05-15T09:00"), tr: translator("en") });
    expect(d.text).toContain("Roadmap summary (Карта &lt;b&gt;ШНОР&lt;/b&gt; &amp; Co) as of");
    expect(d.text).toContain("Overdue: 3 assignments for 2 actions:");
  });

  it("goes out on Monday at 09:00 local, once a week, to the deputy and the curator: with their escalations of the day, one message each", async () => {
    const { w } = await world();
    const outbox = new RecordingOutbox();
    const digests = () => outbox.sent.filter((m) => m.text.includes("Сводка по дорожной карте"));
    await tick({ db: t.db, outbox }, at("2023-05-15T08:59"));
    expect(digests()).toHaveLength(0);
    await tick({ db: t.db, outbox }, at("2023-05-15T09:00"));
    expect(digests().map((m) => m.personId).sort()).toEqual([w.curatorId, w.deputyId].sort());
    // both are told of item 2 overdue too (an escalation): in the digest's one message, its figures at the head
    for (const id of [w.curatorId, w.deputyId]) {
      const theirs = outbox.sent.filter((m) => m.personId === id);
      expect(theirs).toHaveLength(1);
      expect(theirs[0]!.text).toContain("Итого: выполнено");
      expect(theirs[0]!.text).toMatch(/Просрочено на \d+ рабоч/);
      expect(theirs[0]!.keyboard?.inline_keyboard.flat().map((b) => b.text)).toContain("Сводка полностью");
    }
    for (const day of ["2023-05-15T15:00", "2023-05-16T09:00", "2023-05-19T09:00"]) await tick({ db: t.db, outbox }, at(day));
    expect(digests()).toHaveLength(2);
    await tick({ db: t.db, outbox }, at("2023-05-22T09:00"));
    expect(digests()).toHaveLength(4);
  });
});
