import { describe, expect, it } from "vitest";
import { clipAtWord } from "../core/clip.ts";

describe("clipAtWord", () => {
  it("keeps a short text, collapsing its spaces", () => {
    expect(clipAtWord("  Анализ   результатов\nВПР ", 40)).toBe("Анализ результатов ВПР");
  });

  it("cuts at the end of a word, never inside one, within the limit", () => {
    const title = "Мониторинг деятельности школ с низкими образовательными результатами";
    for (let max = 12; max < title.length; max++) {
      const cut = clipAtWord(title, max);
      expect(cut.length, String(max)).toBeLessThanOrEqual(max);
      expect(cut.endsWith("…")).toBe(true);
      const words = cut.slice(0, -1).split(" ");
      // every word shown is a whole word of the title, in order
      expect(title.startsWith(words.join(" ") + " ")).toBe(true);
    }
    expect(clipAtWord(title, 30)).toBe("Мониторинг деятельности школ…");
  });

  it("drops punctuation left before the «…»", () => {
    expect(clipAtWord("Совещание, семинар, конференция руководителей", 21)).toBe("Совещание, семинар…");
  });

  it("cuts a first word longer than the limit inside (nothing else to do)", () => {
    expect(clipAtWord("Сверхдлинноесловобезпробелов и ещё", 10)).toBe("Сверхдлин…");
  });
});
