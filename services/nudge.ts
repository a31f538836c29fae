import { dueOf, loadAssignment } from "./assignments.ts";
import { DateTime } from "luxon";
import type { Db } from "./db.ts";
import { loadReviewRouting, mayReview } from "./verification.ts";
import type { Status } from "../core/status.ts";
import { effectiveDue, isStopped, toStatus } from "../core/status.ts";

// «Напомнить»: a curator, a deputy head or a coordinator reminds an executor about one поручение
// now — work that is overdue, or evidence attached to work not yet marked done. Once per
// поручение per local day (a ReminderClaim row with its own key, which is also the record of who
// asked when); the executor gets the card with its buttons and the name of who asked (the
// handler builds and sends it: services know nothing of Telegram).

type NudgeError = "not_found" | "forbidden" | "no_executor" | "closed" | "already";

/** What the executor is told (views/cards.ts builds the card; the caller sends it). */
interface Nudge {
  askerName: string;
  executor: { id: number; fullName: string; chatId: string | null; language: string | null; unreachable: boolean };
  /** evidence attached, the work not marked done */
  attached: boolean;
  card: {
    assignmentId: number;
    itemKey: string;
    itemTitle: string;
    due: string | null;
    status: Status;
    deadlineText: string | null;
    result: string | null;
    evidenceRequirement: string | null;
    schoolName: string | null;
    evidenceCount: number;
    today: string;
  };
}
export type NudgeOutcome = ({ ok: true } & Nudge) | { ok: false; error: NudgeError; itemKey?: string };

const KIND = "nudge";

const nudgeKey = (assignmentId: number, localDate: string) => `${KIND}|${assignmentId}|${localDate}`;

/** Records the request (once per поручение per day) and returns what to tell the executor. */
export async function nudgeExecutor(db: Db, args: { assignmentId: number; askerId: number; now: Date }): Promise<NudgeOutcome> {
  const a = await db.assignment.findUnique({
    where: { id: args.assignmentId },
    select: {
      id: true,
      status: true,
      dueOverride: true,
      schoolId: true,
      personId: true,
      person: { select: { id: true, fullName: true, chatId: true, language: true, unreachable: true, removedAt: true } },
      school: { select: { name: true } },
      item: { select: { key: true, title: true, roadmapId: true, deadlineDue: true, deadlineText: true, result: true, evidenceRequirement: true, removedAt: true, roadmap: { select: { timezone: true } } } },
      _count: { select: { evidence: true } },
    },
  });
  if (!a || a.item.removedAt) return { ok: false, error: "not_found" };
  const routing = await loadReviewRouting(db);
  if (!mayReview(routing, args.askerId, { schoolId: a.schoolId, roadmapId: a.item.roadmapId, personId: a.personId })) return { ok: false, error: "forbidden", itemKey: a.item.key };
  const status = toStatus(a.status);
  if (isStopped(status)) return { ok: false, error: "closed", itemKey: a.item.key };
  const executor = a.person;
  if (!executor || executor.removedAt) return { ok: false, error: "no_executor", itemKey: a.item.key };
  const localDate = DateTime.fromJSDate(args.now, { zone: a.item.roadmap.timezone }).toISODate()!;
  const key = nudgeKey(a.id, localDate);
  try {
    await db.reminderClaim.create({
      data: { key, kind: KIND, assignmentId: a.id, roadmapId: a.item.roadmapId, personId: executor.id, localDate, claimedAt: args.now, claimedBy: `person:${args.askerId}`, sentAt: args.now, attempts: 1 },
    });
  } catch (e) {
    if ((e as { code?: string }).code === "P2002") return { ok: false, error: "already", itemKey: a.item.key };
    throw e;
  }
  const asker = await db.person.findUnique({ where: { id: args.askerId }, select: { fullName: true } });
  const view = await loadAssignment(db, a.id);
  return {
    ok: true,
    askerName: asker?.fullName ?? "",
    executor: { id: executor.id, fullName: executor.fullName, chatId: executor.chatId, language: executor.language, unreachable: executor.unreachable },
    attached: a._count.evidence > 0 && status !== "submitted",
    card: {
      assignmentId: a.id,
      itemKey: a.item.key,
      itemTitle: a.item.title,
      // a multi item's next open part, as the executor's own card and /school show it
      due: view ? dueOf(view) : effectiveDue(a.item.deadlineDue, a.dueOverride),
      status,
      deadlineText: a.item.deadlineText,
      result: a.item.result,
      evidenceRequirement: a.item.evidenceRequirement,
      schoolName: a.school?.name ?? null,
      evidenceCount: a._count.evidence,
      today: localDate,
    },
  };
}
