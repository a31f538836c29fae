import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BotHarness, buttons } from "./support/bot-harness.ts";
import { createInvite } from "../services/invites.ts";
import { setAllCommands } from "../bot/commands.ts";
import { createBot, type VekhaBot } from "../bot/create-bot.ts";
import { openDb } from "../services/db.ts";

let h: BotHarness;
afterEach(async () => {
  await h?.stop();
});

describe("access", () => {
  beforeEach(async () => {
    h = await BotHarness.start({ adminIds: ["4242"] });
  });

  it("refuses a stranger politely, once, and changes nothing", async () => {
    const stranger = h.user();
    const first = await stranger.command("/start");
    expect(first).toHaveLength(1);
    expect(first[0]!.text).toContain("приглашению");
    expect(first[0]!.text).toContain("Координаторы уже получили сообщение");
    const again = await stranger.send("/my");
    expect(again).toHaveLength(0); // told once: nothing else
    await stranger.send("привет");
    expect(stranger.replies()).toHaveLength(1);
    h.clock.advance(11 * 60 * 1000);
    expect(await stranger.send("/my")).toHaveLength(0);
    // asked for it again: a short line, not the long text
    const asked = await stranger.command("/start");
    expect(asked).toHaveLength(1);
    expect(asked[0]!.text).toContain("Координаторы уже знают");
    expect(asked[0]!.text).not.toContain("приглашению");
    expect(await stranger.command("/start")).toHaveLength(0);
    expect(await h.db.person.count()).toBe(0);
  });

  it("a stranger's knock reaches each coordinator once; «Пригласить как…» links the account", async () => {
    const admin = h.user({ id: 4242 });
    await admin.command("/help");
    const { user: other } = await h.linkedUser("Бутусова Ольга Викторовна", { roles: ["coordinator"] });
    const petrova = await h.db.person.create({ data: { fullName: "Петрова Анна Сергеевна", shortName: "Петрова А.С." } });
    await h.db.person.create({ data: { fullName: "Иванов Пётр Ильич", shortName: "Иванов П.И." } });
    const adminBefore = admin.replies().length;
    const stranger = h.user({ firstName: "Анна", lastName: "Петрова", languageCode: "en" });
    expect(await stranger.send("hello")).toHaveLength(1);
    expect(await stranger.send("anyone?")).toHaveLength(0);
    // after a restart the stranger is still known to have knocked
    await h.restart();
    expect(await stranger.send("/my")).toHaveLength(0);
    const notices = admin.replies().slice(adminBefore);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.text).toContain("Анна Петрова хочет подключиться к боту");
    expect(buttons(notices[0]!).map((b) => b.text)).toEqual(["Пригласить как…"]);
    expect(other.replies().filter((m) => m.text.includes("хочет подключиться"))).toHaveLength(1);
    const [list] = await admin.press("Пригласить как…");
    // the closest name first, only people without an account
    expect(buttons(list!).map((b) => b.text)).toEqual(["Петрова Анна Сергеевна", "Иванов Пётр Ильич"]);
    const [done] = await admin.press("Петрова Анна Сергеевна");
    expect(done!.text).toContain("«Петрова Анна Сергеевна»");
    expect((await h.db.person.findUnique({ where: { id: petrova.id } }))?.telegramId).toBe(String(stranger.id));
    // the new user is welcomed in their language, and /my works
    expect(stranger.lastReply()!.text).toContain("Your account is now connected to Vekha as “Петрова Анна Сергеевна”");
    expect((await stranger.command("/my"))[0]!.text).not.toContain("invitation");
    // a second coordinator pressing later is told it is done
    await other.press("Пригласить как…");
    expect(other.lastReply()!.text).toContain("Уже сделано");
    expect(await h.db.person.count({ where: { telegramId: String(stranger.id) } })).toBe(1);
  });

  it("answers a stranger in English when the client is English", async () => {
    const stranger = h.user({ languageCode: "en" });
    const [reply] = await stranger.command("/start");
    expect(reply!.text).toContain("invitation link");
  });

  it("makes an ADMIN_TELEGRAM_IDS user a coordinator on first contact", async () => {
    const admin = h.user({ id: 4242, firstName: "Ольга", lastName: "Бутусова" });
    const [reply] = await admin.command("/help");
    expect(reply!.text).toContain("/import");
    const person = await h.db.person.findUnique({ where: { telegramId: "4242" }, include: { roles: true } });
    expect(person?.fullName).toBe("Бутусова Ольга");
    expect(person?.roles.map((r) => r.role)).toEqual(["coordinator"]);
    // a second contact does not create another person
    await admin.command("/help");
    expect(await h.db.person.count()).toBe(1);
  });

  it("a curator or deputy head linked by an invite is greeted with their own commands too", async () => {
    const person = await h.db.person.create({ data: { fullName: "Гребенюк Анна Викторовна", shortName: "Гребенюк А.В." } });
    await h.db.personRole.create({ data: { personId: person.id, role: "curator" } });
    const { token } = await createInvite(h.db, person.id, h.clock);
    const [reply] = await h.user().command(`/start ${token}`);
    expect(reply!.text).toContain("Гребенюк Анна Викторовна");
    expect(reply!.text).toContain("/my");
    expect(reply!.text).toContain("/verify — подтверждения и просьбы о переносе срока, ждущие Вашего решения");
    expect(reply!.text).toContain("/school");
    // the deputy head decides too: /verify is in their help
    const deputy = await h.db.person.create({ data: { fullName: "Бутусова Ольга Владимировна", shortName: "Бутусова О.В." } });
    await h.db.personRole.create({ data: { personId: deputy.id, role: "deputy" } });
    const [greeting] = await h.user().command(`/start ${(await createInvite(h.db, deputy.id, h.clock)).token}`);
    expect(greeting!.text).toContain("/roadmap");
    expect(greeting!.text).toContain("/verify");
  });

  it("links an account through a single-use invite, never by name", async () => {
    const person = await h.db.person.create({ data: { fullName: "Полухина Елена Андреевна", shortName: "Полухина Е.А." } });
    const { token } = await createInvite(h.db, person.id, h.clock);
    const user = h.user({ firstName: "Полухина Елена Андреевна" });
    const [reply] = await user.command(`/start ${token}`);
    expect(reply!.text).toContain("Полухина Елена Андреевна");
    expect((await h.db.person.findUnique({ where: { id: person.id } }))?.telegramId).toBe(String(user.id));
    // the same token again, from another account: used
    const other = h.user();
    const [used] = await other.command(`/start ${token}`);
    expect(used!.text).toContain("уже использована");
    expect((await h.db.person.findUnique({ where: { id: person.id } }))?.telegramId).toBe(String(user.id));
    // the linked person now gets answers
    const [help] = await user.command("/help");
    expect(help!.text).toContain("/my");
  });

  it("refuses an expired or unknown invite, and a new invite replaces the old", async () => {
    const person = await h.db.person.create({ data: { fullName: "Иванов Иван Иванович", shortName: "Иванов И.И." } });
    const old = await createInvite(h.db, person.id, h.clock);
    const fresh = await createInvite(h.db, person.id, h.clock);
    const user = h.user();
    expect((await user.command(`/start ${old.token}`))[0]!.text).toContain("не найдена");
    expect((await user.command(`/start bogus_token`))[0]!.text).toContain("не найдена");
    h.clock.advance(15 * 24 * 3600 * 1000);
    expect((await user.command(`/start ${fresh.token}`))[0]!.text).toContain("истёк");
    expect((await h.db.person.findUnique({ where: { id: person.id } }))?.telegramId).toBeNull();
  });

  it("re-links a person to a new account and tells the coordinators", async () => {
    const admin = h.user({ id: 4242 });
    await admin.command("/help");
    const { user: oldPhone, personId } = await h.linkedUser("Петрова Анна Сергеевна");
    const { token } = await createInvite(h.db, personId, h.clock);
    const newPhone = h.user();
    await newPhone.command(`/start ${token}`);
    expect((await h.db.person.findUnique({ where: { id: personId } }))?.telegramId).toBe(String(newPhone.id));
    expect(admin.lastReply()!.text).toContain("Петрова Анна Сергеевна");
    // the old account is a stranger now
    expect((await oldPhone.command("/my"))[0]!.text).toContain("приглашению");
  });

  it("an account moved to another person by an invite is reported to coordinators", async () => {
    const admin = h.user({ id: 4242 });
    await admin.command("/help");
    const { user, personId } = await h.linkedUser("Петрова Анна Сергеевна");
    const other = await h.db.person.create({ data: { fullName: "Сидорова Анна Ивановна", shortName: "Сидорова А.И." } });
    const { token } = await createInvite(h.db, other.id, h.clock);
    await user.command(`/start ${token}`);
    expect((await h.db.person.findUnique({ where: { id: other.id } }))?.telegramId).toBe(String(user.id));
    expect((await h.db.person.findUnique({ where: { id: personId } }))?.telegramId).toBeNull();
    expect(admin.lastReply()!.text).toContain("«Петрова Анна Сергеевна»");
    expect(admin.lastReply()!.text).toContain("«Сидорова Анна Ивановна»");
  });

  it("sets command menus per language and per role; a failure is not fatal", async () => {
    const { user } = await h.linkedUser("Бутусова Ольга Викторовна", { roles: ["coordinator"], language: "en" });
    h.api.failNext("setMyCommands", { status: 500 });
    await setAllCommands(h.bot.telegram, h.db, h.deps.logger);
    const calls = h.api.calls.filter((c) => c.method === "setMyCommands");
    const byScope = (type: string, lang?: string) =>
      calls.find((c) => (c.params.scope as { type: string }).type === type && (lang === undefined || c.params.language_code === lang));
    expect(byScope("all_private_chats", "en")!.params.commands).toContainEqual({ command: "my", description: "My assignments" });
    const chat = byScope("chat")!;
    expect((chat.params.scope as { chat_id: number }).chat_id).toBe(user.id);
    const names = (chat.params.commands as Array<{ command: string; description: string }>).map((c) => c.command);
    expect(names).toEqual(expect.arrayContaining(["my", "import", "invite", "assign", "unassigned", "export"]));
    expect((chat.params.commands as Array<{ description: string }>)[0]!.description).toBe("My assignments");
  });

  it("in a group only points to the private chat", async () => {
    const { user } = await h.linkedUser("Петрова Анна Сергеевна");
    const group = { id: -100777, type: "supergroup", title: "Управление" };
    await h.deliver({ message: { message_id: 1, date: 0, chat: group, from: user.from, text: "/my", entities: [{ type: "bot_command", offset: 0, length: 3 }] } });
    await h.deliver({ message: { message_id: 2, date: 0, chat: group, from: user.from, text: "обсуждаем" } });
    const sent = h.api.sent(-100777);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toContain("https://t.me/vekha_test_bot");
  });

  it("handles a redelivered update_id once", async () => {
    const person = await h.db.person.create({ data: { fullName: "Иванов Иван Иванович", shortName: "Иванов И.И." } });
    const { token } = await createInvite(h.db, person.id, h.clock);
    const user = h.user();
    const update = {
      update_id: 9_000_001,
      message: { message_id: 5, date: 0, chat: user.chat, from: user.from, text: `/start ${token}`, entities: [{ type: "bot_command", offset: 0, length: 6 }] },
    };
    await h.bot.handleUpdate(update as never);
    await h.bot.handleUpdate(update as never);
    const replies = user.replies();
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toContain("Иванов Иван Иванович");
    expect(await h.db.processedUpdate.count({ where: { updateId: "9000001" } })).toBe(1);
  });

  it("an update posted to two instances at once (a webhook retry landing on the other) is handled once", async () => {
    const person = await h.db.person.create({ data: { fullName: "Сидоров Пётр Павлович", shortName: "Сидоров П.П." } });
    const { token } = await createInvite(h.db, person.id, h.clock);
    const user = h.user();
    // the second instance: its own process state (its own recent ids), its own connection, one database
    const otherDb = await openDb(h.testDb.url);
    try {
      const other = createBot(h.deps.config.BOT_TOKEN!, { ...h.deps, db: otherDb }, { apiRoot: h.api.url });
      other.botInfo = h.api.botUser as VekhaBot["botInfo"];
      const update = {
        update_id: 9_000_002,
        message: { message_id: 6, date: 0, chat: user.chat, from: user.from, text: `/start ${token}`, entities: [{ type: "bot_command", offset: 0, length: 6 }] },
      };
      await Promise.all([h.bot.handleUpdate(update as never), other.handleUpdate(update as never)]);
      expect(user.replies()).toHaveLength(1);
      expect(await h.db.processedUpdate.count({ where: { updateId: "9000002" } })).toBe(1);
    } finally {
      await otherDb.$disconnect();
    }
  });

  it("switches the language with /lang", async () => {
    const { user, personId } = await h.linkedUser("Петрова Анна Сергеевна");
    await user.command("/lang");
    await user.press("English");
    expect(user.lastReply()!.text).toBe("Language: English.");
    expect((await h.db.person.findUnique({ where: { id: personId } }))?.language).toBe("en");
    const [help] = await user.command("/help");
    expect(help!.text).toContain("Your assignments");
  });

  it("answers an unknown command and a stray message", async () => {
    const { user } = await h.linkedUser("Петрова Анна Сергеевна");
    expect((await user.command("/frobnicate"))[0]!.text).toContain("Такой команды нет");
    expect((await user.send("x".repeat(10_000)))[0]!.text).toContain("/help");
  });
});
