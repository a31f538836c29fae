import { systemClock } from "../../core/clock.ts";
import { loadConfig, type Config } from "../../services/config.ts";
import { openDb } from "../../services/db.ts";
import { createInvite, inviteLink } from "../../services/invites.ts";
import { addContact, addCuratorship, addRole, findOrCreatePersonByName, findPeople, parseRoles } from "../../services/people.ts";
import { resolveAllAssignments } from "../../services/assign.ts";
import { findSchool } from "../../services/school-lookup.ts";
import { BotApi, botApiPolicy } from "../../bot/telegram.ts";
import type { Role } from "../../core/roles.ts";
import { formatDate } from "../../services/format.ts";
import type { Translator } from "../../services/i18n.ts";
import { InputError, UsageError, usageError, type CliCommand } from "../io.ts";

// person add --name "…" [--position "…"] [--org "…"] [--role executor|curator|deputy|coordinator]
//            [--school "…"]… [--roadmap ID]… [--contact-for "<organisation>"] [--json]

export interface PersonAddArgs {
  name: string;
  position: string | null;
  org: string | null;
  roles: Role[];
  schools: string[];
  roadmaps: number[];
  contactFor: string | null;
  json: boolean;
}

export function parsePersonAddArgs(argv: string[], tr: Translator): PersonAddArgs {
  const usage = tr.t("cli-usage-person");
  const [sub, ...rest] = argv;
  if (sub !== "add") throw usageError(tr, tr.t("cli-bad-arguments", { command: "person" }), usage);
  const args: PersonAddArgs = { name: "", position: null, org: null, roles: [], schools: [], roadmaps: [], contactFor: null, json: false };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    const [flag, inline] = a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
    const value = (): string => {
      const v = inline ?? rest[++i];
      if (v === undefined || (inline === undefined && v.startsWith("--"))) throw usageError(tr, tr.t("cli-needs-value", { command: "person add", option: flag }), usage);
      return v;
    };
    switch (flag) {
      case "--name":
        args.name = value().trim();
        break;
      case "--position":
        args.position = value().trim() || null;
        break;
      case "--org":
        args.org = value().trim() || null;
        break;
      case "--role": {
        const { roles, unknown } = parseRoles(value());
        if (unknown.length > 0) throw new UsageError(tr.t("cli-person-unknown-role", { role: unknown.join(", ") }));
        for (const r of roles) if (!args.roles.includes(r)) args.roles.push(r);
        break;
      }
      case "--school":
        args.schools.push(value().trim());
        break;
      case "--roadmap": {
        const v = value();
        if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v))) throw new UsageError(tr.t("cli-person-bad-roadmap", { value: v }));
        args.roadmaps.push(Number(v));
        break;
      }
      case "--contact-for":
        args.contactFor = value().trim() || null;
        break;
      case "--json":
        args.json = true;
        break;
      default:
        throw usageError(tr, tr.t("cli-unknown-option", { command: "person add", option: a }), usage);
    }
  }
  if (!args.name) throw usageError(tr, tr.t("cli-person-name-required"), usage);
  if (args.roles.length === 0) args.roles.push("executor");
  return args;
}

/** The bot's username: BOT_USERNAME, else getMe with BOT_TOKEN; null when neither works. */
async function botUsername(cfg: Config): Promise<string | null> {
  if (cfg.BOT_USERNAME) return cfg.BOT_USERNAME;
  if (!cfg.BOT_TOKEN) return null;
  try {
    // timed out: a Bot API that never answers must not hang the command
    const telegram = new BotApi(cfg.BOT_TOKEN, { apiRoot: cfg.TELEGRAM_API_ROOT }, botApiPolicy(Math.min(cfg.botApiTimeoutMs, 10_000)));
    return (await telegram.getMe()).username ?? null;
  } catch {
    return null;
  }
}

export const run: CliCommand = async (argv, io) => {
  const tr = io.tr;
  const args = parsePersonAddArgs(argv, tr);
  const cfg = loadConfig(io.env);
  const db = await openDb(cfg.DATABASE_URL);
  try {
    for (const id of args.roadmaps) {
      if (!(await db.roadmap.findUnique({ where: { id } }))) throw new InputError(tr.t("cli-person-no-roadmap", { id: String(id) }));
    }
    // a school is one an imported roadmap knows: a misspelt name must not become a new school
    const schools: string[] = [];
    for (const typed of args.schools) {
      const found = await findSchool(db, typed);
      if (found.school) {
        schools.push(found.school.name);
        continue;
      }
      const close = found.close.map((n) => `«${n}»`).join(", ");
      throw new InputError(close ? tr.t("cli-person-no-school-close", { school: typed, close }) : tr.t("cli-person-no-school", { school: typed }));
    }
    const matches = await findPeople(db, args.name);
    if (matches.length > 1) {
      throw new InputError(tr.t("cli-person-ambiguous", { name: args.name, count: matches.length, people: matches.map((p) => p.fullName).join("; ") }));
    }
    const curatorSchools = args.roles.includes("curator") ? schools : [];
    const workplace = args.org ?? (args.roles.includes("curator") ? null : (schools[0] ?? null));
    const person = await findOrCreatePersonByName(db, { name: args.name, position: args.position, organization: workplace });
    for (const role of args.roles) {
      if (role === "deputy" && args.roadmaps.length > 0) {
        for (const id of args.roadmaps) await addRole(db, person.id, "deputy", id);
      } else if (role !== "curator" || curatorSchools.length === 0) {
        await addRole(db, person.id, role);
      }
    }
    for (const school of curatorSchools) await addCuratorship(db, person.id, school, args.roadmaps[0] ?? null);
    if (args.contactFor) await addContact(db, person.id, args.contactFor);
    await resolveAllAssignments(db);

    const { token, expiresAt, replaced } = await createInvite(db, person.id, systemClock);
    const link = inviteLink(await botUsername(cfg), token);
    if (args.json) {
      io.out(JSON.stringify({ personId: person.id, name: person.fullName, token, link }));
      return;
    }
    io.out(tr.t("cli-person-invite", { name: person.fullName, id: String(person.id), date: formatDate(tr, expiresAt.toISOString().slice(0, 10)) }));
    io.out(link ? tr.t("cli-person-link", { link }) : tr.t("cli-person-token", { token }));
    // said after the new link, so --json (above) stays the contract's one object
    if (replaced) io.out(tr.t("cli-person-replaced"));
  } finally {
    await db.$disconnect();
  }
};
