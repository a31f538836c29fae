// Who a person is to Веха: their roles and the person record the bot works with. Pure: the bot,
// the services and the CLI all read it from here.

export type Role = "executor" | "curator" | "deputy" | "coordinator";
/** Every role, in the order menus and the help list them. */
export const ROLES: readonly Role[] = ["executor", "curator", "deputy", "coordinator"];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** The person linked to the Telegram account that sent an update. */
export interface Me {
  id: number;
  fullName: string;
  shortName: string;
  position: string | null;
  organizationId: number | null;
  language: string | null;
  chatId: string | null;
  /** a message to them failed with 403 (they blocked the bot); cleared when they write again */
  unreachable: boolean;
  /** PersonRole rows: a deputy head's roadmapId says which roadmap they control (null = all) */
  roles: Array<{ role: Role; roadmapId: number | null }>;
}

export function hasRole(me: Me | null, role: Role): boolean {
  if (!me) return false;
  // every linked person can answer for their own assignments
  if (role === "executor") return true;
  return me.roles.some((r) => r.role === role);
}

/** Holds at least one of these roles ("executor": every linked person). */
export function hasAnyRole(me: Me | null, roles: readonly Role[]): me is Me {
  return roles.some((role) => hasRole(me, role));
}

