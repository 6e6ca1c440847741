import "server-only";
import { z } from "zod";
import type { ApiKey } from "@/generated/prisma/client";
import type { Actor } from "@/lib/audit/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { parseInput } from "@/lib/errors/parse-input";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { createApiKeyInputSchema } from "./create-api-key";

/** What can change on a key: absent = unchanged; `expiresAt: null` = never expires. */
export const updateApiKeyInputSchema = z.object({
  name: createApiKeyInputSchema.shape.name.optional(),
  rateLimitPerMinute: createApiKeyInputSchema.shape.rateLimitPerMinute.unwrap().unwrap().optional(),
  expiresAt: createApiKeyInputSchema.shape.expiresAt,
});

/**
 * Edits a key's name, rate limit or expiry (the secret and scopes stay; scopes are a new
 * key's business). Takes effect from the next request. The caller has checked apiKey.manage
 * and that a person (not a key) asks.
 */
export async function updateApiKey(
  db: Database,
  {
    workspaceId,
    actor,
    apiKeyId,
    ...input
  }: { workspaceId: string; actor: Actor; apiKeyId: string } & z.input<typeof updateApiKeyInputSchema>,
): Promise<ApiKey> {
  const data = parseInput(updateApiKeyInputSchema, input);
  return withTenant(db, { workspaceId }, async (tx) => {
    const current = await tx.apiKey.findFirst({ where: { workspaceId, id: apiKeyId } });
    if (!current) throw AppError.notFound("API key not found");
    const changes = {
      ...(data.name !== undefined ? { name: data.name } : {}),
      ...(data.rateLimitPerMinute !== undefined ? { rateLimitPerMinute: data.rateLimitPerMinute } : {}),
      ...(data.expiresAt !== undefined ? { expiresAt: data.expiresAt } : {}),
    };
    if (Object.keys(changes).length === 0) return current;
    const apiKey = await tx.apiKey.update({ where: { id: current.id }, data: changes });
    await recordAuditEvent(tx, {
      workspaceId,
      actor,
      action: "apiKey.updated",
      targetType: "apiKey",
      targetId: apiKey.id,
      data: {
        name: apiKey.name,
        prefix: apiKey.prefix,
        ...(data.rateLimitPerMinute !== undefined ? { rateLimitPerMinute: apiKey.rateLimitPerMinute } : {}),
        ...(data.expiresAt !== undefined ? { expiresAt: apiKey.expiresAt?.toISOString() ?? null } : {}),
      },
    });
    return apiKey;
  });
}
