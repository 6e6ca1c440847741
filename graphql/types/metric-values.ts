import { type BreakdownRow } from "@/lib/metric-store/get-metric-breakdown";
import { type MetricSeries, type SeriesPoint } from "@/lib/metric-store/get-metric-series";
import { type MetricValueResult } from "@/lib/metric-store/get-metric-values";
import { formatDecimal } from "@/lib/metrics/decimal";
import { type MetricChange, describeChange } from "@/lib/metrics/describe-change";
import { builder } from "../builder";
import { MetricUnitEnum, SeriesGrainEnum, decimalOrNull, upper } from "./metric-enums";

// What metric reads return: values, changes, comparisons, series and breakdown rows (SPEC §9.1).

// ---------------------------------------------------------------- values

/** SPEC §9.1 `type MetricValue { key: String!  value: Decimal  reason: String }`, plus its unit. */
export const MetricValueRef = builder.objectRef<MetricValueResult>("MetricValue").implement({
  description: "A key's value over a period; value null (with a reason) when undefined, e.g. a zero denominator.",
  fields: (t) => ({
    key: t.exposeString("key", { description: "The key asked for." }),
    value: t.field({
      description:
        'The value; null when undefined (see reason). Base measures: null where no fact exists, "0" only for pushed zeros.',
      type: "Decimal",
      nullable: true,
      resolve: (v) => decimalOrNull(v.value),
    }),
    reason: t.string({
      nullable: true,
      description:
        "Why value is null: NO_DATA, NO_DATA:<measure>, ZERO_DENOMINATOR:<denominator>, NO_TARGET, MISSING_SETTING:<field>, INVALID_FORMULA…",
      resolve: (v) => v.reason,
    }),
    unit: t.field({
      description: "The unit of the value.",
      type: MetricUnitEnum,
      resolve: (v) => upper(v.unit) as never,
    }),
  }),
});

export const ChangeKindEnum = builder.enumType("ChangeKind", {
  description: 'How a change is shown (SPEC §4.2 "Comparisons").',
  values: {
    PERCENT: { description: "Flows, money and multiples: (current − comparison) / |comparison|." },
    PERCENTAGE_POINTS: {
      description: "Ratios (rates such as ROMI or CTR): current − comparison, in points of the fraction.",
    },
  },
});
export const ChangeVerdictEnum = builder.enumType("ChangeVerdict", {
  description: "Whether a change is good news by the metric's direction (lower is better for CAC).",
  values: {
    BETTER: { description: "Moved the way the metric's direction prefers." },
    WORSE: { description: "Moved against the metric's direction." },
    FLAT: { description: "Did not move." },
  },
});

/** SPEC §4.2 "Comparisons": the change every page and the API show, from lib/metrics describeChange. */
export const MetricChangeRef = builder.objectRef<MetricChange>("MetricChange").implement({
  description:
    "A change as the product shows it: ratios in percentage points, flows and money in percent, judged by the metric's direction.",
  fields: (t) => ({
    kind: t.field({
      type: ChangeKindEnum,
      description: "Percent or percentage points.",
      resolve: (c) => (c.kind === "points" ? "PERCENTAGE_POINTS" : "PERCENT"),
    }),
    value: t.field({
      type: "Decimal",
      description: "A fraction in both kinds: PERCENT 0.05 = +5 %; PERCENTAGE_POINTS 0.0576 = +5.76 pp.",
      resolve: (c) => formatDecimal(c.value),
    }),
    verdict: t.field({
      type: ChangeVerdictEnum,
      nullable: true,
      description: "Null when the metric has no preferred direction (a raw measure, a range KPI).",
      resolve: (c) => (c.verdict ? (c.verdict.toUpperCase() as never) : null),
    }),
  }),
});

export interface ComparedValue {
  range: { from: string; to: string };
  base: MetricValueResult;
  current: MetricValueResult;
}

