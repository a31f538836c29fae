import type { Clock } from "../core/clock.ts";
import type { Db } from "../services/db.ts";
import type { Logger } from "../services/logger.ts";
import type { OutgoingMessage } from "../services/outbox.ts";
import { escapeHtml } from "../services/format.ts";
import { toLang, translator } from "../services/i18n.ts";
import { reachableCoordinators } from "../services/people.ts";
import { DeliveryQueue, realSleep, type TelegramLike } from "./delivery.ts";

// The delivery queue wired to the database: a 403 marks the person unreachable (reminders to
// them stop at once: the planner skips unreachable people) and tells every reachable
// coordinator, through the same queue.

export interface QueueDeps {
  telegram: TelegramLike;
  db: Db;
  clock: Clock;
  logger?: Logger;
  sleep?: (ms: number) => Promise<void>;
}

export async function markUnreachable(db: Db, msg: OutgoingMessage): Promise<{ id: number; fullName: string } | null> {
  const person = msg.personId
    ? await db.person.findUnique({ where: { id: msg.personId }, select: { id: true, fullName: true, unreachable: true } })
    : await db.person.findFirst({ where: { chatId: msg.chatId }, select: { id: true, fullName: true, unreachable: true } });
  if (!person || person.unreachable) return null;
  // only the first 403 flips the flag: coordinators hear about it once
  const flipped = await db.person.updateMany({ where: { id: person.id, unreachable: false }, data: { unreachable: true } });
  return flipped.count === 1 ? person : null;
}

export function createDeliveryQueue(deps: QueueDeps): DeliveryQueue {
  const queue: DeliveryQueue = new DeliveryQueue({
    telegram: deps.telegram,
    clock: deps.clock,
    sleep: deps.sleep ?? realSleep,
    onBlocked: async (msg) => {
      const person = await markUnreachable(deps.db, msg);
      if (!person) return;
      deps.logger?.warn({ personId: person.id }, "person blocked the bot: marked unreachable");
      for (const c of await reachableCoordinators(deps.db)) {
        if (c.id === person.id) continue;
        const tr = translator(toLang(c.language));
        void queue.send({ chatId: c.chatId!, personId: c.id, text: tr.t("delivery-blocked", { name: escapeHtml(person.fullName) }) });
      }
    },
    onError: (msg, err) => deps.logger?.warn({ err, chatId: msg.chatId }, "message not delivered"),
  });
  return queue;
}
