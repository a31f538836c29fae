import type { Db } from "../services/db.ts";
import type { Translator } from "../services/i18n.ts";
import { awayOn } from "../services/absence.ts";
import { byPages } from "../services/paging.ts";
import { effectiveDue, toStatus, type Status } from "../core/status.ts";
import { checkpointDeadline } from "../core/reminders.ts";
import { readCheckpoints } from "../services/stored-json.ts";
import { checkinEvery } from "../core/checkins.ts";
import { workingDaysBetween } from "../core/working-days.ts";
import { toDeadlineKind, toEvery, type AssignmentReminderKind } from "../core/kinds.ts";
import { loadWorkCalendar } from "./plan.ts";
import { pageFor, pageShowing, reminderPage, type ReminderFacts, type ReminderGroup, type ReminderPage } from "./messages.ts";
import { Subjects } from "./subjects.ts";
import { digestHead } from "./digest-head.ts";
import { appliesTo, schoolsIn, scopeOfPerson } from "../services/scope.ts";

// A page of a reminder message sent earlier, drawn again from the database: the claims the
// message settled carry its Telegram message id (docs/delivery.md), so «◀ / ▶» need nothing but
// the page number and work across restarts and instances. The items show their state now (a
// поручение done since shows «на проверке» and no «Выполнено»); why each was reminded of comes
// from its claim: the kind, the day and the checkpoint.

const REMINDER_KINDS: readonly AssignmentReminderKind[] = ["window_open", "before_7d", "before_1d", "due", "overdue", "escalation", "checkin"];

/** The reminders a message carried, as the groups it was drawn from; empty when it carried none of this person's. */
async function sentReminderGroups(db: Db, personId: number, messageId: number): Promise<{ groups: ReminderGroup[]; digests: number[] }> {
  const sent = await db.reminderClaim.findMany({
    where: { personId, messageId: String(messageId), sentAt: { not: null }, kind: { in: [...REMINDER_KINDS, "digest"] } },
    select: { key: true, kind: true, assignmentId: true, roadmapId: true, checkpoint: true, localDate: true },
    orderBy: { id: "asc" },
  });
  // the week's digest, when it headed the message: its roadmaps
  const digests = sent.flatMap((c) => (c.kind === "digest" && c.roadmapId !== null ? [c.roadmapId] : []));
  const claims = sent.filter((c) => c.kind !== "digest" && c.assignmentId !== null);
  if (claims.length === 0) return { groups: [], digests };
  const ids = [...new Set(claims.map((c) => c.assignmentId!))];
  // one read of each assignment: its card (the subject) and what the headers said — the deadline,
  // how late, how often, whose work (a stand-in's) — from the same rows
  const subjects = new Subjects(db);
  await subjects.need(ids);
  const late = claims.some((c) => c.kind === "overdue" || c.kind === "escalation");
  const calendar = late ? await loadWorkCalendar(db) : null;
  const executorOf = (id: number) => subjects.get(id)?.executorId ?? null;
  const covered = claims.filter((c) => c.kind !== "escalation" && (executorOf(c.assignmentId!) ?? personId) !== personId);
  const away = new Map<string, Awaited<ReturnType<typeof awayOn>>>();
  for (const day of new Set(covered.map((c) => c.localDate))) away.set(day, await awayOn(db, covered.map((c) => executorOf(c.assignmentId!)!), day));
  // a multi item's first open checkpoint, postponed: the reminder was about the new date
  const postponedMulti = ids.filter((id) => {
    const f = subjects.facts(id);
    return f && f.dueOverride && f.item.deadlineKind === "multi";
  });
  const checkpointStatus = new Map<number, Record<string, Status>>();
  if (postponedMulti.length > 0) {
    for (const row of await byPages(postponedMulti, (page) => db.checkpointStatus.findMany({ where: { assignmentId: { in: page } }, select: { assignmentId: true, checkpoint: true, status: true } }))) {
      checkpointStatus.set(row.assignmentId, { ...checkpointStatus.get(row.assignmentId), [row.checkpoint]: toStatus(row.status) });
    }
  }
  const onBehalf = await onBehalfOf(db, personId, claims, subjects);
  const groups = new Map<string, ReminderGroup>();
  for (const c of claims) {
    const subject = subjects.get(c.assignmentId!);
    const f = subjects.facts(c.assignmentId!);
    // deleted since: the page shows the others
    if (!subject || !f) continue;
    const kind = c.kind as AssignmentReminderKind;
    const checkin = kind === "checkin";
    const item = f.item;
    const schedule = { kind: toDeadlineKind(item.deadlineKind), start: item.deadlineStart, due: item.deadlineDue, checkpoints: readCheckpoints(item), every: toEvery(item.every) };
    // a multi item's checkpoint (its postponed date when it is the first open one), else the due date that counts (a postponement's)
    const deadline = checkin
      ? null
      : c.checkpoint && schedule.kind === "multi"
        ? checkpointDeadline({ schedule, dueOverride: f.dueOverride, checkpointStatus: checkpointStatus.get(c.assignmentId!) }, c.checkpoint)
        : (c.checkpoint ?? effectiveDue(item.deadlineDue, f.dueOverride));
    const executor = subject.executorId != null && subject.executorId !== personId && kind !== "escalation" ? subject.executorId : null;
    const until = executor !== null ? away.get(c.localDate)?.get(executor)?.to : undefined;
    const fact: ReminderFacts = {
      key: c.key,
      kind,
      localDate: c.localDate,
      deadline,
      daysOverdue: (kind === "overdue" || kind === "escalation") && deadline && calendar ? workingDaysBetween(calendar, deadline, c.localDate) : null,
      every: checkin ? checkinEvery(schedule.kind, schedule.every) : null,
      // a check-in's key is «a<id>|checkin|<period>|<day>|p<person>» (core/reminders.ts reminderKey)
      period: checkin ? (c.key.split("|")[2] ?? null) : null,
      recipient: { personId, chatId: null },
      ...(executor !== null && until ? { covering: { personId: executor, name: subject.executorName ?? "", until } } : {}),
      ...(kind === "escalation" && onBehalf.has(c.key) ? { onBehalfOf: onBehalf.get(c.key)! } : {}),
    };
    const k = `${c.assignmentId}|${c.localDate}`;
    const g = groups.get(k);
    if (g) (g.reminders as ReminderFacts[]).push(fact);
    else groups.set(k, { reminders: [fact], subject });
  }
  return { groups: [...groups.values()], digests };
}

