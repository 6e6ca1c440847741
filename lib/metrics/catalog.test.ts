import { describe, expect, it } from "vitest";
import { getMetricDefinition, isKnownMetricKey, METRIC_CATALOG, METRIC_KEYS } from "./catalog";
import { Decimal, formatDecimal } from "./decimal";
import { isBaseMeasureKey } from "./measures";
import type { MetricInput, MetricValue } from "./metric-definition";
import { DEFAULT_METRIC_SETTINGS, type MetricSettings } from "./metric-settings";

const decimals = (values: Record<string, string>) =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, new Decimal(v)]));

function input(
  sums: Record<string, string>,
  extra: Partial<Omit<MetricInput, "sums" | "previousSums" | "settings">> & {
    previousSums?: Record<string, string>;
    settings?: Partial<MetricSettings>;
  } = {},
): MetricInput {
  return {
    periodDays: extra.periodDays ?? 30,
    revenueTarget: extra.revenueTarget,
    sums: decimals(sums),
    previousSums: extra.previousSums ? decimals(extra.previousSums) : undefined,
    settings: { ...DEFAULT_METRIC_SETTINGS, ...extra.settings },
  };
}

function compute(key: string, metricInput: MetricInput): MetricValue {
  const definition = getMetricDefinition(key);
  if (!definition) throw new Error(`no metric ${key}`);
  return definition.compute(metricInput);
}

/** The value formatted as the API would send it; fails loudly when there is no value. */
function formatted(key: string, metricInput: MetricInput): string {
  const result = compute(key, metricInput);
  expect(result.reason).toBeNull();
  return formatDecimal(result.value!);
}

describe("catalog shape", () => {
  it("has exactly the SPEC §4.2 keys plus the two SMM extensions", () => {
    // Copied by hand from the SPEC §4.2 table (email_open_rate, email_click_rate share a row).
    const specKeys = [
      "ctr",
      "cpc",
      "cpm",
      "cpl",
      "cost_per_qualified_lead",
      "landing_conversion",
      "bounce_rate",
      "lead_quality_rate",
      "lead_to_deal_conversion",
      "average_deal_size",
      "cac",
      "churn_rate",
      "ltv",
      "ltv_to_cac",
      "romi",
      "roi",
      "payback_months",
      "pipeline_coverage",
      "nps",
      "engagement_rate",
      "email_open_rate",
      "email_click_rate",
      "branded_traffic_growth",
    ];
    expect([...METRIC_KEYS]).toEqual([...specKeys, "cost_per_engagement", "follower_growth"]);
    expect(METRIC_CATALOG.map((m) => m.key)).toEqual([...METRIC_KEYS]);
    expect(METRIC_CATALOG.filter((m) => m.extension).map((m) => m.key)).toEqual([
      "cost_per_engagement",
      "follower_growth",
    ]);
  });

  it("classifies process and result metrics as the SPEC table does", () => {
    const process = METRIC_CATALOG.filter((m) => m.class === "process").map((m) => m.key);
    expect(process.sort()).toEqual(
      [
        "bounce_rate",
        "cost_per_engagement", // extension: SMM brief says process
        "cpc",
        "cpl",
        "cpm",
        "ctr",
        "email_click_rate",
        "email_open_rate",
        "engagement_rate",
        "landing_conversion",
      ].sort(),
    );
  });

  it("states direction, units and names for every metric", () => {
    const lowerIsBetter = METRIC_CATALOG.filter((m) => m.direction === "lower").map((m) => m.key);
    expect(lowerIsBetter.sort()).toEqual(
      [
        "bounce_rate",
        "cac",
        "churn_rate",
        "cost_per_engagement",
        "cost_per_qualified_lead",
        "cpc",
        "cpl",
        "cpm",
        "payback_months",
      ].sort(),
    );
    expect(getMetricDefinition("payback_months")?.unit).toBe("months");
    expect(getMetricDefinition("romi")?.unit).toBe("ratio");
    expect(getMetricDefinition("cac")?.unit).toBe("money");
    expect(getMetricDefinition("follower_growth")?.unit).toBe("count");
    for (const m of METRIC_CATALOG) {
      expect(m.name.en.length).toBeGreaterThan(0);
      expect(m.name.ru.length).toBeGreaterThan(0);
      expect(m.formula.length).toBeGreaterThan(0);
      for (const measure of m.measures) expect(isBaseMeasureKey(measure)).toBe(true);
      for (const dependency of m.dependsOn) expect(isKnownMetricKey(dependency)).toBe(true);
    }
  });

  it("looks keys up safely", () => {
    expect(isKnownMetricKey("cac")).toBe(true);
    expect(isKnownMetricKey("spend")).toBe(false);
    expect(getMetricDefinition("toString")).toBeUndefined();
    expect(getMetricDefinition("__proto__")).toBeUndefined();
  });
});

