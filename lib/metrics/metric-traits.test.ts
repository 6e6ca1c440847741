import { describe, expect, it } from "vitest";
import { Decimal } from "./decimal";
import { metricTraits } from "./metric-traits";
import { evaluateKpi } from "@/lib/scorecards/evaluate-kpi";
import { DEFAULT_THRESHOLDS } from "@/lib/scorecards/types";

describe("metricTraits — the catalog is the one source of metric traits", () => {
  it("catalog metrics, base measures, custom measures and metrics, unknown keys", () => {
    expect(metricTraits("ltv_to_cac")).toMatchObject({
      kind: "ratio",
      unit: "ratio",
      multiple: true,
      class: "result",
      direction: "higher",
    });
    expect(metricTraits("romi")).toMatchObject({ kind: "ratio", multiple: false });
    expect(metricTraits("revenue")).toMatchObject({
      kind: "flow",
      unit: "money",
      class: "result",
      aggregation: "flow",
      direction: "higher",
    });
    expect(metricTraits("ctr")).toMatchObject({ class: "process" });
    expect(metricTraits("impressions")).toMatchObject({ kind: "flow", class: "process", direction: null });
    expect(metricTraits("customers_active")).toMatchObject({ kind: "stock", aggregation: "stock_start" });
    const defs = {
      customMeasures: [{ key: "podcast_plays", unit: "count" as const, aggregation: "flow" as const }],
      customMetrics: [
        { key: "plays_per_lead", unit: "ratio" as const, class: "process" as const, direction: "higher" as const },
      ],
    };
    expect(metricTraits("podcast_plays", defs)).toMatchObject({ kind: "flow", known: true });
    expect(metricTraits("plays_per_lead", defs)).toMatchObject({ kind: "ratio", class: "process", known: true });
    expect(metricTraits("podcast_plays")).toMatchObject({ kind: "ratio", known: false });
  });

  it("a KPI on a custom FLOW measure is paced as a flow: expected to date = target × elapsed share", () => {
    const kpi = {
      key: "smm.plays",
      metricKey: "podcast_plays",
      direction: "higher",
      thresholds: DEFAULT_THRESHOLDS,
      qualityGate: null,
      range: null,
    } as never;
    const traits = metricTraits("podcast_plays", {
      customMeasures: [{ key: "podcast_plays", unit: "count", aggregation: "flow" }],
      customMetrics: [],
    });
    const paced = evaluateKpi({ kpi, actual: new Decimal(50), target: new Decimal(100), elapsedShare: "0.5", traits });
    expect(paced.expectedToDate!.toString()).toBe("50");
    expect(paced.status).toBe("ON_TRACK");
    // Without the workspace's definitions it would be judged as a ratio: 50 of 100 → off track.
    expect(evaluateKpi({ kpi, actual: new Decimal(50), target: new Decimal(100), elapsedShare: "0.5" }).status).toBe(
      "OFF_TRACK",
    );
  });
});
