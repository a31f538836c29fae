import { DateTime } from "luxon";
import { Prisma } from "@prisma/client";
import type { Db } from "./db.ts";
import { addDays } from "../core/working-days.ts";
import { overlaps } from "../core/absence.ts";
import { OPEN_STATUSES } from "../core/status.ts";
import { initialsFirst } from "../core/names.ts";
import type { Translator } from "./i18n.ts";
import { escapeHtml, formatDate } from "./format.ts";

// «Я в отпуске»: absences in the database. Dates are read in core/absence.ts; the scheduler reads the
// rows itself (scheduler/plan.ts). Who may set one for whom is the handler's (the person, or a
// coordinator); every check that needs the database is here, before anything is written.

export interface AbsenceView {
  id: number;
  personId: number;
  from: string;
  to: string;
  person: { id: number; fullName: string; shortName: string; chatId: string | null; language: string | null; unreachable: boolean };
  standIn: { id: number; fullName: string; shortName: string; chatId: string | null; language: string | null; unreachable: boolean } | null;
}

const PERSON = { id: true, fullName: true, shortName: true, chatId: true, language: true, unreachable: true } as const;
const VIEW = { id: true, personId: true, from: true, to: true, person: { select: PERSON }, standIn: { select: PERSON } } as const;

/** The person's local today: their zone, else the default one. */
export async function personToday(db: Db, personId: number, now: Date, defaultZone: string): Promise<string> {
  const p = await db.person.findUnique({ where: { id: personId }, select: { timezone: true } });
  const zone = p?.timezone && DateTime.local().setZone(p.timezone).isValid ? p.timezone : defaultZone;
  return DateTime.fromJSDate(now, { zone }).toISODate()!;
}

/** The absence under way today, else the next one planned (ended ones are over). */
export async function currentAbsence(db: Db, personId: number, today: string): Promise<AbsenceView | null> {
  const rows = await db.absence.findMany({ where: { personId, to: { gte: today } }, select: VIEW, orderBy: { from: "asc" } });
  return rows.find((r) => r.from <= r.to) ?? null;
}

type SetAbsenceError = "unknown_person" | "unknown_stand_in" | "self_stand_in" | "overlap";
export type SetAbsenceOutcome = { ok: true; absence: AbsenceView } | { ok: false; error: SetAbsenceError; clash?: { from: string; to: string } };

/**
 * Records an absence after every check (the person, the stand-in, no overlap with another), in one
 * transaction: a refusal writes nothing.
 */
export async function setAbsence(
  db: Db,
  args: { personId: number; from: string; to: string; standInId: number | null; byPersonId: number },
): Promise<SetAbsenceOutcome> {
  return db.$transaction(async (tx) => {
    const person = await tx.person.findUnique({ where: { id: args.personId }, select: { removedAt: true } });
    if (!person || person.removedAt) return { ok: false, error: "unknown_person" } as const;
    if (args.standInId !== null) {
      if (args.standInId === args.personId) return { ok: false, error: "self_stand_in" } as const;
      const standIn = await tx.person.findUnique({ where: { id: args.standInId }, select: { removedAt: true } });
      if (!standIn || standIn.removedAt) return { ok: false, error: "unknown_stand_in" } as const;
    }
    const others = await tx.absence.findMany({ where: { personId: args.personId, to: { gte: args.from } }, select: { from: true, to: true } });
    const clash = others.find((o) => o.from <= o.to && overlaps(o, args));
    if (clash) return { ok: false, error: "overlap", clash } as const;
    const row = await tx.absence.create({
      data: { personId: args.personId, from: args.from, to: args.to, standInId: args.standInId, byPersonId: args.byPersonId },
      select: VIEW,
    });
    return { ok: true, absence: row } as const;
  });
}

/**
 * «Я вернулся(ась)»: the absence under way ends yesterday; one not begun is called off. Null: none
 * to end.
 */
