import type { Db } from "./db.ts";
import { orNone, readResponsible, readRoadmapMeta } from "./stored-json.ts";
import type { ImportResult, ResponsibleParty } from "../core/types.ts";
import { districtPlace, keyInDistrict, sameSchoolKey, schoolKey, searchText } from "../core/schools.ts";

// Responsible parties → Assignment rows. A person by name, a role («Руководители ОО») fanned
// out to one assignment per school, an organisation to its contact people. Whatever cannot
// be resolved still gets a row with personId null, so /unassigned can list it and /assign
// can fill it in. Running it again only fills gaps: it never deletes or duplicates. Listing what is
// left (services/unassigned.ts), /assign (services/assign-by-hand.ts) and removing a person
// (services/remove-person.ts) live beside it.

/** Lower case, ё→е, one space: SQLite folds only ASCII, so every search column holds this. */
export function fold(s: string): string {
  return searchText(s.replace(/[«»"“”„]/g, ""));
}

/** Statuses after which an assignment asks nothing more of anyone: it is not moved or reassigned. */

export interface DirectoryPerson {
  id: number;
  fullName: string;
  shortName: string;
  position: string | null;
  organizationId: number | null;
}

interface DirectoryOrg {
  id: number;
  name: string;
  shortName: string | null;
  kind: string;
  schoolKey: string | null;
  contactIds: number[];
}

export interface Directory {
  people: DirectoryPerson[];
  orgs: DirectoryOrg[];
}

export async function loadDirectory(db: Db): Promise<Directory> {
  const [people, orgs] = await Promise.all([
    db.person.findMany({
      where: { removedAt: null },
      select: { id: true, fullName: true, shortName: true, position: true, organizationId: true },
      orderBy: { id: "asc" },
    }),
    db.organization.findMany({
      select: {
        id: true,
        name: true,
        shortName: true,
        kind: true,
        schoolKey: true,
        contacts: { select: { personId: true, person: { select: { removedAt: true } } }, orderBy: { id: "asc" } },
      },
      orderBy: { id: "asc" },
    }),
  ]);
  return {
    people,
    orgs: orgs.map((o) => ({
      id: o.id,
      name: o.name,
      shortName: o.shortName,
      kind: o.kind,
      schoolKey: o.schoolKey,
      contactIds: o.contacts.filter((c) => c.person.removedAt === null).map((c) => c.personId),
    })),
  };
}

// ---------- matching names ----------

/** «Полухина Е.А.», «Полухина Е. А.», «Е.А. Полухина» all fold to «полухина е.а.». */
function foldShortName(s: string): string {
  const f = fold(s).replace(/\s*\.\s*/g, ".").replace(/\.$/, ".");
  const m = /^([а-яa-z]\.(?:[а-яa-z]\.)?)\s*(.+)$/.exec(f);
  if (m && !m[2]!.includes(".")) return `${m[2]} ${m[1]}`;
  return f.replace(/\s+([а-яa-z]\.)/, " $1");
}

/** «Иванова Мария Петровна» → «иванова м.п.» */
function shortFromFull(full: string): string | null {
  const parts = fold(full).split(" ").filter(Boolean);
  if (parts.length < 2 || parts.length > 3) return null;
  const initials = parts.slice(1, 3).map((p) => `${p[0]}.`).join("");
  return `${parts[0]} ${initials}`;
}

export function findPeopleByName(dir: Directory, name: string): DirectoryPerson[] {
  const f = fold(name);
  if (!f) return [];
  const exactFull = dir.people.filter((p) => fold(p.fullName) === f);
  if (exactFull.length > 0) return exactFull;
  const short = foldShortName(name);
  const byShort = dir.people.filter(
    (p) => foldShortName(p.shortName) === short || shortFromFull(p.fullName) === short || shortFromFull(name) === foldShortName(p.shortName),
  );
  if (byShort.length > 0) return byShort;
  // A bare surname («Полухина») counts only when exactly one person has it.
  if (!f.includes(" ") && !f.includes(".")) {
    const bySurname = dir.people.filter((p) => fold(p.fullName).split(" ")[0] === f);
    if (bySurname.length === 1) return bySurname;
  }
  return [];
}

/** Organisation names differ in quotes, case and «№3» vs «№ 3»; compare them without those. */
function orgForm(s: string): string {
  return fold(s).replace(/№\s*/g, "№").replace(/[.,]/g, "").replace(/\s+/g, " ").trim();
}

/** An organisation by its name; a school also by its identity («МКОУ «СОШ №3 г.Бодайбо»» is «СОШ № 3» of the Bodaibo district). */
export function findOrgsByName(dir: Directory, name: string, district?: string | null): DirectoryOrg[] {
  const f = orgForm(name);
  if (!f) return [];
  const exact = dir.orgs.filter((o) => orgForm(o.name) === f || (o.shortName !== null && orgForm(o.shortName) === f));
  if (exact.length > 0) return exact;
  const key = schoolKey(name, district);
  if (key === null) return [];
  return dir.orgs.filter((o) => {
    if (o.kind !== "school") return false;
    const k = o.schoolKey ?? schoolKey(o.name, district);
    return k !== null && sameSchoolKey(k, key);
  });
}

/** Organisations whose name contains the text (for /school and for the school argument of /assign). */
export function searchOrgs(dir: Directory, text: string, kind?: string): DirectoryOrg[] {
  const f = orgForm(text);
  if (!f) return [];
  const pool = kind ? dir.orgs.filter((o) => o.kind === kind) : dir.orgs;
  const exact = pool.filter((o) => orgForm(o.name) === f || (o.shortName !== null && orgForm(o.shortName) === f));
  if (exact.length > 0) return exact;
  return pool.filter((o) => orgForm(o.name).includes(f) || (o.shortName !== null && orgForm(o.shortName).includes(f)));
}

// ---------- roles → positions ----------

const HEAD = /директор|руководител|заведующ|начальник/;
const DEPUTY = /заместител|зам\.|замдир/;
/** The head of a school: «Руководители ОО», «директора школ», «Директор» — not «классный руководитель», not «руководители ШМО». */
const HEAD_ROLE = /^(?:директор\S*(?:\s+(?:оо|оу|школ\S*|общеобразовательн\S*.*))?|руководител\S*(?:\s+(?:оо|оу|школ\S*|общеобразовательн\S*.*|образовательн\S*.*|организац\S*.*|учрежд\S*.*))?)$/;

/**
 * Does a position («Директор», «заместитель директора по УВР») hold the role the document
 * names in the plural across schools («Руководители ОО», «заместители директоров по УВР»)?
 */
export function positionHoldsRole(role: string, position: string | null): boolean {
  if (!position) return false;
  const r = fold(role);
  const p = fold(position);
  if (DEPUTY.test(r)) {
    if (!DEPUTY.test(p)) return false;
    const area = /по\s+([а-яa-z]+)/.exec(r)?.[1];
    return area === undefined || p.includes(area.slice(0, 3));
  }
  if (HEAD_ROLE.test(r)) return HEAD.test(p) && !DEPUTY.test(p) && !/классн/.test(p);
  // Any other role: every significant word stem of the role appears in the position.
  const stems = r
    .split(/[^а-яa-z]+/)
    .filter((w) => w.length >= 4 && !/^(обще|образ|орган|учрежд|школ)/.test(w))
    .map((w) => w.slice(0, 5));
  return stems.length > 0 && stems.every((s) => p.includes(s));
}

// ---------- the roadmap's schools ----------


/**
 * The schools a role fans out to: those the document names or flags (or its curators'); else the
 * schools of the document's own authority. A regional body (an authority without a district)
 * reaches every school, and so does a district's authority alone in the database; where several
 * districts share it, a district's authority reaches only its own schools: those whose name places
 * them in its district, or that an earlier roadmap of the same authority reached.
 */
async function roadmapSchools(db: Db, roadmapId: number, dir: Directory): Promise<{ schools: DirectoryOrg[]; fromDocument: boolean; district: string | null }> {
  const roadmap = await db.roadmap.findUnique({
    where: { id: roadmapId },
    select: { id: true, meta: true, authority: true, curatorships: { select: { schoolId: true } } },
  });
  // stored JSON read in one place (services/stored-json.ts); a bad one names no schools
  const meta = roadmap ? orNone(() => readRoadmapMeta(roadmap), {}) : {};
  const names = [...(meta.schools ?? []), ...(meta.schoolFlags ?? []).map((f) => f.school)];
  const ids = new Set<number>();
  for (const name of names) for (const o of findOrgsByName(dir, name, roadmap?.authority)) if (o.kind === "school") ids.add(o.id);
  for (const c of roadmap?.curatorships ?? []) ids.add(c.schoolId);
  const named = dir.orgs.filter((o) => ids.has(o.id) && o.kind === "school");
  const district = roadmap?.authority ?? null;
  if (named.length > 0) return { schools: named, fromDocument: true, district };
  return { schools: await authoritySchools(db, dir, district, roadmapId), fromDocument: false, district };
}

/** The schools of an authority (see roadmapSchools); `except` is the roadmap being resolved. */
async function authoritySchools(db: Db, dir: Directory, authority: string | null, except: number | null): Promise<DirectoryOrg[]> {
  const schools = dir.orgs.filter((o) => o.kind === "school");
  if (!authority || districtPlace(authority) === null) return schools;
  const earlier = { authority, ...(except !== null ? { id: { not: except } } : {}) };
  const [reached, otherAuthorities] = await Promise.all([
    db.organization.findMany({
      where: { kind: "school", OR: [{ curatedBy: { some: { roadmap: earlier } } }, { assignments: { some: { item: { roadmap: earlier } } } }] },
      select: { id: true },
    }),
    db.roadmap.findMany({ where: { authority: { not: authority } }, select: { authority: true }, distinct: ["authority"] }),
  ]);
  // one district's authority alone in the database (a district's own Веха): every school is its own
  if (!otherAuthorities.some((r) => districtPlace(r.authority) !== null)) return schools;
  const known = new Set(reached.map((o) => o.id));
  return schools.filter((o) => known.has(o.id) || keyInDistrict(o.schoolKey ?? schoolKey(o.name, null), authority));
}

// ---------- resolving ----------

/** One wanted assignment: who (or null while unresolved), for which school, from which party text. */
interface Slot {
  partyText: string;
  schoolId: number | null;
  personId: number | null;
}

function parties(item: { id: number; responsible: string }): ResponsibleParty[] {
  return orNone(() => readResponsible(item), []);
}

/** A party only marked «(контроль)» controls the item; it does not do it, unless it is the only one. */
function doingParties(list: ResponsibleParty[]): ResponsibleParty[] {
  const doers = list.filter((p) => !/контрол/i.test(p.note ?? ""));
  return doers.length > 0 ? doers : list;
}

function partyLabel(p: ResponsibleParty): string {
  return p.name || p.text;
}

/** The school a named executor works at: their organisation, else a school the document names beside them («руководитель МКОУ «СОШ №3 г.Бодайбо»»). */
function personSchool(p: DirectoryPerson, party: ResponsibleParty, dir: Directory, schoolIds: Set<number>, district: string | null): number | null {
  if (p.organizationId !== null && schoolIds.has(p.organizationId)) return p.organizationId;
  for (const text of [party.position, party.text]) {
    if (!text || schoolKey(text, district) === null) continue;
    const schools = findOrgsByName(dir, text, district).filter((o) => o.kind === "school");
    if (schools.length === 1) return schools[0]!.id;
  }
  return null;
}

function slotsFor(party: ResponsibleParty, dir: Directory, schools: DirectoryOrg[], district: string | null): Slot[] {
  const partyText = partyLabel(party);
  const schoolIds = new Set(dir.orgs.filter((o) => o.kind === "school").map((o) => o.id));
  if (party.kind === "person") {
    const found = findPeopleByName(dir, party.name);
    if (found.length === 1) {
      const p = found[0]!;
      return [{ partyText, schoolId: personSchool(p, party, dir, schoolIds, district), personId: p.id }];
    }
    // Nobody, or two people with one short name: a human decides.
    return [{ partyText, schoolId: null, personId: null }];
  }
  if (party.kind === "role") {
    // the first person at each school whose position holds the role
    const holder = new Map<number, number>();
    for (const p of dir.people) {
      if (p.organizationId !== null && !holder.has(p.organizationId) && positionHoldsRole(party.name, p.position)) holder.set(p.organizationId, p.id);
    }
    return schools.map((school) => ({ partyText, schoolId: school.id, personId: holder.get(school.id) ?? null }));
  }
  const orgs = findOrgsByName(dir, party.name, district);
  const org = orgs[0];
  const schoolId = org && org.kind === "school" ? org.id : null;
  if (!org || org.contactIds.length === 0) return [{ partyText, schoolId, personId: null }];
  return org.contactIds.map((personId) => ({ partyText, schoolId, personId }));
}

export interface ResolveSummary {
  created: number;
  /** of those created, the ones that got a person at once */
  createdWithPerson: number;
  /** earlier rows that waited for a person and got one now */
  filled: number;
  unresolved: number;
}

/**
 * Brings a roadmap's assignments in line with its items' responsible parties and the
 * directory. Called after every save of a roadmap and whenever the directory changes.
 */
export async function resolveAssignments(db: Db, roadmapId: number, dir?: Directory): Promise<ResolveSummary> {
  const directory = dir ?? (await loadDirectory(db));
  const { schools, district } = await roadmapSchools(db, roadmapId, directory);
  const items = await db.item.findMany({
    where: { roadmapId, removedAt: null },
    select: { id: true, responsible: true, assignments: { select: { id: true, personId: true, schoolId: true, partyText: true }, orderBy: { id: "asc" } } },
    orderBy: { position: "asc" },
  });
  const summary: ResolveSummary = { created: 0, createdWithPerson: 0, filled: 0, unresolved: 0 };
  const memo = new Map<string, Slot[]>();
  const creates: Array<{ itemId: number; personId: number | null; schoolId: number | null; partyText: string }> = [];
  const fills: Array<{ id: number; personId: number }> = [];
  type Row = { id: number; personId: number | null; schoolId: number | null; partyText: string | null };
  for (const item of items) {
    // this item's rows by party and school (a role fans out to hundreds of schools)
    const existing = new Map<string, Row[]>();
    const keyOf = (partyText: string | null, schoolId: number | null) => `${schoolId ?? ""}|${partyText ?? ""}`;
    const add = (row: Row) => {
      const k = keyOf(row.partyText, row.schoolId);
      existing.set(k, [...(existing.get(k) ?? []), row]);
    };
    for (const a of item.assignments) add({ ...a });
    for (const party of doingParties(parties(item))) {
      // the same party text resolves the same way on every item: work it out once per run
      const memoKey = JSON.stringify([party.kind, party.name, party.text, party.position ?? null]);
      let slots = memo.get(memoKey);
      if (!slots) {
        slots = slotsFor(party, directory, schools, district);
        memo.set(memoKey, slots);
      }
      for (const slot of slots) {
        const same = existing.get(keyOf(slot.partyText, slot.schoolId)) ?? [];
        if (slot.personId === null) {
          // any row for this party and school satisfies an unresolved slot (it may have been assigned by hand)
          if (same.length > 0) continue;
          creates.push({ itemId: item.id, ...slot });
          add({ id: -1, ...slot });
          continue;
        }
        if (same.some((a) => a.personId === slot.personId)) continue;
        // a row waiting for a person gets this one
        const unfilled = same.find((a) => a.personId === null && a.id > 0);
        if (unfilled) {
          fills.push({ id: unfilled.id, personId: slot.personId });
          unfilled.personId = slot.personId;
          continue;
        }
        // someone else was assigned by hand to this party and school: keep that choice
        if (same.some((a) => a.personId !== null) && party.kind !== "organization") continue;
        creates.push({ itemId: item.id, ...slot });
        add({ id: -1, ...slot });
      }
    }
  }
  await db.$transaction([
    ...fills.map((f) => db.assignment.update({ where: { id: f.id }, data: { personId: f.personId } })),
    ...(creates.length > 0 ? [db.assignment.createMany({ data: creates })] : []),
  ]);
  summary.created = creates.length;
  summary.createdWithPerson = creates.filter((c) => c.personId !== null).length;
  summary.filled = fills.length;
  summary.unresolved = await db.assignment.count({ where: { personId: null, item: { roadmapId, removedAt: null } } });
  return summary;
}

/** The directory changed (people imported, a contact added): resolve every roadmap that is not archived. */
export async function resolveAllAssignments(db: Db): Promise<ResolveSummary> {
  const dir = await loadDirectory(db);
  const roadmaps = await db.roadmap.findMany({ where: { status: { not: "archived" } }, select: { id: true } });
  const total: ResolveSummary = { created: 0, createdWithPerson: 0, filled: 0, unresolved: 0 };
  for (const r of roadmaps) {
    const s = await resolveAssignments(db, r.id, dir);
    total.created += s.created;
    total.createdWithPerson += s.createdWithPerson;
    total.filled += s.filled;
    total.unresolved += s.unresolved;
  }
  return total;
}

// ---------- preview (before saving) ----------

interface RoleFanOut {
  role: string;
  /** school names the role becomes an assignment for */
  schools: string[];
  /** true: the document named or flagged them; false: every school in the directory */
  fromDocument: boolean;
  /** schools where nobody holds the position yet */
  withoutHolder: string[];
}

export interface AssignmentPreview {
  roles: RoleFanOut[];
  /** parties that will not resolve to anyone: «key: party» */
  unresolved: Array<{ itemKey: string; party: string }>;
}

/**
 * What saving an import would resolve, for the preview. Named people are created on save,
 * so they count as resolved; roles and organisations depend on the directory.
 */
export async function previewAssignments(db: Db, result: ImportResult): Promise<AssignmentPreview> {
  const dir = await loadDirectory(db);
  const docSchools = [...new Set([...result.roadmap.schools, ...(result.roadmap.schoolFlags ?? []).map((f) => f.school)])];
  const matched = docSchools.map((name) => ({ name, org: findOrgsByName(dir, name, result.roadmap.authority).find((o) => o.kind === "school") ?? null }));
  const fromDocument = docSchools.length > 0;
  const roleSchools = fromDocument
    ? matched
    : (await authoritySchools(db, dir, result.roadmap.authority, result.roadmap.id ?? null)).map((o) => ({ name: o.name, org: o }));
  const roles = new Map<string, RoleFanOut>();
  const unresolved: AssignmentPreview["unresolved"] = [];
  for (const item of result.items) {
    for (const party of doingParties(item.responsible)) {
      if (party.kind === "role") {
        const key = fold(party.name);
        if (!roles.has(key)) {
          const withoutHolder = roleSchools
            .filter((s) => !s.org || !dir.people.some((p) => p.organizationId === s.org!.id && positionHoldsRole(party.name, p.position)))
            .map((s) => s.name);
          roles.set(key, { role: party.name, schools: roleSchools.map((s) => s.name), fromDocument, withoutHolder });
        }
        if (roleSchools.length === 0) unresolved.push({ itemKey: item.key, party: partyLabel(party) });
      } else if (party.kind === "organization") {
        const org = findOrgsByName(dir, party.name, result.roadmap.authority)[0];
        if (!org || org.contactIds.length === 0) unresolved.push({ itemKey: item.key, party: partyLabel(party) });
      }
    }
  }
  return { roles: [...roles.values()], unresolved };
}
