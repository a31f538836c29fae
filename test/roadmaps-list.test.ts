import { afterEach, describe, expect, it } from "vitest";
import { main } from "../cli/run.ts";
import { BotHarness } from "./support/bot-harness.ts";
import { seedRoadmap } from "./support/roadmap-seed.ts";

// /roadmaps in chat and `roadmaps [--json]` on the command line: every roadmap with its id,
// status, short title (the order) and counts that say what they count.

let h: BotHarness;
afterEach(async () => {
  await h?.stop();
});

async function cli(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s), env: { DATABASE_URL: h.testDb.url } });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("the list of roadmaps", () => {
  it("shows ids, status, the order and counts, in chat and in the CLI", async () => {
    h = await BotHarness.start({ adminIds: ["4242"] });
    const coord = h.user({ id: 4242 });
    expect((await coord.command("/roadmaps"))[0]!.text).toContain("Дорожных карт пока нет");
    const a = await seedRoadmap(h.db, { items: [{ key: "1", title: "Анализ" }, { key: "2", title: "Отчёт" }] });
    await h.db.roadmap.update({ where: { id: a.roadmapId }, data: { orderNumber: "120", orderDate: "2023-03-31" } });
    const b = await seedRoadmap(h.db, { status: "draft", title: "План мероприятий на 2024 год", items: [{ key: "1", title: "Совещание" }] });

    const text = (await coord.command("/roadmaps"))[0]!.text;
    expect(text).toContain("2 дорожные карты");
    expect(text).toContain(`<b>Карта ${a.roadmapId}</b> · Приказ № 120 от 31 марта 2023 · действует\n2 мероприятия, 2 поручения, без исполнителя — 2`);
    expect(text).toContain(`<b>Карта ${b.roadmapId}</b> · План мероприятий на 2024 год · черновик\n1 мероприятие, 1 поручение, без исполнителя — 1`);
    // a person who is not a coordinator is refused
    const { user } = await h.linkedUser("Петрова Анна Ивановна");
    expect((await user.command("/roadmaps"))[0]!.text).not.toContain("Карта");

    const plain = await cli(["roadmaps"]);
    expect(plain.code).toBe(0);
    expect(plain.out).toContain(`${a.roadmapId}  действует  Приказ № 120 от 31 марта 2023 · 2 мероприятия · 2 поручения, без исполнителя — 2`);
    const en = await cli(["roadmaps", "--lang", "en"]);
    expect(en.out).toContain(`${b.roadmapId}  draft  План мероприятий на 2024 год · 1 action · 1 assignment, without an executor — 1`);
    const json = await cli(["roadmaps", "--json"]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toEqual([
      { id: a.roadmapId, status: "active", title: "Дорожная карта по повышению качества образования", shortTitle: "Приказ № 120 от 31 марта 2023", orderNumber: "120", orderDate: "2023-03-31", activeFrom: null, items: 2, assignments: 2, unassigned: 2 },
      { id: b.roadmapId, status: "draft", title: "План мероприятий на 2024 год", shortTitle: "План мероприятий на 2024 год", orderNumber: null, orderDate: null, activeFrom: null, items: 1, assignments: 1, unassigned: 1 },
    ]);
    expect((await cli(["roadmaps", "--nope"])).code).toBe(2);
  });
});

describe("an invite sent again", () => {
  it("says that the earlier link no longer works", async () => {
    h = await BotHarness.start({ adminIds: ["4242"] });
    const coord = h.user({ id: 4242 });
    const first = (await coord.command("/invite Иванова Мария Петровна"))[0]!.text;
    expect(first).not.toContain("не действует");
    const second = (await coord.command("/invite Иванова Мария Петровна"))[0]!.text;
    expect(second).toContain("Прежняя ссылка-приглашение этого человека больше не действует");
  });
});
