import type { BaseMeasureKey, LocalizedName } from "../measures";
import {
  defineMetric,
  type MetricClass,
  type MetricDefinition,
  type MetricDirection,
  type MetricUnit,
} from "../metric-definition";
import type { MetricKey } from "../metric-keys";
import { flowSum, noDataUnlessAny, ratioOfSums } from "../metric-value";

/**
 * A catalog metric of the form `scale × Σnumerator / Σdenominator` over flows.
 * Both sides are summed over the whole period first and divided once: a
 * month's CTR is Σclicks / Σimpressions, never the mean of daily CTRs (which
 * would give a quiet day the same weight as a busy one).
 */
export function ratioMetric<K extends MetricKey>(spec: {
  key: K;
  name: LocalizedName;
  formula: string;
  unit: MetricUnit;
  class: MetricClass;
  direction: MetricDirection;
  numerator: readonly BaseMeasureKey[];
  denominator: readonly BaseMeasureKey[];
  /** Constant factor, e.g. 1000 for CPM. */
  scale?: number;
  extension?: boolean;
}): MetricDefinition<K> {
  const measures = [...new Set([...spec.numerator, ...spec.denominator])];
  const denominatorLabel = spec.denominator.join("+");
  return defineMetric<K>({
    key: spec.key,
    name: spec.name,
    formula: spec.formula,
    unit: spec.unit,
    class: spec.class,
    direction: spec.direction,
    measures,
    extension: spec.extension ?? false,
    compute: ({ sums }) => {
      const numerator = flowSum(sums, ...spec.numerator);
      return (
        noDataUnlessAny(sums, measures) ??
        ratioOfSums(
          spec.scale === undefined ? numerator : numerator.times(spec.scale),
          flowSum(sums, ...spec.denominator),
          denominatorLabel,
        )
      );
    },
  });
}
