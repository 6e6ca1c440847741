import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type UserViewer, createWorkspaceWithOwner } from "./factories";
import { type TestDatabase, openTestDatabase } from "./harness";
import { APRIL_1, APRIL_15, APRIL_30, APRIL_ROWS, gqlAt, ingest } from "./scorecard-fixture";

/**
 * Golden scorecards over a hand-checkable fixture (see scorecard-fixture.ts), through GraphQL
 * against a real database, with "now" pinned for pacing.
 */
let db: TestDatabase;
let owner: UserViewer;
let workspaceId: string;
let wsGlobalId: string;
const kpiIds = new Map<string, string>();

const SCORECARD = /* GraphQL */ `
  query Scorecard($id: ID!, $role: WorkspaceRole!, $period: PeriodInput) {
    workspace(id: $id) {
      scorecard(role: $role, period: $period) {
        role
        owner
        asOf
        elapsedShare
        score
        period {
          type
          from
          to
          label
          days
        }
        statusCounts {
          onTrack
          atRisk
          offTrack
          noData
        }
        kpis {
          key
          metricKey
          channelScope
          actual
          actualReason
          target
          targetSource
          attainment
          attainmentToDate
          expectedToDate
          forecast
          variance
          varianceToDate
          status
          trend
          trendDirection
          previousToDateValue
          previousValue
          lastYearValue
          gateFailed
          gate {
            metricKey
            comparator
            threshold
            actual
            state
          }
          series {
            date
            value
          }
          drives {
            key
            metricKey
          }
          diagnostics {
            metricKey
            value
            previousValue
            trend
          }
        }
        companyTargets {
          key
          actual
          target
          status
        }
        healthChecks {
          code
          severity
          owner
          kpiKeys
          message
          messageRu
          messageEn
          rule
        }
      }
    }
  }
`;

async function scorecard(role: string, now: Date, period?: Record<string, unknown>) {
  const result = await gqlAt(db, owner, now, SCORECARD, { id: wsGlobalId, role, period });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.workspace.scorecard;
}

const kpiOf = (card: { kpis: { key: string }[] }, key: string) =>
  card.kpis.find((k) => k.key === key) as Record<string, any>;

async function setTarget(key: string, value: string | null, anchor = "2026-04-01") {
  const result = await gqlAt(
    db,
    owner,
    APRIL_15,
    `mutation($kpiId: ID!, $period: PeriodInput!, $value: Decimal) { setKpiTarget(kpiId: $kpiId, period: $period, value: $value) { target period { label } } }`,
    {
      kpiId: kpiIds.get(key),
      period: { type: "MONTH", anchor },
      value,
    },
  );
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.setKpiTarget;
}

beforeAll(async () => {
  db = await openTestDatabase();
  const created = await createWorkspaceWithOwner(db, { timeZone: "Europe/Moscow", locale: "en" });
  owner = created.viewer;
  workspaceId = created.workspace.id;
  const ws = await gqlAt(db, owner, APRIL_15, `query($id: ID!) { workspace(id: $id) { id kpis { id key } } }`, {
    id: workspaceId,
  });
  wsGlobalId = ws.data!.workspace.id;
  for (const k of ws.data!.workspace.kpis) kpiIds.set(k.key, k.id);
  await ingest(db, workspaceId, APRIL_ROWS);
  await setTarget("performance.qualified_leads", "200");
  await setTarget("performance.cost_per_qualified_lead", "2000");
  await setTarget("performance.paid_romi", "2");
  await setTarget("performance.lead_to_deal_conversion", "0.25");
  await setTarget("company.revenue", "2000000");
  await setTarget("company.cac", "4000");
}, 300_000);
afterAll(async () => db?.close());

describe("default templates", () => {
  it("creates the SPEC §5 KPI tree with every new workspace", () => {
    expect(kpiIds.size).toBe(25);
    for (const key of [
      "company.revenue",
      "cmo.pipeline_value",
      "performance.qualified_leads",
      "smm.engagement_rate",
      "content.branded_traffic_growth",
      "sales.cac",
    ]) {
      expect(kpiIds.has(key), key).toBe(true);
    }
  });
});

