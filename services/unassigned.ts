import type { Db } from "./db.ts";
import { FINAL_STATUSES, toStatus, type Status } from "../core/status.ts";


// /unassigned: the assignments still without anyone (services/assign.ts leaves them with personId null).

export interface UnassignedRow {
  assignmentId: number;
  roadmapId: number;
  itemKey: string;
  itemTitle: string;
  partyText: string | null;
  schoolName: string | null;
  status: Status;
}

export async function listUnassigned(db: Db, roadmapId?: number): Promise<UnassignedRow[]> {
  const rows = await db.assignment.findMany({
    where: {
      personId: null,
      status: { notIn: [...FINAL_STATUSES] },
      item: { removedAt: null, ...(roadmapId !== undefined ? { roadmapId } : {}), roadmap: { status: { not: "archived" } } },
    },
    select: {
      id: true,
      partyText: true,
      status: true,
      school: { select: { name: true } },
      item: { select: { key: true, title: true, roadmapId: true, position: true } },
    },
  });
  rows.sort((a, b) => a.item.roadmapId - b.item.roadmapId || a.item.position - b.item.position || a.id - b.id);
  return rows.map((r) => ({
    assignmentId: r.id,
    roadmapId: r.item.roadmapId,
    itemKey: r.item.key,
    itemTitle: r.item.title,
    partyText: r.partyText,
    schoolName: r.school?.name ?? null,
    status: toStatus(r.status),
  }));
}
