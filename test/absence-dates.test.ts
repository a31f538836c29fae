import { describe, expect, it } from "vitest";
import { escalationDayAfter, parseAbsenceDates } from "../core/absence.ts";
import { workCalendar } from "../core/working-days.ts";

// The pure side of «Я в отпуске» (core/absence.ts): dates as people write them, and how long an
// escalation waits after the return.

describe("absence dates as people write them", () => {
  const today = "2026-11-30";
  it.each([
    ["с 1 по 14 июля", "2027-07-01", "2027-07-14"],
    ["1–14 июля", "2027-07-01", "2027-07-14"],
    ["до 14.07", today, "2027-07-14"],
    ["по 14 июля", today, "2027-07-14"],
    ["01.07–14.07.2027", "2027-07-01", "2027-07-14"],
    ["с 01.07.2027 по 14.07.2027", "2027-07-01", "2027-07-14"],
    // across the new year, without a year: the coming one
    ["с 25.12 по 10.01", "2026-12-25", "2027-01-10"],
    // begun already: from today
    ["с 28.11 по 05.12", today, "2026-12-05"],
  ])("«%s» → %s … %s", (text, from, to) => {
    expect(parseAbsenceDates(text, today)).toEqual({ ok: true, from, to });
  });

  it.each([
    ["с 14 по 1 июля", "end_before_start"],
    ["с 14.07 по 01.07", "end_before_start"],
    ["с 1 по 14 июля 2025", "past"],
    ["до 14.07.26", "past"],
    ["с 1 июля", "unreadable"],
    ["завтра", "unreadable"],
    ["", "unreadable"],
    ["с 01.12.2026 по 31.12.2027", "too_long"],
  ])("«%s» is refused: %s", (text, error) => {
    expect(parseAbsenceDates(text, today)).toEqual({ ok: false, error });
  });
});

describe("an escalation after an absence without a stand-in", () => {
  const cal = workCalendar();
  it("waits the grace in working days after the first working day back", () => {
    // away 5–16 June 2023 (a Friday); back Monday 19 June; 3 working days later: Thursday 22 June
    expect(escalationDayAfter(cal, [{ from: "2023-06-05", to: "2023-06-16" }], "2023-06-09", "2023-06-16", 3)).toBe("2023-06-22");
  });
  it("leaves alone a deadline the absence did not touch", () => {
    expect(escalationDayAfter(cal, [{ from: "2023-07-03", to: "2023-07-14" }], "2023-06-09", "2023-06-16", 3)).toBe("2023-06-16");
    // an escalation already sent before the absence began is not moved either
    expect(escalationDayAfter(cal, [{ from: "2023-06-19", to: "2023-06-30" }], "2023-06-09", "2023-06-16", 3)).toBe("2023-06-16");
  });
  it("moves one whose deadline lies before the absence but whose day falls in it", () => {
    expect(escalationDayAfter(cal, [{ from: "2023-06-14", to: "2023-06-23" }], "2023-06-09", "2023-06-16", 3)).toBe("2023-06-29");
  });
});
