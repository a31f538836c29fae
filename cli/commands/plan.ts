import type { CliCommand } from "../io.ts";
import { loadConfig } from "../../services/config.ts";
import { parseAtArgs } from "../args.ts";

// `plan --at <ISO> [--json]`: what a tick at that instant would send (already-sent and freshly
// claimed reminders left out). Reads only: sends and records nothing.
export const run: CliCommand = async (argv, io) => {
  const tr = io.tr;
  const { at, json } = parseAtArgs("plan", argv, tr);
  const cfg = loadConfig(io.env);
  const { openDb } = await import("../../services/db.ts");
  const { pendingAt, planEntry } = await import("../../scheduler/plan.ts");
  const db = await openDb(cfg.DATABASE_URL);
  try {
    const entries = (await pendingAt(db, at)).map(planEntry);
    if (json) {
      io.out(JSON.stringify(entries, null, 2));
      return;
    }
    if (entries.length === 0) {
      io.out(tr.t("cli-plan-nothing", { at: at.toISOString() }));
      return;
    }
    for (const e of entries) {
      const r = e.recipient;
      const kind = tr.t(`cli-reminder-kind-${e.kind}`);
      const item = e.itemKey === null ? tr.t("cli-plan-digest") : tr.t("cli-plan-item", { key: e.itemKey });
      io.out(tr.t("cli-plan-line", { sendAt: e.sendAt, kind, roadmap: String(e.roadmapId), item, name: r.chatId ? r.name : `${r.name} ${tr.t("cli-plan-no-chat")}` }));
    }
    io.out(tr.t("cli-plan-total", { count: entries.length }));
  } finally {
    await db.$disconnect();
  }
};
