import { actorOf } from "@/lib/audit/actor";
import { type ChannelGroup, parseGroupArgument } from "@/lib/channel-groups/channel-groups";
import { AppError } from "@/lib/errors/app-error";
import { createVersionedCache } from "@/lib/scorecard-service/scorecard-cache";
import type { Workspace } from "@/generated/prisma/client";
import { checkCustomMetricFormula } from "@/lib/metric-store/check-custom-metric-formula";
import { createCustomMeasure } from "@/lib/metric-store/create-custom-measure";
import { createCustomMetric } from "@/lib/metric-store/create-custom-metric";
import { deleteCustomMeasure } from "@/lib/metric-store/delete-custom-measure";
import { setCustomMeasureArchived } from "@/lib/metric-store/set-custom-measure-archived";
import { updateCustomMeasure } from "@/lib/metric-store/update-custom-measure";
import { deleteCustomMetric } from "@/lib/metric-store/delete-custom-metric";
import { type BreakdownRow, getMetricBreakdown } from "@/lib/metric-store/get-metric-breakdown";
import { buildCatalog, type MetricCatalogEntry } from "@/lib/metric-store/get-metric-catalog";
import { getMetricSeries, type MetricSeries, type SeriesPoint } from "@/lib/metric-store/get-metric-series";
import { getMetricValues, type MetricValueResult, type PeriodValues } from "@/lib/metric-store/get-metric-values";
import { readMetricDefinitions } from "@/lib/metric-store/load-metric-definitions";
import { updateCustomMetric } from "@/lib/metric-store/update-custom-metric";
import { updateMetricSettings } from "@/lib/metric-store/update-metric-settings";
import { type Decimal, formatDecimal } from "@/lib/metrics/decimal";
import { type MetricChange, describeChange } from "@/lib/metrics/describe-change";
import { metricTraits } from "@/lib/metrics/metric-traits";
import { localDateInTimeZone } from "@/lib/periods/local-date-in-time-zone";
import type { MetricSettings } from "@/lib/metrics/metric-settings";
import type { GraphQLContext } from "../context";
import { builder } from "../builder";
import { parseWorkspaceId } from "../ids";
import { underInput } from "../input-errors";
import { WorkspaceRef } from "./workspace";

// ---------------------------------------------------------------- enums

/** Built catalogs by workspace and data version (lib/scorecard-service/scorecard-cache.ts). */
const catalogCache = createVersionedCache<MetricCatalogEntry[]>(256);
export const metricReadCache = createVersionedCache<unknown>(512);

/**
 * Page renders (read-only contexts, which read the workspace's data version once) reuse a
 * metric read while the workspace's data is unchanged — exact, see scorecard-cache.ts. API
 * calls always compute (no extra version read on their path).
 */
function cachedRead<T>(ctx: GraphQLContext, workspaceId: string, field: string, args: object, load: () => Promise<T>): Promise<T> {
  const version = ctx.dataVersion(workspaceId);
  if (!version) return load();
  return metricReadCache.get(ctx.db, workspaceId, `${field}:${JSON.stringify(args)}`, load, version) as Promise<T>;
}

/** The `group` argument of a metric read, checked (an unknown group is a field error on ["group"]). */
function groupArg(value: string | null | undefined): ChannelGroup | null {
  const parsed = parseGroupArgument(value);
  if (!parsed.ok) throw AppError.badInput(["group"], "UNKNOWN_CHANNEL_GROUP", parsed.params);
  return parsed.group;
}

const upper = <T extends string>(v: T) => v.toUpperCase();
const lower = <T extends string>(v: T) => v.toLowerCase();

export const MetricUnitEnum = builder.enumType("MetricUnit", {
  description: "Unit of a value. Ratios are fractions (0.25 = 25 %); the UI formats them.",
  values: {
    COUNT: { description: "A count." },
    MONEY: { description: "Money in the reporting currency." },
    MONTHS: { description: "A duration in months." },
    RATIO: { description: "A fraction (0.25 = 25 %)." },
  } as const,
});
const MetricKindEnum = builder.enumType("MetricKind", {
  description: "A base measure (ingested daily, SPEC §4.1) or a derived metric (a formula, SPEC §4.2).",
  values: {
    MEASURE: { description: "A base measure, ingested daily." },
    METRIC: { description: "A derived metric, computed from sums." },
  } as const,
});
const MeasureAggregationEnum = builder.enumType("MeasureAggregation", {
  description: "FLOW: summed over the period; STOCK_START / STOCK_END: the level on the first / last day with data.",
  values: {
    FLOW: { description: "Summed over the period." },
    STOCK_END: { description: "The level on the last day with data." },
    STOCK_START: { description: "The level on the first day with data." },
  } as const,
});
const MetricClassEnum = builder.enumType("MetricClass", {
  description: "PROCESS metrics diagnose, RESULT metrics evaluate (SPEC §1).",
  values: {
    PROCESS: { description: "Diagnoses (never judged as a KPI)." },
    RESULT: { description: "Evaluates (fit to be a KPI)." },
  } as const,
});
const MetricDirectionEnum = builder.enumType("MetricDirection", {
  description: "Which way is better for a metric.",
  values: {
    HIGHER: { description: "Higher is better." },
    LOWER: { description: "Lower is better." },
  } as const,
});
const SeriesGrainEnum = builder.enumType("MetricSeriesGrain", {
  description: "Buckets of a series: days, ISO weeks (Monday first) or calendar months of the workspace's local dates.",
  values: {
    DAY: { description: "Days." },
    MONTH: { description: "Calendar months." },
    WEEK: { description: "ISO weeks, Monday first." },
  } as const,
});
const BreakdownDimensionEnum = builder.enumType("MetricBreakdownDimension", {
  description: "What a breakdown splits by.",
  values: {
    CAMPAIGN: { description: "Per channel and campaign." },
    CHANNEL: { description: "Per channel." },
  } as const,
});
const LtvMethodEnum = builder.enumType("LtvMethod", {
  description: "How customer lifetime value is computed (SPEC §4.2).",
  values: {
    FIXED: { description: "A fixed LTV set by hand." },
    REPEAT_PURCHASE: { description: "Order value × orders per year × years." },
    SUBSCRIPTION: { description: "Revenue per customer × gross margin / churn rate." },
  } as const,
});
const RomiBasisEnum = builder.enumType("RomiBasis", {
  description: "What ROMI counts as return.",
  values: {
    GROSS_PROFIT: { description: "Revenue × gross margin." },
    REVENUE: { description: "Revenue." },
  } as const,
});
const EngagementBasisEnum = builder.enumType("EngagementBasis", {
  description: "The audience engagement rate is measured against.",
  values: {
    FOLLOWERS: { description: "Engagements / followers." },
    IMPRESSIONS: { description: "Engagements / impressions." },
    REACH: { description: "Engagements / reach." },
  } as const,
});