describe("golden PERFORMANCE scorecard, April 2026, now = the 15th (elapsed 15/30 = 0.5)", () => {
  it("computes every figure as written out", async () => {
    const card = await scorecard("PERFORMANCE", APRIL_15);
    expect(card.period).toEqual({ type: "MONTH", from: "2026-04-01", to: "2026-04-30", label: "2026-04", days: 30 });
    expect(card.asOf).toBe("2026-04-15");
    expect(card.elapsedShare).toBe("0.5");
    expect(card.kpis.map((k: { key: string }) => k.key)).toEqual([
      "performance.qualified_leads",
      "performance.cost_per_qualified_lead",
      "performance.paid_romi",
      "performance.lead_to_deal_conversion",
    ]);

    // Qualified leads: a flow. actual 10 + 70 + 40 = 120; expected to date 200 × 0.5 = 100;
    // attainment to date 120 / 100 = 1.2 (ON_TRACK); period attainment 120 / 200 = 0.6;
    // forecast 120 / 0.5 = 240; variance 120 − 200 = −80, to date +20.
    // Trend vs March 1–15 (60): (120 − 60) / 60 = 1. Whole March 90; April 2025: 50.
    const ql = kpiOf(card, "performance.qualified_leads");
    expect(ql).toMatchObject({
      actual: "120",
      target: "200",
      targetSource: "MANUAL",
      expectedToDate: "100",
      attainmentToDate: "1.2",
      attainment: "0.6",
      forecast: "240",
      variance: "-80",
      varianceToDate: "20",
      status: "ON_TRACK",
      trend: "1",
      trendDirection: "IMPROVING",
      previousToDateValue: "60",
      previousValue: "90",
      lastYearValue: "50",
      gateFailed: false,
      drives: { key: "company.revenue", metricKey: "revenue" },
    });
    // Gate: lead→deal = 100 / 400 = 0.25 ≥ 0.2.
    expect(ql.gate).toEqual({
      metricKey: "lead_to_deal_conversion",
      comparator: "GTE",
      threshold: "0.2",
      actual: "0.25",
      state: "PASSED",
    });
    // Sparkline: 15 days; qualified leads on the 1st (10), 3rd (70) and 12th (40); 0 on days
    // with other facts (5th, 10th); null on days without any data.
    expect(ql.series).toHaveLength(15);
    expect(ql.series.filter((p: { value: string | null }) => p.value !== null)).toEqual([
      { date: "2026-04-01", value: "10" },
      { date: "2026-04-03", value: "70" },
      { date: "2026-04-05", value: "0" },
      { date: "2026-04-10", value: "0" },
      { date: "2026-04-12", value: "40" },
    ]);
    // Diagnostics: CTR 3 000 / 100 000 = 0.03; landing conversion 400 / 2 000 = 0.2; bounce rate 500 / 2 000 = 0.25.
    expect(ql.diagnostics.map((d: { metricKey: string; value: string }) => [d.metricKey, d.value])).toEqual([
      ["ctr", "0.03"],
      ["landing_conversion", "0.2"],
      ["bounce_rate", "0.25"],
    ]);

    // Cost per qualified lead, lower is better: 300 000 / 120 = 2 500 vs target 2 000 →
    // attainment 2 000 / 2 500 = 0.8 < 0.9 → OFF_TRACK. A ratio: expected = target, forecast = actual.
    expect(kpiOf(card, "performance.cost_per_qualified_lead")).toMatchObject({
      actual: "2500",
      target: "2000",
      attainment: "0.8",
      attainmentToDate: "0.8",
      expectedToDate: "2000",
      forecast: "2500",
      status: "OFF_TRACK",
    });
    // Paid ROMI (google_ads is "paid"): (1 000 000 − 300 000) / 300 000 = 7/3 → attainment 7/6.
    expect(kpiOf(card, "performance.paid_romi")).toMatchObject({
      channelScope: "paid",
      actual: "2.3333333333",
      target: "2",
      attainmentToDate: "1.1666666667",
      status: "ON_TRACK",
      drives: { key: "company.romi" },
    });
    // Lead→deal 100 / 400 = 0.25 = target → 1, ON_TRACK.
    expect(kpiOf(card, "performance.lead_to_deal_conversion")).toMatchObject({
      actual: "0.25",
      attainmentToDate: "1",
      status: "ON_TRACK",
    });

    // Score: (1.2 + 0.8 + 7/6 + 1) / 4 = 25/24.
    expect(card.score).toBe("1.0416666667");
    expect(card.statusCounts).toEqual({ onTrack: 3, atRisk: 0, offTrack: 1, noData: 0 });
    // Company targets driven: revenue (1 000 000 vs 2 000 000 × 0.5 → ON_TRACK), CAC, ROMI.
    expect(card.companyTargets.map((c: { key: string }) => c.key).sort()).toEqual([
      "company.cac",
      "company.revenue",
      "company.romi",
    ]);
    expect(card.companyTargets.find((c: { key: string }) => c.key === "company.revenue")).toMatchObject({
      actual: "1000000",
      target: "2000000",
      status: "ON_TRACK",
    });
  });

  it("shows the company view for OWNER with lower-is-better CAC and the standing LTV:CAC target", async () => {
    const card = await scorecard("OWNER", APRIL_15);
    expect(card.owner).toBe("COMPANY");
    // CAC (spend + sales cost) / deals = 300 000 / 100 = 3 000 vs target 4 000 → 4 000 / 3 000.
    expect(kpiOf(card, "company.cac")).toMatchObject({
      actual: "3000",
      target: "4000",
      attainmentToDate: "1.3333333333",
      status: "ON_TRACK",
    });
    expect(kpiOf(card, "company.ltv_to_cac")).toMatchObject({ target: "3", targetSource: "DEFAULT" });
    // Data but no target set for new customers: NO_TARGET, not NO_DATA (SPEC §5).
    expect(kpiOf(card, "company.new_customers")).toMatchObject({ actual: "100", target: null, status: "NO_TARGET" });
  });

  it("derives the CMO pipeline target as 3 × the revenue target", async () => {
    const card = await scorecard("CMO", APRIL_15);
    expect(kpiOf(card, "cmo.pipeline_value")).toMatchObject({ target: "6000000", targetSource: "DERIVED" });
  });
});

