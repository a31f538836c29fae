import ExcelJS from "exceljs";
import { afterEach, describe, expect, it } from "vitest";
import { findOrCreateSchool } from "../services/roadmap-store.ts";
import { BotHarness, buttons, type TestUser } from "./support/bot-harness.ts";

// The correction loop in chat, over real HTTP against the fake Bot API on a real SQLite file: the
// preview's lead line and fix buttons, «Скачать для правки» and the edited workbook sent back, /edit
// of each field of a saved item with its history, and of an item of the preview.

let h: BotHarness;
afterEach(async () => {
  await h?.stop();
});

const texts = (msgs: Array<{ text: string }>) => msgs.map((m) => m.text).join("\n---\n");

// a district plan as a coordinator might export it: one deadline nobody can read, one row without a
// responsible party, a number written twice
const PLAN = [
  "№;Мероприятие;Срок;Ответственный",
  "1;Провести совещание руководителей по итогам ВПР;март 2024;Руководители ОО",
  "2;Провести диагностику читательской грамотности;когда получится;Иванова А.А.",
  "3;Подготовить аналитическую справку;до 15.05.2024;—",
  "4;Организовать курсы повышения квалификации;в течение 2024 года;Руководители ОО",
  "4;Провести методический день;апрель 2024;Руководители ОО",
].join("\n");

async function start(): Promise<TestUser> {
  h = await BotHarness.start({ adminIds: ["4242"], now: "2024-02-01T09:00:00+03:00", env: { DEFAULT_TIMEZONE: "Europe/Moscow" } });
  for (const name of ["МБОУ СОШ № 1 с. Ивановка", "МБОУ СОШ № 2 с. Петровка"]) await findOrCreateSchool(h.db, name, null);
  return h.user({ id: 4242 });
}

async function previewOf(coord: TestUser) {
  await coord.command("/import");
  return (await coord.sendDocument("plan.csv", Buffer.from(PLAN), { mimeType: "text/csv" })).at(-1)!;
}

/** The workbook the bot sent last, as a spreadsheet reader opens it. */
async function sentWorkbook(): Promise<{ wb: ExcelJS.Workbook; name: string }> {
  const call = h.api.calls.filter((c) => c.method === "sendDocument").at(-1)!;
  const file = call.files.document!;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file.data as unknown as ArrayBuffer);
  return { wb, name: file.name };
}

function rowOf(ws: ExcelJS.Worksheet, key: string): ExcelJS.Row {
  for (let r = 2; r <= ws.rowCount; r++) if (String(ws.getCell(r, 1).value) === key) return ws.getRow(r);
  throw new Error(`no row ${key}`);
}

