import { execute, parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContext } from "@/graphql/context";
import { schema } from "@/graphql/schema";
import { metricReadCache } from "@/graphql/types/metrics";
import { readDataVersion } from "@/lib/data-version/data-version-cache";
import { scorecardContextCache } from "@/lib/scorecard-service/load-scorecard-context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { type UserViewer, createWorkspaceWithOwner } from "./factories";
import { TEST_DB, type TestDatabase, openTestDatabase } from "./harness";
import { APRIL_15, APRIL_ROWS, gqlAt, ingest } from "./scorecard-fixture";

/**
 * Scorecards are cached per workspace data version (lib/data-version/data-version-cache.ts).
 * These tests hold the version to its promise: every table a scorecard reads carries the bump
 * trigger, every kind of write bumps it (and only its own workspace's), a rolled-back write
 * does not, and a scorecard read after any write shows the write.
 */
let db: TestDatabase;
let owner: UserViewer;
let workspaceId: string;
let gid: string;
let other: { viewer: UserViewer; workspaceId: string };

/**
 * The tables a scorecard is computed from (load-scorecard-definitions.ts, load-period-sums.ts),
 * and brandings, which the share page's cached report documents show (open-shared-report.ts).
 */
const SCORECARD_TABLES = [
  "brandings",
  "channel_group_mappings",
  "custom_measures",
  "custom_metrics",
  "kpi_annotations",
  "kpi_target_versions",
  "kpis",
  "metric_facts",
  "metric_settings",
];

const run = (query: string, variables?: Record<string, unknown>, viewer: UserViewer = owner) =>
  gqlAt(db, viewer, APRIL_15, query, variables);
const ok = async (query: string, variables?: Record<string, unknown>) => {
  const r = await run(query, variables);
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data!;
};

const SCORECARD = `query($id: ID!) { workspace(id: $id) { scorecard(role: OWNER, period: { type: MONTH, anchor: "2026-04-01" }) {
  kpis { key actual target annotation { body } } } } }`;
const card = async () =>
  (await ok(SCORECARD, { id: gid })).workspace.scorecard.kpis as {
    key: string;
    actual: string | null;
    target: string | null;
    annotation: { body: string } | null;
  }[];
const kpi = async (key: string) => (await card()).find((k) => k.key === key)!;

beforeAll(async () => {
  db = await openTestDatabase();
  const created = await createWorkspaceWithOwner(db, { timeZone: "Europe/Moscow", locale: "en" });
  owner = created.viewer;
  workspaceId = created.workspace.id;
  gid = (await ok(`query($id: ID!) { workspace(id: $id) { id } }`, { id: workspaceId })).workspace.id;
  const b = await createWorkspaceWithOwner(db);
  other = { viewer: b.viewer, workspaceId: b.workspace.id };
  await ingest(db, workspaceId, APRIL_ROWS);
});
afterAll(async () => db?.close());

