import "server-only";
import type { Actor } from "@/lib/audit/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Database } from "@/lib/db/client";
import { badInput } from "@/lib/errors/parse-input";
import type { Permission, ScorecardOwner } from "@/lib/permissions/registry";
import { validateKpiTree } from "@/lib/scorecards/validate-kpi-tree";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { assertCanEdit } from "./assert-can-edit";
import type { KpiRecord } from "./kpi-record";
import { loadKpis } from "./load-kpis";
import { lockKpiTree } from "./lock-kpi-tree";
import { newId, templateRowsOf } from "./template-rows";
import { kpiFieldError } from "./kpi-input";

/**
 * "Reset to template" for one scorecard: its template KPIs get their template definition
 * back (same rows, so their targets and annotations stay on record), missing ones are
 * recreated, and KPIs added by hand to this scorecard are deleted (their children move up
 * to the deleted KPI's parent). Parents are wired to the template parents by template key.
 * One transaction; a tree that would loop afterwards (another scorecard hung a KPI under this
 * one in a way the template reverses) is refused whole.
 */
export async function resetScorecardTemplate(
  db: Database,
  {
    workspaceId,
    owner,
    permissions,
    actor,
  }: { workspaceId: string; owner: ScorecardOwner; permissions: ReadonlySet<Permission>; actor: Actor },
): Promise<KpiRecord[]> {
  assertCanEdit(permissions, "kpi", [owner]);
  return withTenant(db, { workspaceId }, async (tx) => {
    await lockKpiTree(tx, workspaceId);
    await recordAuditEvent(tx, {
      workspaceId,
      actor,
      action: "kpi.templateReset",
      targetType: "workspace",
      targetId: workspaceId,
      data: { owner },
    });
    const before = await loadKpis(tx, workspaceId);
    const rows = templateRowsOf(owner);
    const templateKeys = new Set(rows.map((r) => r.templateKey));
    const existingByTemplate = new Map(before.filter((k) => k.templateKey).map((k) => [k.templateKey!, k]));

    for (const extra of before.filter(
      (k) => k.ownerRole === owner && !(k.templateKey && templateKeys.has(k.templateKey)),
    )) {
      await tx.kpi.updateMany({ where: { workspaceId, parentId: extra.id }, data: { parentId: extra.parentId } });
      await tx.kpi.delete({ where: { workspaceId_id: { workspaceId, id: extra.id } } });
    }
    const idByTemplate = new Map<string, string>([...existingByTemplate].map(([k, v]) => [k, v.id]));
    for (const row of rows) if (!idByTemplate.has(row.templateKey)) idByTemplate.set(row.templateKey, newId());

    for (const { parentKey, ...row } of rows) {
      const id = idByTemplate.get(row.templateKey)!;
      const parentId = parentKey ? (idByTemplate.get(parentKey) ?? null) : null;
      const current = existingByTemplate.get(row.templateKey);
      if (current && current.ownerRole === owner) {
        await tx.kpi.update({ where: { workspaceId_id: { workspaceId, id } }, data: { ...row, parentId } });
      } else if (!current) {
        await tx.kpi.create({ data: { ...row, id, workspaceId, parentId } });
      }
    }
    const after = await loadKpis(tx, workspaceId);
    const cycles = validateKpiTree(after).filter((e) => e.code === "TREE_CYCLE" || e.code === "DUPLICATE_KEY");
    if (cycles.length > 0) throw badInput(cycles.map((e) => kpiFieldError(["owner"], e)));
    return after.filter((k) => k.ownerRole === owner);
  });
}
