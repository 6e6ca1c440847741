import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { ATTAINMENT_CEILING, attainment } from "@/lib/scorecards/attainment";

const d = (v: Decimal.Value) => new Decimal(v);

describe("attainment", () => {
  it("is actual / target for higher-is-better", () => {
    // 80 qualified leads against a target of 100 → 80 / 100 = 0.8
    expect(attainment(d(80), d(100), "higher")).toEqual({ value: d("0.8"), reason: null });
  });

  it("is target / actual for lower-is-better CAC", () => {
    // CAC 60 000 against target 50 000 → 50 000 / 60 000 = 0.8333…
    const result = attainment(d(60_000), d(50_000), "lower");
    expect(result.value!.toDecimalPlaces(4).toString()).toBe("0.8333");
    // beating the target: CAC 40 000 → 50 000 / 40 000 = 1.25
    expect(attainment(d(40_000), d(50_000), "lower").value!.toString()).toBe("1.25");
  });

  it("inverts CPL, churn and bounce rate the same way", () => {
    // CPL 750 vs target 600 → 600 / 750 = 0.8
    expect(attainment(d(750), d(600), "lower").value!.toString()).toBe("0.8");
    // churn 0.05 vs target 0.04 → 0.04 / 0.05 = 0.8
    expect(attainment(d("0.05"), d("0.04"), "lower").value!.toString()).toBe("0.8");
    // bounce 0.4 vs target 0.5 → 0.5 / 0.4 = 1.25
    expect(attainment(d("0.4"), d("0.5"), "lower").value!.toString()).toBe("1.25");
  });

  it("gives the ceiling, not Infinity, when a lower-is-better actual drops to zero", () => {
    // zero churn against a 4% target: target / 0 would be infinite
    expect(attainment(d(0), d("0.04"), "lower")).toEqual({ value: ATTAINMENT_CEILING, reason: null });
  });

  it("floors a negative actual at 0 (loss-making ROMI)", () => {
    // ROMI −0.4 against target 1.0 → −0.4 clamped to 0
    expect(attainment(d("-0.4"), d(1), "higher").value!.toString()).toBe("0");
  });

  it("returns null with a reason when it cannot be computed", () => {
    expect(attainment(null, d(1), "higher")).toEqual({ value: null, reason: "NO_ACTUAL" });
    expect(attainment(undefined, d(1), "higher")).toEqual({ value: null, reason: "NO_ACTUAL" });
    expect(attainment(d(1), null, "higher")).toEqual({ value: null, reason: "NO_TARGET" });
    expect(attainment(d(1), d(0), "higher")).toEqual({ value: null, reason: "TARGET_ZERO" });
    expect(attainment(d(1), d(0), "lower")).toEqual({ value: null, reason: "TARGET_ZERO" });
    expect(attainment(d(1), d(-5), "higher")).toEqual({ value: null, reason: "TARGET_NEGATIVE" });
    expect(attainment(d(1), d(1), "range")).toEqual({ value: null, reason: "NO_RANGE" });
  });

  describe("range", () => {
    const range = { min: d("0.3"), max: d("0.5") };
    it("is 1 anywhere inside the bounds, bounds included", () => {
      expect(attainment(d("0.3"), null, "range", range).value!.toString()).toBe("1");
      expect(attainment(d("0.42"), null, "range", range).value!.toString()).toBe("1");
      expect(attainment(d("0.5"), null, "range", range).value!.toString()).toBe("1");
    });
    it("decreases below the floor as actual / min", () => {
      // 0.15 / 0.3 = 0.5
      expect(attainment(d("0.15"), null, "range", range).value!.toString()).toBe("0.5");
    });
    it("decreases above the ceiling as max / actual", () => {
      // 0.5 / 0.625 = 0.8
      expect(attainment(d("0.625"), null, "range", range).value!.toString()).toBe("0.8");
    });
    it("ignores the target", () => {
      expect(attainment(d("0.4"), d(100), "range", range).value!.toString()).toBe("1");
    });
    it("handles a zero floor", () => {
      expect(attainment(d(-1), null, "range", { min: d(0), max: d(1) }).value!.toString()).toBe("0");
    });
  });
});
