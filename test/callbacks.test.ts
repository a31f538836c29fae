import { describe, expect, it } from "vitest";
import { CALLBACK_DATA_MAX, MAX_DRAFT_INDEX, MAX_ID, packCallback, parseCallback, type Callback, type CallbackKind, type CallbackOf } from "../views/callbacks.ts";

// Every kind of button payload, each variant at its largest ids. A Record over the kinds: a new
// kind does not type-check until it is listed here, so it is round-tripped and measured too.
const LARGEST: { [K in CallbackKind]: Array<CallbackOf<K>> } = {
  card: (["done", "prog", "more", "ev"] as const).map((action) => ({ kind: "card", action, assignmentId: MAX_ID })),
  cancel: [{ kind: "cancel" }],
  pick: [{ kind: "pick", assignmentId: MAX_ID }],
  lang: [
    { kind: "lang", lang: "ru" },
    { kind: "lang", lang: "en" },
  ],
  school: [{ kind: "school", schoolId: MAX_ID }],
  roadmap: [{ kind: "roadmap", roadmapId: MAX_ID }],
  digest: [{ kind: "digest", roadmapId: MAX_ID }],
  export: [{ kind: "export", roadmapId: MAX_ID }],
  "review-accept": [{ kind: "review-accept", assignmentId: MAX_ID }],
  "review-return": [{ kind: "review-return", assignmentId: MAX_ID }],
  nudge: [{ kind: "nudge", assignmentId: MAX_ID }],
  "postpone-approve": [{ kind: "postpone-approve", requestId: MAX_ID }],
  "postpone-refuse": [{ kind: "postpone-refuse", requestId: MAX_ID }],
  import: [
    { kind: "import", action: "save", pendingId: MAX_ID },
    { kind: "import", action: "cancel", pendingId: MAX_ID },
  ],
  "import-workbook": [{ kind: "import-workbook", pendingId: MAX_ID }],
  "roadmap-workbook": [{ kind: "roadmap-workbook", roadmapId: MAX_ID }],
  "edit-menu": [
    { kind: "edit-menu", target: { kind: "item", itemId: MAX_ID } },
    { kind: "edit-menu", target: { kind: "draft", pendingId: MAX_ID, index: MAX_DRAFT_INDEX } },
  ],
  "edit-field": (["deadline", "responsible", "title"] as const).flatMap((field) => [
    { kind: "edit-field" as const, field, target: { kind: "item" as const, itemId: MAX_ID } },
    { kind: "edit-field" as const, field, target: { kind: "draft" as const, pendingId: MAX_ID, index: MAX_DRAFT_INDEX } },
  ]),
  "edit-save": [{ kind: "edit-save", nonce: "ffffffff" }],
  "edit-cancel": [{ kind: "edit-cancel" }],
  "my-open": [{ kind: "my-open", assignmentId: MAX_ID }],
  "my-page": [{ kind: "my-page", page: MAX_ID }],
  snooze: [{ kind: "snooze", assignmentId: MAX_ID }],
  knock: [{ kind: "knock", telegramId: "9999999999999999" }],
  "knock-link": [{ kind: "knock-link", telegramId: "9999999999999999", personId: MAX_ID }],
  "setup-template": [{ kind: "setup-template" }],
  "setup-invite": [{ kind: "setup-invite", personId: MAX_ID }],
  "setup-preview": [{ kind: "setup-preview", pendingId: MAX_ID }],
  "away-menu": [{ kind: "away-menu" }],
  "away-pick": [
    { kind: "away-pick", personId: MAX_ID, standInId: MAX_ID, from: "2027-07-01", to: "2027-12-31" },
    { kind: "away-pick", personId: MAX_ID, standInId: 0, from: "2027-07-01", to: "2027-07-14" },
  ],
  "away-end": [{ kind: "away-end", personId: MAX_ID }],
  "reminder-page": [{ kind: "reminder-page", page: MAX_ID }],
  "digest-chart": [{ kind: "digest-chart", roadmapId: MAX_ID }],
};
const every: Callback[] = Object.values(LARGEST).flat();

