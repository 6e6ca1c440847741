import { getMetricDefinition } from "./catalog";
import { Decimal } from "./decimal";
import { BASE_MEASURES, type MeasureDefinition } from "./measures";
import type { MetricInput, MetricValue } from "./metric-definition";
import { noValue, valueOf } from "./metric-value";

/**
 * Computes many keys over one period, as `Workspace.metricValues` (SPEC §9.1)
 * needs: derived catalog metrics through their formulas, and base measures
 * (catalog or custom) as their period aggregate — a stock without data is `null` with
 * `NO_DATA:<key>`; a flow without data is `0` (nothing happened, what a scorecard judges)
 * or, with `emptyFlowIsNoData` (the API's metric reads), `null` with `NO_DATA:<key>` too, so
 * that a pushed 0 and nothing pushed at all read differently.
 * Unknown keys give `null` with `UNKNOWN_METRIC` instead of failing the whole
 * request. Custom derived metrics are evaluated by `formula/evaluate-custom-metrics`.
 *
 * The map preserves the order of `keys` (duplicates collapse to one entry).
 */
export function computeMetrics(
  keys: Iterable<string>,
  input: MetricInput,
  customMeasures: Iterable<MeasureDefinition> = [],
  { emptyFlowIsNoData = false }: { emptyFlowIsNoData?: boolean } = {},
): Map<string, MetricValue> {
  const measures = new Map<string, MeasureDefinition>();
  for (const m of [...BASE_MEASURES, ...customMeasures]) measures.set(m.key, m);

  const result = new Map<string, MetricValue>();
  for (const key of keys) {
    if (result.has(key)) continue;
    const definition = getMetricDefinition(key);
    if (definition) {
      result.set(key, definition.compute(input));
      continue;
    }
    const measure = measures.get(key);
    if (!measure) {
      result.set(key, noValue("UNKNOWN_METRIC"));
      continue;
    }
    const aggregate = input.sums[key];
    if (aggregate !== undefined) result.set(key, valueOf(aggregate));
    else if (measure.aggregation === "flow" && !emptyFlowIsNoData) result.set(key, valueOf(new Decimal(0)));
    else result.set(key, noValue(`NO_DATA:${key}`));
  }
  return result;
}
