import { Prisma } from "@prisma/client";
import type { Db } from "../services/db.ts";

// Telegram's limits are the bot's, not a process's: 30 messages a second overall, one a second
// per chat, and a 429 stops everything for its retry_after. With several instances each keeping
// them on its own, two would send 60 a second. So every request is first reserved here, in the
// database every instance shares: a row per request (SendSlot) and one gate row (SendGate) that
// each reservation locks — `INSERT … ON CONFLICT DO UPDATE` takes PostgreSQL's row lock and
// SQLite's write lock alike — so two instances never both see room for one more.
// Counting follows scheduler/delivery.ts: a request counts from when it is let go until a second
// after Telegram answered (in flight it always counts); an instance that died mid-request leaves
// a row that stops counting after IN_FLIGHT_MAX_MS.

const WINDOW_MS = 1000;
/** a request without an answer this long is taken for lost (its instance died) */
const IN_FLIGHT_MAX_MS = 30_000;
/** rows older than this are deleted now and then */
const KEEP_MS = 60_000;
const GATE_ID = 1;

type Reservation = { ok: true; slot: number } | { ok: false; retryAt: number; everyone: boolean };

export interface RateGate {
  /** A request to `chatId` may go at `now` (and is counted from now), or not before `retryAt`. */
  reserve(chatId: string, now: number): Promise<Reservation>;
  /** Telegram answered the reserved request at `at`. */
  answered(slot: number, at: number): Promise<void>;
  /** The reserved request did not go after all. */
  release(slot: number): Promise<void>;
  /** A 429: nobody sends before `until`. */
  pause(until: number): Promise<void>;
}

export interface SharedLimits {
  globalPerSecond: number;
  perChatPerSecond: number;
}

export function databaseRateGate(db: Db, limits: SharedLimits = { globalPerSecond: 30, perChatPerSecond: 1 }): RateGate {
  let reservations = 0;
  const chatGap = WINDOW_MS / limits.perChatPerSecond;
  return {
    async reserve(chatId, now) {
      const result = await db.$transaction(async (tx) => {
        // the lock: every reservation of every instance goes through this row, one at a time
        await tx.$executeRaw(Prisma.sql`INSERT INTO "SendGate" ("id", "pausedUntil") VALUES (${GATE_ID}, ${new Date(0)})
          ON CONFLICT ("id") DO UPDATE SET "pausedUntil" = "SendGate"."pausedUntil"`);
        const gate = await tx.sendGate.findUniqueOrThrow({ where: { id: GATE_ID } });
        if (gate.pausedUntil.getTime() > now) return { ok: false, retryAt: gate.pausedUntil.getTime(), everyone: true } as const;
        // counting: answered within the last second, or still in flight (not yet given up)
        const counting = (since: number) => [
          { answeredAt: { gt: new Date(now - since), lte: new Date(now + WINDOW_MS) } },
          { answeredAt: null, startedAt: { gt: new Date(now - IN_FLIGHT_MAX_MS), lte: new Date(now + WINDOW_MS) } },
        ];
        const chat = await tx.sendSlot.findMany({ where: { chatId, OR: counting(chatGap) }, select: { answeredAt: true } });
        if (chat.length > 0) {
          const last = chat.reduce((m, r) => Math.max(m, r.answeredAt?.getTime() ?? now), 0);
          return { ok: false, retryAt: Math.max(now + 1, last + chatGap + 1), everyone: false } as const;
        }
        const recent = await tx.sendSlot.findMany({ where: { OR: counting(WINDOW_MS) }, select: { answeredAt: true }, orderBy: { answeredAt: "asc" } });
        if (recent.length >= limits.globalPerSecond) {
          const answered = recent.flatMap((r) => (r.answeredAt ? [r.answeredAt.getTime()] : []));
          // the oldest answer leaving the window frees a place; with all in flight, soon
          const retryAt = answered.length > 0 ? answered[0]! + WINDOW_MS + 1 : now + 50;
          return { ok: false, retryAt: Math.max(now + 1, retryAt), everyone: true } as const;
        }
        const slot = await tx.sendSlot.create({ data: { chatId, startedAt: new Date(now) }, select: { id: true } });
        return { ok: true, slot: slot.id } as const;
      });
      if (++reservations % 200 === 0) await db.sendSlot.deleteMany({ where: { startedAt: { lt: new Date(now - KEEP_MS) } } });
      return result;
    },
    async answered(slot, at) {
      await db.sendSlot.updateMany({ where: { id: slot }, data: { answeredAt: new Date(at) } });
    },
    async release(slot) {
      await db.sendSlot.deleteMany({ where: { id: slot } });
    },
    async pause(until) {
      await db.$transaction(async (tx) => {
        await tx.$executeRaw(Prisma.sql`INSERT INTO "SendGate" ("id", "pausedUntil") VALUES (${GATE_ID}, ${new Date(until)})
          ON CONFLICT ("id") DO UPDATE SET "pausedUntil" = "SendGate"."pausedUntil"`);
        await tx.sendGate.updateMany({ where: { id: GATE_ID, pausedUntil: { lt: new Date(until) } }, data: { pausedUntil: new Date(until) } });
      });
    },
  };
}
