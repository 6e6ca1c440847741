import { Decimal } from "../decimal";
import { defineMetric } from "../metric-definition";
import { flowSum, noDataUnlessAny, noValue, ratioOfSums } from "../metric-value";
import { ratioMetric } from "./ratio-metric";

/** Lead-quality and sales-funnel result metrics (SPEC §4.2). */

/** Lead quality rate — SPEC §4.2: `qualified_leads / leads` (result). */
export const leadQualityRate = ratioMetric({
  key: "lead_quality_rate",
  name: { en: "Lead quality rate", ru: "Доля квалифицированных лидов" },
  formula: "qualified_leads / leads",
  unit: "ratio",
  class: "result",
  direction: "higher",
  numerator: ["qualified_leads"],
  denominator: ["leads"],
});

/**
 * Lead→deal conversion — SPEC §4.2: `deals_won / leads` (result).
 * Seeds: 5 deals from 400 leads = 0.0125 (1.25 %).
 */
export const leadToDealConversion = ratioMetric({
  key: "lead_to_deal_conversion",
  name: { en: "Lead→deal conversion", ru: "Конверсия из лида в сделку" },
  formula: "deals_won / leads",
  unit: "ratio",
  class: "result",
  direction: "higher",
  numerator: ["deals_won"],
  denominator: ["leads"],
});

/** Average deal size — SPEC §4.2: `revenue / deals_won` (result). Seeds: 250,000 / 5 = 50,000 ₽. */
export const averageDealSize = ratioMetric({
  key: "average_deal_size",
  name: { en: "Average deal size", ru: "Средний чек сделки" },
  formula: "revenue / deals_won",
  unit: "money",
  class: "result",
  direction: "higher",
  numerator: ["revenue"],
  denominator: ["deals_won"],
});

/**
 * Pipeline coverage — SPEC §4.2: `pipeline_value / revenue target` (result).
 * Seeds: a 10M revenue goal asks for a 30M pipeline, i.e. coverage 3.
 * Without a target for the period the value is `null` with `NO_TARGET`; a
 * zero target gives `ZERO_DENOMINATOR:revenue_target`.
 */
export const pipelineCoverage = defineMetric({
  key: "pipeline_coverage",
  name: { en: "Pipeline coverage", ru: "Покрытие воронки" },
  formula: "pipeline_value / revenue target",
  unit: "ratio",
  multiple: true,
  class: "result",
  direction: "higher",
  measures: ["pipeline_value"],
  usesRevenueTarget: true,
  compute: ({ sums, revenueTarget }) => {
    if (revenueTarget === undefined || revenueTarget === null) return noValue("NO_TARGET");
    return (
      noDataUnlessAny(sums, ["pipeline_value"]) ??
      ratioOfSums(flowSum(sums, "pipeline_value"), new Decimal(revenueTarget), "revenue_target")
    );
  },
});
