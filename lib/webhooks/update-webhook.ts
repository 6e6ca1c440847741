import "server-only";
import type { WebhookSubscription } from "@/generated/prisma/client";
import type { Actor } from "@/lib/audit/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Database } from "@/lib/db/client";
import { parseInput } from "@/lib/errors/parse-input";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { z } from "zod";
import { checkWebhookTarget } from "./check-webhook-target";
import { getWebhookOrThrow } from "./get-webhook-or-throw";
import { webhookEventsSchema } from "./webhook-input";
import { ue } from "@/lib/errors/user-errors";

const updateWebhookInputSchema = z.object({
  url: z.string().trim().min(1, ue("REQUIRED")).max(2000, ue("TOO_LONG")).nullish(),
  events: webhookEventsSchema.nullish(),
  enabled: z.boolean().nullish(),
});

/**
 * Changes a webhook's URL, events or on/off state. Turning it on again clears the failure
 * count; a new URL is checked like a new webhook's.
 */
export async function updateWebhook(
  db: Database,
  input: {
    workspaceId: string;
    webhookId: string;
    actor: Actor;
    url?: string | null;
    events?: string[] | null;
    enabled?: boolean | null;
  },
): Promise<WebhookSubscription> {
  const parsed = parseInput(updateWebhookInputSchema, { url: input.url, events: input.events, enabled: input.enabled });
  const url = parsed.url ? (await checkWebhookTarget(parsed.url, { path: ["url"] })).toString() : undefined;
  return withTenant(db, { workspaceId: input.workspaceId }, async (tx) => {
    const current = await getWebhookOrThrow(tx, input.workspaceId, input.webhookId);
    const turnOn = parsed.enabled === true && !current.enabled;
    const row = await tx.webhookSubscription.update({
      where: { workspaceId_id: { workspaceId: input.workspaceId, id: current.id } },
      data: {
        url,
        events: parsed.events ?? undefined,
        enabled: parsed.enabled ?? undefined,
        ...(turnOn
          ? { consecutiveFailures: 0, disabledAt: null }
          : parsed.enabled === false
            ? { disabledAt: new Date() }
            : {}),
        updatedAt: new Date(),
      },
    });
    await recordAuditEvent(tx, {
      workspaceId: input.workspaceId,
      actor: input.actor,
      action: "webhook.updated",
      targetType: "webhook",
      targetId: row.id,
      data: { url: row.url, events: row.events, enabled: row.enabled },
    });
    return row;
  });
}
