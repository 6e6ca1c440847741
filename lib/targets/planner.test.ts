import Decimal from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildDefaultKpis } from "@/lib/scorecards/templates";
import { planTargets, type PlanTargetsInput, type TargetPlan } from "@/lib/targets/planner";

const seedExample: PlanTargetsInput = {
  revenueTarget: 10_000_000,
  averageDealSize: 250_000,
  leadToDealConversion: "0.2",
  qualifiedLeadRate: "0.5",
  targetCac: 50_000,
};

const planOf = (input: PlanTargetsInput): TargetPlan => {
  const result = planTargets(input);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.plan;
};
const str = (plan: TargetPlan) => ({
  requiredDeals: plan.requiredDeals.toString(),
  requiredLeads: plan.requiredLeads.toString(),
  requiredQualifiedLeads: plan.requiredQualifiedLeads.toString(),
  pipelineValue: plan.pipelineValue.toString(),
  marketingBudgetCeiling: plan.marketingBudgetCeiling.toString(),
  maxCpl: plan.maxCpl.toString(),
  maxCostPerQualifiedLead: plan.maxCostPerQualifiedLead.toString(),
  impliedRomi: plan.impliedRomi.toString(),
});

describe("planTargets — the seed's example, revenue 10M", () => {
  it("computes the chain by hand", () => {
    // deals           = ⌈10 000 000 / 250 000⌉ = 40
    // leads           = ⌈40 / 0.2⌉             = 200
    // qualified leads = ⌈200 × 0.5⌉            = 100
    // pipeline        = 3 × 10 000 000         = 30 000 000   (the seed: 10M → 30M)
    // budget ceiling  = 40 × 50 000            = 2 000 000
    // max CPL         = 2 000 000 / 200        = 10 000
    // max CPQL        = 2 000 000 / 100        = 20 000
    // implied ROMI    = (10M − 2M) / 2M        = 4
    expect(str(planOf(seedExample))).toEqual({
      requiredDeals: "40",
      requiredLeads: "200",
      requiredQualifiedLeads: "100",
      pipelineValue: "30000000",
      marketingBudgetCeiling: "2000000",
      maxCpl: "10000",
      maxCostPerQualifiedLead: "20000",
      impliedRomi: "4",
    });
  });

  it("rounds counts up and money ceilings down", () => {
    // deals           = ⌈10 000 000 / 300 000⌉ = ⌈33.33⌉ = 34
    // leads           = ⌈34 / 0.15⌉            = ⌈226.67⌉ = 227
    // qualified leads = ⌈227 × 0.4⌉            = ⌈90.8⌉ = 91
    // pipeline        = 2.5 × 10 000 000       = 25 000 000
    // budget ceiling  = 34 × 45 000            = 1 530 000
    // max CPL         = 1 530 000 / 227        = 6 740.0881… → 6 740.08
    // max CPQL        = 1 530 000 / 91         = 16 813.1868… → 16 813.18
    // implied ROMI    = 8 470 000 / 1 530 000  = 5.535947… → 5.5359
    const plan = planOf({
      revenueTarget: "10000000",
      averageDealSize: "300000",
      leadToDealConversion: "0.15",
      qualifiedLeadRate: "0.4",
      pipelineCoverage: "2.5",
      targetCac: "45000",
    });
    expect(str(plan)).toEqual({
      requiredDeals: "34",
      requiredLeads: "227",
      requiredQualifiedLeads: "91",
      pipelineValue: "25000000",
      marketingBudgetCeiling: "1530000",
      maxCpl: "6740.08",
      maxCostPerQualifiedLead: "16813.18",
      impliedRomi: "5.5359",
    });
  });

  it("shows the seed's loss-making case as a negative ROMI", () => {
    // 5 customers at 50 000 = 250 000 revenue; CAC 60 000 (300 000 / 5) → budget 300 000
    // ROMI = (250 000 − 300 000) / 300 000 = −0.1667
    const plan = planOf({ ...seedExample, revenueTarget: 250_000, averageDealSize: 50_000, targetCac: 60_000 });
    expect(plan.requiredDeals.toString()).toBe("5");
    expect(plan.impliedRomi.toString()).toBe("-0.1667");
  });

  it("proposes role KPI targets for existing default KPIs, with the right role and metric", () => {
    const plan = planOf(seedExample);
    const defaults = new Map(buildDefaultKpis().map((k) => [k.key, k]));
    expect(plan.proposals).toHaveLength(13);
    for (const proposal of plan.proposals) {
      const kpi = defaults.get(proposal.kpiKey);
      expect(kpi, proposal.kpiKey).toBeDefined();
      expect(proposal.role).toBe(kpi!.ownerRole);
      expect(proposal.metricKey).toBe(kpi!.metricKey);
      expect(proposal.basis.ru.length).toBeGreaterThan(0);
    }
    const byKey = Object.fromEntries(plan.proposals.map((p) => [p.kpiKey, p.target.toString()]));
    expect(byKey).toMatchObject({
      "company.revenue": "10000000",
      "company.new_customers": "40",
      "cmo.pipeline_value": "30000000",
      "cmo.cac": "50000",
      "cmo.romi": "4",
      "performance.qualified_leads": "100",
      "performance.cost_per_qualified_lead": "20000",
      "performance.lead_to_deal_conversion": "0.2",
    });
  });
});

