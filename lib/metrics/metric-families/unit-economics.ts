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
 * Days per month for per-month figures: 365.25 / 12, the Julian-year convention
 * (leap years included on average), chosen so that 12 such months are one year.
 * SPEC §4.2 "Time-normalised unit economics": a window's length in months is
 * elapsed days ÷ 30.4375.
 */
export const DAYS_PER_MONTH = new Decimal("30.4375");

/**
 * The expected customer lifetime in months (SPEC §4.2): 1 / monthly churn rate, where
 * monthly churn = churned in the window ÷ active at its start ÷ the window's months —
 * computed as active × months ÷ churned in one division so that a steady business gives
 * the very same Decimal through any window. No churn observed (or a lifetime longer than
 * the workspace's maximum) takes the maximum customer lifetime; without a maximum, no
 * churn is `NO_CHURN`.
 */
export function customerLifetimeMonths(input: MetricInput): MetricValue {
  const { sums, settings, periodDays } = input;
  const missing = noDataUnlessAny(sums, ["customers_churned", "customers_active"]);
  if (missing) return missing;
  if (!Number.isSafeInteger(periodDays) || periodDays <= 0) return noValue("INVALID_PERIOD");
  const active = sums.customers_active;
  if (active === undefined) return noValue("NO_DATA:customers_active");
  if (active.lte(0)) return zeroDenominator("customers_active");
  const churned = flowSum(sums, "customers_churned");
  const cap = settings.maxCustomerLifetimeMonths;
  if (churned.lte(0)) return cap === null ? noValue("NO_CHURN") : valueOf(cap);
  const lifetime = active.times(periodDays).div(churned.times(DAYS_PER_MONTH));
  return valueOf(cap !== null && lifetime.gt(cap) ? cap : lifetime);
}

/**
 * LTV — SPEC §4.2: "method is a workspace setting: subscription = average deal
 * size × gross margin / **monthly** churn rate; repeat purchase = order value × orders per
 * year × years × gross margin; or a fixed value. Gross margin is a workspace
 * setting (default 100%)" (result).
 *
 * - subscription: average deal size × gross margin × the customer lifetime in months
 *   ({@link customerLifetimeMonths}: 1 / monthly churn, capped by the workspace's maximum
 *   lifetime). The window's length cancels out: a steady business shows the same LTV by
 *   week, month, quarter or year (SPEC §4.2 "Time-normalised unit economics"). No churn
 *   and no maximum lifetime gives `NO_CHURN`.
 * - repeat_purchase: missing parameters give `MISSING_SETTING:<field>`.
 * - fixed: the configured value as is (the workspace already decided what it is).
 */
export const ltv = defineMetric({
  key: "ltv",
  name: { en: "LTV", ru: "LTV (пожизненная ценность клиента)" },
  formula:
    "subscription: average_deal_size × gross margin / monthly churn rate (churned ÷ active at start ÷ (days ÷ 30.4375)), capped at the maximum customer lifetime; repeat purchase: order value × orders per year × years × gross margin; fixed: a set value",
  unit: "money",
  class: "result",
  direction: "higher",
  measures: ["revenue", "deals_won", "customers_churned", "customers_active"],
  dependsOn: ["average_deal_size"],
  compute: (input) => {
    const { settings } = input;
    switch (settings.ltvMethod) {
      case "subscription": {
        const dealSize = averageDealSize.compute(input);
        if (dealSize.value === null) return dealSize;
        const lifetime = customerLifetimeMonths(input);
        if (lifetime.value === null) return lifetime;
        return valueOf(dealSize.value.times(settings.grossMargin).times(lifetime.value));
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
  multiple: true,
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
 * Payback period — SPEC §4.2: `cac / (monthly revenue per customer × gross
 * margin)` (result), in months.
 *
 * "Monthly revenue per customer" is measured the way the monthly churn rate is (SPEC §4.2
 * "Time-normalised unit economics"): revenue of the window ÷ its length in months (elapsed
 * days ÷ 30.4375) ÷ the customers active at its start. So payback = CAC × active × months ÷
 * (revenue × gross margin) — a steady business gives the same payback by week, month,
 * quarter or year (the window's length cancels out).
 *
 * Reasons: CAC's own reason when it has no value; `NO_DATA:customers_active`
 * without a start-of-window snapshot; `ZERO_DENOMINATOR:customers_active`;
 * `ZERO_DENOMINATOR:revenue` when no revenue (CAC is never paid back at this
 * rate); `NO_PAYBACK` when revenue is negative;
 * `INVALID_PERIOD` when periodDays is not a positive integer.
 */
export const paybackMonths = defineMetric({
  key: "payback_months",
  name: { en: "Payback period", ru: "Срок окупаемости CAC" },
  formula:
    "cac / (monthly revenue per customer × gross margin); monthly revenue per customer = revenue ÷ (days ÷ 30.4375) ÷ customers active at start",
  unit: "months",
  class: "result",
  direction: "lower",
  measures: ["spend", "sales_cost", "deals_won", "revenue", "customers_active"],
  dependsOn: ["cac"],
  compute: (input: MetricInput): MetricValue => {
    const { sums, settings, periodDays } = input;
    if (!Number.isSafeInteger(periodDays) || periodDays <= 0) return noValue("INVALID_PERIOD");
    const acquisition = cac.compute(input);
    if (acquisition.value === null) return acquisition;
    const active = sums.customers_active;
    if (active === undefined) return noValue("NO_DATA:customers_active");
    if (active.lte(0)) return zeroDenominator("customers_active");
    const revenue = flowSum(sums, "revenue");
    if (revenue.isZero()) return zeroDenominator("revenue");
    if (revenue.isNegative()) return noValue("NO_PAYBACK");
    // CAC ÷ (revenue ÷ months ÷ active × margin), as one division: months = days ÷ 30.4375.
    return valueOf(
      acquisition.value.times(active).times(periodDays).div(revenue.times(settings.grossMargin).times(DAYS_PER_MONTH)),
    );
  },
});
