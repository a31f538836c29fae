import type { Db } from "../../services/db.ts";
import type { Outbox, OutgoingMessage, SendResult } from "../../services/outbox.ts";

// A small roadmap written straight into the database for the scheduler's tests: one school, its
// executor, curator, the deputy head and a coordinator, all reachable in Telegram.

export interface World {
  roadmapId: number;
  schoolId: number;
  executorId: number;
  curatorId: number;
  deputyId: number;
  coordinatorId: number;
}

let seq = 0;

export async function person(db: Db, shortName: string, opts: { chatId?: string | null; timezone?: string | null; organizationId?: number } = {}) {
  seq++;
  return db.person.create({
    data: {
      fullName: shortName,
      shortName,
      chatId: opts.chatId === undefined ? String(1000 + seq) : opts.chatId,
      telegramId: opts.chatId === null ? null : String(5000 + seq),
      timezone: opts.timezone ?? null,
      organizationId: opts.organizationId ?? null,
    },
  });
}

export async function seedWorld(db: Db, opts: { timezone?: string; activeFrom?: string; policy?: string | null } = {}): Promise<World> {
  const roadmap = await db.roadmap.create({
    data: {
      identity: `test-${Math.random()}`,
      title: "Дорожная карта ШНОР 2023",
      timezone: opts.timezone ?? "Asia/Yakutsk",
      status: "active",
      activeFrom: opts.activeFrom ?? "2023-03-31",
      // digests off unless a test asks: they would join every reminder test's messages
      reminderPolicy: opts.policy === undefined ? '{"digest": false}' : opts.policy,
      contentHash: "x",
      years: "[2023]",
    },
  });
  const school = await db.organization.create({ data: { name: "МБОУ СОШ № 1 г. Сковородино", kind: "school", schoolKey: `1|сковородино|${Math.random()}` } });
  const executor = await person(db, "Иванова А.А.", { organizationId: school.id });
  const curator = await person(db, "Петрова Б.Б.");
  const deputy = await person(db, "Бутусова О.В.");
  const coordinator = await person(db, "Полухина Е.А.");
  await db.personRole.createMany({
    data: [
      { personId: executor.id, role: "executor" },
      { personId: curator.id, role: "curator" },
      { personId: deputy.id, role: "deputy", roadmapId: roadmap.id },
      { personId: coordinator.id, role: "coordinator" },
    ],
  });
  await db.curatorship.create({ data: { schoolId: school.id, personId: curator.id } });
  return { roadmapId: roadmap.id, schoolId: school.id, executorId: executor.id, curatorId: curator.id, deputyId: deputy.id, coordinatorId: coordinator.id };
}

let position = 0;

export async function item(
  db: Db,
  w: World,
  key: string,
  deadline: { kind: string; start?: string | null; due?: string | null; checkpoints?: string[]; every?: string | null },
  assignTo: Array<{ personId: number; schoolId?: number | null; status?: string }> = [{ personId: w.executorId, schoolId: w.schoolId }],
) {
  const it = await db.item.create({
    data: {
      roadmapId: w.roadmapId,
      key,
      number: key,
      title: `Мероприятие ${key} <важное>`,
      deadlineText: deadline.kind,
      deadlineKind: deadline.kind,
      deadlineStart: deadline.start ?? null,
      deadlineDue: deadline.due ?? null,
      checkpoints: JSON.stringify(deadline.checkpoints ?? (deadline.due ? [deadline.due] : [])),
      every: deadline.every ?? null,
      position: position++,
    },
  });
  const assignments = [];
  for (const a of assignTo) {
    assignments.push(await db.assignment.create({ data: { itemId: it.id, personId: a.personId, schoolId: a.schoolId ?? null, status: a.status ?? "not_started" } }));
  }
  return { item: it, assignments };
}

/** Records what would go to Telegram; can refuse or fail on demand. */
export class RecordingOutbox implements Outbox {
  readonly sent: Array<OutgoingMessage & { messageId: number }> = [];
  #next = 1;
  result: ((msg: OutgoingMessage) => SendResult | undefined) | undefined;
  async send(msg: OutgoingMessage): Promise<SendResult> {
    const r = this.result?.(msg);
    if (r) return r;
    const messageId = this.#next++;
    this.sent.push({ ...msg, messageId });
    return { ok: true, messageId };
  }
}

/** A delivery queue's `sleep` on a hand-moved clock: the wait is the clock moved on (at least 1 ms), then a turn of the event loop. */
export function advancingSleep(clock: { advance(ms: number): void }): (ms: number) => Promise<void> {
  return async (ms) => {
    clock.advance(Math.max(1, ms));
    await new Promise((r) => setImmediate(r));
  };
}
