import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { buildDefaultTargets } from "@/lib/scorecards/build-default-targets";
import { buildScorecard } from "@/lib/scorecards/build-scorecard";
import { buildDefaultKpis } from "@/lib/scorecards/templates";

const d = (v: Decimal.Value) => new Decimal(v);
const kpis = buildDefaultKpis();
const item = (scorecard: ReturnType<typeof buildScorecard>, key: string) =>
  scorecard.items.find((i) => i.kpiKey === key)!;

describe("buildScorecard — golden Performance scorecard on 15 April (elapsed share 15/30 = 0.5)", () => {
  const targets = {
    "performance.qualified_leads": d(200),
    "performance.cost_per_qualified_lead": d(5000),
    "performance.paid_romi": d(2),
    "performance.lead_to_deal_conversion": d("0.25"),
  };
  const values = {
    qualified_leads: d(110),
    cost_per_qualified_lead: d(5500),
    "romi@paid": d("1.5"),
    lead_to_deal_conversion: d("0.25"),
    ctr: d("0.02"),
    landing_conversion: d("0.05"),
    // bounce_rate: no sessions yet → no value
  };
  // Previous month over the same first 15 days.
  const previousValues = { qualified_leads: d(100), cost_per_qualified_lead: d(5000), ctr: d("0.025") };
  const series = {
    qualified_leads: [
      { date: "2025-04-01", value: d(7) },
      { date: "2025-04-02", value: d(8) },
    ],
  };

  const scorecard = buildScorecard({
    role: "PERFORMANCE",
    kpis,
    values,
    previousValues,
    targets,
    elapsedShare: "0.5",
    series,
  });

  it("lists the role's four KPIs in template order", () => {
    expect(scorecard.items.map((i) => i.kpiKey)).toEqual([
      "performance.qualified_leads",
      "performance.cost_per_qualified_lead",
      "performance.paid_romi",
      "performance.lead_to_deal_conversion",
    ]);
  });

  it("paces qualified leads (a flow) against expected-to-date", () => {
    const leads = item(scorecard, "performance.qualified_leads");
    // expected to date = 200 × 0.5 = 100; 110 / 100 = 1.1 → ON_TRACK
    expect(leads.expectedToDate!.toString()).toBe("100");
    expect(leads.attainmentToDate!.toString()).toBe("1.1");
    expect(leads.status).toBe("ON_TRACK");
    // period attainment = 110 / 200 = 0.55; forecast = 110 / 0.5 = 220
    expect(leads.attainment!.toString()).toBe("0.55");
    expect(leads.forecast!.toString()).toBe("220");
    // variance = 110 − 200 = −90; to date = 110 − 100 = +10
    expect(leads.variance!.toString()).toBe("-90");
    expect(leads.varianceToDate!.toString()).toBe("10");
    // trend = (110 − 100) / 100 = 0.1
    expect(leads.trend!.toString()).toBe("0.1");
    expect(leads.trendDirection).toBe("improving");
    // gate: lead→deal 0.25 ≥ 0.20 holds
    expect(leads.gate).toMatchObject({ state: "PASSED", actual: d("0.25") });
    expect(leads.gateFailed).toBe(false);
    expect(leads.drives).toEqual({ kpiKey: "company.revenue", metricKey: "revenue" });
    expect(leads.series).toEqual(series.qualified_leads);
  });

  it("shows the diagnostics beneath with values and trends", () => {
    const leads = item(scorecard, "performance.qualified_leads");
    expect(
      leads.diagnostics.map((x) => [x.metricKey, x.actual?.toString() ?? null, x.trend?.toString() ?? null]),
    ).toEqual([
      ["ctr", "0.02", "-0.2"], // (0.02 − 0.025) / 0.025 = −0.2
      ["landing_conversion", "0.05", null],
      ["bounce_rate", null, null],
    ]);
  });

  it("judges cost per qualified lead (ratio, lower is better) directly", () => {
    const cpql = item(scorecard, "performance.cost_per_qualified_lead");
    // 5000 / 5500 = 0.9090… → AT_RISK; compared directly, so expected = target
    expect(cpql.attainmentToDate!.toDecimalPlaces(4).toString()).toBe("0.9091");
    expect(cpql.status).toBe("AT_RISK");
    expect(cpql.expectedToDate!.toString()).toBe("5000");
    expect(cpql.forecast!.toString()).toBe("5500");
    // CPQL up 10% is a worsening
    expect(cpql.trend!.toString()).toBe("0.1");
    expect(cpql.trendDirection).toBe("worsening");
    expect(cpql.drives?.kpiKey).toBe("company.cac");
  });

  it("reads paid ROMI in the paid channel scope", () => {
    const romi = item(scorecard, "performance.paid_romi");
    // 1.5 / 2 = 0.75 → OFF_TRACK
    expect(romi.channelScope).toBe("paid");
    expect(romi.actual!.toString()).toBe("1.5");
    expect(romi.attainment!.toString()).toBe("0.75");
    expect(romi.status).toBe("OFF_TRACK");
  });

  it("scores the weighted attainment to date", () => {
    // (1 × 1.1 + 1 × 10/11 + 1 × 0.75 + 1 × 1.0) / 4 = 3.759090… / 4 = 0.939772…
    expect(scorecard.score.score!.toDecimalPlaces(6).toString()).toBe("0.939773");
    expect(scorecard.score.countedKpis).toBe(4);
    expect(scorecard.statusCounts).toEqual({ ON_TRACK: 2, AT_RISK: 1, OFF_TRACK: 1, NO_DATA: 0, NO_TARGET: 0 });
  });

  it("flips when lead→deal conversion falls below the 20% gate", () => {
    const flipped = buildScorecard({
      role: "PERFORMANCE",
      kpis,
      values: { ...values, lead_to_deal_conversion: d("0.15") },
      targets,
      elapsedShare: "0.5",
    });
    const leads = item(flipped, "performance.qualified_leads");
    expect(leads.gateFailed).toBe(true);
    expect(leads.attainmentToDate!.toString()).toBe("0");
    expect(leads.attainmentBeforeGate!.toString()).toBe("0.55");
    expect(leads.status).toBe("OFF_TRACK");
    // lead→deal KPI itself: 0.15 / 0.25 = 0.6 → OFF_TRACK
    expect(item(flipped, "performance.lead_to_deal_conversion").attainment!.toString()).toBe("0.6");
    // (0 + 10/11 + 0.75 + 0.6) / 4 = 2.259090… / 4 = 0.564772…
    expect(flipped.score.score!.toDecimalPlaces(6).toString()).toBe("0.564773");
  });
});