describe("pacing with an injected now", () => {
  it("on the 1st: elapsed 1/30", async () => {
    const ql = kpiOf(await scorecard("PERFORMANCE", APRIL_1), "performance.qualified_leads");
    // actual 10; expected 200 / 30; attainment to date 10 / (200/30) = 1.5; forecast 10 × 30 = 300.
    expect(ql).toMatchObject({
      actual: "10",
      expectedToDate: "6.6666666667",
      attainmentToDate: "1.5",
      forecast: "300",
      status: "ON_TRACK",
    });
    expect(ql.series).toEqual([{ date: "2026-04-01", value: "10" }]);
  });

  it("on the last day: elapsed 1, expected = target, forecast = actual", async () => {
    const card = await scorecard("PERFORMANCE", APRIL_30);
    expect(card.elapsedShare).toBe("1");
    expect(kpiOf(card, "performance.qualified_leads")).toMatchObject({
      actual: "120",
      expectedToDate: "200",
      attainmentToDate: "0.6",
      forecast: "120",
      status: "OFF_TRACK",
      previousToDateValue: "90",
    });
  });

  it("in a quarter: Q2 on 15 April is 15/91 elapsed", async () => {
    const card = await scorecard("PERFORMANCE", APRIL_15, { type: "QUARTER" });
    expect(card.period).toMatchObject({ type: "QUARTER", from: "2026-04-01", to: "2026-06-30", days: 91 });
    expect(card.elapsedShare).toBe("0.1648351648");
    // Monthly targets do not apply to a quarter: data but no target → NO_TARGET.
    expect(kpiOf(card, "performance.qualified_leads")).toMatchObject({
      actual: "120",
      target: null,
      status: "NO_TARGET",
    });
  });
});

describe("no data", () => {
  it("a period without facts is NO_DATA everywhere", async () => {
    const card = await scorecard("PERFORMANCE", APRIL_15, { type: "MONTH", anchor: "2025-06-10" });
    expect(
      card.kpis.every((k: { status: string; actual: string | null }) => k.status === "NO_DATA" && k.actual === null),
    ).toBe(true);
    expect(card.score).toBeNull();
    expect(card.healthChecks.some((h: { code: string }) => h.code === "KPI_NO_DATA")).toBe(true);
  });
});

