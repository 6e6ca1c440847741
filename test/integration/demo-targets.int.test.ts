import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoData } from "@/lib/demo/load-demo-data";
import { DEMO_TARGET_PAST_MONTHS } from "@/lib/demo/set-demo-targets";
import { DEMO_OWNER, seedDemoIfEmpty } from "@/lib/demo/seed-demo";
import { env, isTruthy } from "@/lib/env";
import { updateMetricSettings } from "@/lib/metric-store/update-metric-settings";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { createWorkspaceWithOwner, type UserViewer } from "./factories";
import { type TestDatabase, gql, openTestDatabase } from "./harness";
import { gqlAt } from "./scorecard-fixture";

/**
 * The demo workspace comes with targets: every KPI of every scorecard has one for the current
 * month (and the 3 before it), derived from the demo figures so that the scorecards show a mix
 * of statuses; loading the demo again adds no target version.
 */
let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
}, 300_000);
afterAll(async () => db?.close());

const KPI_COUNT = 25;
const MONTHS = DEMO_TARGET_PAST_MONTHS + 1;
/** The demo is pinned: facts up to 25 November 2026, looked at on the 26th. */
const END_DATE = "2026-11-25";
const NOW = new Date("2026-11-26T12:00:00Z");
const ROLES = ["OWNER", "SALES", "CMO", "PERFORMANCE", "SMM", "CONTENT"] as const;

const SCORECARD = /* GraphQL */ `
  query Scorecard($id: ID!, $role: WorkspaceRole!, $period: PeriodInput) {
    workspace(id: $id) {
      scorecard(role: $role, period: $period) {
        owner
        period {
          label
        }
        statusCounts {
          onTrack
          atRisk
          offTrack
          noData
        }
        kpis {
          key
          actual
          target
          targetSource
          attainmentToDate
          status
          gateFailed
        }
      }
    }
  }
`;

interface Card {
  owner: string;
  period: { label: string };
  statusCounts: { onTrack: number; atRisk: number; offTrack: number; noData: number };
  kpis: {
    key: string;
    actual: string | null;
    target: string | null;
    targetSource: string | null;
    attainmentToDate: string | null;
    status: string;
    gateFailed: boolean;
  }[];
}

async function versionStats(workspaceId: string) {
  const [row] = await withTenant(db, { workspaceId }, (tx) =>
    tx.$queryRawUnsafe<{ versions: number; pairs: number; periods: number }[]>(
      `SELECT count(*)::int AS versions, count(DISTINCT (kpi_id, period_from, period_to))::int AS pairs,
              count(DISTINCT (period_from, period_to))::int AS periods
         FROM kpi_target_versions WHERE workspace_id = $1::uuid`,
      workspaceId,
    ),
  );
  return row;
}

