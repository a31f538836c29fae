import { DateTime } from "luxon";
import { z } from "zod";
import type { IsoDate } from "./types.ts";
import { isCheckinKind, isDated, isReminded, type AssignmentReminderKind, type DeadlineKind, type Every } from "./kinds.ts";
import { isStopped, type Status } from "./status.ts";
import { askDay, checkinEvery, checkinPeriods, type CheckinPeriod } from "./checkins.ts";
import {
  addDays,
  addWorkingDays,
  isoWeekday,
  nextWorkingDay,
  workingDayOnOrAfter,
  workingDayOnOrBefore,
  workingDaysBetween,
  type WorkCalendar,
} from "./working-days.ts";
import { absenceOn, escalationDayAfter, lookBackFrom, RETURN_GRACE_DEFAULT, returnDay, type AbsenceSpan } from "./absence.ts";

// Which reminders are due at an instant: a pure function of the assignments' state, the
// calendar and `now`. The scheduler's tick claims what this returns; nothing here knows about
// the database or Telegram.
//
// Each reminder has a *nominal* local day (always a working day): 7 days before the deadline,
// the day before, the day itself — each moved back to the working day before when it falls on
// a day off — the next working day after it (overdue), 3 working days later (escalation), a
// window's first working day, the last working day of a check-in period. It is sent at the
// send hour of that day in the recipient's zone. A reminder stays "current" until the next one
// of its stream (the executor's, or each escalation recipient's) comes due, for at most
// `catchUpDays`: after downtime the tick finds only the latest one per stream — one notice per
// assignment, not one per missed day — and sends it in the next daytime window.

export interface ReminderPolicy {
  /** calendar days before the deadline for `before_7d`; null turns it off */
  before7d: number | null;
  /** calendar days before the deadline for `before_1d`; null turns it off */
  before1d: number | null;
  onDue: boolean;
  windowOpen: boolean;
  overdue: boolean;
  /** working days after the overdue notice; null: no escalation */
  escalateAfterWorkingDays: number | null;
  checkins: boolean;
  /** local hour reminders go out */
  sendHour: number;
  /** from this local hour until the send hour nothing is sent */
  quietHour: number;
  /** how long a missed reminder is still worth sending after downtime */
  catchUpDays: number;
  /** weekly digest: on or off, 1 = Monday … 7 = Sunday, and its local hour */
  digest: boolean;
  digestWeekday: number;
  digestHour: number;
}

export const DEFAULT_POLICY: Readonly<ReminderPolicy> = Object.freeze({
  before7d: 7,
  before1d: 1,
  onDue: true,
  windowOpen: true,
  overdue: true,
  escalateAfterWorkingDays: 3,
  checkins: true,
  sendHour: 9,
  quietHour: 20,
  catchUpDays: 14,
  digest: true,
  digestWeekday: 1,
  digestHour: 9,
});

export class PolicyError extends Error {}

const hour = (min: number, max: number) => z.number().int().min(min).max(max);
const days = hour(1, 60).nullable();

/** `Roadmap.reminderPolicy`: fields over the defaults; an unknown field is refused. */
const policySchema = z
  .strictObject({
    before7d: days,
    before1d: days,
    onDue: z.boolean(),
    windowOpen: z.boolean(),
    overdue: z.boolean(),
    escalateAfterWorkingDays: days,
    checkins: z.boolean(),
    sendHour: hour(0, 23),
    quietHour: hour(1, 24),
    catchUpDays: hour(0, 60),
    digest: z.boolean(),
    digestWeekday: hour(1, 7),
    digestHour: hour(0, 23),
  })
  .partial();

function policyProblem(issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys") return `unknown field "${issue.keys[0]}"`;
  const field = issue.path.join(".");
  if (!field) return "must be a JSON object";
  const shape = policySchema.shape[field as keyof typeof policySchema.shape];
  if (shape && shape.def.innerType instanceof z.ZodBoolean) return `${field} must be true or false`;
  const num = (shape?.def.innerType instanceof z.ZodNullable ? shape.def.innerType.def.innerType : shape?.def.innerType) as z.ZodNumber | undefined;
  const nullable = shape?.def.innerType instanceof z.ZodNullable;
  return `${field} must be an integer ${num?.minValue}–${num?.maxValue}${nullable ? " or null" : ""}`;
}

