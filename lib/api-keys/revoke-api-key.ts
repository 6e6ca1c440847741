import "server-only";
import type { ApiKey } from "@/generated/prisma/client";
import type { Actor } from "@/lib/audit/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { withTenant } from "@/lib/tenancy/with-tenant";

/**
 * Revokes a key: authenticate_api_key refuses it from the next request on. Revoking twice
 * is harmless. The caller has checked apiKey.manage.
 */
export async function revokeApiKey(
  db: Database,
  { workspaceId, actor, apiKeyId }: { workspaceId: string; actor: Actor; apiKeyId: string },
): Promise<ApiKey> {
  return withTenant(db, { workspaceId }, async (tx) => {
    const revoked = await tx.apiKey.updateManyAndReturn({
      where: { workspaceId, id: apiKeyId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (revoked.length === 0) {
      const existing = await tx.apiKey.findFirst({ where: { workspaceId, id: apiKeyId } });
      if (!existing) throw AppError.notFound("API key not found");
      return existing;
    }
    const key = revoked[0];
    await recordAuditEvent(tx, {
      workspaceId,
      actor,
      action: "apiKey.revoked",
      targetType: "apiKey",
      targetId: key.id,
      data: { name: key.name, prefix: key.prefix },
    });
    return key;
  });
}
