import "server-only";
import type { MetricBatch } from "@/generated/prisma/client";
import { AppError } from "@/lib/errors/app-error";
import type { Tx } from "@/lib/tenancy/with-tenant";

export type MetricBatchRecord = MetricBatch;

export const METRIC_BATCH_SOURCES = ["API"] as const;
export type MetricBatchSource = (typeof METRIC_BATCH_SOURCES)[number];
export const METRIC_BATCH_STATUSES = ["COMMITTED", "ROLLED_BACK"] as const;

/** A batch of the transaction's workspace, or NOT_FOUND (another tenant's id reads as missing). */
export async function getMetricBatchOrThrow(
  tx: Tx,
  { workspaceId, batchId, lock = false }: { workspaceId: string; batchId: string; lock?: boolean },
): Promise<MetricBatchRecord> {
  if (lock) {
    // Serialises rollbacks of one batch.
    await tx.$queryRawUnsafe(
      `SELECT 1 FROM metric_batches WHERE workspace_id = $1::uuid AND id = $2::uuid FOR UPDATE`,
      workspaceId,
      batchId,
    );
  }
  const record = await tx.metricBatch.findFirst({ where: { workspaceId, id: batchId } });
  if (!record) throw AppError.notFound("Batch not found");
  return record;
}
