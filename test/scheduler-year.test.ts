import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { createTestDb, type TestDb } from "./support/db.ts";
import { RecordingOutbox } from "./support/scheduler-world.ts";
import { readTextExport } from "../core/import/text-export.ts";
import { importDocument } from "../core/import/index.ts";
import { saveImport } from "../services/roadmap-store.ts";
import { resolveAssignments } from "../services/assign.ts";
import { importPeopleCsv } from "../services/people-csv.ts";
import { workCalendar } from "../core/working-days.ts";
import { tick } from "../scheduler/tick.ts";
import type { OutgoingMessage, SendResult } from "../services/outbox.ts";
import { fixturePath } from "./support/fixtures.ts";

// A year of the Skovorodino roadmap (order № 120 of 31.03.2023, Asia/Yakutsk), imported from the
// fixture, people from test/data/skovorodino-people.csv, activated at the order's date, with a
// tick at five moments of every day until mid-January 2024: 03:00, 08:59, 09:00, 14:00 and 20:00
// local (a tick costs tens of milliseconds on a loaded machine: hourly ticks would take minutes). The reminders expected below were worked
// out by hand from the calendar of 2023 (holidays 1 and 9 May, 12 June, 4 November, 1–8 January).

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FIXTURE = fixturePath("skovorodino-2023-roadmap.txt");
const ZONE = "Asia/Yakutsk";

type Line = [kind: string, date: string];
const END_OF_YEAR: Line[] = [["before_7d", "2023-12-22"], ["before_1d", "2023-12-29"], ["due", "2023-12-29"], ["overdue", "2024-01-09"]];
const END_OF_APRIL: Line[] = [["before_7d", "2023-04-21"], ["before_1d", "2023-04-28"], ["due", "2023-04-28"], ["overdue", "2023-05-02"]];
const END_OF_MAY: Line[] = [["before_7d", "2023-05-24"], ["before_1d", "2023-05-30"], ["due", "2023-05-31"], ["overdue", "2023-06-01"]];
const END_OF_JUNE: Line[] = [["before_7d", "2023-06-23"], ["before_1d", "2023-06-29"], ["due", "2023-06-30"], ["overdue", "2023-07-03"]];
const SEPT_30: Line[] = [["before_7d", "2023-09-22"], ["before_1d", "2023-09-29"], ["due", "2023-09-29"], ["overdue", "2023-10-02"]];
const OCT_31: Line[] = [["before_7d", "2023-10-24"], ["before_1d", "2023-10-30"], ["due", "2023-10-31"], ["overdue", "2023-11-01"]];
const ON_ACTIVATION: Line[] = [["due", "2023-03-31"], ["overdue", "2023-04-03"]];
const MONTHLY: Line[] = ["2023-03-31", "2023-04-28", "2023-05-31", "2023-06-30", "2023-07-31", "2023-08-31", "2023-09-29", "2023-10-31", "2023-11-30", "2023-12-29"].map((d) => ["checkin", d]);

/** Per item key: the executor's reminders, and the escalation days (to the curator / deputy head). */
const EXPECTED: Record<string, { executor: Line[]; escalation: string[] }> = {
  "5": { executor: END_OF_JUNE, escalation: ["2023-07-06"] },
  "6": { executor: END_OF_YEAR, escalation: ["2024-01-12"] },
  "7": { executor: [...ON_ACTIVATION, ...END_OF_YEAR], escalation: ["2023-04-06", "2024-01-12"] },
  "8": { executor: END_OF_APRIL, escalation: ["2023-05-05"] },
  "9": { executor: [["window_open", "2023-04-03"], ...END_OF_YEAR], escalation: ["2024-01-12"] },
  "10": { executor: [...END_OF_APRIL, ...END_OF_YEAR], escalation: ["2023-05-05", "2024-01-12"] },
  "15": { executor: MONTHLY, escalation: [] },
  "16": { executor: MONTHLY, escalation: [] },
  "17": { executor: ON_ACTIVATION, escalation: ["2023-04-06"] },
  "18": { executor: [["before_7d", "2023-07-24"], ["before_1d", "2023-07-28"], ["due", "2023-07-31"], ["overdue", "2023-08-01"]], escalation: ["2023-08-04"] },
  "19": { executor: SEPT_30, escalation: ["2023-10-05"] },
  "20": { executor: [["before_7d", "2023-08-24"], ["before_1d", "2023-08-30"], ["due", "2023-08-31"], ["overdue", "2023-09-01"]], escalation: ["2023-09-06"] },
  "21": { executor: OCT_31, escalation: ["2023-11-06"] },
  "22": { executor: [["window_open", "2023-05-02"], ...END_OF_JUNE], escalation: ["2023-07-06"] },
  "23": { executor: [["before_7d", "2023-11-23"], ["before_1d", "2023-11-29"], ["due", "2023-11-30"], ["overdue", "2023-12-01"]], escalation: ["2023-12-06"] },
  "24": { executor: [["window_open", "2023-09-01"], ...OCT_31], escalation: ["2023-11-06"] },
  "25": { executor: [["window_open", "2023-04-03"], ...END_OF_MAY], escalation: ["2023-06-06"] },
  "26": { executor: SEPT_30, escalation: ["2023-10-05"] },
  "28": { executor: ON_ACTIVATION, escalation: ["2023-04-06"] },
  "29": { executor: [["window_open", "2023-04-03"], ...END_OF_MAY], escalation: ["2023-06-06"] },
  "30": { executor: MONTHLY, escalation: [] },
};

