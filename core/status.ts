// Assignment statuses of the contract and the one table of how they change. `overdue` is
// derived, never stored. A multi item's parts (CheckpointStatus) use the same words.

export const STATUSES = ["not_started", "in_progress", "submitted", "verified", "returned", "postponed", "cancelled"] as const;
export type Status = (typeof STATUSES)[number];
export type ShownStatus = Status | "overdue";

function isStatus(s: string): s is Status {
  return (STATUSES as readonly string[]).includes(s);
}

/**
 * A stored status read back: a value Веха never writes counts as not started, as the views have
 * always shown it (every write goes through the table below, so only a hand-edited row has one).
 */
export function toStatus(stored: string): Status {
  return isStatus(stored) ? stored : "not_started";
}

// ---------- the sets ----------
// Every stored status is in exactly one of OPEN, ON_REVIEW and FINAL; the other sets are unions of them.

/** Work asked of the executor: reminders go, and they may mark it done, in progress, or ask for more time. */
export const OPEN_STATUSES = ["not_started", "in_progress", "returned", "postponed"] as const satisfies readonly Status[];
/** Done by the executor, waiting for a reviewer's «Принять» or «Вернуть на доработку». */
export const ON_REVIEW_STATUSES = ["submitted"] as const satisfies readonly Status[];
/** Nothing more happens to it. */
export const FINAL_STATUSES = ["verified", "cancelled"] as const satisfies readonly Status[];

/** Nothing more is asked of the executor unless a reviewer returns it: reminders stop, a multi item's part is done. */
export const STOPPED_STATUSES = [...ON_REVIEW_STATUSES, ...FINAL_STATUSES] as const satisfies readonly Status[];
/** Not final: what /my lists (open and on review), and what moves with a person who leaves. */
export const UNFINISHED_STATUSES = [...OPEN_STATUSES, ...ON_REVIEW_STATUSES] as const satisfies readonly Status[];
/** Everything but cancelled: an executor's card of finished work still opens. */
export const UNCANCELLED_STATUSES = [...UNFINISHED_STATUSES, "verified"] as const satisfies readonly Status[];

const has = (set: readonly Status[], s: Status) => set.includes(s);
export const isOpen = (s: Status): boolean => has(OPEN_STATUSES, s);
export const isFinal = (s: Status): boolean => has(FINAL_STATUSES, s);
export const isStopped = (s: Status): boolean => has(STOPPED_STATUSES, s);

// ---------- the transitions ----------

/** Who makes a change (the services check that the person is that one). */
type Actor = "executor" | "reviewer" | "decider" | "coordinator";

export interface Transition {
  from: readonly Status[];
  to: Status;
  by: Actor;
}

/**
 * Every status change Веха makes, each written with a StatusChange row. The executor acts on
 * their own assignment; the reviewer is the curator, else the deputy head, else a coordinator
 * (services/verification.ts); the decider of a «Нужно больше времени» request is chosen the same way.
 */
export const TRANSITIONS = {
  /** «Выполнено» (the last open part of a multi item with it) */
  submit: { from: OPEN_STATUSES, to: "submitted", by: "executor" },
  /** «В работе» (again only with a comment), a check-in, or a multi item's part done while others remain */
  progress: { from: OPEN_STATUSES, to: "in_progress", by: "executor" },
  /** «Одобрить» on a «Нужно больше времени» request: the new due date */
  postpone: { from: OPEN_STATUSES, to: "postponed", by: "decider" },
  /** «Принять» */
  accept: { from: ON_REVIEW_STATUSES, to: "verified", by: "reviewer" },
  /** «Вернуть на доработку» */
  return: { from: ON_REVIEW_STATUSES, to: "returned", by: "reviewer" },
  /** the item's responsible parties were edited and this one is no longer among them (untouched ones are deleted instead) */
  cancel: { from: OPEN_STATUSES, to: "cancelled", by: "coordinator" },
} as const satisfies Record<string, Transition>;

export type TransitionName = keyof typeof TRANSITIONS;

/** May this change start from `from`? */
export function mayMove(name: TransitionName, from: Status): boolean {
  return has(TRANSITIONS[name].from, from);
}

// ---------- derived ----------

/** Done: verified, or submitted where the roadmap needs no confirmation. */
export function isDone(status: Status, needsVerification = true): boolean {
  return status === "verified" || (!needsVerification && status === "submitted");
}

/** The due date that counts: an approved postponement replaces the item's own. */
export function effectiveDue(itemDue: string | null, dueOverride: string | null): string | null {
  return dueOverride ?? itemDue;
}

/** A due date before today (none, or an empty one, never is). SQL that counts by it says the same (services/school-counts.ts). */
function isPastDue(due: string | null, today: string): boolean {
  return !!due && due < today;
}

/** Past due and still open (work on review is not overdue, whether or not the roadmap needs confirmation). */
export function isOverdue(due: string | null, status: Status, today: string): boolean {
  return isPastDue(due, today) && !isStopped(status);
}

/** What the UI and exports show: the stored status, or «просрочено» when past due and open. */
export function shownStatus(status: Status, due: string | null, today: string): ShownStatus {
  return shownWhen(status, isPastDue(due, today));
}

/** The shown status of work whose due date has passed (`pastDue`) or not. */
export function shownWhen(status: Status, pastDue: boolean): ShownStatus {
  return pastDue && !isStopped(status) ? "overdue" : status;
}

/** An item is done when all its (not cancelled) assignments are done. */
export function isItemDone(statuses: readonly Status[], needsVerification = true): boolean {
  const live = statuses.filter((s) => s !== "cancelled");
  return live.length > 0 && live.every((s) => isDone(s, needsVerification));
}