const decimalOrNull = (d: Decimal | null | undefined) => (d === null || d === undefined ? null : formatDecimal(d));

// ---------------------------------------------------------------- values

/** SPEC §9.1 `type MetricValue { key: String!  value: Decimal  reason: String }`, plus its unit. */
const MetricValueRef = builder.objectRef<MetricValueResult>("MetricValue").implement({
  description: "A key's value over a period; value null (with a reason) when undefined, e.g. a zero denominator.",
  fields: (t) => ({
    key: t.exposeString("key", { description: "The key asked for." }),
    value: t.field({ description: "The value; null when undefined (see reason). Base measures: null where no fact exists, \"0\" only for pushed zeros.", type: "Decimal", nullable: true, resolve: (v) => decimalOrNull(v.value) }),
    reason: t.string({
      nullable: true,
      description: "Why value is null: NO_DATA, NO_DATA:<measure>, ZERO_DENOMINATOR:<denominator>, NO_TARGET, MISSING_SETTING:<field>, INVALID_FORMULA…",
      resolve: (v) => v.reason,
    }),
    unit: t.field({ description: "The unit of the value.", type: MetricUnitEnum, resolve: (v) => upper(v.unit) as never }),
  }),
});

const ChangeKindEnum = builder.enumType("ChangeKind", {
  description: "How a change is shown (SPEC §4.2 \"Comparisons\").",
  values: {
    PERCENT: { description: "Flows, money and multiples: (current − comparison) / |comparison|." },
    PERCENTAGE_POINTS: { description: "Ratios (rates such as ROMI or CTR): current − comparison, in points of the fraction." },
  },
});
const ChangeVerdictEnum = builder.enumType("ChangeVerdict", {
  description: "Whether a change is good news by the metric's direction (lower is better for CAC).",
  values: {
    BETTER: { description: "Moved the way the metric's direction prefers." },
    WORSE: { description: "Moved against the metric's direction." },
    FLAT: { description: "Did not move." },
  },
});

/** SPEC §4.2 "Comparisons": the change every page and the API show, from lib/metrics describeChange. */
export const MetricChangeRef = builder.objectRef<MetricChange>("MetricChange").implement({
  description: "A change as the product shows it: ratios in percentage points, flows and money in percent, judged by the metric's direction.",
  fields: (t) => ({
    kind: t.field({ type: ChangeKindEnum, description: "Percent or percentage points.", resolve: (c) => (c.kind === "points" ? "PERCENTAGE_POINTS" : "PERCENT") }),
    value: t.field({
      type: "Decimal",
      description: "A fraction in both kinds: PERCENT 0.05 = +5 %; PERCENTAGE_POINTS 0.0576 = +5.76 pp.",
      resolve: (c) => formatDecimal(c.value),
    }),
    verdict: t.field({ type: ChangeVerdictEnum, nullable: true, description: "Null when the metric has no preferred direction (a raw measure, a range KPI).", resolve: (c) => (c.verdict ? (c.verdict.toUpperCase() as never) : null) }),
  }),
});

interface ComparedValue {
  range: { from: string; to: string };
  base: MetricValueResult;
  current: MetricValueResult;
}

