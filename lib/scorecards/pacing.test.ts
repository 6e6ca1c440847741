import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { elapsedShareOfRange as elapsedShare } from "@/lib/periods/elapsed-share";
import { pacing } from "@/lib/scorecards/pacing";

const d = (v: Decimal.Value) => new Decimal(v);
const april = (day: number) =>
  elapsedShare({ periodStart: "2025-04-01", periodEnd: "2025-04-30", asOf: `2025-04-${String(day).padStart(2, "0")}` });
const january = (day: number) =>
  elapsedShare({ periodStart: "2025-01-01", periodEnd: "2025-01-31", asOf: `2025-01-${String(day).padStart(2, "0")}` });

describe("pacing of a flow (leads, target 300 a month)", () => {
  it("on the 1st of a 30-day month", () => {
    // expected = 300 × 1/30 = 10; 12 leads on day 1 → run rate 12 / (1/30) = 360
    const p = pacing({ actual: d(12), target: d(300), elapsedShare: april(1), kind: "flow" });
    expect(p.expectedToDate!.toDecimalPlaces(10).toString()).toBe("10");
    expect(p.forecast!.toDecimalPlaces(10).toString()).toBe("360");
  });

  it("on the 15th of a 30-day month", () => {
    // expected = 300 × 15/30 = 150; 140 leads → forecast 140 / 0.5 = 280
    const p = pacing({ actual: d(140), target: d(300), elapsedShare: april(15), kind: "flow" });
    expect(p.expectedToDate!.toString()).toBe("150");
    expect(p.forecast!.toString()).toBe("280");
  });

  it("on the last day of a 30-day month the forecast is the actual", () => {
    const p = pacing({ actual: d(290), target: d(300), elapsedShare: april(30), kind: "flow" });
    expect(p.expectedToDate!.toString()).toBe("300");
    expect(p.forecast!.toString()).toBe("290");
  });

  it("on the 1st, 15th and 31st of a 31-day month", () => {
    // target 310: expected 310 × 1/31 = 10, 310 × 15/31 = 150, 310 × 31/31 = 310
    expect(
      pacing({ actual: d(9), target: d(310), elapsedShare: january(1), kind: "flow" })
        .expectedToDate!.toDecimalPlaces(10)
        .toString(),
    ).toBe("10");
    const mid = pacing({ actual: d(155), target: d(310), elapsedShare: january(15), kind: "flow" });
    expect(mid.expectedToDate!.toDecimalPlaces(10).toString()).toBe("150");
    // forecast 155 / (15/31) = 155 × 31 / 15 = 320.333…
    expect(mid.forecast!.toDecimalPlaces(3).toString()).toBe("320.333");
    expect(
      pacing({ actual: d(300), target: d(310), elapsedShare: january(31), kind: "flow" }).expectedToDate!.toString(),
    ).toBe("310");
  });

  it("in a quarter: 15 February is day 46 of Q1's 90", () => {
    const share = elapsedShare({ periodStart: "2025-01-01", periodEnd: "2025-03-31", asOf: "2025-02-15" });
    // revenue target 9 000 000: expected = 9 000 000 × 46/90 = 4 600 000
    // actual 4 140 000 → forecast = 4 140 000 × 90/46 = 8 100 000
    const p = pacing({ actual: d(4_140_000), target: d(9_000_000), elapsedShare: share, kind: "flow" });
    expect(p.expectedToDate!.toDecimalPlaces(6).toString()).toBe("4600000");
    expect(p.forecast!.toDecimalPlaces(6).toString()).toBe("8100000");
  });

  it("has no forecast before the period starts (elapsed share 0), instead of dividing by zero", () => {
    const p = pacing({ actual: d(0), target: d(300), elapsedShare: 0, kind: "flow" });
    expect(p.expectedToDate!.toString()).toBe("0");
    expect(p.forecast).toBeNull();
  });

  it("has no expected value without a target and no forecast without an actual", () => {
    expect(pacing({ actual: null, target: null, elapsedShare: "0.5", kind: "flow" })).toEqual({
      expectedToDate: null,
      forecast: null,
    });
  });
});

describe("pacing of ratios and stocks", () => {
  it("compares a ratio directly: a half-month CTR is already a CTR", () => {
    expect(pacing({ actual: d("0.021"), target: d("0.02"), elapsedShare: april(15), kind: "ratio" })).toEqual({
      expectedToDate: d("0.02"),
      forecast: d("0.021"),
    });
  });

  it("compares a stock directly: followers now is the honest forecast", () => {
    expect(pacing({ actual: d(10_400), target: d(12_000), elapsedShare: april(1), kind: "stock" })).toEqual({
      expectedToDate: d(12_000),
      forecast: d(10_400),
    });
  });
});
