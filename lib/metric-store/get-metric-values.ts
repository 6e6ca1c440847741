import "server-only";
import type { ChannelGroup } from "@/lib/channel-groups/channel-groups";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import type { MeasureSums } from "@/lib/metrics/aggregate";
import type { Decimal } from "@/lib/metrics/decimal";
import type { ChangeTraits } from "@/lib/metrics/describe-change";
import type { MetricUnit } from "@/lib/metrics/metric-definition";
import { metricTraits } from "@/lib/metrics/metric-traits";
import type { Tx } from "@/lib/tenancy/with-tenant";
import { type SqlReader, tenantReader, txReader } from "@/lib/tenancy/read-as-tenant";
import { daysInclusive } from "@/lib/periods/local-date";
import { type MetricDefinitions, parseDefinitions } from "./load-metric-definitions";
import { computeKeyValues, planMeasures, unitOfKey } from "./metric-plan";
import { comparisonWindows, previousRange, sameRangeLastYear } from "@/lib/periods/comparison-windows";
import { assertDateRange } from "./period-ranges";
import { type DateRange, queryMeasureAggregates } from "./query-measure-aggregates";

/** Keys per request: a dashboard asks for a few dozen; more is a mistake or abuse. */
export const MAX_KEYS_PER_REQUEST = 100;

export interface MetricFilter {
  /** One channel or several (a channel group); absent = all channels. */
  channel?: string | readonly string[] | null;
  campaign?: string | null;
  /** A channel group ("paid"…, lib/channel-groups): the workspace's channels in it; absent = no group filter. */
  group?: ChannelGroup | null;
}

export interface GetMetricValuesInput extends MetricFilter {
  workspaceId: string;
  /** SPEC §4 keys: base measures, catalog metrics, the workspace's custom measures and metrics. */
  keys: readonly string[];
  /** Inclusive local dates "YYYY-MM-DD". */
  from: string;
  to: string;
  /**
   * Also compute the previous period and/or the same period last year (same round trip).
   * `true` derives the range (period-ranges.ts); a range (e.g. lib/periods previousPeriod())
   * is used as given.
   */
  compare?: { previousPeriod?: boolean | DateRange; lastYear?: boolean | DateRange };
  /**
   * Today in the workspace's time zone. With it, a range still in progress is read to date and
   * compared by SPEC §4.2 "Comparisons" (lib/periods comparisonWindows): the same number of
   * elapsed days of the previous period and of last year; per-month figures (LTV, payback)
   * divide by the elapsed days, not by days still to come. Without it the range is read as is.
   */
  today?: string;
  /** The period's revenue target, for pipeline_coverage (null → NO_TARGET). */
  revenueTarget?: Decimal | null;
  /** Field paths for errors (defaults: ["keys"], ["from"], ["to"]). */
  paths?: { keys?: (string | number)[]; from?: (string | number)[]; to?: (string | number)[] };
}

/** One key's value over a period: a Decimal, or null with a machine-readable reason. */
export interface MetricValueResult {
  key: string;
  unit: MetricUnit;
  value: Decimal | null;
  reason: string | null;
  /** What the comparison rule needs (lib/metrics describeChange): unit, multiple, direction. */
  traits?: ChangeTraits;
}

export interface PeriodValues {
  range: DateRange;
  /** In the order of the requested keys (duplicates collapsed). */
  values: MetricValueResult[];
}

export interface GetMetricValuesResult {
  current: PeriodValues;
  previousPeriod?: PeriodValues;
  lastYear?: PeriodValues;
}

/**
 * `Workspace.metricValues` (SPEC §9.1) and its comparisons: validates the keys and the range,
 * fetches every base aggregate (current period, previous/last-year periods when asked, and
 * the periods before them when a key reads `prev`) in ONE SQL round trip together with the
 * workspace's settings and custom definitions, then computes with the pure catalog and custom
 * formulas. Only a request for custom keys whose sums were not known up front costs a second
 * round trip.
 *
 * Errors (BAD_USER_INPUT): an unknown key (naming it, path ["keys", i]); from after to; a range
 * over 10 years; more than 100 keys.
 */
export async function getMetricValues(db: Database, input: GetMetricValuesInput): Promise<GetMetricValuesResult> {
  // The hot path: one round trip for the common case (tenantReader), no interactive transaction.
  return computeWith(tenantReader(db, input.workspaceId), input);
}

/** getMetricValues inside a tenant transaction the caller already holds (to combine with other reads). */
export async function getMetricValuesInTx(
  tx: Tx,
  input: Omit<GetMetricValuesInput, "db">,
): Promise<GetMetricValuesResult> {
  return computeWith(txReader(tx), input);
}

