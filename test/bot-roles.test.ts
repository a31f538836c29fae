import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BotHarness, buttons, type TestUser } from "./support/bot-harness.ts";
import { notifyPostponeRequest } from "../scheduler/approvals.ts";
import { searchText } from "../core/schools.ts";
import { FIXTURES_DIR } from "./support/fixtures.ts";

// Curator, deputy head and coordinator conversations over real HTTP against the fake Bot API.

const FIXTURES = FIXTURES_DIR;
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));

let h: BotHarness;
afterEach(async () => {
  await h?.stop();
});

const texts = (msgs: Array<{ text: string }>) => msgs.map((m) => m.text).join("\n---\n");

/** A snapshot of what a refused or bad command must not change. */
async function stateOf(h: BotHarness) {
  const db = h.db;
  return {
    roadmaps: await db.roadmap.count(),
    items: await db.item.count(),
    assignments: await db.assignment.findMany({ orderBy: { id: "asc" }, select: { id: true, personId: true, status: true, dueOverride: true } }),
    people: await db.person.count(),
    invites: await db.invite.count(),
    pending: await db.pendingImport.count(),
    changes: await db.statusChange.count(),
    evidence: await db.evidence.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true } }),
    postpone: await db.postponeRequest.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true } }),
  };
}

describe("coordinator: /import", () => {
  it("previews a fixture sent in chat, saves it on «Сохранить», and an outdated button changes nothing", async () => {
    h = await BotHarness.start({ adminIds: ["4242"], now: "2023-06-01T09:00:00+09:00" });
    const coord = h.user({ id: 4242 });
    expect(texts(await coord.command("/import"))).toContain("Отправьте файл");
    const preview = (await coord.sendDocument("skovorodino-2023-roadmap.txt", fixture("skovorodino-2023-roadmap.txt"), { mimeType: "text/plain" })).at(-1)!;
    expect(preview.text).toContain("Предпросмотр");
    expect(preview.text).toContain("Мероприятий: <b>30</b>");
    expect(preview.text).toContain("Руководители ОО");
    expect(preview.text).toMatch(/поручения 6 школам из документа/);
    expect(preview.text).toContain("Контроль: Бутусова О.В.");
    // the time zone as people say it, not its IANA name
    expect(preview.text).toContain("часовой пояс Якутск (UTC+9)");
    // a role that is not a school head: the missing people are worded for any role; two roles going to the
    // same schools with the same gaps are one line, not two alike
    expect(preview.text).toMatch(/\n«Руководители ОО», «Педагогические работники» → поручения 6 школам из документа: [^\n]*\nв справочнике нет исполнителя этих ролей в 6 школах — их поручения попадут в \/unassigned\n/);
    expect(preview.text.match(/в справочнике нет исполнителя/g)).toHaveLength(1);
    expect(preview.text).not.toContain("без руководителя");
    expect(preview.text).toMatch(/Уже просрочено на сегодня \d+ мероприяти[а-я]*: /);
    // each section's count says what it counts, and those without one are counted too, in the words of /roadmap (11 + 3 + 16 = 30)
    expect(preview.text).toMatch(/\n {2}• Мониторинг деятельности школ [^\n]* — 11 мероприятий\n/);
    expect(preview.text).toContain("\n  • без раздела — 16 мероприятий\n");
    // the count of мероприятия without an executor, labelled; the parties under it
    expect(preview.text).toMatch(/Исполнитель в справочнике не найден — \d+ мероприяти[а-я]*, по ответственным:\n {2}• Управление образования: /);
    // as the digest counts: item 7 («Март 2023 Декабрь 2023») is overdue by its March part
    expect(preview.text).toMatch(/Уже просрочено на сегодня [^\n]*: (\d+, )*7(, \d+)*\./);
    // «Сохранить» / «Отмена» first; the correction loop's buttons (a fix per doubtful key, the workbook) after them
    expect(buttons(preview).map((b) => b.text).slice(0, 2)).toEqual(["Сохранить", "Отмена"]);
    expect(buttons(preview).at(-1)!.text).toBe("Скачать для правки");
    expect(await h.db.roadmap.count()).toBe(0); // nothing stored before «Сохранить»
    expect(await h.db.pendingImport.count()).toBe(1);

    const saved = await coord.press("Сохранить");
    expect(texts(saved)).toMatch(/Дорожная карта сохранена \(карта \d+\)/);
    const roadmap = await h.db.roadmap.findFirstOrThrow();
    expect(roadmap.status).toBe("active");
    expect(roadmap.activeFrom).toBe("2023-06-01");
    expect(await h.db.item.count()).toBe(30);
    const item1 = await h.db.item.findFirstOrThrow({ where: { key: "1" } });
    expect(await h.db.assignment.count({ where: { itemId: item1.id } })).toBe(6); // a role fanned out to the 6 schools
    expect(await h.db.pendingImport.count()).toBe(0);

    // the same button again: outdated, nothing saved twice
    const before = await stateOf(h);
    const again = await coord.pressData(buttons(preview)[0]!.callback_data, preview);
    expect(texts(again)).toContain("предпросмотр уже неактуален");
    expect(await stateOf(h)).toEqual(before);

    // a second import of the same file, cancelled: nothing changes
    await coord.command("/import");
    await coord.sendDocument("skovorodino-2023-roadmap.txt", fixture("skovorodino-2023-roadmap.txt"));
    expect(texts(await coord.press("Отмена"))).toContain("Загрузка отменена");
    expect(await stateOf(h)).toEqual(before);
  });

  it("an English-speaking coordinator reads the importer's remarks in English (the document's words stay as written)", async () => {
    h = await BotHarness.start({ adminIds: ["4242"], now: "2023-06-01T09:00:00+09:00" });
    const coord = h.user({ id: 4242, languageCode: "en" });
    await coord.command("/import");
    const preview = (await coord.sendDocument("skovorodino-2023-roadmap.txt", fixture("skovorodino-2023-roadmap.txt"), { mimeType: "text/plain" })).at(-1)!;
    expect(preview.text).toContain("Notes from reading the document: 5");
    expect(preview.text).toContain("3: the empty «Result», «Deadline» and «Responsible» cells are taken from the row above (item 2)");
    expect(preview.text).toContain("28: the deadline «Март 2023 2022» has two years in a row (2023 and 2022): 2023 is taken");
    expect(preview.text).not.toContain("взяты из строки выше");
  });

  it("answers broken files clearly and keeps waiting; nothing is stored", async () => {
    h = await BotHarness.start({ adminIds: ["4242"] });
    const coord = h.user({ id: 4242 });
    await coord.command("/import");
    const before = await stateOf(h);
    expect(texts(await coord.sendDocument("plan.pdf", Buffer.from("%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n")))).toContain("Из этого PDF не удалось прочитать текст");
    expect(texts(await coord.sendDocument("plan.doc", Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)])))).toContain(".docx");
    expect(texts(await coord.sendDocument("empty.docx", Buffer.alloc(0)))).toMatch(/пуст/);
    expect(texts(await coord.sendDocument("big.docx", Buffer.from("x"), { fileSize: 21 * 1024 * 1024 }))).toContain("больше 20 МБ");
    expect(texts(await coord.sendPhoto(Buffer.from("jpeg")))).toContain("нужен файл документа");
    expect(texts(await coord.send("вот файл"))).toContain("Отправьте файл дорожной карты");
    h.api.failNext("getFile", { status: 400, description: "Bad Request: invalid file_id" });
    expect(texts(await coord.sendDocument("plan.docx", Buffer.from("PK")))).toContain("Не удалось получить файл");
    expect(await stateOf(h)).toEqual(before);
    // still waiting: a good file now gives a preview
    const ok = await coord.sendDocument("bagan-2024-roadmap.txt", fixture("bagan-2024-roadmap.txt"));
    expect(ok.at(-1)!.text).toContain("Мероприятий: <b>36</b>");
  });

  it("takes a people CSV after /import into the directory", async () => {
    h = await BotHarness.start({ adminIds: ["4242"] });
    const coord = h.user({ id: 4242 });
    await coord.command("/import");
    const csv = "ФИО;Должность;Организация;Роль;Школа\nПетрова Анна Ивановна;Директор;МБОУ СОШ № 1 г. Сковородино;исполнитель;\n";
    expect(texts(await coord.sendDocument("people.csv", Buffer.from(csv, "utf8")))).toContain("Список людей загружен");
    expect(await h.db.person.count({ where: { fullName: "Петрова Анна Ивановна" } })).toBe(1);
  });
});