/**
 * The escalations the person got as someone's stand-in (a curator away), by claim key: whom they
 * stood in for, as the first send said («Вместо коллеги: …»). One read of the absences they
 * covered on those days (none: nothing more); then, when there are some, the curators of those
 * schools: an escalation to the person as a curator of the school themselves was their own.
 */
async function onBehalfOf(db: Db, personId: number, claims: Array<{ key: string; kind: string; assignmentId: number | null; localDate: string }>, subjects: Subjects): Promise<Map<string, { personId: number; name: string; until: string }>> {
  const out = new Map<string, { personId: number; name: string; until: string }>();
  const escalations = claims.filter((c) => c.kind === "escalation");
  if (escalations.length === 0) return out;
  const days = escalations.map((c) => c.localDate).sort();
  const covered = await db.absence.findMany({
    where: { standInId: personId, from: { lte: days.at(-1)! }, to: { gte: days[0]! } },
    select: { personId: true, from: true, to: true, person: { select: { shortName: true } } },
    orderBy: { id: "asc" },
  });
  if (covered.length === 0) return out;
  const schools = [...new Set(escalations.flatMap((c) => subjects.facts(c.assignmentId!)?.schoolId ?? []))];
  const curators = await db.curatorship.findMany({
    where: { schoolId: { in: schools }, personId: { in: [personId, ...covered.map((a) => a.personId)] } },
    select: { schoolId: true, personId: true, roadmapId: true },
  });
  for (const c of escalations) {
    const f = subjects.facts(c.assignmentId!);
    const executor = subjects.get(c.assignmentId!)?.executorId ?? null;
    if (!f) continue;
    const curates = (id: number) => f.schoolId !== null && curators.some((k) => k.personId === id && k.schoolId === f.schoolId && appliesTo(k.roadmapId, f.item.roadmapId));
    // escalated to the person as a curator of the school: theirs, nobody's stand-in
    if (curates(personId)) continue;
    const away = covered.filter((a) => a.from <= c.localDate && a.to >= c.localDate && a.personId !== executor);
    // the one away who curates the school; else (a deputy head's escalation) the one away
    const who = away.find((a) => curates(a.personId)) ?? (away.length === 1 ? away[0] : undefined);
    if (who) out.set(c.key, { personId: who.personId, name: who.person.shortName, until: who.to });
  }
  return out;
}

/**
 * Page `page` of the reminder message `messageId` the person got, or (with `assignmentId`) the page
 * showing that поручение; null when the message carried no reminders of theirs.
 */
export async function sentReminderPage(db: Db, tr: Translator, q: { personId: number; messageId: number; now: Date; page?: number; assignmentId?: number }): Promise<ReminderPage | null> {
  const { groups, digests } = await sentReminderGroups(db, q.personId, q.messageId);
  if (groups.length === 0) return null;
  const page = q.assignmentId !== undefined ? pageShowing(groups, q.assignmentId) : pageFor(groups, q.page ?? 0);
  // the first page of a message the week's digest headed: its figures as of now, for the roadmaps as the person sees them now
  let head = null;
  if (page === 0 && digests.length > 0) {
    const scope = await scopeOfPerson(db, q.personId);
    // a roadmap no longer seen (no school of it either) is left out
    const roadmaps = digests.map((roadmapId) => ({ roadmapId, schoolIds: schoolsIn(scope, roadmapId) })).filter((r) => r.schoolIds === null || r.schoolIds.length > 0);
    head = await digestHead(db, tr, { personId: q.personId, roadmaps, now: q.now });
  }
  return reminderPage(tr, groups, page, head);
}
