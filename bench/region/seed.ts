import type { Prisma } from "@prisma/client";
import { DateTime } from "luxon";
import type { ImportResult, ImportedItem, ResponsibleParty } from "../../core/types.ts";
import { importFixture, personSearch, saveRoadmap, schoolKey, searchText, type Db } from "./product.ts";
import { FEMALE_NAMES, MALE_NAMES, PATRONYMICS, SCHOOL_STAFF, SURNAMES, TOWNS, VILLAGES, femaleSurname } from "./names.ts";

// A region written into any database the product opens: districts (each an authority with its
// own roadmap), regional roadmaps over every school, schools in eleven time zones, the people of
// the schools and authorities, and a year of assignments with statuses, evidence, check-ins and
// history as of one Monday. Roadmap items come from the real fixtures through the real importer
// and store (three fixtures per district, dates moved to the bench's year), so deadlines, kinds and
// parties are a real document's. Assignments are written directly (not through services/assign.ts,
// whose fan-out is itself under repair): a school-level party gets one row per school of the
// roadmap, an authority-level one a specialist of the authority, anyone else stays unresolved.
// Every write is Prisma's createMany (chunked by Prisma under the driver's parameter cap), so the
// seeder runs unchanged on any provider. Deterministic for given parameters.

export const ZONES = [
  "Europe/Kaliningrad", "Europe/Moscow", "Europe/Samara", "Asia/Yekaterinburg", "Asia/Omsk", "Asia/Novosibirsk",
  "Asia/Irkutsk", "Asia/Yakutsk", "Asia/Vladivostok", "Asia/Magadan", "Asia/Kamchatka",
] as const;

export interface RegionParams {
  /** 1 = the region of issue 12; 0.1 = a tenth of everything */
  scale: number;
  schools: number;
  districts: number;
  people: number;
  /** the total aimed at; the regional roadmaps' item count is chosen to reach it */
  assignments: number;
  regionalRoadmaps: number;
  /** the Monday the bench looks at (ISO date); statuses and history are as of its morning */
  monday: string;
  /** the regional authority's zone (regional roadmaps and staff) */
  regionalZone: string;
  seed: number;
}

export function regionParams(scale: number, over: Partial<RegionParams> = {}): RegionParams {
  return {
    scale,
    schools: Math.max(4, Math.round(1000 * scale)),
    districts: Math.max(2, Math.round(60 * scale)),
    people: Math.max(60, Math.round(10_000 * scale)),
    assignments: Math.max(500, Math.round(100_000 * scale)),
    regionalRoadmaps: 1,
    // the end of a half-year, a quarter and a month: «до 30.06» deadlines and monthly and quarterly check-ins meet
    monday: "2025-06-30",
    regionalZone: "Europe/Moscow",
    seed: 12,
    ...over,
  };
}

interface BenchUser {
  personId: number;
  chatId: string;
  name: string;
}

/** What the benches need to know about the seeded region (kept beside the cached file). */
export interface RegionWorld {
  params: RegionParams;
  districtRoadmapIds: number[];
  regionalRoadmapIds: number[];
  users: {
    /** the school executor with the most assignments */
    executor: BenchUser & { assignments: number };
    /** a regional curator: ~20 schools in several districts */
    curator: BenchUser & { schools: number; districts: number; schoolText: string };
    /** the regional deputy head: every roadmap */
    regionalDeputy: BenchUser;
    districtDeputy: BenchUser & { roadmapId: number };
    coordinator: BenchUser;
  };
  /** a school text for /school as a deputy head or coordinator would type it */
  anySchoolText: string;
  counts: Record<string, number>;
}

const FIXTURES = [
  "bagan-2024-roadmap.txt",
  "bolshebereznikovsky-2020-2022-program.txt",
  "borovsk-2021-order.txt",
  "skovorodino-2023-roadmap.txt",
  "bodaibo-2023-order.txt",
];

const CHUNK = 5000;

/** A small deterministic generator (mulberry32): the same parameters give the same region. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!,
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof random>;

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

const day = (iso: string) => DateTime.fromISO(iso, { zone: "UTC" });
const iso = (d: DateTime) => d.toISODate()!;
const addDays = (date: string, n: number) => iso(day(date).plus({ days: n }));

// ---------- items from the fixtures ----------

function shiftYear(date: string | null, years: number): string | null {
  if (!date || years === 0) return date;
  return iso(day(date).plus({ years }));
}

/** Moves a document's dates by whole years so that its middle year is the bench's year. */
function rebase(result: ImportResult, monday: string): ImportResult {
  const years0 = result.items.flatMap((i) => [i.deadline.start, i.deadline.due, ...i.deadline.checkpoints]).filter((d): d is string => !!d).map((d) => Number(d.slice(0, 4)));
  const middle = years0.sort((a, b) => a - b)[Math.floor(years0.length / 2)] ?? Number(monday.slice(0, 4));
  const years = Number(monday.slice(0, 4)) - middle;
  const text = (t: string) => t.replace(/\b(20\d\d)\b/g, (y) => String(Number(y) + years));
  return {
    ...result,
    roadmap: { ...result.roadmap, years: result.roadmap.years.map((y) => y + years), orderDate: shiftYear(result.roadmap.orderDate, years) },
    items: result.items.map((i) => ({
      ...i,
      deadline: {
        ...i.deadline,
        text: text(i.deadline.text),
        start: shiftYear(i.deadline.start, years),
        due: shiftYear(i.deadline.due, years),
        checkpoints: i.deadline.checkpoints.map((c) => shiftYear(c, years)!),
      },
    })),
  };
}

