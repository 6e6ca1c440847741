import { actorOf } from "@/lib/audit/actor";
import { type ChannelGroup, parseGroupArgument } from "@/lib/channel-groups/channel-groups";
import { AppError } from "@/lib/errors/app-error";
import { createVersionedCache } from "@/lib/scorecard-service/scorecard-cache";
import type { Workspace } from "@/generated/prisma/client";
import { checkCustomMetricFormula } from "@/lib/metric-store/check-custom-metric-formula";
import { createCustomMeasure } from "@/lib/metric-store/create-custom-measure";
import { createCustomMetric } from "@/lib/metric-store/create-custom-metric";
import { deleteCustomMeasure } from "@/lib/metric-store/delete-custom-measure";
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
  if (!parsed.ok) throw AppError.badInput(["group"], parsed.message);
  return parsed.group;
}

const upper = <T extends string>(v: T) => v.toUpperCase();
const lower = <T extends string>(v: T) => v.toLowerCase();

export const MetricUnitEnum = builder.enumType("MetricUnit", {
  description: "Unit of a value. Ratios are fractions (0.25 = 25 %); the UI formats them.",
  values: ["MONEY", "COUNT", "RATIO", "MONTHS"] as const,
});
const MetricKindEnum = builder.enumType("MetricKind", {
  description: "A base measure (ingested daily, SPEC §4.1) or a derived metric (a formula, SPEC §4.2).",
  values: ["MEASURE", "METRIC"] as const,
});
const MeasureAggregationEnum = builder.enumType("MeasureAggregation", {
  description: "FLOW: summed over the period; STOCK_START / STOCK_END: the level on the first / last day with data.",
  values: ["FLOW", "STOCK_START", "STOCK_END"] as const,
});
const MetricClassEnum = builder.enumType("MetricClass", {
  description: "PROCESS metrics diagnose, RESULT metrics evaluate (SPEC §1).",
  values: ["PROCESS", "RESULT"] as const,
});
const MetricDirectionEnum = builder.enumType("MetricDirection", { values: ["HIGHER", "LOWER"] as const });
const SeriesGrainEnum = builder.enumType("MetricSeriesGrain", {
  description: "Buckets of a series: days, ISO weeks (Monday first) or calendar months of the workspace's local dates.",
  values: ["DAY", "WEEK", "MONTH"] as const,
});
const BreakdownDimensionEnum = builder.enumType("MetricBreakdownDimension", { values: ["CHANNEL", "CAMPAIGN"] as const });
const LtvMethodEnum = builder.enumType("LtvMethod", { values: ["SUBSCRIPTION", "REPEAT_PURCHASE", "FIXED"] as const });
const RomiBasisEnum = builder.enumType("RomiBasis", { values: ["REVENUE", "GROSS_PROFIT"] as const });
const EngagementBasisEnum = builder.enumType("EngagementBasis", { values: ["REACH", "IMPRESSIONS", "FOLLOWERS"] as const });

const decimalOrNull = (d: Decimal | null | undefined) => (d === null || d === undefined ? null : formatDecimal(d));

// ---------------------------------------------------------------- values

/** SPEC §9.1 `type MetricValue { key: String!  value: Decimal  reason: String }`, plus its unit. */
const MetricValueRef = builder.objectRef<MetricValueResult>("MetricValue").implement({
  description: "A key's value over a period; value null (with a reason) when undefined, e.g. a zero denominator.",
  fields: (t) => ({
    key: t.exposeString("key"),
    value: t.field({ type: "Decimal", nullable: true, resolve: (v) => decimalOrNull(v.value) }),
    reason: t.string({
      nullable: true,
      description: "Why value is null: NO_DATA, NO_DATA:<measure>, ZERO_DENOMINATOR:<denominator>, NO_TARGET, MISSING_SETTING:<field>, INVALID_FORMULA…",
      resolve: (v) => v.reason,
    }),
    unit: t.field({ type: MetricUnitEnum, resolve: (v) => upper(v.unit) as never }),
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
    from: t.field({ type: "Date", resolve: (c) => c.range.from }),
    to: t.field({ type: "Date", resolve: (c) => c.range.to }),
    value: t.field({ type: "Decimal", nullable: true, resolve: (c) => decimalOrNull(c.base.value) }),
    reason: t.string({ nullable: true, resolve: (c) => c.base.reason }),
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
    key: t.string({ resolve: (c) => c.current.key }),
    from: t.field({ type: "Date", description: "The window read: the period's first day.", resolve: (c) => c.range.from }),
    to: t.field({ type: "Date", description: "The window read: the period's last day, or today while it is in progress (SPEC §4.2 \"Comparisons\").", resolve: (c) => c.range.to }),
    complete: t.boolean({ description: "True when the period is over (whole compared with whole); false while in progress (to date vs the same elapsed days).", resolve: (c) => c.complete }),
    unit: t.field({ type: MetricUnitEnum, resolve: (c) => upper(c.current.unit) as never }),
    current: t.field({ type: MetricValueRef, resolve: (c) => c.current }),
    previousPeriod: t.field({ type: ComparedMetricValueRef, resolve: (c) => c.previousPeriod }),
    lastYear: t.field({ type: ComparedMetricValueRef, resolve: (c) => c.lastYear }),
  }),
});

