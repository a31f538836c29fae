import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { InlineKeyboardMarkup } from "telegraf/types";
import { BotHarness, buttons, type TestUser } from "./support/bot-harness.ts";
import type { SentMessage } from "./support/fake-bot-api.ts";
import { seedRoadmap } from "./support/roadmap-seed.ts";
import { createInvite } from "../services/invites.ts";
import type { DeliveryQueue } from "../scheduler/delivery.ts";
import { itemCard } from "../views/cards.ts";
import { translator } from "../services/i18n.ts";
import { REPLY_RETRY } from "../services/telegram-retry.ts";

// Today is 1 June 2023 in Asia/Yakutsk (09:00 local).
let h: BotHarness;
let exec: TestUser;
let execId: number;
let ids: Record<string, number>;
let schoolId: number;

async function snapshot() {
  const [assignments, changes, evidence, requests] = await Promise.all([
    h.db.assignment.findMany({ select: { id: true, status: true, dueOverride: true }, orderBy: { id: "asc" } }),
    h.db.statusChange.count(),
    h.db.evidence.count(),
    h.db.postponeRequest.count(),
  ]);
  return { assignments, changes, evidence, requests };
}

beforeEach(async () => {
  h = await BotHarness.start({ now: "2023-06-01T09:00:00+09:00", adminIds: ["4242"] });
  const school = await h.db.organization.create({ data: { name: "МБОУ СОШ № 1 г. Сковородино", kind: "school", search: "мбоу сош № 1 г. сковородино" } });
  schoolId = school.id;
  const person = await h.db.person.create({ data: { fullName: "Полухина Елена Андреевна", shortName: "Полухина Е.А.", position: "главный специалист" } });
  execId = person.id;
  const other = await h.db.person.create({ data: { fullName: "Иванов Иван Иванович", shortName: "Иванов И.И." } });
  const seeded = await seedRoadmap(h.db, {
    items: [
      { key: "17", title: "Мониторинг <деятельности> ШНОР & школ", due: "2023-05-20", personId: execId, schoolId },
      { key: "18", title: "Анализ результатов ВПР", due: "2023-06-05", personId: execId, evidence: "аналитическая справка" },
      { key: "19", title: "Совещание с руководителями ОО", due: "2023-06-15", personId: execId },
      { key: "20", title: "Методический семинар", due: "2023-09-30", personId: execId },
      { key: "21", title: "Информационное сопровождение", kind: "ongoing", deadlineText: "постоянно", personId: execId },
      { key: "22", title: "Чужое поручение", due: "2023-06-10", personId: other.id },
    ],
  });
  ids = seeded.assignmentIds;
  // the executor joins by the deep link
  const { token } = await createInvite(h.db, execId, h.clock);
  exec = h.user({ firstName: "Елена" });
  const [welcome] = await exec.command(`/start ${token}`);
  expect(welcome!.text).toContain("Полухина Елена Андреевна");
});

afterEach(async () => {
  await h?.stop();
});

