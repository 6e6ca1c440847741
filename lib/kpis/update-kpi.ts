import "server-only";
import type { Actor } from "@/lib/audit/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Database } from "@/lib/db/client";
import { parseInput } from "@/lib/errors/parse-input";
import type { Permission } from "@/lib/permissions/registry";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { assertCanEdit } from "./assert-can-edit";
import { getKpiOrThrow } from "./get-kpi-or-throw";
import { assertValidKpi, type KpiPatchInput, kpiColumns, kpiPatchSchema, mergeKpi } from "./kpi-input";
import type { KpiRecord } from "./kpi-record";
import { loadKpis } from "./load-kpis";
import { lockKpiTree } from "./lock-kpi-tree";

/**
 * Changes a KPI (a patch: absent fields keep their value, null clears an optional one).
 * Moving it to another scorecard needs edit rights on both. The tree is re-checked under the
 * workspace's tree lock, so a new parent that would close a cycle is refused.
 */
export async function updateKpi(
  db: Database,
  {
    workspaceId,
    kpiId,
    permissions,
    actor,
    ...input
  }: { workspaceId: string; kpiId: string; permissions: ReadonlySet<Permission>; actor: Actor } & KpiPatchInput,
): Promise<KpiRecord> {
  const patch = parseInput(kpiPatchSchema, input);
  return withTenant(db, { workspaceId }, async (tx) => {
    await lockKpiTree(tx, workspaceId);
    const { kpi, all } = await getKpiOrThrow(tx, workspaceId, kpiId);
    assertCanEdit(permissions, "kpi", [kpi.ownerRole, patch.ownerRole ?? kpi.ownerRole]);
    const candidate = mergeKpi(kpi, patch, kpi.id, workspaceId, all);
    await assertValidKpi(tx, candidate, all);
    await tx.kpi.update({ where: { workspaceId_id: { workspaceId, id: kpi.id } }, data: kpiColumns(candidate) });
    await recordAuditEvent(tx, {
      workspaceId,
      actor,
      action: "kpi.updated",
      targetType: "kpi",
      targetId: kpi.id,
      data: {
        key: kpi.key,
        metricKey: kpi.metricKey,
        channelScope: kpi.channelScope ?? null,
        ownerRole: kpi.ownerRole,
        fields: Object.keys(patch).sort(),
      },
    });
    return (await loadKpis(tx, workspaceId)).find((k) => k.id === kpi.id)!;
  });
}
