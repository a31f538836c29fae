import { execFileSync } from "node:child_process";
import { fixturePath } from "../test/support/fixtures.ts";
import { walk } from "./walkthrough-kit.ts";

// The work itself, through the real `npm start` process: the roadmap and its people are set up
// with the CLI (as an operator would), then Полухина works her items (in progress + a link,
// /done with a link, a file, a postponement), a school director sends evidence, the school's
// curator reviews (accepts one, returns one), the deputy head (the order's controller) looks at
// the roadmap, the digest and the export, and people make the usual mistakes.
//   npx tsx scripts/walkthrough-work.ts [fixture.txt]

const fixture = process.argv[2] ?? fixturePath("skovorodino-2023-roadmap.txt");
const COORDINATOR = 111;
const w = await walk({ admins: [COORDINATOR] });
const cli = (...args: string[]) =>
  execFileSync("npm", ["run", "-s", "cli", "--", ...args], { env: { ...process.env, DATABASE_URL: w.databaseUrl, BOT_USERNAME: "" }, encoding: "utf8" });
const invite = (...args: string[]) => (JSON.parse(cli("person", "add", ...args, "--json")) as { token: string }).token;

try {
  cli("import", fixture, "--save", "--json");
  const tokens = {
    poluhina: invite("--name", "Полухина Елена Александровна", "--position", "главный специалист"),
    director: invite("--name", "Кузнецова Ирина Петровна", "--position", "директор", "--role", "executor", "--school", "МБОУ СОШ с. Албазино"),
    curator: invite("--name", "Гребенюк Анна Викторовна", "--role", "curator", "--school", "МБОУ СОШ с. Албазино"),
    deputy: invite("--name", "Бутусова Ольга Владимировна", "--position", "заместитель начальника", "--role", "deputy"),
  };
  w.out.push(`(CLI: imported ${fixture.split("/").pop()}, invited Полухина, Кузнецова (директор, Албазино), Гребенюк (куратор, Албазино), Бутусова (заместитель))`);
  await w.start();

  const exec = w.user(222, "Полухина");
  const director = w.user(444, "Кузнецова");
  const curator = w.user(555, "Гребенюк");
  const deputy = w.user(666, "Бутусова");
  const coord = w.user(COORDINATOR, "Координатор");

  await exec.say(`/start ${tokens.poluhina}`);
  await exec.say("/my");
  await exec.say("/item 17");
  await exec.press("В работе");
  await exec.press("Приложить подтверждение");
  await exec.say("ftp://files.skovorodino.ru/analiz-2022.docx");
  await exec.say("https://disk.yandex.ru/d/analiz-itogov-2022");
  await exec.say("/done 18 https://disk.yandex.ru/d/vpr-2022");
  await exec.say("/item 19");
  await exec.press("Приложить подтверждение");
  await exec.file("Анализ планов ОО.docx", Buffer.from("PK\u0003\u0004 docx stand-in"));
  await exec.say("/item 20");
  await exec.press("Нужно больше времени");
  await exec.say("завтра");
  await exec.say("15.12.2026");
  await exec.say("Результаты ГИА пришли из министерства только в ноябре");
  // mistakes
  await exec.say("/item 999");
  await exec.say("/done 17а");
  await exec.say("https://disk.yandex.ru/d/bez-klyucha");
  await exec.say("/evidence 17 www.example.ru/otchet");
  await exec.say("/item 21");
  await exec.say("А".repeat(10_000), "[10 000 букв «А»]");
  await exec.file("Справка.pdf", Buffer.from("%PDF-1.4 stand-in"));

  await director.say(`/start ${tokens.director}`);
  await director.say("/my");
  await director.say("/done 8 https://albazino.amur.sch/programma-razvitiya");
  await director.say("/done 26 https://albazino.amur.sch/plan-kachestva");

  // what the executors are told while others decide
  const directorSeen = director.seen();
  const execSeen = exec.seen();
  await curator.say(`/start ${tokens.curator}`);
  await curator.say("/help");
  await curator.say("/school Албазино");
  await curator.say("/verify");
  await curator.press("Принять", "<b>8.</b>");
  await curator.press("Вернуть на доработку", "<b>26.</b>");
  await curator.say("В плане нет сроков по каждому мероприятию, добавьте, пожалуйста");
  await curator.say("/verify");

  await director.pending(directorSeen);
  await director.say("/my");
  await director.say("/item 26");

  await deputy.say(`/start ${tokens.deputy}`);
  await deputy.say("/help");
  await deputy.say("/verify");
  await deputy.press("Принять");
  await deputy.press("Одобрить");
  await deputy.say("/roadmap");
  await deputy.say("/digest");
  await deputy.say("/export");

  await exec.pending(execSeen);
  await exec.say("/my");
  await coord.say("/start");
  await coord.say("/verify");
} finally {
  await w.finish();
}
