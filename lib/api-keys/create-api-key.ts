import "server-only";
import { z } from "zod";
import type { ApiKey } from "@/generated/prisma/client";
import { generateApiKey } from "@/lib/auth/api-key-format";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Database } from "@/lib/db/client";
import { parseInput } from "@/lib/errors/parse-input";
import { API_KEY_SCOPES } from "@/lib/permissions/registry";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { ue } from "@/lib/errors/user-errors";

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;

export const createApiKeyInputSchema = z.object({
  name: z.string().trim().min(1, ue("NAME_REQUIRED")).max(100, ue("TOO_LONG")),
  scopes: z
    .array(z.enum(API_KEY_SCOPES))
    .min(1, ue("SCOPE_REQUIRED"))
    // Canonical order, no duplicates.
    .transform((scopes) => API_KEY_SCOPES.filter((s) => scopes.includes(s))),
  expiresAt: z
    .date()
    .refine((d) => d.getTime() > Date.now(), ue("EXPIRY_IN_PAST"))
    .nullish(),
  rateLimitPerMinute: z.number().int().min(1, ue("RATE_LIMIT_RANGE")).max(100_000, ue("RATE_LIMIT_RANGE")).nullish(),
});

/**
 * Creates an API key for a workspace (SPEC §3). The secret is returned here once and never
 * stored: only its SHA-256 and the public prefix are. The caller has checked that a person
 * (not a key) holds apiKey.manage.
 */
export async function createApiKey(
  db: Database,
  {
    workspaceId,
    actorId,
    ...input
  }: { workspaceId: string; actorId: string } & Omit<z.input<typeof createApiKeyInputSchema>, "scopes"> & {
      scopes: readonly string[];
    },
): Promise<{ apiKey: ApiKey; secret: string }> {
  const data = parseInput(createApiKeyInputSchema, input);
  const { prefix, secret, secretHash } = generateApiKey();
  const apiKey = await withTenant(db, { workspaceId, userId: actorId }, async (tx) => {
    const apiKey = await tx.apiKey.create({
      data: {
        workspaceId,
        name: data.name,
        prefix,
        secretHash,
        scopes: data.scopes,
        rateLimitPerMinute: data.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE,
        expiresAt: data.expiresAt ?? null,
        createdByUserId: actorId,
      },
    });
    await recordAuditEvent(tx, {
      workspaceId,
      actor: { kind: "user", userId: actorId },
      action: "apiKey.created",
      targetType: "apiKey",
      targetId: apiKey.id,
      data: {
        name: apiKey.name,
        prefix,
        scopes: apiKey.scopes,
        rateLimitPerMinute: apiKey.rateLimitPerMinute,
        expiresAt: apiKey.expiresAt?.toISOString() ?? null,
      },
    });
    return apiKey;
  });
  return { apiKey, secret };
}
