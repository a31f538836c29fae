import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectingLogger, countStatements, createRegionBot } from "../bench/region/product.ts";
import { createTestDb, onSqlite, type TestDb } from "./support/db.ts";
import { FakeBotApi } from "./support/fake-bot-api.ts";
import { ManualClock } from "../core/clock.ts";
import { regionParams, seedRegion, type RegionWorld } from "../bench/region/seed.ts";
import { pageForVerify } from "../services/postpone.ts";
import { loadReviewRouting, mayReview, reviewersOf, scanForReview, type ReviewRouting } from "../services/verification.ts";
import { OPEN_STATUSES } from "../core/status.ts";
import { loadOverdue, loadProgress, overdueKey, type OverdueShown } from "../services/progress.ts";
import { scopeOfPerson, visibleRoadmaps } from "../services/scope.ts";
import { buildDigest } from "../services/digest.ts";
import { translator } from "../services/i18n.ts";
import type { Db } from "../services/db.ts";
import { Prisma } from "@prisma/client";

// The region's query shapes (issue 12): /verify (submissions and postponement requests), /overdue,
// /school and a digest read a fixed number of SQL statements however much work the region holds.
// Each is counted on a small region, then again once every school's work has been copied to three
// times as many schools: the counts stay the same. /school is counted whole, through the bot (its
// update's own statements included), as the region bench counts it. (Speed is the region bench's:
// npm run bench -- region.)

// counted at the driver adapter (bench/region/product.ts), wrapped before any database is opened
const counter = await countStatements();

/** What the bot runs for every update besides a command's own queries: person, roles, chat state; the update id taken (on the condition that nothing earlier of its chat is in hand) and marked finished (bot/middleware.ts dedupeUpdates). */
const PER_UPDATE = 5;
const COMMAND_LIMIT = 20;
const NOW = new Date("2025-06-30T07:00:00Z"); // 10:00 in Moscow on the bench's Monday
const TODAY = "2025-06-30";
const tr = translator("ru");

let t: TestDb;
let world: RegionWorld;
let api: FakeBotApi;
let bot: ReturnType<typeof createRegionBot>;
let updateId = 1;

/** A command as a Telegram user sends it, handled by the real bot; the text of its reply. */
async function command(user: { chatId: string }, text: string): Promise<string> {
  const id = Number(user.chatId);
  const before = api.sent(id).length;
  const message = { message_id: updateId, date: Math.floor(NOW.getTime() / 1000), chat: { id, type: "private", first_name: "Т" }, from: { id, is_bot: false, first_name: "Т", language_code: "ru" }, text, entities: [{ type: "bot_command", offset: 0, length: /^\/\S+/.exec(text)![0].length }] };
  await bot.handleUpdate({ update_id: updateId++, message } as never);
  return api.sent(id).slice(before).map((m) => String(m.params.text ?? "")).join("\n");
}

async function counted<T>(run: () => Promise<T>): Promise<{ statements: number; value: T }> {
  const before = counter.read();
  const value = await run();
  return { statements: counter.read() - before, value };
}

async function overdueOf(db: Db, personId: number, shown?: OverdueShown) {
  const roadmaps = await visibleRoadmaps(db, await scopeOfPerson(db, personId));
  return loadOverdue(
    db,
    roadmaps.map((r) => ({ roadmapId: r.id, schoolIds: r.schoolIds, today: TODAY, head: r })),
    shown ? { shown } : {},
  );
}

/** The same groups worked out the long way, from every roadmap's rows one by one: what loadOverdue's aggregation must agree with. */
async function overdueTheLongWay(db: Db, personId: number): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const r of await visibleRoadmaps(db, await scopeOfPerson(db, personId))) {
    const { rows } = await loadProgress(db, { roadmapId: r.id, ...(r.schoolIds ? { schoolIds: r.schoolIds } : {}), today: TODAY });
    for (const row of rows) {
      if (row.assignmentId === null || row.shown !== "overdue" || !row.due) continue;
      const k = overdueKey({ roadmapId: r.id, itemId: row.itemId, due: row.due });
      out.set(k, (out.get(k) ?? 0) + 1);
    }
  }
  return out;
}

