import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotHarness, buttons, type TestUser } from "./support/bot-harness.ts";
import { notifyReviewers } from "../scheduler/reviews.ts";
import { fixturePath } from "./support/fixtures.ts";

// The whole story over real HTTP against the emulated Bot API (getFile and downloads included):
// a coordinator imports a fixture by sending the file and saves it, loads people, invites an
// executor and a curator; the executor joins by the deep link, sees /my, marks one item done
// with a link and another with a file; the curator is told once, sees both in /school, accepts
// one and returns the other; a postponement is requested and refused; a stranger is refused;
// bad input is answered and changes nothing. One story: the steps run in order on one bot.

const FIXTURE = fixturePath("skovorodino-2023-roadmap.txt");
const texts = (msgs: Array<{ text: string }>) => msgs.map((m) => m.text).join("\n---\n");

let h: BotHarness;
let coord: TestUser;
let executor: TestUser;
let curator: TestUser;

beforeAll(async () => {
  h = await BotHarness.start({ adminIds: ["4242"], now: "2023-06-01T10:00:00+09:00" });
  coord = h.user({ id: 4242, firstName: "Ольга", lastName: "Координатова" });
  executor = h.user({ id: 5151, firstName: "Анна" });
  curator = h.user({ id: 6161, firstName: "Нина" });
});
afterAll(async () => {
  await h.stop();
});

async function joinByLink(user: TestUser, inviteText: string): Promise<string> {
  const token = /start=([A-Za-z0-9_-]+)/.exec(inviteText)?.[1];
  expect(token, inviteText).toBeTruthy();
  return texts(await user.command(`/start ${token}`));
}

