import type { Context } from "telegraf";
import type { Translator } from "../services/i18n.ts";
import type { BotDeps } from "./deps.ts";

export type Role = "executor" | "curator" | "deputy" | "coordinator";
export const ROLES: readonly Role[] = ["executor", "curator", "deputy", "coordinator"];

/** The person linked to the Telegram account that sent the update. */
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
  roles: Array<{ role: string; roadmapId: number | null }>;
}

export interface BotContext extends Context {
  tr: Translator;
  /**
   * The linked person with roles, or null for a stranger. (Named `person`, not `me`: telegraf's
   * Context already has a `me` getter — the bot's own username.)
   */
  person: Me | null;
  deps: BotDeps;
}

export function hasRole(me: Me | null, role: Role): boolean {
  if (!me) return false;
  // every linked person can answer for their own assignments
  if (role === "executor") return true;
  return me.roles.some((r) => r.role === role);
}

/** Roadmaps a deputy head controls; null means every roadmap (a role row without roadmap). */
export function deputyRoadmaps(me: Me | null): number[] | null {
  const rows = me?.roles.filter((r) => r.role === "deputy") ?? [];
  if (rows.some((r) => r.roadmapId === null)) return null;
  return rows.map((r) => r.roadmapId!).filter((id) => id !== null);
}

/** The chat id of a private conversation as we store it (Telegram ids exceed 2^31: decimal strings). */
export function chatIdOf(ctx: Context): string | null {
  return ctx.chat ? String(ctx.chat.id) : null;
}
