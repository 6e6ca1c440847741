import "server-only";
import type { Tx } from "@/lib/tenancy/with-tenant";

/**
 * Serialises edits of one workspace's KPI tree until the transaction ends. Two concurrent
 * edits could each pass the cycle check on their own snapshot (a→b here, b→a there) and
 * together close a loop; the lock makes the second one validate against the first's result.
 */
export async function lockKpiTree(tx: Tx, workspaceId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('kpi-tree:' || ${workspaceId}, 0))`;
}
