import "server-only";
import type { Actor } from "@/lib/audit/actor";
import { type AuditAction, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Tx } from "@/lib/tenancy/with-tenant";

/**
 * A report's audit entry (created, saved, published, deleted, share links, schedules), written
 * in the transaction of the change. `data` carries what the sentence names — the report's title,
 * a link's expiry, a schedule's cadence — never a token.
 */
export async function recordReportEvent(
  tx: Tx,
  input: {
    workspaceId: string;
    actor: Actor | null | undefined;
    action: Extract<AuditAction, `report.${string}` | `shareLink.${string}` | `reportSchedule.${string}`>;
    targetId: string;
    data: Record<string, string | number | null>;
  },
): Promise<void> {
  const targetType = input.action.startsWith("shareLink.")
    ? "shareLink"
    : input.action.startsWith("reportSchedule.")
      ? "reportSchedule"
      : "report";
  await recordAuditEvent(tx, {
    workspaceId: input.workspaceId,
    actor: input.actor ?? null,
    action: input.action,
    targetType,
    targetId: input.targetId,
    data: input.data,
  });
}
