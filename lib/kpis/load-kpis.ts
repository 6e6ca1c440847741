import "server-only";
import type { Tx } from "@/lib/tenancy/with-tenant";
import { type KpiRecord, OWNER_ORDER, toKpiRecords } from "./kpi-record";

/**
 * Every KPI of a workspace, company first, then each role's in position order — the order
 * scorecards show them. Runs inside the caller's tenant transaction.
 */
export async function loadKpis(tx: Tx, workspaceId: string): Promise<KpiRecord[]> {
  const rows = await tx.kpi.findMany({ where: { workspaceId }, orderBy: [{ position: "asc" }, { key: "asc" }] });
  return toKpiRecords(rows).sort(
    (a, b) => OWNER_ORDER[a.ownerRole] - OWNER_ORDER[b.ownerRole] || a.position - b.position,
  );
}
