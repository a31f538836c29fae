import { BotHarness, buttons, type HarnessOptions, type TestUser } from "../../test/support/bot-harness.ts";
import type { SentMessage } from "../../test/support/fake-bot-api.ts";
import { tick } from "../../scheduler/tick.ts";
import { renderCall, TokenMask, when } from "./render.ts";

// One bot (in this process, polling the Bot API emulator over HTTP, on a fresh database, with a
// hand-moved clock) and the people who talk to it; what they do and what the bot answers is
// written down as Markdown, scene after scene. Every wait is for the update to be handled (no
// sleeps), and nothing random reaches the text, so a story gives the same transcript each run.

const ZONE = "Asia/Yakutsk";

export interface Actor {
  user: TestUser;
  name: string;
}

export class Stage {
  readonly mask = new TokenMask();
  #names = new Map<string, string>();
  #cursor = 0;
  #lines: string[] = [];
  #shownTime = "";
  /** whose chats this scene shows (everyone on stage when null) */
  #shown: Set<string> | null = null;

  private constructor(readonly h: BotHarness) {}

  static async open(opts: HarnessOptions & { now: string }): Promise<Stage> {
    return new Stage(await BotHarness.start(opts));
  }

  actor(id: number, name: string, firstName = name.split(" ")[0]!, lastName?: string): Actor {
    this.#names.set(String(id), name);
    return { user: this.h.user({ id, firstName, ...(lastName ? { lastName } : {}) }), name };
  }

  /** What was written since the last take (the next lines start a new page). */
  take(): string {
    this.#flush();
    const text = this.#lines.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd() + "\n";
    this.#lines = [];
    this.#shownTime = "";
    return text;
  }

  heading(title: string, intro?: string): void {
    this.#flush();
    this.#lines.push(`## ${title}`, "");
    if (intro) this.#lines.push(intro, "");
  }

  note(text: string): void {
    this.#flush();
    this.#lines.push(`_${text}_`, "");
  }

  /** Moves the clock; the next line written shows the new time. */
  at(iso: string): void {
    this.h.clock.set(new Date(iso));
  }

  #time(): void {
    const t = when(this.h.clock.now(), ZONE);
    if (t === this.#shownTime) return;
    this.#shownTime = t;
    this.#lines.push(`### ${t}`, "");
  }

  /** What the bot sent since the last look, to the people on stage (others' chats are not shown). */
  #flush(toastsToo = false): void {
    const calls = this.h.api.calls.slice(this.#cursor);
    this.#cursor = this.h.api.calls.length;
    for (const c of calls) {
      if (c.method === "answerCallbackQuery") {
        if (toastsToo) this.#lines.push(...renderCall(c, "", this.mask));
        continue;
      }
      const chat = String(c.params.chat_id ?? "");
      const to = this.#names.get(chat);
      if (to !== undefined && (!this.#shown || this.#shown.has(chat))) this.#lines.push(...renderCall(c, to, this.mask));
    }
  }

  /** From now on, show only these people's chats (all of them: no argument). */
  show(...actors: Actor[]): void {
    this.#flush();
    this.#shown = actors.length ? new Set(actors.map((a) => String(a.user.id))) : null;
  }

  /** Forgets what the bot sent so far (set-up the reader need not see). */
  skip(): void {
    this.#cursor = this.h.api.calls.length;
  }

  #says(a: Actor, what: string): void {
    this.#time();
    this.#lines.push(`**${a.name}:** ${this.mask.mask(what)}`, "");
  }

  async say(a: Actor, text: string, opts: { shown?: string; replyTo?: SentMessage } = {}): Promise<SentMessage[]> {
    this.#flush();
    this.#says(a, opts.replyTo ? `_(в ответ на сообщение «${firstLine(opts.replyTo.text)}»)_ ${opts.shown ?? text}` : (opts.shown ?? text));
    const got = await a.user.send(text, opts.replyTo ? { replyTo: opts.replyTo } : {});
    this.#flush();
    return got;
  }

  async file(a: Actor, name: string, data: Buffer, mimeType = "application/octet-stream"): Promise<SentMessage[]> {
    this.#flush();
    this.#says(a, `📎 ${name}`);
    const got = await a.user.sendDocument(name, data, { mimeType });
    this.#flush();
    return got;
  }

  /** Presses `label` on the newest message of this chat that shows it (and whose text has `on`). */
  async press(a: Actor, label: string, on?: string): Promise<SentMessage[]> {
    this.#flush();
    const msg = this.lastWith(a, label, on);
    this.#says(a, `нажимает [${label}]${on ? ` _(на сообщении «${firstLine(msg.text)}»)_` : ""}`);
    const got = await a.user.pressData(buttons(msg).find((b) => b.text === label)!.callback_data, msg);
    this.#flush(true);
    return got;
  }

  lastWith(a: Actor, label: string, on?: string): SentMessage {
    const msg = [...a.user.replies()].reverse().find((m) => (!on || m.text.includes(on)) && buttons(m).some((b) => b.text === label));
    if (!msg) throw new Error(`${a.name}: no message with the button «${label}»${on ? ` and «${on}»` : ""}`);
    return msg;
  }

  /** The scheduler's run at the clock's time (what `cli tick` does every few minutes). */
  async tick(): Promise<void> {
    this.#flush();
    this.#time();
    await tick({ db: this.h.db, outbox: this.h.deps.outbox, clock: this.h.clock, instanceId: "transcripts" }, this.h.clock.now());
    this.#flush();
  }

  async close(): Promise<void> {
    await this.h.stop();
  }
}

function firstLine(html: string): string {
  const line = html.replace(/<[^>]+>/g, "").split("\n").find((l) => l.trim()) ?? "";
  return line.length > 60 ? `${line.slice(0, 60).replace(/\s+\S*$/, "")} …` : line;
}
