import type { WebhookDelivery, WebhookSubscription } from "@/generated/prisma/client";
import { actorOf } from "@/lib/audit/actor";
import { createWebhook } from "@/lib/webhooks/create-webhook";
import { deleteWebhook } from "@/lib/webhooks/delete-webhook";
import { findWebhook, findWebhookDelivery, listWebhookDeliveries, listWebhooks } from "@/lib/webhooks/list-webhooks";
import { resendWebhookDelivery } from "@/lib/webhooks/resend-webhook-delivery";
import { updateWebhook } from "@/lib/webhooks/update-webhook";
import { WEBHOOK_EVENTS, type WebhookEvent } from "@/lib/webhooks/webhook-events";
import { kickWebhooks } from "@/lib/alerts/alert-schedule";
import { builder } from "../builder";
import { inWorkspace, onWorkspace } from "../authz";
import { resolveCountedConnection } from "../connections";
import { parseTenantNodeId, parseWorkspaceId, tenantNodeId } from "../ids";
import { parseTenantNodeInput, underInput } from "../input-errors";
import { WorkspaceRef } from "./workspace";

const EVENT_DESCRIPTIONS: Record<WebhookEvent, string> = {
  ALERT_RAISED: `An alert fired (body type "${WEBHOOK_EVENTS.ALERT_RAISED}"): rule, severity, texts in ru and en, figures.`,
  KPI_STATUS_CHANGED: `A KPI's status changed (body type "${WEBHOOK_EVENTS.KPI_STATUS_CHANGED}"): from, to, figures.`,
  IMPORT_COMPLETED: `A CSV import committed or failed (body type "${WEBHOOK_EVENTS.IMPORT_COMPLETED}").`,
  BATCH_INGESTED: `An ingestMetrics batch was applied (body type "${WEBHOOK_EVENTS.BATCH_INGESTED}"): batch id and counts.`,
};

export const WebhookEventEnum = builder.enumType("WebhookEvent", {
  description: "An event a webhook can subscribe to.",
  values: Object.fromEntries(
    Object.keys(WEBHOOK_EVENTS).map((e) => [e, { description: EVENT_DESCRIPTIONS[e as WebhookEvent] }]),
  ) as Record<WebhookEvent, { description: string }>,
});

const WebhookDeliveryStatusEnum = builder.enumType("WebhookDeliveryStatus", {
  description: "Where a delivery stands.",
  values: {
    PENDING: { description: "Not attempted yet." },
    RETRYING: { description: "An attempt failed; another is scheduled (backoff 1 s, 4 s, 16 s, 64 s)." },
    SUCCEEDED: { description: "The receiver answered 2xx." },
    FAILED: { description: "Every attempt failed (5), or the webhook was turned off." },
  } as const,
});

