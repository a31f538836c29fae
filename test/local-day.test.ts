import { describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { localDayOf } from "../services/local-day.ts";

// localDayOf remembers a zone's offset per quarter hour; it must give luxon's day for every instant,
// across DST transitions, half- and quarter-hour zones, and a zone luxon does not know.
describe("localDayOf", () => {
  const zones = ["Europe/Moscow", "Asia/Yakutsk", "Europe/Kaliningrad", "Europe/Berlin", "America/St_Johns", "Asia/Kathmandu", "Australia/Lord_Howe", "America/Santiago", "UTC", "Not/AZone"];
  it("gives luxon's local day for instants around every transition and midnight", () => {
    const starts = ["2011-03-26T20:00:00Z", "2014-10-25T20:00:00Z", "2023-03-26T00:00:00Z", "2023-10-28T23:00:00Z", "2024-04-06T14:00:00Z", "2024-10-05T14:00:00Z", "2025-06-29T23:00:00Z"];
    let checked = 0;
    for (const zone of zones)
      for (const start of starts) {
        const t0 = Date.parse(start);
        // two days, every 7 minutes and 13 seconds (so instants fall at every offset within a quarter hour)
        for (let ms = t0; ms < t0 + 48 * 3_600_000; ms += 433_000) {
          const at = new Date(ms);
          expect(localDayOf(at, zone), `${zone} ${at.toISOString()}`).toBe(DateTime.fromJSDate(at, { zone }).toISODate());
          checked++;
        }
      }
    expect(checked).toBeGreaterThan(20_000);
  });

  it("is luxon's answer for an invalid date too", () => {
    expect(localDayOf(new Date(NaN), "Europe/Moscow")).toBe(DateTime.fromJSDate(new Date(NaN), { zone: "Europe/Moscow" }).toISODate());
  });
});
