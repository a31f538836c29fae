import fs from "node:fs";
import path from "node:path";
import { fixturePath } from "../test/support/fixtures.ts";
import { walk } from "./walkthrough-kit.ts";

// A person's-eye run of the real `npm start` process against the Bot API emulator: a coordinator
// imports a fixture in chat, invites an executor, the executor opens /my, a stranger knocks.
// Prints the transcript, so what the bot says in Russian can be read end to end.
// The work itself (evidence, review, postponement, the deputy head) is scripts/walkthrough-work.ts.
//   npx tsx scripts/walkthrough.ts [fixture.txt]

const fixture = process.argv[2] ?? fixturePath("skovorodino-2023-roadmap.txt");
const COORDINATOR = 111;
const w = await walk({ admins: [COORDINATOR] });

try {
  await w.start();
  const coord = w.user(COORDINATOR, "Координатор");
  await coord.say("/start");
  await coord.say("/help");
  await coord.say("/import");
  await coord.file(path.basename(fixture), fs.readFileSync(fixture));
  await coord.press("Сохранить");
  await coord.say("/unassigned");
  await coord.say("/people");
  const invited = await coord.say("/invite Полухина Елена Александровна");
  const token = /start=([\w-]+)/.exec(invited.map((m) => m.text).join("\n"))?.[1];
  const exec = w.user(222, "Елена");
  if (token) {
    await exec.say(`/start ${token}`);
    await exec.say("/my");
  }
  const stranger = w.user(333, "Незнакомец");
  await stranger.say("/start");
  await stranger.say("Здравствуйте, подключите меня");
  await coord.say("/roadmap");
  await coord.say("/overdue");
} finally {
  await w.finish();
}
