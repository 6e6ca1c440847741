import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoData } from "@/lib/demo/load-demo-data";
import { Decimal } from "@/lib/metrics/decimal";
import { type UserViewer, createWorkspaceWithOwner } from "./factories";
import { type TestDatabase, openTestDatabase } from "./harness";
import { gqlAt } from "./scorecard-fixture";

/**
 * The demo company as an import (issue 11 item 7): its figures tell one story under the
 * time-normalised unit economics (LTV = average deal size × gross margin ÷ MONTHLY churn,
 * monthly churn = churned in the window ÷ active at its start ÷ (days ÷ 30.4375)), it is
 * scaled to the workspace's currency, it appears in the import history and the audit log,
 * and its rollback removes it — and its own targets — leaving a target the user set alone.
 */
let db: TestDatabase;
const END = "2026-11-30";
const NOW = new Date("2026-12-01T12:00:00Z");

async function gid(viewer: UserViewer, id: string) {
  return (await gqlAt(db, viewer, NOW, `query($id: ID!) { workspace(id: $id) { id } }`, { id })).data!.workspace
    .id as string;
}
async function ok(viewer: UserViewer, query: string, variables?: Record<string, unknown>) {
  const r = await gqlAt(db, viewer, NOW, query, variables);
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data as Record<string, any>;
}

/** The figures of a window straight from the base measures, by the formula above. */
async function unitEconomics(viewer: UserViewer, id: string, from: string, to: string) {
  const q = `query($id: ID!, $from: Date!, $to: Date!) { workspace(id: $id) {
    window: metricValues(keys: ["revenue", "deals_won", "spend", "sales_cost", "customers_churned", "leads"], from: $from, to: $to) { key value }
    start: metricValues(keys: ["customers_active"], from: $from, to: $from) { key value }
    margin: metricSettings { grossMargin }
    byChannel: metricBreakdown(keys: ["romi"], from: $from, to: $to, by: CHANNEL) { channel values { key value } }
  } }`;
  const ws = (await ok(viewer, q, { id, from, to })).workspace;
  const v = Object.fromEntries(
    ws.window.map((x: { key: string; value: string }) => [x.key, new Decimal(x.value)]),
  ) as Record<string, Decimal>;
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  const monthlyChurn = v.customers_churned.div(new Decimal(ws.start[0].value)).div(new Decimal(days).div("30.4375"));
  const ltv = v.revenue.div(v.deals_won).times(ws.margin.grossMargin).div(monthlyChurn);
  const cac = v.spend.plus(v.sales_cost).div(v.deals_won);
  const romi = Object.fromEntries(
    ws.byChannel.map((r: { channel: string; values: { value: string | null }[] }) => [
      r.channel,
      r.values[0].value === null ? null : Number(r.values[0].value),
    ]),
  );
  return {
    ltvToCac: ltv.div(cac).toNumber(),
    cac: cac.toNumber(),
    leadToDeal: v.deals_won.div(v.leads).toNumber(),
    romi,
  };
}

beforeAll(async () => {
  db = await openTestDatabase();
}, 300_000);
afterAll(async () => db?.close());

