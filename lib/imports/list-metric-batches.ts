import "server-only";
import type { Database } from "@/lib/db/client";
import { type Page, type PageRequest, readPage } from "@/lib/db/page";
import { withTenant } from "@/lib/tenancy/with-tenant";
import type { MetricBatchRecord } from "./metric-batch-record";

/** A workspace's ingested batches (ingestMetrics), newest first. */
export async function listMetricBatches(
  db: Database,
  { workspaceId, ...page }: { workspaceId: string } & PageRequest,
): Promise<Page<MetricBatchRecord>> {
  const where = { workspaceId };
  return withTenant(db, { workspaceId }, (tx) =>
    readPage(page, {
      rows: (skip, take) =>
        tx.metricBatch.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip, take }),
      count: () => tx.metricBatch.count({ where }),
    }),
  );
}
