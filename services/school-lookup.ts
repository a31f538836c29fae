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