/** `Roadmap.reminderPolicy` JSON over the default; unknown or bad fields are refused with a clear message. */
export function parsePolicy(json: string | null | undefined): ReminderPolicy {
  if (!json || !json.trim()) return { ...DEFAULT_POLICY };
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new PolicyError("reminder policy: not valid JSON");
  }
  const parsed = policySchema.safeParse(raw);
  if (!parsed.success) throw new PolicyError(`reminder policy: ${policyProblem(parsed.error.issues[0]!)}`);
  const policy: ReminderPolicy = { ...DEFAULT_POLICY };
  for (const [k, v] of Object.entries(parsed.data)) if (v !== undefined) (policy as unknown as Record<string, unknown>)[k] = v;
  if (policy.quietHour <= policy.sendHour) throw new PolicyError("reminder policy: quietHour must be after sendHour");
  return policy;
}

export interface Recipient {
  personId: number;
  name: string;
  chatId: string | null;
  /** IANA zone: the person's, else the roadmap's */
  timezone: string;
}

export interface ItemSchedule {
  kind: DeadlineKind;
  start: IsoDate | null;
  due: IsoDate | null;
  checkpoints: IsoDate[];
  every: Every | null;
  /** the day a rhythm names (core/checkins.ts askDay) */
  day?: number | null;
}

export interface AssignmentState {
  assignmentId: number;
  roadmapId: number;
  itemKey: string;
  itemNumber: string | null;
  schedule: ItemSchedule;
  /** the assignment's stored status */
  status: Status;
  /** approved new due date (status postponed) */
  dueOverride: string | null;
  /** multi items: status per checkpoint, where one was recorded */
  checkpointStatus?: Record<IsoDate, Status>;
  /** check-in periods already answered ("2023-04", a week's Monday, a quarter's first day) */
  answeredPeriods?: readonly string[];
  executor: Recipient | null;
  /** «Напомнить завтра»: local days the executor asked to have the latest reminder again (at the send hour) */
  snoozedTo?: readonly IsoDate[];
  /** the school's curator, else the deputy head, else a coordinator (resolved by the caller) */
  escalateTo: Recipient[];
  /** «Я в отпуске» of those escalated to (by person id), where any: a stand-in gets the escalation on their behalf */
  escalationAbsences?: ReadonlyMap<number, readonly ExecutorAbsence[]>;
  /** «Я в отпуске»: the executor's absences (core/absence.ts), each with its stand-in where one covers */
  absences?: readonly ExecutorAbsence[];
  /** the roadmap's activation day: nothing concerning an earlier deadline is sent */
  activeFrom: IsoDate | null;
  policy: ReminderPolicy;
}

export interface ExecutorAbsence extends AbsenceSpan {
  standIn: Recipient | null;
}

type Audience = "executor" | "escalation";

/** A reminder on its nominal day, before recipients and time are considered. */
export interface NominalReminder {
  kind: AssignmentReminderKind;
  date: IsoDate;
  audience: Audience;
  /** the deadline it is about (date, window end, a multi checkpoint, or the postponed due date) */
  deadline: IsoDate | null;
  /** check-ins: the period asked about */
  period: string | null;
  /** multi items: the checkpoint */
  checkpoint: IsoDate | null;
  /** check-ins: how often they are asked */
  every?: Every;
}

export interface DueReminder {
  kind: AssignmentReminderKind;
  /** the nominal local day (part of the idempotency key) */
  localDate: IsoDate;
  /** the nominal send time in the recipient's zone, ISO with offset */
  sendAt: string;
  assignmentId: number;
  roadmapId: number;
  itemKey: string;
  itemNumber: string | null;
  checkpoint: IsoDate | null;
  deadline: IsoDate | null;
  period: string | null;
  /** check-ins: week | month | quarter */
  every: Every | null;
  recipient: Recipient;
  /** working days past the deadline on the nominal day (overdue, escalation) */
  daysOverdue: number | null;
  /** unique per assignment, kind, checkpoint/period, local day and recipient */
  key: string;
  /** sent to a stand-in: whose work it is and until when they are away */
  covering?: { personId: number; name: string; until: IsoDate };
  /** an escalation to the stand-in of a curator or deputy head away: for whom, and their last day away */
  onBehalfOf?: { personId: number; name: string; until: IsoDate };
}