/** A later round of the same work: dates a few months on (kept within the year after), «(этап N)». */
function laterRound(item: ImportedItem, round: number): ImportedItem {
  const months = 2 * round;
  const move = (d: string | null) => (d ? iso(day(d).plus({ months })) : d);
  return {
    ...item,
    title: `${item.title} (этап ${round + 1})`,
    deadline: { ...item.deadline, start: move(item.deadline.start), due: move(item.deadline.due), checkpoints: item.deadline.checkpoints.map((c) => move(c)!) },
  };
}

/** Items of several documents in one roadmap: keys renumbered so each document's sections follow the last one's. */
function merge(parts: ImportedItem[][]): ImportedItem[] {
  const out: ImportedItem[] = [];
  const used = new Set<string>();
  let offset = 0;
  for (const items of parts) {
    let top = 0;
    for (const item of items) {
      const m = /^(\d+)(.*)$/.exec(item.key);
      let key = m ? `${Number(m[1]) + offset}${m[2]}` : `${offset + 1}.${item.key}`;
      if (m) top = Math.max(top, Number(m[1]));
      while (used.has(key)) key = `${key}a`;
      used.add(key);
      out.push({ ...item, key, number: key });
    }
    offset += Math.max(top, 1);
  }
  return out;
}

type Level = "school" | "authority" | "external";

const SCHOOL_PARTY = /(^|[^а-я])(оо|оу)([^а-я]|$)|школ|образовательн\S* (организац|учрежд)|руководител|педагог|учител|директор/;
const AUTHORITY_PARTY = /управлени|отдел|министерств|минобр|мку|моуо|муо|цимо|имоо|комитет|администрац|методическ|(^|[^а-я])рм[со]([^а-я]|$)/;

/** Who does a party's work: every school, the authority's staff, or someone outside (left unresolved). */
function partyLevel(p: ResponsibleParty): Level {
  if (p.kind === "person") return "authority";
  const s = searchText(p.name || p.text);
  if (SCHOOL_PARTY.test(s) && !AUTHORITY_PARTY.test(s)) return "school";
  if (AUTHORITY_PARTY.test(s)) return "authority";
  return "external";
}

interface ItemShape {
  levels: Set<Level>;
  schoolParty: string | null;
  authorityParty: string | null;
  externalParty: string | null;
}

function shapeOf(responsible: ResponsibleParty[]): ItemShape {
  const doers = responsible.filter((p) => !/контрол/i.test(p.note ?? ""));
  const list = doers.length > 0 ? doers : responsible;
  const shape: ItemShape = { levels: new Set(), schoolParty: null, authorityParty: null, externalParty: null };
  for (const p of list) {
    const level = partyLevel(p);
    shape.levels.add(level);
    const name = p.name || p.text;
    if (level === "school") shape.schoolParty ??= name;
    else if (level === "authority") shape.authorityParty ??= name;
    else shape.externalParty ??= name;
  }
  if (shape.levels.size === 0) {
    shape.levels.add("authority");
    shape.authorityParty = "Ответственный не указан";
  }
  return shape;
}

function rowsPerItem(shape: ItemShape, schools: number): number {
  return (shape.levels.has("school") ? schools : 0) + (shape.levels.has("authority") ? 1 : 0) + (shape.levels.has("external") ? 1 : 0);
}

// ---------- statuses as of the Monday ----------

interface Outcome {
  status: string;
  doneAt: Date | null;
  dueOverride: string | null;
}

function at(date: string, hourUtc: number): Date {
  return day(date).set({ hour: hourUtc }).toJSDate();
}

function weighted(rng: Rng, table: Array<[string, number]>): string {
  let x = rng.next() * table.reduce((n, [, w]) => n + w, 0);
  for (const [v, w] of table) if ((x -= w) < 0) return v;
  return table[table.length - 1]![0];
}