const ComparedMetricValueRef = builder.objectRef<ComparedValue>("ComparedMetricValue").implement({
  description: "The same key over a comparison period, and the change from it to the current period.",
  fields: (t) => ({
    from: t.field({ description: "First day of the comparison period.", type: "Date", resolve: (c) => c.range.from }),
    to: t.field({ description: "Last day of the comparison period.", type: "Date", resolve: (c) => c.range.to }),
    value: t.field({ description: "The value over the comparison period; null when undefined.", type: "Decimal", nullable: true, resolve: (c) => decimalOrNull(c.base.value) }),
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
      description: "The change as every page shows it (SPEC §4.2): percentage points for ratios, percent for flows and money, with better/worse.",
      resolve: (c) => (c.current.traits ? describeChange(c.current.value, c.base.value, c.current.traits) : null),
    }),
    relativeChange: t.field({
      type: "Decimal",
      nullable: true,
      description: "(current − comparison) / |comparison| as a fraction; null when the comparison is 0 or missing. For ratios read shownChange (percentage points).",
      resolve: (c) =>
        c.current.value && c.base.value && !c.base.value.isZero()
          ? formatDecimal(c.current.value.minus(c.base.value).div(c.base.value.abs()))
          : null,
    }),
  }),
});

interface Comparison {
  range: { from: string; to: string };
  complete: boolean;
  current: MetricValueResult;
  previousPeriod: ComparedValue;
  lastYear: ComparedValue;
}

const MetricComparisonRef = builder.objectRef<Comparison>("MetricComparison").implement({
  description: "A key over a period, against the previous period and the same period last year (SPEC §4.2).",
  fields: (t) => ({
    key: t.string({ description: "The key.", resolve: (c) => c.current.key }),
    from: t.field({ type: "Date", description: "The window read: the period's first day.", resolve: (c) => c.range.from }),
    to: t.field({ type: "Date", description: "The window read: the period's last day, or today while it is in progress (SPEC §4.2 \"Comparisons\").", resolve: (c) => c.range.to }),
    complete: t.boolean({ description: "True when the period is over (whole compared with whole); false while in progress (to date vs the same elapsed days).", resolve: (c) => c.complete }),
    unit: t.field({ description: "The unit of its values.", type: MetricUnitEnum, resolve: (c) => upper(c.current.unit) as never }),
    current: t.field({ description: "The value over the period asked for.", type: MetricValueRef, resolve: (c) => c.current }),
    previousPeriod: t.field({ description: "The period of the same length just before.", type: ComparedMetricValueRef, resolve: (c) => c.previousPeriod }),
    lastYear: t.field({ description: "The same dates one year earlier.", type: ComparedMetricValueRef, resolve: (c) => c.lastYear }),
  }),
});

const SeriesPointRef = builder.objectRef<SeriesPoint>("MetricSeriesPoint").implement({
  description: "One bucket of a series.",
  fields: (t) => ({
    from: t.field({ description: "First day of the bucket.", type: "Date", resolve: (p) => p.from }),
    to: t.field({ type: "Date", description: "Inclusive; first and last buckets are clipped to the range.", resolve: (p) => p.to }),
    value: t.field({ description: "The value over the bucket; null when undefined.", type: "Decimal", nullable: true, resolve: (p) => decimalOrNull(p.value) }),
    reason: t.string({ description: "Why value is null.", nullable: true, resolve: (p) => p.reason }),
  }),
});

const MetricSeriesRef = builder.objectRef<MetricSeries>("MetricSeries").implement({
  description: "One key over time in buckets.",
  fields: (t) => ({
    key: t.exposeString("key", { description: "The key." }),
    unit: t.field({ description: "The unit of its values.", type: MetricUnitEnum, resolve: (s) => upper(s.unit) as never }),
    grain: t.field({ description: "Bucket size.", type: SeriesGrainEnum, resolve: (s) => upper(s.grain) as never }),
    points: t.field({ description: "One point per bucket, in date order.", type: [SeriesPointRef], resolve: (s) => s.points }),
  }),
});

const BreakdownRowRef = builder.objectRef<BreakdownRow>("MetricBreakdownRow").implement({
  description: "The values of one channel (or channel and campaign).",
  fields: (t) => ({
    channel: t.exposeString("channel", { description: "The channel." }),
    campaign: t.string({ nullable: true, description: 'Campaign breakdowns only; "" = rows without a campaign.', resolve: (r) => r.campaign }),
    values: t.field({ description: "One value per key asked for, in order.", type: [MetricValueRef], resolve: (r) => r.values }),
  }),
});

// ---------------------------------------------------------------- catalog, settings

const MetricCatalogEntryRef = builder.objectRef<MetricCatalogEntry>("MetricCatalogEntry").implement({
  description: "A base measure or derived metric of the workspace's catalog (built in or custom).",
  fields: (t) => ({
    key: t.exposeString("key", { description: "The key used in queries, rows and formulas." }),
    kind: t.field({ description: "Base measure or derived metric.", type: MetricKindEnum, resolve: (e) => upper(e.kind) as never }),
    nameEn: t.string({ description: "Name in English.", resolve: (e) => e.name.en }),
    nameRu: t.string({ description: "Name in Russian.", resolve: (e) => e.name.ru }),
    formula: t.string({ description: "Derived metrics: the formula; null for measures.", nullable: true, resolve: (e) => e.formula }),
    unit: t.field({ description: "The unit of its values.", type: MetricUnitEnum, resolve: (e) => upper(e.unit) as never }),
    aggregation: t.field({ description: "Base measures: how they add up over a period; null for metrics.", type: MeasureAggregationEnum, nullable: true, resolve: (e) => (e.aggregation ? (upper(e.aggregation) as never) : null) }),
    class: t.field({ description: "Metrics: process or result; null for measures.", type: MetricClassEnum, nullable: true, resolve: (e) => (e.class ? (upper(e.class) as never) : null) }),
    multiple: t.boolean({
      description: "A ratio read as a multiple (LTV:CAC 3.2×, pipeline coverage 3×) rather than a percent; its changes are in percent, not percentage points.",
      resolve: (e) => metricTraits(e.key).multiple,
    }),
    direction: t.field({ description: "Whether higher or lower is better; null when neutral.", type: MetricDirectionEnum, nullable: true, resolve: (e) => (e.direction ? (upper(e.direction) as never) : null) }),
    custom: t.exposeBoolean("custom", { description: "Whether the workspace added it." }),
    problem: t.string({ nullable: true, description: "Custom metrics whose formula no longer compiles: why.", resolve: (e) => e.problem }),
    archived: t.boolean({
      description: "Custom measures: archived — hidden from the import mapping and the formula editor; its data and figures stay readable. False for everything else.",
      resolve: (e) => e.archived === true,
    }),
  }),
});

