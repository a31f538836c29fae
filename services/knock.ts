import type { Db } from "./db.ts";

// A stranger (a Telegram account no person is linked to) «knocks» by writing to the bot. The first
// knock is stored as a ReminderClaim row under the unique key `knock|<telegram id>` (no table of its
// own): the insert that wins is the one first knock, across restarts and instances. The row is
// recorded as sent at once, so the delivery queue never takes it for a message to retry.

export interface Knock {
  telegramId: string;
  /** «Иван Петров (@ivan)», as Telegram shows the account */
  name: string;
  /** the client's language code, for the welcome once linked */
  language: string | null;
}

const keyOf = (telegramId: string) => `knock|${telegramId}`;

/** Stores the first knock of the account; false when it has knocked before. */
export async function recordKnock(db: Db, knock: Knock, now: Date): Promise<boolean> {
  try {
    await db.reminderClaim.create({
      data: {
        key: keyOf(knock.telegramId),
        kind: "knock",
        checkpoint: JSON.stringify({ name: knock.name, language: knock.language }),
        localDate: now.toISOString().slice(0, 10),
        claimedAt: now,
        claimedBy: "knock",
        sentAt: now,
      },
    });
    return true;
  } catch (e) {
    if ((e as { code?: string }).code === "P2002") return false;
    throw e;
  }
}

export async function knockOf(db: Db, telegramId: string): Promise<Knock | null> {
  const row = await db.reminderClaim.findUnique({ where: { key: keyOf(telegramId) } });
  if (!row) return null;
  let stored: { name?: unknown; language?: unknown } = {};
  try {
    stored = JSON.parse(row.checkpoint ?? "{}") as typeof stored;
  } catch {
    // a row written by hand: the account is still known by its id
    stored = {};
  }
  return {
    telegramId,
    name: typeof stored.name === "string" ? stored.name : telegramId,
    language: typeof stored.language === "string" ? stored.language : null,
  };
}

/** People of the directory no account is linked to, those whose name shares a word with `name` first. */
export async function unlinkedPeople(db: Db, name: string, limit: number): Promise<Array<{ id: number; fullName: string }>> {
  const people = await db.person.findMany({ where: { removedAt: null, telegramId: null }, orderBy: { fullName: "asc" }, select: { id: true, fullName: true } });
  const words = new Set(name.toLowerCase().split(/[^\p{L}]+/u).filter((w) => w.length > 1));
  const score = (fullName: string) => fullName.toLowerCase().split(/\s+/).filter((w) => words.has(w)).length;
  return people
    .map((p, i) => ({ p, s: score(p.fullName), i }))
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .slice(0, limit)
    .map((x) => x.p);
}

export type LinkOutcome = { ok: true } | { ok: false; reason: "account-linked" | "person-linked" | "unknown" };

/** Links the knocking account to the person, unless either is linked already (a second coordinator's press). */
export async function linkKnock(db: Db, telegramId: string, personId: number): Promise<LinkOutcome> {
  return db.$transaction(async (tx) => {
    if (await tx.person.findUnique({ where: { telegramId } })) return { ok: false, reason: "account-linked" } as const;
    const person = await tx.person.findUnique({ where: { id: personId } });
    if (!person || person.removedAt) return { ok: false, reason: "unknown" } as const;
    // a private chat's id is the account's id
    const linked = await tx.person.updateMany({ where: { id: personId, telegramId: null }, data: { telegramId, chatId: telegramId, unreachable: false } });
    return linked.count === 1 ? ({ ok: true } as const) : ({ ok: false, reason: "person-linked" } as const);
  });
}
