import type { BotContext } from "../bot/context.ts";
import { beginStep } from "../bot/steps.ts";
import { replyHtml } from "../bot/reply.ts";
import type { PersonContext } from "../bot/roles.ts";
import { itemCard } from "../views/cards.ts";
import { escapeHtml } from "../services/format.ts";
import { dueOf, todayFor, type AssignmentView, type ChangeOutcome } from "../services/assignments.ts";
import { findOwnAssignment, keyLabel, parseKeyRef, severalRoadmaps } from "../services/items.ts";
import { packCallback } from "../views/callbacks.ts";
import { standsInFor } from "../services/absence.ts";

// Shared by the executor's commands, buttons and evidence steps.

export const COMMENT_MAX = 1000;
const URL_MAX = 2048;

/** A single http(s) link with a real host, or null. */
export function parseHttpUrl(text: string): string | null {
  const t = text.trim();
  if (!t || t.length > URL_MAX || /\s/.test(t)) return null;
  let url: URL;
  try {
    url = new URL(t);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (!url.hostname || (!url.hostname.includes(".") && url.hostname !== "localhost")) return null;
  return url.toString();
}

/** The first http(s) link in a text («вот ссылка: https://…»), or null. */
export function findHttpUrl(text: string): string | null {
  for (const m of text.matchAll(/https?:\/\/[^\s<>"«»]+/gi)) {
    const url = parseHttpUrl(m[0].replace(/[.,;:)!?]+$/, ""));
    if (url) return url;
  }
  return null;
}

export async function cardOf(ctx: BotContext, a: AssignmentView, several?: boolean) {
  const many = several ?? (await severalRoadmaps(ctx.deps.db));
  return itemCard(ctx.tr, {
    assignmentId: a.id,
    itemKey: keyLabel(a, many),
    itemTitle: a.item.title,
    due: dueOf(a),
    status: a.status,
    deadlineText: a.item.deadlineText,
    result: a.item.result,
    evidenceRequirement: a.item.evidenceRequirement,
    schoolName: a.school?.name ?? null,
    evidenceCount: a._count.evidence,
    today: todayFor(a, ctx.deps.clock.now()),
  });
}

export async function sendCard(ctx: BotContext, a: AssignmentView, prefix?: string): Promise<void> {
  const card = await cardOf(ctx, a);
  await replyHtml(ctx, prefix ? `${prefix}\n\n${card.text}` : card.text, card.keyboard.inline_keyboard.length ? card.keyboard : undefined);
}

export type ExecutorAction = "item" | "done" | "progress" | "evidence";

/**
 * The person's assignment for the key typed after a command. Answers and returns null when
 * there is none; with several roadmaps asks which one with buttons (the rest of the command
 * waits in ChatState).
 */
export async function resolveKey(ctx: PersonContext, keyText: string, action: ExecutorAction, rest: string): Promise<AssignmentView | null> {
  const ref = parseKeyRef(keyText);
  if (!ref) {
    await replyHtml(ctx, ctx.tr.t(`exec-usage-${action}`));
    return null;
  }
  const found = await findOwnAssignment(ctx.deps.db, ctx.person.id, ref);
  if (found.kind === "found") return found.assignment;
  const key = escapeHtml(ref.roadmapId !== null ? `${ref.roadmapId}/${ref.key}` : ref.key);
  if (found.kind === "unknown") await replyHtml(ctx, ctx.tr.t("exec-key-unknown", { key }));
  else if (found.kind === "not_yours") await replyHtml(ctx, ctx.tr.t("exec-key-not-yours", { key }));
  else {
    await beginStep(ctx, { kind: "pick", action, rest, at: ctx.deps.clock.now().toISOString() });
    const rows = found.options.map((a) => [
      { text: `${a.item.roadmapId}/${a.item.key} · ${a.item.roadmap.title}`.slice(0, 60), callback_data: packCallback({ kind: "pick", assignmentId: a.id }) },
    ]);
    await replyHtml(ctx, ctx.tr.t("exec-key-ambiguous", { key }), { inline_keyboard: rows });
  }
  return null;
}

/** The answer to a refused change. */
export function refusalText(ctx: BotContext, outcome: Extract<ChangeOutcome, { ok: false }>): string {
  const status = outcome.status ? ctx.tr.t(`status-${outcome.status}`) : "";
  return ctx.tr.t(`exec-refused-${outcome.error}`, { status });
}

/**
 * Whose work the person's buttons act on: their own assignment ({}), or — standing in today for
 * its absent executor — the executor's ({ onBehalfOf }); null: neither.
 */
export async function actingAs(ctx: PersonContext, a: AssignmentView): Promise<{ onBehalfOf?: number } | null> {
  if (a.personId === ctx.person.id) return {};
  if (a.personId !== null && (await standsInFor(ctx.deps.db, ctx.person.id, a.personId, todayFor(a, ctx.deps.clock.now())))) return { onBehalfOf: a.personId };
  return null;
}
