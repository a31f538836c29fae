import fs from "node:fs";
import path from "node:path";
import { fixturePath } from "../../test/support/fixtures.ts";
import { readTextExport } from "../../core/import/text-export.ts";
import { importDocument } from "../../core/import/index.ts";
import { saveImport } from "../../services/roadmap-store.ts";
import { importPeopleCsv } from "../../services/people-csv.ts";
import { resolveAssignments } from "../../services/assign.ts";
import { createInvite } from "../../services/invites.ts";
import { addRole, findOrCreatePersonByName } from "../../services/people.ts";
import { tick } from "../../scheduler/tick.ts";
import { renderCall } from "./render.ts";
import { Stage, type Actor } from "./stage.ts";

// The stories the transcripts tell, each on a bot of its own: what a coordinator, a teacher, a
// municipal curator, a deputy head and a stranger see. docs/transcripts/<name>.md is one story.

const ROOT = path.resolve(import.meta.dirname, "../..");
const FIXTURE = fixturePath("skovorodino-2023-roadmap.txt");
const PEOPLE_CSV = path.join(ROOT, "test/data/skovorodino-people.csv");

export interface Transcript {
  /** file name under docs/transcripts/ */
  name: string;
  text: string;
}

function page(title: string, about: string, body: string): string {
  return `# ${title}\n\n${about}\n\n_Создано командой \`npm run transcripts\` — не правьте вручную._\n\n${body}`;
}

/** The coordinator's first ten minutes: start, import, preview, save, people, invites. */
export async function coordinatorStory(): Promise<Transcript[]> {
  const s = await Stage.open({ adminIds: ["111"], now: "2023-04-03T10:00:00+09:00" });
  try {
    const coord = s.actor(111, "Координатор", "Елена");
    s.heading("Знакомство");
    await s.say(coord, "/start");
    await s.say(coord, "/help");
    s.heading("Импорт дорожной карты", `Координатор отправляет приказ Сковородинского округа (${path.basename(FIXTURE)}).`);
    await s.say(coord, "/import");
    await s.file(coord, path.basename(FIXTURE), fs.readFileSync(FIXTURE), "text/plain");
    await s.press(coord, "Сохранить");
    await s.say(coord, "/roadmaps");
    await s.say(coord, "/unassigned");
    s.heading("Люди");
    await s.say(coord, "/people");
    await s.say(coord, "/import");
    await s.file(coord, "люди.csv", fs.readFileSync(PEOPLE_CSV), "text/csv");
    await s.say(coord, "/people");
    s.heading("Приглашения");
    await s.say(coord, "/invite Соколова Ирина Петровна");
    await s.say(coord, "/invite Соколова Ирина Петровна");
    await s.say(coord, "/invite Иванов");
    await s.say(coord, "/start");
    return [{ name: "coordinator", text: page("Координатор: первые десять минут", "Сковородинский округ, приказ № 120 от 31 марта 2023 года. Координатор — администратор бота (ADMIN_TELEGRAM_IDS).", s.take()) }];
  } finally {
    await s.close();
  }
}

interface Cast {
  director: Actor;
  curator: Actor;
  deputy: Actor;
}

/** Sets up the roadmap as an operator would with the CLI (import, people), then the three join by their invites. */
async function skovorodino(s: Stage): Promise<Cast> {
  const result = importDocument(readTextExport(path.basename(FIXTURE), fs.readFileSync(FIXTURE, "utf8")), { defaultTimezone: "Asia/Yakutsk" });
  const { roadmapId } = await saveImport(s.h.db, result, { activeFrom: "2023-04-03", sourceName: path.basename(FIXTURE), status: "active" });
  await importPeopleCsv(s.h.db, fs.readFileSync(PEOPLE_CSV));
  await resolveAssignments(s.h.db, roadmapId);
  const join = async (a: Actor, fullName: string) => {
    const person = await s.h.db.person.findFirstOrThrow({ where: { fullName } });
    const { token } = await createInvite(s.h.db, person.id, s.h.clock);
    await s.say(a, `/start ${token}`);
  };
  const cast = {
    director: s.actor(201, "Соколова Ирина Петровна (директор СОШ № 1)", "Ирина"),
    curator: s.actor(202, "Кравец Татьяна Николаевна (куратор СОШ № 1)", "Татьяна"),
    deputy: s.actor(203, "Бутусова Ольга Викторовна (заместитель начальника)", "Ольга"),
  };
  s.heading("Каждый входит по своей ссылке-приглашению");
  await join(cast.director, "Соколова Ирина Петровна");
  await join(cast.curator, "Кравец Татьяна Николаевна");
  await join(cast.deputy, "Бутусова Ольга Викторовна");
  return cast;
}

