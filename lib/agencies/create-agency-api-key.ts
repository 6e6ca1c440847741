import "server-only";
import { z } from "zod";
import { createApiKeyInputSchema, DEFAULT_RATE_LIMIT_PER_MINUTE } from "@/lib/api-keys/create-api-key";
import type { Database } from "@/lib/db/client";
import { parseInput } from "@/lib/errors/parse-input";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { generateAgencyApiKey } from "./agency-api-keys";
import { type AgencyApiKeyRow, toAgencyApiKey } from "./agency-api-key-row";
import { recordAgencyAuditEvent } from "./record-agency-audit-event";

/**
 * An agency API key (SPEC §3 "API keys belong to a workspace (or an agency)"): same scopes,
 * expiry and rate limit as a workspace key. It reads every client that granted the agency
 * access, each limited by the grant's role (lib/tenancy/workspace-access.ts). The caller has
 * checked agency.manage as a person. The secret is returned once.
 */
export async function createAgencyApiKey(
  db: Database,
  {
    agencyId,
    actorId,
    ...input
  }: { agencyId: string; actorId: string } & Omit<z.input<typeof createApiKeyInputSchema>, "scopes"> & {
      scopes: readonly string[];
    },
): Promise<{ apiKey: AgencyApiKeyRow; secret: string }> {
  const data = parseInput(createApiKeyInputSchema, input);
  const { prefix, secret, secretHash } = generateAgencyApiKey();
  const apiKey = await withTenant(db, { workspaceId: null, userId: actorId, agencyId }, async (tx) => {
    const row = await tx.agencyApiKey.create({
      data: {
        agencyId,
        name: data.name,
        prefix,
        secretHash,
        scopes: data.scopes,
        rateLimitPerMinute: data.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE,
        createdByUserId: actorId,
        expiresAt: data.expiresAt ?? null,
      },
    });
    await recordAgencyAuditEvent(tx, {
      agencyId,
      actor: { kind: "user", userId: actorId },
      action: "agencyApiKey.created",
      targetType: "apiKey",
      targetId: row.id,
      data: { name: row.name, prefix, scopes: row.scopes },
    });
    return row;
  });
  return { apiKey: toAgencyApiKey(apiKey), secret };
}
