import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aggregateDailyFacts, type DailyFact } from "./aggregate";
import { getMetricDefinition, METRIC_CATALOG, METRIC_KEYS } from "./catalog";
import { Decimal } from "./decimal";
import { BASE_MEASURE_KEYS } from "./measures";
import type { MetricInput } from "./metric-definition";
import { DEFAULT_METRIC_SETTINGS } from "./metric-settings";

const settings = DEFAULT_METRIC_SETTINGS;
const day = (n: number) => `2026-04-${String(n).padStart(2, "0")}`;

describe("ratio of sums, never the mean of daily ratios", () => {
  it("counter-example: a quiet day and a busy day", () => {
    // Day 1: 1 click / 10 impressions (CTR 0.1). Day 2: 100 clicks / 10,000 impressions (CTR 0.01).
    // Mean of daily CTRs = (0.1 + 0.01) / 2 = 0.055, which lets 10 impressions outweigh 10,000.
    // Ratio of sums = 101 / 10,010 ≈ 0.01009 — what the period really did.
    const facts: DailyFact[] = [
      { date: day(1), measure: "clicks", value: new Decimal(1) },
      { date: day(1), measure: "impressions", value: new Decimal(10) },
      { date: day(2), measure: "clicks", value: new Decimal(100) },
      { date: day(2), measure: "impressions", value: new Decimal(10000) },
    ];
    const ctr = getMetricDefinition("ctr")!.compute({ sums: aggregateDailyFacts(facts), settings, periodDays: 30 });
    expect(ctr.value!.eq(new Decimal(101).div(10010))).toBe(true);
    expect(ctr.value!.eq("0.055")).toBe(false);
  });

  // Every ratio metric whose formula is Σa / Σb over flows, with its numerator and denominator.
  const simpleRatios: [key: string, numerator: string[], denominator: string[], scale: number][] = [
    ["ctr", ["clicks"], ["impressions"], 1],
    ["cpc", ["spend"], ["clicks"], 1],
    ["cpm", ["spend"], ["impressions"], 1000],
    ["cpl", ["spend"], ["leads"], 1],
    ["cost_per_qualified_lead", ["spend"], ["qualified_leads"], 1],
    ["landing_conversion", ["leads"], ["sessions"], 1],
    ["bounce_rate", ["bounces"], ["sessions"], 1],
    ["lead_quality_rate", ["qualified_leads"], ["leads"], 1],
    ["lead_to_deal_conversion", ["deals_won"], ["leads"], 1],
    ["average_deal_size", ["revenue"], ["deals_won"], 1],
    ["cac", ["spend", "sales_cost"], ["deals_won"], 1],
    ["email_open_rate", ["email_opens"], ["email_sent"], 1],
    ["email_click_rate", ["email_clicks"], ["email_sent"], 1],
    ["cost_per_engagement", ["spend"], ["engagements"], 1],
  ];

  it.each(simpleRatios)(
    "%s over random days equals Σnumerator / Σdenominator",
    (key, numerator, denominator, scale) => {
      const measures = [...new Set([...numerator, ...denominator])];
      const dayArb = fc.record(Object.fromEntries(measures.map((m) => [m, fc.integer({ min: 0, max: 1_000_000 })])));
      fc.assert(
        fc.property(fc.array(dayArb, { minLength: 1, maxLength: 31 }), (days) => {
          const facts: DailyFact[] = days.flatMap((values, i) =>
            measures.map((measure) => ({ date: day(i + 1), measure, value: new Decimal(values[measure]) })),
          );
          // Independent integer sums.
          const total = (keys: string[]) => days.reduce((acc, v) => acc + keys.reduce((a, k) => a + v[k], 0), 0);
          const num = total(numerator);
          const den = total(denominator);
          const result = getMetricDefinition(key)!.compute({
            sums: aggregateDailyFacts(facts),
            settings,
            periodDays: 30,
          });
          if (den === 0) {
            expect(result.value).toBeNull();
            expect(result.reason).toBe(`ZERO_DENOMINATOR:${denominator.join("+")}`);
          } else {
            expect(result.reason).toBeNull();
            expect(result.value!.eq(new Decimal(num).times(scale).div(den))).toBe(true);
          }
        }),
        { numRuns: 60 },
      );
    },
  );
});