/** The executor's day, the curator's review and the deputy head's weekly digest, on one roadmap. */
export async function workStories(): Promise<Transcript[]> {
  const s = await Stage.open({ now: "2023-04-20T16:00:00+09:00" });
  try {
    const { director, curator, deputy } = await skovorodino(s);
    const joined = s.take();

    // The executor's day: Friday 21 April, the reminders of items 8 and 10 (due at the end of April).
    s.show(director);
    s.at("2023-04-21T09:00:00+09:00");
    s.heading("Утро: напоминание");
    await s.tick();
    s.heading("Ответ «готово» на напоминание о двух поручениях");
    s.at("2023-04-21T09:20:00+09:00");
    await s.say(director, "готово", { replyTo: s.lastWith(director, "8 · Выполнено") });
    s.heading("/my: кнопка на каждое поручение");
    s.at("2023-04-21T11:30:00+09:00");
    await s.say(director, "/my");
    await s.press(director, startsWith(director.user.lastReply()!, "8 · "));
    await s.press(director, "Приложить подтверждение");
    await s.say(director, "https://school1-skovorodino.ru/documents/programma-razvitiya-2023");
    await s.press(director, "Выполнено", "Разработка среднесрочных");
    s.heading("Ответ «готово» на карточку");
    s.at("2023-04-21T12:10:00+09:00");
    await s.say(director, "/my");
    await s.press(director, startsWith(director.user.lastReply()!, "28 · "));
    await s.say(director, "готово", { replyTo: s.lastWith(director, "Выполнено", "Анализ проведенной работы") });
    s.heading("«Напомнить завтра»");
    s.at("2023-04-21T12:15:00+09:00");
    await s.press(director, "10 · Напомнить завтра");
    const executor = s.take();

    // The curator, the same Friday afternoon.
    s.show(curator, director);
    s.at("2023-04-21T14:00:00+09:00");
    s.heading("Уведомление о новых подтверждениях");
    await s.tick();
    s.heading("Школа целиком");
    await s.say(curator, "/school СОШ № 1");
    s.heading("Проверка");
    await s.say(curator, "/verify");
    await s.press(curator, "Принять", "Разработка среднесрочных");
    await s.press(curator, "Вернуть на доработку", "Анализ проведенной работы");
    await s.say(curator, "Приложите, пожалуйста, справку об укреплении МТБ за 2022 год");
    s.heading("«Напомнить» исполнителю");
    await s.say(curator, "/school СОШ № 1");
    const nudge = buttonsOf(curator.user.lastReply()!).find((b) => b.startsWith("Напомнить: 7 "));
    if (nudge) await s.press(curator, nudge);
    await s.say(curator, "/verify");
    const curatorPage = s.take();

    s.show(director);
    s.at("2023-04-24T09:00:00+09:00");
    s.note("Пятница, поэтому «завтра» — это понедельник: напоминание о поручении 10 приходит снова.");
    await s.tick();
    const executorMonday = s.take();

    // The deputy head: the weekly digest on Tuesday 2 May (Monday 1 May is a holiday).
    s.show(deputy);
    s.at("2023-05-02T09:00:00+09:00");
    s.heading("Еженедельная сводка");
    await s.tick();
    s.heading("По запросу");
    s.at("2023-05-02T10:30:00+09:00");
    await s.say(deputy, "/roadmap");
    await s.say(deputy, "/overdue");
    await s.say(deputy, "/verify");
    const deputyPage = s.take();

    return [
      {
        name: "executor",
        text: page(
          "Исполнитель: рабочий день",
          "Сковородинский округ, приказ № 120 от 31 марта 2023 года; дорожная карта загружена и люди внесены заранее (через CLI). Директор школы № 1 получает напоминание, отвечает на него, отмечает выполнение по кнопкам и откладывает одно напоминание на завтра.",
          joined + "\n" + executor + "\n" + executorMonday,
        ),
      },
      { name: "curator", text: page("Куратор: проверка школы", "Тот же округ, та же пятница. Куратор школы № 1 получает уведомление, смотрит школу, принимает одно поручение, возвращает другое и напоминает исполнителю о просроченном.", curatorPage) },
      { name: "deputy", text: page("Заместитель начальника: сводка за неделю", "Заместитель начальника управления образования контролирует исполнение приказа: сводка приходит в первый рабочий день недели.", deputyPage) },
    ];
  } finally {
    await s.close();
  }
}

