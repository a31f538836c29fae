import { describe, expect, it } from "vitest";
import { addressName } from "../core/names.ts";

describe("addressName", () => {
  it("first name and patronymic when both are known, in either order", () => {
    expect(addressName("Полухина Елена Андреевна")).toBe("Елена Андреевна");
    expect(addressName("  Расческина   Ольга Дмитриевна ")).toBe("Ольга Дмитриевна");
    expect(addressName("Иванов Иван Ильич")).toBe("Иван Ильич");
    expect(addressName("Елена Андреевна Полухина")).toBe("Елена Андреевна");
  });

  it("else the name as known; nothing to address by when only initials are known", () => {
    expect(addressName("Полухина Е.А.")).toBeNull();
    expect(addressName("Полухина Е. А.")).toBeNull();
    expect(addressName("Елена Полухина")).toBe("Елена Полухина");
    expect(addressName("Анна")).toBe("Анна");
  });
});
