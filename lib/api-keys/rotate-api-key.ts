import "server-only";
import { z } from "zod";
import type { ApiKey } from "@/generated/prisma/client";
import type { Actor } from "@/lib/audit/actor";
import { generateApiKeySecret } from "@/lib/auth/api-key-format";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { parseInput } from "@/lib/errors/parse-input";
import { withTenant } from "@/lib/tenancy/with-tenant";

/** How long the replaced secret keeps working unless the caller says otherwise. */
export const DEFAULT_ROTATION_GRACE_HOURS = 24;
export const MAX_ROTATION_GRACE_HOURS = 24 * 30;

export const rotateApiKeyInputSchema = z.object({
  gracePeriodHours: z
    .number()
    .int()
    .min(0, `Grace period must be between 0 and ${MAX_ROTATION_GRACE_HOURS} hours`)
    .max(MAX_ROTATION_GRACE_HOURS, `Grace period must be between 0 and ${MAX_ROTATION_GRACE_HOURS} hours`)
    .nullish(),
});

/**
 * Rotates a key's secret: a new secret under the same prefix (same key id, scopes, limit and
 * usage), returned once; the secret it replaces keeps authenticating until the grace period
 * ends (0 = at once), so an integration can be redeployed without downtime. A rotation during
 * a grace period ends the older secret at once (only the last one is kept). Revoked keys
 * cannot be rotated. The caller has checked that a person holds apiKey.manage.
 */
export async function rotateApiKey(
  db: Database,
  {
    workspaceId,
    actor,
    apiKeyId,
    now = new Date(),
    ...input
  }: { workspaceId: string; actor: Actor; apiKeyId: string; now?: Date } & z.input<typeof rotateApiKeyInputSchema>,
): Promise<{ apiKey: ApiKey; secret: string }> {
  const { gracePeriodHours } = parseInput(rotateApiKeyInputSchema, input);
  const hours = gracePeriodHours ?? DEFAULT_ROTATION_GRACE_HOURS;
  return withTenant(db, { workspaceId }, async (tx) => {
    const current = await tx.apiKey.findFirst({ where: { workspaceId, id: apiKeyId } });
    if (!current) throw AppError.notFound("API key not found");
    if (current.revokedAt) throw AppError.badInput(["apiKeyId"], "REVOKED_KEY_ROTATION");
    const { secret, secretHash } = generateApiKeySecret(current.prefix);
    const apiKey = await tx.apiKey.update({
      where: { id: current.id },
      data: {
        secretHash,
        previousSecretHash: hours > 0 ? current.secretHash : null,
        previousSecretExpiresAt: hours > 0 ? new Date(now.getTime() + hours * 3_600_000) : null,
        rotatedAt: now,
      },
    });
    await recordAuditEvent(tx, {
      workspaceId,
      actor,
      action: "apiKey.rotated",
      targetType: "apiKey",
      targetId: apiKey.id,
      data: {
        name: apiKey.name,
        prefix: apiKey.prefix,
        previousSecretValidUntil: apiKey.previousSecretExpiresAt?.toISOString() ?? null,
      },
    });
    return { apiKey, secret };
  });
}