describe("target history", () => {
  it("keeps the earlier value on record when a target changes mid-period", async () => {
    await setTarget("performance.lead_to_deal_conversion", "0.3");
    const result = await gqlAt(
      db,
      owner,
      APRIL_15,
      `query($id: ID!, $p: PeriodInput) { node(id: $id) { ... on Kpi { key target(period: $p) { value source } targetHistory(period: $p) { value source periodFrom periodTo } } } }`,
      {
        id: kpiIds.get("performance.lead_to_deal_conversion"),
        p: { type: "MONTH", anchor: "2026-04-20" },
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.node.target).toEqual({ value: "0.3", source: "MANUAL" });
    expect(result.data!.node.targetHistory).toEqual([
      { value: "0.3", source: "MANUAL", periodFrom: "2026-04-01", periodTo: "2026-04-30" },
      { value: "0.25", source: "MANUAL", periodFrom: "2026-04-01", periodTo: "2026-04-30" },
    ]);
    const card = await scorecard("PERFORMANCE", APRIL_15);
    // 0.25 / 0.3 = 0.8333333333 → OFF_TRACK (below 0.9).
    expect(kpiOf(card, "performance.lead_to_deal_conversion")).toMatchObject({
      target: "0.3",
      attainmentToDate: "0.8333333333",
      status: "OFF_TRACK",
    });
    await setTarget("performance.lead_to_deal_conversion", "0.25");
  });
  it("a KPI list reads every KPI's own target and history (one read per list, not per KPI)", async () => {
    await setTarget("performance.lead_to_deal_conversion", "0.3");
    const p = { type: "MONTH", anchor: "2026-04-20" };
    const list = await gqlAt(
      db,
      owner,
      APRIL_15,
      `query($id: ID!, $p: PeriodInput) { workspace(id: $id) { kpis { id key target(period: $p) { value source } targetHistory(period: $p) { value periodFrom } } } }`,
      { id: workspaceId, p },
    );
    expect(list.errors).toBeUndefined();
    const kpis = list.data!.workspace.kpis as { id: string; key: string; target: unknown; targetHistory: unknown }[];
    expect(kpis.length).toBeGreaterThan(3);
    // Each KPI's list entry equals what the KPI alone returns.
    for (const k of kpis) {
      const one = await gqlAt(
        db,
        owner,
        APRIL_15,
        `query($id: ID!, $p: PeriodInput) { node(id: $id) { ... on Kpi { target(period: $p) { value source } targetHistory(period: $p) { value periodFrom } } } }`,
        { id: k.id, p },
      );
      expect({ key: k.key, target: k.target, history: k.targetHistory }).toEqual({
        key: k.key,
        target: one.data!.node.target,
        history: one.data!.node.targetHistory,
      });
    }
    const ltd = kpis.find((k) => k.key === "performance.lead_to_deal_conversion")!;
    expect((ltd.targetHistory as unknown[]).slice(0, 2)).toEqual([
      { value: "0.3", periodFrom: "2026-04-01" },
      { value: "0.25", periodFrom: "2026-04-01" },
    ]);
    expect(kpis.filter((k) => (k.targetHistory as unknown[]).length > 0).length).toBeGreaterThan(1);
    await setTarget("performance.lead_to_deal_conversion", "0.25");
  });

  it("a read after a write in the same document sees the write", async () => {
    const id = kpiIds.get("performance.lead_to_deal_conversion");
    const doc = `mutation($id: ID!, $p: PeriodInput!) {
      a: setKpiTarget(kpiId: $id, period: $p, value: "0.4") { kpi { target(period: $p) { value } targetHistory(period: $p) { value } } }
      b: setKpiTarget(kpiId: $id, period: $p, value: "0.25") { kpi { target(period: $p) { value } targetHistory(period: $p) { value } } }
    }`;
    const result = await gqlAt(db, owner, APRIL_15, doc, { id, p: { type: "MONTH", anchor: "2026-04-01" } });
    expect(result.errors).toBeUndefined();
    expect(result.data!.a.kpi.target).toEqual({ value: "0.4" });
    expect(result.data!.b.kpi.target).toEqual({ value: "0.25" });
    expect(result.data!.b.kpi.targetHistory.slice(0, 2)).toEqual([{ value: "0.25" }, { value: "0.4" }]);
  });
});

describe("quality gate", () => {
  it("flips the qualified-leads KPI to 0 when lead→deal falls below 20%", async () => {
    // 200 more leads on the 14th: lead→deal = 100 / 600 = 0.1666666667 < 0.2.
    await ingest(db, workspaceId, [
      { date: "2026-04-14", channel: "google_ads", campaign: "search", measure: "leads", value: "200" },
    ]);
    const card = await scorecard("PERFORMANCE", APRIL_15);
    const ql = kpiOf(card, "performance.qualified_leads");
    expect(ql.gate).toMatchObject({ actual: "0.1666666667", state: "FAILED" });
    expect(ql).toMatchObject({ actual: "120", attainmentToDate: "0", gateFailed: true, status: "OFF_TRACK" });
    // Quantity trap: leads up (600 vs 0 in March 1–15? no March leads → no trend) — the gate is what bites here.
    await ingest(db, workspaceId, [
      { date: "2026-04-14", channel: "google_ads", campaign: "search", measure: "leads", value: "0" },
    ]);
    const back = kpiOf(await scorecard("PERFORMANCE", APRIL_15), "performance.qualified_leads");
    expect(back).toMatchObject({ gateFailed: false, attainmentToDate: "1.2" });
  });
});

describe("kpiTree and healthChecks", () => {
  it("runs from the company targets down to diagnostics with status and variance", async () => {
    const result = await gqlAt(
      db,
      owner,
      APRIL_15,
      `query($id: ID!) { workspace(id: $id) { kpiTree { roots { key status variance children { key kind owner status variance children { key kind } } } detached { key } } } }`,
      { id: wsGlobalId },
    );
    expect(result.errors).toBeUndefined();
    const tree = result.data!.workspace.kpiTree;
    expect(tree.roots.map((r: { key: string }) => r.key)).toEqual([
      "company.revenue",
      "company.cac",
      "company.ltv_to_cac",
      "company.romi",
    ]);
    const revenue = tree.roots[0];
    expect(revenue).toMatchObject({ status: "ON_TRACK", variance: "-1000000" });
    const ql = revenue.children.find((c: { key: string }) => c.key === "performance.qualified_leads");
    expect(ql).toMatchObject({ kind: "KPI", owner: "PERFORMANCE", status: "ON_TRACK", variance: "-80" });
    expect(ql.children.map((c: { key: string }) => c.key)).toEqual([
      "performance.qualified_leads/ctr",
      "performance.qualified_leads/landing_conversion",
      "performance.qualified_leads/bounce_rate",
    ]);
    expect(tree.detached).toEqual([]);
  });

  it("returns findings with codes, ru/en messages and the rule", async () => {
    const result = await gqlAt(
      db,
      owner,
      APRIL_15,
      `query($id: ID!) { workspace(id: $id) { healthChecks { code severity owner kpiKeys message messageRu messageEn rule ruleRu } } }`,
      { id: wsGlobalId },
    );
    expect(result.errors).toBeUndefined();
    const findings = result.data!.workspace.healthChecks;
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(f.messageRu.length).toBeGreaterThan(0);
      expect(f.messageEn).toBe(f.message);
      expect(f.rule.length).toBeGreaterThan(0);
    }
  });
});

