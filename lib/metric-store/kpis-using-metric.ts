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

/** The refusal message: `"ctr_x" is used by KPIs "performance.a", "smm.b"; ...`. */
export function usedByKpisMessage(metricKey: string, kpiKeys: readonly string[]): string {
  return `"${metricKey}" is used by KPI${kpiKeys.length > 1 ? "s" : ""} ${kpiKeys.map((k) => `"${k}"`).join(", ")}; change or delete those KPIs first`;
}
