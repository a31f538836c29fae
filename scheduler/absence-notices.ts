import { DateTime } from "luxon";
import type { Db } from "../services/db.ts";
import { formatDate } from "../services/format.ts";
import { toLang, translator } from "../services/i18n.ts";
import { addDays } from "../core/working-days.ts";
import type { Delivery } from "./claims.ts";

// «Я в отпуске» set by a coordinator for someone else: that person is told when the absence begins
// and when it is over (an absence ended early by a button was told then: handlers/absence.ts). From
// the send hour of the day, in the person's zone (else the zone of an active roadmap), within two
// days; each notice a claim `absence|<start|end>|a<absence>`, so it goes once.

const SEND_HOUR = 9;
const QUIET_HOUR = 20;
/** Days after the day a notice is still worth sending (after downtime). */
const CATCH_UP = 2;

export async function absenceDeliveries(db: Db, now: Date): Promise<Delivery[]> {
  const soon = DateTime.fromJSDate(now, { zone: "UTC" });
  // every absence that begins or ends around now (a handful)
  const rows = await db.absence.findMany({
    where: {
      byPersonId: { not: null },
      OR: [
        { from: { gte: soon.minus({ days: CATCH_UP + 1 }).toISODate()!, lte: soon.plus({ days: 1 }).toISODate()! } },
        { to: { gte: soon.minus({ days: CATCH_UP + 2 }).toISODate()!, lte: soon.toISODate()! }, endedAt: null },
      ],
    },
    select: { id: true, from: true, to: true, personId: true, byPersonId: true, endedAt: true, person: { select: { chatId: true, unreachable: true, removedAt: true, language: true, timezone: true } } },
  });
  const out: Delivery[] = [];
  let fallbackZone: string | null | undefined;
  for (const a of rows) {
    const p = a.person;
    if (a.byPersonId === a.personId || a.to < a.from || !p.chatId || p.unreachable || p.removedAt) continue;
    if (!p.timezone && fallbackZone === undefined) fallbackZone = (await db.roadmap.findFirst({ where: { status: "active" }, select: { timezone: true } }))?.timezone ?? "Europe/Moscow";
    const local = DateTime.fromJSDate(now, { zone: p.timezone || fallbackZone || "Europe/Moscow" });
    if (!local.isValid || local.hour < SEND_HOUR || local.hour >= QUIET_HOUR) continue;
    const today = local.toISODate();
    const tr = translator(toLang(p.language));
    const due = (day: string) => day <= today && today <= addDays(day, CATCH_UP);
    const notices: Array<[string, string, string]> = [];
    if (due(a.from)) notices.push(["start", a.from, tr.t("away-start-notice", { from: formatDate(tr, a.from), to: formatDate(tr, a.to) })]);
    if (!a.endedAt && due(addDays(a.to, 1))) notices.push(["end", addDays(a.to, 1), tr.t("away-ended-notice")]);
    for (const [what, day, text] of notices) {
      out.push({
        claims: [{ key: `absence|${what}|a${a.id}`, kind: "absence_notice", personId: a.personId, localDate: day }],
        render: async () => ({ chatId: p.chatId!, personId: a.personId, text }),
      });
    }
  }
  return out;
}
