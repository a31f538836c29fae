import { DateTime } from "luxon";
import { Prisma } from "@prisma/client";
import type { Db } from "./db.ts";
import { addDays } from "../core/working-days.ts";
import { initialsFirst } from "../core/names.ts";
import type { Translator } from "./i18n.ts";
import { escapeHtml, formatDate } from "./format.ts";

// «Я в отпуске» for those who decide and hear about others' work (curators, deputy heads): while one
// is away with a stand-in, what the routing sends them (review notices, postponement requests, /verify)
// goes to the stand-in, who may decide on it for the absence — services/verification.ts applies it.
// Executors' stand-ins are the scheduler's (core/reminders.ts).

export interface AwayCover {
  /** the person away */
  id: number;
  shortName: string;
  /** last day away (local ISO date) */
  to: string;
  /** who stands in; null: nobody named, or nobody who can be reached */
  standIn: { id: number; shortName: string; chatId: string | null; language: string | null; unreachable: boolean } | null;
}

/** The zone an absence's dates are read in when the person has none of their own. */
const FALLBACK_ZONE = "Europe/Moscow";

/**
 * Everyone away at `now` (their own local day), with their stand-in: absences are set by hand, a
 * handful a day, so all those around today are read at once.
 */
export async function awayAt(db: Db, now: Date, defaultZone = FALLBACK_ZONE): Promise<Map<number, AwayCover>> {
  const utcDay = now.toISOString().slice(0, 10);
  // one statement with both people joined: /verify loads this on every call, and relation selects
  // would be two more statements even when nobody is away. Portable SQL (quoted identifiers, placeholders).
  const rows = await db.$queryRaw<AwayRow[]>(Prisma.sql`
    SELECT a."from", a."to", p."id", p."shortName", p."timezone", p."removedAt",
      s."id" AS "sId", s."shortName" AS "sShortName", s."chatId" AS "sChatId", s."language" AS "sLanguage",
      s."unreachable" AS "sUnreachable", s."removedAt" AS "sRemovedAt"
    FROM "Absence" a
      JOIN "Person" p ON p."id" = a."personId"
      LEFT JOIN "Person" s ON s."id" = a."standInId"
    WHERE a."from" <= ${addDays(utcDay, 1)} AND a."to" >= ${addDays(utcDay, -1)}
    ORDER BY a."id"`);
  const out = new Map<number, AwayCover>();
  for (const r of rows) {
    const zone = r.timezone && DateTime.local().setZone(r.timezone).isValid ? r.timezone : defaultZone;
    const today = DateTime.fromJSDate(now, { zone }).toISODate()!;
    if (r.from > today || r.to < today || r.removedAt !== null) continue;
    const standIn =
      r.sId !== null && r.sRemovedAt === null
        ? { id: Number(r.sId), shortName: r.sShortName ?? "", chatId: r.sChatId, language: r.sLanguage, unreachable: Boolean(Number(r.sUnreachable)) }
        : null;
    out.set(Number(r.id), { id: Number(r.id), shortName: r.shortName, to: r.to, standIn });
  }
  return out;
}

/** A row of awayAt's statement: ids may come back as bigint, booleans as 0/1 from SQLite. */
interface AwayRow {
  from: string;
  to: string;
  id: number | bigint;
  shortName: string;
  timezone: string | null;
  removedAt: unknown;
  sId: number | bigint | null;
  sShortName: string | null;
  sChatId: string | null;
  sLanguage: string | null;
  sUnreachable: boolean | number | bigint | null;
  sRemovedAt: unknown;
}

/** «Вместо И.И. Иванова (в отпуске до 15 июня 2023).» (HTML, escaped) */
export function onBehalfLine(tr: Translator, away: { name: string; until: string }): string {
  return tr.t("cover-on-behalf", { name: escapeHtml(initialsFirst(away.name)), date: formatDate(tr, away.until) });
}

export interface CuratorAway {
  name: string;
  to: string;
  schools: string[];
}

/**
 * The curators of a roadmap's schools away on `day` with nobody standing in (none named, or one
 * removed or out of reach): what the deputy head's digest says, since their schools' work waits.
 */
export async function curatorsAwayAlone(db: Db, roadmapId: number, day: string): Promise<CuratorAway[]> {
  const applies = { OR: [{ roadmapId: null }, { roadmapId }], school: { assignments: { some: { item: { roadmapId } } } } };
  const rows = await db.absence.findMany({
    where: {
      from: { lte: day },
      to: { gte: day },
      OR: [{ standInId: null }, { standIn: { OR: [{ removedAt: { not: null } }, { unreachable: true }, { chatId: null }] } }],
      person: { removedAt: null, curatorships: { some: applies } },
    },
    select: { to: true, person: { select: { shortName: true, curatorships: { where: applies, select: { school: { select: { name: true } } }, orderBy: { id: "asc" } } } } },
    orderBy: { id: "asc" },
  });
  return rows.map((r) => ({ name: r.person.shortName, to: r.to, schools: [...new Set(r.person.curatorships.map((c) => c.school.name))] }));
}

/** Does this person hear of and decide on others' work (a curator, a deputy head)? Then an absence has that to hand over too. */
export async function decidesForOthers(db: Db, personId: number): Promise<boolean> {
  const [curates, contact, deputy, controls] = await Promise.all([
    db.curatorship.findFirst({ where: { personId }, select: { id: true } }),
    db.organizationContact.findFirst({ where: { personId, organization: { curatorOf: { some: {} } } }, select: { id: true } }),
    db.personRole.findFirst({ where: { personId, role: "deputy" }, select: { id: true } }),
    db.roadmap.findFirst({ where: { controllerId: personId }, select: { id: true } }),
  ]);
  return !!(curates ?? contact ?? deputy ?? controls);
}
