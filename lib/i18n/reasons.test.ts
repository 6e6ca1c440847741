import { describe, expect, it } from "vitest";
import { REASON_TEXTS, type ReasonCode, reasonText } from "./reasons";

describe("reason texts", () => {
  it("have both languages with the same placeholders, and Russian text in Russian", () => {
    for (const [code, texts] of Object.entries(REASON_TEXTS)) {
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(texts.ru), code).toEqual(names(texts.en));
      expect(texts.ru, code).toMatch(/[а-яё]/i);
      expect(texts.ru, code).not.toBe(texts.en);
    }
  });

  it("fill parameters, names in the reader's language", () => {
    const r = { code: "NEGATIVE_COUNT" as ReasonCode, params: { measure: { en: "Leads", ru: "Лиды" } } };
    expect(reasonText(r, "ru")).toBe("Лиды — количество, оно не может быть отрицательным");
    expect(reasonText(r, "en")).toBe("Leads is a count and cannot be negative");
    expect(reasonText({ code: "ROW_REPEATS", params: { row: 5, first: 2, measure: "Звонки" } }, "ru")).toBe(
      "строка 5 повторяет строку 2: те же дата, канал, кампания и показатель (Звонки)",
    );
  });
});
