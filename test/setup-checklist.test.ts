import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BotHarness, buttons, type TestUser } from "./support/bot-harness.ts";
import { fixturePath } from "./support/fixtures.ts";

// The coordinator's first ten minutes (issue 11): /start and /help open with the next step of
// setting up — import, preview and save, people, invites, the roadmap in force — each step read
// from the database, the done ones marked, the next one with its command or button; once all is
// done /start says it in one line and /help is the plain help. Over real HTTP, the emulated Bot API.

const FIXTURE = fixturePath("skovorodino-2023-roadmap.txt");
const HEADER = "ФИО;Должность;Организация;Роль;Школа";

let h: BotHarness;
afterEach(async () => {
  await h?.stop();
});

const texts = (msgs: Array<{ text: string }>) => msgs.map((m) => m.text).join("\n---\n");

async function startText(user: TestUser): Promise<string> {
  const replies = await user.command("/start");
  expect(replies).toHaveLength(1);
  return replies[0]!.text;
}

/** The line of step n of the checklist. */
function stepLine(text: string, n: number): string {
  const line = text.split("\n").find((l) => new RegExp(`^(✅|👉|▫️) (<b>)?${n}\\. `).test(l));
  expect(line, text).toBeDefined();
  return line!;
}

/** The last document the bot sent this chat, with its bytes. */
function lastDocument(user: TestUser): { name: string; data: Buffer; caption: string } {
  const call = [...h.api.calls].reverse().find((c) => c.method === "sendDocument" && String(c.params.chat_id) === String(user.id));
  expect(call, "a document was sent").toBeDefined();
  const file = call!.files.document!;
  return { name: file.name, data: file.data, caption: String(call!.params.caption ?? "") };
}

async function joinByLink(user: TestUser, inviteText: string): Promise<void> {
  const token = /start=([A-Za-z0-9_-]+)/.exec(inviteText)?.[1];
  expect(token, inviteText).toBeTruthy();
  expect(texts(await user.command(`/start ${token}`))).toContain("Ваш аккаунт подключён");
}

