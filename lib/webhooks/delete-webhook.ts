import "server-only";
import type { WebhookSubscription } from "@/generated/prisma/client";
import type { Actor } from "@/lib/audit/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Database } from "@/lib/db/client";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { getWebhookOrThrow } from "./get-webhook-or-throw";

/** Deletes a webhook with its delivery log. */
export async function deleteWebhook(
  db: Database,
  input: { workspaceId: string; webhookId: string; actor: Actor },
): Promise<WebhookSubscription> {
  return withTenant(db, { workspaceId: input.workspaceId }, async (tx) => {
    const row = await getWebhookOrThrow(tx, input.workspaceId, input.webhookId);
    await tx.webhookSubscription.delete({ where: { workspaceId_id: { workspaceId: input.workspaceId, id: row.id } } });
    await recordAuditEvent(tx, {
      workspaceId: input.workspaceId,
      actor: input.actor,
      action: "webhook.deleted",
      targetType: "webhook",
      targetId: row.id,
      data: { url: row.url },
    });
    return row;
  });
}
