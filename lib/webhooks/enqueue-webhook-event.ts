import "server-only";
import { randomUUID } from "node:crypto";
import type { TransactionSql } from "@/lib/db/client";
import { toGlobalWorkspaceId } from "./global-workspace-id";
import { WEBHOOK_EVENTS, type WebhookEvent } from "./webhook-events";

/**
 * Records one event for every enabled subscription of the workspace that wants it, inside the
 * caller's tenant transaction (so an event exists exactly when the change that caused it
 * committed). The body is fixed now — a re-send sends the same bytes with a new timestamp and
 * signature. Returns how many deliveries were queued.
 */
export async function enqueueWebhookEvent(
  sql: TransactionSql,
  input: { workspaceId: string; event: WebhookEvent; data: Record<string, unknown>; at?: Date },
): Promise<number> {
  const eventId = randomUUID();
  const body = JSON.stringify({
    id: eventId,
    type: WEBHOOK_EVENTS[input.event],
    createdAt: (input.at ?? new Date()).toISOString(),
    workspaceId: toGlobalWorkspaceId(input.workspaceId),
    data: input.data,
  });
  const { affected } = await sql.query(
    `INSERT INTO webhook_deliveries (workspace_id, subscription_id, event, event_id, body, status, next_attempt_at)
     SELECT s.workspace_id, s.id, $2, $3::uuid, $4, 'PENDING', now()
     FROM webhook_subscriptions s
     WHERE s.workspace_id = $1::uuid AND s.enabled AND $2 = ANY (s.events)`,
    [input.workspaceId, input.event, eventId, body],
  );
  return affected;
}
