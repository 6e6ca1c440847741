import { getMetricDefinition } from "@/lib/metrics/catalog";
import { computeMetrics } from "@/lib/metrics/compute-metrics";
import { evaluateCustomMetrics } from "@/lib/metrics/formula/evaluate-custom-metrics";
import { getBaseMeasure, type MeasureDefinition } from "@/lib/metrics/measures";
import type { MetricInput, MetricUnit, MetricValue } from "@/lib/metrics/metric-definition";
import type { MetricDefinitions } from "./load-metric-definitions";

/** True for keys of the fixed catalog (SPEC §4.1 measures and §4.2 metrics), known without the database. */
export function isCatalogKey(key: string): boolean {
  return getBaseMeasure(key) !== undefined || getMetricDefinition(key) !== undefined;
}

/** True when `key` is a catalog key or one of the workspace's custom measures or metrics. */
export function isKnownKey(key: string, defs: MetricDefinitions | null): boolean {
  return (
    isCatalogKey(key) ||
    (defs !== null && (defs.customMeasures.some((m) => m.key === key) || defs.customMetrics.some((m) => m.key === key)))
  );
}

/** The unit values of `key` are in (money, count, ratio, months); null for an unknown key. */
export function unitOfKey(key: string, defs: MetricDefinitions | null): MetricUnit | null {
  const measure = getBaseMeasure(key) ?? defs?.customMeasures.find((m) => m.key === key);
  if (measure) return measure.unit;
  const metric = getMetricDefinition(key);
  if (metric) return metric.unit;
  const compiled = defs?.compilation.metrics.find((m) => m.key === key);
  if (compiled) return compiled.unit;
  return defs?.customMetrics.find((m) => m.key === key)?.unit ?? null;
}

export interface MeasurePlan {
  /** Every base measure (catalog or custom) the keys read, directly or through formulas. */
  measures: MeasureDefinition[];
  /** True when some key reads the previous period (growth metrics, `prev()` in a formula). */
  needsPrevious: boolean;
  /** Keys that are neither catalog keys nor (when `defs` is given) custom ones. */
  unknown: string[];
}

/**
 * Which base sums `keys` need. Without `defs` (before the workspace's definitions are loaded)
 * non-catalog keys are reported in `unknown`, so the caller can fetch catalog sums and
 * definitions in one round trip and only go back for custom keys.
 */
export function planMeasures(keys: Iterable<string>, defs: MetricDefinitions | null): MeasurePlan {
  const measures = new Map<string, MeasureDefinition>();
  const unknown: string[] = [];
  let needsPrevious = false;
  const seenMetrics = new Set<string>();

  const addMeasure = (key: string): boolean => {
    const m = getBaseMeasure(key) ?? defs?.customMeasures.find((c) => c.key === key);
    if (m) measures.set(m.key, m);
    return m !== undefined;
  };
  const addCatalogMetric = (key: string): boolean => {
    const metric = getMetricDefinition(key);
    if (!metric) return false;
    if (seenMetrics.has(key)) return true;
    seenMetrics.add(key);
    metric.measures.forEach(addMeasure);
    if (metric.usesPreviousPeriod) needsPrevious = true;
    metric.dependsOn.forEach(addCatalogMetric);
    return true;
  };
  const addCustomMetric = (key: string): boolean => {
    if (!defs) return false;
    const compiled = defs.compilation.metrics.find((m) => m.key === key);
    if (!compiled) return defs.customMetrics.some((m) => m.key === key); // invalid formula: no sums needed
    if (seenMetrics.has(key)) return true;
    seenMetrics.add(key);
    for (const ref of compiled.references) {
      if (ref.previous) needsPrevious = true;
      if (!addMeasure(ref.key) && !addCatalogMetric(ref.key)) addCustomMetric(ref.key);
    }
    return true;
  };

  for (const key of keys) {
    if (addMeasure(key) || addCatalogMetric(key) || addCustomMetric(key)) continue;
    unknown.push(key);
  }
  return { measures: [...measures.values()], needsPrevious, unknown };
}

/**
 * The values of `keys` for one period, computed by the pure core: catalog metrics and base
 * measures by lib/metrics computeMetrics, custom metrics by evaluateCustomMetrics. Keys the
 * workspace does not know read `UNKNOWN_METRIC` (callers validate keys first). A base measure
 * with no fact in the range reads `null` / `NO_DATA:<key>`, a pushed 0 reads "0" (issue 15).
 */
export function computeKeyValues(
  keys: readonly string[],
  input: MetricInput,
  defs: MetricDefinitions,
): Map<string, MetricValue> {
  const customKeys = new Set(defs.customMetrics.map((m) => m.key));
  const catalogValues = computeMetrics(
    keys.filter((k) => !customKeys.has(k)),
    input,
    defs.customMeasures,
    { emptyFlowIsNoData: true },
  );
  const customValues = keys.some((k) => customKeys.has(k))
    ? evaluateCustomMetrics(defs.compilation, input, defs.customMeasures)
    : new Map<string, MetricValue>();
  const out = new Map<string, MetricValue>();
  for (const key of keys) {
    out.set(key, customValues.get(key) ?? catalogValues.get(key) ?? { value: null, reason: "UNKNOWN_METRIC" });
  }
  return out;
}
