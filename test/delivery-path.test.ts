import { afterEach, describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { createTestDb, type TestDb } from "./support/db.ts";
import { item, RecordingOutbox, seedWorld, type World } from "./support/scheduler-world.ts";
import type { OutgoingMessage, SendResult } from "../services/outbox.ts";
import { tick, type TickStep } from "../scheduler/tick.ts";
import { pendingAt } from "../scheduler/plan.ts";
import { markUnreachable } from "../scheduler/queue.ts";
import { notifyReviewers } from "../scheduler/reviews.ts";
import { raisePendingPostponements } from "../scheduler/approvals.ts";

// Everything the bot sends on its own takes one path — plan → claim → send → record — and a
// crash at any step loses nothing. The only duplicate possible is a crash after Telegram
// accepted a message and before it was recorded (docs/delivery.md).

const ZONE = "Asia/Yakutsk";
const at = (local: string) => DateTime.fromISO(local, { zone: ZONE }).toJSDate();
const plus = (d: Date, minutes: number) => new Date(d.getTime() + minutes * 60_000);
/** Monday 19 June 2023, 09:00 in Yakutsk: reminders, a digest, notices — all due at once. */
const MONDAY = at("2023-06-19T09:00");

let t: TestDb;
afterEach(async () => {
  await t?.close();
});

type Kind = "reminder" | "digest" | "review" | "approval" | "blocked";

/** What a message is, from its text. */
function kindOf(m: OutgoingMessage): Kind {
  if (m.text.includes("Сводка по дорожной карте")) return "digest";
  if (m.text.includes("На проверку поступил")) return "review";
  if (m.text.includes("Просьба о переносе срока")) return "approval";
  if (m.text.includes("заблокировал(а) бота")) return "blocked";
  return "reminder";
}

/** The claim key prefix of each kind (what `faults` sees). */
const PREFIX: Record<Kind, (key: string) => boolean> = {
  // «a<assignment id>|…»: not «approval|…»
  reminder: (k) => /^a\d/.test(k),
  digest: (k) => k.startsWith("digest|"),
  review: (k) => k.startsWith("review|"),
  approval: (k) => k.startsWith("approval|"),
  blocked: (k) => k.startsWith("blocked|"),
};

/** One of everything due on Monday morning. */
async function everything(db: TestDb["db"]): Promise<World> {
  const w = await seedWorld(db, { policy: null }); // the default policy: digests on
  await item(db, w, "1", { kind: "date", due: "2023-06-19" });
  // submitted with evidence an hour ago: the curator reviews it
  const { assignments } = await item(db, w, "2", { kind: "date", due: "2023-06-30" }, [{ personId: w.executorId, schoolId: w.schoolId, status: "submitted" }]);
  await db.evidence.create({ data: { assignmentId: assignments[0]!.id, kind: "link", url: "https://school.example/report", createdAt: plus(MONDAY, -60) } });
  // a postponement request nobody has been told about
  const { assignments: third } = await item(db, w, "3", { kind: "date", due: "2023-07-14" });
  await db.postponeRequest.create({ data: { assignmentId: third[0]!.id, requestedDue: "2023-08-01", reason: "ждём данные", byPersonId: w.executorId } });
  // someone blocked the bot an hour ago
  const other = await db.person.create({ data: { fullName: "Сидоров Пётр Ильич", shortName: "Сидоров П.И.", chatId: "9090", unreachable: true, unreachableSince: plus(MONDAY, -60) } });
  void other;
  return w;
}

class Crash extends Error {}

/** An outbox that records, and dies (throws) on the first message of a kind, before or after Telegram took it. */
class CrashingOutbox extends RecordingOutbox {
  constructor(
    private readonly kind: Kind,
    private when: "before" | "after" | null,
  ) {
    super();
  }
  override async send(msg: OutgoingMessage): Promise<SendResult> {
    if (this.when && kindOf(msg) === this.kind) {
      const when = this.when;
      this.when = null;
      if (when === "after") await super.send(msg);
      throw new Crash(`${this.kind} ${when}`);
    }
    return super.send(msg);
  }
}

describe("every kind of message survives a crash at every step", () => {
  const kinds: Kind[] = ["reminder", "digest", "review", "approval", "blocked"];
  const steps: TickStep[] = ["claimed", "accepted", "recorded"];

  for (const kind of kinds) {
    for (const step of steps) {
      it(`${kind}: a crash after «${step}» — ${step === "accepted" ? "sent again once: the one duplicate" : "nothing lost, nothing doubled"}`, async () => {
        t = await createTestDb();
        await everything(t.db);
        const outbox = new RecordingOutbox();
        let crashed = false;
        const faults = (s: TickStep, keys: readonly string[]) => {
          if (!crashed && s === step && PREFIX[kind](keys[0]!)) {
            crashed = true;
            throw new Crash(`${kind} ${s}`);
          }
        };
        await expect(tick({ db: t.db, outbox, instanceId: "dying", faults }, MONDAY)).rejects.toBeInstanceOf(Crash);
        const count = () => outbox.sent.filter((m) => kindOf(m) === kind).length;
        const afterCrash = count();
        // the restarted process ticks every minute; the dead one's claim is taken over once stale
        for (const m of [1, 2, 6, 7, 30]) await tick({ db: t.db, outbox, instanceId: "restarted" }, plus(MONDAY, m));
        // two digests (the deputy head's and the curator's), one of everything else; the crash hit one
        const due = kind === "digest" ? 2 : 1;
        expect(afterCrash).toBe(step === "claimed" ? due - 1 : due);
        expect(count()).toBe(step === "accepted" ? due + 1 : due);
        // every other kind went exactly once
        for (const other of kinds.filter((k) => k !== kind)) expect(outbox.sent.filter((m) => kindOf(m) === other).length, other).toBe(other === "digest" ? 2 : 1);
        expect(await t.db.reminderClaim.count({ where: { sentAt: null, NOT: { lastError: { startsWith: "final:" } }, kind: { not: "review_notice" } } })).toBe(0);
        expect((await pendingAt(t.db, plus(MONDAY, 31))).length).toBe(0);
      });
    }
  }
});

describe("notices that used to be lost or doubled", () => {
  it("a review notice whose sending died is sent by a later tick (it was marked told before sending, and lost)", async () => {
    t = await createTestDb();
    await everything(t.db);
    const crashing = new CrashingOutbox("review", "before");
    await expect(tick({ db: t.db, outbox: crashing }, MONDAY)).rejects.toThrow(Crash);
    expect(crashing.sent.filter((m) => kindOf(m) === "review")).toHaveLength(0);
    const outbox = new RecordingOutbox();
    for (const m of [1, 6, 10]) await tick({ db: t.db, outbox }, plus(MONDAY, m));
    expect(outbox.sent.filter((m) => kindOf(m) === "review")).toHaveLength(1);
    expect(await t.db.evidence.count({ where: { notifiedAt: null } })).toBe(0);
  });

  it("a review notice Telegram took just before the crash is sent at most once more", async () => {
    t = await createTestDb();
    await everything(t.db);
    const crashing = new CrashingOutbox("review", "after");
    await expect(notifyReviewers(t.db, crashing, MONDAY)).rejects.toThrow(Crash);
    for (const m of [1, 6, 10]) await notifyReviewers(t.db, crashing, plus(MONDAY, m));
    // Telegram had it but it was never recorded: the take-over sends it again, and only once
    expect(crashing.sent.filter((m) => kindOf(m) === "review")).toHaveLength(2);
    expect(await t.db.evidence.count({ where: { notifiedAt: null } })).toBe(0);
  });

  it("two overlapping runs raise a postponement request once (it was sent, then marked)", async () => {
    t = await createTestDb();
    await everything(t.db);
    const outbox = new RecordingOutbox();
    const raised = await Promise.all([raisePendingPostponements(t.db, outbox, MONDAY), raisePendingPostponements(t.db, outbox, MONDAY)]);
    expect(raised[0] + raised[1]).toBe(1);
    expect(outbox.sent.filter((m) => kindOf(m) === "approval")).toHaveLength(1);
  });

  it("a postponement request whose sending died is raised by a later tick", async () => {
    t = await createTestDb();
    await everything(t.db);
    const crashing = new CrashingOutbox("approval", "before");
    await expect(tick({ db: t.db, outbox: crashing }, MONDAY)).rejects.toThrow(Crash);
    for (const m of [1, 6, 10]) await tick({ db: t.db, outbox: crashing }, plus(MONDAY, m));
    expect(crashing.sent.filter((m) => kindOf(m) === "approval")).toHaveLength(1);
    expect((await t.db.postponeRequest.findFirstOrThrow()).lastRaisedAt).not.toBeNull();
  });

  it("the process died right after a 403 was noted: the coordinators are still told, once", async () => {
    t = await createTestDb();
    const w = await seedWorld(t.db);
    const executor = await t.db.person.findUniqueOrThrow({ where: { id: w.executorId } });
    await markUnreachable(t.db, { chatId: executor.chatId!, personId: executor.id, text: "напоминание" }, plus(MONDAY, -1));
    const outbox = new RecordingOutbox();
    await tick({ db: t.db, outbox }, MONDAY);
    await tick({ db: t.db, outbox }, plus(MONDAY, 10));
    const told = outbox.sent.filter((m) => kindOf(m) === "blocked");
    expect(told.map((m) => m.personId)).toEqual([w.coordinatorId]);
    expect(told[0]!.text).toContain("Иванова А.А. заблокировал(а) бота");
  });
});

describe("a claim is held while its message waits", () => {
  it("taken over by another process while the queue waited out a long 429: the first one sends nothing", async () => {
    const { FakeBotApi } = await import("./support/fake-bot-api.ts");
    const { createDeliveryQueue } = await import("../scheduler/queue.ts");
    const { ManualClock } = await import("../core/clock.ts");
    const { Telegram } = await import("telegraf");
    t = await createTestDb();
    const w = await seedWorld(t.db);
    await item(t.db, w, "1", { kind: "date", due: "2023-06-19" });
    const api = await FakeBotApi.start();
    try {
      const clock = new ManualClock(MONDAY);
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      let waited = false;
      // process A's queue is told to wait 10 minutes; the test decides when that wait is over
      const sleep = async (ms: number) => {
        if (!waited) {
          waited = true;
          await gate;
        }
        clock.advance(ms);
      };
      api.failNext("sendMessage", { status: 429, retryAfter: 600 });
      const queueA = createDeliveryQueue({ telegram: new Telegram("123:TEST", { apiRoot: api.url }), db: t.db, clock, sleep });
      const a = tick({ db: t.db, outbox: queueA, instanceId: "A" }, MONDAY);
      await api.waitFor((c) => c.method === "sendMessage!failed");
      await new Promise((r) => setTimeout(r, 50));
      // process B, six minutes later: A's claim has gone quiet, B takes it over and sends
      const b = new RecordingOutbox();
      expect(await tick({ db: t.db, outbox: b, instanceId: "B" }, plus(MONDAY, 6))).toMatchObject({ claimed: 1, sent: 1 });
      release();
      expect(await a).toMatchObject({ claimed: 1, sent: 0, failed: 0 });
      await queueA.idle();
      expect(b.sent).toHaveLength(1);
      expect(api.sent()).toHaveLength(0);
      const claim = await t.db.reminderClaim.findFirstOrThrow();
      expect(claim.claimedBy).toMatch(/^B#/);
      expect(claim.sentAt).not.toBeNull();
    } finally {
      await api.stop();
    }
  });
});

describe("a deputy head's digest and reminders in one message survive a crash at every step", () => {
  for (const step of ["claimed", "accepted", "recorded"] as TickStep[]) {
    it(`a crash after «${step}» — ${step === "accepted" ? "sent again once: the one duplicate" : "nothing lost, nothing doubled"}; every claim settled by one message`, async () => {
      t = await createTestDb();
      const w = await seedWorld(t.db, { policy: null });
      // the deputy head is also the executor of two items due today
      await item(t.db, w, "1", { kind: "date", due: "2023-06-19" }, [{ personId: w.deputyId }]);
      await item(t.db, w, "2", { kind: "date", due: "2023-06-19" }, [{ personId: w.deputyId }]);
      const outbox = new RecordingOutbox();
      let crashed = false;
      const faults = (s: TickStep, keys: readonly string[]) => {
        // the combined message's claims: the digest's and the reminders'
        if (!crashed && s === step && keys.some((k) => k.startsWith(`digest|p${w.deputyId}|`)) && keys.some((k) => /^a\d/.test(k))) {
          crashed = true;
          throw new Crash(`combined ${s}`);
        }
      };
      await expect(tick({ db: t.db, outbox, instanceId: "dying", faults }, MONDAY)).rejects.toBeInstanceOf(Crash);
      for (const m of [1, 2, 6, 7, 30]) await tick({ db: t.db, outbox, instanceId: "restarted" }, plus(MONDAY, m));
      const theirs = outbox.sent.filter((m) => m.personId === w.deputyId);
      expect(theirs).toHaveLength(step === "accepted" ? 2 : 1);
      for (const m of theirs) {
        expect(m.text).toContain("Сводка по дорожной карте");
        expect(m.text).toContain("Напоминания: 2 поручения");
      }
      const claims = await t.db.reminderClaim.findMany({ where: { personId: w.deputyId } });
      expect(claims.map((c) => c.kind).sort()).toEqual(["digest", "due", "due"]);
      expect(claims.every((c) => c.sentAt !== null)).toBe(true);
      expect(new Set(claims.map((c) => c.messageId)).size).toBe(1);
    });
  }
});
