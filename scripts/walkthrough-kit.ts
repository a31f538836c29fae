import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { FakeBotApi, type SentMessage } from "../test/support/fake-bot-api.ts";

// The pieces both walkthroughs share: the real `npm start` process (bot/main.ts) against the Bot
// API emulator, people who type, send files and press buttons, and the transcript they leave.

export interface Walk {
  api: FakeBotApi;
  dir: string;
  databaseUrl: string;
  out: string[];
  user(id: number, name: string): PersonApi;
  /** starts the bot process (after any CLI set-up against `databaseUrl`) */
  start(): Promise<void>;
  /** prints the transcript and stops everything */
  finish(): Promise<void>;
}


const ROOT = path.resolve(import.meta.dirname, "..");

/**
 * The bot runs as `node --import tsx bot/main.ts` (what `npm start` execs) in a process group of
 * its own, and the whole group is killed however the walkthrough ends: finished, failed, or
 * stopped with Ctrl-C. (The bot also stops by itself when its parent is gone.)
 */
function killGroup(proc: ChildProcess | undefined, signal: NodeJS.Signals): void {
  if (!proc?.pid || proc.exitCode !== null || proc.signalCode !== null) return;
  try {
    process.kill(-proc.pid, signal);
  } catch {
    // already gone
  }
}