describe("coordinator: /invite, /people, /assign, /unassigned", () => {
  it("/help names /people удалить and /people заменить", async () => {
    h = await BotHarness.start({ adminIds: ["4242"] });
    const help = texts(await h.user({ id: 4242 }).command("/help"));
    expect(help).toContain("/people удалить <i>ФИО</i>");
    expect(help).toContain("/people заменить <i>ФИО</i> -&gt; <i>ФИО</i>");
  });

  it("long /unassigned and /overdue fit one message each and end with «…и ещё N»", async () => {
    h = await BotHarness.start({ adminIds: ["4242"], now: "2024-06-01T09:00:00+09:00" });
    const db = h.db;
    const schools = [];
    for (let n = 1; n <= 5; n++) schools.push(await db.organization.create({ data: { name: `МБОУ СОШ № ${n} г. Сковородино`, kind: "school", search: searchText(`мбоу сош № ${n} г. сковородино`) } }));
    const roadmap = await db.roadmap.create({ data: { identity: "big", title: "Большая карта", timezone: "Asia/Yakutsk", contentHash: "h", status: "active", activeFrom: "2023-01-01" } });
    for (let k = 1; k <= 80; k++) {
      const item = await db.item.create({
        data: { roadmapId: roadmap.id, key: String(k), number: String(k), title: `Мероприятие номер ${k} с очень длинным названием, которое повторять незачем & <лишнее>`, deadlineKind: "date", deadlineDue: "2024-03-31", position: k },
      });
      // item 1 at all five schools, the others at four of them: «все, кроме» the fifth
      for (const school of schools.slice(0, k === 1 ? 5 : 4)) await db.assignment.create({ data: { itemId: item.id, schoolId: school.id, partyText: "Руководители ОО" } });
    }
    const coord = h.user({ id: 4242 });
    const unassigned = await coord.command("/unassigned");
    expect(unassigned).toHaveLength(1);
    const u = unassigned[0]!.text;
    expect(u.length).toBeLessThan(4096);
    expect(u).toContain("Поручений без исполнителя: 321 (мероприятий: 80)");
    expect(u).toMatch(/^Школы \(5\): МБОУ СОШ № 1 г\. Сковородино, [^\n]*МБОУ СОШ № 5 г\. Сковородино$/m);
    expect(u).toMatch(/^<b>1<\/b> Мероприятие номер 1 с очень длинным названием, которое… — Руководители ОО: все школы \(5\)$/m);
    expect(u).toMatch(/^<b>2<\/b> Мероприятие номер 2 [^\n]* — Руководители ОО: все школы, кроме: МБОУ СОШ № 5 г\. Сковородино \(итого 4 школы\)$/m);
    const shown = u.match(/^<b>\d+<\/b>/gm)!.length;
    expect(shown).toBeLessThan(80);
    expect(u).toContain(`…и ещё ${80 - shown} мероприяти`);
    expect(u).toContain(`(поручений: ${(80 - shown) * 4})`);
    expect(u).toContain("/assign <i>организация</i> <i>ФИО</i>");
    expect(u).not.toContain("<лишнее>");

    const overdue = await coord.command("/overdue");
    expect(overdue).toHaveLength(1);
    const o = overdue[0]!.text;
    expect(o.length).toBeLessThan(4096);
    expect(o).toMatch(/^Просрочено 321 поручение по 80 мероприятиям\./);
    expect(o).toMatch(/^<b>1\.<\/b> Мероприятие номер 1 [^\n]* · срок 31 марта 2024 · просрочено на 62 дня\n {4}• без исполнителя: Руководители ОО — все школы \(5\)$/m);
    expect(o).toMatch(/^<b>2\.<\/b> [^\n]*\n {4}• без исполнителя: Руководители ОО — все школы, кроме: МБОУ СОШ № 5 г\. Сковородино \(итого 4 школы\)$/m);
    const items = o.match(/^<b>\d+\.<\/b>/gm)!.length;
    expect(o).toContain(`…и ещё ${80 - items} мероприяти`);
  });

  it("invites by full name, lists people, assigns by hand; bad input changes nothing", async () => {
    h = await BotHarness.start({ adminIds: ["4242"], now: "2023-06-01T09:00:00+09:00" });
    const coord = h.user({ id: 4242 });
    await coord.command("/import");
    await coord.sendDocument("skovorodino-2023-roadmap.txt", fixture("skovorodino-2023-roadmap.txt"));
    await coord.press("Сохранить");

    const invite = texts(await coord.command("/invite Иванов Пётр Сергеевич"));
    const token = /start=([A-Za-z0-9_-]+)/.exec(invite)?.[1];
    expect(token).toBeTruthy();
    expect(invite).toContain("https://t.me/vekha_test_bot?start=");
    const person = await h.db.person.findFirstOrThrow({ where: { fullName: "Иванов Пётр Сергеевич" } });
    expect(await h.db.invite.count({ where: { personId: person.id, token } })).toBe(1);
    expect(texts(await coord.command("/people"))).toMatch(/⏳ <b>Иванов Пётр Сергеевич<\/b>|⏳ Иванов Пётр Сергеевич/);
    // roles in one order whatever order they were given in (and whatever order the database keeps)
    await h.linkedUser("Полухина Елена Александровна", { roles: ["coordinator", "curator", "executor"] });
    expect(texts(await coord.command("/people"))).toContain("<b>Полухина Елена Александровна</b> · исполнитель, куратор, координатор");

    const unassignedBefore = await h.db.assignment.count({ where: { personId: null } });
    // compact: one message, one line per item, a role's six schools as a count named once in the legend
    const list = await coord.command("/unassigned");
    expect(list).toHaveLength(1);
    const listed = list[0]!.text;
    if (process.env.SHOW) console.log(listed);
    expect(listed.length).toBeLessThan(4096);
    expect(listed).toContain(`Поручений без исполнителя: ${unassignedBefore}`);
    expect(listed.match(/^<b>1<\/b> /gm)).toHaveLength(1);
    expect(listed).toMatch(/^<b>1<\/b> Внесение информации[^\n]*— Руководители ОО: все школы \(6\)$/m);
    expect(listed).toMatch(/^Школы \(6\): [^\n]*МБОУ СОШ с\. Албазино/m);
    expect(listed).toMatch(/^<b>11<\/b> [^\n]*— Управление образования$/m);
    expect(listed).toMatch(/^<b>2<\/b> [^\n]*— Управление образования; Руководители ОО: все школы \(6\); Педагогические работники: все школы \(6\)$/m);
    expect(listed).toMatch(/^<b>15<\/b> [^\n]*— Управление образования; Руководители ОО: все школы \(6\)$/m);
    expect(listed).toContain("/assign <i>организация</i> <i>ФИО</i>");
    expect(listed).not.toContain("…и ещё");
    // /overdue in the same compact shape: an item once with its due date and days, the schools beneath
    const overdueMsgs = await coord.command("/overdue");
    expect(overdueMsgs).toHaveLength(1);
    const overdue = overdueMsgs[0]!.text;
    if (process.env.SHOW) console.log(overdue);
    expect(overdue.length).toBeLessThan(4096);
    expect(overdue).toMatch(/^Просрочено \d+ поручени[йея] по \d+ мероприяти/);
    expect(overdue.match(/^<b>7\.<\/b> /gm)).toHaveLength(1);
    expect(overdue).toMatch(
      /^<b>7\.<\/b> Контроль за прохождением[^\n]* · срок 31 марта 2023 · просрочено на 62 дня\n {4}• без исполнителя: Руководители ОО — все школы \(6\); Управление образования$/m,
    );
    expect(overdue).toMatch(/^<b>17\.<\/b> Анализ итогов 2022 года · срок 31 марта 2023 · просрочено на 62 дня\n {4}• Полухина Е\.А\.$/m);
    expect(overdue.match(/просрочено/gi)).toHaveLength(overdue.match(/^<b>\d+\.<\/b>/gm)!.length + 1); // the header, then once per item
    expect(overdue).toMatch(/^Школы \(6\): /m);
    const done = texts(await coord.command("/assign 1 Иванов Пётр Сергеевич Албазино"));
    expect(done).toContain("Назначено: Иванов Пётр Сергеевич");
    expect(await h.db.assignment.count({ where: { personId: null } })).toBe(unassignedBefore - 1);
    // the school that got someone drops out of item 1's line
    expect(texts(await coord.command("/unassigned"))).toMatch(/^<b>1<\/b> [^\n]*Руководители ОО: все школы, кроме: МБОУ СОШ с\. Албазино \(итого 5 школ\)$/m);
    const albazino = await h.db.organization.findFirstOrThrow({ where: { search: { contains: "албазин" } } });
    expect(await h.db.assignment.count({ where: { personId: person.id, schoolId: albazino.id, item: { key: "1" } } })).toBe(1);

    // replacing a person hands over their open work
    await coord.command("/invite Смирнова Мария Петровна");
    expect(texts(await coord.command("/people заменить Иванов Пётр Сергеевич -> Смирнова Мария Петровна"))).toContain("заменён(а) на Смирнова Мария Петровна");
    const smirnova = await h.db.person.findFirstOrThrow({ where: { fullName: "Смирнова Мария Петровна" } });
    expect(await h.db.assignment.count({ where: { personId: smirnova.id, schoolId: albazino.id, item: { key: "1" } } })).toBe(1);
    expect(texts(await coord.command("/people"))).not.toContain("Иванов Пётр Сергеевич");

    const before = await stateOf(h);
    expect(texts(await coord.command("/people удалить Никто Никтович"))).toContain("нет в справочнике");
    expect(texts(await coord.command("/people что-то"))).toContain("Изменить справочник");
    expect(texts(await coord.command("/assign"))).toContain("Формат: /assign");
    expect(texts(await coord.command("/assign 999 Смирнова Мария Петровна"))).toContain("Мероприятия с ключом «999» нет");
    expect(texts(await coord.command("/assign 1 Никто Никтович Никтов"))).toContain("нет в справочнике");
    expect(texts(await coord.command("/invite"))).toContain("Напишите ФИО полностью");
    expect(texts(await coord.command("/invite <script>alert(1)</script>"))).toContain("ФИО может содержать только буквы");
    expect(texts(await coord.command(`/invite ${"Я".repeat(10_000)}`))).toContain("не длиннее 150");
    expect(texts(await coord.command("/invite Неизвестная"))).toContain("в справочнике нет");
    expect(await stateOf(h)).toEqual(before);
  });
});

