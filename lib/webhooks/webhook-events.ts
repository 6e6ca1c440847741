/**
 * The events a webhook can subscribe to: the GraphQL enum value and the `type` field of the
 * delivered JSON body.
 */
export const WEBHOOK_EVENTS = {
  ALERT_RAISED: "alert.raised",
  KPI_STATUS_CHANGED: "kpi.status_changed",
  IMPORT_COMPLETED: "import.completed",
  BATCH_INGESTED: "batch.ingested",
} as const;
export type WebhookEvent = keyof typeof WEBHOOK_EVENTS;
export const WEBHOOK_EVENT_NAMES = Object.keys(WEBHOOK_EVENTS) as WebhookEvent[];

export function isWebhookEvent(value: string): value is WebhookEvent {
  return Object.hasOwn(WEBHOOK_EVENTS, value);
}