async function computeWith(read: SqlReader, input: Omit<GetMetricValuesInput, "db">): Promise<GetMetricValuesResult> {
  const keys = [...new Set(input.keys)];
  const keysPath = input.paths?.keys ?? ["keys"];
  if (keys.length > MAX_KEYS_PER_REQUEST)
    throw AppError.badInput(keysPath, "TOO_MANY_KEYS", { max: MAX_KEYS_PER_REQUEST });
  const asked: DateRange = { from: input.from, to: input.to };
  assertDateRange(asked, { from: input.paths?.from ?? ["from"], to: input.paths?.to ?? ["to"] });
  // SPEC §4.2 "Comparisons": one rule (lib/periods) for every page and the API. A period that
  // has not started yet is read whole (it holds no data).
  const windows = input.today ? comparisonWindows(asked, input.today) : null;
  const started = windows !== null && windows.elapsedDays > 0;
  const current: DateRange = started ? windows.current : asked;
  const compareRanges = {
    previousPeriod: started ? windows.previous : windows?.previousWhole,
    lastYear: started ? windows.lastYear : windows?.lastYearWhole,
  };

  const load = async (defs: MetricDefinitions | null) => {
    const plan = planMeasures(keys, defs);
    const layout = rangeLayout(current, input.compare ?? {}, plan.needsPrevious, compareRanges);
    const result = await queryMeasureAggregates(read, {
      workspaceId: input.workspaceId,
      measures: plan.measures,
      ranges: layout.ranges,
      channel: input.channel,
      campaign: input.campaign,
      group: input.group,
      withDefinitions: defs === null,
    });
    return {
      plan,
      layout,
      sums: result.ranges.map((groups) => groups[0]?.sums ?? {}),
      definitions: result.definitions,
    };
  };

  let loaded = await load(null);
  const defs = parseDefinitions(loaded.definitions!);
  if (loaded.plan.unknown.length > 0) {
    // Custom keys: now that the definitions are known, fetch what they read.
    const unknown = planMeasures(keys, defs).unknown;
    if (unknown.length > 0) {
      const i = input.keys.indexOf(unknown[0]);
      throw AppError.badInput([...keysPath, i], "UNKNOWN_METRIC", { key: unknown[0] });
    }
    loaded = await load(defs);
  }

  const { layout, sums } = loaded;
  const valuesFor = (rangeIndex: number, previousIndex: number | undefined): PeriodValues => {
    const range = layout.ranges[rangeIndex];
    const computed = computeKeyValues(
      keys,
      {
        sums: sums[rangeIndex],
        previousSums: previousIndex === undefined ? undefined : (sums[previousIndex] as MeasureSums),
        settings: defs.settings,
        revenueTarget: rangeIndex === 0 ? (input.revenueTarget ?? null) : null,
        periodDays: daysInclusive(range.from, range.to),
      },
      defs,
    );
    return {
      range,
      values: keys.map((key) => {
        const v = computed.get(key)!;
        const unit = unitOfKey(key, defs) ?? "count";
        const t = metricTraits(key, defs);
        return {
          key,
          unit,
          value: v.value,
          reason: v.reason,
          traits: { unit, multiple: t.multiple, direction: t.direction },
        };
      }),
    };
  };

  const result: GetMetricValuesResult = { current: valuesFor(0, layout.previousOf[0]) };
  if (layout.previousPeriod !== undefined)
    result.previousPeriod = valuesFor(layout.previousPeriod, layout.previousOf[layout.previousPeriod]);
  if (layout.lastYear !== undefined) result.lastYear = valuesFor(layout.lastYear, layout.previousOf[layout.lastYear]);
  return result;
}

interface RangeLayout {
  ranges: DateRange[];
  /** Index of the range whose previous period is at the mapped index. */
  previousOf: Record<number, number | undefined>;
  previousPeriod?: number;
  lastYear?: number;
}

/**
 * The ranges one request needs, deduplicated: the period (0), its previous period when a key
 * reads `prev` or a comparison asks for it, the period before that when both do, and the
 * same for last year.
 */
function rangeLayout(
  current: DateRange,
  compare: NonNullable<GetMetricValuesInput["compare"]>,
  needsPrevious: boolean,
  ruled: { previousPeriod?: DateRange; lastYear?: DateRange },
): RangeLayout {
  const ranges: DateRange[] = [current];
  const previousOf: Record<number, number | undefined> = {};
  const add = (range: DateRange): number => {
    const found = ranges.findIndex((r) => r.from === range.from && r.to === range.to);
    if (found >= 0) return found;
    ranges.push(range);
    return ranges.length - 1;
  };
  const withPrevious = (index: number) => {
    // `prev(x)` in a formula reads the period before, over the same span.
    if (needsPrevious) previousOf[index] = add(previousRange(ranges[index]));
  };
  withPrevious(0);
  const layout: RangeLayout = { ranges, previousOf };
  if (compare.previousPeriod) {
    layout.previousPeriod = add(
      compare.previousPeriod === true ? (ruled.previousPeriod ?? previousRange(current)) : compare.previousPeriod,
    );
    withPrevious(layout.previousPeriod);
  }
  if (compare.lastYear) {
    layout.lastYear = add(
      compare.lastYear === true ? (ruled.lastYear ?? sameRangeLastYear(current)) : compare.lastYear,
    );
    withPrevious(layout.lastYear);
  }
  return layout;
}
