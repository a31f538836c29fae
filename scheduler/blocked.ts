import type { Db } from "../services/db.ts";
import { escapeHtml } from "../services/format.ts";
import { toLang, translator } from "../services/i18n.ts";
import { reachableCoordinators } from "../services/people.ts";
import type { Delivery } from "./claims.ts";

// «… заблокировал(а) бота»: when a 403 marks someone unreachable (scheduler/queue.ts), every
// reachable coordinator is told, through the one delivery path. The notice is planned from the
// person's state — unreachable since a moment within the last week — so a crash between the 403
// and the notices loses nothing: the next tick sends what is missing. Each notice is a claim
// `blocked|p<person>|<since, ms>|c<coordinator>`: blocked again later, told again.

/** A notice about a block older than this is no news any more. */
const NEWS_MS = 7 * 24 * 3600_000;

export async function blockedDeliveries(db: Db, now: Date, only?: { personId: number }): Promise<Delivery[]> {
  const blocked = await db.person.findMany({
    where: { unreachable: true, removedAt: null, unreachableSince: { gte: new Date(now.getTime() - NEWS_MS) }, ...(only ? { id: only.personId } : {}) },
    select: { id: true, fullName: true, unreachableSince: true },
    orderBy: { id: "asc" },
  });
  if (blocked.length === 0) return [];
  const coordinators = await reachableCoordinators(db);
  const out: Delivery[] = [];
  for (const b of blocked) {
    const since = b.unreachableSince!;
    for (const c of coordinators) {
      if (c.id === b.id) continue;
      out.push({
        claims: [{ key: `blocked|p${b.id}|${since.getTime()}|c${c.id}`, kind: "blocked_notice", personId: c.id, localDate: since.toISOString().slice(0, 10) }],
        render: async () => ({ chatId: c.chatId!, personId: c.id, text: translator(toLang(c.language)).t("delivery-blocked", { name: escapeHtml(b.fullName) }) }),
      });
    }
  }
  return out;
}
