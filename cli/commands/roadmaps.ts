import { loadConfig } from "../../services/config.ts";
import { roadmapName } from "../../services/format.ts";
import { usageError, type CliCommand } from "../io.ts";

// `roadmaps [--json] [--lang ru|en]`: every roadmap with its id, status, short title and counts.
// --json prints an array of { id, status, shortTitle, title, orderNumber, orderDate, activeFrom,
// items, assignments, unassigned } and nothing else.

export const run: CliCommand = async (argv, io) => {
  const tr = io.tr;
  let json = false;
  for (const a of argv) {
    if (a === "--json") json = true;
    else throw usageError(tr, tr.t("cli-roadmaps-bad-argument", { argument: a }), tr.t("cli-usage-roadmaps"));
  }
  const cfg = loadConfig(io.env);
  const { openDb } = await import("../../services/db.ts");
  const { listRoadmaps } = await import("../../services/roadmap-list.ts");
  const db = await openDb(cfg.DATABASE_URL);
  try {
    const list = await listRoadmaps(db);
    if (json) {
      io.out(JSON.stringify(list.map((r) => ({ ...r, shortTitle: roadmapName(tr, r) })), null, 2));
      return;
    }
    if (list.length === 0) {
      io.out(tr.t("cli-roadmaps-none"));
      return;
    }
    for (const r of list)
      io.out(tr.t("roadmaps-cli-line", { id: String(r.id), items: r.items, assignments: r.assignments, unassigned: r.unassigned, status: tr.t(`roadmap-status-${r.status}`), name: roadmapName(tr, r) }));
  } finally {
    await db.$disconnect();
  }
};

