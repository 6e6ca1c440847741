import { type Decimal, formatDecimal } from "@/lib/metrics/decimal";
import { builder } from "../builder";

// Enums of the metric API (units, kinds, grains, bases) and the decimal helper their objects share.

export const upper = <T extends string>(v: T) => v.toUpperCase();
export const lower = <T extends string>(v: T) => v.toLowerCase();

export const MetricUnitEnum = builder.enumType("MetricUnit", {
  description: "Unit of a value. Ratios are fractions (0.25 = 25 %); the UI formats them.",
  values: {
    COUNT: { description: "A count." },
    MONEY: { description: "Money in the reporting currency." },
    MONTHS: { description: "A duration in months." },
    RATIO: { description: "A fraction (0.25 = 25 %)." },
  } as const,
});
export const MetricKindEnum = builder.enumType("MetricKind", {
  description: "A base measure (ingested daily, SPEC §4.1) or a derived metric (a formula, SPEC §4.2).",
  values: {
    MEASURE: { description: "A base measure, ingested daily." },
    METRIC: { description: "A derived metric, computed from sums." },
  } as const,
});
export const MeasureAggregationEnum = builder.enumType("MeasureAggregation", {
  description: "FLOW: summed over the period; STOCK_START / STOCK_END: the level on the first / last day with data.",
  values: {
    FLOW: { description: "Summed over the period." },
    STOCK_END: { description: "The level on the last day with data." },
    STOCK_START: { description: "The level on the first day with data." },
  } as const,
});
export const MetricClassEnum = builder.enumType("MetricClass", {
  description: "PROCESS metrics diagnose, RESULT metrics evaluate (SPEC §1).",
  values: {
    PROCESS: { description: "Diagnoses (never judged as a KPI)." },
    RESULT: { description: "Evaluates (fit to be a KPI)." },
  } as const,
});
export const MetricDirectionEnum = builder.enumType("MetricDirection", {
  description: "Which way is better for a metric.",
  values: {
    HIGHER: { description: "Higher is better." },
    LOWER: { description: "Lower is better." },
  } as const,
});
export const SeriesGrainEnum = builder.enumType("MetricSeriesGrain", {
  description: "Buckets of a series: days, ISO weeks (Monday first) or calendar months of the workspace's local dates.",
  values: {
    DAY: { description: "Days." },
    MONTH: { description: "Calendar months." },
    WEEK: { description: "ISO weeks, Monday first." },
  } as const,
});
export const BreakdownDimensionEnum = builder.enumType("MetricBreakdownDimension", {
  description: "What a breakdown splits by.",
  values: {
    CAMPAIGN: { description: "Per channel and campaign." },
    CHANNEL: { description: "Per channel." },
  } as const,
});
export const LtvMethodEnum = builder.enumType("LtvMethod", {
  description: "How customer lifetime value is computed (SPEC §4.2).",
  values: {
    FIXED: { description: "A fixed LTV set by hand." },
    REPEAT_PURCHASE: { description: "Order value × orders per year × years." },
    SUBSCRIPTION: { description: "Revenue per customer × gross margin / churn rate." },
  } as const,
});
export const RomiBasisEnum = builder.enumType("RomiBasis", {
  description: "What ROMI counts as return.",
  values: {
    GROSS_PROFIT: { description: "Revenue × gross margin." },
    REVENUE: { description: "Revenue." },
  } as const,
});
export const EngagementBasisEnum = builder.enumType("EngagementBasis", {
  description: "The audience engagement rate is measured against.",
  values: {
    FOLLOWERS: { description: "Engagements / followers." },
    IMPRESSIONS: { description: "Engagements / impressions." },
    REACH: { description: "Engagements / reach." },
  } as const,
});

export const decimalOrNull = (d: Decimal | null | undefined) =>
  d === null || d === undefined ? null : formatDecimal(d);
