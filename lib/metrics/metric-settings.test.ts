import { describe, expect, it } from "vitest";
import { Decimal } from "./decimal";
import { DEFAULT_METRIC_SETTINGS, parseMetricSettings } from "./metric-settings";

describe("parseMetricSettings", () => {
  it("fills defaults: subscription LTV, 100 % margin, revenue ROMI, reach engagement", () => {
    const result = parseMetricSettings({});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.settings.ltvMethod).toBe("subscription");
    expect(result.settings.grossMargin.eq(1)).toBe(true);
    expect(result.settings.romiBasis).toBe("revenue");
    expect(result.settings.engagementBasis).toBe("reach");
    expect(parseMetricSettings(undefined)).toEqual({ ok: true, settings: { ...DEFAULT_METRIC_SETTINGS } });
  });

  it("accepts decimal strings, Decimals and safe integers", () => {
    const result = parseMetricSettings({
      ltvMethod: "repeat_purchase",
      orderValue: "2000.50",
      ordersPerYear: 4,
      years: new Decimal(3),
      grossMargin: "0.4",
      romiBasis: "gross_profit",
      engagementBasis: "followers",
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.settings.orderValue?.toFixed()).toBe("2000.5");
    expect(result.settings.ordersPerYear?.toFixed()).toBe("4");
    expect(result.settings.grossMargin.toFixed()).toBe("0.4");
  });

  it("reports every problem with its field", () => {
    const result = parseMetricSettings({
      ltvMethod: "repeat_purchase",
      orderValue: 0.5, // a float: refused
      ordersPerYear: "-1",
      grossMargin: "1.5",
      romiBasis: "profit",
      grossMargine: "0.5",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const codes = result.errors.map((e) => `${e.field}:${e.code}`).sort();
    expect(codes).toEqual(
      [
        "grossMargin:OUT_OF_RANGE",
        "grossMargine:UNKNOWN_FIELD",
        "orderValue:INVALID_NUMBER",
        "ordersPerYear:OUT_OF_RANGE",
        "romiBasis:INVALID_CHOICE",
        "years:REQUIRED",
      ].sort(),
    );
  });

  it("requires fixedLtv for the fixed method and rejects a zero margin", () => {
    const fixed = parseMetricSettings({ ltvMethod: "fixed", grossMargin: "0" });
    expect(fixed.ok).toBe(false);
    if (fixed.ok) return;
    expect(fixed.errors.map((e) => e.field).sort()).toEqual(["fixedLtv", "grossMargin"]);
    expect(parseMetricSettings({ ltvMethod: "fixed", fixedLtv: "180000" }).ok).toBe(true);
    expect(parseMetricSettings([]).ok).toBe(false);
    expect(parseMetricSettings("x").ok).toBe(false);
  });

  it("maximum customer lifetime: default 60 months, null = no cap, 1…600 months valid", () => {
    const defaults = parseMetricSettings({});
    expect(defaults.ok && defaults.settings.maxCustomerLifetimeMonths?.toString()).toBe("60");
    const none = parseMetricSettings({ maxCustomerLifetimeMonths: null });
    expect(none.ok && none.settings.maxCustomerLifetimeMonths).toBeNull();
    for (const ok of ["1", "600", "36.5"]) expect(parseMetricSettings({ maxCustomerLifetimeMonths: ok }).ok).toBe(true);
    for (const bad of ["0", "-3", "600.01", "1000"]) {
      const r = parseMetricSettings({ maxCustomerLifetimeMonths: bad });
      expect(r.ok).toBe(false);
      if (!r.ok)
        expect(r.errors.map((e) => `${e.field}:${e.code}`)).toEqual(["maxCustomerLifetimeMonths:OUT_OF_RANGE"]);
    }
    const text = parseMetricSettings({ maxCustomerLifetimeMonths: "sixty" });
    expect(!text.ok && text.errors.map((e) => `${e.field}:${e.code}`)).toEqual([
      "maxCustomerLifetimeMonths:INVALID_NUMBER",
    ]);
  });
});
