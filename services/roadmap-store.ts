import { Prisma } from "@prisma/client";
import { orNone, readResponsible } from "./stored-json.ts";
import type { ImportResult, ImportedItem, ResponsibleParty, SchoolFlags } from "../core/types.ts";
import { sameSchoolKey, schoolKey, searchText } from "../core/schools.ts";
import type { Db } from "./db.ts";
import { contentHash, findTarget, loadOldItems, planItems, roadmapIdentity, type ReimportDiff, type ReimportTarget } from "./reimport.ts";

export { roadmapIdentity } from "./reimport.ts";

// Saving an import: one transaction that creates the roadmap or updates it in place.
//
// Which roadmap: the order's number and date (with the authority, since two districts may both
// have «№ 120 от 31.03.2023»), else a hash of the items' content; a document without an order
// number that matches a saved roadmap closely is an edited version of it (services/reimport.ts).
// Which item: by what it says, not by its number (core/item-match.ts) — a row inserted at 2
// renumbers the rest, and statuses, evidence, check-ins and history stay with the action,
// which takes the key the document now gives it. The canonical workbook (`origin: "workbook"`)
// is matched by key. Items no longer in the document get `removedAt` and are never deleted;
// sections are upserted by title; warnings are replaced.
//
// Responsible parties become Assignments in services/assign.ts (a separate step, after this one):
// see `loadSavedItems` and the find-or-create helpers exported below.

export type Tx = Prisma.TransactionClient;

export interface SaveImportOptions {
  /** first day reminders may concern (contract "Roadmap lifecycle"); null leaves a draft without one */
  activeFrom: string | null;
  /** the file name as received */
  sourceName: string;
  /** default: "active" when `activeFrom` is given, else "draft"; an existing roadmap keeps its status unless this is given */
  status?: "draft" | "active";
  /** for `removedAt` (time is injected) */
  now?: Date;
  /**
   * Which roadmap to update: the id a preview settled on; "new" makes a new roadmap unless the
   * very same order (or content) is saved already. Default: the same identity, else a roadmap
   * this document is an edited version of.
   */
  into?: number | "new";
  /** runs inside the transaction once everything is written (e.g. marking the chat's preview saved) */
  inTransaction?: (tx: Tx, outcome: SaveImportOutcome) => Promise<void>;
}

export interface SaveImportOutcome {
  roadmapId: number;
  created: boolean;
  itemsAdded: number;
  /** matched items whose content changed, besides their number (an identical re-import updates none); items back in the document */
  itemsUpdated: number;
  /** items newly marked removed */
  itemsRemoved: number;
  /** items now under another key */
  itemsMoved: number;
  /** how the updated roadmap was found; null for a new one */
  matchedBy: ReimportTarget["by"] | null;
  /** item by item, what the save did to a saved roadmap (empty lists for a new one) */
  diff: ReimportDiff;
}

export async function saveImport(db: Db, result: ImportResult, opts: SaveImportOptions): Promise<SaveImportOutcome> {
  const keys = new Set<string>();
  for (const item of result.items) {
    if (keys.has(item.key)) throw new Error(`the import has two items with the key "${item.key}"`);
    keys.add(item.key);
  }
  try {
    return await db.$transaction((tx) => saveInTx(tx, result, opts), { maxWait: 15_000, timeout: 60_000 });
  } catch (e) {
    // the bot and a CLI import saving the same new roadmap at once: the loser updates the winner's row
    if ((e as { code?: string }).code !== "P2002") throw e;
    return db.$transaction((tx) => saveInTx(tx, result, opts), { maxWait: 15_000, timeout: 60_000 });
  }
}