export async function endAbsence(db: Db, args: { personId: number; today: string; now: Date }): Promise<AbsenceView | null> {
  const a = await currentAbsence(db, args.personId, args.today);
  if (!a) return null;
  const to = a.from <= args.today ? addDays(args.today, -1) : addDays(a.from, -1);
  const updated = await db.absence.updateMany({ where: { id: a.id, to: a.to }, data: { to, endedAt: args.now } });
  return updated.count > 0 ? a : null;
}

/** Is `actorId` standing in today for the executor `personId`? (Their buttons then act on the executor's work.) */
export async function standsInFor(db: Db, actorId: number, personId: number, today: string): Promise<boolean> {
  const row = await db.absence.findFirst({ where: { personId, standInId: actorId, from: { lte: today }, to: { gte: today } }, select: { id: true } });
  return row !== null;
}

/** Whom `standInId` stands in for today (the people whose work their buttons and replies act on). */
export async function coveredBy(db: Db, standInId: number, today: string): Promise<number[]> {
  const rows = await db.absence.findMany({ where: { standInId, from: { lte: today }, to: { gte: today } }, select: { personId: true } });
  return rows.map((r) => r.personId);
}

export interface Candidate {
  id: number;
  shortName: string;
  fullName: string;
}

/**
 * Who could stand in: linked colleagues, those of the same organisation first, then those working
 * for the same schools, then the others by name.
 */
export async function standInCandidates(db: Db, personId: number, limit: number): Promise<Candidate[]> {
  const me = await db.person.findUnique({ where: { id: personId }, select: { organizationId: true, assignments: { select: { schoolId: true } } } });
  const schools = [...new Set((me?.assignments ?? []).flatMap((a) => (a.schoolId ? [a.schoolId] : [])))];
  const people = await db.person.findMany({
    where: { id: { not: personId }, removedAt: null, chatId: { not: null }, unreachable: false },
    select: { id: true, shortName: true, fullName: true, organizationId: true, assignments: { where: { schoolId: { in: schools } }, select: { id: true }, take: 1 } },
    orderBy: { shortName: "asc" },
  });
  const rank = (p: (typeof people)[number]) => (me?.organizationId && p.organizationId === me.organizationId ? 0 : p.assignments.length > 0 ? 1 : 2);
  return people
    .map((p, i) => ({ p, i, r: rank(p) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .slice(0, limit)
    .map(({ p }) => ({ id: p.id, shortName: p.shortName, fullName: p.fullName }));
}

export interface AwayNote {
  to: string;
  standIn: string | null;
}

/** Who of these people is away on `day`, until when and who stands in (for /school, cards, digests). */
export async function awayOn(db: Db, personIds: readonly number[], day: string): Promise<Map<number, AwayNote>> {
  const ids = new Set(personIds);
  if (ids.size === 0) return new Map();
  // everyone away today (a handful), rather than a list of ids as long as the school's executors;
  // one statement with the stand-in's name joined (a relation select is a second query, run even
  // when nobody is away). Portable SQL: quoted identifiers, placeholders from Prisma.sql.
  const rows = await db.$queryRaw<Array<{ personId: number | bigint; to: string; standIn: string | null }>>(Prisma.sql`
    SELECT a."personId", a."to", s."shortName" AS "standIn"
    FROM "Absence" a
      LEFT JOIN "Person" s ON s."id" = a."standInId" AND s."removedAt" IS NULL
    WHERE a."from" <= ${day} AND a."to" >= ${day}`);
  return new Map(rows.filter((r) => ids.has(Number(r.personId))).map((r) => [Number(r.personId), { to: r.to, standIn: r.standIn }]));
}

/** «в отпуске до 14 июля 2027, замещает Е.А. Полухина» (HTML, escaped). */
export function awayWords(tr: Translator, note: AwayNote): string {
  return tr.t("away-note", { to: formatDate(tr, note.to), standIn: note.standIn ? escapeHtml(initialsFirst(note.standIn)) : "none" });
}

/** Whether the person has open work of their own: only then is an absence worth setting (reminders to pause or hand over). */
export async function hasOpenWork(db: Db, personId: number): Promise<boolean> {
  return (await db.assignment.findFirst({ where: { personId, status: { in: [...OPEN_STATUSES] } }, select: { id: true } })) !== null;
}
