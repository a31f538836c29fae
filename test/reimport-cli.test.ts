import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../cli/run.ts";
import { openDb } from "../services/db.ts";
import { FIXTURES_DIR } from "./support/fixtures.ts";
import { createEmptyDatabase } from "./support/db.ts";

// `import --save` of a new version of a saved roadmap: it says which roadmap it updated and
// what moved; an edited document without an order number updates its roadmap unless
// --new-roadmap says otherwise.

const ORIGINAL = fs.readFileSync(path.join(FIXTURES_DIR, "skovorodino-2023-roadmap.txt"), "utf8");
const NEW_ROW = "Совещание с руководителями ОО по итогам мониторинга качества образования\tПротокол совещания\tМай 2023\tРуководители ОО";

function withRowInserted(text: string, at: number): string {
  return text
    .split("\n")
    .flatMap((line) => {
      const m = /^(\d+)\.\t/.exec(line);
      if (!m || Number(m[1]) < at) return [line];
      const renumbered = `${Number(m[1]) + 1}.\t${line.slice(m[0].length)}`;
      return Number(m[1]) === at ? [`${at}.\t${NEW_ROW}`, renumbered] : [renumbered];
    })
    .join("\n");
}

let dir: string;
const drops: Array<() => Promise<void>> = [];
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "vekha-reimport-cli-"));
});
afterAll(async () => {
  for (const drop of drops) await drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** An empty database of the suite's kind (the CLI migrates it): its DATABASE_URL. */
async function freshDatabase(): Promise<string> {
  const empty = await createEmptyDatabase();
  drops.push(empty.drop);
  return empty.url;
}

async function cli(args: string[], db: string, lang: "ru" | "en" = "en") {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(["import", ...args, "--lang", lang], { out: (t) => out.push(t), err: (t) => err.push(t), env: { DATABASE_URL: db, DEFAULT_TIMEZONE: "Europe/Moscow" } });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

function file(name: string, text: string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
}

async function roadmaps(db: string) {
  const store = await openDb(db);
  try {
    return await store.roadmap.findMany({ select: { id: true, items: { where: { key: "3" }, select: { title: true } } }, orderBy: { id: "asc" } });
  } finally {
    await store.$disconnect();
  }
}

describe("import --save over a saved roadmap", () => {
  it("a new version of the order: says what moved and what is new", async () => {
    const db = await freshDatabase();
    expect((await cli([file("v1.txt", ORIGINAL), "--save", "--active-from", "2023-04-01"], db)).code).toBe(0);
    const r = await cli([file("v2.txt", withRowInserted(ORIGINAL, 2)), "--save"], db);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/saved: roadmap 1 \(updated in place\): 1 added, 0 changed, 29 renumbered, 0 removed; active from 1 April 2023/);
    expect(r.stdout).toContain("29 items took new numbers; their statuses and evidence moved with them");
    expect(r.stdout).toMatch(/moved \(29\):\n {2}2 → 3: Участие в обучающих вебинарах/);
    expect(r.stdout).toMatch(/new \(1\):\n {2}2: Совещание с руководителями ОО/);
    expect((await roadmaps(db)).map((m) => m.items[0]?.title.slice(0, 30))).toEqual(["Участие в обучающих вебинарах,"]);
  });

  it("says the same in Russian, the CLI's default language", async () => {
    const db = await freshDatabase();
    expect((await cli([file("v1-ru.txt", ORIGINAL), "--save", "--active-from", "2023-04-01"], db, "ru")).code).toBe(0);
    const r = await cli([file("v2-ru.txt", withRowInserted(ORIGINAL, 2)), "--save"], db, "ru");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Сохранено: дорожная карта 1 обновлена — добавлено 1, изменено 0, перенумеровано 29, снято 0; действует с 1 апреля 2023");
    expect(r.stdout).toContain("Перенумеровано мероприятий: 29 — их отметки и подтверждения перешли к новым номерам");
    expect(r.stdout).toMatch(/Новые номера \(29\):\n {2}2 → 3: Участие в обучающих вебинарах/);
    expect(r.stdout).toMatch(/Новые мероприятия \(1\):\n {2}2: Совещание с руководителями ОО/);
    const unnumbered = ORIGINAL.replace(/^№ 120$/m, "").replace("от 31.03.2023 № 120", "");
    const other = await freshDatabase();
    await cli([file("plan-ru.txt", unnumbered), "--save"], other, "ru");
    const similar = await cli([file("plan-ru-v2.txt", withRowInserted(unnumbered, 2)), "--save"], other, "ru");
    expect(similar.stdout).toMatch(/В этом документе нет своего номера приказа, но он близок к дорожной карте 1 «Комплекс мер.*»: обновлена она \(чтобы сохранить документ отдельной картой, добавьте --new-roadmap\)/);
  });

  it("an edited document without an order number updates its roadmap and says so; --new-roadmap keeps it apart", async () => {
    const db = await freshDatabase();
    const unnumbered = ORIGINAL.replace(/^№ 120$/m, "").replace("от 31.03.2023 № 120", "");
    expect((await cli([file("plan.txt", unnumbered), "--save"], db)).code).toBe(0);
    const edited = file("plan-v2.txt", withRowInserted(unnumbered, 2));
    const r = await cli([edited, "--save"], db);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/this document has no order number of its own but matches roadmap 1 «Комплекс мер.*» closely: that roadmap was updated \(--new-roadmap saves such a document as a separate roadmap\)/);
    expect((await roadmaps(db)).length).toBe(1);

    const apart = await cli([file("plan-v3.txt", withRowInserted(withRowInserted(unnumbered, 2), 5)), "--save", "--new-roadmap"], db);
    expect(apart.stdout).toMatch(/saved: roadmap 2 \(new\)/);
    expect((await roadmaps(db)).length).toBe(2);
  });

  it("--new-roadmap without --save is bad usage", async () => {
    const r = await cli([file("x.txt", ORIGINAL), "--new-roadmap"], `file:${path.join(dir, "never.db")}`);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--new-roadmap only makes sense with --save/);
  });
});