describe("a quarter's targets from its months", () => {
  it("sums the monthly targets of flow KPIs (SUM), never of ratios; follows a changed or removed month", async () => {
    await setTarget("company.revenue", "3000000", "2026-04-01");
    await setTarget("company.revenue", "3500000", "2026-05-01");
    await setTarget("company.revenue", "4000000", "2026-06-01");
    await setTarget("company.cac", "20000", "2026-04-01");
    await setTarget("company.cac", "20000", "2026-05-01");
    await setTarget("company.cac", "20000", "2026-06-01");
    const quarter = { type: "QUARTER", anchor: "2026-04-01" };
    const card = await scorecard("OWNER", APRIL_15, quarter);
    expect(kpiOf(card, "company.revenue")).toMatchObject({ target: "10500000", targetSource: "SUM" });
    expect(kpiOf(card, "company.cac").targetSource).not.toBe("SUM");
    const viaKpi = await gqlAt(
      db,
      owner,
      APRIL_15,
      `query($id: ID!, $p: PeriodInput) { node(id: $id) { ... on Kpi { target(period: $p) { value source } } } }`,
      {
        id: kpiIds.get("company.revenue"),
        p: quarter,
      },
    );
    expect(viaKpi.errors, JSON.stringify(viaKpi.errors)).toBeUndefined();
    expect(viaKpi.data!.node.target).toEqual({ value: "10500000", source: "SUM" });

    await setTarget("company.revenue", "5000000", "2026-06-01");
    expect(kpiOf(await scorecard("OWNER", APRIL_15, quarter), "company.revenue")).toMatchObject({
      target: "11500000",
      targetSource: "SUM",
    });
    // A removed month leaves the quarter without a sum (the standing default, if any, applies).
    await setTarget("company.revenue", null, "2026-05-01");
    expect(kpiOf(await scorecard("OWNER", APRIL_15, quarter), "company.revenue").targetSource).not.toBe("SUM");
  });
});
