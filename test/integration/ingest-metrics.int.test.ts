import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type WorkspaceWithOwner, addMember, countRowsAsOwner, createKey, createWorkspaceWithOwner } from "./factories";
import { type TestDatabase, errorCodes, gql, openTestDatabase } from "./harness";

let db: TestDatabase;
let a: WorkspaceWithOwner;
let b: WorkspaceWithOwner;

beforeAll(async () => {
  db = await openTestDatabase();
  a = await createWorkspaceWithOwner(db);
  b = await createWorkspaceWithOwner(db);
}, 300_000);
afterAll(async () => db?.close());

const INGEST = `mutation($input: IngestMetricsInput!) { ingestMetrics(input: $input) { accepted inserted updated unchanged replayed batchId } }`;

type Row = { date: string; channel: string; campaign?: string | null; measure: string; value: string };
const ingest = (
  viewer: WorkspaceWithOwner["viewer"] | Parameters<typeof gql>[1],
  workspaceId: string,
  idempotencyKey: string,
  rows: Row[],
) => gql(db, viewer, INGEST, { input: { workspaceId, idempotencyKey, rows } });

const factCount = (workspaceId: string) => countRowsAsOwner(db, "metric_facts", "workspace_id = $1", [workspaceId]);
const spendOf = async (workspaceId: string) => {
  const r = await gql(
    db,
    a.viewer,
    `query($id: ID!) { workspace(id: $id) { metricValues(keys: ["spend", "clicks"], from: "2026-05-01", to: "2026-05-31") { key value } } }`,
    { id: workspaceId },
  );
  return r.data!.workspace.metricValues.map((v: { value: string }) => v.value);
};

const BASE: Row[] = [
  { date: "2026-05-01", channel: "google_ads", campaign: "brand", measure: "spend", value: "100.10" },
  { date: "2026-05-01", channel: "google_ads", campaign: "brand", measure: "clicks", value: "10" },
  { date: "2026-05-02", channel: "google_ads", measure: "spend", value: "5" },
];