describe("planTargets — rejected inputs", () => {
  it("rejects zero and negative inputs per field, all at once", () => {
    const result = planTargets({
      revenueTarget: 0,
      averageDealSize: -1,
      leadToDealConversion: 0,
      qualifiedLeadRate: "0.5",
      pipelineCoverage: 0,
      targetCac: 0,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.path, e.code])).toEqual([
      ["revenueTarget", "NOT_POSITIVE"],
      ["averageDealSize", "NOT_POSITIVE"],
      ["leadToDealConversion", "NOT_POSITIVE"],
      ["pipelineCoverage", "NOT_POSITIVE"],
      ["targetCac", "NOT_POSITIVE"],
    ]);
    expect(result.errors[0].message).toBe("revenueTarget must be greater than 0");
  });

  it("rejects rates above 100%, non-numbers, Infinity and missing fields", () => {
    const result = planTargets({
      revenueTarget: "ten million",
      averageDealSize: Number.POSITIVE_INFINITY,
      leadToDealConversion: "1.2",
      qualifiedLeadRate: Number.NaN,
      targetCac: undefined as unknown as number,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.path, e.code])).toEqual([
      ["revenueTarget", "NOT_A_NUMBER"],
      ["averageDealSize", "NOT_A_NUMBER"],
      ["leadToDealConversion", "ABOVE_ONE"],
      ["qualifiedLeadRate", "NOT_A_NUMBER"],
      ["targetCac", "REQUIRED"],
    ]);
  });

  it("accepts rates of exactly 100% and defaults the coverage to 3", () => {
    const plan = planOf({ ...seedExample, leadToDealConversion: 1, qualifiedLeadRate: 1 });
    expect(plan.requiredLeads.toString()).toBe("40");
    expect(plan.pipelineValue.toString()).toBe("30000000");
  });

  it("property: valid inputs never produce Infinity, NaN or a ceiling the plan would break", () => {
    const positive = fc.integer({ min: 1, max: 10_000_000 }).map((n) => new Decimal(n));
    const rate = fc.integer({ min: 1, max: 1000 }).map((n) => new Decimal(n).div(1000));
    fc.assert(
      fc.property(
        positive,
        positive,
        rate,
        rate,
        positive,
        (revenueTarget, averageDealSize, conversion, qualified, cac) => {
          const plan = planOf({
            revenueTarget,
            averageDealSize,
            leadToDealConversion: conversion,
            qualifiedLeadRate: qualified,
            targetCac: cac,
          });
          const numbers = Object.values(str(plan)).map((v) => new Decimal(v));
          return (
            numbers.every((n) => n.isFinite()) &&
            plan.requiredDeals.times(averageDealSize).gte(revenueTarget) && // enough deals
            plan.requiredLeads.times(conversion).gte(plan.requiredDeals) && // enough leads
            plan.maxCpl.times(plan.requiredLeads).lte(plan.marketingBudgetCeiling) // CPL ceiling keeps the budget
          );
        },
      ),
    );
  });
});