async function saveInTx(tx: Tx, result: ImportResult, opts: SaveImportOptions): Promise<SaveImportOutcome> {
  const r = result.roadmap;
  const now = opts.now ?? new Date();
  const identity = roadmapIdentity(result);
  // write first: on SQLite this takes the write lock before anything is read, so a second importer
  // (the bot while the CLI saves) waits for this one instead of failing on a stale snapshot
  await tx.roadmap.updateMany({ where: { identity }, data: { updatedAt: now } });
  const target = await findTarget(tx, result, opts.into);
  const existing = target?.roadmap ?? null;
  const controller = r.controller ? await findOrCreatePerson(tx, r.controller, null) : null;

  let status: string = opts.status ?? (opts.activeFrom ? "active" : "draft");
  let activeFrom = opts.activeFrom;
  if (existing) {
    // a re-import never silences reminders already due: an active roadmap keeps its earliest activation
    if (!opts.status && existing.status !== "draft") status = existing.status;
    if (existing.activeFrom && (!activeFrom || existing.activeFrom < activeFrom)) activeFrom = existing.activeFrom;
  }
  const data = {
    title: r.title,
    orderNumber: r.orderNumber,
    orderDate: r.orderDate,
    authority: r.authority,
    years: JSON.stringify(r.years),
    timezone: r.timezone,
    status,
    activeFrom,
    controllerText: r.controller,
    controllerId: controller?.id ?? null,
    meta: JSON.stringify({ schools: r.schools, curators: r.curators, schoolFlags: r.schoolFlags ?? [] }),
    sourceName: opts.sourceName,
    contentHash: contentHash(result.items),
  };
  // an edited version found by its content takes over the new identity, unless another roadmap holds it
  const takeIdentity = existing && existing.identity !== identity && !(await tx.roadmap.findUnique({ where: { identity }, select: { id: true } }));
  const roadmap = existing
    ? await tx.roadmap.update({ where: { id: existing.id }, data: { ...data, ...(takeIdentity ? { identity } : {}) } })
    : await tx.roadmap.create({ data: { identity, ...data } });

  const sectionIds = await saveSections(tx, roadmap.id, result.items);
  const saved = await saveItems(tx, roadmap.id, result, sectionIds, now);

  await tx.importWarning.deleteMany({ where: { roadmapId: roadmap.id } });
  if (result.warnings.length) {
    await tx.importWarning.createMany({
      data: result.warnings.map((w) => ({ roadmapId: roadmap.id, itemKey: w.item, row: w.row, message: w.message })),
    });
  }

  await saveOrganizationsAndPeople(tx, roadmap.id, result);
  if (controller) await ensureRole(tx, controller.id, "deputy", roadmap.id);
  // the document now names someone else: the previous controller stops controlling this roadmap
  if (existing?.controllerId && existing.controllerId !== (controller?.id ?? null)) {
    await tx.personRole.deleteMany({ where: { personId: existing.controllerId, role: "deputy", roadmapId: roadmap.id } });
  }

  const outcome: SaveImportOutcome = {
    roadmapId: roadmap.id,
    created: !existing,
    itemsAdded: saved.diff.added.length,
    itemsUpdated: saved.diff.changed,
    itemsRemoved: saved.diff.removed.length,
    itemsMoved: saved.diff.moved.length,
    matchedBy: target?.by ?? null,
    diff: saved.diff,
  };
  await opts.inTransaction?.(tx, outcome);
  return outcome;
}

/** «2021 год» → 2021: a year section sets the year of its rows. */
function sectionYear(title: string): number | null {
  const m = /^\s*(20\d\d)\s*(?:г\.?|год)?\s*$/i.exec(title) ?? /^\s*(20\d\d)\s+год/i.exec(title);
  return m ? Number(m[1]) : null;
}