function reminderKey(r: { assignmentId: number; kind: AssignmentReminderKind; checkpoint: string | null; period: string | null; localDate: string; personId: number }): string {
  return `a${r.assignmentId}|${r.kind}|${r.checkpoint ?? r.period ?? "-"}|${r.localDate}|p${r.personId}`;
}

/** The deadlines an assignment is reminded of: one per open checkpoint, a postponement replacing the first open one. */
function deadlinesOf(a: Pick<AssignmentState, "schedule" | "checkpointStatus" | "dueOverride">): Array<{ deadline: IsoDate; checkpoint: IsoDate | null }> {
  const s = a.schedule;
  let list: Array<{ deadline: IsoDate; checkpoint: IsoDate | null }>;
  if (s.kind === "date" || s.kind === "window") list = s.due ? [{ deadline: s.due, checkpoint: null }] : [];
  else if (s.kind === "multi") {
    const points = s.checkpoints.length > 0 ? s.checkpoints : s.due ? [s.due] : [];
    list = points.filter((c) => !isStopped(a.checkpointStatus?.[c] ?? "not_started")).map((c) => ({ deadline: c, checkpoint: c }));
  } else return [];
  if (a.dueOverride) {
    if (list.length > 0) list[0] = { deadline: a.dueOverride, checkpoint: list[0]!.checkpoint };
    else if (s.kind !== "multi") list = [{ deadline: a.dueOverride, checkpoint: null }];
  }
  return list;
}

/**
 * The deadline a reminder of a multi item's checkpoint was about: the postponed date when the
 * checkpoint is the first open one and the assignment has a postponement, else the checkpoint
 * (a page of a sent message drawn again says what the first send said).
 */
export function checkpointDeadline(a: Pick<AssignmentState, "schedule" | "checkpointStatus" | "dueOverride">, checkpoint: IsoDate): IsoDate {
  return deadlinesOf(a).find((d) => d.checkpoint === checkpoint)?.deadline ?? checkpoint;
}

function deadlineReminders(a: AssignmentState, cal: WorkCalendar, deadline: IsoDate, checkpoint: IsoDate | null): NominalReminder[] {
  const p = a.policy;
  const out: NominalReminder[] = [];
  const add = (kind: AssignmentReminderKind, date: IsoDate, audience: Audience = "executor") =>
    out.push({ kind, date, audience, deadline, period: null, checkpoint });
  // a reminder before the deadline that falls on a day off comes on the working day before
  if (p.before7d !== null) add("before_7d", workingDayOnOrBefore(cal, addDays(deadline, -p.before7d)));
  if (p.before1d !== null) add("before_1d", workingDayOnOrBefore(cal, addDays(deadline, -p.before1d)));
  if (p.onDue) add("due", workingDayOnOrBefore(cal, deadline));
  const overdueDay = nextWorkingDay(cal, deadline);
  if (p.overdue) add("overdue", overdueDay);
  if (p.escalateAfterWorkingDays !== null) add("escalation", addWorkingDays(cal, overdueDay, p.escalateAfterWorkingDays), "escalation");
  return out;
}

/** checkinPeriods remembered: a tick asks the same few ranges for every check-in assignment. */
const periodsSeen = new Map<string, readonly CheckinPeriod[]>();
function periodsAround(every: Every, namedDay: boolean, from: IsoDate, to: IsoDate): readonly CheckinPeriod[] {
  const k = `${every}|${namedDay}|${from}|${to}`;
  let list = periodsSeen.get(k);
  if (!list) {
    if (periodsSeen.size >= 1000) periodsSeen.clear();
    // periods whose end lies in [from, to], with a margin for holidays (the question comes on the last working day);
    // a named day (core/checkins.ts askDay) may come up to a month and a half after its period
    periodsSeen.set(k, (list = checkinPeriods(every, addDays(from, namedDay ? -50 : -1), addDays(to, 40))));
  }
  return list;
}

