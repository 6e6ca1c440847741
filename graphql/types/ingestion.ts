import { actorOf } from "@/lib/audit/actor";
import { loadDemoData } from "@/lib/demo/load-demo-data";
import { INGEST_MAX_ROWS, type IngestResult, ingestRows } from "@/lib/ingestion/ingest-rows";
import { builder } from "../builder";
import { parseWorkspaceId } from "../ids";

const MetricRowInput = builder.inputType("MetricRowInput", {
  description: "One daily value (SPEC §9.1). campaign absent = no campaign.",
  fields: (t) => ({
    date: t.field({ type: "Date", required: true, description: "The workspace's local date." }),
    channel: t.string({ required: true }),
    campaign: t.string(),
    measure: t.string({ required: true, description: "A base measure key (SPEC §4.1) or a custom measure of the workspace." }),
    value: t.field({ type: "Decimal", required: true, description: "Counts: whole and ≥ 0. Money: in the reporting currency." }),
  }),
});

const IngestMetricsInput = builder.inputType("IngestMetricsInput", {
  fields: (t) => ({
    workspaceId: t.id({ required: true }),
    idempotencyKey: t.string({
      required: true,
      description: "Kept ≥ 24 h: the same key with the same rows returns the first result without re-applying; with other rows it is rejected.",
    }),
    rows: t.field({ type: [MetricRowInput], required: true, description: `At most ${INGEST_MAX_ROWS} rows per call.` }),
  }),
});

const IngestMetricsPayload = builder.objectRef<IngestResult>("IngestMetricsPayload").implement({
  description: "accepted = inserted + updated + unchanged (SPEC §9.1).",
  fields: (t) => ({
    accepted: t.exposeInt("accepted"),
    inserted: t.exposeInt("inserted"),
    updated: t.exposeInt("updated"),
    unchanged: t.exposeInt("unchanged"),
    replayed: t.exposeBoolean("replayed", { description: "True when this idempotency key had already applied these rows." }),
    batchId: t.exposeID("batchId", { description: "Recorded on every fact this call changed." }),
  }),
});

builder.mutationField("ingestMetrics", (t) =>
  t.field({
    type: IngestMetricsPayload,
    description:
      "Upserts daily metric rows on (date, channel, campaign, measure): all or nothing, idempotent (metrics.write; API keys with WRITE_METRICS). Every row is validated first; errors name ['input', 'rows', i, field]. SPEC §9.1.",
    args: { input: t.arg({ type: IngestMetricsInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const workspaceId = parseWorkspaceId(String(input.workspaceId), ["input", "workspaceId"]);
      await ctx.requirePermission(workspaceId, "metrics.write");
      const viewer = ctx.viewer!;
      return ingestRows(ctx.db, {
        workspaceId,
        rows: input.rows,
        idempotencyKey: input.idempotencyKey,
        maxRows: INGEST_MAX_ROWS,
        actorUserId: viewer.kind === "user" ? viewer.userId : null,
        actorApiKeyId: viewer.kind === "apiKey" ? viewer.apiKeyId : null,
      });
    },
  }),
);

const LoadDemoDataInput = builder.inputType("LoadDemoDataInput", {
  fields: (t) => ({ workspaceId: t.id({ required: true }) }),
});

const LoadDemoDataPayload = builder
  .objectRef<{ accepted: number; inserted: number; updated: number; unchanged: number }>("LoadDemoDataPayload")
  .implement({
    fields: (t) => ({
      accepted: t.exposeInt("accepted"),
      inserted: t.exposeInt("inserted"),
      updated: t.exposeInt("updated"),
      unchanged: t.exposeInt("unchanged"),
    }),
  });

builder.mutationField("loadDemoData", (t) =>
  t.field({
    type: LoadDemoDataPayload,
    description:
      "Loads two years of demo data (6 channels × 30 campaigns) into the workspace — the onboarding \"load demo data\" button (metrics.write). Idempotent: a second call changes nothing.",
    args: { input: t.arg({ type: LoadDemoDataInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const workspaceId = parseWorkspaceId(String(input.workspaceId), ["input", "workspaceId"]);
      await ctx.requirePermission(workspaceId, "metrics.write");
      return loadDemoData(ctx.db, { workspaceId, actor: actorOf(ctx.viewer!) });
    },
  }),
);