async function saveSections(tx: Tx, roadmapId: number, items: ImportedItem[]): Promise<Map<string, number>> {
  const titles = [...new Set(items.map((i) => i.section).filter((s): s is string => !!s))];
  const old = await tx.section.findMany({ where: { roadmapId }, orderBy: { position: "asc" } });
  // move the old rows out of the way of the (roadmapId, position) unique index before renumbering
  for (const s of old) await tx.section.update({ where: { id: s.id }, data: { position: -s.id } });
  const unused = new Map(old.map((s) => [s.id, s]));
  const ids = new Map<string, number>();
  for (const [position, title] of titles.entries()) {
    const match = [...unused.values()].find((s) => s.title === title);
    const data = { title, year: sectionYear(title), position };
    const row = match ? await tx.section.update({ where: { id: match.id }, data }) : await tx.section.create({ data: { roadmapId, ...data } });
    if (match) unused.delete(match.id);
    ids.set(title, row.id);
  }
  // a section gone from the document: its removed items keep their rows, without a section
  if (unused.size) await tx.section.deleteMany({ where: { id: { in: [...unused.keys()] } } });
  return ids;
}

function itemData(item: ImportedItem, position: number, sectionId: number | null) {
  const responsibleText = item.responsible.map((p) => p.text).join("; ") || null;
  return {
    sectionId,
    number: item.number,
    title: item.title,
    result: item.result,
    deadlineText: item.deadline.text || null,
    deadlineKind: item.deadline.kind,
    deadlineStart: item.deadline.start,
    deadlineDue: item.deadline.due,
    checkpoints: JSON.stringify(item.deadline.checkpoints),
    every: item.deadline.every,
    everyDay: item.deadline.day ?? null,
    responsibleText,
    responsible: JSON.stringify(item.responsible),
    evidenceRequirement: item.evidence,
    flags: JSON.stringify(item.flags),
    position,
    search: searchText([item.key, item.title, item.result ?? "", responsibleText ?? ""].join(" ")),
  };
}

/** Keys no document gives (keys are numbers, letters, dots): «~<id>» is where a row waits while keys swap. */
const PARK_PREFIX = "~";
const PARK_BATCH = 500;

/**
 * The items in the document's order. Keys are unique at every moment: rows whose key changes are
 * first parked under a key of their own, then given the document's; a removed row whose key
 * the document now gives another action keeps it with its id appended («3~17»).
 */
async function saveItems(
  tx: Tx,
  roadmapId: number,
  result: ImportResult,
  sectionIds: Map<string, number>,
  now: Date,
): Promise<{ diff: ReimportDiff }> {
  const items = result.items;
  const plan = planItems(await loadOldItems(tx, roadmapId), items, { byKey: result.origin === "workbook" });
  const liveKeys = new Set(items.map((i) => i.key));
  const finalKey = new Map<number, string>();
  for (const [n, prev] of plan.rows.entries()) if (prev) finalKey.set(prev.id, items[n]!.key);
  for (const gone of plan.gone) finalKey.set(gone.id, liveKeys.has(gone.key) ? `${gone.key}~${gone.id}` : gone.key);
  const rekeyed = [...plan.rows.filter((p) => p !== null), ...plan.gone].filter((p) => finalKey.get(p.id) !== p.key);
  // parked in batches of a fixed size (one statement each; the parameter list never grows with the roadmap)
  for (let i = 0; i < rekeyed.length; i += PARK_BATCH) {
    const ids = rekeyed.slice(i, i + PARK_BATCH).map((p) => p.id);
    // one Prisma.sql passed whole: a fragment nested in another client's tagged template is not understood
    await tx.$executeRaw(Prisma.sql`UPDATE "Item" SET "key" = ${PARK_PREFIX} || CAST("id" AS TEXT) WHERE "id" IN (${Prisma.join(ids)})`);
  }

  const fresh: Prisma.ItemCreateManyInput[] = [];
  for (const [position, item] of items.entries()) {
    const data = itemData(item, position, item.section ? (sectionIds.get(item.section) ?? null) : null);
    const prev = plan.rows[position];
    if (!prev) {
      fresh.push({ roadmapId, key: item.key, ...data });
      continue;
    }
    const stale =
      prev.key !== item.key ||
      prev.removedAt !== null ||
      prev.position !== position ||
      prev.search !== data.search ||
      prev.sectionId !== data.sectionId ||
      prev.number !== data.number ||
      contentChangedRow(prev, data);
    if (stale) await tx.item.update({ where: { id: prev.id }, data: { ...data, key: item.key, removedAt: null } });
  }
  if (fresh.length) await tx.item.createMany({ data: fresh });
  for (const gone of plan.gone) {
    const key = finalKey.get(gone.id)!;
    if (gone.removedAt) {
      if (key !== gone.key) await tx.item.update({ where: { id: gone.id }, data: { key } });
      continue;
    }
    await tx.item.update({ where: { id: gone.id }, data: { key, removedAt: now, position: items.length + gone.position } });
  }
  return { diff: plan.diff };
}

