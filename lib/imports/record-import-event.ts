import "server-only";
import type { Actor } from "@/lib/audit/actor";
import { type AuditAction, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Tx } from "@/lib/tenancy/with-tenant";
import type { ImportRecord } from "./import-record";

/**
 * Audits an import's commit, rollback or the demo load (issue 11) inside the transaction that
 * changes its status: what it was (file, source, rows written, currency and rate) and who —
 * the given actor, else whoever uploaded it. An import nobody can be named for (a system
 * job with neither) is recorded with no actor.
 */
export async function recordImportEvent(
  tx: Tx,
  record: ImportRecord,
  action: Extract<AuditAction, "import.committed" | "import.rolledBack" | "demo.loaded">,
  actor?: Actor | null,
  extra: Record<string, string | number | null> = {},
): Promise<void> {
  const who: Actor | null =
    actor ??
    (record.createdByUserId
      ? { kind: "user", userId: record.createdByUserId }
      : record.createdByApiKeyId
        ? { kind: "apiKey", apiKeyId: record.createdByApiKeyId }
        : null);
  await recordAuditEvent(tx, {
    workspaceId: record.workspaceId,
    actor: who,
    action,
    targetType: "import",
    targetId: record.id,
    data: {
      fileName: record.fileName,
      source: record.source,
      rows: record.rowsTotal,
      inserted: record.inserted,
      updated: record.updated,
      unchanged: record.unchanged,
      currency: record.currency,
      currencyRate: record.currencyRate === null ? null : record.currencyRate.toString(),
      ...extra,
    },
  });
}