const SeriesPointRef = builder.objectRef<SeriesPoint>("MetricSeriesPoint").implement({
  fields: (t) => ({
    from: t.field({ type: "Date", resolve: (p) => p.from }),
    to: t.field({ type: "Date", description: "Inclusive; first and last buckets are clipped to the range.", resolve: (p) => p.to }),
    value: t.field({ type: "Decimal", nullable: true, resolve: (p) => decimalOrNull(p.value) }),
    reason: t.string({ nullable: true, resolve: (p) => p.reason }),
  }),
});

const MetricSeriesRef = builder.objectRef<MetricSeries>("MetricSeries").implement({
  fields: (t) => ({
    key: t.exposeString("key"),
    unit: t.field({ type: MetricUnitEnum, resolve: (s) => upper(s.unit) as never }),
    grain: t.field({ type: SeriesGrainEnum, resolve: (s) => upper(s.grain) as never }),
    points: t.field({ type: [SeriesPointRef], resolve: (s) => s.points }),
  }),
});

const BreakdownRowRef = builder.objectRef<BreakdownRow>("MetricBreakdownRow").implement({
  fields: (t) => ({
    channel: t.exposeString("channel"),
    campaign: t.string({ nullable: true, description: 'Campaign breakdowns only; "" = rows without a campaign.', resolve: (r) => r.campaign }),
    values: t.field({ type: [MetricValueRef], resolve: (r) => r.values }),
  }),
});

// ---------------------------------------------------------------- catalog, settings

const MetricCatalogEntryRef = builder.objectRef<MetricCatalogEntry>("MetricCatalogEntry").implement({
  description: "A base measure or derived metric of the workspace's catalog (built in or custom).",
  fields: (t) => ({
    key: t.exposeString("key"),
    kind: t.field({ type: MetricKindEnum, resolve: (e) => upper(e.kind) as never }),
    nameEn: t.string({ resolve: (e) => e.name.en }),
    nameRu: t.string({ resolve: (e) => e.name.ru }),
    formula: t.string({ nullable: true, resolve: (e) => e.formula }),
    unit: t.field({ type: MetricUnitEnum, resolve: (e) => upper(e.unit) as never }),
    aggregation: t.field({ type: MeasureAggregationEnum, nullable: true, resolve: (e) => (e.aggregation ? (upper(e.aggregation) as never) : null) }),
    class: t.field({ type: MetricClassEnum, nullable: true, resolve: (e) => (e.class ? (upper(e.class) as never) : null) }),
    multiple: t.boolean({
      description: "A ratio read as a multiple (LTV:CAC 3.2×, pipeline coverage 3×) rather than a percent; its changes are in percent, not percentage points.",
      resolve: (e) => metricTraits(e.key).multiple,
    }),
    direction: t.field({ type: MetricDirectionEnum, nullable: true, resolve: (e) => (e.direction ? (upper(e.direction) as never) : null) }),
    custom: t.exposeBoolean("custom"),
    problem: t.string({ nullable: true, description: "Custom metrics whose formula no longer compiles: why.", resolve: (e) => e.problem }),
  }),
});