/**
 * The schools whose names a list of what is late may need, the long way: those with open work that is
 * late (by the item's own date or a postponed one) or of a multi-part item, where the person looks.
 */
async function schoolsWithWork(db: Db, personId: number): Promise<Set<string>> {
  const out = new Set<string>();
  for (const r of await visibleRoadmaps(db, await scopeOfPerson(db, personId))) {
    const rows = await db.assignment.findMany({
      where: {
        item: { roadmapId: r.id, removedAt: null },
        status: { in: [...OPEN_STATUSES] },
        ...(r.schoolIds ? { schoolId: { in: r.schoolIds } } : {}),
        OR: [{ dueOverride: null, item: { OR: [{ deadlineKind: "multi" }, { deadlineDue: { lt: TODAY } }] } }, { dueOverride: { lt: TODAY } }],
      },
      select: { school: { select: { name: true, shortName: true } } },
    });
    for (const a of rows) if (a.school) out.add(a.school.shortName ?? a.school.name);
  }
  return out;
}

/** What waits for a person's decision the long way: every assignment waiting anywhere, routed one by one (what scanForReview must agree with). */
async function waitingTheLongWay(db: Db, personId: number, route: ReviewRouting): Promise<{ submitted: number[]; waiting: number[] }> {
  const rows = await db.assignment.findMany({
    where: {
      item: { removedAt: null, roadmap: { status: { not: "archived" } } },
      OR: [{ status: "submitted" }, { status: { in: [...OPEN_STATUSES] }, postponements: { some: { status: "pending" } } }],
    },
    select: { id: true, schoolId: true, personId: true, status: true, item: { select: { roadmapId: true, position: true } } },
  });
  const mine = rows
    .filter((r) => {
      const a = { schoolId: r.schoolId, roadmapId: r.item.roadmapId, personId: r.personId };
      return mayReview(route, personId, a) && !!reviewersOf(route, a)?.people.some((p) => p.id === personId);
    })
    .sort((a, b) => a.item.roadmapId - b.item.roadmapId || a.item.position - b.item.position || a.id - b.id);
  return { submitted: mine.filter((r) => r.status === "submitted").map((r) => r.id), waiting: mine.filter((r) => r.status !== "submitted").map((r) => r.id) };
}

/**
 * Every school's work (assignments with their status, evidence and pending postponement requests)
 * copied to `times` more schools of the same district, curated by the same people: the same
 * region, `times + 1` as big.
 */
async function grow(db: Db, times: number): Promise<void> {
  const schools = await db.organization.findMany({ where: { kind: "school" }, select: { id: true, name: true, shortName: true, timezone: true } });
  for (let k = 1; k <= times; k++) {
    for (const s of schools) {
      const copy = await db.organization.create({ data: { name: `${s.name} (${k})`, shortName: s.shortName ? `${s.shortName} (${k})` : null, kind: "school", timezone: s.timezone } });
      const curators = await db.curatorship.findMany({ where: { schoolId: s.id }, select: { personId: true, curatorOrgId: true, roadmapId: true } });
      if (curators.length) await db.curatorship.createMany({ data: curators.map((c) => ({ ...c, schoolId: copy.id })) });
      const work = await db.assignment.findMany({
        where: { schoolId: s.id },
        select: { itemId: true, personId: true, status: true, dueOverride: true, partyText: true, evidence: { select: { kind: true, url: true, status: true } }, postponements: { where: { status: "pending" }, select: { requestedDue: true, reason: true } } },
      });
      for (const a of work) {
        const { evidence, postponements, ...fields } = a;
        await db.assignment.create({
          data: {
            ...fields,
            schoolId: copy.id,
            evidence: { create: evidence },
            postponements: { create: postponements },
          },
        });
      }
    }
  }
}