describe("seed examples", () => {
  // Seeds: 300,000 ₽ on ads, 400 leads, 5 customers at 50,000 ₽ each — "working at a loss".
  const lossExample = input({ spend: "300000", leads: "400", deals_won: "5", revenue: "250000" });

  it("CPL = 300,000 / 400 = 750", () => {
    expect(formatted("cpl", lossExample)).toBe("750");
  });

  it("CAC = 300,000 / 5 = 60,000", () => {
    expect(formatted("cac", lossExample)).toBe("60000");
  });

  it("lead→deal = 5 / 400 = 0.0125", () => {
    expect(formatted("lead_to_deal_conversion", lossExample)).toBe("0.0125");
  });

  it("average deal size = 250,000 / 5 = 50,000", () => {
    expect(formatted("average_deal_size", lossExample)).toBe("50000");
  });

  it("ROMI = (250,000 − 300,000) / 300,000 = −1/6, a loss", () => {
    expect(formatted("romi", lossExample)).toBe("-0.1666666667");
  });

  it("ROI = (1,500,000 − 500,000) / 500,000 = 2 (200 %)", () => {
    expect(formatted("roi", input({ revenue: "1500000", spend: "500000" }))).toBe("2");
    // The same cost split between marketing and sales gives the same ROI.
    expect(formatted("roi", input({ revenue: "1500000", spend: "300000", sales_cost: "200000" }))).toBe("2");
  });

  it("LTV ≥ 3 × CAC rule: fixed LTV 180,000 over CAC 60,000 is exactly 3", () => {
    const atThreshold = input(
      { spend: "300000", deals_won: "5" },
      { settings: { ltvMethod: "fixed", fixedLtv: new Decimal(180000) } },
    );
    expect(formatted("ltv_to_cac", atThreshold)).toBe("3");
    // One ruble less of LTV falls below the healthy ratio.
    const below = input(
      { spend: "300000", deals_won: "5" },
      { settings: { ltvMethod: "fixed", fixedLtv: new Decimal(179999) } },
    );
    expect(compute("ltv_to_cac", below).value!.lt(3)).toBe(true);
  });

  it("pipeline coverage: revenue target 10M, pipeline 30M → 3", () => {
    expect(
      formatted("pipeline_coverage", input({ pipeline_value: "30000000" }, { revenueTarget: new Decimal("10000000") })),
    ).toBe("3");
  });

  it("branded traffic growth of 30 %: 1,300 sessions after 1,000 → 0.3", () => {
    expect(
      formatted(
        "branded_traffic_growth",
        input({ branded_sessions: "1300" }, { previousSums: { branded_sessions: "1000" } }),
      ),
    ).toBe("0.3");
  });
});

