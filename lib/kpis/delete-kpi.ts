import "server-only";
import type { Actor } from "@/lib/audit/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Database } from "@/lib/db/client";
import type { Permission } from "@/lib/permissions/registry";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { assertCanEdit } from "./assert-can-edit";
import { getKpiOrThrow } from "./get-kpi-or-throw";
import type { KpiRecord } from "./kpi-record";
import { lockKpiTree } from "./lock-kpi-tree";

/**
 * Deletes a KPI with its targets and annotations. Its children move up to its parent, so the
 * tree stays connected (a role KPI under a deleted intermediate KPI keeps driving the same
 * company target). Returns the deleted KPI.
 */
export async function deleteKpi(
  db: Database,
  {
    workspaceId,
    kpiId,
    permissions,
    actor,
  }: { workspaceId: string; kpiId: string; permissions: ReadonlySet<Permission>; actor: Actor },
): Promise<KpiRecord> {
  return withTenant(db, { workspaceId }, async (tx) => {
    await lockKpiTree(tx, workspaceId);
    const { kpi } = await getKpiOrThrow(tx, workspaceId, kpiId);
    assertCanEdit(permissions, "kpi", [kpi.ownerRole]);
    await tx.kpi.updateMany({ where: { workspaceId, parentId: kpi.id }, data: { parentId: kpi.parentId } });
    await tx.kpi.delete({ where: { workspaceId_id: { workspaceId, id: kpi.id } } });
    await recordAuditEvent(tx, {
      workspaceId,
      actor,
      action: "kpi.deleted",
      targetType: "kpi",
      targetId: kpi.id,
      data: { key: kpi.key, metricKey: kpi.metricKey, ownerRole: kpi.ownerRole },
    });
    return kpi;
  });
}