/** Records each message with the tick instant it went out at. */
class TimedOutbox extends RecordingOutbox {
  now = new Date(0);
  readonly times: Date[] = [];
  override async send(msg: OutgoingMessage): Promise<SendResult> {
    this.times.push(this.now);
    return super.send(msg);
  }
}

let t: TestDb;
let roadmapId: number;
const outbox = new TimedOutbox();
let claims: Array<{ kind: string; localDate: string; personId: number | null; assignmentId: number | null; claimedAt: Date; sentAt: Date | null; messageId: string | null }> = [];

beforeAll(async () => {
  t = await createTestDb();
  const result = importDocument(readTextExport(path.basename(FIXTURE), fs.readFileSync(FIXTURE, "utf8")), { defaultTimezone: "Europe/Moscow" });
  expect(result.roadmap.timezone).toBe(ZONE);
  expect(result.roadmap.orderDate).toBe("2023-03-31");
  roadmapId = (await saveImport(t.db, result, { activeFrom: result.roadmap.orderDate, sourceName: path.basename(FIXTURE), status: "active" })).roadmapId;
  await importPeopleCsv(t.db, fs.readFileSync(path.join(HERE, "data", "skovorodino-people.csv")));
  await resolveAssignments(t.db, roadmapId);
  // everyone has started the bot
  for (const p of await t.db.person.findMany()) await t.db.person.update({ where: { id: p.id }, data: { chatId: String(10_000 + p.id) } });

  const end = DateTime.fromISO("2024-01-20T00:00", { zone: ZONE });
  for (let day = DateTime.fromISO("2023-03-31T00:00", { zone: ZONE }); day < end; day = day.plus({ days: 1 })) {
    for (const [hour, minute] of [[3, 0], [8, 59], [9, 0], [14, 0], [20, 0]] as const) {
      outbox.now = day.set({ hour, minute }).toJSDate();
      await tick({ db: t.db, outbox, instanceId: "year" }, outbox.now);
    }
  }
  claims = await t.db.reminderClaim.findMany({ orderBy: { id: "asc" } });
}, 240_000);

afterAll(async () => {
  await t?.close();
});

