import type { MeasureSums } from "../aggregate";
import { getMetricDefinition } from "../catalog";
import { Decimal } from "../decimal";
import { BASE_MEASURES, type MeasureDefinition } from "../measures";
import type { MetricInput, MetricValue } from "../metric-definition";
import { noValue, valueOf } from "../metric-value";
import type { CompiledCustomMetric, CustomMetricsCompilation } from "./compile-custom-metrics";
import { evaluateFormula } from "./evaluate-formula";

/**
 * Evaluates every custom metric of a compilation over one period.
 *
 * Names resolve like this:
 * - base measure (catalog or custom): its period aggregate; a flow without data
 *   is 0, a stock without data is `NO_DATA:<key>` (`NO_DATA:prev(<key>)` in the
 *   previous period);
 * - catalog metric: its catalog formula over the same period;
 * - custom metric: its own formula, evaluated once per period and memoized.
 *
 * `prev(x)` evaluates `x` over `input.previousSums`; without them the value is
 * `NO_PREVIOUS_PERIOD`, and so is anything that would need the period before
 * the previous one (a `prev()` inside a custom metric that is itself read
 * through `prev()`). In the previous period the revenue target is unknown
 * (pipeline coverage reads `NO_TARGET`) and `periodDays` is assumed equal to
 * the current period's (it only matters for payback months).
 *
 * As in the catalog, a formula whose current-period base measures all lack
 * data is `NO_DATA`, not a misleading 0. Metrics that failed to compile read
 * `INVALID_FORMULA`. Returns a map by custom metric key.
 */
export function evaluateCustomMetrics(
  compilation: CustomMetricsCompilation,
  input: MetricInput,
  customMeasures: readonly MeasureDefinition[] = [],
): Map<string, MetricValue> {
  const measures = new Map<string, MeasureDefinition>();
  for (const m of [...BASE_MEASURES, ...customMeasures]) measures.set(m.key, m);
  const customs = new Map<string, CompiledCustomMetric>(compilation.metrics.map((m) => [m.key, m]));
  const memo = new Map<string, MetricValue>();

  /** The input of the period `offset` periods back (0 = current, 1 = previous), or null when unavailable. */
  const inputAt = (offset: number): MetricInput | null => {
    if (offset === 0) return input;
    if (offset === 1 && input.previousSums !== undefined) {
      return { ...input, sums: input.previousSums, previousSums: undefined, revenueTarget: null };
    }
    return null;
  };

  const resolve = (key: string, offset: number): MetricValue => {
    const periodInput = inputAt(offset);
    if (periodInput === null) return noValue("NO_PREVIOUS_PERIOD");
    const measure = measures.get(key);
    if (measure) return measureValue(measure, periodInput.sums, offset);
    const metric = getMetricDefinition(key);
    if (metric) return metric.compute(periodInput);
    const custom = customs.get(key);
    if (custom) return evaluateCustom(custom, offset);
    // compileCustomMetrics only lets known names through; a stale compilation could still ask.
    return noValue("UNKNOWN_METRIC");
  };

  const evaluateCustom = (metric: CompiledCustomMetric, offset: number): MetricValue => {
    const memoKey = `${offset}:${metric.key}`;
    const cached = memo.get(memoKey);
    if (cached) return cached;
    let result: MetricValue;
    const sums = inputAt(offset)?.sums;
    const directMeasures = metric.references.filter((r) => !r.previous && measures.has(r.key));
    if (sums && directMeasures.length > 0 && directMeasures.every((r) => sums[r.key] === undefined)) {
      result = noValue("NO_DATA");
    } else {
      result = evaluateFormula(
        metric.ast,
        (key, previous) => resolve(key, previous ? offset + 1 : offset),
        metric.formula,
      );
    }
    memo.set(memoKey, result);
    return result;
  };

  const results = new Map<string, MetricValue>();
  for (const metric of compilation.metrics) results.set(metric.key, evaluateCustom(metric, 0));
  for (const key of compilation.errors.keys()) results.set(key, noValue("INVALID_FORMULA"));
  return results;
}

function measureValue(measure: MeasureDefinition, sums: MeasureSums, offset: number): MetricValue {
  const value = sums[measure.key];
  if (value !== undefined) return valueOf(value);
  if (measure.aggregation === "flow") return valueOf(new Decimal(0));
  return noValue(offset === 0 ? `NO_DATA:${measure.key}` : `NO_DATA:prev(${measure.key})`);
}
