import { z } from "zod";
import type { Db } from "../services/db.ts";
import { deleteChatState, loadChatState, saveChatState } from "../services/chat-state.ts";
import type { Logger } from "../services/logger.ts";
import { logBadRow, StoredJsonError } from "../services/stored-json.ts";

// Multi-step conversations (waiting for a file, a date, a comment) keep their step in ChatState,
// so a restart in the middle does not lose it. One state per chat; a new step replaces the old.
// A stored step is checked when read (the one place ChatState.state is parsed): a step of a kind
// below without its fields is dropped (logged), never handed to a handler to fail on.

export interface ChatStep {
  /** a StepKind below; a kind this version does not know is kept, and nobody answers it */
  kind: string;
  [key: string]: unknown;
}

/** A text field of a step (a field another version wrote differently reads as empty). */
export function stepText(step: ChatStep, field: string): string {
  const v = step[field];
  return typeof v === "string" ? v : "";
}

const id = z.number().int().positive();
const instant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), "not a time");

/** The fields each kind needs (the handler that answers each: handlers/steps.ts). */
const KNOWN = {
  "import-file": z.object({}).loose(),
  pick: z.object({ action: z.string(), rest: z.string(), at: instant }).loose(),
  evidence: z.object({ assignmentId: id, at: instant }).loose(),
  "postpone-date": z.object({ assignmentId: id, at: instant }).loose(),
  "postpone-reason": z.object({ assignmentId: id, date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), at: instant }).loose(),
  "verify-return": z.object({ assignmentId: id }).loose(),
  "postpone-refuse": z.object({ requestId: id }).loose(),
  // /edit checks its own fields (an unreadable target is «неактуально»)
  "edit-text": z.object({}).loose(),
  "edit-confirm": z.object({}).loose(),
  // «Я в отпуске»: the dates, then the stand-in (handlers/absence.ts)
  "away-dates": z.object({ personId: id, at: instant }).loose(),
  "away-stand-in": z.object({ personId: id, from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), at: instant }).loose(),
} satisfies Record<string, z.ZodType>;

export type StepKind = keyof typeof KNOWN;

export function isStepKind(kind: string): kind is StepKind {
  return Object.hasOwn(KNOWN, kind);
}

/** ChatState.state of one chat, checked; throws StoredJsonError for a bad one. */
export function readChatStep(row: { chatId: string; state: string }): ChatStep {
  let raw: unknown;
  try {
    raw = JSON.parse(row.state);
  } catch {
    throw new StoredJsonError("ChatState.state", row.chatId, "not valid JSON");
  }
  const head = z.object({ kind: z.string().min(1) }).loose().safeParse(raw);
  if (!head.success) throw new StoredJsonError("ChatState.state", row.chatId, "no step kind");
  const kind = head.data.kind;
  const full = isStepKind(kind) ? KNOWN[kind].safeParse(raw) : head;
  if (!full.success) {
    const issue = full.error.issues[0]!;
    throw new StoredJsonError("ChatState.state", row.chatId, `${head.data.kind}: ${issue.path.join(".")} ${issue.message}`);
  }
  return raw as ChatStep;
}

export async function getStep(db: Db, chatId: string, logger?: Logger): Promise<ChatStep | null> {
  const row = await loadChatState(db, chatId);
  if (!row) return null;
  try {
    return readChatStep(row);
  } catch (e) {
    if (!(e instanceof StoredJsonError)) throw e;
    logBadRow(logger, e);
    return null;
  }
}

export async function setStep(db: Db, chatId: string, step: ChatStep & { kind: StepKind }): Promise<void> {
  await saveChatState(db, chatId, JSON.stringify(step));
}

export async function clearStep(db: Db, chatId: string): Promise<void> {
  await deleteChatState(db, chatId);
}
