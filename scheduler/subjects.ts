import type { Db } from "../services/db.ts";
import { byPages } from "../services/paging.ts";
import { effectiveDue, toStatus } from "../core/status.ts";
import { addressName } from "../core/names.ts";
import type { ReminderSubject } from "./messages.ts";

/** The items behind the claimed reminders, read a page at a time once the claims are known. */
export class Subjects {
  #map = new Map<number, ReminderSubject>();
  constructor(private readonly db: Db) {}

  get(id: number): ReminderSubject | undefined {
    return this.#map.get(id);
  }

  async load(assignmentIds: number[]): Promise<void> {
    const ids = [...new Set(assignmentIds)].filter((id) => !this.#map.has(id));
    if (ids.length === 0) return;
    const activeRoadmaps = await this.db.roadmap.count({ where: { status: "active" } });
    const rows = await byPages(ids, (page) =>
      this.db.assignment.findMany({
        where: { id: { in: page } },
        select: {
          id: true,
          status: true,
          dueOverride: true,
          personId: true,
          person: { select: { shortName: true, fullName: true } },
          school: { select: { name: true, shortName: true } },
          item: { select: { key: true, title: true, deadlineDue: true, deadlineText: true, result: true, evidenceRequirement: true, roadmap: { select: { id: true, title: true } } } },
          _count: { select: { evidence: true } },
        },
      }),
    );
    for (const a of rows) {
      this.#map.set(a.id, {
        assignmentId: a.id,
        // with several roadmaps running, keys are typed as «<roadmap id>/<key>»
        itemKey: activeRoadmaps > 1 ? `${a.item.roadmap.id}/${a.item.key}` : a.item.key,
        itemTitle: a.item.title,
        due: effectiveDue(a.item.deadlineDue, a.dueOverride),
        status: toStatus(a.status),
        executorName: a.person?.shortName ?? null,
        executorAddress: a.person ? addressName(a.person.fullName) : null,
        executorId: a.personId,
        schoolName: a.school ? (a.school.shortName ?? a.school.name) : null,
        deadlineText: a.item.deadlineText,
        result: a.item.result,
        evidenceRequirement: a.item.evidenceRequirement,
        roadmapTitle: activeRoadmaps > 1 ? a.item.roadmap.title : null,
        evidenceCount: a._count.evidence,
      });
    }
  }
}
