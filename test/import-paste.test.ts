import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BotHarness } from "./support/bot-harness.ts";
import { FIXTURES_DIR } from "./support/fixtures.ts";

// A coordinator who has no file at hand pastes the table into the chat after /import: it is read
// like a text file (every shape the text reader knows), previewed and saved the same way.

let h: BotHarness;
afterEach(async () => {
  await h?.stop();
});

/** the import worker starts on the first paste: a loaded machine needs more than the usual 5 s */
const SLOW = { timeoutMs: 30_000 };
const texts = (msgs: Array<{ text: string }>) => msgs.map((m) => m.text).join("\n---\n");

const MARKDOWN = [
  "| № | Мероприятие | Срок | Ответственный |",
  "|---|---|---|---|",
  "| 1 | Провести анализ результатов ВПР по математике | до 15 мая 2026 г. | Руководители ОО |",
  "| 2 | Организовать методический семинар для учителей математики | март 2026 г. | Е.А. Полухина, главный специалист |",
  "| 3 | Подготовить отчёт о реализации дорожной карты | декабрь 2026 г. | МОУО |",
].join("\n");

/** the table of a district order pasted from Word: section rows lose their tabs, two roles with no school yet */
const WORD_PASTE = [
  "№ п/п\tНаименование мероприятия\tСроки исполнения\tОтветственные",
  "1. Организационные мероприятия",
  "1.1.\tСамодиагностика ОО\tдо 01.03.2026\tДиректора ШНОР",
  "1.2.\tПрограммы антирисковых мер\tмарт 2026 г.\tРуководители ОО, ИМЦ (методист Козлова Е.В.)",
  "2. Работа с кадрами",
  "2.1.\tСеминар для учителей математики\tапрель 2026 г.\tИМЦ",
].join("\n");