function checkinReminders(a: AssignmentState, cal: WorkCalendar, from: IsoDate, to: IsoDate): NominalReminder[] {
  const s = a.schedule;
  const every = checkinEvery(s.kind, s.every);
  const day = s.day ?? null;
  const answered = a.answeredPeriods;
  const out: NominalReminder[] = [];
  for (const period of periodsAround(every, day !== null, from, to)) {
    if ((s.start && period.end < s.start) || (s.due && period.start > s.due)) continue;
    if (answered?.includes(period.id)) continue;
    // asked on the period's last working day («что сделано за месяц?»), or on the day the text names
    const date = workingDayOnOrBefore(cal, askDay(every, day, period));
    if (date < period.start || (s.start && date < s.start)) continue;
    out.push({ kind: "checkin", date, audience: "executor", deadline: null, period: period.id, checkpoint: null, every });
  }
  return out;
}

/**
 * Every nominal reminder of an assignment with its day in [from, to], after the status,
 * activation and policy rules. Exported for tests and for the year view of `plan`.
 */
export function nominalReminders(a: AssignmentState, cal: WorkCalendar, from: IsoDate, to: IsoDate): NominalReminder[] {
  if (isStopped(a.status)) return [];
  const p = a.policy;
  const s = a.schedule;
  const active = a.activeFrom;
  const all: NominalReminder[] = [];
  if (isDated(s.kind)) {
    const deadlines = deadlinesOf(a);
    for (const { deadline, checkpoint } of deadlines) {
      // a deadline before activation is reported in the first digest, never reminded of
      if (active && deadline < active) continue;
      all.push(...deadlineReminders(a, cal, deadline, checkpoint));
    }
    if (s.kind === "window" && p.windowOpen && s.start && s.due && s.start < s.due) {
      const open = workingDayOnOrAfter(cal, s.start);
      if (open < s.due) all.push({ kind: "window_open", date: open, audience: "executor", deadline: deadlines[0]?.deadline ?? s.due, period: null, checkpoint: null });
    }
  } else if (isCheckinKind(s.kind) && p.checkins) {
    all.push(...checkinReminders(a, cal, from, to));
  }
  return all.filter((r) => r.date >= from && r.date <= to && (!active || r.date >= active));
}

interface LocalNow {
  today: IsoDate;
  hour: number;
}

function localNow(now: Date, zone: string, cache: Map<string, LocalNow>): LocalNow {
  let v = cache.get(zone);
  if (!v) {
    const dt = DateTime.fromJSDate(now, { zone });
    v = { today: dt.toISODate()!, hour: dt.hour };
    cache.set(zone, v);
  }
  return v;
}

/** The nominal send time of a local day in a zone, ISO with offset. */
export function sendTime(date: IsoDate, hour: number, zone: string): string {
  return DateTime.fromISO(date, { zone }).set({ hour }).toISO({ suppressMilliseconds: true })!;
}

/** Is `now` a daytime moment to send in this zone: a working day, between the send hour and the quiet hour. */
function isDaytime(local: LocalNow, cal: WorkCalendar, policy: ReminderPolicy, nominal: IsoDate, hourFrom = policy.sendHour): boolean {
  if (!cal.isWorkingDay(local.today) || local.hour >= policy.quietHour) return false;
  // on its own day a reminder waits for its hour; a caught-up one goes from the send hour
  return local.hour >= (nominal === local.today ? hourFrom : policy.sendHour);
}

/**
 * Those an assignment escalates to at `now`, each with the absence whose stand-in takes the escalation
 * (core/absence.ts): one away without a reachable stand-in keeps it (it waits in their chat); a
 * stand-in already escalated to — another curator of the school — gets it once, as themselves.
 */
function escalationRecipients(a: AssignmentState, now: Date, zones: Map<string, LocalNow>): Array<[Recipient, ExecutorAbsence | null]> {
  if (!a.escalationAbsences || a.escalationAbsences.size === 0) return a.escalateTo.map((r) => [r, null]);
  const out: Array<[Recipient, ExecutorAbsence | null]> = [];
  const taken = new Set<number>();
  const covers = a.escalateTo.map((r) => {
    const spans = a.escalationAbsences!.get(r.personId);
    const away = spans ? absenceOn(spans, localNow(now, r.timezone, zones).today) : null;
    return away?.standIn && away.standIn.personId !== a.executor?.personId ? away : null;
  });
  a.escalateTo.forEach((r, i) => {
    if (covers[i] || taken.has(r.personId)) return;
    taken.add(r.personId);
    out.push([r, null]);
  });
  a.escalateTo.forEach((r, i) => {
    const cover = covers[i];
    if (!cover || taken.has(cover.standIn!.personId)) return;
    taken.add(cover.standIn!.personId);
    out.push([r, cover]);
  });
  return out;
}