describe("the /import preview leads with what needs a human", () => {
  it("counts, keys and a fix button per key; the fix corrects the preview before anything is saved", async () => {
    const coord = await start();
    const preview = await previewOf(coord);
    const first = preview.text.split("\n")[0]!;
    expect(first).toContain("Не понят срок: 1 · Без ответственного: 1 · Проверьте: 1");
    // a few unread deadlines are quoted as written, each once
    expect(preview.text).toContain("• Не понят срок (как записано в документе):\n  2: «когда получится»");
    expect(preview.text.split("когда получится")).toHaveLength(2);
    expect(preview.text).toContain("• Без ответственного: 3");
    expect(preview.text).toMatch(/• Проверьте: 4а?\n/);
    expect(preview.text.indexOf("Требует внимания")).toBeLessThan(preview.text.indexOf("Предпросмотр"));
    const labels = buttons(preview).map((b) => b.text);
    expect(labels.slice(0, 2)).toEqual(["Сохранить", "Отмена"]);
    expect(labels).toContain("2 · Срок");
    expect(labels).toContain("3 · Ответственные");
    expect(labels.at(-1)).toBe("Скачать для правки");

    // one tap: the deadline of 2
    const ask = await coord.press("2 · Срок");
    expect(texts(ask)).toContain("Пришлите новый срок мероприятия 2");
    expect(texts(ask)).toContain("когда получится");
    const understood = await coord.send("до 20 сентября 2024 г.");
    expect(texts(understood)).toContain("Понято так: 20 сентября 2024");
    expect(buttons(understood.at(-1)!).map((b) => b.text)).toEqual(["Сохранить", "Отмена"]);
    const corrected = await coord.press("Сохранить");
    expect(texts(corrected)).toContain("Исправлено в предпросмотре");
    const again = corrected.at(-1)!;
    expect(again.text.split("\n")[0]).toContain("Не понят срок: 0 · Без ответственного: 1");
    expect(await h.db.roadmap.count()).toBe(0); // still a preview

    // and the parties of 3, typed as people type them
    await coord.press("3 · Ответственные");
    const parties = await coord.send("Сидорова А.А. Орлова В.В., заместитель директора по ВР; МКУ «Информационно-методический центр»");
    const shown = texts(parties);
    expect(shown).toContain("Сидорова А.А. — человек");
    expect(shown).toMatch(/Орлова В\.В\.[^\n]* — человек/);
    expect(shown).toContain("— организация");
    await coord.press("Сохранить");
    const last = coord.lastReply()!;
    expect(last.text.split("\n")[0]).toContain("Не понят срок: 0 · Без ответственного: 0 · Проверьте: 1");
    // «Проверить» opens the item's menu
    const menu = await coord.press("4а · Проверить");
    expect(buttons(menu.at(-1)!).map((b) => b.text)).toEqual(["Срок", "Ответственные", "Название", "Отмена"]);
    expect(texts(menu)).toContain("предпросмотр, ещё не сохранено");
    await coord.press("Отмена");

    const saved = await coord.press("Сохранить");
    expect(texts(saved)).toMatch(/Дорожная карта сохранена/);
    const item2 = await h.db.item.findFirstOrThrow({ where: { key: "2" } });
    expect(item2).toMatchObject({ deadlineKind: "date", deadlineDue: "2024-09-20" });
    const item3 = await h.db.item.findFirstOrThrow({ where: { key: "3" } });
    expect((JSON.parse(item3.responsible) as Array<{ kind: string }>).map((p) => p.kind)).toEqual(["person", "person", "organization"]);
  });

  it("many doubts: buttons for the first nine, most pressing first, the workbook for the rest; a clean import says so", async () => {
    const coord = await start();
    await coord.command("/import");
    const rows = Array.from({ length: 12 }, (_, i) => `${i + 1};Мероприятие номер ${i + 1} по плану;${i < 10 ? "по мере сил" : "май 2024"};${i === 11 ? "—" : "Руководители ОО"}`);
    const preview = (await coord.sendDocument("many.csv", Buffer.from(["№;Мероприятие;Срок;Ответственный", ...rows].join("\n")))).at(-1)!;
    expect(preview.text.split("\n")[0]).toContain("Не понят срок: 10 · Без ответственного: 1 · Проверьте: 0");
    expect(preview.text).toContain("Кнопками — первые 9");
    const fixes = buttons(preview).filter((b) => b.callback_data.startsWith("ed:"));
    expect(fixes.map((b) => b.text)).toEqual(Array.from({ length: 9 }, (_, i) => `${i + 1} · Срок`));
    expect(buttons(preview).at(-1)!.text).toBe("Скачать для правки");

    await coord.command("/import");
    const clean = (await coord.sendDocument("clean.csv", Buffer.from("№;Мероприятие;Срок;Ответственный\n1;Провести совещание;май 2024;Руководители ОО\n"))).at(-1)!;
    expect(clean.text.split("\n")[0]).toBe("✅ У всех мероприятий распознаны сроки и ответственные.");
  });

  it("a fix button or «Скачать для правки» of a cancelled preview changes nothing", async () => {
    const coord = await start();
    const preview = await previewOf(coord);
    await coord.press("Отмена");
    const fix = buttons(preview).find((b) => b.text === "2 · Срок")!;
    expect(texts(await coord.pressData(fix.callback_data, preview))).toContain("неактуально");
    const wb = buttons(preview).find((b) => b.text === "Скачать для правки")!;
    expect(texts(await coord.pressData(wb.callback_data, preview))).toContain("неактуален");
    expect(h.api.calls.some((c) => c.method === "sendDocument")).toBe(false);
  });
});

