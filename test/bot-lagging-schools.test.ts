import { afterEach, describe, expect, it } from "vitest";
import { BotHarness } from "./support/bot-harness.ts";
import { seedRoadmap, type SeedItem } from "./support/roadmap-seed.ts";
import { barChartHeight } from "../services/charts.ts";

// A deputy head with more schools than a chat message lists: /roadmap lists (and charts) the
// schools that lag, not the first forty of the alphabet.

let h: BotHarness;
afterEach(async () => {
  await h?.stop();
});

const pngHeight = (png: Buffer) => png.readUInt32BE(20);

describe("/roadmap for more schools than a message lists", () => {
  it("lists and charts the forty with the most overdue work first, and says how many are left out", async () => {
    h = await BotHarness.start({ now: "2023-06-01T09:00:00+09:00" });
    const items: SeedItem[] = [];
    for (let n = 1; n <= 45; n++) {
      const school = await h.db.organization.create({ data: { name: `МБОУ СОШ № ${n}`, kind: "school", search: `мбоу сош № ${n}` } });
      // the last three schools of the alphabet are the ones behind: 3, 2 and 1 overdue поручения
      const overdue = n >= 43 ? n - 42 : 0;
      for (let k = 0; k < 3; k++) items.push({ key: `${n}.${k + 1}`, title: `Мероприятие ${k + 1}`, due: k < overdue ? "2023-05-20" : "2023-09-30", schoolId: school.id });
    }
    const { roadmapId } = await seedRoadmap(h.db, { items });
    const dep = (await h.linkedUser("Сидорова Татьяна Викторовна", { roles: ["deputy"], roadmapId })).user;
    const photos = () => h.api.calls.filter((c) => c.method === "sendPhoto");
    const before = photos().length;

    const text = (await dep.command("/roadmap")).map((m) => m.text).join("\n");
    expect(text).toContain("По школам: 40 из 45, сначала те, где больше всего просроченного");
    const listed = [...text.matchAll(/<b>(МБОУ СОШ № \d+)<\/b>/g)].map((m) => m[1]);
    expect(listed).toHaveLength(40);
    expect(listed.slice(0, 3)).toEqual(["МБОУ СОШ № 45", "МБОУ СОШ № 44", "МБОУ СОШ № 43"]);
    expect(listed.slice(3, 6)).toEqual(["МБОУ СОШ № 1", "МБОУ СОШ № 2", "МБОУ СОШ № 3"]);
    expect(text).toContain("…и ещё школ: 5. Полный отчёт — /export.");

    // the schools' chart has the same forty bars
    const sent = photos().slice(before);
    expect(sent).toHaveLength(2);
    const chart = Object.values(sent[1]!.files)[0]!.data;
    expect(pngHeight(chart)).toBe(barChartHeight(40));
  });

  it("a roadmap of fewer schools lists them all by name, as before", async () => {
    h = await BotHarness.start({ now: "2023-06-01T09:00:00+09:00" });
    const items: SeedItem[] = [];
    for (const n of [2, 1, 3]) {
      const school = await h.db.organization.create({ data: { name: `МБОУ СОШ № ${n}`, kind: "school", search: `мбоу сош № ${n}` } });
      items.push({ key: String(n), title: "Мероприятие", due: n === 3 ? "2023-05-20" : "2023-09-30", schoolId: school.id });
    }
    const { roadmapId } = await seedRoadmap(h.db, { items });
    const dep = (await h.linkedUser("Сидорова Татьяна Викторовна", { roles: ["deputy"], roadmapId })).user;
    const text = (await dep.command("/roadmap")).map((m) => m.text).join("\n");
    expect(text).toContain("<b>По школам</b>");
    expect([...text.matchAll(/<b>(МБОУ СОШ № \d+)<\/b>/g)].map((m) => m[1])).toEqual(["МБОУ СОШ № 1", "МБОУ СОШ № 2", "МБОУ СОШ № 3"]);
    expect(text).not.toContain("и ещё школ");
  });
});
