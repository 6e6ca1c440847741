import "server-only";
import type { WebhookSubscription } from "@/generated/prisma/client";
import { AppError } from "@/lib/errors/app-error";
import type { Tx } from "@/lib/tenancy/with-tenant";

/** A webhook of the workspace, or NOT_FOUND (another workspace's webhook answers the same). */
export async function getWebhookOrThrow(tx: Tx, workspaceId: string, webhookId: string): Promise<WebhookSubscription> {
  const row = await tx.webhookSubscription.findFirst({ where: { workspaceId, id: webhookId } });
  if (!row) throw AppError.notFound("Webhook not found");
  return row;
}
