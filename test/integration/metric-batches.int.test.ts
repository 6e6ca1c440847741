import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { type WorkspaceWithOwner, createKey, createWorkspaceWithOwner } from "./factories";
import { type TestDatabase, errorCodes, gql, openTestDatabase } from "./harness";

/**
 * SPEC §7 / issue 15 item 4: an ingestMetrics batch is recorded (source, who, rows, counts),
 * listed, audited and rolled back exactly like a CSV import — on both databases (TEST_DB).
 */
let db: TestDatabase;
let a: WorkspaceWithOwner;
let b: WorkspaceWithOwner;
let keyViewer: Awaited<ReturnType<typeof createKey>>["viewer"];

beforeAll(async () => {
  db = await openTestDatabase();
  a = await createWorkspaceWithOwner(db);
  b = await createWorkspaceWithOwner(db);
  keyViewer = (
    await createKey(db, {
      workspaceId: a.workspace.id,
      actorId: a.owner.id,
      scopes: ["WRITE_METRICS"],
      name: "Nightly ETL",
    })
  ).viewer;
}, 300_000);
afterAll(async () => db?.close());

const INGEST = `mutation($input: IngestMetricsInput!) {
  ingestMetrics(input: $input) { accepted inserted updated unchanged batchId batch { id batchId source status rows inserted updated unchanged createdBy createdByKind canRollback } }
}`;
const ROLLBACK = `mutation($id: ID!) { rollbackMetricBatch(input: { id: $id }) { batch { id status restoredFacts deletedFacts rolledBackAt canRollback } } }`;
const LIST = `query($id: ID!) { workspace(id: $id) { metricBatches(first: 10) { totalCount edges { node { batchId source status rows inserted updated unchanged createdBy createdByKind } } } } }`;

type Row = { date: string; channel: string; campaign?: string; measure: string; value: string };

/** Every fact and rollup row of a workspace, values as PostgreSQL prints them (scale included). */
async function snapshot(workspaceId: string) {
  return withTenant(db, { workspaceId }, async (tx) => ({
    facts: await tx.$queryRawUnsafe<unknown[]>(
      `SELECT date::text, channel, campaign, measure, value::text, import_batch_id::text FROM metric_facts WHERE workspace_id = $1::uuid ORDER BY 1, 2, 3, 4`,
      workspaceId,
    ),
    daily: await tx.$queryRawUnsafe<unknown[]>(
      `SELECT date::text, measure, value::text, fact_count FROM metric_daily_totals WHERE workspace_id = $1::uuid AND fact_count > 0 ORDER BY 1, 2`,
      workspaceId,
    ),
    channel: await tx.$queryRawUnsafe<unknown[]>(
      `SELECT date::text, channel, measure, value::text, fact_count FROM metric_channel_daily_totals WHERE workspace_id = $1::uuid AND fact_count > 0 ORDER BY 1, 2, 3`,
      workspaceId,
    ),
  }));
}

const ingest = (viewer: Parameters<typeof gql>[1], workspaceId: string, idempotencyKey: string, rows: Row[]) =>
  gql(db, viewer, INGEST, { input: { workspaceId, idempotencyKey, rows } });

