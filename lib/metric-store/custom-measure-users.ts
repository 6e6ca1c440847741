import "server-only";
import { kpiLabel } from "@/lib/alerts/collect-observations";
import type { Tx } from "@/lib/tenancy/with-tenant";
import type { MetricDefinitions } from "./load-metric-definitions";

/**
 * Who reads a custom measure: the custom metrics whose formulas reach it (directly or through
 * another custom metric) and the KPIs that read the measure or one of those metrics — as their
 * metric, quality gate or diagnostic. KPIs are named for a person, `{ en, ru }` ("Calls (CMO)").
 * The KPI rows are locked FOR SHARE until the caller's transaction ends.
 */
export async function findCustomMeasureUsers(
  tx: Tx,
  workspaceId: string,
  defs: MetricDefinitions,
  key: string,
): Promise<{ metrics: string[]; kpis: { en: string; ru: string }[] }> {
  const readers = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const m of defs.compilation.metrics) {
      if (readers.has(m.key)) continue;
      if (m.references.some((r) => r.key === key || readers.has(r.key))) {
        readers.add(m.key);
        grew = true;
      }
    }
  }
  const keys = [key, ...readers];
  const rows = await tx.$queryRawUnsafe<{ metric_key: string; channel_scope: string | null; owner_role: string }[]>(
    `SELECT metric_key, channel_scope, owner_role FROM kpis
      WHERE workspace_id = $1::uuid AND (metric_key = ANY ($2::text[]) OR gate_metric_key = ANY ($2::text[]) OR diagnostics::text[] && $2::text[])
      ORDER BY key FOR SHARE`,
    workspaceId,
    keys,
  );
  return { metrics: [...readers], kpis: rows.map((r) => kpiLabel(r.metric_key, r.channel_scope, r.owner_role, defs)) };
}
