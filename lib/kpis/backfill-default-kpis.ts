import "server-only";
import type { Database } from "@/lib/db/client";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { seedDefaultKpis } from "./seed-default-kpis";

/**
 * Gives workspaces created before the KPI module (or restored without KPIs) their default
 * scorecards: one tenant transaction per workspace; a workspace that has KPIs is left alone.
 * The caller lists the workspaces (RLS lets the app role see one tenant at a time).
 * Returns the ids of the workspaces that were seeded.
 */
export async function backfillDefaultKpis(
  db: Database,
  { workspaceIds }: { workspaceIds: readonly string[] },
): Promise<string[]> {
  const seeded: string[] = [];
  for (const workspaceId of workspaceIds) {
    const created = await withTenant(db, { workspaceId }, async (tx) => {
      const exists = await tx.workspace.count({ where: { id: workspaceId } });
      return exists ? seedDefaultKpis(tx, workspaceId) : 0;
    });
    if (created > 0) seeded.push(workspaceId);
  }
  return seeded;
}
