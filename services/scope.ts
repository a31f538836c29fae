import type { Db } from "./db.ts";

// Who sees what — one rule for every command, notice and export:
//   coordinator         every roadmap, whole
//   deputy head         the roadmaps of their role rows (a row without a roadmap: every roadmap), whole
//   controller          the roadmap whose order names them, whole
//   curator             the schools of their appointments (their own, or through a curator
//                       organisation they are a contact of), each in the appointment's roadmap
//                       only — an appointment without a roadmap holds in every roadmap
// The commands (/school, /overdue, /digest, /export, /roadmap) use `scopeOf` (/export then
// `exportableRoadmaps`), the digest
// `scopeOfPerson`; routing of reviews and escalations (services/verification.ts,
// scheduler/plan.ts) works school by school and uses `appliesTo`.

export interface Scope {
  all: boolean;
  /** roadmaps seen whole; null = every roadmap */
  roadmapIds: number[] | null;
  /** a curator's schools, each with the roadmap of the appointment (null = every roadmap) */
  curated: Array<{ schoolId: number; roadmapId: number | null }>;
}

export interface RoleRow {
  role: string;
  roadmapId: number | null;
}

/** Does an appointment (a curatorship, a deputy's role row) made for `appointedFor` hold in this roadmap? */
export function appliesTo(appointedFor: number | null, roadmapId: number): boolean {
  return appointedFor === null || appointedFor === roadmapId;
}

/** The scope of a person whose role rows are at hand (the bot's `ctx.person`); null: nobody, sees nothing. */
export async function scopeOf(db: Db, person: { id: number; roles: RoleRow[] } | null): Promise<Scope> {
  if (!person) return { all: false, roadmapIds: [], curated: [] };
  if (person.roles.some((r) => r.role === "coordinator")) return { all: true, roadmapIds: null, curated: [] };
  const deputyRows = person.roles.filter((r) => r.role === "deputy");
  const [controlled, curated] = await Promise.all([
    db.roadmap.findMany({ where: { controllerId: person.id }, select: { id: true } }),
    db.curatorship.findMany({
      where: { OR: [{ personId: person.id }, { curatorOrg: { contacts: { some: { personId: person.id } } } }] },
      select: { schoolId: true, roadmapId: true },
      orderBy: { id: "asc" },
    }),
  ]);
  const everyRoadmap = deputyRows.some((r) => r.roadmapId === null);
  const roadmapIds = everyRoadmap ? null : [...new Set([...deputyRows.map((r) => r.roadmapId!), ...controlled.map((r) => r.id)])].sort((a, b) => a - b);
  return { all: everyRoadmap, roadmapIds, curated: curated.map((c) => ({ schoolId: c.schoolId, roadmapId: c.roadmapId })) };
}

/** The scope of a person by id (the scheduler's digests). */
export async function scopeOfPerson(db: Db, personId: number): Promise<Scope> {
  const roles = await db.personRole.findMany({ where: { personId }, select: { role: true, roadmapId: true } });
  return scopeOf(db, { id: personId, roles });
}

/** Does this scope see the whole roadmap? */
function seesWhole(scope: Scope, roadmapId: number): boolean {
  return scope.all || scope.roadmapIds === null || scope.roadmapIds.includes(roadmapId);
}

/** In one roadmap: null = the whole roadmap; else the schools seen there (possibly none). */
export function schoolsIn(scope: Scope, roadmapId: number): number[] | null {
  if (seesWhole(scope, roadmapId)) return null;
  return [...new Set(scope.curated.filter((c) => appliesTo(c.roadmapId, roadmapId)).map((c) => c.schoolId))].sort((a, b) => a - b);
}

/** Sees only curated schools (no roadmap whole): a curator and nothing more. */
export function curatorOnly(scope: Scope): boolean {
  return !scope.all && scope.roadmapIds !== null && scope.roadmapIds.length === 0;
}

/** Schools curated in some roadmap (for finding a school by name before choosing the roadmaps). */
export function curatedSchoolIds(scope: Scope): number[] {
  return [...new Set(scope.curated.map((c) => c.schoolId))];
}

export interface VisibleRoadmap {
  id: number;
  title: string;
  orderNumber: string | null;
  orderDate: string | null;
  timezone: string;
  needsVerification: boolean;
  /** the schools seen in it; undefined = the whole roadmap */
  schoolIds: number[] | undefined;
}

/** The active roadmaps this scope sees, whole or through some schools, in id order. */
export async function visibleRoadmaps(db: Db, scope: Scope): Promise<VisibleRoadmap[]> {
  const roadmaps = await db.roadmap.findMany({
    where: { status: "active" },
    select: { id: true, title: true, orderNumber: true, orderDate: true, timezone: true, needsVerification: true },
    orderBy: { id: "asc" },
  });
  const out: VisibleRoadmap[] = [];
  for (const r of roadmaps) {
    const schools = schoolsIn(scope, r.id);
    if (schools === null) out.push({ ...r, schoolIds: undefined });
    else if (schools.length > 0) out.push({ ...r, schoolIds: schools });
  }
  return out;
}

/** The visible roadmaps that have something to export: one seen through some schools only where those schools have work. */
export async function exportableRoadmaps(db: Db, scope: Scope): Promise<VisibleRoadmap[]> {
  const out: VisibleRoadmap[] = [];
  for (const r of await visibleRoadmaps(db, scope)) {
    if (r.schoolIds) {
      const some = await db.item.findFirst({ where: { roadmapId: r.id, removedAt: null, assignments: { some: { schoolId: { in: r.schoolIds } } } }, select: { id: true } });
      if (!some) continue;
    }
    out.push(r);
  }
  return out;
}
