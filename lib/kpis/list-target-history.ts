import type { Tx } from "@/lib/tenancy/with-tenant";
import { toTargetVersion, type TargetVersionRow } from "./load-current-targets";
import type { TargetVersion } from "./target-version";

/**
 * A KPI's target history, newest first: every version ever set, for one period or for all.
 * Versions are never updated or deleted, so a target changed mid-period keeps its earlier
 * value on record.
 */
export async function listTargetHistory(
  tx: Tx,
  { workspaceId, kpiId, period }: { workspaceId: string; kpiId: string; period?: { from: string; to: string } | null },
): Promise<TargetVersion[]> {
  const rows = await tx.$queryRawUnsafe<TargetVersionRow[]>(
    `SELECT id, kpi_id, period_from::text, period_to::text, value::text, source, effective_from, actor_user_id, actor_api_key_id
       FROM kpi_target_versions
      WHERE workspace_id = $1::uuid AND kpi_id = $2::uuid
        AND ($3::date IS NULL OR (period_from = $3::date AND period_to = $4::date))
      ORDER BY period_from DESC, effective_from DESC, id DESC
      LIMIT 500`,
    workspaceId,
    kpiId,
    period?.from ?? null,
    period?.to ?? null,
  );
  return rows.map(toTargetVersion);
}
