import { describe, expect, it } from "vitest";
import { createTestDb, onSqlite } from "./support/db.ts";
import { loadConfig, ConfigError } from "../services/config.ts";
import { messageIds, translator } from "../services/i18n.ts";
import { formatDate, escapeHtml, htmlOfEntities } from "../services/format.ts";

describe("configuration", () => {
  it("defaults to SQLite under ./data and Moscow time", () => {
    const cfg = loadConfig({});
    expect(cfg.DATABASE_URL).toMatch(/^file:\/.*\/data\/vekha\.db$/);
    expect(cfg.DEFAULT_TIMEZONE).toBe("Europe/Moscow");
    expect(cfg.SCHEDULER_ENABLED).toBe(true);
    expect(cfg.TELEGRAM_API_ROOT).toBe("https://api.telegram.org");
  });
  it("names the variable of a bad value in one line", () => {
    expect(() => loadConfig({ DEFAULT_TIMEZONE: "Mars/Olympus" })).toThrow(/^DEFAULT_TIMEZONE: /);
    expect(() => loadConfig({ ADMIN_TELEGRAM_IDS: "12,abc" })).toThrow(/^ADMIN_TELEGRAM_IDS: /);
    expect(() => loadConfig({ PORT: "99999" })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: "mysql://localhost/vekha" })).toThrow(/^DATABASE_URL: must be a file: URL .* or a postgresql:\/\/ URL$/);
    expect(() => loadConfig({ DATABASE_URL: "postgres://localhost/vekha?conection_limit=5" })).toThrow(/^DATABASE_URL: unknown parameter "conection_limit"/);
  });
  it("parses admins and scheduler switch", () => {
    const cfg = loadConfig({ ADMIN_TELEGRAM_IDS: " 1, 22 ,333", SCHEDULER_ENABLED: "false" });
    expect(cfg.ADMIN_TELEGRAM_IDS).toEqual(["1", "22", "333"]);
    expect(cfg.SCHEDULER_ENABLED).toBe(false);
  });
});

describe("database", () => {
  it("is migrated (SQLite in WAL mode)", async () => {
    const t = await createTestDb();
    if (onSqlite) {
      const mode = await t.db.$queryRawUnsafe<Array<{ journal_mode: string }>>("PRAGMA journal_mode");
      expect(mode[0]?.journal_mode).toBe("wal");
    }
    await t.db.roadmap.create({ data: { identity: "a", title: "Дорожная карта", timezone: "Asia/Yakutsk", contentHash: "h" } });
    expect(await t.db.roadmap.count()).toBe(1);
    await t.close();
  });
});

describe("locales", () => {
  it("ru and en have the same messages", () => {
    expect(messageIds("en")).toEqual(messageIds("ru"));
  });
  it("formats dates the Russian way", () => {
    expect(formatDate(translator("ru"), "2023-06-15")).toBe("15 июня 2023");
    expect(formatDate(translator("en"), "2023-06-15")).toBe("15 June 2023");
  });
  it("escapes HTML", () => {
    expect(escapeHtml(`<b>«СОШ» & "Ко"</b>`)).toBe("&lt;b&gt;«СОШ» &amp; &quot;Ко&quot;&lt;/b&gt;");
  });
  it("turns a message's entities back into HTML: nested, cut at the text's end, links, text escaped", () => {
    const text = "Срок через 7 дней <СОШ> см. сайт\n\n1 Семинар";
    const entities = [
      { type: "bold", offset: 0, length: 17 },
      { type: "italic", offset: 5, length: 5 },
      { type: "text_link", offset: 28, length: 4, url: "https://a.ru/?x=1&y=2" },
      { type: "mention", offset: 0, length: 4 },
      { type: "bold", offset: 34, length: 9 },
    ];
    expect(htmlOfEntities(text.slice(0, 34), entities)).toBe(
      '<b>Срок <i>через</i> 7 дней</b> &lt;СОШ&gt; см. <a href="https://a.ru/?x=1&amp;y=2">сайт</a>\n\n',
    );
    expect(htmlOfEntities(text.slice(0, 10), entities)).toBe("<b>Срок <i>через</i></b>");
    expect(htmlOfEntities("a & b")).toBe("a &amp; b");
  });
});