describe("ingestMetrics batches", () => {
  it("records, lists, audits and rolls a batch back to exactly the previous values", async () => {
    const first = await ingest(a.viewer, a.workspace.id, "batch-1", [
      { date: "2026-03-01", channel: "google_ads", campaign: "brand", measure: "spend", value: "100.10" },
      { date: "2026-03-01", channel: "google_ads", campaign: "brand", measure: "clicks", value: "10" },
      { date: "2026-03-02", channel: "seo", measure: "sessions", value: "250" },
    ]);
    expect(first.errors).toBeUndefined();
    expect(first.data!.ingestMetrics.batch).toMatchObject({
      source: "API",
      status: "COMMITTED",
      rows: 3,
      inserted: 3,
      createdBy: a.owner.name,
      createdByKind: "USER",
      canRollback: true,
    });
    const before = await snapshot(a.workspace.id);
    expect(before.facts).toHaveLength(3);

    // The key's batch changes two values (one with another scale), keeps one, adds one.
    const second = await ingest(keyViewer, a.workspace.id, "batch-2", [
      { date: "2026-03-01", channel: "google_ads", campaign: "brand", measure: "spend", value: "7.5" },
      { date: "2026-03-01", channel: "google_ads", campaign: "brand", measure: "clicks", value: "10" },
      { date: "2026-03-02", channel: "seo", measure: "sessions", value: "251.000" },
      { date: "2026-03-03", channel: "vk_ads", measure: "leads", value: "4" },
    ]);
    expect(second.errors).toBeUndefined();
    const batch = second.data!.ingestMetrics.batch;
    expect(batch).toMatchObject({
      batchId: second.data!.ingestMetrics.batchId,
      rows: 4,
      inserted: 1,
      updated: 2,
      unchanged: 1,
      createdBy: "Nightly ETL",
      createdByKind: "API_KEY",
    });
    expect(await snapshot(a.workspace.id)).not.toEqual(before);

    const list = await gql(db, a.viewer, LIST, { id: a.workspace.id });
    expect(list.data!.workspace.metricBatches.totalCount).toBe(2);
    expect(list.data!.workspace.metricBatches.edges.map((e: { node: { batchId: string } }) => e.node.batchId)).toEqual([
      second.data!.ingestMetrics.batchId,
      first.data!.ingestMetrics.batchId,
    ]);

    // The key itself (WRITE_METRICS) may roll its batch back.
    const rolled = await gql(db, keyViewer, ROLLBACK, { id: batch.id });
    expect(rolled.errors).toBeUndefined();
    expect(rolled.data!.rollbackMetricBatch.batch).toMatchObject({
      status: "ROLLED_BACK",
      restoredFacts: 2,
      deletedFacts: 1,
      canRollback: false,
    });
    // Exactly the previous values: "100.10" with its scale, the first batch's id on each fact, rollups in step.
    expect(await snapshot(a.workspace.id)).toEqual(before);

    const audit = await gql(
      db,
      a.viewer,
      `query($id: ID!) { workspace(id: $id) { auditEvents(first: 10, actions: ["metricBatch.ingested", "metricBatch.rolledBack"]) { edges { node { action actorKind targetId } } } } }`,
      { id: a.workspace.id },
    );
    expect(audit.data!.workspace.auditEvents.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { action: "metricBatch.rolledBack", actorKind: "API_KEY", targetId: second.data!.ingestMetrics.batchId },
      { action: "metricBatch.ingested", actorKind: "API_KEY", targetId: second.data!.ingestMetrics.batchId },
      { action: "metricBatch.ingested", actorKind: "USER", targetId: first.data!.ingestMetrics.batchId },
    ]);

    const again = await gql(db, a.viewer, ROLLBACK, { id: batch.id });
    expect(errorCodes(again)).toEqual(["BAD_USER_INPUT"]);
    expect(again.errors![0].extensions!.fieldErrors).toMatchObject([
      { path: ["input", "id"], message: expect.stringContaining("already been rolled back") },
    ]);
    expect(await snapshot(a.workspace.id)).toEqual(before);
  });

  it("leaves facts changed again since a batch alone", async () => {
    const one = await ingest(a.viewer, a.workspace.id, "later-1", [
      { date: "2026-04-01", channel: "seo", measure: "clicks", value: "1" },
    ]);
    await ingest(a.viewer, a.workspace.id, "later-2", [
      { date: "2026-04-01", channel: "seo", measure: "clicks", value: "2" },
    ]);
    const rolled = await gql(db, a.viewer, ROLLBACK, { id: one.data!.ingestMetrics.batch.id });
    expect(rolled.data!.rollbackMetricBatch.batch).toMatchObject({ restoredFacts: 0, deletedFacts: 0 });
    const facts = (await snapshot(a.workspace.id)).facts as { date: string; value: string }[];
    expect(facts.find((f) => f.date === "2026-04-01")?.value).toBe("2");
  });

  it("answers another workspace's batch like a missing one and changes nothing", async () => {
    const own = await ingest(a.viewer, a.workspace.id, "foreign-1", [
      { date: "2026-05-01", channel: "seo", measure: "clicks", value: "3" },
    ]);
    const id = own.data!.ingestMetrics.batch.id as string;
    const before = await snapshot(a.workspace.id);
    const foreign = await gql(db, b.viewer, ROLLBACK, { id });
    expect(errorCodes(foreign)).toEqual(["NOT_FOUND"]);
    const forged = await gql(db, b.viewer, ROLLBACK, { id: id.replace(/.$/, (c) => (c === "A" ? "B" : "A")) });
    expect(errorCodes(forged).length).toBe(1);
    const node = await gql(db, b.viewer, `query($id: ID!) { node(id: $id) { id } }`, { id });
    expect(node.data!.node).toBeNull();
    const list = await gql(db, b.viewer, LIST, { id: b.workspace.id });
    expect(list.data!.workspace.metricBatches.totalCount).toBe(0);
    expect(await snapshot(a.workspace.id)).toEqual(before);
    const bad = await gql(db, a.viewer, ROLLBACK, { id: "not-a-batch" });
    expect(bad.errors![0].extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      fieldErrors: [{ path: ["input", "id"] }],
    });
  });

  it("does not record a replayed idempotency key as a new batch", async () => {
    const rows: Row[] = [{ date: "2026-06-01", channel: "seo", measure: "clicks", value: "5" }];
    const first = await ingest(a.viewer, a.workspace.id, "replay-b", rows);
    const replay = await ingest(a.viewer, a.workspace.id, "replay-b", rows);
    expect(replay.data!.ingestMetrics.batch.id).toBe(first.data!.ingestMetrics.batch.id);
    const list = await gql(db, a.viewer, LIST, { id: a.workspace.id });
    const ids = list.data!.workspace.metricBatches.edges.map((e: { node: { batchId: string } }) => e.node.batchId);
    expect(ids.filter((x: string) => x === first.data!.ingestMetrics.batchId)).toHaveLength(1);
  });
});
