import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detectNumberStyle, formatLocaleNumber, parseGeneralNumber, parseLocaleNumber } from "./parse-number";

/** Canonical decimals: no leading zeros, no trailing fractional zeros, ≤ 18 + 10 digits. */
const canonical = fc
  .tuple(
    fc.boolean(),
    fc.bigInt({ min: 0n, max: 10n ** 15n }),
    fc.option(fc.integer({ min: 1, max: 99_999 }), { nil: null }),
  )
  .map(([negative, int, frac]) => {
    const fraction = frac === null ? "" : String(frac).replace(/0+$/, "");
    const body = fraction ? `${int}.${fraction}` : String(int);
    return negative && body !== "0" ? `-${body}` : body;
  });

describe("parseLocaleNumber", () => {
  it("reads plain cells (its fast path) exactly as the general parser does", () => {
    const cell = fc.stringMatching(/^[-+]?[0-9]{0,22}(?:[.,][0-9]{0,12})?[ ]?$/);
    fc.assert(
      fc.property(cell, fc.constantFrom("ru" as const, "en" as const), (text, style) => {
        expect(parseLocaleNumber(text, style)).toEqual(parseGeneralNumber(text, style));
      }),
      { numRuns: 20_000 },
    );
    for (const text of [
      "0",
      "-0",
      "-0,0",
      "007",
      "1.",
      ".5",
      "1,",
      "00,100",
      "-000.000",
      "1234567890123456789",
      "1,12345678901",
      "0.0000000001",
    ]) {
      for (const style of ["ru", "en"] as const)
        expect(parseLocaleNumber(text, style)).toEqual(parseGeneralNumber(text, style));
    }
  });

  it("parses Russian figures: spaces, NBSP and narrow NBSP groups, comma decimals, dot groups", () => {
    expect(parseLocaleNumber("1 234 567,89", "ru")).toEqual({ ok: true, value: "1234567.89" });
    expect(parseLocaleNumber("1\u00a0234\u00a0567,89", "ru")).toEqual({ ok: true, value: "1234567.89" });
    expect(parseLocaleNumber("1\u202f234,5", "ru")).toEqual({ ok: true, value: "1234.5" });
    expect(parseLocaleNumber("1.234,56", "ru")).toEqual({ ok: true, value: "1234.56" });
    expect(parseLocaleNumber("0,50", "ru")).toEqual({ ok: true, value: "0.5" });
    expect(parseLocaleNumber("−15", "ru")).toEqual({ ok: true, value: "-15" });
    expect(parseLocaleNumber("1 500 ₽", "ru")).toEqual({ ok: true, value: "1500", currency: "RUB" });
  });

  it("parses English figures", () => {
    expect(parseLocaleNumber("1,234.56", "en")).toEqual({ ok: true, value: "1234.56" });
    expect(parseLocaleNumber("1,234,567", "en")).toEqual({ ok: true, value: "1234567" });
    expect(parseLocaleNumber("$1,234.50", "en")).toEqual({ ok: true, value: "1234.5", currency: "USD" });
    expect(parseLocaleNumber("12.5", "en")).toEqual({ ok: true, value: "12.5" });
  });

  it("reads a lone separator before three digits by the file's style", () => {
    expect(parseLocaleNumber("1,234", "en")).toEqual({ ok: true, value: "1234" });
    expect(parseLocaleNumber("1,234", "ru")).toEqual({ ok: true, value: "1.234" });
    expect(parseLocaleNumber("1.234", "ru")).toEqual({ ok: true, value: "1234" });
    expect(parseLocaleNumber("1.234", "en")).toEqual({ ok: true, value: "1.234" });
  });

  it("rejects garbage, formulas, exponents and misplaced groups", () => {
    for (const bad of [
      "",
      "abc",
      "=1+2",
      "@SUM(A1)",
      "1e5",
      "1,2,3",
      "12 34",
      "1.2.3,4,5",
      "(100)",
      "1,234.5.6",
      "--1",
      "5%",
      "0x10",
    ]) {
      expect(parseLocaleNumber(bad, "ru").ok, bad).toBe(false);
      expect(parseLocaleNumber(bad, "en").ok, bad).toBe(false);
    }
  });

  it("property: a value formatted the Russian way parses back to itself (NBSP, narrow NBSP, space or dot groups)", () => {
    fc.assert(
      fc.property(canonical, fc.constantFrom("\u00a0", "\u202f", " ", "."), (value, group) => {
        expect(parseLocaleNumber(formatLocaleNumber(value, "ru", group), "ru")).toEqual({ ok: true, value });
      }),
      { numRuns: 500 },
    );
  });

  it("property: a value formatted the English way parses back to itself", () => {
    fc.assert(
      fc.property(canonical, (value) => {
        expect(parseLocaleNumber(formatLocaleNumber(value, "en"), "en")).toEqual({ ok: true, value });
      }),
      { numRuns: 500 },
    );
  });

  it("property: Intl's own ru-RU and en-US output parses back", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 99 }), (int, cents) => {
        const n = Number(`${int}.${String(cents).padStart(2, "0")}`);
        const expected = String(Math.round(n * 100) / 100);
        for (const [locale, style] of [
          ["ru-RU", "ru"],
          ["en-US", "en"],
        ] as const) {
          const text = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(n);
          expect(parseLocaleNumber(text, style)).toEqual({ ok: true, value: expected === "-0" ? "0" : expected });
        }
      }),
      { numRuns: 300 },
    );
  });

  it("property: strings with letters never parse", () => {
    fc.assert(
      fc.property(
        fc
          .string({ minLength: 1, maxLength: 12 })
          .filter((s) => /[a-df-zа-я]/i.test(s.replace(/руб|rub|usd|eur|р\./gi, ""))),
        (s) => {
          expect(parseLocaleNumber(s, "ru").ok).toBe(false);
        },
      ),
    );
  });
});

describe("detectNumberStyle", () => {
  it("tells ru from en by unambiguous cells, else by delimiter", () => {
    expect(detectNumberStyle(["1 234,56", "12"], ",")).toBe("ru");
    expect(detectNumberStyle(["1,234.56", "12"], ";")).toBe("en");
    expect(detectNumberStyle(["1,234", "01.03.2026"], ";")).toBe("ru");
    expect(detectNumberStyle(["1,234", "2026-03-01"], ",")).toBe("en");
  });

  it("reads a currency mark as its ISO code instead of stripping it (issue 11)", () => {
    expect(parseLocaleNumber("$1,234", "en")).toEqual({ ok: true, value: "1234", currency: "USD" });
    expect(parseLocaleNumber("1 234 ₽", "ru")).toEqual({ ok: true, value: "1234", currency: "RUB" });
    expect(parseLocaleNumber("€5", "en")).toEqual({ ok: true, value: "5", currency: "EUR" });
    expect(parseLocaleNumber("1234 руб.", "ru")).toEqual({ ok: true, value: "1234", currency: "RUB" });
    expect(parseLocaleNumber("-$5.5", "en")).toEqual({ ok: true, value: "-5.5", currency: "USD" });
    expect(parseLocaleNumber("USD 10", "en")).toEqual({ ok: true, value: "10", currency: "USD" });
    expect(parseLocaleNumber("1234", "ru")).toEqual({ ok: true, value: "1234" });
    expect(parseLocaleNumber("$5 €", "en")).toEqual({ ok: false, reason: { code: "TWO_CURRENCY_MARKS" } });
  });
});
