import type { MeasureSums } from "@/lib/metrics/aggregate";
import { getMetricDefinition } from "@/lib/metrics/catalog";
import { computeMetrics } from "@/lib/metrics/compute-metrics";
import type { Decimal } from "@/lib/metrics/decimal";
import { evaluateCustomMetrics } from "@/lib/metrics/formula/evaluate-custom-metrics";
import type { MetricDefinitions } from "@/lib/metric-store/load-metric-definitions";
import type { RequiredMetric } from "@/lib/scorecards/list-required-metrics";

export interface WindowValues {
  /** By `scopedMetricKey`; null = no value. */
  values: Record<string, Decimal | null>;
  /** Why a value is null (ZERO_DENOMINATOR:deals_won, NO_DATA ...), by the same key. */
  reasons: Record<string, string | null>;
}

/**
 * Turns one window's measure aggregates into the metric values the pure core reads, per
 * channel scope: catalog metrics through their formulas, base and custom measures as their
 * aggregate, custom metrics through the formula evaluator. Pure.
 */
export function computeWindowValues(input: {
  required: readonly RequiredMetric[];
  sums: ReadonlyMap<string, MeasureSums>;
  previousSums?: ReadonlyMap<string, MeasureSums>;
  definitions: MetricDefinitions;
  revenueTarget: Decimal | null;
  periodDays: number;
}): WindowValues {
  const values: Record<string, Decimal | null> = {};
  const reasons: Record<string, string | null> = {};
  const byScope = new Map<string, RequiredMetric[]>();
  for (const r of input.required) {
    const list = byScope.get(r.channelScope ?? "") ?? [];
    list.push(r);
    byScope.set(r.channelScope ?? "", list);
  }
  const customKeys = new Set(input.definitions.customMetrics.map((m) => m.key));
  for (const [scope, metrics] of byScope) {
    const metricInput = {
      sums: input.sums.get(scope) ?? {},
      previousSums: input.previousSums?.get(scope),
      settings: input.definitions.settings,
      revenueTarget: input.revenueTarget,
      periodDays: Math.max(1, input.periodDays),
    };
    const builtIn = computeMetrics(
      metrics.filter((m) => !customKeys.has(m.metricKey)).map((m) => m.metricKey),
      metricInput,
      input.definitions.customMeasures,
    );
    const custom = metrics.some((m) => customKeys.has(m.metricKey))
      ? evaluateCustomMetrics(input.definitions.compilation, metricInput, input.definitions.customMeasures)
      : new Map();
    // A scope with no facts at all in the window is "no data", not a month of zeros: a flow
    // measure read alone would otherwise be 0 and judge an empty period as failed.
    const empty = Object.keys(metricInput.sums).length === 0;
    for (const m of metrics) {
      const computed = builtIn.get(m.metricKey) ?? custom.get(m.metricKey) ?? { value: null, reason: "UNKNOWN_METRIC" };
      const result = empty && computed.value !== null ? { value: null, reason: "NO_DATA" } : computed;
      values[m.valueKey] = result.value;
      reasons[m.valueKey] = result.reason;
    }
  }
  return { values, reasons };
}

/** Base and custom measures the required metrics read (custom metrics: every measure). */
export function measuresOf(
  required: readonly RequiredMetric[],
  definitions: MetricDefinitions,
  allMeasures: readonly string[],
): Set<string> {
  const out = new Set<string>();
  const customKeys = new Set(definitions.customMetrics.map((m) => m.key));
  for (const { metricKey } of required) {
    const definition = getMetricDefinition(metricKey);
    if (definition) definition.measures.forEach((m) => out.add(m));
    else if (customKeys.has(metricKey)) allMeasures.forEach((m) => out.add(m));
    else out.add(metricKey);
  }
  return out;
}