export async function walk(opts: { admins: number[] }): Promise<Walk> {
  const api = await FakeBotApi.start();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vekha-walk-"));
  const databaseUrl = `file:${dir}/vekha.db`;
  const out: string[] = [];
  let bot: ChildProcess | undefined;
  let messageId = 1;
  process.once("exit", () => killGroup(bot, "SIGKILL"));
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      killGroup(bot, "SIGTERM");
      process.exit(130);
    });
  }
  process.once("uncaughtException", (err) => {
    killGroup(bot, "SIGTERM");
    console.error(err);
    process.exit(1);
  });

  const show = (who: string, m: SentMessage) => {
    const kb = (m.params.reply_markup as { inline_keyboard?: Array<Array<{ text: string }>> } | undefined)?.inline_keyboard;
    const buttons = kb ? `\n   [${kb.flat().map((b) => b.text).join("] [")}]` : "";
    const file = m.method === "sendDocument" || m.method === "sendPhoto" ? ` (${m.method}: ${String(m.params.document ?? m.params.photo)})` : "";
    const edit = m.method === "editMessageText" ? " (edited)" : "";
    const long = m.text.length > 4096 ? ` [!! ${m.text.length} characters]` : "";
    out.push(`<- ${who}${file}${edit}${long}: ${m.text.replace(/\n/g, "\n   ")}${buttons}`);
  };

  async function quiet(chat: number, since: number): Promise<SentMessage[]> {
    // the process is outside: wait until the bot has been silent toward this chat for a while
    let last = -1;
    for (let i = 0; i < 200; i++) {
      await new Promise((r) => setTimeout(r, 150));
      const n = api.sent(chat).length;
      if (n === last && n > since) break;
      last = n;
    }
    return api.sent(chat).slice(since);
  }

  function user(id: number, name: string): PersonApi {
    const from = { id, is_bot: false, first_name: name, language_code: "ru" };
    const chat = { id, type: "private", first_name: name };
    const base = () => ({ message_id: messageId++, date: Math.floor(Date.now() / 1000), chat, from });
    const collect = async (since: number) => {
      const got = await quiet(id, since);
      got.forEach((m) => show(name, m));
      return got;
    };
    return {
      id,
      async say(text: string, shown = text) {
        out.push(`\n-> ${name}: ${shown}`);
        const since = api.sent(id).length;
        const cmd = /^\/\S+/.exec(text);
        api.pushUpdate({ message: { ...base(), text, ...(cmd ? { entities: [{ type: "bot_command", offset: 0, length: cmd[0].length }] } : {}) } });
        return collect(since);
      },
      async file(fileName: string, data: Buffer, caption?: string) {
        out.push(`\n-> ${name}: [file ${fileName}]${caption ? ` ${caption}` : ""}`);
        const since = api.sent(id).length;
        const f = api.addFile(data, fileName.split(".").pop());
        api.pushUpdate({ message: { ...base(), document: { ...f, file_name: fileName }, ...(caption ? { caption } : {}) } });
        return collect(since);
      },
      async press(label: string, on?: string) {
        // the newest message that still shows this button (a decided card loses its buttons), or the one whose text has `on`
        const cleared = new Set(api.calls.filter((c) => c.method === "editMessageReplyMarkup" && !(c.params.reply_markup as { inline_keyboard?: unknown[] } | undefined)?.inline_keyboard?.length).map((c) => Number(c.params.message_id)));
        const msg = [...api.sent(id)]
          .reverse()
          .find((m) => !cleared.has(m.messageId) && (!on || m.text.includes(on)) && JSON.stringify(m.params.reply_markup ?? "").includes(`"text":"${label}"`));
        if (!msg) {
          out.push(`\n-> ${name}: [${label}] — no such button on screen`);
          return [];
        }
        const kb = (msg.params.reply_markup as { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> }).inline_keyboard;
        const button = kb.flat().find((b) => b.text === label)!;
        out.push(`\n-> ${name}: [${label}]`);
        const since = api.sent(id).length;
        const calls = api.calls.length;
        api.pushUpdate({ callback_query: { id: String(messageId++), from, chat_instance: String(id), data: button.callback_data, message: { message_id: msg.messageId, date: 0, chat, text: plain(msg.text) } } });
        const got = await quiet(id, since);
        const toast = api.calls.slice(calls).find((c) => c.method === "answerCallbackQuery" && c.params.text);
        if (toast) out.push(`<- ${name} (toast): ${String(toast.params.text)}`);
        got.forEach((m) => show(name, m));
        return got;
      },
      /** what the bot sent this person meanwhile (notifications from others' actions) */
      async pending(since: number) {
        const got = await quiet(id, since);
        if (got.length) out.push(`\n   (${name} meanwhile)`);
        got.forEach((m) => show(name, m));
        return got;
      },
      seen: () => api.sent(id).length,
    };
  }

  return {
    api,
    dir,
    databaseUrl,
    out,
    user,
    async start() {
      bot = spawn(process.execPath, ["--import", "tsx", "bot/main.ts"], {
        cwd: ROOT,
        detached: true,
        env: {
          ...process.env,
          BOT_TOKEN: "1:WALK",
          TELEGRAM_API_ROOT: api.url,
          DATABASE_URL: databaseUrl,
          ADMIN_TELEGRAM_IDS: opts.admins.join(","),
          LOG_LEVEL: "warn",
        },
        stdio: ["ignore", "inherit", "inherit"],
      });
      const exited = new Promise((_, reject) => bot!.once("exit", (code) => reject(new Error(`the bot exited (code ${code}) before polling started`))));
      exited.catch(() => undefined);
      await Promise.race([api.waitFor((c) => c.method === "deleteWebhook", { timeoutMs: 60_000 }), exited]);
    },
    async finish() {
      console.log(out.join("\n"));
      if (bot && bot.exitCode === null && bot.signalCode === null) {
        const exited = new Promise((r) => bot!.once("exit", r));
        killGroup(bot, "SIGTERM");
        const stuck = setTimeout(() => killGroup(bot, "SIGKILL"), 10_000);
        await exited;
        clearTimeout(stuck);
      }
      await api.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What Telegram hands back as a message's text: the HTML it was sent with, rendered. */
function plain(html: string): string {
  return html.replace(/<[^>]*>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
}

export interface PersonApi {
  id: number;
  say(text: string, shown?: string): Promise<SentMessage[]>;
  file(fileName: string, data: Buffer, caption?: string): Promise<SentMessage[]>;
  press(label: string, on?: string): Promise<SentMessage[]>;
  pending(since: number): Promise<SentMessage[]>;
  seen(): number;
}
