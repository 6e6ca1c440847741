import { describe, expect, it } from "vitest";
import { computeMetrics } from "./compute-metrics";
import { Decimal, formatDecimal } from "./decimal";
import type { MetricInput } from "./metric-definition";
import { DEFAULT_METRIC_SETTINGS } from "./metric-settings";

const input: MetricInput = {
  sums: {
    spend: new Decimal(300000),
    leads: new Decimal(400),
    deals_won: new Decimal(5),
    revenue: new Decimal(250000),
  },
  settings: DEFAULT_METRIC_SETTINGS,
  periodDays: 30,
};

const show = (map: Map<string, { value: Decimal | null; reason: string | null }>) =>
  [...map].map(([key, r]) => [key, r.value === null ? null : formatDecimal(r.value), r.reason]);

describe("computeMetrics", () => {
  it("computes derived metrics and base measures in the requested order", () => {
    const result = computeMetrics(["cac", "spend", "romi", "cpl", "cac"], input);
    expect(show(result)).toEqual([
      ["cac", "60000", null], // 300,000 / 5
      ["spend", "300000", null],
      ["romi", "-0.1666666667", null], // (250,000 − 300,000) / 300,000
      ["cpl", "750", null], // 300,000 / 400
    ]);
  });

  it("reports a flow without data as 0, a stock without data as NO_DATA, and unknown keys", () => {
    const result = computeMetrics(["clicks", "followers", "nonsense"], input);
    expect(show(result)).toEqual([
      ["clicks", "0", null],
      ["followers", null, "NO_DATA:followers"],
      ["nonsense", null, "UNKNOWN_METRIC"],
    ]);
  });

  it("returns custom base measures when their definitions are passed", () => {
    const trials = {
      key: "trials",
      unit: "count" as const,
      aggregation: "flow" as const,
      name: { ru: "Триалы", en: "Trials" },
    };
    const withTrials = { ...input, sums: { ...input.sums, trials: new Decimal(12) } };
    expect(show(computeMetrics(["trials"], withTrials))).toEqual([["trials", null, "UNKNOWN_METRIC"]]);
    expect(show(computeMetrics(["trials"], withTrials, [trials]))).toEqual([["trials", "12", null]]);
  });
});