/** A roadmap with two schools, a curator of one, an executor, a deputy head, evidence waiting. */
async function rolesWorld(h: BotHarness) {
  const db = h.db;
  const mkSchool = (name: string) => db.organization.create({ data: { name, kind: "school", search: searchText(name) } });
  const schoolA = await mkSchool("МБОУ СОШ № 1 г. Сковородино");
  const schoolB = await mkSchool("МБОУ СОШ с. Албазино");
  const roadmap = await db.roadmap.create({
    data: { identity: "r", title: "Дорожная карта <ШНОР> 2023", timezone: "Asia/Yakutsk", contentHash: "h", status: "active", activeFrom: "2023-03-31" },
  });
  const section = await db.section.create({ data: { roadmapId: roadmap.id, title: "Мониторинг", position: 0 } });
  const item = (key: string, due: string) =>
    db.item.create({ data: { roadmapId: roadmap.id, sectionId: section.id, key, number: key, title: `Мероприятие ${key} «анализ»`, deadlineKind: "date", deadlineDue: due, position: Number(key) } });
  const [i1, i2, i3, i4] = [await item("1", "2023-05-15"), await item("2", "2023-06-30"), await item("3", "2023-05-20"), await item("4", "2023-05-25")];
  const executor = await h.linkedUser("Петрова Анна Ивановна", { organizationId: schoolA.id, position: "директор" });
  const curator = await h.linkedUser("Кураторова Нина Павловна", { roles: ["curator"] });
  await db.curatorship.create({ data: { schoolId: schoolA.id, personId: curator.personId } });
  const deputy = await h.linkedUser("Бутусова Ольга Владимировна", { roles: ["deputy"], roadmapId: roadmap.id });
  const other = await h.linkedUser("Сидоров Олег Ильич", { organizationId: schoolB.id });
  const a1 = await db.assignment.create({ data: { itemId: i1.id, personId: executor.personId, schoolId: schoolA.id, status: "submitted" } });
  const a2 = await db.assignment.create({ data: { itemId: i2.id, personId: executor.personId, schoolId: schoolA.id, status: "submitted" } });
  const a3 = await db.assignment.create({ data: { itemId: i3.id, personId: other.personId, schoolId: schoolB.id, status: "in_progress" } });
  const a4 = await db.assignment.create({ data: { itemId: i4.id, personId: executor.personId, schoolId: schoolA.id, status: "in_progress" } });
  await db.evidence.create({ data: { assignmentId: a1.id, kind: "link", url: "https://school1.ru/news/42?a=1&b=2", byPersonId: executor.personId } });
  await db.evidence.create({ data: { assignmentId: a2.id, kind: "file", fileName: "Справка <итог>.pdf", storagePath: "files/x.pdf", byPersonId: executor.personId } });
  return { schoolA, schoolB, roadmap, executor, curator, deputy, other, a1, a2, a3, a4 };
}

