// The kinds of the contract: of a deadline (`import --json`), of a reminder (`plan --json`), and of
// everything else the delivery path claims. Closed unions; stored values are narrowed with the guards.

// ---------- deadlines ----------

export const DEADLINE_KINDS = ["date", "window", "multi", "recurring", "ongoing", "on_demand", "none", "unknown"] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

function isDeadlineKind(s: string): s is DeadlineKind {
  return (DEADLINE_KINDS as readonly string[]).includes(s);
}

/** A stored deadline kind read back: a value Веха never writes is a deadline not understood («unknown»). */
export function toDeadlineKind(stored: string): DeadlineKind {
  return isDeadlineKind(stored) ? stored : "unknown";
}

/** A due date to work towards: one, a window's end, or a multi item's parts (its checkpoints). */
export const DATED_KINDS = ["date", "window", "multi"] as const satisfies readonly DeadlineKind[];
/** Answered with check-ins («что сделано за месяц?») until their period ends; they are never closed by them. */
export const CHECKIN_KINDS = ["recurring", "ongoing"] as const satisfies readonly DeadlineKind[];
/** Deadline kinds that can produce reminders: the dated ones, and check-ins. */
export const REMINDED_KINDS = [...DATED_KINDS, ...CHECKIN_KINDS] as const satisfies readonly DeadlineKind[];
/** No date to work towards: digests list them apart. */
export const UNDATED_KINDS = ["on_demand", "none"] as const satisfies readonly DeadlineKind[];

const among = (list: readonly DeadlineKind[], k: DeadlineKind) => list.includes(k);
export const isDated = (k: DeadlineKind): boolean => among(DATED_KINDS, k);
export const isCheckinKind = (k: DeadlineKind): boolean => among(CHECKIN_KINDS, k);
export const isReminded = (k: DeadlineKind): boolean => among(REMINDED_KINDS, k);
export const isUndated = (k: DeadlineKind): boolean => among(UNDATED_KINDS, k);

export const EVERIES = ["week", "month", "quarter"] as const;
/** How often a recurring item comes round (and is asked about). */
export type Every = (typeof EVERIES)[number];

export function isEvery(s: string): s is Every {
  return (EVERIES as readonly string[]).includes(s);
}

/** A stored rhythm read back: a value Веха never writes counts as none (check-ins then come monthly). */
export function toEvery(stored: string | null): Every | null {
  return stored !== null && isEvery(stored) ? stored : null;
}

// ---------- reminders and notices ----------

/** Reminders about one assignment, each on its own day (core/reminders.ts). */
export type AssignmentReminderKind = "window_open" | "before_7d" | "before_1d" | "due" | "overdue" | "escalation" | "checkin";

/** The contract's `plan --json` kinds: the assignment reminders, the weekly digest, a postponement request raised again. */
export type ReminderKind = AssignmentReminderKind | "digest" | "approval_reminder";

/** What a ReminderClaim is for: the plan's kinds, and the notices of evidence to review and of a blocked bot. */
export type ClaimKind = ReminderKind | "review_notice" | "blocked_notice" | "absence_notice";
