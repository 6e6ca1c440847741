import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestRows } from "@/lib/ingestion/ingest-rows";
import type { MetricRowInput } from "@/lib/ingestion/validate-metric-rows";
import { addDays } from "@/lib/periods/local-date";
import { type WorkspaceWithOwner, createWorkspaceWithOwner } from "./factories";
import { type TestDatabase, openTestDatabase } from "./harness";
import { gqlAt } from "./scorecard-fixture";

/**
 * Issue 11 "Numbers you can trust", end to end over GraphQL on the real database:
 * - SPEC §4.2 "Comparisons": for any data, the change the company scorecard shows for a KPI is
 *   the change the metric page and the marketing–sales view show (both read metricComparison);
 * - SPEC §4.2 "Time-normalised unit economics": the steady business of the issue gives the same
 *   LTV, LTV:CAC and payback by week, month, quarter, year and month to date;
 * - SPEC §5: NO_TARGET is a status of its own, counted apart from NO_DATA.
 */

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
}, 300_000);
afterAll(async () => db?.close());

const CHANGE = "kind value verdict";
const SCORECARD = `query($id: ID!, $p: PeriodInput) { workspace(id: $id) { scorecard(role: OWNER, period: $p) {
  statusCounts { onTrack atRisk offTrack noData noTarget }
  kpis { key metricKey status actual change { ${CHANGE} } lastYearChange { ${CHANGE} } }
} } }`;
const COMPARISON = `query($id: ID!, $from: Date!, $to: Date!, $keys: [String!]!) { workspace(id: $id) {
  metricComparison(from: $from, to: $to, keys: $keys) { key from to complete current { value reason }
    previousPeriod { from to shownChange { ${CHANGE} } } lastYear { from to shownChange { ${CHANGE} } } }
} }`;
const VALUES = `query($id: ID!, $from: Date!, $to: Date!, $keys: [String!]!) { workspace(id: $id) { metricValues(keys: $keys, from: $from, to: $to) { key value reason } } }`;

/** Noon in Moscow (the default zone of signUp is not assumed: the test reads the workspace's). */
const at = (date: string) => new Date(`${date}T09:00:00Z`);