/**
 * The reminders to send at `now`: per assignment and recipient, the latest reminder whose day
 * has come (within the catch-up limit), when it is daytime on a working day for the recipient.
 * Several kinds on the same day (e.g. `due` and `before_1d` moved to a Friday) all come back;
 * delivery puts them into one message.
 */
export function remindersDue(assignments: readonly AssignmentState[], now: Date, cal: WorkCalendar): DueReminder[] {
  const zones = new Map<string, LocalNow>();
  // assignments of one item share their nominal days unless their own state differs: computed once,
  // by the text of what they depend on and then the recipient's local day (no key built per recipient)
  const nominalCache = new Map<string, Map<IsoDate, NominalReminder[]>>();
  const sharedOf = new Map<ItemSchedule, { policy: ReminderPolicy; activeFrom: IsoDate | null; text: string }>();
  const sendAtCache = new Map<string, string>();
  const overdueCache = new Map<string, number>();
  const policyIds = new Map<ReminderPolicy, number>();
  const policyByText = new Map<string, number>();
  const out: DueReminder[] = [];
  /** The assignment's nominal reminders between its catch-up window's start and `local.today`. */
  // an assignment with state of its own: its nominal days once for all its recipients on one day
  let own: { a: AssignmentState; today: IsoDate; nominal: NominalReminder[] } | null = null;
  const nominalFor = (a: AssignmentState, shared: string | null, local: LocalNow): NominalReminder[] => {
    const byDay = shared === null ? undefined : nominalCache.get(shared);
    let nominal = shared === null ? (own?.a === a && own.today === local.today ? own.nominal : undefined) : byDay?.get(local.today);
    if (!nominal) {
      const from = addDays(local.today, -a.policy.catchUpDays);
      nominal = a.absences && a.absences.length > 0 ? afterAbsences(a, cal, nominalReminders(a, cal, lookBackFrom(a.absences, from), local.today), from, local.today) : nominalReminders(a, cal, from, local.today);
      if (shared === null) own = { a, today: local.today, nominal };
      else if (byDay) byDay.set(local.today, nominal);
      else nominalCache.set(shared, new Map([[local.today, nominal]]));
    }
    return nominal;
  };
  /** The text of what an assignment's nominal days depend on, when nothing of its own does; else null. */
  const sharedKey = (a: AssignmentState): string | null => {
    const own =
      (a.checkpointStatus && Object.keys(a.checkpointStatus).length > 0) || (a.answeredPeriods && a.answeredPeriods.length > 0) || (a.absences && a.absences.length > 0);
    if (own) return null;
    // an item's assignments share its schedule object, its roadmap's activation and policy: one text an item
    const s = a.schedule;
    const known = a.dueOverride === null ? sharedOf.get(s) : undefined;
    if (known && known.policy === a.policy && known.activeFrom === a.activeFrom) return known.text;
    let policyId = policyIds.get(a.policy);
    if (policyId === undefined) {
      // equal policies in different objects share their cache entries
      const json = JSON.stringify(a.policy);
      policyId = policyByText.get(json) ?? policyByText.size;
      policyByText.set(json, policyId);
      policyIds.set(a.policy, policyId);
    }
    const text = `${s.kind}|${s.start}|${s.due}|${s.checkpoints.join(",")}|${s.every}|${s.day ?? ""}|${a.dueOverride}|${a.activeFrom}|${policyId}|`;
    if (a.dueOverride === null) sharedOf.set(s, { policy: a.policy, activeFrom: a.activeFrom, text });
    return text;
  };
  /** The reminders due to one recipient of an assignment (`shared`: its sharedKey). */
  const dueTo = (a: AssignmentState, shared: string | null, audience: Audience, recipient: Recipient, covering: ExecutorAbsence | null, onBehalf: Recipient | null) => {
    const local = localNow(now, recipient.timezone, zones);
    const nominal = nominalFor(a, shared, local);
    let latest = "";
    for (const n of nominal) if (n.audience === audience && n.date > latest) latest = n.date;
    let list = nominal;
    if (audience === "executor" && latest && latest < local.today && a.snoozedTo?.includes(local.today)) {
      // moved by «Напомнить завтра»: the latest reminder again today, under today's key
      list = nominal.filter((n) => n.audience === audience && n.date === latest).map((n) => ({ ...n, date: local.today }));
      latest = local.today;
    }
    if (!latest || !isDaytime(local, cal, a.policy, latest)) return;
    for (const n of list) {
      if (n.audience !== audience || n.date !== latest) continue;
      const sendKey = `${n.date}|${a.policy.sendHour}|${recipient.timezone}`;
      let sendAt = sendAtCache.get(sendKey);
      if (sendAt === undefined) sendAtCache.set(sendKey, (sendAt = sendTime(n.date, a.policy.sendHour, recipient.timezone)));
      let daysOverdue: number | null = null;
      if (n.deadline && n.date > n.deadline) {
        const k = `${n.deadline}|${n.date}`;
        daysOverdue = overdueCache.get(k) ?? null;
        if (daysOverdue === null) overdueCache.set(k, (daysOverdue = workingDaysBetween(cal, n.deadline, n.date)));
      }
      const checkpoint = n.checkpoint ?? n.deadline;
      const due: DueReminder = {
        kind: n.kind,
        localDate: n.date,
        sendAt,
        assignmentId: a.assignmentId,
        roadmapId: a.roadmapId,
        itemKey: a.itemKey,
        itemNumber: a.itemNumber,
        checkpoint,
        deadline: n.deadline,
        period: n.period,
        every: n.every ?? null,
        recipient,
        daysOverdue,
        key: reminderKey({ assignmentId: a.assignmentId, kind: n.kind, checkpoint, period: n.period, localDate: n.date, personId: recipient.personId }),
      };
      if (covering && audience === "executor" && a.executor) due.covering = { personId: a.executor.personId, name: a.executor.name, until: covering.to };
      if (covering && onBehalf) due.onBehalfOf = { personId: onBehalf.personId, name: onBehalf.name, until: covering.to };
      out.push(due);
    }
  };
  for (const a of assignments) {
    if (isStopped(a.status) || !isReminded(a.schedule.kind)) continue;
    const shared = sharedKey(a);
    if (a.executor) {
      const away = a.absences && a.absences.length > 0 ? absenceOn(a.absences, localNow(now, a.executor.timezone, zones).today) : null;
      if (!away) dueTo(a, shared, "executor", a.executor, null, null);
      else if (away.standIn) dueTo(a, shared, "executor", away.standIn, away, null);
      // away without a stand-in: the executor's reminders wait for the return
    }
    if (!a.escalationAbsences || a.escalationAbsences.size === 0) {
      for (const r of a.escalateTo) dueTo(a, shared, "escalation", r, null, null);
    } else {
      for (const [r, cover] of escalationRecipients(a, now, zones)) dueTo(a, shared, "escalation", cover?.standIn ?? r, cover, cover ? r : null);
    }
  }
  return out;
}

