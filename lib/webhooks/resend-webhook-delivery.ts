import "server-only";
import type { WebhookDelivery } from "@/generated/prisma/client";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { withTenant } from "@/lib/tenancy/with-tenant";

/**
 * Sends a delivery again by hand: a new delivery with the same event id and body (receivers
 * deduplicate on the event id), signed afresh when it goes out. The webhook must be on.
 */
export async function resendWebhookDelivery(
  db: Database,
  input: { workspaceId: string; deliveryId: string },
): Promise<WebhookDelivery> {
  return withTenant(db, { workspaceId: input.workspaceId }, async (tx) => {
    const original = await tx.webhookDelivery.findFirst({
      where: { workspaceId: input.workspaceId, id: input.deliveryId },
    });
    if (!original) throw AppError.notFound("Delivery not found");
    const sub = await tx.webhookSubscription.findFirst({
      where: { workspaceId: input.workspaceId, id: original.subscriptionId },
    });
    if (!sub?.enabled) throw AppError.badInput(["deliveryId"], "WEBHOOK_OFF");
    return tx.webhookDelivery.create({
      data: {
        workspaceId: input.workspaceId,
        subscriptionId: original.subscriptionId,
        event: original.event,
        eventId: original.eventId,
        body: original.body,
        status: "PENDING",
        nextAttemptAt: new Date(),
      },
    });
  });
}