/**
 * A deputy head who controls several roadmaps (a regional one sees every district's): Monday's
 * digests of all of them come as one message, each roadmap's full digest a button away.
 */
export async function regionStory(): Promise<Transcript[]> {
  const s = await Stage.open({ now: "2023-05-12T16:00:00+09:00" });
  try {
    const doc = importDocument(readTextExport(path.basename(FIXTURE), fs.readFileSync(FIXTURE, "utf8")), { defaultTimezone: "Asia/Yakutsk" });
    // the Skovorodino order as issued, and two more districts' orders made of the same rows
    const districts = [
      { orderNumber: doc.roadmap.orderNumber, orderDate: doc.roadmap.orderDate, authority: doc.roadmap.authority, title: doc.roadmap.title },
      { orderNumber: "87", orderDate: "2023-02-14", authority: "Отдел образования администрации Тындинского муниципального округа", title: "Дорожная карта по повышению качества образования в Тындинском округе" },
      { orderNumber: "215-од", orderDate: "2023-03-20", authority: "Управление образования администрации Магдагачинского района", title: "Дорожная карта по поддержке школ с низкими результатами обучения" },
    ];
    await importPeopleCsv(s.h.db, fs.readFileSync(PEOPLE_CSV));
    for (const d of districts) {
      const { roadmapId } = await saveImport(s.h.db, { ...doc, roadmap: { ...doc.roadmap, ...d } }, { activeFrom: "2023-04-03", sourceName: path.basename(FIXTURE), status: "active", into: "new" });
      await resolveAssignments(s.h.db, roadmapId);
    }
    // two of the districts' executors have done part of their work
    const some = await s.h.db.assignment.findMany({ where: { personId: { not: null }, item: { roadmap: { orderNumber: "87" } } }, orderBy: { id: "asc" }, take: 12, select: { id: true } });
    await s.h.db.assignment.updateMany({ where: { id: { in: some.map((a) => a.id) } }, data: { status: "verified" } });
    const deputy = await findOrCreatePersonByName(s.h.db, { name: "Зайцева Марина Юрьевна", position: "заместитель министра образования" });
    await addRole(s.h.db, deputy.id, "deputy");
    const minister = s.actor(204, "Зайцева Марина Юрьевна (заместитель министра)", "Марина");
    const { token } = await createInvite(s.h.db, deputy.id, s.h.clock);
    await s.say(minister, `/start ${token}`);
    s.skip();
    s.take();
    s.show(minister);
    s.at("2023-05-15T09:00:00+09:00");
    s.heading("Еженедельная сводка по трём дорожным картам — одним сообщением");
    await s.tick();
    s.heading("Подробная сводка по одной карте");
    s.at("2023-05-15T09:40:00+09:00");
    const overview = [...minister.user.replies()].find((m) => m.text.includes("Сводка по дорожным картам"));
    if (!overview) throw new Error("no overview of the roadmaps");
    await s.press(minister, buttonsOf(overview)[0]!, "Сводка по дорожным картам");
    s.heading("По запросу");
    s.at("2023-05-15T11:00:00+09:00");
    await s.say(minister, "/digest");
    return [
      {
        name: "deputy-region",
        text: page(
          "Заместитель министра: сводка по нескольким картам",
          "Заместитель министра видит дорожные карты всех районов (здесь — три). В понедельник сводки по ним приходят одним сообщением: по каждой карте две строки, сначала те, где есть просрочки; подробная сводка с диаграммой — по кнопке или командой /digest с номером карты.",
          s.take(),
        ),
      },
    ];
  } finally {
    await s.close();
  }
}

