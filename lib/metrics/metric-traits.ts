import { getMetricDefinition } from "./catalog";
import type { MeasureAggregation, MeasureUnit } from "./measures";
import { MEASURE_DIRECTIONS, PROCESS_MEASURES, getBaseMeasure } from "./measures";
import type { MetricClass, MetricDirection, MetricUnit } from "./metric-definition";

/**
 * How a KPI's number behaves over time: a flow adds up over the period (paced against
 * target × elapsed share, targets of months sum to the quarter's); a stock is a level; a
 * ratio is compared directly.
 */
export type MetricKind = "flow" | "stock" | "ratio";

/** Everything the rest of the product needs to know about a key — one answer, from the catalog. */
export interface MetricTraits {
  kind: MetricKind;
  class: MetricClass;
  unit: MetricUnit;
  /** Base measures only: how daily facts aggregate. */
  aggregation: MeasureAggregation | null;
  /** A ratio read as a multiple (LTV:CAC 3.2×): changes in percent, not points. */
  multiple: boolean;
  /** Which way is better; null for activity measures (spend, impressions…) and unknown keys. */
  direction: MetricDirection | null;
  /** False for a key that is neither in the catalog nor among the workspace's definitions. */
  known: boolean;
}

/** The workspace's own definitions (lib/metric-store MetricDefinitions has this shape). */
export interface WorkspaceDefinitions {
  customMeasures: readonly { key: string; unit: MeasureUnit; aggregation: MeasureAggregation }[];
  customMetrics: readonly { key: string; unit: MetricUnit; class: MetricClass; direction: MetricDirection }[];
}

const kindOf = (aggregation: MeasureAggregation): MetricKind => (aggregation === "flow" ? "flow" : "stock");

/**
 * The traits of a catalog metric, a base measure, or — given the workspace's definitions — a
 * custom measure (a custom FLOW measure is a flow: paced and target-summed like revenue) or a
 * custom metric. Unknown keys are ratios of class "result": comparing directly is the safe
 * default (pacing a ratio as a flow would halve its expected value mid-period), and a metric
 * is not accused of being a process metric without evidence.
 */
export function metricTraits(key: string, definitions?: WorkspaceDefinitions | null): MetricTraits {
  const metric = getMetricDefinition(key);
  if (metric) {
    return {
      kind: "ratio",
      class: metric.class,
      unit: metric.unit,
      aggregation: null,
      multiple: metric.multiple,
      direction: metric.direction,
      known: true,
    };
  }
  const base = getBaseMeasure(key);
  if (base) {
    const cls: MetricClass = PROCESS_MEASURES.has(base.key as never) ? "process" : "result";
    const direction = MEASURE_DIRECTIONS[base.key as keyof typeof MEASURE_DIRECTIONS] ?? null;
    return {
      kind: kindOf(base.aggregation),
      class: cls,
      unit: base.unit,
      aggregation: base.aggregation,
      multiple: false,
      direction,
      known: true,
    };
  }
  const measure = definitions?.customMeasures.find((m) => m.key === key);
  if (measure) {
    return {
      kind: kindOf(measure.aggregation),
      class: "result",
      unit: measure.unit,
      aggregation: measure.aggregation,
      multiple: false,
      direction: null,
      known: true,
    };
  }
  const custom = definitions?.customMetrics.find((m) => m.key === key);
  if (custom)
    return {
      kind: "ratio",
      class: custom.class,
      unit: custom.unit,
      aggregation: null,
      multiple: false,
      direction: custom.direction,
      known: true,
    };
  return {
    kind: "ratio",
    class: "result",
    unit: "count",
    aggregation: null,
    multiple: false,
    direction: null,
    known: false,
  };
}
