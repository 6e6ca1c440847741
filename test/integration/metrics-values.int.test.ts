import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestRows } from "@/lib/ingestion/ingest-rows";
import { currentPeriod } from "@/lib/periods/current-period";
import { getMetricValues } from "@/lib/metric-store/get-metric-values";
import { type WorkspaceWithOwner, addMember, createKey, createWorkspaceWithOwner } from "./factories";
import { type TestDatabase, errorCodes, gql, openTestDatabase } from "./harness";
import { loadMarch } from "./metrics-fixture";

let db: TestDatabase;
let a: WorkspaceWithOwner;
let b: WorkspaceWithOwner;

beforeAll(async () => {
  db = await openTestDatabase();
  a = await createWorkspaceWithOwner(db);
  b = await createWorkspaceWithOwner(db);
  await loadMarch(db, a.workspace.id);
  // Workspace B has different numbers on the same keys: a leak would show.
  await ingestRows(db, {
    workspaceId: b.workspace.id,
    rows: [{ date: "2026-03-05", channel: "google_ads", measure: "spend", value: "777" }],
  });
}, 300_000);
afterAll(async () => db?.close());

const VALUES = `query($id: ID!, $keys: [String!]!, $from: Date!, $to: Date!, $channel: String, $campaign: String) {
  workspace(id: $id) { metricValues(keys: $keys, from: $from, to: $to, channel: $channel, campaign: $campaign) { key value reason unit } }
}`;

async function values(
  viewer: WorkspaceWithOwner["viewer"],
  keys: string[],
  vars: Record<string, unknown> = {},
  id = a.workspace.id,
) {
  const r = await gql(db, viewer, VALUES, { id, keys, from: "2026-03-01", to: "2026-03-31", ...vars });
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return Object.fromEntries(
    (r.data!.workspace.metricValues as { key: string; value: string | null; reason: string | null }[]).map((v) => [
      v.key,
      v,
    ]),
  );
}

