import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BotHarness, buttons, type TestUser } from "./support/bot-harness.ts";
import { searchText } from "../core/schools.ts";
import { tick } from "../scheduler/tick.ts";

// «Я в отпуске» through the chat and real ticks, over HTTP with the Bot API emulator and a hand-moved
// clock. Asia/Yakutsk, June 2023: item 18 is due Friday 9 June at school № 1, whose curator hears of
// it when it is three working days overdue (Monday 12 June is a public holiday).
let h: BotHarness;
let exec: TestUser;
let standIn: TestUser;
let curator: TestUser;
let coordinator: TestUser;
let ids: { exec: number; standIn: number; other: number; assignment: number };

async function tickAt(iso: string) {
  h.clock.set(new Date(iso));
  await tick({ db: h.db, outbox: h.deps.outbox, clock: h.clock }, new Date(iso));
}
const about18 = (u: TestUser) => u.replies().filter((m) => m.text.includes("Анализ результатов ВПР"));
const escalations = () => about18(curator).filter((m) => m.text.includes("Просрочено на"));

beforeEach(async () => {
  h = await BotHarness.start({ now: "2023-06-02T10:00:00+09:00" });
  const db = h.db;
  const school = await db.organization.create({ data: { name: "МБОУ СОШ № 1 г. Сковородино", kind: "school", search: searchText("МБОУ СОШ № 1 г. Сковородино") } });
  const office = await db.organization.create({ data: { name: "Управление образования", kind: "authority", search: searchText("Управление образования") } });
  // someone of another organisation, listed before the colleague by name: the colleague still comes first
  const other = await h.linkedUser("Александров Пётр Ильич");
  const e = await h.linkedUser("Полухина Елена Андреевна", { organizationId: office.id });
  const s = await h.linkedUser("Бутусова Ольга Викторовна", { organizationId: office.id });
  const c = await h.linkedUser("Кураторова Нина Павловна", { roles: ["curator"] });
  const k = await h.linkedUser("Координаторов Иван Петрович", { roles: ["coordinator"] });
  await db.curatorship.create({ data: { schoolId: school.id, personId: c.personId } });
  const roadmap = await db.roadmap.create({
    data: { identity: "r", title: "Дорожная карта ШНОР 2023", orderNumber: "120", orderDate: "2023-03-31", timezone: "Asia/Yakutsk", contentHash: "h", status: "active", activeFrom: "2023-03-31" },
  });
  const item = await db.item.create({
    data: { roadmapId: roadmap.id, key: "18", number: "18", title: "Анализ результатов ВПР", deadlineKind: "date", deadlineDue: "2023-06-09", checkpoints: JSON.stringify(["2023-06-09"]), position: 1 },
  });
  const a = await db.assignment.create({ data: { itemId: item.id, personId: e.personId, schoolId: school.id } });
  [exec, standIn, curator, coordinator] = [e.user, s.user, c.user, k.user];
  ids = { exec: e.personId, standIn: s.personId, other: other.personId, assignment: a.id };
});

afterEach(async () => {
  await h?.stop();
});

