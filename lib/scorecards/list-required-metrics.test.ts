import { describe, expect, it } from "vitest";
import { listRequiredMetrics } from "@/lib/scorecards/list-required-metrics";
import { buildDefaultKpis } from "@/lib/scorecards/templates";

describe("listRequiredMetrics", () => {
  const keys = listRequiredMetrics(buildDefaultKpis()).map((m) => m.valueKey);

  it("lists each KPI metric, gate and diagnostic once, in the KPI's scope", () => {
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(
      expect.arrayContaining([
        "revenue",
        "romi@paid",
        "qualified_leads@social",
        "reach@social",
        "ctr@social",
        "leads@content",
      ]),
    );
    expect(keys).toContain("lead_to_deal_conversion"); // the performance gate
  });

  it("includes what the health checks read across all channels", () => {
    expect(keys).toEqual(expect.arrayContaining(["ltv_to_cac", "ltv", "cac", "leads", "ctr", "landing_conversion"]));
  });
});