describe("demo targets", () => {
  it("the first-start seed sets them and stays fast", async () => {
    if (!isTruthy(env().SEED_DEMO)) return;
    const seeded = await seedDemoIfEmpty(db);
    expect(seeded.seeded).toBe(true);
    const stats = await versionStats(seeded.workspaceId!);
    expect(stats).toEqual({ versions: KPI_COUNT * MONTHS, pairs: KPI_COUNT * MONTHS, periods: MONTHS });
    console.log(`demo seed with targets: ${seeded.rows} facts in ${seeded.ms} ms on ${db.kind} (${DEMO_OWNER.email})`);
    expect(seeded.ms!).toBeLessThan(20_000);
  }, 120_000);

  let owner: UserViewer;
  let workspaceId: string;
  let wsGlobalId: string;

  it("every scorecard has targets and a mix of statuses for the current month", async () => {
    const created = await createWorkspaceWithOwner(db, { timeZone: "Europe/Moscow", currency: "RUB", locale: "en" });
    owner = created.viewer;
    workspaceId = created.workspace.id;
    await updateMetricSettings(db, {
      workspaceId,
      input: { grossMargin: "0.4" },
      actor: { kind: "user", userId: owner.userId },
    });
    const loaded = await loadDemoData(db, { workspaceId, endDate: END_DATE });
    expect(loaded.targets).toBe(KPI_COUNT * MONTHS);
    const ws = await gqlAt(db, owner, NOW, `query($id: ID!) { workspace(id: $id) { id } }`, { id: workspaceId });
    wsGlobalId = ws.data!.workspace.id;

    const totals = { onTrack: 0, atRisk: 0, offTrack: 0, noData: 0 };
    for (const role of ROLES) {
      const result = await gqlAt<{ workspace: { scorecard: Card } }>(db, owner, NOW, SCORECARD, {
        id: wsGlobalId,
        role,
      });
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      const card = result.data!.workspace.scorecard;
      expect(card.period.label).toBe("2026-11");
      expect(card.kpis.length, role).toBeGreaterThan(0);
      for (const kpi of card.kpis) {
        expect(kpi.target, `${role} ${kpi.key}`).not.toBeNull();
        expect(kpi.targetSource, `${role} ${kpi.key}`).toBe("TEMPLATE");
        expect(kpi.status, `${role} ${kpi.key}`).not.toBe("NO_DATA");
      }
      const statuses = card.kpis.map((k) => k.status);
      expect(statuses, role).toContain("ON_TRACK");
      expect(
        statuses.some((s) => s !== "ON_TRACK"),
        `${role}: ${statuses.join(", ")}`,
      ).toBe(true);
      for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += card.statusCounts[k];
      console.log(`${role.padEnd(12)} ${card.kpis.map((k) => `${k.key}=${k.status}`).join(" ")}`);
    }
    // Mostly on track, some at risk, one or two off track (paid ROMI; qualified leads behind their quality gate).
    expect(totals.onTrack).toBeGreaterThan(totals.atRisk + totals.offTrack);
    expect(totals.atRisk).toBeGreaterThan(0);
    expect(totals.offTrack).toBeGreaterThan(0);
    expect(totals.noData).toBe(0);
    console.log(`demo statuses, 2026-11, all scorecards: ${JSON.stringify(totals)}`);

    // The months before have targets too.
    const october = await gqlAt<{ workspace: { scorecard: Card } }>(db, owner, NOW, SCORECARD, {
      id: wsGlobalId,
      role: "OWNER",
      period: { type: "MONTH", anchor: "2026-10-01" },
    });
    expect(october.errors).toBeUndefined();
    expect(
      october.data!.workspace.scorecard.kpis.every((k) => k.target !== null && k.targetSource === "TEMPLATE"),
    ).toBe(true);
  }, 120_000);

  it("loading again adds no target version and keeps a target the user set", async () => {
    const before = await versionStats(workspaceId);
    expect(before).toEqual({ versions: KPI_COUNT * MONTHS, pairs: KPI_COUNT * MONTHS, periods: MONTHS });
    const again = await loadDemoData(db, { workspaceId, endDate: END_DATE });
    expect(again).toMatchObject({ inserted: 0, updated: 0, targets: 0 });
    expect(await versionStats(workspaceId)).toEqual(before);

    // Through the onboarding mutation (today's clock): still one target history per KPI and period.
    const kpis = await gql(db, owner, `query($id: ID!) { workspace(id: $id) { kpis { id key } } }`, { id: wsGlobalId });
    const revenue = (kpis.data!.workspace.kpis as { id: string; key: string }[]).find(
      (k) => k.key === "company.revenue",
    )!;
    const set = await gqlAt(
      db,
      owner,
      NOW,
      `mutation($kpiId: ID!, $value: Decimal) { setKpiTarget(kpiId: $kpiId, period: { type: MONTH, anchor: "2026-11-01" }, value: $value) { target } }`,
      {
        kpiId: revenue.id,
        value: "12345000",
      },
    );
    expect(set.errors, JSON.stringify(set.errors)).toBeUndefined();
    const mutation = await gql(
      db,
      owner,
      `mutation($id: ID!) { loadDemoData(input: { workspaceId: $id }) { inserted } }`,
      { id: wsGlobalId },
    );
    expect(mutation.errors, JSON.stringify(mutation.errors)).toBeUndefined();
    const after = await versionStats(workspaceId);
    expect(after.versions).toBe(after.pairs + 1);
    const card = await gqlAt<{ workspace: { scorecard: Card } }>(db, owner, NOW, SCORECARD, {
      id: wsGlobalId,
      role: "OWNER",
    });
    expect(card.data!.workspace.scorecard.kpis.find((k) => k.key === "company.revenue")).toMatchObject({
      target: "12345000",
      targetSource: "MANUAL",
    });
  }, 120_000);
});
