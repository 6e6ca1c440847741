import "server-only";
import type { Database } from "@/lib/db/client";
import { isChannelGroup, keysOfScope, mappedKeys } from "@/lib/channel-groups/channel-groups";
import type { KpiRecord } from "@/lib/kpis/kpi-record";
import { resolveTargets } from "@/lib/kpis/resolve-targets";
import type { ResolvedTarget } from "@/lib/kpis/target-version";
import type { MetricDefinitions } from "@/lib/metric-store/load-metric-definitions";
import type { MeasureSums } from "@/lib/metrics/aggregate";
import { computeMetrics } from "@/lib/metrics/compute-metrics";
import type { Decimal } from "@/lib/metrics/decimal";
import { BASE_MEASURES, type MeasureAggregation } from "@/lib/metrics/measures";
import { type MetricTraits, metricTraits } from "@/lib/metrics/metric-traits";
import { comparisonWindows } from "@/lib/periods/comparison-windows";
import { elapsedShare } from "@/lib/periods/elapsed-share";
import { addDays, diffDays } from "@/lib/periods/local-date";
import { localDateInTimeZone } from "@/lib/periods/local-date-in-time-zone";
import type { Period } from "@/lib/periods/period";
import { listRequiredMetrics } from "@/lib/scorecards/list-required-metrics";
import { scopedMetricKey } from "@/lib/scorecards/scoped-metric-key";
import type { SeriesPoint } from "@/lib/scorecards/types";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { computeWindowValues, measuresOf, type WindowValues } from "./compute-window-values";
import { type DateWindow, loadPeriodSums } from "./load-period-sums";
import { type ScorecardDefinitions, loadScorecardDefinitions } from "./load-scorecard-definitions";
import { type PeriodRequest, type WorkspaceCalendar, resolveScorecardPeriod } from "./resolve-scorecard-period";
import { createVersionedCache } from "@/lib/data-version/data-version-cache";
import { type UnmappedChannel, loadUnmappedChannels } from "./load-unmapped-channels";

/** Everything the pure core needs for one workspace and period, loaded once. */
export interface ScorecardContext {
  period: Period;
  /** The last day counted as elapsed (today in the workspace zone, clamped to the period). */
  asOf: string;
  elapsedShare: Decimal;
  windows: { current: DateWindow; previousToDate: DateWindow; previous: DateWindow; lastYear: DateWindow };
  definitions: ScorecardDefinitions;
  /** Resolved targets by KPI key. */
  targets: Map<string, ResolvedTarget>;
  metricDefinitions: MetricDefinitions;
  /** The period so far; the previous period over the same number of days (for trends); the whole previous period; the same period last year. */
  current: WindowValues;
  previousToDate: WindowValues;
  previous: WindowValues;
  lastYear: WindowValues;
  /** Daily values of each KPI's metric over the period so far, by scoped metric key. */
  series: Map<string, SeriesPoint[]>;
  /** Each KPI metric's traits (kind, unit, …) from the catalog and the workspace's definitions. */
  traits: Record<string, MetricTraits>;
  /**
   * Channels with facts in the period so far that no channel group takes in, with the
   * measures they carry — only when some KPI is scoped to a group (empty otherwise).
   */
  unmappedChannels: UnmappedChannel[];
}

const BASE_AGGREGATION = new Map<string, MeasureAggregation>(BASE_MEASURES.map((m) => [m.key, m.aggregation]));

/** Loaded contexts by workspace, data version, calendar, period and day (see lib/data-version/data-version-cache.ts). */
export const scorecardContextCache = createVersionedCache<ScorecardContext>(256);

/**
 * Loads a scorecard's inputs in one tenant transaction and two statements — KPIs with
 * targets, annotations and the metric definitions, then every measure aggregate of the four
 * comparison windows and the daily series — and turns them into
 * metric values. The pure core (buildScorecard, buildKpiTree, runHealthChecks) does the rest.
 *
 * Flows are compared over equal spans: mid-month, the current window is the 1st to today and
 * the trend compares it with the same number of days at the start of the previous period.
 */
export async function loadScorecardContext(
  db: Database,
  input: {
    workspaceId: string;
    calendar: WorkspaceCalendar;
    period?: PeriodRequest | null;
    now: Date;
    dataVersion?: Promise<string>;
  },
): Promise<ScorecardContext> {
  // Everything below depends on the data, the calendar, the period asked for and today's date
  // in the workspace zone (elapsed days count whole days) — nothing finer.
  const today = localDateInTimeZone(input.now, input.calendar.timeZone);
  const key = JSON.stringify([
    input.calendar.timeZone,
    input.calendar.fiscalYearStartMonth,
    input.period ?? null,
    today,
  ]);
  return scorecardContextCache.get(
    db,
    input.workspaceId,
    key,
    () => computeScorecardContext(db, input),
    input.dataVersion,
  );
}

