import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { groupMoves } from "../handlers/reimport-text.ts";
import { BotHarness, type TestUser } from "./support/bot-harness.ts";
import { FIXTURES_DIR } from "./support/fixtures.ts";

// A coordinator sends a new version of a saved roadmap's document in chat: the preview says
// which roadmap it updates and what moved, and «Сохранить» keeps the work with the actions.

const FILE = "skovorodino-2023-roadmap.txt";
const original = () => fs.readFileSync(path.join(FIXTURES_DIR, FILE), "utf8");
const texts = (msgs: Array<{ text: string }>) => msgs.map((m) => m.text).join("\n---\n");

const NEW_ROW = "Совещание с руководителями ОО по итогам мониторинга качества образования\tПротокол совещания\tМай 2023\tРуководители ОО";

/** The document as a coordinator would edit it: a row inserted at `at`, the table renumbered after it. */
function withRowInserted(text: string, at: number, row: string): string {
  return text
    .split("\n")
    .flatMap((line) => {
      const m = /^(\d+)\.\t/.exec(line);
      if (!m) return [line];
      const n = Number(m[1]);
      if (n < at) return [line];
      const renumbered = `${n + 1}.\t${line.slice(m[0].length)}`;
      return n === at ? [`${at}.\t${row}`, renumbered] : [renumbered];
    })
    .join("\n");
}

let h: BotHarness;
afterEach(async () => {
  await h?.stop();
});

/** The preview as the coordinator reads it (a long one comes in parts). */
async function importFile(coord: TestUser, name: string, text: string) {
  await coord.command("/import");
  return { text: texts(await coord.sendDocument(name, Buffer.from(text, "utf8"), { mimeType: "text/plain" })) };
}

/** Item 2's work: every assignment submitted, one with a link. */
async function markDone(roadmapId: number, key: string) {
  const item = await h.db.item.findUniqueOrThrow({ where: { roadmapId_key: { roadmapId, key } }, include: { assignments: true } });
  expect(item.assignments.length).toBeGreaterThan(0);
  await h.db.assignment.updateMany({ where: { itemId: item.id }, data: { status: "submitted" } });
  await h.db.evidence.create({ data: { assignmentId: item.assignments[0]!.id, kind: "link", url: "https://amiro.example.ru/webinar-certificates" } });
  return item;
}

