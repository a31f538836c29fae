import { describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { workCalendar } from "../core/working-days.ts";
import { answeredPeriod } from "../core/checkins.ts";
import {
  DEFAULT_POLICY,
  digestsDue,
  nominalReminders,
  parsePolicy,
  PolicyError,
  remindersDue,
  type AssignmentState,
  type ItemSchedule,
  type Recipient,
} from "../core/reminders.ts";

const cal = workCalendar();
const YAKUTSK = "Asia/Yakutsk";
const exec: Recipient = { personId: 1, name: "Полухина Е.А.", chatId: "101", timezone: YAKUTSK };
const curator: Recipient = { personId: 2, name: "Бутусова О.В.", chatId: "102", timezone: YAKUTSK };

function schedule(s: Partial<ItemSchedule>): ItemSchedule {
  return { kind: "date", start: null, due: null, checkpoints: [], every: null, ...s };
}

function assignment(s: Partial<ItemSchedule>, over: Partial<AssignmentState> = {}): AssignmentState {
  return {
    assignmentId: 7,
    roadmapId: 1,
    itemKey: "17",
    itemNumber: "17",
    schedule: schedule(s),
    status: "not_started",
    dueOverride: null,
    executor: exec,
    escalateTo: [curator],
    activeFrom: "2023-03-31",
    policy: { ...DEFAULT_POLICY },
    ...over,
  };
}

/** Local wall time in a zone → instant. */
function at(local: string, zone = YAKUTSK): Date {
  return DateTime.fromISO(local, { zone }).toJSDate();
}

function kindsAt(a: AssignmentState, local: string, zone = YAKUTSK) {
  return remindersDue([a], at(local, zone), cal).map((r) => `${r.kind}@${r.localDate}>${r.recipient.personId}`).sort();
}

/** Every reminder a year of hourly ticks would claim (deduplicated by key, as the tick does). */
function year(a: AssignmentState, from = "2023-03-31T00:00", to = "2024-01-31T00:00", zone = YAKUTSK) {
  const seen = new Map<string, string>();
  for (let t = DateTime.fromISO(from, { zone }); t < DateTime.fromISO(to, { zone }); t = t.plus({ hours: 1 })) {
    for (const r of remindersDue([a], t.toJSDate(), cal)) {
      if (!seen.has(r.key)) seen.set(r.key, `${r.kind} ${r.localDate} ${t.setZone(r.recipient.timezone).toFormat("HH:mm")} p${r.recipient.personId}`);
    }
  }
  return [...seen.values()];
}

describe("reminders of a dated deadline", () => {
  it("sends 7 days before, the day before, on the day, overdue and the escalation, each at 09:00 local on a working day", () => {
    // 15 June 2023 is a Thursday
    expect(year(assignment({ kind: "date", due: "2023-06-15", checkpoints: ["2023-06-15"] }))).toEqual([
      "before_7d 2023-06-08 09:00 p1",
      "before_1d 2023-06-14 09:00 p1",
      "due 2023-06-15 09:00 p1",
      "overdue 2023-06-16 09:00 p1",
      // 3 working days after the overdue notice; 19–21 June
      "escalation 2023-06-21 09:00 p2",
    ]);
  });

  it("moves a reminder that falls on a day off to the working day before, and says due and before_1d in one go", () => {
    // Sunday 2 July 2023: before_1d (Saturday) and due (Sunday) both come on Friday 30 June
    const a = assignment({ kind: "date", due: "2023-07-02" });
    expect(kindsAt(a, "2023-06-30T09:00")).toEqual(["before_1d@2023-06-30>1", "due@2023-06-30>1"]);
    // 12 June 2023 (Monday) is a holiday: before_7d = 5 June; due → Friday 9 June; overdue waits for Tuesday 13 June
    const b = assignment({ kind: "date", due: "2023-06-12" });
    expect(year(b)).toEqual(["before_7d 2023-06-05 09:00 p1", "before_1d 2023-06-09 09:00 p1", "due 2023-06-09 09:00 p1", "overdue 2023-06-13 09:00 p1", "escalation 2023-06-16 09:00 p2"]);
  });

  it("sends nothing at night or on a day off, and nothing before 09:00", () => {
    const a = assignment({ kind: "date", due: "2023-06-15" });
    // the day's reminder waits for its hour (the week-old one is not offered again meanwhile)
    expect(kindsAt(a, "2023-06-14T08:59")).toEqual([]);
    expect(kindsAt(a, "2023-06-14T09:00")).toEqual(["before_1d@2023-06-14>1"]);
    expect(kindsAt(a, "2023-06-14T20:00")).toEqual([]);
    expect(kindsAt(a, "2023-06-15T03:00")).toEqual([]);
    expect(kindsAt(a, "2023-06-17T12:00")).toEqual([]); // Saturday
  });

  it("catches up after downtime with one notice per assignment and recipient: the latest", () => {
    const a = assignment({ kind: "date", due: "2023-06-15" });
    // down from 7 to 19 June: at the next 09:00 only the overdue notice (not before_7d, before_1d, due)
    expect(kindsAt(a, "2023-06-19T09:00")).toEqual(["overdue@2023-06-16>1"]);
    // down over the escalation too: the executor gets the overdue notice, the curator the escalation
    expect(kindsAt(a, "2023-06-26T09:30")).toEqual(["escalation@2023-06-21>2", "overdue@2023-06-16>1"]);
    // after catchUpDays nothing stale is sent
    expect(kindsAt(a, "2023-08-01T09:00")).toEqual([]);
  });

  it("sends nothing for deadlines before the roadmap's activation", () => {
    const a = assignment({ kind: "date", due: "2023-03-15" }, { activeFrom: "2023-03-31" });
    expect(year(a, "2023-03-01T00:00")).toEqual([]);
    // a deadline right after activation: reminders dated before activation are not sent either
    const b = assignment({ kind: "date", due: "2023-04-03" }, { activeFrom: "2023-03-31" });
    expect(year(b, "2023-03-20T00:00")).toEqual(["before_1d 2023-03-31 09:00 p1", "due 2023-04-03 09:00 p1", "overdue 2023-04-04 09:00 p1", "escalation 2023-04-07 09:00 p2"]);
  });

  it("stops for done, submitted and cancelled assignments, and moves with a postponement", () => {
    for (const status of ["submitted", "verified", "cancelled"] as const) expect(year(assignment({ kind: "date", due: "2023-06-15" }, { status }))).toEqual([]);
    expect(year(assignment({ kind: "date", due: "2023-06-15" }, { status: "returned" }))).toHaveLength(5);
    const moved = assignment({ kind: "date", due: "2023-06-15" }, { status: "postponed", dueOverride: "2023-06-30" });
    expect(year(moved)).toEqual(["before_7d 2023-06-23 09:00 p1", "before_1d 2023-06-29 09:00 p1", "due 2023-06-30 09:00 p1", "overdue 2023-07-03 09:00 p1", "escalation 2023-07-06 09:00 p2"]);
  });
});

describe("windows, multi-part, ongoing and recurring items", () => {
  it("a window: a short notice at its start and the deadline reminders at its end", () => {
    // Май-июнь 2023
    expect(year(assignment({ kind: "window", start: "2023-05-01", due: "2023-06-30", checkpoints: ["2023-06-30"] }))).toEqual([
      "window_open 2023-05-02 09:00 p1", // 1 May is a holiday
      "before_7d 2023-06-23 09:00 p1",
      "before_1d 2023-06-29 09:00 p1",
      "due 2023-06-30 09:00 p1",
      "overdue 2023-07-03 09:00 p1",
      "escalation 2023-07-06 09:00 p2",
    ]);
  });

  it("a multi-part item: every checkpoint, and a closed checkpoint stops only its own reminders", () => {
    const a = assignment({ kind: "multi", start: "2023-03-01", due: "2023-12-31", checkpoints: ["2023-04-30", "2023-12-31"] });
    const all = year(a);
    expect(all.filter((l) => l.startsWith("due"))).toEqual(["due 2023-04-28 09:00 p1", "due 2023-12-29 09:00 p1"]);
    expect(all).toHaveLength(10);
    const firstDone = year({ ...a, checkpointStatus: { "2023-04-30": "verified" } });
    expect(firstDone.filter((l) => l.startsWith("due"))).toEqual(["due 2023-12-29 09:00 p1"]);
    expect(firstDone).toHaveLength(5);
  });

  it("ongoing: a monthly check-in on the month's last working day; answered months are skipped", () => {
    const a = assignment({ kind: "ongoing", start: "2023-01-01", due: "2023-12-31" });
    const lines = year(a);
    expect(lines).toEqual([
      "checkin 2023-03-31 09:00 p1",
      "checkin 2023-04-28 09:00 p1",
      "checkin 2023-05-31 09:00 p1",
      "checkin 2023-06-30 09:00 p1",
      "checkin 2023-07-31 09:00 p1",
      "checkin 2023-08-31 09:00 p1",
      "checkin 2023-09-29 09:00 p1",
      "checkin 2023-10-31 09:00 p1",
      "checkin 2023-11-30 09:00 p1",
      "checkin 2023-12-29 09:00 p1",
    ]);
    expect(year({ ...a, answeredPeriods: ["2023-04", "2023-05"] })).toHaveLength(8);
  });

  it("recurring: weekly and quarterly check-ins at their period", () => {
    const weekly = year(assignment({ kind: "recurring", every: "week", start: "2023-04-01", due: "2023-04-30" }));
    expect(weekly).toEqual(["checkin 2023-04-07 09:00 p1", "checkin 2023-04-14 09:00 p1", "checkin 2023-04-21 09:00 p1", "checkin 2023-04-28 09:00 p1"]);
    const quarterly = year(assignment({ kind: "recurring", every: "quarter", start: null, due: null }));
    expect(quarterly).toEqual(["checkin 2023-03-31 09:00 p1", "checkin 2023-06-30 09:00 p1", "checkin 2023-09-29 09:00 p1", "checkin 2023-12-29 09:00 p1"]);
  });

  it("a rhythm with a named day asks on that day, about the period nearest to it", () => {
    // «ежемесячно, до 5 числа»: about May on 5 June; 5 August 2023 is a Saturday, so Friday 4 August
    const fifth = year(assignment({ kind: "recurring", every: "month", day: 5, start: "2023-04-01", due: "2023-08-31" }));
    expect(fifth).toEqual(["checkin 2023-05-05 09:00 p1", "checkin 2023-06-05 09:00 p1", "checkin 2023-07-05 09:00 p1", "checkin 2023-08-04 09:00 p1", "checkin 2023-09-05 09:00 p1"]);
    // «до 25 числа каждого месяца»: about the month itself
    const late = year(assignment({ kind: "recurring", every: "month", day: 25, start: "2023-06-01", due: "2023-07-31" }));
    expect(late).toEqual(["checkin 2023-06-23 09:00 p1", "checkin 2023-07-25 09:00 p1"]);
    // «по понедельникам»: about the week just ended; «по пятницам»: about the week itself
    const monday = year(assignment({ kind: "recurring", every: "week", day: 1, start: "2023-04-03", due: "2023-04-16" }));
    expect(monday).toEqual(["checkin 2023-04-10 09:00 p1", "checkin 2023-04-17 09:00 p1"]);
    const friday = year(assignment({ kind: "recurring", every: "week", day: 5, start: "2023-04-03", due: "2023-04-16" }));
    expect(friday).toEqual(["checkin 2023-04-07 09:00 p1", "checkin 2023-04-14 09:00 p1"]);
    // «ежеквартально до 10 числа»: the quarter's question in the month after it
    const quarterly = year(assignment({ kind: "recurring", every: "quarter", day: 10, start: "2023-04-01", due: "2023-09-30" }));
    expect(quarterly).toEqual(["checkin 2023-07-10 09:00 p1", "checkin 2023-10-10 09:00 p1"]);
    const keys = remindersDue([assignment({ kind: "recurring", every: "month", day: 5, start: "2023-04-01", due: "2023-08-31" })], at("2023-06-05T09:00"), cal);
    expect(keys.map((r) => r.period)).toEqual(["2023-05"]);
  });

  it("an answer belongs to the period whose question is nearest", () => {
    expect(answeredPeriod("month", 5, "2023-06-02").id).toBe("2023-05");
    expect(answeredPeriod("month", 5, "2023-05-30").id).toBe("2023-05");
    expect(answeredPeriod("month", 25, "2023-06-02").id).toBe("2023-05");
    expect(answeredPeriod("month", 25, "2023-06-20").id).toBe("2023-06");
    expect(answeredPeriod("week", 1, "2023-04-10").id).toBe("2023-04-03");
    expect(answeredPeriod("quarter", 10, "2023-07-03").id).toBe("2023-04-01");
    // no named day: the period containing the day, as before
    expect(answeredPeriod("month", null, "2023-06-02").id).toBe("2023-06");
  });

  it("on_demand, none and unknown get nothing", () => {
    for (const kind of ["on_demand", "none", "unknown"] as const) expect(year(assignment({ kind, start: "2023-01-01", due: "2023-12-31" }))).toEqual([]);
  });
});

describe("time zones from UTC+2 to UTC+12", () => {
  it("sends at 09:00 in the recipient's zone, the person's zone first", () => {
    for (const zone of ["Europe/Kaliningrad", "Europe/Moscow", "Asia/Yakutsk", "Asia/Kamchatka"]) {
      const a = assignment({ kind: "date", due: "2023-06-15" }, { executor: { ...exec, timezone: zone }, escalateTo: [] });
      const r = remindersDue([a], at("2023-06-15T09:00", zone), cal);
      expect(r.map((x) => x.kind), zone).toEqual(["due"]);
      expect(DateTime.fromISO(r[0]!.sendAt, { setZone: true }).setZone(zone).toFormat("HH:mm")).toBe("09:00");
      expect(remindersDue([a], at("2023-06-15T08:59", zone), cal).map((x) => x.kind), zone).toEqual([]);
      expect(remindersDue([a], at("2023-06-14T19:59", zone), cal).map((x) => x.kind), zone).toEqual(["before_1d"]);
      expect(remindersDue([a], at("2023-06-14T20:00", zone), cal).map((x) => x.kind), zone).toEqual([]);
    }
  });

  it("one instant, two zones: Kamchatka's morning is Kaliningrad's night", () => {
    const k = assignment({ kind: "date", due: "2023-06-15" }, { executor: { ...exec, timezone: "Asia/Kamchatka" }, escalateTo: [] });
    const kal = assignment({ kind: "date", due: "2023-06-15" }, { assignmentId: 8, executor: { ...exec, personId: 9, timezone: "Europe/Kaliningrad" }, escalateTo: [] });
    // 09:00 in Kamchatka (UTC+12) is 23:00 the day before in Kaliningrad (UTC+2)
    const now = at("2023-06-15T09:00", "Asia/Kamchatka");
    expect(remindersDue([k, kal], now, cal).map((r) => `${r.assignmentId}:${r.kind}`)).toEqual(["7:due"]);
  });
});

describe("policy and digests", () => {
  it("a roadmap's policy changes the days and can switch kinds off", () => {
    // 3 days before Thursday 15 June is Monday 12 June, a holiday: Friday 9 June
    const policy = parsePolicy('{"before7d": 3, "before1d": null, "escalateAfterWorkingDays": 1}');
    expect(year(assignment({ kind: "date", due: "2023-06-15" }, { policy }))).toEqual(["before_7d 2023-06-09 09:00 p1", "due 2023-06-15 09:00 p1", "overdue 2023-06-16 09:00 p1", "escalation 2023-06-19 09:00 p2"]);
    expect(() => parsePolicy('{"sendHour": 25}')).toThrow(PolicyError);
    expect(() => parsePolicy('{"bogus": 1}')).toThrow(/unknown field/);
    expect(parsePolicy(null)).toEqual(DEFAULT_POLICY);
  });

  it("nominal reminders respect the range asked for", () => {
    const a = assignment({ kind: "date", due: "2023-06-15" });
    expect(nominalReminders(a, cal, "2023-06-14", "2023-06-15").map((n) => n.kind)).toEqual(["before_1d", "due"]);
  });

  it("the weekly digest comes on Monday at 09:00 local, or the next working day of a holiday week", () => {
    const target = { roadmapId: 1, recipient: curator, schoolIds: null, activeFrom: "2023-03-31", policy: { ...DEFAULT_POLICY } };
    expect(digestsDue([target], at("2023-04-03T08:59"), cal)).toEqual([]);
    expect(digestsDue([target], at("2023-04-03T09:00"), cal).map((d) => d.key)).toEqual(["digest|p2|r1|2023-04-03"]);
    expect(digestsDue([target], at("2023-04-05T10:00"), cal).map((d) => d.key)).toEqual(["digest|p2|r1|2023-04-03"]); // still current: claimed once
    // 1 May 2023 is a Monday holiday: the digest comes on Tuesday
    expect(digestsDue([target], at("2023-05-01T09:00"), cal)).toEqual([]);
    expect(digestsDue([target], at("2023-05-02T09:00"), cal).map((d) => d.localDate)).toEqual(["2023-05-02"]);
    // before activation: nothing
    expect(digestsDue([{ ...target, activeFrom: "2023-04-04" }], at("2023-04-03T09:00"), cal)).toEqual([]);
  });
});
