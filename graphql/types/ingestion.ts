import { actorOf } from "@/lib/audit/actor";
import { loadDemoData } from "@/lib/demo/load-demo-data";
import { emitWorkspaceEvent } from "@/lib/alerts/alert-schedule";
import { INGEST_MAX_ROWS, type IngestResult, ingestRows } from "@/lib/ingestion/ingest-rows";
import { findMetricBatch } from "@/lib/imports/find-metric-batch";
import { builder } from "../builder";
import { inWorkspace } from "../authz";
import { parseWorkspaceId } from "../ids";
import { MetricBatchRef } from "./metric-batches";

const MetricRowInput = builder.inputType("MetricRowInput", {
  description: "One daily value (SPEC §9.1). campaign absent = no campaign.",
  fields: (t) => ({
    date: t.field({ type: "Date", required: true, description: "The workspace's local date." }),
    channel: t.string({ description: "Channel name (e.g. google_ads, seo).", required: true }),
    campaign: t.string({ description: 'Campaign name; absent or "" = no campaign.' }),
    measure: t.string({
      required: true,
      description: "A base measure key (SPEC §4.1) or a custom measure of the workspace.",
    }),
    value: t.field({
      type: "Decimal",
      required: true,
      description: "Counts: whole and ≥ 0. Money: in the reporting currency.",
    }),
  }),
});

const IngestMetricsInput = builder.inputType("IngestMetricsInput", {
  description: "Daily metric rows to upsert, all or nothing (SPEC §9.1).",
  fields: (t) => ({
    workspaceId: t.id({ description: "The workspace to write into (global id or UUID).", required: true }),
    idempotencyKey: t.string({
      required: true,
      description:
        "Kept ≥ 24 h: the same key with the same rows returns the first result without re-applying; with other rows it is rejected.",
    }),
    rows: t.field({ type: [MetricRowInput], required: true, description: `At most ${INGEST_MAX_ROWS} rows per call.` }),
  }),
});

const IngestMetricsPayload = builder
  .objectRef<IngestResult & { workspaceId: string }>("IngestMetricsPayload")
  .implement({
    description: "accepted = inserted + updated + unchanged (SPEC §9.1).",
    fields: (t) => ({
      accepted: t.exposeInt("accepted", { description: "Rows received and validated." }),
      inserted: t.exposeInt("inserted", { description: "Rows that created a fact." }),
      updated: t.exposeInt("updated", { description: "Rows that changed an existing fact's value." }),
      unchanged: t.exposeInt("unchanged", { description: "Rows equal to the stored fact (nothing written)." }),
      replayed: t.exposeBoolean("replayed", {
        description: "True when this idempotency key had already applied these rows.",
      }),
      batchId: t.exposeID("batchId", { description: "Recorded on every fact this call changed." }),
      batch: t.field({
        type: MetricBatchRef,
        nullable: true,
        description:
          "The recorded batch (listed in Workspace.metricBatches; undo it with rollbackMetricBatch). Null only for a replay of a key used before batches were recorded.",
        resolve: (p, _a, ctx) => findMetricBatch(ctx.db, { workspaceId: p.workspaceId, batchId: p.batchId }),
      }),
    }),
  });

builder.mutationField("ingestMetrics", (t) =>
  t.field({
    type: IngestMetricsPayload,
    description:
      "Upserts daily metric rows on (date, channel, campaign, measure): all or nothing, idempotent (metrics.write; API keys with WRITE_METRICS). Every row is validated first; errors name ['input', 'rows', i, field]. SPEC §9.1.",
    args: {
      input: t.arg({ description: "The rows and the idempotency key.", type: IngestMetricsInput, required: true }),
    },
    authScopes: inWorkspace("metrics.write", (_root, { input }) =>
      parseWorkspaceId(String(input.workspaceId), ["input", "workspaceId"]),
    ),
    resolve: async (_root, { input }, ctx) => {
      const workspaceId = parseWorkspaceId(String(input.workspaceId), ["input", "workspaceId"]);
      const viewer = ctx.viewer!;
      const result = await ingestRows(ctx.db, {
        workspaceId,
        rows: input.rows,
        idempotencyKey: input.idempotencyKey,
        maxRows: INGEST_MAX_ROWS,
        actorUserId: viewer.kind === "user" ? viewer.userId : null,
        actorApiKeyId: viewer.kind === "apiKey" ? viewer.apiKeyId : null,
        recordAs: { source: "API", actor: actorOf(viewer) },
      });
      // The "batch ingested" webhook, once per batch (a replay of the idempotency key is not a new batch).
      if (!result.replayed) {
        const { batchId, accepted, inserted, updated, unchanged } = result;
        void emitWorkspaceEvent(ctx.db, {
          workspaceId,
          event: "BATCH_INGESTED",
          dedupeKey: batchId,
          data: { batchId, accepted, inserted, updated, unchanged },
        }).catch((e) => console.error("[webhooks] batch event failed", e));
      }
      return { ...result, workspaceId };
    },
  }),
);

const LoadDemoDataInput = builder.inputType("LoadDemoDataInput", {
  description: "The workspace to fill with demo data.",
  fields: (t) => ({ workspaceId: t.id({ description: "The workspace (global id or UUID).", required: true }) }),
});

const LoadDemoDataPayload = builder
  .objectRef<{ accepted: number; inserted: number; updated: number; unchanged: number }>("LoadDemoDataPayload")
  .implement({
    description: "What loading the demo data did.",
    fields: (t) => ({
      accepted: t.exposeInt("accepted", { description: "Demo rows generated." }),
      inserted: t.exposeInt("inserted", { description: "Facts created." }),
      updated: t.exposeInt("updated", { description: "Facts whose value changed." }),
      unchanged: t.exposeInt("unchanged", { description: "Facts already equal (a repeated load changes nothing)." }),
    }),
  });

builder.mutationField("loadDemoData", (t) =>
  t.field({
    type: LoadDemoDataPayload,
    description:
      'Loads two years of demo data (6 channels × 30 campaigns) into the workspace — the onboarding "load demo data" button (metrics.write). Idempotent: a second call changes nothing.',
    args: { input: t.arg({ description: "The workspace to fill.", type: LoadDemoDataInput, required: true }) },
    authScopes: inWorkspace("metrics.write", (_root, { input }) =>
      parseWorkspaceId(String(input.workspaceId), ["input", "workspaceId"]),
    ),
    resolve: async (_root, { input }, ctx) => {
      const workspaceId = parseWorkspaceId(String(input.workspaceId), ["input", "workspaceId"]);
      return loadDemoData(ctx.db, { workspaceId, actor: actorOf(ctx.viewer!) });
    },
  }),
);