export const ComparedMetricValueRef = builder.objectRef<ComparedValue>("ComparedMetricValue").implement({
  description: "The same key over a comparison period, and the change from it to the current period.",
  fields: (t) => ({
    from: t.field({ description: "First day of the comparison period.", type: "Date", resolve: (c) => c.range.from }),
    to: t.field({ description: "Last day of the comparison period.", type: "Date", resolve: (c) => c.range.to }),
    value: t.field({
      description: "The value over the comparison period; null when undefined.",
      type: "Decimal",
      nullable: true,
      resolve: (c) => decimalOrNull(c.base.value),
    }),
    reason: t.string({ description: "Why value is null.", nullable: true, resolve: (c) => c.base.reason }),
    change: t.field({
      type: "Decimal",
      nullable: true,
      description: "current − comparison; null when either has no value.",
      resolve: (c) => (c.current.value && c.base.value ? formatDecimal(c.current.value.minus(c.base.value)) : null),
    }),
    shownChange: t.field({
      type: MetricChangeRef,
      nullable: true,
      description:
        "The change as every page shows it (SPEC §4.2): percentage points for ratios, percent for flows and money, with better/worse.",
      resolve: (c) => (c.current.traits ? describeChange(c.current.value, c.base.value, c.current.traits) : null),
    }),
    relativeChange: t.field({
      type: "Decimal",
      nullable: true,
      description:
        "(current − comparison) / |comparison| as a fraction; null when the comparison is 0 or missing. For ratios read shownChange (percentage points).",
      resolve: (c) =>
        c.current.value && c.base.value && !c.base.value.isZero()
          ? formatDecimal(c.current.value.minus(c.base.value).div(c.base.value.abs()))
          : null,
    }),
  }),
});

export interface Comparison {
  range: { from: string; to: string };
  complete: boolean;
  current: MetricValueResult;
  previousPeriod: ComparedValue;
  lastYear: ComparedValue;
}

export const MetricComparisonRef = builder.objectRef<Comparison>("MetricComparison").implement({
  description: "A key over a period, against the previous period and the same period last year (SPEC §4.2).",
  fields: (t) => ({
    key: t.string({ description: "The key.", resolve: (c) => c.current.key }),
    from: t.field({
      type: "Date",
      description: "The window read: the period's first day.",
      resolve: (c) => c.range.from,
    }),
    to: t.field({
      type: "Date",
      description:
        'The window read: the period\'s last day, or today while it is in progress (SPEC §4.2 "Comparisons").',
      resolve: (c) => c.range.to,
    }),
    complete: t.boolean({
      description:
        "True when the period is over (whole compared with whole); false while in progress (to date vs the same elapsed days).",
      resolve: (c) => c.complete,
    }),
    unit: t.field({
      description: "The unit of its values.",
      type: MetricUnitEnum,
      resolve: (c) => upper(c.current.unit) as never,
    }),
    current: t.field({
      description: "The value over the period asked for.",
      type: MetricValueRef,
      resolve: (c) => c.current,
    }),
    previousPeriod: t.field({
      description: "The period of the same length just before.",
      type: ComparedMetricValueRef,
      resolve: (c) => c.previousPeriod,
    }),
    lastYear: t.field({
      description: "The same dates one year earlier.",
      type: ComparedMetricValueRef,
      resolve: (c) => c.lastYear,
    }),
  }),
});

export const SeriesPointRef = builder.objectRef<SeriesPoint>("MetricSeriesPoint").implement({
  description: "One bucket of a series.",
  fields: (t) => ({
    from: t.field({ description: "First day of the bucket.", type: "Date", resolve: (p) => p.from }),
    to: t.field({
      type: "Date",
      description: "Inclusive; first and last buckets are clipped to the range.",
      resolve: (p) => p.to,
    }),
    value: t.field({
      description: "The value over the bucket; null when undefined.",
      type: "Decimal",
      nullable: true,
      resolve: (p) => decimalOrNull(p.value),
    }),
    reason: t.string({ description: "Why value is null.", nullable: true, resolve: (p) => p.reason }),
  }),
});

export const MetricSeriesRef = builder.objectRef<MetricSeries>("MetricSeries").implement({
  description: "One key over time in buckets.",
  fields: (t) => ({
    key: t.exposeString("key", { description: "The key." }),
    unit: t.field({
      description: "The unit of its values.",
      type: MetricUnitEnum,
      resolve: (s) => upper(s.unit) as never,
    }),
    grain: t.field({ description: "Bucket size.", type: SeriesGrainEnum, resolve: (s) => upper(s.grain) as never }),
    points: t.field({
      description: "One point per bucket, in date order.",
      type: [SeriesPointRef],
      resolve: (s) => s.points,
    }),
  }),
});

export const BreakdownRowRef = builder.objectRef<BreakdownRow>("MetricBreakdownRow").implement({
  description: "The values of one channel (or channel and campaign).",
  fields: (t) => ({
    channel: t.exposeString("channel", { description: "The channel." }),
    campaign: t.string({
      nullable: true,
      description: 'Campaign breakdowns only; "" = rows without a campaign.',
      resolve: (r) => r.campaign,
    }),
    values: t.field({
      description: "One value per key asked for, in order.",
      type: [MetricValueRef],
      resolve: (r) => r.values,
    }),
  }),
});
