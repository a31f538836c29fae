import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { FakeBotApi } from "../test/support/fake-bot-api.ts";

// A recipient's-eye run of the scheduler: starts the Bot API emulator, runs `cli tick --at` for each
// instant given (on the database in DATABASE_URL, whose people must already have chats), and prints
// every message each chat received — text, buttons, photos saved under --out (default /tmp/tick-tour).
//   DATABASE_URL=file:/tmp/x/v.db npx tsx scripts/tick-tour.ts [--out DIR] 2023-04-03T09:00+09:00 …

const args = process.argv.slice(2);
let outDir = "/tmp/tick-tour";
const oi = args.indexOf("--out");
if (oi >= 0) {
  outDir = args[oi + 1]!;
  args.splice(oi, 2);
}
fs.mkdirSync(outDir, { recursive: true });
const api = await FakeBotApi.start();
let seen = 0;
for (const at of args) {
  // async: the emulator answers from this process's event loop
  const r = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn("npm", ["run", "-s", "cli", "--", "tick", "--at", at], {
      env: { ...process.env, BOT_TOKEN: "1:TOUR", TELEGRAM_API_ROOT: api.url, LOG_LEVEL: "warn" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
  console.log(`\n######## tick ${at} (exit ${r.status}) ${r.stdout.trim()} ${r.stderr.trim()}`);
  const calls = api.calls.slice(seen);
  seen = api.calls.length;
  for (const c of calls) {
    if (!["sendMessage", "sendPhoto", "sendDocument"].includes(c.method) && !c.method.endsWith("!failed")) continue;
    const text = String(c.params.text ?? c.params.caption ?? "");
    console.log(`\n--- ${c.method} → chat ${String(c.params.chat_id)} (${text.length} chars, parse_mode ${String(c.params.parse_mode ?? "-")})`);
    console.log(text);
    const kb = (c.params.reply_markup as { inline_keyboard?: Array<Array<{ text: string; callback_data?: string }>> } | undefined)?.inline_keyboard;
    if (kb?.length) console.log("  [buttons] " + kb.map((row) => row.map((b) => `«${b.text}» ${b.callback_data ?? ""}`).join(" | ")).join(" / "));
    for (const [field, f] of Object.entries(c.files)) {
      const file = path.join(outDir, `${at.replace(/[:+]/g, "-")}-${String(c.params.chat_id)}-${field}-${f.name}`);
      fs.writeFileSync(file, f.data);
      console.log(`  [file] ${file}`);
    }
  }
}
await api.stop();
