import "server-only";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import type { MetricUnit } from "@/lib/metrics/metric-definition";
import type { Decimal } from "@/lib/metrics/decimal";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { addDays, addMonths, daysInclusive, endOfMonth, startOfIsoWeek, startOfMonth } from "@/lib/periods/local-date";
import type { MetricFilter } from "./get-metric-values";
import { loadMetricDefinitions } from "./load-metric-definitions";
import { computeKeyValues, planMeasures, unitOfKey } from "./metric-plan";
import { assertDateRange } from "./period-ranges";
import { type DateRange, queryMeasureAggregates } from "./query-measure-aggregates";
import { txReader } from "@/lib/tenancy/read-as-tenant";

/** Calendar buckets of a series: days, ISO weeks (Monday first), months — of local dates. */
export type SeriesGrain = "day" | "week" | "month";

export interface GetMetricSeriesInput extends MetricFilter {
  workspaceId: string;
  key: string;
  from: string;
  to: string;
  grain: SeriesGrain;
  paths?: { key?: (string | number)[]; from?: (string | number)[]; to?: (string | number)[] };
}

export interface SeriesPoint {
  /** The bucket, clipped to the requested range (the first and last week or month may be partial). */
  from: string;
  to: string;
  value: Decimal | null;
  reason: string | null;
}

export interface MetricSeries {
  key: string;
  unit: MetricUnit;
  grain: SeriesGrain;
  points: SeriesPoint[];
}

/**
 * A metric per day, week or month over a range — the sparkline of a scorecard KPI. Each
 * bucket is computed like a period of its own (ratio of the bucket's sums, stocks at the
 * bucket's edges); `prev()` reads the bucket before. One round trip for the definitions, one
 * for every bucket's sums.
 */
export async function getMetricSeries(db: Database, input: GetMetricSeriesInput): Promise<MetricSeries> {
  const range: DateRange = { from: input.from, to: input.to };
  assertDateRange(range, { from: input.paths?.from ?? ["from"], to: input.paths?.to ?? ["to"] });
  return withTenant(db, { workspaceId: input.workspaceId }, async (tx) => {
    const defs = await loadMetricDefinitions(tx, input.workspaceId);
    const plan = planMeasures([input.key], defs);
    if (plan.unknown.length > 0)
      throw AppError.badInput(input.paths?.key ?? ["key"], "UNKNOWN_METRIC", { key: input.key });

    const buckets = seriesBuckets(range, input.grain);
    const before = bucketBefore(buckets[0].from, input.grain);
    const ranges = plan.needsPrevious ? [range, before] : [range];
    const result = await queryMeasureAggregates(txReader(tx), {
      workspaceId: input.workspaceId,
      measures: plan.measures,
      ranges,
      channel: input.channel,
      campaign: input.campaign,
      group: input.group,
      groupBy: input.grain,
    });
    // Group keys are bucket starts (the calendar start, even when the bucket is clipped).
    const byStart = new Map(result.ranges[0].map((g) => [g.key, g.sums]));
    let previousSums = plan.needsPrevious ? (result.ranges[1][0]?.sums ?? {}) : undefined;
    const points = buckets.map((bucket) => {
      const sums = byStart.get(bucket.start) ?? {};
      const value = computeKeyValues(
        [input.key],
        {
          sums,
          previousSums,
          settings: defs.settings,
          revenueTarget: null,
          periodDays: daysInclusive(bucket.from, bucket.to),
        },
        defs,
      ).get(input.key)!;
      if (plan.needsPrevious) previousSums = sums;
      return { from: bucket.from, to: bucket.to, value: value.value, reason: value.reason };
    });
    return { key: input.key, unit: unitOfKey(input.key, defs) ?? "count", grain: input.grain, points };
  });
}

/** The calendar buckets covering `range`, each clipped to it, with its calendar start. */
export function seriesBuckets(range: DateRange, grain: SeriesGrain): (DateRange & { start: string })[] {
  const out: (DateRange & { start: string })[] = [];
  let start = bucketStart(range.from, grain);
  while (start <= range.to) {
    const next = nextBucketStart(start, grain);
    const end = addDays(next, -1);
    out.push({ start, from: start < range.from ? range.from : start, to: end > range.to ? range.to : end });
    start = next;
  }
  return out;
}

function bucketStart(date: string, grain: SeriesGrain): string {
  return grain === "day" ? date : grain === "week" ? startOfIsoWeek(date) : startOfMonth(date);
}

function nextBucketStart(start: string, grain: SeriesGrain): string {
  return grain === "day" ? addDays(start, 1) : grain === "week" ? addDays(start, 7) : addMonths(start, 1);
}

/** The whole calendar bucket just before the one containing `date`. */
function bucketBefore(date: string, grain: SeriesGrain): DateRange {
  const start = bucketStart(date, grain);
  const previousStart = bucketStart(addDays(start, -1), grain);
  return { from: previousStart, to: grain === "month" ? endOfMonth(previousStart) : addDays(start, -1) };
}
