import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/lib/tenancy/with-tenant";
import type { Actor } from "./actor";

/** Every action the audit log records; the UI translates these keys. */
export type AuditAction =
  | "workspace.created"
  | "workspace.updated"
  | "member.joined"
  | "member.roleChanged"
  | "member.removed"
  | "member.left"
  | "invite.created"
  | "invite.revoked"
  | "invite.accepted"
  | "apiKey.created"
  | "apiKey.revoked"
  | "kpi.created"
  | "kpi.updated"
  | "kpi.deleted"
  | "kpi.templateReset"
  | "metric.created"
  | "metric.updated"
  | "metric.deleted"
  | "measure.created"
  | "measure.deleted"
  | "measure.updated"
  | "measure.archived"
  | "measure.unarchived"
  | "metricSettings.updated"
  | "channelGroup.updated"
  | "import.committed"
  | "import.rolledBack"
  | "demo.loaded"
  | "workspace.currencyChanged"
  | "target.set"
  | "agencyAccess.granted"
  | "agencyAccess.roleChanged"
  | "agencyAccess.revoked"
  | "agencyClient.created"
  | "webhook.created"
  | "webhook.updated"
  | "webhook.deleted"
  | "metricBatch.ingested"
  | "metricBatch.rolledBack"
  | "apiKey.updated"
  | "apiKey.rotated"
  | "report.created"
  | "report.updated"
  | "report.published"
  | "report.unpublished"
  | "report.deleted"
  | "shareLink.created"
  | "shareLink.revoked"
  | "reportSchedule.created"
  | "reportSchedule.deleted"
  | "target.planApplied"
  | "target.returnedToDerived";

export type AuditTargetType =
  | "workspace"
  | "member"
  | "invite"
  | "apiKey"
  | "kpi"
  | "metric"
  | "measure"
  | "import"
  | "agency"
  | "webhook"
  | "metricBatch"
  | "report"
  | "shareLink"
  | "reportSchedule";

export interface AuditEventInput {
  workspaceId: string;
  /** null: nobody can be named (a background job acting on its own). */
  actor: Actor | null;
  action: AuditAction;
  targetType: AuditTargetType;
  targetId?: string | null;
  /** What changed; never secrets (no tokens, key secrets or password material). */
  data?: Prisma.InputJsonObject;
}

/**
 * Appends one audit event inside the caller's tenant transaction, so the event is written
 * exactly when the change it describes commits.
 */
export async function recordAuditEvent(tx: Tx, event: AuditEventInput): Promise<void> {
  await tx.auditEvent.create({
    data: {
      workspaceId: event.workspaceId,
      actorUserId: event.actor?.kind === "user" ? event.actor.userId : null,
      actorApiKeyId: event.actor?.kind === "apiKey" ? event.actor.apiKeyId : null,
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId ?? null,
      data: event.data ?? {},
    },
  });
}