describe("curator: /school, /verify, /overdue", () => {
  it("sees their school with statuses, due dates and evidence; another school is not theirs", async () => {
    h = await BotHarness.start({ now: "2023-06-01T09:00:00+09:00" });
    const w = await rolesWorld(h);
    const cur = w.curator.user;
    const school = texts(await cur.command("/school сковородино"));
    expect(school).toContain("МБОУ СОШ № 1 г. Сковородино");
    expect(school).toContain("на проверке");
    expect(school).toContain("15 мая 2023");
    expect(school).toContain("https://school1.ru/news/42?a=1&amp;b=2");
    expect(school).toContain("Справка &lt;итог&gt;.pdf");
    expect(school).toContain("просрочено"); // item 4
    // item 4 is being worked on though late: both are said
    expect(school).toContain("в работе (просрочено) · срок 25 мая 2023");
    expect(school).toContain("Петрова Анна Ивановна");
    // a title written over two lines in the document is one line in the list
    const item4Id = (await h.db.assignment.findUniqueOrThrow({ where: { id: w.a4.id } })).itemId;
    await h.db.item.update({ where: { id: item4Id }, data: { title: "Участие в мероприятиях\nУчастие в интенсиве" } });
    expect(texts(await cur.command("/school сковородино"))).toContain("<b>4.</b> Участие в мероприятиях Участие в интенсиве\n    в работе (просрочено)");
    await h.db.item.update({ where: { id: item4Id }, data: { title: "Мероприятие 4 «анализ»" } });
    // evidence attached to work not yet marked done is not «на проверке»
    await h.db.evidence.create({ data: { assignmentId: w.a4.id, kind: "link", url: "https://school1.ru/draft", byPersonId: w.executor.personId } });
    expect(texts(await cur.command("/school сковородино"))).toContain("https://school1.ru/draft (приложено, не отмечено выполненным)");
    expect(texts(await cur.command("/school СОШ с. АЛБАЗИНО"))).toContain("не найдена");
    expect(texts(await cur.command("/school"))).toContain("Напишите часть названия школы");
    // the deputy head sees any school of their roadmap
    expect(texts(await w.deputy.user.command("/school албазино"))).toContain("Мероприятие 3");

    const overdue = texts(await cur.command("/overdue"));
    expect(overdue).toContain("Мероприятие 4");
    expect(overdue).not.toContain("Мероприятие 3"); // school B is not the curator's
    expect(overdue).toMatch(/^Просрочено 1 поручение по 1 мероприятию\./);
    expect(overdue).toMatch(/^<b>4\.<\/b> Мероприятие 4 «анализ» · срок 25 мая 2023 · просрочено на 7 дней\n {4}• Петрова Анна Ивановна — МБОУ СОШ № 1 г\. Сковородино$/m);
    const deputyOverdueMsgs = await w.deputy.user.command("/overdue");
    expect(deputyOverdueMsgs).toHaveLength(1);
    const deputyOverdue = texts(deputyOverdueMsgs);
    expect(deputyOverdue).toContain("Мероприятие 3");
    expect(deputyOverdue).toContain("Мероприятие 4");
    expect(deputyOverdue).toMatch(/^<b>3\.<\/b> Мероприятие 3 «анализ» · срок 20 мая 2023 · просрочено на 12 дней\n {4}• Сидоров Олег Ильич — МБОУ СОШ с\. Албазино$/m);
    expect(deputyOverdue).toContain("&lt;ШНОР&gt;"); // the roadmap's title, escaped
    // two executors of one item: the item once, both people with their schools on one line
    const item4 = await h.db.item.findFirstOrThrow({ where: { key: "4" } });
    await h.db.assignment.create({ data: { itemId: item4.id, personId: w.other.personId, schoolId: w.schoolB.id, status: "not_started" } });
    const both = texts(await w.deputy.user.command("/overdue"));
    expect(both.match(/^<b>4\.<\/b>/gm)).toHaveLength(1);
    expect(both).toMatch(/^<b>4\.<\/b> [^\n]*\n {4}• Петрова Анна Ивановна — МБОУ СОШ № 1 г\. Сковородино; Сидоров Олег Ильич — МБОУ СОШ с\. Албазино$/m);
  });

  it("accepts one and returns the other with a comment that reaches the executor; outdated buttons change nothing", async () => {
    h = await BotHarness.start({ now: "2023-06-01T09:00:00+09:00" });
    const w = await rolesWorld(h);
    const cur = w.curator.user;
    // the stored copy of a file goes along with its card (no Telegram file id cached for this one)
    fs.mkdirSync(path.join(h.deps.config.dataDir, "files"), { recursive: true });
    fs.writeFileSync(path.join(h.deps.config.dataDir, "files/x.pdf"), "%PDF-1.4 справка");
    const list = await cur.command("/verify");
    expect(list[0]!.text).toContain("Ждут проверки 2 поручения");
    const doc = h.api.calls.filter((c) => c.method === "sendDocument").at(-1)!;
    expect(Object.values(doc.files)[0]!.data.toString()).toBe("%PDF-1.4 справка");
    const cards = list.filter((m) => buttons(m).length > 0);
    expect(cards).toHaveLength(2);
    expect(buttons(cards[0]!).map((b) => b.text)).toEqual(["Принять", "Вернуть на доработку"]);

    const acceptData = buttons(cards[0]!)[0]!.callback_data;
    expect(texts(await cur.pressData(acceptData, cards[0]))).toContain("Принято: поручение по мероприятию <b>1</b>");
    expect((await h.db.assignment.findUniqueOrThrow({ where: { id: w.a1.id } })).status).toBe("verified");
    expect(texts(h.api.sent(w.executor.user.id))).toContain("Подтверждение по мероприятию <b>1</b>");

    expect(texts(await cur.pressData(buttons(cards[1]!)[1]!.callback_data, cards[1]))).toContain("Напишите одним сообщением, что нужно доработать");
    expect(texts(await cur.send("   "))).toContain("не может быть пустым");
    // a command in between cancels the question: the next text is not taken as the comment
    await cur.command("/verify");
    expect(await h.db.chatState.count()).toBe(0);
    await cur.pressData(buttons(cards[1]!)[1]!.callback_data, cards[1]);
    expect(texts(await cur.send("Я".repeat(10_000)))).toContain("слишком длинный");
    expect((await h.db.assignment.findUniqueOrThrow({ where: { id: w.a2.id } })).status).toBe("submitted");
    expect(texts(await cur.send(`Нет подписи <директора> ${"!".repeat(2)}`))).toContain("возвращено на доработку");
    const a2 = await h.db.assignment.findUniqueOrThrow({ where: { id: w.a2.id } });
    expect(a2.status).toBe("returned");
    const told = texts(h.api.sent(w.executor.user.id));
    expect(told).toContain("Нет подписи &lt;директора&gt;");
    expect((await h.db.evidence.findFirstOrThrow({ where: { assignmentId: w.a2.id } })).fileName).toBe("Справка <итог>.pdf"); // never lost

    const before = await stateOf(h);
    expect(texts(await cur.pressData(acceptData, cards[0]))).toContain("решение уже принято");
    // the curator of school A may not decide for school B; the executor may not decide at all
    await h.db.assignment.update({ where: { id: w.a3.id }, data: { status: "submitted" } });
    const mid = await stateOf(h);
    expect(texts(await cur.pressData(`v:ok:${w.a3.id}`))).toContain("принимает куратор школы");
    expect(texts(await w.executor.user.pressData(`v:ok:${w.a1.id}`))).toContain("принимает куратор школы");
    expect(texts(await cur.pressData("v:ok:99999"))).toContain("больше не найден");
    expect(await stateOf(h)).toEqual(mid);
    expect(before.changes).toBe(2);
  });

  it("decides postponements: «Отклонить» with a reason, «Одобрить» moves the due date", async () => {
    h = await BotHarness.start({ now: "2023-06-01T09:00:00+09:00" });
    const w = await rolesWorld(h);
    const cur = w.curator.user;
    const req1 = await h.db.postponeRequest.create({ data: { assignmentId: w.a4.id, requestedDue: "2023-07-14", reason: "Ждём результаты", byPersonId: w.executor.personId } });
    expect(await notifyPostponeRequest(h.db, h.deps.outbox, req1.id, h.clock.now())).toBe(1);
    const msg = cur.lastReply()!;
    expect(msg.text).toContain("Просьба о переносе срока по мероприятию <b>4</b>");
    expect(buttons(msg).map((b) => b.text)).toEqual(["Одобрить", "Отклонить"]);
    expect(texts(await cur.press("Отклонить"))).toContain("причину отказа");
    expect(texts(await cur.send("Срок установлен приказом"))).toContain("отклонён");
    expect((await h.db.postponeRequest.findUniqueOrThrow({ where: { id: req1.id } })).status).toBe("refused");
    const told = texts(h.api.sent(w.executor.user.id));
    expect(told).toContain("Перенос срока по мероприятию <b>4</b>");
    expect(told).toContain("Срок установлен приказом");
    expect((await h.db.assignment.findUniqueOrThrow({ where: { id: w.a4.id } })).dueOverride).toBeNull();

    const req2 = await h.db.postponeRequest.create({ data: { assignmentId: w.a4.id, requestedDue: "2023-06-20", reason: "Болезнь", byPersonId: w.executor.personId } });
    await notifyPostponeRequest(h.db, h.deps.outbox, req2.id, h.clock.now());
    expect(texts(await cur.press("Одобрить"))).toContain("новый срок 20 июня 2023");
    const a4 = await h.db.assignment.findUniqueOrThrow({ where: { id: w.a4.id } });
    expect([a4.status, a4.dueOverride]).toEqual(["postponed", "2023-06-20"]);
    // now not overdue any more
    expect(texts(await cur.command("/overdue"))).toContain("Просроченных поручений нет");
  });
});

