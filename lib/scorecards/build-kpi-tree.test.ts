import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { buildKpiTree, type KpiTreeKpiNode, type KpiTreeNode } from "@/lib/scorecards/build-kpi-tree";
import { buildDefaultKpis } from "@/lib/scorecards/templates";
import { DEFAULT_THRESHOLDS, type KpiDefinition } from "@/lib/scorecards/types";

const d = (v: Decimal.Value) => new Decimal(v);
const find = (nodes: KpiTreeNode[], key: string): KpiTreeNode | undefined => {
  for (const node of nodes) {
    if (node.key === key) return node;
    const hit = find(node.children, key);
    if (hit) return hit;
  }
  return undefined;
};

describe("buildKpiTree on the default KPIs", () => {
  const tree = buildKpiTree({
    kpis: buildDefaultKpis(),
    values: {
      revenue: d(9_000_000),
      pipeline_value: d(33_000_000),
      qualified_leads: d(220),
      lead_to_deal_conversion: d("0.25"),
      ctr: d("0.02"),
      cac: d(55_000),
    },
    targets: {
      "company.revenue": d(10_000_000),
      "cmo.pipeline_value": d(30_000_000),
      "performance.qualified_leads": d(200),
      "sales.lead_to_deal_conversion": d("0.25"),
      "company.cac": d(50_000),
    },
    elapsedShare: 1,
  });

  it("has the four company roots and nothing detached", () => {
    expect(tree.roots.map((r) => r.key)).toEqual([
      "company.revenue",
      "company.cac",
      "company.ltv_to_cac",
      "company.romi",
    ]);
    expect(tree.detached).toEqual([]);
  });

  it("hangs role KPIs under the company target they drive", () => {
    const revenue = tree.roots[0];
    const kpiChildren = revenue.children.filter((c) => c.kind === "kpi").map((c) => c.key);
    expect(kpiChildren).toEqual([
      "company.new_customers",
      "sales.lead_to_deal_conversion",
      "cmo.pipeline_value",
      "performance.qualified_leads",
      "smm.social_qualified_leads",
      "smm.engagement_rate",
      "smm.follower_growth",
      "content.content_leads",
      "content.email_click_rate",
    ]);
  });

  it("gives each KPI node its status and variance (actual − target)", () => {
    const revenue = tree.roots[0];
    expect(revenue.variance!.toString()).toBe("-1000000"); // 9M − 10M
    expect(revenue.status).toBe("AT_RISK"); // 0.9
    const pipeline = find(tree.roots, "cmo.pipeline_value") as KpiTreeKpiNode;
    expect(pipeline.variance!.toString()).toBe("3000000"); // 33M − 30M
    expect(pipeline.status).toBe("ON_TRACK");
  });

  it("rolls the drivers up: revenue lags but its drivers with data are ahead", () => {
    // children with data and target: sales lead→deal 0.25/0.25 = 1, pipeline 33/30 = 1.1,
    // performance qualified leads 220/200 = 1.1 (gate 0.25 ≥ 0.2 holds)
    // → (1 + 1.1 + 1.1) / 3 = 1.0666… → ON_TRACK
    const revenue = tree.roots[0];
    expect(revenue.drivers!.score.countedKpis).toBe(3);
    expect(revenue.drivers!.score.score!.toDecimalPlaces(4).toString()).toBe("1.0667");
    expect(revenue.drivers!.status).toBe("ON_TRACK");
  });

  it("puts diagnostics at the leaves, with values but without target or status", () => {
    const ctr = find(tree.roots, "performance.qualified_leads/ctr");
    expect(ctr).toMatchObject({
      kind: "diagnostic",
      metricKey: "ctr",
      target: null,
      status: null,
      variance: null,
      children: [],
    });
    expect(ctr!.actual!.toString()).toBe("0.02");
  });

  it("a KPI without drivers has no roll-up", () => {
    expect((find(tree.roots, "cmo.pipeline_value") as KpiTreeKpiNode).drivers).toBeNull();
  });
});

describe("buildKpiTree on a malformed tree", () => {
  const kpi = (key: string, parentKey: string | null): KpiDefinition => ({
    key,
    metricKey: "leads",
    ownerRole: key === "root" ? "COMPANY" : "CMO",
    periodType: "month",
    direction: "higher",
    thresholds: DEFAULT_THRESHOLDS,
    weight: d(1),
    parentKey,
    diagnostics: [],
  });

  it("terminates on a cycle and reports the KPIs it could not attach", () => {
    const tree = buildKpiTree({
      kpis: [kpi("root", null), kpi("a", "b"), kpi("b", "a"), kpi("c", "a"), kpi("orphan", "ghost"), kpi("ok", "root")],
      values: {},
      targets: {},
      elapsedShare: 1,
    });
    expect(tree.roots.map((r) => r.key)).toEqual(["root"]);
    expect(tree.roots[0].children.map((c) => c.key)).toEqual(["ok"]);
    expect(tree.detached).toEqual([
      { kpiKey: "a", reason: "CYCLE" },
      { kpiKey: "b", reason: "CYCLE" },
      { kpiKey: "c", reason: "CYCLE" },
      { kpiKey: "orphan", reason: "UNKNOWN_PARENT" },
    ]);
  });
});
