import "server-only";
import type { WebhookSubscription } from "@/generated/prisma/client";
import type { Actor } from "@/lib/audit/actor";
import { actorUserId } from "@/lib/audit/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { parseInput } from "@/lib/errors/parse-input";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { z } from "zod";
import { checkWebhookTarget } from "./check-webhook-target";
import { webhookEventsSchema } from "./webhook-input";
import { encryptWebhookSecret, newWebhookSecret } from "./webhook-secret";
import { ue } from "@/lib/errors/user-errors";

const MAX_WEBHOOKS_PER_WORKSPACE = 20;

export const createWebhookInputSchema = z.object({
  url: z.string().trim().min(1, ue("REQUIRED")).max(2000, ue("TOO_LONG")),
  events: webhookEventsSchema,
});

/**
 * Subscribes a URL to workspace events. The URL is checked (https, public addresses only —
 * check-webhook-target.ts) before anything is written; the signing secret is returned once.
 */
export async function createWebhook(
  db: Database,
  input: { workspaceId: string; actor: Actor; url: string; events: string[] },
): Promise<{ webhook: WebhookSubscription; secret: string }> {
  const parsed = parseInput(createWebhookInputSchema, { url: input.url, events: input.events });
  const url = await checkWebhookTarget(parsed.url, { path: ["url"] });
  const secret = newWebhookSecret();
  const webhook = await withTenant(db, { workspaceId: input.workspaceId }, async (tx) => {
    const count = await tx.webhookSubscription.count({ where: { workspaceId: input.workspaceId } });
    if (count >= MAX_WEBHOOKS_PER_WORKSPACE)
      throw AppError.badInput(["url"], "TOO_MANY_WEBHOOKS", { max: MAX_WEBHOOKS_PER_WORKSPACE });
    const row = await tx.webhookSubscription.create({
      data: {
        workspaceId: input.workspaceId,
        url: url.toString(),
        events: parsed.events,
        secretCiphertext: encryptWebhookSecret(secret),
        secretHint: `${secret.slice(0, 10)}…`,
        createdByUserId: actorUserId(input.actor),
      },
    });
    await recordAuditEvent(tx, {
      workspaceId: input.workspaceId,
      actor: input.actor,
      action: "webhook.created",
      targetType: "webhook",
      targetId: row.id,
      data: { url: row.url, events: parsed.events },
    });
    return row;
  });
  return { webhook, secret };
}