describe("/import of a table pasted as text", () => {
  it("a Markdown table: previewed with its three actions and saved", async () => {
    h = await BotHarness.start({ adminIds: ["4242"], now: "2026-02-02T09:00:00+03:00" });
    const coord = h.user({ id: 4242 });
    const ask = texts(await coord.command("/import"));
    expect(ask).toContain("вставить таблицу текстом");
    const preview = texts(await coord.send(MARKDOWN, SLOW));
    expect(preview).toContain("Предпросмотр: Таблица из сообщения");
    expect(preview).toContain("Мероприятий: <b>3</b>");
    expect(preview).toContain("У всех мероприятий распознаны сроки и ответственные");
    expect(preview).not.toContain("почти достигло предела");
    expect(preview).toContain("«Руководители ОО» → школ в справочнике пока нет");
    await coord.press("Сохранить");
    const items = await h.db.item.findMany({ orderBy: { key: "asc" } });
    expect(items.map((i) => i.key)).toEqual(["1", "2", "3"]);
    expect(items[0]!.title).toBe("Провести анализ результатов ВПР по математике");
  });

  it("a table pasted from Word: its sections are kept, the roles without schools are said once", async () => {
    h = await BotHarness.start({ adminIds: ["4242"], now: "2026-02-02T09:00:00+03:00" });
    const coord = h.user({ id: 4242 });
    await coord.command("/import");
    const preview = texts(await coord.send(WORD_PASTE, SLOW));
    expect(preview).toContain("Мероприятий: <b>3</b>; разделов: 2");
    expect(preview).toContain("1. Организационные мероприятия — 2 мероприятия");
    expect(preview).toContain("«Директора ШНОР», «Руководители ОО» → школ в справочнике пока нет");
    expect(preview.match(/школ в справочнике пока нет/g)).toHaveLength(1);
    await coord.press("Сохранить");
    const people = texts(await coord.command("/people"));
    expect(people).toContain("<b>Козлова Е.В.</b> — методист ИМЦ");
  });

  it("a school named as the executor is said once in /unassigned and /overdue, not «school: school»", async () => {
    h = await BotHarness.start({ adminIds: ["4242"], now: "2026-02-02T09:00:00+03:00" });
    const coord = h.user({ id: 4242 });
    await coord.command("/import");
    const paste = [
      "Дорожная карта по повышению качества образования в МБОУ «Заречная СОШ № 2» и МБОУ «Лесная ООШ» на 2026 год",
      "№\tМероприятие\tСрок\tОтветственные",
      "1.\tВзаимопосещение уроков\tянварь 2026 г.\tМБОУ «Лесная ООШ»",
      "2.\tАнализ результатов ВПР\tянварь 2026 г.\tРуководители ОО",
    ].join("\n");
    await coord.send(paste, SLOW);
    await coord.press("Сохранить");
    const unassigned = texts(await coord.command("/unassigned"));
    expect(unassigned).toMatch(/^<b>1<\/b> Взаимопосещение уроков — МБОУ «Лесная ООШ»$/m);
    expect(unassigned).toMatch(/^<b>2<\/b> Анализ результатов ВПР — Руководители ОО: /m);
    const overdue = texts(await coord.command("/overdue"));
    expect(overdue).toMatch(/• без исполнителя: МБОУ «Лесная ООШ»$/m);
  });

  it("a tab-separated paste of a real order's table is read as its file would be", async () => {
    h = await BotHarness.start({ adminIds: ["4242"], now: "2023-06-01T09:00:00+09:00" });
    const coord = h.user({ id: 4242 });
    const file = fs.readFileSync(path.join(FIXTURES_DIR, "skovorodino-2023-roadmap.txt"), "utf8");
    // only the table's first rows fit one message: what is pasted is what is read
    const rows = file.split("\n").filter((l) => /^\d+\.\t/.test(l)).slice(0, 5);
    const header = file.split("\n").find((l) => l.includes("\t") && !/^\d+\.\t/.test(l))!;
    await coord.command("/import");
    const preview = texts(await coord.send([header, ...rows].join("\n"), SLOW));
    expect(preview).toContain("Мероприятий: <b>5</b>");
  });

  it("a text with no table is told so and the chat still waits for the table; one word gets the question again", async () => {
    h = await BotHarness.start({ adminIds: ["4242"], now: "2026-02-02T09:00:00+03:00" });
    const coord = h.user({ id: 4242 });
    await coord.command("/import");
    expect(texts(await coord.send("привет"))).toContain("Отправьте файл дорожной карты");
    const prose = texts(await coord.send("Добрый день.\nТаблицу пришлю позже.\nСпасибо!", SLOW));
    expect(prose).toContain("не нашлось таблицы мероприятий");
    // still waiting: the table pasted next is read
    expect(texts(await coord.send(MARKDOWN, SLOW))).toContain("Мероприятий: <b>3</b>");
    expect(await h.db.pendingImport.count()).toBe(1);
  });

  it("a paste at Telegram's length limit is read, with a word that it may have been cut", async () => {
    h = await BotHarness.start({ adminIds: ["4242"], now: "2026-02-02T09:00:00+03:00" });
    const coord = h.user({ id: 4242 });
    const long = [MARKDOWN, ...Array.from({ length: 40 }, (_, i) => `| ${i + 4} | Провести родительское собрание по подготовке к ГИА в классе ${i + 4} | апрель 2026 г. | Руководители ОО |`)].join("\n").slice(0, 4096);
    await coord.command("/import");
    const preview = texts(await coord.send(long, SLOW));
    expect(preview).toContain("почти достигло предела длины Telegram");
    expect(preview).toMatch(/Мероприятий: <b>\d\d<\/b>/);
  });

  it("a deadline nobody understood is quoted once, as written, in the lead of the preview", async () => {
    h = await BotHarness.start({ adminIds: ["4242"], now: "2026-02-02T09:00:00+03:00" });
    const coord = h.user({ id: 4242 });
    await coord.command("/import");
    const table = MARKDOWN.replace("| март 2026 г. |", "| когда позволит погода |");
    const preview = texts(await coord.send(table, SLOW));
    expect(preview).toContain("Не понят срок: 1");
    expect(preview).toContain("• Не понят срок (как записано в документе):\n  2: «когда позволит погода»");
    expect(preview.split("когда позволит погода")).toHaveLength(2);
    expect(preview).not.toContain("Сроки не распознаны");
  });
});
