import { Decimal } from "../decimal";
import { defineMetric, type MetricInput, type MetricValue } from "../metric-definition";
import { flowSum, mapValue, noDataUnlessAny, noValue, ratioOfSums, valueOf, zeroDenominator } from "../metric-value";
import { averageDealSize } from "./funnel";

/**
 * Top-level unit economics (SPEC §1: "CAC, LTV, ROMI/ROI, revenue, customers.
 * Rule: LTV must be at least 3 × CAC").
 */

/**
 * CAC — SPEC §4.2: `(spend + sales_cost) / deals_won` (result).
 * Seeds: "total sales and marketing investment to win new customers / number
 * of new customers won"; 300,000 ₽ for 5 customers = 60,000 ₽.
 */
export const cac = defineMetric({
  key: "cac",
  name: { en: "CAC", ru: "CAC (стоимость привлечения клиента)" },
  formula: "(spend + sales_cost) / deals_won",
  unit: "money",
  class: "result",
  direction: "lower",
  measures: ["spend", "sales_cost", "deals_won"],
  compute: ({ sums }) =>
    noDataUnlessAny(sums, ["spend", "sales_cost", "deals_won"]) ??
    ratioOfSums(flowSum(sums, "spend", "sales_cost"), flowSum(sums, "deals_won"), "deals_won"),
});

/**
 * Churn rate — SPEC §4.2: `customers_churned / customers_active` (result).
 * `customers_active` is a stock read at the period start, so this is "the share
 * of the base we started with that we lost during the period". A missing
 * snapshot is `NO_DATA:customers_active`, not a zero denominator: no snapshot
 * is not the same as no customers.
 */
export const churnRate = defineMetric({
  key: "churn_rate",
  name: { en: "Churn rate", ru: "Отток клиентов" },
  formula: "customers_churned / customers_active",
  unit: "ratio",
  class: "result",
  direction: "lower",
  measures: ["customers_churned", "customers_active"],
  compute: ({ sums }) => {
    const missing = noDataUnlessAny(sums, ["customers_churned", "customers_active"]);
    if (missing) return missing;
    const active = sums.customers_active;
    if (active === undefined) return noValue("NO_DATA:customers_active");
    return ratioOfSums(flowSum(sums, "customers_churned"), active, "customers_active");
  },
});

/**
 * LTV — SPEC §4.2: "method is a workspace setting: subscription = average deal
 * size × gross margin / churn rate; repeat purchase = order value × orders per
 * year × years × gross margin; or a fixed value. Gross margin is a workspace
 * setting (default 100%)" (result).
 *
 * - subscription: both average deal size and churn rate are taken over the same
 *   period, so the deal size stands for revenue per customer per period and
 *   1 / churn for the expected lifetime in periods. No churn at all gives
 *   `ZERO_DENOMINATOR:churn_rate` (an unbounded lifetime is not a number).
 * - repeat_purchase: missing parameters give `MISSING_SETTING:<field>`.
 * - fixed: the configured value as is (the workspace already decided what it is).
 */
export const ltv = defineMetric({
  key: "ltv",
  name: { en: "LTV", ru: "LTV (пожизненная ценность клиента)" },
  formula:
    "subscription: average_deal_size × gross margin / churn_rate; repeat purchase: order value × orders per year × years × gross margin; fixed: a set value",
  unit: "money",
  class: "result",
  direction: "higher",
  measures: ["revenue", "deals_won", "customers_churned", "customers_active"],
  dependsOn: ["average_deal_size", "churn_rate"],
  compute: (input) => {
    const { settings } = input;
    switch (settings.ltvMethod) {
      case "subscription": {
        const dealSize = averageDealSize.compute(input);
        if (dealSize.value === null) return dealSize;
        const churn = churnRate.compute(input);
        if (churn.value === null) return churn;
        return ratioOfSums(dealSize.value.times(settings.grossMargin), churn.value, "churn_rate");
      }
      case "repeat_purchase": {
        for (const field of ["orderValue", "ordersPerYear", "years"] as const) {
          if (settings[field] === null) return noValue(`MISSING_SETTING:${field}`);
        }
        return valueOf(
          settings.orderValue!.times(settings.ordersPerYear!).times(settings.years!).times(settings.grossMargin),
        );
      }
      case "fixed":
        return settings.fixedLtv === null ? noValue("MISSING_SETTING:fixedLtv") : valueOf(settings.fixedLtv);
    }
  },
});

/**
 * LTV:CAC — SPEC §4.2: `ltv / cac — healthy at ≥ 3` (result). Seeds: "LTV must
 * be at least 3 × CAC, otherwise the unit economics don't close". When either
 * side has no value its reason is passed through; a zero CAC (customers won
 * without any spend) gives `ZERO_DENOMINATOR:cac`.
 */
export const ltvToCac = defineMetric({
  key: "ltv_to_cac",
  name: { en: "LTV:CAC", ru: "LTV:CAC" },
  formula: "ltv / cac",
  unit: "ratio",
  class: "result",
  direction: "higher",
  measures: [...new Set([...ltv.measures, ...cac.measures])],
  dependsOn: ["ltv", "cac"],
  compute: (input) => {
    const acquisition = cac.compute(input);
    if (acquisition.value === null) return acquisition;
    return mapValue(ltv.compute(input), (lifetime) => ratioOfSums(lifetime, acquisition.value!, "cac"));
  },
});