describe("the coordinator's setup checklist", () => {
  it("advances from the empty database to done as the coordinator imports, loads people, invites and they join", async () => {
    h = await BotHarness.start({ adminIds: ["4242"], now: "2023-06-01T10:00:00+09:00" });
    const coord = h.user({ id: 4242, firstName: "Ольга", lastName: "Координатова" });

    // an empty database: step 1 is next, nothing is done
    let text = await startText(coord);
    expect(text).toContain("Настройка бота — сделано 0 из 5");
    expect(stepLine(text, 1)).toBe("👉 <b>1. Загрузите дорожную карту</b>");
    expect(text).toContain("Отправьте /import, затем файл приказа");
    for (const n of [2, 3, 4, 5]) expect(stepLine(text, n)).toMatch(/^▫️ /);
    // a coordinator with no work of their own has no reminders to hand over: no «Я в отпуске» under the checklist
    expect(buttons(coord.lastReply()!).map((b) => b.text)).not.toContain("Я в отпуске");
    // /help opens with the same checklist, then the coordinator's commands
    const help = await coord.command("/help");
    expect(help).toHaveLength(1);
    expect(help[0]!.text.startsWith("<b>Настройка бота — сделано 0 из 5</b>")).toBe(true);
    expect(help[0]!.text).toContain("/import — загрузить дорожную карту");

    // a preview waiting: step 1 done, step 2 names the file
    await coord.command("/import");
    const preview = (await coord.sendDocument(path.basename(FIXTURE), fs.readFileSync(FIXTURE), { mimeType: "text/plain" })).at(-1)!;
    expect(buttons(preview).map((b) => b.text)).toContain("Сохранить");
    text = await startText(coord);
    expect(stepLine(text, 1)).toBe("✅ 1. Дорожная карта загружена");
    expect(stepLine(text, 2)).toBe("👉 <b>2. Проверьте предпросмотр и сохраните</b>");
    expect(text).toContain(`Предпросмотр «${path.basename(FIXTURE)}» ждёт Вашего решения`);
    expect(text).toContain("сделано 1 из 5");
    // the preview again, from the checklist's button, with its «Сохранить»
    expect(buttons(coord.lastReply()!).map((b) => b.text)[0]).toBe("Показать предпросмотр");
    const again = (await coord.press("Показать предпросмотр")).at(-1)!;
    expect(again.text).toContain("Мероприятий: <b>30</b>");
    expect(buttons(again).map((b) => b.text)).toContain("Сохранить");

    // saved: the roadmap is in force from today (saving in chat activates it), people are next
    const saved = texts(await coord.press("Сохранить"));
    expect(saved).toContain("Дорожная карта сохранена");
    expect(saved).toContain("Следующий шаг настройки: <b>Загрузите список людей</b> — подробнее в /start.");
    // the checklist's old button no longer shows a preview that is gone
    expect(texts(await coord.press("Показать предпросмотр"))).toBe("Этот предпросмотр уже неактуален. Отправьте /import и файл ещё раз.");
    text = await startText(coord);
    expect(stepLine(text, 2)).toBe("✅ 2. Сохранено дорожных карт: 1");
    expect(stepLine(text, 3)).toBe("👉 <b>3. Загрузите список людей</b>");
    expect(stepLine(text, 4)).toBe("▫️ 4. Разошлите приглашения");
    expect(stepLine(text, 5)).toMatch(/^✅ 5\. Дорожная карта \d+ \(Приказ № 120 от 31 марта 2023\) действует с 1 июня 2023$/);
    expect(text).toContain("сделано 3 из 5");
    const startMsg = coord.lastReply()!;
    expect(buttons(startMsg).map((b) => b.text)[0]).toBe("Шаблон списка людей");

    // the template: a CSV file whose header is the contract's
    await coord.press("Шаблон списка людей");
    const template = lastDocument(coord);
    expect(template.name).toMatch(/\.csv$/);
    const templateText = template.data.toString("utf8").replace(/^\uFEFF/, "");
    expect(templateText.split(/\r?\n/)[0]).toBe(HEADER);
    expect(template.caption).toContain("исполнитель, куратор, заместитель, координатор");

    // filled in and sent back without /import: read by the people import, a bad row told in Russian
    const filled =
      templateText.trimEnd() +
      "\r\n" +
      [
        "Петрова Анна Ивановна;Директор;МБОУ СОШ № 1 г. Сквородино;исполнитель;",
        "Кураторова Нина Павловна;Главный специалист;Управление образования;куратор;МБОУ СОШ № 1 г. Сквородино",
        "Пилотов Пётр Петрович;Лётчик;Аэроклуб;пилот;",
        "Соколова Ирина Петровна;Учитель;МБОУ СОШ № 1 г. Сквородино;исполнитель;",
        "Зуева Наталья Олеговна;Учитель;МБОУ СОШ № 1 г. Сквородино;исполнитель;",
      ].join("\r\n");
    const imported = texts(await coord.sendDocument("список-людей.csv", Buffer.from(filled, "utf8"), { mimeType: "text/csv" }));
    expect(imported).toContain("Список людей загружен (строк в файле: 4)");
    expect(imported).toContain("• строка 4: неизвестная роль «пилот»");
    expect(imported).toContain("Следующий шаг настройки: <b>Разошлите приглашения</b>");
    expect(await h.db.person.count({ where: { fullName: "Петрова Анна Ивановна" } })).toBe(1);
    expect(await h.db.person.count({ where: { fullName: { startsWith: "Пилотов" } } })).toBe(0);

    // people listed: invites are next, with a button per person not yet invited
    text = await startText(coord);
    const directory = await h.db.person.count({ where: { removedAt: null, NOT: { roles: { some: { role: "coordinator" } } } } });
    expect(stepLine(text, 3)).toBe(`✅ 3. Список людей загружен: в справочнике ${directory} чел.`);
    expect(stepLine(text, 4)).toBe("👉 <b>4. Разошлите приглашения</b>");
    expect(text).toContain(`Ещё не приглашены: ${directory} чел.`);
    // past five names, how many more, after a space
    expect(directory).toBeGreaterThan(5);
    expect(text).toMatch(new RegExp(`[а-я] и ещё ${directory - 5}\\. `));
    expect(buttons(coord.lastReply()!).filter((b) => b.text.startsWith("Пригласить: ")).length).toBe(Math.min(5, directory));

    // every button gives a link, as /invite does; the checklist names the next people each time
    const links: string[] = [];
    for (let guard = 0; guard < 50; guard++) {
      const shown = buttons(coord.lastReply()!).filter((b) => b.text.startsWith("Пригласить: "));
      if (shown.length === 0) break;
      for (const b of shown) {
        const reply = texts(await coord.press(b.text));
        expect(reply).toContain("start=");
        links.push(reply);
      }
      text = await startText(coord);
    }
    expect(links).toHaveLength(directory);
    // every invite sent: the coordinator's part is done though nobody has joined yet
    expect(text).toMatch(/^Здравствуйте[^\n]*\nНастройка завершена: действующих дорожных карт — 1, подключились 0 из \d+ чел\./);

    // they join by their links
    for (const link of links) await joinByLink(h.user(), link);
    text = await startText(coord);
    expect(text.split("\n")).toHaveLength(2);
    expect(text.split("\n")[1]).toBe(`Настройка завершена: действующих дорожных карт — 1, подключились ${directory} из ${directory} чел. Кто ещё не подключился — /people.`);
    // and /help is the plain help
    const plainHelp = (await coord.command("/help"))[0]!.text;
    expect(plainHelp).not.toContain("Настройка");
    expect(plainHelp.startsWith("<b>Ваши поручения</b>")).toBe(true);
  });

  it("a roadmap kept as a draft: «in force» is the step left, and saving it again in chat brings it into force", async () => {
    h = await BotHarness.start({ adminIds: ["4242"], now: "2023-06-01T10:00:00+09:00" });
    const coord = h.user({ id: 4242 });
    await coord.command("/import");
    await coord.sendDocument(path.basename(FIXTURE), fs.readFileSync(FIXTURE), { mimeType: "text/plain" });
    await coord.press("Сохранить");
    // a roadmap stored without an activation date is a draft (services/roadmap-store.ts)
    const roadmap = await h.db.roadmap.findFirstOrThrow();
    await h.db.roadmap.update({ where: { id: roadmap.id }, data: { status: "draft", activeFrom: null } });
    await h.linkedUser("Петрова Анна Ивановна", { roles: ["executor"] });
    let text = await startText(coord);
    expect(stepLine(text, 3)).toMatch(/^✅ 3\. Список людей загружен/);
    expect(stepLine(text, 5)).toBe("▫️ 5. Дорожная карта начинает действовать");
    // everyone invited from the checklist's buttons
    for (let guard = 0; guard < 10; guard++) {
      const shown = buttons(coord.lastReply()!).filter((b) => b.text.startsWith("Пригласить: "));
      if (shown.length === 0) break;
      for (const b of shown) await coord.press(b.text);
      text = await startText(coord);
    }
    const directory = await h.db.person.count({ where: { removedAt: null, NOT: { roles: { some: { role: "coordinator" } } } } });
    expect(stepLine(text, 4)).toBe(`✅ 4. Приглашения разосланы: подключились 1 из ${directory} чел., ждут подключения — ${directory - 1}`);
    expect(stepLine(text, 5)).toBe("👉 <b>5. Дорожная карта начинает действовать</b>");
    expect(text).toContain(`Дорожная карта ${roadmap.id} (Приказ № 120 от 31 марта 2023) сохранена как черновик, напоминаний по ней нет.`);
    expect(text).toContain("сделано 4 из 5");

    // the next day the same file is imported and saved again: the roadmap is in force from that day
    h.clock.set("2023-06-02T10:00:00+09:00");
    await coord.command("/import");
    await coord.sendDocument(path.basename(FIXTURE), fs.readFileSync(FIXTURE), { mimeType: "text/plain" });
    await coord.press("Сохранить");
    expect(await h.db.roadmap.findUniqueOrThrow({ where: { id: roadmap.id } })).toMatchObject({ status: "active", activeFrom: "2023-06-02" });
    expect(await h.db.roadmap.count()).toBe(1);
    text = await startText(coord);
    expect(text).toContain(`Настройка завершена: действующих дорожных карт — 1, подключились 1 из ${directory} чел.`);
    expect(text).not.toContain("👉");
  });

  it("is the coordinator's only: others keep their greeting and help; an English coordinator reads it in English", async () => {
    h = await BotHarness.start({ adminIds: ["4242"], now: "2023-06-01T10:00:00+09:00" });
    const { user: executor } = await h.linkedUser("Петрова Анна Ивановна", { roles: ["executor", "curator", "deputy"] });
    const greeting = await startText(executor);
    expect(greeting).toBe("Здравствуйте, Анна Ивановна! Ваши поручения — /my, все команды — /help.");
    const help = (await executor.command("/help"))[0]!;
    expect(help.text).not.toContain("Настройка");
    expect(buttons(help).filter((b) => b.text.startsWith("Пригласить") || b.text.startsWith("Шаблон"))).toEqual([]);

    const { user: english } = await h.linkedUser("Smith John", { roles: ["coordinator"], language: "en" });
    const text = await startText(english);
    // the executor above is the directory: loaded and joined; a coordinator alone is not counted
    expect(text).toContain("<b>Setting up the bot — 2 of 5 done</b>");
    expect(stepLine(text, 1)).toBe("👉 <b>1. Upload the roadmap</b>");
    expect(stepLine(text, 4)).toBe("✅ 4. Invitations sent: 1 of 1 joined");
    expect(text).toContain("Send /import, then the order's file");
  });

  it("a file sent to a coordinator outside /import: a people list is read, anything else is answered as before", async () => {
    h = await BotHarness.start({ adminIds: ["4242"], now: "2023-06-01T10:00:00+09:00" });
    const coord = h.user({ id: 4242 });
    const { user: executor } = await h.linkedUser("Петрова Анна Ивановна");
    const list = Buffer.from(`${HEADER}\nИванова Мария Петровна;Учитель;МБОУ СОШ № 2;исполнитель;\n`, "utf8");

    // not a coordinator: the list is not read
    expect(texts(await executor.sendDocument("people.csv", list, { mimeType: "text/csv" }))).toContain("Чтобы приложить файл к поручению");
    expect(await h.db.person.count({ where: { fullName: "Иванова Мария Петровна" } })).toBe(0);
    // a CSV that is not a people list, from the coordinator: the usual answer, nothing stored
    expect(texts(await coord.sendDocument("table.csv", Buffer.from("Мероприятие;Срок\nСовещание;Май 2023\n"), { mimeType: "text/csv" }))).toContain(
      "Чтобы приложить файл к поручению",
    );
    // the template sent back unfilled
    expect(texts(await coord.sendDocument("список-людей.csv", Buffer.from(`\uFEFF${HEADER}\r\n`, "utf8")))).toBe(
      "В файле нет ни одной строки с людьми: под строкой заголовков впишите по одному человеку в строке и отправьте файл снова.",
    );
    // a list in Windows-1251 with a comma, as an old Excel saves it
    const cp1251 = Buffer.from(
      [0xd4, 0xc8, 0xce, 0x2c, 0xd0, 0xee, 0xeb, 0xfc, 0x0a].concat([...Buffer.from("Ivanova Maria,executor\n", "latin1")]),
    );
    expect(texts(await coord.sendDocument("people.csv", cp1251))).toContain("Список людей загружен (строк в файле: 1). В справочнике добавлено: 1");
    // the list read: the person is in the directory and the checklist's «Пригласить» answers for them
    expect(texts(await coord.sendDocument("people.csv", list))).toContain("Список людей загружен (строк в файле: 1). В справочнике добавлено: 1");
    const maria = await h.db.person.findFirstOrThrow({ where: { fullName: "Иванова Мария Петровна" } });
    const invite = texts(await coord.pressData(`su:inv:${maria.id}`));
    expect(invite).toContain("Ссылка-приглашение: <b>Иванова Мария Петровна</b>");
    // once she has joined, the button says so instead of replacing her link
    await joinByLink(h.user(), invite);
    expect(texts(await coord.pressData(`su:inv:${maria.id}`))).toBe("Иванова Мария Петровна уже подключён(а) к боту.");
    // an executor cannot press the coordinator's buttons
    await executor.pressData("su:tpl");
    expect(executor.toasts().at(-1)).toBe("Эта команда доступна только координаторам.");
  });

  it("a second coordinator from the people list is invited like everyone and, once joined, sees the same checklist", async () => {
    h = await BotHarness.start({ adminIds: ["4242"], now: "2023-06-01T10:00:00+09:00" });
    const coord = h.user({ id: 4242 });
    const list = `${HEADER}\nПолухина Елена Александровна;главный специалист;Управление образования;координатор;\n`;
    expect(texts(await coord.sendDocument("people.csv", Buffer.from(list, "utf8")))).toContain("Список людей загружен (строк в файле: 1). В справочнике добавлено: 1");
    let text = await startText(coord);
    expect(stepLine(text, 3)).toBe("✅ 3. Список людей загружен: в справочнике 1 чел.");
    // not invited yet (step 4 is not the next one: its names and buttons wait for it)
    expect(stepLine(text, 4)).toBe("▫️ 4. Разошлите приглашения");
    const polukhina = await h.db.person.findFirstOrThrow({ where: { fullName: "Полухина Елена Александровна" } });
    const invite = texts(await coord.pressData(`su:inv:${polukhina.id}`));
    const second = h.user();
    const token = /start=([A-Za-z0-9_-]+)/.exec(invite)![1]!;
    const welcome = (await second.command(`/start ${token}`))[0]!;
    // her welcome: the checklist (nothing imported yet), then her commands
    expect(welcome.text).toContain("Ваш аккаунт подключён к боту «Веха» как «Полухина Елена Александровна».");
    expect(welcome.text).toContain("👉 <b>1. Загрузите дорожную карту</b>");
    expect(welcome.text).toContain("✅ 4. Приглашения разосланы: подключились 1 из 1 чел.");
    expect(welcome.text).toContain("/import — загрузить дорожную карту");
    text = await startText(coord);
    expect(stepLine(text, 4)).toBe("✅ 4. Приглашения разосланы: подключились 1 из 1 чел.");
  });
});