/** A plausible status for work due `due` as of `today`; weaker schools lag. */
function outcome(rng: Rng, kind: string, start: string | null, due: string | null, today: string, weak: boolean): Outcome {
  const lag = weak ? 2 : 1;
  let status: string;
  if (!due) {
    const started = !start || start <= today;
    if (kind === "ongoing" || kind === "recurring") status = started ? weighted(rng, [["in_progress", 65], ["not_started", 25 * lag], ["submitted", 5], ["verified", 5]]) : "not_started";
    else status = weighted(rng, [["not_started", 75 * lag], ["in_progress", 20], ["verified", 5]]);
  } else {
    const d = day(due).diff(day(today), "days").days;
    if (d < -14) status = weighted(rng, [["verified", 62], ["submitted", 10], ["in_progress", 8 * lag], ["not_started", 7 * lag], ["postponed", 6], ["returned", 4], ["cancelled", 3]]);
    else if (d < 0) status = weighted(rng, [["verified", 35], ["submitted", 25], ["in_progress", 18 * lag], ["not_started", 10 * lag], ["postponed", 7], ["returned", 5]]);
    else if (d < 30) status = weighted(rng, [["verified", 10], ["submitted", 12], ["in_progress", 40], ["not_started", 38 * lag]]);
    else if (start && start <= today) status = weighted(rng, [["in_progress", 35], ["not_started", 57 * lag], ["submitted", 4], ["verified", 4]]);
    else status = weighted(rng, [["not_started", 85 * lag], ["in_progress", 12], ["verified", 3]]);
  }
  let doneAt: Date | null = null;
  if (status === "verified" || status === "submitted") {
    const done = due && due < today ? addDays(due, -rng.int(10)) : addDays(today, -1 - rng.int(20));
    doneAt = at(done < today ? done : addDays(today, -1), 3 + rng.int(8));
  }
  const dueOverride = status === "postponed" && due ? [addDays(due, 30 + rng.int(31)), addDays(today, 7 + rng.int(30))].sort().at(-1)! : null;
  return { status, doneAt, dueOverride };
}

// ---------- the seeding ----------

interface District {
  index: number;
  town: string;
  zone: string;
  authority: string;
  schoolIds: number[];
  specialistIds: number[];
  deputyId: number;
  curatorIds: number[];
  roadmapId: number;
}

interface SchoolRow {
  name: string;
  shortName: string;
  district: number;
  weak: boolean;
}

async function createInChunks<T>(rows: T[], create: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await create(rows.slice(i, i + CHUNK));
}

function numbered<T extends string>(list: readonly T[], i: number): string {
  const round = Math.floor(i / list.length);
  return round === 0 ? list[i % list.length]! : `${list[i % list.length]!}-${round + 1}`;
}