describe("stocks vs flows in metrics", () => {
  it("churn divides the period's churned customers by the base at the period start", () => {
    // active: 100 on day 1, 110 on day 2, 120 on day 3; churned: 2 + 3 + 5 = 10.
    // Churn = 10 / 100 = 0.1 — not 10 / (100 + 110 + 120), which would sum a stock.
    const facts: DailyFact[] = [
      ...[100, 110, 120].map((v, i) => ({ date: day(i + 1), measure: "customers_active", value: new Decimal(v) })),
      ...[2, 3, 5].map((v, i) => ({ date: day(i + 1), measure: "customers_churned", value: new Decimal(v) })),
    ];
    const churn = getMetricDefinition("churn_rate")!.compute({
      sums: aggregateDailyFacts(facts),
      settings,
      periodDays: 3,
    });
    expect(churn.value!.toFixed()).toBe("0.1");
  });

  it("engagement rate on the followers basis divides by the audience at the period end", () => {
    // Engagements 100 + 200 = 300; followers 1,000 then 1,500 → end = 1,500. ER = 300 / 1,500 = 0.2.
    const facts: DailyFact[] = [
      { date: day(1), measure: "engagements", value: new Decimal(100) },
      { date: day(2), measure: "engagements", value: new Decimal(200) },
      { date: day(1), measure: "followers", value: new Decimal(1000) },
      { date: day(2), measure: "followers", value: new Decimal(1500) },
    ];
    const er = getMetricDefinition("engagement_rate")!.compute({
      sums: aggregateDailyFacts(facts),
      settings: { ...settings, engagementBasis: "followers" },
      periodDays: 2,
    });
    expect(er.value!.toFixed()).toBe("0.2");
  });
});

describe("zero denominators", () => {
  /**
   * For every metric with a denominator: the sums that make it zero and the
   * reason expected. Other measures get random positive values.
   */
  const zeroCases: Record<string, { zero: Record<string, string>; reason: string; extra?: Partial<MetricInput> }> = {
    ctr: { zero: { impressions: "0" }, reason: "ZERO_DENOMINATOR:impressions" },
    cpc: { zero: { clicks: "0" }, reason: "ZERO_DENOMINATOR:clicks" },
    cpm: { zero: { impressions: "0" }, reason: "ZERO_DENOMINATOR:impressions" },
    cpl: { zero: { leads: "0" }, reason: "ZERO_DENOMINATOR:leads" },
    cost_per_qualified_lead: { zero: { qualified_leads: "0" }, reason: "ZERO_DENOMINATOR:qualified_leads" },
    landing_conversion: { zero: { sessions: "0" }, reason: "ZERO_DENOMINATOR:sessions" },
    bounce_rate: { zero: { sessions: "0" }, reason: "ZERO_DENOMINATOR:sessions" },
    lead_quality_rate: { zero: { leads: "0" }, reason: "ZERO_DENOMINATOR:leads" },
    lead_to_deal_conversion: { zero: { leads: "0" }, reason: "ZERO_DENOMINATOR:leads" },
    average_deal_size: { zero: { deals_won: "0" }, reason: "ZERO_DENOMINATOR:deals_won" },
    cac: { zero: { deals_won: "0" }, reason: "ZERO_DENOMINATOR:deals_won" },
    churn_rate: { zero: { customers_active: "0" }, reason: "ZERO_DENOMINATOR:customers_active" },
    // Subscription LTV = ADS × margin / monthly churn: no churn and no maximum lifetime
    // means an unbounded lifetime (with the default maximum it is capped, see catalog.test.ts).
    ltv: {
      zero: { customers_churned: "0" },
      reason: "NO_CHURN",
      extra: { settings: { ...DEFAULT_METRIC_SETTINGS, maxCustomerLifetimeMonths: null } },
    },
    ltv_to_cac: { zero: { spend: "0", sales_cost: "0" }, reason: "ZERO_DENOMINATOR:cac" },
    romi: { zero: { spend: "0" }, reason: "ZERO_DENOMINATOR:spend" },
    roi: { zero: { spend: "0", sales_cost: "0" }, reason: "ZERO_DENOMINATOR:spend+sales_cost" },
    payback_months: { zero: { revenue: "0" }, reason: "ZERO_DENOMINATOR:revenue" },
    pipeline_coverage: {
      zero: {},
      reason: "ZERO_DENOMINATOR:revenue_target",
      extra: { revenueTarget: new Decimal(0) },
    },
    nps: {
      zero: { nps_promoters: "0", nps_passives: "0", nps_detractors: "0" },
      reason: "ZERO_DENOMINATOR:nps_promoters+nps_passives+nps_detractors",
    },
    engagement_rate: { zero: { reach: "0" }, reason: "ZERO_DENOMINATOR:reach" },
    email_open_rate: { zero: { email_sent: "0" }, reason: "ZERO_DENOMINATOR:email_sent" },
    email_click_rate: { zero: { email_sent: "0" }, reason: "ZERO_DENOMINATOR:email_sent" },
    branded_traffic_growth: {
      zero: {},
      reason: "ZERO_DENOMINATOR:prev(branded_sessions)",
      extra: { previousSums: { branded_sessions: new Decimal(0) } },
    },
    cost_per_engagement: { zero: { engagements: "0" }, reason: "ZERO_DENOMINATOR:engagements" },
  };

  it("covers every metric with a denominator (follower_growth is a difference)", () => {
    expect(Object.keys(zeroCases).sort()).toEqual(METRIC_KEYS.filter((k) => k !== "follower_growth").sort());
  });

  const positiveSums = fc.record(
    Object.fromEntries(BASE_MEASURE_KEYS.map((k) => [k, fc.integer({ min: 1, max: 10_000_000 })])),
  );

  it.each(Object.entries(zeroCases))("%s → null with its reason", (key, { zero, reason, extra }) => {
    fc.assert(
      fc.property(positiveSums, (values) => {
        const sums: Record<string, Decimal> = {};
        for (const [k, v] of Object.entries(values)) sums[k] = new Decimal(v);
        for (const [k, v] of Object.entries(zero)) sums[k] = new Decimal(v);
        const result = getMetricDefinition(key)!.compute({
          sums,
          previousSums: sums,
          settings,
          revenueTarget: new Decimal(1000),
          periodDays: 30,
          ...extra,
        });
        expect(result).toEqual({ value: null, reason });
      }),
      { numRuns: 25 },
    );
  });
});