describe("«Скачать для правки» and the workbook sent back", () => {
  it("the workbook sent back supersedes the first preview: its «Сохранить» saves nothing and says which to save", async () => {
    const coord = await start();
    const first = await previewOf(coord);
    await coord.press("Скачать для правки");
    const { wb } = await sentWorkbook();
    rowOf(wb.worksheets[0]!, "2").getCell(5).value = "май 2024";
    const back = (await coord.sendDocument("правка.xlsx", Buffer.from(await wb.xlsx.writeBuffer()), { timeoutMs: 20_000 })).at(-1)!;
    expect(back.text).toContain("Предпросмотр");

    const save = buttons(first).find((b) => b.text === "Сохранить")!;
    expect(texts(await coord.pressData(save.callback_data, first))).toContain("Этот предпросмотр заменён более новым");
    expect(await h.db.roadmap.count()).toBe(0);
    // the latest one saves, with the correction
    await coord.pressData(buttons(back).find((b) => b.text === "Сохранить")!.callback_data, back);
    expect(await h.db.roadmap.count()).toBe(1);
    expect(await h.db.item.findFirstOrThrow({ where: { key: "2" } })).toMatchObject({ deadlineKind: "date", deadlineDue: "2024-05-31" });
  });

  it("sends the canonical workbook; the edited file sent back shows the preview again and «Сохранить» updates the roadmap, keeping statuses", async () => {
    const coord = await start();
    await previewOf(coord);
    await coord.press("Сохранить");
    const roadmap = await h.db.roadmap.findFirstOrThrow();
    const item1 = await h.db.item.findFirstOrThrow({ where: { key: "1" }, include: { assignments: true } });
    const kept = item1.assignments[0]!;
    await h.db.assignment.update({ where: { id: kept.id }, data: { status: "in_progress" } });

    // the saved roadmap's workbook: /edit without a key
    const usage = await coord.command("/edit");
    expect(texts(usage)).toContain("/edit <i>ключ</i>");
    const sent = await coord.press("Скачать для правки");
    expect(sent.at(-1)!.method).toBe("sendDocument");
    expect(sent.at(-1)!.text).toContain("пришлите файл сюда же");
    const { wb, name } = await sentWorkbook();
    expect(name).toBe(`vekha-${roadmap.id}-pravka.xlsx`);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(["Ключ", "Раздел", "№", "Мероприятие", "Срок", "Ответственные", "Результат", "Подтверждение"]);
    expect(rowOf(ws, "2").getCell(5).note).toContain("срок не распознан");
    rowOf(ws, "1").getCell(5).value = "до 10 апреля 2024";
    rowOf(ws, "2").getCell(5).value = "май 2024";
    const edited = Buffer.from(await wb.xlsx.writeBuffer());

    // sent back under any name: the chat was waiting for it
    const back = (await coord.sendDocument("исправленная карта.xlsx", edited)).at(-1)!;
    expect(back.text).toContain("Предпросмотр");
    expect(back.text.split("\n")[0]).toContain("Не понят срок: 0");
    const updated = await coord.press("Сохранить");
    expect(texts(updated)).toMatch(new RegExp(`Дорожная карта ${roadmap.id} обновлена: добавлено 0, изменено 2, снято 0`));
    expect(await h.db.roadmap.count()).toBe(1);
    expect(await h.db.item.findFirstOrThrow({ where: { key: "1" } })).toMatchObject({ id: item1.id, deadlineDue: "2024-04-10" });
    expect(await h.db.item.findFirstOrThrow({ where: { key: "2" } })).toMatchObject({ deadlineKind: "date", deadlineDue: "2024-05-31" });
    expect((await h.db.assignment.findUniqueOrThrow({ where: { id: kept.id } })).status).toBe("in_progress");
    // the file's corrections are in the items' history, as /edit's are
    const person = await h.db.person.findFirstOrThrow({ where: { telegramId: "4242" } });
    const changes = await h.db.itemChange.findMany({ orderBy: { id: "asc" }, include: { item: { select: { key: true } } } });
    expect(changes.map((c) => [c.item.key, c.field, c.oldText, c.newText, c.byPersonId])).toEqual([
      ["1", "deadline", "март 2024", "до 10 апреля 2024", person.id],
      ["2", "deadline", "когда получится", "май 2024", person.id],
    ]);
    expect(texts(await coord.command("/edit 1"))).toContain("Срок «март 2024» → «до 10 апреля 2024»");
  });

  it("under a preview it sends the preview's workbook", async () => {
    const coord = await start();
    await previewOf(coord);
    const sent = await coord.press("Скачать для правки");
    expect(sent.at(-1)!.method).toBe("sendDocument");
    const { wb, name } = await sentWorkbook();
    expect(name).toMatch(/^vekha-pravka.*\.xlsx$/);
    expect(wb.worksheets[0]!.rowCount).toBe(6);
    expect(await h.db.roadmap.count()).toBe(0);
    // /edit finds the preview's items too
    const menu = texts(await coord.command("/edit 2"));
    expect(menu).toContain("Мероприятие 2</b> — предпросмотр, ещё не сохранено");
    expect(menu).toContain("Срок: когда получится");
  });
});

