import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type WorkspaceWithOwner, createWorkspaceWithOwner } from "./factories";
import { type TestDatabase, gql, openTestDatabase } from "./harness";

/** Issue 15: a base measure tells a pushed zero apart from no data at all (null, NO_DATA:<key>). */
let db: TestDatabase;
let a: WorkspaceWithOwner;

beforeAll(async () => {
  db = await openTestDatabase();
  a = await createWorkspaceWithOwner(db);
}, 300_000);
afterAll(async () => db?.close());

const VALUES = `query($id: ID!, $from: Date!, $to: Date!) { workspace(id: $id) {
  metricValues(keys: ["spend", "leads", "clicks", "followers", "cpl"], from: $from, to: $to) { key value reason } } }`;

describe("zero versus no data", () => {
  it("answers 0 for a pushed zero and null with NO_DATA:<key> where nothing was pushed", async () => {
    const pushed = await gql(
      db,
      a.viewer,
      `mutation($input: IngestMetricsInput!) { ingestMetrics(input: $input) { accepted } }`,
      {
        input: {
          workspaceId: a.workspace.id,
          idempotencyKey: "zero-1",
          rows: [
            { date: "2026-02-01", channel: "seo", measure: "spend", value: "0" },
            { date: "2026-02-01", channel: "seo", measure: "leads", value: "4" },
          ],
        },
      },
    );
    expect(pushed.errors).toBeUndefined();
    const feb = await gql(db, a.viewer, VALUES, { id: a.workspace.id, from: "2026-02-01", to: "2026-02-28" });
    expect(feb.data!.workspace.metricValues).toEqual([
      { key: "spend", value: "0", reason: null },
      { key: "leads", value: "4", reason: null },
      { key: "clicks", value: null, reason: "NO_DATA:clicks" },
      { key: "followers", value: null, reason: "NO_DATA:followers" },
      { key: "cpl", value: "0", reason: null },
    ]);
    // A month with nothing pushed: no base measure reads as 0.
    const march = await gql(db, a.viewer, VALUES, { id: a.workspace.id, from: "2026-03-01", to: "2026-03-31" });
    for (const v of march.data!.workspace.metricValues.slice(0, 4))
      expect(v).toEqual({ key: v.key, value: null, reason: `NO_DATA:${v.key}` });
  });
});
