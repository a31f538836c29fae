import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../cli/run.ts";
import type { ImportResult } from "../core/types.ts";
import { findOrCreateSchool } from "../services/roadmap-store.ts";
import { createTestDb, onPostgres, type TestDb } from "./support/db.ts";
import { FakeBotApi } from "./support/fake-bot-api.ts";
import { FIXTURES_DIR, fixturePath } from "./support/fixtures.ts";
import { item, seedWorld } from "./support/scheduler-world.ts";

// The CLI speaks the operator's language (issue 11): Russian by default, English with --lang en, the
// same machine output (--json) in both, and an unknown language is bad usage. «Our» words are
// checked, not the document's: its title, sections, names and quoted text may be in any script.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SKOVORODINO = fixturePath("skovorodino-2023-roadmap.txt");
const FIXTURES = fs.readdirSync(FIXTURES_DIR).filter((f) => f.endsWith(".txt")).sort();

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.close();
});

type Lang = "ru" | "en" | null;

async function cli(argv: string[], lang: Lang, env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main([...argv, ...(lang ? ["--lang", lang] : [])], {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    env: { DATABASE_URL: t.url, DEFAULT_TIMEZONE: "Europe/Moscow", ...env },
  });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** What is left of a text once the given document strings and «quoted» document text are taken out. */
function withoutDocumentText(text: string, documentText: string[]): string {
  let s = text;
  for (const d of [...documentText].filter(Boolean).sort((a, b) => b.length - a.length)) s = s.split(d).join(" ");
  // «…» quotes document text (nested quotes in a title: innermost first)
  for (let before = ""; before !== s; ) {
    before = s;
    s = s.replace(/«[^«»]*»/g, " ");
  }
  return s;
}

/**
 * Latin words in Russian output, besides what is not ours to translate: ids and tokens, file names
 * and paths, IANA zones, URLs, flags, command names, bot commands and document text.
 */
function latinWords(text: string, documentText: string[] = []): string[] {
  const s = withoutDocumentText(text, documentText)
    .replace(/https?:\/\/\S+/g, " ")
    .replace(/^(import|person add|people import|roadmaps|plan|tick|export|calendar):/gm, " ")
    .replace(/--[a-z][a-z-]*/g, " ")
    .replace(/\S*\/\S*/g, " ") // paths, zones (Asia/Yakutsk), /start
    .replace(/\S*\.(docx?|xlsx?|csv|txt|md|html|pdf|json)\b/gi, " ")
    .replace(/\b[A-Za-z0-9_-]{16,}\b/g, " ") // invite tokens
    .replace(/\b[A-Za-z0-9_-]*\d[A-Za-z0-9_-]*\b/g, " "); // ids with digits
  return s.match(/[A-Za-z]+/g) ?? [];
}

/** Cyrillic words in English output, besides document text (and `allowed`: the CSV's own column and role words). */
function cyrillicWords(text: string, documentText: string[] = []): string[] {
  return withoutDocumentText(text, documentText).match(/[А-Яа-яЁё]+/g) ?? [];
}

/** Everything of an import that is the document's, not ours. */
function documentStrings(r: ImportResult): string[] {
  const m = r.roadmap;
  return [
    m.title,
    m.authority ?? "",
    m.controller ?? "",
    m.orderNumber ?? "",
    ...m.schools,
    ...m.curators.flatMap((c) => [c.school, c.curator]),
    ...r.items.flatMap((i) => [i.key, i.section ?? ""]),
  ];
}

describe("import speaks Russian by default and English with --lang en", () => {
  it.each(FIXTURES)("%s: the summary has no English words of ours in Russian, no Russian ones in English", async (name) => {
    const file = fixturePath(name);
    const json = JSON.parse((await cli(["import", file, "--json"], null)).out) as ImportResult;
    const doc = documentStrings(json);

    const ru = await cli(["import", file], null);
    expect(ru.code).toBe(0);
    expect(ru.err).toBe("");
    expect(latinWords(ru.out, doc)).toEqual([]);
    expect(ru.out).toContain(`${json.items.length} мероприят`);
    expect(ru.out).toContain("Не сохранено (чтобы сохранить, добавьте --save)");
    // every warning of the importer is printed as it wrote it (the locale's copy has not drifted)
    for (const w of json.warnings) expect(ru.out).toContain(w.message);
    expect((await cli(["import", file], "ru")).out).toBe(ru.out);

    const en = await cli(["import", file], "en");
    expect(en.code).toBe(0);
    expect(en.err).toBe("");
    // the importer's warnings too: each is known and read in English, only what it quotes stays
    expect(cyrillicWords(en.out, doc)).toEqual([]);
    expect(en.out).toMatch(new RegExp(`^${json.items.length} items?$`, "m"));
    expect(en.out).toContain("not saved (add --save to store it)");
    expect(en.out.split("\n")).toHaveLength(ru.out.split("\n").length);
  });

  it("reads naturally: the order, its date, plural forms and the roadmap's own words", async () => {
    const ru = await cli(["import", SKOVORODINO], null);
    expect(ru.out).toContain("Приказ № 120 от 31 марта 2023 · УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ СКОВОРОДИНСКОГО МУНИЦИПАЛЬНОГО ОКРУГА · часовой пояс Asia/Yakutsk · 2023 год");
    expect(ru.out).toMatch(/^30 мероприятий$/m);
    expect(ru.out).toMatch(/^5 предупреждений:$/m);
    expect(ru.out).toContain("  п. 3, строка 48: пустые ячейки «Результат», «Срок» и «Ответственный» взяты из строки выше (п. 2)");
    expect(ru.out).toContain("  п. 18, строка 68: пустые ячейки «Результат» и «Ответственный» взяты из строки выше (п. 17)");
    const en = await cli(["import", SKOVORODINO], "en");
    expect(en.out).toContain("Order No. 120 of 31 March 2023");
    expect(en.out).toContain("  item 3, row 48: the empty «Result», «Deadline» and «Responsible» cells are taken from the row above (item 2)");
    const programme = await cli(["import", fixturePath("bolshebereznikovsky-2020-2022-program.txt")], null);
    expect(programme.out).toMatch(/^1 предупреждение:$/m);
    expect(programme.out).toContain("2020, 2021, 2022 годы");
    expect(programme.out).toContain("программа утверждена после начала своего срока: 23 мероприятия со сроком до даты приказа (10 июня 2021)");
    const programmeEn = await cli(["import", fixturePath("bolshebereznikovsky-2020-2022-program.txt")], "en");
    expect(programmeEn.out).toContain("the programme was approved after its own start: 23 items are due before the order's date (10 June 2021)");
  });

  it("--save says what was stored in the operator's language", async () => {
    const ru = await cli(["import", SKOVORODINO, "--save", "--active-from", "2023-04-01"], null);
    expect(ru.code).toBe(0);
    const json = JSON.parse((await cli(["import", SKOVORODINO, "--json"], null)).out) as ImportResult;
    const doc = documentStrings(json);
    expect(ru.out).toMatch(/^Сохранено: дорожная карта \d+ \(новая\), мероприятий: 30; действует с 1 апреля 2023$/m);
    expect(ru.out).toMatch(/^Поручений создано: \d+, из них с исполнителем: \d+; всего без исполнителя: \d+$/m);
    expect(latinWords(ru.out, doc)).toEqual([]);
    const en = await cli(["import", SKOVORODINO, "--save"], "en");
    expect(en.code).toBe(0);
    expect(en.out).toMatch(/^saved: roadmap \d+ \(updated in place\): 0 added, 0 changed, 0 renumbered, 0 removed; active from 1 April 2023$/m);
    expect(cyrillicWords(en.out, doc)).toEqual([]);
  });

  it("errors on stderr are one line in the operator's language", async () => {
    const missing = path.join(t.dir, "нет-такого.docx");
    const ru = await cli(["import", missing], null);
    expect(ru).toMatchObject({ code: 1, out: "", err: `import: файл не найден: ${missing}` });
    const en = await cli(["import", missing], "en");
    expect(en).toMatchObject({ code: 1, out: "", err: `import: file not found: ${missing}` });
    const usage = await cli(["import", SKOVORODINO, "--year", "23"], null);
    expect(usage.code).toBe(2);
    expect(usage.err).toBe("import: --year — это год вида 2024, а не «23»");
    const noFile = await cli(["import"], null);
    expect(noFile.code).toBe(2);
    expect(noFile.err.split("\n")).toHaveLength(1);
    expect(noFile.err).toMatch(/^import: какой файл загрузить\? \(использование: import <файл> \[--year ГГГГ\]/);
    expect((await cli(["import"], "en")).err).toMatch(/^import: which file\? \(usage: import <file> \[--year YYYY\]/);
    // a bad setting names the variable, in the operator's language
    const zone = await cli(["import", SKOVORODINO, "--json"], null, { DEFAULT_TIMEZONE: "Nowhere/Town" });
    expect(zone).toMatchObject({ code: 2, out: "", err: "DEFAULT_TIMEZONE: это не часовой пояс IANA (например, Europe/Moscow или Asia/Yakutsk)" });
    if (!onPostgres) {
      // a damaged database file: which file and what to do, the database's own reason as it is
      const garbage = path.join(t.dir, "garbage.db");
      fs.writeFileSync(garbage, Buffer.alloc(8192, 7));
      const damaged = await cli(["roadmaps"], null, { DATABASE_URL: `file:${garbage}` });
      expect(damaged.code).toBe(1);
      expect(damaged.err).toMatch(new RegExp(`^база данных ${garbage.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} повреждена или это не база SQLite \\(.*\\): восстановите её из резервной копии или укажите в DATABASE_URL другой файл$`));
    }
    const url = await cli(["roadmaps"], "en", { DATABASE_URL: "mysql://x" });
    expect(url).toMatchObject({ code: 2, out: "", err: "DATABASE_URL: must be a file: URL (e.g. file:./data/vekha.db) or a postgresql:// URL" });
  });
});

describe("--json is the same in both languages", () => {
  it("import --json: byte for byte", async () => {
    const plain = await cli(["import", SKOVORODINO, "--json"], null);
    const ru = await cli(["import", SKOVORODINO, "--json"], "ru");
    const en = await cli(["import", SKOVORODINO, "--json"], "en");
    expect(plain.code).toBe(0);
    expect(plain.err).toBe("");
    expect(ru.out).toBe(plain.out);
    expect(en.out).toBe(plain.out);
    expect(en.err).toBe("");
    // the warnings of the contract's JSON stay as the importer wrote them
    expect((JSON.parse(en.out) as ImportResult).warnings[0]!.message).toMatch(/^пустые ячейки/);
  });

  it("plan --json, roadmaps --json and person add --json: the same keys and values", async () => {
    await cli(["import", SKOVORODINO, "--save", "--active-from", "2023-04-01"], null);
    const plan = await cli(["plan", "--at", "2023-06-30T09:00:00+09:00", "--json"], null);
    expect(plan.code).toBe(0);
    expect((await cli(["plan", "--at", "2023-06-30T09:00:00+09:00", "--json"], "en")).out).toBe(plan.out);

    const list = JSON.parse((await cli(["roadmaps", "--json"], null)).out) as Array<Record<string, unknown>>;
    const listEn = JSON.parse((await cli(["roadmaps", "--json"], "en")).out) as Array<Record<string, unknown>>;
    expect(listEn.map((r) => Object.keys(r))).toEqual(list.map((r) => Object.keys(r)));
    // the short title is a name for people (as in the chat): the rest is data
    const data = (rows: Array<Record<string, unknown>>) => rows.map(({ shortTitle: _, ...rest }) => rest);
    expect(data(listEn)).toEqual(data(list));
    expect(list[0]!.status).toBe("active");

    const a = JSON.parse((await cli(["person", "add", "--name", "Иванова Мария Петровна", "--json"], null)).out) as Record<string, unknown>;
    const b = JSON.parse((await cli(["person", "add", "--name", "Иванова Мария Петровна", "--json"], "en")).out) as Record<string, unknown>;
    expect(Object.keys(b)).toEqual(Object.keys(a));
    expect(Object.keys(a)).toEqual(["personId", "name", "token", "link"]);
    expect({ ...b, token: null }).toEqual({ ...a, token: null });
  });
});

describe("person add, people import and roadmaps", () => {
  it("person add: the invite and the replaced link, in Russian; in English with --lang en", async () => {
    const name = "Полухина Елена Андреевна";
    const first = await cli(["person", "add", "--name", name, "--position", "главный специалист"], null);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^Полухина Елена Андреевна \(№ \d+ в справочнике\): приглашение действует до \d{1,2} [а-я]+ \d{4}$/m);
    expect(first.out).toMatch(/^Код приглашения \S+ — отправьте боту: \/start \S+$/m);
    expect(first.out).not.toContain("Прежняя ссылка");
    expect(latinWords(first.out, [name])).toEqual([]);
    const again = await cli(["person", "add", "--name", name], null);
    expect(again.out).toContain("Прежняя ссылка-приглашение этого человека больше не работает: отправьте ему новую");
    expect(latinWords(again.out, [name])).toEqual([]);
    const en = await cli(["person", "add", "--name", name], "en", { BOT_USERNAME: "vekha_bot" });
    expect(en.out).toMatch(/^invite link: https:\/\/t\.me\/vekha_bot\?start=\S+$/m);
    expect(en.out).toContain("the previous invite link of this person no longer works");
    expect(cyrillicWords(en.out, [name])).toEqual([]);

    await findOrCreateSchool(t.db, "МКОУ «СОШ № 3 г. Бодайбо»", null);
    const school = await cli(["person", "add", "--name", "Лосева Анна Игоревна", "--role", "curator", "--school", "СОШ № 13 г. Бодайбо"], null);
    expect(school.code).toBe(1);
    expect(school.err).toBe("person add: школы «СОШ № 13 г. Бодайбо» нет; похожие: «МКОУ «СОШ № 3 г. Бодайбо»» — укажите одну из них в --school");
    expect((await cli(["person", "add", "--name", "Лосева Анна Игоревна", "--roadmap", "77"], null)).err).toBe("person add: дорожной карты с номером 77 нет");
  });

  it("people import: the summary and the skipped rows", async () => {
    const file = path.join(t.dir, "people.csv");
    fs.writeFileSync(file, "ФИО;Должность;Роль\nПетров Пётр Петрович;методист;пилот\nСидорова Анна Ивановна;директор;куратор\n;учитель;исполнитель\n");
    const ru = await cli(["people", "import", file], null);
    expect(ru.code).toBe(0);
    expect(ru.out).toBe("1 человек: добавлено 1, обновлено 0; поручений получили исполнителя: 0; пропущено строк: 2");
    expect(ru.err.split("\n")).toEqual([
      "строка 2: неизвестная роль «пилот» (исполнитель, куратор, заместитель, координатор)",
      "строка 4: не указано ФИО",
    ]);
    expect(latinWords(`${ru.out}\n${ru.err}`, ["пилот"])).toEqual([]);
    const en = await cli(["people", "import", file], "en");
    expect(en.out).toBe("1 person: 0 added, 1 updated; 0 assignments filled; 2 rows skipped");
    expect(en.err.split("\n")).toEqual(['row 2: unknown role "пилот" (исполнитель, куратор, заместитель, координатор)', "row 4: no name (ФИО)"]);
    // the role words and the column name are the file's own: a CSV is written with them in any language
    expect(cyrillicWords(en.out + "\n" + en.err, ["пилот", "исполнитель", "куратор", "заместитель", "координатор", "ФИО"])).toEqual([]);
    const headerless = path.join(t.dir, "headerless.csv");
    fs.writeFileSync(headerless, "a;b\n1;2\n");
    expect((await cli(["people", "import", headerless], null)).err).toBe(`people import: ${headerless}: в заголовке нет столбца ФИО (ФИО;Должность;Организация;Роль;Школа)`);
  });

  it("roadmaps: the list, or that there is none, in the operator's language", async () => {
    const none = await cli(["roadmaps"], null);
    expect(none.out).toBe("Дорожных карт пока нет. Загрузите первую: npm run -s cli -- import <файл> --save");
    await cli(["import", SKOVORODINO, "--save", "--active-from", "2023-04-01"], null);
    const ru = await cli(["roadmaps"], null);
    expect(ru.out).toMatch(/^\d+ {2}действует {2}Приказ № 120 от 31 марта 2023 · 30 мероприятий · \d+ поручени[йея]/);
    expect(latinWords(ru.out)).toEqual([]);
    const en = await cli(["roadmaps"], "en");
    expect(en.out).toMatch(/^\d+ {2}active {2}Order No\. 120 of 31 March 2023 · 30 actions · \d+ assignments/);
    expect(cyrillicWords(en.out)).toEqual([]);
  });

  it("help: the usage in the operator's language", async () => {
    const ru = await cli(["help"], null);
    expect(ru.code).toBe(0);
    expect(ru.out.split("\n")[0]).toBe("Использование: npm run -s cli -- <команда> [--lang ru|en]");
    expect(ru.out).toContain("  import <файл> [--year ГГГГ]");
    const en = await cli(["help"], "en");
    expect(en.out.split("\n")[0]).toBe("usage: npm run -s cli -- <command> [--lang ru|en]");
    expect(en.out.split("\n")).toHaveLength(ru.out.split("\n").length);
    const unknown = await cli(["frobnicate"], null);
    expect(unknown.code).toBe(2);
    expect(unknown.err.split("\n")[0]).toBe("Неизвестная команда «frobnicate».");
  });
});

describe("plan and tick", () => {
  it("plan lists what would be sent, tick says what it did, in the operator's language", async () => {
    const w = await seedWorld(t.db);
    await item(t.db, w, "17", { kind: "date", due: "2023-07-02" });
    const at = "2023-06-30T09:00:00+09:00";
    const ru = await cli(["plan", "--at", at], null);
    expect(ru.code).toBe(0);
    expect(ru.out.split("\n").sort()).toEqual(
      [`${at}  за день  карта ${w.roadmapId}  п. 17 → Иванова А.А.`, `${at}  срок сегодня  карта ${w.roadmapId}  п. 17 → Иванова А.А.`, "К отправке: 2"].sort(),
    );
    const en = await cli(["plan", "--at", at], "en");
    expect(en.out).toContain(`${at}  1 day before  roadmap ${w.roadmapId}  item 17 → Иванова А.А.`);
    expect(en.out).toMatch(/^2 to send$/m);
    expect((await cli(["plan", "--at", "2023-06-30T02:00:00+09:00"], null)).out).toBe("На 2023-06-29T17:00:00.000Z отправлять нечего");

    const api = await FakeBotApi.start();
    try {
      const env = { BOT_TOKEN: "123:TEST", TELEGRAM_API_ROOT: api.url };
      const tick = await cli(["tick", "--at", "2023-06-30T00:00:00Z"], null, env);
      expect(tick).toMatchObject({ code: 0, out: "Запланировано 2, взято в работу 2, отправлено 1, не отправлено 0", err: "" });
      expect((await cli(["tick", "--at", "2023-06-30T00:05:00Z"], "en", env)).out).toBe("planned 2, claimed 0, sent 0, failed 0");
      const noToken = await cli(["tick", "--at", "2023-06-30T00:05:00Z"], null);
      expect(noToken).toMatchObject({ code: 2, out: "", err: "BOT_TOKEN: нужен токен бота (его выдаёт @BotFather)" });
    } finally {
      await api.stop();
    }
  });
});

describe("an unknown --lang is bad usage", () => {
  it.each([
    [["import", SKOVORODINO, "--json", "--lang", "de"], "--lang: язык «de» не поддерживается, укажите ru или en"],
    [["--lang=fr", "roadmaps"], "--lang: язык «fr» не поддерживается, укажите ru или en"],
    [["person", "add", "--name", "Иванов Иван Иванович", "--lang"], "--lang: укажите язык, ru или en"],
    [["plan", "--at", "2023-06-30T09:00:00+09:00", "--lang", "--json"], "--lang: укажите язык, ru или en"],
  ])("%j: exit 2, one line, nothing done", async (argv, line) => {
    const r = await cli(argv, null);
    expect(r).toMatchObject({ code: 2, out: "", err: line });
    expect(await t.db.person.count()).toBe(0);
  });

  it("as real processes: --lang de is exit 2 with one line; the default is Russian", async () => {
    const run = promisify(execFile);
    const env = { ...process.env, DATABASE_URL: t.url, LOG_LEVEL: "silent" };
    const bad = await run(process.execPath, ["--import", "tsx", "cli/main.ts", "--lang", "de", "import", SKOVORODINO, "--json"], { cwd: ROOT, env }).then(
      () => null,
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(bad?.code).toBe(2);
    expect(bad?.stdout).toBe("");
    expect(bad?.stderr).toBe("--lang: язык «de» не поддерживается, укажите ru или en\n");
    const ok = await run(process.execPath, ["--import", "tsx", "cli/main.ts", "import", SKOVORODINO], { cwd: ROOT, env });
    expect(ok.stderr).toBe("");
    expect(ok.stdout).toContain("Приказ № 120 от 31 марта 2023");
    expect(ok.stdout).toContain("\n30 мероприятий\n");
    expect(ok.stdout).toContain("Не сохранено (чтобы сохранить, добавьте --save)");
    const en = await run(process.execPath, ["--import", "tsx", "cli/main.ts", "import", SKOVORODINO, "--lang", "en"], { cwd: ROOT, env });
    expect(en.stdout).toContain("\n30 items\n");
  }, 60_000);
});
