import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BotHarness, buttons, type TestUser } from "./support/bot-harness.ts";
import { searchText } from "../core/schools.ts";
import { seedRoadmap } from "./support/roadmap-seed.ts";
import { tick } from "../scheduler/tick.ts";

// A curator away («Я в отпуске») over real HTTP with the Bot API emulator and a hand-moved clock:
// with a stand-in, what the curator would get (the escalation of an overdue item at their school,
// the evidence waiting for confirmation) goes to the stand-in with a line saying on whose behalf, and
// the stand-in may confirm it during the absence; without one, the deputy head's digest says so.
// Asia/Yakutsk, June 2023: item 18 is due Friday 9 June at school № 1; its escalation is due
// three working days later (Monday 12 June is a public holiday) — Thursday 15 June.
let h: BotHarness;
let exec: TestUser;
let curator: TestUser;
let standIn: TestUser;
let deputy: TestUser;
let ids: { assignment: number; curator: number; standIn: number };

async function tickAt(iso: string) {
  h.clock.set(new Date(iso));
  await tick({ db: h.db, outbox: h.deps.outbox, clock: h.clock }, new Date(iso));
}
const about18 = (u: TestUser) => u.replies().filter((m) => m.text.includes("Анализ результатов ВПР"));
const escalations = (u: TestUser) => about18(u).filter((m) => m.text.includes("Просрочено на"));
const ON_BEHALF = "Вместо коллеги: Н.П. Кураторова (в отпуске до 16 июня 2023).";

beforeEach(async () => {
  h = await BotHarness.start({ now: "2023-06-02T10:00:00+09:00" });
  const db = h.db;
  const school = await db.organization.create({ data: { name: "МБОУ СОШ № 1 г. Сковородино", kind: "school", search: searchText("МБОУ СОШ № 1 г. Сковородино") } });
  const e = await h.linkedUser("Полухина Елена Андреевна");
  const c = await h.linkedUser("Кураторова Нина Павловна", { roles: ["curator"] });
  const s = await h.linkedUser("Бутусова Ольга Викторовна", { roles: ["curator"] });
  const d = await h.linkedUser("Заместителева Анна Сергеевна", { roles: ["deputy"] });
  await db.curatorship.create({ data: { schoolId: school.id, personId: c.personId } });
  const { assignmentIds } = await seedRoadmap(db, {
    identity: "r",
    title: "Дорожная карта ШНОР 2023",
    orderNumber: "120",
    orderDate: "2023-03-31",
    activeFrom: "2023-03-31",
    items: [{ key: "18", title: "Анализ результатов ВПР", due: "2023-06-09", personId: e.personId, schoolId: school.id }],
  });
  const a = { id: assignmentIds["18"]! };
  [exec, curator, standIn, deputy] = [e.user, c.user, s.user, d.user];
  ids = { assignment: a.id, curator: c.personId, standIn: s.personId };
});

afterEach(async () => {
  await h?.stop();
});

async function curatorAway(standInName: string | null) {
  // a curator with no work of their own still has something to hand over: «Я в отпуске» under /start
  const [start] = await curator.command("/start");
  expect(buttons(start!).map((b) => b.text)).toContain("Я в отпуске");
  await curator.command("/away с 5 по 16 июня");
  const [saved] = standInName ? await curator.send(standInName) : await curator.press("Без замены");
  expect(saved!.text).toContain("Отсутствие отмечено: с 5 июня 2023 по 16 июня 2023");
}

