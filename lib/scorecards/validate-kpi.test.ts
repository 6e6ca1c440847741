import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { buildDefaultKpis } from "@/lib/scorecards/templates";
import { DEFAULT_THRESHOLDS, type KpiDefinition } from "@/lib/scorecards/types";
import { validateKpiDefinition } from "@/lib/scorecards/validate-kpi-definition";
import { validateKpiTarget } from "@/lib/scorecards/validate-kpi-target";
import { validateKpiTree } from "@/lib/scorecards/validate-kpi-tree";

const d = (v: Decimal.Value) => new Decimal(v);
const kpi = (key: string, parentKey: string | null = null, extra: Partial<KpiDefinition> = {}): KpiDefinition => ({
  key,
  metricKey: "leads",
  ownerRole: "PERFORMANCE",
  periodType: "month",
  direction: "higher",
  thresholds: DEFAULT_THRESHOLDS,
  weight: d(1),
  parentKey,
  diagnostics: [],
  ...extra,
});

describe("validateKpiDefinition", () => {
  it("accepts every default KPI", () => {
    for (const definition of buildDefaultKpis()) expect(validateKpiDefinition(definition)).toEqual([]);
  });

  it("rejects thresholds out of order", () => {
    const errors = validateKpiDefinition(kpi("a", null, { thresholds: { onTrack: d("0.9"), atRisk: d(1) } }));
    expect(errors).toMatchObject([{ code: "THRESHOLDS_OUT_OF_ORDER", kpiKey: "a", field: "thresholds" }]);
  });

  it("accepts equal thresholds (no amber band) but not a non-positive at-risk threshold", () => {
    expect(validateKpiDefinition(kpi("a", null, { thresholds: { onTrack: d(1), atRisk: d(1) } }))).toEqual([]);
    expect(validateKpiDefinition(kpi("a", null, { thresholds: { onTrack: d(1), atRisk: d(0) } }))).toMatchObject([
      { code: "THRESHOLD_NOT_POSITIVE", field: "thresholds.atRisk" },
    ]);
  });

  it("rejects a weight ≤ 0", () => {
    expect(validateKpiDefinition(kpi("a", null, { weight: d(0) }))).toMatchObject([
      { code: "WEIGHT_NOT_POSITIVE", field: "weight" },
    ]);
    expect(validateKpiDefinition(kpi("a", null, { weight: d(-1) }))).toMatchObject([{ code: "WEIGHT_NOT_POSITIVE" }]);
  });

  it("rejects a key that is not a slug", () => {
    expect(validateKpiDefinition(kpi("Leads KPI"))).toMatchObject([{ code: "KEY_INVALID", field: "key" }]);
  });

  it("checks range KPIs have ordered, non-negative bounds", () => {
    expect(validateKpiDefinition(kpi("a", null, { direction: "range" }))).toMatchObject([{ code: "RANGE_MISSING" }]);
    expect(
      validateKpiDefinition(kpi("a", null, { direction: "range", range: { min: d(5), max: d(1) } })),
    ).toMatchObject([{ code: "RANGE_OUT_OF_ORDER" }]);
    expect(
      validateKpiDefinition(kpi("a", null, { direction: "range", range: { min: d(-1), max: d(1) } })),
    ).toMatchObject([{ code: "RANGE_NEGATIVE" }]);
  });

  it("reports several errors at once", () => {
    const errors = validateKpiDefinition(
      kpi("a", null, { weight: d(0), thresholds: { onTrack: d("0.5"), atRisk: d("0.8") } }),
    );
    expect(errors.map((e) => e.code).sort()).toEqual(["THRESHOLDS_OUT_OF_ORDER", "WEIGHT_NOT_POSITIVE"]);
  });
});

describe("validateKpiTree", () => {
  it("accepts the default tree", () => {
    expect(validateKpiTree(buildDefaultKpis())).toEqual([]);
  });

  it("rejects an unknown parent", () => {
    expect(validateKpiTree([kpi("a"), kpi("b", "ghost")])).toEqual([
      expect.objectContaining({ code: "UNKNOWN_PARENT", kpiKey: "b", parentKey: "ghost", field: "parentKey" }),
    ]);
  });

  it("rejects a cycle and names its path", () => {
    // root ← a ← b ← c ← a: a, b and c loop; root is fine
    const errors = validateKpiTree([kpi("root"), kpi("a", "c"), kpi("b", "a"), kpi("c", "b"), kpi("leaf", "b")]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: "TREE_CYCLE", cycle: ["a", "c", "b", "a"] });
    expect(errors[0].message).toBe("KPI tree has a cycle: a → c → b → a");
  });

  it("rejects a KPI that is its own parent", () => {
    expect(validateKpiTree([kpi("a", "a")])).toMatchObject([{ code: "TREE_CYCLE", cycle: ["a", "a"] }]);
  });

  it("reports two separate cycles separately", () => {
    const errors = validateKpiTree([kpi("a", "b"), kpi("b", "a"), kpi("x", "y"), kpi("y", "x")]);
    expect(errors.map((e) => e.code)).toEqual(["TREE_CYCLE", "TREE_CYCLE"]);
  });

  it("rejects duplicate keys", () => {
    expect(validateKpiTree([kpi("a"), kpi("a")])).toMatchObject([{ code: "DUPLICATE_KEY", kpiKey: "a" }]);
  });
});

describe("validateKpiTarget", () => {
  it("rejects a negative target (wrong sign) and a zero target", () => {
    expect(validateKpiTarget(kpi("a"), d(-10))).toMatchObject([{ code: "TARGET_WRONG_SIGN", field: "target" }]);
    expect(validateKpiTarget(kpi("a", null, { direction: "lower" }), d(-1))).toMatchObject([
      { code: "TARGET_WRONG_SIGN" },
    ]);
    expect(validateKpiTarget(kpi("a"), d(0))).toMatchObject([{ code: "TARGET_ZERO" }]);
  });

  it("accepts a positive target, no target, and any target on a range KPI", () => {
    expect(validateKpiTarget(kpi("a"), d(100))).toEqual([]);
    expect(validateKpiTarget(kpi("a"), null)).toEqual([]);
    expect(validateKpiTarget(kpi("a", null, { direction: "range", range: { min: d(0), max: d(1) } }), d(-1))).toEqual(
      [],
    );
  });
});
