import "server-only";
import { getMetricDefinition } from "@/lib/metrics/catalog";
import { BASE_MEASURES } from "@/lib/metrics/measures";
import type { MetricUnit } from "@/lib/metrics/metric-definition";
import type { Tx } from "@/lib/tenancy/with-tenant";

export interface KnownMetric {
  key: string;
  unit: MetricUnit;
  source: "catalog" | "measure" | "customMeasure" | "customMetric";
}

const BASE = new Map<string, (typeof BASE_MEASURES)[number]>(BASE_MEASURES.map((m) => [m.key, m]));

/**
 * What a KPI may measure: a catalog metric (SPEC §4.2), a base measure (§4.1), or the
 * workspace's custom measure or metric. Built-ins need no query; customs are looked up in the
 * caller's tenant transaction only when a key is not built in.
 */
export async function findKnownMetrics(
  tx: Tx,
  workspaceId: string,
  keys: readonly string[],
): Promise<Map<string, KnownMetric>> {
  const found = new Map<string, KnownMetric>();
  const unknown: string[] = [];
  for (const key of new Set(keys)) {
    const definition = getMetricDefinition(key);
    const measure = BASE.get(key);
    if (definition) found.set(key, { key, unit: definition.unit, source: "catalog" });
    else if (measure) found.set(key, { key, unit: measure.unit, source: "measure" });
    else unknown.push(key);
  }
  if (unknown.length > 0) {
    const [measures, metrics] = await Promise.all([
      tx.customMeasure.findMany({ where: { workspaceId, key: { in: unknown } }, select: { key: true, unit: true } }),
      tx.customMetric.findMany({ where: { workspaceId, key: { in: unknown } }, select: { key: true, unit: true } }),
    ]);
    for (const m of measures) found.set(m.key, { key: m.key, unit: m.unit as MetricUnit, source: "customMeasure" });
    for (const m of metrics) found.set(m.key, { key: m.key, unit: m.unit as MetricUnit, source: "customMetric" });
  }
  return found;
}
