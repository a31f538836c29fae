import { ConfigError } from "../services/config.ts";
import { DatabaseFileError } from "../services/sqlite-errors.ts";
import { addSecret, redact } from "../services/redact.ts";
import { InputError, UsageError, type CliCommand, type CliIo } from "./io.ts";

const USAGE = `usage: npm run -s cli -- <command>
  import <file> [--year YYYY] [--tz IANA] [--json] [--save] [--active-from YYYY-MM-DD]
  person add --name "…" [--position "…"] [--org "…"] [--role …] [--school "…"]… [--roadmap ID]… [--contact-for "…"] [--json]
  people import <file.csv>
  plan --at <ISO datetime> [--json]
  tick --at <ISO datetime>
  export <roadmap id> --format xlsx|docx [--out file]
  calendar load <file.csv|file.json> --year YYYY`;

// Commands load lazily: `import` should not pay for the bot or the exporters.
const commands: Record<string, () => Promise<CliCommand>> = {
  import: async () => (await import("./commands/import.ts")).run,
  person: async () => (await import("./commands/person.ts")).run,
  people: async () => (await import("./commands/people.ts")).run,
  plan: async () => (await import("./commands/plan.ts")).run,
  tick: async () => (await import("./commands/tick.ts")).run,
  export: async () => (await import("./commands/export.ts")).run,
  calendar: async () => (await import("./commands/calendar.ts")).run,
};

export async function main(argv: string[], given: CliIo): Promise<number> {
  // a Bot API error (tick, person add) may echo the token: nothing printed carries it
  addSecret(given.env.BOT_TOKEN?.trim());
  const io: CliIo = { ...given, err: (text) => given.err(redact(text)) };
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "help") {
    (name ? io.out : io.err)(USAGE);
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    io.err(`unknown command "${name}"\n${USAGE}`);
    return 2;
  }
  try {
    await (await load())(rest, io);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(e.message);
      return 2;
    }
    // a damaged or unreadable database file: the one line says which file and what to do
    if (e instanceof DatabaseFileError) {
      io.err(e.message);
      return 1;
    }
    if (e instanceof InputError || e instanceof ConfigError) {
      // an empty message: the command has said what went wrong itself
      if (e.message) io.err(e.message);
      return e instanceof ConfigError ? 2 : 1;
    }
    io.err(`internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return 70;
  }
}
