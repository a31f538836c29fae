import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { FakeBotApi, type SentMessage } from "../test/support/fake-bot-api.ts";
import { fixturePath } from "../test/support/fixtures.ts";

// A person's-eye run of the real `npm start` process against the Bot API emulator: a coordinator
// imports a fixture in chat, invites an executor, the executor works an item, a stranger knocks.
// Prints the transcript, so what the bot says in Russian can be read end to end.
//   npx tsx scripts/walkthrough.ts [fixture.txt]

const fixture = process.argv[2] ?? fixturePath("skovorodino-2023-roadmap.txt");
const api = await FakeBotApi.start();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vekha-walk-"));
const COORDINATOR = 111;
const bot = spawn("npx", ["tsx", "bot/main.ts"], {
  env: {
    ...process.env,
    BOT_TOKEN: "1:WALK",
    TELEGRAM_API_ROOT: api.url,
    DATABASE_URL: `file:${dir}/vekha.db`,
    ADMIN_TELEGRAM_IDS: String(COORDINATOR),
    LOG_LEVEL: "warn",
  },
  stdio: ["ignore", "inherit", "inherit"],
});

let messageId = 1;
const out: string[] = [];
const show = (who: string, m: SentMessage) => {
  const kb = (m.params.reply_markup as { inline_keyboard?: Array<Array<{ text: string }>> } | undefined)?.inline_keyboard;
  const buttons = kb ? `\n   [${kb.flat().map((b) => b.text).join("] [")}]` : "";
  const file = m.method === "sendDocument" || m.method === "sendPhoto" ? ` (${m.method}: ${String(m.params.document ?? m.params.photo)})` : "";
  out.push(`<- ${who}${file}: ${m.text.replace(/\n/g, "\n   ")}${buttons}`);
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

function user(id: number, name: string) {
  const from = { id, is_bot: false, first_name: name, language_code: "ru" };
  const chat = { id, type: "private", first_name: name };
  const base = () => ({ message_id: messageId++, date: Math.floor(Date.now() / 1000), chat, from });
  return {
    async say(text: string) {
      out.push(`\n-> ${name}: ${text}`);
      const since = api.sent(id).length;
      const cmd = /^\/\S+/.exec(text);
      api.pushUpdate({ message: { ...base(), text, ...(cmd ? { entities: [{ type: "bot_command", offset: 0, length: cmd[0].length }] } : {}) } });
      const got = await quiet(id, since);
      got.forEach((m) => show(name, m));
      return got;
    },
    async file(fileName: string, data: Buffer) {
      out.push(`\n-> ${name}: [file ${fileName}]`);
      const since = api.sent(id).length;
      const f = api.addFile(data, fileName.split(".").pop());
      api.pushUpdate({ message: { ...base(), document: { ...f, file_name: fileName } } });
      const got = await quiet(id, since);
      got.forEach((m) => show(name, m));
      return got;
    },
    async press(label: string) {
      const msg = [...api.sent(id)].reverse().find((m) => JSON.stringify(m.params.reply_markup ?? "").includes(`"text":"${label}"`));
      const kb = (msg?.params.reply_markup as { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> }).inline_keyboard;
      const button = kb.flat().find((b) => b.text === label)!;
      out.push(`\n-> ${name}: [${label}]`);
      const since = api.sent(id).length;
      const calls = api.calls.length;
      api.pushUpdate({ callback_query: { id: String(messageId++), from, chat_instance: String(id), data: button.callback_data, message: { message_id: msg!.messageId, date: 0, chat, text: msg!.text } } });
      const got = await quiet(id, since);
      const toast = api.calls.slice(calls).find((c) => c.method === "answerCallbackQuery" && c.params.text);
      if (toast) out.push(`<- ${name} (toast): ${String(toast.params.text)}`);
      got.forEach((m) => show(name, m));
      return got;
    },
  };
}

try {
  await api.waitFor((c) => c.method === "deleteWebhook", { timeoutMs: 60_000 });
  const coord = user(COORDINATOR, "Координатор");
  await coord.say("/start");
  await coord.say("/help");
  await coord.say("/import");
  await coord.file(path.basename(fixture), fs.readFileSync(fixture));
  await coord.press("Сохранить");
  await coord.say("/unassigned");
  await coord.say("/people");
  const invited = await coord.say("/invite Полухина Елена Александровна");
  const token = /start=([\w-]+)/.exec(invited.map((m) => m.text).join("\n"))?.[1];
  const exec = user(222, "Елена");
  if (token) {
    await exec.say(`/start ${token}`);
    await exec.say("/my");
  }
  const stranger = user(333, "Незнакомец");
  await stranger.say("/start");
  await stranger.say("Здравствуйте, подключите меня");
  await coord.say("/roadmap");
  await coord.say("/overdue");
} finally {
  console.log(out.join("\n"));
  bot.kill("SIGTERM");
  await new Promise((r) => bot.once("exit", r));
  await api.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
