import { findApiKey } from "@/lib/api-keys/find-api-key";
import { actorOf } from "@/lib/audit/actor";
import { findMetricBatch } from "@/lib/imports/find-metric-batch";
import { listMetricBatches } from "@/lib/imports/list-metric-batches";
import { METRIC_BATCH_SOURCES, METRIC_BATCH_STATUSES, type MetricBatchRecord } from "@/lib/imports/metric-batch-record";
import { rollbackMetricBatch } from "@/lib/imports/rollback-metric-batch";
import { builder } from "../builder";
import { inWorkspace, onWorkspace } from "../authz";
import { resolveCountedConnection } from "../connections";
import { parseTenantNodeId, tenantNodeId } from "../ids";
import { parseTenantNodeInput } from "../input-errors";
import { WorkspaceRef } from "./workspace";

const MetricBatchSourceEnum = builder.enumType("MetricBatchSource", {
  description: "Where a batch of metric rows came from.",
  values: { API: { description: "An ingestMetrics call (GraphQL), by a person or an API key." } } satisfies Record<
    (typeof METRIC_BATCH_SOURCES)[number],
    unknown
  >,
});

const MetricBatchStatusEnum = builder.enumType("MetricBatchStatus", {
  description: "What became of a batch.",
  values: {
    COMMITTED: { description: "Its rows are in the workspace's data." },
    ROLLED_BACK: {
      description: "Undone: the facts it changed have their previous values again, the facts it created are gone.",
    },
  } satisfies Record<(typeof METRIC_BATCH_STATUSES)[number], unknown>,
});

const MetricBatchActorKindEnum = builder.enumType("MetricBatchActorKind", {
  description: "Who sent a batch.",
  values: {
    USER: { description: "A signed-in member." },
    API_KEY: { description: "An API key of the workspace." },
  },
});

/** An ingestMetrics batch (tenant node): recorded, listed and rolled back like a CSV import (SPEC §7). */
export const MetricBatchRef = builder.node(builder.objectRef<MetricBatchRecord>("MetricBatch"), {
  description:
    "One ingestMetrics call that applied rows (SPEC §7: every import is recorded and can be rolled back). Replays of an idempotency key are not new batches.",
  id: { resolve: (b) => tenantNodeId(b.workspaceId, b.id) },
  loadOne: async (id, ctx) => {
    const parsed = parseTenantNodeId(id);
    if (!parsed || !(await ctx.access(parsed.workspaceId))?.permissions.has("import.manage")) return null;
    return findMetricBatch(ctx.db, { workspaceId: parsed.workspaceId, batchId: parsed.rowId });
  },
  fields: (t) => ({
    batchId: t.exposeID("id", {
      description:
        "The batch id ingestMetrics returned (IngestMetricsPayload.batchId), stamped on every fact the batch changed.",
    }),
    source: t.field({
      type: MetricBatchSourceEnum,
      description: "Where the rows came from.",
      resolve: (b) => b.source as "API",
    }),
    status: t.field({
      type: MetricBatchStatusEnum,
      description: "Committed or rolled back.",
      resolve: (b) => b.status as "COMMITTED" | "ROLLED_BACK",
    }),
    idempotencyKey: t.exposeString("idempotencyKey", {
      nullable: true,
      description: "The idempotency key the call carried.",
    }),
    rows: t.exposeInt("rows", { description: "Rows received and validated (= inserted + updated + unchanged)." }),
    inserted: t.exposeInt("inserted", { description: "Rows that created a fact." }),
    updated: t.exposeInt("updated", { description: "Rows that changed an existing fact's value." }),
    unchanged: t.exposeInt("unchanged", { description: "Rows equal to the stored fact (nothing written)." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the batch was applied." }),
    createdByKind: t.field({
      type: MetricBatchActorKindEnum,
      description: "Whether a member or an API key sent it.",
      resolve: (b) => (b.createdByApiKeyId ? "API_KEY" : "USER"),
    }),
    createdBy: t.string({
      nullable: true,
      description:
        "Who sent it: the member's name or the API key's name; null when that member or key no longer exists.",
      resolve: async (b, _a, ctx) => {
        if (b.createdByApiKeyId)
          return (
            (await findApiKey(ctx.db, { workspaceId: b.workspaceId, apiKeyId: b.createdByApiKeyId }))?.name ?? null
          );
        if (!b.createdByUserId) return null;
        const { rows } = await ctx.db.sql.query<{ name: string }>("SELECT name FROM users WHERE id = $1", [
          b.createdByUserId,
        ]);
        return rows[0]?.name ?? null;
      },
    }),
    rolledBackAt: t.expose("rolledBackAt", {
      type: "DateTime",
      nullable: true,
      description: "When it was rolled back; null while committed.",
    }),
    restoredFacts: t.exposeInt("restoredFacts", {
      nullable: true,
      description: "Facts the rollback gave their previous value back.",
    }),
    deletedFacts: t.exposeInt("deletedFacts", {
      nullable: true,
      description: "Facts the rollback deleted (the batch had created them).",
    }),
    canRollback: t.boolean({
      description: "Whether rollbackMetricBatch would accept it (committed and not yet rolled back).",
      resolve: (b) => b.status === "COMMITTED",
    }),
  }),
});

builder.objectField(WorkspaceRef, "metricBatches", (t) =>
  t.connection({
    type: MetricBatchRef,
    nullable: true,
    description:
      "Batches sent through ingestMetrics, newest first (import.manage; API keys with WRITE_METRICS). CSV imports are listed in `imports`.",
    authScopes: onWorkspace("import.manage"),
    resolve: (ws, args, ctx, info) =>
      resolveCountedConnection(args, info, (page) => listMetricBatches(ctx.db, { workspaceId: ws.id, ...page })),
  }),
);

const RollbackMetricBatchInput = builder.inputType("RollbackMetricBatchInput", {
  description: "The batch to roll back.",
  fields: (t) => ({
    id: t.id({
      required: true,
      description: "The MetricBatch's global id (IngestMetricsPayload.batch.id or Workspace.metricBatches).",
    }),
  }),
});

const RollbackMetricBatchPayload = builder
  .objectRef<{ batch: MetricBatchRecord }>("RollbackMetricBatchPayload")
  .implement({
    description: "The batch after its rollback.",
    fields: (t) => ({
      batch: t.field({
        type: MetricBatchRef,
        description: "The rolled-back batch, with restoredFacts and deletedFacts.",
        resolve: (p) => p.batch,
      }),
    }),
  });

builder.mutationField("rollbackMetricBatch", (t) =>
  t.field({
    type: RollbackMetricBatchPayload,
    description:
      "Rolls an ingestMetrics batch back exactly like a CSV import (import.manage; API keys with WRITE_METRICS): every fact it changed gets back the value it replaced, every fact it created is deleted; facts changed again since are left alone. Another workspace's batch is NOT_FOUND; a second rollback is BAD_USER_INPUT.",
    args: { input: t.arg({ type: RollbackMetricBatchInput, required: true, description: "Which batch." }) },
    authScopes: inWorkspace(
      "import.manage",
      (_root, { input }) => parseTenantNodeInput(String(input.id), "MetricBatch", ["input", "id"]).workspaceId,
    ),
    resolve: async (_root, { input }, ctx) => {
      const { workspaceId, rowId } = parseTenantNodeInput(String(input.id), "MetricBatch", ["input", "id"]);
      const batch = await rollbackMetricBatch(ctx.db, { workspaceId, batchId: rowId, actor: actorOf(ctx.viewer!) });
      return { batch };
    },
  }),
);
