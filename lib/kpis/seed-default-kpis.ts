import "server-only";
import type { Tx } from "@/lib/tenancy/with-tenant";
import { allTemplateRows, newId } from "./template-rows";

/**
 * Creates the default KPI tree and role scorecards of SPEC §5 in a new workspace (with the
 * seeds' standing targets: LTV:CAC 3, branded traffic +30%; pipeline follows 3 × the revenue
 * target). Registered in lib/workspaces/on-workspace-created.ts, so it runs inside the
 * workspace-creation transaction: a workspace never exists without its scorecards.
 * Does nothing when the workspace already has KPIs (safe to call twice).
 */
export async function seedDefaultKpis(tx: Tx, workspaceId: string): Promise<number> {
  if ((await tx.kpi.count({ where: { workspaceId } })) > 0) return 0;
  const rows = allTemplateRows();
  const idByKey = new Map(rows.map((r) => [r.key, newId()]));
  // One INSERT: the self-referencing parent keys are checked at the end of the statement.
  await tx.kpi.createMany({
    data: rows.map(({ parentKey, ...row }) => ({
      ...row,
      id: idByKey.get(row.key)!,
      workspaceId,
      parentId: parentKey ? (idByKey.get(parentKey) ?? null) : null,
    })),
  });
  return rows.length;
}