/**
 * Absences without a stand-in (core/absence.ts): the executor's reminders that fell in one come on
 * the first working day back — the latest of each deadline only, and none when that day has its
 * own —; an escalation about a deadline the absence touched waits until the grace after the return.
 * What is left is what falls in [from, to].
 */
function afterAbsences(a: AssignmentState, cal: WorkCalendar, nominal: NominalReminder[], from: IsoDate, to: IsoDate): NominalReminder[] {
  const paused = (a.absences ?? []).filter((s) => !s.standIn);
  if (paused.length === 0) return nominal.filter((n) => n.date >= from && n.date <= to);
  const grace = a.policy.escalateAfterWorkingDays ?? RETURN_GRACE_DEFAULT;
  const topic = (n: NominalReminder) => `${n.deadline}|${n.checkpoint}|${n.period}`;
  const kept: NominalReminder[] = [];
  const moved = new Map<string, Array<{ n: NominalReminder; was: IsoDate }>>();
  for (const n of nominal) {
    if (n.audience === "escalation") {
      kept.push({ ...n, date: escalationDayAfter(cal, paused, n.deadline ?? n.date, n.date, grace) });
      continue;
    }
    const away = absenceOn(paused, n.date);
    if (!away) {
      kept.push(n);
      continue;
    }
    const back = returnDay(cal, away);
    const k = `${topic(n)}|${back}`;
    moved.set(k, [...(moved.get(k) ?? []), { n: { ...n, date: back }, was: n.date }]);
  }
  for (const [k, list] of moved) {
    const back = k.slice(k.lastIndexOf("|") + 1);
    // the return day's own reminder about the same deadline says it already
    if (kept.some((n) => n.audience === "executor" && n.date === back && `${topic(n)}|${back}` === k)) continue;
    const latest = list.reduce((m, x) => (x.was > m ? x.was : m), "");
    for (const x of list) if (x.was === latest) kept.push(x.n);
  }
  return kept.filter((n) => n.date >= from && n.date <= to);
}

