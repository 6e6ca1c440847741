import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { formatNumber, formatPercent } from "./format-for-message";

describe("health-check message figures", () => {
  it("group digits and use the decimal comma in Russian, like every other figure", () => {
    expect(formatNumber(new Decimal("5425"), "ru")).toBe("5\u00a0425");
    expect(formatNumber(new Decimal("1234567.891"), "ru")).toBe("1\u00a0234\u00a0567,89");
    expect(formatNumber(new Decimal("1234567.891"), "en")).toBe("1,234,567.89");
    expect(formatPercent(new Decimal("0.016"), "ru")).toBe("1,6\u00a0%");
    expect(formatPercent(new Decimal("0.2"), "en")).toBe("20%");
  });

  it("stay exact for long decimals (no binary float on the way)", () => {
    expect(formatNumber(new Decimal("90071992547409.93"), "en")).toBe("90,071,992,547,409.93");
  });
});