async function computeScorecardContext(
  db: Database,
  input: { workspaceId: string; calendar: WorkspaceCalendar; period?: PeriodRequest | null; now: Date },
): Promise<ScorecardContext> {
  const period = resolveScorecardPeriod(input.period, input.calendar, input.now);
  // SPEC §4.2 "Comparisons": the one rule of lib/periods — the period to date against the same
  // elapsed days of the previous period and of last year (whole against whole once complete).
  const cw = comparisonWindows(period, localDateInTimeZone(input.now, period.timeZone));
  const days = cw.elapsedDays;
  const share = elapsedShare(period, input.now);
  const asOf = cw.current.to;
  const windows = {
    current: { name: "current", ...cw.current },
    previousToDate: { name: "previousToDate", ...cw.previous },
    previous: { name: "previous", ...cw.previousWhole },
    lastYear: { name: "lastYear", ...cw.lastYear },
  };

  return withTenant(db, { workspaceId: input.workspaceId }, async (tx) => {
    const definitions = await loadScorecardDefinitions(tx, input.workspaceId, period);
    const { metricDefinitions } = definitions;
    const kpis = definitions.kpis;
    const required = listRequiredMetrics(kpis);
    const aggregation = new Map(BASE_AGGREGATION);
    for (const m of metricDefinitions.customMeasures) aggregation.set(m.key, m.aggregation);
    const measureKeys = measuresOf(required, metricDefinitions, [...aggregation.keys()]);
    const measures = new Map([...measureKeys].filter((m) => aggregation.has(m)).map((m) => [m, aggregation.get(m)!]));
    const scopes = new Map<string, readonly string[]>();
    for (const r of required)
      if (r.channelScope) scopes.set(r.channelScope, keysOfScope(r.channelScope, metricDefinitions.channelGroups));

    const { sums, series: daily } = await loadPeriodSums(tx, {
      workspaceId: input.workspaceId,
      windows: Object.values(windows),
      series: days > 0 ? "current" : null,
      scopes,
      measures,
    });

    const groupScoped = required.filter((r) => r.channelScope !== null && isChannelGroup(r.channelScope));
    const unmappedChannels =
      groupScoped.length > 0 && days > 0
        ? await loadUnmappedChannels(tx, {
            workspaceId: input.workspaceId,
            from: windows.current.from,
            to: windows.current.to,
            measures: [...measuresOf(groupScoped, metricDefinitions, [...aggregation.keys()])].filter((m) =>
              aggregation.has(m),
            ),
            mappedKeys: mappedKeys(metricDefinitions.channelGroups),
          })
        : [];

    const targets = resolveTargets(kpis, definitions.targets, definitions.targetParts, period, metricDefinitions);
    const traits = Object.fromEntries(
      kpis.flatMap((k) => [k.metricKey, ...k.diagnostics]).map((key) => [key, metricTraits(key, metricDefinitions)]),
    );
    const revenueKpi = kpis.find((k) => k.ownerRole === "COMPANY" && k.metricKey === "revenue" && !k.channelScope);
    const revenueTarget = revenueKpi ? (targets.get(revenueKpi.key)?.value ?? null) : null;
    const compute = (w: DateWindow, previousSums?: Map<string, MeasureSums>, target: Decimal | null = null) =>
      computeWindowValues({
        required,
        sums: sums.get(w.name)!,
        previousSums,
        definitions: metricDefinitions,
        revenueTarget: target,
        periodDays: Math.max(1, diffDays(w.from, w.to) + 1),
      });

    return {
      period,
      asOf,
      elapsedShare: share,
      windows,
      definitions,
      targets,
      metricDefinitions,
      current: compute(windows.current, sums.get("previousToDate"), revenueTarget),
      previousToDate: compute(windows.previousToDate),
      previous: compute(windows.previous),
      lastYear: compute(windows.lastYear),
      series: buildSeries(kpis, daily, metricDefinitions, period.from, asOf, days),
      traits,
      unmappedChannels,
    };
  });
}

/** Each KPI metric's value per day (ratios per day, flows the day's sum), every day of the span. */
function buildSeries(
  kpis: readonly KpiRecord[],
  daily: Map<string, Map<string, MeasureSums>>,
  definitions: MetricDefinitions,
  from: string,
  to: string,
  days: number,
): Map<string, SeriesPoint[]> {
  const out = new Map<string, SeriesPoint[]>();
  const customKeys = new Set(definitions.customMetrics.map((m) => m.key));
  for (const kpi of kpis) {
    const scope = kpi.channelScope ?? null;
    const key = scopedMetricKey(kpi.metricKey, scope);
    if (out.has(key)) continue;
    const byDate = daily.get(scope ?? "") ?? new Map<string, MeasureSums>();
    const points: SeriesPoint[] = [];
    for (let i = 0, date = from; i < days && date <= to; i++, date = addDays(date, 1)) {
      const sums = byDate.get(date);
      if (!sums || customKeys.has(kpi.metricKey)) {
        points.push({ date, value: null });
        continue;
      }
      const value = computeMetrics(
        [kpi.metricKey],
        { sums, settings: definitions.settings, periodDays: 1 },
        definitions.customMeasures,
      ).get(kpi.metricKey);
      points.push({ date, value: value?.value ?? null });
    }
    out.set(key, points);
  }
  return out;
}