beforeAll(async () => {
  t = await createTestDb();
  world = await seedRegion(t.db, regionParams(0.01));
  api = await FakeBotApi.start();
  const outbox = { send: async () => ({ ok: true as const, messageId: 1 }) };
  bot = createRegionBot({ db: t.db, apiRoot: api.url, dataDir: t.dir, clock: new ManualClock(NOW.toISOString()), outbox, logger: collectingLogger(() => {}), databaseUrl: t.url });
  // requests for more time waiting for the curator (the seeder's few may all be someone else's)
  const schools = (await t.db.curatorship.findMany({ where: { personId: world.users.curator.personId }, select: { schoolId: true } })).map((c) => c.schoolId);
  const open = await t.db.assignment.findMany({ where: { schoolId: { in: schools }, status: { in: ["not_started", "in_progress"] }, postponements: { none: {} } }, take: 6, select: { id: true } });
  await t.db.postponeRequest.createMany({ data: open.map((a) => ({ assignmentId: a.id, requestedDue: "2025-07-31", reason: "Нужно больше времени" })) });
}, 300_000);

/**
 * Postponed dates that have passed (the seeder's are all ahead): open work late by one (postponed,
 * or returned after it), beside what such a date does not make late (work done since, a date of
 * today), spread over the region's items and schools: /overdue's postponed part is compared too.
 */
async function postponeSome(db: Db): Promise<void> {
  const open = await db.assignment.findMany({ where: { status: { in: ["not_started", "in_progress"] }, dueOverride: null, item: { deadlineKind: { not: "multi" } } }, orderBy: { id: "asc" }, select: { id: true } });
  const every = Math.floor(open.length / 16);
  const ids = open.filter((_, n) => n % every === 0).map((a) => a.id);
  expect(ids.length).toBeGreaterThanOrEqual(16);
  const set = (from: number, to: number, status: string, dueOverride: string) => db.assignment.updateMany({ where: { id: { in: ids.slice(from, to) } }, data: { status, dueOverride } });
  await set(0, 8, "postponed", "2025-06-20");
  await set(8, 11, "returned", "2025-06-10");
  await set(11, 13, "verified", "2025-06-01");
  await set(13, 16, "postponed", TODAY);
}
afterAll(async () => {
  await api?.stop();
  await t?.close();
});