const CONTENT_FIELDS = [
  "title",
  "result",
  "deadlineText",
  "deadlineKind",
  "deadlineStart",
  "deadlineDue",
  "checkpoints",
  "every",
  "responsibleText",
  "responsible",
  "evidenceRequirement",
  "flags",
] as const;

function contentChangedRow(prev: Record<(typeof CONTENT_FIELDS)[number], unknown>, data: ReturnType<typeof itemData>): boolean {
  return CONTENT_FIELDS.some((f) => prev[f] !== data[f]);
}

async function saveOrganizationsAndPeople(tx: Tx, roadmapId: number, result: ImportResult): Promise<void> {
  const r = result.roadmap;
  const district = r.authority;
  if (r.authority) await findOrCreateOrganization(tx, r.authority, "authority");

  const flagsFor = (name: string): SchoolFlags | undefined => r.schoolFlags?.find((f) => f.school === name);
  for (const name of r.schools) await findOrCreateSchool(tx, name, district, flagsFor(name) ?? flagsInName(name));
  for (const f of r.schoolFlags ?? []) if (!r.schools.includes(f.school)) await findOrCreateSchool(tx, f.school, district, f);

  // curators appointed by this document: replaced on re-import; others (set by hand for this roadmap too) untouched
  await tx.curatorship.deleteMany({ where: { roadmapId, fromDocument: true } });
  for (const link of r.curators) {
    const school = await findOrCreateSchool(tx, link.school, district, flagsFor(link.school) ?? flagsInName(link.school));
    if (link.curatorKind === "person") {
      const person = await findOrCreatePerson(tx, link.curator, link.position ?? null);
      await tx.curatorship.create({ data: { schoolId: school.id, personId: person.id, roadmapId, fromDocument: true } });
      await ensureRole(tx, person.id, "curator", roadmapId);
    } else {
      const org = schoolKey(link.curator, district)
        ? await findOrCreateSchool(tx, link.curator, district)
        : await findOrCreateOrganization(tx, link.curator, "external");
      await tx.curatorship.create({ data: { schoolId: school.id, curatorOrgId: org.id, roadmapId, fromDocument: true } });
    }
  }

  // named executors exist as people so they can be invited and assigned (each name once)
  const named = new Map<string, string | null>();
  for (const item of result.items) {
    for (const party of item.responsible) {
      if (party.kind === "person" && party.name.trim() && !named.get(party.name)) named.set(party.name, party.position ?? null);
    }
  }
  for (const [name, position] of named) await findOrCreatePerson(tx, name, position);
}

/** «МКОУ «СОШ № 3» (ШНОР)» — flags written next to a school's name. */
function flagsInName(name: string): SchoolFlags {
  const n = searchText(name);
  return { school: name, shnor: /шнор/.test(n), shnsu: /шнсу/.test(n), risk: /групп\S* риска|зон\S* риска/.test(n) };
}

async function ensureRole(tx: Tx, personId: number, role: string, roadmapId: number): Promise<void> {
  await tx.personRole.upsert({
    where: { personId_role_roadmapId: { personId, role, roadmapId } },
    create: { personId, role, roadmapId },
    update: {},
  });
}

