import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type UserViewer, createWorkspaceWithOwner } from "./factories";
import { type TestDatabase, openTestDatabase } from "./harness";
import { APRIL_15, gqlAt, ingest } from "./scorecard-fixture";

/**
 * Changing the reporting currency (issue 11 item 6, SPEC §7): refused without a rate when the
 * workspace has data; with a rate, money facts and money targets convert exactly, counts do
 * not, and the change is audited. An empty workspace changes its currency freely.
 */
let db: TestDatabase;
let owner: UserViewer;
let gid: string;

const run = (query: string, variables?: Record<string, unknown>) => gqlAt(db, owner, APRIL_15, query, variables);
async function ok(query: string, variables?: Record<string, unknown>) {
  const r = await run(query, variables);
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data as Record<string, any>;
}
const UPDATE = `mutation($i: UpdateWorkspaceInput!) { updateWorkspace(input: $i) { workspace { currency } } }`;
const STATE = `query($id: ID!) { workspace(id: $id) { currency
  metricValues(keys: ["spend", "revenue", "clicks"], from: "2026-04-01", to: "2026-04-30") { key value }
  scorecard(role: OWNER, period: { type: MONTH, anchor: "2026-04-01" }) { kpis { key target } } } }`;
async function state() {
  const ws = (await ok(STATE, { id: gid })).workspace;
  return {
    currency: ws.currency as string,
    values: Object.fromEntries(ws.metricValues.map((v: { key: string; value: string }) => [v.key, v.value])),
    cacTarget: ws.scorecard.kpis.find((k: { key: string }) => k.key === "company.cac").target as string | null,
  };
}

beforeAll(async () => {
  db = await openTestDatabase();
  const created = await createWorkspaceWithOwner(db, { currency: "RUB", timeZone: "Europe/Moscow", locale: "en" });
  owner = created.viewer;
  gid = (await ok(`query($id: ID!) { workspace(id: $id) { id } }`, { id: created.workspace.id })).workspace.id;
  await ingest(db, created.workspace.id, [
    { date: "2026-04-02", channel: "google_ads", measure: "spend", value: "1000" },
    { date: "2026-04-02", channel: "google_ads", measure: "revenue", value: "3333.33" },
    { date: "2026-04-02", channel: "google_ads", measure: "clicks", value: "10" },
  ]);
  const kpis = (await ok(`query($id: ID!) { workspace(id: $id) { kpis { id key } } }`, { id: gid })).workspace.kpis as {
    id: string;
    key: string;
  }[];
  await ok(
    `mutation($k: ID!) { setKpiTarget(kpiId: $k, period: { type: MONTH, anchor: "2026-04-01" }, value: "5000") { target } }`,
    { k: kpis.find((k) => k.key === "company.cac")!.id },
  );
}, 300_000);
afterAll(async () => db?.close());

describe("changing the reporting currency", () => {
  it("is refused without a conversion rate when the workspace has data, naming the field, and changes nothing", async () => {
    const before = await state();
    expect(before).toEqual({
      currency: "RUB",
      values: { spend: "1000", revenue: "3333.33", clicks: "10" },
      cacTarget: "5000",
    });
    const r = await run(UPDATE, { i: { workspaceId: gid, currency: "USD" } });
    expect(r.errors?.[0].extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      fieldErrors: [{ path: ["input", "currencyConversionRate"] }],
    });
    const bad = await run(UPDATE, { i: { workspaceId: gid, currency: "USD", currencyConversionRate: "0" } });
    expect(bad.errors?.[0].extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      fieldErrors: [{ path: ["input", "currencyConversionRate"] }],
    });
    expect(await state()).toEqual(before);
  });

  it("with a rate converts money facts and money targets exactly, leaves counts alone, and is audited", async () => {
    await ok(UPDATE, { i: { workspaceId: gid, currency: "USD", currencyConversionRate: "0.0125" } });
    // 1 000 × 0.0125 = 12.5; 3 333.33 × 0.0125 = 41.666625; CAC target 5 000 × 0.0125 = 62.5.
    expect(await state()).toEqual({
      currency: "USD",
      values: { spend: "12.5", revenue: "41.666625", clicks: "10" },
      cacTarget: "62.5",
    });
    const audit = await ok(
      `query($id: ID!) { workspace(id: $id) { auditEvents(first: 3) { edges { node { action data } } } } }`,
      { id: gid },
    );
    const event = audit.workspace.auditEvents.edges
      .map((e: { node: { action: string; data: string } }) => e.node)
      .find((n: { action: string }) => n.action === "workspace.currencyChanged");
    expect(JSON.parse(event.data)).toMatchObject({ from: "RUB", to: "USD", rate: "0.0125", facts: 2, targets: 1 });
  });

  it("an empty workspace changes its currency without a rate", async () => {
    const empty = await createWorkspaceWithOwner(db, { currency: "RUB" });
    const id = (
      await gqlAt(db, empty.viewer, APRIL_15, `query($id: ID!) { workspace(id: $id) { id } }`, {
        id: empty.workspace.id,
      })
    ).data!.workspace.id;
    const r = await gqlAt(db, empty.viewer, APRIL_15, UPDATE, { i: { workspaceId: id, currency: "EUR" } });
    expect(r.errors).toBeUndefined();
    expect(r.data!.updateWorkspace.workspace.currency).toBe("EUR");
  });
});