describe("every formula against a hand-worked example", () => {
  it("ctr = clicks / impressions: 50 / 2,000 = 0.025", () => {
    expect(formatted("ctr", input({ clicks: "50", impressions: "2000" }))).toBe("0.025");
  });

  it("cpc = spend / clicks: 1,234.56 / 100 = 12.3456", () => {
    expect(formatted("cpc", input({ spend: "1234.56", clicks: "100" }))).toBe("12.3456");
  });

  it("cpm = 1000 × spend / impressions: 1000 × 5,000 / 200,000 = 25", () => {
    expect(formatted("cpm", input({ spend: "5000", impressions: "200000" }))).toBe("25");
  });

  it("cost_per_qualified_lead = spend / qualified_leads: 300,000 / 120 = 2,500", () => {
    expect(formatted("cost_per_qualified_lead", input({ spend: "300000", qualified_leads: "120" }))).toBe("2500");
  });

  it("landing_conversion = leads / sessions: 400 / 16,000 = 0.025", () => {
    expect(formatted("landing_conversion", input({ leads: "400", sessions: "16000" }))).toBe("0.025");
  });

  it("bounce_rate = bounces / sessions: 4,000 / 16,000 = 0.25", () => {
    expect(formatted("bounce_rate", input({ bounces: "4000", sessions: "16000" }))).toBe("0.25");
  });

  it("lead_quality_rate = qualified_leads / leads: 120 / 400 = 0.3", () => {
    expect(formatted("lead_quality_rate", input({ qualified_leads: "120", leads: "400" }))).toBe("0.3");
  });

  it("cac includes sales cost: (300,000 + 100,000) / 5 = 80,000", () => {
    expect(formatted("cac", input({ spend: "300000", sales_cost: "100000", deals_won: "5" }))).toBe("80000");
  });

  it("churn_rate = churned / active at period start: 12 / 400 = 0.03", () => {
    expect(formatted("churn_rate", input({ customers_churned: "12", customers_active: "400" }))).toBe("0.03");
  });

  it("ltv (subscription) = average deal size × margin / MONTHLY churn: 60,000 × 0.5 / 0.05 = 600,000", () => {
    // average deal size = 600,000 / 10 = 60,000; 80 of 100 churned over 487 days = 16 months
    // (487 / 30.4375) → monthly churn 0.8 / 16 = 0.05 → a 20-month lifetime.
    const sums = { revenue: "600000", deals_won: "10", customers_churned: "80", customers_active: "100" };
    expect(formatted("ltv", input(sums, { periodDays: 487, settings: { grossMargin: new Decimal("0.5") } }))).toBe(
      "600000",
    );
    // churn_rate itself stays the share lost within the window.
    expect(formatted("churn_rate", input(sums, { periodDays: 487 }))).toBe("0.8");
  });

  it("ltv (subscription) without churn takes the maximum customer lifetime (default 60 months), or no value without one", () => {
    const sums = { revenue: "600000", deals_won: "10", customers_churned: "0", customers_active: "100" };
    // 60,000 × 60 months.
    expect(formatted("ltv", input(sums))).toBe("3600000");
    expect(formatted("ltv", input(sums, { settings: { maxCustomerLifetimeMonths: new Decimal(24) } }))).toBe("1440000");
    expect(compute("ltv", input(sums, { settings: { maxCustomerLifetimeMonths: null } })).reason).toBe("NO_CHURN");
    // Tiny churn: 1 of 100 000 in a month is an 8-year lifetime, capped at 60 months.
    const tiny = { ...sums, customers_churned: "1", customers_active: "100000" };
    expect(formatted("ltv", input(tiny, { periodDays: 31 }))).toBe("3600000");
    // The cap never lengthens a short lifetime: 80 of 100 in 16 months is a 20-month lifetime.
    expect(formatted("ltv", input({ ...sums, customers_churned: "80" }, { periodDays: 487 }))).toBe("1200000");
  });

  it("ltv (repeat purchase) = order value × orders/year × years × margin: 2,000 × 4 × 3 × 0.4 = 9,600", () => {
    const settings: Partial<MetricSettings> = {
      ltvMethod: "repeat_purchase",
      orderValue: new Decimal(2000),
      ordersPerYear: new Decimal(4),
      years: new Decimal(3),
      grossMargin: new Decimal("0.4"),
    };
    expect(formatted("ltv", input({}, { settings }))).toBe("9600");
    expect(compute("ltv", input({}, { settings: { ...settings, years: null } })).reason).toBe("MISSING_SETTING:years");
  });

  it("ltv (fixed) is the configured value; missing → MISSING_SETTING", () => {
    expect(formatted("ltv", input({}, { settings: { ltvMethod: "fixed", fixedLtv: new Decimal("180000.50") } }))).toBe(
      "180000.5",
    );
    expect(compute("ltv", input({}, { settings: { ltvMethod: "fixed" } })).reason).toBe("MISSING_SETTING:fixedLtv");
  });

  it("ltv_to_cac with a subscription LTV: 1,000,000 / 60,000 = 16.666…", () => {
    // ADS = 250,000 / 5 = 50,000; monthly churn = 80 / 100 / 16 months = 0.05; LTV = 50,000 / 0.05 = 1,000,000.
    // CAC = 300,000 / 5 = 60,000; LTV:CAC = 50 / 3.
    const sums = {
      spend: "300000",
      revenue: "250000",
      deals_won: "5",
      customers_churned: "80",
      customers_active: "100",
    };
    expect(formatted("ltv_to_cac", input(sums, { periodDays: 487 }))).toBe("16.6666666667");
  });

  it("romi on a gross-profit basis: (1,000,000 × 0.6 − 200,000) / 200,000 = 2", () => {
    const settings = { romiBasis: "gross_profit" as const, grossMargin: new Decimal("0.6") };
    expect(formatted("romi", input({ revenue: "1000000", spend: "200000" }, { settings }))).toBe("2");
    // The default revenue basis ignores the margin: (1,000,000 − 200,000) / 200,000 = 4.
    expect(
      formatted(
        "romi",
        input({ revenue: "1000000", spend: "200000" }, { settings: { grossMargin: new Decimal("0.6") } }),
      ),
    ).toBe("4");
  });

  it("payback_months = CAC / (monthly revenue per customer active at the start × margin)", () => {
    // CAC = 300,000 / 5 = 60,000. Customers active at the start = 100.
    // Months in a 30-day period = 30 / 30.4375. Monthly revenue per customer =
    // 500,000 / (30 / 30.4375) / 100 = 500,000 × 30.4375 / 3,000.
    // Payback = 60,000 × 3,000 / (500,000 × 30.4375) = 180,000,000 / 15,218,750.
    const sums = {
      spend: "300000",
      deals_won: "5",
      revenue: "500000",
      customers_active: "100",
      customers_churned: "5",
    };
    const expected = new Decimal(180_000_000).div(15_218_750);
    expect(formatted("payback_months", input(sums, { periodDays: 30 }))).toBe(formatDecimal(expected));
    expect(formatDecimal(expected)).toBe("11.8275154004");
    // Gross margin 0.5 halves the monthly profit, doubling the payback.
    const halfMargin = compute(
      "payback_months",
      input(sums, { periodDays: 30, settings: { grossMargin: new Decimal("0.5") } }),
    );
    expect(halfMargin.value!.eq(expected.times(2))).toBe(true);
  });

  it("payback_months does not depend on the period length for a steady business", () => {
    // A steady month, and twelve of them as one 360-day period (flows × 12, same start base).
    const month = {
      spend: "300000",
      deals_won: "5",
      revenue: "500000",
      customers_active: "100",
      customers_churned: "5",
    };
    const year = {
      spend: "3600000",
      deals_won: "60",
      revenue: "6000000",
      customers_active: "100",
      customers_churned: "60",
    };
    const monthly = compute("payback_months", input(month, { periodDays: 30 }));
    const yearly = compute("payback_months", input(year, { periodDays: 360 }));
    expect(formatDecimal(yearly.value!)).toBe(formatDecimal(monthly.value!));
  });

  it("payback_months divides by the customers active at the window's start", () => {
    // CAC = 50,000 / 10 = 5,000. periodDays 487 = 16 × 30.4375 → 16 months; monthly revenue
    // per customer = 80,000 / 16 / 5 = 1,000. Payback = 5,000 / 1,000 = 5 months.
    const sums = { spend: "50000", deals_won: "10", revenue: "80000", customers_active: "5" };
    expect(formatted("payback_months", input(sums, { periodDays: 487 }))).toBe("5");
    expect(compute("payback_months", input({ ...sums, revenue: "-1" }, { periodDays: 487 })).reason).toBe("NO_PAYBACK");
    expect(compute("payback_months", input(sums, { periodDays: 0 })).reason).toBe("INVALID_PERIOD");
    expect(compute("payback_months", input({ ...sums, customers_active: "0" }, { periodDays: 487 })).reason).toBe(
      "ZERO_DENOMINATOR:customers_active",
    );
    const { customers_active: _, ...withoutBase } = sums;
    expect(compute("payback_months", input(withoutBase, { periodDays: 487 })).reason).toBe("NO_DATA:customers_active");
  });

  it("nps = 100 × (promoters − detractors) / all answers: 100 × (60 − 15) / 100 = 45", () => {
    expect(formatted("nps", input({ nps_promoters: "60", nps_passives: "25", nps_detractors: "15" }))).toBe("45");
    // All detractors → −100.
    expect(formatted("nps", input({ nps_detractors: "7" }))).toBe("-100");
  });

  it("engagement_rate on each basis", () => {
    const sums = { engagements: "300", reach: "10000", impressions: "20000", followers: "5000" };
    expect(formatted("engagement_rate", input(sums))).toBe("0.03"); // 300 / 10,000 (default basis reach)
    expect(formatted("engagement_rate", input(sums, { settings: { engagementBasis: "impressions" } }))).toBe("0.015");
    expect(formatted("engagement_rate", input(sums, { settings: { engagementBasis: "followers" } }))).toBe("0.06");
    expect(
      compute("engagement_rate", input({ engagements: "300" }, { settings: { engagementBasis: "followers" } })).reason,
    ).toBe("NO_DATA:followers");
  });

  it("email rates = opens or clicks / sent: 250 / 1,000 = 0.25 and 30 / 1,000 = 0.03", () => {
    const sums = { email_sent: "1000", email_opens: "250", email_clicks: "30" };
    expect(formatted("email_open_rate", input(sums))).toBe("0.25");
    expect(formatted("email_click_rate", input(sums))).toBe("0.03");
  });

  it("branded_traffic_growth can be negative and needs the previous period", () => {
    // 800 / 1,000 − 1 = −0.2
    expect(
      formatted(
        "branded_traffic_growth",
        input({ branded_sessions: "800" }, { previousSums: { branded_sessions: "1000" } }),
      ),
    ).toBe("-0.2");
    expect(compute("branded_traffic_growth", input({ branded_sessions: "800" })).reason).toBe("NO_PREVIOUS_PERIOD");
  });

  it("cost_per_engagement (extension) = spend / engagements: 10,000 / 400 = 25", () => {
    expect(formatted("cost_per_engagement", input({ spend: "10000", engagements: "400" }))).toBe("25");
  });

  it("follower_growth (extension) = followers at end − followers at previous end: 5,500 − 5,000 = 500", () => {
    expect(formatted("follower_growth", input({ followers: "5500" }, { previousSums: { followers: "5000" } }))).toBe(
      "500",
    );
    expect(compute("follower_growth", input({ followers: "5500" }, { previousSums: {} })).reason).toBe(
      "NO_DATA:prev(followers)",
    );
    expect(compute("follower_growth", input({ followers: "5500" })).reason).toBe("NO_PREVIOUS_PERIOD");
  });

  it("pipeline_coverage without a target is NO_TARGET", () => {
    expect(compute("pipeline_coverage", input({ pipeline_value: "30000000" })).reason).toBe("NO_TARGET");
    expect(compute("pipeline_coverage", input({ pipeline_value: "30000000" }, { revenueTarget: null })).reason).toBe(
      "NO_TARGET",
    );
  });
});

describe("missing data", () => {
  it("an empty period is NO_DATA, not 0 and not a zero denominator", () => {
    for (const key of METRIC_KEYS) {
      if (key === "ltv") continue; // default subscription LTV inherits average deal size's NO_DATA below
      const result = compute(key, input({}, { previousSums: {}, revenueTarget: new Decimal(1) }));
      expect(result.value, key).toBeNull();
      expect(result.reason, key).toMatch(/^NO_DATA/);
    }
    expect(compute("ltv", input({})).reason).toBe("NO_DATA");
  });

  it("a missing flow next to present data counts as zero", () => {
    // Impressions but no click rows: CTR is a true 0, not "no data".
    expect(formatted("ctr", input({ impressions: "1000" }))).toBe("0");
  });

  it("a missing stock is NO_DATA:<measure>, never treated as zero", () => {
    expect(compute("churn_rate", input({ customers_churned: "3" })).reason).toBe("NO_DATA:customers_active");
  });
});
