import "server-only";
import type { SqlReader } from "@/lib/tenancy/read-as-tenant";
import { groupByKpi, targetRows } from "./target-versions";
import type { TargetVersion } from "./target-version";

/** The most versions returned per KPI. */
export const TARGET_HISTORY_LIMIT = 500;

/**
 * Every KPI's target history in a workspace, newest first, by KPI id: every version ever set,
 * for one period or for all (at most {@link TARGET_HISTORY_LIMIT} per KPI). Versions are never
 * updated or deleted, so a target changed mid-period keeps its earlier value on record.
 * One statement for the whole workspace: a list of KPIs asks for its histories once, not per KPI.
 * `read`: the workspace's reader (tenantReader: one round trip, or txReader inside a transaction).
 */
export async function listTargetHistories(
  read: SqlReader,
  { workspaceId, period }: { workspaceId: string; period?: { from: string; to: string } | null },
): Promise<Map<string, TargetVersion[]>> {
  const [rows] = await read([
    {
      text: `SELECT id, kpi_id, period_from, period_to, value, source, effective_from, actor_user_id, actor_api_key_id
       FROM (SELECT id, kpi_id, period_from::text, period_to::text, value::text, source, effective_from, actor_user_id, actor_api_key_id,
                    row_number() OVER (PARTITION BY kpi_id ORDER BY period_from DESC, effective_from DESC, id DESC) AS n
               FROM kpi_target_versions
              WHERE workspace_id = $1::uuid
                AND ($2::date IS NULL OR (period_from = $2::date AND period_to = $3::date))) v
      WHERE n <= ${TARGET_HISTORY_LIMIT}
      ORDER BY kpi_id, n`,
      params: [workspaceId, period?.from ?? null, period?.to ?? null],
    },
  ]);
  return groupByKpi(targetRows(rows));
}
