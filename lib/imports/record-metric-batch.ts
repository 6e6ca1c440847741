import "server-only";
import type { Actor } from "@/lib/audit/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Tx } from "@/lib/tenancy/with-tenant";
import type { MetricBatchSource } from "./metric-batch-record";

/**
 * Records an ingested batch (SPEC §7: every import is recorded) and its audit event inside the
 * transaction that wrote its facts: the record exists exactly when the batch does.
 */
export async function recordMetricBatch(
  tx: Tx,
  b: {
    workspaceId: string;
    batchId: string;
    source: MetricBatchSource;
    actor: Actor;
    idempotencyKey: string | null;
    rows: number;
    inserted: number;
    updated: number;
    unchanged: number;
  },
): Promise<void> {
  await tx.metricBatch.create({
    data: {
      id: b.batchId,
      workspaceId: b.workspaceId,
      source: b.source,
      idempotencyKey: b.idempotencyKey,
      rows: b.rows,
      inserted: b.inserted,
      updated: b.updated,
      unchanged: b.unchanged,
      createdByUserId: b.actor.kind === "user" ? b.actor.userId : null,
      createdByApiKeyId: b.actor.kind === "apiKey" ? b.actor.apiKeyId : null,
    },
  });
  await recordAuditEvent(tx, {
    workspaceId: b.workspaceId,
    actor: b.actor,
    action: "metricBatch.ingested",
    targetType: "metricBatch",
    targetId: b.batchId,
    data: { source: b.source, rows: b.rows, inserted: b.inserted, updated: b.updated, unchanged: b.unchanged },
  });
}
