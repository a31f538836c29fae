import type { Db } from "../services/db.ts";
import { byPages } from "../services/paging.ts";
import { effectiveDue, toStatus } from "../core/status.ts";
import { addressName } from "../core/names.ts";
import type { ReminderSubject } from "./messages.ts";

/** An item as the subjects read it: its texts, and its schedule (what a page drawn again needs to say why it reminded). */
export interface SubjectItem {
  key: string;
  title: string;
  deadlineKind: string;
  deadlineStart: string | null;
  checkpoints: string;
  every: string | null;
  id: number;
  deadlineDue: string | null;
  deadlineText: string | null;
  result: string | null;
  evidenceRequirement: string | null;
  roadmapId: number;
}

/**
 * The items behind the claimed reminders, read when their messages are built: the messages built
 * in one turn of the event loop ask together (a few statements a page of assignments, not one
 * each). An item's texts, a person's and a school's names are read once per tick and shared by
 * every reminder about them, not copied into each assignment's row.
 */
export class Subjects {
  #map = new Map<number, ReminderSubject>();
  /** per assignment: its item and postponement (the reminder pages' facts, read with the subject) */
  #facts = new Map<number, { item: SubjectItem; dueOverride: string | null; schoolId: number | null }>();
  #items = new Map<number, SubjectItem>();
  #people = new Map<number, { shortName: string; fullName: string }>();
  #schools = new Map<number, string>();
  #roadmaps = new Map<number, string>();
  #activeRoadmaps: number | null = null;
  /** asked for, waiting for the next read */
  #wanted = new Set<number>();
  /** being read: by id, the read that brings it */
  #reading = new Map<number, Promise<void>>();
  #next: Promise<void> | null = null;
  constructor(private readonly db: Db) {}

  get(id: number): ReminderSubject | undefined {
    return this.#map.get(id);
  }

  /** The item and postponement behind an assignment read with its subject. */
  facts(id: number): { item: SubjectItem; dueOverride: string | null; schoolId: number | null } | undefined {
    return this.#facts.get(id);
  }

  /** Reads the subjects of these assignments (with whatever else is asked in this turn), once each. */
  async need(assignmentIds: readonly number[]): Promise<void> {
    const waits = new Set<Promise<void>>();
    for (const id of assignmentIds) {
      if (this.#map.has(id)) continue;
      const reading = this.#reading.get(id);
      if (reading) waits.add(reading);
      else this.#wanted.add(id);
    }
    if (this.#wanted.size > 0) {
      this.#next ??= new Promise<void>((r) => setImmediate(r)).then(() => {
        const ids = [...this.#wanted];
        this.#wanted.clear();
        this.#next = null;
        const read = this.#load(ids).finally(() => {
          for (const id of ids) this.#reading.delete(id);
        });
        for (const id of ids) this.#reading.set(id, read);
        return read;
      });
      waits.add(this.#next);
    }
    await Promise.all(waits);
  }

  async #load(ids: number[]): Promise<void> {
    const db = this.db;
    this.#activeRoadmaps ??= await db.roadmap.count({ where: { status: "active" } });
    const several = this.#activeRoadmaps > 1;
    const rows = await byPages(ids, (page) =>
      db.assignment.findMany({
        where: { id: { in: page } },
        select: { id: true, itemId: true, status: true, dueOverride: true, personId: true, schoolId: true, _count: { select: { evidence: true } } },
      }),
    );
    const unknown = <K>(keys: Iterable<K | null>, known: Map<K, unknown>): K[] => [...new Set([...keys].filter((k): k is K => k !== null && !known.has(k)))];
    const itemIds = unknown(rows.map((a) => a.itemId), this.#items);
    for (const i of await byPages(itemIds, (page) =>
      db.item.findMany({ where: { id: { in: page } }, select: { id: true, key: true, title: true, deadlineKind: true, deadlineStart: true, deadlineDue: true, checkpoints: true, every: true, deadlineText: true, result: true, evidenceRequirement: true, roadmapId: true } }),
    )) this.#items.set(i.id, i);
    for (const p of await byPages(unknown(rows.map((a) => a.personId), this.#people), (page) =>
      db.person.findMany({ where: { id: { in: page } }, select: { id: true, shortName: true, fullName: true } }),
    )) this.#people.set(p.id, p);
    for (const o of await byPages(unknown(rows.map((a) => a.schoolId), this.#schools), (page) =>
      db.organization.findMany({ where: { id: { in: page } }, select: { id: true, name: true, shortName: true } }),
    )) this.#schools.set(o.id, o.shortName ?? o.name);
    if (several) {
      const roadmapIds = unknown(itemIds.map((id) => this.#items.get(id)?.roadmapId ?? null), this.#roadmaps);
      for (const r of await byPages(roadmapIds, (page) => db.roadmap.findMany({ where: { id: { in: page } }, select: { id: true, title: true } }))) this.#roadmaps.set(r.id, r.title);
    }
    for (const a of rows) {
      const item = this.#items.get(a.itemId);
      if (!item) continue; // deleted meanwhile
      const person = a.personId !== null ? this.#people.get(a.personId) : undefined;
      this.#facts.set(a.id, { item, dueOverride: a.dueOverride, schoolId: a.schoolId });
      this.#map.set(a.id, {
        assignmentId: a.id,
        // with several roadmaps running, keys are typed as «<roadmap id>/<key>»
        itemKey: several ? `${item.roadmapId}/${item.key}` : item.key,
        itemTitle: item.title,
        due: effectiveDue(item.deadlineDue, a.dueOverride),
        status: toStatus(a.status),
        executorName: person?.shortName ?? null,
        executorAddress: person ? addressName(person.fullName) : null,
        executorId: a.personId,
        schoolName: a.schoolId !== null ? (this.#schools.get(a.schoolId) ?? null) : null,
        deadlineText: item.deadlineText,
        result: item.result,
        evidenceRequirement: item.evidenceRequirement,
        roadmapTitle: several ? (this.#roadmaps.get(item.roadmapId) ?? null) : null,
        evidenceCount: a._count.evidence,
      });
    }
  }
}