export async function seedRegion(db: Db, p: RegionParams, log: (line: string) => void = () => undefined): Promise<RegionWorld> {
  const rng = random(p.seed);
  const t0 = performance.now();
  const lap = (what: string) => log(`seed: ${what} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  const now = at(p.monday, 0);
  const year = Number(p.monday.slice(0, 4));

  // districts and their schools: zones round-robin, schools spread evenly
  const districts: District[] = Array.from({ length: p.districts }, (_, d) => {
    const town = numbered(TOWNS, d);
    return { index: d, town, zone: ZONES[d % ZONES.length]!, authority: `Управление образования администрации МО г. ${town} и района`, schoolIds: [], specialistIds: [], deputyId: 0, curatorIds: [], roadmapId: 0 };
  });
  const schools: SchoolRow[] = [];
  const keys = new Set<string>();
  const inDistrict = new Array<number>(p.districts).fill(0);
  for (let s = 0; s < p.schools; s++) {
    const d = Math.floor((s * p.districts) / p.schools);
    const n = ++inDistrict[d]!;
    const type = n % 9 === 2 ? "Гимназия" : n % 11 === 3 ? "Лицей" : n % 5 === 4 ? "ООШ" : "СОШ";
    // a district's first three schools are in its town, the rest in villages; no two schools of the
    // region may share type, number and place (the school key is unique), so a repeat gets «-2»
    const village = VILLAGES[(d * 7 + n) % VILLAGES.length]!;
    let shortName: string;
    for (let k = 1; ; k++) {
      const place = n <= 3 ? `г. ${districts[d]!.town}` : `с. ${k === 1 ? village : `${village}-${k}`}`;
      shortName = `${type} № ${n} ${place}`;
      const key = schoolKey(`МБОУ ${shortName}`, districts[d]!.authority) ?? shortName;
      if (!keys.has(key)) {
        keys.add(key);
        break;
      }
    }
    schools.push({ name: `МБОУ ${shortName}`, shortName, district: d, weak: rng.chance(0.1) });
  }

  // roadmaps: the real importer's items, three documents per district, all five for the region
  const imported = new Map<string, ImportResult>();
  for (const f of FIXTURES) imported.set(f, rebase(await importFixture(f, "Europe/Moscow"), p.monday));
  const fixture = (i: number) => imported.get(FIXTURES[i % FIXTURES.length]!)!;
  const districtItems = districts.map((d) => merge([fixture(d.index).items, fixture(d.index + 1).items, fixture(d.index + 3).items]));
  const perDistrict = districts.map((d, i) => {
    const n = schools.filter((s) => s.district === d.index).length;
    return districtItems[i]!.reduce((sum, item) => sum + rowsPerItem(shapeOf(item.responsible), n), 0);
  });
  const districtTotal = perDistrict.reduce((a, b) => a + b, 0);
  // regional roadmaps: school-level items (each one row per school of the region) until the total is reached
  const wanted = Math.max(1, Math.round(Math.max(0, p.assignments - districtTotal) / p.schools / p.regionalRoadmaps));
  const regionalItems: ImportedItem[][] = [];
  for (let r = 0; r < p.regionalRoadmaps; r++) {
    const parts: ImportedItem[][] = [];
    let schoolLevel = 0;
    for (let round = 0; schoolLevel < wanted; round++) {
      const before = schoolLevel;
      for (let f = 0; f < FIXTURES.length && schoolLevel < wanted; f++) {
        const part: ImportedItem[] = [];
        for (const item of fixture(f + r).items) {
          if (schoolLevel >= wanted) break;
          if (shapeOf(item.responsible).levels.has("school")) schoolLevel++;
          part.push(round === 0 ? item : laterRound(item, round));
        }
        parts.push(part);
      }
      if (schoolLevel === before) break; // no document has school-level work: nothing more to add
    }
    regionalItems.push(merge(parts));
  }

  const roadmapMeta = (title: string, authority: string, zone: string, orderNumber: string, base: ImportResult, items: ImportedItem[]): ImportResult => ({
    ...base,
    roadmap: { ...base.roadmap, id: null, title, orderNumber, orderDate: `${year}-01-${String(10 + (hash(orderNumber) % 15)).padStart(2, "0")}`, authority, years: [year], timezone: zone, controller: null, schools: [], curators: [], schoolFlags: [], identity: null },
    items,
    warnings: [],
  });
  const activeFrom = `${year}-01-20`;
  for (const d of districts) {
    const result = roadmapMeta(`Дорожная карта по повышению качества образования в МО г. ${d.town} и районе на ${year} год`, d.authority, d.zone, `${120 + d.index}-од`, fixture(d.index), districtItems[d.index]!);
    d.roadmapId = await saveRoadmap(db, result, { activeFrom, sourceName: `${FIXTURES[d.index % FIXTURES.length]}`, now });
  }
  const ministry = "Министерство образования области";
  const regionalRoadmapIds: number[] = [];
  for (let r = 0; r < p.regionalRoadmaps; r++) {
    const result = roadmapMeta(`Региональный план мероприятий по повышению качества общего образования${r > 0 ? ` (часть ${r + 1})` : ""} на ${year} год`, ministry, p.regionalZone, `${900 + r}-р`, fixture(r), regionalItems[r]!);
    regionalRoadmapIds.push(await saveRoadmap(db, result, { activeFrom, sourceName: "regional", now }));
  }
  // reminder policies as coordinators set them: most default, some without the week-before notice, some escalating later
  for (const d of districts) {
    const policy = d.index % 10 === 3 ? '{"before7d": null}' : d.index % 10 === 7 ? '{"escalateAfterWorkingDays": 5}' : null;
    if (policy || d.index % 12 === 5) await db.roadmap.update({ where: { id: d.roadmapId }, data: { reminderPolicy: policy, needsVerification: d.index % 12 !== 5 } });
  }
  lap(`${districts.length + regionalRoadmapIds.length} roadmaps imported`);

  // organisations: schools (authorities came with their roadmaps), the institute of regional curators
  await createInChunks(schools, (chunk) =>
    db.organization.createMany({
      data: chunk.map((s) => ({ name: s.name, kind: "school", schoolKey: schoolKey(s.name, districts[s.district]!.authority), shortName: s.shortName, search: searchText(s.name), timezone: districts[s.district]!.zone, isShnor: s.weak, isRisk: s.weak && rng.chance(0.3) })),
    }),
  );
  const schoolIdByName = new Map((await db.organization.findMany({ where: { kind: "school" }, select: { id: true, name: true } })).map((o) => [o.name, o.id]));
  schools.forEach((s) => districts[s.district]!.schoolIds.push(schoolIdByName.get(s.name)!));
  const schoolIds = schools.map((s) => schoolIdByName.get(s.name)!);
  const weakSchool = new Set(schools.filter((s) => s.weak).map((s) => schoolIdByName.get(s.name)!));
  const authorityId = new Map((await db.organization.findMany({ where: { kind: "authority" }, select: { id: true, name: true } })).map((o) => [o.name, o.id]));
  const institute = await db.organization.create({ data: { name: "ГАУ ДПО «Институт развития образования»", kind: "external", search: searchText("ГАУ ДПО «Институт развития образования»") } });

  // people
  interface PersonRow {
    fullName: string;
    shortName: string;
    position: string;
    organizationId: number | null;
    zone: string;
  }
  const people: PersonRow[] = [];
  const names = new Set<string>();
  const newPerson = (position: string, organizationId: number | null, zone: string, female: boolean): number => {
    for (;;) {
      const surname = rng.pick(SURNAMES);
      const first = rng.pick(female ? FEMALE_NAMES : MALE_NAMES);
      const patronymic = rng.pick(PATRONYMICS)[female ? 1 : 0];
      const family = female ? femaleSurname(surname) : surname;
      const fullName = `${family} ${first} ${patronymic}`;
      if (names.has(fullName)) continue;
      names.add(fullName);
      people.push({ fullName, shortName: `${family} ${first[0]}.${patronymic[0]}.`, position, organizationId, zone });
      return people.length - 1;
    }
  };
  const coordinators = [0, 1, 2].map(() => newPerson("главный специалист отдела общего образования", authorityId.get(ministry) ?? null, p.regionalZone, rng.chance(0.7)));
  const regionalDeputy = newPerson("заместитель министра образования", authorityId.get(ministry) ?? null, p.regionalZone, true);
  const regionalSpecialists = Array.from({ length: 10 }, () => newPerson("консультант отдела общего образования", authorityId.get(ministry) ?? null, p.regionalZone, rng.chance(0.7)));
  const regionalCurators = Array.from({ length: Math.ceil(p.schools / 20) }, () => newPerson("методист центра непрерывного повышения профессионального мастерства", institute.id, p.regionalZone, rng.chance(0.8)));
  for (const d of districts) {
    const org = authorityId.get(d.authority) ?? null;
    d.deputyId = newPerson("заместитель начальника управления образования", org, d.zone, rng.chance(0.6));
    d.specialistIds = [0, 1, 2].map(() => newPerson("главный специалист управления образования", org, d.zone, rng.chance(0.8)));
    d.curatorIds = [0, 1].map(() => newPerson("методист управления образования", org, d.zone, rng.chance(0.85)));
  }
  const staffPerSchool = Math.max(3, Math.floor((p.people - people.length) / p.schools));
  const extra = Math.max(0, p.people - people.length - staffPerSchool * p.schools);
  const staff = new Map<number, number[]>();
  schools.forEach((s, i) => {
    const count = staffPerSchool + (i < extra ? 1 : 0);
    const zone = districts[s.district]!.zone;
    staff.set(schoolIds[i]!, Array.from({ length: count }, (_, k) => newPerson(SCHOOL_STAFF[k % SCHOOL_STAFF.length]!, schoolIds[i]!, zone, k === 0 ? rng.chance(0.6) : rng.chance(0.85))));
  });
  // most people have joined the bot; some never opened their invite
  const linked = people.map((_, i) => i === regionalDeputy || coordinators.includes(i) || regionalCurators.includes(i) || rng.chance(0.95));
  await createInChunks(
    people.map((x, i) => ({ x, i })),
    (chunk) =>
      db.person.createMany({
        data: chunk.map(({ x, i }) => ({
          fullName: x.fullName,
          shortName: x.shortName,
          position: x.position,
          organizationId: x.organizationId,
          telegramId: linked[i] ? String(700_000_000 + i) : null,
          chatId: linked[i] ? String(700_000_000 + i) : null,
          language: i % 37 === 5 ? "en" : null,
          timezone: x.zone,
          search: personSearch(x.fullName, x.shortName, x.position),
        })),
      }),
  );
  const personIdByName = new Map((await db.person.findMany({ select: { id: true, fullName: true } })).map((r) => [r.fullName, r.id]));
  const pid = (i: number) => personIdByName.get(people[i]!.fullName)!;
  lap(`${schools.length} schools, ${people.length} people`);

  // roles, curators, contacts
  const roles: Array<{ personId: number; role: string; roadmapId: number | null }> = [];
  for (const i of coordinators) roles.push({ personId: pid(i), role: "coordinator", roadmapId: null });
  roles.push({ personId: pid(regionalDeputy), role: "deputy", roadmapId: null });
  for (const i of regionalCurators) roles.push({ personId: pid(i), role: "curator", roadmapId: null });
  for (const d of districts) {
    roles.push({ personId: pid(d.deputyId), role: "deputy", roadmapId: d.roadmapId });
    for (const i of d.curatorIds) roles.push({ personId: pid(i), role: "curator", roadmapId: null });
  }
  for (const list of staff.values()) for (const i of list) roles.push({ personId: pid(i), role: "executor", roadmapId: null });
  await createInChunks(roles, (chunk) => db.personRole.createMany({ data: chunk }));
  const curatorships: Array<{ schoolId: number; personId: number; roadmapId: number | null }> = [];
  // a regional curator takes groups of five neighbouring schools, groups far apart: ~20 schools in ~4 districts
  schoolIds.forEach((schoolId, i) => curatorships.push({ schoolId, personId: pid(regionalCurators[Math.floor(i / 5) % regionalCurators.length]!), roadmapId: null }));
  // the district's own methodists, appointed by the district's order for its roadmap only
  for (const d of districts) d.schoolIds.forEach((schoolId, k) => curatorships.push({ schoolId, personId: pid(d.curatorIds[k % 2]!), roadmapId: d.roadmapId }));
  await createInChunks(curatorships, (chunk) => db.curatorship.createMany({ data: chunk }));
  const contacts = districts.flatMap((d) => d.specialistIds.map((i) => ({ organizationId: authorityId.get(d.authority)!, personId: pid(i) })));
  await db.organizationContact.createMany({ data: contacts });
  for (const d of districts) await db.roadmap.update({ where: { id: d.roadmapId }, data: { controllerId: pid(d.deputyId) } });
  for (const id of regionalRoadmapIds) await db.roadmap.update({ where: { id }, data: { controllerId: pid(regionalDeputy) } });

  // assignments
  const today = p.monday;
  type ItemRow = { id: number; key: string; roadmapId: number; deadlineKind: string; deadlineStart: string | null; deadlineDue: string | null; checkpoints: string; every: string | null; responsible: string };
  const items: ItemRow[] = await db.item.findMany({ select: { id: true, key: true, roadmapId: true, deadlineKind: true, deadlineStart: true, deadlineDue: true, checkpoints: true, every: true, responsible: true } });
  const itemById = new Map(items.map((i) => [i.id, i]));
  const districtByRoadmap = new Map(districts.map((d) => [d.roadmapId, d]));
  const executorFor = (schoolId: number, party: string, itemKey: string): number => {
    const list = staff.get(schoolId)!;
    const s = searchText(party);
    const h = hash(itemKey + party);
    if (/руководител|директор/.test(s)) return pid(list[0]!);
    if (/педагог|учител|классн/.test(s) && list.length > 3) return pid(list[3 + (h % (list.length - 3))]!);
    return pid(list[1 + (h % Math.min(2, list.length - 1))]!);
  };
  const assignmentRows: Array<{ itemId: number; personId: number | null; schoolId: number | null; partyText: string; status: string; doneAt: Date | null; dueOverride: string | null }> = [];
  for (const item of items) {
    const shape = shapeOf(JSON.parse(item.responsible) as ResponsibleParty[]);
    const district = districtByRoadmap.get(item.roadmapId);
    const scope = district ? district.schoolIds : schoolIds;
    const specialists = district ? district.specialistIds : regionalSpecialists;
    const row = (personId: number | null, schoolId: number | null, partyText: string) => {
      const o = outcome(rng, item.deadlineKind, item.deadlineStart, item.deadlineDue, today, schoolId !== null && weakSchool.has(schoolId));
      assignmentRows.push({ itemId: item.id, personId, schoolId, partyText, ...o });
    };
    if (shape.levels.has("school")) {
      // a role nobody at the school holds stays unresolved now and then
      for (const schoolId of scope) row(rng.chance(0.01) ? null : executorFor(schoolId, shape.schoolParty!, item.key), schoolId, shape.schoolParty!);
    }
    if (shape.levels.has("authority")) row(pid(specialists[hash(item.key) % specialists.length]!), null, shape.authorityParty!);
    if (shape.levels.has("external")) row(null, null, shape.externalParty!);
  }
  await createInChunks(assignmentRows, (chunk) => db.assignment.createMany({ data: chunk }));
  lap(`${assignmentRows.length} assignments`);

  // what happened to them: history, evidence, checkpoints, check-ins, postponements
  const saved = await db.assignment.findMany({ select: { id: true, itemId: true, personId: true, schoolId: true, status: true, doneAt: true, dueOverride: true } });
  const schoolIndex = new Map(schoolIds.map((id, k) => [id, k]));
  const reviewerOf = (schoolId: number | null, roadmapId: number): number => {
    const d = districtByRoadmap.get(roadmapId);
    if (schoolId === null) return pid(d ? d.deputyId : regionalDeputy);
    return pid(regionalCurators[Math.floor(schoolIndex.get(schoolId)! / 5) % regionalCurators.length]!);
  };
  // history never runs past the Monday morning
  const past = (t: number) => new Date(Math.min(t, now.getTime() - 3_600_000));
  const changes: Array<{ assignmentId: number; checkpoint: string | null; fromStatus: string; toStatus: string; byPersonId: number | null; comment: string | null; at: Date }> = [];
  const evidence: Prisma.EvidenceCreateManyInput[] = [];
  const checkpoints: Array<{ assignmentId: number; checkpoint: string; status: string }> = [];
  const checkins: Array<{ assignmentId: number; period: string; status: string; comment: string | null; byPersonId: number | null; createdAt: Date }> = [];
  const postponements: Prisma.PostponeRequestCreateManyInput[] = [];
  const addEvidence = (a: (typeof saved)[number], status: string, createdAt: Date, reviewer: number | null, comment: string | null) => {
    const n = evidence.length;
    const kind = n % 10 === 9 ? "photo" : n % 2 ? "link" : "file";
    const school = a.schoolId !== null ? schoolIndex.get(a.schoolId)! : 0;
    evidence.push({
      assignmentId: a.id,
      kind,
      url: kind === "link" ? `https://school${school + 1}.edu.example.ru/news/${a.id}` : null,
      fileName: kind === "file" ? `Справка о выполнении ${a.id}.pdf` : kind === "photo" ? `photo_${a.id}.jpg` : null,
      storagePath: kind === "link" ? null : `evidence/${a.id}/${n}.${kind === "file" ? "pdf" : "jpg"}`,
      mimeType: kind === "file" ? "application/pdf" : kind === "photo" ? "image/jpeg" : null,
      size: kind === "link" ? null : 80_000 + (n % 50) * 3_000,
      // the Telegram file id cache: /verify answers with it instead of reading storage
      telegramFileId: kind === "link" ? null : `BQACAgIAAxkBAAIBench${a.id}x${n}`,
      status,
      byPersonId: a.personId,
      verifiedById: reviewer,
      verifiedAt: reviewer ? past(createdAt.getTime() + 2 * 86_400_000) : null,
      comment,
      // reviewers were told long ago: the first tick does not announce a year of evidence
      notifiedAt: new Date(createdAt.getTime() + 10 * 60_000),
      createdAt,
    });
  };
  for (const a of saved) {
    const item = itemById.get(a.itemId)!;
    const by = a.personId;
    const doneAt = a.doneAt ?? at(addDays(today, -3 - (a.id % 40)), 5);
    const started = new Date(doneAt.getTime() - (5 + (a.id % 20)) * 86_400_000);
    const reviewer = reviewerOf(a.schoolId, item.roadmapId);
    switch (a.status) {
      case "in_progress":
        changes.push({ assignmentId: a.id, checkpoint: null, fromStatus: "not_started", toStatus: "in_progress", byPersonId: by, comment: null, at: started });
        if (rng.chance(0.12)) addEvidence(a, "submitted", doneAt, null, null);
        break;
      case "submitted":
        changes.push({ assignmentId: a.id, checkpoint: null, fromStatus: "in_progress", toStatus: "submitted", byPersonId: by, comment: rng.chance(0.2) ? "Мероприятие проведено, справка приложена." : null, at: doneAt });
        addEvidence(a, "submitted", doneAt, null, null);
        if (rng.chance(0.3)) addEvidence(a, "submitted", doneAt, null, null);
        break;
      case "verified":
        changes.push({ assignmentId: a.id, checkpoint: null, fromStatus: "in_progress", toStatus: "submitted", byPersonId: by, comment: null, at: doneAt });
        changes.push({ assignmentId: a.id, checkpoint: null, fromStatus: "submitted", toStatus: "verified", byPersonId: reviewer, comment: rng.chance(0.1) ? "Принято." : null, at: past(doneAt.getTime() + 2 * 86_400_000) });
        addEvidence(a, "accepted", doneAt, reviewer, null);
        break;
      case "returned":
        changes.push({ assignmentId: a.id, checkpoint: null, fromStatus: "submitted", toStatus: "returned", byPersonId: reviewer, comment: "Нет подписи руководителя и печати, прошу дополнить.", at: past(doneAt.getTime() + 86_400_000) });
        addEvidence(a, "returned", doneAt, reviewer, "Нет подписи руководителя и печати, прошу дополнить.");
        break;
      case "postponed":
        changes.push({ assignmentId: a.id, checkpoint: null, fromStatus: "in_progress", toStatus: "postponed", byPersonId: reviewer, comment: "Перенос согласован.", at: started });
        postponements.push({ assignmentId: a.id, requestedDue: a.dueOverride ?? addDays(today, 30), reason: "Перенос сроков в связи с карантином по ОРВИ.", status: "approved", byPersonId: by, deciderId: reviewer, decidedAt: started, createdAt: new Date(started.getTime() - 86_400_000) });
        break;
      case "cancelled":
        changes.push({ assignmentId: a.id, checkpoint: null, fromStatus: "not_started", toStatus: "cancelled", byPersonId: reviewer, comment: "Мероприятие не проводится в этом году.", at: started });
        break;
      default: {
        // late work whose executor asked for more time, still waiting for a decision
        if (item.deadlineDue && item.deadlineDue < today && by !== null && rng.chance(0.015)) {
          const asked = at(addDays(today, -1 - rng.int(3)), 4);
          postponements.push({ assignmentId: a.id, requestedDue: addDays(today, 21), reason: "Не успеваем провести до конца четверти, просим перенести.", status: "pending", byPersonId: by, createdAt: asked, lastRaisedAt: asked });
        }
      }
    }
    if (item.deadlineKind === "multi") {
      for (const c of JSON.parse(item.checkpoints) as string[]) {
        if (c >= today) continue;
        if (a.status === "verified" || rng.chance(0.6)) checkpoints.push({ assignmentId: a.id, checkpoint: c, status: "verified" });
      }
    }
    if ((item.deadlineKind === "ongoing" || item.deadlineKind === "recurring") && a.status !== "not_started" && a.status !== "cancelled") {
      for (const period of pastPeriods(item.every ?? "month", item.deadlineStart ?? `${year}-01-01`, today)) {
        if (rng.chance(0.7)) checkins.push({ assignmentId: a.id, period: period.id, status: "in_progress", comment: rng.chance(0.3) ? "Проведено совещание, протокол размещён на сайте школы." : null, byPersonId: by, createdAt: at(addDays(period.end, 1), 6) });
      }
    }
  }
  await createInChunks(changes, (chunk) => db.statusChange.createMany({ data: chunk }));
  await createInChunks(evidence, (chunk) => db.evidence.createMany({ data: chunk }));
  await createInChunks(checkpoints, (chunk) => db.checkpointStatus.createMany({ data: chunk }));
  await createInChunks(checkins, (chunk) => db.checkin.createMany({ data: chunk }));
  await createInChunks(postponements, (chunk) => db.postponeRequest.createMany({ data: chunk }));
  lap(`${changes.length} status changes, ${evidence.length} evidence, ${checkins.length} check-ins, ${checkpoints.length} checkpoint statuses, ${postponements.length} postponements`);

  // the people the command benches speak as
  const perPerson = new Map<number, number>();
  for (const a of assignmentRows) if (a.personId !== null && a.schoolId !== null) perPerson.set(a.personId, (perPerson.get(a.personId) ?? 0) + 1);
  const indexById = new Map(people.map((x, i) => [personIdByName.get(x.fullName)!, i]));
  const [executorId, executorCount] = [...perPerson].filter(([id]) => linked[indexById.get(id)!]).sort((x, y) => y[1] - x[1] || x[0] - y[0])[0]!;
  const user = (i: number): BenchUser => ({ personId: pid(i), chatId: String(700_000_000 + i), name: people[i]!.fullName });
  const curatorSchools = schools.filter((_, i) => Math.floor(i / 5) % regionalCurators.length === 0);
  const executorIndex = indexById.get(executorId)!;
  const d0 = districts[0]!;
  const counts = {
    roadmaps: districts.length + regionalRoadmapIds.length,
    items: items.length,
    schools: schools.length,
    districts: districts.length,
    people: await db.person.count(),
    assignments: assignmentRows.length,
    statusChanges: changes.length,
    evidence: evidence.length,
    checkins: checkins.length,
    checkpointStatuses: checkpoints.length,
    postponeRequests: postponements.length,
    curatorships: curatorships.length,
    zones: new Set(districts.map((d) => d.zone)).size,
  };
  return {
    params: p,
    districtRoadmapIds: districts.map((d) => d.roadmapId),
    regionalRoadmapIds,
    users: {
      executor: { ...user(executorIndex), assignments: executorCount },
      curator: { ...user(regionalCurators[0]!), schools: curatorSchools.length, districts: new Set(curatorSchools.map((s) => s.district)).size, schoolText: curatorSchools[curatorSchools.length - 1]!.shortName },
      regionalDeputy: user(regionalDeputy),
      districtDeputy: { ...user(d0.deputyId), roadmapId: d0.roadmapId },
      coordinator: user(coordinators[0]!),
    },
    anySchoolText: schools[Math.floor(schools.length / 2)]!.shortName,
    counts,
  };
}

/** Check-in periods (as the planner names them) that ended before `today`. */
function pastPeriods(every: string, start: string, today: string): Array<{ id: string; end: string }> {
  const out: Array<{ id: string; end: string }> = [];
  if (every === "week") {
    let monday = day(start).startOf("week");
    for (; iso(monday.plus({ days: 6 })) < today; monday = monday.plus({ weeks: 1 })) out.push({ id: iso(monday), end: iso(monday.plus({ days: 6 })) });
    return out;
  }
  const months = every === "quarter" ? 3 : 1;
  let first = day(start).startOf(every === "quarter" ? "quarter" : "month");
  for (; iso(first.plus({ months }).minus({ days: 1 })) < today; first = first.plus({ months })) {
    out.push({ id: every === "quarter" ? iso(first) : iso(first).slice(0, 7), end: iso(first.plus({ months }).minus({ days: 1 })) });
  }
  return out;
}
