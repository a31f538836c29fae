import type { Db } from "./db.ts";
import { isRole, type Me, type Role } from "../core/roles.ts";
import { shortPersonName } from "../core/parties.ts";
import { searchText, schoolKey } from "../core/schools.ts";
import { findPeopleByName, loadDirectory } from "./assign.ts";
import { findOrCreateOrganization, findOrCreateSchool } from "./roadmap-store.ts";

// The directory of people: find or create by full or short name, roles, and the person behind a
// Telegram account. Accounts are linked only through invites (services/invites.ts), never by name.

const ROLE_WORDS: Record<string, Role> = {
  исполнитель: "executor",
  executor: "executor",
  куратор: "curator",
  curator: "curator",
  заместитель: "deputy",
  "заместитель начальника": "deputy",
  deputy: "deputy",
  координатор: "coordinator",
  coordinator: "coordinator",
};

/** «исполнитель, куратор» → ["executor", "curator"]; unknown words come back in `unknown`. */
export function parseRoles(text: string): { roles: Role[]; unknown: string[] } {
  const roles: Role[] = [];
  const unknown: string[] = [];
  for (const word of text.split(/[,;/]+/).map((w) => searchText(w)).filter(Boolean)) {
    const role = ROLE_WORDS[word];
    if (role) {
      if (!roles.includes(role)) roles.push(role);
    } else unknown.push(word);
  }
  return { roles, unknown };
}

/** «Полухина Елена Андреевна» → «Полухина Е.А.»; a name already short stays as it is. */
export function shortNameOf(fullName: string): string {
  const name = fullName.replace(/\s+/g, " ").trim();
  const fromParties = shortPersonName(name);
  if (fromParties && fromParties !== name) return fromParties;
  const parts = name.split(" ");
  // «Фамилия Имя Отчество» (the parties stub may not shorten it yet)
  if ((parts.length === 2 || parts.length === 3) && parts.every((p) => /^[А-ЯЁA-Z][а-яёa-z-]+$/.test(p))) {
    return `${parts[0]} ${parts
      .slice(1)
      .map((p) => `${p[0]}.`)
      .join("")}`;
  }
  return fromParties ?? name;
}

export function personSearch(fullName: string, shortName: string, position?: string | null): string {
  return searchText([fullName, shortName, position ?? ""].join(" "));
}

/** People whose full or short name is this one (never by a bare surname shared by several). */
export async function findPeople(db: Db, name: string) {
  const dir = await loadDirectory(db);
  const ids = findPeopleByName(dir, name).map((p) => p.id);
  if (ids.length === 0) return [];
  return db.person.findMany({ where: { id: { in: ids }, removedAt: null }, orderBy: { id: "asc" } });
}

export interface PersonInput {
  name: string;
  position?: string | null;
  organization?: string | null;
}

/**
 * Finds the person with this name or creates them. A full name («Фамилия Имя Отчество») replaces a
 * short one an import created; a position or organisation fills a blank.
 */
export async function findOrCreatePersonByName(db: Db, input: PersonInput) {
  const name = input.name.replace(/\s+/g, " ").trim();
  const shortName = shortNameOf(name);
  const isFull = shortName !== name;
  const org = input.organization?.trim() ? await organizationByName(db, input.organization.trim()) : null;
  const [existing] = await findPeople(db, name);
  if (existing) {
    const fullName = isFull && existing.fullName === existing.shortName ? name : existing.fullName;
    const position = existing.position ?? (input.position?.trim() || null);
    const organizationId = existing.organizationId ?? org?.id ?? null;
    return db.person.update({
      where: { id: existing.id },
      data: { fullName, position, organizationId, search: personSearch(fullName, existing.shortName, position) },
    });
  }
  const position = input.position?.trim() || null;
  return db.person.create({
    data: { fullName: name, shortName, position, organizationId: org?.id ?? null, search: personSearch(name, shortName, position) },
  });
}

/** A school (by its identity key) or another organisation, found or created. */
export async function organizationByName(db: Db, name: string) {
  if (schoolKey(name)) return findOrCreateSchool(db, name, null);
  return findOrCreateOrganization(db, name, /управлени|отдел образования|администрац/i.test(name) ? "authority" : "external");
}

export async function addRole(db: Db, personId: number, role: Role, roadmapId: number | null = null): Promise<void> {
  // SQLite treats NULLs as distinct in a unique index: look before inserting
  const found = await db.personRole.findFirst({ where: { personId, role, roadmapId } });
  if (!found) await db.personRole.create({ data: { personId, role, roadmapId } });
}