describe("buildScorecard — golden Company scorecard at month end (elapsed share 1)", () => {
  const targets = buildDefaultTargets({
    "company.revenue": d(10_000_000),
    "company.new_customers": d(40),
    "company.cac": d(50_000),
    "company.romi": d(2),
  });
  const values = {
    revenue: d(9_000_000),
    deals_won: d(36),
    cac: d(60_000),
    ltv_to_cac: d("2.4"),
    romi: d("2.4"),
  };
  const scorecard = buildScorecard({ role: "COMPANY", kpis, values, targets, elapsedShare: 1 });

  it("computes each company KPI", () => {
    const rows = scorecard.items.map((i) => [i.kpiKey, i.attainment!.toDecimalPlaces(4).toString(), i.status]);
    expect(rows).toEqual([
      ["company.revenue", "0.9", "AT_RISK"], //        9M / 10M = 0.9
      ["company.new_customers", "0.9", "AT_RISK"], //  36 / 40 = 0.9
      ["company.cac", "0.8333", "OFF_TRACK"], //       lower: 50 000 / 60 000 = 0.8333
      ["company.ltv_to_cac", "0.8", "OFF_TRACK"], //   2.4 / 3 = 0.8 (default target 3)
      ["company.romi", "1.2", "ON_TRACK"], //          2.4 / 2 = 1.2
    ]);
  });

  it("scores it", () => {
    // (0.9 + 0.9 + 5/6 + 0.8 + 1.2) / 5 = 4.633333… / 5 = 0.926666…
    expect(scorecard.score.score!.toDecimalPlaces(6).toString()).toBe("0.926667");
  });

  it("at month end the forecast is the actual and expected-to-date the target", () => {
    const revenue = item(scorecard, "company.revenue");
    expect(revenue.forecast!.toString()).toBe("9000000");
    expect(revenue.expectedToDate!.toString()).toBe("10000000");
    expect(revenue.variance!.toString()).toBe("-1000000");
  });

  it("new customers drive revenue; the root targets drive nothing above them", () => {
    expect(item(scorecard, "company.new_customers").drives).toEqual({
      kpiKey: "company.revenue",
      metricKey: "revenue",
    });
    expect(item(scorecard, "company.revenue").drives).toBeNull();
  });
});

