import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BotHarness, buttons, type TestUser } from "./support/bot-harness.ts";
import { seedRoadmap } from "./support/roadmap-seed.ts";
import { searchText } from "../core/schools.ts";
import { buildDigest } from "../services/digest.ts";
import { loadPlanningState } from "../scheduler/plan.ts";
import { translator } from "../services/i18n.ts";

// A curator appointed for one roadmap sees their school in that roadmap only — in /school,
// /overdue, /verify, /digest, /export and the weekly digest alike (services/scope.ts). An
// appointment without a roadmap holds in every roadmap.

const R1 = "Дорожная карта по поддержке школ с низкими образовательными результатами на 2024 год";
const R2 = "План мероприятий по формированию функциональной грамотности на 2024 год";
const SCHOOL = "МБОУ СОШ № 2 с. Ивановка";

let h: BotHarness;
let ids: { r1: number; r2: number; school: number };
let curator: { user: TestUser; personId: number };

const texts = (msgs: Array<{ text: string }>) => msgs.map((m) => m.text).join("\n---\n");

beforeEach(async () => {
  h = await BotHarness.start({ now: "2024-06-03T10:00:00+09:00" });
  const school = await h.db.organization.create({ data: { name: SCHOOL, kind: "school", schoolKey: "сош|2|ивановк", search: searchText(SCHOOL) } });
  const executor = await h.db.person.create({ data: { fullName: "Орлова Нина Петровна", shortName: "Орлова Н.П.", search: "орлова нина петровна" } });
  // the same school works on both roadmaps: one task overdue, one submitted with a link, in each
  const seed = (title: string, what: string) =>
    seedRoadmap(h.db, {
      title,
      items: [
        { key: "1", title: `${what}: анализ результатов ВПР`, due: "2024-04-30", personId: executor.id, schoolId: school.id },
        { key: "2", title: `${what}: отчёт о проведённых мероприятиях`, due: "2024-07-31", personId: executor.id, schoolId: school.id, status: "submitted" },
      ],
    });
  const r1 = await seed(R1, "ШНОР");
  const r2 = await seed(R2, "Грамотность");
  for (const r of [r1, r2]) await h.db.evidence.create({ data: { assignmentId: r.assignmentIds["2"]!, kind: "link", url: `https://school2.example.ru/report-${r.roadmapId}` } });
  ids = { r1: r1.roadmapId, r2: r2.roadmapId, school: school.id };
  curator = await h.linkedUser("Семенова Ольга Игоревна", { roles: ["curator"] });
  await h.db.curatorship.create({ data: { personId: curator.personId, schoolId: school.id, roadmapId: r1.roadmapId } });
});
afterEach(async () => {
  await h.stop();
});

describe("a curator appointed for one roadmap", () => {
  it("/school shows the school's work in that roadmap only", async () => {
    const text = texts(await curator.user.command("/school Ивановка"));
    // the roadmap named short (no order: its title cut at a word)
    expect(text).toContain(R1.slice(0, 40));
    expect(text).toContain("ШНОР: анализ результатов ВПР");
    expect(text).not.toContain(R2.slice(0, 40));
    expect(text).not.toContain("Грамотность:");
  });

  it("/overdue lists that roadmap's overdue work only", async () => {
    const text = texts(await curator.user.command("/overdue"));
    expect(text).toContain("ШНОР: анализ результатов ВПР");
    expect(text).not.toContain("Грамотность:");
  });

  it("/verify offers that roadmap's submissions only", async () => {
    const text = texts(await curator.user.command("/verify"));
    expect(text).toContain("ШНОР: отчёт о проведённых мероприятиях");
    expect(text).not.toContain("Грамотность:");
  });

  it("/export sends that roadmap's files at once, no choice of the other", async () => {
    const replies = await curator.user.command("/export");
    expect(replies.some((m) => buttons(m).length > 0)).toBe(false);
    const captions = h.api.calls.filter((c) => c.method === "sendDocument" && String(c.params.chat_id) === String(curator.user.id)).map((c) => String(c.params.caption ?? ""));
    expect(captions.length).toBeGreaterThan(0);
    expect(captions.join("\n")).toContain(R1.slice(0, 40));
    expect(captions.join("\n")).not.toContain(R2.slice(0, 40));
    expect(texts(await curator.user.command(`/export ${ids.r2}`))).toContain("не найдена");
  });

  it("/digest and the weekly digest cover that roadmap only", async () => {
    const now = texts(await curator.user.command("/digest"));
    expect(now).toContain(R1.slice(0, 40));
    expect(now).not.toContain(R2.slice(0, 40));
    const planned = (await loadPlanningState(h.db)).digests.filter((d) => d.recipient.personId === curator.personId);
    expect(planned.map((d) => [d.roadmapId, d.schoolIds])).toEqual([[ids.r1, [ids.school]]]);
    const tr = translator("ru");
    expect((await buildDigest(h.db, { personId: curator.personId, roadmapId: ids.r1, now: h.clock.now(), tr })).schoolIds).toEqual([ids.school]);
    expect((await buildDigest(h.db, { personId: curator.personId, roadmapId: ids.r2, now: h.clock.now(), tr })).schoolIds).toEqual([]);
  });

  it("an appointment without a roadmap holds in every roadmap", async () => {
    await h.db.curatorship.updateMany({ where: { personId: curator.personId }, data: { roadmapId: null } });
    const school = texts(await curator.user.command("/school Ивановка"));
    expect(school).toContain(R1.slice(0, 40));
    expect(school).toContain(R2.slice(0, 40));
    const overdue = texts(await curator.user.command("/overdue"));
    expect(overdue).toContain("ШНОР: анализ результатов ВПР");
    expect(overdue).toContain("Грамотность: анализ результатов ВПР");
    expect(texts(await curator.user.command("/export"))).toContain("Выберите");
  });
});
