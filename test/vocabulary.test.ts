import { describe, expect, it } from "vitest";
import {
  FINAL_STATUSES,
  isDone,
  isItemDone,
  isOverdue,
  mayMove,
  ON_REVIEW_STATUSES,
  OPEN_STATUSES,
  shownStatus,
  STATUSES,
  STOPPED_STATUSES,
  toStatus,
  TRANSITIONS,
  UNCANCELLED_STATUSES,
  UNFINISHED_STATUSES,
  type Status,
} from "../core/status.ts";
import { CHECKIN_KINDS, DATED_KINDS, DEADLINE_KINDS, REMINDED_KINDS, toDeadlineKind, toEvery, UNDATED_KINDS } from "../core/kinds.ts";
import { checkinEvery, checkinPeriod, checkinPeriods } from "../core/checkins.ts";
import { addDays } from "../core/working-days.ts";

const sorted = (list: readonly string[]) => [...list].sort();
const without = (list: readonly Status[], ...out: Status[]) => list.filter((s) => !out.includes(s));

describe("statuses", () => {
  it("puts every stored status in exactly one of open, on review and final", () => {
    expect(sorted([...OPEN_STATUSES, ...ON_REVIEW_STATUSES, ...FINAL_STATUSES])).toEqual(sorted(STATUSES));
    expect(new Set([...OPEN_STATUSES, ...ON_REVIEW_STATUSES, ...FINAL_STATUSES]).size).toBe(STATUSES.length);
  });

  it("names the unions by what they leave out", () => {
    expect(sorted(STOPPED_STATUSES)).toEqual(sorted(without(STATUSES, ...OPEN_STATUSES)));
    expect(sorted(UNFINISHED_STATUSES)).toEqual(sorted(without(STATUSES, ...FINAL_STATUSES)));
    expect(sorted(UNCANCELLED_STATUSES)).toEqual(sorted(without(STATUSES, "cancelled")));
  });

  it("reaches every status but the first through the transition table", () => {
    const reached = new Set(Object.values(TRANSITIONS).map((t) => t.to));
    expect(sorted([...reached, "not_started"])).toEqual(sorted(STATUSES));
    expect(mayMove("submit", "returned")).toBe(true);
    expect(mayMove("submit", "submitted")).toBe(false);
    expect(mayMove("accept", "submitted")).toBe(true);
    expect(mayMove("return", "in_progress")).toBe(false);
    expect(mayMove("postpone", "postponed")).toBe(true);
    for (const final of FINAL_STATUSES) for (const name of Object.keys(TRANSITIONS) as Array<keyof typeof TRANSITIONS>) expect(mayMove(name, final)).toBe(false);
  });

  it("reads a stored value it never wrote as not started", () => {
    expect(toStatus("returned")).toBe("returned");
    expect(toStatus("overdue")).toBe("not_started");
    expect(toStatus("")).toBe("not_started");
  });

  it("derives overdue for open work only, whatever the roadmap's confirmation rule", () => {
    expect(shownStatus("in_progress", "2023-06-15", "2023-06-16")).toBe("overdue");
    expect(shownStatus("in_progress", "2023-06-15", "2023-06-15")).toBe("in_progress");
    for (const s of STOPPED_STATUSES) expect(isOverdue("2023-06-15", s, "2023-07-01")).toBe(false);
    expect(isOverdue(null, "not_started", "2023-07-01")).toBe(false);
  });

  it("counts submitted work as done only where no confirmation is needed", () => {
    expect(isDone("verified")).toBe(true);
    expect(isDone("submitted")).toBe(false);
    expect(isDone("submitted", false)).toBe(true);
    expect(isItemDone(["verified", "cancelled"])).toBe(true);
    expect(isItemDone(["cancelled"])).toBe(false);
    expect(isItemDone(["verified", "submitted"])).toBe(false);
    expect(isItemDone(["verified", "submitted"], false)).toBe(true);
  });
});

describe("deadline kinds", () => {
  it("reminds of every kind but the undated and the unknown", () => {
    expect(sorted([...REMINDED_KINDS, ...UNDATED_KINDS, "unknown"])).toEqual(sorted(DEADLINE_KINDS));
    expect(sorted(REMINDED_KINDS)).toEqual(sorted([...DATED_KINDS, ...CHECKIN_KINDS]));
  });

  it("reads a stored value it never wrote as not understood", () => {
    expect(toDeadlineKind("multi")).toBe("multi");
    expect(toDeadlineKind("daily")).toBe("unknown");
    expect(toEvery("quarter")).toBe("quarter");
    expect(toEvery("daily")).toBeNull();
    expect(toEvery(null)).toBeNull();
  });
});

describe("check-in periods", () => {
  it("asks about ongoing items monthly and recurring ones by their rhythm", () => {
    expect(checkinEvery("ongoing", "week")).toBe("month");
    expect(checkinEvery("recurring", "quarter")).toBe("quarter");
    expect(checkinEvery("recurring", null)).toBe("month");
  });

  it("names a period by the id the answers are stored under", () => {
    expect(checkinPeriod("month", "2023-12-31")).toEqual({ id: "2023-12", start: "2023-12-01", end: "2023-12-31" });
    expect(checkinPeriod("month", "2024-02-10")).toEqual({ id: "2024-02", start: "2024-02-01", end: "2024-02-29" });
    expect(checkinPeriod("quarter", "2023-11-30")).toEqual({ id: "2023-10-01", start: "2023-10-01", end: "2023-12-31" });
    expect(checkinPeriod("week", "2024-01-01")).toEqual({ id: "2024-01-01", start: "2024-01-01", end: "2024-01-07" });
    expect(checkinPeriod("week", "2023-12-31")).toEqual({ id: "2023-12-25", start: "2023-12-25", end: "2023-12-31" });
  });

  it("lists periods one after another without gaps, each containing its own days", () => {
    for (const every of ["week", "month", "quarter"] as const) {
      const list = checkinPeriods(every, "2023-11-15", "2024-04-02");
      expect(list[0]!.start <= "2023-11-15" && list.at(-1)!.start <= "2024-04-02" && list.at(-1)!.end >= "2024-04-02").toBe(true);
      for (let i = 1; i < list.length; i++) expect(list[i]!.start).toBe(addDays(list[i - 1]!.end, 1));
      for (const p of list) expect([checkinPeriod(every, p.start), checkinPeriod(every, p.end)]).toEqual([p, p]);
    }
  });
});