const MetricSettingsRef = builder.objectRef<MetricSettings>("MetricSettings").implement({
  description: "How catalog metrics are computed in this workspace (SPEC §4.2).",
  fields: (t) => ({
    ltvMethod: t.field({ type: LtvMethodEnum, resolve: (s) => upper(s.ltvMethod) as never }),
    orderValue: t.field({ type: "Decimal", nullable: true, description: "Repeat-purchase LTV: average order value.", resolve: (s) => decimalOrNull(s.orderValue) }),
    ordersPerYear: t.field({ type: "Decimal", nullable: true, resolve: (s) => decimalOrNull(s.ordersPerYear) }),
    years: t.field({ type: "Decimal", nullable: true, description: "Repeat-purchase LTV: customer lifetime in years.", resolve: (s) => decimalOrNull(s.years) }),
    fixedLtv: t.field({ type: "Decimal", nullable: true, resolve: (s) => decimalOrNull(s.fixedLtv) }),
    grossMargin: t.field({ type: "Decimal", description: "A fraction in (0, 1]; default 1.", resolve: (s) => formatDecimal(s.grossMargin) }),
    romiBasis: t.field({ type: RomiBasisEnum, resolve: (s) => upper(s.romiBasis) as never }),
    engagementBasis: t.field({ type: EngagementBasisEnum, resolve: (s) => upper(s.engagementBasis) as never }),
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
    code: t.exposeString("code"),
    message: t.exposeString("message"),
    start: t.exposeInt("start"),
    end: t.exposeInt("end"),
  }),
});