describe("Workspace.metricValues", () => {
  it("equals the hand-computed month (ratio of sums, seeds' example)", async () => {
    const v = await values(a.viewer, [
      "spend",
      "leads",
      "deals_won",
      "revenue",
      "cpl",
      "cac",
      "romi",
      "ctr",
      "cpc",
      "cpm",
      "lead_to_deal_conversion",
      "average_deal_size",
      "roi",
    ]);
    expect(v.spend.value).toBe("300000");
    expect(v.leads.value).toBe("400");
    expect(v.cpl.value).toBe("750");
    expect(v.cac.value).toBe("60000");
    expect(v.romi.value).toBe("-0.1666666667");
    expect(v.ctr.value).toBe("0.03");
    expect(v.cpc.value).toBe("100");
    expect(v.cpm.value).toBe("3000");
    expect(v.lead_to_deal_conversion.value).toBe("0.0125");
    expect(v.average_deal_size.value).toBe("50000");
    expect(v.roi.value).toBe("-0.1666666667");
  });

  it("reads stocks at the period edges and churn against the start", async () => {
    const v = await values(a.viewer, ["customers_active", "customers_churned", "churn_rate"]);
    expect(v.customers_active.value).toBe("150"); // 100 + 50 on 2026-03-01
    expect(v.churn_rate.value).toBe("0.04");
    // A range starting mid-month takes the first snapshot inside it.
    const late = await values(a.viewer, ["customers_active"], { from: "2026-03-02" });
    expect(late.customers_active.value).toBe("160");
  });

  it("gives null with a reason for zero denominators and missing data, never 0", async () => {
    const v = await values(a.viewer, ["cac", "ctr", "nps", "customers_active", "email_open_rate"], {
      channel: "vk_ads",
    });
    expect(v.cac).toMatchObject({ value: null, reason: "ZERO_DENOMINATOR:deals_won" });
    expect(v.ctr.value).toBe("0.025");
    expect(v.nps).toMatchObject({ value: null, reason: "NO_DATA" });
    expect(v.customers_active).toMatchObject({ value: null, reason: "NO_DATA:customers_active" });
  });

  it("filters by channel and by campaign", async () => {
    const google = await values(a.viewer, ["spend", "cac", "romi"], { channel: "google_ads" });
    expect(google.spend.value).toBe("200000.5");
    expect(google.cac.value).toBe("40000.1");
    // Filter values are data, never SQL (the hot path splices escaped literals).
    const hostile = await values(a.viewer, ["spend"], {
      channel: "x' OR true --",
      campaign: "\\'; DROP TABLE metric_facts; --",
    });
    // Matches nothing: no data, which is not 0 (issue 15).
    expect(hostile.spend).toMatchObject({ value: null, reason: "NO_DATA:spend" });
    const brand = await values(a.viewer, ["spend", "revenue", "romi"], { campaign: "brand" });
    expect(brand.spend.value).toBe("100000");
    expect(brand.romi.value).toBe("0.5");
  });

  it("rejects unknown keys, from after to and ranges over 10 years", async () => {
    const unknown = await gql(db, a.viewer, VALUES, {
      id: a.workspace.id,
      keys: ["cac", "cac_typo"],
      from: "2026-03-01",
      to: "2026-03-31",
    });
    expect(errorCodes(unknown)).toEqual(["BAD_USER_INPUT"]);
    expect(unknown.errors![0].message).toContain("cac_typo");
    expect(unknown.errors![0].extensions!.fieldErrors).toMatchObject([
      { path: ["keys", 1], reason: "UNKNOWN_METRIC", message: "Unknown metric or measure “cac_typo”" },
    ]);
    const reversed = await gql(db, a.viewer, VALUES, {
      id: a.workspace.id,
      keys: ["cac"],
      from: "2026-03-31",
      to: "2026-03-01",
    });
    expect(errorCodes(reversed)).toEqual(["BAD_USER_INPUT"]);
    const long = await gql(db, a.viewer, VALUES, {
      id: a.workspace.id,
      keys: ["cac"],
      from: "2016-03-01",
      to: "2026-03-01",
    });
    expect(errorCodes(long)).toEqual(["BAD_USER_INPUT"]);
  });

  it("takes month edges in the workspace time zone (Moscow vs Los Angeles)", async () => {
    // 2026-03-31 21:30 UTC is already April 1st in Moscow but still March 31st in Los Angeles.
    const instant = new Date("2026-03-31T21:30:00Z");
    const moscow = currentPeriod("month", instant, "Europe/Moscow");
    const la = currentPeriod("month", instant, "America/Los_Angeles");
    if (!moscow.ok || !la.ok) throw new Error("period");
    expect([moscow.period.from, moscow.period.to]).toEqual(["2026-04-01", "2026-04-30"]);
    await ingestRows(db, {
      workspaceId: a.workspace.id,
      rows: [{ date: "2026-04-01", channel: "google_ads", campaign: "brand", measure: "spend", value: "10" }],
    });
    const inMoscow = await getMetricValues(db, {
      workspaceId: a.workspace.id,
      keys: ["spend"],
      from: moscow.period.from,
      to: moscow.period.to,
    });
    const inLa = await getMetricValues(db, {
      workspaceId: a.workspace.id,
      keys: ["spend"],
      from: la.period.from,
      to: la.period.to,
    });
    expect(inMoscow.current.values[0].value!.toString()).toBe("10");
    expect(inLa.current.values[0].value!.toString()).toBe("300000");
  });

  it("compares with the previous period and the same period last year", async () => {
    const r = await gql(
      db,
      a.viewer,
      `query($id: ID!) { workspace(id: $id) { metricComparison(keys: ["spend", "romi"], from: "2026-03-01", to: "2026-03-31") {
        key current { value } previousPeriod { from to value reason change relativeChange } lastYear { from to value relativeChange } } } }`,
      { id: a.workspace.id },
    );
    expect(r.errors).toBeUndefined();
    const [spend, romi] = r.data!.workspace.metricComparison;
    expect(spend.previousPeriod).toMatchObject({
      from: "2026-02-01",
      to: "2026-02-28",
      value: "1000",
      change: "299000",
      relativeChange: "299",
    });
    expect(spend.lastYear).toMatchObject({ from: "2025-03-01", to: "2025-03-31", value: "500", relativeChange: "599" });
    expect(romi.previousPeriod.value).toBe("2");
  });

  it("returns series by day, week and month, and breakdowns by channel and campaign", async () => {
    const r = await gql(
      db,
      a.viewer,
      `query($id: ID!) { workspace(id: $id) {
        days: metricSeries(key: "spend", from: "2026-03-01", to: "2026-03-03", grain: DAY) { unit points { from to value reason } }
        weeks: metricSeries(key: "ctr", from: "2026-03-01", to: "2026-03-10", grain: WEEK) { points { from to value reason } }
        months: metricSeries(key: "spend", from: "2026-02-15", to: "2026-03-31", grain: MONTH) { points { from to value } }
        byChannel: metricBreakdown(keys: ["spend", "romi"], from: "2026-03-01", to: "2026-03-31", by: CHANNEL) { channel campaign values { key value reason } }
        byCampaign: metricBreakdown(keys: ["spend"], from: "2026-03-01", to: "2026-03-31", by: CAMPAIGN, channel: "google_ads") { channel campaign values { value } }
      } }`,
      { id: a.workspace.id },
    );
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    const ws = r.data!.workspace;
    expect(ws.days.unit).toBe("MONEY");
    // The third day has no spend pushed: null, not 0 (issue 15).
    expect(ws.days.points.map((p: { value: string }) => p.value)).toEqual(["60000", "99999.5", null]);
    expect(ws.weeks.points).toEqual([
      { from: "2026-03-01", to: "2026-03-01", value: "0.03125", reason: null }, // Sunday: 2 500 / 80 000
      { from: "2026-03-02", to: "2026-03-08", value: "0.025", reason: null },
      { from: "2026-03-09", to: "2026-03-10", value: null, reason: "NO_DATA" },
    ]);
    expect(ws.months.points).toEqual([
      { from: "2026-02-15", to: "2026-02-28", value: "1000" },
      { from: "2026-03-01", to: "2026-03-31", value: "300000" },
    ]);
    const google = ws.byChannel.find((row: { channel: string }) => row.channel === "google_ads");
    expect(google.values).toEqual([
      { key: "spend", value: "200000.5", reason: null },
      { key: "romi", value: "0.249996875", reason: null }, // 49 999.5 / 200 000.5
    ]);
    expect(ws.byChannel.find((row: { channel: string }) => row.channel === "vk_ads").values[1]).toEqual({
      key: "romi",
      value: "-1",
      reason: null,
    });
    expect(
      ws.byCampaign.map((row: { campaign: string; values: { value: string }[] }) => [
        row.campaign,
        row.values[0].value,
      ]),
    ).toEqual([
      ["brand", "100000"],
      ["generic", "100000.5"],
    ]);
  });

  it("lists the catalog and reads settings", async () => {
    const r = await gql(
      db,
      a.viewer,
      `query($id: ID!) { workspace(id: $id) {
      metricCatalog { key kind nameEn nameRu formula unit class direction aggregation custom }
      metricSettings { ltvMethod grossMargin romiBasis engagementBasis } } }`,
      { id: a.workspace.id },
    );
    expect(r.errors).toBeUndefined();
    const cac = r.data!.workspace.metricCatalog.find((e: { key: string }) => e.key === "cac");
    expect(cac).toMatchObject({
      kind: "METRIC",
      unit: "MONEY",
      class: "RESULT",
      direction: "LOWER",
      custom: false,
      formula: "(spend + sales_cost) / deals_won",
    });
    expect(r.data!.workspace.metricCatalog.find((e: { key: string }) => e.key === "followers")).toMatchObject({
      kind: "MEASURE",
      aggregation: "STOCK_END",
    });
    expect(r.data!.workspace.metricSettings).toEqual({
      ltvMethod: "SUBSCRIPTION",
      grossMargin: "1",
      romiBasis: "REVENUE",
      engagementBasis: "REACH",
    });
  });

  it("lets an API key with READ read metrics; a key cannot read another workspace", async () => {
    const { viewer } = await createKey(db, { workspaceId: a.workspace.id, actorId: a.owner.id, scopes: ["READ"] });
    const mine = await gql(db, viewer, VALUES, {
      id: a.workspace.id,
      keys: ["cac"],
      from: "2026-03-01",
      to: "2026-03-31",
    });
    expect(mine.data!.workspace.metricValues[0].value).toBe("60000");
    const theirs = await gql(db, viewer, VALUES, {
      id: b.workspace.id,
      keys: ["spend"],
      from: "2026-03-01",
      to: "2026-03-31",
    });
    expect(theirs.data!.workspace).toBeNull();
  });

  it("hides another workspace's metrics from every read field (null, like a missing workspace)", async () => {
    const r = await gql(
      db,
      a.viewer,
      `query($id: ID!) { workspace(id: $id) {
        metricValues(keys: ["spend"], from: "2026-03-01", to: "2026-03-31") { value }
        metricComparison(keys: ["spend"], from: "2026-03-01", to: "2026-03-31") { key }
        metricSeries(key: "spend", from: "2026-03-01", to: "2026-03-31", grain: DAY) { key }
        metricBreakdown(keys: ["spend"], from: "2026-03-01", to: "2026-03-31", by: CHANNEL) { channel }
        metricCatalog { key } metricSettings { ltvMethod }
        validateMetricFormula(formula: "spend / leads") { valid } } }`,
      { id: b.workspace.id },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.workspace).toBeNull();
  });

  it("denies metrics to CLIENT_VIEWER (FORBIDDEN) and lets SALES read", async () => {
    const viewerMember = await addMember(db, a.workspace.id, "CLIENT_VIEWER");
    const denied = await gql(db, viewerMember.viewer, VALUES, {
      id: a.workspace.id,
      keys: ["cac"],
      from: "2026-03-01",
      to: "2026-03-31",
    });
    expect(errorCodes(denied)).toEqual(["FORBIDDEN"]);
    const sales = await addMember(db, a.workspace.id, "SALES");
    expect((await values(sales.viewer, ["cac"])).cac.value).toBe("60000");
  });
});