describe("«Я в отпуске» with a stand-in", () => {
  it("is set from /start with dates as people write them; the stand-in's reminders say for whom, and their buttons act on the item", async () => {
    const [start] = await exec.command("/start");
    expect(buttons(start!).map((b) => b.text)).toEqual(["Я в отпуске"]);
    const [ask] = await exec.press("Я в отпуске");
    expect(ask!.text).toContain("Когда Вас не будет?");
    const [choose] = await exec.send("с 5 по 9 июня");
    expect(choose!.text).toContain("Отсутствие с 5 июня 2023 по 9 июня 2023. Кто замещает?");
    const offered = buttons(choose!).map((b) => b.text);
    // the colleague of the same organisation first, then the others; «Без замены» last but one (then «Отмена»)
    expect(offered[0]).toBe("О.В. Бутусова");
    expect(offered).toContain("П.И. Александров");
    expect(offered).not.toContain("Е.А. Полухина");
    expect(offered.slice(-2)).toEqual(["Без замены", "Отмена"]);
    const [saved] = await exec.press("О.В. Бутусова");
    expect(saved!.text).toContain("Отсутствие отмечено: с 5 июня 2023 по 9 июня 2023, замещает О.В. Бутусова.");
    expect(standIn.lastReply()!.text).toContain("Вы назначены замещающим: Е.А. Полухина отсутствует с 5 июня 2023 по 9 июня 2023.");
    const row = await h.db.absence.findFirstOrThrow();
    expect(row).toMatchObject({ personId: ids.exec, from: "2023-06-05", to: "2023-06-09", standInId: ids.standIn, byPersonId: ids.exec });

    // Thursday 8 June, the day before the deadline: the reminder goes to the stand-in, not to the executor
    const before = about18(exec).length;
    await tickAt("2023-06-08T09:00:00+09:00");
    expect(about18(exec)).toHaveLength(before);
    const reminder = about18(standIn).at(-1)!;
    expect(reminder.text).toContain("Вы замещаете коллегу: Е.А. Полухина, в отпуске до 9 июня 2023.");
    expect(reminder.text).toContain("Завтра срок: 9 июня 2023.");
    expect(reminder.text).not.toContain("Елена Андреевна, добрый день!");
    const labels = buttons(reminder).map((b) => b.text);
    expect(labels).toContain("Выполнено");
    expect(labels).not.toContain("Напомнить завтра");

    // the curator sees who covers, in /school
    h.clock.set(new Date("2023-06-08T11:00:00+09:00"));
    const [school] = await curator.command("/school СОШ № 1");
    expect(school!.text).toContain("Полухина Елена Андреевна (в отпуске до 9 июня 2023, замещает О.В. Бутусова)");

    // the stand-in's «Выполнено» acts on the item, recorded as theirs
    await standIn.pressData(buttons(reminder).find((b) => b.text === "Выполнено")!.callback_data, reminder);
    const a = await h.db.assignment.findUniqueOrThrow({ where: { id: ids.assignment } });
    expect(a.status).toBe("submitted");
    const change = await h.db.statusChange.findFirstOrThrow({ where: { assignmentId: ids.assignment } });
    expect(change.byPersonId).toBe(ids.standIn);
    // «Нужно больше времени» stays the executor's
    await h.db.assignment.update({ where: { id: ids.assignment }, data: { status: "in_progress" } });
    await standIn.pressData(buttons(reminder).find((b) => b.text === "Нужно больше времени")!.callback_data, reminder);
    expect(standIn.toasts().at(-1)).toContain("Перенос срока может попросить только сам исполнитель");
  });

  it("the stand-in may answer the reminder in words: a link, then «готово»", async () => {
    await exec.command("/away с 5 по 9 июня");
    await exec.press("О.В. Бутусова");
    await tickAt("2023-06-08T09:00:00+09:00");
    const reminder = about18(standIn).at(-1)!;
    await standIn.send("https://school1.ru/vpr-analiz", { replyTo: reminder });
    await standIn.send("Готово", { replyTo: reminder });
    const a = await h.db.assignment.findUniqueOrThrow({ where: { id: ids.assignment }, include: { evidence: true } });
    expect(a.status).toBe("submitted");
    expect(a.evidence.map((e) => [e.url, e.byPersonId])).toEqual([["https://school1.ru/vpr-analiz", ids.standIn]]);
    // a colleague who does not stand in is refused
    const [refused] = await curator.send("Готово", { replyTo: { ...reminder, chatId: String(curator.id) } });
    expect(refused?.text).toBe("Эта кнопка относится к чужому поручению.");
  });

  it("after the absence the stand-in's buttons no longer act, and «Я вернулся(ась)» ends it early", async () => {
    await exec.command("/away с 5 по 16 июня");
    await exec.press("О.В. Бутусова");
    await tickAt("2023-06-08T09:00:00+09:00");
    const reminder = about18(standIn).at(-1)!;
    // back early on Friday 9 June: the stand-in is told, the absence now ended on Thursday
    h.clock.set(new Date("2023-06-09T08:00:00+09:00"));
    const [menu] = await exec.command("/start");
    expect(buttons(menu!).map((b) => b.text)).toEqual(["Я вернулся(ась)"]);
    const [back] = await exec.press("Я вернулся(ась)");
    expect(back!.text).toBe("С возвращением! Напоминания снова приходят Вам.");
    expect(standIn.lastReply()!.text).toContain("Замещение окончено: Е.А. Полухина вернулся(ась).");
    expect(await h.db.absence.findFirstOrThrow()).toMatchObject({ from: "2023-06-05", to: "2023-06-08" });
    await standIn.pressData(buttons(reminder).find((b) => b.text === "Выполнено")!.callback_data, reminder);
    expect(standIn.toasts().at(-1)).toBe("Эта кнопка относится к чужому поручению.");
    expect((await h.db.assignment.findUniqueOrThrow({ where: { id: ids.assignment } })).status).toBe("not_started");
    // the day's reminder comes to the executor again, and no longer to the stand-in
    const standInBefore = about18(standIn).length;
    await tickAt("2023-06-09T09:00:00+09:00");
    expect(about18(exec).at(-1)!.text).toContain("Сегодня срок: 9 июня 2023.");
    expect(about18(standIn)).toHaveLength(standInBefore);
  });
});

