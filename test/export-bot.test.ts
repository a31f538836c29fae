import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import mammoth from "mammoth";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BotHarness, buttons, type TestUser } from "./support/bot-harness.ts";
import { buildFixture, type Fixture } from "./export-fixture.ts";

// /export in chat: who gets what, documents that open, buttons with several roadmaps.

let h: BotHarness;
let f: Fixture;
beforeEach(async () => {
  h = await BotHarness.start({ now: "2023-05-10T12:00:00+09:00" });
  f = await buildFixture(h.db);
});
afterEach(async () => {
  await h.stop();
});

function documentsTo(user: TestUser) {
  return h.api.calls.filter((c) => c.method === "sendDocument" && String(c.params.chat_id) === String(user.id)).map((c) => ({ ...c.files.document!, caption: String(c.params.caption ?? "") }));
}

async function xlsxKeysAndStatuses(data: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const ws = wb.getWorksheet("Исполнение")!;
  const out: string[][] = [];
  ws.eachRow((row, n) => n > 1 && out.push([String(row.getCell(6).value), String(row.getCell(7).value)]));
  return out;
}

describe("/export", () => {
  it("sends the coordinator the .xlsx and the .docx of the only active roadmap", async () => {
    const { user } = await h.linkedUser("Бутусова Ольга Викторовна", { roles: ["coordinator"] });
    await user.command("/export");
    const docs = documentsTo(user);
    expect(docs.map((d) => d.name)).toEqual([`vekha-${f.roadmapId}-2023-05-10.xlsx`, `vekha-${f.roadmapId}-2023-05-10.docx`]);
    expect(docs[0]!.caption).toContain("Мониторинг исполнения: Приказ № 120 от 31 марта 2023 (на 10 мая 2023)");
    const rows = await xlsxKeysAndStatuses(docs[0]!.data);
    expect(rows).toHaveLength(10);
    expect(rows[5]).toEqual(["5", "просрочено"]);
    const { value } = await mammoth.extractRawText({ buffer: docs[1]!.data });
    expect(value).toContain("исполнено 2 из 9 поручений (22 %)");
    // the client shows "sending a file…" while the files are built
    const methods = h.api.calls.filter((c) => String(c.params.chat_id) === String(user.id)).map((c) => c.method);
    expect(methods.indexOf("sendChatAction")).toBeLessThan(methods.indexOf("sendDocument"));
    expect(h.api.calls.find((c) => c.method === "sendChatAction")!.params.action).toBe("upload_document");
  });

  it("sends the stored evidence files as a .zip holding the folder the table links to", async () => {
    const stored = path.join(h.deps.config.dataDir, "evidence/2023/analiz-vpr.pdf");
    fs.mkdirSync(path.dirname(stored), { recursive: true });
    fs.writeFileSync(stored, "%PDF-1.4 ВПР");
    const { user } = await h.linkedUser("Бутусова Ольга Викторовна", { roles: ["coordinator"] });
    await user.command("/export");
    const docs = documentsTo(user);
    const folder = `vekha-${f.roadmapId}-2023-05-10-files`;
    expect(docs.map((d) => d.name)).toEqual([`vekha-${f.roadmapId}-2023-05-10.xlsx`, `vekha-${f.roadmapId}-2023-05-10.docx`, `${folder}.zip`]);
    expect(docs[2]!.caption).toContain("Файлы подтверждений: 1.");
    const evidence = await h.db.evidence.findFirstOrThrow({ where: { storagePath: "evidence/2023/analiz-vpr.pdf" } });
    const zip = await JSZip.loadAsync(docs[2]!.data);
    expect(await zip.file(`${folder}/${evidence.id}-Анализ ВПР.pdf`)!.async("string")).toBe("%PDF-1.4 ВПР");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(docs[0]!.data as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("Исполнение")!;
    const col = (ws.getRow(1).values as ExcelJS.CellValue[]).indexOf("Подтверждение");
    const cell = ws.getRow(4).getCell(col).value as ExcelJS.CellHyperlinkValue;
    expect(decodeURIComponent(cell.hyperlink)).toBe(`${folder}/${evidence.id}-Анализ ВПР.pdf`);
    // web links stay as they are
    expect((ws.getRow(2).getCell(col).value as ExcelJS.CellHyperlinkValue).hyperlink).toBe("https://skovorodino-edu.ru/roadmap-2023");
  });

  it("says how to get the files when they are too big for Telegram", async () => {
    const stored = path.join(h.deps.config.dataDir, "evidence/2023/analiz-vpr.pdf");
    fs.mkdirSync(path.dirname(stored), { recursive: true });
    fs.writeFileSync(stored, "");
    fs.truncateSync(stored, 46 * 1024 * 1024); // sparse: costs no disk
    const { user } = await h.linkedUser("Бутусова Ольга Викторовна", { roles: ["coordinator"] });
    await user.command("/export");
    expect(documentsTo(user).map((d) => d.name.split(".").pop())).toEqual(["xlsx", "docx"]);
    expect(user.lastReply()!.text).toContain(`export ${f.roadmapId} --format xlsx --with-files`);
  });

  it("gives a curator their schools only", async () => {
    const { user, personId } = await h.linkedUser("Сидорова Анна Павловна", { roles: ["curator"] });
    await h.db.curatorship.create({ data: { schoolId: f.schools.s2, personId } });
    await user.command("/export");
    const docs = documentsTo(user);
    expect(docs).toHaveLength(2);
    expect(await xlsxKeysAndStatuses(docs[0]!.data)).toEqual([
      ["2", "принято"],
      ["6", "просрочено"],
    ]);
  });

  it("refuses an executor politely and sends nothing", async () => {
    const { user } = await h.linkedUser("Иванов Иван Иванович", { roles: ["executor"] });
    const [reply] = await user.command("/export");
    expect(reply!.text).toContain("Выгрузка отчётов доступна координатору");
    expect(documentsTo(user)).toHaveLength(0);
  });

  it("tells a curator whose schools have nothing in any active roadmap", async () => {
    const { user, personId } = await h.linkedUser("Сидорова Анна Павловна", { roles: ["curator"] });
    const other = await h.db.organization.create({ data: { name: "МКОУ ООШ с. Тахтамыгда", kind: "school" } });
    await h.db.curatorship.create({ data: { schoolId: other.id, personId } });
    const [reply] = await user.command("/export");
    expect(reply!.text).toBe("Нет активных дорожных карт для выгрузки.");
  });

  it("asks with buttons when there are several active roadmaps, and exports the one pressed", async () => {
    const second = await h.db.roadmap.create({ data: { identity: "b", title: "План мероприятий «500+» <2023>", timezone: "Asia/Yakutsk", status: "active", contentHash: "b" } });
    await h.db.item.create({ data: { roadmapId: second.id, key: "1", number: "1", title: "Совещание", deadlineKind: "none", position: 0 } });
    const { user } = await h.linkedUser("Бутусова Ольга Викторовна", { roles: ["coordinator"] });
    const [ask] = await user.command("/export");
    expect(ask!.text).toBe("Выберите дорожную карту для выгрузки:");
    expect(buttons(ask!).map((b) => b.callback_data)).toEqual([`exp:${f.roadmapId}`, `exp:${second.id}`]);
    expect(documentsTo(user)).toHaveLength(0);
    await user.press(`${second.id}. План мероприятий «500+» <2023>`);
    const docs = documentsTo(user);
    expect(docs.map((d) => d.name)).toEqual([`vekha-${second.id}-2023-05-10.xlsx`, `vekha-${second.id}-2023-05-10.docx`]);
    // the title is escaped in the HTML caption
    expect(docs[0]!.caption).toContain("План мероприятий «500+» &lt;2023&gt;");
    expect(await xlsxKeysAndStatuses(docs[0]!.data)).toEqual([["1", "не начато"]]);
  });

  it("takes the roadmap id as an argument; an unknown one gets a clear answer", async () => {
    const { user } = await h.linkedUser("Бутусова Ольга Викторовна", { roles: ["coordinator"] });
    const [reply] = await user.command("/export 999");
    expect(reply!.text).toBe("Дорожная карта не найдена. Возможно, она была удалена.");
    await user.command(`/export ${f.roadmapId}`);
    expect(documentsTo(user)).toHaveLength(2);
  });

  it("says so when the chosen roadmap has nothing to export", async () => {
    const empty = await h.db.roadmap.create({ data: { identity: "e", title: "Пустая карта", timezone: "Europe/Moscow", status: "active", contentHash: "e" } });
    const { user } = await h.linkedUser("Бутусова Ольга Викторовна", { roles: ["coordinator"] });
    const [reply] = await user.command(`/export ${empty.id}`);
    expect(reply!.text).toBe("В дорожной карте «Пустая карта» нет мероприятий для выгрузки.");
    expect(documentsTo(user)).toHaveLength(0);
  });

  it("gives a deputy head only the roadmap they control; a button for another is refused", async () => {
    const second = await h.db.roadmap.create({ data: { identity: "b", title: "Другая карта", timezone: "Asia/Yakutsk", status: "active", contentHash: "b" } });
    await h.db.item.create({ data: { roadmapId: second.id, key: "1", title: "Совещание", deadlineKind: "none", position: 0 } });
    const { user } = await h.linkedUser("Козлова Нина Сергеевна", { roles: ["deputy"], roadmapId: second.id });
    await user.command("/export");
    expect(documentsTo(user).map((d) => d.name)).toEqual([`vekha-${second.id}-2023-05-10.xlsx`, `vekha-${second.id}-2023-05-10.docx`]);
    const [refused] = await user.pressData(`exp:${f.roadmapId}`);
    expect(refused!.text).toBe("Дорожная карта не найдена. Возможно, она была удалена.");
    expect(documentsTo(user)).toHaveLength(2);
  });

  it("answers in English for an English-speaking coordinator", async () => {
    const { user } = await h.linkedUser("Butusova Olga", { roles: ["coordinator"], language: "en" });
    await user.command("/export");
    const docs = documentsTo(user);
    expect(docs[0]!.caption).toContain("Progress monitoring:");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(docs[0]!.data as unknown as ArrayBuffer);
    expect(wb.getWorksheet("Progress")).toBeTruthy();
  });
});