describe("executor", () => {
  it("/my names the school once when all of one's work is at it, on each line when not", async () => {
    const mixed = (await exec.command("/my"))[0]!.text;
    expect(mixed.split("МБОУ СОШ № 1 г. Сковородино").length - 1).toBe(1);
    expect(mixed).toMatch(/<b>17<\/b> [^\n]* · МБОУ СОШ № 1 г. Сковородино/);
    const director = await h.linkedUser("Соколова Ирина Петровна", { organizationId: schoolId });
    await seedRoadmap(h.db, {
      items: [
        { key: "8", title: "Программа развития", due: "2023-06-30", personId: director.personId, schoolId },
        { key: "10", title: "Антирисковые меры", due: "2023-07-31", personId: director.personId, schoolId },
      ],
    });
    const mine = (await director.user.command("/my"))[0]!.text;
    expect(mine.split("\n")[0]).toBe("<b>Ваши поручения: 2</b> · МБОУ СОШ № 1 г. Сковородино");
    expect(mine.split("МБОУ СОШ № 1 г. Сковородино").length - 1).toBe(1);
    expect(mine).toMatch(/<b>(\d+\/)?8<\/b> Программа развития · до 30 июня 2023\n/);
  });

  it("/my groups open work as overdue, due in 7 days and later, with Russian dates", async () => {
    const [my] = await exec.command("/my");
    const text = my!.text;
    expect(my!.params.parse_mode).toBe("HTML");
    const overdue = text.indexOf("Просрочено");
    const soon = text.indexOf("Срок в ближайшие 7 дней");
    const later = text.indexOf("Позже");
    expect(overdue).toBeGreaterThan(-1);
    expect(soon).toBeGreaterThan(overdue);
    expect(later).toBeGreaterThan(soon);
    expect(text.slice(overdue, soon)).toContain("до 20 мая 2023");
    expect(text.slice(soon, later)).toContain("до 5 июня 2023");
    expect(text.slice(later)).toContain("до 15 июня 2023");
    expect(text.slice(later)).toContain("до 30 сентября 2023");
    expect(text).toContain("постоянно");
    // document text is escaped, someone else's work is not shown
    expect(text).toContain("&lt;деятельности&gt; ШНОР &amp; школ");
    expect(text).not.toContain("Чужое поручение");
  });

  it("marks one item done with a link and another with a file downloaded through getFile", async () => {
    const [done] = await exec.command("/done 18 https://school1.ru/news/vpr");
    expect(done!.text).toContain("отправлено на проверку");
    const a18 = await h.db.assignment.findUnique({ where: { id: ids["18"]! }, include: { evidence: true, statusChanges: true } });
    expect(a18!.status).toBe("submitted");
    expect(a18!.evidence.map((e) => [e.kind, e.url, e.byPersonId])).toEqual([["link", "https://school1.ru/news/vpr", execId]]);
    expect(a18!.statusChanges.map((c) => [c.fromStatus, c.toStatus, c.byPersonId])).toEqual([["not_started", "submitted", execId]]);

    // item 19: the card, «Приложить подтверждение», a file, then «Выполнено»
    const [card] = await exec.command("/item 19");
    expect(buttons(card!).map((b) => b.text)).toEqual(["Выполнено", "В работе", "Нужно больше времени", "Приложить подтверждение"]);
    for (const b of buttons(card!)) expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);
    await exec.press("Приложить подтверждение");
    expect(exec.lastReply()!.text).toContain("Отправьте подтверждение");
    const bytes = Buffer.from("%PDF-1.4 протокол совещания");
    const saved = await exec.sendDocument("Протокол совещания.pdf", bytes, { mimeType: "application/pdf" });
    expect(saved.at(-1)!.text).toContain("Протокол совещания.pdf");
    expect(h.api.calls.some((c) => c.method === "getFile")).toBe(true);
    const ev = await h.db.evidence.findFirst({ where: { assignmentId: ids["19"]! } });
    expect(ev!.kind).toBe("file");
    expect(ev!.storagePath).toMatch(/^files\//);
    expect(fs.readFileSync(path.join(h.deps.config.dataDir, ev!.storagePath!))).toEqual(bytes);
    await exec.press("Выполнено");
    const a19 = await h.db.assignment.findUnique({ where: { id: ids["19"]! }, include: { evidence: true } });
    expect(a19!.status).toBe("submitted");
    expect(a19!.evidence).toHaveLength(1); // evidence survives the status change
    // the card was redrawn in place with its new status and only the attach button
    const edit = h.api.calls.filter((c) => c.method === "editMessageText").at(-1)!;
    expect(String(edit.params.text)).toContain("на проверке");
    expect(exec.toasts()).toContain("Отправлено на проверку.");
  });

  it("takes a photo sent as a reply to a card, and /progress with a comment", async () => {
    const [card] = await exec.command("/item 20");
    await exec.sendPhoto(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), { replyTo: card! });
    const ev = await h.db.evidence.findFirst({ where: { assignmentId: ids["20"]! } });
    expect(ev!.kind).toBe("photo");
    await exec.command("/progress 20 готовим программу семинара");
    const change = await h.db.statusChange.findFirst({ where: { assignmentId: ids["20"]! } });
    expect([change!.fromStatus, change!.toStatus, change!.comment]).toEqual(["not_started", "in_progress", "готовим программу семинара"]);
  });

  it("answers every bad input clearly and changes nothing", async () => {
    const before = await snapshot();
    const expectReply = async (p: Promise<unknown>, pattern: RegExp) => {
      await p;
      expect(exec.lastReply()!.text).toMatch(pattern);
    };
    await expectReply(exec.command("/item 999"), /ключом «999» нет/);
    await expectReply(exec.command("/done 22"), /Вам не поручено/);
    await expectReply(exec.command("/done 18 ftp://school1.ru/file"), /http:\/\/ или https:\/\//);
    await expectReply(exec.command("/evidence 18 javascript:alert(1)"), /http:\/\/ или https:\/\//);
    await expectReply(exec.command("/evidence 18"), /ссылку/);
    await expectReply(exec.command("/done"), /Укажите ключ/);
    await expectReply(exec.send("я".repeat(10_000)), /\/help/);
    await expectReply(exec.command(`/progress 18 ${"к".repeat(5000)}`), /слишком длинное/);
    // commands of other roles
    const before403 = exec.replies().length;
    await exec.command("/import");
    await exec.command("/unassigned");
    expect(exec.replies().length).toBe(before403 + 2);
    // a file with no card and no question: nothing to attach it to
    await expectReply(exec.sendDocument("справка.docx", Buffer.from("x")), /Приложить подтверждение/);
    // evidence step: empty file, a file over 20 MB, not a link
    await exec.command("/item 18");
    await exec.press("Приложить подтверждение");
    await expectReply(exec.sendDocument("пусто.pdf", Buffer.alloc(0)), /пустой/);
    const getFiles = h.api.calls.filter((c) => c.method === "getFile").length;
    await expectReply(exec.sendDocument("big.pdf", Buffer.from("x"), { fileSize: 21 * 1024 * 1024 }), /20 МБ/);
    expect(h.api.calls.filter((c) => c.method === "getFile").length).toBe(getFiles); // not even downloaded
    // a 502 is tried again (bot/telegram.ts): only one that persists is the user's problem
    h.api.failNext("getFile", { status: 502 }, REPLY_RETRY.attempts);
    await expectReply(exec.sendDocument("сломанный.pdf", Buffer.from("%PDF")), /Не удалось получить файл/);
    await expectReply(exec.send("просто текст"), /не похоже на ссылку/);
    await exec.press("Отмена");
    // buttons: an outdated one, and one on someone else's card
    await exec.pressData("a:done:999999");
    expect(exec.toasts().at(-1)).toContain("устарела");
    await exec.pressData(`a:done:${ids["22"]}`);
    expect(exec.toasts().at(-1)).toContain("чужому");
    await exec.pressData("a:nonsense");
    expect(exec.toasts().at(-1)).toContain("устарела");
    // postponement with a broken date and one in the past
    await exec.press("Нужно больше времени");
    await expectReply(exec.send("32.13.2023"), /Не удалось разобрать дату/);
    await expectReply(exec.send("01.01.2020"), /позже/);
    await exec.press("Отмена");
    expect(await snapshot()).toEqual(before);
    expect(fs.existsSync(h.deps.storageDir) ? fs.readdirSync(h.deps.storageDir) : []).toEqual([]);
  });

  it("a button on an outdated card: verified work cannot be changed", async () => {
    const [card] = await exec.command("/item 19");
    await h.db.assignment.update({ where: { id: ids["19"]! }, data: { status: "verified" } });
    const before = await snapshot();
    await exec.press("Выполнено");
    expect(exec.toasts().at(-1)).toContain("уже закрыто");
    expect(await snapshot()).toEqual(before);
    void card;
  });

  it("«Нужно больше времени» asks a date and a reason and sends the request to the curator", async () => {
    const { user: curator, personId: curatorId } = await h.linkedUser("Бутусова Ольга Викторовна", { roles: ["curator"] });
    await h.db.curatorship.create({ data: { schoolId, personId: curatorId } });
    await exec.command("/item 17");
    await exec.press("Нужно больше времени");
    expect(exec.lastReply()!.text).toContain("20 мая 2023");
    await exec.send("15.07.2023");
    expect(exec.lastReply()!.text).toContain("15 июля 2023");
    await exec.send("Ждём результаты региональной диагностики");
    expect(exec.lastReply()!.text).toContain("отправлен");
    const req = await h.db.postponeRequest.findFirst({ where: { assignmentId: ids["17"]! } });
    expect([req!.requestedDue, req!.reason, req!.status, req!.byPersonId]).toEqual(["2023-07-15", "Ждём результаты региональной диагностики", "pending", execId]);
    expect(curator.lastReply()!.text).toContain("Ждём результаты региональной диагностики");
    // a second request while the first waits
    await exec.command("/item 17");
    await exec.press("Нужно больше времени");
    expect(exec.toasts().at(-1)).toContain("уже ждёт решения");
  });

  it("«В работе» on an overdue card shows both: «в работе (просрочено)»", async () => {
    const [card] = await exec.command("/item 17");
    expect(card!.text).toContain("Статус: просрочено");
    await exec.press("В работе");
    const edit = h.api.calls.filter((c) => c.method === "editMessageText").at(-1)!;
    expect(String(edit.params.text)).toContain("Статус: в работе (просрочено)");
    const [again] = await exec.command("/item 17");
    expect(again!.text).toContain("Статус: в работе (просрочено)");
  });

  it("«Нужно больше времени» suggests a date after both the due date and today, never one in the past", async () => {
    await exec.command("/item 17");
    await exec.press("Нужно больше времени");
    // due 20 May, today 1 June: a month after today
    expect(exec.lastReply()!.text).toContain("например 01.07.2023");
    await exec.send("когда-нибудь");
    expect(exec.lastReply()!.text).toBe("Не удалось разобрать дату. Напишите её так: 01.07.2023.");
    await exec.press("Отмена");
    await exec.command("/item 20");
    await exec.press("Нужно больше времени");
    // due 30 September: a month after the due date
    expect(exec.lastReply()!.text).toContain("например 30.10.2023");
  });

  it("a bare link sent outside any question is answered with how to attach it, not «не понял»", async () => {
    await exec.send("https://disk.yandex.ru/d/analiz-itogov-2022");
    expect(exec.lastReply()!.text).toContain("/evidence <i>ключ</i> <i>ссылка</i>");
    await exec.send("www.example.ru/otchet");
    expect(exec.lastReply()!.text).toContain("Приложить подтверждение");
    await exec.send("Добрый день");
    expect(exec.lastReply()!.text).toBe("Я не понял сообщение. Что я умею — /help.");
    expect(await h.db.evidence.count()).toBe(0);
  });

  it("a request nobody can take yet waits in /verify of whoever decides once they join", async () => {
    await exec.command("/item 18");
    await exec.press("Нужно больше времени");
    await exec.send("15.07.2023");
    await exec.send("Результаты ВПР пришли позже");
    expect(exec.lastReply()!.text).toContain("ещё не подключён к боту");
    const { user: deputy } = await h.linkedUser("Бутусова Ольга Владимировна", { roles: ["deputy"] });
    const shown = await deputy.command("/verify");
    expect(shown.map((m) => m.text).join("\n")).toContain("Ожидает решения 1 просьба о переносе срока.");
    expect(deputy.lastReply()!.text).toContain("Результаты ВПР пришли позже");
    expect(buttons(deputy.lastReply()!).map((b) => b.text)).toEqual(["Одобрить", "Отклонить"]);
    await deputy.press("Одобрить");
    expect(deputy.toasts().at(-1)).toBe("Одобрено");
    expect((await h.db.assignment.findUnique({ where: { id: ids["18"]! } }))!.dueOverride).toBe("2023-07-15");
    const [empty] = await deputy.command("/verify");
    expect(empty!.text).toBe("Сейчас нет подтверждений и просьб о переносе срока, ожидающих Вашего решения.");
  });

  it("an ongoing item is answered by check-ins that do not close it", async () => {
    const [reply] = await exec.command("/done 21 https://school1.ru/news/june");
    expect(reply!.text).toContain("не закрывает");
    const a = await h.db.assignment.findUnique({ where: { id: ids["21"]! }, include: { checkins: true, evidence: true } });
    expect(a!.status).toBe("in_progress");
    expect(a!.checkins.map((c) => [c.period, c.status])).toEqual([["2023-06", "done"]]);
    expect(a!.evidence.map((e) => [e.url, e.checkinId])).toEqual([["https://school1.ru/news/june", a!.checkins[0]!.id]]);
    h.clock.set("2023-07-03T09:00:00+09:00");
    await exec.command("/item 21");
    await exec.press("Выполнено");
    expect(exec.toasts().at(-1)).toContain("Отметка");
    const periods = (await h.db.checkin.findMany({ where: { assignmentId: ids["21"]! }, orderBy: { id: "asc" } })).map((c) => c.period);
    expect(periods).toEqual(["2023-06", "2023-07"]);
    expect((await h.db.assignment.findUnique({ where: { id: ids["21"]! } }))!.status).toBe("in_progress");
  });

  it("a multi item is done part by part; the last part submits the assignment", async () => {
    const multi = await seedRoadmap(h.db, {
      identity: "multi",
      items: [{ key: "М1", title: "Отчёт по этапам", kind: "multi", due: "2023-12-31", personId: execId }],
    });
    await h.db.item.updateMany({ where: { key: "М1" }, data: { checkpoints: JSON.stringify(["2023-06-30", "2023-09-30", "2023-12-31"]) } });
    const id = multi.assignmentIds["М1"]!;
    const [card] = await exec.command(`/item ${multi.roadmapId}/м1`);
    expect(card!.text).toContain("30 июня 2023");
    const [first] = await exec.command(`/done ${multi.roadmapId}/М1 https://school1.ru/stage1`);
    expect(first!.text).toContain("30 сентября 2023");
    expect((await h.db.assignment.findUnique({ where: { id } }))!.status).toBe("in_progress");
    await exec.command(`/done ${multi.roadmapId}/М1`);
    await exec.command(`/done ${multi.roadmapId}/М1`);
    const a = await h.db.assignment.findUnique({ where: { id }, include: { checkpoints: { orderBy: { checkpoint: "asc" } }, statusChanges: { orderBy: { id: "asc" } }, evidence: true } });
    expect(a!.status).toBe("submitted");
    expect(a!.checkpoints.map((c) => [c.checkpoint, c.status])).toEqual([
      ["2023-06-30", "submitted"],
      ["2023-09-30", "submitted"],
      ["2023-12-31", "submitted"],
    ]);
    expect(a!.statusChanges.map((c) => [c.checkpoint, c.toStatus])).toEqual([
      ["2023-06-30", "submitted"],
      [null, "in_progress"],
      ["2023-09-30", "submitted"],
      [null, "submitted"],
    ]);
    expect(a!.evidence.map((e) => e.checkpoint)).toEqual(["2023-06-30"]);
  });

  it("a date and a reason arriving in one batch are handled in order", async () => {
    await exec.command("/item 19");
    await exec.press("Нужно больше времени");
    const msg = (id: number, text: string) => ({ update_id: id, message: { message_id: id, date: 0, chat: exec.chat, from: exec.from, text } });
    await Promise.all([h.bot.handleUpdate(msg(7_000_001, "20.07.2023") as never), h.bot.handleUpdate(msg(7_000_002, "Перенос из-за ремонта") as never)]);
    const req = await h.db.postponeRequest.findFirst({ where: { assignmentId: ids["19"]! } });
    expect([req?.requestedDue, req?.reason]).toEqual(["2023-07-20", "Перенос из-за ремонта"]);
  });

  it("a file sent as a reply to a reminder is that assignment's evidence; «Выполнено» there keeps the reminder's header", async () => {
    const card = itemCard(translator("ru"), { assignmentId: ids["20"]!, itemKey: "20", itemTitle: "Методический семинар", due: "2023-09-30", status: "not_started" });
    await h.deps.outbox.send({ chatId: String(exec.id), personId: execId, text: `<b>Срок через 7 дней</b>\n\n${card.text}`, keyboard: card.keyboard });
    const reminder = exec.lastReply()!;
    await exec.sendDocument("Программа семинара.docx", Buffer.from("PK программа"), { replyTo: reminder });
    const ev = await h.db.evidence.findFirst({ where: { assignmentId: ids["20"]! } });
    expect(ev?.fileName).toBe("Программа семинара.docx");
    await exec.pressData(`a:done:${ids["20"]}`, reminder);
    const edit = h.api.calls.filter((c) => c.method === "editMessageText").at(-1)!;
    // the header keeps its bold: Telegram hands it back as an entity, not as <b>
    expect(String(edit.params.text)).toMatch(/^<b>Срок через 7 дней<\/b>\n\n/);
    expect(String(edit.params.text)).toContain("на проверке");
    expect((await h.db.assignment.findUnique({ where: { id: ids["20"]! } }))!.status).toBe("submitted");
  });

  it("«Готово!» in reply to a reminder or a card does what «Выполнено» does and says so; a link in reply is evidence", async () => {
    const card20 = itemCard(translator("ru"), { assignmentId: ids["20"]!, itemKey: "20", itemTitle: "Методический семинар", due: "2023-09-30", status: "not_started" });
    await h.deps.outbox.send({ chatId: String(exec.id), personId: execId, text: `<b>Срок через 7 дней</b>\n\n${card20.text}`, keyboard: card20.keyboard });
    const reminder = exec.lastReply()!;
    // the word alone, not as a reply, is not taken for anything
    await exec.send("готово");
    expect((await h.db.assignment.findUnique({ where: { id: ids["20"]! } }))!.status).toBe("not_started");
    const [said] = await exec.send("Готово!", { replyTo: reminder });
    expect(said!.text).toContain("Поручение 20 отмечено как выполненное и отправлено на проверку.");
    expect((await h.db.assignment.findUnique({ where: { id: ids["20"]! } }))!.status).toBe("submitted");
    // «сделано» in reply to a card from /item
    const [card] = await exec.command("/item 19");
    await exec.send("  СДЕЛАНО. ", { replyTo: card! });
    expect((await h.db.assignment.findUnique({ where: { id: ids["19"]! } }))!.status).toBe("submitted");
    // a link in reply to the reminder: evidence of that item, and the bot says it is kept
    const [kept] = await exec.send("вот программа https://school1.ru/seminar", { replyTo: reminder });
    expect(kept!.text).toContain("Подтверждение к поручению 20 сохранено");
    expect((await h.db.evidence.findFirst({ where: { assignmentId: ids["20"]! } }))?.url).toBe("https://school1.ru/seminar");
  });

  it("a reply to a reminder about several items asks which one with buttons", async () => {
    const tr = translator("ru");
    const a = itemCard(tr, { assignmentId: ids["18"]!, itemKey: "18", itemTitle: "Анализ результатов ВПР", due: "2023-06-05", status: "not_started" });
    const b = itemCard(tr, { assignmentId: ids["19"]!, itemKey: "19", itemTitle: "Совещание с руководителями ОО", due: "2023-06-15", status: "not_started" });
    await h.deps.outbox.send({
      chatId: String(exec.id),
      personId: execId,
      text: `<b>Напоминание</b>\n\n${a.text}\n\n${b.text}`,
      keyboard: { inline_keyboard: [...a.keyboard.inline_keyboard, ...b.keyboard.inline_keyboard] },
    });
    const grouped = exec.lastReply()!;
    const [ask] = await exec.send("готово", { replyTo: grouped });
    expect(ask!.text).toContain("Какое из них выполнено?");
    expect(buttons(ask!).map((x) => x.text)).toEqual(["18 · Анализ результатов ВПР", "19 · Совещание с руководителями ОО"]);
    // nothing is marked until the executor says which
    expect((await h.db.assignment.findMany({ where: { id: { in: [ids["18"]!, ids["19"]!] } } })).map((x) => x.status)).toEqual(["not_started", "not_started"]);
    const [card] = await exec.press("19 · Совещание с руководителями ОО");
    expect(card!.text).toContain("Совещание с руководителями ОО");
    await exec.press("Выполнено");
    expect((await h.db.assignment.findUnique({ where: { id: ids["19"]! } }))!.status).toBe("submitted");
  });

  it("the question survives a restart (state in the database)", async () => {
    await exec.command("/item 20");
    await exec.press("Приложить подтверждение");
    await h.restart();
    await exec.send("Вот ссылка: https://school1.ru/seminar.");
    const ev = await h.db.evidence.findFirst({ where: { assignmentId: ids["20"]! } });
    expect(ev?.url).toBe("https://school1.ru/seminar");
    expect(await h.db.chatState.count()).toBe(0);
  });

  it("a question left for days no longer takes the next message", async () => {
    await exec.command("/item 20");
    await exec.press("Приложить подтверждение");
    h.clock.advance(3 * 24 * 3600 * 1000);
    await exec.send("https://school1.ru/old");
    expect(await h.db.evidence.count()).toBe(0);
    // answered as a link sent without a question: how to attach it
    expect(exec.lastReply()!.text).toContain("Чтобы приложить ссылку к поручению, отправьте /evidence");
  });

  it("handles a redelivered update once", async () => {
    const update = {
      update_id: 8_000_001,
      message: { message_id: 77, date: 0, chat: exec.chat, from: exec.from, text: "/done 18 https://school1.ru/a", entities: [{ type: "bot_command", offset: 0, length: 5 }] },
    };
    await h.bot.handleUpdate(update as never);
    await h.bot.handleUpdate(update as never);
    expect(await h.db.statusChange.count({ where: { assignmentId: ids["18"]! } })).toBe(1);
    expect(await h.db.evidence.count({ where: { assignmentId: ids["18"]! } })).toBe(1);
  });

  it("with several roadmaps asks which one a key means", async () => {
    const second = await seedRoadmap(h.db, { title: "План мероприятий 2023-2024", items: [{ key: "17", title: "Другое мероприятие 17", due: "2023-08-01", personId: execId }] });
    const [ask] = await exec.command("/item 17");
    expect(ask!.text).toContain("нескольких дорожных картах");
    expect(buttons(ask!)).toHaveLength(2);
    await exec.press(buttons(ask!).find((b) => b.text.startsWith(`${second.roadmapId}/17`))!.text);
    expect(exec.lastReply()!.text).toContain("Другое мероприятие 17");
    const [direct] = await exec.command(`/item ${second.roadmapId}/17`);
    expect(direct!.text).toContain("Другое мероприятие 17");
    const [my] = await exec.command("/my");
    expect(my!.text).toContain(`${second.roadmapId}/17`);
  });

  it("a long /my comes ten at a time under 4,096 characters, «Ещё» showing the next ten in place", async () => {
    await seedRoadmap(h.db, {
      identity: "long",
      items: Array.from({ length: 120 }, (_, i) => ({ key: `${100 + i}`, title: `Мероприятие номер ${i} `.repeat(8), due: "2023-07-01", personId: execId })),
    });
    const parts = await exec.command("/my");
    expect(parts).toHaveLength(1);
    const first = parts[0]!;
    expect(first.text.length).toBeLessThan(4096);
    expect(first.text).toContain("Ваши поручения: 125");
    expect(first.text).toContain("Показаны поручения 1–10 из 125.");
    const itemButtons = (m: SentMessage) => buttons(m).filter((b) => b.callback_data.startsWith("my:o:"));
    expect(itemButtons(first)).toHaveLength(10);
    expect(buttons(first).at(-1)!.text).toBe("Ещё");
    await exec.press("Ещё");
    const edit = h.api.calls.filter((c) => c.method === "editMessageText").at(-1)!;
    const second = String(edit.params.text);
    expect(second.length).toBeLessThan(4096);
    expect(second).toContain("Показаны поручения 11–20 из 125.");
    const secondButtons = (edit.params.reply_markup as InlineKeyboardMarkup).inline_keyboard.flat() as Array<{ text: string; callback_data: string }>;
    expect(secondButtons.filter((b) => b.callback_data.startsWith("my:o:"))).toHaveLength(10);
    // none of the first ten again
    const firstIds = new Set(itemButtons(first).map((b) => b.callback_data));
    expect(secondButtons.some((b) => firstIds.has(b.callback_data))).toBe(false);
  });

  it("/my has a button per item that opens its card with the card's buttons; titles cut at a word", async () => {
    await seedRoadmap(h.db, {
      identity: "titles",
      items: [{ key: "30", title: "Организация методического сопровождения педагогических работников школ с низкими результатами и риском снижения образовательных результатов обучающихся", due: "2023-07-01", personId: execId }],
    });
    const [my] = await exec.command("/my");
    expect(my!.text).not.toContain("/item");
    const labels = buttons(my!).map((b) => b.text);
    expect(labels).toHaveLength(6);
    // two roadmaps run now: keys are «<roadmap id>/<key>»
    expect(labels[0]).toMatch(/^\d+\/17 · Мониторинг <деятельности> ШНОР & школ$/);
    const long = labels.find((l) => l.includes("/30 · "))!;
    expect(long).toMatch(/\/30 · Организация методического сопровождения…$/);
    // the text line of a long title ends at a word too
    expect(my!.text).toContain("школ с низкими результатами и риском…");
    const [card] = await exec.press(labels.find((l) => l.endsWith("/18 · Анализ результатов ВПР"))!);
    expect(card!.text).toContain("Анализ результатов ВПР");
    expect(buttons(card!).map((b) => b.text)).toEqual(["Выполнено", "В работе", "Нужно больше времени", "Приложить подтверждение"]);
    await exec.press("Выполнено");
    expect((await h.db.assignment.findUnique({ where: { id: ids["18"]! } }))!.status).toBe("submitted");
    // someone else's item, pressed with a forged button: refused, nothing opened
    const before = exec.replies().length;
    await exec.pressData(`my:o:${ids["22"]}`, my);
    expect(exec.replies().length).toBe(before);
    expect(exec.toasts().at(-1)).toBe("Эта кнопка относится к чужому поручению.");
  });

  it("a 403 marks the person unreachable and a coordinator is told", async () => {
    const admin = h.user({ id: 4242, firstName: "Ольга" });
    await admin.command("/help");
    // the queue the bot sends through in production
    const outbox = h.deps.outbox as DeliveryQueue;
    h.api.failNext("sendMessage", { status: 403 });
    const res = await outbox.send({ chatId: String(exec.id), personId: execId, text: "напоминание" });
    expect(res).toMatchObject({ ok: false, error: "blocked" });
    await outbox.idle();
    expect((await h.db.person.findUnique({ where: { id: execId } }))!.unreachable).toBe(true);
    expect(admin.lastReply()!.text).toContain("Полухина Елена Андреевна");
    // they unblock the bot and write again: reachable again
    await exec.command("/my");
    expect((await h.db.person.findUnique({ where: { id: execId } }))!.unreachable).toBe(false);
  });
});
