import "server-only";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { UUID } from "@/lib/uuid";
import { type AgencyApiKeyRow, toAgencyApiKey } from "./agency-api-key-row";
import { recordAgencyAuditEvent } from "./record-agency-audit-event";

/** Revokes an agency key (effective on its next request). A key of another agency is NOT_FOUND. */
export async function revokeAgencyApiKey(
  db: Database,
  input: { agencyId: string; actorId: string; apiKeyId: string },
): Promise<AgencyApiKeyRow> {
  if (!UUID.test(input.apiKeyId)) throw AppError.notFound("API key not found");
  return withTenant(db, { workspaceId: null, agencyId: input.agencyId }, async (tx) => {
    const key = await tx.agencyApiKey.findFirst({ where: { agencyId: input.agencyId, id: input.apiKeyId } });
    if (!key) throw AppError.notFound("API key not found");
    if (key.revokedAt) throw AppError.badInput(["id"], "KEY_ALREADY_REVOKED");
    const revoked = await tx.agencyApiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
    await recordAgencyAuditEvent(tx, {
      agencyId: input.agencyId,
      actor: { kind: "user", userId: input.actorId },
      action: "agencyApiKey.revoked",
      targetType: "apiKey",
      targetId: key.id,
      data: { name: key.name, prefix: key.prefix },
    });
    return toAgencyApiKey(revoked);
  });
}
