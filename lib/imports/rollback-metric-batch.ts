import "server-only";
import type { Actor } from "@/lib/audit/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { getMetricBatchOrThrow, type MetricBatchRecord } from "./metric-batch-record";
import { restoreImportFacts } from "./restore-import-facts";

/**
 * Rolls an ingested batch back in ONE transaction, exactly like a CSV import
 * (rollbackImport): facts it changed get back the value and batch id the journal recorded,
 * facts it inserted are deleted, facts changed again since are left alone. Another
 * workspace's batch is NOT_FOUND; rolling back twice is refused.
 */
export async function rollbackMetricBatch(
  db: Database,
  { workspaceId, batchId, actor }: { workspaceId: string; batchId: string; actor: Actor },
): Promise<MetricBatchRecord> {
  return withTenant(db, { workspaceId }, async (tx) => {
    const current = await getMetricBatchOrThrow(tx, { workspaceId, batchId, lock: true });
    if (current.status !== "COMMITTED") throw AppError.badInput(["input", "id"], "BATCH_ALREADY_ROLLED_BACK");
    const { restored, deleted } = await restoreImportFacts(tx, { workspaceId, importId: batchId });
    const record = await tx.metricBatch.update({
      where: { workspaceId_id: { workspaceId, id: batchId } },
      data: {
        status: "ROLLED_BACK",
        rolledBackAt: new Date(),
        rolledBackByUserId: actor.kind === "user" ? actor.userId : null,
        rolledBackByApiKeyId: actor.kind === "apiKey" ? actor.apiKeyId : null,
        restoredFacts: restored,
        deletedFacts: deleted,
      },
    });
    await recordAuditEvent(tx, {
      workspaceId,
      actor,
      action: "metricBatch.rolledBack",
      targetType: "metricBatch",
      targetId: batchId,
      data: { source: record.source, rows: record.rows, restoredFacts: restored, deletedFacts: deleted },
    });
    return record;
  });
}
