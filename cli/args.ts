import { DateTime } from "luxon";
import type { Translator } from "../services/i18n.ts";
import { usageError } from "./io.ts";

// `plan --at <ISO with offset> [--json]` and `tick --at …`: the instant must say its offset,
// or it would silently mean the machine's zone.

export interface AtArgs {
  at: Date;
  json: boolean;
}

export function parseAtArgs(command: "plan" | "tick", argv: string[], tr: Translator): AtArgs {
  const usage = tr.t(command === "plan" ? "cli-usage-plan" : "cli-usage-tick");
  let at: string | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--json") json = true;
    else if (a === "--at") at = argv[++i];
    else if (a.startsWith("--at=")) at = a.slice(5);
    else throw usageError(tr, tr.t("cli-unexpected-argument", { command, argument: a }), usage);
  }
  if (!at) throw usageError(tr, tr.t("cli-at-required", { command }), usage);
  if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(at)) throw usageError(tr, tr.t("cli-at-needs-offset", { command }), usage);
  const dt = DateTime.fromISO(at, { setZone: true });
  if (!dt.isValid) throw usageError(tr, tr.t("cli-at-not-iso", { command, value: at }), usage);
  return { at: dt.toJSDate(), json };
}