describe("time zones", () => {
  it("a stand-in in another zone gets the reminder at their own 09:00", async () => {
    await h.db.person.update({ where: { id: ids.standIn }, data: { timezone: "Europe/Moscow" } });
    await exec.command("/away с 5 по 9 июня");
    await exec.press("О.В. Бутусова");
    // 09:00 in Yakutsk is 03:00 in Moscow: nothing yet
    await tickAt("2023-06-08T09:00:00+09:00");
    expect(about18(standIn)).toHaveLength(0);
    await tickAt("2023-06-08T08:59:00+03:00");
    expect(about18(standIn)).toHaveLength(0);
    await tickAt("2023-06-08T09:00:00+03:00");
    expect(about18(standIn)).toHaveLength(1);
    expect(about18(standIn)[0]!.text).toContain("Завтра срок: 9 июня 2023.");
  });
});

describe("«Я в отпуске» without a stand-in, set by a coordinator", () => {
  it("pauses the reminders, escalates nothing during it, and both resume after the return", async () => {
    await coordinator.command("/away Полухина Елена Андреевна");
    expect(coordinator.lastReply()!.text).toContain("Когда Е.А. Полухина будет отсутствовать?");
    await coordinator.send("05.06–16.06.2023");
    const [saved] = await coordinator.press("Без замены");
    expect(saved!.text).toContain("Отсутствие отмечено: Е.А. Полухина, с 5 июня 2023 по 16 июня 2023, без замены.");
    expect(exec.lastReply()!.text).toContain("Координатор отметил Ваше отсутствие: с 5 июня 2023 по 16 июня 2023, без замены.");

    const before = about18(exec).length;
    const starts = () => exec.replies().filter((m) => m.text.startsWith("Сегодня начинается Ваше отсутствие, отмеченное координатором: с 5 июня 2023 по 16 июня 2023."));
    const ends = () => exec.replies().filter((m) => m.text.startsWith("Координатор отметил, что Ваше отсутствие окончено"));
    // every working day of the absence: nothing to the executor, and — the deadline passed on
    // 9 June, the escalation would be due on 16 June — nothing to the curator
    for (const day of ["05", "06", "07", "08", "09", "13", "14", "15", "16"]) await tickAt(`2023-06-${day}T10:00:00+09:00`);
    expect(about18(exec)).toHaveLength(before);
    expect(escalations()).toHaveLength(0);
    expect(about18(standIn)).toHaveLength(0);
    // the person set away by a coordinator is told once when it begins, and not yet that it is over
    expect(starts()).toHaveLength(1);
    expect(ends()).toHaveLength(0);
    // Monday's digest marks the absent executor under the item
    const digest = curator.replies().find((m) => m.text.includes("Сводка по дорожной карте"));
    expect(digest?.text).toContain("Полухина Е.А. (в отпуске до 16 июня 2023, без замены)");

    // the curator sees the absence in /school
    const [school] = await curator.command("/school СОШ № 1");
    expect(school!.text).toContain("Полухина Елена Андреевна (в отпуске до 16 июня 2023, без замены)");

    // Saturday 17 June, the day after: told once that it is over
    await tickAt("2023-06-17T09:30:00+09:00");
    await tickAt("2023-06-17T10:30:00+09:00");
    expect(ends()).toHaveLength(1);
    expect(starts()).toHaveLength(1);
    // back on Monday 19 June: one reminder, the latest (overdue), not every one missed
    await tickAt("2023-06-19T09:00:00+09:00");
    const resumed = about18(exec).slice(before);
    expect(resumed).toHaveLength(1);
    expect(resumed[0]!.text).toContain("Срок истёк 9 июня 2023.");
    expect(resumed[0]!.text).toContain("Елена Андреевна, добрый день!");
    // the curator hears of it three working days after the return, not before
    for (const day of ["19", "20", "21"]) await tickAt(`2023-06-${day}T12:00:00+09:00`);
    expect(escalations()).toHaveLength(0);
    await tickAt("2023-06-22T09:00:00+09:00");
    expect(escalations()).toHaveLength(1);
    expect(escalations()[0]!.text).toContain("Исполнитель: Полухина Е.А.");
  });

  it("an item overdue while its executor is present is escalated as usual (the control)", async () => {
    for (const day of ["09", "13", "16"]) await tickAt(`2023-06-${day}T10:00:00+09:00`);
    expect(escalations()).toHaveLength(1);
  });
});

