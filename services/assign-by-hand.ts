import type { Db } from "./db.ts";
import { FINAL_STATUSES } from "../core/status.ts";
import { findOrgsByName, findPeopleByName, fold, loadDirectory, searchOrgs, type Directory, type DirectoryPerson } from "./assign.ts";

// /assign: a coordinator names who does an item (or an organisation's items) that resolving left open.

type AssignTarget = { itemKey: string; roadmapId?: number } | { organization: string; roadmapId?: number };

export interface AssignRequest {
  target: AssignTarget;
  /** a person's full or short name, or an organisation (its contact people) */
  assignee: string;
  /** only this school's assignment of an item fanned out to schools */
  school?: string;
}

export type AssignOutcome =
  | { ok: true; assignmentIds: number[]; people: string[]; itemKeys: string[] }
  | {
      ok: false;
      error: "unknown_item" | "ambiguous_item" | "unknown_assignee" | "ambiguous_assignee" | "no_contacts" | "unknown_school" | "nothing_open";
      candidates?: string[];
    };

/** Who an assignee text means: one person, or the contact people of one organisation. */
function resolveAssignee(dir: Directory, text: string): { people: DirectoryPerson[] } | { error: "unknown_assignee" | "ambiguous_assignee" | "no_contacts"; candidates?: string[] } {
  const people = findPeopleByName(dir, text);
  if (people.length === 1) return { people };
  if (people.length > 1) return { error: "ambiguous_assignee", candidates: people.map((p) => p.fullName) };
  const orgs = findOrgsByName(dir, text);
  if (orgs.length === 0) return { error: "unknown_assignee" };
  const org = orgs[0]!;
  if (org.contactIds.length === 0) return { error: "no_contacts" };
  return { people: dir.people.filter((p) => org.contactIds.includes(p.id)) };
}

/**
 * Assigns by hand: one item (optionally one school of it), or every open unresolved
 * assignment of an organisation's party at once. Fills unresolved rows first; adds a row
 * only when the item had nobody for that party and school.
 */
export async function assignByHand(db: Db, req: AssignRequest): Promise<AssignOutcome> {
  const dir = await loadDirectory(db);
  const who = resolveAssignee(dir, req.assignee);
  if ("error" in who) return { ok: false, error: who.error, ...(who.candidates ? { candidates: who.candidates } : {}) };
  let schoolId: number | null = null;
  if (req.school !== undefined && req.school.trim() !== "") {
    const schools = searchOrgs(dir, req.school, "school");
    if (schools.length !== 1) return { ok: false, error: "unknown_school", ...(schools.length > 1 ? { candidates: schools.map((s) => s.name) } : {}) };
    schoolId = schools[0]!.id;
  }
  const people = who.people;
  const openWhere = { status: { notIn: [...FINAL_STATUSES] } };

  if ("organization" in req.target) {
    const orgs = findOrgsByName(dir, req.target.organization);
    const names = new Set([fold(req.target.organization), ...orgs.flatMap((o) => [fold(o.name), ...(o.shortName ? [fold(o.shortName)] : [])])]);
    const open = await db.assignment.findMany({
      where: {
        personId: null,
        ...openWhere,
        ...(schoolId !== null ? { schoolId } : {}),
        item: { removedAt: null, ...(req.target.roadmapId !== undefined ? { roadmapId: req.target.roadmapId } : {}) },
      },
      select: { id: true, partyText: true, schoolId: true, itemId: true, item: { select: { key: true } } },
      orderBy: [{ item: { roadmapId: "asc" } }, { item: { position: "asc" } }, { id: "asc" }],
    });
    const mine = open.filter((a) => a.partyText !== null && names.has(fold(a.partyText)));
    if (mine.length === 0) return orgs.length === 0 ? { ok: false, error: "unknown_item" } : { ok: false, error: "nothing_open" };
    const ids = await fillRows(db, mine, people);
    return { ok: true, assignmentIds: ids, people: people.map((p) => p.fullName), itemKeys: [...new Set(mine.map((a) => a.item.key))] };
  }

  const items = await db.item.findMany({
    where: { key: req.target.itemKey, removedAt: null, ...(req.target.roadmapId !== undefined ? { roadmapId: req.target.roadmapId } : {}), roadmap: { status: { not: "archived" } } },
    select: { id: true, key: true, roadmapId: true, responsible: true },
  });
  if (items.length === 0) return { ok: false, error: "unknown_item" };
  if (items.length > 1) return { ok: false, error: "ambiguous_item", candidates: items.map((i) => `${i.roadmapId}/${i.key}`) };
  const item = items[0]!;
  const rows = await db.assignment.findMany({
    where: { itemId: item.id, ...openWhere, ...(schoolId !== null ? { schoolId } : {}) },
    select: { id: true, partyText: true, schoolId: true, itemId: true, personId: true },
    orderBy: { id: "asc" },
  });
  const unresolved = rows.filter((r) => r.personId === null);
  if (unresolved.length > 0) {
    const ids = await fillRows(db, unresolved, people);
    return { ok: true, assignmentIds: ids, people: people.map((p) => p.fullName), itemKeys: [item.key] };
  }
  // Everyone already has someone: add the named people unless they are already on it.
  const created: number[] = [];
  const partyText = req.assignee.trim();
  for (const p of people) {
    const has = await db.assignment.findFirst({ where: { itemId: item.id, personId: p.id, schoolId, ...openWhere }, select: { id: true } });
    if (has) {
      created.push(has.id);
      continue;
    }
    const row = await db.assignment.create({ data: { itemId: item.id, personId: p.id, schoolId, partyText }, select: { id: true } });
    created.push(row.id);
  }
  return { ok: true, assignmentIds: created, people: people.map((p) => p.fullName), itemKeys: [item.key] };
}

