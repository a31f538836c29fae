import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BotHarness, buttons, type TestUser } from "./support/bot-harness.ts";
import { FIXTURES_DIR } from "./support/fixtures.ts";

// A crash at each step of a chat import, then a real restart of the bot (a fresh bot on the
// same database; the update the dead one was handling is never confirmed): the coordinator is
// told what became of the import, and «Сохранить» still works or says clearly what to do.

const FILE = "skovorodino-2023-roadmap.txt";
const fixture = () => fs.readFileSync(path.join(FIXTURES_DIR, FILE));
const texts = (msgs: Array<{ text: string }>) => msgs.map((m) => m.text).join("\n---\n");

let h: BotHarness;
afterEach(async () => {
  await h?.stop();
});

/** Waits for the bot to reach the fault point, failing clearly if it never does. */
async function reached(crash: Promise<void>, point: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`the bot never reached ${point}`)), 10_000)));
  try {
    await Promise.race([crash, late]);
  } finally {
    clearTimeout(timer);
  }
}

async function preview(coord: TestUser) {
  await coord.command("/import");
  const msg = (await coord.sendDocument(FILE, fixture(), { mimeType: "text/plain" })).at(-1)!;
  expect(msg.text).toContain("Предпросмотр");
  return msg;
}

describe("a crash during a chat import", () => {
  it("while saving, before the save commits: after the restart the coordinator is told nothing was saved, and «Сохранить» works", async () => {
    h = await BotHarness.start({ adminIds: ["4242"], now: "2023-06-01T09:00:00+09:00" });
    const coord = h.user({ id: 4242 });
    const shown = await preview(coord);
    const crash = h.crashAt("import:saving");
    await coord.press("Сохранить", { wait: false });
    await reached(crash, "import:saving");
    await h.crashRestart();

    expect(await h.db.roadmap.count()).toBe(0);
    const told = coord.lastReply()!;
    expect(told.text).toContain("Бот перезапустился во время сохранения «skovorodino-2023-roadmap.txt»");
    expect(told.text).toContain("<b>не сохранена</b>");
    // «Сохранить» / «Отмена» first; the correction loop's buttons (a fix per doubtful key, the workbook) after them
    expect(buttons(told).map((b) => b.text).slice(0, 2)).toEqual(["Сохранить", "Отмена"]);
    expect(buttons(told).at(-1)!.text).toBe("Скачать для правки");
    // the preview's own button works again as well: pressed, the roadmap is saved once
    const saved = await coord.pressData(buttons(shown)[0]!.callback_data, shown);
    expect(texts(saved)).toMatch(/Дорожная карта сохранена \(карта \d+\)/);
    expect(await h.db.roadmap.count()).toBe(1);
    expect(await h.db.item.count()).toBe(30);
    expect(await h.db.pendingImport.count()).toBe(0);
    // and the button of the notice is now outdated, nothing saved twice
    expect(texts(await coord.press("Сохранить"))).toContain("предпросмотр уже неактуален");
    expect(await h.db.roadmap.count()).toBe(1);
  });

  it("right after the save commits, before the answer: after the restart the coordinator gets the answer, with the assignments made", async () => {
    h = await BotHarness.start({ adminIds: ["4242"], now: "2023-06-01T09:00:00+09:00" });
    const coord = h.user({ id: 4242 });
    const shown = await preview(coord);
    const crash = h.crashAt("import:saved");
    await coord.press("Сохранить", { wait: false });
    await reached(crash, "import:saved");
    expect(await h.db.roadmap.count()).toBe(1);
    await h.crashRestart();

    const told = coord.lastReply()!.text;
    expect(told).toContain("Бот перезапустился сразу после сохранения «skovorodino-2023-roadmap.txt»");
    expect(told).toMatch(/Дорожная карта сохранена \(карта \d+\)/);
    const item1 = await h.db.item.findFirstOrThrow({ where: { key: "1" } });
    expect(await h.db.assignment.count({ where: { itemId: item1.id } })).toBe(6);
    expect(await h.db.pendingImport.count()).toBe(0);
    // the old button says the preview is done with, and saves nothing twice
    expect(texts(await coord.pressData(buttons(shown)[0]!.callback_data, shown))).toContain("предпросмотр уже неактуален");
    expect(await h.db.roadmap.count()).toBe(1);
  });

  it("while the file is read: after the restart the coordinator is asked to send it again, and the chat takes it", async () => {
    h = await BotHarness.start({ adminIds: ["4242"], now: "2023-06-01T09:00:00+09:00" });
    const coord = h.user({ id: 4242 });
    await coord.command("/import");
    const crash = h.crashAt("import:parsing");
    await coord.sendDocument(FILE, fixture(), { wait: false });
    await reached(crash, "import:parsing");
    await h.crashRestart();

    expect(coord.lastReply()!.text).toContain("Бот перезапустился, пока читал файл «skovorodino-2023-roadmap.txt»");
    expect(await h.db.pendingImport.count()).toBe(0);
    // no /import needed: the next file is the import
    const again = (await coord.sendDocument(FILE, fixture())).at(-1)!;
    expect(again.text).toContain("Мероприятий: <b>30</b>");
    expect(texts(await coord.press("Сохранить"))).toMatch(/Дорожная карта сохранена/);
  });

  it("after the preview is built, before it is shown: after the restart the preview comes with its buttons", async () => {
    h = await BotHarness.start({ adminIds: ["4242"], now: "2023-06-01T09:00:00+09:00" });
    const coord = h.user({ id: 4242 });
    await coord.command("/import");
    const crash = h.crashAt("import:previewing");
    await coord.sendDocument(FILE, fixture(), { wait: false });
    await reached(crash, "import:previewing");
    await h.crashRestart();

    const shown = coord.lastReply()!;
    expect(shown.text).toContain("не успев показать предпросмотр файла «skovorodino-2023-roadmap.txt»");
    expect(shown.text).toContain("Мероприятий: <b>30</b>");
    expect(texts(await coord.press("Сохранить"))).toMatch(/Дорожная карта сохранена/);
    expect(await h.db.roadmap.count()).toBe(1);
  });

  it("a save that fails with an error (not a crash) leaves the preview and its button working", async () => {
    h = await BotHarness.start({ adminIds: ["4242"], now: "2023-06-01T09:00:00+09:00" });
    const coord = h.user({ id: 4242 });
    const shown = await preview(coord);
    h.deps.faults = (point) => {
      if (point === "import:saving") throw new Error("disk full");
    };
    expect(texts(await coord.press("Сохранить"))).toContain("Что-то пошло не так");
    h.deps.faults = undefined;
    expect(await h.db.roadmap.count()).toBe(0);
    expect(texts(await coord.pressData(buttons(shown)[0]!.callback_data, shown))).toMatch(/Дорожная карта сохранена/);
  });
});
