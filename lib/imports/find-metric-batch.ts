import "server-only";
import type { Database } from "@/lib/db/client";
import { withTenant } from "@/lib/tenancy/with-tenant";
import type { MetricBatchRecord } from "./metric-batch-record";

/** One batch of the workspace by id, or null (also for another workspace's id). */
export async function findMetricBatch(
  db: Database,
  { workspaceId, batchId }: { workspaceId: string; batchId: string },
): Promise<MetricBatchRecord | null> {
  return withTenant(db, { workspaceId }, (tx) => tx.metricBatch.findFirst({ where: { workspaceId, id: batchId } }));
}