describe("a year of the Skovorodino roadmap", () => {
  it("gives exactly the expected reminders, to the right people", async () => {
    const assignments = await t.db.assignment.findMany({
      where: { item: { roadmapId }, personId: { not: null } },
      select: { id: true, personId: true, schoolId: true, item: { select: { key: true } } },
    });
    const butusova = await t.db.person.findFirstOrThrow({ where: { shortName: "Бутусова О.В." } });
    const kravets = await t.db.person.findFirstOrThrow({ where: { shortName: "Кравец Т.Н." } });
    const school1 = await t.db.curatorship.findFirstOrThrow({ where: { personId: kravets.id } });
    const expected: string[] = [];
    for (const a of assignments) {
      const e = EXPECTED[a.item.key];
      if (!e) continue; // on_demand items (1–4) and those of «Управление образования» nobody answers for yet
      for (const [kind, date] of e.executor) expected.push(`${a.item.key} ${kind} ${date} p${a.personId}`);
      const escalateTo = a.schoolId === school1.schoolId ? kravets.id : butusova.id;
      for (const date of e.escalation) expected.push(`${a.item.key} escalation ${date} p${escalateTo}`);
    }
    const keyOf = new Map(assignments.map((a) => [a.id, a.item.key]));
    const actual = claims.filter((c) => c.kind !== "digest").map((c) => `${keyOf.get(c.assignmentId!)} ${c.kind} ${c.localDate} p${c.personId}`);
    expect(actual.sort()).toEqual(expected.sort());
    // the people the CSV names are the ones reminded: five school heads, the Управление's specialists
    expect(new Set(claims.map((c) => c.personId)).size).toBeGreaterThanOrEqual(8);
  });

  it("sends every message at 09:00 local on a working day, each once, none lost", async () => {
    const cal = workCalendar();
    expect(outbox.times.length).toBeGreaterThan(100);
    for (const at of outbox.times) {
      const local = DateTime.fromJSDate(at, { zone: ZONE });
      expect(local.toFormat("HH:mm"), local.toISO()!).toBe("09:00");
      expect(cal.isWorkingDay(local.toISODate()!), local.toISODate()!).toBe(true);
    }
    expect(claims.every((c) => c.sentAt !== null)).toBe(true);
    // one message per recipient and tick for their reminders (cut only past ten items), one per digest
    expect(new Set(claims.map((c) => c.messageId)).size).toBe(outbox.sent.length);
    const byMessage = new Map<string | null, typeof claims>();
    for (const c of claims) byMessage.set(c.messageId, [...(byMessage.get(c.messageId) ?? []), c]);
    for (const mine of byMessage.values()) expect(new Set(mine.map((c) => `${c.personId}|${c.localDate}`)).size).toBe(1);
    const reminders = claims.filter((c) => c.kind !== "digest");
    // a card is an assignment's, except escalations: one card per item (its schools listed under it)
    const itemOf = new Map((await t.db.assignment.findMany({ select: { id: true, itemId: true } })).map((a) => [a.id, a.itemId]));
    const perPersonDay = new Map<string, Set<string>>();
    for (const c of reminders) {
      const card = c.kind === "escalation" ? `i${itemOf.get(c.assignmentId!)}` : `a${c.assignmentId}`;
      perPersonDay.set(`${c.personId}|${c.localDate}`, (perPersonDay.get(`${c.personId}|${c.localDate}`) ?? new Set()).add(card));
    }
    const messages = new Map<string, Set<string | null>>();
    for (const c of reminders) messages.set(`${c.personId}|${c.localDate}`, (messages.get(`${c.personId}|${c.localDate}`) ?? new Set()).add(c.messageId));
    // a few cards fit one message; more are cut between items, never more than ten to a message
    for (const [k, cards] of perPersonDay) {
      if (cards.size <= 4) expect(messages.get(k)!.size, k).toBe(1);
      else expect(messages.get(k)!.size, k).toBeGreaterThanOrEqual(Math.ceil(cards.size / 10));
    }
  });

  it("puts due and before_1d of the same day into one message", () => {
    // items 8 and 10 are due on Sunday 30 April: before_1d and due both come on Friday the 28th
    const claimsOnFriday = claims.filter((c) => c.localDate === "2023-04-28" && (c.kind === "due" || c.kind === "before_1d"));
    const byAssignment = new Map<number, typeof claims>();
    for (const c of claimsOnFriday) byAssignment.set(c.assignmentId!, [...(byAssignment.get(c.assignmentId!) ?? []), c]);
    expect(byAssignment.size).toBeGreaterThanOrEqual(2 * 5);
    // two claims per assignment, in one message that says the deadline falls on a day off
    for (const mine of byAssignment.values()) {
      expect(mine.map((c) => c.kind).sort()).toEqual(["before_1d", "due"]);
      expect(mine[0]!.messageId).toBe(mine[1]!.messageId);
      expect(outbox.sent.find((m) => String(m.messageId) === mine[0]!.messageId)!.text).toContain("нерабочий");
    }
  });

  it("sends the deputy head a digest each week and the curator one for her school", async () => {
    const digests = claims.filter((c) => c.kind === "digest");
    const butusova = await t.db.person.findFirstOrThrow({ where: { shortName: "Бутусова О.В." } });
    const kravets = await t.db.person.findFirstOrThrow({ where: { shortName: "Кравец Т.Н." } });
    const days = (id: number) => digests.filter((d) => d.personId === id).map((d) => d.localDate);
    const mondays: string[] = [];
    const cal = workCalendar();
    for (let d = DateTime.fromISO("2023-04-03"); d < DateTime.fromISO("2024-01-20"); d = d.plus({ weeks: 1 })) {
      // the week's first working day from Monday; the week of 1 January has none
      let day = d;
      while (!cal.isWorkingDay(day.toISODate()!) && day.weekday < 7) day = day.plus({ days: 1 });
      if (cal.isWorkingDay(day.toISODate()!)) mondays.push(day.toISODate()!);
    }
    expect(mondays).toContain("2023-05-02");
    expect(mondays).not.toContain("2024-01-01");
    expect(days(butusova.id)).toEqual(mondays);
    expect(days(kravets.id)).toEqual(mondays);
    const first = outbox.sent.find((m) => m.personId === kravets.id && m.text.includes("Сводка"))!;
    expect(first.text).toContain("Ваши школы: МБОУ СОШ № 1");
    expect(first.photo?.data.subarray(1, 4).toString()).toBe("PNG");
  });
});