const FormulaValidationRef = builder.objectRef<FormulaValidation>("FormulaValidation").implement({
  fields: (t) => ({
    valid: t.exposeBoolean("valid"),
    unit: t.field({ type: MetricUnitEnum, nullable: true, resolve: (v) => (v.unit ? (upper(v.unit) as never) : null) }),
    errors: t.field({ type: [FormulaErrorRef], resolve: (v) => v.errors }),
    references: t.exposeStringList("references"),
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
      keys: t.arg.stringList({ required: true }),
      from: t.arg({ type: "Date", required: true }),
      to: t.arg({ type: "Date", required: true }),
      channel: t.arg.string(),
      campaign: t.arg.string(),
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
      keys: t.arg.stringList({ required: true }),
      from: t.arg({ type: "Date", required: true }),
      to: t.arg({ type: "Date", required: true }),
      channel: t.arg.string(),
      campaign: t.arg.string(),
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
      key: t.arg.string({ required: true }),
      from: t.arg({ type: "Date", required: true }),
      to: t.arg({ type: "Date", required: true }),
      grain: t.arg({ type: SeriesGrainEnum, required: true }),
      channel: t.arg.string(),
      campaign: t.arg.string(),
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
      keys: t.arg.stringList({ required: true }),
      from: t.arg({ type: "Date", required: true }),
      to: t.arg({ type: "Date", required: true }),
      by: t.arg({ type: BreakdownDimensionEnum, required: true }),
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
    type: MetricSettingsRef,
    authScopes: read,
    resolve: async (ws, _args, ctx) => (await readMetricDefinitions(ctx.db, ws.id)).settings,
  }),
  validateMetricFormula: t.field({
    type: FormulaValidationRef,
    description: "Live validation of a custom metric formula (metricDefinition.manage); nothing is saved.",
    authScopes: (ws) => ({ workspace: { workspaceId: ws.id, permission: "metricDefinition.manage" } }),
    args: {
      formula: t.arg.string({ required: true }),
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
    workspaceId: t.id({ required: true }),
    ltvMethod: t.field({ type: LtvMethodEnum }),
    orderValue: t.field({ type: "Decimal" }),
    ordersPerYear: t.field({ type: "Decimal" }),
    years: t.field({ type: "Decimal" }),
    fixedLtv: t.field({ type: "Decimal" }),
    grossMargin: t.field({ type: "Decimal" }),
    romiBasis: t.field({ type: RomiBasisEnum }),
    engagementBasis: t.field({ type: EngagementBasisEnum }),
    maxCustomerLifetimeMonths: t.field({
      type: "Decimal",
      description: "Maximum customer lifetime in months, 1…600 (SPEC §4.2); null removes the cap. Out of range is a field error, nothing saved.",
    }),
  }),
});

const MetricSettingsPayload = builder.objectRef<{ settings: MetricSettings }>("MetricSettingsPayload").implement({
  fields: (t) => ({ settings: t.field({ type: MetricSettingsRef, resolve: (p) => p.settings }) }),
});

builder.mutationField("updateMetricSettings", (t) =>
  t.field({
    type: MetricSettingsPayload,
    description: "Changes LTV method, gross margin, ROMI and engagement bases (metricDefinition.manage).",
    args: { input: t.arg({ type: UpdateMetricSettingsInput, required: true }) },
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
  fields: (t) => ({
    workspaceId: t.id({ required: true }),
    key: t.string({ required: true, description: "snake_case, unique in the workspace; formulas reference it." }),
    nameEn: t.string({ required: true }),
    nameRu: t.string({ description: "Defaults to nameEn." }),
    formula: t.string({ required: true, description: "Arithmetic over measure and metric keys, numbers, parentheses and prev(x)." }),
    class: t.field({ type: MetricClassEnum }),
    direction: t.field({ type: MetricDirectionEnum }),
  }),
});

const UpdateCustomMetricInput = builder.inputType("UpdateCustomMetricInput", {
  fields: (t) => ({
    workspaceId: t.id({ required: true }),
    key: t.string({ required: true, description: "The metric to change (keys do not change)." }),
    nameEn: t.string(),
    nameRu: t.string(),
    formula: t.string(),
    class: t.field({ type: MetricClassEnum }),
    direction: t.field({ type: MetricDirectionEnum }),
  }),
});

const CustomMetricPayload = builder.objectRef<{ metric: MetricCatalogEntry }>("CustomMetricPayload").implement({
  fields: (t) => ({ metric: t.field({ type: MetricCatalogEntryRef, resolve: (p) => p.metric }) }),
});

const DeleteCustomKeyInput = builder.inputType("DeleteCustomMetricInput", {
  fields: (t) => ({ workspaceId: t.id({ required: true }), key: t.string({ required: true }) }),
});
const DeleteCustomMeasureInput = builder.inputType("DeleteCustomMeasureInput", {
  fields: (t) => ({ workspaceId: t.id({ required: true }), key: t.string({ required: true }) }),
});

const DeletedKeyPayload = builder.objectRef<{ key: string }>("DeletedMetricKeyPayload").implement({
  fields: (t) => ({ key: t.exposeString("key") }),
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
    args: { input: t.arg({ type: CreateCustomMetricInput, required: true }) },
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
    args: { input: t.arg({ type: UpdateCustomMetricInput, required: true }) },
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
    args: { input: t.arg({ type: DeleteCustomKeyInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const workspaceId = await manage(ctx, String(input.workspaceId));
      return underInput(() => deleteCustomMetric(ctx.db, { workspaceId, key: input.key, actor: actorOf(ctx.viewer!) }));
    },
  }),
);

const CreateCustomMeasureInput = builder.inputType("CreateCustomMeasureInput", {
  fields: (t) => ({
    workspaceId: t.id({ required: true }),
    key: t.string({ required: true }),
    nameEn: t.string({ required: true }),
    nameRu: t.string(),
    unit: t.field({ type: MetricUnitEnum, required: true, description: "MONEY or COUNT." }),
    aggregation: t.field({ type: MeasureAggregationEnum, description: "Default FLOW." }),
  }),
});

const CustomMeasurePayload = builder.objectRef<{ measure: MetricCatalogEntry }>("CustomMeasurePayload").implement({
  fields: (t) => ({ measure: t.field({ type: MetricCatalogEntryRef, resolve: (p) => p.measure }) }),
});

builder.mutationField("createCustomMeasure", (t) =>
  t.field({
    type: CustomMeasurePayload,
    description: "Adds a custom base measure that can be ingested and used in formulas (metricDefinition.manage).",
    args: { input: t.arg({ type: CreateCustomMeasureInput, required: true }) },
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
    args: { input: t.arg({ type: DeleteCustomMeasureInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const workspaceId = await manage(ctx, String(input.workspaceId));
      return underInput(() => deleteCustomMeasure(ctx.db, { workspaceId, key: input.key, actor: actorOf(ctx.viewer!) }));
    },
  }),
);