describe("callback payloads", () => {
  it("every kind at its largest ids fits Telegram's 64 bytes", () => {
    for (const c of every) expect(Buffer.byteLength(packCallback(c), "utf8"), packCallback(c)).toBeLessThanOrEqual(CALLBACK_DATA_MAX);
  });

  it("packs and parses back to the same payload, small ids too", () => {
    const small = every.map((c) => JSON.parse(JSON.stringify(c).replace(/2147483647/g, "1").replace(/99999/g, "0")) as Callback);
    for (const c of [...every, ...small]) expect(parseCallback(packCallback(c)), packCallback(c)).toEqual(c);
  });

  it("no two payloads share their data", () => {
    const data = every.map(packCallback);
    expect(new Set(data).size).toBe(data.length);
  });

  it("reads the data of buttons already sent (the wire forms are kept)", () => {
    const sent: Array<[string, Callback]> = [
      ["a:done:17", { kind: "card", action: "done", assignmentId: 17 }],
      ["a:prog:17", { kind: "card", action: "prog", assignmentId: 17 }],
      ["a:more:17", { kind: "card", action: "more", assignmentId: 17 }],
      ["a:ev:17", { kind: "card", action: "ev", assignmentId: 17 }],
      ["x:cancel", { kind: "cancel" }],
      ["pick:5", { kind: "pick", assignmentId: 5 }],
      ["lang:en", { kind: "lang", lang: "en" }],
      ["sch:3", { kind: "school", schoolId: 3 }],
      ["rm:2", { kind: "roadmap", roadmapId: 2 }],
      ["dg:2", { kind: "digest", roadmapId: 2 }],
      ["exp:2", { kind: "export", roadmapId: 2 }],
      ["v:ok:7", { kind: "review-accept", assignmentId: 7 }],
      ["v:ret:7", { kind: "review-return", assignmentId: 7 }],
      ["pp:ok:4", { kind: "postpone-approve", requestId: 4 }],
      ["pp:no:4", { kind: "postpone-refuse", requestId: 4 }],
      ["imp:save:9", { kind: "import", action: "save", pendingId: 9 }],
      ["imp:cancel:9", { kind: "import", action: "cancel", pendingId: 9 }],
      ["imp:wb:9", { kind: "import-workbook", pendingId: 9 }],
      ["wb:r:1", { kind: "roadmap-workbook", roadmapId: 1 }],
      ["ed:m:i12", { kind: "edit-menu", target: { kind: "item", itemId: 12 } }],
      ["ed:m:p3.0", { kind: "edit-menu", target: { kind: "draft", pendingId: 3, index: 0 } }],
      ["ed:f:d:p3.14", { kind: "edit-field", field: "deadline", target: { kind: "draft", pendingId: 3, index: 14 } }],
      ["ed:f:r:i8", { kind: "edit-field", field: "responsible", target: { kind: "item", itemId: 8 } }],
      ["ed:f:t:i8", { kind: "edit-field", field: "title", target: { kind: "item", itemId: 8 } }],
      ["ed:s:0a1b2c3d", { kind: "edit-save", nonce: "0a1b2c3d" }],
      ["ed:c", { kind: "edit-cancel" }],
    ];
    for (const [data, payload] of sent) {
      expect(parseCallback(data), data).toEqual(payload);
      expect(packCallback(payload)).toBe(data);
    }
  });

  it("refuses data no button carries, and ids a database id cannot be", () => {
    const bad = [
      "",
      "a:drop:17",
      "a:nonsense",
      "a:done:",
      "a:done:-1",
      "a:done:17:1",
      "a:done:2147483648",
      "a:done:12345678901",
      "x:cancel:1",
      "pick:1:2",
      "lang:de",
      "sch:abc",
      "v:maybe:1",
      "pp:yes:1",
      "imp:wb:",
      "imp:drop:1",
      "wb:x:1",
      "ed:m:q12",
      "ed:m:i2147483648",
      "ed:m:p1.123456",
      "ed:f:x:i1",
      "ed:f:d:",
      "ed:s:XYZXYZXY",
      "ed:s:0a1b2c3",
      "ed:c:1",
      `a:done:${"1".repeat(70)}`,
    ];
    for (const data of bad) expect(parseCallback(data), data).toBeNull();
  });
});
