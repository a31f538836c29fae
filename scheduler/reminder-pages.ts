import type { Db } from "../services/db.ts";
import type { Translator } from "../services/i18n.ts";
import { awayOn } from "../services/absence.ts";
import { byPages } from "../services/paging.ts";
import { effectiveDue } from "../core/status.ts";
import { checkinEvery } from "../core/checkins.ts";
import { workingDaysBetween } from "../core/working-days.ts";
import { toDeadlineKind, toEvery, type AssignmentReminderKind } from "../core/kinds.ts";
import { loadWorkCalendar } from "./plan.ts";
import { pageShowing, reminderPage, type ReminderFacts, type ReminderGroup, type ReminderPage } from "./messages.ts";
import { Subjects } from "./subjects.ts";

// A page of a reminder message sent earlier, drawn again from the database: the claims the
// message settled carry its Telegram message id (docs/delivery.md), so «◀ / ▶» need nothing but
// the page number and work across restarts and instances. The items show their state now (a
// поручение done since shows «на проверке» and no «Выполнено»); why each was reminded of comes
// from its claim: the kind, the day and the checkpoint.

const REMINDER_KINDS: readonly AssignmentReminderKind[] = ["window_open", "before_7d", "before_1d", "due", "overdue", "escalation", "checkin"];

/** The reminders a message carried, as the groups it was drawn from; empty when it carried none of this person's. */
async function sentReminderGroups(db: Db, personId: number, messageId: number): Promise<ReminderGroup[]> {
  const claims = await db.reminderClaim.findMany({
    where: { personId, messageId: String(messageId), sentAt: { not: null }, assignmentId: { not: null }, kind: { in: [...REMINDER_KINDS] } },
    select: { key: true, kind: true, assignmentId: true, checkpoint: true, localDate: true },
    orderBy: { id: "asc" },
  });
  if (claims.length === 0) return [];
  const ids = [...new Set(claims.map((c) => c.assignmentId!))];
  const subjects = new Subjects(db);
  await subjects.need(ids);
  // what the message's headers said: the deadline, how late, how often, whose work (a stand-in's)
  const facts = await byPages(ids, (page) =>
    db.assignment.findMany({
      where: { id: { in: page } },
      select: { id: true, personId: true, dueOverride: true, person: { select: { shortName: true } }, item: { select: { deadlineKind: true, deadlineDue: true, every: true } } },
    }),
  );
  const byId = new Map(facts.map((f) => [f.id, f]));
  const late = claims.some((c) => c.kind === "overdue" || c.kind === "escalation");
  const calendar = late ? await loadWorkCalendar(db) : null;
  const covered = claims.filter((c) => c.kind !== "escalation" && (byId.get(c.assignmentId!)?.personId ?? personId) !== personId);
  const away = new Map<string, Awaited<ReturnType<typeof awayOn>>>();
  for (const day of new Set(covered.map((c) => c.localDate))) away.set(day, await awayOn(db, covered.map((c) => byId.get(c.assignmentId!)!.personId!), day));
  const groups = new Map<string, ReminderGroup>();
  for (const c of claims) {
    const a = byId.get(c.assignmentId!);
    const subject = subjects.get(c.assignmentId!);
    // deleted since: the page shows the others
    if (!a || !subject) continue;
    const kind = c.kind as AssignmentReminderKind;
    const checkin = kind === "checkin";
    // a multi item's checkpoint, else the due date that counts (a postponement's)
    const deadline = checkin ? null : (c.checkpoint ?? effectiveDue(a.item.deadlineDue, a.dueOverride));
    const executor = a.personId !== null && a.personId !== personId && kind !== "escalation" ? a.personId : null;
    const until = executor !== null ? away.get(c.localDate)?.get(executor)?.to : undefined;
    const fact: ReminderFacts = {
      key: c.key,
      kind,
      localDate: c.localDate,
      deadline,
      daysOverdue: (kind === "overdue" || kind === "escalation") && deadline && calendar ? workingDaysBetween(calendar, deadline, c.localDate) : null,
      every: checkin ? checkinEvery(toDeadlineKind(a.item.deadlineKind), toEvery(a.item.every)) : null,
      // a check-in's key is «a<id>|checkin|<period>|<day>|p<person>» (core/reminders.ts reminderKey)
      period: checkin ? (c.key.split("|")[2] ?? null) : null,
      recipient: { personId, chatId: null },
      ...(executor !== null && until ? { covering: { personId: executor, name: a.person?.shortName ?? "", until } } : {}),
    };
    const k = `${c.assignmentId}|${c.localDate}`;
    const g = groups.get(k);
    if (g) (g.reminders as ReminderFacts[]).push(fact);
    else groups.set(k, { reminders: [fact], subject });
  }
  return [...groups.values()];
}

/**
 * Page `page` of the reminder message `messageId` the person got, or (with `assignmentId`) the page
 * showing that поручение; null when the message carried no reminders of theirs.
 */
export async function sentReminderPage(db: Db, tr: Translator, q: { personId: number; messageId: number; page?: number; assignmentId?: number }): Promise<ReminderPage | null> {
  const groups = await sentReminderGroups(db, q.personId, q.messageId);
  if (groups.length === 0) return null;
  return reminderPage(tr, groups, q.assignmentId !== undefined ? pageShowing(groups, q.assignmentId) : (q.page ?? 0));
}