describe("workspace data versions", () => {
  it("every table a scorecard reads carries the bump trigger, and only those", async () => {
    const { rows } = await db.sql.query<{ table: string }>(
      `SELECT c.relname AS table FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
        WHERE t.tgname = 'bump_data_version' AND NOT t.tgisinternal ORDER BY 1`,
    );
    expect(rows.length, "no bump_data_version trigger found at all").toBeGreaterThan(0);
    expect(rows.map((r) => r.table)).toEqual(SCORECARD_TABLES);
  });

  it("each kind of write bumps its workspace's version, and no other workspace's", async () => {
    const kpis = (await ok(`query($id: ID!) { workspace(id: $id) { kpis { id key } } }`, { id: gid })).workspace
      .kpis as { id: string; key: string }[];
    const revenue = kpis.find((k) => k.key === "company.revenue")!;
    const writes: [string, () => Promise<unknown>][] = [
      [
        "facts",
        () => ingest(db, workspaceId, [{ date: "2026-04-02", channel: "paid_search", measure: "spend", value: "1" }]),
      ],
      [
        "target",
        () =>
          ok(
            `mutation($k: ID!) { setKpiTarget(kpiId: $k, period: { type: MONTH, anchor: "2026-04-01" }, value: "123456") { target } }`,
            { k: revenue.id },
          ),
      ],
      [
        "annotation",
        () =>
          ok(
            `mutation($k: ID!) { setKpiAnnotation(kpiId: $k, body: "Campaign paused", period: { type: MONTH, anchor: "2026-04-01" }) { annotation { body } } }`,
            { k: revenue.id },
          ),
      ],
      [
        "kpi",
        () =>
          ok(`mutation($i: UpdateKpiInput!) { updateKpi(input: $i) { kpi { weight } } }`, {
            i: { id: revenue.id, weight: "3" },
          }),
      ],
      [
        "settings",
        () =>
          ok(
            `mutation($i: UpdateMetricSettingsInput!) { updateMetricSettings(input: $i) { settings { grossMargin } } }`,
            { i: { workspaceId: gid, grossMargin: "0.5" } },
          ),
      ],
      [
        "custom measure",
        () =>
          ok(`mutation($i: CreateCustomMeasureInput!) { createCustomMeasure(input: $i) { measure { key } } }`, {
            i: { workspaceId: gid, key: "webinar_signups", nameEn: "Webinar sign-ups", unit: "COUNT" },
          }),
      ],
      [
        "channel group",
        () =>
          ok(`mutation($i: SetChannelGroupInput!) { setChannelGroup(input: $i) { group } }`, {
            i: { workspaceId: gid, channel: "Partner Network", group: "referral" },
          }),
      ],
      [
        "custom metric",
        () =>
          ok(`mutation($i: CreateCustomMetricInput!) { createCustomMetric(input: $i) { metric { key } } }`, {
            i: {
              workspaceId: gid,
              key: "spend_per_signup",
              nameEn: "Spend per sign-up",
              formula: "spend / webinar_signups",
            },
          }),
      ],
    ];
    for (const [what, write] of writes) {
      const before = BigInt(await readDataVersion(db, workspaceId));
      const otherBefore = await readDataVersion(db, other.workspaceId);
      await write();
      expect(BigInt(await readDataVersion(db, workspaceId)), `${what} did not bump the version`).toBeGreaterThan(
        before,
      );
      expect(await readDataVersion(db, other.workspaceId), `${what} bumped another workspace`).toBe(otherBefore);
    }
  });

  it("a write that rolls back leaves the version as it was", async () => {
    const before = await readDataVersion(db, workspaceId);
    await expect(
      withTenant(db, { workspaceId }, async (tx) => {
        await tx.$executeRawUnsafe(
          `UPDATE metric_facts SET value = value + 1 WHERE workspace_id = $1::uuid`,
          workspaceId,
        );
        throw new Error("abort on purpose");
      }),
    ).rejects.toThrow("abort on purpose");
    expect(await readDataVersion(db, workspaceId)).toBe(before);
  });

  it("a cached scorecard is reused while nothing changes and recomputed after any write", async () => {
    const first = await card();
    const cached = scorecardContextCache.size(db);
    expect(cached).toBeGreaterThan(0);
    expect(await card()).toEqual(first);
    expect(scorecardContextCache.size(db), "an unchanged workspace must hit the cache").toBe(cached);

    const revenueBefore = (await kpi("company.revenue")).actual;
    await ingest(db, workspaceId, [{ date: "2026-04-03", channel: "paid_search", measure: "revenue", value: "1000" }]);
    const revenueAfter = (await kpi("company.revenue")).actual;
    expect(revenueAfter).not.toBe(revenueBefore);
    expect(scorecardContextCache.size(db)).toBe(cached + 1);
  });

  it("a page render reuses metric reads while nothing changes and reads again after a write", async () => {
    // As graphql/execute-server.ts runs a page: a read-only context per request.
    const page = async () => {
      const result = await execute({
        schema,
        document: parse(`query($id: ID!) { workspace(id: $id) {
          metricSeries(key: "spend", from: "2026-04-01", to: "2026-04-15", grain: DAY) { points { from value } }
          metricBreakdown(keys: ["spend"], from: "2026-04-01", to: "2026-04-15", by: CHANNEL) { channel values { key value } }
          metricComparison(keys: ["spend"], from: "2026-04-01", to: "2026-04-15") { current { value } previousPeriod { value } }
          metricValues(keys: ["spend"], from: "2026-04-01", to: "2026-04-15") { key value } } }`),
        variableValues: { id: gid },
        contextValue: createContext({ db, viewer: owner, readOnly: true, clock: () => APRIL_15 }),
      });
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      return JSON.parse(JSON.stringify(result.data)).workspace;
    };
    const before = metricReadCache.size(db);
    const first = await page();
    expect(metricReadCache.size(db) - before, "the four reads were stored").toBe(4);
    expect(await page()).toEqual(first);
    expect(metricReadCache.size(db) - before, "an unchanged workspace must hit the cache").toBe(4);

    await ingest(db, workspaceId, [{ date: "2026-04-07", channel: "paid_search", measure: "spend", value: "777" }]);
    const after = await page();
    expect(metricReadCache.size(db) - before, "a write is a miss").toBe(8);
    expect(Number(after.metricValues[0].value) - Number(first.metricValues[0].value)).toBe(777);
    const day7 = (w: typeof first) =>
      w.metricSeries.points.find((p: { from: string }) => p.from === "2026-04-07").value;
    expect(Number(day7(after)) - Number(day7(first) ?? 0)).toBe(777);
    expect(after.metricComparison[0].current.value).toBe(after.metricValues[0].value);
    // API calls (not read-only) are never served from the cache: they see the same data.
    const api = (
      await ok(
        `query($id: ID!) { workspace(id: $id) { metricValues(keys: ["spend"], from: "2026-04-01", to: "2026-04-15") { value } } }`,
        { id: gid },
      )
    ).workspace;
    expect(api.metricValues[0].value).toBe(after.metricValues[0].value);
    expect(metricReadCache.size(db) - before).toBe(8);
  });

  it("versions are tenant data: without the tenant setting the app role sees none", async () => {
    expect(await readDataVersion(db, workspaceId)).not.toBe("0");
    const { rows } = await db.sql.query("SELECT weight FROM workspace_data_changes WHERE workspace_id = $1::uuid", [
      workspaceId,
    ]);
    expect(rows).toEqual([]);
  });

  it("compaction folds the change rows into one and keeps the version", async () => {
    // Rows of three earlier writers (the trigger compacts at random now and then, so make sure there are several).
    await withTenant(db, { workspaceId }, (tx) =>
      tx.$executeRawUnsafe(
        "INSERT INTO workspace_data_changes (workspace_id, txid) VALUES ($1::uuid, '11'::xid8), ($1::uuid, '12'::xid8), ($1::uuid, '13'::xid8) ON CONFLICT DO NOTHING",
        workspaceId,
      ),
    );
    const before = await readDataVersion(db, workspaceId);
    const count = (tx: Parameters<Parameters<typeof withTenant>[2]>[0]) =>
      tx.$queryRawUnsafe<{ n: number }[]>(
        "SELECT count(*)::int AS n FROM workspace_data_changes WHERE workspace_id = $1::uuid",
        workspaceId,
      );
    const rowsAfter = await withTenant(db, { workspaceId }, async (tx) => {
      expect((await count(tx))[0].n).toBeGreaterThan(1);
      // A writing transaction (it adds its own row) that compacts.
      await tx.$executeRawUnsafe(
        "UPDATE metric_settings SET updated_at = now() WHERE workspace_id = $1::uuid",
        workspaceId,
      );
      await tx.$executeRawUnsafe("SELECT compact_workspace_data_changes($1::uuid)", workspaceId);
      return (await count(tx))[0].n;
    });
    expect(rowsAfter).toBe(1);
    // The compacting transaction was itself a write: exactly one more.
    expect(BigInt(await readDataVersion(db, workspaceId))).toBe(BigInt(before) + 1n);
  });

  it.runIf(TEST_DB === "postgres")(
    "concurrent writers of one workspace do not wait for each other (an import's parallel chunks)",
    async () => {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      let firstWrote!: () => void;
      const wrote = new Promise<void>((r) => (firstWrote = r));
      const before = BigInt(await readDataVersion(db, workspaceId));
      const first = withTenant(db, { workspaceId }, async (tx) => {
        await tx.$executeRawUnsafe(
          "INSERT INTO metric_facts (workspace_id, date, channel, measure, value) VALUES ($1::uuid, '2026-04-25', 'seo', 'sessions', 1)",
          workspaceId,
        );
        firstWrote();
        await gate;
      });
      await wrote;
      // The second transaction writes and commits while the first still holds its rows open.
      const second = withTenant(db, { workspaceId }, (tx) =>
        tx.$executeRawUnsafe(
          "INSERT INTO metric_facts (workspace_id, date, channel, measure, value) VALUES ($1::uuid, '2026-04-26', 'seo', 'sessions', 1)",
          workspaceId,
        ),
      );
      const outcome = await Promise.race([
        second.then(() => "committed"),
        new Promise((r) => setTimeout(() => r("blocked"), 5000)),
      ]);
      release();
      await first;
      await second;
      expect(outcome).toBe("committed");
      expect(BigInt(await readDataVersion(db, workspaceId))).toBe(before + 2n);
    },
  );
});
