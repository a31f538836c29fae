import { ConfigError } from "../services/config.ts";
import { DatabaseFileError, isBusyError } from "../services/sqlite-errors.ts";
import { addSecret, redact } from "../services/redact.ts";
import { translator, type Lang, type Translator } from "../services/i18n.ts";
import { InputError, UsageError, type CliCommand, type CliContext, type CliIo } from "./io.ts";

// The whole help: one line per command, in the operator's language (locales/*/cli.ftl).
const USAGE_IDS = ["cli-usage-import", "cli-usage-person", "cli-usage-people", "cli-usage-roadmaps", "cli-usage-plan", "cli-usage-tick", "cli-usage-export", "cli-usage-calendar"] as const;

function usage(tr: Translator): string {
  return [tr.t("cli-usage-head"), ...USAGE_IDS.map((id) => `  ${tr.t(id)}`)].join("\n");
}

/**
 * `--lang ru|en` anywhere on the line (before or after the command): the language of every human
 * line the CLI prints. Machine output (`--json`) is the same in both. Without it: Russian.
 */
export function takeLang(argv: string[]): { rest: string[]; lang: Lang; bad: string | null } {
  const rest: string[] = [];
  let lang: Lang = "ru";
  let bad: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a !== "--lang" && !a.startsWith("--lang=")) {
      rest.push(a);
      continue;
    }
    const v = a === "--lang" ? argv[++i] : a.slice("--lang=".length);
    if (v === "ru" || v === "en") lang = v;
    else bad ??= v === undefined || v === "" || (a === "--lang" && v.startsWith("--")) ? "" : v;
  }
  return { rest, lang, bad };
}

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
  const { rest: args, lang, bad } = takeLang(argv);
  const tr = translator(lang);
  const io: CliContext = { ...given, err: (text) => given.err(redact(text)), tr };
  if (bad !== null) {
    io.err(bad ? tr.t("cli-lang-unknown", { lang: bad }) : tr.t("cli-lang-missing"));
    return 2;
  }
  const [name, ...rest] = args;
  if (!name || name === "--help" || name === "help") {
    if (name) io.out(usage(tr));
    else io.err(usage(tr));
    return name ? 0 : 2;
  }
  // own keys only: `toString` or `constructor` is no command
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) {
    io.err(`${tr.t("cli-unknown-command", { command: name })}\n${usage(tr)}`);
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
      io.err(databaseProblem(tr, e.message));
      return 1;
    }
    if (e instanceof InputError || e instanceof ConfigError) {
      // an empty message: the command has said what went wrong itself
      if (e.message) io.err(e instanceof ConfigError ? configProblem(tr, e.message) : e.message);
      return e instanceof ConfigError ? 2 : 1;
    }
    // anything else is no fault of the input, but the contract knows 0, 1 and 2 only: exit 1 with
    // one line (LOG_LEVEL=debug adds the stack for whoever looks into it)
    io.err(`${name}: ${unexpected(tr, e)}`);
    if (/^(debug|trace)$/i.test(given.env.LOG_LEVEL ?? "") && e instanceof Error && e.stack) io.err(e.stack);
    return 1;
  }
}

/** One line on an error nobody turned into a message of its own. */
function unexpected(tr: Translator, e: unknown): string {
  if (isBusyError(e)) return tr.t("cli-database-busy");
  if (!(e instanceof Error)) return tr.t("cli-unexpected-error", { detail: String(e) });
  const lines = e.message.split("\n").map((l) => l.trim()).filter(Boolean);
  // Prisma's messages open with where the call was made and end with what was wrong
  const line = (e.name.startsWith("PrismaClient") ? lines.at(-1) : lines[0]) ?? e.name;
  return tr.t("cli-unexpected-error", { detail: line });
}

/**
 * A bad setting, said in the operator's language where the CLI knows it (services/config.ts words it
 * in English for the bot's start-up and the logs); the variable's name leads the line either way.
 */
function configProblem(tr: Translator, message: string): string {
  const zone = /^([A-Z_]+): not a known IANA timezone$/.exec(message);
  if (zone) return tr.t("cli-config-bad-zone", { name: zone[1]! });
  if (/^DATABASE_URL: must be a file: URL/.test(message)) return tr.t("cli-config-bad-database-url");
  return message;
}

// services/sqlite-errors.ts and pg-errors.ts word a database that cannot be used in English (for the
// bot's start-up and the logs): the CLI says it in the operator's language, the reason (the database's
// own words) as it is.
const DATABASE_PROBLEMS: Array<[RegExp, DatabaseProblemId]> = [
  [/^database (?<where>.+) is damaged or not an SQLite database \((?<reason>.*)\): restore it from a backup, or set DATABASE_URL to another file$/, "cli-db-damaged"],
  [/^database (?<where>.+) cannot be opened \((?<reason>.*)\): check that it is a file this user may read and write, in a folder it may write, or set DATABASE_URL to another file$/, "cli-db-cannot-open"],
  [/^database (?<where>.+) is read-only \((?<reason>.*)\): let this user write the file and its folder$/, "cli-db-read-only"],
  [/^database (?<where>.+): the disk is full \((?<reason>.*)\): free some space$/, "cli-db-disk-full"],
  [/^database (?<where>.+): its folder cannot be created or used \((?<reason>.*)\): set DATABASE_URL to a file in a writable folder$/, "cli-db-folder"],
  [/^DATABASE_URL: (?<where>.+?) cannot be reached \((?<reason>.*)\): start PostgreSQL or correct the host and port$/, "cli-db-pg-unreachable"],
  [/^DATABASE_URL: (?<where>.+?) did not answer in time \((?<reason>.*)\): check the server, or raise connect_timeout in the URL$/, "cli-db-pg-timeout"],
  [/^DATABASE_URL: (?<where>.+?) refused the TLS connection \((?<reason>.*)\): check sslmode and the certificates in the URL$/, "cli-db-pg-tls"],
  [/^DATABASE_URL: (?<where>.+?) refused the user and password \((?<reason>.*)\): correct them in the URL$/, "cli-db-pg-password"],
  [/^DATABASE_URL: (?<where>.+?) has no such database \((?<reason>.*)\): create it \(createdb\) or correct the URL$/, "cli-db-pg-no-database"],
  [/^DATABASE_URL: (?<where>.+?) does not let this user create tables \((?<reason>.*)\): grant the user rights on the database or its schema$/, "cli-db-pg-rights"],
  [/^DATABASE_URL: (?<where>.+?) is starting up or shutting down \((?<reason>.*)\): try again in a moment$/, "cli-db-pg-starting"],
  [/^DATABASE_URL: (?<where>.+?) has no free connections \((?<reason>.*)\): lower connection_limit in the URL or raise max_connections$/, "cli-db-pg-connections"],
];

type DatabaseProblemId =
  | "cli-db-damaged"
  | "cli-db-cannot-open"
  | "cli-db-read-only"
  | "cli-db-disk-full"
  | "cli-db-folder"
  | "cli-db-pg-unreachable"
  | "cli-db-pg-timeout"
  | "cli-db-pg-tls"
  | "cli-db-pg-password"
  | "cli-db-pg-no-database"
  | "cli-db-pg-rights"
  | "cli-db-pg-starting"
  | "cli-db-pg-connections";

function databaseProblem(tr: Translator, message: string): string {
  for (const [re, id] of DATABASE_PROBLEMS) {
    const m = re.exec(message);
    if (m) return tr.t(id, { where: m.groups!.where!, reason: m.groups!.reason! });
  }
  return message;
}