/** A stranger writes to the bot; the coordinator is told once and links the account to a person of the directory. */
export async function strangerStory(): Promise<Transcript[]> {
  const s = await Stage.open({ adminIds: ["111"], now: "2023-04-20T10:00:00+09:00" });
  try {
    await importPeopleCsv(s.h.db, fs.readFileSync(PEOPLE_CSV));
    const coord = s.actor(111, "Координатор", "Елена");
    const knocking = s.actor(301, "Незнакомка (в Telegram — «Галина Лапина»)", "Галина", "Лапина");
    await s.say(coord, "/start");
    s.skip();
    s.take();
    s.heading("Незнакомый человек пишет боту");
    await s.say(knocking, "/start");
    await s.say(knocking, "Здравствуйте! Я директор школы в Албазино, подключите меня, пожалуйста");
    await s.say(knocking, "/my");
    s.note("Бот больше не отвечает: незнакомцу объясняют один раз, координаторам сообщают тоже один раз.");
    s.heading("Координатор подключает её");
    await s.press(coord, "Пригласить как…");
    await s.press(coord, "Лапина Галина Сергеевна");
    await s.say(knocking, "/my");
    return [{ name: "stranger", text: page("Незнакомец стучится", "Человек, которого нет в справочнике или который ещё не получил приглашение, пишет боту.", s.take()) }];
  } finally {
    await s.close();
  }
}

function buttonsOf(m: { params: Record<string, unknown> }): string[] {
  const kb = (m.params.reply_markup as { inline_keyboard?: Array<Array<{ text: string }>> } | undefined)?.inline_keyboard ?? [];
  return kb.flat().map((b) => b.text);
}

function startsWith(m: { params: Record<string, unknown> }, prefix: string): string {
  const label = buttonsOf(m).find((b) => b.startsWith(prefix));
  if (!label) throw new Error(`no button starting with «${prefix}»: ${buttonsOf(m).join(" | ")}`);
  return label;
}

const KIND_WORDS: Record<string, string> = {
  window_open: "начало периода",
  before_7d: "за 7 дней",
  before_1d: "за день",
  due: "в день срока",
  overdue: "просрочено",
  escalation: "эскалация",
  checkin: "отметка периодического",
  digest: "сводка",
};

/**
 * A year of the scheduler on the Skovorodino roadmap, everyone in the bot, nobody doing anything:
 * a tick at 09:00 local every day from the launch to mid-January, counted by month, with the
 * first message of each kind as an example.
 */
