import "server-only";
import type { WebhookDelivery, WebhookSubscription } from "@/generated/prisma/client";
import type { Database } from "@/lib/db/client";
import { type Page, type PageRequest, readPage } from "@/lib/db/page";
import { withTenant } from "@/lib/tenancy/with-tenant";

/** A workspace's webhooks, newest first. */
export function listWebhooks(
  db: Database,
  input: { workspaceId: string } & PageRequest,
): Promise<Page<WebhookSubscription>> {
  const where = { workspaceId: input.workspaceId };
  return withTenant(db, { workspaceId: input.workspaceId }, (tx) =>
    readPage(input, {
      rows: (skip, take) =>
        tx.webhookSubscription.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "asc" }], skip, take }),
      count: () => tx.webhookSubscription.count({ where }),
    }),
  );
}

/** One webhook's deliveries, newest first. */
export function listWebhookDeliveries(
  db: Database,
  input: { workspaceId: string; webhookId: string } & PageRequest,
): Promise<Page<WebhookDelivery>> {
  const where = { workspaceId: input.workspaceId, subscriptionId: input.webhookId };
  return withTenant(db, { workspaceId: input.workspaceId }, (tx) =>
    readPage(input, {
      rows: (skip, take) =>
        tx.webhookDelivery.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "asc" }], skip, take }),
      count: () => tx.webhookDelivery.count({ where }),
    }),
  );
}

/** A webhook or a delivery by id inside the workspace, or null. */
export function findWebhook(
  db: Database,
  input: { workspaceId: string; webhookId: string },
): Promise<WebhookSubscription | null> {
  return withTenant(db, { workspaceId: input.workspaceId }, (tx) =>
    tx.webhookSubscription.findFirst({ where: { workspaceId: input.workspaceId, id: input.webhookId } }),
  );
}

export function findWebhookDelivery(
  db: Database,
  input: { workspaceId: string; deliveryId: string },
): Promise<WebhookDelivery | null> {
  return withTenant(db, { workspaceId: input.workspaceId }, (tx) =>
    tx.webhookDelivery.findFirst({ where: { workspaceId: input.workspaceId, id: input.deliveryId } }),
  );
}