const MetricSettingsRef = builder.objectRef<MetricSettings>("MetricSettings").implement({
  description: "How catalog metrics are computed in this workspace (SPEC §4.2).",
  fields: (t) => ({
    ltvMethod: t.field({ description: "How LTV is computed.", type: LtvMethodEnum, resolve: (s) => upper(s.ltvMethod) as never }),
    orderValue: t.field({ type: "Decimal", nullable: true, description: "Repeat-purchase LTV: average order value.", resolve: (s) => decimalOrNull(s.orderValue) }),
    ordersPerYear: t.field({ description: "Repeat-purchase LTV: orders per customer per year.", type: "Decimal", nullable: true, resolve: (s) => decimalOrNull(s.ordersPerYear) }),
    years: t.field({ type: "Decimal", nullable: true, description: "Repeat-purchase LTV: customer lifetime in years.", resolve: (s) => decimalOrNull(s.years) }),
    fixedLtv: t.field({ description: "FIXED LTV: the value.", type: "Decimal", nullable: true, resolve: (s) => decimalOrNull(s.fixedLtv) }),
    grossMargin: t.field({ type: "Decimal", description: "A fraction in (0, 1]; default 1.", resolve: (s) => formatDecimal(s.grossMargin) }),
    romiBasis: t.field({ description: "What ROMI counts as return.", type: RomiBasisEnum, resolve: (s) => upper(s.romiBasis) as never }),
    engagementBasis: t.field({ description: "What engagement rate divides by.", type: EngagementBasisEnum, resolve: (s) => upper(s.engagementBasis) as never }),
    maxCustomerLifetimeMonths: t.field({
      type: "Decimal",
      nullable: true,
      description:
        "Subscription LTV: the longest customer lifetime assumed, in months (1…600, default 60); it caps LTV when churn is zero or tiny. Null = no cap: LTV without churn then has no value (reason NO_CHURN).",
      resolve: (s) => decimalOrNull(s.maxCustomerLifetimeMonths),
    }),
  }),
});

interface FormulaValidation {
  valid: boolean;
  unit: string | null;
  errors: { code: string; message: string; start: number; end: number }[];
  references: string[];
}

const FormulaErrorRef = builder.objectRef<FormulaValidation["errors"][number]>("FormulaError").implement({
  description: "A problem in a formula: source.slice(start, end) is the offending text (UTF-16 offsets).",
  fields: (t) => ({
    code: t.exposeString("code", { description: "A stable code for the problem." }),
    message: t.exposeString("message", { description: "What is wrong, in the caller's language." }),
    start: t.exposeInt("start", { description: "Offset of the offending text." }),
    end: t.exposeInt("end", { description: "Offset just past the offending text." }),
  }),
});

const FormulaValidationRef = builder.objectRef<FormulaValidation>("FormulaValidation").implement({
  description: "Whether a formula compiles, its unit, problems and what it refers to.",
  fields: (t) => ({
    valid: t.exposeBoolean("valid", { description: "Whether the formula can be saved." }),
    unit: t.field({ description: "The unit the formula yields; null when invalid.", type: MetricUnitEnum, nullable: true, resolve: (v) => (v.unit ? (upper(v.unit) as never) : null) }),
    errors: t.field({ description: "Problems found; empty when valid.", type: [FormulaErrorRef], resolve: (v) => v.errors }),
    references: t.exposeStringList("references", { description: "Measure and metric keys the formula uses." }),
  }),
});

// ---------------------------------------------------------------- Workspace fields

const read = (ws: Workspace) => ({ workspace: { workspaceId: ws.id, permission: "metrics.read" as const } });

