import { z } from "zod";
import { isIsoDay } from "../core/iso-day.ts";
import { parsePolicy, PolicyError, type ReminderPolicy } from "../core/reminders.ts";
import type { ImportResult, ResponsibleParty } from "../core/types.ts";
import type { Logger } from "./logger.ts";

// The JSON columns, read back in one place each and checked with zod: a row that does not hold
// what its readers expect raises StoredJsonError naming the row, so the caller can leave that one
// row out (and log it) instead of letting it decide a whole run — one bad roadmap must not stop
// every roadmap's reminders.

export class StoredJsonError extends Error {
  constructor(
    readonly column: string,
    readonly id: number | string,
    readonly problem: string,
  ) {
    super(`${column} of ${id}: ${problem}`);
  }
}

function parse<T>(column: string, id: number | string, text: string | null | undefined, schema: z.ZodType<T>, empty?: T): T {
  if ((text === null || text === undefined || text.trim() === "") && empty !== undefined) return empty;
  let raw: unknown;
  try {
    raw = JSON.parse(text ?? "");
  } catch {
    throw new StoredJsonError(column, id, "not valid JSON");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new StoredJsonError(column, id, `${issue.path.length ? `${issue.path.join(".")}: ` : ""}${issue.message}`);
  }
  return parsed.data;
}

const seen = new WeakMap<Logger, Set<string>>();

/** Logs a bad row once per logger — once per process — though the scheduler meets it every minute; with its id. */
export function logBadRow(logger: Logger | undefined, e: StoredJsonError): void {
  if (!logger) return;
  const told = seen.get(logger) ?? new Set<string>();
  seen.set(logger, told);
  if (told.has(e.message)) return;
  told.add(e.message);
  logger.error({ column: e.column, id: e.id, problem: e.problem }, "stored JSON is not what it should be: row left out");
}

const isoDate = z.string().refine(isIsoDay, "not an ISO date");

// ---------- Roadmap.reminderPolicy ----------

/** The roadmap's reminder policy over the defaults (core/reminders.ts holds its zod schema). */
export function readReminderPolicy(row: { id: number; reminderPolicy: string | null }): ReminderPolicy {
  try {
    return parsePolicy(row.reminderPolicy);
  } catch (e) {
    if (e instanceof PolicyError) throw new StoredJsonError("Roadmap.reminderPolicy", row.id, e.message.replace(/^reminder policy: /, ""));
    throw e;
  }
}

// ---------- Item.checkpoints ----------

const checkpointsSchema = z.array(isoDate);

/** The ends of a `multi` item's parts (the due date of a dated one), ISO dates. */
export function readCheckpoints(row: { id: number; checkpoints: string }): string[] {
  // most items have none, the others a list Веха wrote itself: the planner reads 5,000 items a
  // tick, and zod's pass over each was a tenth of its time; zod tells what is wrong with the others
  if (row.checkpoints === "[]") return [];
  return isoDays(row.checkpoints) ?? parse("Item.checkpoints", row.id, row.checkpoints, checkpointsSchema, []);
}

/** A JSON array of ISO days as written, else null. */
function isoDays(text: string): string[] | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  return Array.isArray(v) && v.every((d) => typeof d === "string" && isIsoDay(d)) ? (v as string[]) : null;
}

/** A reader's value, or `fallback` for a bad row (views and lists that carry on without it). */
export function orNone<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof StoredJsonError) return fallback;
    throw e;
  }
}

/** For views (a card, a table): a bad row shows no parts rather than failing the whole view. */
export function checkpointsOrNone(row: { id: number; checkpoints: string }): string[] {
  return orNone(() => readCheckpoints(row), []);
}

// ---------- Item.responsible ----------

const partySchema = z.object({
  text: z.string(),
  kind: z.enum(["person", "role", "organization"]),
  name: z.string(),
  note: z.string().nullable(),
  position: z.string().nullable().optional(),
});

/** The parsed responsible parties of an item (the contract's shape). */
export function readResponsible(row: { id: number; responsible: string }): ResponsibleParty[] {
  return parse("Item.responsible", row.id, row.responsible, z.array(partySchema), []);
}

// ---------- Roadmap.meta ----------

const metaSchema = z
  .object({
    schools: z.array(z.string()).optional(),
    schoolFlags: z.array(z.object({ school: z.string() }).loose()).optional(),
    curators: z.array(z.unknown()).optional(),
  })
  .loose();

export type RoadmapMeta = z.infer<typeof metaSchema>;

/** The import's roadmap fields kept as parsed (schools, school flags, curators). */
export function readRoadmapMeta(row: { id: number; meta: string }): RoadmapMeta {
  return parse("Roadmap.meta", row.id, row.meta, metaSchema, {});
}

// ---------- PendingImport.payload ----------

const pendingSchema = z
  .object({
    roadmap: z.object({ title: z.string(), timezone: z.string(), years: z.array(z.number()), schools: z.array(z.string()), curators: z.array(z.unknown()) }).loose(),
    items: z.array(z.object({ key: z.string(), title: z.string(), deadline: z.object({ kind: z.string() }).loose(), responsible: z.array(partySchema) }).loose()),
    warnings: z.array(z.unknown()),
  })
  .loose();

/** An import preview waiting for «Сохранить»: the ImportResult as parsed. */
export function readPendingImport(row: { id: number; payload: string }): ImportResult {
  return parse("PendingImport.payload", row.id, row.payload, pendingSchema) as unknown as ImportResult;
}