describe("buildScorecard — a period with no data", () => {
  it("gives NO_DATA everywhere and no score, not a score of 0", () => {
    const scorecard = buildScorecard({
      role: "COMPANY",
      kpis,
      values: {},
      targets: buildDefaultTargets(),
      elapsedShare: "0.3",
    });
    expect(scorecard.items.every((i) => i.status === "NO_DATA")).toBe(true);
    expect(scorecard.items.map((i) => i.attainmentReason)).toEqual([
      "NO_ACTUAL",
      "NO_ACTUAL",
      "NO_ACTUAL",
      "NO_ACTUAL",
      "NO_ACTUAL",
    ]);
    expect(scorecard.score.score).toBeNull();
    expect(scorecard.statusCounts.NO_DATA).toBe(5);
  });

  it("gives NO_TARGET (not NO_DATA) when data arrived but no target was set, and counts them apart", () => {
    const scorecard = buildScorecard({ role: "SALES", kpis, values: { cac: d(1) }, targets: {}, elapsedShare: 1 });
    expect(item(scorecard, "sales.cac")).toMatchObject({ status: "NO_TARGET", attainmentReason: "NO_TARGET" });
    // The KPIs without an actual stay NO_DATA; neither kind enters the score.
    expect(scorecard.statusCounts.NO_TARGET).toBe(1);
    expect(scorecard.statusCounts.NO_DATA).toBe(scorecard.items.length - 1);
    expect(scorecard.score.countedKpis).toBe(0);
  });

  it("on day 1 of 30 a flow KPI is judged on one day's pace", () => {
    // pipeline target 30M; expected after day 1 = 30M / 30 = 1M; actual 0.95M → 0.95 → AT_RISK
    const scorecard = buildScorecard({
      role: "CMO",
      kpis,
      values: { pipeline_value: d(950_000) },
      targets: buildDefaultTargets({ "company.revenue": d(10_000_000) }),
      elapsedShare: new Decimal(1).div(30),
    });
    const pipeline = item(scorecard, "cmo.pipeline_value");
    expect(pipeline.expectedToDate!.toDecimalPlaces(6).toString()).toBe("1000000");
    expect(pipeline.attainmentToDate!.toDecimalPlaces(6).toString()).toBe("0.95");
    expect(pipeline.status).toBe("AT_RISK");
    // the other CMO KPIs have no data: only the pipeline is scored
    expect(scorecard.score.countedKpis).toBe(1);
  });
});

describe("buildScorecard — channel scopes", () => {
  it("reads the SMM KPI and its diagnostics in the social scope", () => {
    const scorecard = buildScorecard({
      role: "SMM",
      kpis,
      values: {
        qualified_leads: d(500),
        "qualified_leads@social": d(40),
        reach: d(1_000_000),
        "reach@social": d(80_000),
      },
      targets: { "smm.social_qualified_leads": d(50) },
      elapsedShare: 1,
    });
    const social = item(scorecard, "smm.social_qualified_leads");
    expect(social.actual!.toString()).toBe("40");
    expect(social.attainment!.toString()).toBe("0.8"); // 40 / 50
    expect(social.diagnostics.find((x) => x.metricKey === "reach")!.actual!.toString()).toBe("80000");
  });
});
