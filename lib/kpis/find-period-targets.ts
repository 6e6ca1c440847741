import "server-only";
import type { Database } from "@/lib/db/client";
import { tenantReader } from "@/lib/tenancy/read-as-tenant";
import type { KpiRecord } from "./kpi-record";
import { loadPeriodTargets } from "./target-versions";
import { resolveTargets } from "./resolve-targets";
import type { ResolvedTarget } from "./target-version";

/**
 * Every KPI's resolved target for a period, by KPI key: the period's explicit versions and those
 * of the periods inside it, read in one round trip, resolved by the pure resolveTargets.
 */
export async function findPeriodTargets(
  db: Database,
  {
    workspaceId,
    kpis,
    period,
  }: { workspaceId: string; kpis: readonly KpiRecord[]; period: { from: string; to: string } },
): Promise<Map<string, ResolvedTarget>> {
  const { explicit, parts } = await loadPeriodTargets(tenantReader(db, workspaceId), workspaceId, period);
  return resolveTargets(kpis, explicit, parts, period);
}
