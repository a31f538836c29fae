import { loadConfig } from "../../services/config.ts";
import { roadmapName } from "../../services/format.ts";
import { translator, type Lang } from "../../services/i18n.ts";
import { UsageError, type CliCommand } from "../io.ts";

// `roadmaps [--json] [--lang ru|en]`: every roadmap with its id, status, short title and counts.
// --json prints an array of { id, status, shortTitle, title, orderNumber, orderDate, activeFrom,
// items, assignments, unassigned } and nothing else.

const USAGE = "usage: roadmaps [--json] [--lang ru|en]";

export const run: CliCommand = async (argv, io) => {
  let json = false;
  let lang: Lang = "ru";
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--json") json = true;
    else if (a === "--lang" || a.startsWith("--lang=")) {
      const v = a.includes("=") ? a.slice(a.indexOf("=") + 1) : argv[++i];
      if (v !== "ru" && v !== "en") throw new UsageError(`roadmaps: --lang takes ru or en. ${USAGE}`);
      lang = v;
    } else throw new UsageError(`roadmaps: unknown argument ${a}. ${USAGE}`);
  }
  const cfg = loadConfig(io.env);
  const { openDb } = await import("../../services/db.ts");
  const { listRoadmaps } = await import("../../services/roadmap-list.ts");
  const db = await openDb(cfg.DATABASE_URL);
  try {
    const tr = translator(lang);
    const list = await listRoadmaps(db);
    if (json) {
      io.out(JSON.stringify(list.map((r) => ({ ...r, shortTitle: roadmapName(tr, r) })), null, 2));
      return;
    }
    if (list.length === 0) {
      io.out(tr.t("roadmaps-none"));
      return;
    }
    for (const r of list)
      io.out(tr.t("roadmaps-cli-line", { id: r.id, items: r.items, assignments: r.assignments, unassigned: r.unassigned, status: tr.t(`roadmap-status-${r.status}`), name: roadmapName(tr, r) }));
  } finally {
    await db.$disconnect();
  }
};

