import "server-only";
import type { Tx } from "@/lib/tenancy/with-tenant";

/**
 * Keys of the workspace's KPIs that read `metricKey` — as their metric, their quality gate or
 * a diagnostic — locked FOR SHARE until the caller's transaction ends, so no KPI can start or
 * stop using it meanwhile. A metric or measure in use cannot be deleted: the scorecard would
 * lose a figure silently.
 */
export async function kpisUsingMetric(tx: Tx, workspaceId: string, metricKey: string): Promise<string[]> {
  const rows = await tx.$queryRawUnsafe<{ key: string }[]>(
    `SELECT key FROM kpis
      WHERE workspace_id = $1::uuid AND (metric_key = $2 OR gate_metric_key = $2 OR $2 = ANY (diagnostics))
      ORDER BY key FOR SHARE`,
    workspaceId,
    metricKey,
  );
  return rows.map((r) => r.key);
}

/** The params of the USED_BY_KPIS refusal: the metric and the KPIs' keys. */
export function usedByKpisParams(metricKey: string, kpiKeys: readonly string[]): { key: string; kpis: string } {
  return { key: metricKey, kpis: kpiKeys.join(", ") };
}