describe("demo data as an import", () => {
  let owner: UserViewer;
  let id: string;

  it("tells a coherent story: LTV:CAC between 3 and 6 overall, unprofitable channels, lead→deal near the 20 % gate", async () => {
    const created = await createWorkspaceWithOwner(db, { timeZone: "Europe/Moscow", currency: "RUB", locale: "en" });
    owner = created.viewer;
    id = await gid(owner, created.workspace.id);
    const loaded = await loadDemoData(db, {
      workspaceId: created.workspace.id,
      endDate: END,
      days: 400,
      actor: { kind: "user", userId: owner.userId },
    });
    expect(loaded.inserted).toBeGreaterThan(50_000);
    expect(loaded.targets).toBeGreaterThan(0);

    const year = await unitEconomics(owner, id, "2025-12-01", END);
    console.log("demo, last 12 months:", JSON.stringify(year));
    expect(year.ltvToCac).toBeGreaterThanOrEqual(3);
    expect(year.ltvToCac).toBeLessThanOrEqual(6);
    expect(year.leadToDeal).toBeGreaterThan(0.17);
    expect(year.leadToDeal).toBeLessThan(0.25);
    expect(year.romi.vk_ads).toBeLessThan(0);
    expect(year.romi.telegram).toBeLessThan(0);
    expect(year.romi.google_ads).toBeGreaterThan(0);
    // The verdict holds through a month and a quarter too.
    for (const [from, to] of [
      ["2026-11-01", END],
      ["2026-09-01", END],
    ]) {
      const w = await unitEconomics(owner, id, from, to);
      expect(w.ltvToCac, `${from}..${to}`).toBeGreaterThanOrEqual(3);
      expect(w.ltvToCac, `${from}..${to}`).toBeLessThanOrEqual(6);
    }
  }, 300_000);

  it("appears in the import history and the audit log, and rolls back leaving the user's target", async () => {
    // A small demo of its own (rolling back removes every fact it wrote, so keep it short).
    const created = await createWorkspaceWithOwner(db, { timeZone: "Europe/Moscow", currency: "RUB", locale: "en" });
    owner = created.viewer;
    id = await gid(owner, created.workspace.id);
    // A target the user set before loading the demo.
    const kpis = (await ok(owner, `query($id: ID!) { workspace(id: $id) { kpis { id key } } }`, { id })).workspace
      .kpis as { id: string; key: string }[];
    await ok(
      owner,
      `mutation($k: ID!) { setKpiTarget(kpiId: $k, period: { type: MONTH, anchor: "2026-11-01" }, value: "12345000") { target } }`,
      { k: kpis.find((k) => k.key === "company.revenue")!.id },
    );
    const loaded = await loadDemoData(db, {
      workspaceId: created.workspace.id,
      endDate: END,
      days: 21,
      actor: { kind: "user", userId: owner.userId },
    });
    expect(loaded.targets).toBeGreaterThan(0);

    const history = await ok(
      owner,
      `query($id: ID!) { workspace(id: $id) { imports(first: 5) { edges { node { id fileName status source } } } } }`,
      { id },
    );
    const demo = history.workspace.imports.edges
      .map((e: { node: Record<string, unknown> }) => e.node)
      .find((n: { source: string }) => n.source === "DEMO");
    expect(demo).toMatchObject({ fileName: "demo-data", status: "COMMITTED" });
    const audit = await ok(
      owner,
      `query($id: ID!) { workspace(id: $id) { auditEvents(first: 10) { edges { node { action targetType } } } } }`,
      { id },
    );
    expect(audit.workspace.auditEvents.edges.map((e: { node: { action: string } }) => e.node.action)).toContain(
      "demo.loaded",
    );

    const CARD = `query($id: ID!) { workspace(id: $id) { scorecard(role: OWNER, period: { type: MONTH, anchor: "2026-11-01" }) { kpis { key target actual } } } }`;
    const before = (await ok(owner, CARD, { id })).workspace.scorecard.kpis as {
      key: string;
      target: string | null;
      actual: string | null;
    }[];
    expect(before.find((k) => k.key === "company.revenue")!.target).toBe("12345000");
    expect(before.find((k) => k.key === "company.cac")!.target).not.toBeNull();

    const rolled = await ok(owner, `mutation($i: ID!) { rollbackImport(id: $i) { status } }`, { i: demo.id });
    expect(rolled.rollbackImport.status).toBe("ROLLED_BACK");
    const after = (await ok(owner, CARD, { id })).workspace.scorecard.kpis as typeof before;
    expect(after.find((k) => k.key === "company.revenue")).toMatchObject({ target: "12345000", actual: null });
    // The demo's own targets are withdrawn with its data.
    expect(after.find((k) => k.key === "company.cac")!.target).toBeNull();
    const actions = (
      await ok(
        owner,
        `query($id: ID!) { workspace(id: $id) { auditEvents(first: 3) { edges { node { action } } } } }`,
        { id },
      )
    ).workspace.auditEvents.edges.map((e: { node: { action: string } }) => e.node.action);
    expect(actions).toContain("import.rolledBack");
  }, 300_000);

  it("is scaled to the workspace currency: no 80 000 CAC in a USD workspace", async () => {
    const created = await createWorkspaceWithOwner(db, { timeZone: "America/New_York", currency: "USD", locale: "en" });
    const usd = await gid(created.viewer, created.workspace.id);
    await loadDemoData(db, { workspaceId: created.workspace.id, endDate: END, days: 60, targets: false });
    const month = await unitEconomics(created.viewer, usd, "2026-11-01", END);
    // About 68 000 ₽ ÷ 90 ≈ $760.
    expect(month.cac).toBeGreaterThan(300);
    expect(month.cac).toBeLessThan(2000);
  }, 300_000);
});