describe("totality", () => {
  // Any mix of missing, zero, negative and fractional sums.
  const sumValue = fc.option(
    fc.oneof(
      fc.constant("0"),
      fc.integer({ min: -1000, max: 1_000_000 }).map(String),
      fc.tuple(fc.nat(100000), fc.nat(99)).map(([a, b]) => `${a}.${b}`),
    ),
    { nil: undefined },
  );
  const sumsArb = fc.record(Object.fromEntries(BASE_MEASURE_KEYS.map((k) => [k, sumValue])));

  it("every metric returns a finite value xor a reason, never NaN or Infinity", () => {
    fc.assert(
      fc.property(
        sumsArb,
        fc.option(sumsArb, { nil: undefined }),
        fc.constantFrom("subscription", "repeat_purchase", "fixed") as fc.Arbitrary<
          "subscription" | "repeat_purchase" | "fixed"
        >,
        fc.integer({ min: -1, max: 400 }),
        (raw, rawPrevious, ltvMethod, periodDays) => {
          const toSums = (r: Record<string, string | undefined>) =>
            Object.fromEntries(Object.entries(r).flatMap(([k, v]) => (v === undefined ? [] : [[k, new Decimal(v)]])));
          const metricInput: MetricInput = {
            sums: toSums(raw),
            previousSums: rawPrevious && toSums(rawPrevious),
            settings: { ...settings, ltvMethod, fixedLtv: new Decimal(5000) },
            revenueTarget: raw.revenue === undefined ? null : new Decimal(raw.revenue),
            periodDays,
          };
          for (const definition of METRIC_CATALOG) {
            const result = definition.compute(metricInput);
            if (result.value === null) {
              expect(result.reason, definition.key).toMatch(/^[A-Z_]+(:.+)?$/);
            } else {
              expect(result.reason, definition.key).toBeNull();
              expect(result.value.isFinite(), definition.key).toBe(true);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
