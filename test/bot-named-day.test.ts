import { afterEach, describe, expect, it } from "vitest";
import { BotHarness, buttons } from "./support/bot-harness.ts";
import { readTextExport } from "../core/import/text-export.ts";
import { importDocument } from "../core/import/index.ts";
import { saveImport } from "../services/roadmap-store.ts";
import { resolveAssignments } from "../services/assign.ts";
import { tick } from "../scheduler/tick.ts";

// «ежемесячно, до 5 числа» from an imported document to the executor's chat: the question comes on
// the 5th (or the working day before), about the month just ended, and the answer is kept under it.

const DOC = `ПРИКАЗ
от 20.01.2025 № 12
Об утверждении дорожной карты

| № п/п | Наименование мероприятия | Сроки исполнения | Исполнители | Форма отчётности |
|---|---|---|---|---|
| 1 | Мониторинг посещаемости обучающихся | ежемесячно, до 5 числа | Полухина Е.А., главный специалист | справка |
| 2 | Отчёт о работе наставников | ежемесячно | Полухина Е.А., главный специалист | отчёт |
`;

let h: BotHarness;
afterEach(async () => {
  await h?.stop();
});

async function tickAt(iso: string) {
  h.clock.set(new Date(iso));
  await tick({ db: h.db, outbox: h.deps.outbox, clock: h.clock }, new Date(iso));
}

describe("a rhythm with a named day", () => {
  it("asks on the 5th about the month before, and keeps the answer under that month", async () => {
    h = await BotHarness.start({ now: "2025-06-02T09:00:00+03:00" });
    const { user: exec, personId } = await h.linkedUser("Полухина Елена Андреевна", { position: "главный специалист" });
    const result = importDocument(readTextExport("plan.md", DOC), { defaultTimezone: "Europe/Moscow" });
    expect(result.items.map((i) => [i.key, i.deadline.every, i.deadline.day ?? null])).toEqual([["1", "month", 5], ["2", "month", null]]);
    const { roadmapId } = await saveImport(h.db, result, { activeFrom: "2025-05-01", sourceName: "plan.md", status: "active" });
    await resolveAssignments(h.db, roadmapId);
    const item1 = await h.db.assignment.findFirstOrThrow({ where: { personId, item: { key: "1" } } });

    // 30 May (Friday, the last working day of May): item 2's monthly question, not item 1's
    await tickAt("2025-05-30T09:00:00+03:00");
    const may = exec.replies().at(-1)!;
    expect(may.text).toContain("Отчёт о работе наставников");
    expect(may.text).not.toContain("Мониторинг посещаемости");
    expect(may.text).toContain("Что сделано за месяц?");

    // 5 June (Thursday): item 1, about May, said in full
    const before = exec.replies().length;
    await tickAt("2025-06-04T09:00:00+03:00");
    expect(exec.replies()).toHaveLength(before);
    await tickAt("2025-06-05T09:00:00+03:00");
    expect(exec.replies()).toHaveLength(before + 1);
    const june = exec.replies().at(-1)!;
    expect(june.text).toContain("Мониторинг посещаемости обучающихся");
    expect(june.text).toContain("Что сделано за период с 1 мая 2025 по 31 мая 2025?");
    await exec.pressData(buttons(june).find((b) => b.text === "Выполнено")!.callback_data, june);
    const stored = await h.db.checkin.findMany({ where: { assignmentId: item1.id }, select: { period: true, status: true } });
    expect(stored).toEqual([{ period: "2025-05", status: "done" }]);

    expect(exec.toasts().at(-1)).toBe("Отметка за период сохранена.");
    // answered: not asked about May again; asked about June on 4 July (5 July is a Saturday)
    const questions = () => exec.replies().filter((m) => m.text.includes("Что сделано")).length;
    const asked = questions();
    await tickAt("2025-06-06T09:00:00+03:00");
    await tickAt("2025-06-09T09:00:00+03:00");
    expect(questions()).toBe(asked);
    await tickAt("2025-07-04T09:00:00+03:00");
    const july = exec.replies().at(-1)!;
    expect(july.text).toContain("Мониторинг посещаемости обучающихся");
    expect(july.text).toContain("с 1 июня 2025 по 30 июня 2025");
  });
});
