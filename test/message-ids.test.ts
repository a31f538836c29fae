import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { LANGUAGES, messageIds } from "../services/i18n.ts";
import { messageIdUses, type IdUse } from "./support/message-ids.ts";

// Every message id the code can ask for is in both locales: a missing one would reach the user as
// the bare id. The ids are read from the source with the type checker (test/support/message-ids.ts);
// a template whose parts are typed as literal unions is expanded by itself. The few the types do not
// tell are listed here by hand, by file and expression.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const STATUSES = ["not_started", "in_progress", "submitted", "verified", "returned", "postponed", "cancelled", "overdue"];
const statusIds = STATUSES.map((s) => `status-${s}`);

// Status fields are `string` where they come from the database: once core types them as a union
// (issue 10, one domain vocabulary) these resolve by type and their entries here can go.
const BY_HAND: Record<string, string[]> = {
  "views/cards.ts `status-${a.status}`": statusIds,
  "views/cards.ts `status-${shown}`": statusIds,
  "handlers/executor-common.ts `status-${outcome.status}`": statusIds,
  "handlers/executor.ts `status-${a.status}`": statusIds,
  // Roadmap.status
  "handlers/deputy.ts `roadmap-status-${r.status}`": ["draft", "active", "archived"].map((s) => `roadmap-status-${s}`),
  "cli/commands/roadmaps.ts `roadmap-status-${r.status}`": ["draft", "active", "archived"].map((s) => `roadmap-status-${s}`),
  // the month of an ISO date
  "services/format.ts `month-genitive-${m}`": Array.from({ length: 12 }, (_, i) => `month-genitive-${i + 1}`),
  // PersonRole.role
  "handlers/coordinator.ts `coordinator-role-${r}`": ["executor", "curator", "deputy", "coordinator"].map((r) => `coordinator-role-${r}`),
  // the items sheet's columns (services/export/xlsx.ts COLUMNS; the extra evidence columns have their own header)
  "services/export/xlsx.ts `export-col-${c.id}`": ["number", "title", "result", "deadline", "responsible", "key", "status", "executor", "school", "due", "done", "evidence", "verification", "comment"].map((c) => `export-col-${c}`),
};

describe("message ids", () => {
  let uses: IdUse[] = [];
  // the type checker over the whole source: seconds, once
  beforeAll(() => {
    uses = messageIdUses(ROOT);
  }, 180_000);
  const file = (u: { where: string }) => u.where.replace(/:\d+$/, "");

  it("the source is read: Translator.t and the helpers that pass an id on to it", () => {
    expect(uses.length).toBeGreaterThan(300);
    // a helper's literal reaches the check (say(ctx, "…") → tr.t(id))
    expect(uses.some((u) => u.where.startsWith("handlers/") && u.ids?.length === 1)).toBe(true);
    // a template over a union type is expanded
    expect(uses.find((u) => u.expression === "`coordinator-import-error-${err.code}`")?.ids?.length).toBeGreaterThan(3);
  });

  it("every id the code can ask for is in every locale", () => {
    const missing: string[] = [];
    for (const lang of LANGUAGES) {
      const known = new Set(messageIds(lang));
      for (const u of uses) {
        const ids = u.ids ?? BY_HAND[`${file(u)} ${u.expression}`] ?? [];
        for (const id of ids) if (!known.has(id)) missing.push(`${lang}: ${id} (${u.where})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("an id the types do not tell is listed by hand", () => {
    const untold = uses.filter((u) => !u.ids && !BY_HAND[`${file(u)} ${u.expression}`]).map((u) => `${u.where} ${u.expression}`);
    expect(untold, "give the expression a literal union type, or list its ids in BY_HAND").toEqual([]);
  });
});
