import { ConfigError } from "../services/config.ts";
import { DatabaseFileError, isBusyError } from "../services/sqlite-errors.ts";
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
  roadmaps: async () => (await import("./commands/roadmaps.ts")).run,
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
    if (name) io.out(USAGE);
    else io.err(USAGE);
    return name ? 0 : 2;
  }
  // own keys only: `toString` or `constructor` is no command
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
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
    // anything else is no fault of the input, but the contract knows 0, 1 and 2 only: exit 1 with
    // one line (LOG_LEVEL=debug adds the stack for whoever looks into it)
    io.err(`${name}: ${unexpected(e)}`);
    if (/^(debug|trace)$/i.test(given.env.LOG_LEVEL ?? "") && e instanceof Error && e.stack) io.err(e.stack);
    return 1;
  }
}

/** One line on an error nobody turned into a message of its own. */
function unexpected(e: unknown): string {
  if (isBusyError(e)) return "the database is busy (another process holds it): try again in a minute";
  if (!(e instanceof Error)) return `unexpected error: ${String(e)}`;
  const lines = e.message.split("\n").map((l) => l.trim()).filter(Boolean);
  // Prisma's messages open with where the call was made and end with what was wrong
  const line = (e.name.startsWith("PrismaClient") ? lines.at(-1) : lines[0]) ?? e.name;
  return `unexpected error: ${line}`;
}