describe("ingestMetrics", () => {
  it("counts inserted, updated and unchanged rows", async () => {
    const first = await ingest(a.viewer, a.workspace.id, "k-1", BASE);
    expect(first.errors).toBeUndefined();
    expect(first.data!.ingestMetrics).toMatchObject({
      accepted: 3,
      inserted: 3,
      updated: 0,
      unchanged: 0,
      replayed: false,
    });
    const second = await ingest(a.viewer, a.workspace.id, "k-2", [
      { ...BASE[0], value: "100.1" }, // same number, other spelling: unchanged
      { ...BASE[1], value: "11" },
      BASE[2],
      { date: "2026-05-03", channel: "vk_ads", campaign: "", measure: "clicks", value: "4" },
    ]);
    expect(second.data!.ingestMetrics).toMatchObject({ accepted: 4, inserted: 1, updated: 1, unchanged: 2 });
    expect(await spendOf(a.workspace.id)).toEqual(["105.1", "15"]);
  });

  it("replays the same key and payload without re-applying; rejects the key with another payload", async () => {
    const rows: Row[] = [{ date: "2026-05-04", channel: "seo", measure: "clicks", value: "7" }];
    const first = await ingest(a.viewer, a.workspace.id, "replay-1", rows);
    // Someone changes the value in between; a replay must not overwrite it.
    await ingest(a.viewer, a.workspace.id, "replay-2", [{ ...rows[0], value: "8" }]);
    const replay = await ingest(a.viewer, a.workspace.id, "replay-1", rows);
    expect(replay.data!.ingestMetrics).toEqual({ ...first.data!.ingestMetrics, replayed: true });
    expect(await spendOf(a.workspace.id)).toEqual(["105.1", "23"]);
    const other = await ingest(a.viewer, a.workspace.id, "replay-1", [{ ...rows[0], value: "9" }]);
    expect(errorCodes(other)).toEqual(["BAD_USER_INPUT"]);
    expect(other.errors![0].extensions!.fieldErrors).toMatchObject([
      { path: ["input", "idempotencyKey"], message: expect.stringContaining("different payload") },
    ]);
    expect(await spendOf(a.workspace.id)).toEqual(["105.1", "23"]);
  });

  it("applies a key once when two calls with it race", async () => {
    const rows: Row[] = [{ date: "2026-05-09", channel: "race", measure: "clicks", value: "5" }];
    const [one, two] = await Promise.all([
      ingest(a.viewer, a.workspace.id, "race-key", rows),
      ingest(a.viewer, a.workspace.id, "race-key", rows),
    ]);
    const results = [one.data!.ingestMetrics, two.data!.ingestMetrics];
    expect(results.map((r) => r.replayed).sort()).toEqual([false, true]);
    expect(results.map((r) => r.inserted)).toEqual([1, 1]);
    expect(await countRowsAsOwner(db, "metric_facts", "workspace_id = $1 AND channel = 'race'", [a.workspace.id])).toBe(
      1,
    );
  });

  it("rejects more than 10 000 rows", async () => {
    const rows = Array.from({ length: 10_001 }, (_, i) => ({
      date: "2026-05-05",
      channel: "bulk",
      campaign: `c${i}`,
      measure: "clicks",
      value: "1",
    }));
    const r = await ingest(a.viewer, a.workspace.id, "too-many", rows);
    expect(errorCodes(r)).toEqual(["BAD_USER_INPUT"]);
    expect(r.errors![0].message).toMatch(/At most 10,000 rows/);
  });

  it("accepts exactly 10 000 rows in one call", async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => ({
      date: "2026-04-05",
      channel: "bulk",
      campaign: `c${i}`,
      measure: "impressions",
      value: String(i),
    }));
    const r = await ingest(a.viewer, a.workspace.id, "ten-thousand", rows);
    expect(r.errors).toBeUndefined();
    expect(r.data!.ingestMetrics).toMatchObject({ accepted: 10_000, inserted: 10_000 });
  });

  it("validates every row first, names row and field, and writes nothing", async () => {
    const before = await factCount(a.workspace.id);
    const r = await ingest(a.viewer, a.workspace.id, "bad-rows", [
      { date: "2026-05-06", channel: "google_ads", measure: "spend", value: "1" },
      { date: "2026-05-06", channel: "google_ads", measure: "clicks", value: "-3" },
      { date: "2026-05-06", channel: "google_ads", measure: "leads", value: "2.5" },
      { date: "2026-05-06", channel: "google_ads", measure: "likes", value: "1" },
      { date: "1999-12-31", channel: "google_ads", measure: "spend", value: "1" },
      { date: "2026-05-06", channel: "  ", measure: "spend", value: "1" },
      { date: "2026-05-06", channel: "google_ads", measure: "spend", value: "2" },
    ]);
    expect(errorCodes(r)).toEqual(["BAD_USER_INPUT"]);
    const paths = (r.errors![0].extensions!.fieldErrors as { path: unknown[] }[]).map((e) => e.path);
    expect(paths).toEqual([
      ["input", "rows", 1, "value"],
      ["input", "rows", 2, "value"],
      ["input", "rows", 3, "measure"],
      ["input", "rows", 4, "date"],
      ["input", "rows", 5, "channel"],
      ["input", "rows", 6],
    ]);
    expect(r.errors![0].message).toContain("Row 6 repeats row 0");
    expect(await factCount(a.workspace.id)).toBe(before);
    expect(
      await countRowsAsOwner(db, "ingest_requests", "workspace_id = $1 AND idempotency_key = 'bad-rows'", [
        a.workspace.id,
      ]),
    ).toBe(0);
  });

  it("rejects a malformed Decimal or Date at the GraphQL layer", async () => {
    const r = await ingest(a.viewer, a.workspace.id, "bad-scalar", [
      { date: "2026-02-30", channel: "x", measure: "spend", value: "1" },
    ]);
    expect(errorCodes(r)).toEqual(["BAD_USER_INPUT"]);
    const v = await ingest(a.viewer, a.workspace.id, "bad-scalar-2", [
      { date: "2026-02-03", channel: "x", measure: "spend", value: "1e3" },
    ]);
    expect(errorCodes(v)).toEqual(["BAD_USER_INPUT"]);
  });

  it("lets a WRITE_METRICS key ingest; a READ key gets FORBIDDEN and writes nothing", async () => {
    const writer = await createKey(db, { workspaceId: a.workspace.id, actorId: a.owner.id, scopes: ["WRITE_METRICS"] });
    const ok = await ingest(writer.viewer, a.workspace.id, "key-1", [
      { date: "2026-05-07", channel: "api", measure: "clicks", value: "1" },
    ]);
    expect(ok.data!.ingestMetrics.inserted).toBe(1);
    const before = await factCount(a.workspace.id);
    const reader = await createKey(db, { workspaceId: a.workspace.id, actorId: a.owner.id, scopes: ["READ"] });
    const denied = await ingest(reader.viewer, a.workspace.id, "key-2", [
      { date: "2026-05-07", channel: "api", measure: "clicks", value: "2" },
    ]);
    expect(errorCodes(denied)).toEqual(["FORBIDDEN"]);
    expect(await factCount(a.workspace.id)).toBe(before);
  });

  it("lets no specialist ingest (SMM → FORBIDDEN)", async () => {
    const smm = await addMember(db, a.workspace.id, "SMM");
    const r = await ingest(smm.viewer, a.workspace.id, "smm-1", [
      { date: "2026-05-07", channel: "api", measure: "clicks", value: "2" },
    ]);
    expect(errorCodes(r)).toEqual(["FORBIDDEN"]);
  });

  it("answers another workspace's id with NOT_FOUND and changes nothing there", async () => {
    const before = await factCount(b.workspace.id);
    const r = await ingest(a.viewer, b.workspace.id, "cross-1", [
      { date: "2026-05-07", channel: "api", measure: "clicks", value: "2" },
    ]);
    expect(errorCodes(r)).toEqual(["NOT_FOUND"]);
    const key = await createKey(db, { workspaceId: a.workspace.id, actorId: a.owner.id, scopes: ["WRITE_METRICS"] });
    const byKey = await ingest(key.viewer, b.workspace.id, "cross-2", [
      { date: "2026-05-07", channel: "api", measure: "clicks", value: "2" },
    ]);
    expect(errorCodes(byKey)).toEqual(["NOT_FOUND"]);
    expect(await factCount(b.workspace.id)).toBe(before);
  });

  it("keeps idempotency keys per workspace (the same key in two workspaces is two batches)", async () => {
    const rows: Row[] = [{ date: "2026-05-08", channel: "x", measure: "clicks", value: "1" }];
    const one = await ingest(a.viewer, a.workspace.id, "shared-key", rows);
    const two = await ingest(b.viewer, b.workspace.id, "shared-key", rows);
    expect(one.data!.ingestMetrics.inserted).toBe(1);
    expect(two.data!.ingestMetrics).toMatchObject({ inserted: 1, replayed: false });
  });
});

describe("loadDemoData", () => {
  it("answers another workspace with NOT_FOUND and a specialist with FORBIDDEN", async () => {
    const LOAD = `mutation($id: ID!) { loadDemoData(input: { workspaceId: $id }) { inserted } }`;
    expect(errorCodes(await gql(db, a.viewer, LOAD, { id: b.workspace.id }))).toEqual(["NOT_FOUND"]);
    const content = await addMember(db, a.workspace.id, "CONTENT");
    expect(errorCodes(await gql(db, content.viewer, LOAD, { id: a.workspace.id }))).toEqual(["FORBIDDEN"]);
    expect(await factCount(b.workspace.id)).toBe(1);
  });
});