/**
 * The person with this short name («Полухина Е.А.»), or a new one. Matching ignores case, ё/е
 * and spacing; a removed person is not reused. A position fills a blank one.
 */
async function findOrCreatePerson(tx: Tx | Db, shortName: string, position: string | null) {
  const name = shortName.replace(/\s+/g, " ").trim();
  const key = searchText(name).replace(/\s+/g, "");
  const surname = searchText(name.split(" ")[0] ?? name);
  const candidates = await tx.person.findMany({
    where: { removedAt: null, OR: [{ shortName: name }, { search: { startsWith: surname } }] },
    orderBy: { id: "asc" },
  });
  const found = candidates.find((p) => searchText(p.shortName).replace(/\s+/g, "") === key);
  // the same search text as services/people.ts gives: full name, short name, position
  const search = (fullName: string, short: string, pos: string | null) => searchText([fullName, short, pos ?? ""].join(" "));
  if (found) {
    if (!found.position && position) {
      return tx.person.update({ where: { id: found.id }, data: { position, search: search(found.fullName, found.shortName, position) } });
    }
    return found;
  }
  return tx.person.create({ data: { fullName: name, shortName: name, position, search: search(name, name, position) } });
}

/** A school by its key (see core/schools.ts), or a new one; flags only ever get added. A non-school name becomes an external organisation. */
export async function findOrCreateSchool(tx: Tx | Db, name: string, district: string | null, flags?: SchoolFlags) {
  const key = schoolKey(name, district);
  if (!key) return findOrCreateOrganization(tx, name, "external");
  const schools = await tx.organization.findMany({ where: { kind: "school" }, orderBy: { id: "asc" } });
  const found = schools.find((s) => s.schoolKey === key) ?? schools.find((s) => s.schoolKey && sameSchoolKey(s.schoolKey, key));
  const flagData = { isShnor: !!flags?.shnor, isShnsu: !!flags?.shnsu, isRisk: !!flags?.risk };
  if (!found) {
    return tx.organization.create({ data: { name: name.trim(), kind: "school", schoolKey: key, search: searchText(name), ...flagData } });
  }
  const update: Prisma.OrganizationUpdateInput = {};
  if (flagData.isShnor && !found.isShnor) update.isShnor = true;
  if (flagData.isShnsu && !found.isShnsu) update.isShnsu = true;
  if (flagData.isRisk && !found.isRisk) update.isRisk = true;
  // the stored key lacked the place this name gives: keep the more precise identity
  if (found.schoolKey && found.schoolKey.endsWith("|") && !key.endsWith("|") && !schools.some((s) => s.schoolKey === key)) {
    update.schoolKey = key;
    update.name = name.trim();
    update.search = searchText(name);
  }
  return Object.keys(update).length ? tx.organization.update({ where: { id: found.id }, data: update }) : found;
}

/** An organisation of this kind with this name (compared as search text), or a new one. */
export async function findOrCreateOrganization(tx: Tx | Db, name: string, kind: "authority" | "school" | "external") {
  const search = searchText(name);
  const found = await tx.organization.findFirst({ where: { kind, search }, orderBy: { id: "asc" } });
  return found ?? tx.organization.create({ data: { name: name.trim(), kind, search } });
}

export interface SavedItem {
  id: number;
  key: string;
  sectionId: number | null;
  responsible: ResponsibleParty[];
}

/**
 * The live (not removed) items of a saved roadmap with their parsed responsible parties, in order:
 * what services/assign.ts turns into Assignments after `saveImport`.
 */
export async function loadSavedItems(db: Tx | Db, roadmapId: number): Promise<SavedItem[]> {
  const rows = await db.item.findMany({ where: { roadmapId, removedAt: null }, orderBy: { position: "asc" } });
  return rows.map((i) => ({ id: i.id, key: i.key, sectionId: i.sectionId, responsible: orNone(() => readResponsible(i), []) }));
}