/** Gives unresolved rows to the people: the first person takes the row, others get copies. */
async function fillRows(
  db: Db,
  rows: Array<{ id: number; itemId: number; schoolId: number | null; partyText: string | null }>,
  people: DirectoryPerson[],
): Promise<number[]> {
  const ids: number[] = [];
  await db.$transaction(async (tx) => {
    for (const row of rows) {
      const [first, ...rest] = people;
      await tx.assignment.update({ where: { id: row.id }, data: { personId: first!.id } });
      ids.push(row.id);
      for (const p of rest) {
        const copy = await tx.assignment.create({ data: { itemId: row.itemId, schoolId: row.schoolId, partyText: row.partyText, personId: p.id }, select: { id: true } });
        ids.push(copy.id);
      }
    }
  });
  return ids;
}

/**
 * A person is removed or replaced: their open assignments move to the replacement, or
 * become unresolved (listed by /unassigned) when there is none. Closed work stays theirs.
 */
export async function movePersonAssignments(db: Db, fromPersonId: number, toPersonId: number | null): Promise<number> {
  const moved = await db.assignment.updateMany({
    where: { personId: fromPersonId, status: { notIn: [...FINAL_STATUSES] } },
    data: { personId: toPersonId },
  });
  return moved.count;
}

/** Parses the words after /assign: `<key or organisation> <person or organisation> [school]`. */
export async function parseAssignArgs(db: Db, text: string): Promise<AssignRequest | null> {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length < 2) return null;
  const dir = await loadDirectory(db);
  // The first word is an item key when some item has it (optionally "<roadmap id>/<key>").
  const first = words[0]!;
  const keyMatch = /^(?:(\d+)\/)?(.+)$/.exec(first)!;
  const roadmapId = keyMatch[1] !== undefined ? Number(keyMatch[1]) : undefined;
  const isKey = (await db.item.count({ where: { key: keyMatch[2]!, removedAt: null, ...(roadmapId !== undefined ? { roadmapId } : {}) } })) > 0;
  const starts: Array<{ target: AssignTarget; rest: string[] }> = [];
  if (isKey) starts.push({ target: { itemKey: keyMatch[2]!, ...(roadmapId !== undefined ? { roadmapId } : {}) }, rest: words.slice(1) });
  // …or the party text of open unresolved rows («Управление образования», «РМО»), known organisation or not
  const parties = new Set(
    (await db.assignment.findMany({ where: { personId: null, partyText: { not: null } }, select: { partyText: true }, distinct: ["partyText"] })).map((a) => fold(a.partyText!)),
  );
  for (let i = 1; i < words.length; i++) {
    const name = words.slice(0, i).join(" ");
    if (findOrgsByName(dir, name).length > 0 || parties.has(fold(name))) starts.push({ target: { organization: name }, rest: words.slice(i) });
  }
  if (!isKey && starts.length === 0) starts.push({ target: { itemKey: keyMatch[2]!, ...(roadmapId !== undefined ? { roadmapId } : {}) }, rest: words.slice(1) });
  for (const start of starts) {
    // The longest prefix of the rest that names a person or organisation; what remains is the school.
    // People first: a school's name inside the text must not swallow the person before it.
    for (const known of [(s: string) => findPeopleByName(dir, s).length > 0, (s: string) => findOrgsByName(dir, s).length > 0]) {
      for (let j = start.rest.length; j >= 1; j--) {
        const assignee = start.rest.slice(0, j).join(" ");
        const school = start.rest.slice(j).join(" ");
        if (known(assignee) && (school === "" || searchOrgs(dir, school, "school").length > 0)) {
          return { target: start.target, assignee, ...(school ? { school } : {}) };
        }
      }
    }
  }
  // Nothing known: report against the whole text so the answer names it.
  const fallback = starts[0]!;
  return { target: fallback.target, assignee: fallback.rest.join(" ") };
}
