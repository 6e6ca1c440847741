import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { buildDefaultTargets } from "@/lib/scorecards/build-default-targets";
import { findCompanyTarget } from "@/lib/scorecards/find-company-target";
import { TEMPLATES, buildDefaultKpis } from "@/lib/scorecards/templates";

const byId = (id: string) => TEMPLATES.find((t) => t.id === id)!;
const metricsOf = (id: string) =>
  byId(id).kpis.map((k) => (k.channelScope ? `${k.metricKey}@${k.channelScope}` : k.metricKey));
const diagnosticsOf = (id: string) => [...new Set(byId(id).kpis.flatMap((k) => k.diagnostics))].sort();

// The lists of SPEC §5 "Default templates", written out here so that a change to
// either the SPEC or the code shows up as a failing test.
describe("TEMPLATES match SPEC §5", () => {
  it("Company: revenue, new customers, CAC, LTV:CAC, ROMI — landing of OWNER and ADMIN", () => {
    expect(metricsOf("company")).toEqual(["revenue", "deals_won", "cac", "ltv_to_cac", "romi"]);
    expect(byId("company")).toMatchObject({ owner: "COMPANY", landingRoles: ["OWNER", "ADMIN"] });
  });

  it("SALES lands on the marketing–sales view of CAC, LTV, lead→deal conversion", () => {
    expect(metricsOf("sales")).toEqual(["cac", "ltv", "lead_to_deal_conversion"]);
    expect(byId("sales")).toMatchObject({ owner: "SALES", landingRoles: ["SALES"] });
  });

  it("CMO: pipeline value, ROMI, CAC, lead→deal conversion, LTV:CAC", () => {
    expect(metricsOf("cmo")).toEqual(["pipeline_value", "romi", "cac", "lead_to_deal_conversion", "ltv_to_cac"]);
  });

  it("Performance: gated qualified leads, cost per qualified lead, paid ROMI, lead→deal; diagnostics CTR, CPC, CPM, landing conversion, bounce rate", () => {
    expect(metricsOf("performance")).toEqual([
      "qualified_leads",
      "cost_per_qualified_lead",
      "romi@paid",
      "lead_to_deal_conversion",
    ]);
    expect(byId("performance").kpis[0].qualityGate).toEqual({
      metricKey: "lead_to_deal_conversion",
      comparator: ">=",
      threshold: new Decimal("0.2"),
    });
    expect(diagnosticsOf("performance")).toEqual(["bounce_rate", "cpc", "cpm", "ctr", "landing_conversion"]);
  });

  it("SMM: social qualified leads, engagement rate, cost per engagement, follower growth; diagnostics reach, posts, CTR", () => {
    expect(metricsOf("smm")).toEqual([
      "qualified_leads@social",
      "engagement_rate",
      "cost_per_engagement",
      "follower_growth",
    ]);
    expect(diagnosticsOf("smm")).toEqual(["ctr", "posts_published", "reach"]);
  });

  it("Content: branded traffic growth (+30%), content-sourced leads, landing conversion, email click rate; diagnostics content published, views, bounce rate", () => {
    expect(metricsOf("content")).toEqual([
      "branded_traffic_growth",
      "leads@content",
      "landing_conversion",
      "email_click_rate",
    ]);
    expect(diagnosticsOf("content")).toEqual(["bounce_rate", "content_published", "content_views"]);
  });

  it("every role KPI drives one of the company targets revenue, CAC, LTV, LTV:CAC or ROMI", () => {
    const kpis = buildDefaultKpis();
    const byKey = new Map(kpis.map((k) => [k.key, k]));
    for (const kpi of kpis.filter((k) => k.ownerRole !== "COMPANY")) {
      const target = findCompanyTarget(kpi, byKey);
      expect(target, kpi.key).not.toBeNull();
      expect(["revenue", "cac", "ltv", "ltv_to_cac", "romi"]).toContain(target!.metricKey);
    }
  });

  it("uses lower-is-better exactly for the cost metrics", () => {
    const lower = buildDefaultKpis()
      .filter((k) => k.direction === "lower")
      .map((k) => k.metricKey);
    expect([...new Set(lower)].sort()).toEqual(["cac", "cost_per_engagement", "cost_per_qualified_lead"]);
  });

  it("has unique keys", () => {
    const keys = buildDefaultKpis().map((k) => k.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("buildDefaultKpis returns fresh objects without template-only fields", () => {
    const [first] = buildDefaultKpis();
    expect(first).not.toHaveProperty("defaultTarget");
    first.diagnostics = ["mutated"];
    expect(buildDefaultKpis()[0].diagnostics).toEqual([]);
  });
});

describe("buildDefaultTargets", () => {
  it("leaves targets null except the ratios the seeds fix", () => {
    const targets = buildDefaultTargets();
    const set = Object.entries(targets).filter(([, v]) => v !== null);
    expect(Object.fromEntries(set.map(([k, v]) => [k, v!.toString()]))).toEqual({
      "company.ltv_to_cac": "3",
      "cmo.ltv_to_cac": "3",
      "content.branded_traffic_growth": "0.3",
    });
  });

  it("derives the CMO pipeline target as 3 × the revenue target: 10M → 30M", () => {
    const targets = buildDefaultTargets({ "company.revenue": new Decimal(10_000_000) });
    expect(targets["cmo.pipeline_value"]!.toString()).toBe("30000000");
    expect(targets["company.revenue"]!.toString()).toBe("10000000");
  });

  it("keeps targets the workspace already set", () => {
    const targets = buildDefaultTargets({ "company.ltv_to_cac": new Decimal(4), "cmo.pipeline_value": new Decimal(1) });
    expect(targets["company.ltv_to_cac"]!.toString()).toBe("4");
    expect(targets["cmo.pipeline_value"]!.toString()).toBe("1");
  });
});
