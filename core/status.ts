// Assignment statuses of the contract. `overdue` is derived, never stored.

export const STATUSES = ["not_started", "in_progress", "submitted", "verified", "returned", "postponed", "cancelled"] as const;
export type Status = (typeof STATUSES)[number];
export type ShownStatus = Status | "overdue";

export function isStatus(s: string): s is Status {
  return (STATUSES as readonly string[]).includes(s);
}

/** Done from the executor's side: nothing more is asked of them unless it is returned. */
export function isClosed(status: string, needsVerification = true): boolean {
  if (status === "verified" || status === "cancelled") return true;
  return status === "submitted" && !needsVerification;
}

/** The due date that counts: an approved postponement replaces the item's own. */
export function effectiveDue(itemDue: string | null, dueOverride: string | null): string | null {
  return dueOverride ?? itemDue;
}

export function isOverdue(due: string | null, status: string, today: string, needsVerification = true): boolean {
  if (!due || isClosed(status, needsVerification) || status === "submitted") return false;
  return due < today;
}

/** What the UI and exports show: the stored status, or «просрочено» when past due and open. */
export function shownStatus(status: string, due: string | null, today: string, needsVerification = true): ShownStatus {
  const s: Status = isStatus(status) ? status : "not_started";
  return isOverdue(due, s, today, needsVerification) ? "overdue" : s;
}

/** An item is done when all its (not cancelled) assignments are verified, or submitted where no confirmation is needed. */
export function isItemDone(statuses: string[], needsVerification = true): boolean {
  const live = statuses.filter((s) => s !== "cancelled");
  return live.length > 0 && live.every((s) => s === "verified" || (!needsVerification && s === "submitted"));
}