describe("one comparison rule (property, for any data)", () => {
  const day = fc.record({
    spend: fc.integer({ min: 0, max: 50_000 }),
    sales_cost: fc.integer({ min: 0, max: 10_000 }),
    deals_won: fc.integer({ min: 0, max: 5 }),
    revenue: fc.integer({ min: 0, max: 200_000 }),
    leads: fc.integer({ min: 0, max: 80 }),
  });
  // Sparse random days in the previous month, this month and the same month last year — always
  // with April 1st, so every run has figures to compare (a run whose April days all fell after
  // "today" compared nothing, and the count below then failed by chance).
  const facts = fc
    .tuple(
      day,
      fc.uniqueArray(fc.tuple(fc.constantFrom("2025-04", "2026-03", "2026-04"), fc.integer({ min: 1, max: 30 }), day), {
        minLength: 3,
        maxLength: 25,
        selector: ([month, d]) => `${month}-${d}`,
      }),
    )
    .map(([first, rest]) => [
      ["2026-04", 1, first] as (typeof rest)[number],
      ...rest.filter(([month, d]) => !(month === "2026-04" && d === 1)),
    ]);

  // One fresh workspace per run, created up front (sign-up is slow on a loaded machine).
  const RUNS = 5;
  const workspaces: WorkspaceWithOwner[] = [];
  beforeAll(async () => {
    for (let i = 0; i < RUNS; i++) workspaces.push(await createWorkspaceWithOwner(db));
  }, 300_000);

  it("the scorecard's change equals metricComparison's (metric page, sales view, API) for every company KPI", async () => {
    let compared = 0;
    let run = 0;
    let visited = 0;
    await fc.assert(
      fc.asyncProperty(facts, fc.integer({ min: 1, max: 30 }), async (days, todayDay) => {
        const ws = workspaces[run++];
        const rows: MetricRowInput[] = days.flatMap(([month, d, values]) =>
          Object.entries(values).map(([measure, value]) => ({
            date: `${month}-${String(d).padStart(2, "0")}`,
            channel: "google_ads",
            measure,
            value: String(value),
          })),
        );
        await ingestRows(db, { workspaceId: ws.workspace.id, rows, maxDate: "2030-12-31" });
        const today = `2026-04-${String(todayDay).padStart(2, "0")}`;
        const now = at(today);
        const card = await gqlAt(db, ws.viewer, now, SCORECARD, {
          id: ws.workspace.id,
          p: { type: "MONTH", anchor: today },
        });
        expect(card.errors).toBeUndefined();
        const kpis = card.data!.workspace.scorecard.kpis as {
          key: string;
          metricKey: string;
          actual: string | null;
          change: unknown;
          lastYearChange: unknown;
        }[];
        const keys = kpis.map((k) => k.metricKey);
        const cmp = await gqlAt(db, ws.viewer, now, COMPARISON, {
          id: ws.workspace.id,
          from: "2026-04-01",
          to: "2026-04-30",
          keys,
        });
        expect(cmp.errors).toBeUndefined();
        const byKey = new Map(
          (cmp.data!.workspace.metricComparison as { key: string }[]).map((c) => [c.key, c as Record<string, any>]),
        );
        for (const kpi of kpis) {
          const c = byKey.get(kpi.metricKey)!;
          // The window read is April 1st to today; the comparison windows have as many days.
          expect(c).toMatchObject({ from: "2026-04-01", to: today, complete: todayDay === 30 });
          expect(c.previousPeriod.from).toBe("2026-03-01");
          // On April 30th the month is complete: whole April against the whole of March (SPEC §4.2).
          expect(c.previousPeriod.to).toBe(todayDay === 30 ? "2026-03-31" : addDays("2026-03-01", todayDay - 1));
          expect(c.lastYear.to).toBe(`2025-04-${String(todayDay).padStart(2, "0")}`);
          if (kpi.actual === null) {
            // No fact at all in the window: the scorecard says "no data", the API's flow sum is 0 —
            // both say nothing happened, and neither shows a change the other contradicts.
            expect(c.current.value === null || Number(c.current.value) === 0, kpi.key).toBe(true);
            expect(kpi.change).toBeNull();
            visited++;
            continue;
          }
          expect(c.current.value, kpi.key).toBe(kpi.actual);
          expect(c.previousPeriod.shownChange, `${kpi.key} vs previous`).toEqual(kpi.change);
          expect(c.lastYear.shownChange, `${kpi.key} vs last year`).toEqual(kpi.lastYearChange);
          compared++;
          visited++;
        }
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(visited).toBeGreaterThanOrEqual(RUNS * 5);
    expect(compared).toBeGreaterThan(RUNS);
  }, 600_000);
});

describe("golden", () => {
  let ws: WorkspaceWithOwner;
  beforeAll(async () => {
    ws = await createWorkspaceWithOwner(db);
    // The steady subscription business, every day of 2026: 2 deals of 1 500, 1 of 240
    // active customers churned, 1 200 spend + sales cost.
    const rows: MetricRowInput[] = [];
    for (let date = "2026-01-01"; date <= "2026-12-31"; date = addDays(date, 1)) {
      const put = (measure: string, value: string) => rows.push({ date, channel: "crm", measure, value });
      put("deals_won", "2");
      put("revenue", "3000");
      put("customers_churned", "1");
      put("customers_active", "240");
      put("spend", "900");
      put("sales_cost", "300");
    }
    await ingestRows(db, { workspaceId: ws.workspace.id, rows, maxDate: "2030-12-31" });
  }, 300_000);

  it("the steady business: LTV = 1 500 × 240 / 30.4375 and the same LTV:CAC and payback through any window", async () => {
    const now = at("2026-12-06");
    const windows = [
      ["2026-11-02", "2026-11-08"], // a week
      ["2026-11-01", "2026-11-30"], // a month
      ["2026-02-01", "2026-02-28"], // February
      ["2026-07-01", "2026-09-30"], // a quarter
      ["2026-01-01", "2026-12-31"], // the year, to date on 6 December
      ["2026-12-01", "2026-12-31"], // the month to date
    ];
    const seen = new Set<string>();
    for (const [from, to] of windows) {
      const r = await gqlAt(db, ws.viewer, now, VALUES, {
        id: ws.workspace.id,
        from,
        to,
        keys: ["ltv", "ltv_to_cac", "payback_months", "churn_rate"],
      });
      expect(r.errors).toBeUndefined();
      const [ltv, ratio, payback] = r.data!.workspace.metricValues as { value: string }[];
      expect(ltv.value, `${from}…${to}`).toBe("11827.5154004107"); // 1 500 × 240 / 30.4375
      expect(ratio.value).toBe("19.7125256674");
      expect(payback.value).toBe("1.5770020534"); // 600 / (3 000 × 30.4375 / 240)
      seen.add(`${ltv.value}|${ratio.value}|${payback.value}`);
    }
    expect(seen.size).toBe(1);
  });

  it("NO_TARGET (data, no target) is distinct from NO_DATA (no data) and counted apart", async () => {
    const card = await gqlAt(db, ws.viewer, at("2026-12-06"), SCORECARD, {
      id: ws.workspace.id,
      p: { type: "MONTH", anchor: "2026-12-06" },
    });
    expect(card.errors).toBeUndefined();
    const { kpis, statusCounts } = card.data!.workspace.scorecard;
    const status = (metricKey: string) => kpis.find((k: { metricKey: string }) => k.metricKey === metricKey).status;
    // New customers have data and no target; ROMI (no revenue target needed) has its default target.
    expect(status("deals_won")).toBe("NO_TARGET");
    expect(statusCounts.noTarget).toBe(kpis.filter((k: { status: string }) => k.status === "NO_TARGET").length);
    expect(statusCounts.noTarget).toBeGreaterThan(0);
    expect(statusCounts.noData).toBe(kpis.filter((k: { status: string }) => k.status === "NO_DATA").length);
    // A month without facts: NO_DATA, never NO_TARGET.
    const empty = await gqlAt(db, ws.viewer, at("2026-12-06"), SCORECARD, {
      id: ws.workspace.id,
      p: { type: "MONTH", anchor: "2025-06-10" },
    });
    expect(empty.data!.workspace.scorecard.statusCounts).toMatchObject({
      noTarget: 0,
      noData: empty.data!.workspace.scorecard.kpis.length,
    });
  });
});

describe("targets flow down (SPEC §5)", () => {
  const KPIS = `query($id: ID!, $p: PeriodInput) { workspace(id: $id) { kpis { id key target(period: $p) { value source derivedFrom { kpiKey factor } setByName } } } }`;
  const SET = `mutation($k: ID!, $p: PeriodInput!, $v: Decimal) { setKpiTarget(kpiId: $k, period: $p, value: $v) { target } }`;
  const RETURN = `mutation($k: ID!, $p: PeriodInput!) { returnKpiTargetToDerived(kpiId: $k, period: $p) { kpi { key } period { from to } } }`;
  const AUDIT = `query($id: ID!) { workspace(id: $id) { auditEvents(first: 50) { edges { node { action targetId } } } } }`;
  const p = { type: "MONTH", anchor: "2026-12-06" };
  const now = at("2026-12-06");

  it("the pipeline target follows 3 × revenue until set; returned to derived, it follows again; every change is audited", async () => {
    const ws = await createWorkspaceWithOwner(db);
    const read = async () => {
      const r = await gqlAt(db, ws.viewer, now, KPIS, { id: ws.workspace.id, p });
      expect(r.errors).toBeUndefined();
      return new Map(
        (r.data!.workspace.kpis as { id: string; key: string; target: Record<string, any> }[]).map((k) => [k.key, k]),
      );
    };
    const kpis = await read();
    const revenue = kpis.get("company.revenue")!;
    const pipeline = kpis.get("cmo.pipeline_value")!;
    const set = async (id: string, v: string | null) => {
      const r = await gqlAt(db, ws.viewer, now, SET, { k: id, p, v });
      expect(r.errors).toBeUndefined();
    };

    await set(revenue.id, "1000000");
    expect((await read()).get("cmo.pipeline_value")!.target).toMatchObject({
      value: "3000000",
      source: "DERIVED",
      derivedFrom: { kpiKey: "company.revenue", factor: "3" },
    });
    await set(revenue.id, "2000000");
    expect((await read()).get("cmo.pipeline_value")!.target).toMatchObject({ value: "6000000", source: "DERIVED" });

    // Set explicitly: it stays when revenue moves, and says who set it.
    await set(pipeline.id, "118000000");
    await set(revenue.id, "1000000");
    expect((await read()).get("cmo.pipeline_value")!.target).toMatchObject({
      value: "118000000",
      source: "MANUAL",
      setByName: "Olga Owner",
    });

    // Returned to derived: 3 × the current revenue again, and again after the next change.
    const back = await gqlAt(db, ws.viewer, now, RETURN, { k: pipeline.id, p });
    expect(back.errors).toBeUndefined();
    expect(back.data!.returnKpiTargetToDerived).toMatchObject({
      kpi: { key: "cmo.pipeline_value" },
      period: { from: "2026-12-01", to: "2026-12-31" },
    });
    expect((await read()).get("cmo.pipeline_value")!.target).toMatchObject({ value: "3000000", source: "DERIVED" });
    await set(revenue.id, "5000000");
    expect((await read()).get("cmo.pipeline_value")!.target).toMatchObject({ value: "15000000", source: "DERIVED" });

    const audit = await gqlAt(db, ws.viewer, now, AUDIT, { id: ws.workspace.id });
    expect(audit.errors).toBeUndefined();
    const actions = (audit.data!.workspace.auditEvents.edges as { node: { action: string } }[]).map(
      (e) => e.node.action,
    );
    expect(actions.filter((a) => a === "target.set")).toHaveLength(5);
    expect(actions.filter((a) => a === "target.returnedToDerived")).toHaveLength(1);
  });

  it("returning another workspace's KPI target answers NOT_FOUND and writes nothing", async () => {
    const a = await createWorkspaceWithOwner(db);
    const b = await createWorkspaceWithOwner(db);
    const bKpis = await gqlAt(db, b.viewer, now, KPIS, { id: b.workspace.id, p });
    const pipelineB = (bKpis.data!.workspace.kpis as { id: string; key: string }[]).find(
      (k) => k.key === "cmo.pipeline_value",
    )!;
    const r = await gqlAt(db, a.viewer, now, RETURN, { k: pipelineB.id, p });
    expect(r.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const audit = await gqlAt(db, b.viewer, now, AUDIT, { id: b.workspace.id });
    expect(
      (audit.data!.workspace.auditEvents.edges as { node: { action: string } }[]).some((e) =>
        e.node.action.startsWith("target."),
      ),
    ).toBe(false);
  });
});
