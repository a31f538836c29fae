import { describe, expect, it } from "vitest";
import type { DueReminder } from "../core/reminders.ts";
import { groupedReminderMessages, type ReminderGroup } from "../scheduler/messages.ts";
import { translator } from "../services/i18n.ts";
import { TEXT_LIMIT } from "../services/telegram-text.ts";

// A regional deputy head's escalations of one item overdue at hundreds of schools: one card, the
// first schools by name and how many more, within Telegram's limit, every reminder carried.

const recipient = { personId: 1, name: "Бутусова О.В.", chatId: "100", timezone: "Europe/Moscow" };

function escalation(i: number, itemKey = "7"): ReminderGroup {
  const key = `a${i}|escalation|2023-03-31|2023-05-02|p1`;
  const reminder: DueReminder = { kind: "escalation", localDate: "2023-05-02", sendAt: "2023-05-02T09:00:00+03:00", assignmentId: i, roadmapId: 1, itemKey, itemNumber: itemKey, checkpoint: "2023-03-31", deadline: "2023-03-31", period: null, every: null, recipient, daysOverdue: 22, key };
  return {
    reminders: [reminder],
    subject: { assignmentId: i, itemKey, itemTitle: "Контроль за прохождением курсовой подготовки", due: "2023-03-31", status: "not_started", executorName: `Директор ${i}`, executorId: 1000 + i, schoolName: `МБОУ СОШ № ${i} <Заречье>` },
  };
}

describe("escalations of one item at many schools", () => {
  const tr = translator("ru");

  it("is one card with the first schools and «…и ещё», every reminder's key carried, under the limit", () => {
    const groups = [...Array.from({ length: 400 }, (_, i) => escalation(i + 1)), escalation(999, "8")];
    const parts = groupedReminderMessages(tr, groups);
    expect(parts).toHaveLength(1);
    const { text } = parts[0]!.message;
    expect(text.length).toBeLessThanOrEqual(TEXT_LIMIT);
    expect(text).toContain("Просрочено у исполнителей: 401 поручение");
    expect(text).toContain("Не выполнено 400 поручений:");
    expect(text).toContain("• МБОУ СОШ № 1 &lt;Заречье&gt; — Директор 1");
    expect(text).toContain("…и ещё 385 поручений, полный список — /overdue");
    expect(text).not.toContain("Директор 16\n");
    expect(new Set(parts[0]!.keys).size).toBe(401);
  });

  it("keeps a single school's escalation as its own card with «Исполнитель»", () => {
    const parts = groupedReminderMessages(tr, [escalation(1), escalation(2, "8")]);
    expect(parts[0]!.message.text.split("Исполнитель: ")).toHaveLength(3);
    expect(parts[0]!.message.text).not.toContain("Не выполнено");
  });
});
