import "server-only";
import type { Database } from "@/lib/db/client";
import { METRIC_CATALOG } from "@/lib/metrics/catalog";
import { BASE_MEASURES, type MeasureAggregation, type LocalizedName } from "@/lib/metrics/measures";
import type { MetricClass, MetricDirection, MetricUnit } from "@/lib/metrics/metric-definition";
import type { FormulaError } from "@/lib/metrics/formula/formula-error";
import { type FormulaProblem, toProblem } from "./check-custom-metric-formula";
import { type CustomMeasureRecord, type MetricDefinitions, readMetricDefinitions } from "./load-metric-definitions";

function firstProblem(errors: readonly FormulaError[] | undefined): FormulaProblem | null {
  return errors && errors.length > 0 ? toProblem(errors[0]) : null;
}

/** One entry of a workspace's catalog: a base measure or a derived metric, built in or custom. */
export interface MetricCatalogEntry {
  key: string;
  kind: "measure" | "metric";
  name: LocalizedName;
  /** The formula of a derived metric (SPEC §4.2 wording for the catalog); null for a measure. */
  formula: string | null;
  unit: MetricUnit;
  /** Measures: how a period aggregates them. Null for metrics. */
  aggregation: MeasureAggregation | null;
  /** Metrics: process or result (SPEC §1). Measures are facts, not KPIs: null. */
  class: MetricClass | null;
  direction: MetricDirection | null;
  custom: boolean;
  /** Row id of a custom entry; null for built-ins. */
  id: string | null;
  /** Custom metrics whose formula no longer compiles: the first problem; null otherwise. */
  problem: FormulaProblem | null;
  /** A custom measure that was archived (hidden from imports and the formula editor). */
  archived?: boolean;
}

/** The catalog as a workspace sees it: SPEC §4.1 measures, §4.2 metrics, then its custom ones. */
export async function getMetricCatalog(
  db: Database,
  { workspaceId }: { workspaceId: string },
): Promise<MetricCatalogEntry[]> {
  return buildCatalog(await readMetricDefinitions(db, workspaceId));
}

/** A workspace's own base measure as a catalog entry (the catalog, and the measure mutations' payloads). */
export function customMeasureEntry(m: CustomMeasureRecord): MetricCatalogEntry {
  return {
    key: m.key,
    kind: "measure",
    name: m.name,
    formula: null,
    unit: m.unit,
    aggregation: m.aggregation,
    class: null,
    direction: null,
    custom: true,
    id: m.id,
    problem: null,
    archived: m.archived === true,
  };
}

export function buildCatalog(defs: MetricDefinitions): MetricCatalogEntry[] {
  const entries: MetricCatalogEntry[] = [];
  for (const m of BASE_MEASURES) {
    entries.push({
      key: m.key,
      kind: "measure",
      name: m.name,
      formula: null,
      unit: m.unit,
      aggregation: m.aggregation,
      class: null,
      direction: null,
      custom: false,
      id: null,
      problem: null,
    });
  }
  for (const m of defs.customMeasures) entries.push(customMeasureEntry(m));
  for (const m of METRIC_CATALOG) {
    entries.push({
      key: m.key,
      kind: "metric",
      name: m.name,
      formula: m.formula,
      unit: m.unit,
      aggregation: null,
      class: m.class,
      direction: m.direction,
      custom: false,
      id: null,
      problem: null,
    });
  }
  for (const m of defs.customMetrics) {
    const compiled = defs.compilation.metrics.find((c) => c.key === m.key);
    entries.push({
      key: m.key,
      kind: "metric",
      name: m.name,
      formula: m.formula,
      unit: compiled?.unit ?? m.unit,
      aggregation: null,
      class: m.class,
      direction: m.direction,
      custom: true,
      id: m.id,
      problem: firstProblem(defs.compilation.errors.get(m.key)),
    });
  }
  return entries;
}
