import "server-only";
import type { Database } from "@/lib/db/client";
import { type MetricChange, describeChange } from "@/lib/metrics/describe-change";
import { metricTraits } from "@/lib/metrics/metric-traits";
import type { HealthCheckFinding } from "@/lib/health-checks/types";
import type { KpiRecord } from "@/lib/kpis/kpi-record";
import type { ResolvedTarget } from "@/lib/kpis/target-version";
import type { Decimal } from "@/lib/metrics/decimal";
import type { Period } from "@/lib/periods/period";
import type { ScorecardOwner } from "@/lib/permissions/registry";
import { buildScorecard, type ScorecardItem } from "@/lib/scorecards/build-scorecard";
import type { ScorecardScore } from "@/lib/scorecards/scorecard-score";
import { scopedMetricKey } from "@/lib/scorecards/scoped-metric-key";
import { isChannelGroup } from "@/lib/channel-groups/channel-groups";
import { listRequiredMetrics } from "@/lib/scorecards/list-required-metrics";
import { measuresOf } from "./compute-window-values";
import type { KpiStatus, KpiTargets } from "@/lib/scorecards/types";
import type { AnnotationRow } from "./load-scorecard-definitions";
import { type ScorecardContext, loadScorecardContext } from "./load-scorecard-context";
import { findingsFor, runWorkspaceHealthChecks } from "./run-workspace-health-checks";
import type { PeriodRequest, WorkspaceCalendar } from "./resolve-scorecard-period";

/** One KPI on a scorecard: the core's evaluation plus what the database adds. */
export interface ScorecardKpiView extends ScorecardItem {
  kpi: KpiRecord;
  targetInfo: ResolvedTarget;
  /** Why `actual` is null (NO_DATA, ZERO_DENOMINATOR:deals_won ...). */
  actualReason: string | null;
  /** The previous period over the same number of days (the trend's basis). */
  previousToDateValue: Decimal | null;
  /** The whole previous period. */
  previousValue: Decimal | null;
  lastYearValue: Decimal | null;
  /** The change vs last year over the same elapsed days (SPEC §4.2 "Comparisons"). */
  lastYearChange: MetricChange | null;
  annotation: AnnotationRow | null;
}

export interface ScorecardView {
  owner: ScorecardOwner;
  period: Period;
  asOf: string;
  elapsedShare: Decimal;
  score: ScorecardScore;
  statusCounts: Record<KpiStatus, number>;
  kpis: ScorecardKpiView[];
  healthChecks: HealthCheckFinding[];
  /** The company targets this scorecard's KPIs drive (for the company view: its root KPIs). */
  companyTargets: ScorecardKpiView[];
  /** Channels in no channel group whose facts a group-scoped KPI of this scorecard would read (SPEC §4.2). */
  unmappedChannels: string[];
}

/**
 * One scorecard (SPEC §5): a role's KPIs for one period with actual, target, attainment,
 * pacing, forecast, status, trend, previous-period and last-year values, daily series, gate
 * state, the company target each drives, diagnostics and annotation; plus the weighted score,
 * the scorecard's health checks and its company targets. Loads once (loadScorecardContext),
 * computes with the pure core.
 */
export async function findScorecard(
  db: Database,
  input: {
    workspaceId: string;
    calendar: WorkspaceCalendar;
    owner: ScorecardOwner;
    period?: PeriodRequest | null;
    now: Date;
    dataVersion?: Promise<string>;
  },
): Promise<ScorecardView> {
  const ctx = await loadScorecardContext(db, input);
  // A loaded context is immutable and cached (lib/data-version/data-version-cache.ts): so is each owner's view of it.
  let views = assembled.get(ctx);
  if (!views) assembled.set(ctx, (views = new Map()));
  let view = views.get(input.owner);
  if (!view) views.set(input.owner, (view = assembleScorecard(ctx, input.owner)));
  return view;
}

const assembled = new WeakMap<ScorecardContext, Map<ScorecardOwner, ScorecardView>>();

/** The scorecard of `owner` from a loaded context. Pure. */
export function assembleScorecard(ctx: ScorecardContext, owner: ScorecardOwner): ScorecardView {
  const kpis = ctx.definitions.kpis;
  const targetValues: KpiTargets = Object.fromEntries([...ctx.targets].map(([key, t]) => [key, t.value]));
  const build = (role: ScorecardOwner) =>
    buildScorecard({
      role,
      kpis,
      values: ctx.current.values,
      previousValues: ctx.previousToDate.values,
      targets: targetValues,
      elapsedShare: ctx.elapsedShare,
      series: Object.fromEntries(ctx.series),
      traits: ctx.traits,
    });
  const byKey = new Map(kpis.map((k) => [k.key, k]));
  const view = (item: ScorecardItem): ScorecardKpiView => {
    const kpi = byKey.get(item.kpiKey)!;
    const valueKey = scopedMetricKey(item.metricKey, item.channelScope);
    return {
      ...item,
      kpi,
      targetInfo: ctx.targets.get(kpi.key) ?? { value: null, source: null, effectiveFrom: null },
      actualReason: ctx.current.reasons[valueKey] ?? null,
      previousToDateValue: ctx.previousToDate.values[valueKey] ?? null,
      previousValue: ctx.previous.values[valueKey] ?? null,
      lastYearValue: ctx.lastYear.values[valueKey] ?? null,
      lastYearChange: describeChange(item.actual, ctx.lastYear.values[valueKey] ?? null, {
        ...(ctx.traits[item.metricKey] ?? metricTraits(item.metricKey)),
        direction: item.direction,
      }),
      annotation: ctx.definitions.annotations.get(kpi.id) ?? null,
    };
  };

  const scorecard = build(owner);
  const company = owner === "COMPANY" ? scorecard : build("COMPANY");
  const companyViews = new Map(company.items.map((item) => [item.kpiKey, view(item)]));
  const items = owner === "COMPANY" ? [...companyViews.values()] : scorecard.items.map(view);
  const driven =
    owner === "COMPANY"
      ? items.filter((i) => i.parentKey === null).map((i) => i.kpiKey)
      : [...new Set(items.flatMap((i) => (i.drives ? [i.drives.kpiKey] : [])))];

  return {
    owner,
    period: ctx.period,
    asOf: ctx.asOf,
    elapsedShare: ctx.elapsedShare,
    score: scorecard.score,
    statusCounts: scorecard.statusCounts,
    kpis: items,
    healthChecks: findingsFor(runWorkspaceHealthChecks(ctx), [owner]),
    companyTargets: driven.flatMap((key) => (companyViews.has(key) ? [companyViews.get(key)!] : [])),
    unmappedChannels: unmappedChannelsOf(ctx, items),
  };
}

/** The unmapped channels that would change a group-scoped KPI (its metric, gate or diagnostics) of these items. */
function unmappedChannelsOf(ctx: ScorecardContext, items: readonly ScorecardKpiView[]): string[] {
  if (ctx.unmappedChannels.length === 0) return [];
  const scoped = listRequiredMetrics(
    items.map((i) => i.kpi).filter((k) => k.channelScope && isChannelGroup(k.channelScope)),
  ).filter((r) => r.channelScope !== null);
  if (scoped.length === 0) return [];
  const measures = measuresOf(
    scoped,
    ctx.metricDefinitions,
    ctx.metricDefinitions.customMeasures.map((m) => m.key),
  );
  return ctx.unmappedChannels.filter((c) => c.measures.some((m) => measures.has(m))).map((c) => c.channel);
}