builder.objectFields(WorkspaceRef, (t) => ({
  metricValues: t.field({
    type: [MetricValueRef],
    description:
      "Base measures and derived metrics (SPEC §4 keys, e.g. spend, cac, romi, ctr, and custom keys) over the inclusive date range; value null when undefined. SPEC §9.1.",
    authScopes: read,
    args: {
      keys: t.arg.stringList({ description: "SPEC §4 keys (e.g. spend, cac, romi, ctr) or custom ones.", required: true }),
      from: t.arg({ description: "First day, inclusive.", type: "Date", required: true }),
      to: t.arg({ description: "Last day, inclusive.", type: "Date", required: true }),
      channel: t.arg.string({ description: "Only this channel." }),
      campaign: t.arg.string({ description: "Only this campaign (\"\" = rows without a campaign)." }),
      group: t.arg.string({ description: "A channel group (paid, social, content, email, organic, referral, other): the workspace's channels in it." }),
    },
    resolve: async (ws, args, ctx) => {
      const today = localDateInTimeZone(ctx.now(), ws.timeZone);
      const result = await cachedRead(ctx, ws.id, "metricValues", { ...args, today }, () =>
        getMetricValues({ db: ctx.db, workspaceId: ws.id, keys: args.keys, from: args.from, to: args.to, channel: args.channel, campaign: args.campaign, group: groupArg(args.group), today }),
      );
      return result.current.values;
    },
  }),
  metricComparison: t.field({
    type: [MetricComparisonRef],
    description:
      "metricValues with the previous period and the same period last year, in one round trip. While the period is in progress it is read to today and compared with the same number of elapsed days of the previous period and of last year (SPEC §4.2 \"Comparisons\").",
    authScopes: read,
    args: {
      keys: t.arg.stringList({ description: "Measure or metric keys.", required: true }),
      from: t.arg({ description: "First day, inclusive.", type: "Date", required: true }),
      to: t.arg({ description: "Last day, inclusive.", type: "Date", required: true }),
      channel: t.arg.string({ description: "Only this channel." }),
      campaign: t.arg.string({ description: "Only this campaign (\"\" = rows without a campaign)." }),
      group: t.arg.string({ description: "A channel group (paid, social, content, email, organic, referral, other): the workspace's channels in it." }),
    },
    resolve: async (ws, args, ctx) => {
      const today = localDateInTimeZone(ctx.now(), ws.timeZone);
      const r = await cachedRead(ctx, ws.id, "metricComparison", { ...args, today }, () =>
        getMetricValues({
          today,
          db: ctx.db,
          workspaceId: ws.id,
          keys: args.keys,
          from: args.from,
          to: args.to,
          channel: args.channel,
          campaign: args.campaign,
          group: groupArg(args.group),
          compare: { previousPeriod: true, lastYear: true },
        }),
      );
      const compared = (period: PeriodValues, i: number, current: MetricValueResult): ComparedValue => ({ range: period.range, base: period.values[i], current });
      return r.current.values.map((current, i) => ({
        range: r.current.range,
        complete: today >= args.to,
        current,
        previousPeriod: compared(r.previousPeriod!, i, current),
        lastYear: compared(r.lastYear!, i, current),
      }));
    },
  }),
  metricSeries: t.field({
    type: MetricSeriesRef,
    description: "One key per day, ISO week or month (sparklines); each bucket computed like a period of its own.",
    authScopes: read,
    args: {
      key: t.arg.string({ description: "A measure or metric key.", required: true }),
      from: t.arg({ description: "First day, inclusive.", type: "Date", required: true }),
      to: t.arg({ description: "Last day, inclusive.", type: "Date", required: true }),
      grain: t.arg({ description: "Bucket size.", type: SeriesGrainEnum, required: true }),
      channel: t.arg.string({ description: "Only this channel." }),
      campaign: t.arg.string({ description: "Only this campaign (\"\" = rows without a campaign)." }),
      group: t.arg.string({ description: "A channel group (paid, social, content, email, organic, referral, other): the workspace's channels in it." }),
    },
    resolve: (ws, args, ctx) =>
      cachedRead(ctx, ws.id, "metricSeries", args, () =>
        getMetricSeries({
          db: ctx.db,
          workspaceId: ws.id,
          key: args.key,
          from: args.from,
          to: args.to,
          grain: lower(args.grain) as "day" | "week" | "month",
          channel: args.channel,
          campaign: args.campaign,
          group: groupArg(args.group),
        }),
      ),
  }),
  metricBreakdown: t.field({
    type: [BreakdownRowRef],
    description: "Keys per channel or per (channel, campaign) over the range, ordered by channel then campaign.",
    authScopes: read,
    args: {
      keys: t.arg.stringList({ description: "Measure or metric keys.", required: true }),
      from: t.arg({ description: "First day, inclusive.", type: "Date", required: true }),
      to: t.arg({ description: "Last day, inclusive.", type: "Date", required: true }),
      by: t.arg({ description: "Per channel or per campaign.", type: BreakdownDimensionEnum, required: true }),
      channel: t.arg.string({ description: "Restrict a campaign breakdown to one channel." }),
      group: t.arg.string({ description: "A channel group (paid, social, content, email, organic, referral, other): the workspace's channels in it." }),
    },
    resolve: (ws, args, ctx) =>
      cachedRead(ctx, ws.id, "metricBreakdown", args, () =>
        getMetricBreakdown({
          db: ctx.db,
          workspaceId: ws.id,
          keys: args.keys,
          from: args.from,
          to: args.to,
          by: lower(args.by) as "channel" | "campaign",
          channel: args.channel,
          group: groupArg(args.group),
        }),
      ),
  }),
  metricCatalog: t.field({
    type: [MetricCatalogEntryRef],
    description: "Base measures, derived metrics and the workspace's custom ones.",
    authScopes: read,
    // Cached per workspace data version (custom measures and metrics bump it): every page that names metrics reads it.
    resolve: (ws, _args, ctx) => catalogCache.get(ctx.db, ws.id, "catalog", async () => buildCatalog(await readMetricDefinitions(ctx.db, ws.id)), ctx.dataVersion(ws.id)),
  }),
  metricSettings: t.field({
    description: "How catalog metrics are computed here (metrics.read).",
    type: MetricSettingsRef,
    authScopes: read,
    resolve: async (ws, _args, ctx) => (await readMetricDefinitions(ctx.db, ws.id)).settings,
  }),
  validateMetricFormula: t.field({
    type: FormulaValidationRef,
    description: "Live validation of a custom metric formula (metricDefinition.manage); nothing is saved.",
    authScopes: (ws) => ({ workspace: { workspaceId: ws.id, permission: "metricDefinition.manage" } }),
    args: {
      formula: t.arg.string({ description: "The formula to check, e.g. revenue / spend.", required: true }),
      key: t.arg.string({ description: "The metric being edited (its stored formula is replaced for cycle checks)." }),
    },
    resolve: async (ws, args, ctx) => {
      const defs = await readMetricDefinitions(ctx.db, ws.id);
      const check = checkCustomMetricFormula(defs, args.key ?? "__new_metric__", args.formula);
      return { valid: check.ok, unit: check.unit, errors: check.errors, references: check.references };
    },
  }),
}));

