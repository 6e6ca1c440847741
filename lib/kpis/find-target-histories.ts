import "server-only";
import type { Database } from "@/lib/db/client";
import { tenantReader } from "@/lib/tenancy/read-as-tenant";
import { listTargetHistories } from "./list-target-history";
import type { TargetVersion } from "./target-version";

/** Every KPI's target history in a workspace (listTargetHistories), read in one round trip. */
export async function findTargetHistories(
  db: Database,
  { workspaceId, period }: { workspaceId: string; period: { from: string; to: string } | null },
): Promise<Map<string, TargetVersion[]>> {
  return listTargetHistories(tenantReader(db, workspaceId), { workspaceId, period });
}