/** Makes the person curator of a school (the order may appoint more than one). */
export async function addCuratorship(db: Db, personId: number, schoolName: string, roadmapId: number | null = null): Promise<number> {
  const school = await findOrCreateSchool(db, schoolName, null);
  const found = await db.curatorship.findFirst({ where: { personId, schoolId: school.id } });
  if (!found) await db.curatorship.create({ data: { personId, schoolId: school.id, roadmapId } });
  await addRole(db, personId, "curator");
  return school.id;
}

export async function addContact(db: Db, personId: number, organizationName: string): Promise<number> {
  const org = await organizationByName(db, organizationName);
  await db.organizationContact.upsert({
    where: { organizationId_personId: { organizationId: org.id, personId } },
    create: { organizationId: org.id, personId },
    update: {},
  });
  return org.id;
}

const ME_SELECT = {
  id: true,
  fullName: true,
  shortName: true,
  position: true,
  organizationId: true,
  language: true,
  chatId: true,
  unreachable: true,
  removedAt: true,
  roles: { select: { role: true, roadmapId: true } },
} as const;

/** The person linked to this Telegram account, or null for a stranger. */
export async function personByTelegramId(db: Db, telegramId: string): Promise<Me | null> {
  const p = await db.person.findUnique({ where: { telegramId }, select: ME_SELECT });
  if (!p || p.removedAt) return null;
  const { removedAt: _removed, roles, ...me } = p;
  // narrowed once here: a role word Веха does not know grants nothing
  return { ...me, roles: roles.flatMap((r) => (isRole(r.role) ? [{ role: r.role, roadmapId: r.roadmapId }] : [])) };
}

/**
 * An id from ADMIN_TELEGRAM_IDS: the person linked to it, made coordinator; on first contact a
 * new person named after the Telegram profile.
 */
export async function ensureAdmin(db: Db, telegramId: string, chatId: string | null, profileName: string): Promise<Me> {
  let me = await personByTelegramId(db, telegramId);
  if (!me) {
    const name = profileName.trim() || `Telegram ${telegramId}`;
    const stale = await db.person.findUnique({ where: { telegramId } });
    // a removed person keeps the account: free it for the new coordinator record
    if (stale) await db.person.update({ where: { id: stale.id }, data: { telegramId: null } });
    const shortName = shortNameOf(name);
    await db.person.create({ data: { fullName: name, shortName, telegramId, chatId, search: personSearch(name, shortName) } });
    me = (await personByTelegramId(db, telegramId))!;
  }
  if (!me.roles.some((r) => r.role === "coordinator")) {
    await addRole(db, me.id, "coordinator");
    me.roles.push({ role: "coordinator", roadmapId: null });
  }
  return me;
}

/** Coordinators who can be reached in chat (for problems someone must act on). */
export async function reachableCoordinators(db: Db) {
  return db.person.findMany({
    where: { removedAt: null, unreachable: false, chatId: { not: null }, roles: { some: { role: "coordinator" } } },
    orderBy: { id: "asc" },
  });
}

export async function setLanguage(db: Db, personId: number, language: string): Promise<void> {
  await db.person.update({ where: { id: personId }, data: { language } });
}

/** The private chat a person wrote from: notifications go there, and they are reachable again. */
export async function setPrivateChat(db: Db, personId: number, chatId: string): Promise<void> {
  await db.person.update({ where: { id: personId }, data: { chatId, unreachable: false } });
}

export async function personById(db: Db, personId: number) {
  return db.person.findUnique({ where: { id: personId } });
}

/** The language of whoever is linked to this chat (null: nobody, or not chosen). */
export async function languageOfChat(db: Db, chatId: string): Promise<string | null> {
  const person = await db.person.findFirst({ where: { chatId, removedAt: null }, select: { language: true } });
  return person?.language ?? null;
}

/** Everyone not removed, by name, with how they are reached (/people). */
export async function listPeople(db: Db) {
  return db.person.findMany({
    where: { removedAt: null },
    select: { fullName: true, position: true, chatId: true, unreachable: true, organization: { select: { name: true } }, roles: { select: { role: true } } },
    orderBy: { fullName: "asc" },
  });
}

/** Linked people with a role beyond executor (their chat gets its own command menu). */
export async function peopleWithMenus(db: Db) {
  return db.person.findMany({
    where: { removedAt: null, chatId: { not: null }, roles: { some: { role: { in: ["curator", "deputy", "coordinator"] } } } },
    select: { chatId: true, language: true, roles: { select: { role: true } } },
  });
}