// ---------------------------------------------------------------- mutations

const manage = async (ctx: { requirePermission: (w: string, p: "metricDefinition.manage") => Promise<unknown> }, raw: string) => {
  const workspaceId = parseWorkspaceId(raw, ["input", "workspaceId"]);
  await ctx.requirePermission(workspaceId, "metricDefinition.manage");
  return workspaceId;
};

const UpdateMetricSettingsInput = builder.inputType("UpdateMetricSettingsInput", {
  description: "Absent fields keep their value; null clears an optional parameter.",
  fields: (t) => ({
    workspaceId: t.id({ description: "The workspace (global id or UUID).", required: true }),
    ltvMethod: t.field({ description: "How LTV is computed.", type: LtvMethodEnum }),
    orderValue: t.field({ description: "Repeat-purchase LTV: average order value.", type: "Decimal" }),
    ordersPerYear: t.field({ description: "Repeat-purchase LTV: orders per customer per year.", type: "Decimal" }),
    years: t.field({ description: "Repeat-purchase LTV: customer lifetime in years.", type: "Decimal" }),
    fixedLtv: t.field({ description: "FIXED LTV: the value.", type: "Decimal" }),
    grossMargin: t.field({ description: "A fraction in (0, 1].", type: "Decimal" }),
    romiBasis: t.field({ description: "What ROMI counts as return.", type: RomiBasisEnum }),
    engagementBasis: t.field({ description: "What engagement rate divides by.", type: EngagementBasisEnum }),
    maxCustomerLifetimeMonths: t.field({
      type: "Decimal",
      description: "Maximum customer lifetime in months, 1…600 (SPEC §4.2); null removes the cap. Out of range is a field error, nothing saved.",
    }),
  }),
});

const MetricSettingsPayload = builder.objectRef<{ settings: MetricSettings }>("MetricSettingsPayload").implement({
  description: "The settings after a change.",
  fields: (t) => ({ settings: t.field({ description: "The settings.", type: MetricSettingsRef, resolve: (p) => p.settings }) }),
});

