import type Decimal from "decimal.js";
import { type MetricChange, describeChange } from "@/lib/metrics/describe-change";
import { type MetricTraits, metricTraits } from "@/lib/metrics/metric-traits";
import { evaluateKpi, type KpiEvaluation } from "@/lib/scorecards/evaluate-kpi";
import { toElapsedShare } from "@/lib/periods/elapsed-share";
import { findCompanyTarget } from "@/lib/scorecards/find-company-target";
import { scopedMetricKey } from "@/lib/scorecards/scoped-metric-key";
import { scorecardScore, type ScorecardScore } from "@/lib/scorecards/scorecard-score";
import { trend } from "@/lib/scorecards/trend";
import {
  KPI_STATUSES,
  type AttainmentRange,
  type Direction,
  type KpiDefinition,
  type KpiOwner,
  type KpiStatus,
  type KpiTargets,
  type MetricValues,
  type PeriodType,
  type SeriesPoint,
} from "@/lib/scorecards/types";

export interface BuildScorecardInput {
  /** Whose scorecard: the KPIs with this `ownerRole` are shown. */
  role: KpiOwner;
  /** All KPIs of the workspace: the role's are selected, the others resolve the company targets. */
  kpis: readonly KpiDefinition[];
  /** Current period, keyed by `scopedMetricKey`. */
  values: MetricValues;
  /**
   * Previous period, same keys. For flows mid-period pass the previous period over the
   * same elapsed span (the first 15 days against the first 15 days): 15 days against a
   * whole month would always read as a fall.
   */
  previousValues?: MetricValues;
  /** Targets of the period, keyed by KPI key. */
  targets: KpiTargets;
  elapsedShare: Decimal.Value;
  /** Daily values for sparklines, keyed by `scopedMetricKey`. */
  series?: Readonly<Record<string, readonly SeriesPoint[]>>;
  /** Traits by metric key from the catalog and the workspace's definitions (lib/metrics metricTraits). */
  traits?: Readonly<Record<string, MetricTraits>>;
}

export interface DiagnosticValue {
  metricKey: string;
  channelScope: string | null;
  actual: Decimal | null;
  previousActual: Decimal | null;
  trend: Decimal | null;
  /** The change as every page shows it (SPEC §4.2 "Comparisons"), by the catalog's traits. */
  change: MetricChange | null;
}

export interface ScorecardItem extends KpiEvaluation {
  kpiKey: string;
  metricKey: string;
  channelScope: string | null;
  periodType: PeriodType;
  direction: Direction;
  range: AttainmentRange | null;
  weight: Decimal;
  parentKey: string | null;
  /** The company target this KPI drives (nearest COMPANY ancestor), or null. */
  drives: { kpiKey: string; metricKey: string } | null;
  series: readonly SeriesPoint[];
  diagnostics: DiagnosticValue[];
}

/** The scorecard DTO the API exposes: one role's KPIs for one period (SPEC §5). */
export interface Scorecard {
  role: KpiOwner;
  elapsedShare: Decimal;
  score: ScorecardScore;
  statusCounts: Record<KpiStatus, number>;
  items: ScorecardItem[];
}

const valueOf = (values: MetricValues | undefined, key: string): Decimal | null => values?.[key] ?? null;

/**
 * Builds a role's scorecard for one period: for each of the role's KPIs the actual,
 * target, attainment, pacing (expected-to-date, forecast), status, trend, quality gate,
 * daily series, the company target it drives, and its diagnostic metrics with values —
 * plus the weighted score. KPI order is the order of `kpis`.
 *
 * Values are read in the KPI's channel scope; so are its gate and its diagnostics
 * (the SMM KPI "qualified leads from social" is diagnosed by social reach and CTR).
 */
export function buildScorecard(input: BuildScorecardInput): Scorecard {
  const share = toElapsedShare(input.elapsedShare);
  const kpisByKey = new Map(input.kpis.map((kpi) => [kpi.key, kpi]));

  const items = input.kpis
    .filter((kpi) => kpi.ownerRole === input.role)
    .map((kpi): ScorecardItem => {
      const scope = kpi.channelScope ?? null;
      const key = scopedMetricKey(kpi.metricKey, scope);
      const evaluation = evaluateKpi({
        kpi,
        actual: valueOf(input.values, key),
        previousActual: valueOf(input.previousValues, key),
        target: input.targets[kpi.key] ?? null,
        elapsedShare: share,
        gateActual: kpi.qualityGate ? valueOf(input.values, scopedMetricKey(kpi.qualityGate.metricKey, scope)) : null,
        traits: input.traits?.[kpi.metricKey],
      });
      const companyTarget = findCompanyTarget(kpi, kpisByKey);

      return {
        kpiKey: kpi.key,
        metricKey: kpi.metricKey,
        channelScope: scope,
        periodType: kpi.periodType,
        direction: kpi.direction,
        range: kpi.range ?? null,
        weight: kpi.weight,
        parentKey: kpi.parentKey,
        drives: companyTarget ? { kpiKey: companyTarget.key, metricKey: companyTarget.metricKey } : null,
        ...evaluation,
        series: input.series?.[key] ?? [],
        diagnostics: kpi.diagnostics.map((metricKey) => {
          const diagnosticKey = scopedMetricKey(metricKey, scope);
          const actual = valueOf(input.values, diagnosticKey);
          const previousActual = valueOf(input.previousValues, diagnosticKey);
          const traits = input.traits?.[metricKey] ?? metricTraits(metricKey);
          const change = describeChange(actual, previousActual, traits);
          return {
            metricKey,
            channelScope: scope,
            actual,
            previousActual,
            trend: trend(actual, previousActual).change,
            change,
          };
        }),
      };
    });

  const statusCounts = Object.fromEntries(KPI_STATUSES.map((s) => [s, 0])) as Record<KpiStatus, number>;
  for (const item of items) statusCounts[item.status] += 1;

  return {
    role: input.role,
    elapsedShare: share,
    score: scorecardScore(items.map((item) => ({ weight: item.weight, attainment: item.attainmentToDate }))),
    statusCounts,
    items,
  };
}
