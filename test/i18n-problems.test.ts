import { describe, expect, it } from "vitest";
import { logTranslationProblemsTo, translator } from "../services/i18n.ts";

// A message formatted with errors (a variable the code did not pass) or asked for by an id no
// locale has still gives the user something, but it is a bug: it is logged, once per language
// and id, so a busy bot does not repeat it on every message.

describe("translation problems are logged once per language and id", () => {
  const lines: Array<{ fields: Record<string, unknown>; msg: string }> = [];
  logTranslationProblemsTo({ warn: (fields: Record<string, unknown>, msg: string) => void lines.push({ fields, msg }) } as never);

  it("a variable not given: the text marks the gap, and the error is logged once", () => {
    const ru = translator("ru");
    expect(ru.t("card-status")).toBe("Статус: {$status}");
    expect(ru.t("card-status")).toBe("Статус: {$status}");
    expect(ru.t("card-status", { status: "в работе" })).toBe("Статус: в работе");
    const logged = lines.filter((l) => l.fields.messageId === "card-status");
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ msg: "message formatted with errors", fields: { lang: "ru", errors: ["Unknown variable: $status"] } });
    // the same problem in the other language is its own line
    translator("en").t("card-status");
    expect(lines.filter((l) => l.fields.messageId === "card-status").map((l) => l.fields.lang)).toEqual(["ru", "en"]);
  });

  it("an id no locale has: the id is shown, and logged once", () => {
    const en = translator("en");
    expect(en.t("no-such-message")).toBe("no-such-message");
    expect(en.t("no-such-message")).toBe("no-such-message");
    expect(lines.filter((l) => l.fields.messageId === "no-such-message")).toEqual([{ msg: "no such message: the id is shown instead", fields: expect.objectContaining({ lang: "en" }) as unknown }]);
  });
});
