import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotHarness, type TestUser } from "./support/bot-harness.ts";
import { loadProgress, loadProgressSummary } from "../services/progress.ts";
import { buildDigest } from "../services/digest.ts";
import { translator } from "../services/i18n.ts";
import type { Db } from "../services/db.ts";
import { countStatements } from "../bench/region/product.ts";

// rows the reads give back, counted at the driver adapter (wrapped before any database is opened)
const counter = await countStatements();

// A region-sized roadmap: 40,000 assignments in one roadmap, more than SQLite (32,766) or
// PostgreSQL (32,767) take as bound parameters in one statement. /roadmap, /overdue, the digest
// and the export's rows read it without a query error: no query binds a list that grows with the data.

const ITEMS = 100;
const SCHOOLS = 400;
const PEOPLE = 2_000;
const ASSIGNMENTS = ITEMS * SCHOOLS;
const NOW = "2023-07-03T09:00:00+09:00";

let h: BotHarness;
let roadmapId: number;
let coordinator: TestUser;
let deputy: TestUser;

/** createMany in chunks: fast, and each chunk's parameters stay under the limits. */
async function chunked<T>(rows: T[], create: (chunk: T[]) => Promise<unknown>, size = 2_000): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await create(rows.slice(i, i + size));
}

async function seed(db: Db): Promise<number> {
  await chunked(
    Array.from({ length: PEOPLE }, (_, i) => ({ fullName: `Исполнитель ${i}`, shortName: `Исполнитель ${i}` })),
    (data) => db.person.createMany({ data }),
  );
  const people = await db.person.findMany({ select: { id: true }, orderBy: { id: "asc" } });
  await db.organization.createMany({ data: Array.from({ length: SCHOOLS }, (_, i) => ({ name: `МБОУ СОШ № ${i + 1}`, kind: "school", schoolKey: `region-${i}` })) });
  const schools = await db.organization.findMany({ where: { kind: "school" }, select: { id: true }, orderBy: { id: "asc" } });
  const roadmap = await db.roadmap.create({ data: { identity: "region", title: "Региональная дорожная карта", timezone: "Asia/Yakutsk", status: "active", contentHash: "h" } });
  // half the items were due in June (overdue by July), half are due in December
  await db.item.createMany({
    data: Array.from({ length: ITEMS }, (_, i) => ({ roadmapId: roadmap.id, key: String(i + 1), title: `Мероприятие ${i + 1}`, deadlineKind: "date", deadlineDue: i % 2 ? "2023-12-15" : "2023-06-15", position: i })),
  });
  const items = await db.item.findMany({ where: { roadmapId: roadmap.id }, select: { id: true }, orderBy: { id: "asc" } });
  await chunked(
    Array.from({ length: ASSIGNMENTS }, (_, n) => ({ itemId: items[n % ITEMS]!.id, schoolId: schools[Math.floor(n / ITEMS)]!.id, personId: people[n % PEOPLE]!.id })),
    (data) => db.assignment.createMany({ data }),
  );
  return roadmap.id;
}

beforeAll(async () => {
  h = await BotHarness.start({ adminIds: ["4242"], now: NOW });
  roadmapId = await seed(h.db);
  coordinator = h.user({ id: 4242 });
  deputy = (await h.linkedUser("Бутусова Ольга Владимировна", { roles: ["deputy"] })).user;
}, 600_000);
afterAll(async () => {
  await h?.stop();
});

describe("40,000 assignments in one roadmap", () => {
  it("are counted for /roadmap by aggregation", async () => {
    const s = await loadProgressSummary(h.db, { roadmapId, today: "2023-07-03" });
    expect(s.totals).toMatchObject({ total: ASSIGNMENTS, overdue: ASSIGNMENTS / 2, notStarted: ASSIGNMENTS / 2, items: ITEMS });
    expect(s.bySchool).toHaveLength(SCHOOLS);
    // counted by the database per school and per item, not read as a group an assignment (40,000 rows)
    const before = counter.rows();
    await loadProgressSummary(h.db, { roadmapId, today: "2023-07-03" });
    expect(counter.rows() - before).toBeLessThan(SCHOOLS * 3 + ITEMS * 4);
    const text = (await deputy.command("/roadmap", { timeoutMs: 240_000 })).map((m) => m.text).join("\n");
    expect(text).toMatch(/40\s?000/);
  }, 300_000);

  it("/overdue answers the coordinator and a regional deputy head", async () => {
    for (const user of [coordinator, deputy]) {
      const [reply] = await user.command("/overdue", { timeoutMs: 240_000 });
      expect(reply!.text).toMatch(/Просрочено 20\s?000/);
    }
  }, 300_000);

  it("a regional deputy head's digest is built and the export's rows are read", async () => {
    const person = await h.db.person.findFirstOrThrow({ where: { roles: { some: { role: "deputy" } } } });
    const digest = await buildDigest(h.db, { personId: person.id, roadmapId, now: new Date(NOW), tr: translator("ru") });
    expect(digest.counts.total).toBe(ASSIGNMENTS);
    expect((await loadProgress(h.db, { roadmapId, today: "2023-07-03" })).rows).toHaveLength(ASSIGNMENTS);
  }, 600_000);
});
