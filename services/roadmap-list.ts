import type { Db } from "./db.ts";

// Every roadmap with what a coordinator needs to tell them apart: id, status, order, and counts of
// мероприятия (items) and поручения (assignments, and those still without an executor). `/roadmaps`
// and the CLI's `roadmaps` read this. A few queries whatever the number of roadmaps.

export interface RoadmapSummary {
  id: number;
  /** draft | active | archived */
  status: string;
  title: string;
  orderNumber: string | null;
  orderDate: string | null;
  activeFrom: string | null;
  items: number;
  assignments: number;
  unassigned: number;
}

export async function listRoadmaps(db: Db): Promise<RoadmapSummary[]> {
  const roadmaps = await db.roadmap.findMany({
    orderBy: { id: "asc" },
    select: { id: true, status: true, title: true, orderNumber: true, orderDate: true, activeFrom: true },
  });
  const items = await db.item.groupBy({ by: ["roadmapId"], where: { removedAt: null }, _count: { _all: true } });
  const itemCount = new Map(items.map((i) => [i.roadmapId, i._count._all]));
  const out: RoadmapSummary[] = [];
  for (const r of roadmaps) {
    const live = { item: { roadmapId: r.id, removedAt: null } };
    const [assignments, unassigned] = await Promise.all([db.assignment.count({ where: live }), db.assignment.count({ where: { ...live, personId: null } })]);
    out.push({ ...r, items: itemCount.get(r.id) ?? 0, assignments, unassigned });
  }
  return out;
}