/** The day of this week's digest (the policy's weekday, else the next working day of that week), or the last one before. */
function latestDigestDay(cal: WorkCalendar, policy: ReminderPolicy, today: IsoDate): IsoDate {
  const dayOf = (weekStart: IsoDate): IsoDate => {
    let d = addDays(weekStart, policy.digestWeekday - 1);
    const end = addDays(weekStart, 6);
    while (!cal.isWorkingDay(d) && d < end) d = addDays(d, 1);
    return d;
  };
  const monday = addDays(today, 1 - isoWeekday(today));
  const thisWeek = dayOf(monday);
  return thisWeek <= today ? thisWeek : dayOf(addDays(monday, -7));
}

export interface DigestTarget {
  roadmapId: number;
  recipient: Recipient;
  /** curators: only their schools; null = the whole roadmap */
  schoolIds: number[] | null;
  activeFrom: IsoDate | null;
  policy: ReminderPolicy;
  /** «Я в отпуске» of the recipient: while away, the digest goes to the stand-in (if one can be reached) */
  absences?: readonly ExecutorAbsence[];
}

export interface DueDigest {
  kind: "digest";
  localDate: IsoDate;
  sendAt: string;
  roadmapId: number;
  recipient: Recipient;
  schoolIds: number[] | null;
  key: string;
  /** the roadmap's first digest (within a week of its activation): it says what was overdue already, so it goes whole */
  first?: boolean;
  /** sent to a stand-in: whose digest it is, away until when */
  onBehalfOf?: { personId: number; name: string; until: IsoDate };
}

function digestKey(personId: number, roadmapId: number, localDate: IsoDate): string {
  return `digest|p${personId}|r${roadmapId}|${localDate}`;
}

/** Weekly digests due at `now`: the latest digest day of the week, from its hour, in daytime. */
export function digestsDue(targets: readonly DigestTarget[], now: Date, cal: WorkCalendar): DueDigest[] {
  const zones = new Map<string, LocalNow>();
  const sendAtCache = new Map<string, string>();
  const out: DueDigest[] = [];
  // who gets a roadmap's whole digest anyway: standing in for someone adds nothing to it
  const whole = new Set(targets.filter((t) => t.schoolIds === null && t.policy.digest).map((t) => `${t.recipient.personId}|${t.roadmapId}`));
  for (const t of targets) {
    if (!t.policy.digest) continue;
    const local = localNow(now, t.recipient.timezone, zones);
    const day = latestDigestDay(cal, t.policy, local.today);
    if (t.activeFrom && day < t.activeFrom) continue;
    // away that day with a stand-in: the digest is theirs (still once a week, under the away person's key)
    const away = t.absences?.find((ab) => ab.standIn && ab.from <= day && day <= ab.to);
    const recipient = away?.standIn ?? t.recipient;
    if (away && whole.has(`${recipient.personId}|${t.roadmapId}`)) continue;
    if (!isDaytime(localNow(now, recipient.timezone, zones), cal, t.policy, day, t.policy.digestHour)) continue;
    // a region's 2,000 digests fall on a few days in a few zones
    const sendKey = `${day}|${t.policy.digestHour}|${recipient.timezone}`;
    let sendAt = sendAtCache.get(sendKey);
    if (sendAt === undefined) sendAtCache.set(sendKey, (sendAt = sendTime(day, t.policy.digestHour, recipient.timezone)));
    out.push({
      kind: "digest",
      localDate: day,
      sendAt,
      roadmapId: t.roadmapId,
      recipient,
      schoolIds: t.schoolIds,
      key: digestKey(t.recipient.personId, t.roadmapId, day),
      ...(t.activeFrom && day < addDays(t.activeFrom, 7) ? { first: true } : {}),
      ...(away ? { onBehalfOf: { personId: t.recipient.personId, name: t.recipient.name, until: away.to } } : {}),
    });
  }
  return out;
}