describe("region query shapes: statements do not grow with the data", () => {
  it("/verify, /overdue, /school and a regional digest read the same number of statements at three times the work", async () => {
    const db = t.db;
    const u = world.users;
    const regional = world.regionalRoadmapIds[0]!;
    const measure = async () => ({
      verifyCurator: await counted(() => pageForVerify(db, tr, u.curator.personId, 10)),
      verifyDeputy: await counted(() => pageForVerify(db, tr, u.regionalDeputy.personId, 10)),
      overdueCurator: await counted(() => overdueOf(db, u.curator.personId)),
      overdueDeputy: await counted(() => overdueOf(db, u.regionalDeputy.personId)),
      overdueCoordinator: await counted(() => overdueOf(db, u.coordinator.personId)),
      digest: await counted(() => buildDigest(db, { personId: u.regionalDeputy.personId, roadmapId: regional, now: NOW, tr })),
      // the whole update, through the bot
      schoolCurator: await counted(() => command(u.curator, `/school ${u.curator.schoolText}`)),
      schoolDeputy: await counted(() => command(u.regionalDeputy, `/school ${world.anySchoolText}`)),
      schoolCoordinator: await counted(() => command(u.coordinator, `/school ${world.anySchoolText}`)),
      overdueCuratorWhole: await counted(() => command(u.curator, "/overdue")),
      overdueDeputyWhole: await counted(() => command(u.regionalDeputy, "/overdue")),
      verifyCuratorWhole: await counted(() => command(u.curator, "/verify")),
      verifyDeputyWhole: await counted(() => command(u.regionalDeputy, "/verify")),
    });
    const small = await measure();
    const assignments = await db.assignment.count();
    await grow(db, 2);
    // the work of the authorities themselves (no school) is not copied
    expect(await db.assignment.count()).toBeGreaterThan(assignments * 2);
    const big = await measure();

    // the data did grow where these commands look
    expect(big.verifyCurator.value.submissions.count).toBeGreaterThan(small.verifyCurator.value.submissions.count);
    expect(small.verifyCurator.value.postponements.count).toBeGreaterThan(0);
    expect(big.verifyCurator.value.postponements.count).toBeGreaterThan(small.verifyCurator.value.postponements.count);
    expect(big.overdueDeputy.value.total).toBeGreaterThan(small.overdueDeputy.value.total * 2);
    expect(big.digest.value.counts.total).toBeGreaterThan(small.digest.value.counts.total);

    // /school showed the school (not a choice of several, not a refusal), and more of its work once grown
    for (const k of ["schoolCurator", "schoolDeputy", "schoolCoordinator"] as const) {
      expect(small[k].value, k).toMatch(/^<b>[^<]+<\/b>\n\n/);
      expect(big[k].value, k).toMatch(/^<b>[^<]+<\/b>\n\n/);
    }
    const statements = (m: typeof small) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v.statements]));
    expect(statements(big)).toEqual(statements(small));
    // a command's own statements and the bot's per update stay under the 20
    for (const k of ["verifyCurator", "verifyDeputy", "overdueCurator", "overdueDeputy", "overdueCoordinator"] as const) expect(big[k].statements + PER_UPDATE, k).toBeLessThan(COMMAND_LIMIT);
    // /school and /overdue were counted with their update's own statements (and /overdue's note of who is away)
    // (/verify with who is away and who stands in for them: one statement, read on every call)
    for (const k of ["schoolCurator", "schoolDeputy", "schoolCoordinator", "overdueCuratorWhole", "overdueDeputyWhole", "verifyCuratorWhole", "verifyDeputyWhole"] as const) expect(big[k].statements, k).toBeLessThan(COMMAND_LIMIT);
    // the aggregation (a multi-part item's work by the parts each has done) agrees with every row read one by one
    for (const k of ["overdueCurator", "overdueDeputy", "overdueCoordinator"] as const) {
      const who = { overdueCurator: u.curator, overdueDeputy: u.regionalDeputy, overdueCoordinator: u.coordinator }[k];
      expect(new Map(big[k].value.groups.map((g) => [overdueKey(g), g.count])), k).toEqual(await overdueTheLongWay(db, who.personId));
    }
    // the legend's schools (handlers/curator.ts SchoolWords): every one when fewer than three more than
    // the rows name; else at least that many, each with work (a line then never says «все школы» or
    // «все, кроме»). Read as /overdue reads (only the groups a message shows, here a short one), the
    // regional deputy head's and the coordinator's come from the rows read, with no statement of their
    // own (so is this curator's, of many schools once grown); every list read whole is asked for: both
    // ways are taken here
    const ways: string[] = [];
    const shown: OverdueShown = { budget: 1_500, floor: (_g, item) => 60 + item.title.length };
    for (const [k, who] of [["curator", u.curator], ["deputy", u.regionalDeputy], ["coordinator", u.coordinator]] as const) {
      const truth = await schoolsWithWork(db, who.personId);
      for (const [how, { value: read, statements }] of [["whole", await counted(() => overdueOf(db, who.personId))], ["shown", await counted(() => overdueOf(db, who.personId, shown))]] as const) {
        const named = new Set([...read.rows.values()].flatMap((rows) => rows.flatMap((r) => (r.school ? [r.school.name] : []))));
        const schools = new Set(read.schools);
        expect(schools.size, `${k} ${how}`).toBe(read.schools.length);
        for (const s of schools) expect(truth.has(s), `${k} ${how}: ${s}`).toBe(true);
        const all = schools.size < named.size + 3;
        if (all) expect(schools, `${k} ${how}`).toEqual(truth);
        else expect(truth.size, `${k} ${how}`).toBeGreaterThanOrEqual(named.size + 3);
        ways.push(`${k} ${how}: ${all ? "all" : "enough"}, ${statements} statements`);
      }
    }
    // the names from the rows: one statement fewer (without a legend to name, the schools are not asked for)
    const n = big.overdueCurator.statements;
    const m = big.overdueCoordinator.statements;
    expect(ways).toEqual([
      `curator whole: all, ${n} statements`,
      `curator shown: enough, ${n - 1} statements`,
      `deputy whole: all, ${n} statements`,
      `deputy shown: enough, ${n - 1} statements`,
      `coordinator whole: all, ${m} statements`,
      `coordinator shown: enough, ${m - 1} statements`,
    ]);
    expect(await db.checkpointStatus.count({ where: { status: { in: ["submitted", "verified", "cancelled"] }, assignment: { status: { in: ["not_started", "in_progress", "returned", "postponed"] } } } })).toBeGreaterThan(0);
    // counted once, then only what a message shows is read: for the regional deputy head 13 in all
    // (the update's 5, scope and roadmaps 3, the count with the schools' names, the first groups'
    // items, their rows and evidence, who is away); it was 18
    expect(big.overdueDeputyWhole.statements).toBeLessThanOrEqual(13);
    expect(big.overdueCuratorWhole.statements).toBeLessThanOrEqual(13);
    // the command's own list: what loadOverdue counted
    expect(big.overdueDeputyWhole.value).toMatch(new RegExp(`^Просрочено ${big.overdueDeputy.value.total} поручени`));
    expect(small.overdueCuratorWhole.value).toMatch(new RegExp(`^Просрочено ${small.overdueCurator.value.total} поручени`));
  }, 600_000);

  it("/overdue's count reads each part through its own index: a passed postponed date through Assignment(dueOverride), the rest never through it", async () => {
    const u = world.users;
    // the statements loadOverdue sends, as it sends them
    const sent: Prisma.Sql[] = [];
    const recording = new Proxy(t.db, {
      get(target, key) {
        if (key === "$queryRaw") return (sql: Prisma.Sql) => (sent.push(sql), target.$queryRaw(sql));
        const value = Reflect.get(target, key, target) as unknown;
        return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    await postponeSome(t.db);
    expect(await t.db.assignment.count({ where: { status: { in: [...OPEN_STATUSES] }, dueOverride: { lt: TODAY } } })).toBeGreaterThan(0);
    for (const who of [u.curator, u.districtDeputy, u.regionalDeputy, u.coordinator]) {
      const whole = (await visibleRoadmaps(t.db, await scopeOfPerson(t.db, who.personId))).every((r) => !r.schoolIds);
      sent.length = 0;
      const read = await overdueOf(recording, who.personId);
      expect(new Map(read.groups.map((g) => [overdueKey(g), g.count]))).toEqual(await overdueTheLongWay(t.db, who.personId));
      const count = sent.find((q) => q.sql.includes("'postponed'"))!;
      expect(count, "the count").toBeDefined();
      if (onSqlite) {
        // SQLite plans without statistics: the index on dueOverride serves the range of passed dates
        // for the whole region (a short list of schools is read through its schools), never a probe of its NULLs
        const plan = (await t.db.$queryRawUnsafe<Array<{ detail: string }>>(`EXPLAIN QUERY PLAN ${count.sql}`, ...count.values)).map((r) => r.detail);
        expect(plan.filter((d) => d.includes("Assignment_dueOverride_idx")), `${who.chatId}: ${plan.join("; ")}`).toEqual(whole ? ["SEARCH a USING INDEX Assignment_dueOverride_idx (dueOverride<?)"] : []);
      } else {
        const found = await t.db.$queryRaw<Array<{ indexdef: string }>>`SELECT indexdef FROM pg_indexes WHERE tablename = 'Assignment' AND indexname = 'Assignment_dueOverride_idx'`;
        expect(found.map((r) => r.indexdef)).toEqual([expect.stringMatching(/\("dueOverride"\)$/)]);
      }
    }
  }, 120_000);

  it("/verify's scan reads only where a person may decide, yet lists for everyone what routing every waiting assignment one by one gives", async () => {
    const db = t.db;
    const u = world.users;
    // the cases the scan's narrowing must not lose: a curator away with a stand-in, a curator out of
    // reach (not in Telegram: the school's work goes to the deputy heads), a curator's own work (passed
    // up a level), a school with no curator
    const curatorships = await db.curatorship.findMany({ where: { personId: { not: null } }, select: { schoolId: true, personId: true }, orderBy: { id: "asc" } });
    const withWork = async (schoolId: number) => (await db.assignment.count({ where: { schoolId, status: "submitted" } })) > 0;
    const free: number[] = [];
    for (const c of curatorships) if (!free.includes(c.schoolId) && (await withWork(c.schoolId))) free.push(c.schoolId);
    const [awaySchool, silent, executing, uncurated] = free as [number, number, number, number];
    expect(uncurated).toBeDefined();
    const person = (fullName: string, shortName: string, chatId: string | null) => db.person.create({ data: { fullName, shortName, chatId } });
    const away = await person("Отпускова Анна Петровна", "Отпускова А.П.", "990001");
    const quiet = await person("Молчанова Вера Ивановна", "Молчанова В.И.", null);
    await db.curatorship.deleteMany({ where: { schoolId: { in: [awaySchool, silent, uncurated] } } });
    await db.curatorship.createMany({ data: [{ schoolId: awaySchool, personId: away.id }, { schoolId: silent, personId: quiet.id }] });
    await db.absence.create({ data: { personId: away.id, from: "2025-06-25", to: "2025-07-04", standInId: u.curator.personId } });
    // the school's one curator does the work: it goes up to the deputy heads
    const curatorOf = (await db.curatorship.findFirstOrThrow({ where: { schoolId: executing, personId: { not: null } }, select: { personId: true } })).personId!;
    await db.curatorship.deleteMany({ where: { schoolId: executing } });
    await db.curatorship.create({ data: { schoolId: executing, personId: curatorOf } });
    const own = await db.assignment.findFirstOrThrow({ where: { schoolId: executing, status: "submitted" }, select: { id: true } });
    await db.assignment.update({ where: { id: own.id }, data: { personId: curatorOf } });
    const route = await loadReviewRouting(db, { now: NOW, zone: "Europe/Moscow" });
    expect(route.away?.get(away.id)?.standIn?.id).toBe(u.curator.personId);
    const people = await db.person.findMany({ select: { id: true }, orderBy: { id: "asc" } });
    const listedFor = new Map<number, number[]>();
    for (const p of people) {
      const scan = await scanForReview(db, p.id, route, { postponements: true });
      const got = { submitted: scan.submitted.map((x) => x.id), waiting: scan.waiting.map((x) => x.id) };
      expect(got, `person ${p.id}`).toEqual(await waitingTheLongWay(db, p.id, route));
      for (const id of [...got.submitted, ...got.waiting]) listedFor.set(id, [...(listedFor.get(id) ?? []), p.id]);
    }
    // every waiting assignment is someone's, and the cases above were reached: the curator's own work by someone else,
    // the work of the school without a curator and of the curator out of reach by a deputy head
    const all = await db.assignment.count({ where: { status: "submitted", item: { removedAt: null } } });
    expect([...listedFor.keys()].length).toBeGreaterThanOrEqual(all);
    expect(listedFor.get(own.id)).not.toContain(curatorOf);
    expect(listedFor.get(own.id)).toContain(u.regionalDeputy.personId);
    for (const schoolId of [silent, uncurated]) {
      const work = await db.assignment.findFirstOrThrow({ where: { schoolId, status: "submitted" }, select: { id: true } });
      expect(listedFor.get(work.id), String(schoolId)).toContain(u.regionalDeputy.personId);
    }
    // each case reached someone: the stand-in decides for the curator away, on their behalf
    const standIn = await scanForReview(db, u.curator.personId, route, { postponements: true });
    expect(standIn.submitted.some((x) => x.onBehalfOf?.id === away.id)).toBe(true);
  }, 600_000);
});
