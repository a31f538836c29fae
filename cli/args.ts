import { DateTime } from "luxon";
import { UsageError } from "./io.ts";

// `plan --at <ISO with offset> [--json]` and `tick --at …`: the instant must say its offset,
// or it would silently mean the machine's zone.

export interface AtArgs {
  at: Date;
  json: boolean;
}

export function parseAtArgs(command: string, argv: string[]): AtArgs {
  let at: string | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--json") json = true;
    else if (a === "--at") at = argv[++i];
    else if (a.startsWith("--at=")) at = a.slice(5);
    else throw new UsageError(`${command}: unexpected argument "${a}"\nusage: ${command} --at <ISO datetime with offset>${command === "plan" ? " [--json]" : ""}`);
  }
  if (!at) throw new UsageError(`${command}: --at <ISO datetime with offset> is required, e.g. --at 2023-06-15T09:00:00+09:00`);
  if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(at)) throw new UsageError(`${command}: --at needs an offset or Z, e.g. 2023-06-15T09:00:00+09:00`);
  const dt = DateTime.fromISO(at, { setZone: true });
  if (!dt.isValid) throw new UsageError(`${command}: --at "${at}" is not an ISO datetime`);
  return { at: dt.toJSDate(), json };
}
