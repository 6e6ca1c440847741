import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type UserViewer, createWorkspaceWithOwner } from "./factories";
import { type TestDatabase, openTestDatabase } from "./harness";
import { APRIL_15, gqlAt, ingest } from "./scorecard-fixture";

/**
 * Channel groups per workspace (issue 11 item 5, SPEC §4.2 "Channel groups"), through GraphQL
 * on a real database: defaults matched case- and space-insensitively, a workspace's own
 * mapping, unmapped channels reported on the scorecard and in the API, the group argument of
 * metric reads, and bad input saving nothing.
 *
 * April 2026 (now = the 15th), facts:
 *   "Google Ads " (trimmed to "Google Ads" on ingest): spend 1 000, revenue 4 000  → paid by default (google_ads)
 *   "META-ADS":                                       spend 1 000, revenue 1 000  → paid by default (meta_ads)
 *   "Mystery Network":                                spend   500, revenue 2 000  → unmapped
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

const PAID_SPEND = `query($id: ID!, $group: String) { workspace(id: $id) {
  metricValues(keys: ["spend", "revenue"], from: "2026-04-01", to: "2026-04-30", group: $group) { key value }
  metricSeries(key: "spend", from: "2026-04-01", to: "2026-04-30", grain: MONTH, group: $group) { points { value } }
  metricBreakdown(keys: ["spend"], from: "2026-04-01", to: "2026-04-30", by: CHANNEL, group: $group) { channel values { key value } }
} }`;
async function paid(group = "paid") {
  const ws = (await ok(PAID_SPEND, { id: gid, group })).workspace;
  return {
    spend: ws.metricValues[0].value as string,
    revenue: ws.metricValues[1].value as string,
    series: ws.metricSeries.points[0].value as string,
    channels: (ws.metricBreakdown as { channel: string }[]).map((r) => r.channel),
  };
}

const SCORECARD = `query($id: ID!, $role: WorkspaceRole!) { workspace(id: $id) { scorecard(role: $role, period: { type: MONTH, anchor: "2026-04-01" }) {
  unmappedChannels kpis { key actual } } } }`;
async function card(role: string) {
  return (await ok(SCORECARD, { id: gid, role })).workspace.scorecard as {
    unmappedChannels: string[];
    kpis: { key: string; actual: string | null }[];
  };
}

const SET = `mutation($i: SetChannelGroupInput!) { setChannelGroup(input: $i) { channel group } }`;
const CHANNELS = `query($id: ID!) { workspace(id: $id) { channels { channel group source hasData } channelGroups } }`;

beforeAll(async () => {
  db = await openTestDatabase();
  const created = await createWorkspaceWithOwner(db, { timeZone: "Europe/Moscow", locale: "en" });
  owner = created.viewer;
  gid = (await ok(`query($id: ID!) { workspace(id: $id) { id } }`, { id: created.workspace.id })).workspace.id;
  const facts = (date: string, channel: string, spend: string, revenue: string) => [
    { date, channel, measure: "spend", value: spend },
    { date, channel, measure: "revenue", value: revenue },
  ];
  await ingest(db, created.workspace.id, [
    ...facts("2026-04-02", "Google Ads ", "1000", "4000"),
    ...facts("2026-04-03", "META-ADS", "1000", "1000"),
    ...facts("2026-04-04", "Mystery Network", "500", "2000"),
  ]);
}, 300_000);
afterAll(async () => db?.close());

describe("channel groups", () => {
  it('counts "Google Ads " and "META-ADS" as paid by default; the unmapped channel is in no group', async () => {
    expect(await paid()).toEqual({
      spend: "2000",
      revenue: "5000",
      series: "2000",
      channels: ["Google Ads", "META-ADS"],
    });
    // ROMI of paid channels on the PERFORMANCE scorecard reads the same two channels as the API's group "paid".
    const perf = await card("PERFORMANCE");
    const romi = perf.kpis.find((k) => k.key === "performance.paid_romi")!;
    const { workspace } = await ok(
      `query($id: ID!) { workspace(id: $id) { metricValues(keys: ["romi"], from: "2026-04-01", to: "2026-04-15", group: "paid") { value } } }`,
      { id: gid },
    );
    expect(romi.actual).toBe(workspace.metricValues[0].value);
    expect(romi.actual).not.toBeNull();
  });

  it("reports the unmapped channel on the scorecards whose scoped KPI it would change, and in the channel list", async () => {
    expect((await card("PERFORMANCE")).unmappedChannels).toEqual(["Mystery Network"]);
    // The company scorecard has no group-scoped KPI: nothing to report there.
    expect((await card("OWNER")).unmappedChannels).toEqual([]);
    const { workspace } = await ok(CHANNELS, { id: gid });
    expect(workspace.channelGroups).toEqual(["paid", "social", "content", "email", "organic", "referral", "other"]);
    expect(workspace.channels).toEqual([
      { channel: "Mystery Network", group: null, source: null, hasData: true },
      { channel: "Google Ads", group: "paid", source: "DEFAULT", hasData: true },
      { channel: "META-ADS", group: "paid", source: "DEFAULT", hasData: true },
    ]);
  });

  it("maps a channel to a group: the scoped KPI and the API follow at once, and it is audited", async () => {
    const before = (await card("PERFORMANCE")).kpis.find((k) => k.key === "performance.paid_romi")!.actual;
    expect(
      (await ok(SET, { i: { workspaceId: gid, channel: "mystery  network", group: "Paid" } })).setChannelGroup,
    ).toEqual({ channel: "mystery  network", group: "paid" });
    expect(await paid()).toEqual({
      spend: "2500",
      revenue: "7000",
      series: "2500",
      channels: ["Google Ads", "META-ADS", "Mystery Network"],
    });
    const after = await card("PERFORMANCE");
    expect(after.unmappedChannels).toEqual([]);
    expect(after.kpis.find((k) => k.key === "performance.paid_romi")!.actual).not.toBe(before);
    const { workspace } = await ok(CHANNELS, { id: gid });
    expect(workspace.channels[0]).toEqual({ channel: "Google Ads", group: "paid", source: "DEFAULT", hasData: true });
    expect(workspace.channels).toContainEqual({
      channel: "Mystery Network",
      group: "paid",
      source: "WORKSPACE",
      hasData: true,
    });
    const audit = await ok(
      `query($id: ID!) { workspace(id: $id) { auditEvents(first: 5) { edges { node { action data } } } } }`,
      { id: gid },
    );
    expect(audit.workspace.auditEvents.edges[0].node).toMatchObject({ action: "channelGroup.updated" });
  });

  it("moves a default channel out of its group, and back to its default with group null", async () => {
    await ok(SET, { i: { workspaceId: gid, channel: "google_ads", group: "other" } });
    expect((await paid()).spend).toBe("1500");
    expect((await paid("other")).channels).toEqual(["Google Ads"]);
    await ok(SET, { i: { workspaceId: gid, channel: "GOOGLE ADS", group: null } });
    expect((await paid()).spend).toBe("2500");
  });

  it("refuses an unknown group with a field error and saves nothing", async () => {
    const before = (await ok(CHANNELS, { id: gid })).workspace.channels;
    const r = await run(SET, { i: { workspaceId: gid, channel: "META-ADS", group: "influencers" } });
    expect(r.errors?.[0].extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      fieldErrors: [{ path: ["input", "group"] }],
    });
    const empty = await run(SET, { i: { workspaceId: gid, channel: "  ", group: "paid" } });
    expect(empty.errors?.[0].extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      fieldErrors: [{ path: ["input", "channel"] }],
    });
    expect((await ok(CHANNELS, { id: gid })).workspace.channels).toEqual(before);
    const read = await run(PAID_SPEND, { id: gid, group: "influencers" });
    expect(read.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", fieldErrors: [{ path: ["group"] }] });
  });
});
