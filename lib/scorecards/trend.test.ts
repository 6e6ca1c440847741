import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { trend, trendDirection } from "@/lib/scorecards/trend";

const d = (v: Decimal.Value) => new Decimal(v);

describe("trend", () => {
  it("is the relative change vs the previous period", () => {
    // (120 − 100) / 100 = 0.2
    expect(trend(d(120), d(100))).toEqual({ change: d("0.2"), reason: null });
    // (80 − 100) / 100 = −0.2
    expect(trend(d(80), d(100)).change!.toString()).toBe("-0.2");
  });

  it("divides by |previous| so a recovery from a negative ROMI reads as growth", () => {
    // (0.1 − (−0.2)) / 0.2 = 1.5
    expect(trend(d("0.1"), d("-0.2")).change!.toString()).toBe("1.5");
  });

  it("is null-safe", () => {
    expect(trend(null, d(1))).toEqual({ change: null, reason: "NO_ACTUAL" });
    expect(trend(d(1), null)).toEqual({ change: null, reason: "NO_PREVIOUS" });
    expect(trend(d(1), undefined)).toEqual({ change: null, reason: "NO_PREVIOUS" });
    expect(trend(d(5), d(0))).toEqual({ change: null, reason: "PREVIOUS_ZERO" });
  });
});

describe("trendDirection", () => {
  it("reads the change through the KPI direction", () => {
    expect(trendDirection(d("0.1"), "higher")).toBe("improving");
    expect(trendDirection(d("0.1"), "lower")).toBe("worsening"); // CAC up
    expect(trendDirection(d("-0.1"), "lower")).toBe("improving");
    expect(trendDirection(d(0), "higher")).toBe("flat");
    expect(trendDirection(d("0.1"), "range")).toBeNull();
    expect(trendDirection(null, "higher")).toBeNull();
  });
});
