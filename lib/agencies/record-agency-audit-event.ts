import "server-only";
import type { Actor } from "@/lib/audit/actor";
import type { Tx } from "@/lib/tenancy/with-tenant";

/** What the agency's own audit log records; the UI translates these keys. */
export type AgencyAuditAction =
  | "agency.created"
  | "agency.updated"
  | "agencyMember.joined"
  | "agencyMember.removed"
  | "agencyInvite.created"
  | "agencyApiKey.created"
  | "agencyApiKey.revoked"
  | "agencyAccess.granted"
  | "agencyAccess.roleChanged"
  | "agencyAccess.revoked"
  | "agencyClient.created";

/**
 * Appends one event to the agency's audit log inside the caller's transaction. The transaction
 * may be a client workspace's (a grant is recorded in both logs at once): the agency scope is
 * switched on for the insert and the previous scope restored, all transaction-local.
 */
export async function recordAgencyAuditEvent(
  tx: Tx,
  event: {
    agencyId: string;
    actor: Actor;
    action: AgencyAuditAction;
    targetType: "agency" | "member" | "invite" | "apiKey" | "workspace";
    targetId?: string | null;
    data?: Record<string, unknown>;
  },
): Promise<void> {
  const [before] = await tx.$queryRaw<{ ws: string | null; ag: string | null }[]>`
    SELECT current_setting('app.workspace_id', true) AS ws, current_setting('app.agency_id', true) AS ag`;
  await tx.$queryRaw`SELECT set_config('app.workspace_id', '', true), set_config('app.agency_id', ${event.agencyId}, true)`;
  await tx.$executeRaw`
    INSERT INTO agency_audit_events (agency_id, actor_user_id, actor_api_key_id, action, target_type, target_id, data)
    VALUES (${event.agencyId}::uuid, ${event.actor.kind === "user" ? event.actor.userId : null}::uuid,
            ${event.actor.kind === "apiKey" ? event.actor.apiKeyId : null}::uuid, ${event.action}, ${event.targetType},
            ${event.targetId ?? null}, ${JSON.stringify(event.data ?? {})}::jsonb)`;
  await tx.$queryRaw`SELECT set_config('app.workspace_id', ${before?.ws ?? ""}, true), set_config('app.agency_id', ${before?.ag ?? ""}, true)`;
}