/**
 * ROMI — SPEC §4.2: `(revenue − spend) / spend; basis revenue or gross profit
 * (revenue × gross margin) is a workspace setting, default revenue` (result).
 * A fraction: 2 = 200 %. Seeds: revenue 250,000 on spend 300,000 gives −1/6,
 * "working at a loss".
 */
export const romi = defineMetric({
  key: "romi",
  name: { en: "ROMI", ru: "ROMI (окупаемость маркетинговых инвестиций)" },
  formula: "(revenue − spend) / spend",
  unit: "ratio",
  class: "result",
  direction: "higher",
  measures: ["revenue", "spend"],
  compute: ({ sums, settings }) => {
    const missing = noDataUnlessAny(sums, ["revenue", "spend"]);
    if (missing) return missing;
    const spend = flowSum(sums, "spend");
    const revenue = flowSum(sums, "revenue");
    const returned = settings.romiBasis === "gross_profit" ? revenue.times(settings.grossMargin) : revenue;
    return ratioOfSums(returned.minus(spend), spend, "spend");
  },
});

/**
 * ROI — SPEC §4.2: `(revenue − (spend + sales_cost)) / (spend + sales_cost)`
 * (result). Unlike ROMI it charges sales cost too. Seeds: income 1,500,000 ₽,
 * cost 500,000 ₽ → 2 (200 %).
 */
export const roi = defineMetric({
  key: "roi",
  name: { en: "ROI", ru: "ROI (окупаемость инвестиций)" },
  formula: "(revenue − (spend + sales_cost)) / (spend + sales_cost)",
  unit: "ratio",
  class: "result",
  direction: "higher",
  measures: ["revenue", "spend", "sales_cost"],
  compute: ({ sums }) => {
    const missing = noDataUnlessAny(sums, ["revenue", "spend", "sales_cost"]);
    if (missing) return missing;
    const cost = flowSum(sums, "spend", "sales_cost");
    return ratioOfSums(flowSum(sums, "revenue").minus(cost), cost, "spend+sales_cost");
  },
});

/**
 * Days per month for per-month figures: 365.25 / 12, the Julian-year convention
 * (leap years included on average), chosen so that 12 such months are one year.
 */
export const DAYS_PER_MONTH = new Decimal("30.4375");

/**
 * Payback period — SPEC §4.2: `cac / (monthly revenue per customer × gross
 * margin)` (result), in months.
 *
 * Definitions (the SPEC leaves "monthly revenue per customer" open):
 * - months in the period = periodDays / 30.4375 (365.25 / 12);
 * - average customers = customers_active + (deals_won − customers_churned) / 2,
 *   i.e. the base at the period start plus half of the net change, assuming new
 *   and lost customers spread evenly over the period;
 * - monthly revenue per customer = revenue / months / average customers (ARPA).
 *
 * So payback = CAC / (revenue / months / average customers × gross margin).
 *
 * Why not `revenue / deals_won / months`: `revenue` is earned by the whole
 * paying base, not only by the customers won in the period, and that quotient
 * depends on the period length — a year with 12× a month's revenue and deals has
 * the same revenue / deals_won but divides by 12 months, so the same business
 * would show a payback 12× longer on the yearly scorecard. ARPA over the average
 * base gives the same answer for a month and for a year of steady business.
 *
 * Reasons: CAC's own reason when it has no value; `NO_DATA:customers_active`
 * without a start-of-period snapshot; `ZERO_DENOMINATOR:average_customers`;
 * `ZERO_DENOMINATOR:revenue` when no revenue (CAC is never paid back at this
 * rate); `NO_PAYBACK` when revenue or the average base is negative;
 * `INVALID_PERIOD` when periodDays is not a positive integer.
 */
export const paybackMonths = defineMetric({
  key: "payback_months",
  name: { en: "Payback period", ru: "Срок окупаемости CAC" },
  formula: "cac / (monthly revenue per customer × gross margin)",
  unit: "months",
  class: "result",
  direction: "lower",
  measures: ["spend", "sales_cost", "deals_won", "revenue", "customers_active", "customers_churned"],
  dependsOn: ["cac"],
  compute: (input: MetricInput): MetricValue => {
    const { sums, settings, periodDays } = input;
    if (!Number.isSafeInteger(periodDays) || periodDays <= 0) return noValue("INVALID_PERIOD");
    const acquisition = cac.compute(input);
    if (acquisition.value === null) return acquisition;
    const active = sums.customers_active;
    if (active === undefined) return noValue("NO_DATA:customers_active");
    const averageCustomers = active.plus(flowSum(sums, "deals_won").minus(flowSum(sums, "customers_churned")).div(2));
    if (averageCustomers.isZero()) return zeroDenominator("average_customers");
    const revenue = flowSum(sums, "revenue");
    if (revenue.isZero()) return zeroDenominator("revenue");
    if (revenue.isNegative() || averageCustomers.isNegative()) return noValue("NO_PAYBACK");
    const months = new Decimal(periodDays).div(DAYS_PER_MONTH);
    const monthlyGrossProfitPerCustomer = revenue.div(months).div(averageCustomers).times(settings.grossMargin);
    return ratioOfSums(acquisition.value, monthlyGrossProfitPerCustomer, "monthly_gross_profit_per_customer");
  },
});
