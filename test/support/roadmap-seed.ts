import type { Db } from "../../services/db.ts";

// Roadmap, items and assignments written straight with Prisma, for chat tests that should not
// depend on the importer.

export interface SeedItem {
  key: string;
  title: string;
  due?: string | null;
  deadlineText?: string | null;
  kind?: string;
  result?: string | null;
  evidence?: string | null;
  /** who it is assigned to (null: unresolved) */
  personId?: number | null;
  schoolId?: number | null;
  status?: string;
}

export async function seedRoadmap(
  db: Db,
  opts: { title?: string; timezone?: string; status?: string; identity?: string; orderNumber?: string; orderDate?: string; activeFrom?: string; items: SeedItem[] },
): Promise<{ roadmapId: number; assignmentIds: Record<string, number> }> {
  const roadmap = await db.roadmap.create({
    data: {
      identity: opts.identity ?? `seed-${Math.random().toString(36).slice(2)}`,
      title: opts.title ?? "Дорожная карта по повышению качества образования",
      timezone: opts.timezone ?? "Asia/Yakutsk",
      status: opts.status ?? "active",
      contentHash: "seed",
      orderNumber: opts.orderNumber ?? null,
      orderDate: opts.orderDate ?? null,
      activeFrom: opts.activeFrom ?? null,
    },
  });
  const assignmentIds: Record<string, number> = {};
  let position = 0;
  for (const it of opts.items) {
    const item = await db.item.create({
      data: {
        roadmapId: roadmap.id,
        key: it.key,
        number: it.key,
        title: it.title,
        result: it.result ?? null,
        evidenceRequirement: it.evidence ?? null,
        deadlineText: it.deadlineText ?? null,
        deadlineKind: it.kind ?? (it.due ? "date" : "none"),
        deadlineDue: it.due ?? null,
        checkpoints: JSON.stringify(it.due ? [it.due] : []),
        position: position++,
      },
    });
    const a = await db.assignment.create({
      data: { itemId: item.id, personId: it.personId ?? null, schoolId: it.schoolId ?? null, status: it.status ?? "not_started" },
    });
    assignmentIds[it.key] = a.id;
  }
  return { roadmapId: roadmap.id, assignmentIds };
}