export async function yearStory(): Promise<Transcript[]> {
  const s = await Stage.open({ now: "2023-04-03T08:00:00+09:00" });
  try {
    const result = importDocument(readTextExport(path.basename(FIXTURE), fs.readFileSync(FIXTURE, "utf8")), { defaultTimezone: "Asia/Yakutsk" });
    const { roadmapId } = await saveImport(s.h.db, result, { activeFrom: "2023-04-03", sourceName: path.basename(FIXTURE), status: "active" });
    await importPeopleCsv(s.h.db, fs.readFileSync(PEOPLE_CSV));
    await resolveAssignments(s.h.db, roadmapId);
    const people = await s.h.db.person.findMany({ orderBy: { id: "asc" } });
    for (const p of people) await s.h.db.person.update({ where: { id: p.id }, data: { chatId: String(900 + p.id), telegramId: String(900 + p.id) } });
    const nameOf = new Map(people.map((p) => [String(900 + p.id), p.fullName]));
    const sends = new Map<string, number>();
    // where each day's messages begin in the emulator's calls (within a day the order of recipients is the database's)
    const dayStarts: number[] = [];
    for (let day = Date.parse("2023-04-03T00:00:00Z"); day < Date.parse("2024-01-20T00:00:00Z"); day += 24 * 3600 * 1000) {
      dayStarts.push(s.h.api.calls.length);
      const at = new Date(day); // 09:00 in Asia/Yakutsk is 00:00 UTC
      s.h.clock.set(at);
      await tick({ db: s.h.db, outbox: s.h.deps.outbox, clock: s.h.clock, instanceId: "year" }, at);
    }
    for (const c of s.h.api.calls) if (["sendMessage", "sendPhoto", "sendDocument"].includes(c.method)) sends.set(String(c.params.chat_id), (sends.get(String(c.params.chat_id)) ?? 0) + 1);
    const claims = await s.h.db.reminderClaim.findMany({ orderBy: { id: "asc" }, select: { kind: true, localDate: true, personId: true, messageId: true } });
    const months = [...new Set(claims.map((c) => c.localDate.slice(0, 7)))].sort();
    const kinds = Object.keys(KIND_WORDS).filter((k) => claims.some((c) => c.kind === k));
    const lines = [
      "Сковородинский округ, все десять человек из списка подключены к боту, и никто ничего не отмечает: так видно всё, что бот присылает сам. Планировщик запускается каждый день в 09:00 по Якутску с 3 апреля 2023 по 19 января 2024.",
      "",
      "## Сколько напоминаний и сводок по месяцам",
      "",
      "Одна строка — месяц; в ячейке — сколько напоминаний данного вида (по одному на поручение и получателя). В одном сообщении их может быть несколько.",
      "",
      `| Месяц | ${kinds.map((k) => KIND_WORDS[k]).join(" | ")} | сообщений |`,
      `|---|${kinds.map(() => "---:").join("|")}|---:|`,
    ];
    for (const m of months) {
      const mine = claims.filter((c) => c.localDate.startsWith(m));
      const messages = new Set(mine.map((c) => c.messageId)).size;
      lines.push(`| ${monthName(m)} | ${kinds.map((k) => mine.filter((c) => c.kind === k).length || "").join(" | ")} | ${messages} |`);
    }
    lines.push("", "## Кто сколько сообщений получил", "", "| Кто | Сообщений |", "|---|---:|");
    for (const [chat, n] of [...sends].sort((a, b) => b[1] - a[1] || nameOf.get(a[0])!.localeCompare(nameOf.get(b[0])!))) lines.push(`| ${nameOf.get(chat)} | ${n} |`);
    lines.push("", "## Примеры", "");
    // the first day with such a message; of that day's, the first recipient by name
    const first = (pred: (text: string) => boolean, title: string) => {
      const sent = (i: number) => {
        const c = s.h.api.calls[i]!;
        return ["sendMessage", "sendPhoto"].includes(c.method) && pred(String(c.params.text ?? c.params.caption ?? ""));
      };
      for (let d = 0; d < dayStarts.length; d++) {
        const end = dayStarts[d + 1] ?? s.h.api.calls.length;
        const found = s.h.api.calls.slice(dayStarts[d], end).filter((_, k) => sent(dayStarts[d]! + k));
        if (found.length === 0) continue;
        const name = (c: (typeof found)[number]) => nameOf.get(String(c.params.chat_id)) ?? "";
        const c = found.sort((a, b) => name(a).localeCompare(name(b), "ru"))[0]!;
        lines.push(`### ${title}`, "", ...renderCall(c, name(c), s.mask));
        return;
      }
    };
    first((t) => t.includes("Сводка по дорожной карте") && !t.includes("Ваши школы"), "Первая сводка заместителю начальника");
    first((t) => t.includes("Ваши школы"), "Первая сводка куратору");
    first((t) => /нерабочий/.test(t), "Срок выпадает на выходной");
    first((t) => /Срок истёк/.test(t), "Первое напоминание о просрочке");
    first((t) => /Просрочено на \d+ рабоч/.test(t), "Первая эскалация");
    return [{ name: "year", text: page("Год напоминаний", lines.shift()!, lines.join("\n").trimStart() + "\n") }];
  } finally {
    await s.close();
  }
}

function monthName(ym: string): string {
  const [y, m] = ym.split("-").map(Number);
  const names = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"];
  return `${names[m! - 1]} ${y}`;
}
