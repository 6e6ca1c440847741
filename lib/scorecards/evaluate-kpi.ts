import type Decimal from "decimal.js";
import { attainment, type AttainmentReason } from "@/lib/scorecards/attainment";
import { attainmentToDate } from "@/lib/scorecards/attainment-to-date";
import { type MetricChange, describeChange } from "@/lib/metrics/describe-change";
import { type MetricTraits, metricTraits } from "@/lib/metrics/metric-traits";
import { pacing } from "@/lib/scorecards/pacing";
import { applyQualityGate, evaluateQualityGate, type QualityGateEvaluation } from "@/lib/scorecards/quality-gate";
import { classifyAttainment, missingStatus } from "@/lib/scorecards/status";
import { trend, trendDirection, type TrendDirection } from "@/lib/scorecards/trend";
import type { KpiDefinition, KpiStatus, MetricKind } from "@/lib/scorecards/types";

export interface EvaluateKpiInput {
  kpi: KpiDefinition;
  actual: Decimal | null | undefined;
  previousActual?: Decimal | null;
  target: Decimal | null | undefined;
  elapsedShare: Decimal.Value;
  /** Value of the quality gate's metric in the KPI's scope; ignored without a gate. */
  gateActual?: Decimal | null;
  /** The metric's traits with the workspace's definitions (a custom FLOW measure is a flow); default: the catalog's. */
  traits?: MetricTraits;
}

/** Everything the KPI core says about one KPI in one period. */
export interface KpiEvaluation {
  kind: MetricKind;
  actual: Decimal | null;
  target: Decimal | null;
  previousActual: Decimal | null;
  /** Period attainment (actual vs the full target), gate applied. */
  attainment: Decimal | null;
  /** Period attainment before the gate — shows what the KPI would score if quality held. */
  attainmentBeforeGate: Decimal | null;
  /** Attainment vs the pace (flows) or direct (ratios/stocks), gate applied; drives status and score. */
  attainmentToDate: Decimal | null;
  attainmentReason: AttainmentReason | null;
  expectedToDate: Decimal | null;
  forecast: Decimal | null;
  status: KpiStatus;
  /** actual − target (full period). */
  variance: Decimal | null;
  /** actual − expectedToDate: how far ahead of or behind the pace. */
  varianceToDate: Decimal | null;
  trend: Decimal | null;
  trendDirection: TrendDirection | null;
  /** The change vs the previous period to date as every page shows it (SPEC §4.2 "Comparisons"). */
  change: MetricChange | null;
  gate: QualityGateEvaluation | null;
  gateFailed: boolean;
}

/**
 * Evaluates one KPI: attainment, pacing, quality gate, status and trend, composed from
 * the single-purpose functions of this folder so that the scorecard and the KPI tree
 * read the same numbers.
 */
export function evaluateKpi(input: EvaluateKpiInput): KpiEvaluation {
  const { kpi, elapsedShare } = input;
  const actual = input.actual ?? null;
  const target = input.target ?? null;
  const previousActual = input.previousActual ?? null;
  const traits = input.traits ?? metricTraits(kpi.metricKey);
  const kind = traits.kind;

  const period = attainment(actual, target, kpi.direction, kpi.range);
  const toDate = attainmentToDate({
    actual,
    target,
    direction: kpi.direction,
    range: kpi.range,
    kind,
    elapsedShare,
  });
  const { expectedToDate, forecast } = pacing({ actual, target, elapsedShare, kind });

  const gate = kpi.qualityGate ? evaluateQualityGate(kpi.qualityGate, input.gateActual) : null;
  const gatedPeriod = applyQualityGate(period.value, gate);
  const gatedToDate = applyQualityGate(toDate.value, gate);
  const change = trend(actual, previousActual);

  return {
    kind,
    actual,
    target,
    previousActual,
    attainment: gatedPeriod.value,
    attainmentBeforeGate: period.value,
    attainmentToDate: gatedToDate.value,
    attainmentReason: toDate.reason,
    expectedToDate,
    forecast,
    status:
      missingStatus(actual, target, kpi.direction, kpi.range) ?? classifyAttainment(gatedToDate.value, kpi.thresholds),
    variance: actual !== null && target !== null ? actual.minus(target) : null,
    varianceToDate: actual !== null && expectedToDate !== null ? actual.minus(expectedToDate) : null,
    trend: change.change,
    trendDirection: trendDirection(change.change, kpi.direction),
    change: describeChange(actual, previousActual, {
      unit: traits.unit,
      multiple: traits.multiple,
      direction: kpi.direction,
    }),
    gate,
    gateFailed: gatedToDate.gateFailed && actual !== null,
  };
}
