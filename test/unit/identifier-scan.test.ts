import { describe, expect, it } from "vitest";
import { scanText } from "../../e2e/support/identifier-scan";

/** The page scanner of e2e/identifier-scan.spec.ts: it must catch what SPEC §10 forbids. */
describe("scanText", () => {
  const kinds = (text: string, locale: "ru" | "en") => scanText(text, locale).map((f) => `${f.kind}: ${f.text}`);

  it("finds keys, codes, scopes, UUIDs and JSON", () => {
    const found = kinds(
      'KPI company.revenue has no data for deals_won · write:metrics · NOT_A_NUMBER · 6ca0030e-6359-40c2-9abf-35e3adc5c902 · {"role":"SMM"} · Метрика cac',
      "en",
    );
    expect(found).toEqual([
      "uuid: 6ca0030e-6359-40c2-9abf-35e3adc5c902",
      'json: {"role":',
      "scope string: write:metrics",
      "reason code: NOT_A_NUMBER",
      "snake_case key: deals_won",
      "dotted key: company.revenue",
      "lowercase metric key: cac",
    ]);
  });

  it("flags English words on a Russian page, but not the allowlisted abbreviations or e-mails", () => {
    expect(kinds("ROMI 120 %, CAC и LTV в норме; пишите на olga@example.com", "ru")).toEqual([]);
    expect(kinds("Лиды: not a number", "ru")).toEqual([
      "English word on a Russian page: not",
      "English word on a Russian page: number",
    ]);
    expect(kinds("Лиды: revenue", "ru")).toEqual(["metric key: revenue"]);
  });

  it("leaves plain English prose on an English page alone", () => {
    expect(kinds("Revenue grew 12 % in November; ROMI is 3.5 and the plan is on track.", "en")).toEqual([]);
  });

  it("flags a sentence whose name went missing", () => {
    expect(kinds("Ольга: создано пространство «»", "ru")).toEqual(["empty name: «»"]);
  });

  it("ignores words the person typed", () => {
    expect(scanText("Пространство Acme Growth", "ru", ["Acme Growth"])).toEqual([]);
    expect(scanText("Первый день в «Acme Growth»", "ru", ["Acme Growth"])).toEqual([]);
  });
});
