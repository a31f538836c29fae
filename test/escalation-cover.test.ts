import { describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { workCalendar } from "../core/working-days.ts";
import { DEFAULT_POLICY, remindersDue, type AssignmentState, type ExecutorAbsence, type Recipient } from "../core/reminders.ts";

// Escalations while a curator is away (core/reminders.ts): a stand-in takes them on the curator's
// behalf; one who is escalated to anyway (another curator of the school), or who is the executor
// themselves, does not get a second or their own; a curator away with nobody reachable keeps them.
const cal = workCalendar();
const ZONE = "Asia/Yakutsk";
const who = (personId: number, name: string): Recipient => ({ personId, name, chatId: String(100 + personId), timezone: ZONE });
const exec = who(1, "Полухина Е.А.");
const curator = who(2, "Кураторова Н.П.");
const second = who(3, "Бутусова О.В.");
const outsider = who(4, "Александров П.И.");
const away = (standIn: Recipient | null): ExecutorAbsence[] => [{ from: "2023-06-05", to: "2023-06-16", standIn }];

function overdue(escalateTo: Recipient[], absences: Map<number, ExecutorAbsence[]>): AssignmentState {
  return {
    assignmentId: 7,
    roadmapId: 1,
    itemKey: "18",
    itemNumber: "18",
    schedule: { kind: "date", start: null, due: "2023-06-09", checkpoints: ["2023-06-09"], every: null },
    status: "not_started",
    dueOverride: null,
    executor: exec,
    escalateTo,
    escalationAbsences: absences,
    activeFrom: "2023-03-31",
    policy: { ...DEFAULT_POLICY },
  };
}

const escalationsOn = (a: AssignmentState, day: string) =>
  remindersDue([a], DateTime.fromISO(`${day}T10:00`, { zone: ZONE }).toJSDate(), cal)
    .filter((r) => r.kind === "escalation")
    .map((r) => ({ to: r.recipient.personId, for: r.onBehalfOf?.personId ?? null, until: r.onBehalfOf?.until ?? null }));

describe("escalations while a curator is away", () => {
  it("go to the stand-in, on the curator's behalf, during the absence only", () => {
    const a = overdue([curator], new Map([[curator.personId, away(outsider)]]));
    expect(escalationsOn(a, "2023-06-16")).toEqual([{ to: outsider.personId, for: curator.personId, until: "2023-06-16" }]);
    // 19 June the curator is back: theirs again (the day's own key)
    expect(escalationsOn(a, "2023-06-19")).toEqual([{ to: curator.personId, for: null, until: null }]);
  });

  it("a stand-in who is another curator of the school gets one, as themselves", () => {
    const a = overdue([curator, second], new Map([[curator.personId, away(second)]]));
    expect(escalationsOn(a, "2023-06-16")).toEqual([{ to: second.personId, for: null, until: null }]);
  });

  it("stay with the curator when nobody can stand in, or the stand-in is the executor", () => {
    expect(escalationsOn(overdue([curator], new Map([[curator.personId, away(null)]])), "2023-06-16")).toEqual([{ to: curator.personId, for: null, until: null }]);
    expect(escalationsOn(overdue([curator], new Map([[curator.personId, away(exec)]])), "2023-06-16")).toEqual([{ to: curator.personId, for: null, until: null }]);
  });
});
