import { describe, expect, it } from "vitest";
import { normalizeKey, parseKeyRef } from "../services/items.ts";
import { parseUserDate } from "../services/assignments.ts";
import { checkinPeriod } from "../core/checkins.ts";
import { splitMessage } from "../bot/reply.ts";
import { safeFileName } from "../services/storage.ts";
import { itemCard } from "../views/cards.ts";
import { packCallback, parseCallback } from "../views/callbacks.ts";
import { translator } from "../services/i18n.ts";

describe("keys", () => {
  it("compares keys the way people type them", () => {
    expect(normalizeKey("9a")).toBe(normalizeKey("9а")); // Latin a, Cyrillic а
    expect(normalizeKey("п3")).toBe(normalizeKey("П3"));
    expect(normalizeKey("2021,1")).toBe(normalizeKey("2021.1"));
    expect(normalizeKey("17.")).toBe("17");
    expect(normalizeKey("17")).not.toBe(normalizeKey("1.7"));
  });
  it("reads <roadmap id>/<key>", () => {
    expect(parseKeyRef("2/17")).toEqual({ roadmapId: 2, key: "17" });
    expect(parseKeyRef("2021.1")).toEqual({ roadmapId: null, key: "2021.1" });
    expect(parseKeyRef("")).toBeNull();
    expect(parseKeyRef("x".repeat(41))).toBeNull();
  });
});

describe("dates typed in chat", () => {
  it("reads Russian and ISO dates, and a day-month as the next such day", () => {
    expect(parseUserDate("15.07.2023", "2023-06-01")).toBe("2023-07-15");
    expect(parseUserDate("15.07.23", "2023-06-01")).toBe("2023-07-15");
    expect(parseUserDate("2023-07-15", "2023-06-01")).toBe("2023-07-15");
    expect(parseUserDate("15.07", "2023-06-01")).toBe("2023-07-15");
    expect(parseUserDate("15.05", "2023-06-01")).toBe("2024-05-15");
    expect(parseUserDate("31.02.2023", "2023-06-01")).toBeNull();
    expect(parseUserDate("завтра", "2023-06-01")).toBeNull();
  });
  it("names check-in periods as the scheduler does", () => {
    expect(checkinPeriod("month", "2023-06-17").id).toBe("2023-06");
    expect(checkinPeriod("quarter", "2023-08-17").id).toBe("2023-07-01");
    expect(checkinPeriod("week", "2023-06-01").id).toBe("2023-05-29"); // a Thursday → its Monday
  });
});

describe("messages", () => {
  it("splits long HTML at line breaks under the limit, keeping every line", () => {
    const lines = Array.from({ length: 300 }, (_, i) => `• <b>${i}</b> Мероприятие &amp; отчёт ${"х".repeat(20)}`);
    const parts = splitMessage(lines.join("\n"));
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(4000);
      expect((p.match(/<b>/g) ?? []).length).toBe((p.match(/<\/b>/g) ?? []).length);
    }
    expect(parts.join("\n").split("\n")).toEqual(lines);
  });
  it("cuts one giant line without breaking an entity", () => {
    const parts = splitMessage("&amp;".repeat(2000));
    for (const p of parts) expect(p).toMatch(/^(&amp;)+$/);
  });
  it("keeps callback data short and the card escaped", () => {
    expect(Buffer.byteLength(packCallback({ kind: "card", action: "more", assignmentId: 2_147_483_647 }))).toBeLessThanOrEqual(64);
    expect(parseCallback("a:done:17")).toEqual({ kind: "card", action: "done", assignmentId: 17 });
    expect(parseCallback("a:drop:17")).toBeNull();
    const card = itemCard(translator("ru"), { assignmentId: 1, itemKey: "17", itemTitle: "<script>", due: "2023-06-15", status: "not_started", today: "2023-06-20" });
    expect(card.text).toContain("&lt;script&gt;");
    expect(card.text).toContain("15 июня 2023");
    expect(card.text).toContain("просрочено");
    expect(itemCard(translator("en"), { assignmentId: 1, itemKey: "17", itemTitle: "t", due: null, status: "verified" }).keyboard.inline_keyboard).toEqual([]);
  });
  it("makes safe file names", () => {
    expect(safeFileName("../../etc/passwd")).toBe("passwd");
    expect(safeFileName("Протокол №3 (итог).pdf")).toBe("Протокол_3_итог_.pdf");
    expect(safeFileName("...")).toBe("file");
  });
});
