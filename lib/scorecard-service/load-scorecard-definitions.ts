import "server-only";
import type { Kpi } from "@/generated/prisma/client";
import { type KpiRecord, OWNER_ORDER, toKpiRecords } from "@/lib/kpis/kpi-record";
import { CURRENT_TARGETS_SQL, PART_TARGETS_SQL, byKpi, groupByKpi, targetRows } from "@/lib/kpis/target-versions";
import type { TargetVersion } from "@/lib/kpis/target-version";
import {
  DEFINITIONS_SQL,
  type DefinitionsRow,
  type MetricDefinitions,
  parseDefinitions,
} from "@/lib/metric-store/load-metric-definitions";
import type { Tx } from "@/lib/tenancy/with-tenant";

export interface AnnotationRow {
  id: string;
  kpiId: string;
  body: string;
  authorUserId: string;
  updatedAt: Date;
}

export interface ScorecardDefinitions {
  kpis: KpiRecord[];
  /** Current explicit target versions of the period, by KPI id. */
  targets: Map<string, TargetVersion>;
  /** Current versions of the periods inside it (a quarter's months), by KPI id. */
  targetParts: Map<string, TargetVersion[]>;
  /** Annotations of the period, by KPI id. */
  annotations: Map<string, AnnotationRow>;
  /** Metric settings and custom measures/metrics (lib/metric-store), from the same statement. */
  metricDefinitions: MetricDefinitions;
}

interface Row {
  kpis: unknown;
  targets: unknown;
  parts: unknown;
  annotations: unknown;
  defs: unknown;
}

const json = (v: unknown): unknown => (typeof v === "string" ? JSON.parse(v) : v);

/**
 * The KPIs of a workspace with the current target versions and annotations of one period,
 * and the workspace's metric definitions, in ONE round trip (numerics travel as text inside the JSON, never as floats).
 */
export async function loadScorecardDefinitions(
  tx: Tx,
  workspaceId: string,
  period: { from: string; to: string },
): Promise<ScorecardDefinitions> {
  const [row] = await tx.$queryRawUnsafe<Row[]>(
    `SELECT
       (SELECT coalesce(json_agg(k), '[]'::json) FROM (
          SELECT id, workspace_id AS "workspaceId", key, metric_key AS "metricKey", owner_role AS "ownerRole",
                 period_type AS "periodType", direction, range_min::text AS "rangeMin", range_max::text AS "rangeMax",
                 threshold_on_track::text AS "thresholdOnTrack", threshold_at_risk::text AS "thresholdAtRisk",
                 weight::text AS weight, default_target::text AS "defaultTarget", parent_id AS "parentId",
                 gate_metric_key AS "gateMetricKey", gate_comparator AS "gateComparator", gate_threshold::text AS "gateThreshold",
                 diagnostics, channel_scope AS "channelScope", template_key AS "templateKey", position,
                 created_at AS "createdAt", updated_at AS "updatedAt"
            FROM kpis WHERE workspace_id = $1::uuid ORDER BY position, key) k) AS kpis,
       (SELECT coalesce(json_agg(t), '[]'::json) FROM (${CURRENT_TARGETS_SQL}) t) AS targets,
       (SELECT coalesce(json_agg(p), '[]'::json) FROM (${PART_TARGETS_SQL}) p) AS parts,
       (SELECT coalesce(json_agg(a), '[]'::json) FROM (
          SELECT id, kpi_id AS "kpiId", body, author_user_id AS "authorUserId", updated_at AS "updatedAt"
            FROM kpi_annotations
           WHERE workspace_id = $1::uuid AND period_from = $2::date AND period_to = $3::date) a) AS annotations,
       (${DEFINITIONS_SQL})::text AS defs`,
    workspaceId,
    period.from,
    period.to,
  );
  const kpiRows = (json(row.kpis) as Record<string, unknown>[]).map(
    (k) =>
      ({
        ...k,
        createdAt: new Date(k.createdAt as string),
        updatedAt: new Date(k.updatedAt as string),
      }) as unknown as Kpi,
  );
  const kpis = toKpiRecords(kpiRows).sort(
    (a, b) => OWNER_ORDER[a.ownerRole] - OWNER_ORDER[b.ownerRole] || a.position - b.position,
  );
  const targets = byKpi(targetRows(json(row.targets) as unknown[]));
  const targetParts = groupByKpi(targetRows(json(row.parts) as unknown[]));
  const annotations = new Map(
    (json(row.annotations) as AnnotationRow[]).map((a) => [
      a.kpiId,
      { ...a, updatedAt: new Date(a.updatedAt as unknown as string) },
    ]),
  );
  const metricDefinitions = parseDefinitions(JSON.parse(String(row.defs)) as DefinitionsRow);
  return { kpis, targets, targetParts, annotations, metricDefinitions };
}
