import type { Db } from "../services/db.ts";

// A small roadmap built with Prisma directly (the importers are written in parallel):
// two sections, a role fanned out to two schools, every status, links and files as
// evidence, a postponement, a multi-part item and an item nobody is assigned to.
// "Today" for it is 2023-05-10.

export const TODAY = "2023-05-10";

export interface Fixture {
  roadmapId: number;
  schools: { s1: number; s2: number };
  people: { polukhina: number; ivanova: number; petrov: number; curator: number };
  assignments: Record<string, number>;
}

export async function buildFixture(db: Db): Promise<Fixture> {
  const roadmap = await db.roadmap.create({
    data: {
      identity: "120|2023-03-31",
      title: "Дорожная карта по повышению качества образования в ШНОР",
      orderNumber: "120",
      orderDate: "2023-03-31",
      authority: "Управление образования администрации Сковородинского муниципального округа",
      years: "[2023]",
      timezone: "Asia/Yakutsk",
      status: "active",
      activeFrom: "2023-04-01",
      contentHash: "x",
    },
  });
  const sec1 = await db.section.create({ data: { roadmapId: roadmap.id, title: "Организационно-управленческие мероприятия", position: 0 } });
  const sec2 = await db.section.create({ data: { roadmapId: roadmap.id, title: "Мониторинг деятельности ШНОР", position: 1 } });

  const s1 = await db.organization.create({ data: { name: "МБОУ СОШ № 1 г. Сковородино", kind: "school", schoolKey: "сош|1|сковородин" } });
  const s2 = await db.organization.create({
    data: { name: "МОБУ «Основная общеобразовательная школа с. Албазино имени Героя Советского Союза» & филиал", kind: "school", schoolKey: "оош||албазин" },
  });
  const authority = await db.organization.create({ data: { name: "Управление образования", kind: "authority" } });

  const polukhina = await db.person.create({ data: { fullName: "Полухина Елена Андреевна", shortName: "Полухина Е.А.", position: "главный специалист", organizationId: authority.id } });
  const ivanova = await db.person.create({ data: { fullName: "Иванова Мария Петровна", shortName: "Иванова М.П.", position: "директор", organizationId: s1.id } });
  const petrov = await db.person.create({ data: { fullName: "Петров Сергей Иванович", shortName: "Петров С.И.", position: "директор", organizationId: s2.id } });
  const curator = await db.person.create({ data: { fullName: "Бутусова Ольга Викторовна", shortName: "Бутусова О.В.", position: "заместитель начальника" } });

  let position = 0;
  const item = (sectionId: number, key: string, title: string, due: string | null, extra: Record<string, unknown> = {}) =>
    db.item.create({
      data: {
        roadmapId: roadmap.id,
        sectionId,
        key,
        number: key,
        title,
        result: `Результат ${key}`,
        deadlineText: due ? `до ${due}` : null,
        deadlineKind: due ? "date" : "none",
        deadlineDue: due,
        checkpoints: due ? JSON.stringify([due]) : "[]",
        responsibleText: "Е.А. Полухина, главный специалист",
        position: position++,
        ...extra,
      },
    });

  const i1 = await item(sec1.id, "1", "Разработка и утверждение дорожной карты", "2023-03-31");
  const i2 = await item(sec1.id, "2", "Анализ результатов ВПР <по школам>", "2023-06-30", { responsibleText: "Руководители ОО" });
  const i3 = await item(sec1.id, "3", "Проведение совещания с руководителями ОО", "2023-04-30");
  const i4 = await item(sec1.id, "4", "Проведение августовской конференции", "2023-08-31");
  const i5 = await item(sec2.id, "5", "Мониторинг посещаемости", "2023-04-15");
  const i6 = await item(sec2.id, "6", "Анализ ОГЭ", "2023-04-01");
  const i7 = await item(sec2.id, "7", "Отменённое мероприятие", "2023-04-01");
  const i8 = await item(sec2.id, "8", "Мониторинг в два этапа", "2023-06-30", {
    deadlineKind: "multi",
    deadlineText: "март, июнь 2023",
    checkpoints: JSON.stringify(["2023-03-31", "2023-06-30"]),
  });

  const at = (iso: string) => new Date(iso);
  const assign = (itemId: number, personId: number | null, schoolId: number | null, status: string, extra: Record<string, unknown> = {}) =>
    db.assignment.create({ data: { itemId, personId, schoolId, status, partyText: "Руководители ОО", ...extra } });

  const a1 = await assign(i1.id, polukhina.id, null, "verified", { doneAt: at("2023-03-30T03:00:00Z"), partyText: "Е.А. Полухина, главный специалист" });
  await db.evidence.create({
    data: { assignmentId: a1.id, kind: "link", url: "https://skovorodino-edu.ru/roadmap-2023", status: "accepted", verifiedById: curator.id, verifiedAt: at("2023-03-31T02:00:00Z") },
  });
  await db.statusChange.createMany({
    data: [
      { assignmentId: a1.id, fromStatus: "not_started", toStatus: "submitted", at: at("2023-03-30T03:00:00Z") },
      { assignmentId: a1.id, fromStatus: "submitted", toStatus: "verified", at: at("2023-03-31T02:00:00Z"), comment: "Принято, спасибо" },
    ],
  });

  const a2a = await assign(i2.id, ivanova.id, s1.id, "in_progress");
  await db.statusChange.create({ data: { assignmentId: a2a.id, fromStatus: "not_started", toStatus: "in_progress", comment: "Собираем данные", at: at("2023-05-02T01:00:00Z") } });
  const a2b = await assign(i2.id, petrov.id, s2.id, "verified", { doneAt: at("2023-05-05T01:00:00Z") });
  await db.evidence.create({
    data: { assignmentId: a2b.id, kind: "file", fileName: "Анализ ВПР.pdf", storagePath: "evidence/2023/analiz-vpr.pdf", status: "accepted", verifiedById: curator.id, verifiedAt: at("2023-05-06T01:00:00Z") },
  });
  await db.statusChange.createMany({
    data: [
      { assignmentId: a2b.id, fromStatus: "not_started", toStatus: "submitted", at: at("2023-05-05T01:00:00Z") },
      { assignmentId: a2b.id, fromStatus: "submitted", toStatus: "verified", at: at("2023-05-06T01:00:00Z") },
    ],
  });

  const a3 = await assign(i3.id, polukhina.id, null, "submitted", { doneAt: at("2023-04-28T01:00:00Z") });
  await db.evidence.create({ data: { assignmentId: a3.id, kind: "link", url: "https://skovorodino-edu.ru/news/123", status: "submitted" } });

  // Item 4: nobody assigned.
  void i4;

  const a5 = await assign(i5.id, ivanova.id, s1.id, "returned");
  await db.evidence.create({
    data: { assignmentId: a5.id, kind: "link", url: "https://example.org/x", status: "returned", verifiedById: curator.id, verifiedAt: at("2023-04-20T01:00:00Z"), comment: "Нет подписи" },
  });
  await db.statusChange.create({ data: { assignmentId: a5.id, fromStatus: "submitted", toStatus: "returned", comment: "Нет подписи", at: at("2023-04-20T01:00:00Z") } });

  const a6 = await assign(i6.id, null, s2.id, "not_started");
  const a6b = await assign(i6.id, ivanova.id, s1.id, "postponed", { dueOverride: "2023-06-15" });

  const a7 = await assign(i7.id, polukhina.id, null, "cancelled");

  const a8 = await assign(i8.id, polukhina.id, null, "in_progress");
  await db.checkpointStatus.create({ data: { assignmentId: a8.id, checkpoint: "2023-03-31", status: "verified" } });

  return {
    roadmapId: roadmap.id,
    schools: { s1: s1.id, s2: s2.id },
    people: { polukhina: polukhina.id, ivanova: ivanova.id, petrov: petrov.id, curator: curator.id },
    assignments: { a1: a1.id, a2a: a2a.id, a2b: a2b.id, a3: a3.id, a5: a5.id, a6: a6.id, a6b: a6b.id, a7: a7.id, a8: a8.id },
  };
}