describe("a curator away with a stand-in", () => {
  it("the escalation goes to the stand-in, once, saying for whom; the curator gets none", async () => {
    await curatorAway("Бутусова О.В.");
    expect(standIn.lastReply()!.text).toContain("Вы назначены замещающим: Н.П. Кураторова отсутствует с 5 июня 2023 по 16 июня 2023.");
    expect(standIn.lastReply()!.text).toContain("принимать подтверждения и решать о переносе сроков по этим школам Вы можете до 16 июня 2023 включительно.");
    // every working day around the escalation, some twice: one escalation in all
    for (const day of ["09", "13", "14", "15", "15", "16", "16"]) await tickAt(`2023-06-${day}T10:00:00+09:00`);
    expect(escalations(curator)).toHaveLength(0);
    expect(escalations(standIn)).toHaveLength(1);
    const esc = escalations(standIn)[0]!;
    expect(esc.text).toContain(ON_BEHALF);
    expect(esc.text).toContain("Исполнитель: Полухина Е.А.");
    const claims = await h.db.reminderClaim.findMany({ where: { kind: "escalation" } });
    expect(claims.map((c) => c.personId)).toEqual([ids.standIn]);
    // back on Monday 19 June: the deadline's one escalation was delivered; the curator is not sent it again
    await tickAt("2023-06-19T10:00:00+09:00");
    expect(escalations(curator)).toHaveLength(0);
    expect(escalations(standIn)).toHaveLength(1);
  });

  it("a postponement request goes to the stand-in, who may approve it", async () => {
    await curatorAway("Бутусова О.В.");
    h.clock.set(new Date("2023-06-07T10:00:00+09:00"));
    await exec.command("/item 18");
    await exec.press("Нужно больше времени");
    await exec.send("30.06.2023");
    await exec.send("Ждём результаты региональной диагностики");
    expect(exec.lastReply()!.text).toContain("отправлен");
    expect(curator.replies().filter((m) => m.text.includes("Ждём результаты региональной диагностики"))).toHaveLength(0);
    const request = standIn.lastReply()!;
    expect(request.text).toContain(ON_BEHALF);
    expect(request.text).toContain("Ждём результаты региональной диагностики");
    // /verify lists the request too, saying for whom
    const [header, listed] = await standIn.command("/verify");
    expect(header!.text).toBe("Ожидает решения 1 просьба о переносе срока.");
    expect(listed!.text.split("\n")[0]).toBe(ON_BEHALF);
    expect(listed!.text).toContain("Ждём результаты региональной диагностики");
    await standIn.pressData(buttons(request).find((b) => b.text === "Одобрить")!.callback_data, request);
    expect(await h.db.assignment.findUniqueOrThrow({ where: { id: ids.assignment } })).toMatchObject({ status: "postponed", dueOverride: "2023-06-30" });
  });

  it("the evidence waits for the stand-in, who may accept it; after the absence the curator decides again", async () => {
    await curatorAway("Бутусова О.В.");
    h.clock.set(new Date("2023-06-07T10:00:00+09:00"));
    await exec.command("/done 18 https://school1.ru/news/vpr");
    await tickAt("2023-06-07T10:05:00+09:00");
    const notices = (u: TestUser) => about18(u).filter((m) => m.text.includes("https://school1.ru/news/vpr"));
    expect(notices(curator)).toHaveLength(0);
    const notice = notices(standIn).at(-1)!;
    expect(notice.text).toContain(ON_BEHALF);
    expect(buttons(notice).map((b) => b.text)).toEqual(["Принять", "Вернуть на доработку"]);
    // /verify lists it for the stand-in, not for the curator away
    const [listed, card] = await standIn.command("/verify");
    expect(listed!.text).toBe("Ждёт проверки 1 поручение.");
    // the card says for whom, as the notice does
    expect(card!.text.split("\n")[0]).toBe(ON_BEHALF);
    expect(card!.text).toContain("Анализ результатов ВПР");
    expect(buttons(card!).map((b) => b.text)).toEqual(["Принять", "Вернуть на доработку"]);
    expect((await curator.command("/verify"))[0]!.text).toBe("Сейчас нет подтверждений и просьб о переносе срока, ожидающих Вашего решения.");
    await standIn.pressData(buttons(notice).find((b) => b.text === "Принять")!.callback_data, notice);
    const a = await h.db.assignment.findUniqueOrThrow({ where: { id: ids.assignment } });
    expect(a.status).toBe("verified");
    expect((await h.db.statusChange.findFirstOrThrow({ where: { assignmentId: a.id, toStatus: "verified" } })).byPersonId).toBe(ids.standIn);

    // returned to the executor, submitted again after the absence: the curator is told, and the stand-in may no longer decide
    await h.db.assignment.update({ where: { id: a.id }, data: { status: "submitted" } });
    await h.db.evidence.updateMany({ data: { status: "submitted", notifiedAt: null } });
    await tickAt("2023-06-19T10:00:00+09:00");
    const back = notices(curator).at(-1)!;
    expect(back.text).not.toContain("Вместо коллеги");
    // the curator back: their /verify card is their own
    const [, own] = await curator.command("/verify");
    expect(own!.text).toContain("Анализ результатов ВПР");
    expect(own!.text).not.toContain("Вместо коллеги");
    await standIn.pressData(buttons(back).find((b) => b.text === "Принять")!.callback_data, back);
    expect(standIn.toasts().at(-1)).toBe("Решение по этому поручению принимает куратор школы, заместитель руководителя или координатор.");
    expect((await h.db.assignment.findUniqueOrThrow({ where: { id: a.id } })).status).toBe("submitted");
  });
});

