import type { Clock } from "../core/clock.ts";
import type { Db } from "../services/db.ts";
import type { Logger } from "../services/logger.ts";
import type { OutgoingMessage } from "../services/outbox.ts";
import { DeliveryQueue, realSleep, type TelegramLike } from "./delivery.ts";
import { deliverAll, deliveryContext } from "./claims.ts";
import { blockedDeliveries } from "./blocked.ts";
import { databaseRateGate } from "./shared-limits.ts";

// The delivery queue wired to the database — the one object the bot, `tick` and the tests send
// through. A 403 marks the person unreachable (reminders to them stop at once: the planner
// skips unreachable people) and tells every reachable coordinator, through the same queue and
// the same claims as everything else (scheduler/blocked.ts).

export interface QueueDeps {
  telegram: TelegramLike;
  db: Db;
  /** the rate limits' clock */
  clock: Clock;
  /** when a block is noted and its notices planned (default: `clock`; tests keep their own time) */
  now?: Clock;
  logger?: Logger;
  sleep?: (ms: number) => Promise<void>;
  /** keep Telegram's limits with every other instance, in the database (scheduler/shared-limits.ts) */
  shared?: boolean;
}

/** Notes that the person blocked the bot; true when this is news (they were reachable until now). */
export async function markUnreachable(db: Db, msg: OutgoingMessage, at: Date): Promise<{ id: number; fullName: string } | null> {
  const person = msg.personId
    ? await db.person.findUnique({ where: { id: msg.personId }, select: { id: true, fullName: true, unreachable: true } })
    : await db.person.findFirst({ where: { chatId: msg.chatId }, select: { id: true, fullName: true, unreachable: true } });
  if (!person || person.unreachable) return null;
  // only the first 403 flips the flag: coordinators hear about it once
  const flipped = await db.person.updateMany({ where: { id: person.id, unreachable: false }, data: { unreachable: true, unreachableSince: at } });
  return flipped.count === 1 ? person : null;
}

export function createDeliveryQueue(deps: QueueDeps): DeliveryQueue {
  const queue: DeliveryQueue = new DeliveryQueue({
    telegram: deps.telegram,
    clock: deps.clock,
    sleep: deps.sleep ?? realSleep,
    gate: deps.shared ? databaseRateGate(deps.db) : undefined,
    onBlocked: async (msg) => {
      const now = (deps.now ?? deps.clock).now();
      const person = await markUnreachable(deps.db, msg, now);
      if (!person) return;
      deps.logger?.warn({ personId: person.id }, "person blocked the bot: marked unreachable");
      // the notices go out on their own; `idle` waits for them
      queue.track(
        (async () => {
          const ctx = deliveryContext({ db: deps.db, outbox: queue, logger: deps.logger }, now);
          await deliverAll(ctx, await blockedDeliveries(deps.db, now, { personId: person.id }));
        })().catch((err) => deps.logger?.warn({ err, personId: person.id }, "could not tell the coordinators about a blocked person")),
      );
    },
    onError: (msg, err) => deps.logger?.warn({ err, chatId: msg.chatId }, "message not delivered"),
  });
  return queue;
}