builder.mutationField("updateMetricSettings", (t) =>
  t.field({
    type: MetricSettingsPayload,
    description: "Changes LTV method, gross margin, ROMI and engagement bases (metricDefinition.manage).",
    args: { input: t.arg({ description: "The changes.", type: UpdateMetricSettingsInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const workspaceId = await manage(ctx, String(input.workspaceId));
      const { workspaceId: _, ...fields } = input;
      const change = Object.fromEntries(
        Object.entries(fields).map(([k, v]) => [k, typeof v === "string" && ["ltvMethod", "romiBasis", "engagementBasis"].includes(k) ? v.toLowerCase() : v]),
      );
      return { settings: await updateMetricSettings(ctx.db, { workspaceId, input: change, actor: actorOf(ctx.viewer!) }) };
    },
  }),
);

const CreateCustomMetricInput = builder.inputType("CreateCustomMetricInput", {
  description: "A new derived metric: a formula over measures and metrics.",
  fields: (t) => ({
    workspaceId: t.id({ description: "The workspace (global id or UUID).", required: true }),
    key: t.string({ required: true, description: "snake_case, unique in the workspace; formulas reference it." }),
    nameEn: t.string({ description: "Name in English.", required: true }),
    nameRu: t.string({ description: "Defaults to nameEn." }),
    formula: t.string({ required: true, description: "Arithmetic over measure and metric keys, numbers, parentheses and prev(x)." }),
    class: t.field({ description: "Process (diagnoses) or result (evaluates).", type: MetricClassEnum }),
    direction: t.field({ description: "Whether higher or lower is better.", type: MetricDirectionEnum }),
  }),
});

const UpdateCustomMetricInput = builder.inputType("UpdateCustomMetricInput", {
  description: "Changes to a custom metric; absent fields keep their value.",
  fields: (t) => ({
    workspaceId: t.id({ description: "The workspace (global id or UUID).", required: true }),
    key: t.string({ required: true, description: "The metric to change (keys do not change)." }),
    nameEn: t.string({ description: "Name in English." }),
    nameRu: t.string({ description: "Name in Russian." }),
    formula: t.string({ description: "A new formula (validated like validateMetricFormula)." }),
    class: t.field({ description: "Process or result.", type: MetricClassEnum }),
    direction: t.field({ description: "Whether higher or lower is better.", type: MetricDirectionEnum }),
  }),
});

const CustomMetricPayload = builder.objectRef<{ metric: MetricCatalogEntry }>("CustomMetricPayload").implement({
  description: "A custom metric after a change.",
  fields: (t) => ({ metric: t.field({ description: "The metric.", type: MetricCatalogEntryRef, resolve: (p) => p.metric }) }),
});

const DeleteCustomKeyInput = builder.inputType("DeleteCustomMetricInput", {
  description: "The custom metric to delete.",
  fields: (t) => ({ workspaceId: t.id({ description: "The workspace (global id or UUID).", required: true }), key: t.string({ description: "Its key.", required: true }) }),
});
const DeleteCustomMeasureInput = builder.inputType("DeleteCustomMeasureInput", {
  description: "The custom measure to delete.",
  fields: (t) => ({ workspaceId: t.id({ description: "The workspace (global id or UUID).", required: true }), key: t.string({ description: "Its key.", required: true }) }),
});

const DeletedKeyPayload = builder.objectRef<{ key: string }>("DeletedMetricKeyPayload").implement({
  description: "The key of what was deleted.",
  fields: (t) => ({ key: t.exposeString("key", { description: "The deleted key." }) }),
});

const metricEntry = (m: Awaited<ReturnType<typeof createCustomMetric>>): MetricCatalogEntry => ({
  key: m.key,
  kind: "metric",
  name: m.name,
  formula: m.formula,
  unit: m.unit,
  aggregation: null,
  class: m.class,
  direction: m.direction,
  custom: true,
  id: m.id,
  problem: null,
});

/** The fields both custom-metric mutations pass on: the same names, enums lower-cased. */
const customMetricFields = <
  I extends {
    key: string;
    nameEn?: string | null;
    nameRu?: string | null;
    formula?: string | null;
    class?: string | null;
    direction?: string | null;
  },
>(
  input: I,
): Pick<I, "key" | "nameEn" | "nameRu" | "formula"> & {
  class: "process" | "result" | undefined;
  direction: "higher" | "lower" | undefined;
} => ({
  key: input.key,
  nameEn: input.nameEn,
  nameRu: input.nameRu,
  formula: input.formula,
  class: input.class ? (lower(input.class) as "process" | "result") : undefined,
  direction: input.direction ? (lower(input.direction) as "higher" | "lower") : undefined,
});

builder.mutationField("createCustomMetric", (t) =>
  t.field({
    type: CustomMetricPayload,
    description:
      "Adds a custom derived metric (metricDefinition.manage). Formula errors come back in extensions.fieldErrors with code and position {start, end}; nothing is saved on error.",
    args: { input: t.arg({ description: "The metric to add.", type: CreateCustomMetricInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const workspaceId = await manage(ctx, String(input.workspaceId));
      const metric = await createCustomMetric(ctx.db, {
        workspaceId,
        actor: actorOf(ctx.viewer!),
        input: customMetricFields(input),
      });
      return { metric: metricEntry(metric) };
    },
  }),
);

builder.mutationField("updateCustomMetric", (t) =>
  t.field({
    type: CustomMetricPayload,
    description: "Changes a custom metric's names, formula, class or direction (metricDefinition.manage).",
    args: { input: t.arg({ description: "The changes.", type: UpdateCustomMetricInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const workspaceId = await manage(ctx, String(input.workspaceId));
      const metric = await updateCustomMetric(ctx.db, {
        workspaceId,
        actor: actorOf(ctx.viewer!),
        input: customMetricFields(input),
      });
      return { metric: metricEntry(metric) };
    },
  }),
);

builder.mutationField("deleteCustomMetric", (t) =>
  t.field({
    type: DeletedKeyPayload,
    description: "Deletes a custom metric no other custom metric reads (metricDefinition.manage).",
    args: { input: t.arg({ description: "The metric to delete.", type: DeleteCustomKeyInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const workspaceId = await manage(ctx, String(input.workspaceId));
      return underInput(() => deleteCustomMetric(ctx.db, { workspaceId, key: input.key, actor: actorOf(ctx.viewer!) }));
    },
  }),
);

const CreateCustomMeasureInput = builder.inputType("CreateCustomMeasureInput", {
  description: "A new base measure of the workspace (ingested like the built-in ones).",
  fields: (t) => ({
    workspaceId: t.id({ description: "The workspace (global id or UUID).", required: true }),
    key: t.string({ description: "Key used in rows and formulas (lower-case snake_case, not a built-in key).", required: true }),
    nameEn: t.string({ description: "Name in English.", required: true }),
    nameRu: t.string({ description: "Name in Russian." }),
    unit: t.field({ type: MetricUnitEnum, required: true, description: "MONEY or COUNT." }),
    aggregation: t.field({ type: MeasureAggregationEnum, description: "Default FLOW." }),
  }),
});

const CustomMeasurePayload = builder.objectRef<{ measure: MetricCatalogEntry }>("CustomMeasurePayload").implement({
  description: "A custom measure after a change.",
  fields: (t) => ({ measure: t.field({ description: "The measure.", type: MetricCatalogEntryRef, resolve: (p) => p.measure }) }),
});

builder.mutationField("createCustomMeasure", (t) =>
  t.field({
    type: CustomMeasurePayload,
    description: "Adds a custom base measure that can be ingested and used in formulas (metricDefinition.manage).",
    args: { input: t.arg({ description: "The measure to add.", type: CreateCustomMeasureInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const workspaceId = await manage(ctx, String(input.workspaceId));
      const m = await createCustomMeasure(ctx.db, {
        workspaceId,
        actor: actorOf(ctx.viewer!),
        input: {
          key: input.key,
          nameEn: input.nameEn,
          nameRu: input.nameRu,
          unit: lower(input.unit) as "money",
          aggregation: input.aggregation ? (lower(input.aggregation) as "flow") : undefined,
        },
      });
      const measure: MetricCatalogEntry = { key: m.key, kind: "measure", name: m.name, formula: null, unit: m.unit, aggregation: m.aggregation, class: null, direction: null, custom: true, id: m.id, problem: null };
      return { measure };
    },
  }),
);

builder.mutationField("deleteCustomMeasure", (t) =>
  t.field({
    type: DeletedKeyPayload,
    description: "Deletes a custom measure that has no data and no formula reading it (metricDefinition.manage).",
    args: { input: t.arg({ description: "The measure to delete.", type: DeleteCustomMeasureInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const workspaceId = await manage(ctx, String(input.workspaceId));
      return underInput(() => deleteCustomMeasure(ctx.db, { workspaceId, key: input.key, actor: actorOf(ctx.viewer!) }));
    },
  }),
);

const measureEntry = (m: Awaited<ReturnType<typeof updateCustomMeasure>>): MetricCatalogEntry => ({
  key: m.key,
  kind: "measure",
  name: m.name,
  formula: null,
  unit: m.unit,
  aggregation: m.aggregation,
  class: null,
  direction: null,
  custom: true,
  id: m.id,
  problem: null,
  archived: m.archived === true,
});

const UpdateCustomMeasureInput = builder.inputType("UpdateCustomMeasureInput", {
  description:
    "Changes to a custom base measure; omitted fields stay. Names may always change; unit and flow/stock only while the measure has no data and no KPI or custom metric reads it (history was checked and aggregated under them). The key never changes.",
  fields: (t) => ({
    workspaceId: t.id({ description: "The workspace (global id or UUID).", required: true }),
    key: t.string({ description: "The measure's key.", required: true }),
    nameEn: t.string({ description: "New name in English." }),
    nameRu: t.string({ description: "New name in Russian; null: the English name." }),
    unit: t.field({ type: MetricUnitEnum, description: "MONEY or COUNT (only without data and readers)." }),
    aggregation: t.field({ type: MeasureAggregationEnum, description: "FLOW, STOCK_START or STOCK_END (only without data and readers)." }),
  }),
});

const ArchiveCustomMeasureInput = builder.inputType("ArchiveCustomMeasureInput", {
  description: "The custom measure to archive or bring back.",
  fields: (t) => ({
    workspaceId: t.id({ description: "The workspace (global id or UUID).", required: true }),
    key: t.string({ description: "The measure's key.", required: true }),
  }),
});

builder.mutationField("updateCustomMeasure", (t) =>
  t.field({
    type: CustomMeasurePayload,
    description: "Changes a custom base measure's names, unit or flow/stock (metricDefinition.manage); see UpdateCustomMeasureInput for what may change when.",
    args: { input: t.arg({ description: "The changes.", type: UpdateCustomMeasureInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const workspaceId = await manage(ctx, String(input.workspaceId));
      const m = await updateCustomMeasure(ctx.db, {
        workspaceId,
        actor: actorOf(ctx.viewer!),
        input: {
          key: input.key,
          nameEn: input.nameEn ?? undefined,
          nameRu: input.nameRu,
          unit: input.unit ? (lower(input.unit) as "money") : undefined,
          aggregation: input.aggregation ? (lower(input.aggregation) as "flow") : undefined,
        },
      });
      return { measure: measureEntry(m) };
    },
  }),
);

builder.mutationField("archiveCustomMeasure", (t) =>
  t.field({
    type: CustomMeasurePayload,
    description:
      "Archives a custom base measure (metricDefinition.manage): hidden from the import mapping and the formula editor, its data and figures kept. Refused (BAD_USER_INPUT, reason ARCHIVE_MEASURE_USED_BY_KPIS) while a KPI reads it directly or through a custom metric.",
    args: { input: t.arg({ description: "The measure to archive.", type: ArchiveCustomMeasureInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const workspaceId = await manage(ctx, String(input.workspaceId));
      return { measure: measureEntry(await setCustomMeasureArchived(ctx.db, { workspaceId, key: input.key, archived: true, actor: actorOf(ctx.viewer!) })) };
    },
  }),
);

builder.mutationField("unarchiveCustomMeasure", (t) =>
  t.field({
    type: CustomMeasurePayload,
    description: "Brings an archived custom base measure back into the import mapping and the formula editor (metricDefinition.manage).",
    args: { input: t.arg({ description: "The measure to bring back.", type: ArchiveCustomMeasureInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const workspaceId = await manage(ctx, String(input.workspaceId));
      return { measure: measureEntry(await setCustomMeasureArchived(ctx.db, { workspaceId, key: input.key, archived: false, actor: actorOf(ctx.viewer!) })) };
    },
  }),
);