export const WebhookDeliveryRef = builder.node(builder.objectRef<WebhookDelivery>("WebhookDelivery"), {
  description: "One event sent to one webhook, with the result of its last attempt.",
  id: { resolve: (d) => tenantNodeId(d.workspaceId, d.id) },
  loadOne: async (id, ctx) => {
    const parsed = parseTenantNodeId(id);
    if (!parsed || !(await ctx.access(parsed.workspaceId))?.permissions.has("webhook.manage")) return null;
    return findWebhookDelivery(ctx.db, { workspaceId: parsed.workspaceId, deliveryId: parsed.rowId });
  },
  fields: (t) => ({
    event: t.field({ type: WebhookEventEnum, description: "The event sent.", resolve: (d) => d.event as WebhookEvent }),
    eventId: t.exposeString("eventId", {
      description: "The event's id (the body's `id`): the same on a re-send, so receivers can deduplicate.",
    }),
    status: t.field({
      type: WebhookDeliveryStatusEnum,
      description: "Where the delivery stands.",
      resolve: (d) => d.status as never,
    }),
    attempts: t.exposeInt("attempts", { description: "Attempts made so far." }),
    responseCode: t.exposeInt("lastResponseCode", {
      nullable: true,
      description: "HTTP status of the last attempt; null when no response came.",
    }),
    latencyMs: t.exposeInt("lastLatencyMs", { nullable: true, description: "Milliseconds the last attempt took." }),
    error: t.exposeString("lastError", {
      nullable: true,
      description: "Why the last attempt failed (HTTP status, timeout, refused address).",
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the event happened." }),
    nextAttemptAt: t.expose("nextAttemptAt", {
      type: "DateTime",
      nullable: true,
      description: "When the next attempt is due; null when none is.",
    }),
    deliveredAt: t.expose("deliveredAt", {
      type: "DateTime",
      nullable: true,
      description: "When the receiver accepted it.",
    }),
  }),
});

export const WebhookRef = builder.node(builder.objectRef<WebhookSubscription>("Webhook"), {
  description: "An outbound webhook of a workspace: signed POSTs of chosen events to a URL.",
  id: { resolve: (w) => tenantNodeId(w.workspaceId, w.id) },
  loadOne: async (id, ctx) => {
    const parsed = parseTenantNodeId(id);
    if (!parsed || !(await ctx.access(parsed.workspaceId))?.permissions.has("webhook.manage")) return null;
    return findWebhook(ctx.db, { workspaceId: parsed.workspaceId, webhookId: parsed.rowId });
  },
  fields: (t) => ({
    url: t.exposeString("url", { description: "Where events are POSTed." }),
    events: t.field({
      type: [WebhookEventEnum],
      description: "The events it receives.",
      resolve: (w) => w.events as WebhookEvent[],
    }),
    enabled: t.exposeBoolean("enabled", {
      description: "False after it was turned off by hand or after repeated failures.",
    }),
    consecutiveFailures: t.exposeInt("consecutiveFailures", {
      description: "Deliveries in a row that failed every attempt; at 3 the webhook is turned off.",
    }),
    disabledAt: t.expose("disabledAt", { type: "DateTime", nullable: true, description: "When it was turned off." }),
    secretHint: t.exposeString("secretHint", {
      description: "The start of the signing secret, to recognise it (the secret itself is shown once).",
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When it was added." }),
    deliveries: t.connection({
      type: WebhookDeliveryRef,
      description: "Its deliveries, newest first: the delivery log.",
      resolve: (w, args, ctx, info) =>
        resolveCountedConnection(args, info, (page) =>
          listWebhookDeliveries(ctx.db, { workspaceId: w.workspaceId, webhookId: w.id, ...page }),
        ),
    }),
  }),
});

builder.objectField(WorkspaceRef, "webhooks", (t) =>
  t.connection({
    type: WebhookRef,
    nullable: true,
    description: "Outbound webhooks, newest first (webhook.manage).",
    authScopes: onWorkspace("webhook.manage"),
    resolve: (ws, args, ctx, info) =>
      resolveCountedConnection(args, info, (page) => listWebhooks(ctx.db, { workspaceId: ws.id, ...page })),
  }),
);

const CreateWebhookInput = builder.inputType("CreateWebhookInput", {
  description: "A new webhook.",
  fields: (t) => ({
    workspaceId: t.id({ required: true, description: "The workspace whose events it receives." }),
    url: t.string({
      required: true,
      description:
        "An https URL whose host resolves to public addresses only (WEBHOOK_ALLOW_PRIVATE_TARGETS lifts this for tests and on-premise installs).",
    }),
    events: t.field({ type: [WebhookEventEnum], required: true, description: "At least one event." }),
  }),
});

const CreateWebhookPayload = builder
  .objectRef<{ webhook: WebhookSubscription; secret: string }>("CreateWebhookPayload")
  .implement({
    description: "The new webhook and its signing secret.",
    fields: (t) => ({
      webhook: t.field({ type: WebhookRef, description: "The webhook.", resolve: (p) => p.webhook }),
      secret: t.exposeString("secret", { description: "The signing secret. Returned once, only here; store it now." }),
    }),
  });

builder.mutationField("createWebhook", (t) =>
  t.field({
    type: CreateWebhookPayload,
    description:
      'Adds a webhook (webhook.manage). Each delivery is signed: Throughline-Signature = v1=HMAC-SHA256(secret, timestamp + "." + body), Throughline-Timestamp = the Unix timestamp.',
    args: { input: t.arg({ type: CreateWebhookInput, required: true, description: "The webhook." }) },
    authScopes: inWorkspace("webhook.manage", (_root, { input }) =>
      parseWorkspaceId(String(input.workspaceId), ["input", "workspaceId"]),
    ),
    resolve: async (_root, { input }, ctx) => {
      const workspaceId = parseWorkspaceId(String(input.workspaceId), ["input", "workspaceId"]);
      return underInput(() =>
        createWebhook(ctx.db, { workspaceId, actor: actorOf(ctx.viewer!), url: input.url, events: input.events }),
      );
    },
  }),
);

const UpdateWebhookInput = builder.inputType("UpdateWebhookInput", {
  description: "Changes to a webhook; omitted fields stay.",
  fields: (t) => ({
    webhookId: t.id({ required: true, description: "The webhook." }),
    url: t.string({ description: "A new URL (checked like a new webhook's)." }),
    events: t.field({ type: [WebhookEventEnum], description: "The new set of events (at least one)." }),
    enabled: t.boolean({ description: "Turn it on (clears the failure count) or off." }),
  }),
});

const WebhookPayload = builder.objectRef<{ webhook: WebhookSubscription }>("WebhookPayload").implement({
  description: "A webhook after the change.",
  fields: (t) => ({ webhook: t.field({ type: WebhookRef, description: "The webhook.", resolve: (p) => p.webhook }) }),
});

builder.mutationField("updateWebhook", (t) =>
  t.field({
    type: WebhookPayload,
    description: "Changes a webhook's URL, events or on/off state (webhook.manage).",
    args: { input: t.arg({ type: UpdateWebhookInput, required: true, description: "The changes." }) },
    authScopes: inWorkspace(
      "webhook.manage",
      (_root, { input }) =>
        parseTenantNodeInput(String(input.webhookId), "Webhook", ["input", "webhookId"]).workspaceId,
    ),
    resolve: async (_root, { input }, ctx) => {
      const { workspaceId, rowId } = parseTenantNodeInput(String(input.webhookId), "Webhook", ["input", "webhookId"]);
      const webhook = await underInput(() =>
        updateWebhook(ctx.db, {
          workspaceId,
          webhookId: rowId,
          actor: actorOf(ctx.viewer!),
          url: input.url,
          events: input.events,
          enabled: input.enabled,
        }),
      );
      return { webhook };
    },
  }),
);

const DeleteWebhookInput = builder.inputType("DeleteWebhookInput", {
  description: "The webhook to delete.",
  fields: (t) => ({ webhookId: t.id({ required: true, description: "The webhook." }) }),
});

builder.mutationField("deleteWebhook", (t) =>
  t.field({
    type: WebhookPayload,
    description: "Deletes a webhook and its delivery log (webhook.manage).",
    args: { input: t.arg({ type: DeleteWebhookInput, required: true, description: "Which webhook." }) },
    authScopes: inWorkspace(
      "webhook.manage",
      (_root, { input }) =>
        parseTenantNodeInput(String(input.webhookId), "Webhook", ["input", "webhookId"]).workspaceId,
    ),
    resolve: async (_root, { input }, ctx) => {
      const { workspaceId, rowId } = parseTenantNodeInput(String(input.webhookId), "Webhook", ["input", "webhookId"]);
      return { webhook: await deleteWebhook(ctx.db, { workspaceId, webhookId: rowId, actor: actorOf(ctx.viewer!) }) };
    },
  }),
);

const ResendWebhookDeliveryInput = builder.inputType("ResendWebhookDeliveryInput", {
  description: "The delivery to send again.",
  fields: (t) => ({
    deliveryId: t.id({ required: true, description: "A delivery of one of the workspace's webhooks." }),
  }),
});

const ResendWebhookDeliveryPayload = builder
  .objectRef<{ delivery: WebhookDelivery }>("ResendWebhookDeliveryPayload")
  .implement({
    description: "The new delivery.",
    fields: (t) => ({
      delivery: t.field({
        type: WebhookDeliveryRef,
        description: "A new delivery of the same event (same event id and body).",
        resolve: (p) => p.delivery,
      }),
    }),
  });

builder.mutationField("resendWebhookDelivery", (t) =>
  t.field({
    type: ResendWebhookDeliveryPayload,
    description:
      "Sends a delivery again by hand (webhook.manage): a new delivery with the same event id and body, signed afresh.",
    args: { input: t.arg({ type: ResendWebhookDeliveryInput, required: true, description: "Which delivery." }) },
    authScopes: inWorkspace(
      "webhook.manage",
      (_root, { input }) =>
        parseTenantNodeInput(String(input.deliveryId), "WebhookDelivery", ["input", "deliveryId"]).workspaceId,
    ),
    resolve: async (_root, { input }, ctx) => {
      const { workspaceId, rowId } = parseTenantNodeInput(String(input.deliveryId), "WebhookDelivery", [
        "input",
        "deliveryId",
      ]);
      const delivery = await underInput(() => resendWebhookDelivery(ctx.db, { workspaceId, deliveryId: rowId }));
      void kickWebhooks(ctx.db);
      return { delivery };
    },
  }),
);
