import { type ChannelGroup, parseGroupArgument } from "@/lib/channel-groups/channel-groups";
import { AppError } from "@/lib/errors/app-error";
import { createVersionedCache } from "@/lib/data-version/data-version-cache";
import { checkCustomMetricFormula, formulaProblemText } from "@/lib/metric-store/check-custom-metric-formula";
import { getMetricBreakdown } from "@/lib/metric-store/get-metric-breakdown";
import { buildCatalog, type MetricCatalogEntry } from "@/lib/metric-store/get-metric-catalog";
import { getMetricSeries } from "@/lib/metric-store/get-metric-series";
import { getMetricValues, type MetricValueResult, type PeriodValues } from "@/lib/metric-store/get-metric-values";
import { readMetricDefinitions } from "@/lib/metric-store/load-metric-definitions";
import { localDateInTimeZone } from "@/lib/periods/local-date-in-time-zone";
import type { GraphQLContext } from "../context";
import { builder } from "../builder";
import { onWorkspace } from "../authz";
import { WorkspaceRef } from "./workspace";
import { FormulaValidationRef, MetricCatalogEntryRef, MetricSettingsRef } from "./metric-catalog";
import { BreakdownDimensionEnum, SeriesGrainEnum, lower } from "./metric-enums";
import {
  BreakdownRowRef,
  type ComparedValue,
  MetricComparisonRef,
  MetricSeriesRef,
  MetricValueRef,
} from "./metric-values";

/** Built catalogs by workspace and data version (lib/data-version/data-version-cache.ts). */
const catalogCache = createVersionedCache<MetricCatalogEntry[]>(256);
export const metricReadCache = createVersionedCache<unknown>(512);

/**
 * Page renders (read-only contexts, which read the workspace's data version once) reuse a
 * metric read while the workspace's data is unchanged — exact, see scorecard-cache.ts. API
 * calls always compute (no extra version read on their path).
 */
function cachedRead<T>(
  ctx: GraphQLContext,
  workspaceId: string,
  field: string,
  args: object,
  load: () => Promise<T>,
): Promise<T> {
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

// ---------------------------------------------------------------- Workspace fields

const read = onWorkspace("metrics.read");

builder.objectFields(WorkspaceRef, (t) => ({
  metricValues: t.field({
    type: [MetricValueRef],
    description:
      "Base measures and derived metrics (SPEC §4 keys, e.g. spend, cac, romi, ctr, and custom keys) over the inclusive date range; value null when undefined. SPEC §9.1.",
    authScopes: read,
    args: {
      keys: t.arg.stringList({
        description: "SPEC §4 keys (e.g. spend, cac, romi, ctr) or custom ones.",
        required: true,
      }),
      from: t.arg({ description: "First day, inclusive.", type: "Date", required: true }),
      to: t.arg({ description: "Last day, inclusive.", type: "Date", required: true }),
      channel: t.arg.string({ description: "Only this channel." }),
      campaign: t.arg.string({ description: 'Only this campaign ("" = rows without a campaign).' }),
      group: t.arg.string({
        description:
          "A channel group (paid, social, content, email, organic, referral, other): the workspace's channels in it.",
      }),
    },
    resolve: async (ws, args, ctx) => {
      const today = localDateInTimeZone(ctx.now(), ws.timeZone);
      const result = await cachedRead(ctx, ws.id, "metricValues", { ...args, today }, () =>
        getMetricValues(ctx.db, {
          workspaceId: ws.id,
          keys: args.keys,
          from: args.from,
          to: args.to,
          channel: args.channel,
          campaign: args.campaign,
          group: groupArg(args.group),
          today,
        }),
      );
      return result.current.values;
    },
  }),
  metricComparison: t.field({
    type: [MetricComparisonRef],
    description:
      'metricValues with the previous period and the same period last year, in one round trip. While the period is in progress it is read to today and compared with the same number of elapsed days of the previous period and of last year (SPEC §4.2 "Comparisons").',
    authScopes: read,
    args: {
      keys: t.arg.stringList({ description: "Measure or metric keys.", required: true }),
      from: t.arg({ description: "First day, inclusive.", type: "Date", required: true }),
      to: t.arg({ description: "Last day, inclusive.", type: "Date", required: true }),
      channel: t.arg.string({ description: "Only this channel." }),
      campaign: t.arg.string({ description: 'Only this campaign ("" = rows without a campaign).' }),
      group: t.arg.string({
        description:
          "A channel group (paid, social, content, email, organic, referral, other): the workspace's channels in it.",
      }),
    },
    resolve: async (ws, args, ctx) => {
      const today = localDateInTimeZone(ctx.now(), ws.timeZone);
      const r = await cachedRead(ctx, ws.id, "metricComparison", { ...args, today }, () =>
        getMetricValues(ctx.db, {
          today,
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
      const compared = (period: PeriodValues, i: number, current: MetricValueResult): ComparedValue => ({
        range: period.range,
        base: period.values[i],
        current,
      });
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
      campaign: t.arg.string({ description: 'Only this campaign ("" = rows without a campaign).' }),
      group: t.arg.string({
        description:
          "A channel group (paid, social, content, email, organic, referral, other): the workspace's channels in it.",
      }),
    },
    resolve: (ws, args, ctx) =>
      cachedRead(ctx, ws.id, "metricSeries", args, () =>
        getMetricSeries(ctx.db, {
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
      group: t.arg.string({
        description:
          "A channel group (paid, social, content, email, organic, referral, other): the workspace's channels in it.",
      }),
    },
    resolve: (ws, args, ctx) =>
      cachedRead(ctx, ws.id, "metricBreakdown", args, () =>
        getMetricBreakdown(ctx.db, {
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
    resolve: (ws, _args, ctx) =>
      catalogCache.get(
        ctx.db,
        ws.id,
        "catalog",
        async () => buildCatalog(await readMetricDefinitions(ctx.db, ws.id)),
        ctx.dataVersion(ws.id),
      ),
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
    authScopes: onWorkspace("metricDefinition.manage"),
    args: {
      formula: t.arg.string({ description: "The formula to check, e.g. revenue / spend.", required: true }),
      key: t.arg.string({ description: "The metric being edited (its stored formula is replaced for cycle checks)." }),
    },
    resolve: async (ws, args, ctx) => {
      const defs = await readMetricDefinitions(ctx.db, ws.id);
      const check = checkCustomMetricFormula(defs, args.key ?? "__new_metric__", args.formula);
      return {
        valid: check.ok,
        unit: check.unit,
        errors: check.errors.map((e) => ({ ...e, message: formulaProblemText(e, ctx.meta.locale) })),
        references: check.references,
      };
    },
  }),
}));