describe("deputy head: /roadmap, /digest", () => {
  it("shows progress per section and school with a chart, and a digest now", async () => {
    h = await BotHarness.start({ now: "2023-06-01T09:00:00+09:00" });
    const w = await rolesWorld(h);
    const dep = w.deputy.user;
    const before = h.api.calls.filter((c) => c.method === "sendPhoto").length;
    const out = texts(await dep.command("/roadmap"));
    expect(out).toContain("Дорожная карта &lt;ШНОР&gt; 2023");
    expect(out).toContain("По разделам");
    expect(out).toContain("Мониторинг");
    expect(out).toContain("По школам");
    expect(out).toContain("МБОУ СОШ с. Албазино");
    expect(out).toMatch(/просрочено 2/);
    const photos = h.api.calls.filter((c) => c.method === "sendPhoto");
    expect(photos.length).toBe(before + 2); // per section and per school
    const png = Object.values(photos.at(-1)!.files)[0]!.data;
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect(texts(await dep.command("/roadmap 999"))).toContain("среди доступных Вам нет");
    expect(texts(await dep.command("/digest"))).toContain("Дорожная карта &lt;ШНОР&gt; 2023");
  });

  it("/digest with several roadmaps: the overview of them all, each one's digest a button or «/digest <id>» away", async () => {
    h = await BotHarness.start({ now: "2023-06-01T09:00:00+09:00" });
    const w = await rolesWorld(h);
    const dep = w.deputy.user;
    // 25 more roadmaps under the same deputy head: more than a chooser's twenty buttons
    const more = [];
    for (let n = 1; n <= 25; n++) {
      const r = await h.db.roadmap.create({ data: { identity: `r${n}`, title: `Дорожная карта района ${n}`, orderNumber: `${n}-од`, orderDate: "2023-03-01", timezone: "Asia/Yakutsk", contentHash: `h${n}`, status: "active", activeFrom: "2023-03-31" } });
      await h.db.personRole.create({ data: { personId: w.deputy.personId, role: "deputy", roadmapId: r.id } });
      const it = await h.db.item.create({ data: { roadmapId: r.id, key: "1", number: "1", title: "Анализ", deadlineKind: "date", deadlineDue: "2023-05-10", position: 0 } });
      await h.db.assignment.create({ data: { itemId: it.id, personId: w.other.personId, schoolId: w.schoolB.id, status: n === 25 ? "verified" : "not_started" } });
      more.push(r);
    }
    const [overview] = await dep.command("/digest");
    expect(overview!.text).toContain("Сводка по дорожным картам на 1 июня 2023");
    expect(overview!.text).toContain("26 дорожных карт: просрочено 26 поручений");
    // every roadmap in two lines, the one with nothing overdue last
    expect(overview!.text).toContain(`<b>Приказ № 25-од от 1 марта 2023</b>\nвыполнено 1 из 1 поручения (100 %) · просрочек нет · /digest ${more[24]!.id}`);
    expect(overview!.text.indexOf(`/digest ${more[24]!.id}`)).toBeGreaterThan(overview!.text.indexOf(`/digest ${w.roadmap.id}`));
    for (const r of [w.roadmap, ...more]) expect(overview!.text).toContain(`/digest ${r.id}\n`);
    // a button opens one roadmap's full digest; so does its number
    const first = buttons(overview!)[0]!;
    expect(first.text).toMatch(/^Карта \d+: /);
    const detail = texts(await dep.pressData(first.callback_data, overview));
    expect(detail).toContain("Сводка по дорожной карте (");
    expect(texts(await dep.command(`/digest ${more[3]!.id}`))).toContain("Сводка по дорожной карте (Приказ № 4-од от 1 марта 2023)");
  });
});

