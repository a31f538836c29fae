import crypto from "node:crypto";
import type { Db } from "./db.ts";
import type { Clock } from "../core/clock.ts";

// A Telegram account is linked to a person only through a single-use invite token (deep link
// `https://t.me/<bot>?start=<token>`), valid 14 days. A new invite replaces the person's old one.

export const INVITE_DAYS = 14;

/** A new invite for the person; `replaced`: an earlier link that still worked stops working now. */
export async function createInvite(db: Db, personId: number, clock: Clock): Promise<{ token: string; expiresAt: Date; replaced: boolean }> {
  // 16 random bytes → 22 characters of [A-Za-z0-9_-], what a /start parameter allows
  const token = crypto.randomBytes(16).toString("base64url");
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + INVITE_DAYS * 24 * 3600 * 1000);
  const [live] = await db.$transaction([
    db.invite.count({ where: { personId, usedAt: null, expiresAt: { gt: now } } }),
    db.invite.deleteMany({ where: { personId, usedAt: null } }),
    db.invite.create({ data: { token, personId, expiresAt, createdAt: now } }),
  ]);
  return { token, expiresAt, replaced: live > 0 };
}

export function inviteLink(botUsername: string | null | undefined, token: string): string | null {
  return botUsername ? `https://t.me/${botUsername.replace(/^@/, "")}?start=${token}` : null;
}

export type RedeemOutcome =
  | { ok: true; personId: number; previousAccount: string | null; unlinkedPersonId: number | null }
  | { ok: false; reason: "unknown" | "used" | "expired" };

/**
 * Links the account to the invite's person. The person's old account (if any) is replaced; an
 * account that was linked to someone else moves to this person. All in one transaction, so a
 * token redeemed twice at once links only once.
 */
export async function redeemInvite(db: Db, token: string, telegramId: string, chatId: string, clock: Clock): Promise<RedeemOutcome> {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(token)) return { ok: false, reason: "unknown" };
  const now = clock.now();
  return db.$transaction(async (tx) => {
    const invite = await tx.invite.findUnique({ where: { token }, include: { person: true } });
    if (!invite || invite.person.removedAt) return { ok: false, reason: "unknown" } as const;
    if (invite.usedAt) return { ok: false, reason: "used" } as const;
    if (invite.expiresAt.getTime() < now.getTime()) return { ok: false, reason: "expired" } as const;
    const claimed = await tx.invite.updateMany({ where: { id: invite.id, usedAt: null }, data: { usedAt: now } });
    if (claimed.count === 0) return { ok: false, reason: "used" } as const;
    const other = await tx.person.findUnique({ where: { telegramId } });
    let unlinkedPersonId: number | null = null;
    if (other && other.id !== invite.personId) {
      await tx.person.update({ where: { id: other.id }, data: { telegramId: null, chatId: null } });
      unlinkedPersonId = other.id;
    }
    await tx.person.update({
      where: { id: invite.personId },
      data: { telegramId, chatId, unreachable: false },
    });
    const previousAccount = invite.person.telegramId && invite.person.telegramId !== telegramId ? invite.person.telegramId : null;
    return { ok: true, personId: invite.personId, previousAccount, unlinkedPersonId } as const;
  });
}
