import type { CliCommand } from "../io.ts";
import { loadConfig } from "../../services/config.ts";
import { parseAtArgs } from "../args.ts";

// `plan --at <ISO> [--json]`: what a tick at that instant would send (already-sent and freshly
// claimed reminders left out). Reads only: sends and records nothing.
export const run: CliCommand = async (argv, io) => {
  const { at, json } = parseAtArgs("plan", argv);
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
      io.out(`nothing to send at ${at.toISOString()}`);
      return;
    }
    for (const e of entries) {
      const r = e.recipient;
      io.out(`${e.sendAt}  ${e.kind.padEnd(17)} roadmap ${e.roadmapId}  item ${e.itemKey ?? "-"}  → ${r.name}${r.chatId ? "" : " (no chat)"}`);
    }
    io.out(`${entries.length} to send`);
  } finally {
    await db.$disconnect();
  }
};