describe("each role sees and changes only what it may", () => {
  it("an executor is refused the other roles' commands; a stranger gets only the access message", async () => {
    h = await BotHarness.start({ now: "2023-06-01T09:00:00+09:00" });
    const w = await rolesWorld(h);
    const ex = w.executor.user;
    const before = await stateOf(h);
    const refusals: Array<[string, RegExp]> = [
      ["/import", /только координаторам/],
      ["/people", /только координаторам/],
      ["/invite Иванов Иван Иванович", /только координаторам/],
      ["/assign 1 Петрова Анна Ивановна", /только координаторам/],
      ["/unassigned", /только координаторам/],
      ["/school сковородино", /кураторам, заместителям/],
      ["/overdue", /кураторам, заместителям/],
      ["/verify", /кураторам, заместителям/],
      ["/roadmap", /заместителям руководителя/],
      ["/digest", /заместителям руководителя/],
    ];
    for (const [cmd, answer] of refusals) expect(texts(await ex.command(cmd)), cmd).toMatch(answer);
    // a document from a non-coordinator is not an import
    await ex.sendDocument("skovorodino-2023-roadmap.txt", fixture("skovorodino-2023-roadmap.txt"));
    expect(await stateOf(h)).toEqual(before);
    expect(await h.db.chatState.count()).toBe(0);

    const stranger: TestUser = h.user();
    const answer = await stranger.command("/school сковородино");
    expect(answer).toHaveLength(1);
    expect(answer[0]!.text).not.toContain("Сковородино");
    expect(await stateOf(h)).toEqual(before);
  });

  it("a curator cannot import or invite, and a deputy head cannot verify another roadmap's school work", async () => {
    h = await BotHarness.start({ now: "2023-06-01T09:00:00+09:00" });
    const w = await rolesWorld(h);
    const before = await stateOf(h);
    expect(texts(await w.curator.user.command("/import"))).toMatch(/только координаторам/);
    expect(texts(await w.curator.user.command("/invite Иванов Иван Иванович"))).toMatch(/только координаторам/);
    const otherRoadmap = await h.db.roadmap.create({ data: { identity: "r2", title: "Другая", timezone: "Asia/Yakutsk", contentHash: "h2", status: "active" } });
    const item = await h.db.item.create({ data: { roadmapId: otherRoadmap.id, key: "9", title: "Чужое", deadlineKind: "none", position: 1 } });
    const foreign = await h.db.assignment.create({ data: { itemId: item.id, personId: w.other.personId, status: "submitted" } });
    await w.deputy.user.command("/verify"); // a message in the chat for the button to sit on
    const mid = await stateOf(h);
    expect(texts(await w.deputy.user.pressData(`v:ok:${foreign.id}`))).toContain("принимает куратор школы");
    expect(await stateOf(h)).toEqual(mid);
    expect(before.roadmaps).toBe(1);
  });
});