describe("/import of a new version of a saved roadmap", () => {
  it("a row inserted at 2: the preview shows «2 → 3: …» and the new row; saved, the work stays with the action", async () => {
    h = await BotHarness.start({ adminIds: ["4242"], now: "2023-06-01T09:00:00+09:00" });
    const coord = h.user({ id: 4242 });
    await importFile(coord, FILE, original());
    await coord.press("Сохранить");
    const roadmap = await h.db.roadmap.findFirstOrThrow();
    const two = await markDone(roadmap.id, "2");
    const twoAssignments = two.assignments.map((a) => a.id).sort();

    // the very same document again: said so, and nothing to list
    const same = await importFile(coord, FILE, original());
    expect(same.text).toContain(`Эти мероприятия уже сохранены в дорожной карте ${roadmap.id}`);
    expect(same.text).not.toContain("Новые номера");
    await coord.press("Отмена");

    const preview = await importFile(coord, "skovorodino-v2.txt", withRowInserted(original(), 2, NEW_ROW));
    expect(preview.text).toContain(`Это новая редакция дорожной карты ${roadmap.id}`);
    expect(preview.text).toContain("Прежние мероприятия найдены в новой редакции: 30; содержание изменилось у 0.");
    expect(preview.text).toMatch(/Новые номера \(29\)<\/b> — работа переходит вместе с мероприятием:/);
    expect(preview.text).toMatch(/• 2 → 3: Участие в обучающих вебинарах, [^\n]*\(поручений с отметками: 13\)/);
    expect(preview.text).toMatch(/Новые мероприятия \(1\):<\/b>\n {2}• 2: Совещание с руководителями ОО по итогам мониторинга/);
    expect(preview.text).not.toContain("Нет в новой редакции");
    // the rows after it shifted by one, nothing done on them yet: one line
    expect(preview.text).toContain("  • 3–30 → 4–31: 28 мероприятий без отметок сдвинулись на новые номера");

    const saved = texts(await coord.press("Сохранить"));
    expect(saved).toContain(`Дорожная карта ${roadmap.id} обновлена: добавлено 1, изменено 0, снято 0`);
    expect(saved).toContain("Перенумеровано мероприятий: 29");
    expect(await h.db.roadmap.count()).toBe(1);
    const moved = await h.db.item.findUniqueOrThrow({ where: { id: two.id }, include: { assignments: { include: { evidence: true } } } });
    expect(moved.key).toBe("3");
    expect(moved.assignments.map((a) => a.id).sort()).toEqual(twoAssignments);
    expect(moved.assignments.every((a) => a.status === "submitted")).toBe(true);
    expect(moved.assignments.flatMap((a) => a.evidence.map((e) => e.url))).toEqual(["https://amiro.example.ru/webinar-certificates"]);
    const fresh = await h.db.item.findUniqueOrThrow({ where: { roadmapId_key: { roadmapId: roadmap.id, key: "2" } }, include: { assignments: true } });
    expect(fresh.title).toContain("Совещание с руководителями ОО");
    expect(fresh.assignments.every((a) => a.status === "not_started")).toBe(true);
  });

  it("an edited document without an order number is offered as an update of its roadmap, and «Сохранить» updates it", async () => {
    h = await BotHarness.start({ adminIds: ["4242"], now: "2023-06-01T09:00:00+09:00" });
    const coord = h.user({ id: 4242 });
    const unnumbered = original().replace(/^№ 120$/m, "").replace("от 31.03.2023 № 120", "");
    const first = await importFile(coord, "plan.txt", unnumbered);
    expect(first.text).toContain("Приказ № — от");
    await coord.press("Сохранить");
    const roadmap = await h.db.roadmap.findFirstOrThrow();
    const two = await markDone(roadmap.id, "2");

    const preview = await importFile(coord, "plan-v2.txt", withRowInserted(unnumbered, 2, NEW_ROW));
    expect(preview.text).toContain(`Похоже, это исправленная версия дорожной карты ${roadmap.id}`);
    expect(preview.text).toContain("найдено мероприятий 30 из 31");
    const saved = texts(await coord.press("Сохранить"));
    expect(saved).toContain(`Это исправленная версия карты ${roadmap.id}: она обновлена, вторая карта не создана.`);
    expect(await h.db.roadmap.count()).toBe(1);
    expect((await h.db.item.findUniqueOrThrow({ where: { id: two.id } })).key).toBe("3");
  });
});

describe("groupMoves", () => {
  const mv = (from: string, to: string, itemId: number) => ({ from, to, title: `Мероприятие ${from}`, itemId });
  const shape = (entries: ReturnType<typeof groupMoves>) => entries.map((e) => ("one" in e ? `${e.one.from}→${e.one.to}` : `${e.run[0]!.from}…${e.run.at(-1)!.from}→${e.run[0]!.to}…${e.run.at(-1)!.to}`));

  it("folds a run of plain shifts, keeps actions with work and short runs on their own lines", () => {
    const moves = [mv("2", "3", 1), mv("3", "4", 2), mv("4", "5", 3), mv("5", "6", 4), mv("6", "7", 5), mv("7", "8", 6), mv("9", "8", 7), mv("2021.1", "2021.2", 8), mv("2021.2", "2021.3", 9), mv("2021.3", "2021.4", 10), mv("П1", "П2", 11)];
    const withWork = new Set([5]);
    expect(shape(groupMoves(moves, (id) => withWork.has(id)))).toEqual(["2…5→3…6", "6→7", "7→8", "9→8", "2021.1…2021.3→2021.2…2021.4", "П1→П2"]);
  });
});