describe("bad input is answered politely, and nothing is written", () => {
  it("end before start, a past range, unreadable dates, self or unknown stand-in, an overlap", async () => {
    await exec.command("/away");
    expect((await exec.send("с 14 по 1 июня"))[0]!.text).toBe("Дата окончания раньше даты начала. Проверьте даты и напишите их ещё раз.");
    expect((await exec.send("с 1 по 14 мая 2023"))[0]!.text).toBe("Эти даты уже прошли (сегодня 2 июня 2023). Напишите даты предстоящего отсутствия.");
    expect((await exec.send("скоро"))[0]!.text).toContain("Не удалось прочитать даты.");
    // still waiting for the dates: a good answer goes on
    const [choose] = await exec.send("до 14.06");
    expect(choose!.text).toContain("Отсутствие с 2 июня 2023 по 14 июня 2023.");
    expect((await exec.send("Полухина Елена Андреевна"))[0]!.text).toContain("не найден");
    expect((await exec.send("Иванов Иван Иванович"))[0]!.text).toBe(
      "Сотрудник «Иванов Иван Иванович» не найден в списке. Выберите коллегу кнопкой или напишите фамилию и инициалы так, как в списке сотрудников.",
    );
    // a hand-made button naming oneself
    await exec.pressData(`aw:s:${ids.exec}:${ids.exec}:20230602:20230614`);
    expect(exec.lastReply()!.text).toBe("Замещать самого себя нельзя. Выберите коллегу или «Без замены».");
    await exec.pressData(`aw:s:${ids.exec}:999999:20230602:20230614`);
    expect(exec.lastReply()!.text).toContain("Этого коллеги больше нет в списке.");
    expect(await h.db.absence.count()).toBe(0);
    // a typed name works as well as a button
    const [saved] = await exec.send("Бутусова О.В.");
    expect(saved!.text).toContain("замещает О.В. Бутусова");
    expect(await h.db.absence.count()).toBe(1);
    // another absence over the same days: refused, the first stays as it was
    await exec.command("/away с 10 по 20 июня");
    const [clash] = await exec.press("Без замены");
    expect(clash!.text).toBe("На эти даты уже отмечено отсутствие: с 2 июня 2023 по 14 июня 2023. Новое не сохранено; чтобы изменить даты, сначала отмените прежнее (/away).");
    expect(await h.db.absence.count()).toBe(1);
    // someone else's absence is not theirs to set
    await standIn.pressData(`aw:s:${ids.exec}:0:20230701:20230714`);
    expect(standIn.toasts().at(-1)).toBe("Эта кнопка относится к чужому поручению.");
    expect(await h.db.absence.count()).toBe(1);
  });

  it("/away while away shows the absence with «Я вернулся(ась)»", async () => {
    await exec.command("/away до 14.06");
    await exec.press("Без замены");
    const [shown] = await exec.command("/away");
    expect(shown!.text).toBe("Ваше отсутствие отмечено: с 2 июня 2023 по 14 июня 2023, без замены.");
    expect(buttons(shown!).map((b) => b.text)).toEqual(["Я вернулся(ась)"]);
  });
});
