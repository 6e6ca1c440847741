import "server-only";
import { loadMetricDefinitions } from "@/lib/metric-store/load-metric-definitions";
import { METRIC_CATALOG } from "@/lib/metrics/catalog";
import { BASE_MEASURES } from "@/lib/metrics/measures";
import type { Tx } from "@/lib/tenancy/with-tenant";

export interface CurrencyConversion {
  /** Money facts multiplied by the rate. */
  facts: number;
  /** Money targets given a new version at the converted value. */
  targets: number;
}

/**
 * Converts everything a workspace stores in its reporting currency by an exact rate (one unit
 * of the old currency in the new), inside the caller's tenant transaction (SPEC §7: "the
 * reporting currency of a workspace with data changes only with an explicit conversion"):
 * money facts (catalog and custom money measures; the rollups follow through their
 * triggers), the values imports replaced (so a later rollback restores converted money),
 * the money parameters of the metric settings, the standing targets of money KPIs, and the
 * current target of every period of a money KPI as a new version (target history is
 * append-only). Multiplication in `numeric` is exact: nothing is rounded.
 */
export async function convertWorkspaceCurrency(
  tx: Tx,
  { workspaceId, rate, actorUserId }: { workspaceId: string; rate: string; actorUserId: string | null },
): Promise<CurrencyConversion> {
  const defs = await loadMetricDefinitions(tx, workspaceId);
  const moneyMeasures = [...BASE_MEASURES, ...defs.customMeasures].filter((m) => m.unit === "money").map((m) => m.key);
  const moneyMetrics = [
    ...moneyMeasures,
    ...METRIC_CATALOG.filter((m) => m.unit === "money").map((m) => m.key),
    ...defs.customMetrics.filter((m) => m.unit === "money").map((m) => m.key),
  ];
  const facts = await tx.$executeRawUnsafe(
    `UPDATE metric_facts SET value = value * $2::numeric, updated_at = now() WHERE workspace_id = $1::uuid AND measure = ANY($3::text[])`,
    workspaceId,
    rate,
    moneyMeasures,
  );
  await tx.$executeRawUnsafe(
    `UPDATE import_fact_changes SET previous_value = previous_value * $2::numeric WHERE workspace_id = $1::uuid AND measure = ANY($3::text[])`,
    workspaceId,
    rate,
    moneyMeasures,
  );
  await tx.$executeRawUnsafe(
    `UPDATE metric_settings SET order_value = order_value * $2::numeric, fixed_ltv = fixed_ltv * $2::numeric, updated_at = now() WHERE workspace_id = $1::uuid`,
    workspaceId,
    rate,
  );
  await tx.$executeRawUnsafe(
    `UPDATE kpis SET default_target = default_target * $2::numeric, updated_at = now()
      WHERE workspace_id = $1::uuid AND default_target IS NOT NULL AND metric_key = ANY($3::text[])`,
    workspaceId,
    rate,
    moneyMetrics,
  );
  const targets = await tx.$executeRawUnsafe(
    `INSERT INTO kpi_target_versions (workspace_id, kpi_id, period_from, period_to, value, source, actor_user_id)
     SELECT workspace_id, kpi_id, period_from, period_to, value * $2::numeric, source, $4::uuid FROM (
       SELECT DISTINCT ON (v.kpi_id, v.period_from, v.period_to) v.*
         FROM kpi_target_versions v JOIN kpis k ON k.workspace_id = v.workspace_id AND k.id = v.kpi_id
        WHERE v.workspace_id = $1::uuid AND k.metric_key = ANY($3::text[])
        ORDER BY v.kpi_id, v.period_from, v.period_to, v.effective_from DESC) current
      WHERE value IS NOT NULL`,
    workspaceId,
    rate,
    moneyMetrics,
    actorUserId,
  );
  return { facts, targets };
}