describe("/edit of a saved item", () => {
  async function saved(): Promise<TestUser> {
    const coord = await start();
    await previewOf(coord);
    await coord.press("Сохранить");
    return coord;
  }

  it("each field: the buttons, the new text, the parsed preview, «Сохранить»; every change in the item's history", async () => {
    const coord = await saved();
    const person = await h.db.person.findFirstOrThrow({ where: { telegramId: "4242" } });
    const menu = await coord.command("/edit 2");
    expect(texts(menu)).toContain("Мероприятие 2");
    expect(texts(menu)).toContain("Срок: когда получится");
    expect(buttons(menu.at(-1)!).map((b) => b.text)).toEqual(["Срок", "Ответственные", "Название", "Отмена"]);

    await coord.press("Срок");
    // typed twice: the second text replaces the first before «Сохранить»
    await coord.send("ежемесячно");
    const preview = await coord.send("ежемесячно до 5 числа");
    expect(texts(preview)).toContain("Понято так: ежемесячно");
    expect(texts(await coord.press("Сохранить"))).toContain("Сохранено");
    const item = await h.db.item.findFirstOrThrow({ where: { key: "2" } });
    expect(item).toMatchObject({ deadlineText: "ежемесячно до 5 числа", deadlineKind: "recurring", every: "month" });

    await coord.command("/edit 2");
    await coord.press("Название");
    const title = await coord.send("Провести диагностику читательской и математической грамотности");
    expect(texts(title)).toContain("Будет: Провести диагностику читательской и математической грамотности");
    await coord.press("Сохранить");
    expect((await h.db.item.findUniqueOrThrow({ where: { id: item.id } })).title).toBe("Провести диагностику читательской и математической грамотности");

    // the title is also what /assign and searches find
    expect((await h.db.item.findUniqueOrThrow({ where: { id: item.id } })).search).toContain("математической");

    const changes = await h.db.itemChange.findMany({ where: { itemId: item.id }, orderBy: { id: "asc" } });
    expect(changes.map((c) => [c.field, c.oldText, c.newText, c.byPersonId])).toEqual([
      ["deadline", "когда получится", "ежемесячно до 5 числа", person.id],
      ["title", "Провести диагностику читательской грамотности", "Провести диагностику читательской и математической грамотности", person.id],
    ]);
    const history = texts(await coord.command("/edit 2"));
    expect(history).toContain("История изменений");
    expect(history).toContain("Срок «когда получится» → «ежемесячно до 5 числа»");
    expect(history).toContain("Название «Провести диагностику читательской грамотности»");
  });

  it("responsible parties: assignments of parties that stay keep their status; a dropped party's are withdrawn; a new party is resolved", async () => {
    const coord = await saved();
    const item = await h.db.item.findFirstOrThrow({ where: { key: "1" }, include: { assignments: { orderBy: { id: "asc" } } } });
    expect(item.assignments).toHaveLength(2); // «Руководители ОО» at the two schools
    const [started, untouched] = item.assignments;
    await h.db.assignment.update({ where: { id: started!.id }, data: { status: "in_progress" } });
    await h.db.evidence.create({ data: { assignmentId: started!.id, kind: "link", url: "https://school.example/a" } });

    // add a person: the role's rows stay as they are
    await coord.command("/edit 1");
    await coord.press("Ответственные");
    const preview = await coord.send("Руководители ОО, Иванова А.А. (контроль)");
    expect(texts(preview)).toContain("Руководители ОО — должность (в каждой школе)");
    const done = await coord.press("Сохранить");
    expect(texts(done)).toContain("Поручения: новых 0, снято 0");
    const rows = await h.db.assignment.findMany({ where: { itemId: item.id }, orderBy: { id: "asc" }, include: { evidence: true } });
    expect(rows.map((r) => r.status)).toEqual(["in_progress", "not_started"]);
    expect(rows[0]!.evidence).toHaveLength(1);

    // replace the role by a person: the untouched row goes, the started one is cancelled with its history
    await coord.command("/edit 1");
    await coord.press("Ответственные");
    await coord.send("Иванова А.А.");
    expect(texts(await coord.press("Сохранить"))).toContain("Поручения: новых 1, снято 2");
    const after = await h.db.assignment.findMany({ where: { itemId: item.id }, orderBy: { id: "asc" }, include: { evidence: true, person: true } });
    expect(after.find((r) => r.id === untouched!.id)).toBeUndefined();
    expect(after.find((r) => r.id === started!.id)).toMatchObject({ status: "cancelled" });
    expect(after.find((r) => r.id === started!.id)!.evidence).toHaveLength(1);
    expect(after.filter((r) => r.status !== "cancelled").map((r) => r.person?.shortName)).toEqual(["Иванова А.А."]);
    const change = await h.db.statusChange.findFirstOrThrow({ where: { assignmentId: started!.id } });
    expect(change).toMatchObject({ fromStatus: "in_progress", toStatus: "cancelled" });
    expect(await h.db.itemChange.count({ where: { itemId: item.id, field: "responsible" } })).toBe(2);
  });

  it("cancel, a command in the middle, an unknown key, a stale «Сохранить» and a non-coordinator change nothing", async () => {
    const coord = await saved();
    const before = await h.db.item.findMany({ orderBy: { id: "asc" } });
    expect(texts(await coord.command("/edit 99"))).toContain("Мероприятия с ключом «99» нет");

    await coord.command("/edit 1");
    await coord.press("Срок");
    expect(texts(await coord.press("Отмена"))).toContain("Исправление отменено");
    // the next text is not taken as a deadline
    await coord.send("до 1 июня 2024");

    await coord.command("/edit 1");
    await coord.press("Срок");
    await coord.send("до 1 июня 2024");
    const stale = coord.lastReply()!;
    await coord.command("/my"); // a command leaves the correction
    const save = buttons(stale).find((b) => b.text === "Сохранить")!;
    expect(texts(await coord.pressData(save.callback_data, stale))).toContain("неактуально");

    // a question left for more than a day does not take the next text
    await coord.command("/edit 1");
    await coord.press("Название");
    h.clock.advance(25 * 60 * 60 * 1000);
    expect(texts(await coord.send("Совсем другое название"))).not.toContain("Будет:");

    const stranger = h.user();
    expect(texts(await stranger.command("/edit 1"))).not.toContain("Срок:");
    const { user: executor } = await h.linkedUser("Петров Пётр Петрович");
    expect(texts(await executor.command("/edit 1"))).toContain("только координаторы");
    expect(await h.db.item.findMany({ orderBy: { id: "asc" } })).toEqual(before);
    expect(await h.db.itemChange.count()).toBe(0);
  });

  it("with several roadmaps the key is asked about; «<roadmap id>/<key>» goes straight to the item", async () => {
    const coord = await saved();
    await coord.command("/import");
    await coord.sendDocument("other.csv", Buffer.from("№;Мероприятие;Срок;Ответственный\n1;Провести педсовет по итогам года;май 2024;Руководители ОО\n"));
    await coord.press("Сохранить");
    const ask = (await coord.command("/edit 1")).at(-1)!;
    expect(ask.text).toContain("есть в нескольких картах");
    expect(buttons(ask)).toHaveLength(2);
    const second = await h.db.roadmap.findFirstOrThrow({ orderBy: { id: "desc" } });
    const direct = texts(await coord.command(`/edit ${second.id}/1`));
    expect(direct).toContain("Провести педсовет по итогам года");
  });
});