describe("a curator away without a stand-in", () => {
  it("the deputy head's Monday digest says the school's curator is away; escalations still wait in the curator's chat", async () => {
    await curatorAway(null);
    await tickAt("2023-06-05T10:00:00+09:00");
    const digest = deputy.replies().find((m) => m.text.includes("Сводка по дорожной карте"));
    expect(digest?.text).toContain("Кураторы в отпуске без замены: 1");
    expect(digest?.text).toContain("Н.П. Кураторова (МБОУ СОШ № 1 г. Сковородино) — в отпуске до 16 июня 2023");
    // the curator's own digest says nothing of it
    const own = curator.replies().find((m) => m.text.includes("Сводка по дорожной карте"));
    expect(own?.text ?? "").not.toContain("Кураторы в отпуске");
    for (const day of ["13", "14", "15", "16"]) await tickAt(`2023-06-${day}T10:00:00+09:00`);
    expect(escalations(curator)).toHaveLength(1);
    expect(escalations(curator)[0]!.text).not.toContain("Вместо коллеги");
    expect(escalations(standIn)).toHaveLength(0);
  });

  it("the control: a curator present is not listed in the deputy head's digest", async () => {
    await tickAt("2023-06-05T10:00:00+09:00");
    const digest = deputy.replies().find((m) => m.text.includes("Сводка по дорожной карте"));
    expect(digest?.text).toBeTruthy();
    expect(digest!.text).not.toContain("Кураторы в отпуске");
  });
});

describe("a stand-in's escalations of several pages", () => {
  it("a page drawn again keeps «Вместо коллеги: …» as the first send had it", async () => {
    // five more items overdue at the school: six escalations, two pages
    const first = await h.db.item.findFirstOrThrow({ where: { key: "18" } });
    const school = (await h.db.assignment.findUniqueOrThrow({ where: { id: ids.assignment } })).schoolId;
    const execId = (await h.db.assignment.findUniqueOrThrow({ where: { id: ids.assignment } })).personId;
    for (let i = 1; i <= 5; i++) {
      const item = await h.db.item.create({
        data: { roadmapId: first.roadmapId, key: `18.${i}`, number: `18.${i}`, title: `Анализ результатов ВПР, часть ${i}`, deadlineKind: "date", deadlineDue: "2023-06-09", checkpoints: '["2023-06-09"]', position: i },
      });
      await h.db.assignment.create({ data: { itemId: item.id, personId: execId, schoolId: school } });
    }
    await curatorAway("Бутусова О.В.");
    for (const day of ["09", "13", "14", "15", "16"]) await tickAt(`2023-06-${day}T10:00:00+09:00`);
    const sent = standIn.replies().filter((m) => m.text.includes("Просрочено на"));
    expect(sent).toHaveLength(1);
    const msg = sent[0]!;
    expect(msg.text).toContain("Страница 1 из 2");
    expect(msg.text).toContain(ON_BEHALF);
    await standIn.press("Стр. 2 ▶");
    const page2 = standIn.replies().filter((m) => m.messageId === msg.messageId).at(-1)!;
    expect(page2.text).toContain("Страница 2 из 2");
    expect(page2.text).toContain(ON_BEHALF);
    await standIn.press("◀ Стр. 1");
    const again = standIn.replies().filter((m) => m.messageId === msg.messageId).at(-1)!;
    expect(again.method).toBe("editMessageText");
    expect(again.text).toBe(msg.text);
  });
});
