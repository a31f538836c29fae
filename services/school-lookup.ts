import type { Db } from "./db.ts";
import { sameSchoolKey, schoolKey, searchText } from "../core/schools.ts";

// Finding a stored school by a name someone typed (`person add --school`), never creating one:
// a misspelt school must not become a second school that nobody's roadmap mentions. When there
// is no such school, the closest stored names are offered instead.

interface StoredSchool {
  id: number;
  name: string;
}

export type SchoolLookup = { school: StoredSchool; close: [] } | { school: null; close: string[] };

const GENERIC = new Set(["мбоу", "мкоу", "моу", "маоу", "гбоу", "гоу", "чоу", "оу", "сош", "оош", "нош", "школа", "средняя", "основная", "начальная", "общеобразовательная", "муниципальное", "бюджетное", "казенное", "автономное", "общеобразовательное", "учреждение", "им", "имени"]);

function words(text: string): Set<string> {
  return new Set(
    searchText(text)
      .replace(/[«»"“”„'.,()№]/g, " ")
      .split(" ")
      .filter((w) => w.length >= 2 && !GENERIC.has(w)),
  );
}

/** How alike two school names are: the number counts most, then the place, the type and the words. */
function likeness(typed: string, typedKey: string | null, stored: { name: string; schoolKey: string | null }): number {
  let score = 0;
  if (typedKey && stored.schoolKey) {
    const [ta, na, pa] = typedKey.split("|");
    const [tb, nb, pb] = stored.schoolKey.split("|");
    if (na && na === nb) score += 3;
    if (pa && pb && (pa.startsWith(pb.slice(0, 4)) || pb.startsWith(pa.slice(0, 4)))) score += 2;
    if (ta === tb) score += 1;
  }
  const a = words(typed);
  for (const w of words(stored.name)) if (a.has(w) || [...a].some((x) => x.length >= 5 && w.startsWith(x.slice(0, 5)))) score += 1;
  return score;
}

export async function findSchool(db: Db, name: string, maxClose = 5): Promise<SchoolLookup> {
  const schools = await db.organization.findMany({ where: { kind: "school" }, select: { id: true, name: true, schoolKey: true, search: true }, orderBy: { id: "asc" } });
  const search = searchText(name);
  const pick = (s: { id: number; name: string }): SchoolLookup => ({ school: { id: s.id, name: s.name }, close: [] });
  const byName = schools.filter((s) => s.search === search);
  if (byName.length === 1) return pick(byName[0]!);
  const key = schoolKey(name, null);
  if (key) {
    const exact = schools.filter((s) => s.schoolKey === key);
    if (exact.length === 1) return pick(exact[0]!);
    const alike = schools.filter((s) => s.schoolKey !== null && sameSchoolKey(s.schoolKey, key));
    if (alike.length === 1) return pick(alike[0]!);
    // «СОШ № 3» with two such schools in different places: the person has to say which
    if (alike.length > 1) return { school: null, close: alike.slice(0, maxClose).map((s) => s.name) };
  }
  const close = schools
    .map((s) => ({ name: s.name, score: likeness(name, key, s) }))
    .filter((s) => s.score >= 2)
    .sort((a, b) => b.score - a.score)
    .slice(0, maxClose)
    .map((s) => s.name);
  return { school: null, close };
}

/** Schools whose name contains the text (Cyrillic-folded `search` column), else the same school identity. */
export async function findSchools(db: Db, text: string): Promise<Array<{ id: number; name: string }>> {
  const needle = searchText(text.replace(/[«»"“”„]/g, ""));
  if (!needle) return [];
  const bySearch = await db.organization.findMany({
    where: { kind: "school", search: { contains: needle } },
    select: { id: true, name: true, search: true },
    orderBy: { name: "asc" },
  });
  // LIKE takes % and _ in the needle as wildcards (Prisma does not escape them): only real matches count
  const matching = bySearch.filter((o) => o.search.includes(needle)).map((o) => ({ id: o.id, name: o.name }));
  if (matching.length > 0) return matching;
  const key = schoolKey(text);
  if (!key) return [];
  const schools = await db.organization.findMany({ where: { kind: "school" }, select: { id: true, name: true, schoolKey: true }, orderBy: { name: "asc" } });
  return schools.filter((s) => s.schoolKey && sameSchoolKey(s.schoolKey, key)).map((s) => ({ id: s.id, name: s.name }));
}

/** A stored school by id (null: none, or not a school). */
export async function schoolById(db: Db, id: number): Promise<{ id: number; name: string } | null> {
  const school = await db.organization.findUnique({ where: { id }, select: { id: true, name: true, kind: true } });
  return school && school.kind === "school" ? { id: school.id, name: school.name } : null;
}