describe("the story", () => {
  it("1. the coordinator imports the Skovorodino roadmap by sending the file and saves it", async () => {
    await coord.command("/import");
    const preview = (await coord.sendDocument(path.basename(FIXTURE), fs.readFileSync(FIXTURE), { mimeType: "text/plain" })).at(-1)!;
    expect(preview.text).toContain("Мероприятий: <b>30</b>");
    expect(texts(await coord.press("Сохранить"))).toContain("Дорожная карта сохранена");
    expect(await h.db.item.count()).toBe(30);
    // what is left without an executor: one message, item 1 once, its six schools as a count
    const unassigned = await coord.command("/unassigned");
    expect(unassigned).toHaveLength(1);
    expect(unassigned[0]!.text.match(/^<b>1<\/b> /gm)).toHaveLength(1);
    expect(unassigned[0]!.text).toMatch(/^<b>1<\/b> [^\n]*Руководители ОО: все школы \(6\)$/m);
  });

  it("2. loads the school's people and invites the executor and the curator", async () => {
    await coord.command("/import");
    // the school as the order writes it (with its typo «Сквородино»): the directory takes the document's name
    const csv = [
      "ФИО;Должность;Организация;Роль;Школа",
      "Петрова Анна Ивановна;Директор;МБОУ СОШ № 1 г. Сквородино;исполнитель;",
      "Кураторова Нина Павловна;Главный специалист;Управление образования;куратор;МБОУ СОШ № 1 г. Сквородино",
    ].join("\n");
    expect(texts(await coord.sendDocument("people.csv", Buffer.from(csv)))).toContain("Список людей загружен");
    const director = await h.db.person.findFirstOrThrow({ where: { fullName: "Петрова Анна Ивановна" } });
    // the role «Руководители ОО» resolved to the director at her school
    expect(await h.db.assignment.count({ where: { personId: director.id } })).toBeGreaterThan(5);

    expect(await joinByLink(executor, texts(await coord.command("/invite Петрова Анна Ивановна")))).toContain("Петрова");
    expect(await joinByLink(curator, texts(await coord.command("/invite Кураторова Нина Павловна")))).toContain("Кураторова");
    expect((await h.db.person.findFirstOrThrow({ where: { fullName: "Петрова Анна Ивановна" } })).telegramId).toBe("5151");
  });

  it("3. the executor sees /my and marks one item done with a link, another with a file", async () => {
    const my = texts(await executor.command("/my"));
    expect(my).toMatch(/Просрочено \(\d+\)[\s\S]*<b>8<\/b>/); // «Март-апрель 2023» is overdue on 1 June
    expect(my).toContain("<b>5</b>");
    expect(texts(await executor.command("/done 5 https://school1.ru/news/5?x=1&y=2"))).not.toMatch(/не найден/);
    await executor.command("/item 8");
    await executor.press("Приложить подтверждение");
    await executor.sendDocument("Справка по 8.pdf", Buffer.from("%PDF-1.4 справка"), { mimeType: "application/pdf" });
    await executor.command("/done 8");
    const statuses = await h.db.assignment.findMany({
      where: { person: { telegramId: "5151" }, item: { key: { in: ["5", "8"] } } },
      select: { status: true, item: { select: { key: true } }, evidence: { select: { kind: true, storagePath: true, url: true } } },
    });
    expect(statuses.map((s) => [s.item.key, s.status]).sort()).toEqual([
      ["5", "submitted"],
      ["8", "submitted"],
    ]);
    const file = statuses.find((s) => s.item.key === "8")!.evidence.find((e) => e.kind === "file")!;
    expect(file.storagePath).toBeTruthy(); // downloaded through getFile into storage
  });

  it("4. the curator is told once, in one message, and sees both in /school", async () => {
    h.clock.advance(5 * 60_000);
    expect(await notifyReviewers(h.db, h.deps.outbox, h.clock.now())).toBe(1);
    expect(await notifyReviewers(h.db, h.deps.outbox, h.clock.now())).toBe(0);
    const told = h.api.sent(curator.id).filter((m) => m.text.includes("На проверку поступило"));
    expect(told).toHaveLength(1);
    expect(told[0]!.text).toContain("Справка по 8.pdf");

    const school = texts(await curator.command("/school СОШ № 1"));
    expect(school).toContain("МБОУ СОШ № 1");
    expect(school).toContain("https://school1.ru/news/5?x=1&amp;y=2");
    expect(school).toContain("Справка по 8.pdf");
    expect(school).toContain("на проверке");
  });

  it("5. the curator accepts one and returns the other; the executor hears both", async () => {
    const replies = await curator.command("/verify");
    expect(replies.some((m) => m.method === "sendDocument")).toBe(true); // the executor's file comes with its card
    const cards = replies.filter((m) => buttons(m).length > 0);
    expect(cards).toHaveLength(2);
    const card5 = cards.find((m) => m.text.includes("<b>5.</b>"))!;
    const card8 = cards.find((m) => m.text.includes("<b>8.</b>"))!;
    await curator.pressData(buttons(card5).find((b) => b.text === "Принять")!.callback_data, card5);
    await curator.pressData(buttons(card8).find((b) => b.text === "Вернуть на доработку")!.callback_data, card8);
    await curator.send("Нужна подпись директора на справке");
    const heard = texts(h.api.sent(executor.id));
    expect(heard).toContain("Подтверждение по мероприятию <b>5</b>");
    expect(heard).toContain("Нужна подпись директора на справке");
    const rows = await h.db.assignment.findMany({ where: { person: { telegramId: "5151" }, item: { key: { in: ["5", "8"] } } }, select: { status: true, item: { select: { key: true } } } });
    expect(rows.map((r) => [r.item.key, r.status]).sort()).toEqual([
      ["5", "verified"],
      ["8", "returned"],
    ]);
    expect(await h.db.evidence.count({ where: { assignment: { item: { key: "8" } } } })).toBeGreaterThan(0); // evidence kept
  });

  it("6. a postponement is requested and refused with a reason", async () => {
    await executor.command("/item 26");
    await executor.press("Нужно больше времени");
    await executor.send("15.10.2023");
    await executor.send("Нет специалиста до октября");
    const request = h.api.sent(curator.id).at(-1)!;
    expect(request.text).toContain("Просьба о переносе срока по мероприятию <b>26</b>");
    await curator.press("Отклонить");
    await curator.send("Срок установлен приказом");
    expect(texts(h.api.sent(executor.id))).toContain("Срок установлен приказом");
    const a = await h.db.assignment.findFirstOrThrow({ where: { person: { telegramId: "5151" }, item: { key: "26" } } });
    expect(a.dueOverride).toBeNull();
    expect((await h.db.postponeRequest.findFirstOrThrow({ where: { assignmentId: a.id } })).status).toBe("refused");
  });

  it("7. a stranger is refused, and bad input changes nothing", async () => {
    const before = {
      assignments: await h.db.assignment.findMany({ orderBy: { id: "asc" }, select: { personId: true, status: true, dueOverride: true } }),
      changes: await h.db.statusChange.count(),
      invites: await h.db.invite.count(),
      people: await h.db.person.count(),
    };
    const stranger = h.user();
    const refused = await stranger.command("/school сковородино");
    expect(refused).toHaveLength(1);
    expect(refused[0]!.text).not.toContain("Сковородино");
    expect(texts(await executor.command("/verify"))).toContain("кураторам");
    expect(texts(await curator.command("/assign 5 Кураторова Нина Павловна"))).toContain("только координаторам");
    expect(texts(await coord.command("/assign 9999 Петрова Анна Ивановна"))).toContain("«9999»");
    expect(texts(await coord.command("/invite 12345"))).toContain("ФИО может содержать только буквы");
    expect(texts(await curator.command(`/school ${"ш".repeat(10_000)}`))).toContain("не найдена");
    expect(texts(await curator.pressData("v:ok:123456"))).toContain("больше не найден");
    expect({
      assignments: await h.db.assignment.findMany({ orderBy: { id: "asc" }, select: { personId: true, status: true, dueOverride: true } }),
      changes: await h.db.statusChange.count(),
      invites: await h.db.invite.count(),
      people: await h.db.person.count(),
    }).toEqual(before);
  });
});
